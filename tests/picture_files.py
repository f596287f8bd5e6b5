"""Pictures for the image-library tests: good ones, and every kind of bad upload an editor can make."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories import picture_bytes

SECRET_GPS = {2: (55.0, 45.0, 12.0), 1: "N", 4: (37.0, 37.0, 3.0), 3: "E"}
CAMERA = "SecretCam 3000"


def upload(name, data, content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def jpeg_with_metadata(width=300, height=200, orientation=1):
    """A JPEG carrying what must never be served: camera, GPS position, XMP, a comment."""
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = CAMERA
    exif[0x8825] = SECRET_GPS
    buffer = io.BytesIO()
    picture = Image.new("RGB", (width, height), (220, 30, 30))  # stored: red left half, blue right
    picture.paste((30, 30, 220), (width // 2, 0, width, height))
    picture.save(
        buffer,
        "JPEG",
        exif=exif,
        xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/">source-secret-xmp</x:xmpmeta>',
        comment=b"source-secret-comment",
    )
    return buffer.getvalue()


def truncated_jpeg():
    data = picture_bytes(400, 300)
    return data[: len(data) // 2]


def png_header_only(width, height):
    """A PNG that announces a huge size in a few bytes (a decompression bomb)."""

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def long_strip(width=13_000, height=20):
    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


def animated_gif():
    """Two frames: red, then blue. Pages show the first."""
    frames = [Image.new("RGB", (120, 80), colour) for colour in ((230, 20, 20), (20, 20, 230))]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=200, loop=0)
    return buffer.getvalue()


def transparent_png():
    picture = Image.new("RGBA", (200, 100), (0, 0, 0, 0))
    picture.paste((20, 160, 20, 255), (50, 25, 150, 75))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return buffer.getvalue()


def cmyk_jpeg():
    buffer = io.BytesIO()
    Image.new("CMYK", (160, 120), (0, 200, 200, 0)).save(buffer, "JPEG")
    return buffer.getvalue()


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
