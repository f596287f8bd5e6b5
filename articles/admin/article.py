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
from articles.admin import buttons, extensions, writing
from articles.admin.changelist import EstimatedCountPaginator, StateFilter
from articles.admin.display import error_message, lead_image_summary, newsroom_time, state_text
from articles.admin.forms import ArticleForm, has_been_live
from articles.admin.inlines import NoticeInline, SummaryInline
from articles.admin.revisions import RevisionsAdminMixin
from articles.admin.sharing import PreviewAdminMixin
from articles.models import Article, Summary


@admin.register(Article)
class ArticleAdmin(RevisionsAdminMixin, PreviewAdminMixin, admin.ModelAdmin):
    form = ArticleForm
    list_display = ["headline", "section", "state", "publish_time", "language", "preview_link"]
    list_filter = [StateFilter, "section", "authors", "language"]
    list_select_related = ["section"]
    search_fields = ["headline"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["authors", "tags", "lead_image"]
    inlines = [SummaryInline, NoticeInline]
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    list_per_page = 50
    readonly_fields = ["state", "history", "rendered_body", "lead_image_preview"]

    @property
    def actions(self):
        return ["publish_selected", "unpublish_selected", *extensions.ACTIONS]

    def get_list_display(self, request):
        columns = ["headline", "section", "state", "publish_time", "language", "preview_link"]
        return [*columns, "now"] if extensions.ROW_NOTES else columns

    def get_ordering(self, request):
        # What is due first: the next scheduled story on top, the longest-waiting review on top.
        match request.GET.get("state"):
            case "scheduled":
                return ["publish_at", "id"]
            case "review":
                return ["updated_at", "id"]
        return super().get_ordering(request)

    def get_fieldsets(self, request, obj=None):
        """The story first and wide; placement, the lead image and the record after it."""
        body = "body" if obj is None or workflow.can_edit(request.user, obj) else "rendered_body"
        fieldsets = [(None, {"fields": ["headline", "slug", "standfirst", body, "edit_version"]})]
        if obj is not None and has_been_live(obj):
            fieldsets.append((_("Saving a published article"), {"fields": ["change_kind"]}))
        fieldsets += [
            (_("Placement"), {"fields": ["section", "authors", "tags", "language", "publish_at"]}),
            self.lead_image_fieldset(request, obj),
        ]
        if obj is not None:
            fieldsets.append((_("Workflow history"), {"fields": ["history"], "classes": ["collapse"]}))
        return fieldsets

    def lead_image_fieldset(self, request, obj=None):
        return (_("Lead image"), {"fields": ["lead_image", "lead_image_preview", "lead_image_caption"]})

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)

        class RequestForm(form_class):
            def __init__(self, *args, **inner):
                super().__init__(*args, request=request, **inner)

        return RequestForm

    def get_changeform_initial_data(self, request):
        """A new story starts with its writer in the byline (their author profile, made if missing)."""
        initial = super().get_changeform_initial_data(request)
        if "authors" not in initial and (author := workflow.author_profile(request.user)):
            initial["authors"] = [author.pk]
        return initial

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

    @admin.display(description=gettext_lazy("Now"))
    def now(self, article):
        return getattr(article, "row_note", "")

    @admin.display(description=gettext_lazy("Body"))
    def rendered_body(self, article):
        # As readers will see it (sanitized on every save), not its HTML source.
        return format_html('<div class="rendered-body">{}</div>', article.body_html)

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        if extensions.ROW_NOTES:
            rows = list(changelist.result_list)  # the page's rows, as the template will show them
            notes = {}
            for note in extensions.ROW_NOTES:
                notes |= note(request, rows)
            for article in rows:
                article.row_note = notes.get(article.pk, "")
        return changelist

    @admin.display(description=gettext_lazy("Picture"))
    def lead_image_preview(self, article):
        return lead_image_summary(article.lead_image if article.pk else None)

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
        for hook in extensions.AFTER_SAVE:
            hook(request, article, not change)
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
        if button is not None and (button.back_to_form or getattr(request, "stay_on_form", False)):
            return HttpResponseRedirect(request.get_full_path())
        return super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if getattr(request, "stay_on_form", False):
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[obj.pk]))
        return super().response_add(request, obj, post_url_continue)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        article = obj if obj is not None else context["adminform"].form.instance
        allowed = workflow.allowed_actions(request.user, article)
        context |= writing.writing_context(request, article, context["adminform"].form, allowed)
        context["workflow_buttons"] = [
            (name, label) for action, name, label in buttons.WORKFLOW_BUTTONS if action in allowed
        ]
        context["time_zone"] = timezone.get_current_timezone_name()
        context["top_panels"] = [
            p for panel in extensions.TOP_PANELS if (p := panel(request, obj)) is not None
        ]
        if obj is not None:
            summary = Summary.objects.filter(article=obj).select_related("approved_revision").first()
            context["summary_is_stale"] = (
                summary is not None
                and workflow.summary_is_stale(summary)
                and request.user.has_perm(workflow.APPROVE_SUMMARY)
            )
            context["revisions_url"] = reverse("admin:articles_article_revisions", args=[obj.pk])
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
