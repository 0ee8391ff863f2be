"""Builders for webhook bodies in every form IFTTT sends, from the real sample and from generated stories."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

SAMPLE_POST = Path(__file__).parent / "fixtures" / "ifttt-blogger-post.txt"


@dataclass(frozen=True)
class Story:
    headline: str
    bullets: list[str]
    paragraphs: list[str]
    link: str
    feed_title: str = "Business Insider"
    published: str = "February 25, 2021 at 09:14PM"
    noise_bullets: list[str] = field(default_factory=list)
    noise_paragraphs: list[str] = field(default_factory=list)

    def html(self) -> str:
        """EntryContent as Business Insider's feed carries it: bullets list, paragraphs, trailer."""
        items = "".join(f"<li>{html.escape(b, quote=False)}</li>" for b in self.bullets + self.noise_bullets)
        paragraphs = "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in self.paragraphs)
        trailer = "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in self.noise_paragraphs)
        return f'<ul class="summary-list">{items}</ul>\n{paragraphs}\n{trailer}'

    def fields(self) -> dict[str, str]:
        return {
            "title": self.headline,
            "url": self.link,
            "content": self.html(),
            "published": self.published,
            "feed_title": self.feed_title,
        }

    def json_valid(self) -> bytes:
        return json.dumps(self.fields()).encode()

    def json_pasted_raw(self) -> bytes:
        """What IFTTT sends when ingredients are pasted unescaped into a JSON template."""
        template = (
            '{\n  "title": "%(title)s",\n  "url": "%(url)s",\n  "content": "%(content)s",\n'
            '  "published": "%(published)s",\n  "feed_title": "%(feed_title)s"\n}'
        )
        return (template % self.fields()).encode()

    def json_ifttt_names_curly(self) -> bytes:
        """Ingredient names as keys, curly quotes typed around them, raw values."""
        f = self.fields()
        return (
            f"{{“EntryTitle”: ”{f['title']}”, “EntryUrl”: ”{f['url']}”,\n"
            f"“EntryContent”: ”{f['content']}”, “EntryPublished”: ”{f['published']}”, "
            f"“FeedTitle”: ”{f['feed_title']}”}}"
        ).encode()

    def form_encoded(self) -> bytes:
        return urlencode(self.fields()).encode()

    def form_raw(self) -> bytes:
        return "&".join(f"{key}={value}" for key, value in self.fields().items()).encode()

    def text_fields(self) -> bytes:
        f = self.fields()
        return (
            f"Title: {f['title']}\nURL: {f['url']}\nPublished: {f['published']}\n"
            f"Source: {f['feed_title']}\nContent: {f['content']}\n"
        ).encode()

    def rendered_post(self) -> bytes:
        """The item as an RSS → blog applet renders it, footer and page chrome included."""
        lines = [self.headline]
        lines += [f"- {bullet}" for bullet in self.bullets + self.noise_bullets]
        lines += self.paragraphs + self.noise_paragraphs
        lines += [f"from {self.feed_title} {self.link}", "via IFTTT", "Comments", "Post a Comment"]
        return "\n".join(lines).encode()


def sample_story() -> Story:
    """The real sample, split into what is data and what is noise."""
    lines = SAMPLE_POST.read_text(encoding="utf-8").splitlines()
    bullets = [line[2:] for line in lines[1:5]]
    return Story(
        headline=lines[0],
        bullets=bullets[:3],
        noise_bullets=bullets[3:],
        paragraphs=lines[5:12],
        noise_paragraphs=[lines[12]],
        link="https://ift.tt/3r0axg6",
    )


def generated_story(number: int, *, published: str | None = None) -> Story:
    """A distinct, realistic story (its own link, words and date) for volume tests."""
    topic = f"topic{number:05d}"
    return Story(
        headline=f"Story {number}: markets react as {topic} shifts the outlook",
        bullets=[f"Key point one about {topic}.", f"Key point two, number {number}."],
        paragraphs=[
            f"Paragraph one of story {number} explains what happened with {topic} on Thursday.",
            f'"It was unexpected," said an analyst quoted in story {number}.',
            "A third paragraph adds background and context for readers.",
        ],
        noise_bullets=["Visit the Business section of Insider for more stories."],
        link=f"https://www.businessinsider.com/story-{number}-{topic}-2021-2",
        published=published or f"February {1 + number % 28}, 2021 at {1 + number % 12:02d}:{number % 60:02d}PM",
    )


def rss_feed(stories: list[Story], *, title: str = "Business Insider", ttl: int | None = None) -> bytes:
    """An RSS 2.0 document carrying the stories as Business Insider's feed does (HTML in description)."""
    items = []
    for number, story in enumerate(stories):
        items.append(
            "<item>"
            f"<title>{html.escape(story.headline)}</title>"
            f"<link>{html.escape(story.link)}</link>"
            f'<guid isPermaLink="false">{html.escape(story.link)}#guid</guid>'
            f"<pubDate>Thu, {10 + number % 18:02d} Feb 2021 21:14:00 +0000</pubDate>"
            f"<description>{html.escape(story.html())}</description>"
            "</item>"
        )
    ttl_element = f"<ttl>{ttl}</ttl>" if ttl is not None else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{html.escape(title)}</title><link>https://www.businessinsider.com</link>{ttl_element}"
        + "".join(items)
        + "</channel></rss>"
    ).encode()
