"""Writes: every value passes as a parameter; every unit of work is one transaction."""

from __future__ import annotations

import json
import logging
from datetime import datetime, timezone
from typing import Iterable

import duckdb

from ..records import Analysis, Article, FeedConfig, FeedResult, RunStats, stable_id

LOGGER = logging.getLogger(__name__)

__all__ = ["upsert_feeds", "record_feed_result", "insert_articles", "store_analysis",
           "sync_organizations", "record_run"]


def _now() -> datetime:
    return datetime.now(timezone.utc)


def upsert_feeds(con: duckdb.DuckDBPyConnection, feeds: Iterable[FeedConfig]) -> None:
    """Create or update feed rows from configuration; fetch state is kept."""
    for f in feeds:
        con.execute(
            "INSERT INTO feeds (name, url, language, kind, enabled, fulltext) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (name) DO UPDATE SET url = excluded.url, language = excluded.language, "
            "kind = excluded.kind, enabled = excluded.enabled, fulltext = excluded.fulltext",
            [f.name, f.url, f.language, f.kind, f.enabled, f.fulltext],
        )


def record_feed_result(con: duckdb.DuckDBPyConnection, result: FeedResult) -> None:
    """Store a feed's health after a fetch: success resets the failure streak, failure extends it."""
    now = _now()
    if result.ok:
        con.execute(
            "UPDATE feeds SET last_status = ?, last_error = NULL, last_fetched = ?, last_success = ?, "
            "consecutive_failures = 0, items_seen = items_seen + ?, "
            "etag = coalesce(?, etag), last_modified = coalesce(?, last_modified) WHERE name = ?",
            ["not_modified" if result.not_modified else "ok", now, now, len(result.articles),
             result.etag, result.last_modified, result.feed],
        )
    else:
        con.execute(
            "UPDATE feeds SET last_status = 'error', last_error = ?, last_fetched = ?, "
            "consecutive_failures = consecutive_failures + 1 WHERE name = ?",
            [result.error, now, result.feed],
        )


def insert_articles(con: duckdb.DuckDBPyConnection, articles: Iterable[Article],
                    stats: RunStats | None = None) -> list[str]:
    """Insert articles not seen before (by canonical URL, then guid); return the new ids.

    Each article ends in one disposition: ``ok``, ``skip:duplicate_url`` or ``skip:duplicate_guid``.
    """
    stats = stats if stats is not None else RunStats()
    new_ids: list[str] = []
    now = _now()
    for a in articles:
        if con.execute("SELECT 1 FROM articles WHERE url = ? OR id = ?", [a.url, a.id]).fetchone():
            stats.incr("skip:duplicate_url")
            continue
        if a.guid and con.execute("SELECT 1 FROM articles WHERE guid = ?", [a.guid]).fetchone():
            stats.incr("skip:duplicate_guid")
            continue
        con.execute(
            "INSERT INTO articles (id, url, guid, title, text, summary, published, first_seen, feed, feed_kind) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [a.id, a.url, a.guid, a.title, a.text, a.summary, a.published, now, a.feed, a.feed_kind],
        )
        new_ids.append(a.id)
        stats.incr("ok")
    return new_ids


_DELETE_EXTRACTION = tuple(
    "DELETE FROM %s WHERE article_id = ?" % table  # constant table names, never input
    for table in ("entities", "claims", "victim_counts", "article_dates")
)


def store_analysis(con: duckdb.DuckDBPyConnection, article_id: str, analysis: Analysis,
                   rule_version: str) -> None:
    """Replace an article's extraction results in one transaction (never half-written)."""
    con.execute("BEGIN TRANSACTION")
    try:
        for sql in _DELETE_EXTRACTION:
            con.execute(sql, [article_id])
        for m in analysis.organizations:
            con.execute(
                "INSERT INTO entities (article_id, org, mention, start_char, end_char, role) VALUES (?, ?, ?, ?, ?, ?)",
                [article_id, m.canonical, m.text, m.start, m.end, m.kind],
            )
        for i, c in enumerate(analysis.claims):
            cid = stable_id(article_id, str(i), c.org, c.stance, c.speaker, str(c.start))
            con.execute(
                "INSERT INTO claims (id, article_id, org, stance, speaker, speaker_name, sentence, start_char, "
                "end_char, victim_count, victim_unit, event_date, hedged, cue, rule_version) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [cid, article_id, c.org, c.stance, c.speaker, c.speaker_name, c.sentence, c.start, c.end,
                 c.victim_count.value if c.victim_count else None,
                 c.victim_count.unit if c.victim_count else None,
                 c.event_date, c.hedged, c.cue, rule_version],
            )
        for v in analysis.victim_counts:
            con.execute(
                "INSERT INTO victim_counts (article_id, value, unit, approx, mention, start_char, end_char) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [article_id, v.value, v.unit, v.approx, v.text, v.start, v.end],
            )
        for d in analysis.dates:
            con.execute(
                "INSERT INTO article_dates (article_id, value, precision, mention, start_char, end_char) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [article_id, d.value, d.precision, d.text, d.start, d.end],
            )
        con.execute("UPDATE articles SET rule_version = ? WHERE id = ?", [rule_version, article_id])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def sync_organizations(con: duckdb.DuckDBPyConnection, orgs: Iterable[tuple[str, str, str | None, str | None]]) -> None:
    """Mirror the organisation registry (name, role, parent, sector) into the database."""
    for name, role, parent, sector in orgs:
        con.execute(
            "INSERT INTO organizations (name, role, parent, sector) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (name) DO UPDATE SET role = excluded.role, parent = excluded.parent, sector = excluded.sector",
            [name, role, parent, sector],
        )


def record_run(con: duckdb.DuckDBPyConnection, command: str, started: datetime, stats: RunStats) -> str:
    """Store a run's counted dispositions so the Sources page can show them."""
    run_id = stable_id(command, started.isoformat())
    con.execute(
        "INSERT INTO runs (id, command, started, finished, counts) VALUES (?, ?, ?, ?, ?)",
        [run_id, command, started, _now(), json.dumps(stats.counts, sort_keys=True)],
    )
    return run_id
