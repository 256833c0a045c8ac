"""Downloads: the current view's claims as CSV / JSON, an incident as a Markdown dossier."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from typing import Any, Iterable, Mapping

from pipeline.store.browse import EXPORT_FIELDS

from . import labels
from .state import PARIS
from .text import md_escape, safe_url

__all__ = ["claims_csv", "claims_json", "incident_markdown"]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def claims_json(rows: Iterable[Mapping]) -> str:
    """A JSON list of claims with the export fields (dates in ISO 8601)."""
    return json.dumps([{k: _plain(r.get(k)) for k in EXPORT_FIELDS} for r in rows], ensure_ascii=False, indent=1)


def claims_csv(rows: Iterable[Mapping]) -> str:
    """CSV (UTF-8, comma-separated, header row) of claims with the export fields."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(EXPORT_FIELDS), extrasaction="ignore")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: _plain(r.get(k)) for k in EXPORT_FIELDS})
    return out.getvalue()


def _day(value: Any) -> str:
    return labels.day(value, missing="date inconnue")


def _link(label: str, url: str | None) -> str:
    url = safe_url(url)
    return f"[{md_escape(label)}](<{url}>)" if url else md_escape(label)


def _number(n: Any) -> str:
    try:
        return f"{int(n):,}".replace(",", "\u202f")
    except (TypeError, ValueError):
        return str(n)


def incident_markdown(incident: Mapping, claims: list[Mapping] | None = None) -> str:
    """A dossier a journalist can paste into notes: status, divergence, timeline with quotes, counts, sources.

    ``claims`` defaults to the incident's own (pass the filtered ones to export the current view).
    Feed text is Markdown-escaped.
    """
    claims = list(incident.get("claims") or []) if claims is None else list(claims)
    lines = [f"# {md_escape(incident.get('title') or 'Incident')}", ""]
    lines.append(f"Période : du {_day(incident.get('first_date'))} au {_day(incident.get('last_date'))} · "
                 f"{len(incident.get('articles') or [])} article(s) · {incident.get('outlets', '?')} média(s)")
    lines.append("")
    div = incident.get("divergence") or {}
    if div:
        lines += ["## Divergence", "", f"Score : **{div.get('score', '?')}/100**. {md_escape(div.get('explanation'))}", ""]
    lines += ["## Organisations", ""]
    for o in incident.get("orgs") or []:
        lines.append(f"- **{md_escape(o['org'])}** : {md_escape(o.get('verification') or labels.status(o.get('status')))} "
                     f"({o.get('attributions', 0)} attribution(s), {o.get('denials', 0)} démenti(s), "
                     f"{o.get('confirmations', 0)} confirmation(s))")
        for t in o.get("transitions") or []:
            lines.append(f"  - {_day(t.get('date'))} : {md_escape(labels.status(t.get('state')))} — "
                         + _link(t.get("feed") or "source", t.get("url")))
        for r in o.get("repeated_after_denial") or []:
            lines.append(f"  - Reprise après démenti : {_day(r.get('date'))}, "
                         + _link(r.get("feed") or "source", r.get("url")))
    lines += ["", "## Chronologie", ""]
    for c in sorted(claims, key=lambda c: (str(c.get("published") or ""), c.get("start") or 0)):
        mark = " (relue)" if c.get("reviewed") else ""
        lines.append(f"- **{_day(c.get('published'))}** — {_link(c.get('feed') or 'source', c.get('url'))} — "
                     f"{labels.speaker(c.get('speaker'))}, {labels.stance(c.get('stance')).lower()} "
                     f"({md_escape(c.get('org'))}){mark}")
        lines.append(f"  > {md_escape(c.get('sentence'))}")
    counts = incident.get("counts") or []
    if counts:
        lines += ["", "## Chiffres de victimes rapportés", ""]
        for n in counts:
            lines.append(f"- {_day(n.get('date'))} : {_number(n.get('value'))} {md_escape(n.get('unit'))} — "
                         + _link(n.get("feed") or "source", n.get("url")))
    lines += ["", "## Sources", ""]
    seen = set()
    for c in claims:
        url = safe_url(c.get("url"))
        if url and url not in seen:
            seen.add(url)
            lines.append(f"- {_link(c.get('title') or url, url)} ({md_escape(c.get('feed'))}, {_day(c.get('published'))})")
    lines += ["", f"_Dossier généré par Recoupe le {_day(datetime.now(PARIS))}._", ""]
    return "\n".join(lines)
