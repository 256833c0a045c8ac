"""The dashboard's few writes: reviews, feeds added from the UI, a refresh of the feeds.

Each opens a short writable connection (migrations applied, the watcher's lock waited for),
then drops the probe cache so every page sees the new data version. After a review the
stored incidents are rebuilt, because corrections override extraction everywhere.
"""

from __future__ import annotations

import logging
import threading
from typing import Callable, Mapping

from pipeline import settings
from pipeline.errors import InputError
from pipeline.records import FEED_KINDS, FeedConfig
from pipeline.store import db, read, write

from . import data

LOGGER = logging.getLogger(__name__)

__all__ = ["save_review", "undo_review", "add_feed", "set_feed_enabled", "remove_feed", "refresh_feeds",
           "refresh_incidents", "incidents_refreshing", "feed_url_problem"]

WRITE_WAIT = 20.0
REFRESH_WAIT = 5.0  # seconds a page waits for the incidents to be rebuilt before going on


_refresh_state = threading.Lock()
_refreshing: set[str] = set()  # databases whose incidents are being rebuilt
_again: set[str] = set()  # ... and asked for again meanwhile


def _rebuild(path: str) -> None:
    from pipeline.incidents import refresh_incidents as rebuild

    while True:
        try:
            rebuild(path)
        except Exception:  # a failed rebuild leaves the previous incidents; the next write retries
            LOGGER.exception("rebuilding the incidents of %s failed", path)
        with _refresh_state:
            if path in _again:
                _again.discard(path)
                continue
            _refreshing.discard(path)
            return


def refresh_incidents(path: str, wait: float = REFRESH_WAIT) -> bool:
    """Rebuild stored incidents from the (reviewed) claims; True when done within ``wait`` seconds.

    The rebuild runs in a background thread: on a large database it takes minutes, and the
    page must not freeze. Requests made meanwhile are coalesced into one more rebuild.
    Claims themselves (timelines, exports, organisation statuses) show a review at once.
    """
    with _refresh_state:
        if path in _refreshing:
            _again.add(path)
            return False
        _refreshing.add(path)
        worker = threading.Thread(target=_rebuild, args=(path,), name="recoupe-incidents", daemon=True)
        worker.start()
    worker.join(wait)
    data.clear()
    return not worker.is_alive()


def incidents_refreshing(path: str) -> bool:
    with _refresh_state:
        return path in _refreshing


def save_review(path: str, claim: Mapping, verdict: str, reviewer: str, **fix) -> str:
    """Store a verdict on ``claim`` (a row of ``browse.claims_page``), keyed on what survives re-extraction."""
    with db.connect(path, wait=WRITE_WAIT) as con:
        review_id = write.add_review(
            con, article_id=claim["article_id"], start=int(claim["start"]), end=int(claim["end"]),
            orig_org=claim["extracted_org"], orig_stance=claim["extracted_stance"], claim_id=claim.get("id"),
            sentence=claim.get("sentence") or "", verdict=verdict, reviewer=reviewer, **fix)
    refresh_incidents(path)
    data.clear()
    return review_id


def undo_review(path: str, review_id: str, by: str) -> bool:
    with db.connect(path, wait=WRITE_WAIT) as con:
        done = write.undo_review(con, review_id, by)
    refresh_incidents(path)
    data.clear()
    return done


_FR_PROBLEMS = (  # fragments of pipeline.ingest.urls messages -> French explanations
    ("scheme", "seules les adresses http:// et https:// sont acceptées"),
    ("no host", "l'adresse ne contient pas de nom de domaine"),
    ("not a valid URL", "l'adresse n'est pas une URL valide"),
    ("cannot be resolved", "le nom de domaine est introuvable (faute de frappe ? réseau indisponible ?)"),
    ("address", "l'adresse pointe vers le réseau local ou une adresse privée, refusée pour un flux ajouté "
                "depuis le tableau de bord (réglage allow_private_feeds)"),
)


def feed_url_problem(url: str) -> str | None:
    """Why a feed URL typed in the dashboard is refused, in French; None when it is accepted."""
    from pipeline.ingest.urls import validate_feed_url

    if not url.strip():
        return "indiquez l'adresse du flux RSS ou Atom"
    try:
        validate_feed_url(url, allow_private=bool(settings.load_settings()["allow_private_feeds"]))
    except InputError as exc:
        detail = str(exc)
        reason = next((fr for key, fr in _FR_PROBLEMS if key in detail), "l'adresse est refusée")
        return f"{reason} ({detail})"
    return None


def add_feed(path: str, name: str, url: str, kind: str = "press", language: str = "fr") -> None:
    """Validate and add a feed; raises InputError with a French message."""
    name = " ".join(name.split())
    if not name:
        raise InputError("Donnez un nom au flux (le nom du média, par exemple).")
    if kind not in FEED_KINDS:
        raise InputError(f"Type de flux inconnu : {kind}.")
    problem = feed_url_problem(url)
    if problem:
        raise InputError(f"Adresse refusée : {problem}.")
    with db.connect(path, wait=WRITE_WAIT) as con:
        existing = read.feeds(con)
        if any(f["name"] == name for f in existing):
            raise InputError(f"Un flux s'appelle déjà « {name} » : choisissez un autre nom.")
        if any(f["url"] == url.strip() for f in existing):
            raise InputError("Ce flux est déjà suivi (même adresse).")
        write.add_feed(con, FeedConfig(name=name, url=url.strip(), language=language, kind=kind),
                       origin="dashboard")
    data.clear()


def set_feed_enabled(path: str, name: str, enabled: bool) -> bool:
    with db.connect(path, wait=WRITE_WAIT) as con:
        done = write.set_feed_enabled(con, name, enabled)
    data.clear()
    return done


def remove_feed(path: str, name: str) -> bool:
    with db.connect(path, wait=WRITE_WAIT) as con:
        done = write.remove_feed(con, name)
    data.clear()
    return done


def refresh_feeds(path: str, progress: Callable[[int, int, str], None]):
    """Fetch every enabled feed now (``pipeline.run.ingest_feeds``), reporting progress; returns the report."""
    from pipeline.run import ingest_feeds

    with db.connect(path, read_only=True) as con:
        rows = read.feeds(con)
    # the configured URL (``url`` follows permanent redirects; ingestion keeps track of both)
    feeds = [FeedConfig(name=f["name"], url=f.get("config_url") or f["url"], language=f["language"], kind=f["kind"],
                        enabled=f["enabled"], fulltext=f["fulltext"]) for f in rows if f["enabled"]]
    report = ingest_feeds(feeds, path, progress=progress, command="dashboard")
    refresh_incidents(path)
    data.clear()
    return report
