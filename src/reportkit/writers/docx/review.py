"""What a built .docx carries so that a reviewed copy can be mapped back to its spec.

A build writes three custom document properties (docProps/custom.xml), which Word, WPS and
LibreOffice keep through editing, comparing and saving:

- ``reportkit-text-sha256``: the SHA-256 of the report's lines (kind and printed text of every
  paragraph, in order, see :func:`fingerprint`). The same spec always gives the same lines, so
  a matching fingerprint pins each paragraph of the reviewed file's original text (its
  "reject all changes" view) to one line of ``flat.lines`` and, through it, to one place in the
  spec. A per-paragraph map is not stored: it is recomputed from the spec the hash pins, and
  cannot go stale or be damaged by a reviewer.
- ``reportkit-spec``: the spec's file name, for messages.
- ``reportkit-lines``: the number of lines, for messages about older builds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import PurePath

from .oxml import XML_DECL, esc

PROP_TEXT = "reportkit-text-sha256"
PROP_SPEC = "reportkit-spec"
PROP_LINES = "reportkit-lines"
CUSTOM_PART = "docProps/custom.xml"
CUSTOM_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_REL = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
              "custom-properties")
#: the format id Word gives every user-defined property
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def fingerprint(lines: Iterable) -> str:
    """SHA-256 (hex) of the lines' kinds and printed texts: a build's identity."""
    h = hashlib.sha256()
    for line in lines:
        h.update(f"{line.kind}\t{line.full}\n".encode())
    return h.hexdigest()


def custom_properties_xml(props: dict[str, str]) -> str:
    """docProps/custom.xml holding text properties."""
    items = "".join(f'<property fmtid="{FMTID}" pid="{pid}" name="{esc(name)}">'
                    f"<vt:lpwstr>{esc(value)}</vt:lpwstr></property>"
                    for pid, (name, value) in enumerate(props.items(), start=2))
    return (f'{XML_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'docPropsVTypes">{items}</Properties>')


def identity(report, lines: list) -> dict[str, str]:
    """The properties that tie a build to its spec."""
    return {PROP_TEXT: fingerprint(lines), PROP_SPEC: PurePath(report.pos.file or "").name,
            PROP_LINES: str(len(lines))}


def with_identity(parts: list[tuple[str, str]], report, lines: list) -> list[tuple[str, str]]:
    """The package's parts with docProps/custom.xml added (content type and relationship)."""
    out = []
    for name, text in parts:
        if name == "[Content_Types].xml":
            text = text.replace("</Types>", f'<Override PartName="/{CUSTOM_PART}" '
                                             f'ContentType="{CUSTOM_CT}"/></Types>')
        elif name == "_rels/.rels":
            text = text.replace("</Relationships>", f'<Relationship Id="rIdCustom" '
                                f'Type="{CUSTOM_REL}" Target="{CUSTOM_PART}"/></Relationships>')
        out.append((name, text))
    return out + [(CUSTOM_PART, custom_properties_xml(identity(report, lines)))]
