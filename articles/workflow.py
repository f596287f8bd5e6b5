"""The editorial workflow: who may do what to an article, and the actions that do it.

Every action checks the user's permission on the server and raises PermissionDenied
otherwise, so the admin's buttons, its bulk actions, a hand-made POST, `load_demo` and
the tests all behave the same. The allowed state changes live in `Article.TRANSITIONS`.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from articles.models import Article, Author, Revision, Summary, WorkflowEvent

PUBLISH = "articles.publish_article"
APPROVE_SUMMARY = "articles.approve_summary"
EDIT_ANY = "articles.edit_any_article"

# Fields whose change means readers are told about an update, and approval must be looked at again.
CONTENT_FIELDS = ("headline", "standfirst", "body")


def require_permission(user, perm):
    if not user.has_perm(perm):
        raise PermissionDenied(_("You do not have permission to do that."))


def owned_by(user):
    """Articles the user created or writes as one of the authors."""
    return Q(created_by=user) | Q(Exists(Author.objects.filter(articles=OuterRef("pk"), user=user)))


def visible_to(user, queryset=None):
    """The articles a staff user may see in the admin and preview."""
    queryset = Article.objects.all() if queryset is None else queryset
    if not (user.is_active and user.is_staff):
        return queryset.none()
    if user.has_perm(EDIT_ANY):
        return queryset
    if not user.has_perm("articles.view_article"):
        return queryset.none()
    return queryset.filter(owned_by(user))


def can_view(user, article):
    return visible_to(user, Article.objects.filter(pk=article.pk)).exists()


def can_edit(user, article):
    """Editors edit anything; writers their own drafts and articles returned to them."""
    if not user.has_perm("articles.change_article"):
        return False
    if user.has_perm(EDIT_ANY):
        return True
    if article.pk is None:
        return True
    editable = article.status in {Article.Status.DRAFT, Article.Status.UNPUBLISHED}
    return editable and can_view(user, article)


def can_share(user):
    """Whether a user may create and revoke share links for someone without an account."""
    return user.is_active and user.is_staff and user.has_perm(PUBLISH)


def can_delete(user, article):
    """Nobody but a superuser deletes an article that has ever been published: unpublish instead."""
    if user.is_superuser:
        return True
    if article.first_published_at is not None or article.status == Article.Status.PUBLISHED:
        return False
    return user.has_perm("articles.delete_article") and can_edit(user, article)


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


@transaction.atomic
def publish(article, *, by, at=None, note=""):
    """Publish now, or schedule when `at` (or the article's own publish time) lies in the future."""
    require_permission(by, PUBLISH)
    now = timezone.now()
    old = article.status
    article.move_to(Article.Status.PUBLISHED)
    if at is not None:
        article.publish_at = at
    elif article.publish_at is None or article.publish_at < now or old == Article.Status.PUBLISHED:
        # A past time would backdate the story; pressing Publish on a scheduled article means now.
        article.publish_at = now
    if article.first_published_at is None or article.first_published_at > now:
        # Set once, when it first goes (or is scheduled to go) live; republishing keeps it.
        article.first_published_at = article.publish_at
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
    if article.first_published_at and article.first_published_at > timezone.now():
        article.first_published_at = None  # a scheduled article withdrawn before it went live
    article.last_edited_by = by
    article.save()
    _record(article, by=by, action="unpublish", old_status=old, note=note)


@transaction.atomic
def approve_summary(summary, *, by, revision=None):
    """Approve the summary against the article's latest revision; only approvers may."""
    require_permission(by, APPROVE_SUMMARY)
    if not summary.text.strip():
        raise PermissionDenied(_("An empty summary cannot be approved."))
    summary.approved_by = by
    summary.approved_at = timezone.now()
    summary.approved_revision = revision or summary.article.revisions.first()
    summary.save(update_fields=["approved_by", "approved_at", "approved_revision", "updated_at"])


def withdraw_approval(summary):
    summary.approved_by = None
    summary.approved_at = None
    summary.approved_revision = None
    summary.save(update_fields=["approved_by", "approved_at", "approved_revision", "updated_at"])


def summary_is_stale(summary):
    """True when the body changed after the revision the summary was approved against."""
    if not summary.is_approved or summary.approved_revision is None:
        return False
    approved_body = summary.approved_revision.content.get("body")
    return approved_body is not None and approved_body != summary.article.body


def snapshot(article):
    """The content a revision keeps: enough to show a diff and to restore."""
    summary = Summary.objects.filter(article=article).first()
    return {
        "headline": article.headline,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "language": article.language,
        "section": article.section_id,
        "section_name": str(article.section),
        "authors": sorted(article.authors.values_list("pk", flat=True)),
        "author_names": sorted(str(a) for a in article.authors.all()),
        "tags": sorted(article.tags.values_list("pk", flat=True)),
        "tag_names": sorted(str(t) for t in article.tags.all()),
        "publish_at": article.publish_at.isoformat() if article.publish_at else None,
        "lead_image": article.lead_image.name or "",
        "lead_image_caption": article.lead_image_caption,
        "lead_image_credit": article.lead_image_credit,
        "summary": summary.text if summary else "",
    }


def save_revision(article, *, by, is_substantive=False, note=""):
    """Keep a revision of the article as it is now in the database, numbered in order."""
    last = article.revisions.order_by("-number").first()
    content = snapshot(article)
    if not note:
        if last is None:
            note = _("Created")
        elif changed := changed_fields(last.content, content):
            note = _("Changed: %s") % ", ".join(map(str, changed))
        else:
            note = _("Saved without changes")
    return Revision.objects.create(
        article=article,
        number=(last.number if last else 0) + 1,
        created_by=by,
        is_substantive=is_substantive,
        note=note[:300],
        content=content,
    )


def changed_fields(old, new):
    """Names of the content fields that differ between two snapshots."""
    labels = {
        "headline": _("Headline"),
        "slug": _("Slug"),
        "standfirst": _("Standfirst"),
        "body": _("Body"),
        "summary": _("Summary"),
        "section": _("Section"),
        "authors": _("Authors"),
        "tags": _("Tags"),
        "publish_at": _("Publish at"),
        "language": _("Language"),
        "lead_image": _("Lead image"),
        "lead_image_caption": _("Caption"),
        "lead_image_credit": _("Credit"),
    }
    return [label for key, label in labels.items() if (old or {}).get(key) != new.get(key)]


@transaction.atomic
def restore_revision(revision, *, by):
    """Put an old revision's content back; the restore is itself a new revision."""
    article = Article.objects.select_for_update().get(pk=revision.article_id)
    if not can_edit(by, article) or not by.has_perm(EDIT_ANY):
        raise PermissionDenied(_("Only editors can restore a revision."))
    data = revision.content
    for field in (
        "headline",
        "slug",
        "standfirst",
        "body",
        "language",
        "lead_image_caption",
        "lead_image_credit",
    ):
        setattr(article, field, data.get(field, getattr(article, field)))
    if data.get("section"):
        article.section_id = data["section"]
    article.last_edited_by = by
    article.save()
    article.authors.set(data.get("authors", []))
    article.tags.set(data.get("tags", []))
    summary = Summary.objects.filter(article=article).first()
    if data.get("summary") is not None and (summary or data.get("summary")):
        summary = summary or Summary(article=article)
        if summary.text != data["summary"]:
            summary.text = data["summary"]
            summary.approved_by = summary.approved_at = summary.approved_revision = None
            summary.save()
    return save_revision(article, by=by, note=_("Restored from revision %(n)s") % {"n": revision.number})


def plain_paragraphs(html):
    """Body HTML as a list of plain-text paragraphs, for diffs."""
    parts = (html or "").replace("</p>", "\n").replace("<br>", "\n").replace("</li>", "\n")
    parts = parts.replace("</h2>", "\n").replace("</h3>", "\n").replace("</blockquote>", "\n")
    return [line.strip() for line in strip_tags(parts).splitlines() if line.strip()]
