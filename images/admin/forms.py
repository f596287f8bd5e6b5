"""The library's admin forms: the multi-file upload and the image's description with its focal point."""

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from images import access, pictures
from images.validation import ACCEPTED_LABEL


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Several files from one <input type="file" multiple> (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/avif,image/gif"}),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    files = MultipleImageField(
        label=_("Pictures"),
        help_text=_("Choose one or several files: %(formats)s.") % {"formats": ACCEPTED_LABEL},
    )
    alt_text = forms.CharField(
        label=_("Alt text"),
        max_length=250,
        required=False,
        help_text=_(
            "What the picture shows, for readers who cannot see it. With several different pictures, "
            "leave it empty and describe each one afterwards."
        ),
    )
    is_decorative = forms.BooleanField(label=_("Decorative"), required=False)
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)
    credit = forms.CharField(
        label=_("Credit / source"),
        max_length=150,
        required=False,
        help_text=_("Applies to every picture in this upload."),
    )


class FocalPointWidget(forms.Widget):
    """The picture, clickable: static/js/focal-point.js writes the point into the two number fields."""

    template_name = ""

    def __init__(self, image=None, attrs=None):
        super().__init__(attrs)
        self.image = image

    def render(self, name, value, attrs=None, renderer=None):
        image = self.image
        if image is None or not image.renditions:
            return format_html(
                '<p class="help">{}</p>',
                _(
                    "The picture is still being processed; reload the page in a moment to set its "
                    "focal point."
                ),
            )
        return format_html(
            '<div class="focal-point" data-focal-point data-x-input="id_focal_x" data-y-input="id_focal_y">'
            '<p class="help">{}</p>'
            '<div class="focal-point__frame">{}'
            '<span class="focal-point__marker" aria-hidden="true"></span></div>'
            "</div>",
            _(
                "Click the most important part of the picture (a face, the subject): crops for cards and "
                "link previews keep it. With the keyboard, focus the picture and use the arrow keys."
            ),
            pictures.picture(image, sizes="(min-width: 60rem) 40rem, 90vw", loading="eager", private=True),
        )


class ImageForm(forms.ModelForm):
    focal_point = forms.CharField(label=_("Focal point"), required=False, widget=FocalPointWidget)

    class Meta:
        fields = ["title", "alt_text", "is_decorative", "caption", "credit", "focal_x", "focal_y"]
        widgets = {
            "focal_x": forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "1"}),
            "focal_y": forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "1"}),
        }
        help_texts = {
            "focal_x": _("0 is the left edge, 1 the right edge."),
            "focal_y": _("0 is the top edge, 1 the bottom edge."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["focal_point"].widget.image = self.instance if self.instance.pk else None

    def clean(self):
        cleaned = super().clean()
        described = cleaned.get("is_decorative") or (cleaned.get("alt_text") or "").strip()
        if self.instance.pk and not described:
            public = [label for label, _url, is_public in access.usage(self.instance) if is_public]
            if public:
                raise forms.ValidationError(
                    _("Readers see this picture in “%(articles)s”: it needs alt text, or mark it decorative.")
                    % {"articles": "”, “".join(public)},
                    code="alt_required",
                )
        return cleaned
