"""The assistant in the article admin: Suggest summary, Use suggestion, and a bulk action.

Registered through articles/admin/extensions.py, so the article admin never imports the assistant.
Each button saves the form first, like the workflow buttons.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles import workflow
from articles.admin import extensions
from articles.admin.display import error_message, newsroom_time
from articles.models import Summary, SummarySuggestion
from assistant import services
from assistant.suggestions import latest_suggestion


@extensions.register_action
@admin.action(description=gettext_lazy("Suggest summaries for selected"), permissions=["change"])
def suggest_summaries(modeladmin, request, queryset):
    requested, skipped = [], []
    for article in queryset:
        try:
            requested.append(services.request_suggestion(article, by=request.user).pk)
        except PermissionDenied as error:
            skipped.append(f"“{article.headline}”: {error_message(error)}")
    if skipped:
        messages.warning(
            request, _("Skipped %(n)d: %(why)s") % {"n": len(skipped), "why": "; ".join(skipped)}
        )
    transaction.on_commit(lambda: _report_suggestions(request, requested))


def _suggest(request, article, value):
    try:
        suggestion = services.request_suggestion(article, by=request.user)
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        # After the admin's transaction commits, the task has run (immediate backend) or is queued.
        transaction.on_commit(lambda: _report_suggestions(request, [suggestion.pk]))


def _use(request, article, value):
    suggestions = SummarySuggestion.objects.filter(article=article)
    is_number = value.isascii() and value.isdigit() and len(value) <= 18
    suggestion = suggestions.filter(pk=value).first() if is_number else None
    try:
        if suggestion is None:
            raise ValidationError(_("That suggestion does not exist."))
        services.use_suggestion(suggestion, by=request.user)
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, _("Use suggestion refused: %s") % error_message(error))
    else:
        messages.success(
            request, _("The suggestion is now the draft summary. It needs an editor's approval.")
        )


# Both return to the form, where the suggestion appears.
extensions.register_button(extensions.Button(name="_suggest_summary", run=_suggest, back_to_form=True))
extensions.register_button(extensions.Button(name="_use_suggestion", run=_use, back_to_form=True))


@extensions.register_panel
def summary_panel(request, article):
    """What the change form shows about suggestions; nothing for someone who cannot edit."""
    if not workflow.can_edit(request.user, article):
        return None
    summary = Summary.objects.filter(article=article).first()
    suggestion = latest_suggestion(article)
    finished = suggestion is not None and suggestion.status in {
        SummarySuggestion.Status.READY,
        SummarySuggestion.Status.USED,
    }
    current_text = summary.text if summary else ""
    return "admin/assistant/summary_panel.html", {
        "suggestion": suggestion,
        "summary": summary,
        "requested_at": newsroom_time(suggestion.created_at) if suggestion else "",
        # Offer the suggestion while it differs from the summary as saved.
        "can_use": finished and suggestion.text.strip() != current_text.strip(),
    }


def _report_suggestions(request, suggestion_ids):
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
            _("Suggestion pending for %s: it appears on the article's form when ready.") % "; ".join(pending),
        )
