"""The newsroom's whole day through the desk, in a real Chromium against the live server.

A writer drafts a story (autosaved, the tab crashes, the text comes back), submits it; the editor is
told in the admin and by email, returns it with a note; the writer sees the note on the desk, fixes
the story and resubmits; the editor approves the summary and schedules it from the calendar; when
its time comes it goes live by itself, the writer is told in the admin and by email, and a reader
finds it. Mail goes through a real SMTP server on loopback.

The live server runs in this process, so time-machine moves its clock: the story is scheduled for
tomorrow morning and the clock is then moved past that time (a separate server's clock could not be
moved; tests/e2e/test_desk_stack.py schedules a few seconds ahead on the production stack instead).
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article, Author, Summary
from desk.models import Autosave
from notifications.models import Notification
from tests.browser.axe import axe_violations
from tests.factories import PASSWORD, make_article, make_section, make_user

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("quiet_at_the_end")]


@pytest.fixture(autouse=True)
def _quick_heartbeat(settings):
    settings.DESK_AUTOSAVE_SECONDS = 1
    settings.DESK_HEARTBEAT_SECONDS = 1


def log_in(browser, live_server, username, problems):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.on(
        "console",
        lambda m: problems.append(f"{m.text} {m.location.get('url')}") if m.type == "error" else None,
    )
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Desk", exact=True)).to_be_visible()
    return context, page


def no_serious_axe_violations(page):
    assert axe_violations(page, least_impact="serious") == []


def wait_until(page, condition, seconds=10):
    for _tick in range(seconds * 10):
        if condition():
            return
        page.wait_for_timeout(100)
    raise AssertionError("condition not met")


def autosaved_body(user):
    row = Autosave.objects.filter(user=user).order_by("-saved_at").first()
    return row.fields.get("body", "") if row else ""


def desk_section(page, heading):
    return page.locator("section.desk-section", has=page.get_by_role("heading", name=heading, exact=True))


def test_a_writers_and_an_editors_day_through_the_desk(browser, live_server, smtp_server, time_machine):
    time_machine.move_to(timezone.now())
    writer = make_user(
        "wendy", group="Writers", email="wendy@example.org", first_name="Wendy", last_name="Ward"
    )
    make_user("eddie", group="Editors", email="eddie@example.org", first_name="Eddie", last_name="Eld")
    make_section(name="City")
    earlier = make_article(
        headline="Yesterday's council story", publish_at=timezone.now() - timedelta(days=1)
    )
    problems = []

    # The writer starts a story from the desk; it is autosaved as she types.
    writer_context, page = log_in(browser, live_server, "wendy", problems)
    for heading in ("My drafts", "Returned to me", "Waiting for review"):
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    no_serious_axe_violations(page)
    page.get_by_role("link", name="New story").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("textbox", name="Body")).to_be_visible()  # the editor is ready
    no_serious_axe_violations(page)
    page.get_by_label("Headline").fill("Tram line opens to the harbour")
    page.get_by_label("Standfirst").fill("The first trams carried 4,000 passengers on opening day.")
    expect(page.get_by_role("textbox", name="Body")).to_have_attribute("spellcheck", "true")
    page.get_by_role("textbox", name="Body").click()
    page.keyboard.type("The new line links the station with the ferry terminal in twelve minutes.")
    expect(page.locator("[data-word-count]")).to_have_text("13")
    expect(page.locator("[data-preview-title]")).to_have_text("Tram line opens to the harbour · Newsroom")
    expect(page.locator("[data-desk-status]")).to_contain_text("Autosaved at")
    wait_until(page, lambda: "twelve minutes" in autosaved_body(writer))

    # The tab crashes; reopening the form offers the text back.
    page.close(run_before_unload=False)
    page = writer_context.new_page()
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    offer = page.get_by_text(re.compile(r"Restore your unsaved changes from \d\d:\d\d\?"))
    expect(offer).to_be_visible()
    page.get_by_role("button", name="Restore", exact=True).click()
    expect(page.get_by_label("Headline")).to_have_value("Tram line opens to the harbour")
    expect(page.get_by_role("textbox", name="Body")).to_contain_text("ferry terminal in twelve minutes")
    # A new story starts with its writer in the byline (her author profile, made for her).
    expect(page.locator(".field-authors")).to_contain_text("Wendy Ward")
    page.get_by_label("Section").select_option(label="City")
    page.locator("textarea[name='summary-0-text']").fill("Trams now run from the station to the harbour.")
    page.locator(".desk-bar").get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    page.locator(".desk-bar").get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("In review")
    article = Article.objects.get(slug="tram-line-opens-to-the-harbour")
    assert article.status == Article.Status.IN_REVIEW
    assert list(article.authors.all()) == [Author.objects.get(user=writer)]
    assert not Autosave.objects.filter(user=writer).exists()  # saved, so nothing left to restore

    # The editor is told, in the admin and by email.
    mail = smtp_server.wait_for("eddie@example.org")[0]
    assert "Wendy Ward submitted “Tram line opens to the harbour” for review." in mail.get_content()
    editor_context, desk = log_in(browser, live_server, "eddie", problems)
    expect(desk.get_by_role("link", name="Notifications: 1 unread")).to_be_visible()
    waiting = desk_section(desk, "Waiting for review")
    expect(waiting).to_contain_text("waiting")
    no_serious_axe_violations(desk)
    waiting.get_by_role("link", name="Tram line opens to the harbour", exact=True).click()
    expect(desk.get_by_role("textbox", name="Body")).to_be_visible()
    no_serious_axe_violations(desk)
    bar = desk.locator(".desk-bar")
    expect(bar.get_by_role("button", name="Publish now")).to_be_visible()
    bar.get_by_role("button", name="Return to writer").click()  # asks for a note first
    desk.get_by_label(re.compile("^Note")).fill("Add the fare, and a quote from a passenger.")
    bar.get_by_role("button", name="Return to writer").click()
    expect(desk.locator(".messagelist")).to_contain_text("Draft")

    # The writer finds it returned, with the note in full, on her desk and in her mail.
    assert (
        "Add the fare, and a quote from a passenger."
        in smtp_server.wait_for("wendy@example.org")[0].get_content()
    )
    page.goto(live_server.url + "/admin/")
    returned = desk_section(page, "Returned to me")
    expect(returned).to_contain_text("Add the fare, and a quote from a passenger.")
    returned.get_by_role("link", name="Tram line opens to the harbour", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/articles/article/\d+/change/"))  # the change form has loaded
    expect(page.locator(".desk-returned")).to_contain_text("Add the fare, and a quote from a passenger.")
    expect(page.get_by_role("textbox", name="Body")).to_be_visible()  # the editor is ready
    page.get_by_role("textbox", name="Body").click()
    page.keyboard.press("End")
    page.keyboard.type(" A single fare is 60 kopecks. “It is quicker than the bus,” said a passenger.")
    page.locator(".desk-bar").get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("In review")

    # The editor approves the summary, then schedules the story from the calendar.
    desk.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    desk.locator("#id_summary-0-approve").check()
    desk.locator(".desk-bar").get_by_role("button", name="Save", exact=True).click()
    expect(desk.locator(".messagelist")).to_contain_text("was changed successfully")
    assert Summary.objects.get(article=article).is_approved
    desk.goto(live_server.url + "/admin/")
    desk.get_by_role("link", name="Calendar", exact=True).first.click()
    expect(desk.get_by_role("heading", name=re.compile("^Calendar: week of"))).to_be_visible()
    no_serious_axe_violations(desk)
    tomorrow = timezone.localdate() + timedelta(days=1)
    if tomorrow.weekday() == 0:
        desk.get_by_role("link", name=re.compile("Next week")).click()
    desk.get_by_role("link", name=re.compile(f"Schedule a story {tomorrow:%A} {tomorrow.day} ")).click()
    no_serious_axe_violations(desk)
    desk.get_by_label("Story:").select_option(label="Tram line opens to the harbour (In review)")
    desk.get_by_label("Time:").fill("07:00")
    desk.get_by_role("button", name="Schedule…").click()
    expect(desk.get_by_text("will go live by itself on")).to_be_visible()
    desk.get_by_role("button", name=f"Schedule for {tomorrow.day} {tomorrow:%b} 07:00").click()
    expect(desk.locator(".messagelist")).to_contain_text("is scheduled: it goes live by itself")
    expect(desk.locator(".desk-entry--scheduled")).to_contain_text("Tram line opens to the harbour")
    article.refresh_from_db()
    assert article.is_scheduled and timezone.localtime(article.publish_at).strftime("%H:%M") == "07:00"

    # Its time comes: it goes live by itself, and the writer is told on her desk and by email.
    time_machine.move_to(article.publish_at + timedelta(seconds=30))
    page.goto(live_server.url + "/admin/")
    expect(page.get_by_role("link", name=re.compile("Notifications: 3 unread"))).to_be_visible()
    page.get_by_role("link", name=re.compile("Notifications: 3 unread")).click()
    expect(
        page.get_by_role("link", name=re.compile("“Tram line opens to the harbour” went live"))
    ).to_be_visible()
    no_serious_axe_violations(page)
    mails = smtp_server.wait_for("wendy@example.org", count=3)
    assert any("went live" in m.get_content() for m in mails)
    assert Notification.objects.filter(recipient=writer, kind="live").count() == 1
    page.get_by_role("button", name="Mark all as read").click()
    expect(page.get_by_text("0 unread.")).to_be_visible()

    # A reader finds it on top, with its summary and the story before it.
    reader = browser.new_context()
    front = reader.new_page()
    front.goto(live_server.url + "/")
    front.locator(".lead-story").get_by_role(
        "link", name="Tram line opens to the harbour", exact=True
    ).click()
    # The first of the two toggles (under the headline; the other closes the story).
    summary = front.get_by_text("Trams now run from the station to the harbour.").first
    expect(summary).to_be_hidden()
    front.get_by_text("No time to read? Get a summary", exact=True).first.click()
    expect(summary).to_be_visible()
    expect(front.get_by_role("link", name=earlier.headline)).to_be_visible()
    for context in (reader, editor_context, writer_context):
        context.close()
    assert [p for p in problems if "Content Security Policy" in p or "Refused to" in p] == []
    assert [p for p in problems if "favicon.ico" not in p] == []
