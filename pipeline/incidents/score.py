"""Victim counts of an incident, their spread, and the divergence score with its explanation.

The score (0-100) adds four parts, each explained in the sentence shown next to it:

* dispute, up to 50: the most disputed organisation of the incident: ``contesté`` 50,
  ``partiellement confirmé`` 35, ``démenti`` 30, confirmed after a denial 20, ``attribué`` or
  ``revendiqué`` without any reaction 10, confirmed without a denial 0;
* repeated after the denial, up to 20: 10 per outlet that published the attribution again
  after the organisation's denial;
* victim counts, up to 15: 0 while the largest count is within 20 % of the smallest, then
  ``15 * ln(max/min) / ln(4)`` (a factor 4 or more scores 15: 152 000 vs 1,5 million);
* weak sourcing, up to 15: for an organisation not confirmed, named by at least two
  outlets, the share of those outlets that only relay another source, times 15.
"""

from __future__ import annotations

import math

from .french import day_label, number, plural, subject, with_preposition
from .rows import ClaimView

__all__ = ["incident_counts", "count_spread", "divergence_score", "COUNT_ALERT_RATIO"]

COUNT_ALERT_RATIO = 0.20  # counts further apart than this are a discrepancy (and an alert)
_DISPUTE = {"contested": 50, "partially_confirmed": 35, "denied": 30, "attributed": 10, "claimed": 10,
            "confirmed": 0}


def incident_counts(claims: list[ClaimView], article_counts: list[dict] | None = None) -> list[dict]:
    """Every victim count of the incident, by whom and when, oldest first, one per article and value.

    Counts carried by claims come first; ``article_counts`` (rows of ``read.victim_counts``)
    add the other counts found inside the claims' sentences, and the ``approx`` marks
    ("plus de", "environ"). Counts elsewhere in an article are left out: "la mutuelle, qui
    couvre environ 120 000 personnes" is not a number of victims.
    """
    approx, extra = {}, []
    spans: dict[str, list[ClaimView]] = {}
    for v in claims:
        spans.setdefault(v.article_id, []).append(v)
    for c in article_counts or []:
        aid, start = str(c.get("article_id")), c.get("start_char")
        approx.setdefault((aid, int(c["value"])), c.get("approx"))
        inside = [v for v in spans.get(aid, []) if start is not None and v.start <= start < v.end]
        if inside:
            extra.append((min(inside, key=lambda v: v.key), c))
    out, seen = [], set()

    def add(v: ClaimView, value: int, unit: str | None, speaker: str | None, org: str | None) -> None:
        if (v.article_id, value) in seen:
            return
        seen.add((v.article_id, value))
        out.append({"value": value, "unit": unit, "approx": approx.get((v.article_id, value)), "feed": v.feed,
                    "date": v.ref()["date"], "article_id": v.article_id, "url": v.url, "speaker": speaker,
                    "org": org, "story": v.story, "_key": v.key})

    for v in sorted(claims, key=lambda v: v.key):
        if v.count is not None:
            add(v, v.count, v.unit, v.speaker, v.org)
    for v, c in extra:
        add(v, int(c["value"]), c.get("unit"), v.speaker, v.org)
    out.sort(key=lambda c: c["_key"])
    for c in out:
        del c["_key"]
    return out


def count_spread(counts: list[dict]) -> dict | None:
    """``{"min", "max", "ratio", "values"}`` over the distinct counts; None when there is none."""
    values = sorted({c["value"] for c in counts if c.get("value")})
    if not values:
        return None
    return {"min": values[0], "max": values[-1], "ratio": round(values[-1] / values[0], 2), "values": values}


def _dispute(org: dict) -> int:
    code = org["verification_code"]
    if code == "confirmed" and org["denials"]:
        return 20
    return _DISPUTE[code]


def _dispute_reason(org: dict) -> str:
    name, code = subject(org["org"]), org["verification_code"]
    if code == "contested":
        return (f"l'attribution {with_preposition(org['org'], 'à')} est contestée : "
                f"{plural(org['attributions'], 'attribution')} contre {plural(org['denials'], 'démenti')}, "
                f"sans confirmation")
    if code == "partially_confirmed":
        return f"{name} confirme l'attaque mais en dément une partie"
    if code == "denied":
        return f"{name} dément, sans attribution relevée dans cet incident"
    if code == "confirmed" and org["denials"]:
        return f"{name} a confirmé après avoir démenti"
    if code == "confirmed":
        return f"{name} a confirmé, sans démenti"
    if code == "claimed":
        return f"seul l'attaquant revendique l'attaque {with_preposition(org['org'], 'contre')}, sans réaction officielle"
    return f"l'attribution {with_preposition(org['org'], 'à')} n'a suscité aucune réaction officielle"


def _sourcing(org: dict) -> float:
    if org["verification_code"] in ("confirmed", "partially_confirmed") or org["outlets"] < 2:
        return 0.0
    return 15 * org["relaying_outlets"] / org["outlets"]


def divergence_score(orgs: list[dict], spread: dict | None) -> dict:
    """``{"score": 0-100, "explanation": French sentence, "parts": {...}}`` for one incident."""
    if not orgs:
        return {"score": 0, "explanation": "Aucune organisation : rien à comparer.", "parts": {}}
    main = max(orgs, key=lambda o: (_dispute(o), o["attributions"] + o["denials"] + o["confirmations"]))
    dispute = _dispute(main)
    repeats = {}
    for o in orgs:
        for r in o["repeated_after_denial"]:
            repeats.setdefault(r["feed"] or r["article_id"], (o["org"], r["date"]))
    repeated = min(20, 10 * len(repeats))
    counts = 0.0
    if spread and spread["ratio"] > 1 + COUNT_ALERT_RATIO:
        counts = min(15.0, 15 * math.log(spread["ratio"]) / math.log(4))
    weakest = max(orgs, key=_sourcing)
    sourcing = _sourcing(weakest)
    parts = {"dispute": dispute, "repeated_after_denial": repeated, "counts": round(counts), "sourcing": round(sourcing)}
    score = max(0, min(100, sum(parts.values())))

    reasons: list[tuple[float, str]] = [(dispute, _dispute_reason(main))]
    if repeats:
        by_date = sorted(repeats.items(), key=lambda kv: kv[1][1] or "")
        listed = ", ".join(f"{feed} le {day_label(d)}" for feed, (_, d) in by_date)
        n = len(repeats)
        reasons.append((repeated, f"{plural(n, 'média')} {'ont' if n > 1 else 'a'} répété l'attribution après "
                                  f"le démenti ({listed})"))
    if spread and len(spread["values"]) > 1:
        if counts:
            reasons.append((counts, f"les chiffres de victimes divergent : de {number(spread['min'])} à "
                                    f"{number(spread['max'])} (×{number(spread['ratio'])})"))
        else:
            reasons.append((0, f"les chiffres de victimes concordent ({number(spread['min'])} à {number(spread['max'])})"))
    if sourcing:
        share = (f"les {weakest['outlets']}" if weakest["relaying_outlets"] == weakest["outlets"]
                 else f"{weakest['relaying_outlets']} des {weakest['outlets']}")
        origins = plural(weakest["independent_origins"], "origine indépendante", "origines indépendantes")
        reasons.append((sourcing, f"{share} médias qui mettent en cause {subject(weakest['org'])} ne font que "
                                  f"relayer d'autres sources ({origins})"))
    elif weakest["outlets"] >= 2 and weakest["verification_code"] not in ("confirmed", "partially_confirmed"):
        reasons.append((0, f"chaque média qui met en cause {subject(weakest['org'])} s'appuie sur ses propres sources"))
    others = [o for o in orgs if o is not main][:3]
    if others:
        listed = ", ".join(f"{o['org']} : {o['verification']}" for o in others)
        reasons.append((-1, f"autres organisations ({listed})"))
    level = "élevée" if score >= 60 else "modérée" if score >= 30 else "faible"
    ordered = [text for _, text in sorted(reasons, key=lambda r: -r[0])]
    explanation = f"Divergence {level} ({score}/100) : " + " ; ".join(ordered) + "."
    return {"score": score, "explanation": explanation, "parts": parts}
