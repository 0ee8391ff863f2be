"""Tier 1's state: feedparser's strict-mode bookkeeping (ported from ``feedparser/mixin.py``) on dictionaries."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from app.feeds.fastfeed.common import _fix_ampersands, _fix_text, _NotHere, _resolve
from app.feeds.fastfeed.vocabulary import (
    _EMAIL,
    _RELATIVE,
    _SUMMARY_TYPES,
    _is_base64,
    _looks_like_html,
    _map_content_type,
)


class _State:
    """feedparser's strict-mode state machine for the modelled elements, on plain dictionaries."""

    def __init__(self, version: str, names: Callable[[str], tuple[str, bool]]) -> None:
        self.version = version
        self.atom = version.startswith("atom")
        self.names = names
        self.feed: dict[str, Any] = {}
        self.entries: list[dict[str, Any]] = []
        self.entry_depths: list[dict[str, int]] = []
        self.infeed = self.inentry = self.inimage = self.inauthor = False
        self.incontent = 0
        self.depth = 0
        self.title_depth = -1
        self.guidislink = False
        self.has_content = False
        self.summary_key: str | None = None
        self.content_type: str | None = None  # contentparams["type"]; None once cleared
        self.content_src: str | None = None
        self.captions: set[str] = set()  # the texts of Media RSS descriptions (see FastParse.captions)

    # --- feedparser's helpers ---------------------------------------------------------------------------

    def context(self) -> dict[str, Any]:
        if self.inimage and "image" in self.feed:
            image: dict[str, Any] = self.feed["image"]
            return image
        if self.inentry:
            return self.entries[-1]
        return self.feed

    def detail(self, output: str) -> dict[str, Any]:
        detail: dict[str, Any] = {"type": self.content_type, "value": output}
        if self.content_src is not None:
            detail["src"] = self.content_src
        return detail

    def pop(self, element: str, text: str, expecting_text: bool) -> str:
        output = text.strip()
        if not expecting_text:
            return output
        if element in _RELATIVE and output and (element != "id" or self.guidislink):
            output = _resolve(output)
        if not self.atom and self.content_type == "text/plain" and _looks_like_html(output):
            self.content_type = "text/html"
        output = _fix_text(output)
        if element == "category":
            return output
        if element == "title" and -1 < self.title_depth <= self.depth:
            return output
        if self.inentry:
            entry = self.entries[-1]
            if element == "content":
                entry.setdefault("content", []).append(self.detail(output))
            elif element == "link":
                if not self.inimage:
                    output = _fix_ampersands(output, entry=True)
                    entry["link"] = output
                    if output:
                        entry["links"][-1]["href"] = output
            else:
                key = "summary" if element == "description" else element
                depths = self.entry_depths[-1]
                old = depths.get(key)
                if old is None or self.depth <= old:
                    depths[key] = self.depth
                    entry[key] = output
                if self.incontent:
                    entry[key + "_detail"] = self.detail(output)
        elif self.infeed:
            context = self.context()
            key = "subtitle" if element == "description" else element
            context[key] = output
            if key == "link":
                output = _fix_ampersands(output, entry=False)
                context["link"] = output
                context["links"][-1]["href"] = output
            elif self.incontent:
                context[key + "_detail"] = self.detail(output)
        return output

    def push_content(self, attrs: Mapping[str, str], default_type: str) -> None:
        self.incontent += 1
        content_type = _map_content_type(attrs.get("type", default_type))
        if _is_base64(attrs, content_type):
            raise _NotHere("base64 content")
        if content_type == "application/xhtml+xml":  # feedparser escapes the text of inline XHTML
            raise _NotHere("XHTML content")
        self.content_type = content_type
        self.content_src = None

    def pop_content(self, element: str, text: str, expecting_text: bool) -> str:
        value = self.pop(element, text, expecting_text)
        self.incontent -= 1
        self.content_type = self.content_src = None
        return value

    def sync_author(self) -> None:
        context = self.context()
        detail = context.get("authors", [{}])[-1]
        if detail:
            name, email = detail.get("name"), detail.get("email")
            if name and email:
                context["author"] = f"{name} ({email})"
            elif name:
                context["author"] = name
            elif email:
                context["author"] = email
            return
        author, email = context.get("author"), None
        if not author:
            return
        match = _EMAIL.search(author)
        if match:
            email = match.group(0)
            author = author.replace(email, "").replace("()", "").replace("<>", "").replace("&lt;&gt;", "").strip()
            if author and author[0] == "(":
                author = author[1:]
            if author and author[-1] == ")":
                author = author[:-1]
            author = author.strip()
        if author or email:
            context.setdefault("author_detail", detail)
        if author:
            detail["name"] = author
        if email:
            detail["email"] = email

    def save_author(self, key: str, value: str) -> None:
        context = self.context()
        context.setdefault("author_detail", {})[key] = value
        self.sync_author()
        context.setdefault("authors", [{}])[-1][key] = value

    def start_content(self, attrs: Mapping[str, str], default_type: str) -> None:
        self.has_content = True
        self.push_content(attrs, default_type)
        src = attrs.get("src")
        if src and default_type == "text/plain":  # only _start_content records it, not content:encoded
            self.content_src = src

    def end_content(self, text: str) -> str:
        copy_to_summary = self.content_type is not None and _map_content_type(self.content_type) in _SUMMARY_TYPES
        value = self.pop_content("content", text, True)
        if copy_to_summary:
            self.context().setdefault("summary", value)
        return value
