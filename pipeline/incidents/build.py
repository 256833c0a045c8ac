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
from .status import org_report

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

    Each incident: ``id`` (stable: the founding organisation and the first claim's article,
    so adding later articles extends it), ``title``, ``organizations`` (most cited first),
    ``first_date``/``last_date`` (publication days), ``articles``, ``claims`` (the input rows
    with ``incident_id``), ``orgs`` (one ``status.org_report`` each), ``counts``,
    ``count_spread`` and ``divergence`` (``score`` 0-100 and a French ``explanation``).
    ``counts`` are optional ``read.victim_counts`` rows adding article-level counts.
    """
    views = prepare_claims(claims, registry)
    groups = [g for g in group_claims(views, registry) if g]
    counts_by_article: dict[str, list[dict]] = {}
    for c in counts or []:
        counts_by_article.setdefault(str(c.get("article_id")), []).append(c)

    incidents, used = [], set()
    for i, g in sorted(enumerate(groups), key=lambda ig: _id_order(ig[1])):
        first = g[0]
        iid = incident_id(first.org, first.article_id)
        if iid in used:  # the same article opens two incidents (a retrospective mention): tell them apart
            anchor = min((v.anchor for v in g if v.anchor), default=None)
            iid = incident_id(first.org, first.article_id, anchor.isoformat()[:7] if anchor else str(i))
        used.add(iid)
        incidents.append(_incident(iid, g, registry, counts_by_article))
    incidents.sort(key=lambda inc: (inc["last_date"] or "", inc["first_date"] or "", inc["id"]), reverse=True)
    LOGGER.info("%d claims -> %d incidents", len(views), len(incidents))
    return incidents


def _incident(iid: str, group: list[ClaimView], registry: Registry, counts_by_article: dict[str, list[dict]]) -> dict:
    tally = Counter(v.org for v in group)
    orgs = sorted(tally, key=lambda o: (-tally[o], o))
    reports = [org_report(o, group, registry) for o in orgs]
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
