"""Plotly figures: the divergence timeline and coverage volume.

Colours are the Okabe-Ito palette (distinguishable with the common colour-vision
deficiencies) and every stance also has its own marker shape, so the timeline reads in
greyscale too. Hover labels escape feed text (``text.hover_escape``).
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Iterable, Mapping

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from . import labels
from .state import PARIS
from .text import hover_escape, safe_url

__all__ = ["timeline", "coverage", "STANCE_STYLE", "PLOTLY_CONFIG"]

STANCE_STYLE = {  # stance -> (colour, marker symbol)
    "attribution": ("#D55E00", "triangle-up"),  # vermillion
    "denial": ("#0072B2", "square"),  # blue
    "confirmation": ("#009E73", "diamond"),  # bluish green
}
COUNT_COLOR = "#CC79A7"  # reddish purple
LANES = ("attacker", "press", "organization", "authority", "expert", "other")
MAIN_LANES = LANES[:5]

# st.plotly_chart(config=...): the camera button of the modebar downloads the figure as PNG.
PLOTLY_CONFIG = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "filename": "recoupe-chronologie", "scale": 2},
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}


def _local(ts) -> datetime | None:
    if ts is None:
        return None
    if isinstance(ts, datetime):
        return (ts if ts.tzinfo else ts.replace(tzinfo=PARIS)).astimezone(PARIS).replace(tzinfo=None)
    if isinstance(ts, date):
        return datetime.combine(ts, time(12))
    try:
        return datetime.combine(date.fromisoformat(str(ts)[:10]), time(12))
    except ValueError:
        return None


def _day_label(ts: datetime | None) -> str:
    return labels.short_date(ts) if ts else "date inconnue"


def timeline(claims: Iterable[Mapping], counts: Iterable[Mapping] | None = None, *,
             title: str = "") -> go.Figure:
    """Who said what, when: lanes by speaker, stances by colour and shape, victim counts below.

    ``claims`` are claim rows (``published``, ``stance``, ``speaker``, ``feed``, ``org``,
    ``sentence``, ``url``, ``reviewed``...). ``counts`` are ``{"value", "unit", "feed",
    "date", "org", "url"}`` dicts (an incident's ``counts``); when None they come from the
    claims' own victim counts. Each point's ``customdata[0]`` is its article URL.
    """
    claims = [c for c in claims if _local(c.get("published"))]
    lanes = [ln for ln in LANES if ln in MAIN_LANES or any(c.get("speaker") == ln for c in claims)]
    lane_y = {ln: len(lanes) - 1 - i for i, ln in enumerate(lanes)}  # first lane on top
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.72, 0.28], vertical_spacing=0.06)

    taken: dict[tuple, int] = {}
    for stance, (colour, symbol) in STANCE_STYLE.items():
        xs, ys, data, outlines = [], [], [], []
        for c in (c for c in claims if c.get("stance") == stance):
            ts = _local(c["published"])
            lane = c.get("speaker") if c.get("speaker") in lane_y else "other"
            slot = (lane, ts.date())
            k = taken.get(slot, 0)
            taken[slot] = k + 1
            offset = ((k + 1) // 2) * 0.14 * (1 if k % 2 else -1)  # 0, +.14, -.14, +.28 ...
            xs.append(ts)
            ys.append(lane_y.get(lane, 0) + max(-0.42, min(0.42, offset)))
            reviewed = " · relue ✔" if c.get("reviewed") else ""
            data.append([safe_url(c.get("url")) or "", hover_escape(c.get("feed") or "source inconnue", 60),
                         _day_label(ts), labels.speaker(c.get("speaker")) + reviewed,
                         hover_escape(c.get("org") or "", 60), hover_escape(c.get("sentence") or "", 80)])
            outlines.append(2.5 if c.get("reviewed") else 1)
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="markers", name=labels.stance(stance), legendgroup=stance,
            marker={"color": colour, "symbol": symbol, "size": 14, "line": {"color": "#222", "width": outlines},
                    "opacity": 0.9},
            customdata=data,
            hovertemplate=("<b>%{customdata[1]}</b> · %{customdata[2]}<br>"
                           + labels.stance(stance) + " · %{customdata[3]} · %{customdata[4]}"
                           "<br><i>%{customdata[5]}</i><extra></extra>"),
        ), row=1, col=1)

    _annotate_gap(fig, claims)
    _count_panel(fig, claims, counts)

    fig.update_yaxes(row=1, col=1, tickmode="array", tickvals=[lane_y[ln] for ln in lanes],
                     ticktext=[labels.LANE[ln] for ln in lanes], range=[-0.6, len(lanes) - 0.4],
                     showgrid=True, zeroline=False, fixedrange=True)
    fig.update_yaxes(row=2, col=1, title_text="Victimes annoncées", rangemode="tozero", tickformat=",d",
                     fixedrange=True)
    fig.update_xaxes(type="date", tickformat="%d/%m/%Y", showgrid=True)
    fig.update_layout(
        title={"text": hover_escape(title, 110)} if title else None,
        height=660, margin={"l": 10, "r": 10, "t": 120 if title else 95, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.085, "x": 0, "title": {"text": "Position :"}},
        hoverlabel={"align": "left"}, separators=", ", clickmode="event+select",
    )
    return fig


def _first(claims: list[Mapping], stance: str) -> datetime | None:
    return min((_local(c["published"]) for c in claims if c.get("stance") == stance), default=None)


def _annotate_gap(fig: go.Figure, claims: list[Mapping]) -> None:
    """Mark the first attribution and the first denial; shade the time between them."""
    first_att, first_den = _first(claims, "attribution"), _first(claims, "denial")
    for when, text, colour, shift in ((first_att, "1re attribution", STANCE_STYLE["attribution"][0], 0),
                                      (first_den, "1er démenti", STANCE_STYLE["denial"][0], 1)):
        if when is None:
            continue
        fig.add_shape(type="line", x0=when, x1=when, xref="x", yref="paper", y0=0, y1=1,
                      line={"color": colour, "width": 1.5, "dash": "dash"})
        fig.add_annotation(x=when, xref="x", yref="paper", y=1.0 + 0.035 * (1 - shift), yanchor="bottom",
                           text=f"<b>{text}</b> ({_day_label(when)})", showarrow=False, xanchor="left",
                           font={"color": colour, "size": 12}, bgcolor="rgba(255,255,255,0.85)")
    if first_att and first_den and first_den > first_att:
        gap = first_den - first_att
        days = gap.total_seconds() / 86400
        fig.add_shape(type="rect", x0=first_att, x1=first_den, xref="x", yref="paper", y0=0, y1=1,
                      fillcolor="rgba(213, 94, 0, 0.09)", line={"width": 0}, layer="below")
        fig.add_annotation(x=first_att + gap / 2, xref="x", yref="paper", y=0.31, showarrow=False,
                           text=f"Attribution non démentie : {_duration(days)}", font={"size": 11, "color": "#444"},
                           bgcolor="rgba(255,255,255,0.8)")


def _duration(days: float) -> str:
    if days < 1:
        return f"{round(days * 24)} h"
    n = round(days)
    return f"{n} jour" + ("s" if n > 1 else "")


def _count_panel(fig: go.Figure, claims: list[Mapping], counts: Iterable[Mapping] | None) -> None:
    if counts is None:
        counts = [{"value": c["victim_count"], "unit": c.get("victim_unit") or "", "feed": c.get("feed"),
                   "date": c.get("published"), "org": c.get("org"), "url": c.get("url")}
                  for c in claims if c.get("victim_count")]
    points = sorted(((_local(c.get("date")), c) for c in counts if c.get("value") and _local(c.get("date"))),
                    key=lambda p: p[0])
    if not points:
        fig.add_annotation(text="Aucun chiffre de victimes rapporté", xref="x2 domain", yref="y2 domain",
                           x=0.5, y=0.5, showarrow=False, font={"color": "#777"})
        fig.update_yaxes(row=2, col=1, showticklabels=False)
        return
    fig.add_trace(go.Scatter(
        x=[p[0] for p in points], y=[p[1]["value"] for p in points], mode="markers+lines", name="Victimes annoncées",
        line={"color": COUNT_COLOR, "width": 1, "dash": "dot"},
        marker={"color": COUNT_COLOR, "size": 10, "symbol": "circle"},
        customdata=[[safe_url(c.get("url")) or "", hover_escape(c.get("feed") or "source inconnue", 60),
                     _day_label(ts), hover_escape(f"{c['value']:,}".replace(",", " ") + " " + (c.get("unit") or ""), 60),
                     hover_escape(c.get("org") or "", 60)] for ts, c in points],
        hovertemplate="<b>%{customdata[3]}</b><br>%{customdata[1]} · %{customdata[2]}<br>%{customdata[4]}<extra></extra>",
    ), row=2, col=1)


def coverage(frame: pd.DataFrame) -> go.Figure:
    """Claims per period, stacked by stance (``data.coverage`` frame)."""
    fig = go.Figure()
    for stance, (colour, _) in STANCE_STYLE.items():
        part = frame[frame["stance"] == stance]
        fig.add_trace(go.Bar(x=part["period"], y=part["claims"], name=labels.stance(stance), marker_color=colour,
                             hovertemplate="%{x|%d/%m/%Y} : %{y} affirmation(s)<extra>" + labels.stance(stance)
                             + "</extra>"))
    fig.update_layout(barmode="stack", height=300, margin={"l": 10, "r": 10, "t": 30, "b": 10},
                      legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
                      yaxis_title="Affirmations", separators=", ")
    fig.update_xaxes(type="date", tickformat="%d/%m/%Y")
    return fig
