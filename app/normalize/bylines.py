"""Authors: strings that credit more than a name (``site by name``, ``Name | Site``), and byline lines."""

from __future__ import annotations

import re
from collections.abc import Iterable

from app.normalize.blocks import Block, Line
from app.normalize.markup import escape_text

__all__ = ["byline_name", "credited_name", "drop_author_bios", "joined_names", "take_byline", "without_role"]

# A host name as aggregators print it in front of a submitter (Lobsters: "blog.example.dev by ann").
_HOST = r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}"
_HOST_BY = re.compile(rf"{_HOST}\s+by\s+(?P<name>\S.{{0,200}})", re.IGNORECASE)
_HOST_ONLY = re.compile(_HOST, re.IGNORECASE)
# "who via relay": the relay passed the story on (a submitter, a wire, a tool); the author is who wrote it.
_VIA = re.compile(r"(?P<who>\S.{0,200}?)\s+via\s+\S.{0,200}", re.IGNORECASE)
# "Jane Doe | The Daily": a bar sets the name apart from the site or the desk it writes for.
_BAR = re.compile(r"(?P<name>[^|]{1,200}?)\s+\|\s+[^|]{1,200}")


def credited_name(author: str) -> str | None:
    """The person an author string credits; None when it names only a site (``example.com via ann``).

    ``blog.example.dev by ann`` → ``ann``; ``example.com via ann`` → None (ann relayed a site's story);
    ``Jane Doe via Reuters`` → ``Jane Doe``; ``Jane Doe | The Daily`` → ``Jane Doe``, ``Dawn.com | Jane Doe``
    → ``Jane Doe``. Anything else is
    returned as it came.
    """
    if " " not in author:
        return author
    lowered = author.lower()  # one look for the joining words settles most names without a regex
    if " by " in lowered and (by := _HOST_BY.fullmatch(author)) is not None:
        return by["name"].strip()
    if " via " in lowered and (via := _VIA.fullmatch(author)) is not None:
        who = via["who"].strip()
        return None if _HOST_ONLY.fullmatch(who) else who
    if "|" in author and (bar := _BAR.fullmatch(author)) is not None and any(c.isalpha() for c in bar["name"]):
        name = bar["name"].strip()
        if _HOST_ONLY.fullmatch(name):  # "Dawn.com | Shahid Iqbal": the site first, then the person
            rest = author.partition("|")[2].strip()
            return rest if rest and "|" not in rest else name
        return name
    return author


# "By Jane Doe", "Von Anna Müller", "Par Jean Dupont", "Por Ana Pérez", "Di Marco Rossi", "Door Jan de Vries":
# a byline line; names are capitalized words, joined by "and", "&" or commas, with the particles of names.
# A labelled credit too: "Author: Keiko Sato", "Authors: Ana Ferreira (Google), Bo Chen (Red Hat)",
# ScienceDirect's "Author(s): …"; each name may carry its affiliation in brackets.
_PARTICLES = r"(?:de|da|del|della|di|du|van|von|der|den|le|la|al|bin|ibn|y|e)"
_NAME = r"[A-ZÀ-ÖØ-Þ][\w.'’-]*"
_AFFILIATION = r"(?:\s+\([^()]{1,60}\))?"
# (Indonesian papers credit the reporter and the editor: "Reporter: Dimas Prasetyo | Editor: Rina Sari",
# "Penulis: …"; the editor's credit is no author's.)
# A magazine's and a university's credit for the words, beside one for the pictures: "Texto: Ana Prado | Fotos:
# Rafael Lins", "Text: Jana Berg, Fotos: …".
_LABEL = r"(?:authors?|author\(s\)|autor(?:in|en|es)?|auteurs?|reporters?|penulis|wartawan|texto|text|testo)\s*:\s*"
# A byline's address after the names: "By Obediah Johnson, obediah.johnson@frontpageafricaonline.com".
_ADDRESS_AFTER = re.compile(r",?\s+[\w.+-]{1,60}@[\w-]+(?:\.[\w-]+)+\.?$")
_PICTURE_CREDIT_WORDS = r"fotos?|photos?|fotografias?|fotografie|imagens?|bilder"
_EDITOR_CREDIT = re.compile(
    rf"\s*[|,]\s*(?:editor|penyunting|redaktur|{_PICTURE_CREDIT_WORDS})\s*:\s*[^|]{{1,60}}$", re.IGNORECASE
)
# What the byline says the names made, before "by": "Posted by", "Written by", Desiring God's "Article by".
_KIND = r"(?:posted|written|article|story)"
_BYLINE_LINE = re.compile(
    rf"(?:(?:{_KIND}\s+)?(?:by|von|par|por|di|door)\s+|(?P<label>{_LABEL}))"
    rf"(?P<names>{_NAME}(?:(?:\s+(?:{_PARTICLES}\s+)*|{_AFFILIATION}\s*,\s*|{_AFFILIATION}\s+(?:and|und|et|y|e|&)\s+){_NAME}){{0,40}}{_AFFILIATION})",
    re.IGNORECASE,
)
# The outlet after the names, between bars: "By Tendai Mukwena | Nehanda Radio |", "By Ana Ruiz | EFE".
_OUTLET_AFTER = re.compile(r"\s*\|\s*[A-Z][^|:]{0,59}?(?:\s*\|)?\s*$")
_TEXT_LABEL = re.compile(r"(?i)(?:texto|text|testo)\s*:")
_PICTURES_CREDIT = re.compile(rf"(?i)[|,]\s*(?:{_PICTURE_CREDIT_WORDS})\s*:")
_MAX_BYLINE_WORDS = 9  # spaces in the names: "By " and nine words or fewer
# The team or role after a byline's names: "– Developer Relations Engineer", ", Android Security & Privacy Team",
# ", Google Open Source Programs Office".
_TEAM = re.compile(
    r"\s*(?:[–—]|,)\s*(?:[A-Z][\w.'’-]*\s+(?:&\s+)?){0,5}(?:team|engineer|manager|lead|group|relations|office|programs?"
    r"|department|division|labs?)$",
    re.IGNORECASE,
)
_ABBREVIATED = re.compile(r"(?:[A-Z]\.){2,}|(?:Jr|Sr|Dr)\.")
# What every byline line starts with: a lead word or a label (a cheap test before the patterns below).
_LEAD = re.compile(rf"(?:{_KIND}\s+)?(?:by|von|par|por|di|door)\s|aut|rep|pen|war|tex|tes", re.IGNORECASE)
# The site the names wrote for, or the place they wrote from: "By Tomas Reyes for Oilprice.com", "Nora Whitfield of
# Spotlight PA", "By Mere Taito in Suva".
_FOR_SITE = re.compile(r"\s+(?:for|of|in)\s+(?:the\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3}$")
# The day after the names: "Posted by Jana Roemer on Apr 02" (seclists.org), "by Ann Lee on March 3, 2026".
_ON_DATE = re.compile(
    r"\s+on\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?|\d{1,2}\.?\s+[A-Z][a-z]{2,8}\.?(?:\s+\d{4})?"
    r"|\d{4}-\d{2}-\d{2})$"
)
_MAX_LABELLED_WORDS = 60  # "Author(s):" lists every author of a paper
_MAX_JOINERS = 8  # "By Ana de la Cruz y de los Santos and Bo van der Berg": six
_LABELLED_BLOCKS = 3  # a labelled credit stands among the first lines (after a journal's date and source)
_PROSE = frozenset({"p", "quote"})
_BRACKETED = re.compile(r"\([^()]*\)")


def byline_name(line: str, *, labelled_only: bool = False) -> str | None:
    """The names a byline line gives (``By Jane Doe and Bo Park`` → ``Jane Doe and Bo Park``), else None.

    Only a whole line that is a byline: "By the time we arrived, …" is a sentence, not a credit.
    ``labelled_only``: only a labelled credit ("Author: …"), which no sentence starts like.
    """
    if not line[:1].isalpha() or line.count(" ") >= _MAX_LABELLED_WORDS or _LEAD.match(line) is None:
        return _world_byline(line)
    if sum(word.casefold() in _JOINERS for word in line.split()) > _MAX_JOINERS:
        return None  # no one's name holds so many particles; the pattern would try each as a name and as a particle
    if line[:1] in "Tt" and _TEXT_LABEL.match(line) and _PICTURES_CREDIT.search(line) is None:
        return None  # "Text: President Biden's Remarks": a credit for the words only beside one for the pictures
    if line[-1:] == "." and not _ABBREVIATED.fullmatch(line.rpartition(" ")[2]):  # "J.D." and "Jr." keep it
        line = line.rstrip(".")
    addressed = "@" in line and _ADDRESS_AFTER.search(line) is not None
    line = _EDITOR_CREDIT.sub("", _ADDRESS_AFTER.sub("", line) if addressed else line)
    line = _OUTLET_AFTER.sub("", line) if "|" in line else line  # "By Tendai Mukwena | Nehanda Radio |"
    found = _BYLINE_LINE.fullmatch(_FOR_SITE.sub("", _TEAM.sub("", _ON_DATE.sub("", line))))
    if found is None or (found["label"] is None and (labelled_only or found["names"].count(" ") >= _MAX_BYLINE_WORDS)):
        return None
    names = found["names"]
    # The first letter of every name word is a capital: the regex's IGNORECASE applies to the lead word only.
    words = [w for w in re.split(r"[\s,&]+", _BRACKETED.sub("", names)) if w and w.casefold() not in _JOINERS]
    if not words or not all(w[:1].isupper() for w in words):
        return None
    if addressed and len(words) < 2:
        return None  # "By Email apply@festival.org": a way to reach someone, no one's name
    if found["label"] and found["label"][:1] in "RrPpWwTt" and any(w.casefold() in _SPOKEN for w in words):
        return None  # a transcript's speaker: "Reporter: Thank you."
    return names


# A credit in the languages the lead words above miss, under its label and a colon: Georgian "ავტორი:", Hebrew
# "מאת:", Arabic "بقلم:", Persian "نویسنده:", Russian "Автор:", Ukrainian "Авторка:", Chinese "作者：" and
# "记者：", Japanese "筆者：" and "文：" (in brackets closing a story: "（文：河野直樹）"), Korean "글:", Turkish
# "Yazar:", Hungarian "Szerző:", Vietnamese "Tác giả:", Thai "ผู้เขียน:", Hindi and Bengali "लेखक:"/"লেখক:"; a
# channel's writing hand ("✍️ Name"); a Korean reporter's name before "기자" ("김도윤 기자"). What may follow the
# names: the day (" | 2.12.2026", " · 2026.12.03 14:20 KST") or the link.
_WORLD_LABEL = (
    r"(?:(?:ავტორი|מאת|بقلم|نویسنده|автор(?:[иы]|к[аи])?|аўтар|作者|記者|记者|撰文|筆者|執筆|글|작성자|yazar|szerző"
    r"|tác\s+giả|ผู้เขียน|लेखक|লেখক)\s*[:：]\s*"
    r"|(?:取材・)?文(?:・写真)?\s*[:：=＝/／]\s*)"  # (Japanese "文＝…", "（文／…）", "（取材・文・写真：…）")
)
_WORLD_NAME_WORDS = r"[^\W\d_]+(?:[ ·.'’-][^\W\d_]+){0,4}"
_WORLD_NAMES = rf"(?P<names>{_WORLD_NAME_WORDS})"
_WORLD_AFTER = r"(?:\s*[|·•,]\s*\d[\d./:\s-]{3,30}(?:[A-Z]{2,4})?|\s*(?:\U0001f517\s*)?https?://\S+)?"
_WORLD_DAY = r"\s*[|·•,]\s*\d[\d./:\s-]{3,30}(?:[A-Z]{2,4})?"
_WORLD_LINK = r"\s*(?:\U0001f517\s*)?https?://\S+"
# (the writing hand only with the link or the day after the names: "✍️ Sign Up Today" is a call, no credit; a
# Korean name is three syllables, as most are: "사진 기자" is a photographer, "한국 기자" a Korean one)
_WORLD_BYLINE = re.compile(
    rf"(?:{_WORLD_LABEL}){_WORLD_NAMES}{_WORLD_AFTER}"
    rf"|\u270d\ufe0f?\s*(?P<handed>{_WORLD_NAME_WORDS})(?:{_WORLD_DAY}|{_WORLD_LINK})"
    rf"|(?P<reporter>[가-힣]{{3}})\s+기자{_WORLD_AFTER}",
    re.IGNORECASE,
)
_WORLD_LINE_CHARS = 120
_BRACKETED_LINE = re.compile(r"^[(（]([^()（）]+)[)）]$")


def _world_byline(line: str) -> str | None:
    """The names a labelled credit in another language or script gives ("ავტორი: თამარ ჯაფარიძე"), else None.

    Each name word starts with a capital, or is written in a script without capitals (Georgian, Hebrew, Arabic,
    Chinese…): "Yazar: haberin devamı" is no credit."""
    if len(line) > _WORLD_LINE_CHARS:
        return None
    found = _WORLD_BYLINE.fullmatch(_BRACKETED_LINE.sub(r"\1", line.strip()))  # "（文：河野直樹）" closing a story
    if found is None:
        return None
    names = found["names"] or found["handed"] or found["reporter"]
    if names.casefold() in _NO_ONE:
        return None
    if not all(word[:1].isupper() or not word[:1].islower() or word[:1] in _GEORGIAN for word in names.split()):
        return None
    return names


# A credit's placeholder in those languages: anonymous, the administrator, the editor, unknown.
_NO_ONE = frozenset(
    {"匿名", "管理员", "管理員", "관리자", "익명", "администратор", "аноним", "анонимно", "неизвестный", "неизвестен",
     "مجهول", "المحرر", "المشرف", "ناشناس", "مدیر", "anonim", "yönetici", "अज्ञात", "ไม่ระบุชื่อ", "編集部", "编辑部",
     "編輯部", "편집부"}
)  # fmt: skip
# Georgian's everyday letters count as lower case in Unicode (its capitals are kept for headings): a name in them
# has no capital.
_GEORGIAN = frozenset(map(chr, range(0x10D0, 0x1100)))


# Words a speaker's turn has and a reporter's name has not ("Reporter: Thank You.", "Reporter: Yes, Okay").
_SPOKEN = frozenset(
    {"you", "thank", "thanks", "the", "i", "we", "yes", "no", "okay", "ok", "well", "so", "sure", "right", "hello"}
)
_JOINERS = frozenset(
    {"and", "und", "et", "y", "e", "de", "da", "del", "della", "di", "du", "van", "von", "der", "den", "le", "la"}
    | {"al", "bin", "ibn"}
)


def _prose(blocks: Iterable[Block]) -> Block | None:
    """The first prose block with lines (a loop: an unfinished generator costs more to close than this)."""
    for block in blocks:
        if block.kind in _PROSE and block.lines:
            return block
    return None


def take_byline(blocks: list[Block], known: str | None = None) -> str | None:
    """Remove a byline line standing first or last in the content (InfoQ ends its description with
    ``<i>By Name</i>``), or a labelled one ("Author(s): …") among its first lines; the names it gave, or
    None. Never the content's only line, unless it credits ``known``, the author the item names already
    (a journal's "by The PLOS ONE Staff" is no story)."""
    first = _prose(blocks)
    last = _prose(reversed(blocks))
    if first is None or last is None:
        return None
    # the byline is the only text: no other line of prose, nor a list, a table or code ("Posted by … on Apr 02"
    # over an advisory's <pre> is a credit over the text)
    # A last prose block that is not the first settles it without reading every block (take_byline 4.8 → 4.1
    # µs per bench.normalize item by timeit, 2026-12-05 (l)).
    sole = len(first.lines) < 2 and last is first and all(b is first or b.kind == "img" for b in blocks)
    if known and _strip_run_in(first.lines, known):
        return known
    if known and not sole and last.lines[-1].text.strip().casefold() == known.casefold():
        # the author's name signing off the story ("… pour les conseillers. / Aïcha Kaboré")
        del last.lines[-1]
        if not last.lines:
            blocks.remove(last)
        return known
    if known and not sole and _drop_signature(blocks, known):
        return known  # "Daniel Yip<br>Google Chrome": the author's name and the team they sign for close the story
    if (known is None or " " not in known) and (linked := _profile_links(blocks)) is not None:
        # the CMS's author field, one linked name a line over the story (Drupal's field__item), where the item names
        # no writer of its own (a writer named, the names over the story may be the story's subjects)
        return linked
    if known and not sole and _names_known(first.lines[0].text, known):
        # "Blessings Chidakwa Senior Reporter" over the story, the author the item names already (The Herald)
        del first.lines[0]
        if not first.lines:
            blocks.remove(first)
        return known
    places = [(first, 0, False), (last, len(last.lines) - 1, False)]
    read = 0
    for block in blocks:
        if read == _LABELLED_BLOCKS:
            break
        if block.kind in _PROSE and block.lines:
            read += 1
            for at, line in enumerate(block.lines):
                text = line.text
                if text[:1] in "AaRrPpWwTt" and text[:4].casefold() in _LABEL_STARTS:  # one test settles most lines
                    places.append((block, at, True))
    for block, at, labelled_only in places:
        text = block.lines[at].text
        names = byline_name(text, labelled_only=labelled_only) or (None if labelled_only else _handle(block.lines[at]))
        # The only line may be a credit if it says so ("by Dana Feld, J.D." under an applet's link) and no
        # author is named yet; beside another author it is the only text the item has, and stays.
        said = (text[:3].casefold() == "by " or labelled_only) and known is None  # "by …", "Authors: …"
        credit = said or (known is not None and names is not None and names.casefold() == known.casefold())
        if names is None or (sole and not credit):
            continue
        del block.lines[at]
        if at < len(block.lines) and _ROLE_LINE.fullmatch(block.lines[at].text.strip()):
            del block.lines[at]  # "By Simone Batiste" over "Contributing Writer": the role is the byline's
        if not block.lines:
            blocks.remove(block)
        return names
    return None


_TEAM_LINE = re.compile(r"[A-Z][\w&'’.-]*(?:\s+(?:[A-Z&][\w&'’.-]*|of|and|for|the|at|de|du|der)){0,4}")


def _drop_signature(blocks: list[Block], known: str) -> bool:
    """Remove the story's two closing lines when they are the known author's name over a short capitalized
    affiliation with no sentence in it ("Daniel Yip" / "Google Chrome"); True when removed."""
    tail: list[tuple[Block, int]] = []
    for block in reversed(blocks):
        if block.kind == "img":
            continue
        if block.kind not in _PROSE or not block.lines:
            break
        tail.extend((block, at) for at in range(len(block.lines) - 1, -1, -1))
        if len(tail) >= 3:
            break
    if len(tail) < 3:  # the signature and some story above it
        return False
    (team_block, team_at), (name_block, name_at) = tail[0], tail[1]
    if name_block.lines[name_at].text.strip().casefold() != known.casefold():
        return False
    team = team_block.lines[team_at].text.strip()
    if _TEAM_LINE.fullmatch(team) is None or not _TEAM_WORDS.intersection(team.casefold().split()):
        return False  # ("Casey Liss" under "John Siracusa" in a list of hosts is no team)
    for block, at in ((team_block, team_at), (name_block, name_at)):
        del block.lines[at]
        if not block.lines:
            blocks.remove(block)
    return True


# Words that name a team, a company or a desk, not a person: the line a writer signs for.
_TEAM_WORDS = frozenset(
    {"team", "teams", "group", "inc", "inc.", "llc", "ltd", "foundation", "project", "labs", "lab", "engineering",
     "security", "developers", "relations", "office", "department", "communications", "research", "google", "chrome",
     "android", "microsoft", "apple", "mozilla", "firefox", "press", "editorial", "desk", "university", "institute",
     "company", "corporation", "corp", "support", "product", "products", "services", "program", "programme"}
)  # fmt: skip
_MAX_NAMES = 6
# A writer's page on the publisher's site: "/people/ana-kovac", "/author/jdoe", "/staff/…".
_PROFILE_PATH = re.compile(r"/(?:people|person|authors?|staff|profiles?|experts?|autor(?:es)?|auteurs?)/[\w.-]+/?$")


def _profile_links(blocks: list[Block]) -> str | None:
    """Take the leading lines that are each one name linked to a writer's page ("Ana Kovač" → /people/ana-kovac),
    at most six, when story text follows them; their names joined by ", ", or None."""
    run: list[tuple[Block, int]] = []
    for block in blocks:
        if block.kind == "img":
            continue
        if block.kind not in _PROSE or not block.lines:
            break
        for at, line in enumerate(block.lines):
            if not _profile_line(line):
                break
            run.append((block, at))
        else:
            if len(run) <= _MAX_NAMES:
                continue
        break
    if not run or len(run) > _MAX_NAMES:
        return None
    if sum(len(block.lines) for block in blocks if block.kind in _PROSE) == len(run):
        return None  # the names are all the text there is
    names = [block.lines[at].text.strip() for block, at in run]
    for block, at in reversed(run):
        del block.lines[at]
        if not block.lines:
            blocks.remove(block)
    return ", ".join(names)


def _profile_line(line: Line) -> bool:
    """One person's name, all of it the link to their page."""
    return (
        len(line.hrefs) == 1
        and line.link_only
        and _PERSON.fullmatch(line.text.strip()) is not None
        and _PROFILE_PATH.search(line.hrefs[0].split("?", 1)[0]) is not None
    )


# "Luciana Prado | Agência FAPESP – Pesquisadores …": the author (and the desk) run into the first sentence.
_RUN_IN = re.compile(r"(?:\s*[|/,]\s*[^|–—]{1,60}?)?\s+[–—]\s+(?=\w)")


def _strip_run_in(lines: list[Line], known: str) -> bool:
    """Take the known author's name, perhaps with the outlet after a bar, and the dash after them off the
    start of the first line of text; True when taken (the sentence after them stays)."""
    line = lines[0]
    text = line.text
    if not text.casefold().startswith(known.casefold()) or (found := _RUN_IN.match(text, len(known))) is None:
        return False
    lead, rest = text[: found.end()], text[found.end() :]
    html = line.html[len(escape_text(lead)) :] if line.html.startswith(escape_text(lead)) else escape_text(rest)
    lines[0] = Line(rest, html, line.hrefs, line.link_chars)
    return True


_MAX_BIOS = 4
_BIO_VERB = (" is a ", " is an ", " is the ", " writes ", " covers ", " est ", " ist ")


def drop_author_bios(blocks: list[Block], author: str | None) -> None:
    """Drop the authors' short biographies closing the story: paragraphs that open with one of the named
    authors and say what they are ("Priya Raman is a financial research economist in …"), at most four."""
    if not author:
        return
    names = [name.strip() for name in author.split(",") if name.strip().count(" ") >= 1]
    for _ in range(_MAX_BIOS):
        last = _prose(reversed(blocks))
        if last is None or len(last.lines) != 1 or last is _prose(blocks):
            return
        text = last.lines[0].text.lstrip(_BIO_DASHES)  # "– Hannah Corwin is a reporter for …": set off by a dash
        if not any(text.startswith(name) and text[len(name) : len(name) + 8].startswith(_BIO_VERB) for name in names):
            return
        blocks.remove(last)


_BIO_DASHES = "–—- "
_LABEL_STARTS = frozenset({"auth", "auto", "aute", "repo", "penu", "wart", "text", "test"})
_HANDLE = re.compile(r"(?i)(?:by|von|par|por)\s+(?P<handle>[\w.-]{2,40})")


def _handle(line: Line) -> str | None:
    """A member's handle after "By", linked to their page: "By <a href=…/member/birchandbolt/>birchandbolt</a>"
    (a lower-case handle is a name only where the link says so)."""
    if not line.hrefs:  # most lines: no link, no handle, without the case-blind pattern (~0.5 µs a line)
        return None
    found = _HANDLE.fullmatch(line.text)
    if found is None or line.link_chars < len(found["handle"]):
        return None
    return found["handle"]


def _names_known(line: str, known: str) -> bool:
    """The line is the known author's name, perhaps with a job title after it ("… Senior Reporter")."""
    if len(line) > len(known) + 40 or not line.startswith(known[:1]):
        return False
    return line.casefold() == known.casefold() or without_role(line).casefold() == known.casefold()


# A job title after the names: "Maya Ferreira-Lau Staff Reporter", "Owen Pryce and Hana Iqbal Staff
# Reporters", "Jane Doe, Senior Correspondent" (a CMS that keeps the title in the author field).
# Only after a comma or a title word: in "Kalyeena Makortoff Banking correspondent" nothing tells where the
# name ends and the beat begins, so it stays as printed.
_TITLE_WORD = r"(?:senior|chief|staff|special|contributing|associate|deputy|managing|executive)"
_ROLE = re.compile(
    rf"(?:\s*,\s*(?:{_TITLE_WORD}\s+)*|\s+(?:{_TITLE_WORD}\s+)+)"
    r"(?P<role>reporter|writer|correspondent|editor|columnist|contributor|photographer|journalist)(?P<many>s)?$",
    re.IGNORECASE,
)

# A job title alone on the line under a byline: "Contributing Writer", "Staff Reporter", "Senior Correspondent".
_ROLE_LINE = re.compile(
    rf"(?i)(?:{_TITLE_WORD}\s+)*(?:reporter|writer|correspondent|editor|columnist|contributor|photographer|journalist)s?"
)


def without_role(author: str) -> str:
    """The names without a job title after them; several names (the title in the plural) joined by ", "."""
    if len(author) < 12 or not author[-1:].isalpha():
        return author
    found = _ROLE.search(author)
    if found is None:
        return author
    names = author[: found.start()].strip()
    if names.count(" ") < 1 or not names[:1].isupper():  # "Staff Reporter" alone, "the editor": as it came
        return author
    return re.sub(r"\s+(?:and|&)\s+", ", ", names) if found["many"] else names


_NAME_LIST = re.compile(r"\s*,\s*(?:and\s+|AND\s+|&\s+)?|\s+(?:and|AND)\s+")
_PERSON = re.compile(rf"{_NAME}(?:\s+(?:{_PARTICLES}\s+)*{_NAME}){{1,3}}")


def joined_names(author: str) -> str:
    """Several people joined as the record writes them: "Judd Legum and Rebecca Crosby" → "Judd Legum,
    Rebecca Crosby". Only names of two to four capitalized words each ("Research and Markets", "Simon and
    Schuster" are one name) and never across "&", which publishers set inside a byline's name."""
    if (" and " not in author and " AND " not in author) or len(author) > 200:
        return author  # ("MAYA KORIN AND DAVID ELBAZ": a byline in capitals joins them in capitals)
    parts = _NAME_LIST.split(author.strip())
    if len(parts) < 2 or not all(_PERSON.fullmatch(part) for part in parts):
        return author
    return ", ".join(parts)
