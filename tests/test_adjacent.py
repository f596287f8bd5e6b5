"""Previous/Next: site-wide by publication time, ties broken by id, public articles only."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_neighbours_follow_publication_time():
    now = timezone.now()
    older = make_article(publish_at=now - timedelta(hours=3))
    middle = make_article(publish_at=now - timedelta(hours=2))
    newer = make_article(publish_at=now - timedelta(hours=1))
    assert middle.previous_public() == older
    assert middle.next_public() == newer


def test_first_and_last_have_one_side_missing():
    now = timezone.now()
    first = make_article(publish_at=now - timedelta(hours=2))
    last = make_article(publish_at=now - timedelta(hours=1))
    assert first.previous_public() is None
    assert first.next_public() == last
    assert last.next_public() is None
    assert last.previous_public() == first


def test_ties_on_publish_time_are_broken_by_id():
    same = timezone.now() - timedelta(hours=1)
    a, b, c = (make_article(publish_at=same) for _ in range(3))
    assert a.pk < b.pk < c.pk
    assert (b.previous_public(), b.next_public()) == (a, c)
    assert a.previous_public() is None
    assert c.next_public() is None


@pytest.mark.parametrize(
    ("status", "offset"),
    [
        (Article.Status.DRAFT, -2),
        (Article.Status.IN_REVIEW, -2),
        (Article.Status.UNPUBLISHED, -2),
        (Article.Status.PUBLISHED, +2),  # scheduled
    ],
)
def test_non_public_articles_between_public_ones_are_skipped(client, status, offset):
    now = timezone.now()
    before = make_article(publish_at=now - timedelta(hours=3))
    hidden = make_article(
        status=status, publish_at=now + timedelta(hours=offset) if offset > 0 else now - timedelta(hours=2)
    )
    after = make_article(publish_at=now - timedelta(hours=1))
    if offset > 0:
        # A scheduled article sits after everything public; nothing may point at it.
        assert after.next_public() is None
    assert before.next_public() == after
    assert after.previous_public() == before
    for page in (before, after):
        html = client.get(page.get_absolute_url()).content.decode()
        assert hidden.headline not in html
        assert hidden.get_absolute_url() not in html


def test_article_page_shows_labelled_links(client):
    now = timezone.now()
    older = make_article(publish_at=now - timedelta(hours=3), headline="The older story")
    middle = make_article(publish_at=now - timedelta(hours=2))
    newer = make_article(publish_at=now - timedelta(hours=1), headline="The newer story")
    html = client.get(middle.get_absolute_url()).content.decode()
    assert "Previous Article" in html and "Next Article" in html
    assert f'href="{older.get_absolute_url()}">The older story</a>' in html
    assert f'href="{newer.get_absolute_url()}">The newer story</a>' in html
    assert html.index("Previous Article") < html.index("Next Article")


def test_ends_leave_out_the_missing_label(client):
    only = make_article()
    html = client.get(only.get_absolute_url()).content.decode()
    assert "Previous Article" not in html
    assert "Next Article" not in html


def test_adjacent_public_finds_both_neighbours_at_once_and_agrees_with_the_single_lookups():
    now = timezone.now()
    older = make_article(publish_at=now - timedelta(hours=3))
    tie_a = make_article(publish_at=now - timedelta(hours=2))
    tie_b = make_article(publish_at=now - timedelta(hours=2))
    make_article(status=Article.Status.DRAFT, publish_at=now - timedelta(hours=1, minutes=30))
    newer = make_article(publish_at=now - timedelta(hours=1))
    assert tie_a.adjacent_public() == (older, tie_b)
    assert tie_b.adjacent_public() == (tie_a, newer)
    assert older.adjacent_public() == (None, tie_a)
    assert newer.adjacent_public() == (tie_b, None)
    for article in (older, tie_a, tie_b, newer):
        assert article.adjacent_public() == (article.previous_public(), article.next_public())
