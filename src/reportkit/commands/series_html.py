"""The series as one self-contained HTML page: per indicator a chart (inline SVG) and its rows,
then the whole table, the terms and the notes.

Nothing is loaded from elsewhere; every piece of report text goes through html.escape. A short
inline script measures each drawn chart and writes its size into the page (``data-drawn`` on
the figure and a summary in ``#chart-sizes``), so a headless browser's DOM shows the charts
were laid out at a real size.
"""

from __future__ import annotations

from html import escape

CSS = """
body{font-family:"FandolFang","Noto Serif CJK SC","Source Han Serif SC",serif;margin:0 1.5rem;
color:#222;max-width:64rem}
h1{font-size:1.3rem}h2{font-size:1.1rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid #ccc;padding:.25rem .45rem;vertical-align:top;text-align:left}
th{background:#f3f3f3}td.num{text-align:right}
tr.met td.status{color:#1e6b34}tr.missed td.status{color:#b03a2e;font-weight:bold}
tr.not-comparable td.status,tr.not-stated td.status{color:#7a4f9a}
figure{margin:1rem 0}figure svg{max-width:100%;height:auto}
.where{color:#666;font-size:.8rem}.notes li{color:#666}
"""

#: Writes each chart's drawn size into the page (read by the test in headless Chromium).
SCRIPT = """
(function(){
  var figs=document.querySelectorAll('figure.chart'), out=[];
  figs.forEach(function(f){
    var svg=f.querySelector('svg'); var r=svg?svg.getBoundingClientRect():{width:0,height:0};
    var w=Math.round(r.width), h=Math.round(r.height);
    f.setAttribute('data-drawn', w+'x'+h); out.push(f.id+'='+w+'x'+h);
  });
  var box=document.getElementById('chart-sizes');
  if(box){box.setAttribute('data-count', String(figs.length)); box.textContent=out.join(' ');}
})();
"""


def page(series, style: str = "official") -> str:
    """The whole page."""
    from .series import summary, title

    head = escape(title(series))
    parts = ["<!DOCTYPE html>", '<html lang="zh-CN"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{head}</title><style>{CSS}</style></head><body>",
             f"<h1>{head}</h1>", f'<p id="summary">{escape(summary(series))}</p>',
             _editions(series)]
    parts += [_track(t, i, style) for i, t in enumerate(series.tracks)]
    parts += [_table(series), _terms(series), _notes(series),
              '<p id="chart-sizes" hidden></p>', f"<script>{SCRIPT}</script>",
              "</body></html>\n"]
    return "\n".join(p for p in parts if p)


def _editions(series) -> str:
    from .series import year_text

    items = "".join(f"<li>{year_text(e.year)}：{escape(e.title)} "
                    f'<span class="where">{escape(e.file)}</span></li>'
                    for e in series.editions)
    return f"<ul>{items}</ul>"


def _track(track, index: int, style: str) -> str:
    """An indicator's heading, chart (when it has targets over two years or more) and rows."""
    from .. import charts

    out = [f'<section class="indicator" id="ind-{index}"><h2>{escape(track.indicator)}</h2>']
    if track.charted:
        svg = charts.inline(charts.svg(track, style, prefix=f"c{index}-"))
        out.append(f'<figure class="chart" id="chart-{index}" '
                   f'data-indicator="{escape(track.indicator)}">{svg}</figure>')
    out.append(_rows_table(track.rows, with_name=False))
    out.append("</section>")
    return "\n".join(out)


def _rows_table(rows, with_name: bool = True, table_id: str = "") -> str:
    from ..series import COLUMNS
    from .series import cells

    columns = COLUMNS if with_name else COLUMNS[1:]
    head = "".join(f"<th>{c}</th>" for c in columns)
    attr = f' id="{table_id}"' if table_id else ""
    body = []
    for r in rows:
        c = cells(r, short=True)[0 if with_name else 1:]
        tds = "".join(_td(i, text, with_name) for i, text in enumerate(c))
        body.append(f'<tr class="{r.status.replace(" ", "-")}" data-key="{escape(r.key)}" '
                    f'data-year="{"" if r.year is None else r.year}" '
                    f'data-status="{escape(r.status)}">{tds}</tr>')
    return f"<table{attr}><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _td(i: int, text: str, with_name: bool) -> str:
    kind = ("indicator", "year", "target", "outcome", "status", "gap", "where")
    name = kind[i if with_name else i + 1]
    return f'<td class="{name}">{escape(text)}</td>'


def _table(series) -> str:
    return ('<section><h2 id="all">全部指标</h2>'
            + _rows_table(series.rows, table_id="series-table") + "</section>")


def _terms(series) -> str:
    from .series import term_cells, term_header

    if not series.terms:
        return ""
    head = "".join(f"<th>{escape(c)}</th>" for c in term_header(series))
    rows = "".join(f'<tr class="{t.trend}">'
                   + "".join(f"<td>{escape(c)}</td>" for c in term_cells(t)) + "</tr>"
                   for t in series.terms)
    return (f'<section><h2 id="terms">政策术语（各年出现次数）</h2><table><thead><tr>{head}'
            f"</tr></thead><tbody>{rows}</tbody></table></section>")


def _notes(series) -> str:
    if not series.notes:
        return ""
    items = "".join(f"<li>{escape(n)}</li>" for n in series.notes)
    return f'<ul class="notes">{items}</ul>'
