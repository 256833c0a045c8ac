"""CLI commands of the ingestion stage: ``feeds``, ``watch``, ``bench-ingest``.

Registered through ``COMMAND_MODULES`` in ``pipeline/__main__.py``. Output goes to stdout
(``feeds``) or stderr (progress and cycle lines); errors are ConfigError (exit 2).
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from datetime import datetime, timezone

from .. import settings

__all__ = ["add_commands"]

_DB_HELP = "DuckDB file (default: data/recoupe.duckdb or $RECOUPE_DB)"
_HEALTH_FIELDS = ("name", "kind", "origin", "enabled", "fulltext", "url", "config_url", "last_status", "last_success",
                  "last_fetched", "last_error", "consecutive_failures", "items_seen", "articles", "notice")


def _db(args: argparse.Namespace) -> str:
    return args.db or settings.load_settings()["db_path"]


def _when(value) -> str:
    return value.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M") if value else "never"


def cmd_feeds(args: argparse.Namespace) -> int:
    from ..store import db, read

    with db.connect(_db(args), read_only=True) as con:
        rows = read.feeds(con)
    records = [{k: (r.get(k).isoformat() if isinstance(r.get(k), datetime) else r.get(k)) for k in _HEALTH_FIELDS}
               for r in rows]
    if args.json:
        print(json.dumps(records, ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        status = r.get("last_status") or "never fetched"
        print(f"{r['name']} [{r['kind']}] {status}; last success {_when(r.get('last_success'))}; "
              f"{r.get('consecutive_failures') or 0} consecutive failures; {r.get('items_seen') or 0} items seen; "
              f"{r.get('articles') or 0} articles")
        print(f"    {r['url']}")
        if r.get("config_url") and r["config_url"] != r["url"]:
            print(f"    moved permanently from {r['config_url']}")
        if r.get("last_error") and r.get("last_status") == "error":
            print(f"    error: {r['last_error']}")
        if r.get("notice"):
            print(f"    note: {r['notice']}")
    if not rows:
        print("no feed yet: run `python -m pipeline ingest` or `demo`", file=sys.stderr)
    return 0


def _policy(args: argparse.Namespace):
    from .fetch import FetchPolicy

    return FetchPolicy.from_settings(concurrency=args.concurrency, per_host=args.per_host)


def cmd_watch(args: argparse.Namespace) -> int:
    from .watch import feeds_to_watch, parse_every, watch

    every = parse_every(args.every)
    feeds_file = args.feeds or settings.get("feeds_file")
    db_path = _db(args)
    stop = threading.Event()

    def on_signal(signum, _frame):
        print(f"received {signal.Signals(signum).name}: stopping after the current step", file=sys.stderr)
        stop.set()

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        failed = watch(lambda: feeds_to_watch(feeds_file, db_path), db_path, every, once=args.once, stop=stop,
                       on_cycle=lambda line: print(f"{datetime.now():%Y-%m-%d %H:%M:%S} {line}", file=sys.stderr,
                                                   flush=True),
                       policy=_policy(args), analyze=not args.no_analyze)
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
    if stop.is_set():
        print("watch stopped", file=sys.stderr)
        return 0
    return 1 if failed else 0


def cmd_bench(args: argparse.Namespace) -> int:
    from .bench import run_bench

    result = run_bench(feeds=args.feeds, items=args.items, concurrency=args.concurrency, per_host=args.per_host,
                       analyze=args.analyze, out=sys.stdout)
    return 0 if result["cold"]["failed"] == 0 and result["warm"]["failed"] == 0 else 1


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("feeds", help="list feeds with their health (last success, last error, failures, items)")
    p.add_argument("--db", metavar="PATH", help=_DB_HELP)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_feeds)

    p = sub.add_parser("watch", help="poll the feeds on a schedule; one line per cycle; stops on Ctrl-C/SIGTERM")
    p.add_argument("--every", default="15m", metavar="DURATION", help="interval between cycles, e.g. 15m, 90s, 1h")
    p.add_argument("--once", action="store_true", help="run one cycle and exit (1 if a feed failed)")
    p.add_argument("--feeds", metavar="FILE", help="feeds file (default: data/feeds.toml), re-read every cycle")
    p.add_argument("--db", metavar="PATH", help=_DB_HELP)
    p.add_argument("--concurrency", type=int, metavar="N", help="feeds fetched at once (default 8)")
    p.add_argument("--per-host", type=int, metavar="N", help="requests in flight per host (default 2)")
    p.add_argument("--no-analyze", action="store_true", help="store articles without extracting claims")
    p.set_defaults(func=cmd_watch)

    p = sub.add_parser("bench-ingest", help="benchmark: local feeds fetched cold, then unchanged (304)")
    p.add_argument("--feeds", type=int, default=200, metavar="N", help="number of feeds (default 200)")
    p.add_argument("--items", type=int, default=50, metavar="N", help="items per feed (default 50)")
    p.add_argument("--concurrency", type=int, default=8, metavar="N", help="feeds fetched at once (default 8)")
    p.add_argument("--per-host", type=int, default=8, metavar="N",
                   help="requests per host (default 8: every bench feed is on 127.0.0.1)")
    p.add_argument("--analyze", action="store_true", help="also extract claims (loads the spaCy model)")
    p.set_defaults(func=cmd_bench)
