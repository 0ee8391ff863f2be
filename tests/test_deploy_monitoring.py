"""deploy/'s Grafana dashboard and Prometheus alerts name only metrics /metrics serves; the systemd unit runs
a real feedhook command."""

from __future__ import annotations

import configparser
import json
import re
import subprocess
import sys
from pathlib import Path

import httpx
import yaml

from tests.conftest import API_KEY
from tests.feeds.server import LoopbackServer, Response
from tests.samples import generated_story, rss_feed

DEPLOY = Path(__file__).parent.parent / "deploy"
METRIC = re.compile(r"\bfeedhook_[a-z0-9_]+")
SUFFIXES = ("_bucket", "_sum", "_count", "_created")


def _dashboard_names() -> set[str]:
    dashboard = json.loads((DEPLOY / "grafana-dashboard.json").read_text())
    expressions = [target["expr"] for panel in dashboard["panels"] for target in panel["targets"]]
    return {name for expr in expressions for name in METRIC.findall(expr)}


def _alert_names() -> set[str]:
    rules = yaml.safe_load((DEPLOY / "prometheus-alerts.yml").read_text())
    expressions = [rule["expr"] for group in rules["groups"] for rule in group["rules"]]
    return {name for expr in expressions for name in METRIC.findall(expr)}


async def _served_names(client: httpx.AsyncClient) -> set[str]:
    """Every series name /metrics shows: families from HELP lines (a labelled family with no sample yet
    shows only those), and sample names."""
    text = (await client.get("/metrics")).text
    families = set(re.findall(r"^# HELP (\S+)", text, re.M))
    samples = set(re.findall(r"^(feedhook_[a-z0-9_]+)", text, re.M))
    names = families | samples
    # A histogram's HELP names the family; its series are the family plus a suffix.
    return names | {family + suffix for family in families for suffix in SUFFIXES}


async def test_every_metric_the_dashboard_and_alerts_name_is_served(client: httpx.AsyncClient) -> None:
    served = await _served_names(client)
    named = _dashboard_names() | _alert_names()
    assert len(named) >= 10
    assert {"feedhook_feed_polls_total", "feedhook_feed_error_streak", "feedhook_quarantine_size"} <= named
    assert named - served == set()


async def test_the_backlog_gauges_read_the_database(client: httpx.AsyncClient, auth: dict[str, str]) -> None:
    refused = await client.post("/v1/webhooks/ifttt", json={"author": "no title"}, headers=auth)
    assert refused.status_code == 422
    text = (await client.get("/metrics")).text
    assert re.search(r"^feedhook_quarantine_size 1\.0$", text, re.M)
    assert re.search(r"^feedhook_delivery_backlog 0\.0$", text, re.M)


def test_the_systemd_unit_runs_a_real_command() -> None:
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.read_string((DEPLOY / "feedhook.service").read_text())
    command = unit["Service"]["ExecStart"].split()
    assert command[0].endswith("/feedhook")
    result = subprocess.run(
        [sys.executable, "-m", "app", *command[1:], "--help"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


async def test_polls_are_counted_by_outcome_and_their_parse_timed(client: httpx.AsyncClient) -> None:
    admin = {"Authorization": f"Bearer {API_KEY}"}
    async with LoopbackServer("127.0.0.1") as site:
        site.route("/ok.xml", Response(200, {"Content-Type": "application/rss+xml"}, rss_feed([generated_story(1)])))
        for path in ("/ok.xml", "/missing.xml"):
            feed = (await client.post("/v1/feeds", json={"url": site.url(path)}, headers=admin)).json()
            await client.post(f"/v1/feeds/{feed['id']}/poll", headers=admin)
    text = (await client.get("/metrics")).text
    assert re.search(r'^feedhook_feed_polls_total\{outcome="ok"\} 1\.0$', text, re.M)
    assert re.search(r'^feedhook_feed_polls_total\{outcome="error"\} 1\.0$', text, re.M)
    assert re.search(r"^feedhook_feed_parse_seconds_count 1\.0$", text, re.M)  # the failed fetch parsed nothing
    assert re.search(r"^feedhook_feeds_in_error 1\.0$", text, re.M)
    assert re.search(r'^feedhook_feed_error_streak\{feed_id="2"\} 1\.0$', text, re.M)
