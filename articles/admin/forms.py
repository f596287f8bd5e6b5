"""The admin's article form (optimistic concurrency, update or fix) and the summary approval box."""

from urllib.parse import urlsplit

from django import forms
from django.contrib.admin.widgets import AdminTextareaWidget
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from articles import workflow
from articles.admin import extensions
from articles.html import canonical_html, images_in
from articles.models import Article, Summary
from images.models import Image


def has_been_live(article):
    """Readers have seen this story: saving a change to it is an update or a silent fix.

    A scheduled story has not gone live yet, so it is edited like a draft (Article.has_been_public).
    """
    return article.pk is not None and article.has_been_public


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
            "publish_at", "lead_image", "lead_image_caption",
        ]  # fmt: skip
        widgets = {
            # A headline and standfirst as wide as the text they introduce (static/css/admin.css).
            "headline": forms.TextInput(attrs={"class": "vTextField desk-wide", "spellcheck": "true"}),
            "standfirst": AdminTextareaWidget(attrs={"rows": 3, "class": "desk-wide", "spellcheck": "true"}),
        }

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        # Whether readers have seen the article, as the locked row says when the form is checked.
        self.was_public = False
        self.fields["edit_version"].initial = self.instance.version
        if "body" in self.fields:
            self.fields["body"].has_changed = lambda initial, data: (
                canonical_html(initial) != canonical_html(data)
            )
            self._configure_figure_tool(self.fields["body"].widget)
        if "publish_at" in self.fields:
            zone = timezone.get_current_timezone_name()
            self.fields["publish_at"].help_text = _(
                "In newsroom time (%(zone)s). A time in the future schedules the article; "
                "it goes live by itself then."
            ) % {"zone": zone}

    @staticmethod
    def _configure_figure_tool(widget):
        """Tell the editor's figure tool where the library's chooser, upload and previews are."""
        extensions = dict(widget.config.get("extensions", {}))
        urls = {
            "chooserUrl": reverse("admin:images_image_chooser"),
            "uploadUrl": reverse("admin:images_image_upload"),
            "previewUrl": reverse("admin:images_image_preview", args=[0]),
        }
        if "LibraryFigure" in extensions:
            extensions["LibraryFigure"] = urls
        if "LibraryImage" in extensions:
            extensions["LibraryImage"] = {"previewUrl": urls["previewUrl"]}
        widget.config = {**widget.config, "extensions": extensions}

    def clean_body(self):
        """Pictures come from the library: an address (another site's above all) is refused by name."""
        body = self.cleaned_data.get("body") or ""
        problems = []
        referenced = {}
        for attributes in images_in(body):
            reference = (attributes.get("data-image") or "").strip()
            if reference.isdigit() and len(reference) <= 18:
                referenced[int(reference)] = reference
                continue
            source = (attributes.get("src") or "").strip()
            host = urlsplit(source).netloc
            own = self.request.get_host() if self.request is not None else ""
            if host and host != own:
                problems.append(
                    _("The picture at %(url)s is on another site. Upload it to the image library and insert "
                      "it with the figure button: readers' browsers only load pictures from this site.")
                    % {"url": source[:200]}
                )  # fmt: skip
            else:
                problems.append(
                    _("A picture in the body (%(what)s) is not from the image library; insert it with the "
                      "figure button.") % {"what": source[:200] or _("no address")}
                )  # fmt: skip
        missing = set(referenced) - set(Image.objects.filter(pk__in=referenced).values_list("pk", flat=True))
        problems += [
            _("The body refers to picture #%(id)s, which is not in the image library.") % {"id": pk}
            for pk in sorted(missing)
        ]
        if problems:
            raise forms.ValidationError(problems)
        return body

    @property
    def content_changed(self):
        return any(name in self.changed_data for name in workflow.CONTENT_FIELDS)

    def clean(self):
        cleaned = super().clean()
        article = self.instance
        if article.pk is None:
            return cleaned
        # Lock the row for the rest of the admin's transaction, so two app servers cannot
        # both pass this check for the same version. The lock reads the article alone: joined to
        # its last editor, a query that waited for a concurrent save saw the new row with the
        # old editor's row, which no longer matched, and said "someone" (issue 11). The editor
        # is read after the lock, by a query that sees the save committed.
        current = (
            Article.objects.select_for_update()
            .only("version", "updated_at", "last_edited_by", "status", "publish_at", "first_published_at")
            .get(pk=article.pk)
        )
        if cleaned.get("edit_version") != current.version:
            editor = current.last_edited_by
            who = (editor.get_full_name() or editor.get_username()) if editor else _("someone")
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
        for check in extensions.SAVE_CHECKS:
            if message := check(self.request, article):
                raise forms.ValidationError(message, code="locked")
        # Keep the version the lock saw; save() bumps it.
        article.version = current.version
        # A scheduled article edited before it goes live is not published yet: no update or fix.
        self.was_public = current.has_been_public
        if self.was_public and self.content_changed and not cleaned.get("change_kind"):
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
