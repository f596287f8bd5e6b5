"""The library's own admin pages: the multi-file upload, and the small JSON endpoints the body
editor's figure tool uses to choose or upload a picture in place."""

from django.contrib import messages
from django.contrib.admin.options import IS_POPUP_VAR, TO_FIELD_VAR
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from images import pictures, services
from images.admin.forms import UploadForm
from images.models import Image
from images.validation import max_upload_bytes

CHOOSER_PAGE_SIZE = 24


def upload_view(request, model_admin):
    """Add one or several pictures; each file stands or falls on its own, and nothing of a refused
    file is stored. A duplicate points to the picture already in the library."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    is_popup = IS_POPUP_VAR in request.POST or IS_POPUP_VAR in request.GET
    if request.method == "POST" and (existing_id := request.POST.get("_use_existing", "")).isdigit():
        existing = get_object_or_404(Image, pk=existing_id)
        return model_admin.response_add(request, existing)
    form = UploadForm(request.POST or None, request.FILES or None)
    refused, duplicates = [], []
    if request.method == "POST" and form.is_valid():
        created = []
        shared = {k: form.cleaned_data[k] for k in ("alt_text", "is_decorative", "caption", "credit")}
        for upload in form.cleaned_data["files"]:
            try:
                created.append(services.create_image(upload, by=request.user, **shared))
            except services.DuplicateImage as duplicate:
                duplicates.append(duplicate)
            except ValidationError as error:
                refused.append(" ".join(error.messages))
        if is_popup and len(created) == 1 and not (refused or duplicates):
            return model_admin.response_add(request, created[0])
        if created:
            messages.success(request, _report_created(created))
        if not (refused or duplicates):
            ids = ",".join(str(image.pk) for image in created)
            return HttpResponseRedirect(f"{reverse('admin:images_image_changelist')}?id__in={ids}")
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Image._meta,
        "title": _("Add pictures to the library"),
        "form": form,
        "refused": refused,
        "duplicates": [(d.messages[0], d.existing) for d in duplicates],
        "is_popup": is_popup,
        "to_field": request.POST.get(TO_FIELD_VAR, request.GET.get(TO_FIELD_VAR, "")),
        "is_popup_var": IS_POPUP_VAR,
        "to_field_var": TO_FIELD_VAR,
        "media": model_admin.media + form.media,
        "has_view_permission": model_admin.has_view_permission(request),
        "max_upload": filesizeformat(max_upload_bytes()),
    }
    status = 400 if (refused or duplicates or form.errors) else 200
    return TemplateResponse(request, "admin/images/image/upload.html", context, status=status)


def _report_created(created):
    text = ngettext("Added %(n)d picture", "Added %(n)d pictures", len(created)) % {"n": len(created)}
    undescribed = sum(1 for image in created if not image.has_alt_text)
    if undescribed:
        text += ". " + _(
            "Give each one alt text (or mark it decorative) before an article using it is published"
        )
    return text + "."


def describe(image):
    """What the editor's figure tool needs to know about a picture."""
    return {
        "id": image.pk,
        "title": image.title,
        "alt": image.alt,
        "has_alt": image.has_alt_text,
        "caption": image.caption,
        "credit": image.credit,
        "width": image.width,
        "height": image.height,
        "thumbnail": preview_url(image),
        "ready": bool(image.renditions),
        "change_url": reverse("admin:images_image_change", args=[image.pk]),
    }


def preview_url(image):
    return reverse("admin:images_image_preview", args=[image.pk])


def chooser_view(request, model_admin):
    """Library pictures as JSON, newest first, searched by title, alt text, caption and credit."""
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    images = Image.objects.all()
    if query := request.GET.get("q", "").strip()[:100]:
        images = images.filter(
            Q(title__icontains=query) | Q(alt_text__icontains=query) | Q(caption__icontains=query)
            | Q(credit__icontains=query)
        )  # fmt: skip
    page = Paginator(images, CHOOSER_PAGE_SIZE).get_page(request.GET.get("page"))
    return JsonResponse({"results": [describe(image) for image in page], "more": page.has_next()})


def upload_json_view(request, model_admin):
    """One picture uploaded from the figure tool: 201 with the image, 409 offering the existing one."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not model_admin.has_add_permission(request):
        return JsonResponse({"errors": [_("You may not add images to the library.")]}, status=403)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        errors = [message for field_errors in form.errors.values() for message in field_errors]
        return JsonResponse({"errors": errors}, status=400)
    files = form.cleaned_data["files"]
    if len(files) != 1:
        return JsonResponse({"errors": [_("Upload one picture at a time here.")]}, status=400)
    shared = {k: form.cleaned_data[k] for k in ("alt_text", "is_decorative", "caption", "credit")}
    try:
        image = services.create_image(files[0], by=request.user, **shared)
    except services.DuplicateImage as duplicate:
        return JsonResponse(
            {"errors": duplicate.messages, "existing": describe(duplicate.existing)}, status=409
        )
    except ValidationError as error:
        return JsonResponse({"errors": error.messages}, status=400)
    return JsonResponse({"image": describe(image)}, status=201)


def preview_view(request, model_admin, pk):
    """A staff-only look at the picture (the editor shows it by id): a mid-sized rendition, or a
    placeholder while renditions are being made."""
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    image = get_object_or_404(Image, pk=pk)
    found = pictures.candidates(image, "w", "jpeg")
    if not found:
        return redirect(static("img/image-processing.svg"))
    _width, _height, name = next((c for c in found if c[0] >= pictures.FALLBACK_WIDTH), found[-1])
    response = redirect(pictures.rendition_url(image, name, private=True))
    response["Cache-Control"] = "private, no-store"
    return response


def usage_html(image, usage):
    if not usage:
        return _("Not used by any article yet.")
    rows = format_html_join(
        "",
        '<li><a href="{}">{}</a> ({})</li>',
        ((url, label, _("public") if public else _("not public")) for label, url, public in usage),
    )
    return format_html("<ul>{}</ul>", rows)
