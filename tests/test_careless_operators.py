"""Settings a careless operator may give: refused at start in one line, or kept safe whatever they say."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import pytest
from pydantic import ValidationError

from app.config import Settings
from app.errors import BlockedURL
from app.net.guard import OutboundGuard
from tests.test_cli import cli_env, run_feedhook

GOOD = "a-long-enough-secret-0123"


@pytest.mark.parametrize(
    ("name", "value", "reason"),
    [
        ("webhook_token", f" {GOOD}", "whitespace"),
        ("webhook_token", f"{GOOD}\n", "whitespace"),
        ("api_key", f"{GOOD} ", "whitespace"),
        ("api_key", "q7", "too short"),
        ("webhook_token", "abc", "too short"),
    ],
)
def test_a_secret_that_could_never_match_or_be_guessed_is_refused(
    tmp_path: Path, name: str, value: str, reason: str
) -> None:
    with pytest.raises(ValidationError, match=reason) as refused:
        Settings(_env_file=None, data_dir=tmp_path, **{name: value})  # type: ignore[arg-type]
    assert value.strip() not in str(refused.value)  # never printed, even in the error


async def test_serve_refuses_a_bad_secret_in_one_line_without_printing_it(tmp_path: Path) -> None:
    env = cli_env(tmp_path, api_key="x", webhook_token=f"  {GOOD}")
    output = await run_feedhook(env, tmp_path, "serve", "--port", "1", check=False)
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1, output
    assert "FEEDHOOK_API_KEY" in lines[0]
    assert "FEEDHOOK_WEBHOOK_TOKEN" in lines[0]
    assert GOOD not in output
    assert "Traceback" not in output


ALWAYS_REFUSED = [
    "169.254.169.254",
    "169.254.0.1",
    "100.100.100.200",
    "0.0.0.0",
    "0.1.2.3",
    "224.0.0.1",
    "239.255.255.250",
    "255.255.255.255",
    "::",
    "fe80::1",
    "ff02::1",
    "fd00:ec2::254",
    "::ffff:169.254.169.254",
    "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
]
PRIVATE = ["127.0.0.1", "10.1.2.3", "192.168.1.10", "172.16.0.5", "100.64.0.1", "::1", "fc00::1"]


@pytest.mark.parametrize("address", ALWAYS_REFUSED)
async def test_metadata_link_local_unspecified_and_multicast_stay_refused_with_private_networks_allowed(
    address: str,
) -> None:
    guard = OutboundGuard(allow_private=True)
    with pytest.raises(BlockedURL):
        await guard.addresses(address, 80)
    with pytest.raises(BlockedURL):
        await guard.check_url(f"http://{'[' + address + ']' if ':' in address else address}/feed.xml")


@pytest.mark.parametrize("address", PRIVATE)
async def test_private_networks_stay_reachable_when_allowed(address: str) -> None:
    assert await OutboundGuard(allow_private=True).addresses(address, 80) == [ipaddress.ip_address(address)]


async def test_a_name_resolving_to_metadata_is_refused_with_private_networks_allowed() -> None:
    async def resolver(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
        return [ipaddress.ip_address("10.0.0.1"), ipaddress.ip_address("169.254.169.254")]

    with pytest.raises(BlockedURL):
        await OutboundGuard(allow_private=True, resolver=resolver).addresses("metadata.internal", 80)
