"""The article form's inlines: its summary (with approval) and its corrections."""

from django.contrib import admin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles import workflow
from articles.admin.display import newsroom_time
from articles.admin.forms import SummaryForm
from articles.models import Notice, Summary


class SummaryInline(admin.StackedInline):
    model = Summary
    form = SummaryForm
    can_delete = False
    extra = 1
    max_num = 1
    readonly_fields = ["provenance", "approval"]

    def get_fields(self, request, obj=None):
        fields = ["text", "provenance", "approval"]
        if request.user.has_perm(workflow.APPROVE_SUMMARY):
            fields.insert(1, "approve")
        return fields

    @admin.display(description=gettext_lazy("Origin"))
    def provenance(self, summary):
        if not summary.pk:
            return "—"
        backend = f" ({summary.backend})" if summary.backend else ""
        return f"{summary.get_origin_display()}{backend}"

    @admin.display(description=gettext_lazy("Approval"))
    def approval(self, summary):
        if not (summary.pk and summary.is_approved):
            return _("Not approved: readers do not see it.")
        text = _("Approved by %(who)s, %(when)s, against revision %(rev)s.") % {
            "who": summary.approved_by or _("unknown"),
            "when": newsroom_time(summary.approved_at),
            "rev": summary.approved_revision.number if summary.approved_revision else "—",
        }
        if workflow.summary_is_stale(summary):
            text += " " + _("The body has changed since: confirm the summary still holds.")
        return text


class NoticeInline(admin.TabularInline):
    model = Notice
    extra = 0
    fields = ["kind", "text", "created_at"]
    verbose_name_plural = gettext_lazy("Corrections and clarifications (shown to readers)")

    def _allowed(self, request, obj):
        # Only for a story readers have seen: a scheduled one has nothing to correct yet.
        return request.user.has_perm(workflow.PUBLISH) and obj is not None and obj.has_been_public

    def has_add_permission(self, request, obj):
        return self._allowed(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request, obj)

    def has_view_permission(self, request, obj=None):
        return obj is not None
