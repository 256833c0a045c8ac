"""Frozen records that cross stage boundaries.

Feed config -> FeedEntry/Article (ingest) -> Analysis (nlp + claims) -> store -> dashboard.
spaCy ``Doc`` objects never leave ``pipeline.nlp`` and ``pipeline.claims``; DataFrames
never enter ``pipeline``. Every record that the CLI prints has a ``to_json`` method whose
field names are the public contract (see CONTRACTS.md).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

STANCES = ("attribution", "denial", "confirmation")
SPEAKERS = ("press", "attacker", "organization", "authority", "expert", "other")
FEED_KINDS = ("press", "official", "leak_tracker")

Stance = Literal["attribution", "denial", "confirmation"]
Speaker = Literal["press", "attacker", "organization", "authority", "expert", "other"]
Precision = Literal["day", "month", "year"]


def stable_id(*parts: str) -> str:
    """A short, stable identifier derived from text (same input, same id, on every machine)."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:16]


@dataclass(frozen=True)
class FeedConfig:
    """One feed as configured in ``data/feeds.toml`` or given on the command line."""

    name: str
    url: str  # http(s) URL or a local path
    language: str = "fr"
    kind: str = "press"  # one of FEED_KINDS
    enabled: bool = True
    fulltext: bool = False  # fetch the article page when the feed only has a summary


@dataclass(frozen=True)
class Article:
    """One news item, cleaned to plain text, as it is stored."""

    url: str  # canonical URL (tracking parameters removed)
    guid: str
    title: str
    text: str  # plain text: title is NOT included
    published: datetime  # always timezone-aware
    feed: str  # feed name
    feed_kind: str = "press"
    summary: str = ""

    @property
    def id(self) -> str:
        return stable_id(self.url or self.guid)


@dataclass(frozen=True)
class OrgMention:
    """An organisation named in a text, with its canonical name."""

    canonical: str
    text: str
    start: int
    end: int
    kind: str = "victim"  # role: victim | authority | attacker | forum | security_firm | media


@dataclass(frozen=True)
class VictimCount:
    """A number of affected people or records ("plus de 150 000 patients")."""

    value: int
    unit: str  # lowercase singular noun: patient, personne, client, dossier, compte, usager ...
    approx: str | None  # plus_de | pres_de | environ | jusqu_a | moins_de | None (exact)
    text: str
    start: int
    end: int

    def to_json(self) -> dict:
        return {"value": self.value, "unit": self.unit, "approx": self.approx,
                "text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class DateMention:
    """A date in the text, resolved against the publication date."""

    value: str  # YYYY-MM-DD, YYYY-MM or YYYY depending on precision
    precision: Precision
    text: str
    start: int
    end: int

    def to_json(self) -> dict:
        return {"value": self.value, "precision": self.precision, "text": self.text,
                "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Claim:
    """Organisation x stance x speaker, with the sentence that carries it.

    ``start``/``end`` are the character offsets of ``sentence`` in the analysed text.
    """

    org: str  # canonical name
    stance: str  # one of STANCES
    speaker: str  # one of SPEAKERS
    sentence: str
    start: int
    end: int
    victim_count: VictimCount | None = None
    event_date: str | None = None  # YYYY-MM-DD or YYYY-MM
    cue: str = ""  # name of the rule that fired, e.g. "denial.negated_breach"
    speaker_name: str = ""  # the outlet/organisation/person speaking when known
    hedged: bool = False
    rule_version: str = ""

    def to_json(self) -> dict:
        vc = None
        if self.victim_count is not None:
            vc = {"value": self.victim_count.value, "unit": self.victim_count.unit}
        return {"org": self.org, "stance": self.stance, "speaker": self.speaker,
                "sentence": self.sentence, "start": self.start, "end": self.end,
                "victim_count": vc, "event_date": self.event_date,
                "cue": self.cue, "hedged": self.hedged, "rule_version": self.rule_version}


@dataclass(frozen=True)
class Analysis:
    """Everything extracted from one text; the ``analyze`` output line."""

    id: str
    organizations: tuple[OrgMention, ...] = ()
    claims: tuple[Claim, ...] = ()
    victim_counts: tuple[VictimCount, ...] = ()
    dates: tuple[DateMention, ...] = ()

    def to_json(self) -> dict:
        grouped: dict[str, list[str]] = {}
        for m in self.organizations:
            if m.kind != "victim":
                continue
            mentions = grouped.setdefault(m.canonical, [])
            if m.text not in mentions:
                mentions.append(m.text)
        return {
            "id": self.id,
            "organizations": [{"name": k, "mentions": v} for k, v in grouped.items()],
            "claims": [c.to_json() for c in self.claims],
            "victim_counts": [v.to_json() for v in self.victim_counts],
            "dates": [d.to_json() for d in self.dates],
        }


@dataclass(frozen=True)
class FeedResult:
    """What happened to one feed during one ingest run (problems are data, not exceptions)."""

    feed: str
    ok: bool
    articles: tuple[Article, ...] = ()
    error: str = ""  # human-readable, names the feed and what was wrong
    status: int | None = None  # HTTP status when fetched over HTTP
    not_modified: bool = False
    etag: str | None = None
    last_modified: str | None = None
    final_url: str | None = None  # after a permanent redirect


@dataclass
class RunStats:
    """Counted dispositions of one run: every item ends in exactly one bucket."""

    counts: dict[str, int] = field(default_factory=dict)

    def incr(self, disposition: str, n: int = 1) -> None:
        self.counts[disposition] = self.counts.get(disposition, 0) + n

    def get(self, disposition: str) -> int:
        return self.counts.get(disposition, 0)


def iso_date(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date()
    return value.isoformat()
