"""Per-organisation divergence: attributions vs denials vs confirmations.

An organisation is ``contested`` when someone attributes a breach to it and it, or a group
it belongs to, denies it; ``confirmed`` once it acknowledges the event; ``denied`` when only
denials exist; ``attributed`` when only attributions do.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Iterable

from ..nlp.orgs import Registry

__all__ = ["divergences", "status_of"]


def status_of(attributions: int, denials: int, confirmations: int) -> str:
    if confirmations:
        return "confirmed"
    if attributions and denials:
        return "contested"
    if denials:
        return "denied"
    return "attributed"


def _day(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)[:10]


def divergences(claims: Iterable[dict], registry: Registry, incidents: list[dict] | None = None) -> list[dict]:
    """Claims (dicts with org, stance, published, article_id or url) -> the ``divergences`` contract.

    A group's denial or confirmation also counts for each of its establishments named in claims.
    Each entry gains ``incident``: the id of the organisation's most recent incident (built
    from the same claims unless ``incidents`` are given), or None.
    Sorted with contested organisations first, most recent activity first.
    """
    from .build import attach_incidents, build_incidents

    claims = list(claims)
    orgs = {c["org"] for c in claims}
    out = []
    for org in orgs:
        speakers_for = registry.family(org) - {o.name for o in registry.orgs.values() if o.parent == org} | {org}
        own = [c for c in claims if c["org"] == org]
        reactions = [c for c in claims if c["org"] in speakers_for and c["stance"] in ("denial", "confirmation")]
        attributions = [c for c in own if c["stance"] == "attribution"]
        denials = [c for c in reactions if c["stance"] == "denial"]
        confirmations = [c for c in reactions if c["stance"] == "confirmation"]
        if not own:
            continue
        involved = attributions + denials + confirmations
        articles = []
        for c in sorted(involved, key=lambda c: (_day(c.get("published")) or "", c.get("article_id") or "")):
            ref = c.get("article_id") or c.get("url")
            if ref not in articles:
                articles.append(ref)
        out.append({
            "org": org,
            "status": status_of(len(attributions), len(denials), len(confirmations)),
            "attributions": len(attributions),
            "denials": len(denials),
            "confirmations": len(confirmations),
            "first_attribution": min((_day(c.get("published")) for c in attributions if c.get("published")), default=None),
            "first_denial": min((_day(c.get("published")) for c in denials if c.get("published")), default=None),
            "last_activity": max((_day(c.get("published")) for c in involved if c.get("published")), default=None),
            "articles": articles,
        })
    order = {"contested": 0, "confirmed": 1, "attributed": 2, "denied": 3}
    out.sort(key=lambda d: (order[d["status"]], _neg(d["last_activity"]), d["org"]))
    return attach_incidents(out, incidents if incidents is not None else build_incidents(claims, registry))


def _neg(day: str | None) -> str:
    """Sort key putting the most recent ISO date first."""
    if not day:
        return "~"
    return "".join(chr(ord("9") - ord(ch) + ord("0")) if ch.isdigit() else ch for ch in day)
