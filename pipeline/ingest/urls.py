"""Which URLs Recoupe may fetch.

Only http and https. The command line trusts its user (a local test server, a feed on the
newsroom's intranet); a feed added from the dashboard may not point at loopback, private,
link-local or reserved addresses unless ``allow_private_feeds`` is set in ``data/recoupe.toml``,
so that a newsroom server does not become a proxy into its own network. The same check runs
again on every redirect hop and article page of such a feed (see ``fetch.Fetcher``).
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from urllib.parse import urlsplit

from ..errors import InputError

LOGGER = logging.getLogger(__name__)

__all__ = ["validate_feed_url", "check_scheme", "is_http", "ALLOWED_SCHEMES"]

ALLOWED_SCHEMES = ("http", "https")


def is_http(url: str) -> bool:
    return urlsplit(url).scheme.lower() in ALLOWED_SCHEMES


def check_scheme(url: str) -> None:
    """Raise InputError naming the URL when its scheme is not http or https."""
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        shown = scheme or "none"
        raise InputError(f"{url!r}: scheme {shown!r} is not allowed (only http and https)")


def _forbidden(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    """Why an address may not be fetched for an untrusted feed, or '' when it may."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for label, flag in (("loopback", ip.is_loopback), ("unspecified", ip.is_unspecified),
                        ("link-local", ip.is_link_local), ("multicast", ip.is_multicast),
                        ("private", ip.is_private), ("reserved", ip.is_reserved)):
        if flag:
            return label
    if not ip.is_global:
        return "non-public"
    return ""


def validate_feed_url(url: str, allow_private: bool) -> str:
    """Return ``url`` stripped when a feed added from the dashboard may fetch it; else raise InputError.

    Refuses other schemes than http(s), URLs without a host, and hosts that are or resolve
    (``socket.getaddrinfo``, IP literals included) to loopback, private, link-local or reserved
    addresses, unless ``allow_private`` is true.

    >>> validate_feed_url("http://127.0.0.1/rss", allow_private=False)  # doctest: +SKIP
    InputError: 'http://127.0.0.1/rss': host 127.0.0.1 is a loopback address (...)
    """
    url = (url or "").strip()
    check_scheme(url)
    try:
        parts = urlsplit(url)
        host = parts.hostname
        port = parts.port
    except ValueError as exc:
        raise InputError(f"{url!r}: not a valid URL ({exc})") from exc
    if not host:
        raise InputError(f"{url!r}: the URL has no host name")
    if allow_private:
        return url
    try:
        addresses = {ipaddress.ip_address(host)}
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, port or (443 if parts.scheme.lower() == "https" else 80),
                                       proto=socket.IPPROTO_TCP)
        except (socket.gaierror, UnicodeError, OSError) as exc:
            raise InputError(f"{url!r}: host {host} cannot be resolved ({exc})") from exc
        addresses = {ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos}
    for ip in sorted(addresses, key=str):
        why = _forbidden(ip)
        if why:
            raise InputError(f"{url!r}: host {host} is a {why} address ({ip}); feeds added from the dashboard "
                             "must be public (set allow_private_feeds = true in data/recoupe.toml to allow it)")
    return url
