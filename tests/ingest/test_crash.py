"""Kill -9 in the middle of an ingestion: nothing committed is lost, nothing is half-written, the next run resumes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from pipeline.ingest.bench import make_feed
from pipeline.ingest.feeds import load_feeds
from pipeline.run import ingest_feeds
from pipeline.store import db, read

ROOT = Path(__file__).resolve().parents[2]
FEEDS, ITEMS = 30, 20

INGEST = """
import sys
from pipeline.ingest.feeds import load_feeds
from pipeline.ingest.fetch import FetchPolicy
from pipeline.run import ingest_feeds
def progress(done, total, label):
    print(done, flush=True)
ingest_feeds(load_feeds(sys.argv[1]), sys.argv[2], analyze=False, progress=progress,
             policy=FetchPolicy(concurrency=2, per_host=2))
print("finished", flush=True)
"""


def _counts(path: str) -> dict:
    with db.connect(path, read_only=True) as con:
        one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
        return {"articles": one("SELECT count(*) FROM articles"),
                "urls": one("SELECT count(DISTINCT url) FROM articles"),
                "versions": one("SELECT count(*) FROM article_versions"),
                "orphan_versions": one("SELECT count(*) FROM article_versions v "
                                       "WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = v.article_id)"),
                "without_version": one("SELECT count(*) FROM articles a "
                                       "WHERE NOT EXISTS (SELECT 1 FROM article_versions v WHERE v.article_id = a.id)"),
                "feeds_done": one("SELECT count(*) FROM feeds WHERE etag IS NOT NULL"),
                "pending": len(read.articles_to_analyze(con, "current-rules"))}


def test_kill_mid_ingestion_then_restart(tmp_path):
    lines = []
    for i in range(FEEDS):
        (tmp_path / f"feed{i}.xml").write_bytes(make_feed(i, ITEMS, seed=7))
        lines.append(f'[[feed]]\nname = "feed {i}"\nurl = "{tmp_path / f"feed{i}.xml"}"\n')
    feeds_file = tmp_path / "feeds.toml"
    feeds_file.write_text("\n".join(lines), encoding="utf-8")
    path = str(tmp_path / "db.duckdb")

    proc = subprocess.Popen([sys.executable, "-c", INGEST, str(feeds_file), path], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    done = 0
    deadline = time.monotonic() + 60
    while done < 5 and time.monotonic() < deadline:
        line = proc.stdout.readline().strip()
        if line.isdigit():
            done = int(line)
        elif line == "finished" or proc.poll() is not None:
            raise AssertionError("ingestion ended before it could be killed: " + proc.stderr.read())
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL

    before = _counts(path)
    assert 5 <= before["feeds_done"] < FEEDS  # killed mid-way
    # A feed's articles, their versions and its validators were committed together, or not at all.
    assert before["articles"] == before["feeds_done"] * ITEMS == before["urls"] == before["versions"]
    assert before["orphan_versions"] == before["without_version"] == 0

    report = ingest_feeds(load_feeds(feeds_file), path, analyze=False)
    assert not report.failed
    assert report.stats.get("feed:not_modified") == before["feeds_done"]  # committed feeds are not redone
    assert report.stats.get("ok") == FEEDS * ITEMS - before["articles"]
    after = _counts(path)
    assert after["articles"] == after["urls"] == after["versions"] == FEEDS * ITEMS
    assert after["orphan_versions"] == after["without_version"] == 0
    assert after["pending"] == FEEDS * ITEMS  # every article waits for analysis, once
