"""`Article.objects.public()` at its boundaries, and the 404 that follows for readers."""

from datetime import UTC, datetime, timedelta

import pytest

from articles.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.mark.parametrize(
    ("offset", "public"),
    [(timedelta(minutes=-1), True), (timedelta(0), True), (timedelta(seconds=1), False)],
    ids=["past", "exactly-now", "future"],
)
def test_publish_time_boundary(frozen, client, offset, public):
    article = make_article(publish_at=NOW + offset)
    assert (article in Article.objects.public()) is public
    assert article.is_public is public
    assert client.get(article.get_absolute_url()).status_code == (200 if public else 404)


@pytest.mark.parametrize(
    "status", [Article.Status.DRAFT, Article.Status.IN_REVIEW, Article.Status.UNPUBLISHED]
)
def test_non_published_states_are_never_public(frozen, client, status):
    article = make_article(status=status, publish_at=NOW - timedelta(days=1))
    assert article not in Article.objects.public()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 404
    assert article.headline not in response.content.decode()


def test_published_without_a_time_is_not_public(frozen):
    article = make_article(publish_at=None)
    assert article not in Article.objects.public()


def test_scheduled_article_goes_public_when_its_time_comes(time_machine, client):
    time_machine.move_to(NOW, tick=False)
    article = make_article(publish_at=NOW + timedelta(minutes=30))
    assert client.get(article.get_absolute_url()).status_code == 404
    assert article.state_label == "Scheduled"
    time_machine.move_to(NOW + timedelta(minutes=30), tick=False)
    assert client.get(article.get_absolute_url()).status_code == 200
    assert article.headline in client.get("/").content.decode()
