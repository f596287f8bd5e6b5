"""Forms: the admin's article form (optimistic concurrency) and summary approval box, and the
readers' search form."""

import re

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from articles import workflow
from articles.models import Article, Section, Summary
from articles.sanitize import sanitize_html


def _canonical_html(html):
    """HTML as stored: sanitized, with whitespace between tags dropped.

    The rich-text editor re-serializes the body when a form loads; an unchanged body must not
    count as a change (it would ask "update or fix?" and withdraw summary approvals).
    """
    return re.sub(r">\s+<", "><", sanitize_html(html or "")).strip()


class ArticleForm(forms.ModelForm):
    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    change_kind = forms.ChoiceField(
        label=_("This change is"),
        choices=[
            ("update", _("A substantive update: readers see an Updated time")),
            ("fix", _("A silent fix, such as a typo")),
        ],
        widget=forms.RadioSelect,
        required=False,
        help_text=_("Asked only when a published article's headline, standfirst or body changes."),
    )

    class Meta:
        model = Article
        fields = [
            "headline", "slug", "standfirst", "body", "language", "section", "authors", "tags",
            "publish_at", "lead_image", "lead_image_caption", "lead_image_credit",
        ]  # fmt: skip

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.fields["edit_version"].initial = self.instance.version
        if "body" in self.fields:
            self.fields["body"].has_changed = lambda initial, data: (
                _canonical_html(initial) != _canonical_html(data)
            )
        if "publish_at" in self.fields:
            zone = timezone.get_current_timezone_name()
            self.fields["publish_at"].help_text = _(
                "In newsroom time (%(zone)s). A time in the future schedules the article; "
                "it goes live by itself then."
            ) % {"zone": zone}

    @property
    def content_changed(self):
        return any(name in self.changed_data for name in workflow.CONTENT_FIELDS)

    def clean(self):
        cleaned = super().clean()
        article = self.instance
        if article.pk is None:
            return cleaned
        # Lock the row for the rest of the admin's transaction, so two app servers cannot
        # both pass this check for the same version.
        current = (
            Article.objects.select_for_update(of=("self",))
            .select_related("last_edited_by")
            .only("version", "updated_at", "last_edited_by__username")
            .get(pk=article.pk)
        )
        if cleaned.get("edit_version") != current.version:
            who = current.last_edited_by or _("someone")
            raise forms.ValidationError(
                _(
                    "%(who)s saved this article at %(when)s while you were editing. Nothing of yours "
                    "has been saved: your text is still in the form below. Open the article in a new "
                    "tab to see their version, bring your changes together, then save again."
                ),
                code="stale",
                params={
                    "who": who,
                    "when": date_format(timezone.localtime(current.updated_at), "j M Y, H:i:s T"),
                },
            )
        # Keep the version the lock saw; save() bumps it.
        article.version = current.version
        if article.first_published_at and self.content_changed and not cleaned.get("change_kind"):
            self.add_error(
                "change_kind", _("This article has been published: say whether this is an update or a fix.")
            )
        return cleaned


class SummaryForm(forms.ModelForm):
    approve = forms.BooleanField(
        label=_("Approved for readers"),
        required=False,
        help_text=_("Readers see only an approved summary."),
    )

    class Meta:
        model = Summary
        fields = ["text"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approve"].initial = self.instance.pk is not None and self.instance.is_approved


QUERY_MAX_LENGTH = 200


class QueryField(forms.CharField):
    """Free text from the address bar: NUL bytes, which no database accepts, are dropped, not refused."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\x00", "").strip()


class SearchForm(forms.Form):
    q = QueryField(
        label=_("Search for"), max_length=QUERY_MAX_LENGTH, required=False, widget=forms.SearchInput
    )
    section = forms.ModelChoiceField(
        label=_("Section"),
        queryset=Section.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All sections"),
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def clean(self):
        cleaned_data = super().clean()
        date_from, date_to = cleaned_data.get("date_from"), cleaned_data.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return cleaned_data
