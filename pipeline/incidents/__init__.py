"""Incidents and divergence: where attributions and denials about one organisation meet."""
