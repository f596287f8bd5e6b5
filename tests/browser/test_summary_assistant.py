"""An editor gets a suggested summary in the admin, uses and approves it, and a reader sees it."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Summary
from tests.factories import PASSWORD, make_article, make_user

pytestmark = pytest.mark.django_db(transaction=True)

BODY = (
    "<p>Marrowgate closed the Old Mill Bridge on Monday after inspectors found deep cracks in two of "
    "its piers.</p><p>About 28,000 vehicles cross the bridge on a weekday, most of them commuters.</p>"
    "<p>The council said repairs to the piers could take three months.</p><p>Buses will be diverted "
    "over the Weir Street bridge.</p><p>Shops near the bridge fear losing trade.</p>"
)


def test_editor_suggests_uses_and_approves_a_summary_that_readers_then_see(page, live_server, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.SUMMARIZER = {"BACKEND": "extractive"}
    make_user("editor", group="Editors")
    article = make_article(headline="Old Mill Bridge closes", body=BODY, summary="The editor's first words.")
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(live_server.url + reverse("admin:articles_article_change", args=[article.pk]))

    def say_it_is_a_fix():
        fix = page.locator("input[name=change_kind][value=fix]")
        if fix.count():
            fix.check()

    say_it_is_a_fix()
    page.get_by_role("button", name="Suggest summary").click()
    expect(page.locator("ul.messagelist")).to_contain_text("Suggested summary ready")
    panel = page.locator(".summary-assistant")
    expect(panel).to_contain_text("The editor's first words.")
    expect(panel).to_contain_text("Marrowgate closed the Old Mill Bridge")
    assert Summary.objects.get(article=article).text == "The editor's first words."

    say_it_is_a_fix()
    page.get_by_role("button", name="Use suggestion").click()
    expect(page.locator("ul.messagelist")).to_contain_text("It needs an editor's approval")
    summary = Summary.objects.get(article=article)
    assert summary.origin == Summary.Origin.ASSISTANT and summary.approved_at is None

    say_it_is_a_fix()
    page.locator("input[name=summary-0-approve]").check()
    page.locator("input[name=_continue]").click()
    expect(page.locator("ul.messagelist")).to_contain_text("was changed successfully")
    assert Summary.objects.get(article=article).is_approved

    page.goto(live_server.url + article.get_absolute_url())
    page.get_by_text("No time to read? Get a summary", exact=True).first.click()
    expect(page.locator(".summary-toggle__provenance").first).to_have_text(
        "Prepared with automated help and checked by an editor."
    )
    expect(page.locator(".summary-toggle__text").first).to_contain_text(
        "Marrowgate closed the Old Mill Bridge"
    )
