"""Fonts inside the .docx (build --embed-fonts): subsets of the faces used, as ECMA-376 says.

The rendering test is the issue's goal: LibreOffice on a machine with none of the Fandol faces
(a fontconfig file listing only /usr/share/fonts: no reportkit fonts, no aliases) draws the
embedded .docx as reportkit's PDF is drawn. The same .docx without its fonts, in the same
configuration, is the control: it must not reach the goal, or the test would prove nothing.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from reportkit import flat, fonts
from reportkit.style import load_style
from reportkit.writers import writer
from reportkit.writers.docx import embed

from .conftest import ROOT, SPEC
from .test_parity import body_lines, comparable, needs_soffice, report

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
#: The issue's goal. Measured on the seed (LibreOffice 7.4.7): 20/20 pages begin with the
#: PDF's first line and 431/431 lines are the PDF's; without the fonts, 3/20 and 206/431 (the
#: faces become LXGW WenKai).
MIN_SAME_FIRST_LINES = 0.95


def embedded_style():
    """The official style with embed_fonts on, as --embed-fonts makes it."""
    return load_style("official").with_value(True, "--embed-fonts", "embed_fonts")


@pytest.fixture(scope="module")
def built(seed_report):
    """The seed's .docx with and without embedded fonts, and its PDF."""
    return (writer("docx")(seed_report, embedded_style()),
            writer("docx")(seed_report, load_style("official")),
            writer("pdf")(seed_report, load_style("official")))


def parts(docx: bytes) -> dict[str, bytes]:
    """Every part of a package by name."""
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def bare_config(folder: Path) -> Path:
    """A fontconfig file with the basic font folder only: no Fandol faces, no aliases."""
    conf = folder / "bare-fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">'
                    f"\n<fontconfig><dir>/usr/share/fonts</dir><cachedir>{folder}/fc-cache"
                    "</cachedir></fontconfig>\n", encoding="utf-8")
    return conf


def render_bare(docx: bytes, folder: Path) -> list[list[str]]:
    """Body lines of LibreOffice's PDF of a .docx, in the bare font configuration."""
    folder.mkdir(parents=True)
    src = folder / "seed.docx"
    src.write_bytes(docx)
    env = dict(os.environ, FONTCONFIG_FILE=str(bare_config(folder)))
    listed = subprocess.run(["fc-list", ":", "family"], env=env, capture_output=True, text=True,
                            check=True).stdout
    assert "Fandol" not in listed  # the faces really are absent from this configuration
    subprocess.run(["soffice", f"-env:UserInstallation=file://{folder}/lo", "--headless",
                    "--norestore", "--convert-to", "pdf", "--outdir", str(folder), str(src)],
                   env=env, capture_output=True, timeout=300, check=True)
    return comparable(body_lines(folder / "seed.pdf"))


@pytest.fixture(scope="module")
def rendered(built, tmp_path_factory):
    """Body lines: LibreOffice without the faces, of the embedded and the plain .docx; ours."""
    needs_soffice()
    with_fonts, plain, pdf = built
    folder = tmp_path_factory.mktemp("embed")
    (folder / "seed.pdf").write_bytes(pdf)
    return (render_bare(with_fonts, folder / "embedded"), render_bare(plain, folder / "plain"),
            comparable(body_lines(folder / "seed.pdf")))


def test_embedded_docx_renders_like_the_pdf_without_the_faces_installed(rendered):
    embedded, _, ours = rendered
    figure = report("embedded fonts, no Fandol installed", embedded, ours)
    assert len(embedded) == len(ours)
    assert figure >= MIN_SAME_FIRST_LINES


def test_without_embedded_fonts_the_same_machine_misses_the_goal(rendered):
    """The control: the fonts inside the file are what makes the difference."""
    _, plain, ours = rendered
    assert report("no embedded fonts, no Fandol installed", plain, ours) < MIN_SAME_FIRST_LINES


def test_font_table_embeds_each_face_with_a_key_and_a_font_part(built):
    p = parts(built[0])
    table = ET.fromstring(p["word/fontTable.xml"])
    rels = {r.get("Id"): r for r in ET.fromstring(p["word/_rels/fontTable.xml.rels"])}
    embedded = {}
    for font in table.iter(W + "font"):
        for el in font:
            if el.tag in (W + "embedRegular", W + "embedBold"):
                assert el is font[-1] or font[-1].tag.startswith(W + "embed")  # schema order
                rel = rels[el.get(R + "id")]
                assert rel.get("Type").endswith("/relationships/font")
                embedded[(font.get(W + "name"), el.tag)] = ("word/" + rel.get("Target"),
                                                           el.get(W + "fontKey"))
    style = load_style("official")
    names = {style.font(role).name for role in style.roles if role != "header"}
    assert {name for name, _ in embedded} == names | {"Times New Roman"}
    types = p["[Content_Types].xml"].decode()
    assert 'Extension="odttf" ContentType="application/vnd.openxmlformats-officedocument.' \
           'obfuscatedFont"' in types
    settings = ET.fromstring(p["word/settings.xml"])
    tags = [el.tag for el in settings]
    assert tags.index(W + "zoom") < tags.index(W + "embedTrueTypeFonts") < \
        tags.index(W + "saveSubsetFonts") < tags.index(W + "defaultTabStop")
    for part, key in embedded.values():
        assert part.endswith(".odttf") and len(key) == 38 and key.startswith("{")


def test_each_font_part_is_the_resolved_face_cut_to_the_characters_it_draws(built,
                                                                             seed_report):
    """Deobfuscated with its key, the body's part is FandolFang holding every character the
    body role draws and not the rest of the face (tens of thousands of glyphs)."""
    from fontTools.ttLib import TTFont

    p = parts(built[0])
    table = ET.fromstring(p["word/fontTable.xml"])
    rels = {r.get("Id"): r.get("Target") for r in ET.fromstring(
        p["word/_rels/fontTable.xml.rels"])}
    font = next(f for f in table.iter(W + "font") if f.get(W + "name") == "仿宋_GB2312")
    el = font.find(W + "embedRegular")
    data = embed.obfuscate(p["word/" + rels[el.get(R + "id")]], el.get(W + "fontKey"))
    assert data[:4] != p["word/" + rels[el.get(R + "id")]][:4]  # the part was obfuscated
    face = TTFont(io.BytesIO(data))
    assert face["name"].getDebugName(1).startswith("FandolFang")
    assert "glyf" in face  # TrueType outlines, as Word embeds them
    texts = fonts.role_texts(flat.lines(seed_report))
    body = {c for c in texts["body"] + texts["lead"] + texts["heading3"] if not c.isspace()}
    cmap = face.getBestCmap()
    assert {c for c in body if ord(c) not in cmap} <= {"\u2060"}  # the joiner has no glyph
    assert len(face.getGlyphOrder()) < 2 * len(body)


def test_obfuscation_is_its_own_inverse_and_follows_the_key():
    data = bytes(range(64))
    key = "{00112233-4455-6677-8899-AABBCCDDEEFF}"
    once = embed.obfuscate(data, key)
    assert once[32:] == data[32:] and once[:32] != data[:32]
    assert once[0] == data[0] ^ 0xFF and once[15] == data[15] ^ 0x00  # last GUID byte first
    assert embed.obfuscate(once, key) == data


def test_embedding_is_deterministic(built, seed_report):
    assert writer("docx")(seed_report, embedded_style()) == built[0]


def test_subsets_carry_the_faces_own_dates_not_the_conversion_cache_s(seed_report):
    """The TrueType conversion cached on this machine is dated when it was made; the subset
    is dated as the face file is, so another machine writes the same bytes."""
    from fontTools.ttLib import TTFont

    style = load_style("official")
    texts = fonts.role_texts(flat.lines(seed_report))
    for sub in embed.subsets(style, {"body": texts["body"][:200]}):
        face = fonts.resolve(sub.name, sub.bold)
        with TTFont(face.file, fontNumber=face.index, lazy=True) as original:
            assert TTFont(io.BytesIO(sub.data))["head"].modified == original["head"].modified


def test_build_embed_fonts_prints_the_size_and_a_profile_key_does_the_same(tmp_path):
    flag = subprocess.run([sys.executable, "-m", "reportkit", "build", str(SPEC), "-o",
                           str(tmp_path / "flag"), "--format", "docx", "--embed-fonts"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert flag.returncode == 0, flag.stderr
    assert "KB embedded fonts: " in flag.stderr and "仿宋_GB2312" in flag.stderr
    profile = tmp_path / "embedding.yaml"
    profile.write_text("base: official\nembed_fonts: {value: true}\n", encoding="utf-8")
    key = subprocess.run([sys.executable, "-m", "reportkit", "build", str(SPEC), "-o",
                          str(tmp_path / "key"), "--format", "docx", "--style", str(profile)],
                         cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert key.returncode == 0, key.stderr
    name = SPEC.stem + ".docx"
    assert (tmp_path / "flag" / name).read_bytes() == (tmp_path / "key" / name).read_bytes()


def test_a_face_whose_licence_forbids_embedding_is_named_and_nothing_is_written(tmp_path):
    """A real face (Liberation Serif, renamed) whose fsType says "restricted licence": the
    build stops with RK054 naming the font and the face, and writes no .docx."""
    from fontTools.ttLib import TTFont

    family = "Reportkit Restricted Test"
    fonts_dir = tmp_path / "data" / "fonts"
    fonts_dir.mkdir(parents=True)
    face = TTFont(fonts.resolve("Times New Roman").file)
    face["OS/2"].fsType = 0x0002
    for rec in face["name"].names:
        if rec.nameID in (1, 4, 16):
            rec.string = family
    face.save(fonts_dir / "restricted.ttf")
    profile = tmp_path / "restricted.yaml"
    profile.write_text(f"base: official\nfonts:\n  heading1: {{name: {family}, latin: {family}, "
                       "size: 16}\n", encoding="utf-8")
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "data"))  # fontconfig's user fonts
    r = subprocess.run([sys.executable, "-m", "reportkit", "build", str(SPEC), "-o",
                        str(tmp_path / "out"), "--format", "docx", "--embed-fonts", "--style",
                        str(profile)], cwd=ROOT, env=env, capture_output=True, text=True,
                       timeout=300, check=False)
    assert r.returncode == 1
    assert "RK054" in r.stderr and f"{family} is drawn with {family}" in r.stderr
    assert "forbids embedding" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "out" / (SPEC.stem + ".docx")).exists()
