"""deploy/compose.yaml stays runnable: valid YAML, and every command it runs is a real feedhook command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

COMPOSE = Path(__file__).parent.parent / "deploy" / "compose.yaml"


def _commands() -> list[list[str]]:
    services = yaml.safe_load(COMPOSE.read_text())["services"]
    return [service["command"] for service in services.values() if service.get("command", [""])[0] == "feedhook"]


def test_compose_file_has_the_documented_roles() -> None:
    services = yaml.safe_load(COMPOSE.read_text())["services"]
    assert {"postgres", "migrate", "api", "poller"} <= set(services)
    assert services["api"]["deploy"]["replicas"] >= 2
    assert "--no-migrate" in services["api"]["command"]
    assert services["api"]["environment"]["FEEDHOOK_DATABASE_URL"].startswith("postgresql+asyncpg://")


@pytest.mark.parametrize("command", _commands(), ids=lambda command: " ".join(command[:2]))
def test_every_compose_command_is_accepted_by_the_cli(command: list[str]) -> None:
    # --help after the options: typer validates the subcommand and option names, then prints help.
    result = subprocess.run(
        [sys.executable, "-m", "app", *command[1:], "--help"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
