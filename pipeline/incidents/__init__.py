"""Incidents and divergence: claims grouped into stories, and where press and organisations disagree.

rows (claim rows -> ``ClaimView``) -> grouping (threads per organisation family, linked across
organisations) -> status (per organisation: verification, transitions, voices, sources) ->
score (counts, spread, divergence score) -> build (incidents with stable ids and titles) ->
alerts -> refresh (store) -> webhook. ``divergence`` keeps the per-organisation contract.
"""

from .alerts import find_alerts
from .build import attach_incidents, build_incidents
from .refresh import RefreshReport, refresh_incidents
from .webhook import DeliveryReport, deliver_alerts

__all__ = ["build_incidents", "refresh_incidents", "deliver_alerts", "find_alerts", "attach_incidents",
           "RefreshReport", "DeliveryReport"]
