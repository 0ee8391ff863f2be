"""text/plain ``key: value`` bodies: a field's key after the content ends it, in any case."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from app.ingest.payload import parse_payload
from app.ingest.service import raw_item_from
from app.normalize import NormalizeSettings, normalize


@pytest.mark.parametrize(
    ("author_key", "date_key"),
    [("author", "published"), ("Author", "Published"), ("AUTHOR", "published_at"), ("EntryAuthor", "EntryPublished")],
)
def test_a_fields_key_after_the_content_ends_the_content(author_key: str, date_key: str) -> None:
    body = (
        "title: Harbour plan approved\n"
        "content: The council approved the plan.\n"
        "It will cost less than feared.\n"
        f"{author_key}: Jane Doe\n"
        f"{date_key}: 2024-05-01T10:00:00Z\n"
    )
    fields = parse_payload(body.encode(), "text/plain").fields
    assert fields["content"] == "The council approved the plan.\nIt will cost less than feared."
    assert fields["author"] == "Jane Doe"
    assert fields["published"] == "2024-05-01T10:00:00Z"


def test_the_rest_of_the_keys_after_the_content_in_lower_case() -> None:
    body = (
        "content: Body text.\nurl: https://example.com/a\nimage: https://example.com/a.jpg\nfeed_title: Desk\ntitle: T"
    )
    fields = parse_payload(body.encode(), "text/plain").fields
    assert fields == {
        "content": "Body text.",
        "url": "https://example.com/a",
        "image": "https://example.com/a.jpg",
        "feed_title": "Desk",
        "title": "T",
    }


def test_prose_that_looks_like_a_key_stays_in_the_content() -> None:
    body = (
        "title: A review\n"
        "author: Jane Doe\n"
        "content: A fine novel.\n"
        "Title: The Great Gatsby\n"  # title was given: this is the review's prose
        "Author: F. Scott Fitzgerald\n"  # likewise
        "Source: the publisher\n"  # an alias that is an everyday word
        "Link: see below\n"
    )
    fields = parse_payload(body.encode(), "text/plain").fields
    assert fields["title"] == "A review"
    assert fields["author"] == "Jane Doe"
    assert fields["content"].endswith("Link: see below")
    assert "Title: The Great Gatsby" in fields["content"]
    assert "feed_title" not in fields


def test_label_lines_after_a_notice_lead_and_the_post_after_a_blank_line() -> None:
    # A hand-written template: a notice line, "Title: … Link: … By: … When: …", then the post.
    body = (
        "New post on Harbour Desk\n"
        "Title: Ferry timetable changes\n"
        "Link: https://harbourdesk.example/ferry-timetable\n"
        "By: {{EntryAuthor}}\n"
        "When: March 3, 2025 at 09:15AM\n"
        "\n"
        "<p>The winter timetable starts on Monday.</p>\n"
        "<p>Two early sailings are cut.</p>"
    )
    result = parse_payload(body.encode(), "text/plain")
    assert result.form == "text-fields"
    assert dict(result.fields) == {
        "title": "Ferry timetable changes",
        "url": "https://harbourdesk.example/ferry-timetable",
        "author": "{{EntryAuthor}}",
        "published": "March 3, 2025 at 09:15AM",
        "content": "<p>The winter timetable starts on Monday.</p>\n<p>Two early sailings are cut.</p>",
        "feed_title": "Harbour Desk",
    }


def test_a_lead_line_of_prose_before_one_key_is_a_text_post() -> None:
    result = parse_payload(b"Harbour plan approved\nSource: the council", "text/plain")
    assert result.form == "text-post"


def test_a_link_and_via_line_under_a_text_post_are_its_link_and_feed() -> None:
    body = "Road reopens\n\nThe road reopens at 6am.\n\nhttps://ift.tt/3AbCdEf\nvia Harbour Radio - News"
    result = parse_payload(body.encode(), "text/plain")
    assert dict(result.fields) == {
        "title": "Road reopens",
        "url": "https://ift.tt/3AbCdEf",
        "feed_title": "Harbour Radio - News",
        "content": "The road reopens at 6am.",
    }
    # IFTTT's own "via IFTTT" names no feed.
    own = parse_payload(b"Road reopens\n\nThe road reopens at 6am.\nhttps://ift.tt/3AbCdEf\nvia IFTTT", "text/plain")
    assert "feed_title" not in own.fields


def test_hand_named_feed_key_is_the_feed_title() -> None:
    body = b'{"title": "T", "content": "<p>Body.</p>", "feed": "Harbour Desk"}'
    assert parse_payload(body, "application/json").fields["feed_title"] == "Harbour Desk"


def test_headline_and_picture_labels_after_a_bare_new_on_notice() -> None:
    # "New on <site>" with no noun, and "Headline:" / "Picture:" for the title and the image.
    body = (
        "New on Sky Sports\n"
        "Headline: Ruiz-Mendez ruled out for six weeks\n"
        "Link: https://ift.tt/8PwKd3X\n"
        "Published: December 4, 2026 at 09:41PM\n"
        "Picture: https://e0.365dm.com/26/12/768x432/injury.jpg\n"
        "\n"
        "The midfielder will miss the festive fixtures."
    )
    result = parse_payload(body.encode(), "text/plain")
    assert result.form == "text-fields"
    assert dict(result.fields) == {
        "title": "Ruiz-Mendez ruled out for six weeks",
        "url": "https://ift.tt/8PwKd3X",
        "published": "December 4, 2026 at 09:41PM",
        "image": "https://e0.365dm.com/26/12/768x432/injury.jpg",
        "content": "The midfielder will miss the festive fixtures.",
        "feed_title": "Sky Sports",
    }


def test_an_applets_posted_lead_names_the_feed_and_leaves_the_title() -> None:
    body = "SCOTUSblog just posted: Justices agree to hear a drone case\n\nhttps://ift.tt/3VbNmKq\n\nThey added it."
    result = parse_payload(body.encode(), "text/plain")
    assert result.fields["title"] == "Justices agree to hear a drone case"
    assert result.fields["feed_title"] == "SCOTUSblog"
    # A title that only contains the words is a title.
    plain = parse_payload(b"Why the council posted: a look back\n\nText.", "text/plain")
    assert plain.fields["title"] == "Why the council posted: a look back"


@pytest.mark.parametrize(
    ("body", "title", "feed_title"),
    [
        # what was posted, and where, said in the applet's lead
        (
            "KEXP just posted a new track on SoundCloud: Pale Harbor - Full Performance\nhttps://ift.tt/3Wq1nZs\nLive.",
            "Pale Harbor - Full Performance",
            "KEXP",
        ),
        (
            "New question on Ask Ubuntu: How do I hold snap refreshes?\nhttps://askubuntu.com/q/1\n\nFor a talk.",
            "How do I hold snap refreshes?",
            "Ask Ubuntu",
        ),
        # the site named before the title: by the table's name, a label of the host, in another script
        (
            "Morningstar | 3 Dividend Stocks to Buy (by Hollis Grant)\nRead: https://ift.tt/4aBcDeF\n\nThey yield.",
            "3 Dividend Stocks to Buy",
            "Morningstar",
        ),
        (
            "NHC Atlantic update: Tropical Storm Gonzalo Advisory 7\nhttps://www.nhc.noaa.gov/text/a.shtml\n\nText.",
            "Tropical Storm Gonzalo Advisory 7",
            "National Hurricane Center",
        ),
        (
            "Արմենպրես | Երևանում կբացվի նոր կայարան\nhttps://armenpress.am/hy/article/1\n\nՏեքստ։",
            "Երևանում կբացվի նոր կայարան",
            "Armenpress",
        ),
        (
            "Oregonian alert: Schools board votes https://www.oregonlive.com/education/a.html",
            "Schools board votes",
            "The Oregonian",
        ),
        (
            "SHRM News: EEOC updates guidance\nhttps://www.shrm.org/topics/news/a\nby Dana Feld, J.D.",
            "EEOC updates guidance",
            "SHRM",
        ),
        # the name in words the host runs together
        (
            "📸 Page Six: Reality star lists her Malibu beach house https://pagesix.com/2024/05/15/a/",
            "Reality star lists her Malibu beach house",
            "Page Six",
        ),
        # the host written whole, a subdomain's service, a network's paper named by the link's first segment
        (
            "Weather.com: Winter Storm Watches Issued For Denver https://weather.com/storms/winter/news/a",
            "Winter Storm Watches Issued For Denver",
            "The Weather Channel",
        ),
        (
            "Newyddion S4C: Ysgol Gymraeg newydd i agor https://newyddion.s4c.cymru/article/31234",
            "Ysgol Gymraeg newydd i agor",
            "Newyddion S4C",
        ),
        (
            "Timaru Herald: Caroline Bay Carnival to return https://www.stuff.co.nz/timaru-herald/news/300512874/a",
            "Caroline Bay Carnival to return",
            "Timaru Herald",
        ),
        # the owner's mark before the name, and a name that opens with a digit
        (
            "🔴 1News: Heavy rain warning issued for Coromandel https://www.1news.co.nz/2026/12/09/heavy-rain/",
            "Heavy rain warning issued for Coromandel",
            "1News",
        ),
        # a compound naming the site ("KNMI-nieuws"), and the owner's arrow pointing at the link
        (
            "☀️ KNMI-nieuws: Voorjaar 2025 zeer zonnig en droog → https://www.knmi.nl/over-het-knmi/nieuws/a",
            "Voorjaar 2025 zeer zonnig en droog",
            "KNMI",
        ),
        # the name part of a hyphened host label ("elwatan" of elwatan-dz.com), after the owner's mark and a dash
        (
            "📰 El Harbi — Ouverture de la ligne ferroviaire prévue en 2026\nhttps://elharbi-dz.example/a\n\n<p>Texte.</p>",
            "Ouverture de la ligne ferroviaire prévue en 2026",
            "El Harbi",
        ),
        # after the owner's mark, a name with an acronym or a word of its own, whatever the link: the site's
        (
            "📢 Harbour EMS: Winter weather advisory for all five districts https://www.harbour.example/a",
            "Winter weather advisory for all five districts",
            "Harbour EMS",
        ),
        ("📬 TideDraft just landed: Hold the Line → https://ift.tt/3VmR8pT", "Hold the Line", "TideDraft"),
        (
            "🦋 Bridgy Fed on Bluesky: Bridged accounts can now set a custom domain https://bsky.app/a",
            "Bridged accounts can now set a custom domain",
            "Bridgy Fed",
        ),
        # a lead of ordinary words is the title's own, and a word of the language names no one
        ("🎄 Christmas Markets: the ten best in Europe this year\nhttps://ift.tt/3AbCdEf\n\nText.", None, None),
        ("🔴 Breaking: Fire in the harbour district tonight\nhttps://ift.tt/3AbCdEf\n\nText.", None, None),
        ("🚨 BREAKING: Earthquake hits the harbour region tonight\nhttps://ift.tt/3AbCdEf\n\nText.", None, None),
        ("🎬 NEW VIDEO: How the harbour ferry was built\nhttps://ift.tt/3AbCdEf\n\nText.", None, None),
        ("🎧 Podcast: How the harbour ferry was built\nhttps://ift.tt/3AbCdEf\n\nText.", None, None),
        # an arrow after the site's name, a bar before the link; a label in corner brackets naming the site
        (
            "ERGRID news → Grid issues Flex Alert for Tuesday | https://www.ergrid.com/about/news/a",
            "Grid issues Flex Alert for Tuesday",
            "ERGRID",
        ),
        (
            "【KDDIニュースリリース】KDDI、法人向け生成AI基盤の提供を開始 https://newsroom.kddi.com/news/a.html",
            "KDDI、法人向け生成AI基盤の提供を開始",
            "KDDI",
        ),
        # what the owner did, and where: the quoted title is the headline
        (
            'Dugg on Digg: "Why every city wants a night mayor" https://digg.com/culture/link/a (December 1, 2026)',
            "Why every city wants a night mayor",
            "Digg",
        ),
        # a lead naming something else, or a site's own column or release, is the title's
        ("Apple: record quarter for services\nhttps://www.macblog.example/a\n\nText.", None, None),
        ("The Guardian view on tariffs: a bad bargain\nhttps://www.theguardian.com/a\n\nText.", None, None),
        ("Reason Roundup: Congress punts again\nhttps://reason.com/2026/12/01/roundup/\n\nText.", None, None),
        ("Kubernetes v1.36: In-Place Resize\nhttps://kubernetes.io/blog/2026/12/01/a/\n\nText.", None, None),
        # a section's name or a topic opening the title is the title's own
        ("Formula 1: Verstappen takes pole\nhttps://www.telegraph.co.uk/formula-1/2026/12/06/a/\n\nText.", None, None),
        ("Breaking News: Fire in the harbour\nhttps://www.stuff.co.nz/breaking-news/300512874/a\n\nText.", None, None),
        ("Opinion: The bay needs a carnival\nhttps://www.stuff.co.nz/opinion/300512874/a\n\nText.", None, None),
        # a section of ordinary words, or one word, in the link's first segment is the title's
        ("Climate Change: The bay is rising\nhttps://www.stuff.co.nz/climate-change/300512874/a", None, None),
        ("Kempten: Stadt lässt 60 Bäume fällen\nhttps://www.all-in.de/kempten/c-lokales/a_a6214587", None, None),
        ("Comunitat Valenciana: Les Corts aproven la llei\nhttps://www.eldiario.es/comunitat-valenciana/a", None, None),
        ("Brexit Deal: What changes for travellers\nhttps://www.bbc.co.uk/brexit-deal/a", None, None),
        # a name in another script, its vowels transliterated another way ("Твоє місто", tvoemisto.tv)
        ("Твоє місто | У Львові обмежать рух https://tvoemisto.tv/news/a", "У Львові обмежать рух", "Твоє місто"),
        # a site's name in corner brackets, never a label of the item's kind
        (
            "【現代ビジネス】日銀はなぜ利上げを急がないのか\nhttps://gendai.example/articles/-/1",
            "日銀はなぜ利上げを急がないのか",
            "現代ビジネス",
        ),
        # with a shortlink only the table can name the site, and a word of the language names none
        (
            "Morningstar | Fed holds rates steady\nhttps://ift.tt/3AbCdEf\n\nText.",
            "Fed holds rates steady",
            "Morningstar",
        ),
        ("News: Council approves the budget\nhttps://ift.tt/3AbCdEf\n\nText.", None, None),
        ("Review: A quiet, tense thriller\nhttps://ift.tt/3AbCdEf\n\nText.", None, None),
    ],
)
def test_an_owners_lead_naming_the_site_leaves_the_title(body: str, title: str | None, feed_title: str | None) -> None:
    raw = raw_item_from(parse_payload(body.encode(), "text/plain"), secret="")
    # (the owner's mark before a title that names no site is not the title's: "🔴 Breaking: …" → "Breaking: …")
    assert (raw.title, raw.feed_title) == (title or re.sub(r"^[^\w]+", "", body.partition("\n")[0]), feed_title)


def test_hashtags_after_the_link_on_the_title_line() -> None:
    body = (
        b"New on Farmers Weekly: Bird flu at a Norfolk farm https://www.fwi.co.uk/a/bird-flu #avianinfluenza #farming"
    )
    result = parse_payload(body, "text/plain")
    assert (result.fields["title"], result.fields["url"]) == (
        "Bird flu at a Norfolk farm",
        "https://www.fwi.co.uk/a/bird-flu",
    )


def test_an_owners_title_ends_with_its_author_and_a_labelled_link_stands_under_it() -> None:
    result = parse_payload(b"Gravy, ranked (by Nadia Cole)\nRead: https://d.example/gravy\n\nSix tasted.", "text/plain")
    assert result.fields["title"] == "Gravy, ranked"
    assert (result.fields["author"], result.fields["url"], result.fields["content"]) == (
        "Nadia Cole",
        "https://d.example/gravy",
        "Six tasted.",
    )


def test_notes_and_summary_labels_are_the_content() -> None:
    body = "Title: v2.0.12\nLink: https://github.com/o/r/releases/tag/v2.0.12\nNotes: <p>Fixes a hang.</p>"
    assert parse_payload(body.encode(), "text/plain").fields["content"] == "<p>Fixes a hang.</p>"


def test_a_notice_over_the_headline_names_the_feed_and_a_posted_line_dates_the_post() -> None:
    body = (
        "🚨 New from CTV News Toronto\n"
        "Ontario to cut Highway 407 tolls for trucks\n"
        "https://www.ctvnews.ca/toronto/article/ontario-407-tolls/\n"
        "Posted December 3, 2026 at 02:26PM"
    )
    fields = parse_payload(body.encode(), "text/plain").fields
    assert fields == {
        "feed_title": "CTV News Toronto",
        "title": "Ontario to cut Highway 407 tolls for trucks",
        "url": "https://www.ctvnews.ca/toronto/article/ontario-407-tolls/",
        "published": "December 3, 2026 at 02:26PM",
    }
    # a headline that only starts so is a headline; a story line that says "posted" is story
    plain = parse_payload(b"New from the lab: a faster solver\n\nPosted here first, then on the wiki.", "text/plain")
    assert plain.fields["title"] == "New from the lab: a faster solver"
    assert plain.fields["content"] == "Posted here first, then on the wiki."


@pytest.mark.parametrize(
    ("body", "title", "feed_title"),
    [
        (
            "New from Troy Hunt → Weekly Update 482\nhttps://ift.tt/3x\n\nThis week's update.",
            "Weekly Update 482",
            "Troy Hunt",
        ),
        (
            "Nueva nota en Página/12: El Senado aprobó el Presupuesto\n\nEl texto.",
            "El Senado aprobó el Presupuesto",
            "Página/12",
        ),
        (
            "📰 El Tiempo | Banco de la República baja su tasa\n\nLa junta decidió.",
            "Banco de la República baja su tasa",
            "El Tiempo",
        ),
        (
            "Νέο άρθρο στο CretaLive: Ηράκλειο: Κλειστή η λεωφόρος Ικάρου https://www.cretalive.gr/kriti/a",
            "Ηράκλειο: Κλειστή η λεωφόρος Ικάρου",
            "CretaLive",
        ),
        (
            "Νέα στη Θεσσαλονίκη: κλειστοί δρόμοι την Κυριακή\n\nΤο κείμενο.",
            "Νέα στη Θεσσαλονίκη: κλειστοί δρόμοι την Κυριακή",
            None,
        ),
        (
            "Novo artigo em Jornal de Leiria: Câmara aprova orçamento\n\nO texto.",
            "Câmara aprova orçamento",
            "Jornal de Leiria",
        ),
        # a lead-in that names no one leaves only the headline
        (
            "New in the shop! Hand-dyed merino sock yarn\nhttps://www.etsy.example/l/1\n\nFingering weight.",
            "Hand-dyed merino sock yarn",
            None,
        ),
        # over a blank line, a notice names the feed only over a one-line headline; an elided article names none
        (
            "Nova notícia de l'Ajuntament 📢\n\nLa biblioteca amplia l’horari\n\nA partir del 10 de gener.",
            "La biblioteca amplia l’horari",
            None,
        ),
        (
            "Neuer Beitrag auf Stadtblog\n\nDie Bibliothek öffnet sonntags\n\nAb Januar.",
            "Die Bibliothek öffnet sonntags",
            "Stadtblog",
        ),
        # a bar in a headline without a lead mark is the headline's own ("Opinion | …")
        ("Opinion | Why the bridge matters\n\nText.", "Opinion | Why the bridge matters", None),
        # Romanian puts "new" after its noun; Lithuanian's "new" and "from"; a pointer after a dash ends the line
        (
            "Știre nouă pe Bihoreanul: Podul se închide din 3 martie – citește aici: https://www.example.ro/a-1",
            "Podul se închide din 3 martie",
            "Bihoreanul",
        ),
        (
            "Nowy komunikat z Kancelarii: Sejm uchwalił nowelizację ustawy — czytaj: https://www.example.pl/k/1",
            "Sejm uchwalił nowelizację ustawy",
            "Kancelarii",
        ),
        (
            "New tori from BBC Pidgin 📰 Wetin we know about di deadline - read am here: https://www.example.com/p/1",
            "Wetin we know about di deadline",
            "BBC Pidgin",
        ),
        (
            "Nauja žinia iš jp.lt: Prasideda fontano remontas https://www.jp.lt/a/1",
            "Prasideda fontano remontas",
            "jp.lt",
        ),
        (
            "💊 Neu bei Apotheken Umschau: Heuschnupfen: Warum die Saison früher beginnt – jetzt lesen: https://a.example/1",
            "Heuschnupfen: Warum die Saison früher beginnt",
            "Apotheken Umschau",
        ),
    ],
)
def test_an_applets_notice_names_the_feed_and_leaves_the_headline(
    body: str, title: str, feed_title: str | None
) -> None:
    fields = parse_payload(body.encode(), "text/plain").fields
    assert (fields["title"], fields.get("feed_title")) == (title, feed_title)


def test_a_labelled_link_ending_a_text_post_is_its_link() -> None:
    body = "La biblioteca amplia l’horari\n\nA partir del 10 de gener.\n\nMés informació: https://ift.tt/2WcRtYp"
    fields = parse_payload(body.encode(), "text/plain").fields
    assert (fields["url"], fields["content"]) == ("https://ift.tt/2WcRtYp", "A partir del 10 de gener.")


def test_labels_in_the_senders_language() -> None:
    body = (
        "Titre : Déneigement : début de l’opération\n"
        "Lien : https://montreal.ca/actualites/deneigement-68214\n"
        "Date : December 6, 2026 at 04:10PM\n"
        "Source : Ville de Montréal - Actualités\n"
        "Texte : Une première opération commence ce soir."
    )
    fields = parse_payload(body.encode(), "text/plain").fields
    assert fields == {
        "title": "Déneigement : début de l’opération",
        "url": "https://montreal.ca/actualites/deneigement-68214",
        "published": "December 6, 2026 at 04:10PM",
        "feed_title": "Ville de Montréal - Actualités",
        "content": "Une première opération commence ce soir.",
    }


def test_a_link_and_a_bracketed_date_ending_the_headline_line() -> None:
    body = "3-2-1: On patience — https://jamesclear.example/3-2-1/november-26-2026 (Nov 26, 2026)\n\nText."
    fields = parse_payload(body.encode(), "text/plain").fields
    assert (fields["title"], fields["url"], fields["published"]) == (
        "3-2-1: On patience",
        "https://jamesclear.example/3-2-1/november-26-2026",
        "Nov 26, 2026",
    )


def test_read_more_at_a_site_names_it_and_gives_the_link() -> None:
    body = "RBI holds rates\n\nThe committee voted 5-1.\n\nRead more at Mint: https://www.livemint.example/economy/rbi-1176"
    fields = parse_payload(body.encode(), "text/plain").fields
    assert (fields["url"], fields["feed_title"], fields["content"]) == (
        "https://www.livemint.example/economy/rbi-1176",
        "Mint",
        "The committee voted 5-1.",
    )


@pytest.mark.parametrize(
    ("body", "title", "url"),
    [
        # a notice in Swedish and its "read more" link
        (
            "Ny artikel i Sydsvenskan: Citytunneln stängs\n\nTrafikverket byter spår.\n\nLäs mer: https://www.sydsvenskan.se/a",
            "Citytunneln stängs",
            "https://www.sydsvenskan.se/a",
        ),
        # a notice line ending in a colon, over the headline and its link
        (
            "New on the IPCC website:\n\nIPCC opens expert review https://www.ipcc.ch/2026/12/10/review/\n\n"
            "Experts can register.",
            "IPCC opens expert review",
            "https://www.ipcc.ch/2026/12/10/review/",
        ),
    ],
)
def test_notices_in_more_forms(body: str, title: str, url: str) -> None:
    fields = parse_payload(body.encode(), "text/plain").fields
    assert (fields["title"], fields["url"]) == (title, url)


def test_a_posted_label_is_the_date_not_the_authors() -> None:
    body = (
        "Title: Cookies\nLink: https://www.foodandwine.com/a\nBy: Priya Raman\n"
        "Posted: November 27, 2026 at 09:00AM\n\n<p>Text.</p>"
    )
    fields = parse_payload(body.encode(), "text/plain").fields
    assert (fields["author"], fields["published"]) == ("Priya Raman", "November 27, 2026 at 09:00AM")


def test_a_new_video_just_dropped_names_its_channel() -> None:
    body = b"New MKBHD video just dropped!! Reviewing the Fold 8: Finally Boring https://www.youtube.com/watch?v=Rq7tY2mN4xC"
    fields = parse_payload(body, "text/plain").fields
    assert (fields["title"], fields["feed_title"]) == ("Reviewing the Fold 8: Finally Boring", "MKBHD")


def test_a_papers_story_notice_and_the_author_after_the_link() -> None:
    body = (
        "New Toronto Sun story: Leafs blank Senators as Woll makes 38 saves — "
        "https://torontosun.com/sports/hockey/leafs-blank-senators (by Lance Hornby)"
    )
    fields = parse_payload(body.encode(), "text/plain").fields
    assert (fields["title"], fields["feed_title"], fields["author"]) == (
        "Leafs blank Senators as Woll makes 38 saves",
        "Toronto Sun",
        "Lance Hornby",
    )
    assert fields["url"] == "https://torontosun.com/sports/hockey/leafs-blank-senators"
    release = parse_payload(b"New SNB press release: Monetary policy assessment https://www.snb.ch/en/a", "text/plain")
    assert (release.fields["title"], release.fields["feed_title"]) == ("Monetary policy assessment", "SNB")
    # a place's name is no paper's
    place = parse_payload(b"New York story: the subway gets a new map\n\nText.", "text/plain").fields
    assert place["title"] == "New York story: the subway gets a new map"


def test_one_line_with_the_title_its_summary_after_a_dash_and_a_labelled_link() -> None:
    body = (
        "New on Dhaka Tribune: Metro Rail to run till midnight from December — Dhaka Mass Transit Company Limited"
        " says trains will run every 10 minutes until 12am. Read it here https://www.dhakatribune.com/a/361245"
    )
    fields = parse_payload(body.encode(), "text/plain").fields
    assert (fields["title"], fields["url"]) == (
        "Metro Rail to run till midnight from December",
        "https://www.dhakatribune.com/a/361245",
    )
    assert fields["content"] == "Dhaka Mass Transit Company Limited says trains will run every 10 minutes until 12am."
    # a headline with a dash and no sentence after it stays whole
    kept = parse_payload(b"Oasis \xe2\x80\x94 the reunion tour dates https://example.com/a", "text/plain").fields
    assert kept["title"] == "Oasis — the reunion tour dates"


@pytest.mark.parametrize(
    ("body", "title", "feed_title"),
    [
        (
            "⚠️ Status update from Instatus — Dashboard loading slowly\nhttps://status.instatus.example/a",
            "Dashboard loading slowly",
            "Instatus",
        ),
        (
            "Arch news: Manual intervention required\nhttps://archlinux.org/news/a/",
            "Manual intervention required",
            "Arch Linux",
        ),
    ],
)
def test_a_status_notice_and_a_sites_short_name(body: str, title: str, feed_title: str) -> None:
    raw = raw_item_from(parse_payload(body.encode(), "text/plain"), secret="")
    assert (raw.title, raw.feed_title) == (title, feed_title)


def test_a_posted_notice_over_the_headline_a_quoted_title_and_its_writer() -> None:
    body = (
        "Aperture posted a new story!\n\nLange in Colour\n\nA cache of slides.\n\nRead it here: https://aperture.org/a/"
    )
    fields = parse_payload(body.encode(), "text/plain").fields
    assert (fields["title"], fields["feed_title"], fields["url"]) == (
        "Lange in Colour",
        "Aperture",
        "https://aperture.org/a/",
    )
    quoted = "New in the LRB: ‘At the Harbour Museum’ by Jenna Strachan https://www.lrb.co.uk/a"
    lrb = parse_payload(quoted.encode(), "text/plain").fields
    assert (lrb["title"], lrb["author"], lrb["feed_title"]) == ("At the Harbour Museum", "Jenna Strachan", "LRB")


def test_a_new_thing_just_dropped_notice_over_its_headline() -> None:
    body = "🎬 New Noclip documentary just dropped!\nThe Making of Lantern Keep\nhttps://youtu.be/Xy7Pq2LmN4s\n#gamedev"
    fields = parse_payload(body.encode(), "text/plain").fields
    assert (fields["title"], fields["feed_title"], fields["url"]) == (
        "The Making of Lantern Keep",
        "Noclip",
        "https://youtu.be/Xy7Pq2LmN4s",
    )


def test_a_text_label_holds_the_content() -> None:
    body = "Title: The smallest audience\nBy: Seth Godin\nLink: https://seths.blog/a/\nText: <p>Build for few.</p>"
    fields = parse_payload(body.encode(), "text/plain").fields
    assert (fields["title"], fields["author"], fields["content"]) == (
        "The smallest audience",
        "Seth Godin",
        "<p>Build for few.</p>",
    )


def test_a_notices_quoted_headline_and_a_released_line_under_a_closing_link() -> None:
    quoted = "New post from Baldur: “Slow years are best” https://www.baldur.example/a/ (December 4, 2026 at 10:20AM)"
    fields = parse_payload(quoted.encode(), "text/plain").fields
    assert (fields["title"], fields["feed_title"]) == ("Slow years are best", "Baldur")
    released = "THD - Trading Statement\n\nEarnings rose.\n\nhttps://sens.example/a.pdf\n\nReleased: 19 Oct 2026 17:05"
    fields = parse_payload(released.encode(), "text/plain").fields
    assert (fields["url"], fields["published"], fields["content"]) == (
        "https://sens.example/a.pdf",
        "19 Oct 2026 17:05",
        "Earnings rose.",
    )
    # a quoted headline that no notice introduced is the owner's as written
    plain = parse_payload("“We stay” https://www.x.example/a".encode(), "text/plain").fields
    assert plain["title"] == "“We stay”"


@pytest.mark.parametrize(
    ("body", "title", "feed_title"),
    [
        (
            "🟠 The Tribune | Punjab\n\nPunjab notifies paddy schedule\n\nThe state notified it.\n\n"
            "Read: https://www.tribuneindia.com/news/a/\n\n#Punjab #Agriculture",
            "Punjab notifies paddy schedule",
            "The Tribune | Punjab",
        ),
        (
            "🇰🇪 BREAKING | Citizen Digital\n\nKCSE results out on Friday\n\nRead more: https://www.citizen.digital/a\n\n#KCSE",
            "KCSE results out on Friday",
            "BREAKING | Citizen Digital",
        ),
        # a marked site and headline on one line stays that
        (
            "📰 El Tiempo | Bogotá amplía el pico y placa\nhttps://www.eltiempo.com/a",
            "Bogotá amplía el pico y placa",
            "El Tiempo",
        ),
    ],
)
def test_a_marked_header_over_a_blank_line_and_the_headline(body: str, title: str, feed_title: str) -> None:
    fields = parse_payload(body.encode(), "text/plain").fields
    assert (fields["title"], fields["feed_title"]) == (title, feed_title)
    assert fields["url"].startswith("https://")
    assert "#" not in fields.get("content", "")


@pytest.mark.parametrize(
    ("body", "title", "feed_title", "url"),
    [
        # a barred header over the headline with no blank line, a link after a pointing hand
        (
            "🏏 Cricbuzz | Latest\nAustralia name uncapped quick\nRead more: https://www.cricbuzz.com/a\n#cricket",
            "Australia name uncapped quick",
            "Cricbuzz | Latest",
            "https://www.cricbuzz.com/a",
        ),
        (
            "🚨 MilanoToday | Cronaca\n\nScontro tra tram e auto\n\n👉 https://www.milanotoday.it/a.html\n\n#Milano",
            "Scontro tra tram e auto",
            "MilanoToday | Cronaca",
            "https://www.milanotoday.it/a.html",
        ),
        # a short marked line of its own over a blank line, and a "Details:" link
        (
            "🔥 CAL FIRE incident update\n\nRidge Fire grows to 1,250 acres\n\nEvacuations remain.\n\n"
            "Details: https://www.fire.ca.gov/incidents/a\n\n#RidgeFire",
            "Ridge Fire grows to 1,250 acres",
            "CAL FIRE incident update",
            "https://www.fire.ca.gov/incidents/a",
        ),
        # a header in corner brackets, a "new episode of <show> is live" notice
        (
            "【HikakinTV 新着動画】\n巨大ガチャガチャを回してみた\nhttps://youtu.be/Rk2mP8vQx4E\n#ヒカキン",
            "巨大ガチャガチャを回してみた",
            "HikakinTV 新着動画",
            "https://youtu.be/Rk2mP8vQx4E",
        ),
        (
            "🎙️ New episode of Figuring Out is live!\nHow the middle class builds wealth | FO 298\n"
            "Listen now: https://creators.spotify.com/pod/a",
            "How the middle class builds wealth | FO 298",
            "Figuring Out",
            "https://creators.spotify.com/pod/a",
        ),
        # who published the quoted title
        (
            "Citizen Lab published “Hidden in Plain Sight” → https://citizenlab.ca/2024/10/a/",
            "Hidden in Plain Sight",
            "Citizen Lab",
            "https://citizenlab.ca/2024/10/a/",
        ),
        (
            "📬 Obsolete just published “Why compute thresholds keep moving” — read it here: https://obsolete.example/p/a",
            "Why compute thresholds keep moving",
            "Obsolete",
            "https://obsolete.example/p/a",
        ),
    ],
)
def test_marked_headers_and_notices_over_the_headline(body: str, title: str, feed_title: str, url: str) -> None:
    fields = parse_payload(body.encode(), "text/plain").fields
    assert (fields["title"], fields["feed_title"], fields["url"]) == (title, feed_title, url)


def test_a_nordic_template() -> None:
    body = (
        "Overskrift: Letbanen holder pause\nLink: https://www.tv2fyn.dk/odense/a\n"
        "Udgivet: December 4, 2026 at 09:15PM\nKilde: TV 2 Fyn\nTekst: <p>Togbusser kører.</p>"
    )
    fields = parse_payload(body.encode(), "text/plain").fields
    assert (fields["title"], fields["url"], fields["published"], fields["feed_title"]) == (
        "Letbanen holder pause",
        "https://www.tv2fyn.dk/odense/a",
        "December 4, 2026 at 09:15PM",
        "TV 2 Fyn",
    )


@pytest.mark.parametrize(
    ("label", "name"),
    [("Källa", "Norran - Nyheter"), ("Lähde", "Savon Sanomat"), ("Zdroj", "Echo24"), ("Πηγή", "CretaLive")],
)
def test_the_source_label_in_more_languages(label: str, name: str) -> None:
    body = (
        "Rubrik: Ny simhall\nLänk: https://norran.se/a\nPublicerad: December 1, 2026 at 02:40PM\n"
        f"{label}: {name}\nText: <p>Ja.</p>"
    )
    fields = parse_payload(body.encode(), "text/plain").fields
    assert (fields["title"], fields["feed_title"], fields["content"]) == ("Ny simhall", name, "<p>Ja.</p>")


def test_an_indonesian_template_and_a_marked_label_over_the_headline() -> None:
    body = (
        "Judul: Kemenhub Siapkan Bus Tambahan\nTautan: https://www.liputan6.com/news/read/1/a\n"
        "Waktu: December 8, 2026 at 01:15PM\nSumber: Liputan6.com\nIsi: Kemenhub menyiapkan 1.200 bus."
    )
    fields = parse_payload(body.encode(), "text/plain").fields
    assert (fields["title"], fields["url"], fields["published"], fields["feed_title"], fields["content"]) == (
        "Kemenhub Siapkan Bus Tambahan",
        "https://www.liputan6.com/news/read/1/a",
        "December 8, 2026 at 01:15PM",
        "Liputan6.com",
        "Kemenhub menyiapkan 1.200 bus.",
    )
    labelled = "🔴 بریکنگ نیوز\nلاہور میں شدید دھند\nمتن۔\nمزید پڑھیں: https://urdu.dunyanews.tv/a\n#DunyaNews"
    fields = parse_payload(labelled.encode(), "text/plain").fields
    assert (fields["title"], fields["url"]) == ("لاہور میں شدید دھند", "https://urdu.dunyanews.tv/a")
    # a marked line of three words or more over a headline with no blank line is no label
    plain = parse_payload("🎉 We made it home\nThanks to everyone.\nhttps://x.example/a".encode(), "text/plain").fields
    assert plain["title"] == "🎉 We made it home"


def test_a_swahili_template() -> None:
    body = (
        "Kichwa: Wakulima walalamikia bonasi\nKiungo: https://taifaleo.nation.co.ke/habari/a/\n"
        "Mwandishi: Faith Kiprono\nTarehe: December 18, 2026 at 10:05AM\nHabari: WAKULIMA wa chai wamelalamikia."
    )
    fields = parse_payload(body.encode(), "text/plain").fields
    assert (fields["title"], fields["url"], fields["author"], fields["published"], fields["content"]) == (
        "Wakulima walalamikia bonasi",
        "https://taifaleo.nation.co.ke/habari/a/",
        "Faith Kiprono",
        "December 18, 2026 at 10:05AM",
        "WAKULIMA wa chai wamelalamikia.",
    )


def test_a_mark_alone_heads_nothing() -> None:
    fields = parse_payload(b" -\n1Tks\r\n", "text/plain").fields
    assert all(value for value in fields.values())  # found by fuzz/fuzz_payload.py: an empty feed title
    assert "feed_title" not in fields


def test_quotes_around_nothing_stay_the_headline() -> None:
    fields = parse_payload(b'-u\n" "', None).fields  # found by fuzz/fuzz_payload.py: an empty title
    assert all(value for value in fields.values())
    assert fields["title"] == '" "'


def test_a_text_posts_long_first_line_is_read_in_linear_time() -> None:
    # the owner's arrow is looked for in the title's last characters only: a long line of spaces or dashes
    # costs no more than a short one
    for line in (" " * 30_000 + "x", "-" * 40_000):
        raw = raw_item_from(parse_payload((line + "\nhttps://a.example/x").encode(), "text/plain"), secret="")
        assert raw.link == "https://a.example/x"


@pytest.mark.parametrize(
    "body",
    [
        # an unmarked line naming the feed over the headline, its link and the applet's date, then the text
        "Harbour Times\nRiver path reopens on Monday\nhttps://www.harbour.example/a\nDecember 4, 2026 at 09:00AM\n"
        "The path reopens after repairs.",
        # a notice in German ("Neue Meldung der …") over the headline; the link and the date close the post
        "Neue Meldung der Harbour Times\nRiver path reopens on Monday\nThe path reopens after repairs.\n"
        "https://www.harbour.example/a\nDecember 4, 2026 at 09:00AM",
    ],
)
def test_a_feeds_line_over_the_headline_and_the_applets_date_alone_on_its_line(body: str) -> None:
    fields = parse_payload(body.encode(), "text/plain").fields
    assert fields["title"] == "River path reopens on Monday"
    assert fields["url"] == "https://www.harbour.example/a"
    assert fields["published"] == "December 4, 2026 at 09:00AM"
    assert fields["content"] == "The path reopens after repairs."


@pytest.mark.parametrize(
    "body",
    [
        "River path reopens on Monday\nDana Reyes\nhttps://www.harbour.example/a",
        # a subtitle between the title and its link, with or without the date after it
        "River path reopens\nThe council's repairs to the flood wall took longer than planned\nhttps://h.example/a",
        "River path reopens\nThe council's repairs to the flood wall took longer than planned\nhttps://h.example/a\n"
        "The path was closed for a year.",
    ],
)
def test_a_title_over_another_line_and_its_link_stays_the_title(body: str) -> None:
    assert parse_payload(body.encode(), "text/plain").fields["title"].startswith("River path reopens")


def test_the_link_in_brackets_after_the_title() -> None:
    body = "New from Harbour Bank — Rates held at 3.75 percent (https://www.harbour.example/rates/)"
    fields = parse_payload(body.encode(), "text/plain").fields
    assert (fields["title"], fields["url"]) == ("Rates held at 3.75 percent", "https://www.harbour.example/rates/")


@pytest.mark.parametrize(
    ("body", "field", "value"),
    [
        (
            "Naslov: Rijeka se otvara\nPoveznica: https://h.example/a\nObjavljeno: December 4, 2026 at 09:00AM",
            "url",
            "https://h.example/a",
        ),
        (
            "Naslov: Rijeka se otvara\nPoveznica: https://h.example/a\nObjavljeno: December 4, 2026 at 09:00AM",
            "published",
            "December 4, 2026 at 09:00AM",
        ),
        (
            "titre=Le port rouvre&lien=https://h.example/a&resume=Le port rouvre lundi.",
            "content",
            "Le port rouvre lundi.",
        ),
    ],
)
def test_labels_in_more_languages(body: str, field: str, value: str) -> None:
    assert parse_payload(body.encode(), "text/plain").fields.get(field) == value


@pytest.mark.parametrize(
    ("body", "title", "feed_title"),
    [
        # "New <channel> video!" over the headline names the channel
        (
            "🎸 New Dana Reyes video!\n\nWhy this chord works\nhttps://www.youtube.com/watch?v=abc\n",
            "Why this chord works",
            "Dana Reyes",
        ),
        # a name that ends with its own "!" before the notice's colon ("Nova no LANCE!: …")
        ("⚽ Nova no RODA!: Clube renova com o treinador https://ift.tt/x", "Clube renova com o treinador", "RODA!"),
    ],
)
def test_a_notice_naming_the_channel_or_a_name_with_its_own_mark(body: str, title: str, feed_title: str) -> None:
    fields = parse_payload(body.encode(), "text/plain").fields
    assert (fields["title"], fields.get("feed_title")) == (title, feed_title)


def test_a_post_opening_with_an_everyday_word_and_a_colon_stays_a_post() -> None:
    # "canal", "kanal" are everyday words, not a channel's label
    body = "Canal: la sequía obliga a reducir el tránsito\nhttps://h.example/a"
    fields = parse_payload(body.encode(), "text/plain").fields
    assert (fields.get("title"), fields.get("url")) == (
        "Canal: la sequía obliga a reducir el tránsito",
        "https://h.example/a",
    )


@pytest.mark.parametrize(
    ("body", "title", "field", "value"),
    [
        ("📖 Dana Reyes on Substack: A letter from the coast", "A letter from the coast", "feed_title", "Dana Reyes"),
        (
            "🗾 New on r/harbourlife: Is the ferry card required now? by /u/kombini_kid https://ift.tt/x",
            "Is the ferry card required now?",
            "author",
            "/u/kombini_kid",
        ),
    ],
)
def test_whose_post_on_which_platform_and_a_redditor_after_the_title(
    body: str, title: str, field: str, value: str
) -> None:
    fields = parse_payload(body.encode(), "text/plain").fields
    assert (fields["title"], fields.get(field)) == (title, value)


def test_an_unencoded_forms_desc_is_the_content() -> None:
    body = "title=Ferry fares frozen&url=https://h.example/a/&desc=Fares on the route will be frozen for a year."
    fields = parse_payload(body.encode(), "application/x-www-form-urlencoded").fields
    assert (fields["url"], fields["content"]) == (
        "https://h.example/a/",
        "Fares on the route will be frozen for a year.",
    )


@pytest.mark.parametrize(
    ("body", "feed_title"),
    [
        ("New music video!\nRiver Song (Live)\nhttps://www.youtube.com/watch?v=abc", None),  # "music" names no one
        ("New in the shop! → Hand-dyed yarn", None),
        ("Patti on TikTok: the new classroom stars https://h.example/a", None),  # a headline whole
    ],
)
def test_notices_that_name_no_one(body: str, feed_title: str | None) -> None:
    assert parse_payload(body.encode(), "text/plain").fields.get("feed_title") == feed_title


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the owner's mark before the title, and the link after it
        (
            "📰 Grève nationale lundi: la SNCB prévoit un train sur deux — https://www.7sur7.be/belgique/a/\n\nTexte.",
            {
                "title": "Grève nationale lundi: la SNCB prévoit un train sur deux",
                "link": "https://www.7sur7.be/belgique/a/",
            },
        ),
        # a notice in Hungarian, its site's name with the case ending hyphenated on
        (
            "📰 Friss a 24.hu-n: Lezárják a Lánchidat a hétvégén https://24.hu/belfold/2026/12/04/a/",
            {
                "title": "Lezárják a Lánchidat a hétvégén",
                "feed_title": "24.hu",
                "link": "https://24.hu/belfold/2026/12/04/a/",
            },
        ),
        # title, link and a summary on one line
        (
            "Konstas recalled as Australia name unchanged attack https://ift.tt/Cc8uT3r — Sam Konstas returns at the"
            " top of the order after a century for NSW.",
            {
                "title": "Konstas recalled as Australia name unchanged attack",
                "content": "Sam Konstas returns at the top of the order after a century for NSW.",
            },
        ),
        # Markdown emphasis typed around the title, and "via <feed>" closing the post
        (
            "*Samsung starts rolling out One UI 9*\nhttps://ift.tt/Sm4pQ8z\n\nThe update weighs 3GB.\n\nvia SamMobile",
            {
                "title": "Samsung starts rolling out One UI 9",
                "feed_title": "SamMobile",
                "content": "The update weighs 3GB.",
            },
        ),
        # "New <channel> video <mark> <title>"
        (
            "New Ben Eater video 📺 How the 6502 resets https://www.youtube.com/watch?v=abc",
            {"title": "How the 6502 resets", "feed_title": "Ben Eater"},
        ),
        # a notice naming "The Point" (a capital "The" is the name's), who posted it and when after the link
        (
            "New on The Point: Gov't, GPA sign port deal - https://ift.tt/3HqTy9W (posted by Lamin Jobe, November 30,"
            " 2026 at 10:15AM)",
            {
                "title": "Gov't, GPA sign port deal",
                "feed_title": "The Point",
                "author": "Lamin Jobe",
                "published": "November 30, 2026 at 10:15AM",
            },
        ),
        (
            "NASA Watch: Artemis III Crew Trains In New Mockup https://nasawatch.com/artemis/a/ (Keith Cowing, December"
            " 4, 2026 at 02:41PM)",
            {"title": "Artemis III Crew Trains In New Mockup", "feed_title": "NASA Watch", "author": "Keith Cowing"},
        ),
        # a notice marked off by a pictograph, and one with the owner's word after the name
        (
            "Nova notícia no zerozero ⚽ Benfica confirma lesão de Otamendi https://ift.tt/6yHcP1s",
            {"title": "Benfica confirma lesão de Otamendi", "feed_title": "zerozero"},
        ),
        (
            "⚠️ VICSES update: Prepare now for severe thunderstorms this weekend https://ift.tt/4vSeS2k",
            {"title": "Prepare now for severe thunderstorms this weekend", "feed_title": "VICSES"},
        ),
        # "<title> by <author>" between a notice and the link
        (
            "New on HumbleDollar: Ten Things I Wish I Knew by Jonathan Clements https://humbledollar.com/2026/12/a/",
            {"title": "Ten Things I Wish I Knew", "feed_title": "HumbleDollar", "author": "Jonathan Clements"},
        ),
        # "<channel> uploaded: “<title>”"
        (
            '📺 Cathode Ray Dude uploaded: "The strangest laptop dock I own" https://www.youtube.com/watch?v=Gk2m',
            {"title": "The strangest laptop dock I own", "feed_title": "Cathode Ray Dude"},
        ),
        # a body's new ruling, and a notice in Serbian
        (
            "New HCA judgment: Nguyen v The King [2026] HCA 41 https://ift.tt/4hCa",
            {"title": "Nguyen v The King [2026] HCA 41", "feed_title": "HCA"},
        ),
        (
            "Novi tekst na Istinomeru: Da li je Srbija prva po rastu plata? https://www.istinomer.rs/a/",
            {"title": "Da li je Srbija prva po rastu plata?"},
        ),
        # "New on the Galway Advertiser 📰" over the headline: the article goes, the name stays
        (
            "New on the Galway Advertiser 📰\n\nPlans lodged for 120 homes in Mervue\n\nhttps://ift.tt/1QwZk3L",
            {"title": "Plans lodged for 120 homes in Mervue", "feed_title": "Galway Advertiser"},
        ),
        # a notice's noun after a name of its own ("New ACCESS Newswire release from <issuer>:")
        (
            "New ACCESS Newswire release from Quarry Lane Games: Quarry Lane Reports Record Q3 https://ift.tt/4hCb",
            {"title": "Quarry Lane Reports Record Q3", "feed_title": "Quarry Lane Games"},
        ),
        # IFTTT's date in brackets on a line of its own
        (
            "Council approves the harbour budget\nhttps://ift.tt/4NnRtY6\n(December 2, 2026 at 06:30PM)",
            {
                "title": "Council approves the harbour budget",
                "published": "December 2, 2026 at 06:30PM",
                "content": None,
            },
        ),
    ],
)
def test_a_text_posts_own_marks_leave_its_title_link_and_feed(body: str, expected: dict[str, str]) -> None:
    raw = raw_item_from(parse_payload(body.encode(), "text/plain"), secret="")
    got = {
        "title": raw.title,
        "feed_title": raw.feed_title,
        "link": raw.link,
        "content": raw.content,
        "author": raw.author,
        "published": raw.published,
    }
    assert {key: got[key] for key in expected} == expected


@pytest.mark.parametrize(
    "line",
    [
        "via the council's website, which said the road reopens on Monday.",  # a sentence, not a feed's name
        "via https://example.com/a",
        "via IFTTT",
    ],
)
def test_a_closing_via_line_that_names_no_feed_stays(line: str) -> None:
    raw = raw_item_from(parse_payload(f"Title of the post\n\nText.\n\n{line}".encode(), "text/plain"), secret="")
    assert raw.feed_title is None


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a passive headline's agent is no author
        (
            "New on Reuters: Jamaica homes destroyed by Hurricane Melissa https://www.reuters.com/world/a/",
            {"title": "Jamaica homes destroyed by Hurricane Melissa", "author": None},
        ),
        (
            "New from The Guardian: Climate bill vetoed by Governor Gavin Newsom https://www.theguardian.com/a",
            {"title": "Climate bill vetoed by Governor Gavin Newsom", "author": None},
        ),
        # a picture agency's "via" line is a credit, and one without a link names no feed
        (
            "Firefighters battle a blaze\nhttps://news.example.com/a\n\nCrews worked all night.\n\nvia Getty Images",
            {"feed_title": None},
        ),
        ("Firefighters battle a blaze\n\nCrews worked all night.\n\nvia City News", {"feed_title": None}),
        # "New Year's Eve post" is no channel's new post
        (
            "New Year's Eve post 🎉 Fireworks light up Sydney Harbour https://example.com/nye",
            {"title": "New Year's Eve post 🎉 Fireworks light up Sydney Harbour"},
        ),
        # one word before IFTTT's date in brackets is no author
        ("Storm hits coast https://news.example.com/x (Updated, December 4, 2026 at 02:41PM)", {"author": None}),
        # "Our Blog" names no one; "_why_" is a name, not emphasis
        ("New on Our Blog: Ten tips for winter cycling https://example.com/blog/a", {"feed_title": None}),
        ("_why_\nhttps://example.com/why", {"title": "_why_"}),
    ],
)
def test_a_text_posts_words_that_only_look_like_marks_stay(body: str, expected: dict[str, str | None]) -> None:
    raw = raw_item_from(parse_payload(body.encode(), "text/plain"), secret="")
    got = {"title": raw.title, "feed_title": raw.feed_title, "author": raw.author}
    assert {key: got[key] for key in expected} == expected


@pytest.mark.parametrize(
    "body",
    [
        # "New <Org> study:" and a place's name are headlines whole
        "New Harvard study: Coffee drinkers live longer, researchers find\nPeople who drink coffee live longer.",
        "New Zealand deal on trade\nThe government signed the agreement on Tuesday after two years of talks.",
        "New South Wales update on floods\nRivers rose overnight across the north.",
        "New Pentagon report on UFOs: no evidence of alien technology\nhttps://www.example.com/ufo",
        "New Apple Watch deal at Amazon: Series 10 drops to $279\nhttps://www.example.com/deal",
    ],
)
def test_headlines_that_open_with_new_are_no_notices(body: str) -> None:
    raw = raw_item_from(parse_payload(body.encode(), "text/plain"), secret="")
    assert (raw.title, raw.feed_title) == (body.partition("\n")[0], None)


def test_a_japanese_template_with_full_width_colons_and_a_maltese_one() -> None:
    body = (
        "タイトル：巨人・戸田、プロ初完封\nURL：https://hochi.news/articles/20260612-OHT1T51187.html\n"
        "日時：June 12, 2026 at 09:47PM\n本文：巨人の戸田悠真投手が完封した。"
    )
    fields = parse_payload(body.encode(), "text/plain").fields
    assert (fields["title"], fields["url"], fields["published"], fields["content"]) == (
        "巨人・戸田、プロ初完封",
        "https://hochi.news/articles/20260612-OHT1T51187.html",
        "June 12, 2026 at 09:47PM",
        "巨人の戸田悠真投手が完封した。",
    )
    maltese = (
        "Titlu: Skema ġdida\nLink: https://newsbook.com.mt/a/\nAwtur: Maria Azzopardi\n"
        "Data: June 3, 2026 at 11:20AM\nKontenut: <p>Il-Gvern ħabbar skema.</p>"
    )
    fields = parse_payload(maltese.encode(), "text/plain").fields
    assert (fields["author"], fields["published"], fields["content"]) == (
        "Maria Azzopardi",
        "June 3, 2026 at 11:20AM",
        "<p>Il-Gvern ħabbar skema.</p>",
    )


def test_a_redditors_post_in_a_subreddit_on_one_line() -> None:
    post = "/u/gridiron_stats_guy posted in r/nfl: [Highlight] Rookie kicker wins it https://www.reddit.com/r/nfl/comments/1p/a/"
    fields = parse_payload(post.encode(), "text/plain").fields
    assert (fields["title"], fields["author"], fields["feed_title"], fields["url"]) == (
        "[Highlight] Rookie kicker wins it",
        "/u/gridiron_stats_guy",
        "r/nfl",
        "https://www.reddit.com/r/nfl/comments/1p/a/",
    )


@pytest.mark.parametrize(
    "body",
    [
        "新製品の発表について\n著者：広報部\n公開日時：2026-01-05 10:00\n本日、新製品を発表しました。",
        "Title: 城市更新计划启动\nURL: https://news.example.cn/a/1\n\n市政府今天宣布启动计划。\n作者：李四\n该计划将持续五年。",
    ],
)
def test_a_full_width_colon_in_prose_opens_no_key_unless_the_template_opens_with_one(body: str) -> None:
    fields = parse_payload(body.encode(), "text/plain").fields
    assert "author" not in fields
    assert "李四" not in fields.get("url", "")


def test_date_and_notice_lines_of_blanks_are_read_in_linear_time() -> None:
    # a closing "When <blanks>x" line and a notice's lead before blanks: one way only past the word, and a
    # notice's name opens with a character that is no blank (these took 50 s and 13 s)
    for body in ("Title\nbody line\nwhen" + " " * 30_000 + "x\n", "New on" + " " * 3_000 + "x\nbody\n"):
        assert parse_payload(body.encode(), "text/plain").fields


@pytest.mark.parametrize(
    "line",
    ["When 3 May 2026 comes, we vote.", "Aired December 3, 2026 on BBC Two.", "Time 12 Nov 2026 is the deadline."],
)
def test_a_closing_sentence_that_opens_with_a_date_word_stays_the_contents(line: str) -> None:
    fields = parse_payload(f"Story title\nThe body of it.\n{line}".encode(), "text/plain").fields
    assert "published" not in fields
    assert fields["content"].endswith(line)


def test_a_source_line_never_takes_the_place_of_the_headlines_own_link() -> None:
    body = (
        "Headline of the story\nhttps://site.example/story/1\n\nBody text.\nSource: Reuters https://www.reuters.com/w/"
    )
    fields = parse_payload(body.encode(), "text/plain").fields
    assert fields["url"] == "https://site.example/story/1"
    podcast = "Headline\n\nBody text.\n\nPodcast: Listen to our interview with the mayor https://a.example/p"
    assert "feed_title" not in parse_payload(podcast.encode(), "text/plain").fields


def test_a_chinese_headline_that_says_new_is_no_notice() -> None:
    fields = parse_payload("苹果发布新视频：展示iPhone 18的新功能\nhttps://a.example/x".encode(), "text/plain").fields
    assert (fields["title"], "feed_title" in fields) == ("苹果发布新视频：展示iPhone 18的新功能", False)


def test_a_bylines_text_label_is_no_content_label() -> None:
    body = "Η νέα έκθεση ανοίγει στο Μουσείο\nΚείμενο: Μαρία Παπαδοπούλου\n\nΗ έκθεση ανοίγει την Πέμπτη."
    assert parse_payload(body.encode(), "text/plain").fields["title"] == "Η νέα έκθεση ανοίγει στο Μουσείο"


@pytest.mark.parametrize(
    "line", ["【速報】北海道で震度4の地震", "【12月限定】冬季限定エール", "【#412】帝国の東西分裂"]
)
def test_a_label_in_corner_brackets_is_the_titles_own(line: str) -> None:
    raw = raw_item_from(parse_payload(f"{line}\nhttps://vp.example/a".encode(), "text/plain"), secret="")
    assert (raw.title, raw.feed_title) == (line, None)


@pytest.mark.parametrize(
    ("title_key", "link_key", "text_key"),
    [
        ("หัวข้อ", "ลิงก์", "เนื้อหา"),  # Thai: vowel and tone marks in every key
        ("शीर्षक", "लिंक", "सामग्री"),  # Hindi: vowel signs and a virama
        ("শিরোনাম", "লিংক", "বিষয়বস্তু"),  # Bengali
    ],
)
def test_keys_written_with_combining_marks_are_keys(title_key: str, link_key: str, text_key: str) -> None:
    body = f"{title_key}: เทศบาลเปิดสะพานใหม่\n{link_key}: https://news.example/a/1\n{text_key}: สะพานเปิดใช้วันนี้"
    fields = parse_payload(body.encode(), "text/plain").fields
    assert fields["title"] == "เทศบาลเปิดสะพานใหม่"
    assert fields["url"] == "https://news.example/a/1"


def test_a_templates_text_under_a_label_no_alias_knows_is_its_content() -> None:
    # Bengali: title, link and date under known words, the text under "বিস্তারিত" (details), ending in a danda
    text = "আগামী রোববার থেকে মেট্রোরেল রাত ১১টা পর্যন্ত চলবে। যাত্রীর চাপ বেড়ে যাওয়ায় এ সিদ্ধান্ত নেওয়া হয়েছে।"
    body = (
        "শিরোনাম: ঢাকায় মেট্রোরেল চলবে রাত ১১টা পর্যন্ত\nলিংক: https://news.example/article/182455\n"
        f"তারিখ: September 8, 2026 at 07:30AM\nবিস্তারিত: {text}"
    )
    fields = parse_payload(body.encode(), "text/plain").fields
    assert fields["title"] == "ঢাকায় মেট্রোরেল চলবে রাত ১১টা পর্যন্ত"
    assert fields["published"] == "September 8, 2026 at 07:30AM"
    assert fields["content"] == text


@pytest.mark.parametrize(
    "body",
    [
        "Nieuwe toot van Stadsimkers Haarlem: <p>Vandaag de kasten winterklaar gemaakt.</p>"
        "<p>#imkeren</p> (https://mastodon.example/@stadsimkers/115650227103958310)",
        "🐘 Neuer Toot von Stadsimkers Haarlem:\n<p>Vandaag de kasten winterklaar gemaakt.</p><p>#imkeren</p>\n"
        "https://mastodon.example/@stadsimkers/115650227103958310",
    ],
)
def test_a_notice_over_a_toot_in_markup_leaves_it_untitled(body: str) -> None:
    fields = dict(parse_payload(body.encode(), "text/plain").fields)
    assert fields == {
        "feed_title": "Stadsimkers Haarlem",
        "url": "https://mastodon.example/@stadsimkers/115650227103958310",
        "content": "<p>Vandaag de kasten winterklaar gemaakt.</p><p>#imkeren</p>",
    }


def test_a_sites_has_published_in_swedish_names_it() -> None:
    body = "SweClockers har publicerat: Ny budgetskärm dyker upp – läs hela nyheten här: https://www.example.se/n/1"
    fields = dict(parse_payload(body.encode(), "text/plain").fields)
    assert (fields["title"], fields["url"]) == ("Ny budgetskärm dyker upp", "https://www.example.se/n/1")


def test_a_bare_label_heads_the_text_under_it() -> None:
    # "Details:" alone, a label no alias knows, after a one-line field: the lines under it are the content,
    # and the release's "- 30 -" end mark is none of it
    body = (
        "Headline: Municipality opens warming centres\nDate: January 20, 2026 at 09:15PM\n"
        "URL: https://www.example.ca/news/warming-centres\nFeed: Halifax Regional Municipality\nDetails:\n"
        "The municipality is opening six warming centres tonight.\nCentres will be open from 8 p.m. to 8 a.m.\n- 30 -\n"
    )
    payload = parse_payload(body.encode(), "text/plain")
    assert payload.fields["feed_title"] == "Halifax Regional Municipality"
    raw = raw_item_from(payload, secret="")
    item = normalize(raw, now=datetime(2027, 1, 1, tzinfo=UTC), settings=NormalizeSettings())
    assert item.body == [
        "The municipality is opening six warming centres tonight.",
        "Centres will be open from 8 p.m. to 8 a.m.",
    ]


@pytest.mark.parametrize("pointer", ["— read it here", "- lire ici", "– hier lesen.", "— leia aqui"])
def test_a_dash_and_words_ending_on_here_point_at_the_link(pointer: str) -> None:
    body = f"ISL 2026-27: Mohun Bagan beat Kerala Blasters 3-1 in Kochi {pointer} https://www.example.com/isl/1"
    fields = parse_payload(body.encode(), "text/plain").fields
    assert (fields["title"], fields["url"]) == (
        "ISL 2026-27: Mohun Bagan beat Kerala Blasters 3-1 in Kochi",
        "https://www.example.com/isl/1",
    )


@pytest.mark.parametrize(
    "title",
    [
        "Breaking News - Earthquake hits Turkey",
        "Hurricane Milton – what to know",
        "Review – Dune Part Two",
        "Storm Babet – Winter is here",
        "Tempête Ciarán – la France balayée hier",
    ],
)
def test_a_headlines_own_dash_is_no_pointer(title: str) -> None:
    for body in (f"{title}: https://www.example.com/a", f"{title} https://www.example.com/a"):
        assert parse_payload(body.encode(), "text/plain").fields["title"].rstrip(":") == title


def test_a_long_run_of_blanks_before_a_closing_link_is_read_in_linear_time() -> None:
    # the dashed pointer's blanks are tried once per run (a quadratic scan took hours on 1 MiB)
    fields = parse_payload(("a" + " " * 200_000 + "b https://www.example.com/a").encode(), "text/plain").fields
    assert fields["url"] == "https://www.example.com/a"


@pytest.mark.parametrize(
    "body",
    [
        "New post from The Verge: Apple unveils iPhone 17 <p>Apple today announced the phone.</p>",
        "New in Chrome 130: <ul><li>Tab groups</li><li>Faster PDF viewer</li></ul>",
        "New on Netflix this week: <p>Squid Game season 3, Wednesday and more.</p>",
    ],
)
def test_a_notice_with_a_title_or_a_list_over_markup_is_not_an_untitled_post(body: str) -> None:
    assert "feed_title" not in parse_payload(body.encode(), "text/plain").fields


def test_the_text_under_a_bare_label_is_the_content_whatever_its_length() -> None:
    body = "Title: Water main break\nLink: https://www.example.ca/x\nDetails:\nCrews are on site at Spring Garden Rd"
    fields = parse_payload(body.encode(), "text/plain").fields
    assert (fields["title"], fields["content"]) == ("Water main break", "Crews are on site at Spring Garden Rd")


@pytest.mark.parametrize("label", ["Publicado em", "publié le", "Veröffentlicht am", "Published on"])
def test_a_dates_label_with_its_preposition_names_the_date(label: str) -> None:
    body = (
        f"Título: Banco Central publica regras\nLink: https://news.example/a\n{label}: February 19, 2026 at 04:45PM\n"
        "Resumo: O Banco Central publicou as regras finais."
    )
    fields = dict(parse_payload(body.encode(), "text/plain").fields)
    assert (fields["published"], fields["content"]) == (
        "February 19, 2026 at 04:45PM",
        "O Banco Central publicou as regras finais.",
    )


def test_a_japanese_summary_label_ends_the_date_before_it() -> None:
    body = (
        "タイトル：新サービス開始\nURL：https://news.example/a\n公開日：June 10, 2026 at 02:00AM\n"
        "概要：本日から提供します。"
    )
    fields = dict(parse_payload(body.encode(), "text/plain").fields)
    assert (fields["published"], fields["content"]) == ("June 10, 2026 at 02:00AM", "本日から提供します。")


@pytest.mark.parametrize(
    ("body", "title", "feed_title"),
    [
        # a word for "new" in the owner's language, before or after its noun, ending the lead at a colon or a flag
        ("نئی خبر: پنجاب میں تعلیمی ادارے بند https://news.example/16-Dec-2026/1", "پنجاب میں تعلیمی ادارے بند", None),
        ("⚽ أخبار جديدة: الاتحاد يعلن موعد الكأس https://news.example/?n=1", "الاتحاد يعلن موعد الكأس", None),
        (
            "Taarifa mpya kutoka Wizara 🇹🇿 Wizara yazindua kampeni ya chanjo — soma zaidi: https://news.example/a",
            "Wizara yazindua kampeni ya chanjo",
            None,
        ),
        ("Harbour newsroom 📡 New: “Port pilots AI grid monitoring” — https://news.example/a", "Port pilots AI grid "
         "monitoring", None),
        # the item said to be out or live, after the name, and the quoted title without the words pointing on
        ("SMEX just published: “The new draft law: what changes” → https://news.example/a", "The new draft law: what "
         "changes", "SMEX"),
        ("🔴 GRONKH ist live! „Mittagsrunde: Wir bauen weiter“ – jetzt einschalten: https://www.twitch.tv/gronkh",
         "Mittagsrunde: Wir bauen weiter", "GRONKH"),
        ("🔴 ZEvent est en live sur Twitch ! « La soirée d'ouverture » (Just Chatting) https://www.twitch.tv/zevent",
         "La soirée d'ouverture", "ZEvent"),
        ("Acaba de salir en FayerWayer 👉 “Chile tendrá su centro de datos” Léanla acá: https://news.example/a",
         "Chile tendrá su centro de datos", None),
        # a notice's name without the owner's words that the item is out
        ("🎙️ New episode of Figuring Out is live!\n\nHow the middle class builds wealth\n\nhttps://news.example/e",
         "How the middle class builds wealth", "Figuring Out"),
        # a word for "new" before a capital is a name's, and English's "New …" before a noun the headline's own
        ("Yeni Şafak: Meclis yeni yasayı kabul etti https://news.example/a", "Yeni Şafak: Meclis yeni yasayı kabul "
         "etti", None),
        ("New study: coffee drinkers sleep less https://news.example/a", "New study: coffee drinkers sleep less", None),
    ],
)  # fmt: skip
def test_an_owners_lead_announcing_the_item(body: str, title: str, feed_title: str | None) -> None:
    fields = dict(parse_payload(body.encode(), "text/plain").fields)
    assert (fields["title"], fields.get("feed_title")) == (title, feed_title)


def test_a_byline_after_a_notices_quoted_title_stays_its_credit() -> None:
    body = "New on Eye on Design — “The quiet return of the shop sign” by Leah Okafor\nhttps://news.example/a\n\nText."
    fields = dict(parse_payload(body.encode(), "text/plain").fields)
    assert (fields["title"], fields["author"]) == ("The quiet return of the shop sign", "Leah Okafor")


@pytest.mark.parametrize(
    ("body", "title", "feed_title"),
    [
        # a bilingual site's name in both its languages, either naming the host
        ("Llywodraeth Cymru / Welsh Government: £30 million for schools https://www.gov.wales/ps30-million-schools",
         "£30 million for schools", "Welsh Government"),
        # a network's paper named by the link's first segment, its words a name's though ordinary ones
        ("Nelson Mail: Rocks Road walkway to start in March\n\nWork starts.\n\n"
         "https://www.stuff.co.nz/nelson-mail/news/350912457/a", "Rocks Road walkway to start in March", "Nelson Mail"),
    ],
)  # fmt: skip
def test_more_site_leads_an_owner_types(body: str, title: str, feed_title: str) -> None:
    payload = parse_payload(body.encode(), "text/plain")
    raw = raw_item_from(payload, secret="")
    assert (raw.title, raw.feed_title) == (title, feed_title)


@pytest.mark.parametrize(
    "body",
    [
        # a word for "new" beside no noun for a news item, a place, a headline's own "new"
        "Yeni asgari ücret belli oldu: 22 bin lira",
        "नई दिल्ली: प्रदूषण से हालात खराब",
        "Rekor baru: IHSG tembus 8.000",
        "Brand new: Tesla unveils cheaper Model Y",
        "What's new 🔥 the top stories this week",
        # English's "is out", "is live", "just dropped" in a headline
        "Biden is out: what comes next for Democrats",
        "Windows 11 is live: how to upgrade today",
        "Taylor Swift just dropped: a surprise new album tonight",
        # a poll's attribution is no bilingual name
        "Reuters / Ipsos poll: Trump approval slips to 40% https://www.reuters.com/world/us/x",
        # the initials of the site's name are a subject's as often
        "NBA: Warriors beat Lakers 120-110 in overtime https://www.nbcbayarea.com/news/sports/nba/a",
    ],
)
def test_a_headlines_own_lead_stays(body: str) -> None:
    raw = raw_item_from(parse_payload(body.encode(), "text/plain"), secret="")
    assert raw.title == body.split(" https://")[0]


def test_a_dates_key_with_its_preposition_alone_makes_no_template() -> None:
    body = "Published on: January 2, 2026\nFed raises rates by a quarter point\nhttps://news.example/fed"
    fields = dict(parse_payload(body.encode(), "text/plain").fields)
    assert fields.get("published") is None  # (the date's line is the post's first, not a key)
    assert fields.get("url") == "https://news.example/fed"


def test_a_name_after_a_dash_by_a_notices_quoted_title_is_its_credit() -> None:
    body = "New post from Ear Hustle: “The Long Count” - Kate Smith\nhttps://news.example/a"
    assert dict(parse_payload(body.encode(), "text/plain").fields)["title"] != "The Long Count"


def test_a_notices_name_without_the_words_that_it_is_live() -> None:
    body = "New episode of Figuring Out is live: Jane Goodall on chimpanzees\nhttps://news.example/a"
    assert dict(parse_payload(body.encode(), "text/plain").fields)["feed_title"] == "Figuring Out"


def test_a_notices_line_of_two_quoted_spans_is_no_quoted_headline() -> None:
    body = "New post from Ear Hustle: “Hope” and “Fear”\nhttps://news.example/a"
    assert dict(parse_payload(body.encode(), "text/plain").fields)["title"] != "Hope"


@pytest.mark.parametrize(("date_key", "text_key"), [("Date", "About"), ("Released", "Notes")])
def test_a_podcasts_about_and_released_labels(date_key: str, text_key: str) -> None:
    body = (
        "Podcast: The Knowmads Podcast\n"
        "Episode: S2 E15 - Lena Marchetti: Twisted Graphene and Flat Bands\n"
        "Listen: https://ift.tt/3Hv8mPa\n"
        f"{date_key}: October 20, 2026 at 02:00PM\n"
        f"{text_key}: <p>Dr. Lena Marchetti studies graphene. We talk about why a tiny twist changes everything.</p>"
        '<p><a rel="payment" href="https://www.example.com/support">Support the show</a></p>\n'
    )
    fields = parse_payload(body.encode(), "text/plain").fields
    assert fields["published"] == "October 20, 2026 at 02:00PM"
    assert fields["content"].startswith("<p>Dr. Lena Marchetti studies graphene.")


@pytest.mark.parametrize(
    ("body", "feed_title"),
    [
        (
            "Novo post da Python Brasil no Bluesky: As inscrições estão abertas! A chamada de palestras fecha em "
            "junho. https://bsky.app/profile/pythonbrasil.bsky.social/post/3mcq7ht2xwk2a",
            "Python Brasil",
        ),
        (
            "New post from Loamwise on Mastodon: We shipped the new editor today. Tell us what breaks. "
            "https://fosstodon.org/@loamwise/113456789012345678",
            "Loamwise",
        ),
    ],
)
def test_a_notice_over_a_posts_sentences_leaves_it_untitled(body: str, feed_title: str) -> None:
    raw = raw_item_from(parse_payload(body.encode(), "text/plain"), secret="")
    assert not raw.title
    assert raw.feed_title == feed_title
    assert (raw.link or "").startswith("https://")
    assert "https://" not in (raw.content or "https://")


@pytest.mark.parametrize(
    "body",
    [
        "New post from Loamwise: U.S. rates hold as Fed waits https://www.example.com/2026/rates",
        "New on Harbour Times: Dr. Who returns to the harbour stage https://www.example.com/2026/who",
    ],
)
def test_a_notice_over_a_headline_keeps_it(body: str) -> None:
    raw = raw_item_from(parse_payload(body.encode(), "text/plain"), secret="")
    assert (raw.title or "").endswith(("waits", "stage"))


def test_a_notice_over_a_news_sites_two_sentence_headline_keeps_it() -> None:
    body = "New on Harbour Times: Mayor drops out. Deputy to lead ticket https://www.harbourtimes.example/2026/12/mayor"
    raw = raw_item_from(parse_payload(body.encode(), "text/plain"), secret="")
    assert raw.title == "Mayor drops out. Deputy to lead ticket"


@pytest.mark.parametrize(
    ("body", "field", "expected"),
    [
        ('{"title": "A", "released": "2027-03-15", "published": "2026-12-01T10:00:00Z"}', "published", None),
        ('{"title": "A", "release_date": "2027-03-15", "date": "2026-12-01"}', "published", "2026-12-01"),
        ('{"title": "A", "released": true}', "published", "absent"),
        (
            '{"title": "A", "description": "The council approved the plan.", "about": "Harbour Times is the '
            "city's daily newspaper, serving readers since 1887.\"}",
            "content",
            "The council approved the plan.",
        ),
    ],
)
def test_a_release_date_or_a_blurb_only_where_nothing_else_gives_it(
    body: str, field: str, expected: str | None
) -> None:
    fields = parse_payload(body.encode(), "application/json").fields
    if expected == "absent":
        assert field not in fields
    elif expected is None:
        assert fields[field] == "2026-12-01T10:00:00Z"
    else:
        assert fields[field] == expected


@pytest.mark.parametrize(
    ("body", "title", "feed_title"),
    [
        (
            "カナロコ新着📰 横浜・山下ふ頭の再開発、市が事業者公募を延期 https://www.example.jp/a",
            "横浜・山下ふ頭の再開発、市が事業者公募を延期",
            "カナロコ",
        ),
        (
            "すまほん!!新着：Pixel 11aの実機写真が流出か https://www.example.jp/b",
            "Pixel 11aの実機写真が流出か",
            "すまほん!!",
        ),
    ],
)
def test_a_name_then_new_notice_without_spaces(body: str, title: str, feed_title: str) -> None:
    raw = raw_item_from(parse_payload(body.encode(), "text/plain"), secret="")
    assert (raw.title, raw.feed_title) == (title, feed_title)


def test_a_dutch_published_label() -> None:
    body = (
        "Titel: Schouwburg krijgt nieuwe naam\nLink: https://www.example.nl/a\n"
        "Gepubliceerd: November 2, 2026 at 04:15PM\nSamenvatting: De zaal gaat op 4 december weer open."
    )
    assert parse_payload(body.encode(), "text/plain").fields["published"] == "November 2, 2026 at 04:15PM"


@pytest.mark.parametrize(
    "body",
    [
        "最新情報新着：東京で震度5強の地震 https://www.example.jp/a",  # "新着" after a Han character is the word's own
        "地震速報新着⚠️ 東京で震度5強の地震 https://www.example.jp/b",
        "Nuevo aviso de tormentas: alerta naranja en Valencia https://www.example.es/c",  # a topic, no publisher
        "मौसम की ताज़ा खबर: दिल्ली में बारिश https://www.example.in/d",  # a Hindi kicker
    ],
)
def test_a_kicker_names_no_feed(body: str) -> None:
    raw = raw_item_from(parse_payload(body.encode(), "text/plain"), secret="")
    assert raw.feed_title is None


@pytest.mark.parametrize("feed_title", ["Generation X", "Harbour Times on YouTube", "The Medium", "Ghost"])
def test_a_two_sentence_headline_under_a_feed_named_like_a_platform_stays(feed_title: str) -> None:
    body = (
        '{"title": "Mayor drops out. Deputy to lead ticket", "url": "https://www.example.com/2026/12/mayor", '
        f'"feed": "{feed_title}"}}'
    )
    raw = raw_item_from(parse_payload(body.encode(), "application/json"), secret="")
    assert raw.title == "Mayor drops out. Deputy to lead ticket"


def test_a_road_stretch_label_is_no_text() -> None:
    body = (
        "Rodovia: BR-116 interditada em Campina Grande do Sul\nTrecho: km 60 ao km 64\nLink: https://www.example.br/a"
    )
    fields = parse_payload(body.encode(), "text/plain").fields
    assert fields.get("content") != "km 60 ao km 64"
