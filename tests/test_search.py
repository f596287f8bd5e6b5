"""Search at /search/: ranked, stemmed full-text search on PostgreSQL, a plain fallback on SQLite."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from lxml import html

from articles.models import Article, Summary
from articles.search import search as search_articles
from articles.search import update_search_vectors
from tests.factories import (
    NON_PUBLIC_STATES,
    make_article,
    make_author,
    make_non_public_articles,
    make_section,
)

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search runs on PostgreSQL; SQLite has the fallback"
)


def search(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response


def found(response):
    """Headlines of the results, in order, as a reader sees them."""
    tree = html.fromstring(response.content)
    return [link.text_content() for link in tree.xpath("//ol[contains(@class, 'search-results')]//h2/a")]


def errors(response):
    tree = html.fromstring(response.content)
    return [error.text_content() for error in tree.xpath("//form[@role='search']//ul[@class='errorlist']/li")]


def test_finds_public_articles_by_a_word_in_any_case(client):
    make_article(headline="Tram line opens", body="<p>The new tram carries passengers.</p>")
    make_article(headline="Budget approved", body="<p>Nothing about trains.</p>")
    assert found(search(client, q="tram")) == ["Tram line opens"]
    assert found(search(client, q="TRAM")) == ["Tram line opens"]
    assert found(search(client, q="passengers")) == ["Tram line opens"]


@pytest.mark.parametrize("state", NON_PUBLIC_STATES)
def test_non_public_articles_are_never_found(client, state):
    make_article(headline="Visible story about the harbour")
    hidden = make_non_public_articles(body="<p>The harbour story nobody may read yet.</p>")[state]
    for q in ["harbour", "hidden", "story", hidden.headline]:
        response = search(client, q=q)
        assert hidden.headline not in found(response)
        assert hidden.slug.encode() not in response.content


def test_an_empty_query_shows_help_not_results(client):
    make_article(headline="Anything")
    for params in [{}, {"q": ""}, {"q": "   "}, {"q": "\x00"}]:
        response = search(client, **params)
        assert "Type a word or a phrase" in response.content.decode()
        assert found(response) == []


@pytest.mark.parametrize(
    "q",
    [
        '"unbalanced',
        "tram & | ! ( ) : *",
        "&|!():*",
        "'; DROP TABLE articles_article; --",
        "tram\x00line",
        "%_\\",
        "<script>alert(1)</script>",
        "-",
        "or",
        "a" * 200,
        "🚋 трамвай",
    ],
)
def test_hostile_or_malformed_queries_get_a_normal_page(client, q):
    make_article(headline="Tram line opens")
    response = search(client, q=q)
    assert b"<script>alert(1)</script>" not in response.content


def test_null_bytes_are_dropped_from_the_query(client):
    make_article(headline="Tram line opens")
    response = client.get("/search/?q=tram%00")
    assert response.status_code == 200
    assert found(response) == ["Tram line opens"]


def test_a_very_long_query_gets_a_form_error(client):
    response = search(client, q="tram " * 1000)
    assert any("at most 200 characters" in error for error in errors(response))
    assert found(response) == []


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date_from": "2026-13-45"}, "Enter a valid date."),
        ({"date_to": "yesterday"}, "Enter a valid date."),
        (
            {"date_from": "2026-03-02", "date_to": "2026-03-01"},
            "The end date must not be before the start date.",
        ),
        ({"section": "no-such-section"}, "Select a valid choice."),
        ({"section": "city\x00"}, "Null characters are not allowed."),
        ({"date_to": "2026-01-01\x00"}, "Enter a valid date."),
        ({"date_from": "99999-01-01"}, "Enter a valid date."),
    ],
)
def test_invalid_filters_give_a_form_error_not_a_500(client, params, message):
    make_article(headline="Tram line opens")
    response = search(client, q="tram", **params)
    assert any(message in error for error in errors(response))
    assert found(response) == []


def test_filters_by_section_and_date_range(client):
    now = timezone.now()
    city, science = make_section(slug="city"), make_section(slug="science")
    make_article(headline="Tram in the city", section=city, publish_at=now - timedelta(days=10))
    make_article(headline="Tram physics", section=science, publish_at=now - timedelta(days=1))
    assert found(search(client, q="tram", section="city")) == ["Tram in the city"]
    since = (now - timedelta(days=3)).date().isoformat()
    assert found(search(client, q="tram", date_from=since)) == ["Tram physics"]
    assert found(search(client, q="tram", date_to=since)) == ["Tram in the city"]
    assert found(search(client, q="tram", date_from="9999-12-31")) == []
    assert found(search(client, q="tram", date_from="0001-01-01", date_to="9999-12-31")) == [
        "Tram physics",
        "Tram in the city",
    ]


def test_results_are_paginated_and_pages_keep_the_query(client, settings):
    settings.ARTICLES_PER_PAGE = 2
    for i in range(5):
        make_article(headline=f"Tram story {i}", publish_at=timezone.now() - timedelta(hours=i))
    first = search(client, q="tram", section="")
    assert len(found(first)) == 2
    assert "5 articles found" in first.content.decode()
    tree = html.fromstring(first.content)
    (next_link,) = tree.xpath("//nav[@class='pagination']/a[@rel='next']")
    assert "q=tram" in next_link.get("href")
    assert "page=2" in next_link.get("href")
    third = client.get("/search/" + next_link.get("href").replace("page=2", "page=3"))
    assert len(found(third)) == 1
    everything = set()
    for page in ("1", "2", "3", "99", "abc"):
        everything.update(found(search(client, q="tram", page=page)))
    assert everything == {f"Tram story {i}" for i in range(5)}


def test_no_results_says_so(client):
    make_article(headline="Tram line opens")
    response = search(client, q="submarine")
    assert found(response) == []
    assert "No articles found" in response.content.decode()


def test_highlighted_results_escape_article_text(client):
    make_article(headline="Tram <b>bold</b> & co", standfirst="The <i>tram</i> runs.")
    response = search(client, q="tram")
    (headline,) = html.fromstring(response.content).xpath("//ol[contains(@class, 'search-results')]//h2/a")
    assert headline.text_content() == "Tram <b>bold</b> & co"
    assert headline.findall(".//b") == []
    assert [mark.text.lower() for mark in headline.findall(".//mark")] == ["tram"]


def test_only_approved_summaries_are_searched(client):
    make_article(headline="First", summary="A zeppelin over the bay.")
    make_article(headline="Second", summary="A zeppelin draft.", summary_approved=False)
    assert found(search(client, q="zeppelin")) == ["First"]


def test_every_page_has_a_search_box_in_the_header(client):
    article = make_article()
    for url in ["/", article.get_absolute_url(), article.section.get_absolute_url(), "/archive/"]:
        tree = html.fromstring(client.get(url).content)
        (form,) = tree.xpath("//header[@class='site-header']//form[@class='site-search']")
        assert form.get("method") == "get"
        assert form.get("action") == "/search/"
        (field,) = form.xpath(".//input[@name='q']")
        assert form.xpath(f".//label[@for='{field.get('id')}']")
        assert form.xpath(".//button[@type='submit']")


def test_search_page_is_kept_out_of_search_engines(client):
    tree = html.fromstring(search(client, q="tram").content)
    assert tree.xpath("//head/meta[@name='robots']")[0].get("content") == "noindex"


# PostgreSQL: stemming, ranking, snippets and the stored search document.


@postgres_only
@pytest.mark.parametrize(
    ("language", "text", "query"),
    [
        ("ru", "Новый мост в городе открыт", "город"),
        ("ru", "Выборы мэра назначены на сентябрь", "выборах"),
        ("en", "The election was close", "elections"),
        ("en", "Councils are voting today", "council voted"),
    ],
)
def test_inflected_forms_match_in_both_languages(client, language, text, query):
    make_article(headline=text, language=language)
    make_article(headline="Unrelated", language=language)
    assert found(search(client, q=query)) == [text]


@postgres_only
def test_headline_matches_rank_above_standfirst_and_body_matches(client):
    now = timezone.now()
    make_article(headline="Budget news", body="<p>The harbour is mentioned once.</p>", publish_at=now)
    make_article(headline="Other news", standfirst="About the harbour.", publish_at=now - timedelta(hours=1))
    make_article(headline="Harbour reopens", publish_at=now - timedelta(hours=2))
    assert found(search(client, q="harbour")) == ["Harbour reopens", "Other news", "Budget news"]


@postgres_only
def test_websearch_syntax_phrases_or_and_exclusion(client):
    make_article(headline="Tram line opens")
    make_article(headline="Line of tram cars")
    make_article(headline="Bus depot closes")
    assert found(search(client, q='"tram line"')) == ["Tram line opens"]
    assert set(found(search(client, q="tram or bus"))) == {
        "Tram line opens",
        "Line of tram cars",
        "Bus depot closes",
    }
    assert found(search(client, q="tram -opens")) == ["Line of tram cars"]


@postgres_only
def test_snippets_highlight_stemmed_matches_in_the_body(client):
    make_article(
        headline="Council",
        standfirst="",
        body="<p>Before. The <strong>councillors</strong> met in the city halls.</p>",
    )
    response = search(client, q="hall")
    (snippet,) = html.fromstring(response.content).xpath("//p[@class='search-snippet']")
    assert [mark.text for mark in snippet.findall(".//mark")] == ["halls"]
    assert snippet.findall(".//strong") == []
    assert "councillors met" in snippet.text_content()


@postgres_only
def test_the_search_document_follows_edits_and_summary_approval(client):
    article = make_article(headline="Old words")
    article.headline = "Zeppelin sighted"
    article.save()
    assert found(search(client, q="zeppelin")) == ["Zeppelin sighted"]
    summary = Summary.objects.create(article=article, text="A quokka on the pier.")
    assert found(search(client, q="quokka")) == []
    summary.approved_at = timezone.now()
    summary.save()
    assert found(search(client, q="quokka")) == ["Zeppelin sighted"]
    summary.delete()
    assert found(search(client, q="quokka")) == []


@postgres_only
def test_the_query_uses_the_stored_vector_and_its_gin_index():
    section, author = make_section(), make_author()
    filler = [
        Article(
            headline=f"Filler {i}",
            slug=f"filler-{i}",
            body="<p>Nothing to see here.</p>",
            section=section,
            status=Article.Status.PUBLISHED,
            publish_at=timezone.now() - timedelta(minutes=i),
        )
        for i in range(3000)
    ]
    Article.objects.bulk_create(filler)
    make_article(headline="Tram line opens", section=section, authors=[author])
    update_search_vectors(Article.objects.all())
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")
        # Autovacuum's work in production: merge the GIN pending list the test session has grown.
        cursor.execute("SELECT gin_clean_pending_list('article_search_vector'::regclass)")
        # On a table this small a sequential scan may cost the same; forbid it to see which index serves.
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = search_articles("tram").explain()
    assert "article_search_vector" in plan, plan
    assert "to_tsvector" not in plan
    assert not Article.objects.filter(search_vector__isnull=True).exists()


def test_counting_stops_at_the_results_a_reader_can_page_through(client, settings, monkeypatch):
    monkeypatch.setattr("articles.search.MAX_RESULTS", 3)
    settings.ARTICLES_PER_PAGE = 2
    for i in range(5):
        make_article(headline=f"Tram story {i}", publish_at=timezone.now() - timedelta(hours=i))
    response = search(client, q="tram")
    assert "More than 3 articles found" in response.content.decode()
    assert "Page 1 of 2" in response.content.decode()
    assert len(found(search(client, q="tram", page="2"))) == 1


@postgres_only
def test_a_word_in_most_of_the_archive_ranks_only_the_newest_articles(monkeypatch):
    monkeypatch.setattr("articles.search.MAX_RESULTS", 3)
    monkeypatch.setattr("articles.search.RANKING_WINDOW", 4)
    now = timezone.now()
    for i in range(8):
        # The oldest story matches best (the word is in its headline), but it lies outside the window.
        headline = "Tram tram tram" if i == 7 else f"Story {i}"
        body = "<p>The tram network.</p>" if i in {0, 7} else "<p>The tram.</p>"
        make_article(headline=headline, body=body, publish_at=now - timedelta(hours=i))
    assert {a.headline for a in search_articles("tram")} == {"Story 0", "Story 1", "Story 2", "Story 3"}
    # A word few articles contain is ranked over the whole archive, oldest included.
    assert {a.headline for a in search_articles("network")} == {"Tram tram tram", "Story 0"}
