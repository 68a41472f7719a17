"""Fonts: the alias file maps the official names to installed faces that cover the report."""

from __future__ import annotations

import os
import subprocess

import pytest

from reportkit import flat, fonts
from reportkit.style import load_style

from .conftest import SPEC, run_cli

CWTEX = "/usr/share/fonts/truetype/cwtex/cwfs.ttf"

EXPECTED = {  # official name -> family fontconfig must pick with our aliases
    "仿宋_GB2312": "FandolFang", "仿宋": "FandolFang", "FangSong": "FandolFang",
    "楷体_GB2312": "FandolKai", "楷体": "FandolKai", "KaiTi": "FandolKai",
    "黑体": "FandolHei", "SimHei": "FandolHei",
    "方正小标宋简体": "FandolSong", "华文中宋": "FandolSong",
    "宋体": "AR PL UMing CN", "SimSun": "AR PL UMing CN",
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_official_names_resolve_to_the_intended_faces(name):
    face = fonts.resolve(name)
    assert face.family == EXPECTED[name]
    assert os.path.exists(face.file)


def test_title_gets_the_bold_song_face():
    # Both Fandol Song faces declare weight 400; only the Bold one is installed, for the title.
    assert fonts.resolve("方正小标宋简体").file.endswith("FandolSong-Bold.otf")


def test_fc_match_with_config_env_uses_the_aliases():
    """What soffice sees: a child process given config_env() resolves through our aliases."""
    with_ours = subprocess.run(["fc-match", "-f", "%{family[0]}", "仿宋_GB2312:lang=zh-cn"],
                               env=fonts.config_env(), capture_output=True, text=True,
                               check=True).stdout
    assert with_ours == "FandolFang"


def test_config_env_includes_the_system_fonts():
    conf = fonts.config_env()["FONTCONFIG_FILE"]
    with open(conf, encoding="utf-8") as fh:
        text = fh.read()
    assert "/etc/fonts/fonts.conf" in text and "reportkit-aliases.conf" in text
    latin = subprocess.run(["fc-match", "-f", "%{family[0]}", "DejaVu Sans"],
                           env=fonts.config_env(), capture_output=True, text=True, check=True).stdout
    assert latin == "DejaVu Sans"


def test_every_role_of_the_official_style_covers_the_seed(seed_report):
    style = load_style("official")
    texts = fonts.role_texts(flat.lines(seed_report), style.value("page_number", "format"))
    for role, text in texts.items():
        font = style.font(role)
        assert fonts.coverage(fonts.resolve(font.name, font.bold), [text]) == [], role


@pytest.mark.skipif(not os.path.exists(CWTEX), reason="fonts-cwtex-fs not installed")
def test_coverage_finds_simplified_characters_missing_from_cwtex():
    missing = fonts.coverage(fonts.Face("cwTeXFangSong", CWTEX), ["攀枝花市东区发展和改革局"])
    assert {"东", "发"} <= set(missing)
    assert "攀" not in missing


def test_role_texts_assign_lead_sentences_and_headings(seed_report):
    lines = flat.lines(seed_report)
    texts = fonts.role_texts(lines)
    heading = next(ln for ln in lines if ln.kind == "heading" and ln.level == 1)
    lead = next(ln for ln in lines if ln.kind == "para" and ln.lead)
    assert heading.label + heading.text in texts["heading1"]
    assert lead.lead in texts["lead"] and lead.lead not in texts["body"]
    assert texts["page_number"] == "— 0123456789 —"


def test_fonts_command_lists_roles_and_coverage():
    r = run_cli("fonts", SPEC)
    out = r.stdout.decode()
    assert r.returncode == 0, r.stderr.decode()
    body = next(row for row in out.splitlines() if row.startswith("body"))
    assert "仿宋_GB2312" in body and "FandolFang" in body and body.endswith("covers")


@pytest.mark.skipif(not os.path.exists(CWTEX), reason="fonts-cwtex-fs not installed")
def test_fonts_command_fails_when_a_face_lacks_characters(tmp_path):
    style = tmp_path / "cwtex.yaml"
    style.write_text("base: official\nfonts:\n  body: {name: cwTeXFangSong, size: 16}\n",
                     encoding="utf-8")
    r = run_cli("fonts", SPEC, "--style", style)
    assert r.returncode == 1
    body = next(row for row in r.stdout.decode().splitlines() if row.startswith("body"))
    assert "MISSING" in body and "东" in body


def test_fonts_command_unknown_style_is_a_usage_error():
    r = run_cli("fonts", "--style", "no-such-style")
    assert r.returncode == 2
    assert "RK030" in r.stderr.decode() and "Traceback" not in r.stderr.decode()


def test_fonts_script_is_idempotent():
    """With the faces installed, scripts/fonts.sh changes nothing and downloads nothing."""
    from .conftest import ROOT

    before = sorted(os.listdir("/usr/local/share/fonts/reportkit"))
    r = subprocess.run(["bash", str(ROOT / "scripts" / "fonts.sh")], capture_output=True,
                       text=True, timeout=300, check=False)
    assert r.returncode == 0, r.stderr
    assert r.stderr == "" and r.stdout == ""
    assert sorted(os.listdir("/usr/local/share/fonts/reportkit")) == before
    assert {"FandolFang-Regular.otf", "FandolKai-Regular.otf", "FandolHei-Regular.otf",
            "FandolSong-Bold.otf"} <= set(before)


def test_alias_preferences_are_what_resolve_gives():
    for name in EXPECTED:
        assert fonts.preferred(name)[0] == fonts.resolve(name).family, name


def test_fonts_command_names_a_fallback(tmp_path, monkeypatch):
    """Without the Fandol faces, a role falls back, and the command says so."""
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?><fontconfig><include ignore_missing="yes">'
                    '/etc/fonts/fonts.conf</include><rejectfont><glob>'
                    '/usr/local/share/fonts/reportkit/*</glob></rejectfont>'
                    f'<include>{fonts.ALIASES}</include></fontconfig>', encoding="utf-8")
    code = ("import sys; from reportkit import fonts; from pathlib import Path; "
            f"fonts.config_file = lambda: Path({str(conf)!r}); "
            "from reportkit.cli import main; sys.exit(main(['fonts']))")
    import sys

    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       timeout=120, check=False)
    assert r.returncode == 0, r.stderr
    assert "body: 仿宋_GB2312 is drawn with the fallback AR PL UMing CN, not FandolFang" in r.stderr


def test_fonts_command_names_the_fallback_for_missing_characters(tmp_path):
    """濛 is not in FandolFang: the row says so (exit 1: the role's face does not cover the
    report) and that the PDF draws it from the style's fallback 宋体."""
    spec = tmp_path / "rare.yaml"
    spec.write_text(SPEC.read_text(encoding="utf-8").replace("我受区人民政府委托",
                                                             "我受濛溪区人民政府委托", 1),
                    encoding="utf-8")
    r = run_cli("fonts", spec)
    assert r.returncode == 1
    body = next(row for row in r.stdout.decode().splitlines() if row.startswith("body"))
    assert "MISSING 濛" in body and "宋体" in body and "draws 1" in body
