"""A republished post's closing credit gives the story's link and its publisher."""

from __future__ import annotations

import orjson
import pytest

from app.ingest.credits import credited_origin
from app.ingest.payload import parse_payload


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            '<p>Las familias caminan seis horas.</p>\n<p>Fuente: <a href="https://raichali.example/2026/02/09/clinicas/">'
            "Raíchali</a></p>",
            ("https://raichali.example/2026/02/09/clinicas/", "Raíchali"),
        ),
        (
            "<p>Unas 3 000 personas marcharon.</p>\n<!-- wp:paragraph -->\n"
            "<p><em>Esta nota fue publicada originalmente en "
            '<a href="https://agenciapresentes.example/2026/06/28/marcha/">Agencia Presentes</a> '
            "y se reproduce con licencia Creative Commons.</em></p>\n<!-- /wp:paragraph -->",
            ("https://agenciapresentes.example/2026/06/28/marcha/", "Agencia Presentes"),
        ),
        (
            '<p>Story.</p><p>This article was originally published by <a href="https://grist.example/climate/a-1/">Grist'
            "</a>.</p>",
            ("https://grist.example/climate/a-1/", "Grist"),
        ),
        # the host is read without a user or a port
        (
            '<p>Story.</p><p>Source: <a href="https://feeds@raichali.example:8443/2026/a-1/">Raíchali</a></p>',
            ("https://feeds@raichali.example:8443/2026/a-1/", "Raíchali"),
        ),
    ],
)
def test_a_closing_credit_gives_where_the_story_first_ran(content: str, expected: tuple[str, str]) -> None:
    assert credited_origin(content) == expected


@pytest.mark.parametrize(
    "content",
    [
        # a link in the story's last sentence is the story's own
        '<p>Story.</p><p>The report is <a href="https://gov.example/reports/2026-a.pdf">online</a>.</p>',
        # a source's label before a site's home page is no story's link
        '<p>Story.</p><p>Source: <a href="https://raichali.example/">Raíchali</a></p>',
        # a credit that is not the last paragraph
        '<p>Source: <a href="https://raichali.example/2026/a-1/">Raíchali</a></p><p>More story.</p>',
        # a cited post, document or table: its words name no site of its own
        '<p>Story.</p><p>Via <a href="https://x.example/jdoe/status/1800000000">@jdoe</a></p>',
        '<p>Story.</p><p>Source: <a href="https://data.census.example/table/ACS-S1701">ACS 2024 table S1701</a></p>',
        # a story's sentence about where something first ran
        '<p>Story.</p><p>The letter was first published by <a href="https://www.politico.example/news/2026/a-1">'
        "Politico</a>, which obtained it.</p>",
        '<p>Story.</p><p>The study was first published in <a href="https://www.nature.example/articles/s41586-1">Nature'
        "</a> on Wednesday.</p>",
    ],
)
def test_other_endings_are_no_credit(content: str) -> None:
    assert credited_origin(content) is None


def test_a_post_without_a_link_takes_its_credits_link_and_name() -> None:
    body = {
        "kind": "blogger#post",
        "title": "En la Sierra Tarahumara, las clínicas móviles dejaron de subir",
        "content": '<p>Historia.</p>\n<p>Fuente: <a href="https://raichali.example/2026/02/09/clinicas/">Raíchali</a></p>',
    }
    fields = dict(parse_payload(orjson.dumps(body), "application/json").fields)
    assert (fields["url"], fields["feed_title"]) == ("https://raichali.example/2026/02/09/clinicas/", "Raíchali")
    body["url"] = "https://blog.example/2026/02/clinicas.html"
    fields = dict(parse_payload(orjson.dumps(body), "application/json").fields)
    assert (fields["url"], fields.get("feed_title")) == ("https://blog.example/2026/02/clinicas.html", None)
