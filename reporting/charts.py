"""Small hand-drawn SVG charts for the board report and the dashboard.

Drawn by the server, so they are sharp in print and need no script in the browser. They must
read in greyscale: series differ by lightness (dark, mid, light) and by pattern, and every bar
or point carries its own label. A value of None is a suppressed small number: drawn hatched at
a nominal size and labelled "fewer than 6" so its size is not given away.
"""

from html import escape

from django.utils.safestring import mark_safe

FONT = "'Liberation Sans', Arial, Helvetica, sans-serif"
INK = "#0b0c0c"
FILLS = ("#0b0c0c", "#6f777b", "#b1b4b6", "#e0e2e3", "#505a5f", "#ffffff")
DASHES = ("", "6 3", "2 3")
SMALL_LABEL = "fewer than 6"
NOMINAL = 3  # where a suppressed value's bar or segment is drawn

_HATCH = (
    '<pattern id="{id}" width="6" height="6" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
    f'<line x1="0" y1="0" x2="0" y2="6" stroke="{INK}" stroke-width="2"/></pattern>'
)


def _text(x, y, content, *, size=11, anchor="start", weight="normal", fill=INK):
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-family="{FONT}" font-size="{size}" '
        f'font-weight="{weight}" text-anchor="{anchor}" fill="{fill}">{escape(str(content))}</text>'
    )


def _svg(chart_id, title, width, height, body):
    defs = _HATCH.format(id=f"{chart_id}-hatch")
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{chart_id}-title" '
        f'class="app-chart"><title id="{chart_id}-title">{escape(title)}</title>'
        f"<defs>{defs}</defs>{''.join(body)}</svg>"
    )


def _legend(names, x, y, kind="box"):
    parts, offset = [], x
    for i, name in enumerate(names):
        if kind == "line":
            parts.append(
                f'<line x1="{offset}" y1="{y - 4}" x2="{offset + 18}" y2="{y - 4}" stroke="{FILLS[i % 3]}" '
                f'stroke-width="2.5" stroke-dasharray="{DASHES[i % 3]}"/>'
            )
        else:
            parts.append(
                f'<rect x="{offset}" y="{y - 10}" width="12" height="12" fill="{FILLS[i % len(FILLS)]}" '
                f'stroke="{INK}" stroke-width="0.75"/>'
            )
        parts.append(_text(offset + 22, y, name, size=10))
        offset += 30 + 6 * len(name)
    return parts


def _label(value, fmt):
    return SMALL_LABEL if value is None else fmt(value)


def bar_chart(chart_id, title, categories, series, *, fmt=str, width=640):
    """Horizontal grouped bars: one group per category, one bar per (name, values) series."""
    bar, gap, label_width = 14, 10, 190
    names = [name for name, _ in series]
    group = bar * len(series) + gap
    top = 26 if len(series) > 1 else 6
    height = top + group * len(categories) + 6
    plot = width - label_width - 110
    biggest = max([v for _, values in series for v in values if v is not None] + [NOMINAL, 1])
    body = _legend(names, label_width, 14) if len(series) > 1 else []
    for c, category in enumerate(categories):
        y0 = top + c * group
        body.append(_text(label_width - 8, y0 + bar * len(series) / 2 + 4, category, anchor="end"))
        for s, (_name, values) in enumerate(series):
            value = values[c]
            length = plot * (NOMINAL if value is None else value) / biggest
            fill = f"url(#{chart_id}-hatch)" if value is None else FILLS[s % 3]
            y = y0 + s * bar
            body.append(
                f'<rect x="{label_width}" y="{y}" width="{max(length, 1):.1f}" height="{bar - 2}" '
                f'fill="{fill}" stroke="{INK}" stroke-width="0.75"/>'
            )
            body.append(_text(label_width + length + 5, y + bar - 4, _label(value, fmt), size=10))
    body.append(
        f'<line x1="{label_width}" y1="{top - 2}" x2="{label_width}" y2="{height - 4}" stroke="{INK}"/>'
    )
    return _svg(chart_id, title, width, height, body)


def stacked_bar(chart_id, title, categories, segment_names, rows, *, width=640):
    """Horizontal stacked bars of counts: rows[c][s] is segment s of category c (None: small)."""
    bar, gap, label_width = 18, 10, 190
    top = 22 + 16 * ((len(segment_names) + 2) // 3)
    height = top + (bar + gap) * len(categories) + 4
    plot = width - label_width - 20
    totals = [sum(NOMINAL if v is None else v for v in row) for row in rows]
    biggest = max(totals + [1])
    body = []
    for i, name in enumerate(segment_names):  # legend in rows of three
        x, y = label_width + (i % 3) * 150, 14 + 16 * (i // 3)
        body.append(
            f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{FILLS[i % len(FILLS)]}" '
            f'stroke="{INK}" stroke-width="0.75"/>'
        )
        body.append(_text(x + 18, y, name, size=10))
    for c, category in enumerate(categories):
        y = top + c * (bar + gap)
        body.append(_text(label_width - 8, y + bar - 5, category, anchor="end"))
        x = label_width
        for s, value in enumerate(rows[c]):
            if value == 0:
                continue
            length = plot * (NOMINAL if value is None else value) / biggest
            fill = f"url(#{chart_id}-hatch)" if value is None else FILLS[s % len(FILLS)]
            body.append(
                f'<rect x="{x:.1f}" y="{y}" width="{length:.1f}" height="{bar}" fill="{fill}" '
                f'stroke="{INK}" stroke-width="0.75"/>'
            )
            text = "<6" if value is None else str(value)
            if length > 7 * len(text) + 4:  # the label fits inside the segment
                light = value is not None and s % len(FILLS) in (0, 1, 4)
                body.append(
                    _text(
                        x + length / 2,
                        y + bar - 5,
                        text,
                        size=10,
                        anchor="middle",
                        fill="#ffffff" if light else INK,
                        weight="bold",
                    )
                )
            x += length
    return _svg(chart_id, title, width, height, body)


def line_chart(chart_id, title, x_labels, series, *, fmt=str, width=640, height=220):
    """Lines over time, told apart by lightness and dash pattern, each labelled at its end."""
    left, right, top, bottom = 60, 150, 24, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [v for _, vs in series for v in vs if v is not None]
    biggest = max(values + [1])
    step = plot_w / max(len(x_labels) - 1, 1)
    body = _legend([name for name, _ in series], left, 12, kind="line")
    for fraction in (0, 0.5, 1):
        y = top + plot_h * (1 - fraction)
        body.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#b1b4b6" '
            'stroke-width="0.5"/>'
        )
        body.append(_text(left - 6, y + 4, fmt(biggest * fraction), size=9, anchor="end"))
    for i, label in enumerate(x_labels):
        body.append(_text(left + i * step, height - 10, label, size=9, anchor="middle"))
    for s, (name, vs) in enumerate(series):
        points = [
            (left + i * step, top + plot_h * (1 - v / biggest))
            for i, v in enumerate(vs)
            if v is not None
        ]
        if not points:
            continue
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        body.append(
            f'<polyline points="{path}" fill="none" stroke="{FILLS[s % 3]}" stroke-width="2.5" '
            f'stroke-dasharray="{DASHES[s % 3]}"/>'
        )
        for x, y in points:
            body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{FILLS[s % 3]}"/>')
        x, y = points[-1]
        body.append(_text(x + 6, y + 4, f"{name}: {fmt(vs[-1])}", size=9))
    return _svg(chart_id, title, width, height, body)
