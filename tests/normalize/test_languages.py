"""The language of a text and a domain's words in it, accents restored."""

from __future__ import annotations

import pytest

from app.normalize.languages import accented_word, guess_language, split_in
from app.normalize.publisher import publisher_name, word_label, worded_label

SPANISH = [
    "El municipio anunció que las obras del puerto comenzarán en marzo",
    "La intendencia informó que los trabajos durarán un año y que el tránsito será desviado por la costanera.",
]
PORTUGUESE = [
    "Câmara da Guarda aprova orçamento de 78 milhões para 2027",
    "O executivo municipal aprovou ontem o orçamento para o próximo ano, que não inclui novas obras. Segundo o "
    "presidente da câmara, o documento foi muito discutido e também vai ser votado pela assembleia municipal.",
]
# Languages that share their small words with several of those read: no language of them is said
OTHERS = [
    ["Primarul a declarat că lucrările vor începe în martie și că drumul va rămâne deschis pe toată durata."],
    ["Sinabi ng alkalde na magsisimula ang mga gawain sa Marso at mananatiling bukas ang kalsada."],
    ["Gradonačelnik je rekao da će radovi početi u ožujku i da će cesta ostati otvorena za promet."],
    ["Jan van der Berg and Pieter de Vries crossed the line together, the organisers said on Sunday."],
]
ENGLISH = [
    "Council approves the harbour budget for next year",
    "The council said that the work would start in March and that the road would stay open.",
]


def test_a_texts_language_by_its_most_frequent_words() -> None:
    assert guess_language(SPANISH, "www.example.com") == "es"
    assert guess_language(PORTUGUESE, "www.example.com") == "pt"
    assert guess_language(ENGLISH, "www.example.com.ar") == "en"  # the text tells before the country's domain


@pytest.mark.parametrize("texts", OTHERS)
def test_a_text_in_another_language_is_none_of_them(texts: list[str]) -> None:
    assert guess_language(texts, "www.example.com") in (None, "en")


def test_a_short_text_leaves_it_to_the_country_domain() -> None:
    assert guess_language(["Última hora"], "www.example.com.ar") == "es"
    assert guess_language(["Última hora"], "www.example.com.br") == "pt"
    assert guess_language(["Última hora"], "www.example.co") is None  # a company's domain as often as Colombia's
    assert guess_language([], None) is None


def test_split_in_restores_the_languages_accents() -> None:
    assert split_in("diariodequeretaro", "es") == ["diario", "de", "querétaro"]
    assert split_in("vozdaplanicie", "pt") == ["voz", "da", "planície"]
    assert accented_word("clarin", "es") == "clarín"
    assert accented_word("qqxqzz", "es") == "qqxqzz"


@pytest.mark.parametrize(
    ("host", "language", "expected"),
    [
        ("www.laprensaaustral.cl", "es", "La Prensa Austral"),  # an article opens a name of short words
        ("www.laarena.com.ar", "es", "La Arena"),
        ("www.noticiasdenavarra.com", "es", "Noticias de Navarra"),  # small words lower case inside it
        ("www.diariocordoba.com", "es", "Diario Córdoba"),
        ("www.ointerior.pt", "pt", "O Interior"),
        ("www.iltirreno.it", "it", "Il Tirreno"),
        ("www.hetparool.nl", "nl", "Het Parool"),
        ("www.midiamax.com.br", "pt", None),  # two short words: one coined name
        ("www.softonic.com", "es", None),  # "soft o nic": Spanish "o" is "or", between scraps
        ("www.soumaisenem.com.br", "pt", None),  # a one-letter word between two short ones
        ("www.theolivepress.es", "es", "The Olive Press"),  # English reads it into ordinary words another way
        ("www.indeed.nl", "nl", None),  # a name opens with an article, not "in"
        ("www.devolksbank.nl", "nl", None),  # German and Dutch join short nouns
        ("www.madridiario.es", "es", None),  # "madrid ia río": scraps, and no English words either
        ("www.finanztip.de", "de", None),  # German writes a name's nouns as one
        ("www.bergsteiger.de", "de", None),  # one word of German, never English scraps of it ("Berg Ste Iger")
        ("www.polkamagazine.fr", "fr", "Polka Magazine"),  # English words in a French name
        ("www.laprensaaustral.cl", "en", None),  # in English, no words
    ],
)
def test_worded_label_in_the_sites_language(host: str, language: str, expected: str | None) -> None:
    assert worded_label(host, language) == expected


def test_hyphenated_words_take_their_accents_in_the_sites_language() -> None:
    assert worded_label("www.liberation-champagne.fr", "fr") == "Libération Champagne"
    assert worded_label("www.liberation-champagne.fr") == "Liberation Champagne"


def test_one_word_takes_its_accents_in_the_sites_language() -> None:
    assert word_label("www.clarin.com", "es") == "Clarín"
    assert word_label("www.clarin.com") == "Clarin"


def test_the_items_language_reads_the_domain_of_a_site_named_nowhere_else() -> None:
    name = publisher_name(article_host="www.laprensaaustral.cl", title=SPANISH[0], texts=SPANISH)
    assert name == "La Prensa Austral"
    assert publisher_name(article_host="www.noticiasdenavarra.com", texts=SPANISH) == "Noticias de Navarra"
    # the same domain under an English text is no words of English: the domain's one word
    assert publisher_name(article_host="www.noticiasdenavarra.com", texts=ENGLISH) != "Noticias de Navarra"
