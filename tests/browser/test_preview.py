"""An editor previews a draft from the admin, in a real Chromium."""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.factories import PASSWORD, make_article, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, live_server, user):
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("Site administration")).to_be_visible()


def test_editor_clicks_preview_and_sees_the_banner(page, live_server):
    editor = make_user(group="Editors")
    draft = make_article(
        headline="Draft about the harbour tunnel",
        status=Article.Status.DRAFT,
        publish_at=None,
        summary="Tunnel opens in spring.",
        summary_approved=False,
    )
    log_in(page, live_server, editor)
    page.goto(f"{live_server.url}/admin/articles/article/{draft.pk}/change/", wait_until="networkidle")
    # Only the preview page's own console matters here; the admin is Django's and the editor's.
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.get_by_role("link", name="Preview", exact=True).click()

    expect(page.get_by_role("status")).to_contain_text("Preview")
    expect(page.get_by_role("status")).to_contain_text("State: Draft")
    expect(page.get_by_role("heading", level=1)).to_have_text("Draft about the harbour tunnel")
    page.get_by_text("No time to read? Get a summary", exact=True).first.click()
    expect(page.get_by_text("Not yet approved").first).to_be_visible()
    expect(page.get_by_text("Tunnel opens in spring.").first).to_be_visible()
    assert not [e for e in errors if "Content Security Policy" in e]


def test_editor_creates_a_share_link_that_opens_without_an_account(page, browser, live_server):
    editor = make_user(group="Editors")
    draft = make_article(headline="Quote check for the mayor", status=Article.Status.DRAFT, publish_at=None)
    log_in(page, live_server, editor)
    page.goto(f"{live_server.url}/admin/articles/article/{draft.pk}/change/")
    page.get_by_role("link", name="Share links").click()
    page.get_by_role("button", name="Create share link").click()
    expect(page.get_by_text("Share link created")).to_be_visible()
    url = page.get_by_label("Share link 1").input_value()

    stranger = browser.new_context()
    try:
        other = stranger.new_page()
        other.goto(url)
        expect(other.get_by_role("heading", level=1)).to_have_text("Quote check for the mayor")
        expect(other.get_by_role("status")).to_contain_text("Preview")
    finally:
        stranger.close()
