"""The addresses a facilitator can share: where browsers on the network can reach this server."""

from __future__ import annotations

import ipaddress
import socket

EVERYWHERE = {"", "0.0.0.0", "::"}
"""Hosts that listen on every network this computer is on, and so are no address to share."""
LOOPBACK = {"localhost", "127.0.0.1", "::1"}


def url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host  # an IPv6 address is bracketed in a URL
    return f"http://{shown}:{port}"


def reachable_addresses(ipv6: bool) -> list[str]:
    """This computer's addresses on its networks, loopback and link-local left out."""
    found: list[str] = []
    families = [socket.AF_INET, socket.AF_INET6] if ipv6 else [socket.AF_INET]
    for family in families:
        # Connecting a UDP socket sends nothing; it only asks which address would be used.
        probe_target = "2001:db8::1" if family == socket.AF_INET6 else "192.0.2.1"
        try:
            with socket.socket(family, socket.SOCK_DGRAM) as probe:
                probe.connect((probe_target, 9))
                found.append(probe.getsockname()[0])
        except OSError:
            pass
        try:
            for *_, socket_address in socket.getaddrinfo(socket.gethostname(), None, family):
                found.append(str(socket_address[0]))
        except OSError:
            pass
    usable = []
    for address in dict.fromkeys(found):
        try:
            parsed = ipaddress.ip_address(address.split("%")[0])
        except ValueError:
            continue
        if not (parsed.is_loopback or parsed.is_link_local or parsed.is_unspecified):
            usable.append(str(parsed))
    return usable


def share_lines(host: str, port: int) -> list[str]:
    """What to tell the facilitator about who can open the course, and at which address."""
    if host in LOOPBACK:
        return [f"Open {url(host, port)} in a browser on this computer (only this computer can)."]
    if host not in EVERYWHERE:
        return [f"Share this address: {url(host, port)}", "Anyone on a network that reaches it can open the course."]
    addresses = reachable_addresses(ipv6=host == "::")
    if not addresses:
        return [
            "No network address found for this computer: only it can open the course,",
            f"at {url('127.0.0.1', port)}. Connect to a network, then start again.",
        ]
    return [
        *(f"Share this address: {url(address, port)}" for address in addresses),
        "Anyone on a network that reaches it can open the course.",
    ]
