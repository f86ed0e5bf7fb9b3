"""Who may use `goaltui serve`: the listen address, the per-run key, the Origin check.

Pure functions (no aiohttp, no textual-serve), so they are unit-tested on their own;
cli/web_server.py applies them to every request.
"""

from __future__ import annotations

import hmac
import ipaddress
import socket
from urllib.parse import urlsplit

DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}


def parse_host(value: str) -> str:
    """The address to listen on, in the form the socket layer takes.

    Accepts names, IPv4 (also the short forms `127.1`), IPv6 bare or in brackets (`::1`,
    `[::1]`). Raises ValueError with a one-line reason otherwise.
    """
    host = value.strip()
    bracketed = host.startswith("[") and host.endswith("]")
    if bracketed:
        host = host[1:-1]
    if not host:
        raise ValueError("give an address or a host name")
    if bracketed or ":" in host:
        try:
            return str(ipaddress.IPv6Address(host))
        except ValueError:
            raise ValueError(f"{value!r} is not an IPv6 address") from None
    if host.replace(".", "").isdigit():
        # inet_aton takes the forms getaddrinfo takes (127.1 is 127.0.0.1); ipaddress does not.
        try:
            return str(ipaddress.IPv4Address(socket.inet_aton(host)))
        except OSError:
            raise ValueError(f"{value!r} is not an IPv4 address") from None
    if not all(
        part and part.replace("-", "").replace("_", "").isalnum()
        for part in host.rstrip(".").split(".")
    ):
        raise ValueError(f"{value!r} is not a host name or an address")
    return host.lower()


def is_loopback(host: str) -> bool:
    """Only this machine can connect (127.0.0.0/8, ::1, localhost); `host` from parse_host."""
    if host.rstrip(".") == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False  # a name: we do not resolve it, so we cannot promise it is local
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback


def is_wildcard(host: str) -> bool:
    """Listening on every interface (0.0.0.0, ::): the URL must name the machine instead."""
    try:
        return ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return False


def url_host(host: str) -> str:
    """`host` as it goes into a URL: IPv6 addresses in brackets."""
    return f"[{host}]" if ":" in host else host


def parse_public_url(value: str) -> str:
    """--public-url: an http(s) URL with a host, without a trailing slash, query or fragment."""
    parts = urlsplit(value.strip())
    try:
        parts.port  # noqa: B018 (raises ValueError on a bad port)
    except ValueError:
        raise ValueError(f"{value!r} has a bad port") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{value!r} is not an http:// or https:// URL with a host")
    if parts.query or parts.fragment:
        raise ValueError(f"{value!r} must not have a query or a fragment")
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


def authority(url_or_host: str, default_scheme: str) -> tuple[str, int] | None:
    """(host, port) of a URL (`http://h:1`) or a Host header (`h:1`, `[::1]:1`), with the
    scheme's default port filled in; None when it cannot be read."""
    if "://" not in url_or_host:
        url_or_host = f"{default_scheme}://{url_or_host}"
    parts = urlsplit(url_or_host)
    try:
        port = parts.port or DEFAULT_PORTS.get(parts.scheme)
    except ValueError:
        return None
    if not parts.hostname or port is None:
        return None
    return parts.hostname.rstrip("."), port


def origin_allowed(origin: str | None, host: str, scheme: str, public_url: str | None) -> bool:
    """May a request that carries this Origin header go on?

    Browsers send Origin on websockets and cross-site requests. It must name the site the
    browser used to reach us: the Host header (so an SSH tunnel on any local port works)
    or the --public-url (a proxy may rewrite Host). No Origin: not a browser page, allowed.
    """
    if origin is None:
        return True
    # An Origin is always scheme://host[:port]; anything else ("null": a sandboxed frame,
    # a file: page) is no site we serve.
    theirs = authority(origin, scheme) if "://" in origin else None
    ours = {authority(host, scheme)}
    if public_url:
        ours.add(authority(public_url, scheme))
    return theirs is not None and theirs in ours


def key_matches(given: str | None, key: str) -> bool:
    """Constant-time comparison, as bytes: compare_digest refuses non-ASCII text."""
    return given is not None and hmac.compare_digest(given.encode(), key.encode())
