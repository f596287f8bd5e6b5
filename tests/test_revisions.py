"""Revisions in the admin: every save keeps one, editors compare and restore; updates and notices."""

import pytest
from django.urls import reverse

from articles import workflow
from articles.models import Article, Notice, Summary
from tests.factories import make_article, make_author, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = make_user("desk", group="Editors")
    client.force_login(user)
    return user


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def save(client, admin_form, article, **changes):
    data = admin_form(client, change_url(article))
    for key, value in changes.items():
        data[key] = [value]
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    return response


def test_every_admin_save_keeps_a_revision_with_who_and_what(client, admin_form, editor):
    article = make_article(status=Article.Status.DRAFT, publish_at=None, headline="Version one")
    save(client, admin_form, article, headline="Version two")
    save(client, admin_form, article, body="<p>New body text</p>")
    revisions = list(article.revisions.order_by("number"))
    assert [r.number for r in revisions] == [1, 2]
    assert revisions[0].created_by == editor
    assert revisions[0].content["headline"] == "Version two"
    assert "Body" in revisions[1].note
    page = client.get(reverse("admin:articles_article_revisions", args=[article.pk])).content.decode()
    assert "Changed: Body" in page and "desk" in page


def test_diff_between_two_revisions_is_readable(client, admin_form, editor):
    article = make_article(status=Article.Status.DRAFT, publish_at=None, body="<p>Old paragraph.</p>")
    save(client, admin_form, article, headline="Before")
    save(client, admin_form, article, headline="After", body="<p>New paragraph.</p>")
    url = reverse("admin:articles_article_revision", args=[article.pk, 2])
    page = client.get(url).content.decode()
    assert "<del>Before</del>" in page and "<ins>After</ins>" in page
    assert "<del>Old paragraph.</del>" in page and "<ins>New paragraph.</ins>" in page
    for against in ("1", "999", "abc", ""):
        assert client.get(url, {"against": against}).status_code == 200
    assert client.get(reverse("admin:articles_article_revision", args=[article.pk, 42])).status_code == 404


def test_editor_restores_an_old_revision_as_a_new_one(client, admin_form, editor):
    article = make_article(status=Article.Status.DRAFT, publish_at=None)
    save(client, admin_form, article, headline="Good headline")
    save(client, admin_form, article, headline="Bad headline")
    response = client.post(reverse("admin:articles_article_restore", args=[article.pk, 1]))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Good headline"
    assert article.revisions.count() == 3
    assert "Restored from revision 1" in article.revisions.first().note
    assert client.put(reverse("admin:articles_article_restore", args=[article.pk, 1])).status_code == 405


def test_writer_cannot_restore_through_the_admin(client, admin_form):
    writer = make_user(group="Writers")
    article = make_article(status=Article.Status.DRAFT, publish_at=None, created_by=writer, headline="One")
    workflow.save_revision(article, by=writer)
    article.headline = "Two"
    article.save()
    workflow.save_revision(article, by=writer)
    client.force_login(writer)
    client.post(reverse("admin:articles_article_restore", args=[article.pk, 1]))
    article.refresh_from_db()
    assert article.headline == "Two"


def test_published_article_asks_update_or_fix(client, admin_form, editor):
    article = make_article(body="<p>Original.</p>")
    data = admin_form(client, change_url(article))
    data["body"] = ["<p>Original, with a typo fixed.</p>"]
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    assert "say whether this is an update or a fix" in response.content.decode()
    article.refresh_from_db()
    assert article.body == "<p>Original.</p>"

    save(client, admin_form, article, body="<p>Original, fixed.</p>", change_kind="fix")
    assert article.content_updated_at is None
    assert "Updated" not in client.get(article.get_absolute_url()).content.decode()

    save(client, admin_form, article, body="<p>New facts emerged.</p>", change_kind="update")
    assert article.content_updated_at is not None
    assert article.revisions.first().is_substantive
    assert "Updated" in client.get(article.get_absolute_url()).content.decode()


def test_writer_edit_withdraws_approval_and_editor_body_change_asks_to_confirm(client, admin_form):
    writer = make_user(group="Writers")
    editor = make_user(group="Editors")
    article = make_article(
        status=Article.Status.DRAFT, publish_at=None, created_by=writer, authors=[make_author(user=writer)]
    )
    summary = Summary.objects.create(article=article, text="The gist.")
    workflow.approve_summary(summary, by=editor, revision=workflow.save_revision(article, by=editor))

    client.force_login(writer)
    save(client, admin_form, article, headline="Writer rewrote the headline")
    summary.refresh_from_db()
    assert not summary.is_approved

    client.force_login(editor)
    save(client, admin_form, article, **{"summary-0-approve": "on"})
    summary.refresh_from_db()
    assert summary.is_approved
    save(client, admin_form, article, body="<p>A substantially different story.</p>")
    summary.refresh_from_db()
    assert summary.is_approved and workflow.summary_is_stale(summary)
    page = client.get(change_url(article)).content.decode()
    assert "Confirm summary still holds" in page
    save(client, admin_form, article, _confirm_summary="1")
    summary.refresh_from_db()
    assert not workflow.summary_is_stale(summary)
    assert "Confirm summary still holds" not in client.get(change_url(article)).content.decode()


def test_corrections_are_shown_to_readers(client, admin_form, editor):
    article = make_article()
    data = admin_form(client, change_url(article))
    data.update(
        {
            "notices-TOTAL_FORMS": ["1"],
            "notices-0-kind": ["correction"],
            "notices-0-text": ["An earlier version misspelled the mayor's name."],
            "notices-0-created_at_0": ["2026-01-01"],
            "notices-0-created_at_1": ["10:00:00"],
            "change_kind": ["fix"],
        }
    )
    assert client.post(change_url(article), data).status_code == 302
    assert Notice.objects.filter(article=article).count() == 1
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Correction" in page and "misspelled the mayor" in page


@pytest.mark.parametrize(
    "status",
    [Article.Status.DRAFT, Article.Status.IN_REVIEW, Article.Status.PUBLISHED, Article.Status.UNPUBLISHED],
)
def test_change_form_renders_for_every_state(client, editor, status):
    article = make_article(status=status)
    assert client.get(change_url(article)).status_code == 200
    assert client.get(reverse("admin:articles_article_revisions", args=[article.pk])).status_code == 200


def test_changelist_filters_and_search_answer(client, editor):
    make_article(headline="Findable headline")
    url = reverse("admin:articles_article_changelist")
    for params in (
        {"state": "scheduled"},
        {"state": "live"},
        {"state": "draft"},
        {"q": "Findable"},
        {"state": "x"},
    ):
        assert client.get(url, params).status_code == 200
    assert "Findable headline" in client.get(url, {"q": "Findable"}).content.decode()


def test_bad_input_gets_a_form_error_not_a_500(client, admin_form, editor):
    other = make_article(slug="taken")
    article = make_article(status=Article.Status.DRAFT, publish_at=None)
    data = admin_form(client, change_url(article))
    data.update(
        {"slug": ["taken"], "headline": [""], "publish_at_0": ["1066-10-14"], "publish_at_1": ["09:00"]}
    )
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Article with this Slug already exists." in page
    assert "This field is required." in page
    assert "between 1990 and five years from now" in page
    assert other.slug == "taken"


def test_changelist_estimates_large_counts_on_postgresql(client, editor, django_assert_max_num_queries):
    from django.db import connection

    from articles.admin.changelist import EstimatedCountPaginator

    make_article(headline="Only one")
    paginator = EstimatedCountPaginator(Article.objects.all(), 50)
    assert paginator.count == 1  # small lists are counted exactly
    if connection.vendor == "postgresql":
        EstimatedCountPaginator.EXACT_BELOW = 0
        try:
            assert EstimatedCountPaginator(Article.objects.all(), 50).count >= 1
        finally:
            EstimatedCountPaginator.EXACT_BELOW = 10_000
