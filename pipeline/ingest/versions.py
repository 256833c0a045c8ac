"""Articles change after publication: scheduled re-fetches of article pages.

Denials are often added hours later ("Contactée, la direction dément…"). Two ways a new
version is found: the feed carries a different text for a known URL/guid (``merge``), or a
scheduled re-fetch of the page, ``REFETCH_AFTER`` after first seen (24 h and 7 days), finds a
different main text. Re-fetches use conditional GET with the page's stored validators and
apply to feeds with ``fulltext = true`` (whose stored text comes from the page; a feed without
full text is never asked for its pages). Each distinct text is kept in ``article_versions``;
the article's ``rule_version`` is cleared so its claims are extracted again, and each claim
records the version it came from.

Dispositions: ``refetch:updated``, ``refetch:unchanged``, ``refetch:not_modified``,
``refetch:error``.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone

from ..records import RunStats
from ..store import db, read, write
from .fetch import Fetcher
from .fulltext import fetch_page_text
from .merge import next_refetch, same_text
from .syndication import signature

LOGGER = logging.getLogger(__name__)

__all__ = ["refetch_pages"]

_WRITE_CHUNK = 50  # re-fetch results written per connection


def refetch_pages(db_path: str, fetcher: Fetcher, stats: RunStats, *, feeds: list[str] | None = None,
                  now: datetime | None = None, allow_private: dict[str, bool] | None = None,
                  stop: threading.Event | None = None) -> list[str]:
    """Re-fetch the pages whose scheduled time has come; return the ids of articles with a new version."""
    now = now or datetime.now(timezone.utc)
    allow_private = allow_private or {}
    with db.connect(db_path) as con:
        due = read.refetch_due(con, now, feeds)
    if not due:
        return []

    def fetch(row: dict):
        if stop is not None and stop.is_set():
            return None
        return fetch_page_text(fetcher, row["url"], etag=row["page_etag"], last_modified=row["page_last_modified"],
                               allow_private=allow_private.get(row["feed"], True))

    with ThreadPoolExecutor(max_workers=fetcher.policy.concurrency) as pool:
        pages = list(pool.map(fetch, due))
    updated: list[str] = []
    for start in range(0, len(due), _WRITE_CHUNK):
        with db.connect(db_path) as con:
            for row, page in zip(due[start:start + _WRITE_CHUNK], pages[start:start + _WRITE_CHUNK]):
                if page is None:
                    continue  # stopped before fetching: still due next time
                _store(con, row, page, now, stats, updated)
    return updated


def _store(con, row: dict, page, now: datetime, stats: RunStats, updated: list[str]) -> None:
    stage = row["refetch_stage"] + 1
    con.execute("BEGIN TRANSACTION")
    try:
        if page.error:
            disposition = "refetch:error"
            LOGGER.info("re-fetch of %s failed: %s", row["url"], page.error)
        elif page.not_modified:
            disposition = "refetch:not_modified"
        elif same_text(page.text, row["text"]):
            disposition = "refetch:unchanged"
        else:
            disposition = "refetch:updated"
            write.add_article_version(con, row["id"], version=row["version"] + 1, title=row["title"], text=page.text,
                                      summary=row["summary"], source="page", seen_at=now,
                                      minhash=signature(page.text), page_etag=page.etag,
                                      page_last_modified=page.last_modified)
            updated.append(row["id"])
        write.set_refetch_state(con, row["id"], stage=stage, next_refetch=next_refetch(row["first_seen"], stage),
                                page_etag=page.etag, page_last_modified=page.last_modified)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    stats.incr(disposition)
