"""Readers: each turns a source (spec YAML, report text, Word file) into a model.Report."""
