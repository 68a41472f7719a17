"""Bad input (issue 2 §6): each gets a clear message and the right exit code, never a traceback.

Exit 1 when the file was read and has problems (they point at line and column); exit 2 when it
cannot be read as text at all.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportkit.lint import check
from reportkit.problems import ReportError
from reportkit.readers.source import decode
from reportkit.readers.spec import read_spec_text

from .conftest import SPEC, run_cli

GOOD = SPEC.read_text(encoding="utf-8")
PROBLEM_LINE = re.compile(r"^\S+?(:\d+:\d+)?: (error|warning) .+ \(RK\d{3}\)$")


def validate(tmp_path, content: bytes | str, name: str = "spec.yaml"):
    """Run `reportkit validate` on a file with this content: (exit code, stdout+stderr)."""
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    out = run_cli("validate", path)
    text = (out.stdout + out.stderr).decode("utf-8")
    assert "Traceback" not in text, text
    return out.returncode, text


def problem_lines(text: str) -> list[str]:
    lines = [ln for ln in text.splitlines() if ": error " in ln or ": warning " in ln]
    assert lines and all(PROBLEM_LINE.match(ln) for ln in lines), text
    return lines


def test_malformed_yaml(tmp_path):
    code, text = validate(tmp_path, "meta:\n  title: 报告\n body: [\n")
    assert code == 1
    [line] = problem_lines(text)
    assert re.search(r"spec\.yaml:3:\d+: error YAML syntax: .+ \(RK010\)", line)


def test_wrong_types(tmp_path):
    spec = GOOD.replace("year_planned: 2024", "year_planned: 明年").replace(
        "growth: 6.7,", "growth: [6.7],")
    code, text = validate(tmp_path, spec)
    assert code == 1
    assert "year_planned` must be a whole number, not `明年` (RK020)" in text
    assert "`growth` must be a number, not a list (RK020)" in text


def test_unknown_keys_get_did_you_mean(tmp_path):
    spec = GOOD.replace("  salutation:", "  salutaion:").replace("- section: 2023年目标完成",
                                                                   "- sectoin: 2023年目标完成")
    code, text = validate(tmp_path, spec)
    assert code == 1
    lines = problem_lines(text)
    assert any("unknown key `salutaion` in `meta`; did you mean `salutation`?" in ln
               for ln in lines)
    assert any("unknown key `sectoin` in a body item; did you mean `section`?" in ln
               for ln in lines)
    # the misspelt section is reported once, not also as "needs exactly one of …"
    assert "RK026" not in text


@pytest.mark.parametrize("content", ["", "\n\n", "# only a comment\n"])
def test_empty_file(tmp_path, content):
    code, text = validate(tmp_path, content)
    assert code == 1
    assert "spec.yaml:1:1: error empty spec: expected a mapping with `meta` and `body` (RK011)" \
        in text


def test_gbk_file_is_recognised_and_named(tmp_path):
    code, text = validate(tmp_path, GOOD.replace("•", "·").encode("gbk"))  # • is not in GBK
    assert code == 2
    [line] = problem_lines(text)
    assert "not valid UTF-8" in line and "it looks like GBK" in line
    assert "iconv -f GBK -t UTF-8" in line and "(RK004)" in line
    assert re.match(r"\S+spec\.yaml:1:\d+: error", line)  # the first non-ASCII byte


def test_big5_file_is_named(tmp_path):
    code, text = validate(tmp_path, "meta: {title: 關於東區報告}\nbody: []\n".encode("big5"))
    assert code == 2 and "it looks like BIG5" in text


def test_utf16_file_is_named(tmp_path):
    code, text = validate(tmp_path, GOOD.encode("utf-16"))
    assert code == 2 and "UTF-16 text, not UTF-8" in text and "(RK004)" in text


def test_alias_bomb_is_refused_quickly(tmp_path):
    bomb, prev = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n', "a"
    for name in "bcdefghi":
        bomb += f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]\n"
        prev = name
    code, text = validate(tmp_path, bomb)
    assert code == 1
    assert "spec.yaml:1:1: error the spec expands to more than 200000 nodes" in text
    assert "(RK012)" in text


def test_recursive_alias(tmp_path):
    code, text = validate(tmp_path, "meta: &m {title: 报告, again: *m}\nbody: []\n")
    assert code == 1 and "(RK012)" in text


def test_fifty_megabyte_file(tmp_path):
    big = GOOD + "# " + "填" * (50 * 1024 * 1024 // 3) + "\n"
    code, text = validate(tmp_path, big)
    assert code == 2
    [line] = problem_lines(text)
    assert re.search(r"spec\.yaml: error file is 52\.\d MB; the limit is 10 MB \(RK002\)$", line)


def test_python_tags_are_refused_not_run(tmp_path):
    marker = tmp_path / "pwned"
    spec = GOOD.replace("status: 定稿", f"status: !!python/object/apply:os.system "
                                        f"['touch {marker}']")
    spec += "extra: !!python/object:collections.OrderedDict {}\n"
    code, text = validate(tmp_path, spec)
    assert code == 1 and not marker.exists()
    assert "unsupported tag !!python/object/apply:os.system: a spec is plain YAML (RK013)" in text
    assert "unsupported tag !!python/object:collections.OrderedDict" in text


def test_missing_file(tmp_path):
    out = run_cli("validate", tmp_path / "nope.yaml")
    assert out.returncode == 2
    assert b"nope.yaml: error no such file (RK001)" in out.stdout
    assert b"Traceback" not in out.stderr


def test_directory(tmp_path):
    out = run_cli("validate", tmp_path)
    assert out.returncode == 2
    assert f"{tmp_path}: error is a directory, not a file (RK001)".encode() in out.stdout


def test_binary_file(tmp_path):
    code, text = validate(tmp_path, b"PK\x03\x04\x00\x00binary")
    assert code == 2 and "binary file (NUL bytes): not a text report (RK003)" in text


def test_absurd_number_and_deep_nesting(tmp_path):
    code, text = validate(tmp_path, GOOD.replace("growth: 6.7,", "growth: 1e999999999,"))
    assert code == 1 and "`growth` is not a number a report states: `1e999999999`" in text
    deep = "meta: {title: 报告}\nbody:\n" + "".join(
        "  " * i + "- section: 甲\n" + "  " * i + "  body:\n" for i in range(400))
    code, text = validate(tmp_path, deep + "  " * 400 + "  - 段落。\n")
    assert code == 1 and "(RK012)" in text


def test_one_unreadable_file_among_good_ones(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(GOOD, encoding="utf-8")
    out = run_cli("validate", good, tmp_path / "missing.yaml")
    assert out.returncode == 2
    assert b"missing.yaml: error no such file (RK001)" in out.stdout
    assert out.stdout.count(b"(RK104)") == 16  # the good file was still checked


# -- reading never raises ----------------------------------------------------------------------
_WORDS = st.sampled_from(["meta", "body", "title", "section", "text", "lead", "results",
                          "targets", "indicator", "growth", "level", "target", "ensure",
                          "strive", "value", "notes", "key", "and", "- ", ": ", "{", "}", "[",
                          "]", "\n", "  ", "&a ", "*a", "!!str ", "6.7", "7.2以上", "~", "'",
                          '"', "#", "年", "[^k]", "gdp", "1e9", "²", "---\n", "|\n"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), st.lists(_WORDS, max_size=60).map("".join)))
def test_reading_and_linting_never_raise(text):
    report, problems = read_spec_text(text, "h.yaml")
    assert all(p.level in ("error", "warning") and p.code.startswith("RK") for p in problems)
    if report is not None:
        check(report)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_decoding_bytes_either_reads_or_says_why(data):
    try:
        text, encoding = decode(data, "b.yaml")
    except ReportError as exc:
        assert exc.problem.code in ("RK003", "RK004")
    else:
        assert isinstance(text, str) and encoding in ("utf-8", "utf-8-sig")


_SEED_LINES = GOOD.splitlines(keepends=True)
_EDITS = {
    "drop": lambda line: "",
    "twice": lambda line: line + line,
    "cut": lambda line: line[: len(line) // 2] + "\n",
    "indent": lambda line: "  " + line,
    "dedent": lambda line: line[2:],
    "numbers": lambda line: re.sub(r"\d+(\.\d+)?", "-0.0", line),
    "no quotes": lambda line: line.replace('"', "").replace("{", ""),
}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(_SEED_LINES) - 1), st.sampled_from(sorted(_EDITS))),
                min_size=1, max_size=4))
def test_edited_seed_never_breaks_the_checker(edits):
    """A drafter's half-finished edit of a real spec gets problems, never an exception."""
    lines = list(_SEED_LINES)
    for index, edit in edits:
        lines[index] = _EDITS[edit](lines[index])
    report, problems = read_spec_text("".join(lines), "edited.yaml")
    if report is not None:
        problems += check(report)
    assert all(p.line >= 0 and p.code.startswith("RK") for p in problems)
