"""The article admin: the form, the list, and one explicit action per button.

It stays thin: every button and bulk action calls `articles.workflow`, which checks the user's
permission on the server. Revisions (articles/admin/revisions.py) and share links
(articles/admin/sharing.py) are mixins; other apps add buttons, panels and bulk actions through
articles/admin/extensions.py.
"""

from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles import workflow
from articles.admin import extensions
from articles.admin.changelist import EstimatedCountPaginator, StateFilter
from articles.admin.display import error_message, newsroom_time, state_text
from articles.admin.forms import ArticleForm, SummaryForm
from articles.admin.revisions import RevisionsAdminMixin
from articles.admin.sharing import PreviewAdminMixin
from articles.models import Article, Notice, Summary


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
        return request.user.has_perm(workflow.PUBLISH) and obj is not None and obj.has_been_public

    def has_add_permission(self, request, obj):
        return self._allowed(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request, obj)

    def has_view_permission(self, request, obj=None):
        return obj is not None


# The workflow's buttons, in the order the form shows them: (action, POST name, label, function).
WORKFLOW_BUTTONS = [
    ("submit", "_submit_for_review", gettext_lazy("Submit for review"), workflow.submit_for_review),
    ("return", "_return_to_writer", gettext_lazy("Return to writer"), workflow.return_to_writer),
    ("publish", "_publish", gettext_lazy("Publish"), workflow.publish),
    ("unpublish", "_unpublish", gettext_lazy("Unpublish"), workflow.unpublish),
]


def _workflow_button(name, label, function):
    def run(request, article, value):
        note = request.POST.get("_workflow_note", "").strip()
        try:
            with transaction.atomic():
                article.refresh_from_db()
                function(article, by=request.user, note=note)
        except (PermissionDenied, ValidationError) as error:
            messages.error(
                request,
                _("%(action)s refused: %(reason)s") % {"action": label, "reason": error_message(error)},
            )
        else:
            article.refresh_from_db()
            messages.success(request, _("%(action)s: the article is now %(state)s.") % {
                "action": label, "state": state_text(article)})  # fmt: skip

    return extensions.register_button(extensions.Button(name=name, run=run))


def _confirm_summary(request, article, value):
    summary = Summary.objects.filter(article=article).first()
    try:
        if summary is None:
            raise PermissionDenied(_("There is no summary to confirm."))
        workflow.approve_summary(summary, by=request.user)
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The summary is confirmed against the current text."))


for _action, _name, _label, _function in WORKFLOW_BUTTONS:
    _workflow_button(_name, _label, _function)
extensions.register_button(extensions.Button(name="_confirm_summary", run=_confirm_summary))


@admin.register(Article)
class ArticleAdmin(RevisionsAdminMixin, PreviewAdminMixin, admin.ModelAdmin):
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
    readonly_fields = ["state", "history"]

    @property
    def actions(self):
        return ["publish_selected", "unpublish_selected", *extensions.ACTIONS]

    def get_fieldsets(self, request, obj=None):
        main = ["headline", "slug", "standfirst", "body", "language"]
        fieldsets = [
            (None, {"fields": [*main, "edit_version"]}),
            (_("Placement"), {"fields": ["section", "authors", "tags", "publish_at"]}),
            (_("Lead image"), {"fields": ["lead_image", "lead_image_caption", "lead_image_credit"]}),
        ]
        if obj is not None:
            fieldsets.insert(0, (_("State"), {"fields": ["state"]}))
            if obj.has_been_public:
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
        return state_text(article)

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

    # Saving: content, then revision and summary approval, then the button pressed.

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.last_edited_by = request.user
        if change and form.was_public and form.cleaned_data.get("change_kind") == "update":
            # An update readers are told about; a scheduled story edited before it went live is not one.
            obj.content_updated_at = timezone.now()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        is_update = change and form.was_public and form.cleaned_data.get("change_kind") == "update"
        revision = workflow.save_revision(article, by=request.user, is_substantive=is_update)
        self._update_summary_approval(request, form, formsets, revision)
        if button := extensions.pressed_button(request):
            button.run(request, article, request.POST[button.name])

    def _update_summary_approval(self, request, form, formsets, revision):
        """Approve the summary when an editor ticked the box; withdraw it when it no longer holds."""
        summary_form = next(
            (fs.forms[0] for fs in formsets if fs.model is Summary and fs.forms),
            None,
        )
        summary = Summary.objects.filter(article=form.instance).select_related("approved_revision").first()
        if summary is None:
            return
        user = request.user
        text_changed = summary_form is not None and "text" in summary_form.changed_data
        can_approve = user.has_perm(workflow.APPROVE_SUMMARY)
        wants_approval = bool(summary_form and summary_form.cleaned_data.get("approve"))
        if can_approve and wants_approval and summary.text.strip():
            if not summary.is_approved or text_changed or "approve" in summary_form.changed_data:
                workflow.approve_summary(summary, by=user, revision=revision)
        elif summary.is_approved and (
            (can_approve and summary_form is not None and not wants_approval)
            or (not can_approve and (text_changed or form.content_changed))
        ):
            workflow.withdraw_approval(summary)
            if not can_approve:
                messages.warning(
                    request, _("The summary's approval was withdrawn: an editor must approve it again.")
                )

    def response_change(self, request, obj):
        button = extensions.pressed_button(request)
        if button is not None and button.back_to_form:
            return HttpResponseRedirect(request.get_full_path())
        return super().response_change(request, obj)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            allowed = workflow.allowed_actions(request.user, obj)
            context["workflow_buttons"] = [
                (name, label) for action, name, label, _function in WORKFLOW_BUTTONS if action in allowed
            ]
            summary = Summary.objects.filter(article=obj).select_related("approved_revision").first()
            context["summary_is_stale"] = (
                summary is not None
                and workflow.summary_is_stale(summary)
                and request.user.has_perm(workflow.APPROVE_SUMMARY)
            )
            context["revisions_url"] = reverse("admin:articles_article_revisions", args=[obj.pk])
            context["time_zone"] = timezone.get_current_timezone_name()
            context["panels"] = [p for panel in extensions.PANELS if (p := panel(request, obj)) is not None]
        return super().render_change_form(request, context, add, change, form_url, obj)

    # Bulk actions

    @admin.action(description=gettext_lazy("Publish selected"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._bulk(request, queryset, workflow.publish, _("published"))

    @admin.action(description=gettext_lazy("Unpublish selected"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self._bulk(request, queryset, workflow.unpublish, _("unpublished"))

    def _bulk(self, request, queryset, function, done_word):
        """Run a workflow action on each selected article, each in its own transaction.

        The selection is read first (it may carry DISTINCT, which FOR UPDATE refuses, when a filter
        joins authors or tags); then each article is locked by primary key, in key order so two
        editors' bulk actions cannot deadlock, and acted on. One refusal skips that article only.
        """
        done, skipped = [], []
        for pk in sorted(queryset.values_list("pk", flat=True)):
            try:
                with transaction.atomic():
                    article = Article.objects.select_for_update().filter(pk=pk).first()
                    if article is None:
                        continue  # deleted since the list was shown
                    function(article, by=request.user, note=_("bulk action"))
                done.append(article.headline)
            except (PermissionDenied, ValidationError) as error:
                skipped.append(f"“{article.headline}”: {error_message(error)}")
        if done:
            messages.success(request, _("%(n)d %(word)s.") % {"n": len(done), "word": done_word})
        if skipped:
            messages.warning(
                request, _("Skipped %(n)d: %(why)s") % {"n": len(skipped), "why": "; ".join(skipped)}
            )
