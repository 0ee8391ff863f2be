"""Regenerate app/normalize/publishers/clearurls/rules.json from the ClearURLs rule set (``data.min.json``).

The rules come from a PyPI package that ships a copy of ClearURLs' ``data.min.json`` (LGPL-3.0), read
from its wheel, not fetched from a repository::

    pip download --no-deps unalix-rev==0.9.1 -d /tmp/clearurls
    python tools/clearurls_rules.py /tmp/clearurls/unalix_rev-0.9.1-py3-none-any.whl

Kept of each provider: its ``urlPattern``, the parameter ``rules`` and ``referralMarketing`` (ClearURLs
removes both by default) and its ``exceptions``. Providers with neither (blocking or redirection-only
ones) are left out: a canonical URL never blocks or follows a link. Each provider gets the host labels
its pattern names (``amazon`` for ``…amazon(?:\\.[a-z]{2,}){1,}``), so a URL meets only the providers of
its host; a pattern that names none (the global rules' ``.*``) applies to every URL.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "app" / "normalize" / "publishers" / "clearurls" / "rules.json"
MEMBER = "unalix/package_data/rulesets/data.min.json"
_SCHEME = re.compile(r"^\^?https\?:(?:\\/|/)(?:\\/|/)")
_CLASS = re.compile(r"\[[^\]]*\]|\{[^}]*\}")
# A group that continues a label or follows a dot holds later labels: "weibo\.(cn|com)", "co(?:m|\.jp)".
_TAIL_GROUP = re.compile(r"(?<=[a-z0-9.])\((?:\?:)?[^()]*\)")
# A label the pattern spells out, not a later label of the same name ("com" in "amazon\.com").
_LABEL = re.compile(r"(?<![.\\a-z0-9-])(?<!\\\.)([a-z0-9](?:[a-z0-9]|\\-)*)")


def host_keys(pattern: str) -> list[str]:
    """The first label of each host the pattern names: ``(youtube\\.com|youtu\\.be)`` → youtube, youtu."""
    body = _SCHEME.sub("", pattern)
    if body == pattern:  # no scheme: the global ".*"
        return []
    body = _TAIL_GROUP.sub("", _CLASS.sub("", body))
    body = re.split(r"\\/|/", body, maxsplit=1)[0]
    return sorted({match.replace("\\-", "-") for match in _LABEL.findall(body)})


def convert(data: dict[str, Any], source: str) -> dict[str, Any]:
    providers: list[dict[str, Any]] = []
    universal: dict[str, Any] = {}
    for name, provider in data["providers"].items():
        rules = [*provider.get("rules", []), *provider.get("referralMarketing", [])]
        if not rules:
            continue
        entry = {
            "name": name,
            "pattern": provider["urlPattern"],
            "rules": sorted(set(rules)),
            "exceptions": provider.get("exceptions", []),
        }
        keys = host_keys(provider["urlPattern"])
        if keys:
            providers.append({**entry, "keys": keys})
        elif provider["urlPattern"] == ".*":
            universal = entry
        else:
            raise SystemExit(f"provider {name!r}: no host in {provider['urlPattern']!r}")
    return {
        "source": source,
        "license": "LGPL-3.0-or-later (ClearURLs rules); see LICENSE and NOTICE beside this file",
        "global": universal,
        "providers": providers,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("wheel", type=Path, help="a wheel holding " + MEMBER)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    with zipfile.ZipFile(args.wheel) as wheel:
        raw = wheel.read(MEMBER)
    digest = hashlib.sha256(raw).hexdigest()
    converted = convert(json.loads(raw), f"{args.wheel.name}:{MEMBER} (sha256 {digest})")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(converted, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(converted['providers'])} providers and the global rules → {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
