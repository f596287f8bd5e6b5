"""The desk: the admin home shows writers and editors what waits for them, under PRODUCT.md's headings."""

from datetime import UTC, datetime, timedelta

import lxml.html
import pytest
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article, Notice, Summary
from notifications.models import Notification
from tests.factories import make_article, make_author, make_user

pytestmark = pytest.mark.django_db


def desk(client, user):
    client.force_login(user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return lxml.html.fromstring(response.content.decode())


def section(page, key):
    found = page.get_element_by_id(f"desk-{key}")
    return {
        "heading": found.find(".//h2").text_content().strip(),
        "count": int(found.find_class("desk-count")[0].text_content()),
        "headlines": [a.text_content().strip() for a in found.find_class("desk-headline")],
        "links": [a.get("href") for a in found.find_class("desk-headline")],
        "text": " ".join(found.text_content().split()),
    }


@pytest.fixture
def writer():
    user = make_user("wendy", group="Writers", first_name="Wendy", last_name="Ward")
    make_author(name="Wendy Ward", user=user)
    return user


@pytest.fixture
def editor():
    return make_user("eddie", group="Editors", first_name="Eddie", last_name="Eld")


def mine(writer, headline, **fields):
    fields.setdefault("status", Article.Status.DRAFT)
    fields.setdefault("publish_at", None)
    return make_article(headline=headline, created_by=writer, authors=[writer.author], **fields)


def test_a_writer_sees_drafts_returned_stories_with_the_note_and_what_waits_for_review(
    client, writer, editor
):
    draft = mine(writer, "Ferry timetable draft")
    returned = mine(writer, "Harbour dredging", status=Article.Status.IN_REVIEW)
    note = "The dredging cost needs a source.\nCall the port authority."
    workflow.return_to_writer(returned, by=editor, note=note)
    waiting = mine(writer, "Night buses return")
    workflow.submit_for_review(waiting, by=writer)
    live = mine(writer, "Bridge reopens", status=Article.Status.PUBLISHED, publish_at=timezone.now())
    make_article(headline="Somebody else's draft", status=Article.Status.DRAFT)

    page = desk(client, writer)
    drafts, back, review, published = (
        section(page, k) for k in ("drafts", "returned", "review", "published")
    )
    assert drafts["heading"] == "My drafts" and drafts["headlines"] == ["Ferry timetable draft"]
    assert back["heading"] == "Returned to me" and back["headlines"] == ["Harbour dredging"]
    assert "The dredging cost needs a source." in back["text"] and "Call the port authority." in back["text"]
    assert "Returned by Eddie Eld" in back["text"]
    assert review["heading"] == "Waiting for review" and review["headlines"] == ["Night buses return"]
    assert published["headlines"] == ["Bridge reopens"]
    assert drafts["links"] == [reverse("admin:articles_article_change", args=[draft.pk])]
    assert back["links"] == [reverse("admin:articles_article_change", args=[returned.pk])]
    assert "Somebody else" not in lxml.html.tostring(page, encoding="unicode")
    assert set(page.xpath("//a[normalize-space()='Calendar']/@href")) == {reverse("admin:desk-calendar")}
    assert live.pk


def test_an_editor_sees_reviews_oldest_first_with_how_long_they_waited(client, editor, writer, time_machine):
    time_machine.move_to(datetime(2026, 12, 2, 6, 0, tzinfo=UTC), tick=False)
    older = mine(writer, "Submitted first")
    workflow.submit_for_review(older, by=writer)
    time_machine.move_to(datetime(2026, 12, 2, 8, 0, tzinfo=UTC), tick=False)
    newer = mine(writer, "Submitted second")
    workflow.submit_for_review(newer, by=writer)
    older.headline = "Submitted first, edited later"  # an edit after submitting does not jump the queue
    older.save()
    time_machine.move_to(datetime(2026, 12, 2, 9, 0, tzinfo=UTC), tick=False)
    review = section(desk(client, editor), "review")
    assert review["heading"] == "Waiting for review" and review["count"] == 2
    assert review["headlines"] == ["Submitted first, edited later", "Submitted second"]
    assert "waiting 3 hours" in review["text"] and "waiting 1 hour" in review["text"]


def test_an_editor_sees_summaries_to_approve_scheduled_recent_and_corrections(client, editor, time_machine):
    time_machine.move_to(datetime(2026, 12, 2, 6, 0, tzinfo=UTC))  # 09:00 in Moscow
    in_review = make_article(headline="Awaiting approval", status=Article.Status.IN_REVIEW, summary="Gist.",
                             summary_approved=False)  # fmt: skip
    make_article(headline="Approved already", status=Article.Status.IN_REVIEW, summary="Gist.")
    make_article(headline="Later today", publish_at=datetime(2026, 12, 2, 15, 0, tzinfo=UTC))
    make_article(headline="On Friday", publish_at=datetime(2026, 12, 4, 7, 0, tzinfo=UTC))
    make_article(headline="Next month", publish_at=datetime(2027, 1, 4, 7, 0, tzinfo=UTC))
    fresh = make_article(headline="Went out an hour ago", publish_at=datetime(2026, 12, 2, 5, 0, tzinfo=UTC))
    make_article(headline="Last week's", publish_at=datetime(2026, 11, 20, 5, 0, tzinfo=UTC))
    Notice.objects.create(article=fresh, text="The tram runs every 8 minutes, not 6.")

    page = desk(client, editor)
    summaries, scheduled, recent = (section(page, k) for k in ("summaries", "scheduled", "published"))
    assert summaries["heading"] == "Summaries to approve" and summaries["headlines"] == ["Awaiting approval"]
    assert scheduled["heading"] == "Scheduled" and scheduled["headlines"] == ["Later today", "On Friday"]
    groups = [h.text_content() for h in page.get_element_by_id("desk-scheduled").find_class("desk-group")]
    assert groups == ["Today", "This week"]
    assert recent["heading"] == "Recently published" and recent["headlines"] == ["Went out an hour ago"]
    corrections = page.get_element_by_id("desk-corrections").text_content()
    assert "every 8 minutes" in corrections
    glance = " ".join(page.find_class("desk-glance")[0].text_content().split())
    assert "1 Waiting for review" not in glance and "1 Summaries to approve" in glance
    assert in_review.pk


def test_a_superuser_gets_the_desk_and_the_list_of_models(client):
    boss = make_user("boss", is_superuser=True)
    page = desk(client, boss)
    assert page.xpath("//a[normalize-space()='All models']/@href") == [reverse("admin:models")]
    models = client.get(reverse("admin:models")).content.decode()
    assert "Articles" in models and "Users" in models


def test_staff_who_do_not_write_get_the_list_of_models(client):
    clerk = make_user("clerk")
    clerk.is_staff = True
    clerk.save()
    client.force_login(clerk)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert "My drafts" not in response.content.decode()


def test_the_desk_needs_a_login(client):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_the_desk_catches_up_on_stories_that_went_live(client, writer, editor, time_machine):
    time_machine.move_to(datetime(2026, 12, 2, 6, 0, tzinfo=UTC))
    story = mine(writer, "Scheduled story", status=Article.Status.IN_REVIEW)
    Summary.objects.create(article=story, text="Gist.")
    workflow.publish(story, by=editor, at=datetime(2026, 12, 2, 6, 30, tzinfo=UTC))
    time_machine.move_to(datetime(2026, 12, 2, 6, 31, tzinfo=UTC))
    text = lxml.html.tostring(desk(client, writer), encoding="unicode")
    assert Notification.objects.filter(recipient=writer, kind=Notification.Kind.LIVE).count() == 1
    assert "Notifications: 2 unread" in " ".join(text.split())  # scheduled, then gone live
    desk(client, editor)
    assert Notification.objects.filter(kind=Notification.Kind.LIVE).count() == 1


def test_the_desk_lists_at_most_a_page_and_links_to_the_rest(client, editor):
    for n in range(25):
        make_article(headline=f"Review {n}", status=Article.Status.IN_REVIEW)
    review = section(desk(client, editor), "review")
    assert review["count"] == 25 and len(review["headlines"]) == 20
    assert "All 25 in the article list" in review["text"]


def test_review_queue_from_the_changelist_is_oldest_first_and_scheduled_soonest_first(client, editor):
    soon = make_article(headline="Soon", publish_at=timezone.now() + timedelta(hours=1))
    later = make_article(headline="Later", publish_at=timezone.now() + timedelta(days=1))
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_changelist") + "?state=scheduled").content.decode()
    assert page.index(soon.headline) < page.index(later.headline)
