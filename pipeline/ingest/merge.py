"""Merge one collected feed into the store: one article once, new versions kept, health recorded.

All of a feed's changes (new articles with their version 1, new versions, feed health and
cache validators) are one transaction: a crash leaves either all of them or none, and since
the validators are stored with the articles, a feed whose articles were lost is fetched again.

Dispositions, one per entry: ``ok`` (new article), ``updated`` (the feed that published an
article now carries a different text: a new version), ``skip:duplicate_url`` /
``skip:duplicate_guid`` (already stored, unchanged or owned by another feed), ``skip:empty``
(nothing usable). A feed without entries to count counts once: ``skip:not_modified``,
``error:fetch`` or ``error:parse``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import duckdb

from ..records import RunStats
from ..store import read, write
from .collect import Collected, Item
from .syndication import WireIndex

LOGGER = logging.getLogger(__name__)

__all__ = ["merge_feed", "Merged", "REFETCH_AFTER", "next_refetch", "same_text"]

# Scheduled re-fetches of article pages (fulltext feeds), counted from first seen.
REFETCH_AFTER = (timedelta(hours=24), timedelta(days=7))

_WS = re.compile(r"\s+")


def same_text(a: str, b: str) -> bool:
    """Texts equal up to whitespace."""
    return _WS.sub(" ", a or "").strip() == _WS.sub(" ", b or "").strip()


def next_refetch(first_seen: datetime, stage: int) -> datetime | None:
    """When re-fetch number ``stage`` (0-based) is due, None after the last one."""
    return first_seen + REFETCH_AFTER[stage] if stage < len(REFETCH_AFTER) else None


@dataclass
class Merged:
    new_ids: list[str] = field(default_factory=list)
    updated_ids: list[str] = field(default_factory=list)


def _guid_key(guid: str, feed: str) -> tuple[str, str]:
    """Guids that are URLs are global; others ("12345") only identify an item within their feed."""
    return (guid, "") if guid.lower().startswith(("http://", "https://")) else (guid, feed)


def _is_update(existing: dict, item: Item) -> bool:
    """Whether ``item`` is a new version of the stored article ``existing`` (seen in an earlier fetch)."""
    a = item.article
    if existing["feed"] != a.feed:
        return False  # another feed's copy of the same URL: never rewrites the owner's text
    if item.source == "feed" and existing["text_source"] == "page":
        return False  # stored text is the page's; the feed's summary is not a newer version of it
    return not same_text(existing["text"], a.text)


def _new_row(item: Item, group: str, seen_at: datetime, fulltext: bool) -> dict:
    a = item.article
    refetch = fulltext and a.url.lower().startswith(("http://", "https://"))
    return {"id": a.id, "url": a.url, "guid": a.guid, "title": a.title, "text": a.text, "summary": a.summary,
            "published": a.published, "first_seen": seen_at, "feed": a.feed, "feed_kind": a.feed_kind,
            "wire_group": group, "version": 1, "text_source": item.source, "minhash": item.minhash,
            "page_etag": item.page_etag, "page_last_modified": item.page_last_modified,
            "next_refetch": next_refetch(seen_at, 0) if refetch else None, "refetch_stage": 0}


def merge_feed(con: duckdb.DuckDBPyConnection, c: Collected, wire: WireIndex | None, stats: RunStats) -> Merged:
    """Store one collected feed in one transaction; counts each entry's disposition in ``stats``.

    ``wire`` (recent articles' signatures) is needed only when ``c`` has items."""
    out = Merged()
    local = RunStats()
    con.execute("BEGIN TRANSACTION")
    try:
        if c.disposition:
            local.incr(c.disposition)
        if c.skipped:
            local.incr("skip:empty", c.skipped)
        articles = [i.article for i in c.items]
        known = read.known_articles(con, [a.url for a in articles],
                                    [a.guid for a in articles if a.guid]) if articles else []
        by_url = {k["url"]: k for k in known}
        by_guid = {_guid_key(k["guid"], k["feed"]): k for k in known if k["guid"]}
        seen_urls: set[str] = set()
        new_rows = []
        for item in c.items:
            a = item.article
            existing = by_url.get(a.url)
            dup = "skip:duplicate_url"
            if existing is None and a.guid:
                existing = by_guid.get(_guid_key(a.guid, a.feed))
                dup = "skip:duplicate_guid"
            if a.url in seen_urls:
                local.incr("skip:duplicate_url")
                continue
            seen_urls.add(a.url)
            if existing is None:
                group = wire.assign(a.id, item.minhash) if wire is not None else a.id
                row = _new_row(item, group, c.seen_at, c.feed.fulltext)
                new_rows.append(row)
                by_url[a.url] = row | {"version": 1, "text_source": item.source, "in_batch": True}
                if a.guid:
                    by_guid[_guid_key(a.guid, a.feed)] = by_url[a.url]
                out.new_ids.append(a.id)
                local.incr("ok")
            elif not existing.get("in_batch") and _is_update(existing, item):
                version = existing["version"] + 1
                write.add_article_version(con, existing["id"], version=version, title=a.title, text=a.text,
                                          summary=a.summary, source=item.source, seen_at=c.seen_at,
                                          minhash=item.minhash, page_etag=item.page_etag,
                                          page_last_modified=item.page_last_modified)
                existing.update(version=version, text=a.text, text_source=item.source, in_batch=True)
                out.updated_ids.append(existing["id"])
                local.incr("updated")
            else:
                local.incr(dup)
        write.insert_new_articles(con, new_rows)
        write.record_feed_health(con, c.result, c.notice)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    for key, n in local.counts.items():
        stats.incr(key, n)
    return out
