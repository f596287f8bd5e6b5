"""The gate in front of every media URL: renditions of public images for everyone, with far-future
immutable caching; renditions of other images only for staff with the library (or a share link's
grant); originals and anything else under MEDIA_URL for nobody (404, like a page that does not exist).

It sits before the page cache, sessions and CSRF (settings.MIDDLEWARE), as whitenoise does for
static files: a picture costs a few indexed lookups, asked afresh every time. The bytes
then come from nginx (X-Accel-Redirect to an internal location, `make serve`), from the file
system (FileResponse, `make run`), or from object storage (S3, streamed).
"""

import logging
import re
from importlib import import_module

from django.conf import settings
from django.contrib import auth
from django.core.files.storage import default_storage
from django.core.files.storage.filesystem import FileSystemStorage
from django.db import DatabaseError
from django.http import FileResponse, HttpResponse, HttpResponseNotAllowed
from django.utils.cache import patch_cache_control

from images import access
from images.models import RENDITIONS_DIR, Image
from images.renditions import CONTENT_TYPES

logger = logging.getLogger(__name__)
YEAR = 365 * 24 * 60 * 60
_NAME = re.compile(r"^(?P<key>[A-Za-z0-9_-]{16,32})/(?P<name>[A-Za-z0-9_.x-]{1,80})$")


class MediaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = access.media_path()

    def __call__(self, request):
        if not request.path.startswith(self.prefix):
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        try:
            return serve(request, request.path.removeprefix(self.prefix))
        except DatabaseError:
            logger.exception("Media unavailable: the database does not answer")
            response = HttpResponse("Service unavailable", status=503, content_type="text/plain")
            response["Retry-After"] = "30"
            response["Cache-Control"] = "no-store"
            return response


def _not_found():
    response = HttpResponse("Not found", status=404, content_type="text/plain")
    response["Cache-Control"] = "no-store"
    return response


def serve(request, relative):
    directory, _, rest = relative.partition("/")
    match = _NAME.match(rest)
    if directory != RENDITIONS_DIR or match is None:
        return _not_found()  # originals and everything else are never served here
    image = Image.objects.filter(key=match["key"]).only("id", "key", "renditions").first()
    if image is None or match["name"] not in image.rendition_names():
        return _not_found()
    if access.is_public(image.pk):
        cache_control = {"public": True, "max_age": YEAR, "immutable": True}
    elif image.key in access.granted_keys(request) or _is_library_user(request):
        cache_control = {"private": True, "max_age": 600}
    else:
        return _not_found()
    response = _file_response(image.rendition_path(match["name"]))
    if response is None:
        return _not_found()
    patch_cache_control(response, **cache_control)
    if "private" in cache_control:
        response["Vary"] = "Cookie"
    return response


def _file_response(path):
    content_type = CONTENT_TYPES.get(path.rsplit(".", 1)[-1])
    if content_type is None:
        return None
    if isinstance(default_storage, FileSystemStorage):
        if accel := settings.MEDIA_ACCEL_REDIRECT:
            # nginx sends the file (an `internal` location aliasing MEDIA_ROOT), with these headers.
            response = HttpResponse(content_type=content_type)
            response["X-Accel-Redirect"] = accel + path
            return response
        try:
            return FileResponse(default_storage.open(path, "rb"), content_type=content_type)
        except FileNotFoundError:
            return None
    # Object storage (S3): renditions are small; read and send them.
    try:
        with default_storage.open(path, "rb") as stored:
            return HttpResponse(stored.read(), content_type=content_type)
    except Exception:  # boto's errors for a missing object or an unreachable store
        logger.warning("Rendition %s could not be read from storage", path, exc_info=True)
        return None


def _is_library_user(request):
    """Staff who may use the library: their session is read here, before the session middleware."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    engine = import_module(settings.SESSION_ENGINE)
    request.session = engine.SessionStore(request.COOKIES[settings.SESSION_COOKIE_NAME])
    return access.is_library_user(auth.get_user(request))
