"""Charts for the participant report as inline SVG: no JavaScript, no remote resources.

Plain SVG text from our own code keeps the report self-contained and printable, and the
output deterministic (fixed number formatting).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

PARTICIPANT_COLOUR = "#1f5fa8"
MEDIAN_COLOUR = "#a9b8c9"
HIGHLIGHT_COLOUR = "#d9822b"
AXIS_COLOUR = "#555555"


def _n(value: float) -> str:
    """Coordinates with one decimal and no trailing zeros."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _pl(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def channel_comparison(rows: Sequence[tuple[str, float | None, float | None]]) -> str:
    """Horizontal bars per channel: the participant (0–100) against its category's median."""
    label_w, bar_w, row_h, top = 190, 360, 34, 28
    width = label_w + bar_w + 70
    height = top + row_h * len(rows) + 26
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" '
        'aria-label="Wynik uczestnika na tle mediany kategorii, według kanału">',
        "<style>text{font-family:sans-serif;font-size:12px;fill:#222}</style>",
        f'<rect x="{label_w}" y="6" width="12" height="10" fill="{PARTICIPANT_COLOUR}"/>',
        f'<text x="{label_w + 16}" y="15">uczestnik</text>',
        f'<rect x="{label_w + 100}" y="6" width="12" height="10" fill="{MEDIAN_COLOUR}"/>',
        f'<text x="{label_w + 116}" y="15">mediana kategorii</text>',
    ]
    for i, (label, own, median) in enumerate(rows):
        y = top + i * row_h
        parts.append(
            f'<text x="{label_w - 8}" y="{_n(y + 17)}" text-anchor="end">{escape(label)}</text>'
        )
        for offset, value, colour in ((2, own, PARTICIPANT_COLOUR), (17, median, MEDIAN_COLOUR)):
            if value is None:
                parts.append(
                    f'<text x="{label_w + 4}" y="{_n(y + offset + 10)}" font-style="italic">brak danych</text>'
                )
                continue
            w = bar_w * max(0.0, min(100.0, value)) / 100.0
            parts.append(
                f'<rect x="{label_w}" y="{_n(y + offset)}" width="{_n(w)}" height="13" fill="{colour}"/>'
            )
            parts.append(
                f'<text x="{_n(label_w + w + 4)}" y="{_n(y + offset + 11)}">{_pl(value)}</text>'
            )
    axis_y = top + row_h * len(rows) + 4
    parts.append(
        f'<line x1="{label_w}" y1="{axis_y}" x2="{label_w + bar_w}" y2="{axis_y}" stroke="{AXIS_COLOUR}"/>'
    )
    for tick in range(0, 101, 25):
        x = label_w + bar_w * tick / 100
        parts.append(f'<text x="{_n(x)}" y="{axis_y + 15}" text-anchor="middle">{tick}</text>')
    parts.append("</svg>")
    return "".join(parts)


def distribution(
    points: Sequence[float], highlight: float | None, bins: int = 10, threshold: float | None = None
) -> str:
    """A histogram of the category's ranking points (0–100), the participant's bin marked and,
    if given, the licence threshold drawn as a dashed line."""
    counts = [0] * bins
    for value in points:
        counts[min(bins - 1, max(0, int(value * bins // 100)))] += 1
    mark = None if highlight is None else min(bins - 1, max(0, int(highlight * bins // 100)))
    left, bottom, plot_w, plot_h = 40, 190, 480, 150
    width, height = left + plot_w + 20, bottom + 40
    peak = max(counts) or 1
    bar = plot_w / bins
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="Rozkład punktów w kategorii">',
        "<style>text{font-family:sans-serif;font-size:12px;fill:#222}</style>",
    ]
    for i, count in enumerate(counts):
        h = plot_h * count / peak
        x = left + i * bar
        colour = HIGHLIGHT_COLOUR if i == mark else MEDIAN_COLOUR
        parts.append(
            f'<rect x="{_n(x + 2)}" y="{_n(bottom - h)}" width="{_n(bar - 4)}" height="{_n(h)}" fill="{colour}"/>'
        )
        if count:
            parts.append(
                f'<text x="{_n(x + bar / 2)}" y="{_n(bottom - h - 4)}" text-anchor="middle">{count}</text>'
            )
    parts.append(
        f'<line x1="{left}" y1="{bottom}" x2="{left + plot_w}" y2="{bottom}" stroke="{AXIS_COLOUR}"/>'
    )
    for i in range(bins + 1):
        x = left + i * bar
        parts.append(
            f'<text x="{_n(x)}" y="{bottom + 15}" text-anchor="middle">{i * 100 // bins}</text>'
        )
    if threshold is not None:
        x = left + plot_w * max(0.0, min(100.0, threshold)) / 100
        parts.append(
            f'<line x1="{_n(x)}" y1="{bottom - plot_h - 12}" x2="{_n(x)}" y2="{bottom}" '
            f'stroke="{AXIS_COLOUR}" stroke-width="2" stroke-dasharray="5 4"/>'
            f'<text x="{_n(x + 4)}" y="{bottom - plot_h - 2}">próg licencji {_n(threshold)}</text>'
        )
    parts.append(
        f'<text x="{_n(left + plot_w / 2)}" y="{bottom + 32}" text-anchor="middle">punkty rankingowe'
        + (" (pomarańczowy: przedział uczestnika)" if mark is not None else "")
        + "</text>"
    )
    parts.append("</svg>")
    return "".join(parts)
