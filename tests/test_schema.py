"""`reportkit schema`: the JSON Schema accepts the seed spec and rejects typical mistakes."""

from __future__ import annotations

import copy
import json

import jsonschema
import pytest
import yaml

from reportkit import vocab
from reportkit.lint import check
from reportkit.readers import spec as reader

from .conftest import SPEC, run_cli


@pytest.fixture(scope="module")
def schema():
    out = run_cli("schema")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    jsonschema.Draft7Validator.check_schema(data)
    # draft-07: the newest draft yaml-language-server (VS Code's YAML extension) understands
    assert data["$schema"] == "http://json-schema.org/draft-07/schema#"
    return data


@pytest.fixture(scope="module")
def seed():
    # Dates as an editor's YAML 1.2 parser sees them: strings.
    return json.loads(json.dumps(yaml.safe_load(SPEC.read_text(encoding="utf-8")), default=str))


def errors(schema, data) -> list[str]:
    return [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(data)]


def test_seed_spec_is_valid(schema, seed):
    assert errors(schema, seed) == []


def _first(data, kind):
    """The first body item of a kind, searched depth first."""
    stack = list(data["body"])
    while stack:
        item = stack.pop(0)
        if isinstance(item, dict):
            if kind in item:
                return item
            stack[:0] = item.get("body", [])
    raise LookupError(kind)


MISTAKES = {
    "unknown top-level key": lambda d: d.update(notse=[]),
    "misspelt meta key": lambda d: d["meta"].update(titel=d["meta"].pop("title")),
    "year as text": lambda d: d["meta"].update(year_planned="二〇二四"),
    "date not ISO": lambda d: d["meta"].update(date="2024年2月27日"),
    "spec version 2": lambda d: d.update(reportkit=2),
    "no body": lambda d: d.pop("body"),
    "misspelt section key": lambda d: d["body"].append({"sectoin": "标题"}),
    "two kinds in one item": lambda d: d["body"].append({"section": "甲", "text": "乙"}),
    "lead without text": lambda d: d["body"].append({"lead": "甲。"}),
    "result without indicator": lambda d: _first(d, "results")["results"].append({"growth": 1}),
    "growth as words": lambda d: _first(d, "results")["results"][0].update(growth="六点七"),
    "unknown qualifier": lambda d: _first(d, "targets")["targets"][0].update(
        strive={"value": 7.2, "qualifier": "多"}),
    "value and ensure": lambda d: _first(d, "targets")["targets"][0].update(value=6),
    "target without a value": lambda d: _first(d, "targets")["targets"].append(
        {"indicator": "gdp"}),
    "unknown measure": lambda d: _first(d, "targets")["targets"][0].update(measure="rate"),
    "note without key": lambda d: d["notes"].append({"term": "甲"}),
    "paragraph as a list": lambda d: d["body"].append([["甲"]]),
}


@pytest.mark.parametrize("mistake", MISTAKES, ids=list(MISTAKES))
def test_typical_mistakes_fail_the_schema_and_the_reader(schema, seed, mistake):
    data = copy.deepcopy(seed)
    MISTAKES[mistake](data)
    assert errors(schema, data), f"the schema accepts: {mistake}"
    report, problems = reader.read_spec_text(yaml.safe_dump(data, allow_unicode=True), "m.yaml")
    if report is not None:
        problems += check(report)
    assert any(p.level == "error" for p in problems), f"validate accepts: {mistake}"


def _props(schema, ref):
    node = schema["definitions"][ref] if ref else schema
    return set(node["properties"])


def _block_keys(schema):
    keys = set()
    for option in schema["definitions"]["block"]["oneOf"]:
        keys |= set(option.get("properties", {}))
    return keys


def test_schema_keys_are_the_readers(schema):
    assert _props(schema, None) == set(reader.TOP_KEYS)
    assert _props(schema, "meta") == set(reader.META_KEYS)
    assert _props(schema, "indicator") == set(reader.INDICATOR_KEYS)
    assert _props(schema, "result") == set(reader.RESULT_KEYS)
    assert _props(schema, "target") == set(reader.TARGET_KEYS)
    assert _props(schema, "note") == set(reader.NOTE_KEYS)
    assert _block_keys(schema) == set(reader.BLOCK_KEYS)


def test_schema_words_are_the_vocabulary(schema):
    value_obj = schema["definitions"]["value"]["anyOf"][2]
    assert value_obj["properties"]["qualifier"]["enum"] == list(vocab.QUALIFIERS)
    assert schema["definitions"]["indicator"]["properties"]["kind"]["enum"] == list(vocab.MEASURES)


def test_schema_output_to_a_file(tmp_path):
    out = run_cli("schema", "-o", tmp_path / "spec.schema.json")
    assert out.returncode == 0 and out.stdout == b""
    assert json.loads((tmp_path / "spec.schema.json").read_text(encoding="utf-8"))["title"]


def test_builtin_indicator_keys_are_offered(schema):
    from reportkit.registry import builtin

    [offered, _any] = schema["definitions"]["indicator_key"]["anyOf"]
    assert offered["enum"] == [ind.key for ind in builtin()]
