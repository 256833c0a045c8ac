"""A watcher writing and a dashboard reading the same DuckDB file, as two real processes.

DuckDB lets one process write a file and then keeps every other process out; the store opens
short-lived connections and retries on lock conflicts, ingestion writes in short slices. Both
processes must finish without an error, and the reader must see the counts grow.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pipeline.ingest.bench import make_feed
from pipeline.store import db

ROOT = Path(__file__).resolve().parents[2]
ROUNDS, FEEDS, ITEMS = 6, 4, 15

WRITER = """
import sys
from pathlib import Path
from pipeline.ingest.bench import make_feed
from pipeline.records import FeedConfig
from pipeline.run import ingest_feeds
folder, path, rounds, feeds, items = Path(sys.argv[1]), sys.argv[2], *map(int, sys.argv[3:6])
configs = [FeedConfig(name=f"feed {i}", url=str(folder / f"feed{i}.xml")) for i in range(feeds)]
for r in range(rounds):
    for i in range(feeds):  # every round rewrites every item of every feed (new versions)
        (folder / f"feed{i}.xml").write_bytes(make_feed(i, items, seed=r))
    report = ingest_feeds(configs, path, analyze=False, command="watch")
    assert not report.failed, [f.error for f in report.failed]
(folder / "writer-done").touch()
print("writer ok", flush=True)
"""

READER = """
import sys, time
from pathlib import Path
from pipeline.store import db, read
folder, path = Path(sys.argv[1]), sys.argv[2]
while not Path(path).exists():
    time.sleep(0.01)
reads, during, last = 0, 0, 0
deadline = time.monotonic() + 120
while time.monotonic() < deadline:
    done = (folder / "writer-done").exists()
    with db.connect(path, read_only=True) as con:
        n = read.article_count(con)
        read.feeds(con)
        read.latest_runs(con)
    assert n >= last, (n, last)
    last, reads, during = n, reads + 1, during + (not done)
    if done:
        break
    time.sleep(0.02)
print(f"reader ok {during} {last}", flush=True)
"""


def test_writer_and_reader_processes_share_the_database(tmp_path):
    (tmp_path / "feed0.xml").write_bytes(make_feed(0, ITEMS))
    path = str(tmp_path / "shared.duckdb")
    args = [str(tmp_path), path]
    writer = subprocess.Popen([sys.executable, "-c", WRITER, *args, str(ROUNDS), str(FEEDS), str(ITEMS)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    reader = subprocess.Popen([sys.executable, "-c", READER, *args], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    w_out, w_err = writer.communicate(timeout=150)
    r_out, r_err = reader.communicate(timeout=150)
    assert writer.returncode == 0 and "writer ok" in w_out, w_err
    assert reader.returncode == 0 and r_out.startswith("reader ok"), r_err
    _, _, during, last = r_out.split()
    assert int(during) >= 1  # the reader got in while the writer was at work
    assert int(last) == FEEDS * ITEMS  # and finally saw everything the writer committed
    with db.connect(path, read_only=True) as con:  # each round rewrote every item: one new version each time
        assert con.execute("SELECT count(*) FROM article_versions").fetchone()[0] == ROUNDS * FEEDS * ITEMS
