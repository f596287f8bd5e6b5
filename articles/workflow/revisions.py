"""Revisions: every save keeps a snapshot of the article; editors compare and restore them."""

from django.utils.translation import gettext as _

from articles.models import Revision, Summary

# Fields whose change means readers are told about an update, and approval must be looked at again.
CONTENT_FIELDS = ("headline", "standfirst", "body")


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
        # The library image's id (a path before issue 12's migration 0009 rewrote old snapshots).
        "lead_image": article.lead_image_id,
        "lead_image_title": str(article.lead_image) if article.lead_image_id else "",
        "lead_image_caption": article.lead_image_caption,
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
        "lead_image_caption": _("Lead image caption"),
    }
    return [label for key, label in labels.items() if (old or {}).get(key) != new.get(key)]
