"""Vector trend charts for the PDF: inline SVG built in Python, no plotting library.

A chart shows one series over the last quarters — bars for a flow (a quantity
per quarter), a line for a stock or a ratio — with its title, unit, axis, the
value of each quarter and its source. A missing quarter is a gap marked "n/a".
Its ``<title>`` is its text alternative (the tagged PDF's Figure /Alt): what it
shows, and that the table below it holds the values. Numbers and words are the
edition's. Every piece of text is escaped, so the SVG is safe to place in the page
as is.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from sdg18.reports.numbers import MINUS, decimals, format_number
from sdg18.reports.pdf.edition import Edition

WIDTH, HEIGHT = 640, 230
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 40, 52
INK, GRID, BAR, LINE, MUTED = "#1f2933", "#d5dbe1", "#2f6690", "#2f6690", "#6b7785"
FONT = "DejaVu Sans"


@dataclass(frozen=True)
class Point:
    """One quarter of a trend: its label under the axis and its value (None when missing)."""

    label: str
    value: float | None


def nice_step(span: float, ticks: int = 4, *, whole: bool = False) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten; no 2.5 and at least 1 when
    ``whole``) dividing ``span`` in about ``ticks`` intervals."""
    if span <= 0:
        return 1.0
    raw = span / ticks
    if whole and raw <= 1:
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    factors = (1, 2, 5, 10) if whole else (1, 2, 2.5, 5, 10)
    for factor in factors:
        if raw <= factor * power:
            return factor * power
    return 10 * power


def _tick_text(value: float, step: float, language: str) -> str:
    places = 0
    while places < 3 and abs(step * 10**places - round(step * 10**places)) > 1e-9:
        places += 1
    text = format_number(value, places, language)
    return f"{MINUS}{text}" if round(value, places) < 0 else text


def _text(x: float, y: float, content: str, *, size: float = 10, **attributes: str) -> str:
    extra = "".join(f' {name.replace("_", "-")}="{escape(v)}"' for name, v in attributes.items())
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-family="{FONT}" font-size="{size}"{extra}>'
        f"{escape(content)}</text>"
    )


def trend_chart(
    edition: Edition,
    title: str,
    unit: str,
    points: Sequence[Point],
    *,
    bars: bool,
    subtitle: str,
    source: str,
    description: str,
) -> Markup:
    """An SVG chart of ``points`` titled ``title`` over ``subtitle``, with ``source`` under
    it and ``description`` as its text alternative; values are printed for ``unit`` (the
    axis of a count, a unit printed without decimals, has whole steps)."""
    known = [p.value for p in points if p.value is not None]
    low = min([0.0, *known])
    high = max([0.0, *known])
    high += (high - low) * 0.08  # room for the value printed above the highest mark
    step = nice_step(high - low, whole=decimals(unit) == 0)
    bottom = math.floor(low / step) * step
    top = max(math.ceil(high / step) * step, bottom + step)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y_of(value: float) -> float:
        return TOP + plot_h * (top - value) / (top - bottom)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img">',
        f"<title>{escape(description)}</title>",
        _text(0, 16, title, size=12, font_weight="bold", fill=INK),
        _text(0, 31, subtitle, size=9, fill=MUTED),
    ]
    tick = bottom
    while tick <= top + step / 1000:
        y = y_of(tick)
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="0.8"/>'
        )
        parts.append(
            _text(
                LEFT - 6,
                y + 3.5,
                _tick_text(tick, step, edition.language),
                size=9,
                fill=MUTED,
                text_anchor="end",
            )
        )
        tick += step
    slot = plot_w / max(len(points), 1)
    centres = [LEFT + slot * (i + 0.5) for i in range(len(points))]
    parts.extend(_marks(edition, points, centres, slot, y_of, unit, bars=bars))
    for centre, point in zip(centres, points, strict=True):
        parts.append(
            _text(centre, TOP + plot_h + 15, point.label, size=9, fill=INK, text_anchor="middle")
        )
    parts.append(_text(0, HEIGHT - 6, source, size=8.5, fill=MUTED))
    parts.append("</svg>")
    return Markup("".join(parts))


def _marks(
    edition: Edition,
    points: Sequence[Point],
    centres: Sequence[float],
    slot: float,
    y_of: Callable[[float], float],
    unit: str,
    *,
    bars: bool,
) -> list[str]:
    """The bars or the line with its dots, each with its value printed above it."""
    zero = y_of(0.0)
    parts: list[str] = []
    path: list[str] = []
    for centre, point in zip(centres, points, strict=True):
        if point.value is None:
            parts.append(
                _text(
                    centre,
                    zero - 4,
                    edition.not_available,
                    size=8.5,
                    fill=MUTED,
                    text_anchor="middle",
                )
            )
            path.append("")
            continue
        y = y_of(point.value)
        if bars:
            width = slot * 0.56
            top, height = min(y, zero), abs(zero - y)
            parts.append(
                f'<rect x="{centre - width / 2:.1f}" y="{top:.1f}" width="{width:.1f}" '
                f'height="{max(height, 0.6):.1f}" fill="{BAR}"/>'
            )
        else:
            parts.append(f'<circle cx="{centre:.1f}" cy="{y:.1f}" r="3" fill="{LINE}"/>')
        path.append(f"{centre:.1f},{y:.1f}")
        parts.append(
            _text(
                centre,
                min(y, zero) - 5,
                edition.number(point.value, unit),
                size=8.5,
                fill=INK,
                text_anchor="middle",
            )
        )
    if not bars:
        parts.extend(_polylines(path))
    return parts


def _polylines(path: Sequence[str]) -> list[str]:
    """One polyline per run of consecutive known points (a missing quarter breaks the line)."""
    runs: list[list[str]] = [[]]
    for point in path:
        if point:
            runs[-1].append(point)
        elif runs[-1]:
            runs.append([])
    return [
        f'<polyline points="{" ".join(run)}" fill="none" stroke="{LINE}" stroke-width="2"/>'
        for run in runs
        if len(run) > 1
    ]
