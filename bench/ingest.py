"""Webhook ingest under load: feedhook vs a bare FastAPI endpoint, same server settings, wrk as the client.

Each request carries a distinct ~3 KB Business Insider item (its own title and link), so every request
is a real insert with a durable commit, not a duplicate. Runs alternate between the two servers; the
figure reported is the median of the runs and the ratio of the medians.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from tests.samples import sample_story

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "bench-token-0123456789abcdef"
LUA = """
local counter = 0
local threads = 0
local template = [[%TEMPLATE%]]
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end
function request()
  counter = counter + 1
  local unique = tid .. "-" .. counter .. "-" .. math.random(1, 1000000000)
  local body = string.gsub(template, "UNIQUE", unique)
  return wrk.format("POST", "/v1/webhooks/ifttt?token=%TOKEN%", {["Content-Type"] = "application/json"}, body)
end
"""


def _body_template() -> str:
    story = sample_story()
    fields = story.fields()
    fields["title"] = fields["title"] + " UNIQUE"
    fields["url"] = "https://www.businessinsider.com/biden-airstrikes-syria-UNIQUE"
    fields["content"] += "<p>Filler paragraph to bring the item to about three kilobytes of text. " * 3 + "</p>"
    return json.dumps(fields)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve(target: list[str], env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        *target,
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
        "--loop",
        "uvloop",
        "--http",
        "httptools",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/", timeout=0.5)
            return process
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("server did not start")


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def _wrk(port: int, script: Path, seconds: int, connections: int) -> dict[str, float]:
    out = subprocess.run(
        [
            "wrk",
            "-t",
            "1",
            "-c",
            str(connections),
            "-d",
            f"{seconds}s",
            "--latency",
            "-s",
            str(script),
            f"http://127.0.0.1:{port}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    latency = dict(re.findall(r"\s+(50|99)%\s+([\d.]+\w+)", out))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    requests = re.search(r"(\d+) requests in", out)
    return {
        "rps": rps,
        "requests": float(requests.group(1)) if requests else 0.0,
        "p50_ms": _ms(latency["50"]),
        "p99_ms": _ms(latency["99"]),
        "non_2xx": float(errors.group(1)) if errors else 0.0,
    }


def _cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process so far (/proc/PID/stat fields 14 and 15)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _ms(text: str) -> float:
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()  # type: ignore[union-attr]
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run(*, rounds: int = 3, seconds: int = 10, connections: int = 64) -> dict[str, object]:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install wrk")
    work = Path(tempfile.mkdtemp(prefix="feedhook-bench-"))
    script = work / "post.lua"
    script.write_text(LUA.replace("%TEMPLATE%", _body_template()).replace("%TOKEN%", TOKEN))
    results: dict[str, list[dict[str, float]]] = {"bare": [], "feedhook": []}
    for round_number in range(rounds):
        for name in ("bare", "feedhook"):
            env = {k: v for k, v in os.environ.items() if not k.startswith("FEEDHOOK_")}
            if name == "bare":
                target = ["bench.bare:app"]
            else:
                data = work / f"data-{round_number}"
                env |= {
                    "FEEDHOOK_DATABASE_URL": f"sqlite:///{data}/feedhook.db",
                    "FEEDHOOK_WEBHOOK_TOKEN": TOKEN,
                    "FEEDHOOK_API_KEY": "bench-admin-key-0123456789",
                    "FEEDHOOK_LOG_LEVEL": "WARNING",
                    # As docs/benchmarks.md §1 says: the webhook path alone, as in bench/reads.py.
                    "FEEDHOOK_POLLER": "false",
                    "FEEDHOOK_RESOLVE_SHORTLINKS": "false",
                }
                subprocess.run(
                    [sys.executable, "-m", "app", "migrate"], cwd=ROOT, env=env, check=True, capture_output=True
                )
                target = ["app.main:create_app", "--factory"]
            port = _free_port()
            server = _serve(target, env, port)
            try:
                # CPU per request: on a shared machine, far steadier than requests per second.
                cpu_before = _cpu_seconds(server.pid)
                result = _wrk(port, script, seconds, connections)
                cpu = _cpu_seconds(server.pid) - cpu_before
                result["cpu_us_per_request"] = cpu * 1e6 / max(1.0, result["requests"])
                results[name].append(result)
            finally:
                _stop(server)
    summary: dict[str, object] = {}
    for name, runs in results.items():
        summary[name] = {key: statistics.median(run[key] for run in runs) for key in runs[0]} | {"runs": runs}
    bare_rps = summary["bare"]["rps"]  # type: ignore[index]
    summary["ratio"] = summary["feedhook"]["rps"] / bare_rps  # type: ignore[index]
    shutil.rmtree(work, ignore_errors=True)
    return summary


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
