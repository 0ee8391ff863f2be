"""TLS through the guard: the connection goes to the checked address, the certificate is checked for the name."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from app.feeds.fetcher import fetch
from app.net.feed_client import FeedClient
from app.net.guard import OutboundGuard
from tests.feeds.conftest import USER_AGENT
from tests.feeds.server import LoopbackServer, Response, loopback_dns

NAME = "feed.invalid"  # a name no real resolver answers: only the guard's resolver knows it


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A throw-away self-signed certificate for NAME, made with the openssl command."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", f"/CN={NAME}",
         "-addext", f"subjectAltName=DNS:{NAME}"],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.fixture
async def tls_server(certificate: tuple[Path, Path]) -> AsyncIterator[LoopbackServer]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*certificate)
    async with LoopbackServer("127.0.0.1", tls=context) as running:
        running.route("/feed", Response(200, {"Content-Type": "application/rss+xml"}, b"<rss/>"))
        yield running


async def test_tls_uses_the_name_while_dialling_the_checked_address(
    tls_server: LoopbackServer, certificate: tuple[Path, Path]
) -> None:
    trusting = ssl.create_default_context(cafile=str(certificate[0]))
    guard = OutboundGuard(allow_private=True, resolver=loopback_dns)
    async with FeedClient(guard=guard, user_agent=USER_AGENT, ssl_context=trusting) as client:
        by_name = await fetch(client, f"https://{NAME}:{tls_server.port}/feed")
        by_address = await fetch(client, tls_server.url("/feed"))
    assert (by_name.status, by_name.content) == ("ok", b"<rss/>")
    # The same server by its address: the certificate names feed.invalid, not 127.0.0.1.
    assert by_address.status == "error"
    assert by_address.error is not None
    assert by_address.error.startswith("TLS certificate error")


async def test_an_untrusted_certificate_is_an_error_result(tls_server: LoopbackServer) -> None:
    guard = OutboundGuard(allow_private=True, resolver=loopback_dns)
    async with FeedClient(guard=guard, user_agent=USER_AGENT) as client:
        result = await fetch(client, f"https://{NAME}:{tls_server.port}/feed")
    assert result.error == "TLS certificate error: self-signed certificate"
