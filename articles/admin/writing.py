"""What the change form tells a writer: the next step as it will happen, the returned note, the word
count and reading time, and how the story will look in search results and as a social card.

Everything is rendered on the server first (the form works without JavaScript);
static/js/change-form.js keeps the counts, previews and the publish label live as one types.
"""

import math
from datetime import datetime

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from articles import workflow
from articles.admin.display import newsroom_time, state_text
from articles.metadata import article_description
from articles.models.article import WORDS_PER_MINUTE
from images.pictures import social

SCHEDULE_PREFIX = "at:"
TYPED_PREFIX = "typed:"


def short_time(value):
    """'2 Dec 07:00': what a schedule button says (the year only when it is not this one)."""
    local = timezone.localtime(value)
    fmt = "j M H:i" if local.year == timezone.localtime().year else "j M Y H:i"
    return date_format(local, fmt)


def schedule_token(when):
    """The value a Schedule button carries: pressing it confirms exactly this minute."""
    return SCHEDULE_PREFIX + timezone.localtime(when).strftime("%Y-%m-%dT%H:%M")


def confirmed_time(value):
    """The minute a Schedule button (or the confirmation dialog) confirmed, or None."""
    value = value or ""
    try:
        if value.startswith(SCHEDULE_PREFIX):
            local = datetime.fromisoformat(value.removeprefix(SCHEDULE_PREFIX))
            return local.replace(tzinfo=timezone.get_current_timezone()) if local.tzinfo is None else None
        if value.startswith(TYPED_PREFIX):
            # As typed into the form's date and time boxes, in their localized formats.
            date, _sep, time = value.removeprefix(TYPED_PREFIX).partition("|")
            return forms.SplitDateTimeField().clean([date, time])
    except (ValueError, forms.ValidationError):
        return None
    return None


def same_minute(a, b):
    return (
        a is not None
        and b is not None
        and a.replace(second=0, microsecond=0) == timezone.localtime(b).replace(second=0, microsecond=0)
    )


def _publish_time(form, article):
    cleaned = getattr(form, "cleaned_data", None) or {}
    return cleaned.get("publish_at", article.publish_at)


def publish_button(article, when):
    """Label, value and what a press will do: publish now, or schedule `when` (after a confirmation)."""
    if not article.is_scheduled and when is not None and when > timezone.now():
        return {
            "label": _("Schedule for %(when)s") % {"when": short_time(when)},
            "value": schedule_token(when),
            "schedules": True,
            "goes_live": newsroom_time(when),
        }
    return {"label": _("Publish now"), "value": "now", "schedules": False}


def action_bar(request, article, form, allowed):
    """The workflow's next steps for this user and state, in order of likelihood, named as they happen."""
    buttons = []
    if "publish" in allowed:
        buttons.append({"name": "_publish", **publish_button(article, _publish_time(form, article))})
    if "submit" in allowed:
        buttons.append({"name": "_submit_for_review", "label": _("Submit for review"), "value": "1"})
    if "return" in allowed:
        buttons.append({"name": "_return_to_writer", "label": _("Return to writer"), "value": "1"})
    if "unpublish" in allowed:
        label = _("Cancel the schedule") if article.is_scheduled else _("Unpublish")
        buttons.append({"name": "_unpublish", "label": label, "value": "1"})
    if buttons:
        buttons[0]["primary"] = True
    return buttons


def next_step_text(request, article, allowed):
    """One sentence saying where the story stands and what happens next, for this user."""
    if article.is_scheduled:
        return _("Scheduled: goes live by itself %(when)s.") % {"when": newsroom_time(article.publish_at)}
    if article.is_public:
        return _("Live since %(when)s.") % {"when": newsroom_time(article.publish_at)}
    status = article.Status
    if article.status == status.IN_REVIEW:
        if "publish" in allowed:
            return _("Waiting for review: publish it, schedule it, or return it to the writer with a note.")
        return _("Waiting for review: an editor will publish it or return it to you with a note.")
    if "publish" in allowed:
        return _("%(state)s: publish it now, or set a time under Publish at to schedule it.") % {
            "state": state_text(article)
        }
    return _("%(state)s: when it is ready, submit it for review.") % {"state": state_text(article)}


def returned_note(article, viewer):
    """The editor's note when the story was sent back to its writer and not resubmitted since."""
    if article.status != article.Status.DRAFT:
        return None
    event = article.workflow_events.select_related("actor").first()
    if event is None or event.action != "return":
        return None
    who = event.actor.get_full_name() or event.actor.get_username() if event.actor else _("An editor")
    # Told to the writer as "returned to you"; an editor reads it as the record it is.
    to_you = not viewer.has_perm(workflow.PUBLISH)
    return {"who": who, "when": newsroom_time(event.at), "note": event.note, "to_you": to_you}


def counts(text):
    words = len(text.split())
    return {"words": words, "minutes": max(1, math.ceil(words / WORDS_PER_MINUTE)) if words else 0}


def previews(request, article):
    """How the story shows in search results and as a social card, from what is saved now."""
    saved = article.pk is not None
    # The link preview's own picture: the 1200x630 crop (a staff page, so an address on the site).
    card = social(article.lead_image, private=True) if saved and article.lead_image_id else None
    return {
        "site_name": settings.NEWSROOM_NAME,
        "host": request.get_host(),
        "title": article.headline if saved else "",
        "path": article.get_absolute_url() if saved else "",
        "url_prefix": request.build_absolute_uri("/articles/"),
        "description": article_description(article) if saved else "",
        "image_url": card[0] if card else "",
    }


def writing_context(request, article, form, allowed):
    """Everything the writing aids in the change form template need (`article` may be unsaved)."""
    context = {
        "word_count": counts(article.plain_text),
        "words_per_minute": WORDS_PER_MINUTE,
        "share_preview": previews(request, article),
        "newsroom_zone": timezone.get_current_timezone_name(),
        "action_buttons": action_bar(request, article, form, allowed),
    }
    if article.pk:
        context["next_step"] = next_step_text(request, article, allowed)
        context["returned_note"] = returned_note(article, request.user)
    return context
