"""Orchestration of the stages for the CLI, the watcher and the dashboard.

feeds -> articles (stored once) -> analysis of what is new -> claims in the store.
Database connections stay short: fetching and the language model run with no connection
open, so a dashboard can read between two writes.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable, Iterable

from .analysis import RULE_VERSION, TextInput, analyze_texts
from .ingest.feeds import fetch_feed, make_client
from .nlp.orgs import load_registry
from .records import FeedConfig, FeedResult, RunStats
from .store import db, read, write

LOGGER = logging.getLogger(__name__)

__all__ = ["IngestReport", "ingest_feeds", "analyze_pending", "load_demo"]

Progress = Callable[[int, int, str], None]  # (done, total, label)


@dataclass
class IngestReport:
    results: list[FeedResult] = field(default_factory=list)
    new_article_ids: list[str] = field(default_factory=list)
    analyzed: int = 0
    stats: RunStats = field(default_factory=RunStats)

    @property
    def failed(self) -> list[FeedResult]:
        return [r for r in self.results if not r.ok]


def ingest_feeds(feeds: Iterable[FeedConfig], db_path: str, *, progress: Progress | None = None,
                 analyze: bool = True, command: str = "ingest") -> IngestReport:
    """Fetch every enabled feed, store new articles, extract their claims. Never raises for a feed."""
    feeds = [f for f in feeds if f.enabled]
    report = IngestReport()
    started = datetime.now(timezone.utc)
    with db.connect(db_path) as con:
        write.upsert_feeds(con, feeds)
        write.sync_organizations(con, load_registry().rows())
    with make_client() as client:
        for i, feed in enumerate(feeds, start=1):
            result = fetch_feed(feed, client)
            report.results.append(result)
            with db.connect(db_path) as con:
                con.execute("BEGIN TRANSACTION")
                write.record_feed_result(con, result)
                report.new_article_ids += write.insert_articles(con, result.articles, report.stats)
                con.execute("COMMIT")
            report.stats.incr("feed:ok" if result.ok else "feed:error")
            if progress:
                progress(i, len(feeds), feed.name)
    if analyze:
        report.analyzed = analyze_pending(db_path, progress=progress)
    with db.connect(db_path) as con:
        write.record_run(con, command, started, report.stats)
    return report


def analyze_pending(db_path: str, *, progress: Progress | None = None, batch: int = 32) -> int:
    """Extract claims for every article not yet analysed by the current rules; returns how many."""
    with db.connect(db_path) as con:
        pending = read.articles_to_analyze(con, RULE_VERSION)
    total = len(pending)
    done = 0
    for offset in range(0, total, batch):
        chunk = pending[offset: offset + batch]
        inputs = [TextInput(id=a["id"], text=a["text"], published=a["published"].date(),
                            feed_kind=a["feed_kind"]) for a in chunk]
        results = list(analyze_texts(inputs))
        with db.connect(db_path) as con:
            for result in results:
                write.store_analysis(con, result.id, result, RULE_VERSION)
        done += len(results)
        if progress:
            progress(done, total, "analyse")
    return done


def load_demo(db_path: str, *, progress: Progress | None = None) -> IngestReport:
    """Load the bundled demo corpus (data/demo) into ``db_path``."""
    from . import settings
    from .ingest.feeds import load_feeds

    feeds = load_feeds(settings.get("demo_feeds_file"))
    return ingest_feeds(feeds, db_path, progress=progress, command="demo")
