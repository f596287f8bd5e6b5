"""The newsroom's day in a real browser: a writer drafts and submits, an editor approves the summary
and publishes, and a reader finds the story on top with its summary and navigation."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article, Summary
from tests.factories import PASSWORD, make_article, make_author, make_section, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(browser, live_server, username):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()
    return context, page


def test_writer_drafts_editor_publishes_reader_reads(browser, live_server):
    writer = make_user("wendy", group="Writers")
    make_user("eddie", group="Editors")
    make_author(name="Wendy Writer", user=writer)
    make_section(name="City")
    earlier = make_article(
        headline="Yesterday's council story", publish_at=timezone.now() - timedelta(days=1)
    )

    context, page = log_in(browser, live_server, "wendy")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.get_by_label("Headline").fill("Tram line opens to the harbour")
    page.get_by_label("Headline").press("Tab")
    expect(page.get_by_label("Slug")).to_have_value("tram-line-opens-to-the-harbour")
    page.get_by_label("Standfirst").fill("The first trams carried 4,000 passengers on opening day.")
    page.locator(".field-body .ProseMirror:visible").click()
    page.keyboard.type("The new line links the station with the ferry terminal in twelve minutes.")
    page.get_by_label("Section").select_option(label="City")
    page.locator(".field-authors .select2-selection").click()
    page.keyboard.type("Wendy")
    page.locator(".select2-results__option", has_text="Wendy Writer").click()
    page.locator("textarea[name='summary-0-text']").fill("Trams now run from the station to the harbour.")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("In review")
    context.close()

    article = Article.objects.get(slug="tram-line-opens-to-the-harbour")
    assert article.status == Article.Status.IN_REVIEW
    assert not Summary.objects.get(article=article).is_approved

    context, page = log_in(browser, live_server, "eddie")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    page.locator("#id_summary-0-approve").check()
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messagelist")).to_contain_text("Published")
    context.close()

    article.refresh_from_db()
    assert article.is_public
    assert Summary.objects.get(article=article).is_approved

    reader = browser.new_context()
    page = reader.new_page()
    page.goto(live_server.url + "/")
    page.locator(".lead-story").get_by_role("link", name="Tram line opens to the harbour").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tram line opens to the harbour")
    # The first of the two toggles (under the headline; the other closes the story).
    summary = page.get_by_text("Trams now run from the station to the harbour.").first
    expect(summary).to_be_hidden()
    page.get_by_text("No time to read? Get a summary", exact=True).first.click()
    expect(summary).to_be_visible()
    expect(page.get_by_text("Next Article")).to_have_count(0)
    expect(page.get_by_role("link", name=earlier.headline)).to_be_visible()
    reader.close()
