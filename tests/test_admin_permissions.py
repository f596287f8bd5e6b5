"""The permission table of PRODUCT.md, cell by cell, by POSTing through the real admin views
as a writer and as an editor, then checking the database."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article, Summary
from tests.factories import make_article, make_author, make_section, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer(client):
    return make_user("writer", group="Writers")


@pytest.fixture
def editor():
    return make_user("editor", group="Editors")


def login(client, user):
    client.force_login(user)
    return client


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def own_draft(user, **fields):
    fields.setdefault("status", Article.Status.DRAFT)
    fields.setdefault("publish_at", None)
    article = make_article(created_by=user, **fields)
    workflow.save_revision(article, by=user)
    return article


def post_change(client, admin_form, article, **changes):
    data = admin_form(client, change_url(article))
    for key, value in changes.items():
        data[key] = value if isinstance(value, list) else [value]
    return client.post(change_url(article), data)


def test_writer_and_editor_can_create_a_draft(client, writer, editor):
    section, author = make_section(), make_author()
    for user in (writer, editor):
        login(client, user)
        response = client.post(
            reverse("admin:articles_article_add"),
            {
                "headline": f"New story by {user}",
                "slug": f"new-story-{user}",
                "standfirst": "",
                "body": "<p>Text</p>",
                "language": "en",
                "section": section.pk,
                "authors": [author.pk],
                "summary-TOTAL_FORMS": 1,
                "summary-INITIAL_FORMS": 0,
                "summary-0-text": "A gist.",
                "notices-TOTAL_FORMS": 0,
                "notices-INITIAL_FORMS": 0,
                # A hand-made attempt to publish on creation:
                "status": "published",
                "publish_at_0": "2026-01-01",
                "publish_at_1": "10:00",
                "_publish": "1",
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        article = Article.objects.get(slug=f"new-story-{user}")
        # The writer's hand-made Publish is refused; the editor may publish straight away.
        assert article.status == (Article.Status.PUBLISHED if user == editor else Article.Status.DRAFT)
        assert article.created_by == user
        assert article.revisions.count() == 1
        assert Summary.objects.get(article=article).is_approved is False


def test_writer_edits_own_draft(client, admin_form, writer):
    article = own_draft(writer)
    login(client, writer)
    response = post_change(client, admin_form, article, headline="Better headline")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Better headline"
    assert article.revisions.count() == 2


def test_writer_cannot_edit_another_writers_article(client, admin_form, writer):
    other = make_user(group="Writers")
    theirs = own_draft(other, headline="Theirs")
    login(client, other)
    data = admin_form(client, change_url(theirs))
    login(client, writer)
    data["headline"] = ["Hijacked"]
    response = client.post(change_url(theirs), data)
    assert response.status_code in {302, 403, 404}
    theirs.refresh_from_db()
    assert theirs.headline == "Theirs"
    assert client.get(change_url(theirs)).status_code in {302, 404}


def test_editor_edits_anyones_article(client, admin_form, writer, editor):
    article = own_draft(writer)
    login(client, editor)
    assert post_change(client, admin_form, article, headline="Edited by the desk").status_code == 302
    article.refresh_from_db()
    assert article.headline == "Edited by the desk"


def test_writer_cannot_edit_own_article_while_in_review(client, admin_form, writer):
    article = own_draft(writer, status=Article.Status.IN_REVIEW)
    login(client, writer)
    data = admin_form(client, reverse("admin:articles_article_change", args=[own_draft(writer).pk]))
    data["headline"] = ["Sneaky change"]
    data["edit_version"] = [str(article.version)]
    response = client.post(change_url(article), data)
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.headline != "Sneaky change"


@pytest.mark.parametrize("role", ["writer", "editor"])
def test_submit_for_review(client, admin_form, writer, editor, role):
    article = own_draft(writer)
    login(client, writer if role == "writer" else editor)
    post_change(client, admin_form, article, _submit_for_review="1")
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW
    event = article.workflow_events.get()
    assert (event.from_status, event.to_status) == ("draft", "review")
    assert event.actor.username == role


def test_writer_cannot_publish_by_button_status_or_publish_at(client, admin_form, writer):
    article = own_draft(writer)
    login(client, writer)
    future = timezone.localtime() + timedelta(days=1)
    response = post_change(
        client,
        admin_form,
        article,
        _publish="1",
        status="published",
        publish_at_0=future.strftime("%Y-%m-%d"),
        publish_at_1="09:00",
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert article.publish_at is None
    assert not article.workflow_events.exists()
    assert article not in Article.objects.public()


def test_writer_cannot_publish_with_the_bulk_action(client, writer):
    article = own_draft(writer)
    login(client, writer)
    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_selected", "_selected_action": [article.pk]},
    )
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_editor_publishes_now(client, admin_form, writer, editor):
    article = own_draft(writer, status=Article.Status.IN_REVIEW)
    login(client, editor)
    post_change(client, admin_form, article, _publish="1")
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.is_public
    assert article.first_published_at == article.publish_at
    assert client.get(article.get_absolute_url()).status_code == 200


def test_editor_schedules_with_a_future_time_after_confirming_it(client, admin_form, writer, editor):
    article = own_draft(writer)
    login(client, editor)
    future = timezone.localtime() + timedelta(days=2)
    # Publish with a future time does not quietly schedule: it says when it would go live and asks.
    response = post_change(
        client,
        admin_form,
        article,
        publish_at_0=future.strftime("%Y-%m-%d"),
        publish_at_1=future.strftime("%H:%M:%S"),
        _publish="1",
    )
    assert response.status_code == 302 and response.url == change_url(article)
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT and article.publish_at is not None
    page = client.get(change_url(article)).content.decode()
    assert "Not scheduled yet" in page
    # The bar's button names the minute and carries it: pressing it is the confirmation.
    label = f"Schedule for {future:%-d %b %H:%M}"
    assert label in page
    value = f"at:{future:%Y-%m-%dT%H:%M}"
    assert f'value="{value}"' in page
    post_change(client, admin_form, article, _publish=value)
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.is_scheduled
    assert article.workflow_events.get().action == "schedule"
    page = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "Scheduled: goes live" in page


def test_a_schedule_confirmed_for_another_minute_schedules_nothing(client, admin_form, writer, editor):
    article = own_draft(writer, publish_at=timezone.now() + timedelta(days=2))
    login(client, editor)
    other = timezone.localtime() + timedelta(days=3)
    post_change(client, admin_form, article, _publish=f"at:{other:%Y-%m-%dT%H:%M}")
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    post_change(client, admin_form, article, _publish="typed:2026-13-45|99:99")
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


@pytest.mark.parametrize(("role", "allowed"), [("writer", False), ("editor", True)])
def test_unpublish(client, admin_form, writer, editor, role, allowed):
    article = make_article(created_by=writer, authors=[make_author(user=writer)])
    workflow.save_revision(article, by=writer)
    login(client, editor if allowed else writer)
    if allowed:
        client.post(change_url(article), admin_form(client, change_url(article)) | {"_unpublish": ["1"]})
        article.refresh_from_db()
        assert article.status == Article.Status.UNPUBLISHED
        workflow.publish(article, by=editor)
    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "unpublish_selected", "_selected_action": [article.pk]},
    )
    article.refresh_from_db()
    expected = Article.Status.UNPUBLISHED if allowed else Article.Status.PUBLISHED
    assert article.status == expected


@pytest.mark.parametrize(("role", "allowed"), [("writer", False), ("editor", True)])
def test_approve_summary(client, admin_form, writer, editor, role, allowed):
    article = own_draft(writer)
    Summary.objects.create(article=article, text="Two sentences. About the story.")
    login(client, editor if allowed else writer)
    post_change(client, admin_form, article, **{"summary-0-approve": "on"})
    summary = Summary.objects.get(article=article)
    assert summary.is_approved is allowed
    if allowed:
        assert summary.approved_by == editor
        assert summary.approved_revision == article.revisions.first()


@pytest.mark.parametrize("role", ["writer", "editor"])
def test_nobody_but_a_superuser_deletes_a_published_article(client, writer, editor, role):
    article = make_article(created_by=writer)
    login(client, writer if role == "writer" else editor)
    delete_url = reverse("admin:articles_article_delete", args=[article.pk])
    response = client.post(delete_url, {"post": "yes"})
    assert response.status_code in {302, 403}
    assert Article.objects.filter(pk=article.pk).exists()
    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "delete_selected", "_selected_action": [article.pk], "post": "yes"},
    )
    assert Article.objects.filter(pk=article.pk).exists()
    login(client, make_user(is_superuser=True))
    client.post(delete_url, {"post": "yes"})
    assert not Article.objects.filter(pk=article.pk).exists()


def test_editor_deletes_a_draft(client, writer, editor):
    article = own_draft(writer)
    login(client, editor)
    client.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"})
    assert not Article.objects.filter(pk=article.pk).exists()


def test_buttons_shown_match_the_rules(client, writer, editor):
    article = own_draft(writer)
    login(client, writer)
    page = client.get(change_url(article)).content.decode()
    assert 'name="_submit_for_review"' in page
    assert 'name="_publish"' not in page and 'name="_unpublish"' not in page
    login(client, editor)
    page = client.get(change_url(article)).content.decode()
    assert 'name="_submit_for_review"' in page and 'name="_publish"' in page


def test_writer_sees_only_own_articles_in_the_changelist(client, writer):
    mine = own_draft(writer, headline="Mine")
    make_article(headline="Somebody else's")
    login(client, writer)
    page = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "Mine" in page and "Somebody else" not in page
    assert mine.pk


def test_editor_returns_an_article_to_its_writer_with_a_note(client, admin_form, writer, editor):
    article = own_draft(writer, status=Article.Status.IN_REVIEW)
    login(client, editor)
    post_change(client, admin_form, article, _return_to_writer="1", _workflow_note="Needs a second source")
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    event = article.workflow_events.get()
    assert event.note == "Needs a second source"
    login(client, writer)
    assert "Needs a second source" in client.get(change_url(article)).content.decode()
