"""Which Host headers name this server: the rule every handler of `serve` applies first."""
from __future__ import annotations

import ipaddress
import socket

_WILDCARDS = ("0.0.0.0", "::", "")


def host_allowed(host_header: str, bound: str) -> bool:
    """Whether a request's Host names this server the way only its own pages would."""
    name = host_header.rsplit(":", 1)[0] if not host_header.endswith("]") else host_header
    name = name.strip("[]").lower().rstrip(".")
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        ipaddress.ip_address(name)
        return True  # an address cannot be rebound to another site
    except ValueError:
        pass
    if bound in _WILDCARDS:  # other computers may use this one's name
        return name in (socket.gethostname().lower(), socket.getfqdn().lower())
    return name == bound.lower()


def is_loopback(host: str) -> bool:
    """Whether serving on `host` reaches only this computer."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bound_to(handler: type, bound: str) -> type:
    """`handler` refusing requests whose Host does not name `bound` (its `bound`)."""
    return type(handler.__name__, (handler,), {"bound": bound})
