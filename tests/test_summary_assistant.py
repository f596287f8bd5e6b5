"""The summary assistant in the admin and on the reader page: suggest, pending, failure, use,
approval still required, and the provenance line. POSTs go through the real admin views."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from articles import workflow
from articles.models import Article, Summary, SummarySuggestion
from assistant.tasks import suggest_summary
from tests.factories import make_article, make_user
from tests.test_summarizer_http import chat, chat_server  # noqa: F401 - chat_server is a fixture

pytestmark = pytest.mark.django_db

BODY = (
    "<p>Marrowgate closed the Old Mill Bridge on Monday after inspectors found deep cracks in two "
    "of its piers.</p><p>About 28,000 vehicles cross the bridge on a weekday, most of them commuters "
    "heading for the city centre.</p><p>The council said repairs to the piers could take three months "
    "and would cost about four million pounds.</p><p>Buses will be diverted over the Weir Street "
    "bridge, adding ten minutes to most journeys.</p><p>Local shops near the bridge said they feared "
    "losing trade while it stays closed.</p><p>Inspectors will return next week to check the other "
    "piers of the bridge.</p>"
)
ROOT = Path(__file__).resolve().parent.parent
PROVENANCE = "Prepared with automated help and checked by an editor."


@pytest.fixture
def editor():
    return make_user("editor", group="Editors")


@pytest.fixture
def writer():
    return make_user("writer", group="Writers")


@pytest.fixture
def immediate(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.SUMMARIZER = {"BACKEND": "extractive"}


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def post_change(client, admin_form, article, **changes):
    """Submit the change form as the browser shows it, with some fields changed or buttons added."""
    data = admin_form(client, change_url(article))
    for key, value in changes.items():
        data[key] = value if isinstance(value, list) else [value]
    return client.post(change_url(article), data)


def suggest(client, admin_form, article, capture, **changes):
    """Press "Suggest summary"; the task is enqueued when the admin's transaction commits."""
    with capture(execute=True):
        response = post_change(client, admin_form, article, _suggest_summary="1", **changes)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == change_url(article)
    return response


def draft(user, **fields):
    fields.setdefault("status", Article.Status.DRAFT)
    fields.setdefault("publish_at", None)
    fields.setdefault("body", BODY)
    article = make_article(created_by=user, **fields)
    workflow.save_revision(article, by=user)
    return article


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_suggest_fills_an_empty_draft_summary_marked_as_the_assistants_and_unapproved(
    client, admin_form, editor, immediate, django_capture_on_commit_callbacks
):
    article = make_article(body=BODY)
    client.force_login(editor)

    suggest(client, admin_form, article, django_capture_on_commit_callbacks)

    summary = Summary.objects.get(article=article)
    assert summary.text.startswith("Marrowgate closed the Old Mill Bridge")
    assert summary.origin == Summary.Origin.ASSISTANT
    assert summary.backend == "extractive"
    assert summary.approved_at is None and summary.approved_by is None
    suggestion = SummarySuggestion.objects.get(article=article)
    assert suggestion.status == SummarySuggestion.Status.USED
    assert suggestion.requested_by == editor
    # Readers see nothing until an editor approves it.
    page = client.get(article.get_absolute_url()).content.decode()
    assert "No time to read? Get a summary" not in page
    form = client.get(change_url(article)).content.decode()
    assert "The latest suggestion (extractive) is in the summary above." in form
    assert summary.text in form


def test_suggest_saves_what_the_editor_typed_first(
    client, admin_form, editor, immediate, django_capture_on_commit_callbacks
):
    article = make_article(body=BODY)
    client.force_login(editor)

    suggest(
        client,
        admin_form,
        article,
        django_capture_on_commit_callbacks,
        headline="Bridge shut for repairs",
        change_kind="fix",
    )

    article.refresh_from_db()
    assert article.headline == "Bridge shut for repairs"
    assert Summary.objects.get(article=article).origin == Summary.Origin.ASSISTANT


def test_an_approved_summary_is_kept_until_the_editor_uses_the_suggestion(
    client, admin_form, editor, immediate, django_capture_on_commit_callbacks
):
    article = make_article(body=BODY, summary="The bridge is shut; the editor wrote this.")
    client.force_login(editor)

    suggest(client, admin_form, article, django_capture_on_commit_callbacks)

    summary = Summary.objects.get(article=article)
    assert summary.text == "The bridge is shut; the editor wrote this."
    assert summary.is_approved and summary.origin == Summary.Origin.HUMAN
    suggestion = SummarySuggestion.objects.get(article=article)
    assert suggestion.status == SummarySuggestion.Status.READY
    # The change form shows both texts side by side and offers the suggestion.
    form = client.get(change_url(article)).content.decode()
    assert "The bridge is shut; the editor wrote this." in form
    assert suggestion.text in form
    assert f'name="_use_suggestion" value="{suggestion.pk}"' in form
    assert "No time to read? Get a summary" in client.get(article.get_absolute_url()).content.decode()

    response = post_change(client, admin_form, article, _use_suggestion=str(suggestion.pk))

    assert response.status_code == 302
    summary.refresh_from_db()
    assert summary.text == suggestion.text
    assert summary.origin == Summary.Origin.ASSISTANT and summary.backend == "extractive"
    assert summary.approved_at is None
    assert "No time to read? Get a summary" not in client.get(article.get_absolute_url()).content.decode()
    assert article.revisions.first().note.startswith("Summary suggested by the assistant")


def test_pending_suggestion_is_shown_until_the_queue_runs_it(
    client, admin_form, editor, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    article = make_article(body=BODY, summary="Human words.")
    client.force_login(editor)

    suggest(client, admin_form, article, django_capture_on_commit_callbacks)

    suggestion = SummarySuggestion.objects.get(article=article)
    assert suggestion.status == SummarySuggestion.Status.PENDING
    form = client.get(change_url(article)).content.decode()
    assert "Suggestion pending…" in form
    assert 'name="_use_suggestion"' not in form
    assert Summary.objects.get(article=article).text == "Human words."

    # A worker picks the job up later.
    assert suggest_summary.call(suggestion.pk) == "ready"

    form = client.get(change_url(article)).content.decode()
    assert "Suggestion pending…" not in form
    assert f'name="_use_suggestion" value="{suggestion.pk}"' in form
    assert Summary.objects.get(article=article).text == "Human words."


@pytest.mark.django_db(transaction=True)
def test_failure_is_reported_and_keeps_the_summary_and_everything_typed(client, admin_form, settings):
    # A real commit, so the task runs when the admin's transaction commits, inside the request.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.SUMMARIZER = {
        "BACKEND": "openai",
        "BASE_URL": f"http://127.0.0.1:{closed_port()}/v1",
        "MODEL": "newsroom-small",
        "RETRIES": 0,
        "TIMEOUT": 2,
    }
    editor = make_user("editor", group="Editors")
    article = make_article(body=BODY, summary="Approved words.")
    client.force_login(editor)

    data = admin_form(client, change_url(article))
    data.update(
        {
            "headline": ["Bridge shut for three months"],
            "change_kind": ["update"],
            "summary-0-text": ["The editor's newer words."],
            "_suggest_summary": ["1"],
        }
    )
    response = client.post(change_url(article), data, follow=True)

    page = response.content.decode()
    messages = [str(m) for m in response.context["messages"]]
    assert any("Suggestion failed for" in m and "is unreachable" in m for m in messages), messages
    assert "Suggestion failed:" in page
    article.refresh_from_db()
    assert article.headline == "Bridge shut for three months"
    summary = Summary.objects.get(article=article)
    assert summary.text == "The editor's newer words."
    assert summary.origin == Summary.Origin.HUMAN
    suggestion = SummarySuggestion.objects.get(article=article)
    assert suggestion.status == SummarySuggestion.Status.FAILED
    assert "unreachable" in suggestion.error and suggestion.text == ""


def test_the_immediate_backend_reports_a_ready_suggestion_right_after_the_button(
    client, admin_form, editor, immediate, django_capture_on_commit_callbacks
):
    article = make_article(body=BODY)
    client.force_login(editor)
    data = admin_form(client, change_url(article))
    data["_suggest_summary"] = ["1"]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(change_url(article), data)

    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any(m.startswith("Suggested summary ready:") and "(extractive)" in m for m in messages), messages


def test_an_invalid_form_enqueues_nothing(
    client, admin_form, editor, immediate, django_capture_on_commit_callbacks
):
    article = make_article(body=BODY)
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = post_change(client, admin_form, article, headline="", _suggest_summary="1")

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not SummarySuggestion.objects.exists()


def test_openai_backend_suggestion_names_the_model(
    client,
    admin_form,
    editor,
    settings,
    chat_server,  # noqa: F811 - the fixture
    django_capture_on_commit_callbacks,
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.SUMMARIZER = {"BACKEND": "openai", "BASE_URL": chat_server.base_url, "MODEL": "house-model"}
    chat_server.behaviours.append(chat("**Summary:** The Old Mill Bridge is shut for three months."))
    article = make_article(body=BODY, headline="Old Mill Bridge closes")
    client.force_login(editor)

    suggest(client, admin_form, article, django_capture_on_commit_callbacks)

    summary = Summary.objects.get(article=article)
    assert summary.text == "The Old Mill Bridge is shut for three months."
    assert summary.backend == "openai:house-model" and summary.approved_at is None
    sent = chat_server.requests[0]["json"]["messages"][1]["content"]
    assert sent.startswith("Old Mill Bridge closes") and "28,000 vehicles" in sent


def test_changelist_action_suggests_for_several_articles(
    client, editor, immediate, django_capture_on_commit_callbacks
):
    empty = make_article(body=BODY)
    approved = make_article(body=BODY, summary="Kept as it is.")
    another = make_article(body=BODY.replace("Marrowgate", "Eastbridge"))
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:articles_article_changelist"),
            {"action": "suggest_summaries", "_selected_action": [empty.pk, approved.pk, another.pk]},
        )

    assert response.status_code == 302
    assert SummarySuggestion.objects.count() == 3
    assert Summary.objects.get(article=empty).origin == Summary.Origin.ASSISTANT
    assert Summary.objects.get(article=another).text.startswith("Eastbridge closed")
    kept = Summary.objects.get(article=approved)
    assert kept.text == "Kept as it is." and kept.is_approved
    assert SummarySuggestion.objects.get(article=approved).status == SummarySuggestion.Status.READY
    # Reported once the action's work has committed (here: when the capture block ends).
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any(m.startswith("Suggested summary ready:") and m.count("(extractive)") == 3 for m in messages)


def test_writer_may_request_for_own_draft_but_not_for_an_article_they_cannot_edit(
    client, writer, editor, immediate, django_capture_on_commit_callbacks
):
    own = draft(writer)
    in_review = draft(writer, status=Article.Status.IN_REVIEW)
    editors = draft(editor)
    client.force_login(writer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:articles_article_changelist"),
            {"action": "suggest_summaries", "_selected_action": [own.pk, in_review.pk, editors.pk]},
            follow=True,
        )

    assert response.status_code == 200
    assert list(SummarySuggestion.objects.values_list("article", flat=True)) == [own.pk]
    assert Summary.objects.get(article=own).origin == Summary.Origin.ASSISTANT
    messages = [str(m) for m in response.context["messages"]]
    assert any("Skipped 1" in m and in_review.headline in m for m in messages), messages

    # A hand-made POST of the button on an article the writer may not edit changes nothing.
    response = client.post(change_url(in_review), {"_suggest_summary": "1"})
    assert response.status_code == 403
    assert not SummarySuggestion.objects.filter(article=in_review).exists()


def test_writer_cannot_approve_by_using_a_suggestion(
    client, admin_form, writer, immediate, django_capture_on_commit_callbacks
):
    article = draft(writer, summary="Approved by an editor earlier.")
    client.force_login(writer)
    suggest(client, admin_form, article, django_capture_on_commit_callbacks)
    suggestion = SummarySuggestion.objects.get(article=article)
    assert Summary.objects.get(article=article).is_approved  # the suggestion waits beside it

    # A hand-made POST that uses the suggestion and ticks the approval box a writer never sees.
    post_change(
        client, admin_form, article, _use_suggestion=str(suggestion.pk), **{"summary-0-approve": "on"}
    )

    summary = Summary.objects.get(article=article)
    assert summary.text == suggestion.text and summary.origin == Summary.Origin.ASSISTANT
    assert summary.approved_at is None and summary.approved_by is None


def test_editor_approves_an_assistant_summary_and_readers_see_the_provenance_line(
    client, admin_form, editor, immediate, django_capture_on_commit_callbacks
):
    article = make_article(body=BODY)
    client.force_login(editor)
    suggest(client, admin_form, article, django_capture_on_commit_callbacks)

    post_change(client, admin_form, article, **{"summary-0-approve": "on"})

    summary = Summary.objects.get(article=article)
    assert summary.is_approved and summary.approved_by == editor
    client.logout()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "No time to read? Get a summary" in page
    assert summary.text in page
    assert PROVENANCE in page


def test_provenance_line_only_for_an_approved_assistant_summary(client):
    human = make_article(summary="Written by a person.")
    unapproved = make_article(summary="Suggested, not approved.", summary_approved=False)
    Summary.objects.filter(article=unapproved).update(origin=Summary.Origin.ASSISTANT)

    assert PROVENANCE not in client.get(human.get_absolute_url()).content.decode()
    page = client.get(unapproved.get_absolute_url()).content.decode()
    assert "Suggested, not approved." not in page and PROVENANCE not in page


def test_use_suggestion_of_another_article_is_refused(
    client, admin_form, editor, immediate, django_capture_on_commit_callbacks
):
    first = make_article(body=BODY)
    second = make_article(body=BODY, summary="Second's own summary.")
    client.force_login(editor)
    suggest(client, admin_form, first, django_capture_on_commit_callbacks)
    suggestion = SummarySuggestion.objects.get(article=first)

    response = post_change(client, admin_form, second, _use_suggestion=str(suggestion.pk))

    assert response.status_code == 302
    summary = Summary.objects.get(article=second)
    assert summary.text == "Second's own summary." and summary.is_approved
    for bad in ("not-a-number", "999999"):
        post_change(client, admin_form, second, _use_suggestion=bad)
        assert Summary.objects.get(article=second).text == "Second's own summary."


def test_suggestions_fit_the_summary_field_whatever_the_setting(settings, editor):
    settings.SUMMARY_MAX_LENGTH = 5000
    settings.SUMMARIZER = {"BACKEND": "extractive"}
    long_body = "".join(
        f"<p>Sentence number {i} tells readers about the bridge closure.</p>" for i in range(200)
    )
    article = make_article(body=long_body)
    suggestion = SummarySuggestion.objects.create(article=article, requested_by=editor)

    suggest_summary.call(suggestion.pk)

    suggestion.refresh_from_db()
    assert 0 < len(suggestion.text) <= Summary._meta.get_field("text").max_length
    # A finished suggestion is not run again.
    assert suggest_summary.call(suggestion.pk) == "gone"


def test_environment_chooses_the_summarizer_and_the_task_backend():
    """SUMMARIZER_* and TASKS_BACKEND reach settings; an empty prompt means the default one."""
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "from assistant.summarizers import get_summarizer; g = get_summarizer(); "
        "print(g.name, g.url, g.timeout, g.retries, g.prompt == __import__('assistant.summarizers')"
        ".summarizers.DEFAULT_PROMPT, s.SUMMARY_MAX_LENGTH, s.TASKS['default']['BACKEND'])"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMAR", "TASKS_", "DEBUG"))}
    env |= {
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "SECRET_KEY": "x" * 50,
        "SUMMARIZER_BACKEND": "openai",
        "SUMMARIZER_BASE_URL": "http://127.0.0.1:9/v1",
        "SUMMARIZER_MODEL": "house-model",
        "SUMMARIZER_TIMEOUT": "7.5",
        "SUMMARIZER_RETRIES": "0",
        "SUMMARIZER_PROMPT": "",
        "SUMMARY_MAX_LENGTH": "400",
        "TASKS_BACKEND": "django.tasks.backends.dummy.DummyBackend",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "openai:house-model",
        "http://127.0.0.1:9/v1/chat/completions",
        "7.5",
        "0",
        "True",
        "400",
        "django.tasks.backends.dummy.DummyBackend",
    ]
