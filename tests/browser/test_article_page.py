"""What a reader does on an article page, in a real Chromium."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import make_article

pytestmark = pytest.mark.django_db(transaction=True)
TOGGLE = "No time to read? Get a summary"


@pytest.fixture
def story(live_server):
    now = timezone.now()
    older = make_article(headline="Older harbour story", publish_at=now - timedelta(hours=3))
    story = make_article(
        headline="Ferry strike ends",
        publish_at=now - timedelta(hours=2),
        summary="Ferries run again from Monday after a deal on pay.",
    )
    newer = make_article(headline="Newer market story", publish_at=now - timedelta(hours=1))
    return {"url": live_server.url + story.get_absolute_url(), "older": older, "newer": newer}


def test_summary_opens_and_closes_by_mouse(page, story):
    page.goto(story["url"])
    text = page.get_by_text("Ferries run again from Monday")
    expect(text).to_be_hidden()
    page.get_by_text(TOGGLE, exact=True).click()
    expect(text).to_be_visible()
    page.get_by_text(TOGGLE, exact=True).click()
    expect(text).to_be_hidden()


def test_summary_opens_and_closes_by_keyboard(page, story):
    page.goto(story["url"])
    text = page.get_by_text("Ferries run again from Monday")
    toggle = page.get_by_text(TOGGLE, exact=True)
    # Tab from the top of the page until the toggle has focus, as a keyboard user would.
    for _ in range(40):
        page.keyboard.press("Tab")
        if toggle.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the summary toggle never received keyboard focus")
    page.keyboard.press("Enter")
    expect(text).to_be_visible()
    page.keyboard.press("Space")
    expect(text).to_be_hidden()


def test_summary_works_without_javascript(no_js_page, story):
    no_js_page.goto(story["url"])
    text = no_js_page.get_by_text("Ferries run again from Monday")
    expect(text).to_be_hidden()
    no_js_page.get_by_text(TOGGLE, exact=True).click()
    expect(text).to_be_visible()


def test_toggle_is_exposed_to_assistive_technology(page, story):
    page.goto(story["url"])
    # A native <summary> is exposed with its text as its accessible name and an expanded state.
    toggle = page.locator("details > summary")
    expect(toggle).to_have_text(TOGGLE)
    expect(page.locator("details")).not_to_have_attribute("open", "")


def test_previous_and_next_lead_to_the_neighbouring_stories(page, story):
    page.goto(story["url"])
    page.get_by_role("link", name="Newer market story").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Newer market story")
    expect(page.get_by_text("Next Article")).to_have_count(0)
    page.get_by_role("link", name="Ferry strike ends").click()
    page.get_by_role("link", name="Older harbour story").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Older harbour story")
    expect(page.get_by_text("Previous Article")).to_have_count(0)


def test_page_has_no_content_security_policy_violations(page, story):
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(story["url"])
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert not [e for e in errors if "Content Security Policy" in e]
