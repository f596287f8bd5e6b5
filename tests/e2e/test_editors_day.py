"""An editor's whole day on the production stack, in Chromium: nothing a newsroom does is a 500.

A writer drafts and submits; an editor publishes; the desk unpublishes and republishes a
correspondent's stories in bulk with the author filter on; a published story gets an update;
the editor restores an earlier revision, answering "update or fix?". Readers check the site
over HTTP between the steps, and the stack's log must hold no error at the end.
"""

import json

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.factories import PASSWORD, make_article, make_author, make_section, make_user


def log_in(browser, stack, username):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{stack.url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    # The desk is the admin home for writers and editors.
    expect(page.get_by_role("heading", name="Waiting for review", exact=True)).to_be_visible()
    return context, page


def run_bulk_action(page, stack, query, headlines, action):
    page.goto(f"{stack.url}/admin/articles/article/{query}")
    for headline in headlines:
        page.get_by_role("row").filter(has_text=headline).get_by_role("checkbox").check()
    page.locator("select[name='action']").first.select_option(label=action)
    page.get_by_role("button", name="Run").first.click()


@pytest.fixture
def newsroom():
    writer = make_user("wendy", group="Writers")
    make_user("eddie", group="Editors")
    make_author(name="Wendy Writer", user=writer)
    correspondent = make_author(name="Kim Correspondent")
    make_section(name="City")
    stories = [
        make_article(headline=f"Dispatch {n} from the coast", authors=[correspondent], section=make_section())
        for n in (1, 2)
    ]
    return correspondent, stories


def test_an_editors_day(browser, stack, newsroom):
    correspondent, stories = newsroom
    mark = stack.log_mark()

    # Morning: the writer drafts a story and submits it.
    context, page = log_in(browser, stack, "wendy")
    page.goto(f"{stack.url}/admin/articles/article/add/")
    page.get_by_label("Headline").fill("Tram line opens to the harbour")
    page.get_by_label("Headline").press("Tab")
    page.get_by_label("Standfirst").fill("The first trams carried 4,000 passengers.")
    page.get_by_role("textbox", name="Body").click()
    page.keyboard.type("The new line links the station with the ferry terminal in twelve minutes.")
    page.get_by_label("Section").select_option(label="City")
    expect(page.locator(".field-authors")).to_contain_text("Wendy Writer")  # her byline, already there
    bar = page.locator(".desk-bar")  # the action bar at the top of the form
    bar.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    bar.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("In review")
    context.close()
    article = Article.objects.get(slug="tram-line-opens-to-the-harbour")
    assert stack.get(article.get_absolute_url()).status == 404

    # The editor publishes it.
    context, page = log_in(browser, stack, "eddie")
    change_url = f"{stack.url}/admin/articles/article/{article.pk}/change/"
    page.goto(change_url)
    page.locator(".desk-bar").get_by_role("button", name="Publish now").click()
    expect(page.locator(".messagelist")).to_contain_text("Published")
    assert "Tram line opens to the harbour" in stack.get("/").text

    # The desk takes a correspondent's stories down and puts them back, with the author filter on.
    query = f"?authors__id__exact={correspondent.pk}"
    headlines = [story.headline for story in stories]
    run_bulk_action(page, stack, query, headlines, "Unpublish selected")
    expect(page.locator(".messagelist")).to_contain_text("2 unpublished.")
    assert all(stack.get(s.get_absolute_url()).status == 404 for s in stories)
    run_bulk_action(page, stack, query, headlines, "Publish selected")
    expect(page.locator(".messagelist")).to_contain_text("2 published.")
    assert all(stack.get(s.get_absolute_url()).status == 200 for s in stories)

    # Afternoon: new facts; the editor updates the published story.
    page.goto(change_url)
    page.get_by_label("Headline").fill("Tram line opens to the harbour and the beach")
    page.locator(".desk-bar").get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".errornote")).to_be_visible()  # update or fix?
    page.get_by_label("A substantive update: readers see an Updated time").check()
    page.locator(".desk-bar").get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    reader_page = stack.get(article.get_absolute_url()).text
    assert "and the beach" in reader_page and "Updated" in reader_page

    # Evening: the new headline was wrong; the editor restores the morning's revision as a fix.
    page.get_by_role("link", name="Revisions").click()
    page.get_by_role("row").filter(has_text="Created").get_by_role("link", name="Restore").click()
    expect(page.get_by_role("heading", name="What comes back")).to_be_visible()
    expect(page.locator(".restore-changes")).to_contain_text("Headline")
    page.get_by_label("A silent fix, such as a typo").check()
    page.get_by_role("button", name="Yes, restore revision 1").click()
    expect(page.locator(".messagelist")).to_contain_text("Revision 1 restored")
    context.close()
    article.refresh_from_db()
    assert article.headline == "Tram line opens to the harbour"
    assert "Tram line opens to the harbour" in stack.get(article.get_absolute_url()).text

    problems = [
        line
        for line in stack.log_lines(since=mark)
        if line.get("level") in ("ERROR", "CRITICAL") or line.get("status", 0) >= 500
    ]
    assert not problems, json.dumps(problems[:5], indent=2)
