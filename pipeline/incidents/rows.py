"""Claim rows -> ``ClaimView`` records: one normalised view for grouping and measuring.

Rows come from the store (``read.claims``: ``published`` an aware datetime, ``victim_count``
an int with ``victim_unit``) or from ``--from-jsonl`` (``published`` a "YYYY-MM-DD" string,
``victim_count`` a ``{"value", "unit"}`` dict, no ``id``). Both end up as the same record,
with the original row kept for the output.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone
from functools import lru_cache
from typing import Any, Iterable
from zoneinfo import ZoneInfo

from ..nlp.orgs import Registry
from ..records import stable_id

LOGGER = logging.getLogger(__name__)

__all__ = ["ClaimView", "prepare_claims", "lineage", "PARIS", "RETROSPECTIVE_DAYS"]

PARIS = ZoneInfo("Europe/Paris")
# A claim whose event date lies this long before its publication recalls an older event
# ("en juin 2025 déjà, des pirates affirmaient ..."): it is placed at the event's date.
RETROSPECTIVE_DAYS = 60
_ATTACKER_ROLES = ("attacker", "forum")
# Wire copies recognised without a stored wire group: articles of different feeds that share
# at least this many identical claim sentences of some length.
_WIRE_MIN_SHARED = 2
_WIRE_MIN_CHARS = 60


@dataclass(frozen=True)
class ClaimView:
    """One claim, normalised: what grouping and measuring need, plus the original ``row``."""

    id: str
    org: str
    stance: str
    speaker: str
    speaker_name: str
    sentence: str
    start: int
    end: int
    article_id: str
    story: str  # wire group: one syndicated story however many outlets ran it
    feed: str | None
    outlet: str  # feed name, else the URL's host, else the article id
    url: str | None
    ts: datetime | None  # publication, aware
    day: date | None  # publication day in Paris time
    anchor: date | None  # when the claim is about: the event date if retrospective, else ``day``
    count: int | None
    unit: str | None
    names: frozenset[str]  # attacker / forum names in the sentence or the speaker's name
    hedged: bool
    feed_kind: str
    row: dict = field(compare=False, repr=False)
    key: tuple = field(init=False, compare=False, repr=False)  # chronological sort key

    def __post_init__(self) -> None:
        # publication, article, position in the article, organisation: computed once, sorted often
        object.__setattr__(self, "key", (self.ts or _LATEST, self.article_id, self.start, self.org, self.stance,
                                         self.id))

    def ref(self) -> dict:
        """``{"feed", "date", "article_id", "url"}`` pointing at this claim's article."""
        return {"feed": self.feed, "date": _iso(self.day), "article_id": self.article_id, "url": self.url}


_LATEST = datetime.max.replace(tzinfo=timezone.utc)


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _timestamp(value: Any) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=PARIS)
    if isinstance(value, date):
        return datetime.combine(value, time(12, 0), tzinfo=PARIS)
    text = str(value).strip()
    try:
        if len(text) <= 10:
            return datetime.combine(date.fromisoformat(text), time(12, 0), tzinfo=PARIS)
        parsed = datetime.fromisoformat(text)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=PARIS)
    except ValueError:
        LOGGER.debug("unreadable publication date %r", value)
        return None


def _event_day(value: Any) -> date | None:
    """'2025-06-18' -> that day; '2025-06' -> the 1st of the month; anything else -> None."""
    if not value:
        return None
    text = str(value)
    try:
        if len(text) >= 10:
            return date.fromisoformat(text[:10])
        if len(text) == 7:
            return date.fromisoformat(text + "-01")
    except ValueError:
        return None
    return None


def _count(row: dict) -> tuple[int | None, str | None]:
    vc = row.get("victim_count")
    if isinstance(vc, dict):
        value, unit = vc.get("value"), vc.get("unit")
    else:
        value, unit = vc, row.get("victim_unit")
    try:
        return (int(value), unit) if value is not None else (None, None)
    except (TypeError, ValueError):
        return None, None


def _host(url: str | None) -> str | None:
    m = re.match(r"(?i)^[a-z][a-z0-9+.-]*://([^/?#:]+)", url or "")
    return m.group(1).lower() if m else None


@lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    """Case- and accent-folded text (cached: the same titles and sentences come back for every claim)."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def _attacker_pattern(registry: Registry) -> tuple[re.Pattern | None, dict[str, str]]:
    """A pattern finding the registry's attackers and forums in folded text, and form -> name."""
    forms = {}
    for surface, canonical in registry.surface_forms():
        if registry.role(canonical) in _ATTACKER_ROLES:
            forms[_fold(surface)] = canonical
    if not forms:
        return None, {}
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(r"(?<!\w)(" + alternation + r")(?!\w)"), forms


def _names(finder: tuple[re.Pattern | None, dict[str, str]], *texts: str) -> frozenset[str]:
    pattern, forms = finder
    if pattern is None:
        return frozenset()
    found = set()
    for text in texts:
        for m in pattern.finditer(_fold(text or "")):
            found.add(forms[m.group(1)])
    return frozenset(found)


def lineage(org: str, registry: Registry) -> frozenset[str]:
    """The organisation and its parent groups: whoever may deny or confirm for it."""
    names = [org]
    parent = registry.parent(org)
    while parent and parent not in names:
        names.append(parent)
        parent = registry.parent(parent)
    return frozenset(names)


def _infer_wire_groups(rows: list[dict]) -> dict[str, str]:
    """article id -> id of the earliest article carrying the same claim sentences (wire copies).

    Used only when rows carry no ``wire_group`` (JSONL input, databases before migration 002).
    """
    sentences: dict[str, set[str]] = {}
    first_seen: dict[str, tuple] = {}
    for r in rows:
        aid = str(r.get("article_id") or r.get("url") or "")
        sentence = " ".join(str(r.get("sentence") or "").split())
        if len(sentence) >= _WIRE_MIN_CHARS:
            sentences.setdefault(aid, set()).add(sentence.casefold())
        ts = _timestamp(r.get("published"))
        key = (ts or datetime.max.replace(tzinfo=timezone.utc), aid)
        first_seen[aid] = min(first_seen.get(aid, key), key)
    by_sentence: dict[str, list[str]] = {}
    for aid, sents in sentences.items():
        for s in sents:
            by_sentence.setdefault(s, []).append(aid)
    parent = {aid: aid for aid in first_seen}

    def find(a: str) -> str:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    shared: dict[tuple[str, str], int] = {}
    for aids in by_sentence.values():
        for i, a in enumerate(sorted(aids)):
            for b in sorted(aids)[i + 1:]:
                shared[(a, b)] = shared.get((a, b), 0) + 1
    for (a, b), n in sorted(shared.items()):
        if n >= _WIRE_MIN_SHARED:
            ra, rb = find(a), find(b)
            if ra != rb:
                keep, drop = sorted((ra, rb), key=lambda x: first_seen[x])
                parent[drop] = keep
    return {aid: find(aid) for aid in parent}


def prepare_claims(rows: Iterable[dict], registry: Registry) -> list[ClaimView]:
    """Claim rows -> ``ClaimView`` records about possible victims, in chronological order.

    Claims about authorities, attackers, forums, security firms and media (registry roles)
    are left out: they are speakers or places, never the subject of an incident.
    """
    rows = [r for r in rows if r.get("org") and registry.role(r["org"]) == "victim"]
    inferred = {} if any("wire_group" in r for r in rows) else _infer_wire_groups(rows)
    finder = _attacker_pattern(registry)
    views = []
    for r in rows:
        article_id = str(r.get("article_id") or r.get("url") or "")
        ts = _timestamp(r.get("published"))
        day = ts.astimezone(PARIS).date() if ts else None
        event = _event_day(r.get("event_date"))
        anchor = day
        if event and day and (day - event).days > RETROSPECTIVE_DAYS:
            anchor = event
        elif event and not day:
            anchor = event
        count, unit = _count(r)
        story = r.get("wire_group") or inferred.get(article_id) or article_id
        cid = r.get("id") or stable_id(article_id, r["org"], r.get("stance", ""), r.get("speaker", ""),
                                       str(r.get("start", "")))
        views.append(ClaimView(
            id=str(cid), org=r["org"], stance=r.get("stance", ""), speaker=r.get("speaker") or "other",
            speaker_name=r.get("speaker_name") or "", sentence=r.get("sentence") or "",
            start=int(r.get("start") or 0), end=int(r.get("end") or 0), article_id=article_id, story=str(story),
            feed=r.get("feed"),
            outlet=r.get("feed") or _host(r.get("url")) or article_id, url=r.get("url"), ts=ts, day=day,
            anchor=anchor, count=count, unit=unit,
            names=_names(finder, r.get("sentence") or "", r.get("speaker_name") or ""),
            hedged=bool(r.get("hedged")), feed_kind=r.get("feed_kind") or "press", row=r,
        ))
    views.sort(key=lambda v: v.key)
    return views
