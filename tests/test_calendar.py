"""The editorial calendar: stories by day in the newsroom's zone, and scheduling from it (editors only)."""

from datetime import UTC, datetime

import lxml.html
import pytest
from django.urls import reverse

from articles.models import Article, WorkflowEvent
from tests.factories import make_article, make_author, make_user

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 12, 2, 6, 0, tzinfo=UTC)  # Wednesday, 09:00 in Moscow


@pytest.fixture(autouse=True)
def _wednesday_morning(time_machine):
    time_machine.move_to(NOW)


def week(client, **query):
    response = client.get(reverse("admin:desk-calendar"), query)
    assert response.status_code == 200
    page = lxml.html.fromstring(response.content.decode())
    return {
        day.find(".//h2").text_content().split(" today")[0].strip(): [
            " ".join(entry.text_content().split()) for entry in day.find_class("desk-entry")
        ]
        for day in page.find_class("desk-day")
    }


def test_the_week_shows_stories_at_their_newsroom_times(client):
    client.force_login(make_user(group="Editors"))
    # 21:30 UTC on Tuesday is 00:30 on Wednesday in Moscow: it belongs to Wednesday.
    midnight = make_article(
        headline="Just after midnight", publish_at=datetime(2026, 12, 1, 21, 30, tzinfo=UTC)
    )
    make_article(headline="Friday morning", status=Article.Status.PUBLISHED,
                 publish_at=datetime(2026, 12, 4, 4, 0, tzinfo=UTC))  # fmt: skip
    make_article(
        headline="A draft", status=Article.Status.DRAFT, publish_at=datetime(2026, 12, 3, 4, 0, tzinfo=UTC)
    )
    days = week(client)
    assert list(days) == [
        "Mon 30 Nov",
        "Tue 1 Dec",
        "Wed 2 Dec",
        "Thu 3 Dec",
        "Fri 4 Dec",
        "Sat 5 Dec",
        "Sun 6 Dec",
    ]
    assert days["Wed 2 Dec"] == ["00:30 Just after midnight Published · " + midnight.section.name]
    assert days["Fri 4 Dec"][0].startswith("07:00 Friday morning Scheduled")
    assert days["Thu 3 Dec"] == []  # drafts are not on the calendar


def test_weeks_are_navigable(client):
    client.force_login(make_user(group="Editors"))
    make_article(headline="Next week's", publish_at=datetime(2026, 12, 9, 9, 0, tzinfo=UTC))
    page = client.get(reverse("admin:desk-calendar")).content.decode()
    assert "?week=2026-12-07" in page and "?week=2026-11-23" in page
    assert week(client, week="2026-12-09")["Wed 9 Dec"][0].startswith("12:00 Next week's")
    assert client.get(reverse("admin:desk-calendar"), {"week": "not-a-date"}).status_code == 200


def test_a_writer_sees_what_readers_see_and_their_own_scheduled_stories(client):
    writer = make_user(group="Writers")
    own = make_author(user=writer)
    make_article(
        headline="Mine, scheduled", authors=[own], publish_at=datetime(2026, 12, 3, 6, 0, tzinfo=UTC)
    )
    make_article(headline="Theirs, scheduled", publish_at=datetime(2026, 12, 3, 7, 0, tzinfo=UTC))
    published = make_article(headline="Theirs, published", publish_at=datetime(2026, 12, 1, 7, 0, tzinfo=UTC))
    client.force_login(writer)
    days = week(client)
    assert [e.split(" Scheduled")[0] for e in days["Thu 3 Dec"]] == ["09:00 Mine, scheduled"]
    assert days["Tue 1 Dec"][0].startswith("10:00 Theirs, published")
    page = client.get(reverse("admin:desk-calendar")).content.decode()
    # A story the writer cannot open in the admin links to its public page.
    assert published.get_absolute_url() in page
    assert "Schedule a story" not in page


def schedule(client, day, data):
    return client.post(reverse("admin:desk-calendar-day", args=[day]), data)


def test_an_editor_schedules_from_the_day_after_confirming_the_time(client):
    editor = make_user(group="Editors")
    story = make_article(headline="Budget vote", status=Article.Status.IN_REVIEW, publish_at=None)
    client.force_login(editor)
    page = client.get(reverse("admin:desk-calendar-day", args=["2026-12-03"]), {"article": story.pk})
    assert page.status_code == 200 and f'<option value="{story.pk}" selected>' in page.content.decode()
    asked = schedule(client, "2026-12-03", {"article": story.pk, "at": "07:30"}).content.decode()
    assert "“Budget vote” will go live by itself on 3 Dec 2026, 07:30 MSK. Schedule it?" in asked
    story.refresh_from_db()
    assert story.status == Article.Status.IN_REVIEW  # nothing happens before the confirmation
    response = schedule(client, "2026-12-03", {"article": story.pk, "at": "07:30", "confirm": "1"})
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.is_scheduled and story.publish_at == datetime(2026, 12, 3, 4, 30, tzinfo=UTC)
    event = WorkflowEvent.objects.get(article=story)
    assert (
        event.action == "schedule" and event.actor == editor and event.note == "Scheduled from the calendar"
    )
    assert "07:30 Budget vote Scheduled" in " ".join(week(client)["Thu 3 Dec"])


def test_a_writer_cannot_schedule_not_even_by_a_hand_made_post(client):
    writer = make_user(group="Writers")
    story = make_article(status=Article.Status.DRAFT, publish_at=None, authors=[make_author(user=writer)],
                         created_by=writer)  # fmt: skip
    client.force_login(writer)
    response = schedule(client, "2026-12-03", {"article": story.pk, "at": "07:30", "confirm": "1"})
    assert response.status_code == 403
    story.refresh_from_db()
    assert story.status == Article.Status.DRAFT and story.publish_at is None


@pytest.mark.parametrize(
    ("day", "data", "message"),
    [
        ("2026-12-02", {"at": "08:00"}, "That time has passed"),
        ("2026-12-01", {"at": "10:00"}, "That time has passed"),
        ("2026-12-03", {"at": "25:99"}, "Enter a valid time"),
        ("2026-12-03", {"at": ""}, "This field is required"),
    ],
)
def test_bad_times_are_refused_with_a_message(client, day, data, message):
    client.force_login(make_user(group="Editors"))
    story = make_article(status=Article.Status.IN_REVIEW, publish_at=None)
    response = schedule(client, day, {"article": story.pk, "confirm": "1", **data})
    assert response.status_code == 200 and message in response.content.decode()
    story.refresh_from_db()
    assert story.status == Article.Status.IN_REVIEW


def test_a_live_story_cannot_be_rescheduled_from_the_calendar(client):
    client.force_login(make_user(group="Editors"))
    live = make_article(headline="Live already")
    response = schedule(client, "2026-12-03", {"article": live.pk, "at": "07:30", "confirm": "1"})
    assert "Select a valid choice" in response.content.decode()
    live.refresh_from_db()
    assert live.is_public


def test_a_day_that_is_not_a_date_is_a_message_not_an_error(client):
    client.force_login(make_user(group="Editors"))
    response = client.get(reverse("admin:desk-calendar-day", args=["2026-02-31"]), follow=True)
    assert response.status_code == 200 and "not a date the calendar knows" in response.content.decode()
