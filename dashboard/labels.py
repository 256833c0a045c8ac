"""French labels for the codes the pipeline stores (stances, speakers, statuses, verdicts)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from pipeline.incidents.status import VERIFICATION_LABELS  # verification code -> French label

PARIS = ZoneInfo("Europe/Paris")

STANCE = {"attribution": "Attribution", "denial": "Démenti", "confirmation": "Confirmation"}
SPEAKER = {"attacker": "Attaquant", "press": "Presse", "organization": "Organisation",
           "authority": "Autorité", "expert": "Expert", "other": "Autre"}
# Timeline lanes, top to bottom.
LANE = {"attacker": "Attaquants", "press": "Presse", "organization": "Organisation",
        "authority": "Autorités", "expert": "Experts", "other": "Autres"}
STATUS = {"contested": "Contesté", "attributed": "Attribué", "denied": "Démenti", "confirmed": "Confirmé"}
STATUS_COLOR = {"contested": "red", "attributed": "orange", "denied": "blue", "confirmed": "green"}
# Incident verification states (pipeline.incidents).
VERIFICATION_COLOR = {"revendiqué": "orange", "attribué": "orange", "démenti": "blue", "contesté": "red",
                      "confirmé": "green", "partiellement confirmé": "green"}
VERDICT = {"correct": "Correcte", "wrong_stance": "Mauvaise position", "wrong_org": "Mauvaise organisation",
           "not_claim": "Pas une affirmation", "fixed": "Corrigée"}
FEED_KIND = {"press": "Presse", "official": "Source officielle", "leak_tracker": "Suivi de fuites"}
FEED_STATUS = {"ok": "OK", "not_modified": "Inchangé", "error": "Erreur", None: "Jamais collecté"}

MONTHS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.")


def stance(code: str | None) -> str:
    return STANCE.get(code or "", code or "")


def speaker(code: str | None) -> str:
    return SPEAKER.get(code or "", code or "")


def status(code: str | None) -> str:
    return STATUS.get(code or "", code or "")


def verification(code: str | None) -> str:
    """A transition state or verification code ("partially_confirmed") in French ("partiellement confirmé")."""
    return VERIFICATION_LABELS.get(code or "", code or "")


def verdict(code: str | None) -> str:
    return VERDICT.get(code or "", code or "")


def short_date(value) -> str:
    """A date as "5 janv. 2026" (datetimes are shown in Paris time by the caller)."""
    if value is None:
        return ""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def day(value: Any, missing: str = "—") -> str:
    """Any date, datetime (shown in Paris time) or ISO string as "5 janv. 2026"; ``missing`` otherwise."""
    if isinstance(value, datetime):
        return short_date(value.astimezone(PARIS))
    if isinstance(value, date):
        return short_date(value)
    if isinstance(value, str) and len(value) >= 10:
        try:
            return short_date(date.fromisoformat(value[:10]))
        except ValueError:
            return value
    return str(value) if value else missing
