"""The readers' search form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from articles.models import Section

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
