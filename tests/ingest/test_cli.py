"""The commands through ``python -m pipeline`` (subprocesses): exit codes, messages, watch and signals."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import item, rss, send

ROOT = Path(__file__).resolve().parents[2]
EMPTY_FEED = rss([])  # valid and empty: no article, so no language model is loaded


def _run(*args, timeout=60):
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "RECOUPE_DB": ""})


def test_ingest_exit_codes_and_errors_named_on_stderr(server, tmp_path):
    server.static("/ok", EMPTY_FEED)
    server.sequence("/broken", (404, b"", {}))
    db = str(tmp_path / "db.duckdb")
    ok = _run("ingest", "--feed", server.url("/ok"), "--db", db)
    assert ok.returncode == 0, ok.stderr
    some_failed = _run("ingest", "--feed", server.url("/ok"), "--feed", server.url("/broken"), "--db", db)
    assert some_failed.returncode == 1
    assert f"HTTP 404 from {server.url('/broken')}" in some_failed.stderr and "Traceback" not in some_failed.stderr
    usage = _run("ingest", "--feed", "ftp://exemple.fr/rss.xml", "--db", db)
    assert usage.returncode == 2 and "ftp://exemple.fr/rss.xml" in usage.stderr and "Traceback" not in usage.stderr

    listed = _run("feeds", "--db", db, "--json")
    assert listed.returncode == 0
    health = {f["url"]: f for f in json.loads(listed.stdout)}
    broken = health[server.url("/broken")]
    assert broken["consecutive_failures"] == 1 and "HTTP 404" in broken["last_error"] and broken["last_success"] is None
    assert health[server.url("/ok")]["last_status"] in ("ok", "not_modified")


def test_watch_rejects_a_bad_interval():
    result = _run("watch", "--every", "soon", "--once")
    assert result.returncode == 2 and "--every 'soon'" in result.stderr


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_watch_logs_each_cycle_and_stops_cleanly_on_signal(server, tmp_path, sig):
    server.static("/rss", EMPTY_FEED, etag='"e"')
    feeds = tmp_path / "feeds.toml"
    feeds.write_text(f'[[feed]]\nname = "local"\nurl = "{server.url("/rss")}"\n', encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "watch", "--every", "1s", "--feeds", str(feeds),
                             "--db", str(tmp_path / "db.duckdb")], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    lines = []
    deadline = time.monotonic() + 40
    while time.monotonic() < deadline and sum("cycle" in line for line in lines) < 2:
        lines.append(proc.stderr.readline())
    proc.send_signal(sig)
    try:
        rest = proc.communicate(timeout=15)[1]
    finally:
        proc.kill()
    cycles = [line for line in lines if "cycle" in line]
    assert "cycle 1" in cycles[0] and "feeds ok=1" in cycles[0]
    assert "cycle 2" in cycles[1] and "skip:not_modified=1" in cycles[1]
    assert proc.returncode == 0 and "watch stopped" in rest and "Traceback" not in rest


def test_feeds_lists_health_in_text(server, policy, tmp_path, capsys):
    from pipeline.__main__ import main
    from pipeline.records import FeedConfig
    from pipeline.run import ingest_feeds

    server.sequence("/down", (500, b"", {}))
    server.routes["/old"] = lambda h: send(h, 301, headers={"Location": "/new"})
    server.static("/new", rss([item(1)]))
    ingest_feeds([FeedConfig(name="Down", url=server.url("/down")), FeedConfig(name="Moved", url=server.url("/old"))],
                 str(tmp_path / "db.duckdb"), analyze=False, policy=policy)
    assert main(["feeds", "--db", str(tmp_path / "db.duckdb")]) == 0
    out = capsys.readouterr().out
    assert "Down [press] error; last success never; 1 consecutive failures" in out
    assert f"error: feed Down: HTTP 500 from {server.url('/down')}" in out
    assert f"moved permanently from {server.url('/old')}" in out and "Moved [press] ok" in out
