"""Incident fixtures: hand-written multi-article cases (tests/data/incidents/*.json).

A case lists ``articles`` (key -> feed, published, optional feed_kind and ``wire_of``: the
key of the article it copies) and ``claims`` (article key, org, stance, speaker, sentence,
optional count [value, unit], event_date, speaker_name, hedged), and says what to ``expect``.
``claim_rows`` turns a case into the rows ``read.claims`` returns; ``store_case`` stores it in
a real DuckDB through the store's own write functions. Tests reach these helpers through the
``cases`` fixture (pytest runs in importlib mode: a conftest is not importable), and any test
taking a ``case_name`` argument runs once per case file.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest

from pipeline.records import Analysis, Article, Claim, VictimCount, stable_id

CASES = Path(__file__).resolve().parent.parent / "data" / "incidents"


def load_case(name: str) -> dict:
    return json.loads((CASES / name).read_text(encoding="utf-8"))


def case_names() -> list[str]:
    return sorted(p.name for p in CASES.glob("*.json"))


def url_of(key: str) -> str:
    return f"https://news.example/{key}"


def article_id(key: str) -> str:
    return stable_id(url_of(key))


def _sentences(case: dict) -> dict[str, list[str]]:
    """article key -> its distinct claim sentences, in order (the article's text)."""
    out: dict[str, list[str]] = {}
    for c in case["claims"]:
        sents = out.setdefault(c["article"], [])
        if c["sentence"] not in sents:
            sents.append(c["sentence"])
    return out


def _offsets(case: dict) -> dict[tuple[str, str], tuple[int, int]]:
    spans = {}
    for key, sents in _sentences(case).items():
        pos = 0
        for s in sents:
            spans[(key, s)] = (pos, pos + len(s))
            pos += len(s) + 1
    return spans


def claim_rows(case: dict, *, wire: bool = True) -> list[dict]:
    """The case's claims as ``read.claims`` rows (plus ``wire_group`` when ``wire``)."""
    spans = _offsets(case)
    rows = []
    for i, c in enumerate(case["claims"]):
        art = case["articles"][c["article"]]
        start, end = spans[(c["article"], c["sentence"])]
        count = c.get("count")
        row = {
            "id": stable_id(c["article"], str(i), c["org"], c["stance"]),
            "article_id": article_id(c["article"]), "org": c["org"], "stance": c["stance"],
            "speaker": c["speaker"], "speaker_name": c.get("speaker_name", ""), "sentence": c["sentence"],
            "start": start, "end": end, "victim_count": count[0] if count else None,
            "victim_unit": count[1] if count else None, "event_date": c.get("event_date"),
            "hedged": bool(c.get("hedged")), "cue": f"{c['stance']}.test", "rule_version": "test",
            "url": url_of(c["article"]), "title": c["article"], "published": datetime.fromisoformat(art["published"]),
            "feed": art["feed"], "feed_kind": art.get("feed_kind", "press"),
        }
        if wire:
            row["wire_group"] = article_id(art.get("wire_of", c["article"]))
        rows.append(row)
    return rows


def key_of(case: dict) -> dict[str, str]:
    """article id -> article key of the case."""
    return {article_id(k): k for k in case["articles"]}


def store_case(case: dict, db_path: str, only: list[str] | None = None) -> None:
    """Store the case's articles (all, or the keys in ``only``) and their claims in a DuckDB file."""
    from pipeline.store import db, write

    spans = _offsets(case)
    sentences = _sentences(case)
    keys = [k for k in case["articles"] if only is None or k in only]
    with db.connect(db_path) as con:
        articles = []
        for k in keys:
            art = case["articles"][k]
            articles.append(Article(url=url_of(k), guid=url_of(k), title=k, text=" ".join(sentences.get(k, [])),
                                    published=datetime.fromisoformat(art["published"]), feed=art["feed"],
                                    feed_kind=art.get("feed_kind", "press")))
        write.insert_articles(con, articles)
        for k in keys:
            claims = []
            for c in case["claims"]:
                if c["article"] != k:
                    continue
                start, end = spans[(k, c["sentence"])]
                count = c.get("count")
                vc = VictimCount(count[0], count[1], None, str(count[0]), start, start + 1) if count else None
                claims.append(Claim(org=c["org"], stance=c["stance"], speaker=c["speaker"], sentence=c["sentence"],
                                    start=start, end=end, victim_count=vc, event_date=c.get("event_date"),
                                    speaker_name=c.get("speaker_name", ""), hedged=bool(c.get("hedged")),
                                    rule_version="test"))
            write.store_analysis(con, article_id(k), Analysis(id=article_id(k), claims=tuple(claims)), "test")


@pytest.fixture(scope="session")
def registry():
    from pipeline.nlp.orgs import load_registry

    return load_registry()


@pytest.fixture(scope="session")
def cases() -> SimpleNamespace:
    """The case helpers of this module."""
    return SimpleNamespace(load=load_case, rows=claim_rows, store=store_case, article_id=article_id,
                           key_of=key_of, names=case_names, url_of=url_of)


def pytest_generate_tests(metafunc):
    if "case_name" in metafunc.fixturenames:
        metafunc.parametrize("case_name", case_names())
