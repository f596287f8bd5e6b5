"""Reader addresses built from a slug (articles/models/addresses.py) are exactly reverse()'s."""

import pytest
from django.urls import NoReverseMatch, include, path, reverse, set_script_prefix

from articles.models import Article, Author, Section, Tag
from articles.models.addresses import slug_url

# For the test below that mounts the site under another path.
urlpatterns = [path("en/", include("articles.urls"))]

SLUGS = ["a", "story-1", "under_score", "MiXeD-Case-42", "0"]
ROUTES = ["articles:detail", "articles:section", "articles:author", "articles:tag"]


@pytest.mark.parametrize("name", ROUTES)
@pytest.mark.parametrize("slug", SLUGS)
def test_slug_addresses_are_what_reverse_gives(name, slug):
    assert slug_url(name, slug) == reverse(name, kwargs={"slug": slug})


def test_models_link_to_their_pages():
    assert Article(slug="budget-vote").get_absolute_url() == "/articles/budget-vote/"
    assert Section(slug="city").get_absolute_url() == "/sections/city/"
    assert Author(slug="ann-lee").get_absolute_url() == "/authors/ann-lee/"
    assert Tag(slug="budget").get_absolute_url() == "/tags/budget/"


def test_a_site_served_under_a_path_prefix_links_under_it():
    article = Article(slug="budget-vote")
    assert article.get_absolute_url() == "/articles/budget-vote/"
    set_script_prefix("/news/")
    try:
        assert article.get_absolute_url() == "/news/articles/budget-vote/"
    finally:
        set_script_prefix("/")
    assert article.get_absolute_url() == "/articles/budget-vote/"


def test_another_url_configuration_is_followed(settings):
    assert Tag(slug="budget").get_absolute_url() == "/tags/budget/"
    settings.ROOT_URLCONF = __name__
    assert Tag(slug="budget").get_absolute_url() == "/en/tags/budget/"


def test_what_is_not_a_slug_is_refused_as_reverse_refuses_it():
    for bad in ["", "with space", "кириллица", "a/b"]:
        with pytest.raises(NoReverseMatch):
            Article(slug=bad).get_absolute_url()
