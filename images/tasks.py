"""Making renditions in the background (Django's tasks framework; settings.TASKS chooses the backend).

Queued when an image is uploaded, when its focal point changes, and when an article starts using
an image that has none (images.services.request_renditions); never from a reader's request.
One generator per image at a time: the task holds the image's row lock while it works, and a
second task for the same image that finds the row locked leaves: the first one's result already
reflects every change committed before it took the lock, and a change committed after it waits
for the lock and queues its own task.
"""

import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection, transaction
from django.tasks import task

from images import renditions
from images.models import Image

logger = logging.getLogger(__name__)


@task
def generate_renditions(image_id):
    """Make whatever renditions the image lacks and forget the ones it no longer needs."""
    with transaction.atomic():
        image = _lock(image_id)
        if image is None:
            return "gone or busy"
        try:
            made, removed = update_renditions(image)
        except Exception as error:
            logger.exception("Renditions of image %s failed", image_id)
            Image.objects.filter(pk=image_id).update(
                renditions_state=Image.State.FAILED, renditions_error=str(error)[:300]
            )
            return "failed"
    return f"made {made}, removed {removed}"


def _lock(image_id):
    queryset = Image.objects.filter(pk=image_id)
    if connection.features.has_select_for_update_skip_locked:
        queryset = queryset.select_for_update(skip_locked=True)
    try:
        return queryset.first()
    except DatabaseError:  # a database without SKIP LOCKED that still locks: treat as busy
        return None


def update_renditions(image):
    """Bring the image's renditions in line with its current original and focal point.

    Returns (files made, files removed). Saving the image purges its page cache tag, so the
    pages showing it pick up the new renditions at once.
    """
    planned = renditions.plan(image.width, image.height, image.focal_x, image.focal_y)
    names = {item: item.name(image.content_hash or image.key) for item in planned}
    existing = image.rendition_names()
    missing = [item for item in planned if names[item] not in existing]
    if missing:
        with default_storage.open(image.file.name, "rb") as original:
            encoded = renditions.make(original, missing, (image.width, image.height))
        for item, data in encoded.items():
            path = image.rendition_path(names[item])
            if default_storage.exists(path):  # left over by a run that stopped before saving
                default_storage.delete(path)
            default_storage.save(path, ContentFile(data))
    stale = existing - set(names.values())
    for name in stale:
        default_storage.delete(image.rendition_path(name))
    image.renditions = renditions.manifest(planned, names)
    image.renditions_state = Image.State.READY
    image.renditions_error = ""
    image.save(update_fields=["renditions", "renditions_state", "renditions_error", "updated_at"])
    return len(missing), len(stale)
