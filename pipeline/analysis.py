"""Texts -> ``Analysis`` records: the one entry point to extraction.

Used by ``analyze`` (JSONL, no database), by ingestion (articles in the store) and by the
evaluation. Runs the spaCy pipeline in batches; a progress callback reports each text.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import Callable, Iterable, Iterator

from .claims.patterns import RULE_VERSION
from .nlp.model import load_pipeline
from .records import Analysis

LOGGER = logging.getLogger(__name__)

__all__ = ["TextInput", "analyze_texts", "RULE_VERSION"]


@dataclass(frozen=True)
class TextInput:
    id: str
    text: str
    published: date | None = None
    feed_kind: str = "press"


def analyze_texts(items: Iterable[TextInput], *, batch_size: int = 16,
                  on_done: Callable[[Analysis], None] | None = None) -> Iterator[Analysis]:
    """Analyse texts in order; yields one ``Analysis`` per input."""
    nlp = load_pipeline()

    def docs() -> Iterator:
        for item in items:
            doc = nlp.make_doc(item.text)
            doc._.published = item.published
            doc._.feed_kind = item.feed_kind
            doc.user_data["recoupe_id"] = item.id
            yield doc

    for doc in nlp.pipe(docs(), batch_size=batch_size):
        result = Analysis(
            id=doc.user_data["recoupe_id"],
            organizations=tuple(doc._.orgs or ()),
            claims=tuple(doc._.claims or ()),
            victim_counts=tuple(doc._.victim_counts or ()),
            dates=tuple(doc._.dates or ()),
        )
        if on_done:
            on_done(result)
        yield result
