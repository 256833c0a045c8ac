"""Schema migrations on a real DuckDB file."""

from __future__ import annotations

import duckdb

from pipeline.store import db


def test_migrations_are_recorded_once(tmp_path):
    path = str(tmp_path / "m.duckdb")
    with db.connect(path) as con:
        applied = [r[0] for r in con.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()]
    assert applied == [v for v, _, _ in db.MIGRATIONS]
    with db.connect(path) as con:
        assert db.migrate(con) == []


def test_a_reader_brings_an_old_file_up_to_date(tmp_path):
    path = str(tmp_path / "old.duckdb")
    con = duckdb.connect(path)
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                "applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
    version, name, sql = db.MIGRATIONS[0]
    con.execute(sql)
    con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [version, name])
    con.execute("INSERT INTO feeds (name, url) VALUES ('Le Flux', 'https://ex.example/rss')")
    con.execute("INSERT INTO articles (id, url, published, first_seen, feed) "
                "VALUES ('a1', 'https://ex.example/a1', now(), now(), 'Le Flux')")
    con.close()
    with db.connect(path, read_only=True) as ro:
        versions = {r[0] for r in ro.execute("SELECT version FROM schema_migrations").fetchall()}
        assert versions == {v for v, _, _ in db.MIGRATIONS}
        # what was stored survives the upgrade, with the new columns filled in
        assert ro.execute("SELECT id, wire_group FROM articles").fetchall() == [("a1", "a1")]


def test_reader_of_a_missing_file_is_told_what_to_do(tmp_path):
    import pytest

    from pipeline.errors import ConfigError

    with pytest.raises(ConfigError, match="python -m pipeline demo"):
        with db.connect(str(tmp_path / "nope.duckdb"), read_only=True):
            pass
