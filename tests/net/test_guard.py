"""Tests of app.net.guard: address classes in every notation, URL checks at registration, the transport."""

from __future__ import annotations

import asyncio
import ipaddress
import socket

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.errors import BlockedURL, InputError
from app.net.guard import IPAddress, OutboundGuard, _GuardedBackend, is_public_address, validate_url

PROPERTY = settings(max_examples=200, deadline=None, database=None)

PUBLIC = [
    "8.8.8.8",
    "1.1.1.1",
    "93.184.215.14",
    "2606:4700:4700::1111",
    "2a00:1450:4001:80b::200e",
    "::ffff:8.8.8.8",  # IPv4-mapped public
    "64:ff9b::808:808",  # NAT64 of 8.8.8.8
    "2002:808:808::1",  # 6to4 of 8.8.8.8
]
REFUSED = [
    "127.0.0.1",
    "127.255.255.254",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.1",
    "169.254.169.254",  # cloud metadata
    "169.254.0.1",
    "100.64.0.1",  # CGNAT: neither private nor global to the stdlib
    "100.127.255.254",
    "0.0.0.0",
    "0.1.2.3",
    "224.0.0.1",
    "239.255.255.250",
    "240.0.0.1",
    "255.255.255.255",
    "192.0.0.1",
    "192.0.2.1",
    "198.18.0.1",
    "198.51.100.1",
    "203.0.113.1",
    "192.88.99.1",
    "::",
    "::1",
    "::127.0.0.1",  # IPv4-compatible (deprecated)
    "::8.8.8.8",  # IPv4-compatible, even of a public address: nothing legitimate uses it
    "::ffff:127.0.0.1",
    "::ffff:169.254.169.254",
    "::ffff:10.0.0.1",
    "64:ff9b::7f00:1",  # NAT64 of loopback
    "64:ff9b::a9fe:a9fe",  # NAT64 of the metadata address
    "64:ff9b:1::808:808",  # local-use NAT64: embedding is network-specific, refused whole
    "2002:7f00:1::",  # 6to4 of loopback
    "2002:a00:1::",  # 6to4 of 10.0.0.1
    "2001::1",  # Teredo
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo
    "2001:db8::1",  # documentation
    "3fff::1",  # documentation (RFC 9637)
    "fc00::1",
    "fd12:3456:789a::1",  # unique-local
    "fe80::1",  # link-local
    "fec0::1",  # site-local
    "ff02::1",  # multicast
    "ff0e::1",
    "100::1",  # discard-only
    "4000::1",  # outside 2000::/3
]


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses(address: str) -> None:
    assert is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", REFUSED)
def test_refused_addresses(address: str) -> None:
    assert not is_public_address(ipaddress.ip_address(address))


@PROPERTY
@given(st.ip_addresses(v=4))
def test_every_ipv6_wrapping_of_an_ipv4_address_gets_the_same_answer(v4: ipaddress.IPv4Address) -> None:
    expected = is_public_address(v4)
    mapped = ipaddress.IPv6Address(0xFFFF_0000_0000 | int(v4))
    nat64 = ipaddress.IPv6Address(int(ipaddress.IPv6Address("64:ff9b::")) | int(v4))
    sixtofour = ipaddress.IPv6Address((0x2002 << 112) | (int(v4) << 80) | 1)
    assert [is_public_address(ip) for ip in (mapped, nat64, sixtofour)] == [expected] * 3


@PROPERTY
@given(st.ip_addresses())
def test_no_address_the_stdlib_calls_private_is_public(ip: IPAddress) -> None:
    if ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_unspecified:
        assert not is_public_address(ip)


# --- URLs at registration, through the OS resolver (every host here is numeric: no network) ----

REFUSED_URLS = [
    "http://127.0.0.1/",
    "http://127.1/",  # short form
    "http://2130706433/",  # one decimal number
    "http://0177.0.0.1/",  # octal
    "http://0x7f000001/",  # one hex number
    "http://0x7f.1/",  # hex, short form
    "http://[::ffff:127.0.0.1]/",  # IPv4-mapped
    "http://[::1]/",
    "http://[64:ff9b::7f00:1]/",  # NAT64
    "http://[2002:7f00:1::]/",  # 6to4
    "http://169.254.169.254/latest/meta-data/",
    "http://100.64.0.1/",
    "http://[::]/",
    "http://0.0.0.0/",
    "http://224.0.0.1/",
    "http://10.0.0.1:8080/feed",
    "https://192.168.0.1/feed",
    "http://localhost/",
]
REFUSED_SCHEMES = ["ftp://x/", "javascript:alert(1)", "file:///etc/passwd", "gopher://x/", "data:text/plain,hi"]


@pytest.fixture
def guard() -> OutboundGuard:
    return OutboundGuard(allow_private=False)


@pytest.mark.parametrize("url", REFUSED_URLS + REFUSED_SCHEMES)
async def test_check_url_refuses(guard: OutboundGuard, url: str) -> None:
    with pytest.raises(BlockedURL) as caught:
        await guard.check_url(url)
    assert isinstance(caught.value, InputError)  # so the API answers 422
    assert caught.value.detail


@pytest.mark.parametrize("url", ["http://8.8.8.8/feed", "https://[2606:4700:4700::1111]:8443/rss?x=1"])
async def test_check_url_accepts_public_addresses(guard: OutboundGuard, url: str) -> None:
    await guard.check_url(url)


PRIVATE_HINT = "; set FEEDHOOK_ALLOW_PRIVATE_NETWORKS=true to allow loopback and LAN URLs (local use)"
"""What a refusal at registration adds when a setting could lift it."""


@pytest.mark.parametrize(
    ("url", "detail"),
    [
        ("ftp://x/", "only http and https URLs are allowed, not 'ftp'"),
        ("file:///etc/passwd", "only http and https URLs are allowed, not 'file'"),
        ("http:///feed", "the URL has no host"),
        ("http://user:secret@8.8.8.8/", "URLs with a user name or password are not allowed"),
        ("http://0177.0.0.1/", "not a valid URL: Invalid IPv4 address: '0177.0.0.1'"),
        ("http://127.1/", "'127.1' resolves to a non-public address (127.0.0.1)" + PRIVATE_HINT),
        ("http://2130706433/", "'2130706433' resolves to a non-public address (127.0.0.1)" + PRIVATE_HINT),
    ],
)
async def test_refusals_say_why(guard: OutboundGuard, url: str, detail: str) -> None:
    with pytest.raises(BlockedURL) as caught:
        await guard.check_url(url)
    assert caught.value.detail == detail


async def test_allow_private_admits_loopback_but_not_other_schemes() -> None:
    local = OutboundGuard(allow_private=True)
    await local.check_url("http://127.0.0.1:8000/feed")
    await local.check_url("http://[::1]/feed")
    with pytest.raises(BlockedURL):
        await local.check_url("file:///etc/passwd")


async def test_a_name_with_one_private_address_among_public_ones_is_refused() -> None:
    async def resolver(host: str, port: int) -> list[IPAddress]:
        return [ipaddress.ip_address("93.184.215.14"), ipaddress.ip_address("10.0.0.7")]

    with pytest.raises(BlockedURL, match=r"'feeds\.example' resolves to a non-public address \(10\.0\.0\.7\)"):
        await OutboundGuard(allow_private=False, resolver=resolver).check_url("https://feeds.example/rss")


async def test_a_name_that_does_not_resolve_is_refused_at_registration() -> None:
    async def resolver(host: str, port: int) -> list[IPAddress]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    async def empty(host: str, port: int) -> list[IPAddress]:
        return []

    for guard in (
        OutboundGuard(allow_private=False, resolver=resolver),
        OutboundGuard(allow_private=True, resolver=empty),
    ):
        with pytest.raises(BlockedURL, match="does not resolve"):
            await guard.check_url("https://feeds.invalid/rss")


async def test_the_resolver_sees_the_default_port() -> None:
    seen: list[tuple[str, int]] = []

    async def resolver(host: str, port: int) -> list[IPAddress]:
        seen.append((host, port))
        return [ipaddress.ip_address("8.8.8.8")]

    guard = OutboundGuard(allow_private=False, resolver=resolver)
    await guard.check_url("http://a.example/")
    await guard.check_url("https://b.example/")
    await guard.check_url("https://c.example:8443/")
    assert seen == [("a.example", 80), ("b.example", 443), ("c.example", 8443)]


def test_validate_url_returns_the_parsed_url() -> None:
    assert validate_url("HTTPS://Example.COM/a?b=1") == httpx.URL("https://example.com/a?b=1")


async def test_the_transport_refuses_other_schemes_itself() -> None:
    transport = OutboundGuard(allow_private=True).transport()
    async with transport:
        with pytest.raises(BlockedURL):
            await transport.handle_async_request(httpx.Request("GET", "ftp://example.com/"))


async def test_a_guarded_connection_answers_is_readable_from_its_socket() -> None:
    # The pool asks idle connections whether they are readable (the server closed them, or sent junk) before
    # reusing one; the guard's stream answers from the raw socket it looked up once at connect time.
    listener = socket.create_server(("127.0.0.1", 0))
    try:
        backend = _GuardedBackend(OutboundGuard(allow_private=True))
        stream = await backend.connect_tcp("127.0.0.1", listener.getsockname()[1], timeout=5)
        peer, _ = listener.accept()
        try:
            assert stream.get_extra_info("socket") is not None
            assert stream.get_extra_info("server_addr") == ("127.0.0.1", listener.getsockname()[1])
            assert stream.get_extra_info("ssl_object") is None  # plain TCP: no TLS to ask about
            assert stream.get_extra_info("is_readable") is False
            peer.sendall(b"x")
            for _ in range(100):  # loopback delivery is quick but not instantaneous
                if stream.get_extra_info("is_readable"):
                    break
                await asyncio.sleep(0.01)
            assert stream.get_extra_info("is_readable") is True
            assert await stream.read(10) == b"x"
            peer.close()
            for _ in range(100):
                if stream.get_extra_info("is_readable"):
                    break
                await asyncio.sleep(0.01)
            assert stream.get_extra_info("is_readable") is True  # the end of the stream is readable too
        finally:
            peer.close()
            await stream.aclose()
        assert stream.get_extra_info("is_readable") is True  # closed here: fileno -1
    finally:
        listener.close()
