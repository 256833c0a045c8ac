"""Feeds: read the configuration, fetch each feed (HTTP or local file), parse it with feedparser.

A feed that fails is reported as a ``FeedResult(ok=False, error=...)`` naming the feed and
what went wrong; it never stops the others and never raises past ``fetch_feed``.
"""

from __future__ import annotations

import logging
import tomllib
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import httpx

from .. import settings
from ..errors import ConfigError, FetchError
from ..records import FEED_KINDS, FeedConfig, FeedResult
from .articles import entry_to_article

LOGGER = logging.getLogger(__name__)

__all__ = ["load_feeds", "feed_from_arg", "fetch_feed", "parse_feed", "make_client"]


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
        if not _is_http(url):
            url = str(_resolve_local(url, path.parent))
        feeds.append(FeedConfig(name=t["name"].strip(), url=url, language=t.get("language", "fr"), kind=kind,
                                enabled=bool(t.get("enabled", True)), fulltext=bool(t.get("fulltext", False))))
    return feeds


def _is_http(url: str) -> bool:
    return urlsplit(url).scheme.lower() in ("http", "https")


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
    if scheme and len(scheme) > 1:  # 'c:' style drive letters are paths
        raise ConfigError(f"feed {arg!r}: scheme {scheme!r} is not supported (use http, https or a local path)")
    path = Path(arg)
    return FeedConfig(name=path.stem or arg, url=str(path.resolve()))


def make_client(timeout: float | None = None) -> httpx.Client:
    cfg = settings.load_settings()
    return httpx.Client(timeout=timeout or cfg["http_timeout"], follow_redirects=True,
                        headers={"User-Agent": cfg["user_agent"]})


def _read(feed: FeedConfig, client: httpx.Client | None) -> tuple[bytes, dict]:
    """Raw bytes of a feed and response metadata; raises FetchError with a readable message."""
    if not _is_http(feed.url):
        if urlsplit(feed.url).scheme.lower() not in ("", "file") and len(urlsplit(feed.url).scheme) > 1:
            raise FetchError(f"scheme of {feed.url!r} is not supported (use http, https or a local path)")
        path = Path(feed.url.removeprefix("file://"))
        try:
            return path.read_bytes(), {}
        except OSError as exc:
            raise FetchError(f"cannot read {path}: {exc.strerror or exc}") from exc
    own = client is None
    client = client or make_client()
    max_bytes = settings.load_settings()["http_max_bytes"]
    try:
        with client.stream("GET", feed.url) as resp:
            if resp.status_code >= 400:
                raise FetchError(f"HTTP {resp.status_code} from {feed.url}", status=resp.status_code,
                                 retryable=resp.status_code >= 500)
            body = bytearray()
            for chunk in resp.iter_bytes():
                body.extend(chunk)
                if len(body) > max_bytes:
                    raise FetchError(f"response from {feed.url} is larger than {max_bytes} bytes")
            meta = {"status": resp.status_code, "content_type": resp.headers.get("content-type", "")}
            return bytes(body), meta
    except httpx.TimeoutException as exc:
        raise FetchError(f"timed out fetching {feed.url}", retryable=True) from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"network error fetching {feed.url}: {exc}", retryable=True) from exc
    finally:
        if own:
            client.close()


def parse_feed(feed: FeedConfig, body: bytes, *, content_type: str = "", status: int | None = None) -> FeedResult:
    """Parse feed bytes; recoverable problems (bozo) are kept, unrecoverable ones reported."""
    headers = {"content-type": content_type} if content_type else None
    parsed = feedparser.parse(body, response_headers=headers)
    if not parsed.entries:
        if parsed.get("bozo"):
            reason = parsed.get("bozo_exception")
            return FeedResult(feed=feed.name, ok=False, status=status,
                              error=f"feed {feed.name}: not a readable RSS/Atom feed ({reason})")
        if not parsed.get("version"):
            return FeedResult(feed=feed.name, ok=False, status=status,
                              error=f"feed {feed.name}: the document is not RSS or Atom")
    if parsed.get("bozo"):
        LOGGER.info("feed %s parsed with recoverable problems: %s", feed.name, parsed.get("bozo_exception"))
    seen_at = datetime.now(timezone.utc)
    articles = []
    for entry in parsed.entries:
        article = entry_to_article(entry, feed, seen_at)
        if article is not None:
            articles.append(article)
    return FeedResult(feed=feed.name, ok=True, articles=tuple(articles), status=status)


def fetch_feed(feed: FeedConfig, client: httpx.Client | None = None) -> FeedResult:
    """Fetch and parse one feed; every problem comes back as data in the result."""
    try:
        body, meta = _read(feed, client)
    except FetchError as exc:
        LOGGER.warning("feed %s failed: %s", feed.name, exc)
        return FeedResult(feed=feed.name, ok=False, error=f"feed {feed.name}: {exc}", status=exc.status)
    return parse_feed(feed, body, content_type=meta.get("content_type", ""), status=meta.get("status"))
