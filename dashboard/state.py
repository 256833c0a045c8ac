"""The view's filters as they live in the URL query string, so a link reproduces a view.

``?du=2026-01-01&au=2026-01-31&org=Doctolib&source=Info+Alpes&position=denial&locuteur=press``
Pure functions: parsing never fails (unknown values are dropped), serialising leaves out
what is not set, so an unfiltered view has a clean URL.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Callable, Mapping

from pipeline.records import SPEAKERS, STANCES
from pipeline.store.browse import ClaimFilter

from .labels import PARIS  # one time zone for the whole dashboard

# query parameter -> meaning; the only keys the filters read and write
START, END, ORG, SOURCE, STANCE, SPEAKER, QUERY = "du", "au", "org", "source", "position", "locuteur", "q"
FILTER_KEYS = (START, END, ORG, SOURCE, STANCE, SPEAKER)


@dataclass(frozen=True)
class Filters:
    start: date | None = None
    end: date | None = None  # inclusive
    org: str | None = None
    feeds: tuple[str, ...] = ()
    stances: tuple[str, ...] = ()
    speakers: tuple[str, ...] = field(default=())

    @classmethod
    def from_params(cls, get_all: Callable[[str], list[str]]) -> "Filters":
        """Build from a query-string reader (``st.query_params.get_all``); bad values are ignored."""
        start = _date(get_all(START))
        end = _date(get_all(END))
        if start and end and end < start:
            start, end = end, start
        org = next((v.strip() for v in get_all(ORG) if v.strip()), None)
        return cls(
            start=start, end=end, org=org,
            feeds=_unique(v for v in get_all(SOURCE) if v.strip()),
            stances=_unique(v for v in get_all(STANCE) if v in STANCES),
            speakers=_unique(v for v in get_all(SPEAKER) if v in SPEAKERS),
        )

    @classmethod
    def from_mapping(cls, params: Mapping[str, str | list[str]]) -> "Filters":
        def get_all(key: str) -> list[str]:
            value = params.get(key, [])
            return [value] if isinstance(value, str) else list(value)

        return cls.from_params(get_all)

    def to_params(self) -> dict[str, str | list[str]]:
        """Query parameters for this view (keys left out when not filtered)."""
        out: dict[str, str | list[str]] = {}
        if self.start:
            out[START] = self.start.isoformat()
        if self.end:
            out[END] = self.end.isoformat()
        if self.org:
            out[ORG] = self.org
        for key, values in ((SOURCE, self.feeds), (STANCE, self.stances), (SPEAKER, self.speakers)):
            if values:
                out[key] = list(values)
        return out

    def without_org(self) -> "Filters":
        return replace(self, org=None)

    @property
    def active(self) -> bool:
        return bool(self.to_params())

    def claim_filter(self) -> ClaimFilter:
        """The store's filter: days in Paris time, the end day included."""
        start = datetime.combine(self.start, time(0), tzinfo=PARIS) if self.start else None
        end = datetime.combine(self.end + timedelta(days=1), time(0), tzinfo=PARIS) if self.end else None
        return ClaimFilter(start=start, end=end, org=self.org, feeds=self.feeds, stances=self.stances,
                           speakers=self.speakers)

    def keep(self, row: Mapping) -> bool:
        """Whether one claim row (with ``published``, ``feed``, ``stance``, ``speaker``) is in the view.

        Used on the few claims of one incident; the organisation is not applied here because an
        incident's timeline shows every organisation involved.
        """
        day = _day(row.get("published"))
        if day is not None:
            if self.start and day < self.start:
                return False
            if self.end and day > self.end:
                return False
        if self.feeds and row.get("feed") not in self.feeds:
            return False
        if self.stances and row.get("stance") not in self.stances:
            return False
        if self.speakers and row.get("speaker") not in self.speakers:
            return False
        return True


def _day(value) -> date | None:
    """A publication as a Paris day: aware datetimes converted, dates kept, ISO strings parsed."""
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=PARIS)).astimezone(PARIS).date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) >= 10:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _date(values: list[str]) -> date | None:
    for v in values:
        try:
            return date.fromisoformat(v.strip()[:10])
        except ValueError:
            continue
    return None


def _unique(values) -> tuple[str, ...]:
    seen: list[str] = []
    for v in values:
        v = v.strip()
        if v not in seen:
            seen.append(v)
    return tuple(seen)
