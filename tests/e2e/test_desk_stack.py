"""The desk's key flows on the production stack: DEBUG off, nginx, gunicorn, PostgreSQL, and the task
worker sending notification email through a real SMTP server on loopback (stack.smtp).

The stack's clock cannot be moved from here, so a story is scheduled a few seconds ahead and the
test waits for the worker's going-live check to run at that time.
"""

import json
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article
from notifications.models import Notification
from tests.factories import PASSWORD, make_article, make_author, make_section, make_user


@pytest.fixture
def smtp(stack):
    return stack.smtp


@pytest.fixture
def people():
    writer = make_user(
        "wendy", group="Writers", email="wendy@example.org", first_name="Wendy", last_name="Ward"
    )
    editor = make_user(
        "eddie", group="Editors", email="eddie@example.org", first_name="Eddie", last_name="Eld"
    )
    make_user("nomail", group="Editors")  # an editor without an email address
    author = make_author(name="Wendy Ward", user=writer)
    return writer, editor, author


def change_path(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def submit(stack, user, article):
    session = stack.session().login(user.username, PASSWORD)
    data = session.form(change_path(article), "article_form") | {"_submit_for_review": ["1"]}
    response = session.post(change_path(article), data)
    assert response.status == 302, response.text[:2000]
    return session


def test_submitting_emails_the_editors_from_the_worker(stack, smtp, people):
    writer, editor, author = people
    article = make_article(headline="Ferry fares frozen", status=Article.Status.DRAFT, publish_at=None,
                           created_by=writer, authors=[author])  # fmt: skip
    submit(stack, writer, article)
    mail = smtp.wait_for("eddie@example.org")[0]
    body = mail.get_content()
    assert "Wendy Ward submitted “Ferry fares frozen” for review." in body
    assert f"{stack.url}{change_path(article)}" in body  # an absolute link (SITE_URL)
    skipped = stack.wait_for(
        lambda: Notification.objects.filter(recipient__username="nomail").first(), message="the skipped note"
    )
    assert skipped.email_note == "Not emailed: your account has no email address."
    desk = stack.session().login(editor.username, PASSWORD).get("/admin/")
    assert desk.status == 200 and "Notifications: 1 unread" in desk.text
    assert "Ferry fares frozen" in desk.text


def test_a_refusing_smtp_server_is_retried_until_it_delivers(stack, smtp, people):
    writer, _editor, author = people
    article = make_article(headline="Night buses", status=Article.Status.DRAFT, publish_at=None,
                           created_by=writer, authors=[author])  # fmt: skip
    smtp.refusing = True
    try:
        submit(stack, writer, article)
        pending = stack.wait_for(
            lambda: Notification.objects.filter(
                recipient__username="eddie", email_note__startswith="Attempt"
            ).first(),
            message="a failed first attempt",
        )
        assert pending.email_state == Notification.Email.PENDING
        article.refresh_from_db()
        assert article.status == Article.Status.IN_REVIEW  # the writer's action stood
    finally:
        smtp.refusing = False
    assert smtp.wait_for("eddie@example.org", seconds=30)
    sent = stack.wait_for(
        lambda: Notification.objects.filter(pk=pending.pk, email_state=Notification.Email.SENT).first(),
        message="the retry delivering",
    )
    assert sent.email_attempts >= 2
    log = [line for line in stack.log_lines() if "Notification email" in line.get("message", "")]
    assert any(line["level"] == "WARNING" for line in log)


def test_a_story_scheduled_seconds_ahead_goes_live_and_its_writer_is_told(stack, smtp, people):
    writer, editor, author = people
    article = make_article(headline="Tram line opens", status=Article.Status.IN_REVIEW, publish_at=None,
                           created_by=writer, authors=[author])  # fmt: skip
    session = stack.session().login(editor.username, PASSWORD)
    when = timezone.localtime() + timedelta(seconds=8)
    date, time = when.strftime("%Y-%m-%d"), when.strftime("%H:%M:%S")
    data = session.form(change_path(article), "article_form") | {
        "publish_at_0": [date],
        "publish_at_1": [time],
        "_publish": [f"typed:{date}|{time}"],  # what the confirmation dialog sends
    }
    assert session.post(change_path(article), data).status == 302
    article.refresh_from_db()
    assert article.is_scheduled
    assert stack.get(article.get_absolute_url()).status == 404
    assert "to go live" in smtp.wait_for("wendy@example.org")[0].get_content()
    mails = smtp.wait_for("wendy@example.org", count=2, seconds=40)
    assert "“Tram line opens” went live" in mails[1].get_content()
    assert stack.get(article.get_absolute_url()).status == 200
    assert Notification.objects.filter(recipient=writer, kind=Notification.Kind.LIVE).count() == 1


def test_presence_and_autosave_work_through_nginx(stack, people):
    _writer, editor, _author = people
    other = make_user("anna", group="Editors", first_name="Anna", last_name="Petrova")
    article = make_article(headline="Original", status=Article.Status.DRAFT, publish_at=None)
    presence = reverse("admin:desk-presence", args=[article.pk])
    first = stack.session().login(editor.username, PASSWORD)
    second = stack.session().login(other.username, PASSWORD)

    def beat(session, tab, **extra):
        response = session.post_json(presence, {"tab": tab, **extra})
        assert response.status == 200, response.text[:500]
        return json.loads(response.body)

    form = first.form(change_path(article), "article_form")
    assert beat(first, "tab-eddie-1", claim=True)["state"] == "editing"
    assert beat(second, "tab-anna-01", claim=True)["message"] == "Eddie Eld is editing this story now."
    assert beat(second, "tab-anna-01", take_over=True)["state"] == "editing"
    assert beat(first, "tab-eddie-1")["state"] == "taken"
    refused = first.post(change_path(article), form | {"headline": ["Eddie's headline"]})
    assert refused.status == 200 and "Anna Petrova took over this story at" in refused.text
    saved = first.post_json(
        reverse("admin:desk-autosave"),
        {"article": article.pk, "tab": "tab-eddie-1", "version": article.version,
         "fields": {"headline": "Eddie's headline"}},
    )  # fmt: skip
    assert saved.status == 200
    article.refresh_from_db()
    assert article.headline == "Original"
    restored = first.get(change_path(article)).text
    assert "Restore your unsaved changes from" in restored and "Eddie&#x27;s headline" in restored


def test_the_change_form_scripts_run_under_the_production_csp(stack, people, page):
    writer, _editor, _author = people
    make_section(name="City")
    problems = []
    page.on(
        "console",
        lambda m: problems.append(f"{m.text} {m.location.get('url')}") if m.type == "error" else None,
    )
    page.goto(stack.url + "/admin/login/")
    page.get_by_label("Username").fill(writer.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="My drafts", exact=True)).to_be_visible()
    page.get_by_role("link", name="New story").click()
    page.get_by_label("Headline").fill("Written on the production stack")
    page.get_by_role("textbox", name="Body").click()
    page.keyboard.type("Hashed static files, a strict policy, and the scripts still run.")
    expect(page.locator("[data-word-count]")).to_have_text("11")
    expect(page.locator("[data-desk-status]")).to_contain_text(re.compile("Autosaved at"))
    assert [p for p in problems if "favicon" not in p] == []
