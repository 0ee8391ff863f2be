"""An operator's first hour: every configuration, data-folder and port error is one line naming the fix.

Each case is the real `feedhook` process (python -m app), as an operator runs it: one line on the terminal,
naming the FEEDHOOK_* variable or the path, and no traceback.
"""

from __future__ import annotations

import asyncio
import os
import socket
import sys
from pathlib import Path

import pytest

from tests.test_cli import cli_env


async def _fails(tmp_path: Path, *args: str, **settings: str) -> str:
    """The output of `feedhook ARGS` that must fail: asserts a non-zero exit, one line, no traceback."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "app",
        *args,
        cwd=tmp_path,
        env=cli_env(tmp_path, **settings) | {"COLUMNS": "80"},  # a narrow terminal must not wrap the line
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(), timeout=120)
    text = output.decode()
    assert process.returncode not in (0, None), text
    assert "Traceback" not in text
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    return lines[0]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


async def test_an_invalid_log_level_names_the_variable_and_the_levels(tmp_path: Path) -> None:
    line = await _fails(tmp_path, "serve", "--port", str(_free_port()), log_level="LOUD")
    assert "FEEDHOOK_LOG_LEVEL" in line
    assert "DEBUG, INFO, WARNING, ERROR, CRITICAL" in line


@pytest.mark.parametrize("days", ["a week", "0"])
async def test_a_bad_inbox_retention_names_the_variable_on_one_line(tmp_path: Path, days: str) -> None:
    line = await _fails(tmp_path, "serve", "--port", str(_free_port()), inbox_retention_days=days)
    assert line.startswith("configuration error: FEEDHOOK_INBOX_RETENTION_DAYS ")
    assert "number" in line or "greater than 0" in line


async def test_a_data_path_through_a_file_names_the_file_and_the_variable(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("not a folder")
    line = await _fails(
        tmp_path, "serve", "--port", str(_free_port()), database_url=f"sqlite:///{tmp_path / 'afile' / 'x' / 'f.db'}"
    )
    assert f"passes through the file {tmp_path / 'afile'}" in line
    assert "FEEDHOOK_DATABASE_URL" in line
    line = await _fails(tmp_path, "serve", "--port", str(_free_port()), data_dir=str(tmp_path / "afile"))
    assert f"{tmp_path / 'afile'} is a file" in line
    assert "FEEDHOOK_DATA_DIR" in line


async def test_an_unwritable_data_folder_names_the_path_and_the_variable(tmp_path: Path) -> None:
    if os.geteuid() == 0:  # root writes anywhere permissions allow nothing: a pseudo file system refuses it
        folder = Path("/proc/feedhook-data")
    else:
        folder = tmp_path / "locked"
        folder.mkdir(mode=0o500)
    line = await _fails(tmp_path, "serve", "--port", str(_free_port()), data_dir=str(folder))
    assert f"cannot write in the data folder {folder}" in line
    assert "FEEDHOOK_DATA_DIR" in line


async def test_a_port_in_use_is_found_before_anything_touches_the_database(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        line = await _fails(tmp_path, "serve", "--port", str(port))
    assert f"port {port} on 127.0.0.1 is in use" in line
    assert "--port" in line
    assert not (tmp_path / "cli.db").exists()  # no migration, poller, resolver or delivery worker ran
    assert not (tmp_path / "secrets.json").exists()


async def test_a_bad_setting_under_openapi_is_one_line(tmp_path: Path) -> None:
    line = await _fails(tmp_path, "openapi", max_body_bytes="12")
    assert "FEEDHOOK_MAX_BODY_BYTES" in line


async def test_a_public_url_without_a_scheme_is_refused(tmp_path: Path) -> None:
    line = await _fails(tmp_path, "ifttt", public_url="news.example.org")
    assert "FEEDHOOK_PUBLIC_URL needs a scheme" in line


async def test_ifttt_base_url_without_a_scheme_is_refused(tmp_path: Path) -> None:
    line = await _fails(tmp_path, "ifttt", "--base-url", "news.example.org")
    assert "--base-url needs a scheme" in line
    assert "https://news.example.org" in line


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/feed.xml", "http://10.1.2.3/feed.xml"])
async def test_a_refused_loopback_or_lan_feed_names_the_setting_that_allows_it(tmp_path: Path, url: str) -> None:
    line = await _fails(tmp_path, "feeds", "add", url, allow_private_networks="false")
    assert "non-public address" in line
    assert "FEEDHOOK_ALLOW_PRIVATE_NETWORKS=true" in line


async def test_cleanup_says_which_setting_turns_retention_on(tmp_path: Path) -> None:
    line = await _fails(tmp_path, "cleanup")
    assert "FEEDHOOK_RETENTION_DAYS" in line
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "app",
        "cleanup",
        cwd=tmp_path,
        env=cli_env(tmp_path, retention_days="30"),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(), timeout=120)
    assert process.returncode == 0, output
    assert output.decode().strip() == "0 items stored more than 30 days ago deleted"
