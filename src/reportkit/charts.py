"""Charts of a series: one per indicator, the target per year against the outcome.

A target is drawn as a band when it has a 确保 and a 力争 value or a range ("5%–5.5%"), as a
short bar otherwise; the outcome as dots joined by a line, hollow and red where the target was
missed. Figures are matplotlib's, drawn without pyplot or a GUI backend (the SVG canvas for
SVG, Agg for PNG), in the faces reportkit's own font roles resolve to (fonts.resolve: the
heading1 role for the title, body for the rest), so a chart reads like the report it goes into.

Output is deterministic: SVG with text as paths, no date and a fixed hash salt (ids do not
change from run to run); PNG without the software stamp, at a fixed dpi.
"""

from __future__ import annotations

import io
import re
from functools import lru_cache

#: Figure size in inches (fits the official type area, 156 mm wide, with margin to spare).
SIZE = (6.0, 3.0)
#: PNG resolution for the Word document.
DPI = 200
#: Colours: target bands and bars, outcome line, missed outcomes.
TARGET_COLOR = "#7a9cc6"
OUTCOME_COLOR = "#1f3a5f"
MISSED_COLOR = "#c0392b"
#: Words on the charts.
LEGEND_TARGET = "目标"
LEGEND_BAND = "目标区间"  # 确保–力争, or a stated range
LEGEND_OUTCOME = "实际"
YEAR_SUFFIX = "年"
MEASURE_WORDS = {"growth": "增速", "level": "", "ceiling": "上限"}

_RC = {"svg.fonttype": "path", "svg.hashsalt": "reportkit", "axes.unicode_minus": False,
       "path.simplify": False, "svg.image_inline": True}


@lru_cache(maxsize=4)
def faces(style: str = "official") -> tuple:
    """The title face (FontProperties) and the body face's family name of a house style, as
    fonts.resolve finds them; the body face is registered with matplotlib so every other text
    (ticks, legend) takes it from the rc settings."""
    from matplotlib.font_manager import FontProperties, fontManager

    from .fonts import resolve
    from .style import load_style

    st = load_style(style)
    title = resolve(st.font("heading1").name, st.font("heading1").bold)
    body = resolve(st.font("body").name)
    fontManager.addfont(body.file)
    family = FontProperties(fname=body.file).get_name()
    return FontProperties(fname=title.file), family


#: Where the axes sit in the figure (fractions): fixed, so no layout pass is needed (a
#: tight_layout drew each chart twice) and every chart of a series lines up with the others.
AXES = {"left": 0.09, "right": 0.76, "bottom": 0.13, "top": 0.86}


def figure(track, style: str = "official"):
    """A matplotlib Figure of one track's targets against its outcomes (call inside the rc
    context of svg() or png(), which sets the body face)."""
    from matplotlib.figure import Figure

    title_face, _ = faces(style)
    rows = sorted(track.chartable, key=lambda r: r.year)
    fig = Figure(figsize=SIZE)
    fig.subplots_adjust(**AXES)
    ax = fig.add_subplot()
    handles = _targets(ax, rows) + _outcomes(ax, rows)
    unit = rows[0].unit if rows else ""
    measure = MEASURE_WORDS.get(rows[0].measure, "") if rows else ""
    ax.set_title(f"{track.indicator}{measure}" + (f"（{unit}）" if unit else ""),
                 fontproperties=title_face, fontsize=12)
    years = sorted({r.year for r in rows})
    ax.set_xticks(years, _year_labels(years))
    ax.set_xlim(years[0] - 0.6, years[-1] + 0.6)
    ax.margins(y=0.2)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if handles:
        ax.legend(handles=handles, fontsize=8, frameon=False, loc="upper left",
                  bbox_to_anchor=(1.02, 1.0))
    return fig


#: At most this many year labels fit under a chart; more years get every second (third …) one.
MAX_LABELS = 8


def _year_labels(years: list[int]) -> list[str]:
    """"2023年" under each year, or under every k-th year (from the last) when there are many, so
    labels never overlap."""
    step = -(-len(years) // MAX_LABELS)
    last = len(years) - 1
    return [f"{y}{YEAR_SUFFIX}" if (last - i) % step == 0 else "" for i, y in enumerate(years)]


def _rc(style: str) -> dict:
    """matplotlib settings of a chart: deterministic SVG, the body face for all text."""
    return {**_RC, "font.family": [faces(style)[1]], "font.size": 9}


def _targets(ax, rows) -> list:
    """Bands for 确保–力争 and ranges, bars for single values; the legend handles used."""
    from matplotlib.patches import Patch

    handles = []
    bands = [r for r in rows if r.high is not None and r.high != r.low]
    points = [r for r in rows if r not in bands]
    for r in bands:
        ax.bar(r.year, float(r.high - r.low), bottom=float(r.low), width=0.5,
               color=TARGET_COLOR, alpha=0.45, edgecolor=TARGET_COLOR, linewidth=0.8)
    if bands:
        handles.append(Patch(facecolor=TARGET_COLOR, alpha=0.45, edgecolor=TARGET_COLOR,
                             label=LEGEND_BAND))
    if points:  # half a year wide, in data units, so bars never run into each other
        handles.append(ax.hlines([float(r.low) for r in points],
                                 [r.year - 0.25 for r in points],
                                 [r.year + 0.25 for r in points], linewidth=2.5,
                                 color=TARGET_COLOR, label=LEGEND_TARGET))
    return handles


def _outcomes(ax, rows) -> list:
    """The outcomes as a line of dots (broken where a year has none), missed ones hollow and
    red; the legend handle."""
    done = [r for r in rows if r.actual is not None]
    if not done:
        return []
    by_year = {r.year: float(r.actual) for r in done}
    years = list(range(min(by_year), max(by_year) + 1))
    (line,) = ax.plot(years, [by_year.get(y, float("nan")) for y in years], marker="o",
                      markersize=5, color=OUTCOME_COLOR, linewidth=1.4, label=LEGEND_OUTCOME)
    missed = [r for r in done if r.status == "missed"]
    if missed:
        ax.plot([r.year for r in missed], [float(r.actual) for r in missed], linestyle="none",
                marker="o", markersize=7, markerfacecolor="white", markeredgecolor=MISSED_COLOR,
                markeredgewidth=1.6)
    return [line]


def svg(track, style: str = "official", prefix: str = "") -> str:
    """The chart as an SVG document (text as paths, no date, stable ids); with ``prefix`` every
    id is prefixed, so several charts can sit inline in one HTML page."""
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG

    with matplotlib.rc_context(_rc(style)):
        fig = figure(track, style)
        buf = io.StringIO()
        FigureCanvasSVG(fig).print_svg(buf, metadata={"Date": None, "Creator": "reportkit"})
    text = buf.getvalue()
    return _prefix_ids(text, prefix) if prefix else text


def png(track, style: str = "official", dpi: int = DPI) -> bytes:
    """The chart as PNG bytes at a fixed dpi, without the software stamp."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    with matplotlib.rc_context(_rc(style)):
        fig = figure(track, style)
        fig.set_dpi(dpi)
        buf = io.BytesIO()
        FigureCanvasAgg(fig).print_png(buf, metadata={"Software": None})
    return buf.getvalue()


_ID = re.compile(r'\bid="([^"]+)"')


def _prefix_ids(text: str, prefix: str) -> str:
    """Prefix every id and every reference to it (href="#…", url(#…))."""
    ids = set(_ID.findall(text))
    if not ids:
        return text

    def ref(m: re.Match) -> str:
        name = m.group(2)
        return f"{m.group(1)}{prefix}{name}" if name in ids else m.group(0)

    text = _ID.sub(lambda m: f'id="{prefix}{m.group(1)}"', text)
    return re.sub(r'(#)([A-Za-z_][\w.\-]*)', ref, text)


def inline(svg_text: str) -> str:
    """An SVG document as an element for an HTML page: the XML prolog and doctype dropped."""
    start = svg_text.find("<svg")
    return svg_text[start:] if start >= 0 else svg_text
