"""Renditions: the sizes and formats pages use, made from the original with Pillow.

Three sets:
- "w": the whole picture at several widths (never wider than the original), for the article's
  lead image, body images and the front page's lead story;
- "card": a 3:2 crop around the focal point, small, for listing cards;
- "social": a 1200x630 crop around the focal point (smaller originals are not enlarged), JPEG only,
  for Open Graph, Twitter and JSON-LD.

Each comes in AVIF and WebP with a JPEG fallback ("social": JPEG, which every link preview reads).
What is served holds pixels only: the EXIF orientation is applied, colours are converted to sRGB,
and EXIF, XMP, GPS, comments and ICC profiles are left behind. An animated picture gives its first
frame. A file's name carries a signature of everything that went into it, so a changed focal point
makes new names (the old ones stay immutable in caches) and unchanged renditions are kept.
"""

import hashlib
import io
import math
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.conf import settings
from PIL import Image as PillowImage
from PIL import ImageOps

# Bump when the encoder settings change: every rendition gets a new name.
ENCODER_VERSION = 1
# Steps of at most 1.5x: a phone at 1x, 1.75x and 3x, the 42rem article column at 1x and 2x, the
# front page's lead story at up to 1920 px.
WIDTHS = (320, 480, 640, 960, 1280, 1920)
CARD_RATIO = (3, 2)
CARD_WIDTHS = (320, 640)
SOCIAL_SIZE = (1200, 630)
FORMATS = ("avif", "webp", "jpeg")
MIME_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg"}
EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg"}
CONTENT_TYPES = {EXTENSIONS[f]: MIME_TYPES[f] for f in FORMATS}
_ENCODER_OPTIONS = {
    # Chosen with bench/renditions.py on a 4000x2667 photograph: AVIF about 40 % of the JPEG's
    # bytes, WebP about 70 %; AVIF speed 9 and WebP method 2 cost a fraction of the slower
    # settings' time for a few per cent in size (WebP method 3: twice the time for 6 % less).
    "avif": {"quality": 50, "speed": 9},
    "webp": {"quality": 75, "method": 2},
    "jpeg": {"quality": 78, "optimize": True, "progressive": True},
}


@dataclass(frozen=True)
class Planned:
    """One rendition to make: a box of the (oriented) original, scaled to width x height."""

    set: str
    format: str
    width: int
    height: int
    box: tuple  # (left, top, right, bottom) in original pixels

    def name(self, content_hash):
        recipe = (
            f"{ENCODER_VERSION}:{content_hash}:{self.set}:{self.format}:{self.width}x{self.height}:{self.box}"
        )
        signature = hashlib.sha256(recipe.encode()).hexdigest()[:12]
        return f"{self.set}{self.width}x{self.height}-{signature}.{EXTENSIONS[self.format]}"


def plan(width, height, focal_x, focal_y):
    """Every rendition an image of this size and focal point gets."""
    planned = []
    widths = sorted({w for w in WIDTHS if w < width} | {min(width, WIDTHS[-1])})
    for w in widths:
        h = max(1, round(height * w / width))
        planned += [Planned("w", fmt, w, h, (0, 0, width, height)) for fmt in FORMATS]
    card_box = crop_box(width, height, CARD_RATIO, focal_x, focal_y)
    box_width = card_box[2] - card_box[0]
    for w in sorted({min(cw, box_width) for cw in CARD_WIDTHS}):
        h = round(w * CARD_RATIO[1] / CARD_RATIO[0])
        planned += [Planned("card", fmt, w, h, card_box) for fmt in FORMATS]
    social_box = crop_box(width, height, SOCIAL_SIZE, focal_x, focal_y)
    social_width = min(SOCIAL_SIZE[0], social_box[2] - social_box[0])  # never enlarged
    social_height = round(social_width * SOCIAL_SIZE[1] / SOCIAL_SIZE[0])
    planned.append(Planned("social", "jpeg", social_width, social_height, social_box))
    return planned


def crop_box(width, height, ratio, focal_x, focal_y):
    """The largest box of the given aspect ratio inside the picture, centred on the focal point as far
    as the edges allow."""
    target = ratio[0] / ratio[1]
    if width / height > target:
        box_w, box_h = round(height * target), height
    else:
        box_w, box_h = width, round(width / target)
    left = min(max(round(focal_x * width - box_w / 2), 0), width - box_w)
    top = min(max(round(focal_y * height - box_h / 2), 0), height - box_h)
    return (left, top, left + box_w, top + box_h)


def open_for_renditions(fileobj, planned):
    """The original's first frame, oriented, in sRGB, without metadata, decoded no larger than needed."""
    picture = PillowImage.open(fileobj)
    picture.seek(0)
    if picture.format == "JPEG":
        # JPEG can decode at 1/2, 1/4 or 1/8 scale for the price of that size: ask for the least
        # the largest rendition needs (in stored orientation, before the EXIF rotation).
        scale = max(p.width / (p.box[2] - p.box[0]) for p in planned)
        oriented_w, oriented_h = _oriented_size(picture)
        need = (math.ceil(oriented_w * scale), math.ceil(oriented_h * scale))
        if _swaps_sides(picture):
            need = need[::-1]
        picture.draft(picture.mode if picture.mode in ("RGB", "L") else None, need)
    icc = picture.info.get("icc_profile")
    picture = ImageOps.exif_transpose(picture)
    has_alpha = picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info
    picture = picture.convert("RGBA" if has_alpha else "RGB")
    if icc:
        picture = _to_srgb(picture, icc)
    picture.info = {}
    return picture


def _oriented_size(picture):
    width, height = picture.size
    return (height, width) if _swaps_sides(picture) else (width, height)


def _swaps_sides(picture):
    return picture.getexif().get(0x0112) in (5, 6, 7, 8)


def _to_srgb(picture, icc):
    try:
        from PIL import ImageCms

        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(
            picture, source, ImageCms.createProfile("sRGB"), outputMode=picture.mode
        )
    except Exception:  # a broken or exotic profile: keep the pixels as they are
        return picture


def render(picture, group, decoded_size, original_size):
    """Scale the decoded picture once for renditions sharing a size and box, then encode each format."""
    # The box is in original pixels; the decoded picture may be a scaled draft of it.
    sx = decoded_size[0] / original_size[0]
    sy = decoded_size[1] / original_size[1]
    first = group[0]
    left, top, right, bottom = first.box
    box = (left * sx, top * sy, right * sx, bottom * sy)
    scaled = picture.resize((first.width, first.height), PillowImage.LANCZOS, box=box, reducing_gap=2.0)
    encoded = {}
    for planned in group:
        frame = scaled
        if planned.format == "jpeg" and scaled.mode == "RGBA":
            frame = PillowImage.new("RGB", scaled.size, "white")
            frame.paste(scaled, mask=scaled.getchannel("A"))
        output = io.BytesIO()
        frame.save(output, planned.format.upper(), **_ENCODER_OPTIONS[planned.format])
        encoded[planned] = output.getvalue()
    return encoded


def make(fileobj, planned, original_size):
    """Encode every planned rendition: {planned: bytes}. Pillow releases the GIL while it resizes
    and encodes, so a small thread pool uses the machine's cores (IMAGE_RENDITION_THREADS)."""
    picture = open_for_renditions(fileobj, planned)
    decoded = picture.size
    groups = {}
    for item in planned:
        groups.setdefault((item.width, item.height, item.box), []).append(item)
    # Largest first, so the longest jobs do not start last.
    ordered = sorted(groups.values(), key=lambda group: -group[0].width)
    encoded = {}
    with ThreadPoolExecutor(max_workers=settings.IMAGE_RENDITION_THREADS) as pool:
        for result in pool.map(lambda group: render(picture, group, decoded, original_size), ordered):
            encoded.update(result)
    return encoded


def manifest(planned, names):
    """The JSON the Image keeps: set -> format -> [[width, height, name], ...] by width."""
    result = {}
    for item in planned:
        result.setdefault(item.set, {}).setdefault(item.format, []).append(
            [item.width, item.height, names[item]]
        )
    for formats in result.values():
        for candidates in formats.values():
            candidates.sort()
    return result
