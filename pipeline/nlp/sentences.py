"""Sentence boundaries for French press text, set before the parser runs.

The statistical parser of ``fr_core_news_md`` splits short sentences at conjunctions
("Free et France Travail ont été victimes." came out as three sentences). News text is
regular enough for rules: a sentence ends at . ! ? … followed by a capital or an opening
quote, never inside « … » unless the quotation is long, never after "M." or an initial; a
line break before a capital, a quote or a list dash (paragraphs, intertitles, list items)
always ends one.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["sentence_spans", "set_sentence_starts"]

_END = re.compile(r"[.!?…]+(?:\s?[»\"”’)])?(?=\s+[«\"“(]?\s?[A-ZÀÂÉÈÊÎÔÛÇ0-9«\"“—–-])|\n\s*\n"
                  r"|\n(?=[ \t]*[-–—•*«\"“A-ZÀÂÉÈÊÎÔÛÇ0-9])")
_ABBREV = re.compile(r"(?:\b(?:M|MM|Mme|Mmes|Mlle|Dr|Pr|Me|Mgr|St|Ste|av|bd|cf|etc|env|p|n°|No|art|vol)|\b[A-Z])\.$")
_MAX_QUOTE = 600  # a quotation longer than this may hold several sentences


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of sentences: "Il dément. « Rien », dit-il." -> [(0, 10), (11, 28)]."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        cut = m.end()
        chunk = text[start:cut]
        if "\n" not in m.group(0):
            if _ABBREV.search(text[max(0, m.start() - 5):m.start() + 1]):
                continue
            opened = chunk.count("«") - chunk.count("»")
            if opened > 0:
                close = text.find("»", cut)
                if close != -1 and close - start < _MAX_QUOTE and "\n\n" not in text[cut:close]:
                    continue
        if text[start:cut].strip():
            spans.append(_strip(text, start, cut))
        start = cut
    if text[start:].strip():
        spans.append(_strip(text, start, len(text)))
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@Language.component("recoupe_sentences")
def set_sentence_starts(doc: Doc) -> Doc:
    """Mark every token's ``is_sent_start`` from ``sentence_spans`` (the parser keeps them)."""
    starts = {s for s, _ in sentence_spans(doc.text)}
    for i, token in enumerate(doc):
        if i == 0:
            token.is_sent_start = True
            continue
        token.is_sent_start = token.idx in starts
    return doc
