"""The redirect policy: a public page may not send us to a private or loopback address.

A page on the internet that redirects to ``http://127.0.0.1:8080/admin`` or
``http://192.168.1.1/`` would make tlsum read the user's own network and show
it (the SSRF pattern). So a redirect from a public host to a private,
loopback, link-local or otherwise non-public one is refused, unless
``FetchOptions.allow_private_redirects`` (``--allow-private-redirects``) is
set. Everything else is followed: public to public, and anything starting on
a private address (the user asked for that network already).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable

from tlsum.errors import FetchError

Resolver = Callable[[str], list[str]]


def check_redirect(source_host: str, target_host: str, target_url: str,
                   resolve: Resolver | None = None) -> None:
    """Raise FetchError when a redirect goes from a public host to a private one."""
    resolve = resolve or _resolve
    if is_private_host(source_host, resolve) or not is_private_host(target_host, resolve):
        return
    raise FetchError(f"refused a redirect from public {source_host} to the private address "
                     f"{target_url} (set allow-private-redirects to allow it)")


def is_private_host(host: str, resolve: Resolver | None = None) -> bool:
    """True when ``host`` is, or resolves to, a non-public address (loopback, LAN...).

    A name that does not resolve counts as public: the connection will fail anyway.
    """
    host = host.strip("[]").rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        addresses = [host] if _is_ip(host) else (resolve or _resolve)(host)
    except (OSError, UnicodeError):
        return False
    return any(_private(address) for address in addresses)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _private(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved
            or ip.is_multicast or ip.is_unspecified)


def _resolve(host: str) -> list[str]:
    return [str(info[4][0]) for info in socket.getaddrinfo(host, None)]
