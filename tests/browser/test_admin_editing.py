"""Editing in the real admin, with the real rich-text editor."""

import pytest
from playwright.sync_api import expect

from articles import workflow
from articles.models import Summary
from tests.factories import PASSWORD, make_article, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_saving_an_unchanged_published_article_asks_nothing_and_keeps_approval(page, live_server):
    editor = make_user("eddie", group="Editors")
    article = make_article(
        body='<p>First paragraph with a <a href="https://example.org/x">link</a>.</p>\n'
        "<h2>Sub</h2>\n<p>More “quoted” text.</p>"
    )
    summary = Summary.objects.create(article=article, text="The gist.")
    workflow.approve_summary(summary, by=editor, revision=workflow.save_revision(article, by=editor))
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill("eddie")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    expect(page.locator(".errornote")).to_have_count(0)
    summary.refresh_from_db()
    assert summary.is_approved
    article.refresh_from_db()
    assert article.content_updated_at is None
