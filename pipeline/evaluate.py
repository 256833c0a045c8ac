"""Extraction quality on the labelled development set: precision, recall, F1, and the misses.

``python -m pipeline eval [FILE ...]`` scores five things per passage, each as a set:
organisations, claims (org + stance), claims with speaker, victim counts (value + unit) and
dates (value + precision). Organisation names match when their normalised keys are equal or
close (rapidfuzz ratio >= 88), so "Mairie de Trélazé" and "mairie de Trélazé" agree.

Floors live in ``data/eval/baseline.json``; ``--check`` fails when a figure drops below its
floor, and lowering a floor takes ``--update-baseline --reason "..."`` (the reason is kept).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rapidfuzz import fuzz

from .nlp.orgs import load_registry, normalize_key
from .settings import DATA_DIR

__all__ = ["evaluate", "Score", "add_commands", "METRICS"]

EVAL_DIR = DATA_DIR / "eval"
# every writer's batch: dev.jsonl, dev2.jsonl … (short passages first, then full-length articles)
DEV_SETS = tuple(sorted(EVAL_DIR.glob("dev*.jsonl")))
# written apart from the rules: scored and reported, never used to change a rule
HELD_OUT = tuple(sorted(EVAL_DIR.glob("test*.jsonl")))
BASELINE = DATA_DIR / "eval" / "baseline.json"
METRICS = ("organizations", "claims", "claims_speaker", "victim_counts", "dates")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _org_key(name: str) -> str:
    registry = load_registry()
    return normalize_key(registry.canonical(name))


def _same_org(a: str, b: str) -> bool:
    ka, kb = _org_key(a), _org_key(b)
    return ka == kb or fuzz.ratio(ka, kb) >= 88


def _match(expected: list[tuple], predicted: list[tuple], score: Score, item_id: str, label: str) -> None:
    """Greedy one-to-one matching; the first element of a tuple is an organisation when label says so."""
    remaining = list(predicted)
    for exp in expected:
        hit = next((p for p in remaining if _equal(exp, p, label)), None)
        if hit is not None:
            remaining.remove(hit)
            score.tp += 1
        else:
            score.fn += 1
            score.misses.append(f"{item_id}: missed {label} {exp}")
    for p in remaining:
        score.fp += 1
        score.misses.append(f"{item_id}: spurious {label} {p}")


def _equal(exp: tuple, got: tuple, label: str) -> bool:
    if label in ("organization", "claim", "claim+speaker"):
        return _same_org(exp[0], got[0]) and exp[1:] == got[1:]
    return exp == got


def _dedupe(items: list[tuple]) -> list[tuple]:
    return list(dict.fromkeys(items))


def load_items(paths) -> list[dict]:
    """Labelled passages of one or several JSONL files."""
    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    return [json.loads(line) for p in paths for line in Path(p).read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate(paths=DEV_SETS) -> dict[str, Score]:
    """Score the current extraction on labelled JSONL files (the development set by default)."""
    from .analysis import TextInput, analyze_texts

    items = load_items(paths)
    inputs = [TextInput(id=o["id"], text=o["text"],
                        published=date.fromisoformat(o["published"]) if o.get("published") else None) for o in items]
    scores = {m: Score() for m in METRICS}
    for item, result in zip(items, analyze_texts(inputs)):
        exp, got = item["expected"], result.to_json()
        _match(_dedupe([(o,) for o in exp.get("organizations", [])]),
               _dedupe([(o["name"],) for o in got["organizations"]]), scores["organizations"], item["id"], "organization")
        _match(_dedupe([(c["org"], c["stance"]) for c in exp.get("claims", [])]),
               _dedupe([(c["org"], c["stance"]) for c in got["claims"]]), scores["claims"], item["id"], "claim")
        _match(_dedupe([(c["org"], c["stance"], c["speaker"]) for c in exp.get("claims", [])]),
               _dedupe([(c["org"], c["stance"], c["speaker"]) for c in got["claims"]]),
               scores["claims_speaker"], item["id"], "claim+speaker")
        _match(_dedupe([(v["value"], v["unit"]) for v in exp.get("victim_counts", [])]),
               _dedupe([(v["value"], v["unit"]) for v in got["victim_counts"]]),
               scores["victim_counts"], item["id"], "count")
        _match(_dedupe([(d["value"], d["precision"]) for d in exp.get("dates", [])]),
               _dedupe([(d["value"], d["precision"]) for d in got["dates"]]), scores["dates"], item["id"], "date")
    return scores


def load_baseline(path: Path = BASELINE) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"floors": {}, "history": []}


def _report(scores: dict[str, Score], floors: dict[str, float], show_misses: bool) -> str:
    lines = [f"{'metric':<16}{'precision':>10}{'recall':>8}{'F1':>8}{'floor':>8}   tp/fp/fn"]
    for m, s in scores.items():
        floor = floors.get(m)
        lines.append(f"{m:<16}{s.precision:>10.3f}{s.recall:>8.3f}{s.f1:>8.3f}"
                     f"{(f'{floor:.3f}' if floor is not None else '-'):>8}   {s.tp}/{s.fp}/{s.fn}")
    if show_misses:
        for m, s in scores.items():
            if s.misses:
                lines.append(f"\n# {m}: {len(s.misses)} misses")
                lines.extend(s.misses)
    return "\n".join(lines)


def cmd_eval(args: argparse.Namespace) -> int:
    if args.held_out and args.file:
        print("error: give FILE or --held-out, not both", file=sys.stderr)
        return 2
    paths = [Path(f) for f in args.file] if args.file else list(HELD_OUT if args.held_out else DEV_SETS)
    for path in paths:
        if not path.exists():
            print(f"error: {path}: evaluation file not found", file=sys.stderr)
            return 2
    scores = evaluate(paths)
    baseline = load_baseline()
    floors = baseline.get("floors", {})
    if args.json:
        print(json.dumps({m: {"precision": s.precision, "recall": s.recall, "f1": s.f1, "tp": s.tp, "fp": s.fp,
                              "fn": s.fn} for m, s in scores.items()}, indent=2))
    else:
        print(_report(scores, floors, show_misses=not args.quiet))
    below = [m for m, s in scores.items() if m in floors and s.f1 < floors[m]]
    if args.update_baseline and (args.file or args.held_out):
        print("error: floors are set on the development set only (run without FILE)", file=sys.stderr)
        return 2
    if args.update_baseline:
        lowered = [m for m, s in scores.items() if m in floors and s.f1 - 0.02 < floors[m]]
        if lowered and not args.reason:
            print("error: lowering a floor needs --reason", file=sys.stderr)
            return 2
        new = {m: round(max(0.0, s.f1 - 0.02), 3) for m, s in scores.items()}
        baseline["history"] = baseline.get("history", []) + [{"floors": new, "reason": args.reason or "raised"}]
        baseline["floors"] = new
        BASELINE.write_text(json.dumps(baseline, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"floors written to {BASELINE}", file=sys.stderr)
        return 0
    if args.check and below:
        print("below floor: " + ", ".join(f"{m} {scores[m].f1:.3f} < {floors[m]:.3f}" for m in below), file=sys.stderr)
        return 1
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval", help="precision/recall/F1 on the labelled development set, with the misses")
    p.add_argument("file", nargs="*", help="labelled JSONL files (default: the development set, data/eval/dev*.jsonl)")
    p.add_argument("--held-out", action="store_true", help="score the held-out sets, data/eval/test*.jsonl, instead")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("-q", "--quiet", action="store_true", help="figures only, no list of misses")
    p.add_argument("--check", action="store_true", help="exit 1 when a figure is below its floor")
    p.add_argument("--update-baseline", action="store_true", help="set floors just under the current figures")
    p.add_argument("--reason", help="why floors change (required when one goes down)")
    p.set_defaults(func=cmd_eval)
