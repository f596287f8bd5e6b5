"""Adding pictures to the library and keeping their files in step: one path for the admin, the
editor's upload, load_demo and the tests."""

import secrets
from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from images.models import ORIGINALS_DIR, Image
from images.validation import inspect_upload

ADD = "images.add_image"
CHANGE = "images.change_image"
EDIT_ANY = "images.edit_any_image"


class DuplicateImage(ValidationError):
    """The same file is already in the library; `existing` is that image."""

    def __init__(self, existing, name):
        self.existing = existing
        super().__init__(
            _("“%(name)s” is already in the library as “%(title)s”: use that image.")
            % {"name": name, "title": existing.title},
            code="duplicate",
        )


def can_edit(user, image):
    """Editors edit any image; writers the ones they uploaded."""
    if not user.has_perm(CHANGE):
        return False
    return user.has_perm(EDIT_ANY) or image.pk is None or image.uploaded_by_id == user.pk


def find_duplicate(content_hash):
    return Image.objects.filter(content_hash=content_hash).first() if content_hash else None


def create_image(upload, *, by, title="", alt_text="", is_decorative=False, caption="", credit=""):
    """Check an upload and add it to the library; renditions follow in the background.

    Raises ValidationError (DuplicateImage for a file already there) and stores nothing then.
    """
    if by is not None and not by.has_perm(ADD):
        raise PermissionDenied(_("You may not add images to the library."))
    inspected = inspect_upload(upload)
    name = getattr(upload, "name", "") or "image"
    if existing := find_duplicate(inspected.content_hash):
        raise DuplicateImage(existing, name)
    image = Image(
        title=(title or _title_from(name))[:200],
        alt_text=alt_text,
        is_decorative=is_decorative,
        caption=caption,
        credit=credit,
        width=inspected.width,
        height=inspected.height,
        format=inspected.format,
        file_size=inspected.size,
        is_animated=inspected.is_animated,
        content_hash=inspected.content_hash,
        uploaded_by=by,
    )
    # An unguessable name, whatever the uploader called the file; nobody outside the admin sees it.
    stored = default_storage.save(
        f"{ORIGINALS_DIR}/{secrets.token_urlsafe(16)}.{inspected.extension}", upload
    )
    image.file.name = stored
    try:
        with transaction.atomic():
            image.save()
    except IntegrityError:
        default_storage.delete(stored)
        if existing := find_duplicate(inspected.content_hash):  # uploaded by someone else meanwhile
            raise DuplicateImage(existing, name) from None
        raise
    except BaseException:
        default_storage.delete(stored)
        raise
    request_renditions(image)
    return image


def _title_from(name):
    stem = PurePath(name).stem.replace("_", " ").replace("-", " ").strip()
    return stem[:1].upper() + stem[1:] if stem else _("Untitled picture")


def request_renditions(image):
    """Queue the rendition task once the current transaction commits (never inside a reader's request)."""
    from images.tasks import generate_renditions

    image_id = image.pk
    transaction.on_commit(lambda: generate_renditions.enqueue(image_id))


def delete_files(image):
    """Remove the original and every rendition from storage (after the row is gone)."""
    names = [image.file.name, *(image.rendition_path(n) for n in image.rendition_names())]
    for name in names:
        if name:
            default_storage.delete(name)
