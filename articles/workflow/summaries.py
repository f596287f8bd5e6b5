"""Summary approval: who approved a summary, when, and against which revision of the article."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.workflow.permissions import APPROVE_SUMMARY, require_permission


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
