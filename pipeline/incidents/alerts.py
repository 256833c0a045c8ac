"""Incidents -> alerts: the moments a story moves.

* ``denial``: an organisation denies what was already attributed to it (or claimed by an
  attacker);
* ``confirmation_after_denial``: it confirms after having denied;
* ``count_change``: a new victim count differs by more than 20 % from every earlier count
  of the incident.

Alert ids hash the kind, the organisation and the triggering article (and the value for a
count), not the incident id: recomputing incidents never fires an alert twice.
"""

from __future__ import annotations

from ..records import stable_id
from .french import day_label, number, plural, subject
from .score import COUNT_ALERT_RATIO

__all__ = ["find_alerts", "ALERT_KINDS"]

ALERT_KINDS = ("denial", "confirmation_after_denial", "count_change")


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def _alert(kind: str, key: tuple[str, ...], incident: dict, org: str | None, ref: dict, message: str,
           details: dict) -> dict:
    return {
        "id": "al-" + stable_id(kind, *key),
        "kind": kind,
        "org": org,
        "incident_id": incident["id"],
        "incident_title": incident["title"],
        "date": ref.get("date"),
        "article_id": ref.get("article_id"),
        "feed": ref.get("feed"),
        "url": ref.get("url"),
        "message": _capitalized(message),
        "details": details,
    }


def _where(ref: dict) -> str:
    return f"{ref.get('feed') or 'source inconnue'}, {day_label(ref.get('date'))}"


def _transition_alerts(incident: dict) -> list[dict]:
    out = []
    for org in incident["orgs"]:
        name = org["org"]
        previous = None
        for t in org["transitions"]:
            if t["state"] == "denied" and previous and previous["state"] in ("claimed", "attributed"):
                what = "l'attaque revendiquée" if previous["state"] == "claimed" else "l'attribution publiée"
                message = (f"{subject(name)} dément ({_where(t)}) {what} depuis le {day_label(previous['date'])}"
                           f" par {previous.get('feed') or 'une source inconnue'}.")
                out.append(_alert("denial", (name, t["article_id"]), incident, name, t, message,
                                  {"previous": _short(previous), "transition": _short(t)}))
            if t["state"] == "confirmed" and previous and previous["state"] == "denied":
                message = f"{subject(name)} confirme ({_where(t)}) après avoir démenti le {day_label(previous['date'])}."
                out.append(_alert("confirmation_after_denial", (name, t["article_id"]), incident, name, t, message,
                                  {"previous": _short(previous), "transition": _short(t)}))
            previous = t
    return out


def _short(t: dict) -> dict:
    return {k: t.get(k) for k in ("state", "date", "article_id", "feed", "url", "sentence")}


def _count_alerts(incident: dict) -> list[dict]:
    out, earlier = [], []
    for c in incident["counts"]:
        value = c["value"]
        if value in earlier:
            continue
        if earlier and all(abs(value - e) > COUNT_ALERT_RATIO * e for e in earlier):
            before = ", ".join(number(e) for e in sorted(set(earlier)))
            unit = plural(value, c["unit"]) if c.get("unit") else number(value)
            message = (f"nouveau chiffre dans « {incident['title']} » : {unit} ({_where(c)}), "
                       f"contre {before} auparavant.")
            out.append(_alert("count_change", (c["article_id"], str(value)), incident, c.get("org"), c, message,
                              {"value": value, "unit": c.get("unit"), "earlier": sorted(set(earlier))}))
        earlier.append(value)
    return out


def find_alerts(incidents: list[dict]) -> list[dict]:
    """Every alert the incidents hold, oldest first (pure: same incidents, same alerts and ids)."""
    alerts: dict[str, dict] = {}
    for incident in incidents:
        for a in _transition_alerts(incident) + _count_alerts(incident):
            alerts.setdefault(a["id"], a)
    return sorted(alerts.values(), key=lambda a: (a["date"] or "", a["id"]))
