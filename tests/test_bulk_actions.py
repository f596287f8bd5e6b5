"""The changelist's "Publish selected" and "Unpublish selected", with committed transactions.

pytest-django's usual test wraps everything in one transaction, where SELECT ... FOR UPDATE always
works; the admin runs in autocommit. These tests commit, as production does, so a lock taken
outside a transaction, or FOR UPDATE combined with the DISTINCT of the author filter, fails here
as it does for an editor (on PostgreSQL; SQLite has no row locks to refuse).
"""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from articles.models import Article
from tests.factories import make_article, make_author, make_user

pytestmark = pytest.mark.django_db(transaction=True)

CHANGELIST = reverse("admin:articles_article_changelist")


@pytest.fixture
def editor(client):
    user = make_user(group="Editors")
    client.force_login(user)
    return user


def _bulk(client, action, articles, query=""):
    return client.post(
        CHANGELIST + query,
        {"action": action, "_selected_action": [a.pk for a in articles], "index": "0"},
    )


def _drafts(n, **fields):
    return [make_article(status=Article.Status.DRAFT, publish_at=None, **fields) for _ in range(n)]


def test_publish_selected_publishes_every_selected_article(client, editor):
    drafts = _drafts(3)
    response = _bulk(client, "publish_selected", drafts)
    assert response.status_code == 302
    assert [m.message for m in get_messages(response.wsgi_request)] == ["3 published."]
    assert all(a.is_public for a in Article.objects.filter(pk__in=[d.pk for d in drafts]))


def test_unpublish_selected_with_the_author_filter_active(client, editor):
    """The author filter joins a many-to-many table and adds DISTINCT, which FOR UPDATE refuses."""
    author = make_author()
    mine = [make_article(authors=[author]) for _ in range(2)]
    other = make_article()
    assert client.get(CHANGELIST + f"?authors__id__exact={author.pk}").status_code == 200
    response = _bulk(client, "unpublish_selected", mine, query=f"?authors__id__exact={author.pk}")
    assert response.status_code == 302
    statuses = dict(Article.objects.values_list("pk", "status"))
    assert [statuses[a.pk] for a in mine] == [Article.Status.UNPUBLISHED] * 2
    assert statuses[other.pk] == Article.Status.PUBLISHED


def test_publish_selected_with_the_author_filter_active(client, editor):
    author = make_author()
    drafts = _drafts(2, authors=[author])
    response = _bulk(client, "publish_selected", drafts, query=f"?authors__id__exact={author.pk}")
    assert response.status_code == 302
    assert Article.objects.public().filter(pk__in=[d.pk for d in drafts]).count() == 2


def test_one_refused_article_is_skipped_and_the_rest_are_done(client, editor):
    draft = make_article(status=Article.Status.DRAFT, publish_at=None, headline="Still a draft")
    live = make_article(headline="Already live")
    response = _bulk(client, "unpublish_selected", [draft, live])
    messages = [m.message for m in get_messages(response.wsgi_request)]
    assert messages[0] == "1 unpublished."
    assert "Skipped 1" in messages[1] and "Still a draft" in messages[1]
    draft.refresh_from_db()
    live.refresh_from_db()
    assert (draft.status, live.status) == (Article.Status.DRAFT, Article.Status.UNPUBLISHED)
    assert live.workflow_events.get().note == "bulk action"
