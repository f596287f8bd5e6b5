""" "More on this" at the end of a story: public stories on the same subject, cached with the page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import html

from articles.models import Article
from tests.factories import (
    NON_PUBLIC_STATES,
    make_article,
    make_non_public_articles,
    make_section,
    make_tag,
    make_user,
)

pytestmark = pytest.mark.django_db
NOW = timezone.now()


def more_on_this(response):
    """The headlines under "More on this", in order ([] when there is no such block)."""
    assert response.status_code == 200
    tree = html.fromstring(response.content)
    region = tree.xpath("//section[@aria-labelledby='related-heading']")
    if not region:
        return []
    assert region[0].xpath(".//h2")[0].text_content() == "More on this"
    return [link.text_content() for link in region[0].xpath(".//a")]


def story(headline, hours_ago, **fields):
    return make_article(headline=headline, publish_at=NOW - timedelta(hours=hours_ago), **fields)


def test_stories_sharing_a_tag_come_first_then_the_same_section_newest_first(client):
    city, business = make_section(name="City"), make_section(name="Business")
    ferries, strikes = make_tag(name="Ferries"), make_tag(name="Strikes")
    story("Same section, oldest", 90, section=city)
    story("Same section, older", 80, section=city)
    story("Other section, no tag", 70, section=business)
    story("Strikes in business", 60, section=business, tags=[strikes])
    story("Same section, newer", 50, section=city)
    story("Ferries in business", 40, section=business, tags=[ferries])
    previous = story("Previous, same tag", 30, section=city, tags=[ferries])
    article = story("The story", 20, section=city, tags=[ferries, strikes])
    story("Next, same tag", 10, section=city, tags=[ferries])

    response = client.get(article.get_absolute_url())
    assert response.context["previous_article"] == previous
    assert more_on_this(response) == [
        "Ferries in business",  # shares a tag (newest first among those)
        "Strikes in business",
        "Same section, newer",  # then the section fills up, newest first
        "Same section, older",
    ]


def test_never_the_article_itself_nor_its_previous_and_next(client):
    tag = make_tag()
    before = story("Previous", 3, tags=[tag])
    article = story("Middle", 2, tags=[tag])
    after = story("Next", 1, tags=[tag])
    response = client.get(article.get_absolute_url())
    assert (response.context["previous_article"], response.context["next_article"]) == (before, after)
    assert more_on_this(response) == []
    assert "More on this" not in response.content.decode()


def test_at_most_four_stories(client):
    tag = make_tag()
    for n in range(8):
        story(f"Tagged {n}", 10 + n, tags=[tag])
    article = story("The story", 1, tags=[tag])
    assert more_on_this(client.get(article.get_absolute_url())) == [f"Tagged {n}" for n in range(1, 5)]


def test_an_untagged_article_gets_stories_from_its_section(client):
    section = make_section()
    story("Section story", 10, section=section)
    story("Elsewhere", 9)
    story("Previous", 8, section=section)
    article = story("The story", 5, section=section)
    assert more_on_this(client.get(article.get_absolute_url())) == ["Section story"]


@pytest.mark.parametrize("state", NON_PUBLIC_STATES)
def test_a_non_public_story_never_appears(client, state):
    section, tag = make_section(), make_tag()
    hidden = make_non_public_articles(section=section, tags=[tag])[state]
    story("Public related", 100, section=section, tags=[tag])
    story("Previous", 50)
    article = story("The story", 10, section=section, tags=[tag])
    response = client.get(article.get_absolute_url())
    assert more_on_this(response) == ["Public related"]
    assert hidden.headline not in response.content.decode()


def test_preview_shows_more_on_this_and_both_toggles(client):
    section = make_section()
    story("Public related", 100, section=section)
    story("Newest public", 1)
    draft = make_article(
        headline="Draft", status=Article.Status.DRAFT, publish_at=None, section=section, summary="Gist."
    )
    client.force_login(make_user(group="Editors"))
    response = client.get(reverse("articles:preview", args=[draft.pk]))
    assert more_on_this(response) == ["Public related"]
    assert response.content.decode().count("No time to read? Get a summary") == 2


def test_more_on_this_is_cached_with_the_page_and_renewed_by_a_change(client):
    tag = make_tag()
    story("Previous", 30)
    article = story("The story", 10, tags=[tag])
    story("Next", 5)
    assert more_on_this(client.get(article.get_absolute_url())) == []
    cached = client.get(article.get_absolute_url())
    assert cached.headers["X-Page-Cache"] == "hit"

    story("Older on the same subject", 40, tags=[tag])  # a new story: the next request renders afresh
    response = client.get(article.get_absolute_url())
    assert response.headers["X-Page-Cache"] == "miss"
    assert more_on_this(response) == ["Older on the same subject"]
    assert client.get(article.get_absolute_url()).headers["X-Page-Cache"] == "hit"
