"""Stored claims -> stored incidents and alerts: what ingestion, the demo and the watcher call.

Connections stay short (store's rule): one to read, the computation with none open, one to
write. Incidents are replaced as a whole; alerts are only added, once each.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from ..nlp.orgs import Registry, load_registry
from ..store import db, read, write
from .alerts import find_alerts
from .build import build_incidents

LOGGER = logging.getLogger(__name__)

__all__ = ["RefreshReport", "refresh_incidents", "stored_claim_rows"]


@dataclass(frozen=True)
class RefreshReport:
    incidents: int
    alerts: int
    new_alerts: tuple[str, ...]


def stored_claim_rows(con) -> tuple[list[dict], list[dict]]:
    """(claim rows with their ``wire_group`` when the store has one, victim count rows) of a database."""
    claims = read.claims(con)
    groups = read.wire_groups(con)
    if groups:
        claims = [{**c, "wire_group": groups.get(c["article_id"], c["article_id"])} for c in claims]
    return claims, read.victim_counts(con)


def refresh_incidents(db_path: str, registry: Registry | None = None) -> RefreshReport:
    """Recompute incidents from the stored claims, store them, store the alerts not seen before."""
    with db.connect(db_path) as con:
        claims, counts = stored_claim_rows(con)
    incidents = build_incidents(claims, registry or load_registry(), counts)
    alerts = find_alerts(incidents)
    with db.connect(db_path) as con:
        write.store_incidents(con, incidents)
        new = write.store_alerts(con, alerts)
    LOGGER.info("%d incidents stored, %d alerts (%d new)", len(incidents), len(alerts), len(new))
    return RefreshReport(incidents=len(incidents), alerts=len(alerts), new_alerts=tuple(new))
