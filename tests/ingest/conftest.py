"""A local HTTP server on 127.0.0.1 (random port) whose routes each test scripts, and feed builders.

No test reaches the network: every URL points at this server or at a closed local port.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable
from xml.sax.saxutils import escape

import pytest

from pipeline.ingest.fetch import FetchPolicy

Route = Callable[[BaseHTTPRequestHandler], None]


def send(h: BaseHTTPRequestHandler, status: int = 200, body: bytes = b"", headers: dict | None = None,
         content_type: str | None = "application/rss+xml; charset=utf-8") -> None:
    h.send_response(status)
    if content_type and status not in (301, 302, 304):
        h.send_header("Content-Type", content_type)
    for k, v in (headers or {}).items():
        h.send_header(k, v)
    h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    if body:
        h.wfile.write(body)


class FeedServer:
    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.hits: Counter = Counter()
        self.requests: list[tuple[str, dict]] = []
        self.active = 0
        self.max_active = 0
        self.bytes_sent: Counter = Counter()
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802
                with server._lock:
                    server.hits[self.path] += 1
                    server.requests.append((self.path, dict(self.headers)))
                    server.active += 1
                    server.max_active = max(server.max_active, server.active)
                try:
                    route = server.routes.get(self.path)
                    if route is None:
                        send(self, 404, b"not found", content_type="text/plain")
                    else:
                        route(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                finally:
                    with server._lock:
                        server.active -= 1

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def static(self, path: str, body: bytes, *, etag: str | None = None, status: int = 200,
               content_type: str = "application/rss+xml; charset=utf-8", delay: float = 0.0) -> None:
        """Serve ``body``; with ``etag``, answer 304 to a matching If-None-Match."""

        def route(h):
            if delay:
                time.sleep(delay)
            if etag and h.headers.get("If-None-Match") == etag:
                send(h, 304, headers={"ETag": etag})
            else:
                send(h, status, body, headers={"ETag": etag} if etag else None, content_type=content_type)

        self.routes[path] = route

    def sequence(self, path: str, *responses: tuple[int, bytes, dict]) -> None:
        """Answer successive requests with these (status, body, headers); the last one repeats."""
        calls = iter(range(10**6))

        def route(h):
            i = min(next(calls), len(responses) - 1)
            status, body, headers = responses[i]
            send(h, status, body, headers=headers)

        self.routes[path] = route

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture()
def server():
    s = FeedServer()
    yield s
    s.close()


@pytest.fixture()
def policy() -> FetchPolicy:
    """Small delays and a short timeout so failure paths stay fast."""
    return FetchPolicy(timeout=2.0, max_bytes=1024 * 1024, retries=2, backoff=0.01, max_wait=0.5,
                       concurrency=4, per_host=4, user_agent="Recoupe-test")


def rss(items: list[dict], *, title: str = "Flux de test", encoding: str | None = "utf-8",
        declare: bool = True) -> bytes:
    """An RSS 2.0 document. Items: title, link, guid, description, content, pubDate (raw strings; escaped here)."""
    parts = []
    if declare:
        parts.append(f'<?xml version="1.0" encoding="{encoding}"?>' if encoding else '<?xml version="1.0"?>')
    parts.append('<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>')
    parts.append(f"<title>{escape(title)}</title><link>http://127.0.0.1/</link><description>test</description>")
    for it in items:
        parts.append("<item>")
        for key in ("title", "link", "guid", "description", "pubDate"):
            if it.get(key) is not None:
                parts.append(f"<{key}>{escape(it[key])}</{key}>")
        if it.get("content") is not None:
            parts.append(f"<content:encoded>{escape(it['content'])}</content:encoded>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode(encoding or "utf-8")


def item(n: int, text: str | None = None, *, site: str = "exemple.fr", **extra) -> dict:
    d = {"title": f"Article {n}", "link": f"https://{site}/article-{n}", "guid": f"https://{site}/article-{n}",
         "description": text or f"Texte de l'article numéro {n} sur une cyberattaque.",
         "pubDate": "Mon, 06 Jan 2025 10:00:00 +0100"}
    d.update(extra)
    return d
