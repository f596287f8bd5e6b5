"""Workflow changes tell the people concerned: in the admin, and by email through a real SMTP server on
loopback. Sending never blocks or breaks the editor's action."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article, SummarySuggestion
from notifications import delivery, live
from notifications.models import LiveAnnouncement, Notification, Preference
from tests.factories import make_article, make_author, make_user
from tests.smtp import HangUpServer, closed_port, mailer

pytestmark = pytest.mark.django_db
Kind, Email = Notification.Kind, Notification.Email


@pytest.fixture
def people():
    writer = make_user(
        "wendy", group="Writers", email="wendy@example.org", first_name="Wendy", last_name="Ward"
    )
    editors = [
        make_user("eddie", group="Editors", email="eddie@example.org", first_name="Eddie", last_name="Eld"),
        make_user("erin", group="Editors", email="erin@example.org"),
    ]
    author = make_author(name="Wendy Ward", user=writer)
    return writer, editors, author


def draft_by(writer, author, **fields):
    fields.setdefault("status", Article.Status.DRAFT)
    fields.setdefault("publish_at", None)
    return make_article(created_by=writer, authors=[author], headline="Tram line opens", **fields)


def test_submitting_tells_every_editor_in_the_admin_and_by_email(
    people, smtp_server, django_capture_on_commit_callbacks
):
    writer, editors, author = people
    article = draft_by(writer, author)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit_for_review(article, by=writer)
    told = Notification.objects.filter(kind=Kind.SUBMITTED)
    assert {n.recipient for n in told} == set(editors)  # not the writer who did it
    assert told.first().text == "Wendy Ward submitted “Tram line opens” for review."
    assert {n.email_state for n in told} == {Email.SENT}
    mail = smtp_server.wait_for("eddie@example.org")[0]
    assert "Submitted for review" in mail["Subject"] and "Tram line opens" in mail["Subject"]
    body = mail.get_content()
    assert "Wendy Ward submitted “Tram line opens” for review." in body
    assert reverse("admin:articles_article_change", args=[article.pk]) in body
    assert smtp_server.to("wendy@example.org") == []


def test_returning_tells_the_writer_with_the_note_in_full(
    people, smtp_server, django_capture_on_commit_callbacks
):
    writer, (editor, _other), author = people
    article = draft_by(writer, author, status=Article.Status.IN_REVIEW)
    note = "Needs a second source for the ridership figure.\nAnd a quote from the operator."
    with django_capture_on_commit_callbacks(execute=True):
        workflow.return_to_writer(article, by=editor, note=note)
    notification = Notification.objects.get(recipient=writer)
    assert notification.kind == Kind.RETURNED and notification.note == note
    assert notification.actor == editor
    body = smtp_server.wait_for("wendy@example.org")[0].get_content()
    assert (
        "Needs a second source for the ridership figure." in body and "And a quote from the operator." in body
    )
    assert "Note from Eddie Eld" in body


def test_publishing_and_scheduling_tell_the_authors(people, smtp_server, django_capture_on_commit_callbacks):
    writer, (editor, _other), author = people
    article = draft_by(writer, author, status=Article.Status.IN_REVIEW)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(article, by=editor, at=timezone.now() + timedelta(hours=3))
    scheduled = Notification.objects.get(recipient=writer)
    assert scheduled.kind == Kind.SCHEDULED and "to go live" in scheduled.text
    other = draft_by(writer, author, status=Article.Status.IN_REVIEW, slug="second")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(other, by=editor)
    assert Notification.objects.filter(recipient=writer, kind=Kind.PUBLISHED, article=other).exists()
    assert len(smtp_server.wait_for("wendy@example.org", count=2)) == 2
    assert not Notification.objects.filter(recipient=editor).exists()


def test_going_live_from_a_schedule_is_announced_once_when_it_happens(people, time_machine, smtp_server):
    writer, (editor, _other), author = people
    time_machine.move_to(datetime(2026, 12, 2, 6, 0, tzinfo=UTC))
    article = draft_by(writer, author, status=Article.Status.IN_REVIEW)
    workflow.publish(article, by=editor, at=datetime(2026, 12, 2, 7, 0, tzinfo=UTC))
    assert live.announce_gone_live() == 0  # not yet: nothing happens before its time
    time_machine.move_to(datetime(2026, 12, 2, 7, 0, 5, tzinfo=UTC))
    assert live.announce_gone_live() == 1
    assert live.announce_gone_live() == 0  # once
    gone_live = Notification.objects.get(kind=Kind.LIVE)
    assert gone_live.recipient == writer and "went live" in gone_live.text
    assert LiveAnnouncement.objects.filter(article=article).count() == 1


def test_published_now_or_unpublished_before_its_time_is_not_announced_as_gone_live(people, time_machine):
    writer, (editor, _other), author = people
    time_machine.move_to(datetime(2026, 12, 2, 6, 0, tzinfo=UTC))
    withdrawn = draft_by(writer, author, status=Article.Status.IN_REVIEW)
    workflow.publish(withdrawn, by=editor, at=datetime(2026, 12, 2, 7, 0, tzinfo=UTC))
    workflow.unpublish(withdrawn, by=editor)
    hurried = draft_by(writer, author, status=Article.Status.IN_REVIEW, slug="hurried")
    workflow.publish(hurried, by=editor, at=datetime(2026, 12, 2, 7, 0, tzinfo=UTC))
    workflow.publish(hurried, by=editor)  # Publish now on a scheduled story
    time_machine.move_to(datetime(2026, 12, 2, 8, 0, tzinfo=UTC))
    assert live.announce_gone_live() == 0


def test_a_queue_that_can_wait_checks_again_just_after_the_time(
    people, deferring_queue, django_capture_on_commit_callbacks
):
    writer, (editor, _other), author = people
    article = draft_by(writer, author, status=Article.Status.IN_REVIEW)
    at = timezone.now() + timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(article, by=editor, at=at)
    checks = [r for r in deferring_queue.results if r.task.name == "announce_live"]
    assert checks and checks[0].task.run_after == at + timedelta(seconds=1)
    assert checks[0].args == [article.pk]


def test_a_summary_suggestion_ready_tells_whoever_asked_once(people):
    writer, _editors, author = people
    article = draft_by(writer, author)
    suggestion = SummarySuggestion.objects.create(article=article, requested_by=writer)
    suggestion.status, suggestion.text = SummarySuggestion.Status.READY, "Trams now run to the harbour."
    suggestion.finished_at = timezone.now()
    suggestion.save()
    suggestion.status = SummarySuggestion.Status.USED
    suggestion.save(update_fields=["status"])
    ready = Notification.objects.get(kind=Kind.SUMMARY_READY)
    assert ready.recipient == writer and ready.note == "Trams now run to the harbour."


def test_an_account_without_an_email_address_is_skipped_with_a_note(
    people, smtp_server, django_capture_on_commit_callbacks
):
    writer, (editor, other), author = people
    other.email = ""
    other.save()
    article = draft_by(writer, author)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit_for_review(article, by=writer)
    skipped = Notification.objects.get(recipient=other)
    assert skipped.email_state == Email.SKIPPED
    assert skipped.email_note == "Not emailed: your account has no email address."
    assert Notification.objects.get(recipient=editor).email_state == Email.SENT
    assert smtp_server.wait_for("eddie@example.org")


def test_email_switched_off_stays_in_the_admin(
    people, smtp_server, client, django_capture_on_commit_callbacks
):
    writer, (editor, _other), author = people
    client.force_login(editor)
    client.post(reverse("admin:desk-notifications"), {"action": "preferences"})  # the box unticked
    assert Preference.objects.get(user=editor).email_enabled is False
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit_for_review(draft_by(writer, author), by=writer)
    assert Notification.objects.get(recipient=editor).email_note == "Not emailed: you switched email off."
    assert smtp_server.to("eddie@example.org") == []


def test_without_a_mailer_notifications_stay_in_the_admin(
    people, settings, django_capture_on_commit_callbacks
):
    settings.MAILERS = {}
    writer, _editors, author = people
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit_for_review(draft_by(writer, author), by=writer)
    notes = set(Notification.objects.values_list("email_note", flat=True))
    assert notes == {"Not emailed: this newsroom's server sends no email."}


@pytest.mark.parametrize("broken", ["refusing", "hanging up", "nobody listening"])
def test_a_broken_smtp_server_never_breaks_the_action_and_is_retried_later(
    people, settings, deferring_queue, smtp_server, broken, django_capture_on_commit_callbacks
):
    writer, _editors, author = people
    hang_up = HangUpServer().start() if broken == "hanging up" else None
    try:
        if broken == "refusing":
            smtp_server.refusing = True
        elif hang_up:
            settings.MAILERS = mailer(hang_up.port)
        else:
            settings.MAILERS = mailer(closed_port())
        article = draft_by(writer, author)
        with django_capture_on_commit_callbacks(execute=True):
            workflow.submit_for_review(article, by=writer)
        article.refresh_from_db()
        assert article.status == Article.Status.IN_REVIEW  # the action stands
        notification = Notification.objects.filter(kind=Kind.SUBMITTED).first()
        queued = [
            r for r in deferring_queue.results if r.task.name == "send_email" and r.args == [notification.pk]
        ]
        with django_capture_on_commit_callbacks(execute=True):
            assert delivery.send(notification.pk) == "retry"
        notification.refresh_from_db()
        assert notification.email_state == Email.PENDING and notification.email_attempts == 1
        assert notification.email_note.startswith("Attempt 1 failed")
        retries = [r for r in deferring_queue.results if r.task.name == "send_email" and r not in queued]
        assert retries[-1].task.run_after > timezone.now() + timedelta(seconds=50)
        # The server comes back: the retry delivers.
        smtp_server.refusing = False
        settings.MAILERS = mailer(smtp_server.port)
        assert delivery.send(notification.pk) == "sent"
        notification.refresh_from_db()
        assert notification.email_state == Email.SENT and notification.email_attempts == 2
        assert smtp_server.wait_for(notification.recipient.email)
    finally:
        if hang_up:
            hang_up.stop()


def test_retries_are_bounded(people, settings, deferring_queue, django_capture_on_commit_callbacks):
    settings.MAILERS = mailer(closed_port())
    settings.NOTIFICATION_EMAIL_ATTEMPTS = 3
    writer, _editors, author = people
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit_for_review(draft_by(writer, author), by=writer)
    notification = Notification.objects.filter(kind=Kind.SUBMITTED).first()
    results = [delivery.send(notification.pk) for _attempt in range(4)]
    assert results == ["retry", "retry", "failed", "gone"]
    notification.refresh_from_db()
    assert notification.email_state == Email.FAILED
    assert notification.email_note.startswith("Not emailed after 3 attempts")


def test_with_the_immediate_backend_a_failure_is_recorded_not_raised(
    people, settings, django_capture_on_commit_callbacks
):
    settings.MAILERS = mailer(closed_port())
    writer, _editors, author = people
    article = draft_by(writer, author)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit_for_review(article, by=writer)
    states = set(Notification.objects.values_list("email_state", flat=True))
    assert states == {Email.FAILED}


def test_a_failing_notifier_leaves_the_action_standing(people, monkeypatch):
    writer, _editors, author = people
    article = draft_by(writer, author)

    def broken(*args, **kwargs):
        raise RuntimeError("notifications are down")

    monkeypatch.setattr("notifications.events.notify", broken)
    workflow.submit_for_review(article, by=writer)
    article.refresh_from_db()
    assert article.status == Article.Status.IN_REVIEW
    assert not Notification.objects.exists()


def test_the_inbox_lists_only_ones_own_and_marks_them_read(people, client):
    writer, (editor, other), author = people
    workflow.submit_for_review(draft_by(writer, author), by=writer)
    mine = Notification.objects.get(recipient=editor)
    theirs = Notification.objects.get(recipient=other)
    client.force_login(editor)
    page = client.get(reverse("admin:desk-notifications")).content.decode()
    assert "Wendy Ward submitted “Tram line opens” for review." in page
    assert "1 unread" in page
    assert "Notifications (1 unread)" in client.get(reverse("admin:index")).content.decode()
    client.post(reverse("admin:desk-notifications"), {"action": "read", "notification": theirs.pk})
    theirs.refresh_from_db()
    assert theirs.read_at is None  # somebody else's: untouched
    client.post(reverse("admin:desk-notifications"), {"action": "read", "notification": mine.pk})
    mine.refresh_from_db()
    assert mine.read_at is not None
    client.force_login(other)
    client.post(reverse("admin:desk-notifications"), {"action": "read-all"})
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    for junk in ({"action": "read", "notification": "x"}, {"action": "nonsense"}, {}):
        assert client.post(reverse("admin:desk-notifications"), junk).status_code == 302
