"""A story is first published when readers can first see it: scheduling is not publishing (issue 11).

Before the fix, scheduling set first_published_at to the future time, so an edit before the story
went live asked "update or fix?", and an "update" stamped a time before publication: readers saw
"Published 23:10 · Updated 23:09", and the JSON-LD and Atom feed agreed.
"""

import json
from datetime import UTC, datetime, timedelta

import feedparser
import lxml.html
import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from articles import workflow
from articles.models import Article
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 1, 20, 0, tzinfo=UTC)
GOES_LIVE = NOW + timedelta(hours=3, minutes=10)


@pytest.fixture
def editor(client):
    user = make_user(group="Editors")
    client.force_login(user)
    return user


@pytest.fixture
def scheduled(time_machine, editor):
    time_machine.move_to(NOW, tick=False)
    article = make_article(status=Article.Status.DRAFT, publish_at=None, body="<p>First draft.</p>")
    workflow.publish(article, by=editor, at=GOES_LIVE)
    article.refresh_from_db()
    return article


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def post_edit(client, admin_form, article, **changes):
    data = admin_form(client, change_url(article)) | {k: [v] for k, v in changes.items()}
    return client.post(change_url(article), data)


def page_times(client, article):
    """The times under the headline (Published, then Updated if any) and the page's JSON-LD."""
    html = lxml.html.fromstring(client.get(article.get_absolute_url()).content)
    (meta,) = html.xpath('//p[@class="meta"]')
    times = [datetime.fromisoformat(t.get("datetime")) for t in meta.iter("time")]
    (json_ld,) = [json.loads(s.text) for s in html.xpath('//script[@type="application/ld+json"]')]
    return times, meta.text_content(), json_ld


def test_scheduling_does_not_publish(scheduled):
    assert scheduled.first_published_at is None
    assert not scheduled.has_been_public
    assert scheduled.workflow_events.get().action == "schedule"


def test_editing_a_scheduled_story_before_it_goes_live_is_not_an_update(client, admin_form, scheduled):
    page = client.get(change_url(scheduled)).content.decode()
    assert "This change is" not in page  # no update-or-fix question
    response = post_edit(client, admin_form, scheduled, body="<p>Second draft.</p>", change_kind="update")
    assert response.status_code == 302
    scheduled.refresh_from_db()
    assert scheduled.body == "<p>Second draft.</p>"
    assert scheduled.content_updated_at is None
    assert scheduled.first_published_at is None
    assert not scheduled.revisions.first().is_substantive


def test_once_live_an_edit_asks_and_an_update_comes_after_publication(
    client, admin_form, scheduled, time_machine
):
    post_edit(client, admin_form, scheduled, body="<p>Second draft.</p>", change_kind="update")
    time_machine.move_to(GOES_LIVE + timedelta(minutes=20), tick=False)
    scheduled.refresh_from_db()
    assert scheduled.has_been_public  # known from publish_at: it went live with no job and no save

    response = post_edit(client, admin_form, scheduled, body="<p>New facts.</p>")
    assert "say whether this is an update or a fix" in response.content.decode()
    response = post_edit(client, admin_form, scheduled, body="<p>New facts.</p>", change_kind="update")
    assert response.status_code == 302
    scheduled.refresh_from_db()
    assert scheduled.first_published_at == GOES_LIVE
    assert scheduled.content_updated_at == GOES_LIVE + timedelta(minutes=20)

    client.logout()
    times, text, json_ld = page_times(client, scheduled)
    assert times == [GOES_LIVE, GOES_LIVE + timedelta(minutes=20)]
    assert "Published" in text and "Updated" in text
    assert datetime.fromisoformat(json_ld["datePublished"]) == GOES_LIVE
    assert datetime.fromisoformat(json_ld["dateModified"]) == GOES_LIVE + timedelta(minutes=20)


def test_readers_never_see_an_update_before_the_publication_they_see(client, time_machine, editor):
    """Published, updated, unpublished, published again later: the old update is not news."""
    time_machine.move_to(NOW, tick=False)
    article = make_article(status=Article.Status.DRAFT, publish_at=None)
    workflow.publish(article, by=editor)
    Article.objects.filter(pk=article.pk).update(content_updated_at=NOW + timedelta(hours=1))
    time_machine.move_to(NOW + timedelta(hours=2), tick=False)
    article.refresh_from_db()
    workflow.unpublish(article, by=editor)
    workflow.publish(article, by=editor)
    client.logout()

    times, text, json_ld = page_times(client, article)
    assert times == [NOW + timedelta(hours=2)] and "Updated" not in text
    assert json_ld["dateModified"] == json_ld["datePublished"]
    feed = feedparser.parse(client.get(reverse("articles:feed-atom")).content)
    (entry,) = feed.entries
    assert entry.updated_parsed >= entry.published_parsed
    sitemap = client.get(reverse("articles:sitemap-section", args=["articles"])).content.decode()
    assert (NOW + timedelta(hours=1)).strftime("%Y-%m-%dT%H") not in sitemap


def test_unpublishing_a_story_that_went_live_by_schedule_remembers_its_publication(
    scheduled, editor, time_machine
):
    time_machine.move_to(GOES_LIVE + timedelta(hours=1), tick=False)
    scheduled.refresh_from_db()
    workflow.unpublish(scheduled, by=editor)
    scheduled.refresh_from_db()
    assert scheduled.first_published_at == GOES_LIVE
    assert scheduled.has_been_public
    assert not workflow.can_delete(editor, scheduled)  # it has been published: unpublish, never delete


def test_withdrawing_a_scheduled_story_before_it_goes_live_leaves_it_unpublished(scheduled, editor):
    workflow.unpublish(scheduled, by=editor)
    scheduled.refresh_from_db()
    assert scheduled.first_published_at is None
    assert not scheduled.has_been_public


def test_the_migration_corrects_dates_stamped_by_scheduling(time_machine):
    from importlib import import_module

    migration = import_module("articles.migrations.0008_publication_dates_and_suggestion_start")
    time_machine.move_to(NOW, tick=False)
    future, past = NOW + timedelta(hours=2), NOW - timedelta(hours=2)
    waiting = make_article(publish_at=future)
    went_live = make_article(publish_at=past)
    published = make_article(publish_at=past - timedelta(days=1))
    Article.objects.filter(pk=waiting.pk).update(first_published_at=future, content_updated_at=NOW)
    before_live = past - timedelta(hours=1)
    Article.objects.filter(pk=went_live.pk).update(first_published_at=past, content_updated_at=before_live)
    Article.objects.filter(pk=published.pk).update(content_updated_at=past)

    migration.correct_publication_dates(django_apps, None)

    rows = {a.pk: (a.first_published_at, a.content_updated_at) for a in Article.objects.all()}
    assert rows[waiting.pk] == (None, None)
    assert rows[went_live.pk] == (past, None)
    assert rows[published.pk] == (past - timedelta(days=1), past)
