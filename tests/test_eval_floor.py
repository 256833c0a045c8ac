"""Extraction quality never drops silently: every figure stays above its floor in data/eval/baseline.json."""

from __future__ import annotations

import pytest

from pipeline.evaluate import DEV_SETS, METRICS, evaluate, load_baseline, load_items


@pytest.fixture(scope="module")
def dev_scores(nlp):
    return evaluate(DEV_SETS)


@pytest.mark.parametrize("metric", METRICS)
def test_dev_set_above_floor(dev_scores, metric):
    floor = load_baseline()["floors"][metric]
    assert dev_scores[metric].f1 >= floor, "\n".join(dev_scores[metric].misses[:30])


def test_dev_set_is_large_and_balanced():
    items = load_items(DEV_SETS)
    assert len(items) >= 120
    cats = {c: sum(1 for i in items if i["category"] == c) for c in ("attribution", "denial_confirmation", "negative")}
    assert min(cats.values()) >= len(items) // 4, cats
