"""Who may fetch a rendition: readers when a public page uses the image, staff with the library,
and someone holding a share link while it lasts.

The image library knows nothing of articles. The content app tells it which images are public
(`set_public_rule`) and where an image is used (`set_usage`), from its AppConfig.ready().
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing

GRANT_COOKIE = "image_grant"
GRANT_SALT = "images.grant"
GRANT_SECONDS = 30 * 60
VIEW = "images.view_image"

_public_rule = None
_usage = None


def set_public_rule(function):
    """`function(image_id)` -> whether a page readers can see uses the image now."""
    global _public_rule
    _public_rule = function


def set_usage(function):
    """`function(image)` -> [(label, admin URL, is public)] for every article using the image."""
    global _usage
    _usage = function


def is_public(image_id):
    """Whether anonymous readers may fetch the image's renditions, asked afresh on every request
    (two indexed EXISTS queries), so unpublishing and scheduled publication apply at once."""
    return _public_rule is not None and bool(_public_rule(image_id))


def usage(image):
    return _usage(image) if _usage is not None else []


def is_library_user(user):
    return user.is_active and user.is_staff and user.has_perm(VIEW)


def media_path():
    """The path part of MEDIA_URL (which may name a CDN's host)."""
    return urlsplit(settings.MEDIA_URL).path or "/"


def grant(request, response, image_keys, *, seconds=GRANT_SECONDS):
    """Let this browser fetch these images' renditions for a while (a share-link page's pictures)."""
    keys = set(granted_keys(request)) | set(image_keys)
    if not keys:
        return response
    value = signing.dumps(sorted(keys), salt=GRANT_SALT, compress=True)
    response.set_cookie(
        GRANT_COOKIE,
        value,
        max_age=seconds,
        path=media_path(),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def granted_keys(request):
    value = request.COOKIES.get(GRANT_COOKIE)
    if not value:
        return set()
    try:
        keys = signing.loads(value, salt=GRANT_SALT, max_age=GRANT_SECONDS)
    except signing.BadSignature:
        return set()
    return {key for key in keys if isinstance(key, str)} if isinstance(keys, list) else set()
