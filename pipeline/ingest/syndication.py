"""Syndicated copies: one AFP wire story republished by several sites with small edits.

Each article's text becomes a set of word 3-shingles (lowercased words, punctuation dropped),
summarised by a datasketch ``MinHash`` of 128 permutations. A ``MinHashLSH`` index (threshold
0.5) over recent articles proposes candidates; a candidate is accepted when the estimated
Jaccard similarity is at least ``THRESHOLD``. The article joins the wire group of its best match
(the group id is the id of the group's first article), else it starts its own group.

Why these values: a one-word edit removes at most three 3-shingles, so five copies of a
300-word dispatch with a rewritten lead and a few changed words stay above 0.7, while two
independent articles on the same incident share only quotes and names (below 0.2 in the tests
and on the demo corpus). Texts under ``MIN_WORDS`` words (a bare headline) are too short to
tell a copy from a coincidence and always stand alone.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

LOGGER = logging.getLogger(__name__)

__all__ = ["signature", "WireIndex", "THRESHOLD", "NUM_PERM"]

NUM_PERM = 128
SHINGLE = 3
THRESHOLD = 0.5
MIN_WORDS = 12
_SEED = 1
_SCHEME = "affine32"
_WORD = re.compile(r"\w+", re.UNICODE)


def _shingles(text: str) -> list[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < MIN_WORDS:
        return []
    return list({" ".join(words[i:i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)})


def signature(text: str) -> bytes | None:
    """The MinHash signature of a text as 512 bytes (uint32 little-endian), None when too short."""
    shingles = _shingles(text)
    if not shingles:
        return None
    m = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME)
    m.update_batch(shingles)
    return m.hashvalues.astype("<u4").tobytes()


@lru_cache(maxsize=8)
def _bands(threshold: float) -> tuple[int, int]:
    """LSH (bands, rows) for a threshold: datasketch integrates to find them (~0.1 s), so once per threshold."""
    probe = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return probe.b, probe.r


def _minhash(blob: bytes) -> LeanMinHash:
    return LeanMinHash(seed=_SEED, hashvalues=np.frombuffer(blob, dtype="<u4"), scheme=_SCHEME)


class WireIndex:
    """Recent articles' signatures; ``assign`` gives a new article its wire group and indexes it."""

    def __init__(self, threshold: float = THRESHOLD):
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM, params=_bands(threshold))
        self._entries: dict[str, tuple[str, LeanMinHash, int]] = {}  # id -> (group, minhash, order)

    def __len__(self) -> int:
        return len(self._entries)

    def add(self, article_id: str, group: str | None, blob: bytes | None) -> None:
        """Index an article already grouped (loaded from the store)."""
        if not blob or len(blob) != NUM_PERM * 4 or article_id in self._entries:
            return
        m = _minhash(blob)
        self._entries[article_id] = (group or article_id, m, len(self._entries))
        self._lsh.insert(article_id, m, check_duplication=False)

    def match(self, blob: bytes | None) -> str | None:
        """The wire group of the closest indexed article at or above the threshold, else None."""
        if not blob or len(blob) != NUM_PERM * 4:
            return None
        m = _minhash(blob)
        best: tuple[float, int, str] | None = None
        for key in self._lsh.query(m):
            group, other, order = self._entries[key]
            score = m.jaccard(other)
            if score >= self.threshold and (best is None or (score, -order) > (best[0], -best[1])):
                best = (score, order, group)
        return best[2] if best else None

    def assign(self, article_id: str, blob: bytes | None) -> str:
        """Wire group for a new article (its own id when it stands alone); the article is then indexed."""
        group = self.match(blob) or article_id
        self.add(article_id, group, blob)
        return group
