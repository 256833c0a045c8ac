"""Polite HTTP fetching shared by feeds, full-text pages and scheduled re-fetches.

One ``httpx.Client`` (thread-safe, keeps connections alive) used from a thread pool: the run
module submits one task per feed to a ``ThreadPoolExecutor`` of ``policy.concurrency`` workers,
and this module keeps at most ``policy.per_host`` requests in flight per host name. Threads,
not asyncio, because everything around a request is synchronous (feedparser, trafilatura,
MinHash): a worker fetches *and* parses one feed while the main thread writes finished ones.

Every request: timeouts (connect/read, plus a total deadline so a server that drips bytes
cannot hold a worker), a streamed size cap (the body is read chunk by chunk and abandoned past
``max_bytes``; a larger Content-Length is refused before reading), conditional GET
(If-None-Match / If-Modified-Since), redirects followed by hand so that permanent ones (301/308)
are reported and each hop is checked, retries with exponential backoff on 5xx, 408, 429 and
network errors, ``Retry-After`` honoured up to ``max_wait`` seconds.

Problems are returned as ``Fetched(error=...)``, never raised.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

from .. import settings
from ..errors import InputError
from .urls import is_http, validate_feed_url

LOGGER = logging.getLogger(__name__)

__all__ = ["FetchPolicy", "Fetched", "Fetcher"]

_REDIRECTS = (301, 302, 303, 307, 308)
_PERMANENT = (301, 308)
_RETRYABLE_STATUS = (408, 429)


@dataclass(frozen=True)
class FetchPolicy:
    """Limits of one fetcher; ``from_settings`` reads timeout, size cap and User-Agent from the settings."""

    timeout: float = 20.0  # seconds: connect/read timeout and total deadline of one attempt
    max_bytes: int = 10 * 1024 * 1024
    retries: int = 2  # extra attempts after the first
    backoff: float = 1.0  # first delay before a retry; doubles each time
    max_wait: float = 60.0  # cap on any delay, Retry-After included
    concurrency: int = 8  # feeds fetched at once
    per_host: int = 2  # requests in flight per host name
    max_redirects: int = 5
    user_agent: str = "Recoupe"

    @classmethod
    def from_settings(cls, **overrides) -> "FetchPolicy":
        cfg = settings.load_settings()
        values = {"timeout": float(cfg["http_timeout"]), "max_bytes": int(cfg["http_max_bytes"]),
                  "user_agent": str(cfg["user_agent"])}
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


@dataclass(frozen=True)
class Fetched:
    """The outcome of one GET (after redirects and retries)."""

    url: str
    final_url: str = ""
    status: int | None = None
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    moved_to: str | None = None  # target of the leading permanent redirects, if any
    error: str = ""  # human-readable; names the URL
    retryable: bool = False
    retry_after: float | None = None
    attempts: int = 1

    @property
    def ok(self) -> bool:
        return not self.error


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date); None if absent or bad."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


class Fetcher:
    """Thread-safe GETs with per-host limits; use as a context manager or call ``close()``."""

    def __init__(self, policy: FetchPolicy | None = None):
        self.policy = policy or FetchPolicy.from_settings()
        self._client = httpx.Client(
            timeout=httpx.Timeout(self.policy.timeout), follow_redirects=False,
            headers={"User-Agent": self.policy.user_agent, "Accept-Encoding": "gzip, deflate"},
            limits=httpx.Limits(max_connections=max(4, self.policy.concurrency * 2),
                                max_keepalive_connections=max(2, self.policy.concurrency)),
        )
        self._hosts: dict[str, threading.BoundedSemaphore] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Stop waiting before retries and release connections."""
        self._stop.set()
        self._client.close()

    def _host_slot(self, url: str) -> threading.BoundedSemaphore:
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            slot = self._hosts.get(host)
            if slot is None:
                slot = self._hosts[host] = threading.BoundedSemaphore(self.policy.per_host)
            return slot

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            allow_private: bool = True) -> Fetched:
        """GET ``url`` with retries; ``allow_private=False`` checks every hop with ``validate_feed_url``."""
        p = self.policy
        with self._host_slot(url):
            attempt = 0
            while True:
                attempt += 1
                result = self._attempt(url, etag, last_modified, allow_private)
                if result.ok or not result.retryable or attempt > p.retries or self._stop.is_set():
                    break
                delay = result.retry_after if result.retry_after is not None else p.backoff * 2 ** (attempt - 1)
                delay = min(max(delay, 0.0), p.max_wait)
                LOGGER.info("%s; retrying in %.2fs (attempt %d of %d)", result.error, delay, attempt + 1,
                            p.retries + 1)
                if self._stop.wait(delay):
                    break
        if result.error and attempt > 1:
            result = replace(result, error=f"{result.error} (after {attempt} attempts)")
        return replace(result, attempts=attempt)

    def _attempt(self, url: str, etag: str | None, last_modified: str | None, allow_private: bool) -> Fetched:
        p = self.policy
        current, moved, permanent_so_far = url, None, True
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        for _hop in range(p.max_redirects + 1):
            if not is_http(current):
                return Fetched(url, current, error=f"{url}: redirected to {current!r}, which is not http(s)")
            if not allow_private:
                try:
                    validate_feed_url(current, allow_private=False)
                except InputError as exc:
                    return Fetched(url, current, error=f"refused: {exc}")
            try:
                with self._client.stream("GET", current, headers=headers) as resp:
                    if resp.status_code in _REDIRECTS and resp.headers.get("location"):
                        target = urljoin(current, resp.headers["location"])
                        if resp.status_code in _PERMANENT and permanent_so_far:
                            moved = target
                        else:
                            permanent_so_far = False
                        current = target
                        continue
                    return self._response(url, current, moved, resp, etag, last_modified)
            except httpx.TimeoutException:
                return Fetched(url, current, error=f"timed out after {p.timeout:g} s fetching {current}",
                               retryable=True, moved_to=moved)
            except httpx.UnsupportedProtocol as exc:
                return Fetched(url, current, error=f"cannot fetch {current}: {exc}", moved_to=moved)
            except httpx.HTTPError as exc:
                return Fetched(url, current, error=f"network error fetching {current}: {exc or type(exc).__name__}",
                               retryable=True, moved_to=moved)
        return Fetched(url, current, error=f"too many redirects (more than {p.max_redirects}) from {url}")

    def _response(self, url: str, current: str, moved: str | None, resp: httpx.Response,
                  etag: str | None, last_modified: str | None) -> Fetched:
        p = self.policy
        status = resp.status_code
        common = {"final_url": current, "status": status, "moved_to": moved}
        if status == 304:
            return Fetched(url, not_modified=True, etag=resp.headers.get("etag") or etag,
                           last_modified=resp.headers.get("last-modified") or last_modified, **common)
        if status >= 400:
            retryable = status >= 500 or status in _RETRYABLE_STATUS
            return Fetched(url, error=f"HTTP {status} from {current}", retryable=retryable,
                           retry_after=_retry_after(resp.headers.get("retry-after")) if retryable else None,
                           **common)
        too_big = f"response from {current} is larger than the cap of {p.max_bytes} bytes (http_max_bytes): abandoned"
        declared = resp.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > p.max_bytes:
            return Fetched(url, error=too_big, **common)
        deadline = time.monotonic() + p.timeout
        body = bytearray()
        for chunk in resp.iter_bytes():
            body.extend(chunk)
            if len(body) > p.max_bytes:
                return Fetched(url, error=too_big, **common)
            if time.monotonic() > deadline:
                return Fetched(url, error=f"timed out after {p.timeout:g} s reading {current}", retryable=True,
                               **common)
        return Fetched(url, body=bytes(body), content_type=resp.headers.get("content-type", ""),
                       etag=resp.headers.get("etag"), last_modified=resp.headers.get("last-modified"), **common)
