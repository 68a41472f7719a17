"""House styles: YAML profiles in templates/, each value with its source.

A profile may name a ``base`` profile and override any part of it. Writers ask for plain values
(``style.value("page", "margin_top")``) and font roles (``style.font("heading1")``).

The built-in profiles live in templates/ at the repository's root, where a bureau adds its own
beside them. An installed package carries them as ``reportkit/templates`` (setup.py maps the
folder in as package data); a checkout or an editable install reads the root folder itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .problems import Problem, ReportError


def _templates() -> Path:
    """The folder of built-in profiles: the installed package's copy, else the checkout's."""
    packaged = Path(__file__).parent / "templates"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "templates"


TEMPLATES = _templates()
MM_PER_PT = 25.4 / 72


@dataclass(frozen=True)
class Font:
    """A font role: Word face name, Latin face, size in pt, bold."""

    name: str
    latin: str
    size: float
    bold: bool = False


@dataclass(frozen=True)
class Style:
    """A resolved house style (base profiles merged in)."""

    name: str
    data: dict

    def value(self, *path: str):
        """The value at a path, e.g. value("grid", "lines") -> 22."""
        node = self.data
        for key in path:
            node = node[key]
        return node["value"] if isinstance(node, dict) and "value" in node else node

    def source(self, *path: str) -> str:
        """Where a value comes from (a clause or "practice")."""
        node = self.data
        for key in path:
            node = node[key]
        return node.get("source", "")

    def font(self, role: str) -> Font:
        """The font of a role (body, title, heading1-4, occasion, speaker, lead, note …)."""
        f = self.data["fonts"][role]
        return Font(f["name"], f.get("latin", f["name"]), float(f["size"]), bool(f.get("bold")))

    def with_value(self, value, source: str, *path: str) -> Style:
        """A copy of the style with one value set, e.g. with_value(True, "--embed-fonts",
        "embed_fonts"): what a command-line option does to the profile."""
        def put(node: dict, keys: tuple[str, ...]) -> dict:
            if len(keys) == 1:
                return {**node, keys[0]: {"value": value, "source": source}}
            return {**node, keys[0]: put(dict(node.get(keys[0]) or {}), keys[1:])}

        return Style(self.name, put(self.data, path))

    @property
    def roles(self) -> list[str]:
        """Every font role the style defines."""
        return list(self.data["fonts"])


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict) and "value" not in v:
            out[k] = _merge(out[k], v)
        else:
            out[k] = v
    return out


def load_style(name_or_path: str = "official") -> Style:
    """Load a built-in style by name (official, review) or a user's profile by path."""
    import yaml

    path = Path(name_or_path)
    if not path.suffix:
        path = TEMPLATES / f"{name_or_path}.yaml"
    try:
        data = yaml.load(path.read_text(encoding="utf-8"),
                         Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except FileNotFoundError:
        known = ", ".join(sorted(p.stem for p in TEMPLATES.glob("*.yaml")))
        raise ReportError(Problem(str(name_or_path), 0, 0, "error", "RK030",
                                  f"no such style (built-in styles: {known})")) from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ReportError(Problem(str(path), 0, 0, "error", "RK030",
                                  f"unreadable style: {exc}")) from None
    if not isinstance(data, dict):
        raise ReportError(Problem(str(path), 1, 1, "error", "RK030", "a style is a mapping"))
    if "base" in data:
        data = _merge(load_style(data["base"]).data, {k: v for k, v in data.items() if k != "base"})
    return Style(data.get("name", path.stem), data)
