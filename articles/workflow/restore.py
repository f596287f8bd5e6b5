"""Restoring a revision: what it can bring back, what it cannot and why, and doing it.

A revision is a snapshot, and the world moves on: its slug may now belong to another article, its
section, an author or a tag may have been deleted since. Restore brings back everything that still
can come back and keeps the current value for the rest, saying which and why (`RestorePlan.kept`);
the editor sees the plan before confirming. The publication time is never restored (that would
reschedule); the lead image comes back if it is still in the image library.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article, Author, Section, Summary, Tag
from articles.workflow.permissions import EDIT_ANY, can_edit
from articles.workflow.revisions import CONTENT_FIELDS, changed_fields, save_revision, snapshot
from images.models import Image

TEXT_FIELDS = ("headline", "standfirst", "body", "language", "lead_image_caption")
CHANGE_KINDS = ("update", "fix")


@dataclass
class RestorePlan:
    """What restoring a revision would do to the article as it is now."""

    values: dict = field(default_factory=dict)  # field name -> value to set
    authors: list | None = None  # author ids to set, or None to keep the current ones
    tags: list | None = None
    summary: str | None = None
    changes: list = field(default_factory=list)  # labels of what comes back
    kept: list = field(default_factory=list)  # what cannot come back, and why

    @property
    def changes_content(self):
        return any(self.values.get(name) is not None for name in CONTENT_FIELDS)


def restore_plan(revision, article=None):
    """Work out what restoring `revision` brings back to `article` (its current state)."""
    article = article or revision.article
    data = revision.content
    plan = RestorePlan()
    for name in TEXT_FIELDS:
        if name in data and data[name] != getattr(article, name):
            plan.values[name] = data[name]
    _plan_slug(plan, article, data.get("slug"))
    _plan_section(plan, article, data)
    plan.authors = _plan_relation(
        plan, Author, data.get("authors"), data.get("author_names"), _("author"), article.authors
    )
    plan.tags = _plan_relation(plan, Tag, data.get("tags"), data.get("tag_names"), _("tag"), article.tags)
    summary = Summary.objects.filter(article=article).first()
    if data.get("summary") is not None and data["summary"] != (summary.text if summary else ""):
        plan.summary = data["summary"]
    _plan_lead_image(plan, article, data)
    after = snapshot(article) | _planned_snapshot(plan)
    plan.changes = changed_fields(snapshot(article), after)
    return plan


def _plan_slug(plan, article, slug):
    if not slug or slug == article.slug:
        return
    owner = Article.objects.filter(slug=slug).exclude(pk=article.pk).only("headline").first()
    if owner is None:
        plan.values["slug"] = slug
    else:
        plan.kept.append(
            _("The address “%(slug)s” now belongs to “%(other)s”: the current address “%(current)s” stays.")
            % {"slug": slug, "other": owner.headline, "current": article.slug}
        )


def _plan_lead_image(plan, article, data):
    if "lead_image" not in data or data["lead_image"] == article.lead_image_id:
        return
    lead = data["lead_image"]
    if lead is None or (isinstance(lead, int) and Image.objects.filter(pk=lead).exists()):
        plan.values["lead_image_id"] = lead
    else:
        plan.kept.append(
            _("The lead image “%(old)s” has been deleted from the library: the current one stays.")
            % {"old": data.get("lead_image_title") or lead}
        )


def _plan_section(plan, article, data):
    section_id = data.get("section")
    if not section_id or section_id == article.section_id:
        return
    if Section.objects.filter(pk=section_id).exists():
        plan.values["section_id"] = section_id
    else:
        plan.kept.append(
            _("The section “%(old)s” has been deleted: the article stays in “%(current)s”.")
            % {"old": data.get("section_name") or section_id, "current": article.section}
        )


def _plan_relation(plan, model, ids, names, label, current):
    """The ids of the revision's authors (or tags) that still exist; None keeps the current ones."""
    if ids is None:
        return None
    existing = dict(model.objects.filter(pk__in=ids).values_list("pk", "name"))
    if len(existing) < len(ids):
        gone = [name for name in names or [] if name not in existing.values()] or [
            str(pk) for pk in ids if pk not in existing
        ]
        plan.kept.append(
            _("Deleted since this revision, so not restored: %(what)s %(names)s.")
            % {"what": label, "names": ", ".join(f"“{name}”" for name in gone)}
        )
    restored = sorted(existing)
    if model is Author and not restored:
        plan.kept.append(_("None of the revision's authors exist any more: the current authors stay."))
        return None
    return None if set(restored) == set(current.values_list("pk", flat=True)) else restored


def _planned_snapshot(plan):
    """The snapshot keys the plan would change, for naming what comes back."""
    planned = {name: value for name, value in plan.values.items() if not name.endswith("_id")}
    if "section_id" in plan.values:
        planned["section"] = plan.values["section_id"]
    if "lead_image_id" in plan.values:
        planned["lead_image"] = plan.values["lead_image_id"]
    if plan.authors is not None:
        planned["authors"] = plan.authors
    if plan.tags is not None:
        planned["tags"] = plan.tags
    if plan.summary is not None:
        planned["summary"] = plan.summary
    return planned


@transaction.atomic
def restore_revision(revision, *, by, change_kind=None):
    """Put back what an old revision can bring back; the restore is itself a new revision.

    For an article readers have seen, a change of headline, standfirst or body needs `change_kind`,
    "update" (readers see an Updated time) or "fix", as a save from the form does. Returns the new
    revision and the plan that was carried out (its `kept` says what could not be restored).
    """
    article = Article.objects.select_for_update().get(pk=revision.article_id)
    if not can_edit(by, article) or not by.has_perm(EDIT_ANY):
        raise PermissionDenied(_("Only editors can restore a revision."))
    plan = restore_plan(revision, article)
    is_update = False
    if article.has_been_public and plan.changes_content:
        if change_kind not in CHANGE_KINDS:
            raise ValidationError(
                _("This article has been published: say whether this restore is an update or a fix."),
                code="change_kind",
            )
        is_update = change_kind == "update"
    for name, value in plan.values.items():
        setattr(article, name, value)
    if is_update:
        article.content_updated_at = timezone.now()
    article.last_edited_by = by
    article.save()
    if plan.authors is not None:
        article.authors.set(plan.authors)
    if plan.tags is not None:
        article.tags.set(plan.tags)
    if plan.summary is not None:
        summary = Summary.objects.filter(article=article).first() or Summary(article=article)
        summary.text = plan.summary
        summary.approved_by = summary.approved_at = summary.approved_revision = None
        summary.save()
    new = save_revision(
        article,
        by=by,
        is_substantive=is_update,
        note=_("Restored from revision %(n)s") % {"n": revision.number},
    )
    return new, plan
