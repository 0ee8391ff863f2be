"""Distinct, realistic RSS 2.0 feeds for the poll benchmark: Business Insider-like items of about 3 KB each.

Every item has its own headline, link, GUID, author, image and words, shaped like Business Insider's feed:
key points in ``ul.summary-list`` (with the promo bullet the normalizer drops), body paragraphs, a tip
trailer, escaped HTML in ``<description>``, ``dc:creator``, ``media:thumbnail`` and categories.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

__all__ = ["feed_document", "item_xml"]

_TOPICS = (
    "airstrikes",
    "chip shortage",
    "interest rates",
    "vaccine rollout",
    "oil prices",
    "housing market",
    "crypto rally",
    "supply chains",
    "jobs report",
    "antitrust case",
    "streaming wars",
    "electric vehicles",
)
_PLACES = ("Syria", "Texas", "Brussels", "Shanghai", "Ohio", "Toronto", "Lagos", "Madrid", "Seoul", "Denver")
_PEOPLE = (
    "Charles Davis",
    "Grace Kay",
    "Aaron McDade",
    "Kate Duffy",
    "Tom Porter",
    "Ben Winck",
    "Lauren Frias",
    "Sinéad Baker",
)
_SECTIONS = ("Politics", "Markets", "Tech", "Economy", "Science", "Retail", "Transportation", "Finance")
_EPOCH = datetime(2021, 2, 25, 21, 14, tzinfo=UTC)


def _pick(options: tuple[str, ...], number: int, salt: int) -> str:
    return options[(number * 2654435761 + salt * 40503) % len(options)]


def item_xml(feed: int, index: int, *, items_per_feed: int) -> str:
    """One ``<item>`` (about 3 KB on the wire), unique across every feed of the run."""
    number = feed * items_per_feed + index
    topic, place = _pick(_TOPICS, number, 1), _pick(_PLACES, number, 2)
    author, section = _pick(_PEOPLE, number, 3), _pick(_SECTIONS, number, 4)
    slug = f"{topic.replace(' ', '-')}-{place.lower()}-story-{feed}-{index}"
    link = f"https://www.businessinsider.com/{slug}-2021-2"
    headline = f"The {topic} in {place} reshapes the outlook as officials weigh their next move (story {feed}.{index})"
    bullets = [
        f"Officials in {place} moved on Thursday night as the {topic} deepened, story {feed}.{index} reports.",
        f"The Defense Department and regulators said the steps on the {topic} were taken at the White House's request.",
        f"The decision came after weeks of pressure over the {topic}, number {number}.",
        "Visit the Business section of Insider for more stories.",
    ]
    paragraphs = [
        f"US officials ordered a response to the {topic} in {place} on Thursday evening, the agency said in a "
        f"statement, after a week in which item {number} of this feed tracked every turn of the story.",
        f"The move comes after analysts last week warned that the {topic} had hit a critical point. That warning "
        f"sent shares lower and left investors in {place} and elsewhere waiting for a clear signal.",
        f"The administration supports a number of measures on the {topic} and has pledged continued action for "
        f"the months ahead. That pledge came after lawmakers, days earlier, had demanded a plan.",
        f"Thursday's steps, according to officials, were primarily aimed at the {topic}'s underlying causes, not "
        f"necessarily at its symptoms, {author} reported from {place}.",
        f'"Specifically, the measures address multiple facilities and a number of groups involved in the {topic},"'
        f" the statement said. The groups have operated in {place} for years, with support from close allies.",
        '"The operation sends an unambiguous message: we will act to protect our people and our partners. At the '
        'same time, we have acted in a deliberate manner that aims to de-escalate the overall situation."',
        f"The incident comes as the administration is also seeking to engage its partners in diplomacy as part of "
        f"an effort to restore an agreement on the {topic} that was scuttled last year. Talks resume next week.",
        f'Last week, the State Department said it would attend multiparty talks on the {topic} "to discuss a '
        f'diplomatic way forward," and {author} will follow them from {place} for the {section} desk.',
    ]
    trailer = f"Have a news tip? Email this reporter: {author.split()[0].lower()}@insider.com"
    body = (
        '<ul class="summary-list">'
        + "".join(f"<li>{html.escape(b, quote=False)}</li>" for b in bullets)
        + "</ul>"
        + "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)
        + f"<p>{html.escape(trailer, quote=False)}</p>"
    )
    published = format_datetime(_EPOCH - timedelta(minutes=7 * number), usegmt=True)
    return (
        "<item>"
        f"<title>{html.escape(headline)}</title>"
        f"<link>{link}</link>"
        f'<guid isPermaLink="false">{slug}-guid</guid>'
        f"<pubDate>{published}</pubDate>"
        f"<dc:creator>{html.escape(author)}</dc:creator>"
        f"<category>{section}</category><category>{html.escape(topic)}</category>"
        f'<media:thumbnail url="https://i.insider.com/{number:08x}?width=1200&amp;format=jpeg"/>'
        f"<description>{html.escape(body)}</description>"
        "</item>"
    )


def feed_document(feed: int, *, items: int) -> bytes:
    """Feed number ``feed``: an RSS 2.0 document of ``items`` distinct items, newest first."""
    built = format_datetime(_EPOCH, usegmt=True)
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:media="http://search.yahoo.com/mrss/">'
        "<channel>"
        "<title>Business Insider</title>"
        "<link>https://www.businessinsider.com</link>"
        f"<description>Business Insider feed {feed}: markets, tech, politics.</description>"
        "<language>en-us</language>"
        f"<lastBuildDate>{built}</lastBuildDate>"
    )
    body = "".join(item_xml(feed, index, items_per_feed=items) for index in range(items))
    return (head + body + "</channel></rss>").encode()
