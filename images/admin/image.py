"""The image library in the admin: thumbnails, search and filters; several pictures uploaded at once;
alt text, credit and a focal point set by clicking on the picture.

Writers add pictures and describe their own; editors describe anyone's and delete unused ones
(an image an article uses is protected: the delete page names the articles).
"""

from django.contrib import admin
from django.db import transaction
from django.forms import Script
from django.urls import path
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from images import access, pictures, services
from images.admin import views
from images.admin.forms import ImageForm
from images.models import Image


class AltTextFilter(admin.SimpleListFilter):
    title = gettext_lazy("alt text")
    parameter_name = "alt"

    def lookups(self, request, model_admin):
        return [
            ("missing", _("Missing")),
            ("written", _("Written")),
            ("decorative", _("Decorative")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.missing_alt_text()
        if self.value() == "written":
            return queryset.exclude(alt_text="").filter(is_decorative=False)
        if self.value() == "decorative":
            return queryset.filter(is_decorative=True)
        return queryset


class OrientationFilter(admin.SimpleListFilter):
    title = gettext_lazy("shape")
    parameter_name = "shape"

    def lookups(self, request, model_admin):
        return [("landscape", _("Landscape")), ("portrait", _("Portrait")), ("square", _("Square"))]

    def queryset(self, request, queryset):
        from django.db.models import F

        if self.value() == "landscape":
            return queryset.filter(width__gt=F("height"))
        if self.value() == "portrait":
            return queryset.filter(height__gt=F("width"))
        if self.value() == "square":
            return queryset.filter(width=F("height"))
        return queryset


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageForm
    list_display = ["thumbnail", "title", "alt_status", "credit", "size", "uploaded_by", "uploaded_at"]
    list_display_links = ["thumbnail", "title"]
    list_filter = [
        AltTextFilter,
        OrientationFilter,
        "renditions_state",
        ("uploaded_by", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["uploaded_by"]
    search_fields = ["title", "alt_text", "caption", "credit"]
    date_hierarchy = "uploaded_at"
    list_per_page = 48
    readonly_fields = ["details", "uploaded", "rendition_status", "used_in"]
    fieldsets = [
        (None, {"fields": ["title", "alt_text", "is_decorative", "caption", "credit"]}),
        (gettext_lazy("Focal point"), {"fields": ["focal_point", "focal_x", "focal_y"]}),
        (gettext_lazy("File"), {"fields": ["details", "uploaded", "rendition_status", "used_in"]}),
    ]

    class Media:
        css = {"all": ["css/admin.css"]}
        js = [Script("js/focal-point.js", defer=True)]

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("chooser/", wrap(lambda r: views.chooser_view(r, self)), name="images_image_chooser"),
            path("upload/", wrap(lambda r: views.upload_json_view(r, self)), name="images_image_upload"),
            path(
                "<int:pk>/preview/",
                wrap(lambda r, pk: views.preview_view(r, self, pk)),
                name="images_image_preview",
            ),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        return views.upload_view(request, self)

    # Permissions: writers describe their own pictures, editors anyone's.

    def has_change_permission(self, request, obj=None):
        if obj is not None:
            return services.can_edit(request.user, obj)
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and request.user.has_perm(services.EDIT_ANY)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if {"focal_x", "focal_y"} & set(form.changed_data):
            services.request_renditions(obj)  # new crops for cards and link previews

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        transaction.on_commit(lambda: services.delete_files(obj))

    def delete_queryset(self, request, queryset):
        doomed = list(queryset)
        super().delete_queryset(request, queryset)
        transaction.on_commit(lambda: [services.delete_files(image) for image in doomed])

    # Columns and read-only fields

    @admin.display(description="")
    def thumbnail(self, image):
        found = pictures.candidates(image, "card", "webp") or pictures.candidates(image, "w", "jpeg")
        if not found:
            return format_html('<span class="image-thumb image-thumb--pending">{}</span>', _("processing"))
        width, height, name = found[0]
        return format_html(
            '<img class="image-thumb" src="{}" width="{}" height="{}" alt="" loading="lazy">',
            pictures.rendition_url(image, name, private=True),
            width,
            height,
        )

    @admin.display(description=gettext_lazy("Alt text"), ordering="alt_text")
    def alt_status(self, image):
        if image.is_decorative:
            return _("decorative")
        if not image.alt_text:
            return format_html('<strong class="image-missing-alt">{}</strong>', _("missing"))
        return Truncator(image.alt_text).chars(80)

    @admin.display(description=gettext_lazy("Size"), ordering="width")
    def size(self, image):
        return f"{image.width}×{image.height}"

    @admin.display(description=gettext_lazy("Original"))
    def details(self, image):
        animated = _(", animated: pages show its first frame") if image.is_animated else ""
        return _(
            "%(format)s, %(w)d×%(h)d pixels, %(size).1f MB%(animated)s. Never shown to readers as it is."
        ) % {
            "format": image.format,
            "w": image.width,
            "h": image.height,
            "size": image.file_size / 1_048_576,
            "animated": animated,
        }

    @admin.display(description=gettext_lazy("Uploaded"))
    def uploaded(self, image):
        when = image.uploaded_at.strftime("%Y-%m-%d %H:%M") if image.uploaded_at else "—"
        return f"{when} · {image.uploaded_by or '—'}"

    @admin.display(description=gettext_lazy("Renditions"))
    def rendition_status(self, image):
        if image.renditions_state == Image.State.FAILED:
            return _("Failed: %(error)s") % {"error": image.renditions_error}
        if not image.renditions:
            return _("Being made in the background.")
        return _("%(n)d files: AVIF, WebP and JPEG at several widths, card and link-preview crops.") % {
            "n": len(image.rendition_names())
        }

    @admin.display(description=gettext_lazy("Used in"))
    def used_in(self, image):
        return views.usage_html(image, access.usage(image))
