"""Bylines and author strings: labelled credits, credits of the named author, job titles after names."""

from __future__ import annotations

import pytest

from app.normalize import RawItem, normalize
from app.normalize.bylines import byline_name, joined_names, without_role

from .support import NOW, SETTINGS


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Author: Keiko Sato", "Keiko Sato"),
        ("Authors: Ana Ferreira (Google), Bo Chen (Red Hat)", "Ana Ferreira (Google), Bo Chen (Red Hat)"),
        ("Author(s): Mira Sandoval, Kenji Aoyama, Zachary A. Knight", "Mira Sandoval, Kenji Aoyama, Zachary A. Knight"),
        ("By Jane Doe and Bo Park", "Jane Doe and Bo Park"),
        ("Authors: the team behind the release", None),  # not names
        ("Author notes: see below", None),
        # a team blog's byline: "Posted by" names, then the team or role they write for
        ("Posted by Mira Okonkwo and Tal Ben-Ari, Android Security & Privacy Team", "Mira Okonkwo and Tal Ben-Ari"),
        ("Posted by Mara Lindgren – Developer Relations Engineer", "Mara Lindgren"),
        ("Written by Jonas Lindqvist", "Jonas Lindqvist"),
        ("Article by Hannah Whitfield", "Hannah Whitfield"),  # what the names made, before "by"
        ("Interview by Zoom", None),  # not how it was made
        ("Posted by the time the snow stopped", None),
        # the site the names wrote for, and an initialism's stop
        ("By Tomas Reyes for Oilprice.com", "Tomas Reyes"),
        ("by Dana Feld, J.D.", "Dana Feld, J.D."),
        # the outlet after the names between bars
        ("By Tendai Mukwena | Nehanda Radio |", "Tendai Mukwena"),
        ("By Ana Ruiz | EFE", "Ana Ruiz"),
        ("By the river | a walk", None),
    ],
)
def test_labelled_credits(line: str, expected: str | None) -> None:
    assert byline_name(line) == expected


def test_a_labelled_credit_among_the_first_lines_is_the_author_not_body() -> None:
    content = (
        "<p>Publication date: 3 December 2026<br>Source: Cell<br>Author(s): Mira Sandoval, Kenji Aoyama</p>"
        "<p>Vagal sensory neurons in the stomach detect dry food.</p>"
    )
    item = normalize(RawItem(title="Thirst", content=content), now=NOW, settings=SETTINGS)
    assert item.author == "Mira Sandoval, Kenji Aoyama"
    assert not any("Author" in paragraph for paragraph in item.body)
    assert item.body[-1] == "Vagal sensory neurons in the stomach detect dry food."
    # a sentence among the first lines is no credit, labelled or not
    sentence = RawItem(title="T", content="<p>One.</p><p>By the time we came, it was gone.</p>")
    prose = normalize(sentence, now=NOW, settings=SETTINGS)
    assert prose.body == ["One.", "By the time we came, it was gone."]


def test_a_content_that_only_credits_the_named_author_has_no_body() -> None:
    staff = "The PLOS ONE Staff"
    raw = RawItem(title="Correction: rats at night", content=f"<p>by {staff}</p>", author=staff)
    item = normalize(raw, now=NOW, settings=SETTINGS)
    assert (item.body, item.author) == ([], "The PLOS ONE Staff")
    # another name there is the only text the item has: it stays
    other = normalize(raw.model_copy(update={"author": "Ann Lee"}), now=NOW, settings=SETTINGS)
    assert other.body == ["by The PLOS ONE Staff"]


def test_a_writer_signing_off_over_the_sites_name_is_the_author() -> None:
    content = "<p>Les agents passeront de boutique en boutique.</p><p>Aïcha Kaboré<br>Lefaso.net</p>"
    raw = RawItem(title="Recensement", content=content, link="https://lefaso.net/spip.php?article1")
    item = normalize(raw, now=NOW, settings=SETTINGS)
    assert (item.body, item.author) == (["Les agents passeront de boutique en boutique."], "Aïcha Kaboré")
    # a sentence over the site's name is the story's
    said = content.replace("Aïcha Kaboré", "Merci à tous")
    assert normalize(raw.model_copy(update={"content": said}), now=NOW, settings=SETTINGS).body[-1] == "Merci à tous"


def test_the_named_authors_biographies_closing_the_story_go() -> None:
    bios = (
        "<p>Priya Raman is a financial research economist in the Research Group.</p>"
        "<p>Daniel Okafor is a research analyst in the Markets Group.</p>"
    )
    raw = RawItem(
        title="Repo", content=f"<p>Rates pass through quickly.</p>{bios}", author="Priya Raman, Daniel Okafor"
    )
    assert normalize(raw, now=NOW, settings=SETTINGS).body == ["Rates pass through quickly."]
    # another person's description, or the author's name in a sentence of the story, stays
    other = raw.model_copy(update={"author": "Ana Lima"})
    assert len(normalize(other, now=NOW, settings=SETTINGS).body) == 3


def test_the_named_author_run_into_the_first_sentence_is_taken_off_it() -> None:
    content = "<p>Luciana Prado | Agência FAPESP – Pesquisadores da <b>USP</b> descobriram.</p><p>Mais.</p>"
    raw = RawItem(title="Abelhas", content=content, author="Luciana Prado")
    item = normalize(raw, now=NOW, settings=SETTINGS)
    assert item.body == ["Pesquisadores da USP descobriram.", "Mais."]
    assert "<b>USP</b>" in (item.body_html or "")
    # Another name, or the name without a dash after it, is the sentence's own.
    other = normalize(raw.model_copy(update={"author": "Ana Lima"}), now=NOW, settings=SETTINGS)
    assert other.body[0].startswith("Luciana Prado | Agência FAPESP – ")
    said = normalize(raw.model_copy(update={"content": "<p>Luciana Prado said it.</p>"}), now=NOW, settings=SETTINGS)
    assert said.body == ["Luciana Prado said it."]


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ("Maya Ferreira-Lau Staff Reporter", "Maya Ferreira-Lau"),
        ("Owen Pryce and Hana Iqbal Staff Reporters", "Owen Pryce, Hana Iqbal"),
        ("Jane Doe, Senior Correspondent", "Jane Doe"),
        ("Jane Doe, Editor", "Jane Doe"),
        # nothing tells where a name ends and a beat begins: as printed
        ("Kalyeena Makortoff Banking correspondent", "Kalyeena Makortoff Banking correspondent"),
        ("Staff Reporter", "Staff Reporter"),
        ("Sam Writer", "Sam Writer"),
    ],
)
def test_a_job_title_after_the_names_is_no_part_of_them(author: str, expected: str) -> None:
    assert without_role(author) == expected


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ("Judd Legum and Rebecca Crosby", "Judd Legum, Rebecca Crosby"),
        ("Ana Pérez, Luis de la Cruz and Mia Wong", "Ana Pérez, Luis de la Cruz, Mia Wong"),
        ("MAYA KORIN AND DAVID ELBAZ", "MAYA KORIN, DAVID ELBAZ"),  # a byline in capitals
        # one name with "and" in it, a name set with "&", words that are no names: as printed
        ("Research and Markets", "Research and Markets"),
        ("Simon and Schuster", "Simon and Schuster"),
        ("Rhea Castillo & Sam Oduya", "Rhea Castillo & Sam Oduya"),
        ("the editors and staff", "the editors and staff"),
    ],
)
def test_several_people_are_joined_by_commas(author: str, expected: str) -> None:
    assert joined_names(author) == expected


def test_a_byline_outranks_an_account_that_names_no_writer() -> None:
    # Blogger team blogs post as one account ("Google"); the byline in the post names who wrote it.
    content = "<span>Posted by Jonas Lindqvist, Chrome Security</span><p></p><p>Chrome 140 warns first.</p>"
    raw = RawItem(title="HTTP warnings", content=content, author="Google", feed_title="Google Online Security Blog")
    item = normalize(raw, now=NOW, settings=SETTINGS)
    assert (item.author, item.body) == ("Jonas Lindqvist, Chrome Security", ["Chrome 140 warns first."])
    # a writer's own name stays the author; the byline only leaves the body
    person = normalize(raw.model_copy(update={"author": "Ann Lee"}), now=NOW, settings=SETTINGS)
    assert (person.author, person.body) == ("Ann Lee", ["Chrome 140 warns first."])
    # the feed's own name as its author ("Android Developers" on "Android Developers Blog") is an account too
    team = raw.model_copy(update={"author": "Android Developers", "feed_title": "Android Developers Blog"})
    assert normalize(team, now=NOW, settings=SETTINGS).author == "Jonas Lindqvist, Chrome Security"


def test_a_credit_alone_under_an_applets_link_is_the_author_and_no_body() -> None:
    raw = RawItem(title="EEOC updates guidance", content="by Dana Feld, J.D.", content_kind="text")
    item = normalize(raw, now=NOW, settings=SETTINGS)
    assert (item.author, item.body) == ("Dana Feld, J.D.", [])
    # a sentence alone stays the body
    alone = normalize(
        RawItem(title="T", content="By noon the river had crested.", content_kind="text"), now=NOW, settings=SETTINGS
    )
    assert (alone.author, alone.body) == (None, ["By noon the river had crested."])


def test_the_site_after_a_writers_name_is_no_part_of_it() -> None:
    raw = RawItem(title="T", content="<p>Text.</p>", link="https://www.stltoday.com/news/a.html")
    named = normalize(
        raw.model_copy(update={"author": "By Nadia Ortega St. Louis Post-Dispatch"}), now=NOW, settings=SETTINGS
    )
    assert (named.source, named.author) == ("St. Louis Post-Dispatch", "Nadia Ortega")
    desk = normalize(raw.model_copy(update={"author": "Staff St. Louis Post-Dispatch"}), now=NOW, settings=SETTINGS)
    assert desk.author == "Staff St. Louis Post-Dispatch"


def test_the_named_authors_line_over_the_story_is_no_body() -> None:
    raw = RawItem(title="T", content="<p>Blessings Chidakwa Senior Reporter</p><p>The Bill now goes to the Senate.</p>")
    item = normalize(raw.model_copy(update={"author": "Blessings Chidakwa"}), now=NOW, settings=SETTINGS)
    assert (item.author, item.body) == ("Blessings Chidakwa", ["The Bill now goes to the Senate."])
    other = normalize(raw.model_copy(update={"author": "Ann Lee"}), now=NOW, settings=SETTINGS)
    assert other.body[0] == "Blessings Chidakwa Senior Reporter"


def test_a_members_linked_handle_after_by_is_the_author() -> None:
    content = (
        '<a href="https://makers.example/p/box"><img src="https://cdn.example/box.jpg"></a><br>'
        'By <a href="https://makers.example/member/birchandbolt/">birchandbolt</a><br>I built a window box.'
    )
    item = normalize(RawItem(title="Window box", content=content), now=NOW, settings=SETTINGS)
    assert (item.author, item.body) == ("birchandbolt", ["I built a window box."])
    # not linked, a lower-case word after "by" is prose
    plain = normalize(RawItem(title="T", content="<p>by hand</p><p>I built a box.</p>"), now=NOW, settings=SETTINGS)
    assert (plain.author, plain.body) == (None, ["by hand", "I built a box."])


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ("Por Ana Beatriz Lopes, Valor — São Paulo", "Ana Beatriz Lopes"),
        ("Von Anna Müller", "Anna Müller"),
        ("admin-2", None),  # a CMS login names nobody
        ("كتب: أحمد سعيد", "أحمد سعيد"),
        ("Jane Doe, Reuters — London", "Jane Doe"),
        ("Jane Doe — Washington Bureau Chief", "Jane Doe — Washington Bureau Chief"),  # no outlet after a comma
        # the wire a local paper credits after the name (BLOX's dc:creator), with or without a comma
        ("By MARTHA BELLAMY Associated Press", "MARTHA BELLAMY"),
        ("Jane Doe, Reuters", "Jane Doe"),
        ("Le Parisien avec AFP", "Le Parisien avec AFP"),  # credited with the wire: both stay
        ("Reuters", "Reuters"),
        ("Jane Doe and Wang Xinhua", "Jane Doe, Wang Xinhua"),  # a one-word wire only after a comma
    ],
)
def test_an_author_fields_lead_word_and_outlet_and_place(author: str, expected: str) -> None:
    item = normalize(RawItem(title="T", content="<p>Text.</p>", author=author), now=NOW, settings=SETTINGS)
    assert item.author == expected


def test_a_blogs_posted_by_line_with_the_writers_office_names_the_writer() -> None:
    content = (
        '<span class="byline-author">Posted by Lena Park, Harbour Open Source Programs Office</span><br>'
        "<p>Applications are open.</p>"
    )
    item = normalize(RawItem(title="T", content=content), now=NOW, settings=SETTINGS)
    assert (item.author, item.body) == ("Lena Park", ["Applications are open."])


def test_a_byline_with_its_day_over_code_is_the_author() -> None:
    content = "<p>Posted by Jana Park on Apr 02</p><pre>Advisory ID: HB-2025-014\nRisk Level: High</pre>"
    item = normalize(RawItem(title="Advisory", content=content), now=NOW, settings=SETTINGS)
    assert (item.author, item.body) == ("Jana Park", ["Advisory ID: HB-2025-014\nRisk Level: High"])


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("By Ann Lee on March 3, 2026", "Ann Lee"),
        ("Posted by Ann Lee on 3 March 2026", "Ann Lee"),
        ("by the time we left on Monday", None),
    ],
)
def test_a_bylines_day_after_the_names(line: str, expected: str | None) -> None:
    assert byline_name(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Reporter: Dimas Prasetyo | Editor: Rina Sari", "Dimas Prasetyo"),
        ("Penulis: Ayu Lestari", "Ayu Lestari"),
        ("Reporter: Dimas Prasetyo", "Dimas Prasetyo"),
        ("Editor: Rina Sari", None),  # the editor is no author
        ("Reporters said the talks had stalled", None),
    ],
)
def test_a_reporters_credit_beside_the_editors(line: str, expected: str | None) -> None:
    assert byline_name(line) == expected


def test_a_reporters_credit_over_the_story_is_the_author() -> None:
    content = (
        "<p>KONTAN.CO.ID - JAKARTA. IHSG ditutup menguat 0,84%.</p>"
        "<p>Reporter: Dimas Prasetyo | Editor: Rina Sari</p><p>Investor asing mencatatkan beli bersih.</p>"
    )
    item = normalize(
        RawItem(title="IHSG menguat", link="https://a.example/1", content=content), now=NOW, settings=SETTINGS
    )
    assert item.author == "Dimas Prasetyo"
    assert item.body == [
        "KONTAN.CO.ID - JAKARTA. IHSG ditutup menguat 0,84%.",
        "Investor asing mencatatkan beli bersih.",
    ]


def test_a_transcripts_speaker_label_is_no_byline() -> None:
    assert byline_name("Reporter: Thank You.") is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [("Reporter: John Green", "John Green"), ("Reporters: Sam Hunt and Will Young", "Sam Hunt and Will Young")],
)
def test_a_reporter_with_a_common_name_is_credited(line: str, expected: str) -> None:
    assert byline_name(line) == expected


def test_a_bylines_address_after_the_name() -> None:
    assert byline_name("By Obediah Johnson, obediah.johnson@frontpageafrica.example") == "Obediah Johnson"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Reporter: Dimas Prasetyo, Editor: Rina Sari", "Dimas Prasetyo"),  # the editor's credit after a comma
        ("By Email apply@festival.example", None),  # a way to reach someone, no name
        ("By Order of the Board, secretary@club.example", None),
    ],
)
def test_a_third_reviews_bylines(line: str, expected: str | None) -> None:
    assert byline_name(line) == expected


def test_a_role_alone_under_the_byline_goes_with_it() -> None:
    story = "<p>St. Augustine Church marked its 185th anniversary on Sunday with a Mass.</p>"
    content = f"<p><strong>By Simone Batiste</strong><br /><em>Contributing Writer</em></p>{story}"
    item = normalize(RawItem(title="Bell rings again", content=content), now=NOW, settings=SETTINGS)
    assert (item.author, item.body) == (
        "Simone Batiste",
        ["St. Augustine Church marked its 185th anniversary on Sunday with a Mass."],
    )
    # a line of story under a byline stays
    content = f"<p>By Simone Batiste<br />Writers gathered at the church on Sunday.</p>{story}"
    item = normalize(RawItem(title="Bell rings again", content=content), now=NOW, settings=SETTINGS)
    assert item.body[0] == "Writers gathered at the church on Sunday."


def test_names_linked_to_writers_pages_over_the_story_are_the_byline() -> None:
    # Drupal prints its authors field one linked name a div over the body; the feed's author is the CMS account
    people = (
        '<div><a href="https://www.bruegel.org/people/ana-kovac">Ana Kovač</a></div>'
        '<div><a href="https://www.bruegel.org/people/pierre-lemaire">Pierre Lemaire</a></div>'
    )
    raw = RawItem(title="T", content=people + "<p>Governments will spend more.</p>", author="webeditor")
    item = normalize(raw, now=NOW, settings=SETTINGS)
    assert (item.author, item.body) == ("Ana Kovač, Pierre Lemaire", ["Governments will spend more."])
    # a linked name to any other page is story ("Read Ana Kovač" is no byline), and so are names with nothing after
    elsewhere = raw.model_copy(update={"content": people.replace("/people/", "/topics/") + "<p>Text.</p>"})
    assert normalize(elsewhere, now=NOW, settings=SETTINGS).body[:2] == ["Ana Kovač", "Pierre Lemaire"]
    alone = raw.model_copy(update={"content": people})
    assert normalize(alone, now=NOW, settings=SETTINGS).body == ["Ana Kovač", "Pierre Lemaire"]


def test_the_authors_name_over_the_team_they_sign_for_closes_no_story() -> None:
    story = "<p>The Stable channel has been updated.</p><p>Interested in switching?</p>"
    content = story + "<div>Daniel Yip<br>Google Chrome</div>"
    raw = RawItem(title="T", content=content, author="Daniel Yip")
    item = normalize(raw, now=NOW, settings=SETTINGS)
    assert item.author == "Daniel Yip"
    assert item.body == ["The Stable channel has been updated.", "Interested in switching?"]
    # a sentence after the name is story, and so is another person's name over a team
    said = raw.model_copy(update={"content": content.replace("Google Chrome", "We will ship the fix on Monday.")})
    assert normalize(said, now=NOW, settings=SETTINGS).body[-1] == "We will ship the fix on Monday."
    other = raw.model_copy(update={"author": "Ann Lee"})
    assert normalize(other, now=NOW, settings=SETTINGS).body[-2:] == ["Daniel Yip", "Google Chrome"]
    # a closing sentence in lower case under the name is no team
    closing = raw.model_copy(update={"content": content.replace("Google Chrome", "Thanks for reading")})
    assert normalize(closing, now=NOW, settings=SETTINGS).body[-1] == "Thanks for reading"


def test_linked_names_that_are_teams_or_the_storys_subjects_stay() -> None:
    teams = (
        '<p><a href="https://www.nba.example/team/boston-celtics">Boston Celtics</a><br>'
        '<a href="https://www.nba.example/team/new-york-knicks">New York Knicks</a></p>'
        "<p>The game went to overtime.</p>"
    )
    item = normalize(RawItem(title="T", content=teams, author="webeditor"), now=NOW, settings=SETTINGS)
    assert item.body[0] == "Boston Celtics New York Knicks"
    fellows = '<p><a href="https://think.example/experts/ann-lee">Ann Lee</a></p><p>Lee argues the rule fails.</p>'
    named = normalize(RawItem(title="T", content=fellows, author="Bo Park"), now=NOW, settings=SETTINGS)
    assert (named.author, named.body[0]) == ("Bo Park", "Ann Lee")


def test_the_authors_name_among_other_hosts_is_no_signature() -> None:
    content = "<p>This week on the show.</p><p>Hosts:</p><p>Marco Arment<br>John Siracusa<br>Casey Liss</p>"
    item = normalize(RawItem(title="T", content=content, author="John Siracusa"), now=NOW, settings=SETTINGS)
    assert item.body[-1] == "Marco Arment John Siracusa Casey Liss"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("ავტორი: თამარ ჯაფარიძე", "თამარ ჯაფარიძე"),  # Georgian: no capitals in everyday letters
        ("מאת: נועה כהן | 2.12.2026", "נועה כהן"),  # Hebrew, the day after a bar
        ("✍️ ليلى منصور 🔗 https://news.example/2026/12/02/story", "ليلى منصور"),  # a channel's writing hand
        ("✍️ Sign Up Today", None),  # the hand without the link or the day: a call to act
        ("作者：匿名", None),  # placeholders: anonymous, the administrator
        ("Автор: Администратор", None),
        ("사진 기자", None),  # a photographer, no name
        ("김하늘 기자 · 2026.12.03 14:20 KST", "김하늘"),  # a Korean reporter's name before "기자"
        ("作者：林小雨", "林小雨"),
        ("Автор: Мария Орлова", "Мария Орлова"),
        ("Авторка: Олена Бойко", "Олена Бойко"),
        ("Yazar: Deniz Aksoy", "Deniz Aksoy"),
        ("Yazar: haberin devamı için tıklayın", None),  # words without capitals in a cased script: no names
        ("Автор: фото пресс-службы", None),
        ("作者", None),
        ("（文：河野直樹）", "河野直樹"),  # Japanese "text:", in brackets closing a story
        ("(取材・文：中村彩)", "中村彩"),
        ("（文：）", None),
        ("（文：編集部）", None),  # the desk, no one
        ("（文／中村彩）", "中村彩"),
        ("文＝河野直樹", "河野直樹"),
    ],
)
def test_a_labelled_credit_in_other_languages_and_scripts(line: str, expected: str | None) -> None:
    assert byline_name(line) == expected


def test_a_closing_credit_in_georgian_is_the_author() -> None:
    content = "<p>სააგენტოს მონაცემებით, რიგში 4 312 ბავშვი დგას.</p><p><em>ავტორი: თამარ ჯაფარიძე</em></p>"
    item = normalize(RawItem(title="რიგი ბაღებში", content=content), now=NOW, settings=SETTINGS)
    assert (item.author, item.body) == ("თამარ ჯაფარიძე", ["სააგენტოს მონაცემებით, რიგში 4 312 ბავშვი დგას."])


def test_a_bylines_place_after_the_names() -> None:
    assert byline_name("By Mere Taito in Suva") == "Mere Taito"
    assert byline_name("By the time we arrived in Paris") is None


def test_a_byline_outranks_a_desks_account() -> None:
    content = (
        "<p><em>By Mere Taito in Suva</em></p><p>Twelve more coastal villages will be able to apply for money.</p>"
    )
    raw = RawItem(title="Villages to relocate", content=content, author="APR editor", feed_title="Asia Pacific Report")
    item = normalize(raw, now=NOW, settings=SETTINGS)
    assert (item.author, item.body) == ("Mere Taito", ["Twelve more coastal villages will be able to apply for money."])


def test_a_byline_outranks_the_sites_own_account() -> None:
    content = "<p><strong>By Siti Nur Amirah</strong></p><p>Lebih 3,000 orang pelawat datang semalam.</p>"
    raw = RawItem(
        title="Pameran Buku Brunei",
        content=content,
        author="Media Permata",
        link="https://mediapermata.com.bn/pameran-buku/",
    )
    item = normalize(raw, now=NOW, settings=SETTINGS)
    assert (item.author, item.body) == ("Siti Nur Amirah", ["Lebih 3,000 orang pelawat datang semalam."])
    # a writer's own name stays the author
    person = normalize(raw.model_copy(update={"author": "Aminah Yusof"}), now=NOW, settings=SETTINGS)
    assert person.author == "Aminah Yusof"


def test_a_line_of_particles_is_no_byline() -> None:
    # (each particle may be read as a name or as a particle: refused before the pattern tries them all)
    assert byline_name("By " + "de " * 40 + "Cruz") is None
    assert byline_name("By Ana de la Cruz") == "Ana de la Cruz"
