"""Shared fixtures: the spaCy pipeline loads once per session; databases are real DuckDB files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEST_DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def nlp():
    from pipeline.nlp.model import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def demo_db_master(tmp_path_factory, nlp) -> Path:
    """The demo corpus loaded once per session into a DuckDB file (tests copy it)."""
    from pipeline.run import load_demo

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    report = load_demo(str(path))
    assert not report.failed, [r.error for r in report.failed]
    return path


@pytest.fixture()
def demo_db(demo_db_master, tmp_path) -> Path:
    """A private copy of the demo database that a test may modify."""
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db_master, path)
    return path


@pytest.fixture()
def empty_db(tmp_path) -> Path:
    return tmp_path / "empty.duckdb"
