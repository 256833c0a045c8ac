"""Golden claim cases: each file of tests/data/claims states its Description and Expect lines.

Adding a regression case is adding a file. ``Expect: none`` means no claim at all.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pipeline.analysis import TextInput, analyze_texts
from pipeline.evaluate import _same_org

CASES = sorted((Path(__file__).resolve().parent.parent / "data" / "claims").glob("*.txt"))


def _parse(path: Path) -> tuple[dict, str]:
    header, _, text = path.read_text(encoding="utf-8").partition("\n\n")
    meta: dict = {"expect": []}
    for line in header.splitlines():
        key, _, value = line.partition(":")
        if key == "Expect":
            if value.strip() != "none":
                meta["expect"].append(tuple(part.strip() for part in value.split("|")))
        else:
            meta[key.lower()] = value.strip()
    return meta, text.strip()


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden_case(path, nlp):
    meta, text = _parse(path)
    (result,) = analyze_texts([TextInput("case", text, date.fromisoformat(meta["published"]))])
    got = {(c.org, c.stance, c.speaker) for c in result.claims}
    for org, stance, speaker in meta["expect"]:
        assert any(_same_org(org, g[0]) and (stance, speaker) == g[1:] for g in got), \
            f"{meta['description']}: expected {(org, stance, speaker)}, got {sorted(got)}"
    for g in got:
        assert any(_same_org(e[0], g[0]) and e[1:] == g[1:] for e in meta["expect"]), \
            f"{meta['description']}: unexpected claim {g}"


def test_every_case_describes_itself():
    assert len(CASES) >= 8
    for path in CASES:
        meta, text = _parse(path)
        assert meta.get("description") and meta.get("published") and text, path.name
