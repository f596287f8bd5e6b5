"""The change form's workflow buttons: one POST name each, every one calling `articles.workflow`.

Publish asks for confirmation when it would schedule: the press must carry the very minute it will go
live (a Schedule button names it and carries it; the confirmation dialog of static/js/change-form.js
sends what was typed). Otherwise nothing is scheduled and the editor is told when it would go live.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles import workflow
from articles.admin import extensions
from articles.admin.display import error_message, newsroom_time, state_text
from articles.admin.writing import confirmed_time, same_minute, short_time
from articles.models import Summary

# The workflow's buttons, in the order the form's Workflow box shows them: (action, POST name, label).
# The labels are the product's (PRODUCT.md); the bar at the top names each as it will happen.
WORKFLOW_BUTTONS = [
    ("submit", "_submit_for_review", gettext_lazy("Submit for review")),
    ("return", "_return_to_writer", gettext_lazy("Return to writer")),
    ("publish", "_publish", gettext_lazy("Publish")),
    ("unpublish", "_unpublish", gettext_lazy("Unpublish")),
]
FUNCTIONS = {
    "_submit_for_review": workflow.submit_for_review,
    "_return_to_writer": workflow.return_to_writer,
    "_publish": workflow.publish,
    "_unpublish": workflow.unpublish,
}


def workflow_note(request):
    """The note for the workflow log: the bar's note field (any copy of it that was filled in)."""
    return " ".join(v.strip() for v in request.POST.getlist("_workflow_note") if v.strip())


def _unconfirmed_schedule(article, value):
    """When pressing Publish would schedule the article at a minute the press did not confirm."""
    if article.is_scheduled or article.publish_at is None or article.publish_at <= timezone.now():
        return False
    return not same_minute(confirmed_time(value), article.publish_at)


def _ask_to_confirm(request, article):
    when, short = newsroom_time(article.publish_at), short_time(article.publish_at)
    messages.warning(
        request,
        _(
            "Not scheduled yet: with Publish at set to %(when)s it would go live then, by itself. "
            "Press “Schedule for %(short)s” to confirm, or change the time."
        )
        % {"when": when, "short": short},
    )
    request.stay_on_form = True  # where the confirming button waits


def _run(name, label):
    function = FUNCTIONS[name]

    def run(request, article, value):
        try:
            with transaction.atomic():
                article.refresh_from_db()
                if name == "_publish" and _unconfirmed_schedule(article, value):
                    _ask_to_confirm(request, article)
                    return
                function(article, by=request.user, note=workflow_note(request))
        except (PermissionDenied, ValidationError) as error:
            messages.error(
                request,
                _("%(action)s refused: %(reason)s") % {"action": label, "reason": error_message(error)},
            )
        else:
            article.refresh_from_db()
            messages.success(request, _("%(action)s: the article is now %(state)s.") % {
                "action": label, "state": state_text(article)})  # fmt: skip

    return run


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


for _action, _name, _label in WORKFLOW_BUTTONS:
    extensions.register_button(extensions.Button(name=_name, run=_run(_name, _label)))
extensions.register_button(extensions.Button(name="_confirm_summary", run=_confirm_summary))
