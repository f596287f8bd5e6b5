"""Autosave: what someone typed into an article's form and has not saved, kept every few seconds.

One row per user, article and browser tab, so two tabs never overwrite each other's text. A row is
never the article: readers, revisions and the version check see nothing of it. Saving the form
deletes the row of the tab that saved (desk/admin.py); after a crash or a closed tab the form offers
the newest rows that differ from the saved story ("Restore your unsaved changes from 10:32?"). A
restored row brings back the version it was based on, so if someone saved in between, the save is
refused by the usual version check, naming them, with everything typed still in the form.
"""

import json
import re

from django.contrib.auth import get_user_model
from django.http import Http404, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from articles import workflow
from articles.admin.display import newsroom_time
from articles.html import canonical_html, sanitize_html
from articles.models import Summary
from desk.models import Autosave

# The form fields an autosave keeps: what is typed. Choices (section, authors, tags, time) are quick
# to set again and are not kept.
FIELDS = (
    "headline",
    "slug",
    "standfirst",
    "body",
    "summary-0-text",
    "lead_image_caption",
)
MAX_BYTES = 2_000_000
KEEP_PER_ARTICLE = 5
OFFERED = 3
TAB = re.compile(r"[A-Za-z0-9_-]{8,40}")


def saved_values(article):
    """The saved story's values for the autosaved fields ({} for a new one)."""
    if article is None:
        return {}
    summary = Summary.objects.filter(article=article).values_list("text", flat=True).first() or ""
    return {
        "headline": article.headline,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "summary-0-text": summary,
        "lead_image_caption": article.lead_image_caption,
    }


def _differs(fields, saved):
    for key, value in fields.items():
        old = saved.get(key, "")
        if key == "body" and canonical_html(value) != canonical_html(old):
            return True
        if key != "body" and value.strip() != (old or "").strip():
            return True
    return False


def offers(user, article):
    """The user's unsaved changes to this story (or to a new one) that a restore would bring back."""
    rows = Autosave.objects.filter(user=user, article=article).order_by("-saved_at")[:KEEP_PER_ARTICLE]
    saved = saved_values(article)
    found = []
    for row in rows:
        if not _differs(row.fields, saved):
            continue
        offer = {
            "id": row.pk,
            "when": timezone.localtime(row.saved_at).strftime("%H:%M"),
            "saved_at": newsroom_time(row.saved_at),
            "headline": row.fields.get("headline", ""),
            "base_version": row.base_version,
            "fields": row.fields,
            "newer": "",
        }
        if article is not None and row.base_version is not None and row.base_version != article.version:
            editor = get_user_model().objects.filter(pk=article.last_edited_by_id).first()
            offer["newer"] = _(
                "%(who)s saved this story at %(when)s, after these changes were typed. If you restore "
                "them, saving will ask you to bring the two versions together; nothing is lost."
            ) % {
                "who": (editor.get_full_name() or editor.get_username()) if editor else _("Someone"),
                "when": newsroom_time(article.updated_at),
            }
        found.append(offer)
        if len(found) == OFFERED:
            break
    return found


def _error(message, status):
    return JsonResponse({"error": message}, status=status)


def _clean_fields(raw):
    if not isinstance(raw, dict):
        return None
    fields = {key: value for key, value in raw.items() if key in FIELDS and isinstance(value, str)}
    if "body" in fields:
        fields["body"] = sanitize_html(fields["body"])  # never kept as anything the server would not
    return fields


@require_POST
def save(request):
    """Keep a tab's typed state: JSON {article, tab, version, fields}; answers when it was kept."""
    if len(request.body) > MAX_BYTES:
        return _error(_("Too much text to autosave; save the story instead."), 413)
    try:
        data = json.loads(request.body)
    except ValueError:
        return _error(_("Not an autosave."), 400)
    if not isinstance(data, dict):
        return _error(_("Not an autosave."), 400)
    tab, fields = str(data.get("tab") or ""), _clean_fields(data.get("fields"))
    if not TAB.fullmatch(tab) or fields is None:
        return _error(_("Not an autosave."), 400)
    article = None
    if data.get("article") is not None:
        article = workflow.visible_to(request.user).filter(pk=_number(data["article"])).first()
        if article is None:
            raise Http404
        if not workflow.can_edit(request.user, article):
            return _error(_("Not autosaved: you can no longer edit this story (%(state)s).") % {
                "state": article.state_label}, 403)  # fmt: skip
    elif not request.user.has_perm("articles.add_article"):
        return _error(_("Not autosaved: you cannot write new stories."), 403)
    row, _created = Autosave.objects.update_or_create(
        user=request.user,
        article=article,
        tab=tab,
        defaults={"fields": fields, "base_version": _number(data.get("version")), "saved_at": timezone.now()},
    )
    _trim(request.user, article)
    return JsonResponse({"id": row.pk, "when": timezone.localtime(row.saved_at).strftime("%H:%M:%S")})


@require_POST
def discard(request):
    """Throw away one of the user's own autosaves (declined, or restored into another tab): JSON {id}."""
    try:
        pk = _number(json.loads(request.body).get("id"))
    except (ValueError, AttributeError):
        return _error(_("Not an autosave."), 400)
    deleted, _rows = Autosave.objects.filter(pk=pk, user=request.user).delete()
    return JsonResponse({"deleted": bool(deleted)})


def forget(request, article, created):
    """After a successful save: the saving tab's autosave is in the story now."""
    tab = request.POST.get("_autosave_tab", "")
    if not TAB.fullmatch(tab):
        return
    Autosave.objects.filter(user=request.user, article=article, tab=tab).delete()
    if created:
        Autosave.objects.filter(user=request.user, article=None, tab=tab).delete()


def _trim(user, article):
    keep = Autosave.objects.filter(user=user, article=article).order_by("-saved_at")[:KEEP_PER_ARTICLE]
    Autosave.objects.filter(user=user, article=article).exclude(
        pk__in=list(keep.values_list("pk", flat=True))
    ).delete()


def _number(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
