"""The ``incidents`` and ``alerts`` commands (registered by ``pipeline.__main__``'s COMMAND_MODULES).

``incidents (--db PATH | --from-jsonl IN.jsonl) [--json]`` computes incidents from the claims
(read-only on the database); ``alerts [--since YYYY-MM-DD] [--db PATH] [--json]`` refreshes the
stored incidents and alerts, then lists the alerts.
"""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .. import settings
from ..errors import ConfigError

__all__ = ["add_commands", "cmd_incidents", "cmd_alerts", "to_json"]

_DB_HELP = "DuckDB file (default: data/recoupe.duckdb or $RECOUPE_DB)"


def _json_default(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(value)
    return str(value)


def to_json(obj: Any) -> str:
    """JSON text of incidents or alerts (dates and datetimes as ISO strings)."""
    return json.dumps(obj, ensure_ascii=False, indent=2, default=_json_default)


def _db_path(args: argparse.Namespace) -> str:
    return args.db or settings.load_settings()["db_path"]


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from exc


def cmd_incidents(args: argparse.Namespace) -> int:
    from ..nlp.orgs import load_registry
    from .build import build_incidents

    bad, counts = 0, None
    if args.from_jsonl:
        from ..__main__ import _claims_from_jsonl

        claims, bad = _claims_from_jsonl(args.from_jsonl)
    else:
        from ..store import db
        from .refresh import stored_claim_rows

        with db.connect(_db_path(args), read_only=True) as con:
            claims, counts = stored_claim_rows(con)
    incidents = build_incidents(claims, load_registry(), counts)
    if args.json:
        print(to_json(incidents))
    else:
        for inc in incidents:
            print(f"{inc['id']}  {inc['divergence']['score']:>3}/100  {inc['first_date']} → {inc['last_date']}  "
                  f"{inc['title']}")
            for o in inc["orgs"]:
                print(f"    {o['verification']:<23} {o['org']}  (attributions={o['attributions']} "
                      f"denials={o['denials']} confirmations={o['confirmations']})")
            print(f"    {inc['divergence']['explanation']}")
    return 1 if bad else 0


def cmd_alerts(args: argparse.Namespace) -> int:
    from ..store import db, read
    from .refresh import refresh_incidents

    path = _db_path(args)
    if path != ":memory:" and not Path(path).exists():
        raise ConfigError(f"database {path} does not exist yet: run `python -m pipeline demo` or `ingest` first")
    if not args.no_refresh:
        refresh_incidents(path)
    with db.connect(path, read_only=True) as con:
        alerts = read.alerts(con, since=args.since)
    if args.json:
        print(to_json(alerts))
    else:
        for a in alerts:
            sent = "envoyée" if a["sent_at"] else "à envoyer"
            print(f"{a['date']}  {a['kind']:<26} {a['org'] or '-':<30} [{sent}] {a['message']}")
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("incidents", help="claims grouped into incidents, with statuses and divergence figures")
    src = p.add_mutually_exclusive_group()
    src.add_argument("--db", metavar="PATH", help=_DB_HELP)
    src.add_argument("--from-jsonl", metavar="IN.jsonl", help="analyse this JSONL (as `analyze`) instead of a database")
    p.add_argument("--json", action="store_true", help="print JSON: the incidents with every field")
    p.set_defaults(func=cmd_incidents)

    p = sub.add_parser("alerts", help="moments a story moved: denial, confirmation after denial, new victim count")
    p.add_argument("--since", type=_day, metavar="YYYY-MM-DD", help="only alerts about articles of that day or later")
    p.add_argument("--db", metavar="PATH", help=_DB_HELP)
    p.add_argument("--json", action="store_true", help="print JSON: the alerts as posted to the webhook")
    p.add_argument("--no-refresh", action="store_true",
                   help="list what is stored without recomputing incidents and alerts first")
    p.set_defaults(func=cmd_alerts)
