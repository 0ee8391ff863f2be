"""The outbound-URL guard: http(s) only, public addresses only, and a connection to the address that was checked."""

from __future__ import annotations

import asyncio
import ipaddress
import select
import socket
import ssl
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

import httpcore
import httpx

from app.errors import BlockedURL

__all__ = [
    "AddressPolicy",
    "GuardedTransport",
    "IPAddress",
    "OutboundGuard",
    "Resolver",
    "is_private_address_allowed",
    "is_public_address",
    "validate_url",
]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
AddressPolicy = Callable[[IPAddress], bool]
Resolver = Callable[[str, int], Awaitable[list[IPAddress]]]

ALLOWED_SCHEMES = frozenset({"http", "https"})


class _NonPublicAddress(BlockedURL):
    """A host refused for its address: the one refusal a setting can lift."""


_V4 = ipaddress.IPv4Network
_V6 = ipaddress.IPv6Network

# IANA special-purpose IPv4 registry (RFC 6890 and successors): nothing here is a public web server.
_BLOCKED_V4 = tuple(
    _V4(net)
    for net in (
        "0.0.0.0/8",  # "this network", incl. the unspecified address
        "10.0.0.0/8",  # RFC 1918
        "100.64.0.0/10",  # CGNAT shared space (RFC 6598): neither private nor global in ipaddress
        "127.0.0.0/8",  # loopback
        "169.254.0.0/16",  # link-local, incl. cloud metadata 169.254.169.254
        "172.16.0.0/12",  # RFC 1918
        "192.0.0.0/24",  # IETF protocol assignments
        "192.0.2.0/24",  # TEST-NET-1 documentation
        "192.88.99.0/24",  # deprecated 6to4 relay anycast (RFC 7526)
        "192.168.0.0/16",  # RFC 1918
        "198.18.0.0/15",  # benchmarking
        "198.51.100.0/24",  # TEST-NET-2
        "203.0.113.0/24",  # TEST-NET-3
        "224.0.0.0/4",  # multicast
        "240.0.0.0/4",  # reserved, incl. broadcast 255.255.255.255
    )
)

# Outside 2000::/3 no IPv6 unicast is globally routed today; inside it these are special-purpose (RFC 6890).
_GLOBAL_UNICAST_V6 = _V6("2000::/3")
_BLOCKED_V6 = tuple(
    _V6(net)
    for net in (
        "2001::/23",  # IETF protocol assignments, incl. Teredo 2001::/32 (tunnels to arbitrary IPv4)
        "2001:db8::/32",  # documentation
        "3fff::/20",  # documentation (RFC 9637)
    )
)
_NAT64_WELL_KNOWN = _V6("64:ff9b::/96")  # RFC 6052: the last 32 bits are the IPv4 address reached


def _is_public_v4(ip: ipaddress.IPv4Address) -> bool:
    if any(ip in net for net in _BLOCKED_V4):
        return False
    # Belt and braces: the stdlib's own tables, whatever they add in later versions.
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_unspecified)


def _embedded_v4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for (mapped, NAT64 well-known prefix, 6to4), if any."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip in _NAT64_WELL_KNOWN:
        return ipaddress.IPv4Address(int(ip) & 0xFFFF_FFFF)
    return ip.sixtofour


def is_public_address(ip: IPAddress) -> bool:
    """True when ``ip`` is a globally routable unicast address, judging an embedded IPv4 by IPv4 rules."""
    if isinstance(ip, ipaddress.IPv4Address):
        return _is_public_v4(ip)
    embedded = _embedded_v4(ip)
    if embedded is not None:
        return _is_public_v4(embedded)
    # Everything else outside 2000::/3 is refused, among them ::/128, ::1, IPv4-compatible ::a.b.c.d,
    # the local-use NAT64 prefix 64:ff9b:1::/48 (its embedding is network-specific, RFC 8215),
    # fc00::/7, fe80::/10, fec0::/10 and ff00::/8.
    if ip not in _GLOBAL_UNICAST_V6 or any(ip in net for net in _BLOCKED_V6):
        return False
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_site_local)


def validate_url(url: str | httpx.URL) -> httpx.URL:
    """Parse ``url`` and refuse what no outbound request may use: other schemes, no host, userinfo."""
    try:
        parsed = url if isinstance(url, httpx.URL) else httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise BlockedURL(f"not a valid URL: {exc}") from None
    if parsed.scheme not in ALLOWED_SCHEMES:
        raise BlockedURL(f"only http and https URLs are allowed, not {parsed.scheme or 'none'!r}")
    try:
        host = parsed.host
    except UnicodeError as exc:  # malformed punycode (idna.IDNAError): no such host can be asked for
        raise BlockedURL(f"the host name is not valid: {exc}") from None
    if not host:
        raise BlockedURL("the URL has no host")
    if parsed.userinfo:
        # Credentials in a URL end up in logs and in redirects to other hosts.
        raise BlockedURL("URLs with a user name or password are not allowed")
    return parsed


async def _system_resolver(host: str, port: int) -> list[IPAddress]:
    # The OS resolver turns every notation (127.1, 2130706433, 0x7f.1, [::ffff:…]) into real addresses.
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except UnicodeError:  # a label the IDNA codec refuses (over 63 characters, empty): no such name
        raise socket.gaierror(socket.EAI_NONAME, "the host name cannot be encoded") from None
    addresses: list[IPAddress] = []
    for *_, sockaddr in infos:
        ip = ipaddress.ip_address(sockaddr[0])
        if ip not in addresses:
            addresses.append(ip)
    return addresses


# Refused even where private networks are allowed (FEEDHOOK_ALLOW_PRIVATE_NETWORKS, for local feeds):
# cloud metadata services answer on these with the instance's credentials, and no feed lives on an
# unspecified, link-local, multicast or broadcast address.
_NEVER_V4 = tuple(_V4(net) for net in ("0.0.0.0/8", "169.254.0.0/16", "224.0.0.0/4", "255.255.255.255/32"))
_NEVER_V6 = tuple(_V6(net) for net in ("::/128", "fe80::/10", "ff00::/8"))
_METADATA = frozenset(
    ipaddress.ip_address(address)
    for address in (
        "169.254.169.254",  # AWS, GCP, Azure, OpenStack, DigitalOcean, Oracle
        "100.100.100.200",  # Alibaba Cloud (inside the CGNAT range private networks allow)
        "fd00:ec2::254",  # AWS over IPv6 (inside fc00::/7)
    )
)


def is_private_address_allowed(ip: IPAddress) -> bool:
    """The policy with private networks allowed: anything but metadata, unspecified, link-local and multicast."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = _embedded_v4(ip)
        if embedded is not None:
            return is_private_address_allowed(embedded)
        return ip not in _METADATA and not any(ip in net for net in _NEVER_V6)
    return ip not in _METADATA and not any(ip in net for net in _NEVER_V4)


class OutboundGuard:
    """Decides which hosts outbound requests may reach; shared by registration, polling and webhooks."""

    def __init__(
        self,
        *,
        allow_private: bool,
        is_allowed: AddressPolicy | None = None,
        resolver: Resolver | None = None,
    ) -> None:
        self.allow_private = allow_private
        self._is_allowed: AddressPolicy = is_allowed or (
            is_private_address_allowed if allow_private else is_public_address
        )
        self._resolve: Resolver = resolver or _system_resolver

    async def addresses(self, host: str, port: int) -> list[IPAddress]:
        """Resolve ``host`` once; raise BlockedURL if any address is refused, OSError if it does not resolve."""
        try:
            addresses: list[IPAddress] = [ipaddress.ip_address(host)]  # an address stands for itself
        except ValueError:
            addresses = await self._resolve(host, port)
        if not addresses:
            raise socket.gaierror(socket.EAI_NONAME, f"no address for {host!r}")
        refused = [ip for ip in addresses if not self._is_allowed(ip)]
        if refused:
            # Any refused address refuses the host: a name that also points inside is a rebinding attempt.
            raise _NonPublicAddress(f"{host!r} resolves to a non-public address ({refused[0]})")
        return addresses

    async def check_url(self, url: str) -> None:
        """Refuse ``url`` at registration unless it is http(s) and every address of its host is allowed."""
        parsed = validate_url(url)
        port = parsed.port or (443 if parsed.scheme == "https" else 80)
        host = parsed.raw_host.decode("ascii")  # IDNA-encoded, exactly what httpcore will dial
        try:
            await self.addresses(host, port)
        except _NonPublicAddress as exc:
            # Said where an operator registers a URL (a feed, a subscription), not in every failed poll's log.
            raise BlockedURL(
                f"{exc.detail}; set FEEDHOOK_ALLOW_PRIVATE_NETWORKS=true to allow loopback and LAN URLs (local use)"
            ) from None
        except OSError as exc:
            raise BlockedURL(f"the host {host!r} does not resolve ({exc.strerror or exc})") from None

    def transport(self, **kwargs: Any) -> GuardedTransport:
        """An httpx transport whose every connection goes through this guard."""
        return GuardedTransport(self, **kwargs)


def _readable(sock: socket.socket | None) -> bool:
    """Whether a read would return at once (data, or the end of a closed connection): a zero-timeout poll."""
    fd = -1 if sock is None else sock.fileno()
    if fd < 0:
        return True  # gone: as readable as a connection whose next read returns b""
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    return bool(poller.poll(0))


class _Stream(httpcore.AsyncNetworkStream):
    """httpcore's stream with cheaper answers: the raw socket is looked up once, not per question.

    The connection pool asks every idle connection whether it is readable (closed by the server) each time it
    assigns a request; anyio answers each ask by building its socket attributes, a getpeername() system call
    included, so a pool of 20 idle connections cost 20 of those per request.
    """

    def __init__(self, inner: httpcore.AsyncNetworkStream, sock: socket.socket | None, *, tls: bool = False) -> None:
        self._inner = inner
        self._socket = sock
        self._tls = tls

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:  # noqa: ASYNC109 - httpcore's
        return await self._inner.read(max_bytes, timeout)

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:  # noqa: ASYNC109 - httpcore's
        await self._inner.write(buffer, timeout)

    async def aclose(self) -> None:
        await self._inner.aclose()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface names it so
    ) -> httpcore.AsyncNetworkStream:
        return _Stream(await self._inner.start_tls(ssl_context, server_hostname, timeout), self._socket, tls=True)

    def get_extra_info(self, info: str) -> Any:
        if info == "is_readable":
            return _readable(self._socket)
        if info == "socket":
            return self._socket
        if info == "ssl_object" and not self._tls:  # asked once per connection, to see whether h2 was agreed
            return None
        return self._inner.get_extra_info(info)


class _GuardedBackend(httpcore.AsyncNetworkBackend):
    """Resolves once, checks every address, then connects to a checked address itself."""

    def __init__(self, guard: OutboundGuard) -> None:
        self._guard = guard
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface names it so
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            addresses = await self._guard.addresses(host, port)
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve {host!r}: {exc.strerror or exc}") from exc
        last_error: Exception | None = None
        for ip in addresses:
            try:
                # Connecting to the literal address means no second lookup can swap it (DNS rebinding);
                # httpcore then does TLS with the origin's host name for SNI and the certificate check.
                stream = await self._inner.connect_tcp(
                    str(ip), port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
                return _Stream(stream, stream.get_extra_info("socket"))
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last_error = exc
        assert last_error is not None
        raise last_error

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface names it so
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise BlockedURL("Unix sockets are not allowed for outbound requests")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's own transport (HTTP/1.1, no proxy) with a connection pool that dials through the guard."""

    def __init__(
        self,
        guard: OutboundGuard,
        *,
        limits: httpx.Limits = httpx.Limits(max_connections=100, max_keepalive_connections=20),  # noqa: B008
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        context = ssl_context or httpx.create_ssl_context(trust_env=False)
        super().__init__(verify=context, trust_env=False, limits=limits)
        self.guard = guard
        # httpx 0.28 exposes no network_backend argument, so the pool it built is replaced by an identical
        # one with the guarded backend (see httpx/_transports/default.py, AsyncHTTPTransport.__init__).
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=context,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            http1=True,
            http2=False,
            network_backend=_GuardedBackend(guard),
        )

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.scheme not in ALLOWED_SCHEMES:
            raise BlockedURL(f"only http and https URLs are allowed, not {request.url.scheme!r}")
        return await super().handle_async_request(request)
