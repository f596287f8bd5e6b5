"""Workflow actions and rules outside the admin: transitions, scheduling, summaries, slugs, updates."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article, Summary
from tests.factories import make_article, make_user

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def editor():
    return make_user(group="Editors")


@pytest.fixture
def writer():
    return make_user(group="Writers")


def draft(**fields):
    return make_article(status=Article.Status.DRAFT, publish_at=None, **fields)


def test_illegal_transition_is_refused_with_a_clear_message(editor):
    article = draft()
    with pytest.raises(ValidationError, match="cannot go from Draft to Unpublished"):
        workflow.unpublish(article, by=editor)
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_writer_gets_permission_denied_for_editor_actions(writer):
    article = draft(created_by=writer)
    for action in (workflow.publish, workflow.unpublish, workflow.return_to_writer):
        with pytest.raises(PermissionDenied):
            action(article, by=writer)
    with pytest.raises(PermissionDenied):
        workflow.approve_summary(Summary.objects.create(article=article, text="Gist."), by=writer)
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_article_scheduled_a_minute_ahead_goes_public_when_the_clock_passes(time_machine, editor, client):
    time_machine.move_to(NOW, tick=False)
    article = draft()
    workflow.publish(article, by=editor, at=NOW + timedelta(minutes=1))
    assert article.is_scheduled
    assert article not in Article.objects.public()
    assert client.get(article.get_absolute_url()).status_code == 404
    time_machine.move_to(NOW + timedelta(minutes=1, seconds=1), tick=False)
    assert article in Article.objects.public()
    assert client.get(article.get_absolute_url()).status_code == 200


def test_first_published_at_is_set_once_and_kept_on_republish(time_machine, editor):
    time_machine.move_to(NOW, tick=False)
    article = draft()
    workflow.publish(article, by=editor)
    assert article.first_published_at == NOW
    time_machine.move_to(NOW + timedelta(days=1), tick=False)
    workflow.unpublish(article, by=editor)
    workflow.publish(article, by=editor)
    article.refresh_from_db()
    assert article.first_published_at == NOW
    assert article.publish_at == NOW + timedelta(days=1)


def test_publishing_a_scheduled_article_means_now(time_machine, editor):
    time_machine.move_to(NOW, tick=False)
    article = draft()
    workflow.publish(article, by=editor, at=NOW + timedelta(days=1))
    workflow.publish(article, by=editor)
    assert article.publish_at == NOW
    assert article.is_public


def test_every_transition_is_logged(editor, writer):
    article = draft(created_by=writer)
    workflow.submit_for_review(article, by=writer)
    workflow.return_to_writer(article, by=editor, note="More sources")
    workflow.submit_for_review(article, by=writer)
    workflow.publish(article, by=editor)
    workflow.unpublish(article, by=editor, note="Legal check")
    events = list(
        article.workflow_events.order_by("at", "id").values_list("action", "from_status", "to_status")
    )
    assert events == [
        ("submit", "draft", "review"),
        ("return", "review", "draft"),
        ("submit", "draft", "review"),
        ("publish", "review", "published"),
        ("unpublish", "published", "unpublished"),
    ]
    assert article.workflow_events.filter(note="Legal check", actor=editor).exists()


def test_changed_slug_redirects_permanently_without_chains(client, editor):
    article = make_article(slug="first-slug")
    for new in ("second-slug", "third-slug"):
        article.slug = new
        article.save()
    for old in ("first-slug", "second-slug"):
        response = client.get(f"/articles/{old}/")
        assert response.status_code == 301
        assert response["Location"] == "/articles/third-slug/"
    # Going back to an old slug takes it out of the redirect table.
    article.slug = "first-slug"
    article.save()
    assert client.get("/articles/first-slug/").status_code == 200
    assert client.get("/articles/third-slug/")["Location"] == "/articles/first-slug/"


def test_old_slug_of_an_unpublished_article_is_404(client, editor):
    article = make_article(slug="was-public")
    article.slug = "renamed"
    article.save()
    workflow.unpublish(article, by=editor)
    assert client.get("/articles/was-public/").status_code == 404


def test_short_url_redirects_to_canonical(client):
    article = make_article()
    response = client.get(reverse("articles:short", args=[article.pk]))
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()
    hidden = draft()
    assert client.get(reverse("articles:short", args=[hidden.pk])).status_code == 404


def test_approval_against_revision_and_staleness(editor):
    article = draft()
    revision = workflow.save_revision(article, by=editor)
    summary = Summary.objects.create(article=article, text="The gist.")
    workflow.approve_summary(summary, by=editor)
    assert summary.approved_revision == revision
    assert not workflow.summary_is_stale(summary)
    article.body = "<p>Completely new facts.</p>"
    article.save()
    workflow.save_revision(article, by=editor)
    summary.refresh_from_db()
    assert workflow.summary_is_stale(summary)


def test_empty_summary_cannot_be_approved(editor):
    summary = Summary.objects.create(article=draft(), text="   ")
    with pytest.raises(PermissionDenied):
        workflow.approve_summary(summary, by=editor)


def test_restore_is_a_new_revision(editor):
    article = draft(headline="Original")
    Summary.objects.create(article=article, text="Original gist.")
    first = workflow.save_revision(article, by=editor)
    article.headline = "Changed"
    article.save()
    Summary.objects.filter(article=article).update(text="Changed gist.")
    workflow.save_revision(article, by=editor)
    restored, _plan = workflow.restore_revision(first, by=editor)
    article.refresh_from_db()
    assert article.headline == "Original"
    assert Summary.objects.get(article=article).text == "Original gist."
    assert restored.number == 3
    assert article.revisions.count() == 3


def test_writer_cannot_restore(writer):
    article = draft(created_by=writer)
    first = workflow.save_revision(article, by=writer)
    with pytest.raises(PermissionDenied):
        workflow.restore_revision(first, by=writer)


def test_times_in_the_admin_name_the_zone(client, editor, settings):
    article = make_article(publish_at=timezone.now() + timedelta(days=1))
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_changelist")).content.decode()
    zone = timezone.localtime(article.publish_at).strftime("%Z")
    assert f"{zone}" in page
    change = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert settings.TIME_ZONE in change
