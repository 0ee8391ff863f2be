"""The applet doctor's template reads back cleanly, whatever an ingredient holds."""

from __future__ import annotations

import re

from app.ingest.payload import parse_payload
from app.ui.doctor import CLEAN_CONTENT_TYPE, clean_template, repairs

NASTY = {
    "title": 'Mayor says "no" & means it',
    "url": "https://example.org/a?b=1&c=2",
    "content": 'He said: "never".\nauthor: not a field\n{"json": true} & a=b',
}


def test_a_repaired_body_gets_a_template_that_arrives_clean() -> None:
    broken = '{"title": "Mayor says "no" & means it", "url": "https://example.org/a?b=1&c=2", "content": "x"}'
    payload = parse_payload(broken.encode(), "application/json")
    assert payload.form == "json-lenient"
    template = clean_template(payload.form)
    assert template is not None
    # IFTTT fills the ingredients verbatim: the filled template must read back to the same fields.
    filled = template.replace("{{EntryTitle}}", NASTY["title"]).replace("{{EntryUrl}}", NASTY["url"])
    filled = filled.replace("{{EntryContent}}", NASTY["content"])
    filled = re.sub(r"\{\{\w+\}\}", "", filled)  # ingredients the feed leaves empty
    again = parse_payload(filled.encode(), CLEAN_CONTENT_TYPE)
    assert again.form == "text-fields"
    assert {name: again.fields.get(name) for name in NASTY} == NASTY


def test_a_clean_body_needs_no_doctor() -> None:
    payload = parse_payload(b'{"title": "Fine", "content": "All good."}', "application/json")
    assert payload.form == "json"
    assert clean_template(payload.form) is None


def test_repairs_name_the_broken_json_and_a_sniffed_type() -> None:
    assert repairs("json", "application/json") == []
    assert repairs("json-lenient", "application/json; charset=utf-8") == [
        "broken JSON: a value held raw quotes, newlines or other characters JSON must escape"
    ]
    form = parse_payload(b"title=Hello&url=https%3A%2F%2Fexample.org%2F", "application/json")
    assert form.form == "form"
    assert repairs(form.form, "application/json") == [
        "sent as application/json but read as form: the content type was sniffed from the body"
    ]
    assert repairs("text-fields", None) == []
