"""Edit presence: who is editing a story now, kept alive by the change form's heartbeat.

One lock per article (EditLock). The first tab to open a story's form holds it while its heartbeat
keeps coming; anyone else who opens the form sees "Anna Petrova is editing this story now" and may
take over, as in WordPress. The tab that lost it is told at its next heartbeat, and from then on its
user's save is refused (desk/admin.py registers the check) with a message that keeps everything
typed, until they take the story back. The version check stays in force underneath: whoever saves
over a newer version is refused, lock or not.
"""

import json
import re
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from articles import workflow
from articles.admin.display import newsroom_time
from articles.models import Article
from desk.models import EditLock

TAB = re.compile(r"[A-Za-z0-9_-]{8,40}")


def lock_seconds():
    """A lock without a heartbeat for three beats is free again (a closed tab, a lost connection)."""
    return settings.DESK_HEARTBEAT_SECONDS * 3


def fresh(now=None):
    return EditLock.objects.filter(
        heartbeat_at__gt=(now or timezone.now()) - timedelta(seconds=lock_seconds())
    )


def name(user):
    return user.get_full_name() or user.get_username() if user else _("Someone")


def holder(article, user=None):
    """The fresh lock on the article held by someone other than `user`, or None."""
    lock = fresh().select_related("user", "taken_from").filter(article=article).first()
    if lock is None or (user is not None and lock.user_id == user.pk):
        return None
    return lock


def editing_now(article_ids, *, exclude_user=None):
    """{article pk: "Anna Petrova"} for the articles someone is editing now (one query)."""
    locks = fresh().filter(article_id__in=article_ids).select_related("user")
    if exclude_user is not None:
        locks = locks.exclude(user=exclude_user)
    return {lock.article_id: name(lock.user) for lock in locks}


@transaction.atomic
def beat(article, user, tab, *, claim, take_over, previous_tab=""):
    """One heartbeat from a tab: claim, keep, observe or take over the lock. Returns the state.

    `previous_tab` is the same browser tab's id before it reloaded (after a save, say): its lock
    carries over instead of looking like someone else's.
    """
    now = timezone.now()
    lock = EditLock.objects.select_for_update().filter(article=article).first()
    is_fresh = lock is not None and lock.heartbeat_at > now - timedelta(seconds=lock_seconds())
    mine = lock is not None and lock.user_id == user.pk and lock.tab in {tab, previous_tab or tab}
    if (lock is None and claim) or mine or (not is_fresh and claim) or take_over:
        if mine:
            lock.tab = tab
        else:
            taken = is_fresh and not mine and take_over
            lock = lock or EditLock(article=article)
            lock.taken_from_id, lock.taken_from_tab = (lock.user_id, lock.tab) if taken else (None, "")
            lock.taken_at = now if taken else None
            lock.user, lock.tab, lock.started_at = user, tab, now
        lock.heartbeat_at = now
        lock.save()
        return {"state": "editing"}
    if not is_fresh:
        return {"state": "free"}
    lock_user = lock.user
    if lock.taken_from_id == user.pk and lock.taken_from_tab in {tab, previous_tab or tab}:
        return {"state": "taken", "holder": name(lock_user), "at": newsroom_time(lock.taken_at)}
    return {
        "state": "watching",
        "holder": name(lock_user),
        "since": newsroom_time(lock.started_at),
        "same_user": lock.user_id == user.pk,
    }


def describe(state):
    """What the form says about a heartbeat's state."""
    match state["state"]:
        case "watching" if state["same_user"]:
            return _("You are editing this story in another tab (since %(since)s).") % state
        case "watching":
            return _("%(holder)s is editing this story now.") % state
        case "taken":
            return (
                _(
                    "%(holder)s took over this story at %(at)s. Nothing you typed is lost: it stays in this "
                    "form and in your autosave. Take it back to save it, or reload to see their version."
                )
                % state
            )
        case "free":
            return _("Nobody is editing this story now.")
    return ""


def _visible_article(request, article_id):
    article = workflow.visible_to(request.user).filter(pk=article_id).first()
    if article is None:
        raise Http404
    return article


@require_POST
def heartbeat(request, article_id):
    """JSON for the form's script; a plain form POST (Take over without JavaScript) redirects back."""
    article = _visible_article(request, article_id)
    is_json = request.content_type == "application/json"
    try:
        data = json.loads(request.body or b"{}") if is_json else request.POST
    except ValueError:
        data = None
    if not hasattr(data, "get"):
        return JsonResponse({"error": _("Not a heartbeat.")}, status=400)
    tab = str(data.get("tab") or "")
    if not TAB.fullmatch(tab):
        tab = "form-" + request.session.session_key[:30] if request.session.session_key else "form-nojs00"
    if data.get("release"):
        # The tab is going away (closed, or navigating off the form): free the story at once.
        EditLock.objects.filter(article=article, user=request.user, tab=tab).delete()
        return HttpResponse(status=204)
    previous_tab = str(data.get("previous_tab") or "")
    if not workflow.can_edit(request.user, article):
        state = {"state": "readonly"}
    else:
        state = beat(
            article,
            request.user,
            tab,
            claim=bool(data.get("claim")),
            take_over=bool(data.get("take_over")),
            previous_tab=previous_tab if TAB.fullmatch(previous_tab) else "",
        )
    if not is_json:
        if state["state"] == "editing":
            messages.success(request, _("You have taken over this story: your saves go through again."))
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
    current = Article.objects.filter(pk=article.pk).values("version").first() or {}
    return JsonResponse({**state, "message": describe(state), "version": current.get("version")})


def save_check(request, article):
    """Refuse a save while someone else holds the story (their take-over, or their open form)."""
    if request is None:
        return None
    lock = holder(article, request.user)
    if lock is None:
        return None
    if lock.taken_from_id == request.user.pk:
        return _(
            "%(holder)s took over this story at %(at)s. Nothing of yours has been saved: your text is "
            "still in the form below. Take the story back to save it, or bring your changes to them."
        ) % {"holder": name(lock.user), "at": newsroom_time(lock.taken_at)}
    return _(
        "%(holder)s is editing this story now. Nothing of yours has been saved: your text is still in "
        "the form below. Take over to save it, or bring your changes to them."
    ) % {"holder": name(lock.user)}
