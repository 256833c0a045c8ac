"""Ingestion benchmark (a command, not a test): ``python -m pipeline bench-ingest`` / ``make bench``.

Serves N generated RSS feeds of M items from a local HTTP server on 127.0.0.1 (with ETag and
304 support, like a well-behaved publisher), ingests them into a temporary database once cold
and once with every feed unchanged, and prints both wall times and the share of 304s.
"""

from __future__ import annotations

import hashlib
import random
import tempfile
import threading
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TextIO
from xml.sax.saxutils import escape

from ..records import FeedConfig

__all__ = ["run_bench", "make_feed"]

_WORDS = ("cyberattaque rançongiciel hôpital données patients fuite direction enquête parquet plainte "
          "serveurs informatique revendication groupe pirates mairie collectivité réseau systèmes sauvegardes "
          "chiffrement rançon négociation anssi cnil notification clients comptes identifiants banque assureur "
          "opérateur téléphonie usagers services perturbés urgences reportées consultations prestataire "
          "sous-traitant cloud hébergeur vulnérabilité correctif exploitation messagerie hameçonnage campagne "
          "victimes experts sécurité analyse échantillon publication site vitrine fichiers volés téraoctets "
          "dirigeants salariés syndicats communiqué démenti confirmation incident périmètre restauration").split()


def make_feed(index: int, items: int, seed: int = 0) -> bytes:
    """An RSS 2.0 feed of ``items`` distinct French-looking items (unique texts: no wire copies)."""
    rng = random.Random(seed * 100_003 + index)
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)
    parts = [f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Flux {index}</title>'
             f"<link>http://127.0.0.1/site{index}/</link><description>Banc d'essai</description>"]
    for j in range(items):
        text = " ".join(rng.choice(_WORDS) for _ in range(120))
        when = format_datetime(start + timedelta(hours=index * items + j))
        url = f"http://127.0.0.1/site{index}/article-{j}.html?utm_source=rss"
        parts.append(f"<item><title>Article {index}-{j} : {escape(text[:60])}</title><link>{escape(url)}</link>"
                     f"<guid>site{index}-{j}</guid><pubDate>{when}</pubDate>"
                     f"<description>{escape('<p>' + text + '</p>')}</description></item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode("utf-8")


class _Handler(BaseHTTPRequestHandler):
    feeds: dict[str, tuple[bytes, str]] = {}
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (http.server API)
        found = self.feeds.get(self.path)
        if found is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body, etag = found
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def _serve(feeds: int, items: int) -> tuple[ThreadingHTTPServer, str]:
    bodies = {}
    for i in range(feeds):
        body = make_feed(i, items)
        bodies[f"/feed/{i}.xml"] = (body, '"' + hashlib.sha1(body).hexdigest() + '"')
    handler = type("BenchHandler", (_Handler,), {"feeds": bodies})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def run_bench(feeds: int = 200, items: int = 50, concurrency: int = 8, per_host: int = 8, analyze: bool = False,
              out: TextIO | None = None) -> dict:
    """Run the benchmark; print a summary to ``out``; return the figures."""
    from ..run import ingest_feeds
    from .fetch import FetchPolicy

    server, base = _serve(feeds, items)
    configs = [FeedConfig(name=f"bench-{i}", url=f"{base}/feed/{i}.xml") for i in range(feeds)]
    policy = FetchPolicy.from_settings(concurrency=concurrency, per_host=per_host, retries=1, backoff=0.2)
    figures: dict = {"feeds": feeds, "items": items, "concurrency": concurrency, "per_host": per_host}
    try:
        with tempfile.TemporaryDirectory(prefix="recoupe-bench-") as tmp:
            db_path = str(Path(tmp) / "bench.duckdb")
            for label in ("cold", "warm"):
                t0 = time.perf_counter()
                report = ingest_feeds(configs, db_path, analyze=analyze, command="bench", policy=policy)
                seconds = time.perf_counter() - t0
                not_modified = report.stats.get("feed:not_modified")
                figures[label] = {"seconds": round(seconds, 2), "new_articles": len(report.new_article_ids),
                                  "not_modified": not_modified, "share_304": round(not_modified / max(1, feeds), 3),
                                  "failed": len(report.failed), "analyzed": report.analyzed,
                                  "counts": dict(sorted(report.stats.counts.items()))}
    finally:
        server.shutdown()
        server.server_close()
    if out is not None:
        print(f"bench-ingest: {feeds} feeds x {items} items on 127.0.0.1, concurrency {concurrency}, "
              f"{per_host} per host, analysis {'on' if analyze else 'off'}", file=out)
        for label in ("cold", "warm"):
            f = figures[label]
            print(f"  {label}: {f['seconds']:.2f} s wall, {f['new_articles']} new articles, "
                  f"{f['not_modified']}/{feeds} feeds answered 304 ({f['share_304']:.0%}), {f['failed']} failed",
                  file=out)
    return figures
