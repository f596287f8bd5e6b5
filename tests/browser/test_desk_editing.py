"""The change form's live parts in Chromium: scheduling asks first (by keyboard too), leaving with
unsaved changes asks first, two tabs autosave without losing anything, a second editor takes over and
the first is told at once, a save during the take-over keeps everything typed; and axe finds nothing
serious on the desk, calendar, forms and lists, at desktop and phone widths."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article
from desk.models import Autosave
from tests.browser.axe import axe_violations
from tests.factories import PASSWORD, make_article, make_author, make_user

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("quiet_at_the_end")]
PHONE = {"width": 390, "height": 844}


@pytest.fixture(autouse=True)
def _quick_heartbeat(settings):
    settings.DESK_AUTOSAVE_SECONDS = 1
    settings.DESK_HEARTBEAT_SECONDS = 1


def open_as(browser, live_server, username, *, viewport=None):
    context = browser.new_context(viewport=viewport) if viewport else browser.new_context()
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Desk", exact=True)).to_be_visible()
    return context, page


def change_url(live_server, article):
    return live_server.url + reverse("admin:articles_article_change", args=[article.pk])


def test_scheduling_says_when_and_asks_first_by_keyboard(browser, live_server):
    make_user("eddie", group="Editors")
    article = make_article(headline="Budget vote", status=Article.Status.IN_REVIEW, publish_at=None)
    context, page = open_as(browser, live_server, "eddie")
    page.goto(change_url(live_server, article))
    when = timezone.localtime() + timedelta(days=2)
    page.locator("#id_publish_at_0").fill(when.strftime("%Y-%m-%d"))
    page.locator("#id_publish_at_1").fill("07:00:00")
    page.locator("#id_publish_at_1").press("Tab")
    # Down among the placement fields, the bar is still at the top of the window.
    assert page.locator(".desk-bar").evaluate("bar => Math.round(bar.getBoundingClientRect().top)") == 0
    assert page.evaluate("window.scrollY") > 500
    label = f"Schedule for {when.day} {when:%b} 07:00"
    publish = page.locator(".desk-bar").get_by_role("button", name=label)
    expect(publish).to_be_visible()
    publish.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Schedule this story?")
    expect(dialog).to_contain_text(
        f"“Budget vote” will go live by itself on {when:%A} {when.day} {when:%b} {when.year} at 07:00"
    )
    page.keyboard.press("Escape")  # changed one's mind: nothing happens
    expect(dialog).to_be_hidden()
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW
    publish.focus()
    page.keyboard.press("Enter")
    expect(dialog.get_by_role("button", name=label)).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".messagelist")).to_contain_text("Scheduled: goes live")
    article.refresh_from_db()
    assert article.is_scheduled and timezone.localtime(article.publish_at).strftime("%H:%M") == "07:00"
    context.close()


def test_leaving_with_unsaved_changes_asks_first(browser, live_server):
    writer = make_user("wendy", group="Writers")
    article = make_article(status=Article.Status.DRAFT, publish_at=None, created_by=writer)
    context, page = open_as(browser, live_server, "wendy")
    page.goto(change_url(live_server, article))
    page.get_by_label("Headline").fill("A headline not saved yet")
    asked = []

    def answer(dialog):
        asked.append(dialog.type)
        dialog.dismiss()  # stay on the page

    page.on("dialog", answer)
    page.get_by_role("link", name="Desk").first.click()
    page.wait_for_timeout(500)
    assert asked == ["beforeunload"]
    expect(page.get_by_label("Headline")).to_have_value("A headline not saved yet")
    page.remove_listener("dialog", answer)
    # Saving is not leaving: no question.
    page.locator(".desk-bar").get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    context.close()


def test_two_tabs_autosave_the_same_story_and_nothing_is_lost(browser, live_server):
    writer = make_user("wendy", group="Writers")
    article = make_article(status=Article.Status.DRAFT, publish_at=None, created_by=writer, headline="Saved")
    context, first = open_as(browser, live_server, "wendy")
    second = context.new_page()
    for page, headline in ((first, "Typed in the first tab"), (second, "Typed in the second tab")):
        page.goto(change_url(live_server, article))
        page.get_by_label("Headline").fill(headline)
    for _tick in range(50):
        rows = set(Autosave.objects.filter(article=article).values_list("fields__headline", flat=True))
        if rows == {"Typed in the first tab", "Typed in the second tab"}:
            break
        first.wait_for_timeout(100)
    assert rows == {"Typed in the first tab", "Typed in the second tab"}
    expect(second.get_by_text("You are editing this story in another tab")).to_be_visible()
    for page in (first, second):
        page.close(run_before_unload=False)
    page = context.new_page()
    page.goto(change_url(live_server, article))
    offers = page.get_by_text(re.compile(r"Restore your unsaved changes from"))
    expect(offers).to_have_count(2)
    page.get_by_role("button", name="Restore", exact=True).first.click()
    expect(page.get_by_label("Headline")).to_have_value(re.compile("Typed in the (first|second) tab"))
    context.close()


def test_a_second_editor_takes_over_and_a_save_during_it_keeps_everything(browser, live_server):
    make_user("anna", group="Editors", first_name="Anna", last_name="Petrova")
    make_user("boris", group="Editors", first_name="Boris", last_name="Orlov")
    article = make_article(status=Article.Status.DRAFT, publish_at=None, headline="Original")
    anna_context, anna = open_as(browser, live_server, "anna")
    anna.goto(change_url(live_server, article))
    anna.get_by_label("Headline").fill("Anna's rewrite")
    anna.wait_for_timeout(1500)  # her heartbeat holds the story
    boris_context, boris = open_as(browser, live_server, "boris")
    boris.goto(live_server.url + reverse("admin:articles_article_changelist"))
    expect(boris.get_by_text("✎ Anna Petrova")).to_be_visible()
    boris.goto(change_url(live_server, article))
    expect(boris.get_by_text("Anna Petrova is editing this story now.")).to_be_visible()
    take_over = boris.get_by_role("button", name="Take over")
    take_over.focus()
    boris.keyboard.press("Enter")
    expect(take_over).to_be_hidden()
    # Anna is told at her next heartbeat; her save is refused and nothing she typed is lost.
    expect(anna.get_by_text(re.compile("Boris Orlov took over this story at"))).to_be_visible()
    anna.locator(".desk-bar").get_by_role("button", name="Save", exact=True).click()
    expect(anna.locator(".errornote, .errorlist")).to_contain_text(["Boris Orlov took over this story"])
    expect(anna.get_by_label("Headline")).to_have_value("Anna's rewrite")
    article.refresh_from_db()
    assert article.headline == "Original"
    anna.get_by_role("button", name="Take it back").click()
    expect(boris.get_by_text(re.compile("Anna Petrova took over this story at"))).to_be_visible()
    anna.locator(".desk-bar").get_by_role("button", name="Save", exact=True).click()
    expect(anna.locator(".messagelist")).to_contain_text("was changed successfully")
    article.refresh_from_db()
    assert article.headline == "Anna's rewrite"
    for context in (anna_context, boris_context):
        context.close()


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_no_serious_accessibility_problems_on_the_desks_pages(browser, live_server, viewport):
    writer = make_user("wendy", group="Writers")
    author = make_author(user=writer)
    make_user("eddie", group="Editors")
    draft = make_article(status=Article.Status.DRAFT, publish_at=None, created_by=writer, authors=[author],
                         summary="Gist.", summary_approved=False)  # fmt: skip
    make_article(headline="Scheduled", publish_at=timezone.now() + timedelta(days=1), authors=[author])
    make_article(status=Article.Status.IN_REVIEW, publish_at=None, authors=[author], summary="Gist.",
                 summary_approved=False)  # fmt: skip
    desk_pages = [reverse("admin:index"), reverse("admin:desk-calendar")]
    pages = {
        # The writer's own view of the forms and list (labels, the editor, the read-only parts) ...
        "wendy": [
            *desk_pages,
            reverse("admin:articles_article_add"),
            reverse("admin:articles_article_change", args=[draft.pk]),
        ],
        # ... and the editor's, with the scheduling form, the notifications and the article list.
        "eddie": [
            *desk_pages,
            reverse("admin:desk-calendar-day", args=[timezone.localdate().isoformat()]),
            reverse("admin:desk-notifications"),
            reverse("admin:articles_article_changelist"),
            reverse("admin:articles_article_change", args=[draft.pk]),
        ],
    }
    for username, paths in pages.items():
        context, page = open_as(browser, live_server, username, viewport=viewport)
        for path in paths if viewport != PHONE else desk_pages:  # the pages read on a phone
            page.goto(live_server.url + path)
            page.locator("#footer").wait_for(state="attached")
            if "/change/" in path or "/add/" in path:
                page.locator(".ProseMirror[contenteditable][aria-label]").wait_for()  # scripts done
            assert axe_violations(page, least_impact="serious") == [], (username, path)
        context.close()


def test_the_calendar_reads_as_one_column_on_a_phone(browser, live_server):
    make_user("eddie", group="Editors")
    context, page = open_as(browser, live_server, "eddie", viewport=PHONE)
    page.goto(live_server.url + reverse("admin:desk-calendar"))
    days = page.locator(".desk-day")
    expect(days).to_have_count(7)
    boxes = [days.nth(n).bounding_box() for n in range(7)]
    assert len({round(box["x"]) for box in boxes}) == 1  # stacked, not squeezed side by side
    assert all(box["width"] > 300 for box in boxes)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()
