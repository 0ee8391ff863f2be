"""The shared IFTTT/Blogger sample comes out exactly the same in every form it can arrive in."""

from __future__ import annotations

import pytest

from app.normalize import NormalizedItem, normalize

from .support import FIXTURES, NOW, SETTINGS, GoldenCase

HEADLINE = "Biden orders airstrikes against infrastructure used by 'Iranian-backed militant groups' in Syria"
BULLETS = [
    'The US launched airstrikes Thursday night against "Iranian-backed militant groups" in Syria.',
    "The Defense Department said the strikes were carried out at the direction of President Joe Biden.",
    "The strikes came after rocket attacks targeting US forces in Iraq.",
]
BODY = [
    'US President Joe Biden ordered the military to carry out airstrikes against the assets of "Iranian-backed'
    ' militant groups" in Syria on Thursday evening, the Pentagon said in a statement.',
    "The strikes come after militants last week fired rockets that hit an Iraqi airbase used by the US"
    " military. That attack killed a US military contractor and wounded nine others.",
    "The Iranian government supports a number of militant groups in Iraq and Syria and has pledged continued"
    " retaliation for the January 2020 killing of its general, Qassim Suleimani. That assassination came after"
    " Iraqi militant groups, days earlier, had killed another US military contractor in a rocket attack.",
    "Thursday's strikes, according to defense officials, were primarily aimed at the militants'"
    ' "infrastructure," not necessarily their personnel.',
    '"Specifically, the strikes destroyed multiple facilities located at a border control point used by a number'
    " of Iranian-backed militant groups, including Kait'ib Hezbollah (KH) and Kait'ib Sayyid al-Shuhada (KSS),\""
    " the Pentagon said. The groups have deployed in Syria to support the regime of Bashar al-Assad, a close"
    " ally of Tehran.",
    '"The operation sends an unambiguous message: President Biden will act to protect American and Coalition'
    " personnel. At the same time, we have acted in a deliberate manner that aims to de-escalate the overall"
    ' situation in both eastern Syria and Iraq."',
    "The incident comes as the Biden administration is also seeking to engage Iran in diplomacy as part of an"
    " effort to restore the 2015 nuclear deal scuttled by former President Donald Trump. Last week, the US State"
    " Department said it would attend multiparty talks \"to discuss a diplomatic way forward on Iran's nuclear"
    ' program."',
]
FORMS = [
    "bi-sample-text-titled.txt",  # (a) title = line 1, content = the rest, as text
    "bi-sample-text-untitled.txt",  # (b) the whole file as text, no title
    "bi-sample-html-feed.html",  # (c) BI's feed HTML through IFTTT's EntryContent
    "bi-sample-html-blogger.html",  # (d) the same HTML plus the blog footer and Blogger chrome
    "bi-sample-html-blogger-plain.html",  # (d) with the chrome as plain paragraphs
    "bi-sample-webhook.json",  # a webhook JSON body carrying the text rendering
]


def _normalized(name: str) -> NormalizedItem:
    return normalize(GoldenCase(FIXTURES / "ifttt" / name).raw(), now=NOW, settings=SETTINGS)


@pytest.mark.parametrize("name", FORMS)
def test_every_form_yields_the_story_exactly(name: str) -> None:
    item = _normalized(name)
    assert item.headline == HEADLINE
    assert item.bullets == BULLETS
    assert item.body == BODY
    assert item.source == "Business Insider"
    assert item.source_link == "https://ift.tt/3r0axg6"
    assert item.url is None


def test_all_forms_are_one_story() -> None:
    items = [_normalized(name) for name in FORMS]
    assert len({item.identity for item in items}) == 1
    assert len({item.content_hash for item in items}) == 1
    assert items[0].identity == "url:https://ift.tt/3r0axg6"


@pytest.mark.parametrize("name", FORMS)
def test_no_noise_survives(name: str) -> None:
    item = _normalized(name)
    text = " ".join([item.headline or "", *item.bullets, *item.body])
    for noise in ("Visit the Business section", "news tip", "cdavis@insider.com", "via IFTTT", "from Business"):
        assert noise not in text
    assert "Comments" not in item.body
    assert "Post a Comment" not in item.body
    assert "IFTTT" not in (item.body_html or "")
    assert "news tip" not in (item.body_html or "")
