"""The state changes: submit for review, return to the writer, publish (or schedule), unpublish.

The allowed changes are one table, `Article.TRANSITIONS`; each action here checks the user's
permission, moves the article through `Article.move_to()` and logs a WorkflowEvent.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article, WorkflowEvent
from articles.models.figures import pictures_of
from articles.workflow.permissions import PUBLISH, can_edit, require_permission


def allowed_actions(user, article):
    """The workflow buttons this user may press for this article now."""
    actions = []
    status = article.status
    if Article.Status.IN_REVIEW in Article.TRANSITIONS[status] and can_edit(user, article):
        actions.append("submit")
    if user.has_perm(PUBLISH):
        if status == Article.Status.IN_REVIEW:
            actions.append("return")
        if status != Article.Status.PUBLISHED or article.is_scheduled:
            actions.append("publish")
        if status == Article.Status.PUBLISHED:
            actions.append("unpublish")
    return actions


def _record(article, *, by, action, old_status, note=""):
    WorkflowEvent.objects.create(
        article=article,
        action=action,
        from_status=old_status,
        to_status=article.status,
        actor=by,
        publish_at=article.publish_at,
        note=note[:500],
    )


@transaction.atomic
def submit_for_review(article, *, by, note=""):
    if not can_edit(by, article):
        raise PermissionDenied(_("You cannot submit this article for review."))
    old = article.status
    article.move_to(Article.Status.IN_REVIEW)
    article.last_edited_by = by
    article.save()
    _record(article, by=by, action="submit", old_status=old, note=note)


@transaction.atomic
def return_to_writer(article, *, by, note=""):
    """An editor sends an article in review back to its writer as a draft, saying why."""
    require_permission(by, PUBLISH)
    old = article.status
    if old != Article.Status.IN_REVIEW:
        raise PermissionDenied(_("Only an article in review can be returned."))
    article.move_to(Article.Status.DRAFT)
    article.save()
    _record(article, by=by, action="return", old_status=old, note=note)


def require_described_pictures(article):
    """Readers who cannot see a picture hear its alt text: every picture needs it (or is decorative)."""
    undescribed = [image for image in pictures_of(article) if not image.has_alt_text]
    if undescribed:
        raise ValidationError(
            _(
                "%(pictures)s %(verb)s no alt text. Describe each picture in the image library, or mark "
                "it decorative, then publish."
            )
            % {
                "pictures": ", ".join(f"“{image}”" for image in undescribed),
                "verb": _("has") if len(undescribed) == 1 else _("have"),
            }
        )


@transaction.atomic
def publish(article, *, by, at=None, note=""):
    """Publish now, or schedule when `at` (or the article's own publish time) lies in the future."""
    require_permission(by, PUBLISH)
    require_described_pictures(article)
    now = timezone.now()
    old = article.status
    article.move_to(Article.Status.PUBLISHED)
    if at is not None:
        article.publish_at = at
    elif article.publish_at is None or article.publish_at < now or old == Article.Status.PUBLISHED:
        # A past time would backdate the story; pressing Publish on a scheduled article means now.
        article.publish_at = now
    # first_published_at follows in Article.save(): now if it goes live now, never a future time.
    article.last_edited_by = by
    article.save()
    _record(
        article,
        by=by,
        action="schedule" if article.publish_at > now else "publish",
        old_status=old,
        note=note,
    )


@transaction.atomic
def unpublish(article, *, by, note=""):
    require_permission(by, PUBLISH)
    old = article.status
    article.move_to(Article.Status.UNPUBLISHED)
    article.last_edited_by = by
    article.save()
    _record(article, by=by, action="unpublish", old_status=old, note=note)
