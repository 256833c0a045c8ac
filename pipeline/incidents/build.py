"""Claim rows -> incidents: grouped, measured, titled, with stable ids. Pure: no database."""

from __future__ import annotations

import logging
from collections import Counter
from typing import Iterable

from ..nlp.orgs import Registry
from ..records import stable_id
from .french import incident_kind, incident_title
from .grouping import group_claims
from .rows import ClaimView, lineage, prepare_claims
from .score import count_spread, divergence_score, incident_counts
from .status import media_finder, org_report, story_outlets

LOGGER = logging.getLogger(__name__)

__all__ = ["build_incidents", "incident_id", "attach_incidents"]


def incident_id(founding_org: str, first_article_id: str, *extra: str) -> str:
    """"inc-" + a hash of the founding organisation and the article of the incident's first claim."""
    return "inc-" + stable_id(founding_org, first_article_id, *extra)


def _title_orgs(orgs: list[str], registry: Registry) -> list[str]:
    """Organisations to name in a title: a parent group is left out when one of its establishments is named."""
    named = set(orgs)
    return [o for o in orgs if not any(o in lineage(other, registry) and other != o for other in named)]


def _id_order(group: list[ClaimView]) -> tuple:
    retrospective_only = all(v.anchor != v.day for v in group)
    return (retrospective_only, group[0].key)


def build_incidents(claims: Iterable[dict], registry: Registry, counts: list[dict] | None = None) -> list[dict]:
    """Claim rows (``read.claims`` or ``--from-jsonl`` rows) -> incident dicts, most recent first.

    Each incident: ``id`` ("inc-" + hash of the founding organisation and the first claim's
    article: adding later articles extends the incident and keeps its id), ``title`` (French),
    ``organizations`` (most cited first), ``first_date``/``last_date`` (publication days,
    ISO), ``articles`` (ids, oldest first), ``outlets``, ``stories`` (wire copies once),
    ``claims`` (the input rows, plus ``id`` and ``incident_id``), ``orgs``, ``counts`` (every
    victim count: value, unit, approx, feed, date, article_id, url, speaker, org, story),
    ``count_spread`` ({min, max, ratio, values} or None) and ``divergence`` ({score 0-100,
    explanation in French, parts}).

    Each ``orgs`` entry: org, status (the ``divergences`` status), verification (French
    label) and verification_code, attributions/denials/confirmations, transitions [{state
    claimed|attributed|denied|confirmed, date, article_id, feed, url, speaker, sentence}],
    first_outlet {feed, date, article_id, url}, first_reaction (same + stance, speaker) or
    None, reaction_delay_days (float, negative when the organisation spoke first) or None,
    voices {speaker: {attribution, denial, confirmation}} counted in stories, origins,
    independent_origins, outlets, relaying_outlets and repeated_after_denial [{feed, date,
    article_id, url, sentence}].

    ``counts`` are optional ``read.victim_counts`` rows: their ``approx`` marks, and other
    counts inside the claims' sentences, are added.
    """
    views = prepare_claims(claims, registry)
    groups = [g for g in group_claims(views, registry) if g]
    counts_by_article: dict[str, list[dict]] = {}
    for c in counts or []:
        counts_by_article.setdefault(str(c.get("article_id")), []).append(c)

    incidents, used = [], set()
    media = media_finder(registry)
    for g in sorted(groups, key=_id_order):
        first = g[0]
        iid, n = incident_id(first.org, first.article_id), 0
        while iid in used:  # the same article opens two incidents (a retrospective mention): tell them apart
            n += 1
            anchor = min((v.anchor for v in g if v.anchor), default=None)
            month = anchor.isoformat()[:7] if anchor else "undated"
            iid = incident_id(first.org, first.article_id, month, *([str(n)] if n > 1 else []))
        used.add(iid)
        incidents.append(_incident(iid, g, registry, counts_by_article, media))
    incidents.sort(key=lambda inc: (inc["last_date"] or "", inc["first_date"] or "", inc["id"]), reverse=True)
    LOGGER.info("%d claims -> %d incidents", len(views), len(incidents))
    return incidents


def _incident(iid: str, group: list[ClaimView], registry: Registry, counts_by_article: dict[str, list[dict]],
              media: tuple) -> dict:
    tally = Counter(v.org for v in group)
    orgs = sorted(tally, key=lambda o: (-tally[o], o))
    outlets = story_outlets(group)
    by_org: dict[str, list[ClaimView]] = {}
    for v in group:
        by_org.setdefault(v.org, []).append(v)

    def relevant(org: str) -> list[ClaimView]:  # the organisation's claims and its groups' (still in order)
        return sorted((v for o in lineage(org, registry) for v in by_org.get(o, [])), key=lambda v: v.key)

    reports = [org_report(o, relevant(o), registry, story_outlet=outlets, media=media) for o in orgs]
    by_org = {r["org"]: r for r in reports}
    article_counts = [c for a in sorted({v.article_id for v in group}) for c in counts_by_article.get(a, [])]
    counts = incident_counts(group, article_counts)
    spread = count_spread(counts)
    days = [v.day for v in group if v.day]
    anchors = [v.anchor for v in group if v.anchor]
    title_orgs = _title_orgs(orgs, registry)
    articles: list[str] = []
    for v in group:
        if v.article_id not in articles:
            articles.append(v.article_id)
    return {
        "id": iid,
        "title": incident_title(incident_kind([v.sentence for v in group]),
                                [by_org[o]["verification_code"] for o in title_orgs[:2]], title_orgs,
                                min(anchors) if anchors else None),
        "organizations": orgs,
        "first_date": min(days).isoformat() if days else None,
        "last_date": max(days).isoformat() if days else None,
        "articles": articles,
        "outlets": len({v.outlet for v in group}),
        "stories": len({v.story for v in group}),
        "claims": [{**v.row, "id": v.id, "incident_id": iid} for v in group],
        "orgs": reports,
        "counts": counts,
        "count_spread": spread,
        "divergence": divergence_score(reports, spread),
    }


def attach_incidents(entries: list[dict], incidents: list[dict]) -> list[dict]:
    """Add to each ``divergences`` entry the id of the most recent incident of its organisation (or None)."""
    latest: dict[str, tuple] = {}
    for inc in incidents:
        key = (inc["last_date"] or "", inc["first_date"] or "", inc["id"])
        for org in inc["organizations"]:
            if org not in latest or key > latest[org]:
                latest[org] = key
    for e in entries:
        e["incident"] = latest[e["org"]][2] if e["org"] in latest else None
    return entries
