"""Dates in French press text, resolved against the publication date.

Candidate spans and their precision come from the regexes below; ``dateparser`` parses
the written absolute dates ("lundi 4 janvier 2026", "1er janv. 2026"); relative
expressions are resolved here with the labelling rules of the evaluation set.
Prepositions ("le", "en", "depuis") are not part of a span; words that carry meaning are
("ce vendredi", "fin mars", "l'an dernier", "le mois dernier").

Examples (published 2026-01-20):
    "le 4 janvier 2026"   -> "2026-01-04" (day), text "4 janvier 2026"
    "jeudi dernier"       -> "2026-01-15" (day)
    "mi-décembre"         -> "2025-12" (month);  "l'an dernier" -> "2025" (year)
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata
from functools import lru_cache

from dateparser.date import DateDataParser

from ..records import DateMention

__all__ = ["find_dates"]

LOGGER = logging.getLogger(__name__)

FUTURE_TOLERANCE_DAYS = 60  # a date without a year is at most this far after publication

_MONTHS = {"janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
           "juillet": 7, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
           "decembre": 12}
_ABBREVIATIONS = {"janv": 1, "fevr": 2, "fev": 2, "avr": 4, "juil": 7, "sept": 9,
                  "oct": 10, "nov": 11, "dec": 12}
_WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4,
             "samedi": 5, "dimanche": 6}


def _accent_optional(word: str) -> str:
    """"fevrier" -> "f[eé]vrier": the pattern accepts the word with or without accents."""
    accents = {"e": "[eéè]", "a": "[aà]", "u": "[uûù]"}
    return "".join(accents.get(ch, ch) for ch in word)


_APOS = "['’]"
_MONTH = "(?:" + "|".join(_accent_optional(m) for m in _MONTHS) + ")"
_ABBR_LONGEST_FIRST = sorted(_ABBREVIATIONS, key=len, reverse=True)
_MONTH_ABBR = ("(?:" + "|".join(_accent_optional(m) for m in _ABBR_LONGEST_FIRST)
               + r")(?:\.|(?=\s+(?:19|20)\d{2}\b))")
_WEEKDAY = "(?:" + "|".join(_WEEKDAYS) + ")"
_YEAR = r"(?:19|20)\d{2}"
_DAY = r"(?:1\s?er|1ᵉʳ|premier|[12]\d|3[01]|0?[1-9])"
_TIME_OF_DAY = r"(?:\s+(?:matin|après-midi|apres-midi|soir|midi))?"
_REL = r"(?:dernier|dernière|derniere|prochain|prochaine|passé|passée|passe|passee)"

_R = re.IGNORECASE
# "lundi 4 janvier 2026", "1er janv. 2026", "le 11 février dernier"
_DAY_MONTH = re.compile(
    rf"(?<![\w,.])(?:(?P<weekday>{_WEEKDAY})\s+)?(?P<day>{_DAY})(?:\s+|-)"
    rf"(?P<month>{_MONTH}|{_MONTH_ABBR})"
    rf"(?![\w])(?:\s+(?P<year>{_YEAR})(?![\d])|\s+(?P<rel>{_REL})\b)?", _R)
# "du 6 au 24 décembre", "entre le 1er et le 12 décembre", "les 3 et 4 mars": the first day
_DAY_RANGE_START = re.compile(
    rf"(?<![\w,.])(?:{_WEEKDAY}\s+)?(?P<day>{_DAY})(?:\s+(?:au|et|à)\s+(?:le\s+)?|\s*[-–]\s*)"
    rf"(?=(?:{_WEEKDAY}\s+)?{_DAY}\s+(?:{_MONTH}|{_MONTH_ABBR}))", _R)
_NUMERIC = re.compile(r"(?<![\w/.-])(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)"
                      rf"(?P<y>{_YEAR})(?![\w/]|[.-]\d)")
_ISO = re.compile(rf"(?<![\w/.-])(?P<y>{_YEAR})-(?P<m>\d{{2}})-(?P<d>\d{{2}})(?![\w/-])")
# "hier", "avant-hier soir", "aujourd'hui", "ce jour", "ce matin", "demain"; "à ce jour" means "so far"
_RELATIVE_DAY = re.compile(
    rf"\b(?:(?P<word>avant[- ]hier|après[- ]demain|apres[- ]demain|hier|demain|"
    rf"aujourd{_APOS}hui){_TIME_OF_DAY}"
    r"|(?<!à\s)(?P<this>ce\s+jour|ce\s+matin|ce\s+soir|cet\s+apr[eè]s-midi)(?!\s*-?\s*là))\b", _R)
# "ce vendredi", "ce jeudi soir"
_THIS_WEEKDAY = re.compile(rf"\bce\s+(?P<weekday>{_WEEKDAY})\b{_TIME_OF_DAY}", _R)
# "jeudi", "lundi dernier", "mardi soir", "vendredi 9" (day without month)
_WEEKDAY_ALONE = re.compile(
    rf"\b(?P<weekday>{_WEEKDAY})\b(?:\s+(?P<day>{_DAY})\b(?!\s*(?:h\b|heures?|%|[,.]?\d)))?"
    rf"(?:\s+(?P<rel1>{_REL})\b)?{_TIME_OF_DAY}(?:\s+(?P<rel2>{_REL})\b)?", _R)
_HABITUAL_BEFORE = re.compile(r"\b(?:chaque|les?|tous\s+les|du)\s*$", _R)
_UNTIL_WEEKDAY = re.compile(rf"\s+au\s+{_WEEKDAY}\b", _R)
_FROM_WEEKDAY_BEFORE = re.compile(rf"\bdu\s+{_WEEKDAY}\s+au\s*$", _R)
# "dans la nuit du jeudi au vendredi" is one night, not opening hours.
_NIGHT_BEFORE = re.compile(rf"\bnuit\s+(?:du|de)\s+(?:{_WEEKDAY}\s+(?:au|à)\s+)?$", _R)
# "mi-janvier", "début décembre 2025", "juin 2025", "juin dernier", "en juin"
_MONTH_EXPR = re.compile(
    rf"\b(?:(?P<mod>mi\s*-\s*|mi\s+|début\s+|debut\s+|fin\s+|courant\s+))?(?P<month>{_MONTH})\b"
    rf"(?:\s+(?P<year>{_YEAR})(?![\d])|\s+(?P<rel>{_REL})\b)?", _R)
# A month name alone is a month, except "mars" (the planet, the brand), which needs a cue.
_MONTH_CUE_BEFORE = re.compile(
    rf"(?:\b(?:en|de|d{_APOS}|depuis|dès|avant|après|entre|pour|vers|"
    rf"jusqu{_APOS}en|jusqu{_APOS}à|d{_APOS}ici)|{_MONTH}\s+(?:et|ou|à))\s*$", _R)
# "entre janvier et juin 2024": the first month takes the year of the second.
_MONTH_RANGE_END = re.compile(
    rf"\s*(?:et|à|au|ou|-|–)\s*(?:mi\s*-\s*|début\s+|debut\s+|fin\s+)?{_MONTH}"
    rf"\s+(?P<year>{_YEAR})(?!\d)", _R)
_MONTH_RELATIVE = re.compile(
    r"\b(?:le\s+mois\s+(?P<rel>dernier|passé|prochain)|ce\s+mois-ci)\b", _R)
_NOT_A_YEAR_AFTER = (r"(?![\d\w]|\s*(?:[-/]\d|%|€|\$|h\b|euros?\b|dollars?\b|ans\b|jours\b|"
                     r"heures\b|km\b|mètres\b|personnes\b))")
# "en 2024", "depuis 2020", "fin 2025", "mi-2025", "l'an dernier", "cette année"
_YEAR_EXPR = re.compile(
    rf"(?:(?P<cue>\b(?:en|depuis|dès|avant|après|jusqu{_APOS}en|d{_APOS}ici(?:\s+à)?|"
    rf"à\s+partir\s+de|l{_APOS}année|année|entre|de)\s+)"
    rf"|(?P<mod>\b(?:fin|début|debut|courant|mi\s*-|mi)\s*))"
    rf"(?P<year>{_YEAR}){_NOT_A_YEAR_AFTER}", _R)
# After "de 2024": punctuation or a function word, not a counted noun ("de 2000 salariés").
_YEAR_END = re.compile(
    rf"(?=\s*(?:[^\w\s]|$)|\s+(?:et|à|ou)\b(?!\s*\d)|\s+(?:qui|que|qu{_APOS}|dont|où|sur|"
    r"contre|dans|chez|par|avait|avaient|a|ont|était|étaient)\b)", _R)
_SECOND_YEAR = re.compile(rf"\s+(?:et|à|ou)\s+(?:en\s+)?(?P<year>{_YEAR}){_NOT_A_YEAR_AFTER}", _R)
_YEAR_RELATIVE = re.compile(
    rf"\b(?:l{_APOS}\s*(?:an|ann[ée]e)\s+(?P<rel>{_REL})|(?P<this>cette\s+ann[ée]e))\b", _R)
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:fr|com|org|net|eu|io)/\S*", _R)


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).rstrip(".")


def _month_number(word: str) -> int:
    key = _fold(word)
    return _MONTHS.get(key) or _ABBREVIATIONS[key]


def _day_number(word: str) -> int:
    key = _fold(word).replace(" ", "")
    return 1 if key == "premier" or key.startswith("1e") else int(key)


def _direction(rel: str | None) -> int:
    """+1 for "prochain(e)", -1 for "dernier/passé", 0 when there is none."""
    if not rel:
        return 0
    return 1 if _fold(rel).startswith("prochain") else -1


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@lru_cache(maxsize=1)
def _parser() -> DateDataParser:
    settings = {"DATE_ORDER": "DMY", "REQUIRE_PARTS": ["day", "month", "year"]}
    return DateDataParser(languages=["fr"], settings=settings)


@lru_cache(maxsize=4096)
def _parse_written(expression: str) -> dt.date | None:
    """dateparser on a written absolute date: "lundi 1er déc. 2025" -> 2025-12-01."""
    data = _parser().get_date_data(re.sub(r"\bpremier\b", "1", expression, flags=_R))
    if not (data and data.date_obj):
        LOGGER.debug("not a calendar date: %r", expression)
        return None
    return data.date_obj.date()


def _resolve_day_month(day: int, month: int, rel: str | None, published: dt.date) -> dt.date | None:
    """"3 mars": this year unless > 60 days ahead; "dernier": strictly before; "prochain": after."""
    direction = _direction(rel)
    this_year = _safe_date(published.year, month, day)
    if direction < 0:
        if this_year and this_year < published:
            return this_year
        return _safe_date(published.year - 1, month, day)
    if direction > 0:
        if this_year and this_year > published:
            return this_year
        return _safe_date(published.year + 1, month, day)
    if this_year and (this_year - published).days > FUTURE_TOLERANCE_DAYS:
        return _safe_date(published.year - 1, month, day)
    return this_year


def _resolve_month(month: int, rel: str | None, published: dt.date) -> tuple[int, int]:
    """Year of a month named without one: "en juin", "juin dernier", "mars prochain"."""
    direction = _direction(rel)
    if direction < 0:
        return (published.year if month < published.month else published.year - 1), month
    if direction > 0:
        return (published.year if month > published.month else published.year + 1), month
    first = dt.date(published.year, month, 1)
    ahead = (first - published).days > FUTURE_TOLERANCE_DAYS
    return (published.year - 1 if ahead else published.year), month


def _resolve_weekday(weekday: int, rel: str | None, published: dt.date) -> dt.date:
    """"jeudi": on or before publication; "lundi dernier": strictly before; "prochain": after."""
    direction = _direction(rel)
    if direction > 0:
        return published + dt.timedelta(days=(weekday - published.weekday()) % 7 or 7)
    back = (published.weekday() - weekday) % 7
    if direction < 0 and back == 0:
        back = 7
    return published - dt.timedelta(days=back)


def _weekday_with_day(weekday: int, day: int, published: dt.date) -> dt.date | None:
    """"vendredi 9" without a month: the nearest date (within 45 days) that fits both."""
    for distance in range(46):
        for sign in (-1, 1):
            candidate = published + dt.timedelta(days=sign * distance)
            if candidate.day == day and candidate.weekday() == weekday:
                return candidate
    return None


def _day(d: dt.date | None) -> tuple[str, str] | None:
    return (d.isoformat(), "day") if d else None


def _month(year: int, month: int) -> tuple[str, str]:
    return f"{year:04d}-{month:02d}", "month"


# Each finder yields (start, end, (value, precision)); ``published`` may be None.

def _find_day_month(text: str, published: dt.date | None):
    """"lundi 4 janvier 2026", "le 3 mars", "le 11 février dernier", "du 6 au 24 décembre"."""
    for m in _DAY_MONTH.finditer(text):
        if m.group("year"):
            yield m.start(), m.end(), _day(_parse_written(m.group(0)))
        elif published is None:
            yield m.start(), m.end(), None  # reserve the span: "3 mars" is not "mars"
        else:
            day, month = _day_number(m.group("day")), _month_number(m.group("month"))
            found = _resolve_day_month(day, month, m.group("rel"), published)
            yield m.start(), m.end(), _day(found)
    for m in _DAY_RANGE_START.finditer(text):
        end = _DAY_MONTH.match(text, m.end())
        if end is None:
            continue
        if end.group("year"):
            found = _parse_written(f"{m.group('day')} {end.group('month')} {end.group('year')}")
        elif published is None:
            continue
        else:
            day, month = _day_number(m.group("day")), _month_number(end.group("month"))
            found = _resolve_day_month(day, month, end.group("rel"), published)
        yield m.start(), m.end("day"), _day(found)  # "lundi 19" of "lundi 19 et mardi 20 mai"


def _find_numeric(text: str, published: dt.date | None):
    """"04/01/2026", "4.01.2026", "2026-01-04" (always day first outside ISO)."""
    for m in (*_NUMERIC.finditer(text), *_ISO.finditer(text)):
        found = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        yield m.start(), m.end(), _day(found)


def _find_relative_day(text: str, published: dt.date | None):
    """"hier", "avant-hier", "aujourd'hui", "ce jour", "demain", "ce matin"."""
    if published is None:
        return
    offsets = {"avant": -2, "apres": 2, "hier": -1, "demain": 1}
    for m in _RELATIVE_DAY.finditer(text):
        word = _fold(m.group("word") or "aujourd")
        shift = next((v for k, v in offsets.items() if word.startswith(k)), 0)
        yield m.start(), m.end(), _day(published + dt.timedelta(days=shift))


def _find_this_weekday(text: str, published: dt.date | None):
    """"ce vendredi", "ce jeudi matin": that weekday in the publication's Monday-Sunday week."""
    if published is None:
        return
    for m in _THIS_WEEKDAY.finditer(text):
        monday = published - dt.timedelta(days=published.weekday())
        found = monday + dt.timedelta(days=_WEEKDAYS[m.group("weekday").lower()])
        yield m.start(), m.end(), _day(found)


def _find_weekday(text: str, published: dt.date | None):
    """"jeudi", "lundi dernier", "mardi prochain", "vendredi 9"; not "chaque jeudi", "le jeudi"."""
    if published is None:
        return
    for m in _WEEKDAY_ALONE.finditer(text):
        before = text[max(0, m.start() - 30):m.start()]
        if not m.group("day") and not _NIGHT_BEFORE.search(before) and (
                _HABITUAL_BEFORE.search(before) or _FROM_WEEKDAY_BEFORE.search(before)
                or _UNTIL_WEEKDAY.match(text, m.end("weekday"))):
            continue  # "chaque jeudi", "le jeudi", "(du) lundi au vendredi"
        weekday = _WEEKDAYS[m.group("weekday").lower()]
        if m.group("day"):
            found = _weekday_with_day(weekday, _day_number(m.group("day")), published)
        else:
            found = _resolve_weekday(weekday, m.group("rel1") or m.group("rel2"), published)
        yield m.start(), m.end(), _day(found)


def _find_month(text: str, published: dt.date | None):
    """"juin 2025", "mi-janvier", "début décembre", "en juin", "entre janvier et juin 2024"."""
    for m in _MONTH_EXPR.finditer(text):
        month = _month_number(m.group("month"))
        year = m.group("year")
        if not year and not m.group("rel"):  # "entre janvier et juin 2024"
            range_end = _MONTH_RANGE_END.match(text, m.end())
            year = range_end.group("year") if range_end else None
        if year:
            yield m.start(), m.end(), _month(int(year), month)
            continue
        cued = month != 3 or m.group("mod") or m.group("rel") or _MONTH_CUE_BEFORE.search(
            text[max(0, m.start() - 20):m.start()])
        if cued and published is not None:
            yield m.start(), m.end(), _month(*_resolve_month(month, m.group("rel"), published))
    if published is None:
        return
    for m in _MONTH_RELATIVE.finditer(text):
        shift = _direction(m.group("rel")) if m.group("rel") else 0
        index = published.year * 12 + published.month - 1 + shift
        yield m.start(), m.end(), _month(index // 12, index % 12 + 1)


def _find_year(text: str, published: dt.date | None):
    """"en 2024", "fin 2025", "l'incident de 2024", "entre 2019 et 2021", "l'an dernier"."""
    for m in _YEAR_EXPR.finditer(text):
        cue = _fold(m.group("cue") or "").strip()
        second = _SECOND_YEAR.match(text, m.end())
        if cue == "entre" and not second:
            continue
        if cue == "de" and not second and not _YEAR_END.match(text, m.end()):
            continue  # "de 2020 salariés": a count; "l'incident de 2024," is a year
        yield (m.start("year") if cue else m.start()), m.end(), (m.group("year"), "year")
        if second:
            yield second.start("year"), second.end(), (second.group("year"), "year")
    if published is None:
        return
    for m in _YEAR_RELATIVE.finditer(text):
        yield m.start(), m.end(), (str(published.year + _direction(m.group("rel"))), "year")


# Earlier finders win over later ones when spans overlap; within one, the longer span wins.
_FINDERS = (_find_day_month, _find_numeric, _find_relative_day, _find_this_weekday,
            _find_month, _find_year, _find_weekday)


def find_dates(text: str, published: dt.date | None) -> list[DateMention]:
    """Date mentions in ``text``, sorted by start, resolved against ``published``.

    Without ``published``, relative expressions and dates without a year are skipped.
    "le 4 janvier 2026" -> DateMention("2026-01-04", "day", "4 janvier 2026", 3, 17).
    """
    if isinstance(published, dt.datetime):
        published = published.date()
    urls = [(m.start(), m.end()) for m in _URL.finditer(text)]
    candidates = []
    for rank, finder in enumerate(_FINDERS):
        for start, end, resolved in finder(text, published):
            if not any(s < end and start < e for s, e in urls):
                candidates.append((rank, start - end, start, end, resolved))
    # An unresolvable span ("31 février 2026") still blocks the shorter ones inside it.
    taken: list[tuple[int, int]] = []
    mentions: list[DateMention] = []
    for _, _, start, end, resolved in sorted(candidates, key=lambda c: c[:4]):
        if any(s < end and start < e for s, e in taken):
            continue
        taken.append((start, end))
        if resolved is not None:
            value, precision = resolved
            mentions.append(DateMention(value=value, precision=precision,
                                        text=text[start:end], start=start, end=end))
    return sorted(mentions, key=lambda m: m.start)
