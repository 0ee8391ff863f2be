"""Webhook field names: every alias a sender may use for each canonical field, and how pairs become fields."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType

__all__ = [
    "CONTENT_ENDING_KEYS",
    "DATE_PREPOSITION",
    "FIELD_ALIASES",
    "IDENT",
    "INGREDIENT_KEYS",
    "QUOTES",
    "canonical_name",
    "collect",
    "lowered_key",
]

# Hand-typed templates label their lines in the sender's language too ("Titre : … Lien : … Texte : …"):
# the French, Spanish, Portuguese, Italian, German, Dutch, Nordic, Indonesian and Swahili words, and the
# Turkish, Polish, Russian, Chinese, Japanese, Korean and Arabic ones ("Título:", "제목:", "عنوان:").
# Words for an outlet that name other things as often (a "portal", a "provider", a "newspaper"), read as the feed's
# name only in a JSON object's or a form's members (a text body's "Provider: Comcast said …" is a story's line) and only
# where the value is a name: a site ("portal", "nettsted"), a newspaper or a broadcaster in the languages people write
# their keys in ("zeitung", "krant", "jornal", "emissora"), a publication or a medium ("издание", "매체", "媒体",
# "miðill") and an aggregator's "provider" (Bing News: "provider": "CBC").
OUTLET_WORDS = frozenset(
    {"portal", "nettsted", "websted", "webbplats", "sivusto", "الموقع",
     "newspaper", "zeitung", "krant", "gazeta", "jornal", "periódico", "periodico", "giornale", "testata",
     "tidning", "lehti", "gazete", "novine",
     "emissora", "emisora", "broadcaster",
     "издание", "видання", "매체", "媒体", "媒體", "メディア", "miðill", "midill",
     "provider"}
)  # fmt: skip

_ALIASES_BY_CANONICAL: dict[str, tuple[str, ...]] = {
    "title": (
        "title",
        "EntryTitle",
        "value1",
        "headline",
        "topic_title",  # Discourse's post: the topic it opens or answers
        "titre",
        "titulo",
        "titolo",
        "titel",
        "überschrift",
        "ueberschrift",
        "schlagzeile",
        "overskrift",
        "rubrik",
        "tittel",
        "otsikko",
        "judul",
        "kichwa",
        "titular",
        "titulek",
        "titulok",
        "naslov",
        "наслов",
        "заглавие",
        "pavadinimas",
        "virsraksts",
        "antraštė",  # Lithuanian: a headline
        "pealkiri",
        "tytul",
        "título",
        "títol",  # Catalan
        "baslik",
        "başlık",
        "überschrift",
        "tytuł",
        "titlu",
        "заголовок",
        "标题",
        "標題",  # (Traditional Chinese, as Taiwan and Hong Kong write it)
        "標題",
        "タイトル",
        "見出し",  # (Japanese: the headline)
        "제목",
        "عنوان",
        "nazov",
        "názov",
        "název",
        "nazev",
        "cím",
        "τίτλος",
        "titulli",
        # Arabic with its article, Persian, Hindi, Bengali, Thai, Indonesian
        "العنوان",
        "शीर्षक",
        "শিরোনাম",
        "หัวข้อ",
        "หัวเรื่อง",
        "სათაური",
        "վերնագիր",
        "başlıq",
        "כותרת",
        "tiêu đề",
        "cim",
        # A video's or an episode's owner template: "Video: <title>", "Episode: <title>"; "What: <title>"
        # over "Where: <link>" and "When: <date>".
        "video",
        "episode",
        "what",
        # WordPress's own names for a post's fields, as its webhook plugins send the post object
        "post_title",
        # Mongolian, Amharic, Somali, Uzbek, Kazakh, Kyrgyz and Tajik
        "гарчиг",
        "ርዕስ",
        "cinwaan",
        "sarlavha",
        "тақырып",
        "аталышы",
        "сарлавҳа",
    ),
    # Other automations' names too: Power Automate's RSS connector ("primaryLink", "publishDate"), n8n's
    # RSS node ("content:encoded", "isoDate"), a scraper's "html".
    "url": (
        "url",
        # a service's page for the object, beside its API address under "url" (GitHub, Gitea: "html_url";
        # GitLab: "web_url"): preferred wherever it stands (_PAGE_KEYS)
        "html_url",
        "web_url",
        "post_permalink",
        "link",
        "href",  # (an anchor's attribute as a key: {"name": …, "href": …, "blurb": …})
        "enllaç",  # Catalan
        "EntryUrl",
        "value2",
        "primaryLink",
        "permalink",
        # Slack's message attachment: {"title": …, "title_link": …, "text": …, "footer": …, "ts": 1770731100}
        "title_link",
        # ntfy's message: {"title": …, "message": …, "click": <the link a tap opens>} (weak: only a link)
        "click",
        "watch",
        "listen",
        "where",
        "lien",
        "enlace",
        "lenke",
        "linkki",
        "tautan",
        "kiungo",
        "canonical",
        # Feedly's entry (its API, and the webhooks of its rules): "canonicalUrl", "alternate": [{"href": …}]
        "canonicalUrl",
        "alternate",
        "länk",
        "lank",  # (Swedish "länk" typed without its dots)
        "adres",  # (Polish and Turkish: the address)
        "リンク",
        "baglanti",
        "bağlantı",
        "ссылка",
        "链接",
        "連結",
        "鏈接",
        "링크",
        "رابط",
        "odkaz",
        "odnośnik",
        "hivatkozás",
        "σύνδεσμος",
        "lidhja",
        "الرابط",
        "لینک",
        "লিংক",
        "लिंक",  # Hindi
        "ลิงก์",
        "ბმული",
        "հղում",
        "קישור",
        "liên kết",
        "đường dẫn",  # Vietnamese: a path, a link
        "veza",  # Serbian, Croatian, Bosnian: a link
        "poveznica",
        "주소",  # Korean: an address
        "ligação",  # Portuguese: a link
        "посилання",
        "hivatkozas",
        # Croatian, Slovene, Bulgarian, Lithuanian, Latvian "link"
        "poveznica",
        "povezava",
        "връзка",
        "nuoroda",
        "saite",
        # Macedonian and Bulgarian "link"
        "линк",
        "врска",
        # Azerbaijani, Mongolian, Amharic, Somali, Uzbek, Kazakh, Kyrgyz and Tajik
        "keçid",
        "холбоос",
        "አገናኝ",
        "xiriir",
        "havola",
        "сілтеме",
        "шилтеме",
        "пайванд",
    ),
    "content": (
        "content",
        "post_content",
        "EntryContent",
        "cooked",  # Discourse's post, rendered
        "本文",
        "kontenut",
        "description",
        "desc",
        "body",
        "value3",
        "text",
        "notes",
        "summary",
        "texte",
        "texto",
        "testo",
        "tekst",
        "contenu",
        "contenido",
        "inhalt",
        "isi",
        "habari",
        "excerpt",
        "konten",
        "conteudo",
        "caption",
        "html",
        "content:encoded",
        "story",
        "article",
        "report",
        "resumo",
        "resumen",
        "sumário",  # Portuguese and Spanish: a summary
        "sumario",
        "sommario",
        "blurb",  # a teaser's names in English
        "teaser",
        "extrait",  # an excerpt in French, Spanish and Italian (weak: a road's "stretch" as often)
        "extracto",
        "estratto",
        "about",  # a podcast's template: "About: <the episode's notes>"
        "show notes",
        "show_notes",
        "episode notes",
        "episode_notes",
        "riassunto",
        "samenvatting",
        "zusammenfassung",
        "ringkasan",
        "beschreibung",
        "descripcion",
        "descripción",
        "descricao",
        "descrição",
        "beskrivning",
        "beskrivelse",
        "beschrijving",
        "opis",
        "popis",
        "aciklama",
        "описание",
        "kuvaus",
        "tresc",
        "conteúdo",
        "résumé",
        "özet",
        "ozet",
        "içerik",
        "açıklama",
        "treść",
        "содержание",
        "摘要",
        "概要",  # Japanese: an outline, a summary
        "要約",
        "简介",  # Chinese: an introduction, a summary
        "簡介",
        "正文",  # the main text
        "内容",
        "內容",
        "本文",
        "요약",
        "내용",
        "ملخص",
        "obsah",
        "tartalom",
        "περιεχόμενο",
        "תוכן",
        "nội dung",
        "tóm tắt",  # Vietnamese: a summary
        "mô tả",  # a description
        "текст",
        "inhoud",
        "resume",
        "sadržaj",
        "sadrzaj",
        "vsebina",
        "содржина",
        "conținut",
        "continut",
        "съдържание",
        "turinys",
        "saturs",
        "sisu",
        # the Nordic words for it: Norwegian, Danish, Swedish, Finnish, Icelandic
        "innhold",
        "indhold",
        "innehåll",
        "sisältö",
        "efni",
        # Hungarian, Greek, Albanian, Ukrainian, Georgian, Armenian and Azerbaijani words for the text (not the ones
        # a byline uses as often, "Κείμενο: <name>", "Besedilo: <name>")
        # Latvian, Lithuanian, Greek and Slovene "text", a byline's label as often ("Teksts: <name>"): weak, read only
        # as a story's text (_WEAK_ALIASES), where a form's or an object's key ("teksts=…") names the content
        "teksts",
        "tekstas",
        "κείμενο",
        "besedilo",
        "szöveg",
        "szoveg",
        "leírás",
        "περιγραφή",
        "teksti",
        "përmbajtja",
        "зміст",
        "опис",
        "ტექსტი",
        "տեքստ",
        "mətn",
        "النص",
        "المحتوى",
        "الخبر",
        "متن",
        "सामग्री",
        "বিষয়বস্তু",
        "เนื้อหา",
        # Kazakh, Uzbek, Tajik, Amharic and Somali
        "мәтін",
        "matn",
        "матн",
        "ጽሑፍ",
        "qoraal",
    ),
    # "By:" and "When:" label lines of hand-written text templates ("Title: … Link: … By: … When: …").
    "author": (
        "author",
        "EntryAuthor",
        "creator",
        "by",
        "auteur",
        "autor",
        "autora",  # (the feminine form: "Autora: Andrea Xoc")
        "autore",
        "forfatter",
        "kirjoittaja",
        "mwandishi",
        "authors",
        "författare",
        "skribent",
        "yazar",
        "автор",
        "作者",
        "기자",
        "작성자",
        "الكاتب",
        "szerző",
        "συντάκτης",
        "כותב",
        "tác giả",
        "avtor",
        "autorius",
        "autors",
        "writer",
        "byline",
        "údar",
        "awdur",
        "awtur",
        "著者",
        "記者",  # (Japanese: the reporter)
        "autorin",  # (German: the feminine "Autorin")
        "channelTitle",
        "reporter",
        "reporters",
        "penulis",
        # A video or message channel's name: on YouTube the channel is the author, and the publisher
        # (IFTTT's YouTube ingredients: Title, AuthorName, Description, Url, EmbedCode, PublishedAt).
        "AuthorName",
        "channel",
        "channel_name",
        "ChannelName",
        # the channel in the languages of owners' own templates ("canal", "Chaîne:", "kanal")
        "canal",
        "canale",  # Italian
        "kanal",
        "chaîne",
        "chaine",
        "канал",
        "チャンネル",
        "频道",
        "頻道",
        "채널",
        # Hebrew (a woman writer, "by"), Thai, Hindi, Arabic, Persian, Polish (a woman), Indonesian
        "כותבת",
        "מאת",
        "ผู้เขียน",
        "लेखक",
        "كاتب",
        "نویسنده",
        "autorka",
        "pengarang",
        # Armenian, Azerbaijani, Mongolian, Amharic, Somali, Uzbek, Tajik, Hebrew, Greek and Georgian
        "հեղինակ",
        "müəllif",
        "зохиогч",
        "ደራሲ",
        "qoraa",
        "muallif",
        "муаллиф",
        "מחבר",
        "συγγραφέας",
        "ავტორი",
    ),
    # "Headline:", "Picture:", "Photo:" label lines of hand-written templates too ("Headline: … Picture: …").
    "image": (
        "image",
        "image_url",
        "EntryImageUrl",
        "post_thumbnail",
        "ThumbnailUrl",
        "thumbnail",
        "miniatura",  # the thumbnail in Spanish, Italian, Portuguese, Polish, French and German templates
        "miniature",
        "vignette",
        "vorschaubild",
        "miniaturka",
        "thumb",
        "thumb_url",  # Slack's, Mattermost's and Rocket.Chat's message attachment
        # Ghost's post (its webhooks and Content API), WordPress's REST post, dev.to's article
        "feature_image",
        "featured_image",
        "cover_image",
        "visualUrl",  # Feedly's saved entry
        "picture",
        "photo",
        "img",
        "imagen",
        "imagem",
        "foto",
        "bild",
        "bilde",
        "billede",
        "immagine",
        "kuva",
        "gambar",
        "picha",
        "obraz",
        "zdjecie",
        "görsel",
        "gorsel",
        "resim",
        "изображение",
        "图片",
        "사진",
        "صورة",
        "pic",
        "afbeelding",
        "obrázek",
        "obrazek",
        "obrázok",
        "kép",
        "slika",
        "imagine",
        "εικόνα",
        "תמונה",
        "画像",
        "圖片",
        "hình ảnh",
        "nuotrauka",  # Lithuanian, Latvian, Estonian: a photo, a picture
        "attēls",
        "pilt",
        "ảnh",
        "الصورة",
        "تصویر",
        "छवि",
        "ছবি",
        "รูปภาพ",
    ),
    "published": (
        "published",
        "published_at",
        "EntryPublished",
        "date",
        "pubDate",
        "pub_date",
        "publishDate",
        # Feedly's saved entry: "publishedTimestamp" (milliseconds) beside a "publishedDate" with the day only
        "publishedTimestamp",
        "ts",  # Slack's attachment: Unix seconds (weak: a sender's delivery time as often)
        "isoDate",
        "PublishedAt",
        "post_date_gmt",  # (WordPress's "post_date" is the site's local time, with no zone)
        "time",
        # when the item was made, where nothing says when it was published ("created": "December 5, 2026 at …")
        "created",
        "created_at",
        "uploaded",
        "aired",
        "released",
        "gepubliceerd",  # Dutch: published
        "release date",
        "release_date",
        "when",
        "posted",
        "posted_at",
        "fecha",
        "datum",
        "publicado",
        "pubblicato",
        "udgivet",
        "publiceret",
        "publicerad",
        "publisert",
        "julkaistu",
        "waktu",
        "tarehe",
        "tanggal",
        "ngày",  # Vietnamese: the day ("ngày đăng": the day posted)
        "ngay",
        "ngày đăng",
        "terbit",  # Indonesian and Malay: published
        "diterbitkan",
        "data",
        "dato",
        "tarih",
        "дата",
        "日期",
        "时间",  # Chinese: a time ("时间: October 18, 2026 at 10:00PM")
        "時間",
        "发布时间",
        "發布時間",
        "发布日期",
        "公開日",  # (Japanese: the day published)
        "작성일",
        "التاريخ",
        "publié",
        "veröffentlicht",
        "veroeffentlicht",
        # "Published" in the languages of Central and Eastern Europe, the Baltics, Greece, Israel and Vietnam
        "objavljeno",
        "zveřejněno",
        "publikováno",
        "publicat",
        "публикувано",
        "опубликовано",
        "опубліковано",
        "opublikowano",
        "paskelbta",
        "publicēts",
        "avaldatud",
        "közzétéve",
        "δημοσιεύτηκε",
        "δημοσιεύθηκε",
        "megjelent",
        "تاریخ",
        "तारीख",
        "তারিখ",
        "วันที่",
        "publikuar",
        # "Date" as a hand-typed template labels it: Latvian, Estonian (and its "Aeg", time), Finnish, Icelandic,
        # Slovak and Hungarian, Korean and Japanese
        "datums",
        "kuupäev",
        "aeg",
        "päivämäärä",
        "dagsetning",
        "dátum",
        "датум",
        "날짜",
        "日付",
        "објавено",
        "објављено",
        "გამოქვეყნდა",
        "פורסם",
        "ngày đăng",
        "日時",
        "公開日時",
        "配信日時",
        "投稿日時",
        # the date in Georgian, Armenian, Azerbaijani, Uzbek, Tajik, Mongolian, Amharic, Somali, Malay, Greek, Hebrew,
        # Kazakh and Kyrgyz, and Russian's "publication date"
        "თარიღი",
        "ամսաթիվ",
        "tarix",
        "sana",
        "сана",
        "огноо",
        "ቀን",
        "taariikh",
        "tarikh",
        "ημερομηνία",
        "תאריך",
        "күні",
        "датасы",
        "дата публикации",
    ),
    "feed_title": (
        "feed_title",
        "FeedTitle",
        # a podcast's or a programme's name ("show": "Criminal")
        "show",
        "podcast",
        "programme",
        "programa",
        "programma",
        "programm",
        "sendung",
        # a radio station's or a newsletter's name ("station": "CapeTalk", "outlet": "Semafor")
        "station",
        "outlet",
        "newsletter",
        "source",
        "feed",
        # a reader's item names its feed as "origin": {"title": …, "htmlUrl": …} (Feedly, Inoreader)
        "origin",
        # a news outlet's name: "medio": "Primicias", "publisher": "Reuters"
        "medio",
        "publisher",
        "publication",
        "site",
        "blog",
        "fuente",
        "fonte",
        # French "flux" (a feed: "flux RSS"): "flux=Maxifoot - L'actualité du football"
        "flux",
        # the name a chat webhook's message is shown under (Slack's, Discord's and Mattermost's "username",
        # Rocket.Chat's "alias"): the feed's, where the sender named the bot after it (weak: _display_name)
        "username",
        "alias",
        "quelle",
        "bron",
        "kilde",
        "lahde",
        "lähde",
        "källa",
        "zdroj",
        "źródło",
        "forrás",
        "sursa",
        "sursă",
        "πηγή",
        "burimi",
        "المصدر",
        "منبع",
        "स्रोत",
        "সূত্র",
        "ที่มา",
        "извор",
        "източник",
        "წყარო",
        "աղբյուր",
        "mənbə",
        "izvor",
        "kaynak",
        "sumber",
        "источник",
        "джерело",
        # a source's or a blog's name in Chinese, Japanese, Korean and Vietnamese ("来源：吴说区块链", "ブログ：…")
        "来源",
        "來源",
        "출처",
        "nguồn",
        "博客",
        "部落格",
        "ブログ",
        "블로그",
        # the feed's or the site's name in a sender's compound words ("feedName", "site_name", "source_name")
        "feed_name",
        "site_name",
        "source_name",
        "blog_name",
        "publisher_name",
        "publication_name",
        # a source in the languages the list above lacks: Latvian, Lithuanian, Estonian, Welsh, Irish, Faroese,
        # Icelandic, Basque and Swahili
        "avots",
        "šaltinis",
        "allikas",
        "ffynhonnell",
        "foinse",
        "kelda",
        "heimild",
        "iturria",
        "chanzo",
        *sorted(OUTLET_WORDS),
    ),
    # A news story's summary line under its headline, as newsrooms name it: the content only where no other member
    # holds one (read last, after the members read by their shape: app/ingest/payload.py).
    "dek": ("dek", "standfirst"),
    "feed_url": ("feed_url", "FeedUrl"),
    # A video's player markup: read as a key so it ends the value before it, and used for nothing.
    "embed": ("EmbedCode", "embed_code"),
    "token": ("token",),
}

FIELD_ALIASES: Mapping[str, str] = MappingProxyType(
    {
        spelled: canonical
        for canonical, aliases in _ALIASES_BY_CANONICAL.items()
        for alias in aliases
        for spelled in (alias.lower(), alias.lower().replace("ı", "i"))
    }
)
"""Lower-cased key a sender may use -> canonical field name ("Başlık" lowers to "başlık", "BAŞLIK" to "başlik")."""

_SEPARATORS = str.maketrans("", "", "_- .")
_SQUASHED_ALIASES: Mapping[str, str] = MappingProxyType(
    {alias.translate(_SEPARATORS): canonical for alias, canonical in FIELD_ALIASES.items()}
)


def lowered_key(key: str) -> str:
    """A key in lower case as FIELD_ALIASES spells it: Turkish's "İ" lowers to "i" and a dot above ("İçerik")."""
    lowered = key.lower()
    return lowered.replace("\u0307", "") if "\u0307" in lowered else lowered


def canonical_name(key: str) -> str | None:
    """The canonical field a key names: an alias in any case, or written with other separators
    ("entry_title", "Entry-Url", "image url" for EntryTitle, EntryUrl, image_url), or without its accents
    ("tac_gia", "forfattare" for "tác giả", "författare"), or a form's array key ("authors[]"); None for any
    other key."""
    lowered = lowered_key(key.strip().strip(QUOTES)).removesuffix("[]")  # a form's array key: "authors[]"
    squashed = lowered.translate(_SEPARATORS)
    found = FIELD_ALIASES.get(lowered) or _SQUASHED_ALIASES.get(squashed)
    if found is None and squashed.isascii():
        found = _folded_aliases().get(squashed)  # typed on a keyboard without the language's letters
    if found is None and (dated := _DATED_LABEL.fullmatch(lowered)) is not None:
        # "Publicado em", "publié le", "veröffentlicht am", "published on": the date's word with its preposition
        return "published" if canonical_name(dated["word"]) == "published" else None
    return found


# A preposition a date's label ends with, in the languages of the aliases: "on", "em", "le", "am", "il", "op"…
DATE_PREPOSITION = r"(?:on|at|em|el|le|am|il|op|den|på|dne|w|v|na|o|kl)\.?"
_DATED_LABEL = re.compile(rf"(?P<word>[^\W\d_]{{4,30}})[ _-]{DATE_PREPOSITION}")


def _fold(key: str) -> str:
    """A key's letters without their accents, as typed on an ASCII keyboard: "tác giả" → "tacgia"."""
    decomposed = unicodedata.normalize("NFKD", key.translate(_UNACCENTED))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).translate(_SEPARATORS)


# Letters NFKD does not take apart: Vietnamese đ, Polish ł, Nordic ø and æ, German ß.
_UNACCENTED = str.maketrans({"đ": "d", "ł": "l", "ø": "o", "æ": "ae", "ß": "ss", "ı": "i"})


@functools.cache
def _folded_aliases() -> Mapping[str, str]:
    """Accented aliases by their unaccented letters, where only one field spells them so."""
    folded: dict[str, set[str]] = {}
    for alias, canonical in FIELD_ALIASES.items():
        if not (plain := _fold(alias)).isascii() or plain == alias.translate(_SEPARATORS):
            continue
        folded.setdefault(plain, set()).add(canonical)
    return MappingProxyType({plain: fields.pop() for plain, fields in folded.items() if len(fields) == 1})


# IFTTT ingredient names spelled exactly as IFTTT spells them: in a text body they still start a new
# key after the multi-line content has begun, where a plain word such as "Source:" is just prose.
INGREDIENT_KEYS = frozenset(
    {
        "EntryTitle",
        "EntryUrl",
        "EntryAuthor",
        "EntryContent",
        "EntryImageUrl",
        "EntryPublished",
        "FeedTitle",
        "FeedUrl",
        "AuthorName",
        "EmbedCode",
        "PublishedAt",
        "ThumbnailUrl",
        "value1",
        "value2",
        "value3",
        "token",
    }
)

# Keys that end a text body's content in any case ("author:", "Published:"): each field's own name and the
# ingredient names, never an alias that is also a common word at the start of a line ("Source:", "Link:").
CONTENT_ENDING_KEYS = frozenset(
    [canonical for canonical in _ALIASES_BY_CANONICAL if canonical != "content"]
    + ["published_at", "image_url"]
    + [key.lower() for key in INGREDIENT_KEYS if key.lower() not in ("entrycontent", "value3")]
)

QUOTES = "\"'\u201c\u201d\u2018\u2019"  # straight and curly quotes people type around keys
# Combining marks that Python's \w leaves out although words are written with them: the vowel signs and
# viramas of the Indic scripts (Bengali "শিরোনাম", Hindi "शीर्षक"), Thai's and Lao's vowels and tones ("หัวข้อ"),
# Myanmar's and Khmer's, Hebrew points and Arabic harakat, Latin's combining accents, and the zero-width joiners.
MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0900-\u0963"
    "\u0966-\u0dff\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0eb1\u0eb4-\u0ebc\u0ec8-\u0ecd\u102b-\u103e\u1056-\u1059"
    "\u17b4-\u17d3\u200c\u200d"
)
IDENT = (
    # a word in any script ("Título", "제목", "শিরোনাম"); bounded so a huge word cannot make a scan quadratic
    rf"[^\W\d][\w{MARKS}]{{0,63}}"
)


# An API object's page for people: it wins over the object's "url" where that is its address for programs
# (GitHub's "https://api.github.com/repos/…", GitLab's ".../api/v4/...").
_PAGE_KEYS = frozenset({"html_url", "web_url"})
_API_ADDRESS = re.compile(r"https?://api\.|/api/", re.IGNORECASE)
# Names that hold their field only sometimes, read only when no other name gave it: "time" a date when it has a
# year in it ("December 2, 2026 at 09:20PM", not "5 min read"), "publication" an outlet's name when it has none
# ("Bounces", not "2026-12-03"), "site" one when it is a name ("Townsville Bulletin", not "https://…" or "12").
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_ADDRESS = re.compile(r"(?i)https?://|www\.")
_NAME = re.compile(r"[^\W\d_]{2}")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")  # Rocket.Chat's attachment "ts"
_STORY_WORDS = 7


def _story_text(value: str) -> bool:
    """Markup, or seven words at least: more than a byline's name (counted, linear in the value)."""
    return "<" in value or len(value.split(maxsplit=_STORY_WORDS)) >= _STORY_WORDS


def _dated(value: str) -> bool:
    """A date with its year, or a Unix time."""
    return _YEAR.search(value) is not None or value.strip().isdigit()


_MAX_SENDER_CHARS = 100


def named_sender(value: str) -> bool:
    """A name on one line ("Automotive News"), not an e-mail's sender ("Jane <jane@…>"), a number or an address."""
    value = value.strip()
    return (
        len(value) <= _MAX_SENDER_CHARS
        and "\n" not in value
        and "@" not in value
        and _ADDRESS.search(value) is None
        and _NAME.search(value) is not None
    )


# Tools that relay an item, never its origin ("origin": "IFTTT").
_SENDERS = frozenset({"ifttt", "zapier", "make", "integromat", "n8n", "pipedream", "power automate", "webhook", "rss"})

_CHANNEL_KEYS: tuple[str, ...] = (
    "channel",
    "channel_name",
    "channelname",
    "canal",
    "canale",
    "kanal",
    "chaîne",
    "chaine",
)
_CHANNEL_KEYS += ("канал", "チャンネル", "频道", "頻道", "채널")
_MAX_STATION_CHARS = 80
_MIN_STATION_CHARS = 4


# Names that are a platform's, a tool's or a form's answer, never an outlet's ("provider": "Google", "portal": "Yes").
NOT_OUTLETS = frozenset(
    {"google", "youtube", "medium", "github", "gitlab", "reddit", "substack", "tumblr", "wordpress", "blogger",
     "twitter", "x", "facebook", "instagram", "tiktok", "twitch", "vimeo", "spotify", "mastodon", "bluesky",
     "telegram", "discord", "slack", "linkedin", "yes", "no", "true", "false", "none", "null"}
)  # fmt: skip
_OUTLET_WORDS_AT_MOST = 6


def _outlet_name(value: str) -> bool:
    """An outlet's name: a name on one line ("CBC", "Rádio Moçambique"), not a date, a relaying tool's or a platform's
    name, a form's answer, or a line of many words (a paper's title: "Smith et al. Global rice yields …")."""
    folded = value.strip().casefold()
    return (
        named_sender(value)
        and not _dated(value)
        and folded not in _SENDERS
        and folded not in NOT_OUTLETS
        and len(folded.split()) <= _OUTLET_WORDS_AT_MOST
        and " et al" not in folded
    )


def _is_link(value: str) -> bool:
    return value.strip().casefold().startswith(("http://", "https://"))


# Words of a bot's name that say what it does, what kind of thing it posts or where from, not whose feed it is
# ("RSS Bot", "New Uploads", "Space videos", "GitHub Releases", "MonitoRSS", "YouTube").
_TOOL_WORDS = frozenset(
    {"bot", "rss", "feed", "feeds", "uploads", "videos", "vídeos", "podcasts", "pódcasts", "episodes", "releases",
     "notifier", "notifications", "alerts", "webhook", "apprise", "monitorss", "feedcord", "youtube", "github",
     "gitlab", "medium", "twitch", "reddit", "mastodon"}
)  # fmt: skip


def _display_name(value: str) -> bool:
    """A chat bot's display name that names a feed ("Kısa Dalga", "Read the Docs status"): not a tool's or a
    platform's, not a member's handle ("dwhit", "zerkalo_io")."""
    value = value.strip()
    words = re.split(r"[\W_]+", value.casefold())
    return (
        named_sender(value)
        and value.casefold() not in _SENDERS
        and not _TOOL_WORDS.intersection(words)
        and (" " in value or not (value.islower() or "_" in value or any(c.isdigit() for c in value)))
    )


def _station_name(value: str) -> bool:
    """A broadcaster's or a newsletter's name: words with a letter, not a figure, a code or an address."""
    value = value.strip()
    return (
        len(value) <= _MAX_STATION_CHARS
        and " " in value
        and _NAME.search(value) is not None
        and _ADDRESS.search(value) is None
        and not value[:1].isdigit()
    ) or (value.isalpha() and len(value) >= _MIN_STATION_CHARS and not value.isupper())


_WEAK_ALIASES: Mapping[str, Callable[[str], bool]] = MappingProxyType(
    {
        "time": lambda value: _YEAR.search(value) is not None,
        "aeg": lambda value: _YEAR.search(value) is not None,  # Estonian "time"
        **dict.fromkeys(("teksts", "tekstas", "κείμενο", "besedilo"), _story_text),
        "created": _dated,
        "created_at": _dated,
        # a release's date and a show's blurb: only where no other key gives the date or the text
        **dict.fromkeys(("released", "release date", "release_date"), _dated),
        **dict.fromkeys(("about", "show notes", "show_notes", "episode notes", "episode_notes"), _story_text),
        **dict.fromkeys(("extrait", "extracto", "estratto"), _story_text),
        **dict.fromkeys(("terbit", "diterbitkan"), _dated),  # (a publisher's name as often: "Terbit: Kompas")
        "ts": lambda value: value.strip().isdigit() or _ISO_DATE.match(value.strip()) is not None,
        "click": _is_link,
        # a video's or a station's channel: the author only where no writer is named ("reporter" beside "channel")
        **dict.fromkeys(_CHANNEL_KEYS, lambda value: bool(value.strip())),
        "thumb_url": lambda value: bool(value.strip()),  # a chat attachment's icon-sized picture: only with no other
        "topic_title": lambda value: bool(value.strip()),
        "publication": lambda value: _YEAR.search(value) is None,
        "site": lambda value: _ADDRESS.search(value) is None and _NAME.search(value) is not None,
        "blog": lambda value: _ADDRESS.search(value) is None and _NAME.search(value) is not None,
        # (a string under "origin" in a form or text; JSON's is read only as an object: app/ingest/payload.py)
        "origin": lambda value: _NAME.search(value) is not None and value.strip().casefold() not in _SENDERS,
        # a station's, an outlet's or a newsletter's name: a name, never a figure ("station": "KSEA" is a weather one)
        **dict.fromkeys(("station", "outlet", "newsletter"), _station_name),
        **dict.fromkeys(("username", "alias"), _display_name),
        **dict.fromkeys(OUTLET_WORDS, lambda value: _outlet_name(value)),
        # (the dates of the languages added last: a word of theirs names other things too, "tarix" history)
        **dict.fromkeys(("tarix", "sana", "сана", "ቀን", "күні"), _dated),
        "reporters": lambda value: named_sender(value) and not value.strip().isdigit(),
    }
)
# Words for a link that are everyday words too (a postal address, a phone call): a link's key only for a link.
_WORDY_LINK_KEYS = frozenset({"주소", "ligacao", "veza", "duongdan", "poveznica"})


# Names of the feed that hold its address as often: an address there names no one ({"feed": "https://…/rss"}),
# nor under any other of the feed's names ("kaynak", "bron").
_NO_ADDRESS = frozenset({"source", "feed", "origin"})


def collect(pairs: Iterable[tuple[str, str | None]]) -> tuple[dict[str, str], bool]:
    """Canonical fields from (key, value) pairs, first non-empty value winning (the longest, for the content:
    a feed reader's item passed on whole has a "summary" beside its "content"; a page's address over an API's);
    and whether any key was a known alias at all (a body of known keys with empty values was still read
    correctly)."""
    fields: dict[str, str] = {}
    weak: dict[str, str] = {}
    known_key_seen = False
    for key, value in pairs:
        canonical = canonical_name(key)
        if canonical is None:
            continue
        known_key_seen = True
        name = key.strip().strip(QUOTES).lower()
        if value and (name in _NO_ADDRESS or canonical == "feed_title") and _ADDRESS.search(value):
            continue
        if value and value.strip() and name in _WEAK_ALIASES:
            if _WEAK_ALIASES[name](value):
                weak.setdefault(canonical, value.strip())
            continue
        if value and canonical == "url" and _WORDY_LINK_KEYS & {name.translate(_SEPARATORS), _fold(name)}:
            if _is_link(value):
                weak.setdefault(canonical, value.strip())  # ("주소" beside "링크": the named link wins)
            continue
        if value and value.strip() and name in _PAGE_KEYS and _API_ADDRESS.search(fields.get(canonical, "")):
            fields[canonical] = value.strip()
            continue
        if value is None or (canonical in fields and canonical != "content"):
            continue
        value = value.strip()
        if value and len(value) > len(fields.get(canonical, "")):
            fields[canonical] = value
    return {**weak, **fields}, known_key_seen
