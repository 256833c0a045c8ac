"""Orchestration of the stages for the CLI, the watcher and the dashboard.

feeds -> articles (stored once) -> analysis of what is new -> claims in the store.

Concurrency: feeds are fetched and parsed by a thread pool (``FetchPolicy.concurrency``
workers, ``per_host`` requests per host) with no database connection open; the main thread
alone writes. DuckDB lets one process hold a database file for writing, and while it does no
other process may open it, readers included. So the writer opens a connection for a *slice*
of at most ``_WRITE_SLICE`` seconds (each feed merged in its own transaction within it), closes
it, and leaves at least ``_READER_GAP`` seconds before the next slice (results finished within
``_GATHER`` seconds are merged together, to open fewer connections): a dashboard retrying
``db.connect`` gets in between. The language model also runs with no connection open.
"""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import ALL_COMPLETED, FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Callable, Iterable

from . import settings
from .ingest.collect import Collected, FeedState, collect_feed
from .ingest.fetch import Fetcher, FetchPolicy
from .ingest.merge import merge_feed
from .ingest.syndication import WireIndex
from .ingest.versions import refetch_pages
from .records import FeedConfig, FeedResult, RunStats
from .store import db, read, write

LOGGER = logging.getLogger(__name__)

__all__ = ["IngestReport", "ingest_feeds", "analyze_pending", "load_demo", "WIRE_WINDOW"]

Progress = Callable[[int, int, str], None]  # (done, total, label)

WIRE_WINDOW = timedelta(days=3)  # syndicated copies are looked for among articles first seen this recently
_WRITE_SLICE = 0.5  # seconds a writer connection stays open while results keep arriving
_READER_GAP = 0.05  # seconds between two writer connections, for other processes
_GATHER = 0.2  # seconds spent gathering finished feeds before opening a writer connection


@dataclass
class IngestReport:
    results: list[FeedResult] = field(default_factory=list)
    new_article_ids: list[str] = field(default_factory=list)
    updated_article_ids: list[str] = field(default_factory=list)
    analyzed: int = 0
    stats: RunStats = field(default_factory=RunStats)
    interrupted: bool = False
    incidents: int = 0  # incidents after the refresh that follows analysis
    new_alerts: int = 0

    @property
    def failed(self) -> list[FeedResult]:
        return [r for r in self.results if not r.ok]


def _states(db_path: str, feeds: list[FeedConfig]) -> dict[str, FeedState]:
    """Sync the configuration into the store and read what each feed needs to be fetched."""
    from .nlp.orgs import load_registry

    allow_private_feeds = bool(settings.load_settings()["allow_private_feeds"])
    with db.connect(db_path) as con:
        write.sync_feed_config(con, feeds)
        write.sync_organizations(con, load_registry().rows())
        rows = read.feed_states(con)
        states = {}
        for f in feeds:
            row = rows.get(f.name, {})
            trusted = row.get("origin") != "dashboard" or allow_private_feeds
            states[f.name] = FeedState(url=row.get("url") or f.url, etag=row.get("etag"),
                                       last_modified=row.get("last_modified"), allow_private=trusted,
                                       page_summaries=read.page_summaries(con, f.name) if f.fulltext else {})
    return states


def _collect(feed: FeedConfig, state: FeedState, fetcher: Fetcher) -> Collected:
    try:
        return collect_feed(feed, state, fetcher)
    except Exception as exc:  # a bug met on one feed's content must not stop the others
        LOGGER.exception("feed %s: unexpected failure", feed.name)
        return Collected(feed, FeedResult(feed=feed.name, ok=False,
                                          error=f"feed {feed.name}: internal error while reading it ({exc!r})"),
                         disposition="error:internal")


class _Writer:
    """Merges collected feeds on the main thread, in connection slices."""

    def __init__(self, db_path: str, report: IngestReport, total: int, progress: Progress | None):
        self.db_path, self.report, self.total, self.progress = db_path, report, total, progress
        self.wire: WireIndex | None = None
        self.done = 0
        self._closed_at = 0.0

    def _wire(self, con) -> WireIndex:
        if self.wire is None:  # built only when a feed has items: an all-304 run never needs it
            self.wire = WireIndex()
            since = datetime.now(timezone.utc) - WIRE_WINDOW
            for article_id, group, blob in read.recent_signatures(con, since):
                self.wire.add(article_id, group, blob)
        return self.wire

    def write(self, ready: list[Future], pending: set[Future]) -> list[Future]:
        """Merge ready results for one slice; returns those left for the next slice."""
        gap = _READER_GAP - (time.monotonic() - self._closed_at)
        if gap > 0:
            time.sleep(gap)
        with db.connect(self.db_path) as con:
            opened = time.monotonic()
            while ready:
                c: Collected = ready.pop(0).result()
                merged = merge_feed(con, c, self._wire(con) if c.items else None, self.report.stats)
                self.report.results.append(c.result)
                self.report.new_article_ids += merged.new_ids
                self.report.updated_article_ids += merged.updated_ids
                self.report.stats.incr("feed:" + ("not_modified" if c.result.not_modified else
                                                  "ok" if c.result.ok else "error"))
                self.done += 1
                if self.progress:
                    self.progress(self.done, self.total, c.feed.name)
                if time.monotonic() - opened > _WRITE_SLICE:
                    break
                if not ready:
                    finished = {f for f in pending if f.done()}
                    pending -= finished
                    ready.extend(finished)
        self._closed_at = time.monotonic()
        return ready


def ingest_feeds(feeds: Iterable[FeedConfig], db_path: str, *, progress: Progress | None = None,
                 analyze: bool = True, command: str = "ingest", policy: FetchPolicy | None = None,
                 refetch: bool = True, stop: threading.Event | None = None) -> IngestReport:
    """Fetch every enabled feed, store new articles and versions, extract claims. Never raises for a feed.

    ``stop`` (set by a signal handler) ends the run between two feeds: what was merged stays.
    """
    feeds = [f for f in feeds if f.enabled]
    report = IngestReport()
    started = datetime.now(timezone.utc)
    states = _states(db_path, feeds)
    policy = policy or FetchPolicy.from_settings()
    writer = _Writer(db_path, report, len(feeds), progress)
    with Fetcher(policy) as fetcher:
        pool = ThreadPoolExecutor(max_workers=policy.concurrency, thread_name_prefix="fetch")
        try:
            pending = {pool.submit(_collect, f, states[f.name], fetcher) for f in feeds}
            ready: list[Future] = []
            while pending or ready:
                if stop is not None and stop.is_set():
                    report.interrupted = True
                    break
                if not ready:
                    finished, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
                    ready.extend(finished)
                    if not ready:
                        continue
                    if pending:  # gather what finishes just after, to merge it under the same connection
                        finished, pending = wait(pending, timeout=_GATHER, return_when=ALL_COMPLETED)
                        ready.extend(finished)
                ready = writer.write(ready, pending)
        finally:
            pool.shutdown(wait=not report.interrupted, cancel_futures=True)
        if refetch and not report.interrupted:
            allow = {name: s.allow_private for name, s in states.items()}
            report.updated_article_ids += refetch_pages(db_path, fetcher, report.stats, feeds=[f.name for f in feeds],
                                                        allow_private=allow, stop=stop)
    order = {f.name: i for i, f in enumerate(feeds)}
    report.results.sort(key=lambda r: order.get(r.feed, len(order)))
    if analyze and not report.interrupted:
        report.analyzed = analyze_pending(db_path, progress=progress, stop=stop)
        if report.analyzed or report.new_article_ids:
            from .incidents import refresh_incidents

            refreshed = refresh_incidents(db_path)
            report.incidents, report.new_alerts = refreshed.incidents, len(refreshed.new_alerts)
    with db.connect(db_path) as con:
        write.record_run(con, command, started, report.stats)
    return report


def analyze_pending(db_path: str, *, progress: Progress | None = None, batch: int = 32,
                    stop: threading.Event | None = None) -> int:
    """Extract claims for every article not yet analysed by the current rules (new, re-versioned or
    analysed by older rules); returns how many were stored. Claims record the article version analysed.

    The language model is imported only when there is something to analyse."""
    from .claims.patterns import RULE_VERSION

    with db.connect(db_path) as con:
        pending = read.articles_to_analyze(con, RULE_VERSION)
        versions = read.current_versions(con, [a["id"] for a in pending]) if pending else {}
    total = len(pending)
    done = 0
    if not pending:
        return 0
    from .analysis import TextInput, analyze_texts

    for offset in range(0, total, batch):
        if stop is not None and stop.is_set():
            break
        chunk = pending[offset: offset + batch]
        inputs = [TextInput(id=a["id"], text=a["text"], published=a["published"].date(),
                            feed_kind=a["feed_kind"]) for a in chunk]
        results = list(analyze_texts(inputs))
        with db.connect(db_path) as con:
            for result in results:
                if write.store_analysis_for_version(con, result.id, result, RULE_VERSION,
                                                    versions.get(result.id, 1)):
                    done += 1
        if progress:
            progress(offset + len(chunk), total, "analyse")
    return done


def load_demo(db_path: str, *, progress: Progress | None = None) -> IngestReport:
    """Load the bundled demo corpus (data/demo) into ``db_path``."""
    from .ingest.feeds import load_feeds

    feeds = load_feeds(settings.get("demo_feeds_file"))
    return ingest_feeds(feeds, db_path, progress=progress, command="demo")
