"""What a reader does on an article page, in a real Chromium."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.a11y import accessibility_tree
from tests.factories import make_article, make_section, make_tag

pytestmark = pytest.mark.django_db(transaction=True)
TOGGLE = "No time to read? Get a summary"
GIST = "Ferries run again from Monday"
DISCLOSURE = "DisclosureTriangle"  # Chromium's role for <summary>


@pytest.fixture
def story(live_server):
    now = timezone.now()
    older = make_article(headline="Older harbour story", publish_at=now - timedelta(hours=3))
    story = make_article(
        headline="Ferry strike ends",
        publish_at=now - timedelta(hours=2),
        body="<p>" + "The ferry operators and the union agreed on pay after a long night. " * 80 + "</p>",
        summary="Ferries run again from Monday after a deal on pay.",
    )
    newer = make_article(headline="Newer market story", publish_at=now - timedelta(hours=1))
    return {"url": live_server.url + story.get_absolute_url(), "older": older, "newer": newer}


def toggles(page):
    """The two summary toggles: under the headline, and at the end of the story."""
    return page.locator("details.summary-toggle")


def test_the_toggle_is_offered_under_the_headline_and_again_before_previous_next(page, story):
    page.goto(story["url"])
    expect(toggles(page)).to_have_count(2)
    expect(toggles(page).locator("summary")).to_have_text([TOGGLE, TOGGLE])
    first_y, second_y = (box["y"] for box in (t.bounding_box() for t in toggles(page).all()))
    body = page.locator(".article__body").bounding_box()
    adjacent = page.get_by_text("Previous Article").bounding_box()
    assert first_y < body["y"] < body["y"] + body["height"] < second_y < adjacent["y"]


@pytest.mark.parametrize("which", [0, 1])
def test_each_summary_opens_and_closes_by_mouse_on_its_own(page, story, which):
    page.goto(story["url"])
    mine, other = toggles(page).nth(which), toggles(page).nth(1 - which)
    expect(mine.get_by_text(GIST)).to_be_hidden()
    mine.get_by_text(TOGGLE, exact=True).click()
    expect(mine.get_by_text(GIST)).to_be_visible()
    expect(other.get_by_text(GIST)).to_be_hidden()  # independent: opening one leaves the other closed
    other.get_by_text(TOGGLE, exact=True).click()
    expect(mine.get_by_text(GIST)).to_be_visible()  # and opening the other does not close this one
    mine.get_by_text(TOGGLE, exact=True).click()
    expect(mine.get_by_text(GIST)).to_be_hidden()
    expect(other.get_by_text(GIST)).to_be_visible()


def test_both_summaries_open_and_close_by_keyboard(page, story):
    page.goto(story["url"])
    for toggle in toggles(page).all():
        control = toggle.locator("summary")
        # Tab on from where focus is, as a keyboard user would, until this toggle has focus.
        for _ in range(60):
            page.keyboard.press("Tab")
            if control.evaluate("el => el === document.activeElement"):
                break
        else:
            pytest.fail("a summary toggle never received keyboard focus")
        page.keyboard.press("Enter")
        expect(toggle.get_by_text(GIST)).to_be_visible()
        page.keyboard.press("Space")
        expect(toggle.get_by_text(GIST)).to_be_hidden()
        page.keyboard.press("Enter")  # left open, to be sure the next one opens by itself
        expect(toggle.get_by_text(GIST)).to_be_visible()
    expect(toggles(page).nth(1)).to_have_attribute("open", "")


def test_both_summaries_work_without_javascript(no_js_page, story):
    no_js_page.goto(story["url"])
    for toggle in toggles(no_js_page).all():
        expect(toggle.get_by_text(GIST)).to_be_hidden()
        toggle.get_by_text(TOGGLE, exact=True).click()
        expect(toggle.get_by_text(GIST)).to_be_visible()
        toggle.get_by_text(TOGGLE, exact=True).click()
        expect(toggle.get_by_text(GIST)).to_be_hidden()


def test_toggles_are_exposed_to_assistive_technology(page, story):
    page.goto(story["url"])

    # A native <summary> is a disclosure control named by its text, with its expanded state.
    def expanded():
        tree = accessibility_tree(page)
        return [states.get("expanded") for role, name, states in tree if (role, name) == (DISCLOSURE, TOGGLE)]

    assert expanded() == [False, False]
    toggles(page).nth(1).locator("summary").click()
    assert expanded() == [False, True]


def test_no_toggle_anywhere_without_an_approved_summary(page, live_server):
    article = make_article(summary="Not checked yet.", summary_approved=False)
    page.goto(live_server.url + article.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(article.headline)
    expect(page.get_by_text(TOGGLE)).to_have_count(0)
    expect(page.get_by_text("Not checked yet.")).to_have_count(0)


def test_previous_and_next_lead_to_the_neighbouring_stories(page, story):
    page.goto(story["url"])
    page.get_by_role("link", name="Newer market story").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Newer market story")
    expect(page.get_by_text("Next Article")).to_have_count(0)
    page.get_by_role("link", name="Ferry strike ends").click()
    page.get_by_role("link", name="Older harbour story").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Older harbour story")
    expect(page.get_by_text("Previous Article")).to_have_count(0)


def test_more_on_this_leads_to_a_story_on_the_same_subject(page, live_server):
    now = timezone.now()
    ferries, city = make_tag(name="Ferries"), make_section(name="City")
    related = make_article(headline="Ferry fares to rise", tags=[ferries], publish_at=now - timedelta(days=3))
    make_article(headline="Unrelated older story", publish_at=now - timedelta(days=2))
    story = make_article(
        headline="Ferry strike ends", tags=[ferries], section=city, publish_at=now - timedelta(days=1)
    )
    page.goto(live_server.url + story.get_absolute_url())
    more = page.get_by_role("region", name="More on this")
    expect(more.get_by_role("link")).to_have_text(["Ferry fares to rise"])
    more.get_by_role("link", name="Ferry fares to rise").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(related.headline)


def test_page_has_no_content_security_policy_violations(page, story):
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(story["url"])
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert not [e for e in errors if "Content Security Policy" in e]
