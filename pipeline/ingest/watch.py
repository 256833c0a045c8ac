"""Watch mode: poll the feeds on a schedule, for days.

Each cycle re-reads the feeds file (an edit applies at the next cycle; a broken file keeps the
previous list and says so) plus the feeds added from the dashboard, runs ``ingest_feeds``
(conditional GETs, new articles and versions, scheduled page re-fetches, claim extraction),
and reports one line of counted dispositions. A stop event (set by SIGINT/SIGTERM in the
CLI) ends the current cycle between two feeds, and the wait between cycles, at once.
A database error in one cycle (for instance the file held by another writer for longer than
``db.connect`` waits) is reported and the next cycle tries again.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from pathlib import Path
from typing import Callable

import duckdb

from ..errors import ConfigError
from ..records import FeedConfig
from ..store import db, read
from .feeds import load_feeds

LOGGER = logging.getLogger(__name__)

__all__ = ["parse_every", "watch", "cycle_line", "feeds_to_watch"]

_DURATION = re.compile(r"^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?$")


def parse_every(text: str) -> float:
    """'15m' -> 900.0; also '90s', '1h', '1h30m'. Raises ConfigError naming the value."""
    m = _DURATION.match((text or "").strip().lower())
    if not m or not any(m.groups()):
        raise ConfigError(f"--every {text!r}: use a duration such as 15m, 90s, 1h or 1h30m")
    hours, minutes, seconds = (float(g) if g else 0.0 for g in m.groups())
    total = hours * 3600 + minutes * 60 + seconds
    if total <= 0:
        raise ConfigError(f"--every {text!r}: the interval must be longer than zero")
    return total


def feeds_to_watch(feeds_file: str | Path, db_path: str) -> list[FeedConfig]:
    """The feeds file's feeds plus the enabled feeds added from the dashboard (not named in the file)."""
    feeds = load_feeds(feeds_file)
    names = {f.name for f in feeds}
    with db.connect(db_path) as con:
        extra = read.dashboard_feeds(con)
    feeds += [FeedConfig(name=r["name"], url=r["url"], language=r["language"] or "fr", kind=r["kind"] or "press",
                         enabled=True, fulltext=bool(r["fulltext"])) for r in extra if r["name"] not in names]
    return feeds


def cycle_line(number: int, report, seconds: float) -> str:
    """One line per cycle: feeds by outcome, items by disposition, analysed, failed feeds by name."""
    counts = report.stats.counts
    feeds = " ".join(f"{k[5:]}={v}" for k, v in sorted(counts.items()) if k.startswith("feed:"))
    items = " ".join(f"{k}={v}" for k, v in sorted(counts.items()) if not k.startswith("feed:"))
    line = (f"cycle {number} ({seconds:.1f} s): feeds {feeds or 'none'} | {items or 'no items'} "
            f"| new={len(report.new_article_ids)} updated={len(report.updated_article_ids)} "
            f"analysed={report.analyzed}")
    if report.failed:
        line += " | failed: " + ", ".join(r.feed for r in report.failed)
    if report.interrupted:
        line += " | interrupted"
    return line


def _deliver(db_path: str) -> int:
    """Post the alerts not yet delivered to the configured webhook (none configured: nothing)."""
    from ..incidents import deliver_alerts

    try:
        return len(deliver_alerts(db_path).sent)
    except duckdb.Error as exc:
        LOGGER.warning("alerts not delivered this cycle: %s", exc)
        return 0


def watch(load: Callable[[], list[FeedConfig]], db_path: str, every: float, *, once: bool = False,
          stop: threading.Event | None = None, on_cycle: Callable[[str], None] = LOGGER.info,
          **ingest_options) -> int:
    """Run cycles until ``stop`` is set (or once); returns the number of feeds failed in the last cycle."""
    from ..run import ingest_feeds

    stop = stop or threading.Event()
    feeds: list[FeedConfig] = []
    number, failed = 0, 0
    while not stop.is_set():
        number += 1
        started = time.monotonic()
        try:
            feeds = load()
        except ConfigError as exc:
            if number == 1:
                raise
            on_cycle(f"cycle {number}: feeds not reloaded, keeping the previous {len(feeds)}: {exc}")
        try:
            report = ingest_feeds(feeds, db_path, command="watch", stop=stop, **ingest_options)
        except duckdb.Error as exc:
            on_cycle(f"cycle {number}: database error, trying again next cycle: {exc}")
            failed = len(feeds)
        else:
            failed = len(report.failed)
            line = cycle_line(number, report, time.monotonic() - started)
            delivered = _deliver(db_path)
            on_cycle(line + (f", {delivered} alerts posted" if delivered else ""))
        if once:
            break
        stop.wait(max(0.0, every - (time.monotonic() - started)))
    return failed
