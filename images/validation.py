"""What an upload must be before it joins the library, with a clear message for every way it fails.

The whole file is decoded here once, so a truncated or corrupt image is refused at upload, not found
broken later by the rendition task. Nothing is stored until every check has passed.
"""

import hashlib
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image as PillowImage
from PIL import ImageOps, UnidentifiedImageError

# Raster formats browsers and Pillow both handle; SVG never (it can carry scripts).
ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif", "AVIF": "avif"}
ACCEPTED_LABEL = "JPEG, PNG, WebP, AVIF or GIF"
_SVG_SNIFF = (b"<svg", b"<?xml", b"<!doctype svg")


@dataclass(frozen=True)
class Inspected:
    """What the checks learnt about a valid upload."""

    format: str
    extension: str
    width: int  # as displayed, after the EXIF orientation
    height: int
    is_animated: bool
    content_hash: str
    size: int


def max_upload_bytes():
    return settings.IMAGE_MAX_UPLOAD_MB * 1024 * 1024


def inspect_upload(upload):
    """Check an uploaded file (a Django File); return what it is, or raise ValidationError."""
    name = getattr(upload, "name", "") or _("the file")
    size = upload.size
    if size == 0:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": name}, code="empty")
    if size > max_upload_bytes():
        raise ValidationError(
            _("“%(name)s” is %(size)s; the largest picture the library takes is %(limit)s.")
            % {"name": name, "size": filesizeformat(size), "limit": filesizeformat(max_upload_bytes())},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(512)
    if name.lower().endswith((".svg", ".svgz")) or head.lstrip().lower().startswith(_SVG_SNIFF):
        raise ValidationError(
            _("“%(name)s” is an SVG drawing. SVG is refused because it can carry scripts; export it as PNG.")
            % {"name": name},
            code="svg",
        )
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    try:
        inspected = _decode(upload, name)
    finally:
        upload.seek(0)
    return Inspected(**inspected, content_hash=digest.hexdigest(), size=size)


def _decode(upload, name):
    limit_mp = settings.IMAGE_MAX_PIXELS / 1_000_000
    try:
        with warnings.catch_warnings():
            # Past the limit Pillow raises; between half of it and the limit it only warns.
            warnings.simplefilter("error", PillowImage.DecompressionBombWarning)
            with PillowImage.open(upload) as picture:
                found = picture.format
                if found not in ACCEPTED_FORMATS:
                    raise ValidationError(
                        _("“%(name)s” is a %(format)s image; upload %(accepted)s.")
                        % {"name": name, "format": found or _("an unknown"), "accepted": ACCEPTED_LABEL},
                        code="format",
                    )
                width, height = picture.size
                _check_dimensions(name, width, height)
                is_animated = getattr(picture, "n_frames", 1) > 1
                # Decode every pixel of the first frame: a truncated or corrupt file fails here.
                picture.load()
                oriented = ImageOps.exif_transpose(picture)
                width, height = oriented.size
    except (PillowImage.DecompressionBombError, PillowImage.DecompressionBombWarning) as error:
        raise ValidationError(
            _("“%(name)s” has too many pixels (over %(limit)s megapixels): it could exhaust the server.")
            % {"name": name, "limit": f"{limit_mp:g}"},
            code="bomb",
        ) from error
    except UnidentifiedImageError as error:
        raise ValidationError(
            _("“%(name)s” is not a picture the library can read; upload %(accepted)s.")
            % {"name": name, "accepted": ACCEPTED_LABEL},
            code="not_image",
        ) from error
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        # Pillow's words for a file that ends early or contradicts itself.
        raise ValidationError(
            _("“%(name)s” is damaged or incomplete (%(reason)s). Nothing was saved; upload it again.")
            % {"name": name, "reason": str(error) or error.__class__.__name__},
            code="damaged",
        ) from error
    return {
        "format": found,
        "extension": ACCEPTED_FORMATS[found],
        "width": width,
        "height": height,
        "is_animated": is_animated,
    }


def _check_dimensions(name, width, height):
    longest = settings.IMAGE_MAX_SIDE
    if width > longest or height > longest:
        raise ValidationError(
            _("“%(name)s” is %(w)d×%(h)d pixels; no side may be longer than %(max)d pixels.")
            % {"name": name, "w": width, "h": height, "max": longest},
            code="dimensions",
        )
    if width < 16 or height < 16:
        raise ValidationError(
            _("“%(name)s” is only %(w)d×%(h)d pixels: too small to be a picture on a page.")
            % {"name": name, "w": width, "h": height},
            code="dimensions",
        )
