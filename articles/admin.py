"""The editors' side. The admin stays thin: buttons and bulk actions call `articles.workflow`,
which checks every permission on the server."""

import difflib

from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles import assistant, workflow
from articles.admin_preview import PreviewAdminMixin
from articles.forms import ArticleForm, SummaryForm
from articles.models import Article, Author, Notice, Section, Summary, SummarySuggestion, Tag

WORKFLOW_ACTIONS = {
    "submit": (gettext_lazy("Submit for review"), workflow.submit_for_review),
    "return": (gettext_lazy("Return to writer"), workflow.return_to_writer),
    "publish": (gettext_lazy("Publish"), workflow.publish),
    "unpublish": (gettext_lazy("Unpublish"), workflow.unpublish),
}


class EstimatedCountPaginator(Paginator):
    """On PostgreSQL, trust the planner's row estimate for big lists instead of a full COUNT.

    Exact counts of hundreds of thousands of rows cost a sequential scan on every changelist
    load; page links only need to be about right at that size.
    """

    EXACT_BELOW = 10_000

    @cached_property
    def count(self):
        queryset = self.object_list
        if connection.vendor == "postgresql" and hasattr(queryset, "query"):
            sql, params = queryset.order_by().values("pk").query.sql_with_params()
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
                estimate = cursor.fetchone()[0][0]["Plan"]["Plan Rows"]
            if estimate >= self.EXACT_BELOW:
                return int(estimate)
        return super().count


def newsroom_time(value):
    """A time in the newsroom's zone, with the zone named, so nobody schedules the wrong hour."""
    return date_format(timezone.localtime(value), "j M Y, H:i T") if value else "—"


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "user"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    raw_id_fields = ["user"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


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
        return (
            request.user.has_perm(workflow.PUBLISH) and obj is not None and obj.first_published_at is not None
        )

    def has_add_permission(self, request, obj):
        return self._allowed(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request, obj)

    def has_view_permission(self, request, obj=None):
        return obj is not None


class StateFilter(admin.SimpleListFilter):
    title = gettext_lazy("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("draft", _("Draft")),
            ("review", _("In review")),
            ("scheduled", _("Scheduled")),
            ("live", _("Published")),
            ("unpublished", _("Unpublished")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        match self.value():
            case "scheduled":
                return queryset.filter(status=Article.Status.PUBLISHED, publish_at__gt=now)
            case "live":
                return queryset.public()
            case "draft" | "review" | "unpublished" as status:
                return queryset.filter(status=status)
        return queryset


@admin.register(Article)
class ArticleAdmin(PreviewAdminMixin, admin.ModelAdmin):
    form = ArticleForm
    list_display = ["headline", "section", "state", "publish_time", "language", "preview_link"]
    list_filter = [StateFilter, "section", "authors", "language"]
    list_select_related = ["section"]
    search_fields = ["headline"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["authors", "tags"]
    inlines = [SummaryInline, NoticeInline]
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    list_per_page = 50
    actions = ["publish_selected", "unpublish_selected", "suggest_summaries"]
    readonly_fields = ["state", "history"]

    def get_fieldsets(self, request, obj=None):
        main = ["headline", "slug", "standfirst", "body", "language"]
        fieldsets = [
            (None, {"fields": [*main, "edit_version"]}),
            (_("Placement"), {"fields": ["section", "authors", "tags", "publish_at"]}),
            (_("Lead image"), {"fields": ["lead_image", "lead_image_caption", "lead_image_credit"]}),
        ]
        if obj is not None:
            fieldsets.insert(0, (_("State"), {"fields": ["state"]}))
            if obj.first_published_at:
                fieldsets.append((_("Saving a published article"), {"fields": ["change_kind"]}))
            fieldsets.append((_("Workflow history"), {"fields": ["history"], "classes": ["collapse"]}))
        return fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)

        class RequestForm(form_class):
            def __init__(self, *args, **inner):
                super().__init__(*args, request=request, **inner)

        return RequestForm

    def get_view_on_site_url(self, obj=None):
        # Only a public article has a page on the site; the rest have Preview.
        return obj.get_absolute_url() if obj is not None and obj.is_public else None

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.has_perm(workflow.PUBLISH):
            readonly.append("publish_at")  # writers cannot schedule, not even by a hand-made POST
        return readonly

    # Permissions: the admin's views ask these, and the workflow module answers.

    def get_queryset(self, request):
        return workflow.visible_to(request.user, super().get_queryset(request))

    def has_view_permission(self, request, obj=None):
        if obj is not None:
            return workflow.can_view(request.user, obj)
        return super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        if obj is not None:
            return workflow.can_edit(request.user, obj)
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None:
            return workflow.can_delete(request.user, obj)
        return super().has_delete_permission(request, obj)

    def has_publish_permission(self, request):
        return request.user.has_perm(workflow.PUBLISH)

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location)
        if not request.user.is_superuser:
            # Bulk delete would bypass the per-article rule that published articles stay.
            actions.pop("delete_selected", None)
        return actions

    # Columns

    @admin.display(description=gettext_lazy("State"), ordering="status")
    def state(self, article):
        if article.is_scheduled:
            return _("Scheduled: goes live %(when)s") % {"when": newsroom_time(article.publish_at)}
        return article.state_label

    @admin.display(description=gettext_lazy("Publish at"), ordering="publish_at")
    def publish_time(self, article):
        return newsroom_time(article.publish_at)

    @admin.display(description=gettext_lazy("History"))
    def history(self, article):
        events = article.workflow_events.select_related("actor")[:50]
        if not events:
            return _("No workflow changes yet.")
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{} → {}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    newsroom_time(e.at),
                    e.actor or "—",
                    e.get_from_status_display(),
                    e.get_to_status_display(),
                    e.action,
                    e.note,
                )
                for e in events
            ),
        )
        head = format_html(
            "<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
            _("When"), _("Who"), _("State"), _("Action"), _("Note"),
        )  # fmt: skip
        return format_html("<table>{}{}</table>", head, rows)

    # Saving: content, then revision and summary approval, then the workflow button pressed.

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.last_edited_by = request.user
        if change and obj.first_published_at and form.cleaned_data.get("change_kind") == "update":
            obj.content_updated_at = timezone.now()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        user = request.user
        summary_form = self._summary_form(formsets)
        summary = Summary.objects.filter(article=article).select_related("approved_revision").first()
        summary_text_changed = summary_form is not None and "text" in summary_form.changed_data
        revision = workflow.save_revision(
            article, by=user, is_substantive=form.cleaned_data.get("change_kind") == "update"
        )
        if summary is not None:
            can_approve = user.has_perm(workflow.APPROVE_SUMMARY)
            wants_approval = bool(summary_form and summary_form.cleaned_data.get("approve"))
            if can_approve and wants_approval and summary.text.strip():
                if not summary.is_approved or summary_text_changed or "approve" in summary_form.changed_data:
                    workflow.approve_summary(summary, by=user, revision=revision)
            elif summary.is_approved and (
                (can_approve and summary_form is not None and not wants_approval)
                or (not can_approve and (summary_text_changed or form.content_changed))
            ):
                workflow.withdraw_approval(summary)
                if not can_approve:
                    messages.warning(
                        request, _("The summary's approval was withdrawn: an editor must approve it again.")
                    )
        self._run_workflow_action(request, article)

    @staticmethod
    def _summary_form(formsets):
        for formset in formsets:
            if formset.model is Summary and formset.forms:
                return formset.forms[0]
        return None

    def _run_workflow_action(self, request, article):
        if self._run_assistant_action(request, article):
            return
        action = request.POST.get("_workflow")
        if action == "confirm-summary":
            summary = Summary.objects.filter(article=article).first()
            try:
                if summary is None:
                    raise PermissionDenied(_("There is no summary to confirm."))
                workflow.approve_summary(summary, by=request.user)
            except PermissionDenied as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("The summary is confirmed against the current text."))
            return
        if action not in WORKFLOW_ACTIONS:
            return
        label, function = WORKFLOW_ACTIONS[action]
        note = request.POST.get("_workflow_note", "").strip()
        try:
            with transaction.atomic():
                article.refresh_from_db()
                function(article, by=request.user, note=note)
        except (PermissionDenied, ValidationError) as error:
            messages.error(
                request, _("%(action)s refused: %(reason)s") % {"action": label, "reason": _message(error)}
            )
        else:
            article.refresh_from_db()
            messages.success(request, _("%(action)s: the article is now %(state)s.") % {
                "action": label, "state": self.state(article)})  # fmt: skip

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["workflow_buttons"] = [
                (name, WORKFLOW_ACTIONS[name][0]) for name in workflow.allowed_actions(request.user, obj)
            ]
            summary = Summary.objects.filter(article=obj).select_related("approved_revision").first()
            context["summary_is_stale"] = (
                summary is not None
                and workflow.summary_is_stale(summary)
                and request.user.has_perm(workflow.APPROVE_SUMMARY)
            )
            context["revisions_url"] = reverse("admin:articles_article_revisions", args=[obj.pk])
            context["time_zone"] = timezone.get_current_timezone_name()
            context["summary_assistant"] = self._assistant_panel(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    # Bulk actions

    @admin.action(description=gettext_lazy("Publish selected"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._bulk(request, queryset, workflow.publish, _("published"))

    @admin.action(description=gettext_lazy("Unpublish selected"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self._bulk(request, queryset, workflow.unpublish, _("unpublished"))

    def _bulk(self, request, queryset, function, done_word):
        done, skipped = [], []
        for article in queryset.select_for_update():
            try:
                with transaction.atomic():
                    function(article, by=request.user, note=_("bulk action"))
                done.append(article.headline)
            except (PermissionDenied, ValidationError) as error:
                skipped.append(f"“{article.headline}”: {_message(error)}")
        if done:
            messages.success(request, _("%(n)d %(word)s.") % {"n": len(done), "word": done_word})
        if skipped:
            messages.warning(
                request, _("Skipped %(n)d: %(why)s") % {"n": len(skipped), "why": "; ".join(skipped)}
            )

    # Summary assistant (issue 6): "Suggest summary" and "Use suggestion" on the change form,
    # and a bulk action. Each saves the form first, like the workflow buttons.

    @admin.action(description=gettext_lazy("Suggest summaries for selected"), permissions=["change"])
    def suggest_summaries(self, request, queryset):
        requested, skipped = [], []
        for article in queryset:
            try:
                requested.append(assistant.request_suggestion(article, by=request.user).pk)
            except PermissionDenied as error:
                skipped.append(f"“{article.headline}”: {_message(error)}")
        if skipped:
            messages.warning(
                request, _("Skipped %(n)d: %(why)s") % {"n": len(skipped), "why": "; ".join(skipped)}
            )
        transaction.on_commit(lambda: self._report_suggestions(request, requested))

    def _run_assistant_action(self, request, article):
        """Handle the assistant's buttons; True when one of them was pressed."""
        if request.POST.get("_workflow") == "suggest-summary":
            try:
                suggestion = assistant.request_suggestion(article, by=request.user)
            except PermissionDenied as error:
                messages.error(request, str(error))
            else:
                # After the admin's transaction commits, the task has run (immediate backend) or is queued.
                transaction.on_commit(lambda: self._report_suggestions(request, [suggestion.pk]))
            return True
        suggestion_id = request.POST.get("_use_suggestion", "")
        if suggestion_id:
            suggestions = SummarySuggestion.objects.filter(article=article)
            suggestion = suggestions.filter(pk=suggestion_id).first() if suggestion_id.isdigit() else None
            try:
                if suggestion is None:
                    raise ValidationError(_("That suggestion does not exist."))
                assistant.use_suggestion(suggestion, by=request.user)
            except (PermissionDenied, ValidationError) as error:
                messages.error(request, _("Use suggestion refused: %s") % _message(error))
            else:
                messages.success(
                    request, _("The suggestion is now the draft summary. It needs an editor's approval.")
                )
            return True
        return False

    def _report_suggestions(self, request, suggestion_ids):
        """Tell the user how their requests went: failures one by one, the rest counted."""
        suggestions = SummarySuggestion.objects.filter(pk__in=suggestion_ids).select_related("article")
        ready, pending = [], []
        for suggestion in suggestions:
            headline = f"“{suggestion.article.headline}”"
            if suggestion.status == SummarySuggestion.Status.FAILED:
                messages.error(
                    request,
                    _("Suggestion failed for %(headline)s: %(error)s")
                    % {"headline": headline, "error": suggestion.error},
                )
            elif suggestion.status == SummarySuggestion.Status.PENDING:
                pending.append(headline)
            else:
                ready.append(f"{headline} ({suggestion.backend})")
        if ready:
            messages.success(request, _("Suggested summary ready: %s.") % "; ".join(ready))
        if pending:
            messages.info(
                request,
                _("Suggestion pending for %s: it appears on the article's form when ready.")
                % "; ".join(pending),
            )

    def _assistant_panel(self, request, article):
        """What the change form shows about suggestions, or None for someone who cannot edit."""
        if not workflow.can_edit(request.user, article):
            return None
        summary = Summary.objects.filter(article=article).first()
        suggestion = assistant.latest_suggestion(article)
        finished = suggestion is not None and suggestion.status in {
            SummarySuggestion.Status.READY,
            SummarySuggestion.Status.USED,
        }
        current_text = summary.text if summary else ""
        return {
            "suggestion": suggestion,
            "summary": summary,
            "requested_at": newsroom_time(suggestion.created_at) if suggestion else "",
            # Offer the suggestion while it differs from the summary as saved.
            "can_use": finished and suggestion.text.strip() != current_text.strip(),
        }

    def response_change(self, request, obj):
        if request.POST.get("_workflow") == "suggest-summary" or "_use_suggestion" in request.POST:
            # Back to the form, where the suggestion appears.
            return HttpResponseRedirect(request.get_full_path())
        return super().response_change(request, obj)

    # Revisions: list, diff, restore

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:object_id>/revisions/", view(self.revisions_view), name="articles_article_revisions"),
            path(
                "<int:object_id>/revisions/<int:number>/",
                view(self.revision_view),
                name="articles_article_revision",
            ),
            path(
                "<int:object_id>/revisions/<int:number>/restore/",
                view(self.restore_view),
                name="articles_article_restore",
            ),
            *super().get_urls(),
        ]

    def _article_or_404(self, request, object_id):
        article = self.get_object(request, str(object_id))
        if article is None or not self.has_view_permission(request, article):
            raise Http404
        return article

    def revisions_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "article": article,
            "title": _("Revisions of “%(headline)s”") % {"headline": article.headline},
            "revisions": article.revisions.select_related("created_by")[:200],
            "can_restore": request.user.has_perm(workflow.EDIT_ANY),
        }
        return TemplateResponse(request, "admin/articles/article/revisions.html", context)

    def revision_view(self, request, object_id, number):
        article = self._article_or_404(request, object_id)
        revision = get_object_or_404(article.revisions, number=number)
        against_number = request.GET.get("against", "")
        older = (
            article.revisions.filter(number=int(against_number)).first()
            if against_number.isdigit()
            else article.revisions.filter(number__lt=number).order_by("-number").first()
        )
        old = older.content if older else {}
        new = revision.content
        diffs = [
            (_("Headline"), _diff([old.get("headline", "")], [new.get("headline", "")])),
            (_("Standfirst"), _diff([old.get("standfirst", "")], [new.get("standfirst", "")])),
            (
                _("Body"),
                _diff(workflow.plain_paragraphs(old.get("body")), workflow.plain_paragraphs(new.get("body"))),
            ),
            (_("Summary"), _diff([old.get("summary", "")], [new.get("summary", "")])),
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "article": article,
            "revision": revision,
            "older": older,
            "title": _("Revision %(n)s of “%(headline)s”") % {"n": number, "headline": article.headline},
            "diffs": diffs,
            "changed": workflow.changed_fields(old, new),
            "can_restore": request.user.has_perm(workflow.EDIT_ANY),
        }
        return TemplateResponse(request, "admin/articles/article/revision_diff.html", context)

    def restore_view(self, request, object_id, number):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id)
        revision = get_object_or_404(article.revisions, number=number)
        try:
            new = workflow.restore_revision(revision, by=request.user)
        except PermissionDenied as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(reverse("admin:articles_article_revisions", args=[article.pk]))
        messages.success(
            request, _("Revision %(old)s restored as revision %(new)s.") % {"old": number, "new": new.number}
        )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))


def _message(error):
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("not allowed")


def _diff(old_lines, new_lines):
    """A readable line diff: (kind, text) pairs where kind is 'same', 'added' or 'removed'."""
    rows = []
    for line in difflib.ndiff(old_lines, new_lines):
        code, text = line[:2], line[2:]
        if code == "  ":
            rows.append(("same", text))
        elif code == "+ ":
            rows.append(("added", text))
        elif code == "- ":
            rows.append(("removed", text))
    return rows
