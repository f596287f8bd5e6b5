"""The demo newsroom's pictures: original illustrations drawn with Pillow when load_demo runs.

Nothing is downloaded and nothing binary is kept in git. Each scene is deterministic (its grain
comes from a seeded random generator), so a second load_demo recognises the same file in the
library by its content hash.
"""

import io
import random

from PIL import Image, ImageChops, ImageDraw, ImageFilter

SIZE = (1600, 1067)
CREDIT = "Illustration: Newsroom demo"


def _sky(top, bottom, size=SIZE):
    gradient = Image.linear_gradient("L").resize(size)
    channels = [
        gradient.point(lambda v, a=a, b=b: a + (b - a) * v // 255) for a, b in zip(top, bottom, strict=True)
    ]
    return Image.merge("RGB", channels)


def _grain(picture, seed, amount=10):
    """Deterministic film grain, so the same scene is the same file every time."""
    width, height = picture.size
    noise = Image.frombytes("L", (width, height), random.Random(seed).randbytes(width * height))
    noise = noise.point(lambda v: 128 + (v - 128) * amount // 128)
    return ImageChops.add(picture, Image.merge("RGB", (noise,) * 3), offset=-128)


def _jpeg(picture):
    output = io.BytesIO()
    picture.save(output, "JPEG", quality=88)
    return output.getvalue()


def _water(draw, top, colour, width=SIZE[0], height=SIZE[1], seed=0):
    rng = random.Random(seed)
    draw.rectangle([0, top, width, height], fill=colour)
    for _ in range(160):
        y = rng.randint(top + 4, height)
        x = rng.randint(-100, width)
        length = rng.randint(40, 220)
        shade = tuple(min(255, c + rng.randint(10, 40)) for c in colour)
        draw.line([x, y, x + length, y], fill=shade, width=rng.randint(1, 3))


def tram():
    """A red tram on new tracks by the docks at dusk, cranes and blocks of flats behind."""
    picture = _sky((46, 52, 98), (238, 150, 96))
    draw = ImageDraw.Draw(picture)
    rng = random.Random(1)
    for x in range(0, SIZE[0], 90):  # blocks of flats
        top = rng.randint(380, 560)
        draw.rectangle([x, top, x + 80, 760], fill=(58, 60, 78))
        for wy in range(top + 20, 740, 34):
            for wx in range(x + 10, x + 70, 22):
                if rng.random() < 0.45:
                    draw.rectangle([wx, wy, wx + 10, wy + 16], fill=(250, 214, 130))
    for x in (220, 1240):  # cranes
        draw.line([x, 760, x, 260], fill=(30, 30, 40), width=14)
        draw.line([x - 160, 280, x + 260, 280], fill=(30, 30, 40), width=10)
    draw.rectangle([0, 760, SIZE[0], SIZE[1]], fill=(70, 70, 74))
    for y in (900, 960):  # rails
        draw.line([0, y, SIZE[0], y - 40], fill=(190, 190, 196), width=6)
    draw.rounded_rectangle([420, 600, 1260, 900], radius=40, fill=(196, 30, 38))
    for wx in range(470, 1200, 120):
        draw.rounded_rectangle([wx, 640, wx + 90, 730], radius=10, fill=(230, 238, 246))
    draw.rectangle([420, 800, 1260, 820], fill=(250, 250, 250))
    draw.line([840, 600, 760, 480], fill=(30, 30, 30), width=5)
    draw.line([600, 480, 1100, 470], fill=(30, 30, 30), width=3)
    return _jpeg(_grain(picture.filter(ImageFilter.GaussianBlur(1.2)), 1))


def port():
    """A container ship alongside the quay, stacks of containers and gantry cranes."""
    picture = _sky((120, 170, 220), (226, 236, 244))
    draw = ImageDraw.Draw(picture)
    rng = random.Random(2)
    _water(draw, 760, (36, 82, 120), seed=2)
    draw.polygon([(120, 640), (1480, 640), (1400, 820), (200, 820)], fill=(30, 40, 60))
    colours = [(200, 60, 40), (40, 110, 180), (230, 170, 40), (60, 140, 80), (150, 150, 160)]
    for row in range(4):
        for x in range(220, 1360, 76):
            draw.rectangle(
                [x, 600 - row * 48, x + 70, 640 - row * 48], fill=rng.choice(colours), outline=(20, 20, 20)
            )
    for x in (300, 800, 1300):
        draw.rectangle([x, 220, x + 24, 700], fill=(220, 120, 30))
        draw.rectangle([x - 120, 220, x + 260, 250], fill=(220, 120, 30))
    draw.rectangle([1120, 470, 1260, 600], fill=(240, 240, 240))
    return _jpeg(_grain(picture.filter(ImageFilter.GaussianBlur(1.0)), 2))


def barrier():
    """The two steel gates of the flood barrier, closed across the harbour mouth under a storm sky."""
    picture = _sky((54, 60, 72), (150, 160, 170))
    draw = ImageDraw.Draw(picture)
    _water(draw, 640, (50, 74, 86), seed=3)
    draw.rectangle([0, 560, 260, 700], fill=(90, 90, 96))
    draw.rectangle([1340, 560, SIZE[0], 700], fill=(90, 90, 96))
    for left, right in ((260, 800), (800, 1340)):
        draw.chord([left, 420, right, 900], 180, 360, fill=(160, 166, 172), outline=(40, 40, 44), width=6)
    rng = random.Random(3)
    for _ in range(40):  # spray
        x, y = rng.randint(200, 1400), rng.randint(600, 700)
        draw.ellipse([x, y, x + rng.randint(20, 60), y + rng.randint(8, 20)], fill=(220, 226, 230))
    return _jpeg(_grain(picture.filter(ImageFilter.GaussianBlur(1.5)), 3, amount=14))


def storm():
    """Waves breaking over the sea wall on Beach Road, a lamppost bent in the wind."""
    picture = _sky((40, 44, 52), (110, 120, 128))
    draw = ImageDraw.Draw(picture)
    _water(draw, 700, (60, 84, 96), seed=4)
    draw.rectangle([0, 760, SIZE[0], 820], fill=(120, 116, 110))
    rng = random.Random(4)
    for x in range(0, SIZE[0], 140):
        top = rng.randint(420, 620)
        draw.pieslice([x - 40, top, x + 220, top + 360], 180, 360, fill=(214, 222, 226))
    draw.line([1300, 1067, 1320, 560], fill=(30, 30, 30), width=14)
    draw.line([1320, 560, 1420, 520], fill=(30, 30, 30), width=10)
    return _jpeg(_grain(picture.filter(ImageFilter.GaussianBlur(2.0)), 4, amount=14))


def gallery():
    """The Old Customs House: a pale stone front with columns and banners for the new gallery."""
    picture = _sky((150, 196, 236), (236, 242, 248))
    draw = ImageDraw.Draw(picture)
    draw.rectangle([160, 300, 1440, 960], fill=(222, 210, 186))
    draw.polygon([(120, 300), (800, 120), (1480, 300)], fill=(206, 194, 170))
    for x in range(240, 1400, 160):
        draw.rectangle([x, 360, x + 56, 900], fill=(240, 232, 214))
    for x, colour in ((380, (196, 40, 90)), (1060, (40, 120, 180))):
        draw.rectangle([x, 380, x + 150, 700], fill=colour)
    draw.rectangle([0, 960, SIZE[0], SIZE[1]], fill=(150, 146, 140))
    draw.rectangle([700, 700, 900, 960], fill=(70, 60, 52))
    return _jpeg(_grain(picture.filter(ImageFilter.GaussianBlur(1.0)), 5))


# (key, article slug, where, draw, title, alt text, caption, focal point)
PICTURES = [
    (
        "tram", "northport-council-approves-tram-extension-eastern-docks", "lead", tram,
        "Tram at the Eastern Docks (illustration)",
        "A red tram on new tracks along the docks at dusk, cranes and lit blocks of flats behind it.",
        "The extension will run 9 kilometres from Central Station to Harbour Park.", (0.52, 0.7),
    ),
    (
        "port", "port-of-northport-record-cargo-automated-terminal", "lead", port,
        "Container ship at the new terminal (illustration)",
        "A container ship stacked with red, blue and yellow containers alongside the quay under gantry cranes.",
        "The automated terminal can unload a large container ship in under a day.", (0.5, 0.55),
    ),
    (
        "barrier", "flood-barrier-passes-first-storm-test", "lead", barrier,
        "Flood barrier gates closed (illustration)",
        "Two curved steel gates closed across the harbour mouth, grey water and spray against them.",
        "The two 45-metre gates stayed shut for almost seven hours.", (0.5, 0.6),
    ),
    (
        "storm", "flood-barrier-passes-first-storm-test", "body", storm,
        "Waves over the Beach Road sea wall (illustration)",
        "Grey waves breaking over a low sea wall, a lamppost bent by the wind on the right.",
        "Outside the barrier, waves overtopped the sea wall along Beach Road.", (0.45, 0.55),
    ),
    (
        "gallery", "old-customs-house-reopens-contemporary-art-gallery", "lead", gallery,
        "The Old Customs House (illustration)",
        "A pale stone building with a pediment and tall columns, red and blue banners hanging between them.",
        "The Old Customs House reopens as the city’s largest contemporary art gallery.", (0.5, 0.45),
    ),
]  # fmt: skip
