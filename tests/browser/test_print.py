"""A printed story: headline, byline, dates, the summary open and the address; no navigation."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import make_article, make_tag

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_print_shows_the_story_and_its_summary_but_no_navigation(browser, live_server, scheme):
    now = timezone.now()
    tag = make_tag(name="Ferries")
    make_article(headline="Older ferry story", tags=[tag], publish_at=now - timedelta(days=2))
    story = make_article(
        headline="Ferry strike ends",
        standfirst="Talks ran through the night.",
        body="<p>The operators and the union agreed on pay.</p>",
        summary="Ferries run again from Monday.",
        tags=[tag],
        publish_at=now - timedelta(days=1),
    )
    make_article(headline="Newer market story", tags=[tag], publish_at=now - timedelta(hours=1))
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(live_server.url + story.get_absolute_url())
        page.emulate_media(media="print")

        for shown in ("Ferry strike ends", "Talks ran through the night.", "The operators and the union"):
            expect(page.get_by_text(shown)).to_be_visible()
        expect(page.locator(".byline")).to_be_visible()
        expect(page.locator(".article__header time")).to_be_visible()
        # The summary prints open (the reader never opened it), once.
        summaries = page.get_by_text("Ferries run again from Monday.")
        expect(summaries.first).to_be_visible()
        expect(summaries.nth(1)).to_be_hidden()
        expect(page.get_by_text(live_server.url + story.get_absolute_url(), exact=True)).to_be_visible()
        for hidden in ("Skip to content", "Previous Article", "Next Article", "More on this", "Search"):
            expect(page.get_by_text(hidden, exact=True)).to_be_hidden()
        expect(page.locator(".site-header")).to_be_hidden()
        expect(page.locator(".site-footer")).to_be_hidden()
        assert page.evaluate("getComputedStyle(document.body).color") == "rgb(0, 0, 0)"  # black on paper

        page.emulate_media(media="screen")
        expect(summaries.first).to_be_hidden()  # on screen the summary waits for the reader again
        expect(page.get_by_text(live_server.url + story.get_absolute_url(), exact=True)).to_be_hidden()
    finally:
        context.close()
