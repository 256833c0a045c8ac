"""Claims -> incidents: which claims tell the same story.

Two steps, both deterministic (same claims, same groups, whatever their input order):

1. **Threads, per organisation family.** Claims are taken in date order (the date the claim
   is about: publication, or the event date of a retrospective mention). A claim joins the
   open thread of its organisation, of a parent group or of an establishment of it, when
   that thread's last claim is at most ``GAP_DAYS`` (60) older; a longer silence opens a new
   thread, unless the claim repeats a victim count of that thread within ``BRIDGE_DAYS``
   (180). Press coverage of one leak runs in bursts: the attacker's post, the press, the
   denial within days, the confirmation or the CNIL notification within weeks (the demo's
   mutual insurer: claimed 16 February, confirmed 4 March). Two months without a word about
   an organisation is a new event, as when the Miotte hospital was named in June 2025 and
   again, for another leak, in January 2026.
2. **Incidents, across organisations.** Threads of different families are linked when they
   are told within ``GAP_DAYS`` of each other and share enough evidence (score >=
   ``LINK_THRESHOLD`` = 4): each shared claim sentence counts 2 (up to 4), each shared story
   (article or wire group) 1 (up to 2); when told within ``LINK_DAYS`` (14), a victim count
   agreeing within ``LINK_COUNT_TOLERANCE`` (2 %) 3 (1 when both are round figures such as
   150 000) and a shared attacker or forum name 1. A leak attributed to both Doctolib and a
   hospital in the same sentences is one incident, and so are two organisations never named
   together but given the same 152,000 records on the same forum within days (3 + 1); two
   organisations named in one sentence of a weekly round-up (3) are not, nor two that
   merely share a forum and a round figure. (Counts and names weigh less than shared
   articles because coincidences grow with the corpus: with a 10 % tolerance and a 60-day
   window, a thousand random stories fell into a few dozen incidents.) A thread that links stories told
   at different times, not linked to each other, is split between them first
   (``_split_hubs``), so one name cannot chain two incidents.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from datetime import date

from ..nlp.orgs import Registry
from .rows import ClaimView, lineage

LOGGER = logging.getLogger(__name__)

__all__ = ["group_claims", "counts_agree", "GAP_DAYS", "BRIDGE_DAYS", "COUNT_TOLERANCE", "LINK_COUNT_TOLERANCE",
           "LINK_DAYS", "LINK_THRESHOLD"]

GAP_DAYS = 60
BRIDGE_DAYS = 180
COUNT_TOLERANCE = 0.10  # 152 000 and "plus de 150 000" agree; 152 000 and 1,5 million do not
LINK_COUNT_TOLERANCE = 0.02  # tighter between organisations: coincidences grow with the corpus
LINK_DAYS = 14  # counts and names link organisations only when told within two weeks
MIN_LINK_COUNT = 100  # smaller numbers are too common to link organisations
LINK_THRESHOLD = 4


def counts_agree(a: int, b: int, tolerance: float = COUNT_TOLERANCE) -> bool:
    """Whether two victim counts can be the same figure: within ``tolerance`` of the larger."""
    return abs(a - b) <= tolerance * max(a, b)


@dataclass
class _Thread:
    """Claims of one organisation family in one period, with the evidence sets used to link threads."""

    index: int
    root: str
    claims: list[ClaimView] = field(default_factory=list)
    first: date | None = None
    last: date | None = None
    orgs: set[str] = field(default_factory=set)
    counts: set[int] = field(default_factory=set)
    stories: set[str] = field(default_factory=set)
    sentences: set[tuple[str, int]] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    buckets: dict[int, set[int]] = field(default_factory=dict)  # count bucket -> counts (>= MIN_LINK_COUNT)

    def add(self, v: ClaimView) -> None:
        self.claims.append(v)
        if v.anchor:
            self.first = min(self.first or v.anchor, v.anchor)
            self.last = max(self.last or v.anchor, v.anchor)
        self.orgs.add(v.org)
        if v.count:
            self.counts.add(v.count)
            if v.count >= MIN_LINK_COUNT:
                self.buckets.setdefault(_bucket(v.count), set()).add(v.count)
        self.stories.add(v.story)
        self.sentences.add((v.article_id, v.start))
        self.names.update(v.names)

    def absorb(self, other: "_Thread") -> None:
        for v in other.claims:
            self.add(v)
        other.claims = []


def _root(org: str, registry: Registry) -> str:
    top = org
    for name in lineage(org, registry):
        if registry.parent(name) is None:
            top = name
    return top


def _related(org: str, orgs: set[str], registry: Registry) -> bool:
    if org in orgs:
        return True
    mine = lineage(org, registry)
    return any(o in mine or org in lineage(o, registry) for o in orgs)


def _fits(thread: _Thread, v: ClaimView) -> bool:
    if v.anchor is None:  # undated claims (JSONL without dates) join a related thread
        return True
    if thread.last is None:
        return False
    gap = (v.anchor - thread.last).days
    if gap <= GAP_DAYS:
        return True
    return gap <= BRIDGE_DAYS and v.count is not None and v.count >= MIN_LINK_COUNT and any(
        counts_agree(v.count, c) for c in thread.counts)


def _threads(views: list[ClaimView], registry: Registry) -> list[_Thread]:
    """Step 1: per-family threads split by silences longer than ``GAP_DAYS``."""
    threads: list[_Thread] = []
    by_root: dict[str, list[_Thread]] = {}
    dated = sorted((v for v in views if v.anchor), key=lambda v: (v.anchor, v.key))
    undated = [v for v in views if not v.anchor]
    for v in dated + undated:
        root = _root(v.org, registry)
        hits = [t for t in by_root.get(root, []) if t.claims and _related(v.org, t.orgs, registry) and _fits(t, v)]
        if v.anchor is None and len(hits) > 1:  # an undated claim joins the latest thread only
            hits = [max(hits, key=lambda t: (t.last or date.min, -t.index))]
        if not hits:
            thread = _Thread(index=len(threads), root=root)
            threads.append(thread)
            by_root.setdefault(root, []).append(thread)
            hits = [thread]
        target = hits[0]
        for other in hits[1:]:
            target.absorb(other)
        target.add(v)
    return [t for t in threads if t.claims]


def _bucket(value: int) -> int:
    """Logarithmic bucket: two counts that agree fall in the same or in neighbouring buckets."""
    return int(math.log(value) / -math.log(1 - COUNT_TOLERANCE))


def _distinctive(value: int) -> bool:
    """152 000 is a finding that links stories; 150 000 or 1 000 000 is a round figure anyone may print."""
    digits = str(value).rstrip("0")
    return len(digits) >= 3


def _distance(a: _Thread, b: _Thread) -> int | None:
    """Days between two threads' periods (0 when they overlap); None when one is undated."""
    if not (a.first and b.first and a.last and b.last):
        return None
    return max(0, (max(a.first, b.first) - min(a.last, b.last)).days)


def _link_score(a: _Thread, b: _Thread) -> int:
    """Evidence that two threads of different families tell one story (see the module doc)."""
    distance = _distance(a, b)
    if distance is not None and distance > GAP_DAYS:
        return 0
    score = 2 * min(2, len(a.sentences & b.sentences)) + min(2, len(a.stories & b.stories))
    if distance is None or distance <= LINK_DAYS:
        score += _count_evidence(a, b)
        if a.names & b.names:
            score += 1
    return score


def _count_evidence(a: _Thread, b: _Thread) -> int:
    """3 when the threads share a distinctive victim count, 1 for a round one, else 0."""
    found = 0
    for k, xs in a.buckets.items():
        for kk in (k - 1, k, k + 1):
            for y in b.buckets.get(kk, ()):
                for x in xs:
                    if counts_agree(x, y, LINK_COUNT_TOLERANCE):
                        if _distinctive(x) or _distinctive(y):
                            return 3
                        found = 1
    return found


def _near_in_time(members: list[_Thread]) -> list[tuple[int, int]]:
    """Pairs of threads whose periods are within ``LINK_DAYS`` of each other (a sweep over start dates)."""
    timed = sorted((t for t in members if t.first), key=lambda t: (t.first, t.index))
    pairs = [(a.index, b.index) for a in members if not a.first for b in members if b is not a]
    for i, a in enumerate(timed):
        for b in timed[i + 1:]:
            if (b.first - a.last).days > LINK_DAYS:
                break  # later threads start even later
            pairs.append((a.index, b.index))
    return pairs


def _candidate_pairs(threads: list[_Thread]) -> list[tuple[int, int]]:
    """Pairs of threads that can reach the threshold: sharing a story, or close in time with agreeing counts.

    A shared name alone (1) or with a shared story is found through the story; without one,
    only an agreeing count (3) can bring a name's point to the threshold.
    """
    index: dict[tuple, set[int]] = {}
    for t in threads:
        for key in [("story", s) for s in t.stories] + [("count", k) for k in t.buckets]:
            index.setdefault(key, set()).add(t.index)
    pairs = set()
    for key, members in index.items():
        if key[0] == "count":
            members = members | index.get(("count", key[1] - 1), set()) | index.get(("count", key[1] + 1), set())
        if len(members) < 2:
            continue
        if key[0] == "story":
            found = [(a, b) for a in members for b in members if a < b]
        else:
            found = _near_in_time([threads[i] for i in sorted(members)])
        pairs.update((min(a, b), max(a, b)) for a, b in found if a != b)
    return sorted(pairs)


def _components(nodes: list[int], linked: dict[int, set[int]]) -> list[list[int]]:
    """Connected components of ``nodes`` through ``linked`` edges, each sorted, in order of their first node."""
    seen, out, allowed = set(), [], set(nodes)
    for n in sorted(nodes):
        if n in seen:
            continue
        stack, comp = [n], []
        seen.add(n)
        while stack:
            cur = stack.pop()
            comp.append(cur)
            for m in linked.get(cur, ()):
                if m in allowed and m not in seen:
                    seen.add(m)
                    stack.append(m)
        out.append(sorted(comp))
    return out


def _window(members: list[_Thread]) -> tuple[date, date] | None:
    firsts = [t.first for t in members if t.first]
    lasts = [t.last for t in members if t.last]
    return (min(firsts), max(lasts)) if firsts and lasts else None


def _separate_stories(clusters: list[list[_Thread]]) -> list[list[_Thread]]:
    """Partner clusters merged while their time windows overlap: stories told at different times."""
    timed = [(w, c) for c in clusters if (w := _window(c)) is not None]
    timed.sort(key=lambda wc: (wc[0], wc[1][0].index))
    merged: list[tuple[tuple[date, date], list[_Thread]]] = []
    for (first, last), members in timed:
        if merged and first <= merged[-1][0][1]:
            (f, l), prev = merged[-1]
            merged[-1] = ((f, max(l, last)), prev + members)
        else:
            merged.append(((first, last), list(members)))
    return [members for _, members in merged]


def _split_hubs(threads: list[_Thread], edges: dict[tuple[int, int], int]) -> None:
    """Split a thread that links stories told at different times and not linked to each other (in place).

    An organisation named in two unrelated stories a few weeks apart (or a name the
    extraction mistook for a victim, such as an agency's dateline) must not glue them into
    one incident: each of its claims goes to the story it shares an article with, else to
    the nearest in time, and the pieces are linked again on their own evidence.
    """
    linked: dict[int, set[int]] = {}
    for a, b in edges:
        linked.setdefault(a, set()).add(b)
        linked.setdefault(b, set()).add(a)
    for hub in [t for t in list(threads) if len(linked.get(t.index, ())) >= 2]:
        partners = [i for i in sorted(linked[hub.index]) if threads[i].claims]
        if len(_separate_stories([[threads[i]] for i in partners])) < 2:
            continue  # every partner told in one period: nothing to split (and no graph walk)
        clusters = [[threads[i] for i in c] for c in _components(partners, linked)]
        members = _separate_stories(clusters)
        if len(members) < 2 or not hub.claims:
            continue
        pieces: list[list[ClaimView]] = [[] for _ in members]
        for v in hub.claims:
            def affinity(k: int) -> tuple:
                stories = sum(1 for t in members[k] for w in t.claims if w.story == v.story)
                dist = min((_days_from(v.anchor, t) for t in members[k]), default=10 ** 6)
                return (-stories, dist, k)
            pieces[min(range(len(members)), key=affinity)].append(v)
        LOGGER.debug("splitting %s between %d stories", sorted(hub.orgs), len(members))
        hub.claims = []
        for k, piece in enumerate(pieces):
            if not piece:
                continue
            part = _Thread(index=len(threads), root=hub.root)
            for v in piece:
                part.add(v)
            threads.append(part)
            for t in members[k]:
                score = _link_score(part, t)
                if score >= LINK_THRESHOLD:
                    edges[(min(part.index, t.index), max(part.index, t.index))] = score
    for key in [k for k in edges if not threads[k[0]].claims or not threads[k[1]].claims]:
        del edges[key]


def _days_from(day: date | None, t: _Thread) -> int:
    if day is None or t.first is None or t.last is None:
        return 0
    if t.first <= day <= t.last:
        return 0
    return min(abs((day - t.first).days), abs((day - t.last).days))


def group_claims(views: list[ClaimView], registry: Registry) -> list[list[ClaimView]]:
    """Claims -> groups of claims, one per incident, each in chronological order."""
    threads = _threads(views, registry)
    for i, t in enumerate(threads):
        t.index = i
    edges: dict[tuple[int, int], int] = {}
    for a, b in _candidate_pairs(threads):
        if threads[a].root != threads[b].root:
            score = _link_score(threads[a], threads[b])
            if score >= LINK_THRESHOLD:
                edges[(a, b)] = score
    _split_hubs(threads, edges)
    parent = {t.index: t.index for t in threads}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in sorted(edges):
        LOGGER.debug("linking %s and %s (evidence %d)", sorted(threads[a].orgs), sorted(threads[b].orgs), edges[(a, b)])
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[ClaimView]] = {}
    for t in threads:
        if t.claims:
            groups.setdefault(find(t.index), []).extend(t.claims)
    return [sorted(g, key=lambda v: v.key) for _, g in sorted(groups.items())]
