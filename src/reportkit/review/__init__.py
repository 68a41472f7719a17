"""Word review back into the spec: read tracked changes and comments, map them, edit the YAML.

read.py reads a reviewed .docx into its original and edited paragraphs and its comments;
places.py says where each line of the report lives in the spec; map.py turns the differences
into edits of YAML paths (generated.py traces edited result and target sentences back to their
numbers); apply.py edits the YAML in place with ruamel.yaml's round trip; absorb.py puts it
together, with conflicts between reviewers and validation of the result.
"""
