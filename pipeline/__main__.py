"""The Recoupe command line: ``python -m pipeline COMMAND --help``.

The only module that configures logging and prints. Exit codes: 0 success, 1 some input
failed (each named on stderr), 2 usage or configuration error. Never a traceback for bad
input or configuration.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import sys
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Callable, Iterator, TextIO

from . import settings
from .errors import ConfigError, RecoupeError

LOGGER = logging.getLogger("pipeline")


# ---------------------------------------------------------------- helpers
def _progress_bar(desc: str) -> Callable[[int, int, str], None]:
    """A tqdm bar on a terminal, nothing otherwise (tqdm disables itself when stderr is not a TTY)."""
    from tqdm import tqdm

    bars: dict[str, tqdm] = {}

    def update(done: int, total: int, label: str) -> None:
        key = "analyse" if label == "analyse" else desc
        bar = bars.get(key)
        if bar is None:
            bar = bars[key] = tqdm(total=total, desc="analyse" if key == "analyse" else desc,
                                   unit="art." if key == "analyse" else "flux", disable=None, file=sys.stderr)
        bar.total = total
        bar.n = done
        bar.set_postfix_str(label[:30] if key != "analyse" else "", refresh=False)
        bar.refresh()
        if done >= total:
            bar.close()

    return update


def _db_path(args: argparse.Namespace) -> str:
    return args.db or settings.load_settings()["db_path"]


@contextmanager
def _output(path: str | None) -> Iterator[TextIO]:
    if path:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            yield fh
    else:
        yield sys.stdout


def _read_jsonl(path: str) -> tuple[list[dict], int]:
    """Valid input lines of an ``analyze``-style JSONL file and the number of bad lines (reported)."""
    items, bad = [], 0
    try:
        fh = sys.stdin if path == "-" else open(path, encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read input: {exc.strerror or exc}") from exc
    with fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                if not isinstance(obj, dict):
                    raise ValueError("a line must be a JSON object")
                if not isinstance(obj.get("text"), str):
                    raise ValueError("field 'text' is required and must be a string")
                if "id" not in obj:
                    raise ValueError("field 'id' is required")
                published = obj.get("published")
                if published is not None:
                    if not isinstance(published, str):
                        raise ValueError("field 'published' must be a YYYY-MM-DD string")
                    obj["_published"] = date.fromisoformat(published[:10])
                items.append(obj)
            except (ValueError, json.JSONDecodeError) as exc:
                bad += 1
                print(f"{path}:{lineno}: skipped: {exc}", file=sys.stderr)
    return items, bad


def _analyze_items(items: list[dict], progress: bool = True):
    from .analysis import TextInput, analyze_texts

    bar = _progress_bar("analyse") if progress else None
    inputs = [TextInput(id=str(o["id"]), text=o["text"], published=o.get("_published")) for o in items]
    for i, result in enumerate(analyze_texts(inputs), start=1):
        if bar:
            bar(i, len(inputs), "analyse")
        yield result


def _summarise(report, what: str) -> int:
    """Name every failed feed on stderr, then one summary line; exit 1 when a feed failed."""
    for r in report.failed:
        print(f"error: {r.error}", file=sys.stderr)
    print(f"{what}: {len(report.new_article_ids)} new articles, {report.analyzed} analysed, "
          f"{report.incidents} incidents, {report.new_alerts} new alerts", file=sys.stderr)
    return 1 if report.failed else 0


# ---------------------------------------------------------------- commands
def cmd_ingest(args: argparse.Namespace) -> int:
    from .ingest.feeds import feed_from_arg, load_feeds
    from .run import ingest_feeds

    feeds = [feed_from_arg(f) for f in args.feed] if args.feed else load_feeds(args.feeds or settings.get("feeds_file"))
    if not feeds:
        raise ConfigError("no feed to ingest: add [[feed]] tables to the feeds file or pass --feed URL_OR_PATH")
    report = ingest_feeds(feeds, _db_path(args), progress=_progress_bar("flux"))
    return _summarise(report, f"{len(report.results) - len(report.failed)}/{len(report.results)} feeds read")


def cmd_demo(args: argparse.Namespace) -> int:
    from .run import load_demo
    from .store import db, read

    if args.if_empty and Path(_db_path(args)).exists():
        with db.connect(_db_path(args)) as con:
            if read.article_count(con):
                print(f"{_db_path(args)} already holds articles: demo not loaded again", file=sys.stderr)
                return 0
    report = load_demo(_db_path(args), progress=_progress_bar("démo"))
    return _summarise(report, f"demo loaded into {_db_path(args)}")


def cmd_analyze(args: argparse.Namespace) -> int:
    items, bad = _read_jsonl(args.input)
    with _output(args.output) as out:
        for result in _analyze_items(items):
            out.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
    return 1 if bad else 0


def _claims_from_jsonl(path: str) -> tuple[list[dict], int]:
    items, bad = _read_jsonl(path)
    by_id = {str(o["id"]): o for o in items}
    rows = []
    for result in _analyze_items(items):
        src = by_id[result.id]
        for c in result.claims:
            rows.append({**c.to_json(), "article_id": result.id, "url": src.get("url"),
                         "published": src.get("published"), "feed": src.get("source")})
    return rows, bad


def _stored_claims(args: argparse.Namespace) -> list[dict]:
    from .store import db, read

    with db.connect(_db_path(args), read_only=True) as con:
        return read.claims(con)


def cmd_divergences(args: argparse.Namespace) -> int:
    from .incidents.divergence import divergences
    from .nlp.orgs import load_registry

    bad = 0
    if args.from_jsonl:
        claims, bad = _claims_from_jsonl(args.from_jsonl)
    else:
        claims = _stored_claims(args)
    result = divergences(claims, load_registry())
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        for d in result:
            print(f"{d['status']:<11} {d['org']:<40} attributions={d['attributions']} denials={d['denials']} "
                  f"confirmations={d['confirmations']} first_attribution={d['first_attribution']} "
                  f"first_denial={d['first_denial']}")
    return 1 if bad else 0


_EXPORT_FIELDS = {
    "articles": ["id", "url", "title", "text", "published", "feed", "feed_kind", "guid", "summary", "first_seen"],
    "claims": ["article_id", "org", "stance", "speaker", "sentence", "start", "end", "victim_count", "event_date",
               "url", "published", "feed", "title", "hedged", "cue", "speaker_name", "rule_version", "id"],
}


def cmd_export(args: argparse.Namespace) -> int:
    from .store import db, read

    with db.connect(_db_path(args), read_only=True) as con:
        rows = read.articles(con) if args.what == "articles" else read.claims(con)
    fields = _EXPORT_FIELDS[args.what]
    records = []
    for r in rows:
        rec = {k: r.get(k) for k in fields}
        if args.what == "claims":
            rec["victim_count"] = ({"value": r["victim_count"], "unit": r["victim_unit"]}
                                   if r.get("victim_count") is not None else None)
        for k in ("published", "first_seen"):
            if rec.get(k) is not None:
                rec[k] = rec[k].isoformat()
        records.append(rec)
    with _output(args.output) as out:
        if args.format == "csv":
            writer = csv.DictWriter(out, fieldnames=fields)
            writer.writeheader()
            for rec in records:
                writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else v
                                 for k, v in rec.items()})
        else:
            for rec in records:
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return 0


# ---------------------------------------------------------------- parser
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="Recoupe: French news feeds -> claims (organisation x stance x speaker) -> divergences.",
        epilog="Settings (data/recoupe.toml): " + "; ".join(f"{s.name}: {s.help}" for s in settings.SETTINGS),
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details to stderr")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    db_help = "DuckDB file (default: data/recoupe.duckdb or $RECOUPE_DB)"

    p = sub.add_parser("ingest", help="fetch feeds, store new articles, extract claims")
    p.add_argument("--feeds", metavar="FILE", help="feeds file (default: data/feeds.toml)")
    p.add_argument("--feed", action="append", metavar="URL_OR_PATH", help="a feed URL or local file; repeatable")
    p.add_argument("--db", metavar="PATH", help=db_help)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("demo", help="load the bundled demo corpus (data/demo)")
    p.add_argument("--db", metavar="PATH", help=db_help)
    p.add_argument("--if-empty", action="store_true", help="do nothing when the database already holds articles")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("analyze", help="extract organisations, claims, counts and dates from JSONL (no database)")
    p.add_argument("input", metavar="IN.jsonl", help='lines {"id", "text", "title"?, "published"?, "url"?, "source"?}; - for stdin')
    p.add_argument("-o", "--output", metavar="OUT.jsonl", help="write here instead of standard output")
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser("divergences", help="per organisation: attributions vs denials, and a status")
    src = p.add_mutually_exclusive_group()
    src.add_argument("--db", metavar="PATH", help=db_help)
    src.add_argument("--from-jsonl", metavar="IN.jsonl", help="analyse this JSONL instead of reading a database")
    p.add_argument("--json", action="store_true", help="print JSON (the stable contract)")
    p.set_defaults(func=cmd_divergences)

    p = sub.add_parser("export", help="write stored articles or claims as JSONL or CSV")
    p.add_argument("what", choices=["articles", "claims"])
    p.add_argument("--db", metavar="PATH", help=db_help)
    p.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    p.set_defaults(func=cmd_export)

    _register_extra(sub)
    return parser


# Modules that add their own subcommands: each exposes ``add_commands(subparsers)``.
COMMAND_MODULES = [
    "pipeline.evaluate",
    "pipeline.ingest.commands",
    "pipeline.incidents.cli",
]


def _register_extra(sub: argparse._SubParsersAction) -> None:
    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(name).add_commands(sub)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    try:
        return args.func(args)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except RecoupeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
