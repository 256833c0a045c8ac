"""Feeds: read the configuration, fetch each feed (HTTP or local file), parse it with feedparser.

A feed that fails is reported as data (``FeedResult(ok=False, error=...)`` naming the feed and
what went wrong); it never stops the others and never raises past ``fetch_feed``.

Parsing keeps whatever feedparser recovers (ill-formed XML, HTML entities, missing or wrong
encoding declarations). When the recovered text still looks mis-decoded (mojibake such as
``Ã©``, C1 control characters, U+FFFD), the body is decoded again as UTF-8, Windows-1252 and
charset_normalizer's best guess, and the reading with the fewest suspect characters is kept;
the repair is noted on the feed.
"""

from __future__ import annotations

import hashlib
import logging
import re
import tomllib
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import httpx
from charset_normalizer import from_bytes

from .. import settings
from ..errors import ConfigError
from ..records import FEED_KINDS, Article, FeedConfig, FeedResult
from .articles import entry_to_article
from .fetch import Fetched, Fetcher
from .urls import is_http, validate_feed_url

LOGGER = logging.getLogger(__name__)

__all__ = ["load_feeds", "feed_from_arg", "fetch_feed", "parse_feed", "parse_items", "read_local",
           "validate_feed_url", "make_client", "Parsed"]


def load_feeds(path: str | Path) -> list[FeedConfig]:
    """Read ``[[feed]]`` tables from a TOML file; raise ConfigError naming the file and the field."""
    path = Path(path)
    if not path.exists():
        raise ConfigError(f"{path}: feeds file not found")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    tables = data.get("feed", [])
    if not isinstance(tables, list):
        raise ConfigError(f"{path}: 'feed' must be an array of tables ([[feed]])")
    feeds: list[FeedConfig] = []
    names: set[str] = set()
    for i, t in enumerate(tables, start=1):
        where = f"{path}: feed #{i}"
        if not isinstance(t, dict):
            raise ConfigError(f"{where}: must be a table")
        unknown = set(t) - {"name", "url", "language", "kind", "enabled", "fulltext"}
        if unknown:
            raise ConfigError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
        for key in ("name", "url"):
            if not isinstance(t.get(key), str) or not t[key].strip():
                raise ConfigError(f"{where}: field {key!r} is required and must be a non-empty string")
        kind = t.get("kind", "press")
        if kind not in FEED_KINDS:
            raise ConfigError(f"{where} ({t['name']}): kind {kind!r} is not one of {', '.join(FEED_KINDS)}")
        if t["name"] in names:
            raise ConfigError(f"{where}: duplicate feed name {t['name']!r}")
        names.add(t["name"])
        url = t["url"].strip()
        scheme = urlsplit(url).scheme.lower()
        if is_http(url):
            pass
        elif scheme and len(scheme) > 1 and scheme != "file":
            raise ConfigError(f"{where} ({t['name']}): URL {url!r} has scheme {scheme!r}; "
                              "use http, https or a local path")
        else:
            url = str(_resolve_local(url.removeprefix("file://"), path.parent))
        feeds.append(FeedConfig(name=t["name"].strip(), url=url, language=t.get("language", "fr"), kind=kind,
                                enabled=bool(t.get("enabled", True)), fulltext=bool(t.get("fulltext", False))))
    return feeds


def _resolve_local(url: str, base: Path) -> Path:
    """Local paths in a feeds file are relative to the repository root, else to the file."""
    p = Path(url)
    if p.is_absolute():
        return p
    for candidate in (settings.ROOT / p, base / p):
        if candidate.exists():
            return candidate.resolve()
    return (settings.ROOT / p).resolve()


def feed_from_arg(arg: str) -> FeedConfig:
    """A feed given on the command line: an http(s) URL or a local file path."""
    scheme = urlsplit(arg).scheme.lower()
    if scheme in ("http", "https"):
        name = urlsplit(arg).netloc or arg
        return FeedConfig(name=name + urlsplit(arg).path, url=arg)
    if scheme and len(scheme) > 1 and scheme != "file":  # 'c:' style drive letters are paths
        raise ConfigError(f"feed {arg!r}: scheme {scheme!r} is not supported (use http, https or a local path)")
    path = Path(arg.removeprefix("file://"))
    return FeedConfig(name=path.stem or arg, url=str(path.resolve()))


def make_client(timeout: float | None = None) -> httpx.Client:
    """A plain client with the configured User-Agent (kept for callers outside ingestion)."""
    cfg = settings.load_settings()
    return httpx.Client(timeout=timeout or cfg["http_timeout"], follow_redirects=True,
                        headers={"User-Agent": cfg["user_agent"]})


def read_local(path: str, etag: str | None = None, max_bytes: int | None = None) -> Fetched:
    """A local feed file as a ``Fetched``; its ETag is a content hash, so an unchanged file is 'not modified'."""
    max_bytes = max_bytes or int(settings.load_settings()["http_max_bytes"])
    p = Path(path.removeprefix("file://"))
    try:
        if p.stat().st_size > max_bytes:
            return Fetched(path, path, error=f"{p} is larger than the cap of {max_bytes} bytes (http_max_bytes)")
        body = p.read_bytes()
    except OSError as exc:
        return Fetched(path, path, error=f"cannot read {p}: {exc.strerror or exc}")
    digest = "sha1:" + hashlib.sha1(body).hexdigest()
    if etag == digest:
        return Fetched(path, path, not_modified=True, etag=digest)
    return Fetched(path, path, body=body, etag=digest)


# ---------------------------------------------------------------- parsing
_SUSPECT = re.compile("[\u0080-\u009f\ufffd]|[ÃÂ][\u0080-\u00bf]|â€")
_XML_DECL = re.compile(rb"^\s*<\?xml[^>]*\?>")


@dataclass(frozen=True)
class Parsed:
    """Articles of one feed document, how many entries were unusable, and what was wrong or repaired."""

    articles: tuple[Article, ...] = ()
    skipped: int = 0  # entries with neither link/guid nor text/title
    error: str = ""  # the document could not be read at all
    notice: str = ""  # recovered problems (ill-formed XML, encoding repaired)


def _suspicion(parsed) -> int:
    texts = [parsed.feed.get("title", "")]
    for e in parsed.entries:
        texts += [e.get("title", ""), e.get("summary", "")] + [c.get("value", "") for c in e.get("content", []) or []]
    return sum(len(_SUSPECT.findall(t or "")) for t in texts)


def _reparse_as(body: bytes, encoding: str):
    try:
        text = body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    data = _XML_DECL.sub(b"", text.encode("utf-8"), count=1)
    return feedparser.parse(b'<?xml version="1.0" encoding="utf-8"?>' + data,
                            response_headers={"content-type": "application/xml; charset=utf-8"})


def _parse_document(body: bytes, content_type: str):
    """feedparser's reading, or a better one when the text looks mis-decoded; (parsed, repair note)."""
    headers = {"content-type": content_type} if content_type else None
    parsed = feedparser.parse(body, response_headers=headers)
    bad = _suspicion(parsed)
    if not bad or not parsed.entries:
        return parsed, ""
    best, best_bad, best_enc = parsed, bad, ""
    guess = from_bytes(body[:200_000]).best()
    for encoding in ("utf-8", "cp1252", guess.encoding if guess else None):
        if not encoding:
            continue
        again = _reparse_as(body, encoding)
        if again is not None and again.entries and _suspicion(again) < best_bad:
            best, best_bad, best_enc = again, _suspicion(again), encoding
    if best_enc:
        return best, f"encoding repaired: declared or guessed {parsed.get('encoding') or 'unknown'}, read as {best_enc}"
    return parsed, f"{bad} characters look mis-decoded and could not be repaired"


def parse_items(feed: FeedConfig, body: bytes, *, content_type: str = "",
                seen_at: datetime | None = None) -> Parsed:
    """Parse feed bytes into articles; recoverable problems are kept (and noted), unrecoverable ones reported."""
    parsed, repair = _parse_document(body, content_type)
    if not parsed.entries:
        if parsed.get("bozo"):
            return Parsed(error=f"feed {feed.name}: not a readable RSS/Atom feed ({parsed.get('bozo_exception')})")
        if not parsed.get("version"):
            return Parsed(error=f"feed {feed.name}: the document is not RSS or Atom")
    notes = []
    if parsed.get("bozo"):
        notes.append(f"recovered from: {parsed.get('bozo_exception')}")
        LOGGER.info("feed %s parsed with recoverable problems: %s", feed.name, parsed.get("bozo_exception"))
    if repair:
        notes.append(repair)
    seen_at = seen_at or datetime.now(timezone.utc)
    articles, skipped = [], 0
    for entry in parsed.entries:
        article = entry_to_article(entry, feed, seen_at)
        if article is None:
            skipped += 1
        else:
            articles.append(article)
    return Parsed(articles=tuple(articles), skipped=skipped, notice="; ".join(notes))


def parse_feed(feed: FeedConfig, body: bytes, *, content_type: str = "", status: int | None = None) -> FeedResult:
    """Parse feed bytes into a ``FeedResult``."""
    p = parse_items(feed, body, content_type=content_type)
    if p.error:
        return FeedResult(feed=feed.name, ok=False, status=status, error=p.error)
    return FeedResult(feed=feed.name, ok=True, articles=p.articles, status=status)


def fetch_feed(feed: FeedConfig, fetcher: Fetcher | None = None, *, etag: str | None = None,
               last_modified: str | None = None, allow_private: bool = True) -> FeedResult:
    """Fetch and parse one feed; every problem comes back as data in the result."""
    if is_http(feed.url):
        own = fetcher is None
        fetcher = fetcher or Fetcher()
        try:
            got = fetcher.get(feed.url, etag=etag, last_modified=last_modified, allow_private=allow_private)
        finally:
            if own:
                fetcher.close()
    else:
        got = read_local(feed.url, etag)
    if got.error:
        LOGGER.warning("feed %s failed: %s", feed.name, got.error)
        return FeedResult(feed=feed.name, ok=False, error=f"feed {feed.name}: {got.error}", status=got.status,
                          final_url=got.moved_to)
    if got.not_modified:
        return FeedResult(feed=feed.name, ok=True, not_modified=True, status=got.status, etag=got.etag,
                          last_modified=got.last_modified, final_url=got.moved_to)
    result = parse_feed(feed, got.body, content_type=got.content_type, status=got.status)
    return FeedResult(feed=result.feed, ok=result.ok, articles=result.articles, error=result.error,
                      status=got.status, etag=got.etag if result.ok else None,
                      last_modified=got.last_modified if result.ok else None, final_url=got.moved_to)
