"""Regexes for a word in any form a URL or HTML may write it: %XX, &#N;, &#xH; per character, tags between."""

from __future__ import annotations

import re

__all__ = ["encoded_pattern"]

_TAGS = r"(?:<[^<>]*>)*"


def _hex(number: int, width: int = 1) -> str:
    """``number`` in hex as a regex matching either case of its digits."""
    return "".join(f"[{d}{d.upper()}]" if d.isalpha() else d for d in f"{number:0{width}x}")


def _forms(char: str) -> str:
    """One character as a URL, an HTML text or an attribute may write it: itself, %XX, &#N; or &#xH;."""
    code = ord(char)
    forms = [re.escape(char), f"&#0*{code};", f"&#[xX]0*{_hex(code)};"]
    if code < 0x80:
        forms.append(f"%{_hex(code, 2)}")
    return "(?:" + "|".join(forms) + ")"


def encoded_pattern(word: str, *, markup: bool = False) -> str:
    """A regex for ``word`` with each character in any of its forms; with ``markup``, tags may come between."""
    return (_TAGS if markup else "").join(_forms(char) for char in word)
