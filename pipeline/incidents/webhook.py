"""Stored alerts -> the webhook: each alert posted once, as JSON, then marked sent.

Problems of the outside world are data: a refused or failed post is recorded on the alert
(``attempts``, ``last_error``) and tried again at the next delivery; nothing is raised.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import httpx

from .. import settings
from ..store import db, read, write

LOGGER = logging.getLogger(__name__)

__all__ = ["DeliveryReport", "deliver_alerts"]


@dataclass
class DeliveryReport:
    sent: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (alert id, error)


def _payload(alert: dict) -> dict:
    return {k: v for k, v in alert.items() if k not in ("sent_at", "attempts", "last_error")}


def deliver_alerts(db_path: str, webhook_url: str | None = None, *, client: httpx.Client | None = None) -> DeliveryReport:
    """POST every alert not yet delivered to ``webhook_url`` (default: the ``webhook_url`` setting).

    A 2xx answer marks the alert sent, so it is never posted again; anything else is recorded
    and retried next time. No URL configured: nothing is done.
    """
    url = settings.get("webhook_url") if webhook_url is None else webhook_url
    report = DeliveryReport()
    if not url:
        return report
    with db.connect(db_path, read_only=False) as con:
        pending = read.alerts(con, pending=True)
    if not pending:
        return report
    own = client is None
    client = client or httpx.Client(timeout=settings.get("http_timeout"),
                                    headers={"User-Agent": settings.get("user_agent")})
    try:
        for alert in pending:
            error = None
            try:
                response = client.post(url, json=_payload(alert))
                if not 200 <= response.status_code < 300:
                    error = f"webhook answered HTTP {response.status_code}"
            except httpx.HTTPError as exc:
                error = f"webhook unreachable: {exc.__class__.__name__}: {exc}"
            with db.connect(db_path) as con:
                if error:
                    write.record_alert_failure(con, alert["id"], error)
                else:
                    write.mark_alert_sent(con, alert["id"])
            if error:
                LOGGER.warning("alert %s not delivered: %s", alert["id"], error)
                report.failed.append((alert["id"], error))
            else:
                report.sent.append(alert["id"])
    finally:
        if own:
            client.close()
    return report
