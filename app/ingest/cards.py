"""Chat services' cards and notifications (Slack, Teams, Google Chat, Telegram, ntfy, Pushover …) read as an item."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, TypeGuard

from app.ingest.owned import IFTTT_DATE, PICTOGRAPHS, PICTURE_FILE, TAG, spelled_masthead, spells_host

__all__ = ["Card", "chat_card", "footer_date", "linked_title", "marked_html"]


@dataclass
class Card:
    """What a card shows: the item's title, link, text (HTML), picture, labelled facts and footer lines; and the
    message's own line over it (``notice``), ``notice_shown`` when the service prints it beside the card (Google
    Chat) rather than only in notifications (Slack's ``text`` beside ``blocks``); ``name``, the site or channel
    the card names as its sender ("Read on Heatmap", a Teams card's activity title over its own title);
    ``heading``, a notification's title over the item's ("Adam Something" over a headline, "New from Drachinifel")."""

    title: str = ""
    url: str = ""
    content: str = ""
    image: str = ""
    facts: list[tuple[str, str]] = field(default_factory=list)
    footer: list[str] = field(default_factory=list)
    notice: str = ""
    notice_shown: bool = False
    name: str = ""
    heading: str = ""


_SLACK_BLOCKS = frozenset({"section", "header", "context", "image", "actions", "divider", "rich_text", "video"})
_ADAPTIVE = "application/vnd.microsoft.card.adaptive"
_MAX_ELEMENTS = 200  # elements looked at, at most: a card shows a screenful


def chat_card(message: dict[str, Any]) -> Card | None:
    """The card a chat service's message body shows, by the service's own shape; None for any other body, and for
    a card that gives neither a title nor a link (its text is read as a text post is)."""
    card = _card(message)
    if card is None or not (card.title or card.url):
        return None
    return card


def linked_title(text: str) -> Card | None:
    """A chat message's text that opens with its title as a Markdown link ("**[Title](https://…)**\\nsummary", as
    Mattermost, Rocket.Chat, Matrix and Discord bots post a feed's item): its title, link and the text after it."""
    card = Card()
    paragraphs = _titled(card, _paragraphs(_marked(text.strip())))
    if not (card.title and card.url):
        return None
    card.content = _as_html(paragraphs)
    return card


def _card(message: dict[str, Any]) -> Card | None:
    blocks = message.get("blocks")
    if _is_slack_blocks(blocks):
        return _slack(blocks, message.get("text"))
    if str(message.get("@type", "")).casefold() == "messagecard" or _connector_card(message):
        return _message_card(message)
    if message.get("type") == "AdaptiveCard":
        return _adaptive(message)
    attachments = message.get("attachments")
    if isinstance(attachments, list):
        for attachment in attachments[:_MAX_ELEMENTS]:
            if isinstance(attachment, dict) and attachment.get("contentType") == _ADAPTIVE:
                inner = attachment.get("content")
                return _adaptive(inner) if isinstance(inner, dict) else None
            if isinstance(attachment, dict) and _is_slack_blocks(attachment.get("blocks")):
                return _slack(attachment["blocks"], message.get("text"))
    google = message.get("cardsV2", message.get("cards"))
    if isinstance(google, list) and google and all(isinstance(entry, dict) for entry in google):
        return _google_chat(google, message.get("text"))
    if "chat_id" in message and isinstance(message.get("text", message.get("caption")), str):
        return _telegram(message)
    if (update := _update_message(message)) is not None:
        return _telegram(update)
    if isinstance(message.get("thread"), dict) and isinstance(message.get("text"), str):
        return _google_chat_text(message["text"])  # a Google Chat message in a thread: its text alone
    return _notification(message) or _sent_text(message)


# What a chat service's incoming webhook takes beside the message's text: how the sender is shown and where the
# message goes (Slack's and Mattermost's "username", "icon_emoji", Rocket.Chat's "alias" and "emoji", Discord's
# "avatar_url" and "tts"), never the item.
_SENDER_KEYS = frozenset(
    {"username", "icon_emoji", "icon_url", "avatar_url", "alias", "emoji", "avatar", "channel", "tts", "embeds",
     "allowed_mentions", "mrkdwn", "link_names", "unfurl_links", "unfurl_media", "parse", "flags", "thread_name"}
)  # fmt: skip


def _sent_text(message: dict[str, Any]) -> Card | None:
    """A chat message that is its text alone beside its sender's looks (Slack's, Mattermost's, Rocket.Chat's or
    Google Chat's "text", Discord's "content" without embeds), read in the service's markup: a card only when the
    text opens with a strong or linked title ("*Title*\n<https://…|Read more>", "📰 | **Title**")."""
    key = "text" if "text" in message else "content"
    text = message.get(key)
    if not isinstance(text, str) or message.get("embeds") or not message.keys() - {key} <= _SENDER_KEYS:
        return None
    card = Card()
    # Slack's links ("<https://…|words>") mark its mrkdwn; bare ones ("<https://…>") beside "**" are Discord's
    links = [found[2] for found in _SLACK_LINKS.finditer(text)]
    slack = bool(links) and ("**" not in text or any(words is not None for words in links))
    marked = _from_mrkdwn(text) if slack else _marked(text)
    card.content = _as_html(_titled(card, _paragraphs(marked)))
    # a title of words ("✅ **Done**", a link alone: a chat's own message; Chinese and Japanese write no spaces)
    worded = len(card.title.split()) >= _TITLE_WORDS or len(_CJK_CHARS.findall(card.title)) >= _CJK_TITLE_CHARS
    return card if worded and "://" not in card.title else None


_TITLE_WORDS = 2
_CJK_CHARS = re.compile(r"[\u3400-\u9fff]")  # (Han only: kana greetings, Hangul with its spaces)
_CJK_TITLE_CHARS = 4


def _connector_card(message: dict[str, Any]) -> bool:
    """A connector card sent without its "@type" (pymsteams): sections of activities or actions to open, beside
    the card's colour or summary."""
    sections, actions = _list(message.get("sections")), _list(message.get("potentialAction"))
    shaped = any("activityTitle" in section or "facts" in section for section in sections) or any(
        "@type" in action for action in actions
    )
    return shaped and bool(message.keys() & {"themeColor", "summary", "@context"})


def _is_slack_blocks(blocks: Any) -> TypeGuard[list[dict[str, Any]]]:
    return (
        isinstance(blocks, list)
        and bool(blocks)
        and all(isinstance(block, dict) and block.get("type") in _SLACK_BLOCKS for block in blocks)
    )


def _text(value: Any) -> str:
    """A text object's text ({"type": "mrkdwn", "text": …}) or a string; "" for anything else."""
    if isinstance(value, dict):
        value = value.get("text")
    return value.strip() if isinstance(value, str) else ""


# --- the services' markup as HTML -------------------------------------------------------------------------------

# Slack's mrkdwn: "<https://…|text>" links, "*bold*", "_italic_", "~struck~"; "&", "<" and ">" arrive escaped.
_SLACK_LINKS = re.compile(r"<(https?://[^\s|<>]{1,2000})(?:\|([^<>]{0,300}))?>")
_SLACK_QUOTED = re.compile(r"(?m)^[ \t]{0,3}>(?:>>)?[ \t]?(?=\S)")  # (a literal ">" comes escaped: "&gt;")
_SLACK_BOLD = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]{1,300}?)(?<=\S)\*(?![\w*])")
_SLACK_ITALIC = re.compile(r"(?<![\w_])_(?=\S)([^_\n]{1,300}?)(?<=\S)_(?![\w_])")
_SLACK_STRUCK = re.compile(r"(?<![\w~])~(?=\S)([^~\n]{1,300}?)(?<=\S)~(?![\w~])")
_SLACK_MENTIONS = re.compile(r"<[!@#][^<>]{0,300}>")
_SLACK_EMOJI = re.compile(r"(?<![\w:/]):[a-z0-9_+-]{1,40}:(?![\w/])[ \t]?")  # ":rotating_light: " a client draws


def _from_mrkdwn(text: str) -> str:
    text = _SLACK_EMOJI.sub("", _SLACK_MENTIONS.sub("", text.replace("\x00", "")))
    links: list[str] = []
    # (a link's words may be emphasized themselves: "<https://…|*Title*>")
    text = _SLACK_LINKS.sub(lambda m: _held(links, m[1], _emphasized(m[2]) if m[2] else html.escape(m[1])), text)
    if "```" not in text:  # (in a code block a "`" and a ">" are the code's)
        text = _MD_CODE.sub(lambda m: _held_code(links, m[1]), text)  # inline code ("the new `core26` base")
        text = _SLACK_QUOTED.sub("", text)  # ">" quoting a line: its text
    text = _SLACK_BOLD.sub(r"<b>\1</b>", text)
    text = _SLACK_STRUCK.sub(r"<s>\1</s>", text)
    return _restored(links, _SLACK_ITALIC.sub(r"<i>\1</i>", text))


def _emphasized(words: str) -> str:
    """A link's words without Slack's bold, struck and italic marks (the link is what it is: a title, a pointer)."""
    return _SLACK_ITALIC.sub(r"\1", _SLACK_STRUCK.sub(r"\1", _SLACK_BOLD.sub(r"\1", words)))


def _held(links: list[str], url: str, words: str) -> str:
    """A link set aside while emphasis is read, so that the marks in its address ("a_b_c") stay its own."""
    links.append(f'<a href="{html.escape(url)}">{words}</a>')
    return f"\x00{len(links) - 1}\x00"


def _held_code(held: list[str], code: str, tag: str = "code") -> str:
    """Inline code, or a picture ("![alt](https://…)"), set aside as its element while the rest is read."""
    held.append(f'<img src="{html.escape(html.unescape(code))}">' if tag == "img" else f"<code>{code}</code>")
    return f"\x00{len(held) - 1}\x00"


def _restored(links: list[str], text: str) -> str:
    for _ in range(3):  # a link's text may hold a held picture: "[![thumbnail](…jpg)](https://…)"
        if "\x00" not in text:
            break
        text = re.sub(r"\x00(\d+)\x00", lambda m: links[int(m[1])], text)
    return text


# Markdown as chat services take it (Telegram's MarkdownV2 and Markdown, Teams', Mattermost's and Matrix bots'
# text): "[text](https://…)", "**bold**" or "*bold*", "__italic__" or "_italic_", "`code`", "#### heading";
# MarkdownV2 escapes its marks with "\"; Google Chat's text links as Slack does ("<https://…|text>").
# (a link's words may be in brackets themselves: Reddit's "[[link]](https://…)")
_MD_LINK = re.compile(r"\[((?:[^\[\]\n]|\[[^\[\]\n]{1,60}\]){1,300})\]\(<?(https?://[^\s()<>]{1,2000})>?\)")
_MD_IMAGE = re.compile(r"!\[([^\[\]\n]{0,300})\]\((https?://[^\s()<>]{1,2000})\)")
_MD_BOLD = re.compile(r"(?<![\w*])\*\*?(?=\S)([^*\n]{1,300}?)(?<=\S)\*\*?(?![\w*])")
_MD_ITALIC = re.compile(r"(?<![\w_])__?(?=\S)([^_\n]{1,300}?)(?<=\S)__?(?![\w_])")
_MD_ESCAPE = re.compile(r"\\([_*\[\]()~`>#+\-=|{}.!\\])")
_MD_HEADING = re.compile(r"(?m)^#{1,6}[ \t]+(\S[^\n]*)$")  # (its closing marks off in the replacement: linear)
_MD_CODE = re.compile(r"`([^`\n]{1,300})`")
# "> " quoting a line, Discord's ">>> " all that follows (after escaping: "&gt; ")
_MD_QUOTED = re.compile(r"(?m)^[ \t]{0,3}(?:&gt;&gt;&gt;|&gt;)[ \t]+(?=\S)")  # (Discord quotes with the space only)


def _from_markdown(text: str) -> str:
    held: list[str] = []
    text = _SLACK_MENTIONS.sub("", text.replace("\x00", ""))
    text = _SLACK_LINKS.sub(lambda m: _held(held, m[1], html.escape(m[2] or m[1], quote=False)), text)
    text = html.escape(text, quote=False)
    text = _MD_IMAGE.sub(lambda m: _held_code(held, m[2], tag="img"), text)
    # (a link's words are held aside before the escapes come off the rest: Telegram's "[osm\\.org](…)" off too)
    text = _MD_LINK.sub(lambda m: _held(held, html.unescape(m[2]), _MD_ESCAPE.sub(r"\1", m[1])), text)
    text = _MD_CODE.sub(lambda m: _held_code(held, m[1]), text)
    text = _MD_HEADING.sub(lambda m: "<b>" + m[1].rstrip(" \t#") + "</b>", text)
    text = _MD_QUOTED.sub("", text)  # "> " quoting a line: its text
    text = _MD_BOLD.sub(r"<b>\1</b>", text)
    text = _MD_ITALIC.sub(r"<i>\1</i>", text)
    return _restored(held, _MD_ESCAPE.sub(r"\1", text))


_BLOCK_TAG = re.compile(r"<(?:p|div|h[1-6]|ul|ol|li|blockquote|table|pre)\b", re.IGNORECASE)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


_PARAGRAPHED = re.compile(r"\s*<p>(?P<inner>.*)</p>\s*", re.DOTALL)
_PARAGRAPH_ENDS = re.compile(r"</p>\s*<p>")


def _paragraphs(html_text: str) -> list[str]:
    """Inline HTML whose blank lines part its paragraphs (a chat message's text) as paragraphs' HTML; HTML that
    holds its own blocks as it is."""
    if (paragraphed := _PARAGRAPHED.fullmatch(html_text)) is not None and not _BLOCK_TAG.search(
        inner := _PARAGRAPH_ENDS.sub("\n\n", paragraphed["inner"])
    ):
        html_text = inner  # paragraphs in <p> only ("<p>…</p><p>…</p>", Matrix's and hookshot's HTML)
    if _BLOCK_TAG.search(html_text):
        return [html_text.strip()]
    return [part.strip() for part in _PARAGRAPH_BREAK.split(html_text) if part.strip()]


# A line of a list in a chat message's text: "• item", "- item", "* item" (MarkdownV2's "\\- item" unescaped).
_LIST_LINE = re.compile(r"^[ \t]*[-•*▪◦‣][ \t]+(?=\S)")
# A line wholly strong over more lines: the heading of what follows ("*What's new*\n• …").
_HEADING_LINE = re.compile(r"^<b>[^<>\n]{1,200}</b>:?$")


def _as_html(paragraphs: list[str]) -> str:
    """Paragraphs of a chat message's text as HTML: their lines apart, a run of list lines a list, a strong line
    over others a paragraph of its own."""
    out: list[str] = []
    for paragraph in paragraphs:
        if _BLOCK_TAG.match(paragraph):
            out.append(paragraph)
            continue
        lines: list[str] = []
        items: list[str] = []
        many = "\n" in paragraph
        for line in [*paragraph.split("\n"), ""]:
            listed = _LIST_LINE.match(line)
            if (listed is None or not line) and items:
                out.append("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")
                items = []
            heading = many and _HEADING_LINE.match(line.strip()) is not None
            if (listed is not None or heading or not line) and lines:
                out.append("<p>" + "<br>".join(lines) + "</p>")
                lines = []
            if listed is not None:
                items.append(line[listed.end() :].strip())
            elif heading:
                out.append(f"<p>{line.strip()}</p>")
            elif line.strip():
                lines.append(line.strip())
    return "".join(out)


# A first line that is the title: wholly strong, or wholly a link, or a strong link ("*<https://…|Title>*"), perhaps
# after the bot's pictograph ("📰 | **Title**", MonitoRSS's default); or a link after a notice ("New post in Ear
# Hustle: <a href=…>The Long Count</a>").
_TITLE_LINE = re.compile(
    r"^(?:[" + PICTOGRAPHS + r"\uFE0F]{1,4}[ \t]{0,3}[|:–—-]?[ \t]{0,3})?"
    r'(?:<(?P<strong>b|strong)>)?(?:<a href="(?P<url>[^"<>]{1,2000})">)?(?P<title>[^<>\n]{2,300})'
    r"(?(url)</a>)(?(strong)</(?P=strong)>)$"
)
_NOTICED_LINK = re.compile(
    r'^(?P<lead>[^\n]{2,160}?)\s{0,20}(?:<(?P<strong>b|strong)>)?<a href="(?P<url>[^"<>]{1,2000})">'
    r"(?P<title>[^<>\n]{2,300})</a>(?(strong)</(?P=strong)>)$"
)
_LEAD_MARKS = ":|–—-»→"
# "New" in the languages of the corpus, opening a notice.
_NEW = r"(?:new|nuev[oa]|nov[oa]|nouve(?:au|lle)|nouvel|neue?[rs]?|nieuwe?|nuov[oa]|ny(?:tt)?)"
# A notice's opening word, saying the item is new, where no mark ends it ("New on Catster <a href=…>Title</a>")
_NEW_LEAD = re.compile(
    rf"(?i)^{_NEW}\s+(?:on|in|from|at|en|"
    r"em|no|na|sur|dans|auf|bei|von|op|su|på|fra|från|\w+\s+(?:on|from|en|em|sur|auf|op|su))\s"
)
_NOTICE_WORDS = 8
# (the notice's noun after "new": "New York passes …", "New rules for …" are headlines)
_SAYS_NEW_FIRST = re.compile(
    rf"(?i)^{_NEW}\s+"
    r"(?:episode|épisode|episodio|episódio|folge|aflevering|video|vidéo|vídeo|post|article|artículo|artigo|articolo"
    r"|artikel|beitrag|story|podcast|issue|entry|nota|noticia|notícia|notizia)\b"
)
_LINKED_TITLE_WORDS = 3
# A line that only points at the link: "🎧 <a href=…>Listen</a>", "<a href=…>Read more</a> →"; "Read on Heatmap"
# names the site.
_POINTER_WORDS = 4
_LINK_ELEMENT = re.compile(r'<a href="([^"<>]+)">([^<>]*)</a>')
_MARKS = re.compile(r"[\s" + PICTOGRAPHS + r"\u2190-\u21FF\u2B00-\u2BFF\uFE0F:»›→-]+")
_POINTER_NAME = re.compile(
    r"(?i)^(?:(?:read|watch|listen|continue reading|view|see)(?: (?:more|it|now|the (?:full )?(?:story|article|post|"
    r"episode|video)))? (?:at|on)"
    # in other languages: "Leer en La Jornada Maya", "Citește pe ZIUA de Constanța", "Weiterlesen auf …", "Lire sur …"
    r"|(?:leer|lee|lea|ler|leia|lire|lisez|weiterlesen|lesen|leggi|lees|czytaj|läs|les|læs|citește|citeste)"
    r"(?: (?:más|mais|la nota|la noticia|el artículo|a matéria|o artigo|la suite|l['’]article|tutto|l['’]articolo"
    r"|verder|dalej|mer|mere|mai mult|mehr))?"
    r" (?:en|no|na|em|sur|dans|auf|bei|su|op|på|pe|în))"
    r" (?P<name>\S.{0,60})$"
)
_POINTER_NAME_WORDS = 6


def pointer_name(words: str) -> str:
    """The site a pointer's words name ("Read on The Art Newspaper"), "" for any other words and for a platform the
    item is on ("Watch on YouTube", "Listen on Spotify": the platform is no publisher)."""
    named = _POINTER_NAME.match(" ".join(words.split()))
    name = named["name"].strip(" .!") if named else ""
    # a masthead's capitalized words (a small word may join them: "ZIUA de Constanța"), never an address, a
    # language ("Leer en inglés") or "our site" ("Lire sur notre site", "Read it on my blog")
    parts = name.split()
    masthead = all(w[:1].isupper() or w[:1].isdigit() or w.casefold() in _NAME_JOINERS for w in parts)
    joined_first = bool(parts) and parts[0].casefold() in _NAME_JOINERS - _ARTICLES  # ("de Constanța" is no name)
    if not parts or not masthead or joined_first or "/" in name or name.casefold() in _LANGUAGES:
        return ""
    return "" if name.casefold() in _PLATFORMS else name


_NAME_JOINERS = frozenset(
    {"de", "del", "da", "do", "di", "du", "des", "la", "le", "el", "of", "the", "and", "&", "y", "e"}
)  # fmt: skip
_ARTICLES = frozenset({"la", "le", "el", "the"})
_LANGUAGES = frozenset(
    {"english", "español", "espanol", "français", "francais", "deutsch", "italiano", "português", "portugues",
     "nederlands", "polski", "română", "svenska", "norsk", "dansk", "русский", "українська"}
)  # fmt: skip


# Platforms a pointer names: where the item is, not whose.
_PLATFORMS = frozenset(
    {"youtube", "medium", "spotify", "apple podcasts", "soundcloud", "substack", "github", "gitlab", "reddit", "x",
     "twitter", "facebook", "instagram", "tiktok", "vimeo", "twitch", "linkedin", "mastodon", "bluesky", "threads",
     "google news", "apple news", "flipboard", "patreon", "podcasts", "the web", "web", "site", "the site", "website",
     "our website", "the website", "the blog", "our blog", "blog"}
)  # fmt: skip


def _titled(card: Card, paragraphs: list[str]) -> list[str]:
    """``paragraphs`` after the title and link a card's text opens with (Slack's "*<link|Title>*" line, Telegram's
    "<b>Title</b>", a notice then the linked title) and a byline or date line under it, taken into ``card`` where it
    has none; and without a last line only pointing at the link."""
    if paragraphs and (pictured := _PICTURE_LINE.fullmatch(paragraphs[0].strip())) is not None:
        # a picture (linked to the item) over the text: Apprise's "[![thumbnail](…jpg)](https://…)"
        card.image = card.image or html.unescape(pictured["src"])
        card.url = card.url or html.unescape(pictured["href"] or "")
        paragraphs = paragraphs[1:]
    if paragraphs and not card.title:
        first, _, rest = paragraphs[0].partition("\n")
        line = _TITLE_LINE.match(first.strip())
        noticed = _NOTICED_LINK.match(first.strip()) if line is None else None
        lead = TAG.sub("", noticed["lead"]).strip() if noticed else ""
        if (
            noticed is not None
            and (lead[-1:] in _LEAD_MARKS or _NEW_LEAD.match(lead) is not None)  # "New on Catster <link>"
            and len(noticed["title"].split()) >= 2  # "Build #123 failed: [logs](…)" links a word, not a title
            and not pointer_name(noticed["title"])
        ):
            line = noticed
            card.notice = card.notice or lead.rstrip(_LEAD_MARKS + " ")
        if line is not None and line["strong"] and not line["url"]:
            # a strong notice over the linked title: "*New on Pocket Tactics* :iphone:\n<https://…|Title>" (a link
            # that only points on, "<https://…|Read more>", leaves the strong line the title); the same over a blank
            # line, Telegram's "🎙 <b>Nouvel épisode de 2 Heures de Perdues</b>" over the linked title's paragraph, a
            # notice only ("new" and an item's noun first: a strong heading stays the title)
            over_blank = not rest and len(paragraphs) > 1
            below = rest or (paragraphs[1] if over_blank else "")
            under = _linked_title_under(line, below) if below else None
            if under is not None and (not over_blank or _notice_over_blank(line["title"], under["url"])):
                card.notice, card.notice_shown = card.notice or html.unescape(line["title"]).strip(), True
                line, rest = under, below.partition("\n")[2]
                paragraphs = paragraphs[1:] if over_blank else paragraphs
        if (line is None or not (line["strong"] or line["url"])) and rest and "<a " not in first:
            # the owner's line over the strong title: "New on Jobandtalent Engineering :rocket:" over "*<…|Title>*"
            second, _, after = rest.partition("\n")
            under = _TITLE_LINE.match(second.strip())
            if under is not None and under["strong"] and len(first.split()) <= _NOTICE_WORDS:
                card.notice, card.notice_shown = card.notice or TAG.sub("", first).strip(), True
                line, rest = under, after
        if line is not None and (line["strong"] or line["url"]):
            card.title = html.unescape(line["title"]).strip()
            card.url = card.url or html.unescape(line["url"] or "")
            paragraphs = _without_link_line(card, ([rest.strip()] if rest.strip() else []) + paragraphs[1:])
    if paragraphs and (card.title or len(paragraphs) > 1):
        # the byline or the date under the title, or over the text where the title is the message's own: "By Sameer
        # Kulkarni | 3 Dec 2026, 10:00 IST", "Автор: Илья Сомов"
        second, _, after = paragraphs[0].strip().partition("\n")
        if _dated_or_signed(card, html.unescape(TAG.sub("", second)).strip(), footer=True):
            paragraphs = ([after.strip()] if after.strip() else []) + paragraphs[1:]
    while paragraphs:
        # the link, a date or a byline closing the text, then a pointer at the link, then what stood over it
        while paragraphs and (ending := _ending(card, paragraphs[-1])) is not None:
            paragraphs = paragraphs[:-1] + ([ending] if ending else [])
        if (pointed := _without_pointer(card, paragraphs)) is None:
            break
        paragraphs = pointed
    return paragraphs


def _notice_over_blank(strong: str, url: str) -> bool:
    """A strong line over a blank line and the linked title is a notice, not the item's own title, only where it
    says so: "new" and an item's noun first ("Nouvel épisode de …"), "new" first and the name last spelling the
    link's host ("Nuevo en el blog de Tiendanube", "Novo comunicado do IPMA"), or the masthead the host spells ("📰
    Granada Hoy"), alone or with its news room's word ("🐾 RSPCA news")."""
    said = _MARKS.sub(" ", html.unescape(TAG.sub("", strong))).strip()
    if _SAYS_NEW_FIRST.match(said) or spelled_masthead(said, url):
        return True
    words = said.split()
    # ("new" first, the site's name last: "New rules on short-term rentals take effect" is a headline)
    return _NEW_FIRST.match(said) is not None and any(
        spells_host(" ".join(words[-count:]), url) for count in range(1, min(len(words), _SITE_WORDS) + 1)
    )


_SITE_WORDS = 4
_NEW_FIRST = re.compile(rf"(?i){_NEW}\s")


def _linked_title_under(line: re.Match[str], below: str) -> re.Match[str] | None:
    """The linked title on the first line of ``below`` that the strong line ``line`` stands over as its notice (a
    few words over a title of words, not over a link that only points on), or None."""
    under = _TITLE_LINE.match(below.partition("\n")[0].strip())
    if (
        under is not None
        and under["url"]
        and len(under["title"].split()) >= _LINKED_TITLE_WORDS
        and not _POINTING.search(under["title"])
        and len(line["title"].split()) <= _NOTICE_WORDS
    ):
        return under
    return None


# Words that point on to the whole story, in the languages of the corpus: "Read the story", "Leer el chequeo
# completo", "Lire la suite", "Weiterlesen", "Leggi l'articolo", "Continue reading", "Full story".
_POINTING = re.compile(
    r"(?i)\b(?:read|continue|full (?:story|article|post|report)|leer|lea|lee|leia|ler|lire|lisez|lesen|weiterlesen"
    r"|leggi|llegiu|lees|czytaj|читать|читати|more|más|mais|plus|mehr|meer|suite)\b"
)


def _without_link_line(card: Card, paragraphs: list[str]) -> list[str]:
    """``paragraphs`` without a first line that is only a link pointing at the item, under the title
    ("*Title*\n<https://…|Read the full check>"), its address taken into ``card`` where it has none."""
    if not paragraphs:
        return paragraphs
    first, _, rest = paragraphs[0].strip().partition("\n")
    links = _LINK_ELEMENT.findall(first)
    outside = _MARKS.sub(" ", TAG.sub(" ", _LINK_ELEMENT.sub(" ", first))).split()
    if len(links) != 1 or outside:
        return paragraphs
    href, words = html.unescape(links[0][0]), html.unescape(links[0][1]).strip()
    pointing = not _MARKS.sub("", words) or _POINTING.search(words) is not None or _BARE_LINK.fullmatch(words)
    if len(words.split()) > _POINTER_WORDS or not pointing or (card.url and href != card.url):
        return paragraphs  # ("Donate", "Agenda", "Join the meeting": a link of its own)
    card.url = href
    card.name = card.name or pointer_name(words)
    return ([rest.strip()] if rest.strip() else []) + paragraphs[1:]


def _dated_or_signed(card: Card, line: str, *, footer: bool = False) -> bool:
    """Take a date line, a byline (:data:`_SIGNED`) or, with ``footer``, a footer's names beside a date
    ("Martina Celli · 15 December 2026") into ``card``; whether the line was one."""
    if footer_date(line) or (footer and _byline(line) and _SIGNED.fullmatch(line) is None):
        card.footer.append(line)
    elif (signed := _SIGNED.fullmatch(line)) is not None and not any(w[:1].islower() for w in signed["name"].split()):
        # (a name's words are capitalized where the script has capitals: "Von hier aus" is no byline)
        card.facts.append(("by", signed["name"].strip()))
        if signed["when"] and (when := footer_date(signed["when"])):
            card.facts.append(("published", when))
    else:
        return False
    return True


def _without_pointer(card: Card, paragraphs: list[str]) -> list[str] | None:
    """``paragraphs`` without a last line that only points at the item's link (taken into ``card``), or None."""
    if paragraphs:
        *before, last = paragraphs[-1].split("\n")
        parts = _PARTS.split(last)
        dates = [html.unescape(TAG.sub("", part)).strip() for part in parts]
        if len(parts) > 1 and any(footer_date(date) for date in dates):  # "_2026-12-15 13:00:00_ · <a …>site</a>"
            last = " · ".join(part for part, date in zip(parts, dates, strict=True) if not footer_date(date))
            dated = [date for date in dates if footer_date(date)]
        else:
            dated = []
        links = _LINK_ELEMENT.findall(last)
        site = ""
        if len(links) == 1 and len(parts := _PARTS.split(last)) > 1:
            # the site's name beside the pointer, spelling the link's host: "<a …>Akhri warka oo dhan</a> · Puntland
            # Post"
            names = [
                part
                for part in parts
                if "<a " not in part and spells_host(html.unescape(TAG.sub("", part)), links[0][0])
            ]
            if len(names) == 1:
                site = html.unescape(TAG.sub("", names[0])).strip()
                last = " · ".join(part for part in parts if part is not names[0])
        bare = _MARKS.sub(" ", TAG.sub(" ", last)).split()
        named_pointer = len(bare) <= _POINTER_NAME_WORDS + 2 and bool(pointer_name(" ".join(bare)))
        pointing = len(bare) <= _POINTER_WORDS or named_pointer
        if len(links) == 1 and pointing and html.unescape(links[0][1]).strip() != card.title:
            card.footer += dated
            card.url = card.url or html.unescape(links[0][0])
            # only a line that is the link alone or a pointer's words goes, and never the message's only text
            # ("Deploy failed, see <a>logs</a>" is the message)
            outside = _MARKS.sub(" ", TAG.sub(" ", _LINK_ELEMENT.sub(" ", last))).split()
            alone = not outside or bool(pointer_name(" ".join(bare)))
            if html.unescape(links[0][0]) == card.url and alone and (before or paragraphs[:-1] or card.title):
                card.name = card.name or pointer_name(" ".join(bare)) or site
                return paragraphs[:-1] + (["\n".join(before)] if "".join(before).strip() else [])
    return None


_PICTURE_LINE = re.compile(r'(?:<a href="(?P<href>[^"<>]{1,2000})">)?<img src="(?P<src>[^"<>]{1,2000})">(?(href)</a>)')
_BARE_LINK = re.compile(r"https?://[^\s<>\"]{1,2000}")


def _ending(card: Card, paragraph: str) -> str | None:
    """The paragraph without its last line when that line is the item's link alone (taken as the link where the card
    has none) or its date alone ("Published: 2026-12-06T15:00:07+00:00", taken into the footer); None when it is
    neither."""
    *before, last = paragraph.split("\n")
    text = html.unescape(TAG.sub("", last)).strip()
    if _BARE_LINK.fullmatch(text) and (not card.url or text == card.url):
        card.url = text
    elif _RELAY_SIGN_OFF.fullmatch(text):
        pass  # the relay's sign-off in any language: "_Enviado via IFTTT_", "Отправлено через IFTTT"
    elif _SET_OFF.fullmatch(last.strip()) and before and _BARE_LINK.fullmatch(before[-1].strip()) and _a_name(text):
        card.name = card.name or text  # the feed's name set off under the link: "{{EntryUrl}}\n_{{FeedTitle}}_"
    elif not _dated_or_signed(
        card, text, footer=_SET_OFF.fullmatch(last.strip()) is not None and _CLOCKED.search(text) is not None
    ):
        # ("di Marco Tessarolo · 🕗 29/11/2026 08:00", "Текст: Олена Гнатюк": the byline closing a message; a line
        # set off in italics is a footer, its names beside a date and time: "_Národná banka Slovenska · November 12,
        # 2026 at 10:00AM_"; "_Hearing resumes · November 12, 2026_" is an event's line)
        return None
    return "\n".join(before).strip()


def _a_name(text: str) -> bool:
    """A few words and no sentence, date or label: a name."""
    return 0 < len(text.split()) <= _NAME_WORDS and not any(char.isdigit() or char in ".!?:;," for char in text)


_NAME_WORDS = 5
_CLOCKED = re.compile(r"[·|•][^·|•]*\d{1,2}:\d{2}[^·|•]*$")  # the last part holds a time of day
_SET_OFF = re.compile(r"<(i|em|small)>[^<>]{1,200}</\1>")
_RELAY_SIGN_OFF = re.compile(
    r"(?i)(?:sent|posted|shared|published|enviad[oa]|publicad[oa]|envoyé|publié|gesendet|veröffentlicht|inviato"
    r"|pubblicato|verzonden|wysłane|skickat|sendt|отправлено|опубликовано)"
    r"(?: automatically| automaticamente| automáticamente| automatiquement| automatisch)?"
    r" (?:via|through|with|by|from|por|pela|com|con|par|avec|über|mit|tramite|door|przez|med|från|через)"
    r" (?:ifttt|zapier|n8n)[.!]?"
)


# A byline as a chat message closes with it, in the languages of the corpus, and the date beside it.
_SIGNED = re.compile(
    r"(?:(?:(?:reported |written )?by|par|por|von|di|door|av|af|przez|от|автор|текст|tekst|teksts|بقلم|كتب)"
    r"(?:[ \t]*:[ \t]*|[ \t]+)|✍\ufe0f?[ \t]+|(?:作者|記者|记者|기자)[ \t]*[:：][ \t]*)"
    r"(?P<name>[^\W\d_][^\s·|•,.:;!?]*(?:[ \t]+[^\W\d_][^\s·|•,.:;!?]*){1,3}?|[\u3400-\u9fff\uac00-\ud7af]{2,5})"
    r"(?:[ \t]+for[ \t]+[^·|•]{2,40})?"
    r"(?:[ \t]+[·|•][ \t]+(?P<when>[^·|•]{6,60}))?",
    re.IGNORECASE,
)


# --- bylines and dates in cards' lines ----------------------------------------------------------------------------

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?"
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s+(?:[A-Z]{2,5}|[+-]\d{2}:?\d{2}))?"
# A date as a card's footer writes it, perhaps labelled: "2026-12-16T18:30:00.000Z", "2026-11-03 09:00 KST",
# "Dec 14, 2026 15:30 UTC",
# "21 Nov 2026, 16:00 UTC", "Sat, 12 Dec 2026 19:45:00 GMT", "Dec. 17, 2026, 6:05 a.m.", "Released 2026-12-01".
_FOOTER_DATE = re.compile(
    r"(?i)^(?:(?:published|posted|updated|released|uploaded|date)\s*:?\s+)?(?P<date>"
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?"
    r"(?:Z|\s*[+-]\d{2}:?\d{2}|\s+(?-i:[A-Z]{1,4}T|UTC|GMT|MSK|WIB|WITA))?)?"
    rf"|(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{{0,6}},?\s+)?(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?)"
    rf",?\s+\d{{4}}(?:,?\s+(?:at\s+)?{_TIME})?"
    r")$"
)
_PARTS = re.compile(r"(?<!\s)\s+[|•·]\s+")  # (a run of spaces tried from its start only: linear)
_BYLINE_PART_WORDS = 5


def footer_date(part: str) -> str:
    """The date a footer's part is (its label off), "" for any other text; a date in numbers as ISO 8601."""
    part = " ".join(_MARKS_FIRST.sub("", part.strip().strip("*_")).split())
    if IFTTT_DATE.fullmatch(part):
        return part
    if (numeric := _NUMERIC_DATE.fullmatch(part)) is not None:
        return _iso_date(numeric)
    dated = _FOOTER_DATE.match(part)
    return dated["date"] if dated else ""


# A date in numbers, day first as Europe writes it, and its time: "29/11/2026 08:00", "01.12.2026, 05:00 MEZ",
# "04/12/2026 à 07h00".
_NUMERIC_DATE = re.compile(
    r"(?P<first>\d{1,2})(?P<sep>[./])\s?(?P<second>\d{1,2})(?P=sep)\s?(?P<year>\d{4}),?"
    r"(?:\s+(?P<european>à|a las|às|alle|um|kl\.?|klo)?\s*(?P<hour>\d{1,2})[:h.](?P<minute>\d{2})(?:\s*(?:uhr|h))?"
    r"(?:\s*(?P<meridiem>[ap])\.?m\.?)?(?:\s+(?P<zone>[A-Z]{2,5}))?)?",
    re.IGNORECASE,
)
_MARKS_FIRST = re.compile(r"^[" + PICTOGRAPHS + r"\uFE0F\s]+")  # "🕗 29/11/2026 08:00"


def _iso_date(numeric: re.Match[str]) -> str:
    """A numeric date as ISO 8601: day first, unless only the second number can be a day ("12/31/2026")."""
    first, second = int(numeric["first"]), int(numeric["second"])
    if numeric["sep"] == "/" and first <= 12 and second <= 12 and not numeric["european"]:
        return ""  # "12/04/2026": April or December, and nothing says which
    day, month = (second, first) if numeric["sep"] == "/" and first <= 12 < second else (first, second)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return ""
    date = f"{numeric['year']}-{month:02d}-{day:02d}"
    if numeric["hour"] is None:
        return date
    hour = int(numeric["hour"])
    if numeric["meridiem"]:
        hour = hour % 12 + (12 if numeric["meridiem"] in "Pp" else 0)
    return f"{date} {hour:02d}:{numeric['minute']}" + (f" {numeric['zone']}" if numeric["zone"] else "")


def _byline(line: str) -> bool:
    """A line of a few words beside a date ("Martina Celli · 15 December 2026"), a card's byline."""
    parts = _PARTS.split(line.strip())
    return (
        len(parts) >= 2
        and any(footer_date(part) for part in parts)
        and all(len(part.split()) <= _BYLINE_PART_WORDS for part in parts)
    )


# --- Slack ------------------------------------------------------------------------------------------------------


def _slack(blocks: list[dict[str, Any]], text: Any) -> Card:
    card = Card(notice=_text(text))
    paragraphs: list[str] = []
    for block in blocks[:_MAX_ELEMENTS]:
        kind = block["type"]
        if kind == "header":
            card.title = card.title or _SLACK_EMOJI.sub("", _text(block.get("text"))).strip()
        elif kind == "section":
            own = _titled(card, _paragraphs(_from_mrkdwn(_text(block.get("text")))))
            paragraphs += own
            card.facts += _slack_fields(block.get("fields"))
            accessory = block.get("accessory")
            if isinstance(accessory, dict):
                _take_element(card, accessory)
        elif kind == "image":
            card.image = card.image or str(block.get("image_url") or "")
        elif kind == "context":
            parts = [_text(element) for element in _list(block.get("elements")) if element.get("type") != "image"]
            for part in _PARTS.split(" · ".join(part for part in parts if part)):
                _pointed(card, _from_mrkdwn(part))
        elif kind == "actions":
            for element in _list(block.get("elements")):
                _take_element(card, element)
        elif kind == "rich_text":
            paragraphs += _titled(card, _paragraphs(_rich_text(block)))
    card.content = _as_html(paragraphs)
    return card


def _list(value: Any) -> list[dict[str, Any]]:
    return [item for item in value[:_MAX_ELEMENTS] if isinstance(item, dict)] if isinstance(value, list) else []


def _take_element(card: Card, element: dict[str, Any]) -> None:
    """A section's accessory or an action: a picture, or a button's link."""
    if element.get("type") == "image" and isinstance(element.get("image_url"), str):
        card.image = card.image or element["image_url"]
    elif element.get("type") == "button" and isinstance(element.get("url"), str):
        _button(card, element["url"], _text(element.get("text")))


def _button(card: Card, url: str, words: str) -> None:
    """A button's link, the item's where the card has none; the site its words name ("Read on Heatmap")."""
    if url.startswith(("http://", "https://")) and not card.url:
        card.url = url
    if url == card.url:
        card.name = card.name or pointer_name(words)


def _pointed(card: Card, part: str) -> None:
    """A footer's part: a link only pointing at the item ("<https://…|Listen>") its link, any other its text."""
    links = re.findall(r'<a href="([^"<>]+)">([^<>]*)</a>', part)
    if len(links) == 1 and len(_MARKS.sub(" ", TAG.sub(" ", part)).split()) <= _POINTER_WORDS:
        _button(card, html.unescape(links[0][0]), TAG.sub("", part))
    elif text := html.unescape(TAG.sub("", part)).strip():
        card.footer.append(text)


# A section field "*Author:*\nJane Doe" or "*Published:* Dec 5": a label and its value.
_SLACK_FIELD = re.compile(r"^\*?(?P<label>[^*:\n]{1,40}):?\*?:?\s*(?P<value>\S.*)$", re.DOTALL)


def _slack_fields(fields: Any) -> list[tuple[str, str]]:
    found = []
    for entry in _list(fields):
        if (labelled := _SLACK_FIELD.match(_text(entry))) is not None:
            found.append((labelled["label"].strip(), TAG.sub("", _from_mrkdwn(labelled["value"].strip()))))
    return found


def _rich_text(block: dict[str, Any]) -> str:
    """A rich text block's sections as mrkdwn-free HTML lines."""
    lines = []
    for section in _list(block.get("elements")):
        pieces = []
        for element in _list(section.get("elements")):
            words = html.escape(str(element.get("text") or ""), quote=False)
            if element.get("type") == "link" and isinstance(element.get("url"), str):
                words = f'<a href="{html.escape(element["url"])}">{words or html.escape(element["url"])}</a>'
            if isinstance(element.get("style"), dict) and element["style"].get("bold"):
                words = f"<b>{words}</b>"
            pieces.append(words)
        lines.append("".join(pieces))
    return "\n\n".join(lines)


# --- Microsoft Teams --------------------------------------------------------------------------------------------


def _message_card(message: dict[str, Any]) -> Card:
    """An Office 365 connector card: its title, its sections' titles, texts, facts and pictures, its actions' links."""
    card = Card(title=_text(message.get("title")))
    texts = [_text(message.get("text"))]
    for section in _list(message.get("sections")):
        card.title = card.title or _text(section.get("title"))
        marked_activity = _from_markdown(_text(section.get("activityTitle")))
        activity = TAG.sub("", marked_activity)
        linked = _LINK_ELEMENT.search(marked_activity)
        if linked is not None and not card.url and html.unescape(linked[2]).strip() == html.unescape(activity).strip():
            card.url = html.unescape(linked[1])  # "**[<title>](https://…)**": the activity's title is the item's link
        if _BY.match(activity):
            card.footer.append(activity)  # "By Priya Menon": the byline
            activity = ""
        elif card.title and _sender(html.unescape(activity).strip(), message, card.url):
            card.name = card.name or html.unescape(activity).strip()  # "Bolts", "**Geography Now**": who posted it
        elif card.title and activity:
            card.footer.append(html.unescape(activity).strip())  # a person's name ("Kyle Hill"): read as a byline
        summary = _text(message.get("summary"))
        card.title = card.title or (summary if activity and summary.startswith(activity + " ") else activity)
        if subtitle := _text(section.get("activitySubtitle")):
            card.footer.append(subtitle)
        texts.append(_text(section.get("text")))
        card.facts += [(_text(f.get("name")), _text(f.get("value"))) for f in _list(section.get("facts"))]
        hero = section.get("heroImage")
        images = [hero] if isinstance(hero, dict) else _list(section.get("images"))
        card.image = card.image or next((str(i["image"]) for i in images if isinstance(i.get("image"), str)), "")
    for action in _list(message.get("potentialAction")):
        targets = action.get("targets") or action.get("target")
        for target in targets if isinstance(targets, list) else []:
            uri = target.get("uri") if isinstance(target, dict) else target
            if isinstance(uri, str):
                _button(card, uri, _text(action.get("name")))
    card.title = html.unescape(TAG.sub("", card.title)).strip()
    card.content = _as_html([p for text in texts if text for p in _paragraphs(_marked(text))])
    return card


def _sender(activity: str, message: dict[str, Any], url: str) -> bool:
    """A connector card's activity title names the feed that posted it, not a person or an action: the summary
    opens with it ("Bolts: <title>"), or the link's host spells it."""
    summary = _text(message.get("summary")).casefold()
    folded = re.sub(r"[^a-z0-9]", "", activity.casefold())
    host = url.split("/")[2].casefold() if url.count("/") >= 2 else ""
    return bool(activity) and (
        summary.startswith(activity.casefold() + ":") or (len(folded) >= 4 and folded in re.sub(r"[^a-z0-9]", "", host))
    )


def _marked(text: str) -> str:
    """A card's text, HTML or Markdown, as HTML."""
    return text if _HTML_TAG.search(text) else _from_markdown(text)


def marked_html(text: str) -> str:
    """A card's text, HTML or Markdown, as HTML; with list lines, as blocks: a run of list lines a list, a strong
    line over others a paragraph of its own (a Discord embed's "## What's Changed\n### Features\n* …"). (Lines of
    prose stay lines, which the text's reading parts.)"""
    marked = _marked(text)
    listed = sum(_LIST_LINE.match(line) is not None for line in marked.split("\n")) >= _LIST_LINES
    # (a fenced code block's lines are no list: "```\n- not a list\n```")
    return _as_html(_paragraphs(marked)) if listed and "```" not in text and not _HTML_TAG.search(text) else marked


_LIST_LINES = 2  # (one dashed line is an attribution as often: "- John Smith, City Hall")


_HTML_TAG = re.compile(r"</?(?:p|a|b|i|u|s|em|strong|br|div|span|ul|ol|li|h[1-6]|code|pre|blockquote)\b[^<>]{0,2000}>")


_BY = re.compile(r"(?i)by\s+\S")
_HEADING_SIZES = frozenset({"medium", "large", "extralarge"})


def _adaptive(content: dict[str, Any]) -> Card:
    """An Adaptive Card: its first bold or large line the title, its other text blocks the text, its fact sets,
    its first picture and its first link to open.

    A small line over the title is its kicker: a subtle one the site's name ("Follow the Money" over the
    headline), a bold one a label ("NEWS FEATURE" over a larger bold headline), neither of them text.
    """
    card = Card()
    paragraphs: list[str] = []
    kicker, title_size = "", ""
    for element in _adaptive_elements(content.get("body")):
        kind = element.get("type")
        if kind == "TextBlock":
            text = _dated_text(_text(element))
            size = str(element.get("size", "")).casefold()
            heading = (
                str(element.get("weight", "")).casefold() == "bolder"
                or size in _HEADING_SIZES
                or element.get("style") == "heading"
            )
            small = size == "small" and "\n" not in text and len(text) <= _KICKER_CHARS
            if heading and not paragraphs and "\n" not in text and (not card.title or _over_kicker(title_size, size)):
                if card.title and title_size == "small":
                    kicker = card.title  # "NEWS FEATURE" over a larger bold headline
                card.title, title_size = html.unescape(TAG.sub("", _from_markdown(text))).strip(), size
            elif (
                small
                and element.get("isSubtle")
                and not card.title
                and not paragraphs
                and not kicker
                and _SITE_KICKER.fullmatch(kicked := html.unescape(TAG.sub("", _from_markdown(text))).strip())
                and not _SIGNED.fullmatch(kicked)
            ):
                kicker = kicked  # the site over the headline ("Follow the Money"; not "5 min read", "By Jane Doe")
            elif card.title and not paragraphs and (footer_date(text) or _byline(text)):
                card.footer.append(text)  # "Martina Celli · 15 December 2026" under the title
            elif text:
                paragraphs += _paragraphs(_marked(text))
        elif kind == "RichTextBlock":
            paragraphs.append("".join(html.escape(_text(run), quote=False) for run in _list(element.get("inlines"))))
        elif kind == "Image" and isinstance(element.get("url"), str):
            card.image = card.image or element["url"]
        elif kind == "FactSet":
            card.facts += [(_text(f.get("title")), _text(f.get("value"))) for f in _list(element.get("facts"))]
        elif kind == "Action.OpenUrl" and isinstance(element.get("url"), str):
            _button(card, element["url"], _text(element.get("title")))
    if kicker and not card.title:
        paragraphs.insert(0, html.escape(kicker, quote=False))
    elif kicker and not kicker.isupper():
        card.name = kicker  # (a kicker in capitals is a section's label: "NEWS FEATURE", "ANALYSIS")
    for action in _list(content.get("actions")) + _list([content.get("selectAction")]):
        if action.get("type") == "Action.OpenUrl" and isinstance(action.get("url"), str):
            _button(card, action["url"], _text(action.get("title")))
    card.content = _as_html(_titled(card, paragraphs))
    return card


_KICKER_CHARS = 60
# A site's name as a kicker: up to six words, each opening with a capital (or in a script without case), no digit.
# (a site and its section parted by a dot or a bar: "OCCRP · News")
_SITE_KICKER = re.compile(
    r"(?:[^\W\d_a-z][^\s\d]*)(?:[ \t]+(?:[·|•][ \t]+)?(?:[^\W\d_a-z][^\s\d]*|of|the|and|de|di|du|la|le)){0,5}"
)


def _over_kicker(kicker_size: str, size: str) -> bool:
    """A heading larger than a small bold first line: the title under that line's label ("NEWS FEATURE")."""
    return kicker_size == "small" and size in _HEADING_SIZES


# Adaptive Cards' date functions, "{{DATE(2026-12-04T17:30:00Z, SHORT)}} {{TIME(2026-12-04T17:30:00Z)}}", which
# the client renders in the reader's zone: the time they are given.
_CARD_DATE = re.compile(r"\{\{DATE\(\s*(?P<when>[0-9T:.+-]{10,40}Z?)\s*(?:,[^)]{0,20})?\)\}\}")
_CARD_TIME = re.compile(r"\s*\{\{TIME\(\s*[0-9T:.+-]{10,40}Z?\s*\)\}\}")


def _dated_text(text: str) -> str:
    if "{{" not in text:
        return text
    return _CARD_DATE.sub(r"\g<when>", _CARD_TIME.sub("", text))


def _adaptive_elements(body: Any) -> Iterator[dict[str, Any]]:
    """A card body's elements in reading order, containers' and columns' items in their place."""
    queue = list(_list(body))
    seen = 0
    while queue and seen < _MAX_ELEMENTS:
        element = queue.pop(0)
        seen += 1
        inner = _list(element.get("items")) + [
            item for column in _list(element.get("columns")) for item in _list(column.get("items"))
        ]
        if element.get("type") == "ActionSet":
            inner += _list(element.get("actions"))
        if inner:
            queue[:0] = inner
        else:
            yield element


# --- Google Chat ------------------------------------------------------------------------------------------------


def _google_chat(entries: list[dict[str, Any]], text: Any) -> Card:
    """A Google Chat card (cardsV2's or the older cards'): its header's title, subtitle and picture (not a round
    avatar), its widgets' text, pictures, labelled values and buttons' links; the message's text beside it."""
    card = Card(notice=_text(text), notice_shown=True)
    paragraphs: list[str] = []
    for entry in entries[:_MAX_ELEMENTS]:
        inner = entry.get("card", entry)
        body: dict[str, Any] = inner if isinstance(inner, dict) else {}
        header: dict[str, Any] = body["header"] if isinstance(body.get("header"), dict) else {}
        card.title = card.title or TAG.sub("", _text(header.get("title")))
        if (subtitle := _text(header.get("subtitle"))) and not card.heading:
            card.footer.append(TAG.sub("", subtitle))
        if header.get("imageType", header.get("imageStyle")) not in ("CIRCLE", "AVATAR"):
            card.image = card.image or str(header.get("imageUrl") or "")
        for section in _list(body.get("sections")):
            for widget in _list(section.get("widgets")):
                paragraphs += _widget(card, widget)
    card.content = _as_html(_titled(card, paragraphs))
    return card


def _google_chat_text(text: str) -> Card:
    """A Google Chat text message, in Slack's markup ("*title*", "<https://…|Read on …>"), read as a card."""
    card = Card()
    card.content = _as_html(_titled(card, _paragraphs(_from_mrkdwn(text))))
    return card


def _widget(card: Card, widget: dict[str, Any]) -> list[str]:
    if isinstance(paragraph := widget.get("textParagraph"), dict):
        return _paragraphs(_text(paragraph))
    if isinstance(image := widget.get("image"), dict) and isinstance(image.get("imageUrl"), str):
        card.image = card.image or image["imageUrl"]
    for labelled in (widget.get("decoratedText"), widget.get("keyValue")):
        if isinstance(labelled, dict):
            value = _text(labelled.get("text", labelled.get("content")))
            label = _text(labelled.get("topLabel"))
            bold = _BOLD_LINE.fullmatch(value.strip())
            if bold is not None and not card.heading and _headline_widget(html.unescape(bold["title"]).strip(), label):
                # "<b>headline</b>" in a widget under a header naming the feed: the item's title, its label the
                # byline or the date ("Par Camille Roux-Ferrand · 04/12/2026 à 07h00")
                card.heading, card.title = card.title, html.unescape(bold["title"]).strip()
                if label:
                    card.footer.append(label)
            elif label and value:
                card.facts.append((label, TAG.sub("", value)))
    buttons = widget.get("buttonList", {}).get("buttons") if isinstance(widget.get("buttonList"), dict) else None
    for button in _list(buttons) + _list(widget.get("buttons")):
        text_button = button.get("textButton")
        click = button.get("onClick") or (text_button.get("onClick") if isinstance(text_button, dict) else None)
        link = click.get("openLink") if isinstance(click, dict) else None
        if isinstance(link, dict) and isinstance(link.get("url"), str):
            _button(card, link["url"], _text(button.get("text")))
    return []


_BOLD_LINE = re.compile(r"<b>(?P<title>[^<>\n]{4,300})</b>")
_HEADLINE_WORDS_AT_LEAST = 3


def _headline_widget(text: str, label: str) -> bool:
    """A widget's bold line that is the item's headline: three words or more, no pointer at the link ("Read the
    full story"), under no label or a date's or a byline's (not "Source", "Author")."""
    return (
        len(text.split()) >= _HEADLINE_WORDS_AT_LEAST
        and not pointer_name(text)
        and not (_READ_POINTER.match(text) and len(text.split()) <= _POINTER_WORDS + 1)  # ("More than 300 …" is one)
        and (
            not label or any(footer_date(part) for part in _PARTS.split(label)) or _SIGNED.fullmatch(label) is not None
        )
    )


_READ_POINTER = re.compile(r"(?i)(?:read|continue|lire|leer|leia|leggi|weiter|lees|more|mehr|plus|más|mais)\b")


# --- notification services ----------------------------------------------------------------------------------------

# Members only ntfy's, Pushover's and Gotify's messages carry beside their "title" and "message".
_NOTIFICATION_KEYS = frozenset(
    {"topic", "priority", "url_title", "extras", "click", "sound", "expire", "retry", "html", "attach", "actions"}
)
_APPRISE_TYPES = frozenset({"info", "success", "warning", "failure"})
_APPRISE_FORMATS = frozenset({"text", "markdown", "html"})
_HEADLINE_WORDS = 25
_NAME_WORDS = 6


def _notification(message: dict[str, Any]) -> Card | None:
    """An ntfy, Pushover, Gotify or Apprise message: its title and its text (in its markup), the link a tap opens.
    A text of one headline's line under a short title is the item's headline under its feed's name (Miniflux's
    notifications: "Adam Something" over "Why Every City Wants a Gondola"); a text that opens with a strong line is
    the headline over the story, under the title's notice ("New from Drachinifel")."""
    body, heading = message.get("message", message.get("body")), message.get("title")
    # (Apprise's JSON notification has its "version"; its API's request a "format" beside the same "type")
    apprise = (message.get("version") is not None or message.get("format") in _APPRISE_FORMATS) and message.get(
        "type"
    ) in _APPRISE_TYPES
    if (
        not isinstance(body, str)
        or not isinstance(heading, str)
        or not (apprise or _NOTIFICATION_KEYS & message.keys())
        or ("message" not in message and not apprise)  # (a "body" beside a "title" is any JSON's: only Apprise's API)
    ):
        return None
    card = Card(url=_notification_link(message))
    attached = message.get("attach")
    if isinstance(attached, str) and PICTURE_FILE.search(attached):
        card.image = attached
    if isinstance(message.get("url_title"), str):
        card.name = pointer_name(message["url_title"])
    display = message.get("extras", {}).get("client::display", {}) if isinstance(message.get("extras"), dict) else {}
    markdown = isinstance(display, dict) and display.get("contentType") == "text/markdown"
    if str(message.get("html", "")) == "1" or message.get("format") == "html":
        marked = body
    elif message.get("format") == "markdown":
        marked = _from_markdown(body)
    else:
        marked = _from_markdown(body) if markdown or message.get("markdown") in (True, "true", "yes") else _marked(body)
    if isinstance(stamp := message.get("timestamp"), int | str) and str(stamp).isdigit():
        card.facts.append(("published", str(stamp)))  # Pushover's Unix time
    if _MD_HEADING.match(body.lstrip()) and "](" not in body.lstrip().partition("\n")[0]:
        card.title = " ".join(heading.split())  # "### Added" opens a release's notes: a section's heading, no title
    paragraphs = _titled(card, _paragraphs(marked))
    heading, line = " ".join(heading.split()), " ".join(body.split())
    if not card.title and _headline_like(body) and len(heading.split()) <= _NAME_WORDS and "://" not in heading:
        card.title, card.heading, paragraphs = line, heading, []
    elif card.title and card.title != heading:
        card.heading = heading
    else:
        card.title = heading
    card.content = _as_html(paragraphs)
    return card


def _headline_like(text: str) -> bool:
    """One line of a headline's length that ends no sentence with a full stop, and holds no link."""
    line = text.strip()
    return (
        bool(line)
        and "\n" not in line
        and "://" not in line
        and len(line.split()) <= _HEADLINE_WORDS
        and not line.endswith((".", "…", ":"))
    )


def _notification_link(message: dict[str, Any]) -> str:
    """The link a tap opens: ntfy's "click" or a "view" action, Pushover's "url", Gotify's click extra."""
    candidates: list[Any] = [message.get("click"), message.get("url")]
    extras = message.get("extras")
    if isinstance(extras, dict) and isinstance(note := extras.get("client::notification"), dict):
        click = note.get("click")
        candidates.append(click.get("url") if isinstance(click, dict) else None)
    candidates += [action.get("url") for action in _list(message.get("actions")) if action.get("action") == "view"]
    return next((c for c in candidates if isinstance(c, str) and c.startswith(("http://", "https://"))), "")


# --- Telegram ---------------------------------------------------------------------------------------------------


# n8n's Telegram node signs each message it sends: "<em>This message was sent automatically with </em><a …>n8n</a>".
_N8N_ATTRIBUTION = re.compile(
    r"(?i)this message was sent automatically with[ \t]*(?:</(?:em|i)>)?[ \t]*(?:<a\s[^<>]{0,2000}>)?n8n(?:</a>)?"
)
_N8N_WORDS = "this message was sent automatically with"
_N8N_TAIL_CHARS = 2200


def _without_n8n_attribution(text: str) -> str:
    """The text without n8n's attribution closing it (found by a plain search: a pattern tried at every blank of a
    long run of them would backtrack through each)."""
    kept = text.rstrip()
    at = kept.casefold().rfind(_N8N_WORDS, max(0, len(kept) - _N8N_TAIL_CHARS))
    if at < 0 or _N8N_ATTRIBUTION.fullmatch(kept, at) is None:
        return text
    head = kept[:at].rstrip()
    for opening in ("<em>", "<i>"):
        head = head.removesuffix(opening).rstrip()
    return head


# A Bot API Update's message, as a bot relays what a channel posted: {"update_id": …, "channel_post": {"chat": …}}.
_UPDATE_MESSAGES = ("channel_post", "message", "edited_channel_post", "edited_message")
_ENTITY_TAGS = {"bold": "b", "italic": "i", "underline": "u", "strikethrough": "s", "code": "code", "pre": "pre"}
_MAX_ENTITIES = 200


def _update_message(update: dict[str, Any]) -> dict[str, Any] | None:
    """The message of a Bot API Update ({"update_id": …, "channel_post": {…}}) as a sendMessage body: its text or
    caption with its entities set as HTML ("text_link" entities hold the item's link), its link preview."""
    if "update_id" not in update:
        return None
    for key in _UPDATE_MESSAGES:
        inner = update.get(key)
        text = inner.get("text", inner.get("caption")) if isinstance(inner, dict) else None
        entities = inner.get("entities", inner.get("caption_entities")) if isinstance(inner, dict) else None
        # (a text without entities is read as the owner's text post is: "<title>\n\n<text>\n\n<link>")
        if isinstance(inner, dict) and isinstance(inner.get("chat"), dict) and isinstance(text, str) and entities:
            return {
                "chat_id": inner["chat"].get("id"),
                "chat_title": inner["chat"].get("title"),
                "date": inner.get("date"),
                "parse_mode": "HTML",
                "text": entities_html(text, entities if isinstance(entities, list) else []),
                "link_preview_options": inner.get("link_preview_options"),
            }
    return None


def entities_html(text: str, entities: list[Any]) -> str:
    """Telegram's text with its entities as HTML: bold, italic and the like as their elements, a "text_link" as a
    link; offsets and lengths count UTF-16 code units, as the Bot API gives them."""
    units = text.encode("utf-16-le", errors="surrogatepass")
    size = len(units) // 2
    opens: dict[int, list[str]] = {}
    closes: dict[int, list[str]] = {}
    for entity in entities[:_MAX_ENTITIES]:
        if not isinstance(entity, dict):
            continue
        offset, length, kind = entity.get("offset"), entity.get("length"), entity.get("type")
        if not (isinstance(offset, int) and isinstance(length, int) and offset >= 0 and 0 < length <= size - offset):
            continue
        url = entity.get("url")
        if kind == "text_link" and isinstance(url, str) and url.startswith(("http://", "https://")):
            tag, opening = "a", f'<a href="{html.escape(url)}">'
        elif kind in _ENTITY_TAGS:
            tag = _ENTITY_TAGS[kind]
            opening = f"<{tag}>"
        else:
            continue
        opens.setdefault(offset, []).append(opening)
        closes.setdefault(offset + length, []).insert(0, f"</{tag}>")
    bounds = sorted({0, size, *opens, *closes})
    out: list[str] = []
    for start, end in zip(bounds, [*bounds[1:], size], strict=True):
        out += closes.get(start, [])
        out += opens.get(start, [])
        if end > start:
            out.append(html.escape(units[2 * start : 2 * end].decode("utf-16-le", errors="replace"), quote=False))
    return "".join(out)


def _telegram(message: dict[str, Any]) -> Card:
    """A Bot API sendMessage's text or sendPhoto's caption in its parse mode, the photo, the link preview's link."""
    card = Card()
    given = message.get("text", message.get("caption"))
    text = given if isinstance(given, str) else ""
    mode = str(message.get("parse_mode", "")).casefold()
    marked = text if mode == "html" else _from_markdown(text) if mode.startswith("markdown") else html.escape(text)
    marked = _without_n8n_attribution(marked)
    preview = message.get("link_preview_options")
    if isinstance(preview, dict) and isinstance(preview.get("url"), str):
        # (the preview of a picture shows the picture: the item's link is the text's)
        card.image, card.url = (preview["url"], "") if PICTURE_FILE.search(preview["url"]) else ("", preview["url"])
    if isinstance(message.get("photo"), str) and message["photo"].startswith(("http://", "https://")):
        card.image = message["photo"]
    card.content = _as_html(_titled(card, _paragraphs(marked)))
    if isinstance(message.get("date"), int) and not isinstance(message["date"], bool):
        card.facts.append(("published", str(message["date"])))  # (an Update's message: its Unix time)
    if isinstance(message.get("chat_title"), str):
        card.name = card.name or message["chat_title"].strip()  # the channel's name, as the feed's
    return card
