"""Browser tests: the real app (``streamlit run app.py``) on a copy of the demo database, driven by
Playwright through Debian's Chromium. Never a browser downloaded by Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = ROOT / "screenshots"
XSS = "<img src=x onerror=alert(1)>"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is missing: install it with `apt-get install -y chromium` to run the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def context(browser):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    yield ctx
    ctx.close()


@pytest.fixture()
def page(context):
    """A fresh tab; every JavaScript dialog it opens is recorded (and dismissed)."""
    p = context.new_page()
    p.set_default_timeout(60_000)  # a busy 2-core machine parses Plotly's JavaScript slowly
    p.dialogs = []
    p.on("dialog", lambda d: (p.dialogs.append(d.message), d.dismiss()))
    yield p
    p.close()


@pytest.fixture(scope="session")
def browser_db(demo_db_master, tmp_path_factory) -> Path:
    """The demo with its incidents stored, plus a feed and an article whose names carry an HTML payload."""
    from pipeline.incidents import refresh_incidents
    from pipeline.records import Article, FeedConfig
    from pipeline.store import browse, db, write

    path = tmp_path_factory.mktemp("browser") / "demo.duckdb"
    shutil.copy(demo_db_master, path)
    with db.connect(str(path), read_only=True) as con:
        stored = browse.has_incidents(con) and con.execute("SELECT count(*) FROM incidents").fetchone()[0]
    if not stored:
        refresh_incidents(str(path))
    with db.connect(str(path)) as con:
        write.upsert_feeds(con, [FeedConfig(name=f"Veille {XSS}", url="https://veille.example/rss")])
        write.insert_articles(con, [Article(url="https://veille.example/a", guid="xss", title=f"Titre piégé {XSS}",
                                            text=f"Un texte piégé {XSS} pour vérifier l'échappement.",
                                            published=datetime(2026, 1, 9, 8, tzinfo=timezone.utc),
                                            feed=f"Veille {XSS}")])
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def app_url(browser, browser_db, tmp_path_factory) -> str:
    """``streamlit run app.py`` on 127.0.0.1 and a free port, with RECOUPE_DB on the browser database."""
    port = _free_port()
    log = (tmp_path_factory.mktemp("streamlit") / "streamlit.log").open("w")
    env = {**os.environ, "RECOUPE_DB": str(browser_db)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.address",
         "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none",
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"streamlit did not start: see {log.name}")
        time.sleep(0.3)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


def settle(page, quiet_checks: int = 3) -> None:
    """Wait until the script run is over and every element is drawn (no skeleton, no running status)."""
    page.wait_for_selector("h1", timeout=30_000)
    quiet = 0
    for _ in range(200):
        page.wait_for_timeout(250)
        busy = page.locator('[data-testid="stSkeleton"]').count() + page.locator('[data-testid="stStatusWidget"]').count()
        quiet = quiet + 1 if busy == 0 else 0
        if quiet >= quiet_checks:
            return
    raise AssertionError("the page never finished rendering")


def shoot(page, name: str, height: int | None = None) -> None:
    """Save a screenshot under screenshots/ (git-ignored) for a person to look at."""
    SCREENSHOTS.mkdir(exist_ok=True)
    if height:
        page.set_viewport_size({"width": 1400, "height": height})
        page.wait_for_timeout(600)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
