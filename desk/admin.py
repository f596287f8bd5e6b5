"""What the desk adds to the article admin, through articles/admin/extensions.py (the article admin
imports nothing from here): the presence and autosave box at the top of the change form, the check
that refuses a save while someone else holds the story, forgetting an autosave once it is saved,
and "Anna Petrova is editing" in the article list."""

from django.conf import settings
from django.urls import reverse

from articles import workflow
from articles.admin import extensions
from articles.admin.display import newsroom_time
from desk import autosave, presence


def change_form_panel(request, article):
    """Presence and autosave on the change form (and autosave alone on the add form)."""
    user = request.user
    editable = user.has_perm("articles.add_article") if article is None else workflow.can_edit(user, article)
    if not editable:
        return None
    lock = presence.holder(article, user) if article is not None else None
    context = {
        "article_id": article.pk if article is not None else "",
        "version": article.version if article is not None else "",
        "autosave_url": reverse("admin:desk-autosave"),
        "discard_url": reverse("admin:desk-autosave-discard"),
        "autosave_seconds": settings.DESK_AUTOSAVE_SECONDS,
        "heartbeat_seconds": settings.DESK_HEARTBEAT_SECONDS,
        "offers": autosave.offers(user, article),
        "presence_url": reverse("admin:desk-presence", args=[article.pk]) if article is not None else "",
        "holder_text": presence.describe(_state(lock, user)) if lock else "",
        "outside_template": "admin/desk/take_over_form.html" if article is not None else "",
    }
    return "admin/desk/change_form_panel.html", context


def _state(lock, user):
    if lock.taken_from_id == user.pk:
        return {"state": "taken", "holder": presence.name(lock.user), "at": newsroom_time(lock.taken_at)}
    return {"state": "watching", "holder": presence.name(lock.user), "since": "", "same_user": False}


def editing_in_list(request, articles):
    names = presence.editing_now([a.pk for a in articles], exclude_user=request.user)
    return {pk: f"✎ {name}" for pk, name in names.items()}


extensions.register_panel(change_form_panel, top=True)
extensions.register_save_check(presence.save_check)
extensions.register_after_save(autosave.forget)
extensions.register_row_note(editing_in_list)
