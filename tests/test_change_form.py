"""The change form built for writing: the next step named as it will happen, the returned note on top,
counts and previews, the rendered story for those who cannot edit, and a writer's own byline."""

from datetime import UTC, datetime, timedelta

import lxml.html
import pytest
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article, Author
from tests.factories import make_article, make_author, make_user

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def bar(client, url):
    page = lxml.html.fromstring(client.get(url).content.decode())
    found = page.find_class("desk-bar")[0]
    return {
        "buttons": [" ".join(b.text_content().split()) for b in found.xpath(".//button[@type='submit']")],
        "names": [b.get("name") for b in found.xpath(".//button[@type='submit']")],
        "text": " ".join(found.text_content().split()),
        "page": page,
    }


@pytest.fixture
def writer():
    user = make_user("wendy", group="Writers", first_name="Wendy", last_name="Ward")
    make_author(name="Wendy Ward", user=user)
    return user


def draft(writer, **fields):
    fields.setdefault("status", Article.Status.DRAFT)
    fields.setdefault("publish_at", None)
    return make_article(created_by=writer, authors=[writer.author], **fields)


def test_the_bar_names_the_next_step_for_a_writer(client, writer):
    article = draft(writer, body="<p>" + "word " * 450 + "</p>")
    client.force_login(writer)
    found = bar(client, change_url(article))
    assert found["buttons"] == ["Save", "Submit for review"]
    assert "450 words · 3 min read" in found["text"]
    workflow.submit_for_review(article, by=writer)
    found = bar(client, change_url(article))
    assert found["buttons"] == []  # nothing to press while it waits
    assert "Waiting for review: an editor will publish it or return it to you" in found["text"]


def test_the_bar_says_publish_now_or_schedule_with_the_time_for_an_editor(client, writer, time_machine):
    time_machine.move_to(datetime(2026, 12, 1, 20, 0, tzinfo=UTC))
    editor = make_user(group="Editors")
    client.force_login(editor)
    now_story = draft(writer, status=Article.Status.IN_REVIEW)
    assert bar(client, change_url(now_story))["buttons"] == ["Save", "Publish now", "Return to writer"]
    later = draft(writer, status=Article.Status.IN_REVIEW, publish_at=datetime(2026, 12, 2, 4, 0, tzinfo=UTC))
    found = bar(client, change_url(later))
    assert found["buttons"][1] == "Schedule for 2 Dec 07:00"
    assert 'value="at:2026-12-02T07:00"' in lxml.html.tostring(found["page"], encoding="unicode")
    workflow.publish(later, by=editor, at=later.publish_at)
    found = bar(client, change_url(later))
    assert found["buttons"] == ["Save", "Publish now", "Cancel the schedule"]
    assert "Scheduled: goes live by itself 2 Dec 2026, 07:00 MSK." in found["text"]


def test_the_products_button_labels_stay_at_the_bottom(client, writer):
    client.force_login(make_user(group="Editors"))
    page = client.get(change_url(draft(writer))).content.decode()
    bottom = lxml.html.fromstring(page).find_class("workflow-actions")[0]
    assert [b.text_content().strip() for b in bottom.xpath(".//button")] == ["Submit for review", "Publish"]


def test_the_returned_note_is_at_the_top_in_full(client, writer):
    editor = make_user(group="Editors", first_name="Eddie", last_name="Eld")
    article = draft(writer, status=Article.Status.IN_REVIEW)
    workflow.return_to_writer(article, by=editor, note="Check the date of the vote.\nIt was Tuesday.")
    client.force_login(writer)
    page = lxml.html.fromstring(client.get(change_url(article)).content.decode())
    returned = page.find_class("desk-returned")[0]
    assert "Returned to you by Eddie Eld" in returned.text_content()
    assert (
        "Check the date of the vote." in returned.text_content()
        and "It was Tuesday." in returned.text_content()
    )
    client.force_login(editor)
    page = lxml.html.fromstring(client.get(change_url(article)).content.decode())
    assert "Returned to its writer by Eddie Eld" in page.find_class("desk-returned")[0].text_content()
    workflow.submit_for_review(article, by=writer)
    page = lxml.html.fromstring(client.get(change_url(article)).content.decode())
    assert page.find_class("desk-returned") == []


def test_a_scheduled_story_is_edited_like_a_draft_until_it_goes_live(client, admin_form, writer):
    editor = make_user(group="Editors")
    article = draft(writer, status=Article.Status.IN_REVIEW, headline="Before")
    workflow.publish(article, by=editor, at=timezone.now() + timedelta(hours=5))
    client.force_login(editor)
    data = admin_form(client, change_url(article))
    assert "change_kind" not in data
    response = client.post(change_url(article), data | {"headline": ["After"]})
    assert response.status_code == 302  # no "update or fix?" before anyone has read it
    article.refresh_from_db()
    assert article.headline == "After" and article.content_updated_at is None
    live = make_article(headline="Live")
    response = client.post(
        change_url(live), admin_form(client, change_url(live)) | {"headline": ["Live, edited"]}
    )
    assert "say whether this is an update or a fix" in response.content.decode()


def test_a_writer_sees_the_story_rendered_where_they_cannot_edit(client, writer):
    article = draft(
        writer, status=Article.Status.IN_REVIEW, body="<h2>Subhead</h2><p>Some <strong>bold</strong></p>"
    )
    client.force_login(writer)
    page = client.get(change_url(article)).content.decode()
    assert '<div class="rendered-body"><h2>Subhead</h2><p>Some <strong>bold</strong></p></div>' in page
    assert "&lt;h2&gt;" not in page


def test_a_new_story_starts_with_its_writer_as_author(client):
    writer = make_user("nina", group="Writers", first_name="Nina", last_name="Kask")
    client.force_login(writer)
    page = lxml.html.fromstring(client.get(reverse("admin:articles_article_add")).content.decode())
    author = Author.objects.get(user=writer)
    assert author.name == "Nina Kask" and author.slug == "nina-kask"
    selected = page.xpath("//select[@name='authors']/option[@selected]/@value")
    assert selected == [str(author.pk)]
    client.get(reverse("admin:articles_article_add"))
    assert Author.objects.filter(user=writer).count() == 1  # made once
    make_author(name="Ivan", slug="ivan")
    ivan = make_user("ivan", group="Writers", first_name="Ivan")
    client.force_login(ivan)
    client.get(reverse("admin:articles_article_add"))
    assert Author.objects.get(user=ivan).slug == "ivan-2"


def test_the_add_form_labels_every_input(client, writer):
    client.force_login(writer)
    page = lxml.html.fromstring(client.get(reverse("admin:articles_article_add")).content.decode())
    form = page.get_element_by_id("article_form")
    labelled = set(form.xpath(".//label/@for"))
    unlabelled = [
        field.get("name")
        for field in form.xpath(".//input[not(@type='hidden' or @type='submit')] | .//select | .//textarea")
        if field.get("id") not in labelled and not field.get("aria-label")
    ]
    assert unlabelled == []


def test_previews_show_how_the_story_will_look(client, writer):
    article = draft(writer, headline="Tram line opens", standfirst="Four thousand rode on the first day.")
    client.force_login(writer)
    page = lxml.html.fromstring(client.get(change_url(article)).content.decode())
    search = " ".join(page.find_class("search-preview")[0].text_content().split())
    assert "Tram line opens · Newsroom" in search and "Four thousand rode on the first day." in search
    assert f"/articles/{article.slug}/" in search
    card = " ".join(page.find_class("social-preview")[0].text_content().split())
    assert "Tram line opens" in card and "No lead image" in card
