"""Reads: plain rows (lists of dicts) for the CLI, the incidents stage and the dashboard."""

from __future__ import annotations

from typing import Any

import duckdb

__all__ = ["rows", "article_count", "articles_to_analyze", "claims", "articles", "feeds",
           "organizations", "victim_counts", "latest_runs"]


def rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict[str, Any]]:
    """Run a query of this module and return its rows as dicts."""
    cur = con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def article_count(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("SELECT count(*) FROM articles").fetchone()[0]


def articles_to_analyze(con: duckdb.DuckDBPyConnection, rule_version: str,
                        only_ids: list[str] | None = None) -> list[dict[str, Any]]:
    """Articles never analysed, or analysed by other rules than ``rule_version``."""
    sql = ("SELECT id, title, text, published, url, feed, feed_kind FROM articles "
           "WHERE rule_version IS DISTINCT FROM ?")
    params: list = [rule_version]
    if only_ids is not None:
        sql += " AND list_contains(?, id)"
        params.append(only_ids)
    return rows(con, sql + " ORDER BY published, id", params)


_CLAIM_COLUMNS = (
    "c.id, c.article_id, c.org, c.stance, c.speaker, c.speaker_name, c.sentence, "
    "c.start_char AS start, c.end_char AS \"end\", c.victim_count, c.victim_unit, c.event_date, "
    "c.hedged, c.cue, c.rule_version, a.url, a.title, a.published, a.feed, a.feed_kind"
)


def claims(con: duckdb.DuckDBPyConnection, org: str | None = None) -> list[dict[str, Any]]:
    """Claims joined with their article, oldest first; ``org`` keeps one organisation's."""
    sql = "SELECT " + _CLAIM_COLUMNS + " FROM claims c JOIN articles a ON a.id = c.article_id"
    params: list = []
    if org is not None:
        sql += " WHERE c.org = ?"
        params.append(org)
    return rows(con, sql + " ORDER BY a.published, c.article_id, c.start_char", params)


def articles(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    return rows(con, "SELECT id, url, guid, title, text, summary, published, first_seen, feed, feed_kind, "
                     "rule_version FROM articles ORDER BY published, id")


def feeds(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    return rows(con, "SELECT f.*, (SELECT count(*) FROM articles a WHERE a.feed = f.name) AS articles "
                     "FROM feeds f ORDER BY name")


def organizations(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    return rows(con, "SELECT name, role, parent, sector FROM organizations ORDER BY name")


def victim_counts(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    return rows(con, "SELECT v.*, a.published, a.feed, a.url FROM victim_counts v "
                     "JOIN articles a ON a.id = v.article_id ORDER BY a.published")


def latest_runs(con: duckdb.DuckDBPyConnection, limit: int = 20) -> list[dict[str, Any]]:
    return rows(con, "SELECT * FROM runs ORDER BY started DESC LIMIT ?", [limit])
