"""Dashboard fixtures: the demo database with its incidents stored, and an AppTest runner."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Callable

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
PAGES = {
    "overview": "dashboard/pages/overview.py",
    "incident": "dashboard/pages/incident.py",
    "organisation": "dashboard/pages/organisation.py",
    "articles": "dashboard/pages/articles.py",
    "sources": "dashboard/pages/sources.py",
    "review": "dashboard/pages/review.py",
}


def ensure_incidents(path: Path) -> None:
    """Store the demo's incidents when loading the demo did not (the dashboard reads stored incidents)."""
    from pipeline.incidents import refresh_incidents
    from pipeline.store import browse, db

    with db.connect(str(path), read_only=True) as con:
        stored = browse.has_incidents(con) and con.execute("SELECT count(*) FROM incidents").fetchone()[0]
    if not stored:
        refresh_incidents(str(path))


@pytest.fixture(scope="session")
def dashboard_db_master(demo_db_master, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("dashboard") / "demo.duckdb"
    shutil.copy(demo_db_master, path)
    ensure_incidents(path)
    return path


@pytest.fixture()
def dashboard_db(dashboard_db_master, tmp_path) -> Path:
    """A private copy of the demo database, incidents stored, that a test may modify."""
    path = tmp_path / "dashboard.duckdb"
    shutil.copy(dashboard_db_master, path)
    return path


@pytest.fixture()
def run_page(monkeypatch) -> Callable[..., AppTest]:
    """``run_page(db_path, "incident", params={...})``: the app run on one page, with query parameters."""

    def run(db_path: Path, page: str = "overview", params: dict | None = None, *, secrets: dict | None = None,
            user: dict | None = None) -> AppTest:
        monkeypatch.setenv("RECOUPE_DB", str(db_path))
        at = AppTest.from_file(str(APP), default_timeout=60)
        if secrets:
            at.secrets.update(secrets)
        if user is not None:
            at.user = user
        at.query_params.update(params or {})
        at.run()
        if page != "overview":
            at.switch_page(PAGES[page])
            at.query_params.update(params or {})
            at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return run


class UI:
    """Reading a finished AppTest run."""

    @staticmethod
    def texts(at: AppTest) -> str:
        """Every text the run displayed (markdown, captions, alerts, headings, metrics), unescaped, joined."""
        parts = []
        for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
            parts += [str(e.value) for e in getattr(at, kind)]
        parts += [f"{m.label} {m.value}" for m in at.metric]
        return UI.unescape("\n".join(parts))

    @staticmethod
    def unescape(markdown: str) -> str:
        """Markdown produced by ``dashboard.text.md_escape`` back to plain text."""
        return re.sub(r"\\(.)", r"\1", markdown)

    @staticmethod
    def figures(at: AppTest) -> list[dict]:
        """The Plotly figures of a run, as dicts."""
        return [json.loads(e.proto.spec) for e in at.get("plotly_chart")]

    @staticmethod
    def traces(figure: dict) -> dict[str, int]:
        """Trace name -> number of points."""
        return {t.get("name"): len(t.get("x") or []) for t in figure["data"]}


@pytest.fixture(scope="session")
def ui() -> UI:
    return UI()
