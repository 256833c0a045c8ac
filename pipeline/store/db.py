"""Connections and numbered migrations.

DuckDB lets one process write a database file at a time, and a process holding it for
writing keeps every other process out, readers included. Recoupe therefore opens short-lived
connections (one per unit of work) and retries while another process holds the lock: the
watcher writes in short transactions, the dashboard reads between them.
"""

from __future__ import annotations

import logging
import time
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Iterator

import duckdb

from ..errors import ConfigError

LOGGER = logging.getLogger(__name__)

__all__ = ["connect", "migrate", "MIGRATIONS"]

_LOCK_MARKERS = ("Could not set lock", "Conflicting lock", "database is locked")


def _migration_files() -> list[tuple[int, str, str]]:
    folder = resources.files("pipeline.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:3].isdigit():
            found.append((int(name[:3]), name, entry.read_text(encoding="utf-8")))
    return sorted(found)


MIGRATIONS = _migration_files()


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply the migrations not yet recorded in ``schema_migrations``; return their names."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
    )
    done = {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}
    applied = []
    for version, name, sql in MIGRATIONS:
        if version in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [version, name])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        LOGGER.info("applied migration %s", name)
        applied.append(name)
    return applied


def _pending(con: duckdb.DuckDBPyConnection) -> bool:
    """Does this database miss migrations this code knows about?"""
    try:
        done = {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}
    except duckdb.CatalogException:
        return True
    return any(version not in done for version, _, _ in MIGRATIONS)


def _open(path: str, read_only: bool) -> duckdb.DuckDBPyConnection:
    if path == ":memory:":
        return duckdb.connect(":memory:")
    p = Path(path)
    if read_only and not p.exists():
        raise ConfigError(f"database {path} does not exist yet: run `python -m pipeline demo` or `ingest` first")
    if not read_only:
        p.parent.mkdir(parents=True, exist_ok=True)
    return duckdb.connect(str(p), read_only=read_only)


@contextmanager
def connect(path: str, *, read_only: bool = False, wait: float = 30.0) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short-lived connection, migrated when writable; waits up to ``wait`` s for another process's lock."""
    deadline = time.monotonic() + wait
    delay = 0.05
    while True:
        try:
            con = _open(path, read_only)
            break
        except duckdb.IOException as exc:
            if not any(m in str(exc) for m in _LOCK_MARKERS) or time.monotonic() >= deadline:
                raise
            LOGGER.debug("database %s busy, retrying in %.2fs", path, delay)
            time.sleep(delay)
            delay = min(delay * 2, 1.0)
    if read_only and path != ":memory:" and _pending(con):
        # an older file opened by a reader: bring its schema up to date in a short write, then read
        con.close()
        with connect(path, wait=wait):
            pass
        con = _open(path, read_only)
    try:
        if not read_only:
            migrate(con)
        yield con
    finally:
        con.close()
