"""A synthetic photograph for measurements: 4000x2667, about 4.5 MB as a JPEG, compressing like a photo.

A camera's JPEG is large because of fine detail and sensor grain, which vanish when the picture is
scaled down; its broad shapes (sky, hills, water) are what renditions keep. This picture has both:
smooth gradients and layered ridges for the shapes, soft mid-scale texture, and full-resolution
grain for the weight. Deterministic for a given seed; made with Pillow alone.

    .venv/bin/python bench/photo.py out.jpg     # writes the picture and prints its size
"""

import io
import random
import sys

from PIL import Image, ImageChops, ImageDraw, ImageFilter


def make_photo(width=4000, height=2667, *, seed=1, grain=14, quality=90):
    """JPEG bytes of a sunset over hills and water."""
    rng = random.Random(seed)
    horizon = int(height * 0.58)
    sky = Image.linear_gradient("L").resize((width, horizon))
    picture = Image.merge(
        "RGB",
        (
            sky.point(lambda v: 40 + v * 200 // 255),
            sky.point(lambda v: 70 + v * 110 // 255),
            sky.point(lambda v: 150 - v * 90 // 255),
        ),
    )
    canvas = Image.new("RGB", (width, height))
    canvas.paste(picture, (0, 0))
    draw = ImageDraw.Draw(canvas)
    sun = (int(width * rng.uniform(0.55, 0.75)), int(horizon * 0.78))
    for radius, colour in ((int(width * 0.12), (250, 190, 120)), (int(width * 0.035), (255, 236, 200))):
        draw.ellipse([sun[0] - radius, sun[1] - radius, sun[0] + radius, sun[1] + radius], fill=colour)
    canvas = canvas.filter(ImageFilter.GaussianBlur(width / 60))
    draw = ImageDraw.Draw(canvas)
    # Three ridges of hills, nearer ones darker, their outline a random walk.
    for layer, base in enumerate((0.50, 0.55, 0.62)):
        y = height * base
        points = [(0, height)]
        for x in range(0, width + 40, 40):
            y += rng.uniform(-18, 18) * (layer + 1) * 0.6
            y = min(max(y, height * (base - 0.08)), height * (base + 0.05))
            points.append((x, y))
        points.append((width, height))
        shade = 90 - layer * 28
        draw.polygon(points, fill=(shade // 2, shade, shade // 2 + 10))
    # Water below the horizon: the sky's colours, darker, with horizontal ripples.
    water_top = int(height * 0.66)
    water = canvas.crop((0, water_top - (height - water_top), width, water_top)).transpose(
        Image.Transpose.FLIP_TOP_BOTTOM
    )
    water = Image.blend(water, Image.new("RGB", water.size, (10, 30, 50)), 0.45)
    ripples = Image.effect_noise((width // 64, height // 8), 40).resize(water.size, Image.Resampling.BICUBIC)
    water = ImageChops.add(water, Image.merge("RGB", (ripples,) * 3), offset=-128)
    canvas.paste(water, (0, water_top))
    # Mid-scale texture (foliage, waves) and full-resolution grain.
    texture = Image.effect_noise((width // 6, height // 6), 8).resize(
        (width, height), Image.Resampling.BICUBIC
    )
    canvas = ImageChops.add(canvas, Image.merge("RGB", (texture,) * 3), offset=-128)
    grain_layer = Image.merge("RGB", [Image.effect_noise((width, height), grain) for _ in range(3)])
    canvas = ImageChops.add(canvas, grain_layer, offset=-128)
    output = io.BytesIO()
    canvas.save(output, "JPEG", quality=quality, subsampling="4:2:0")
    return output.getvalue()


if __name__ == "__main__":
    data = make_photo()
    if len(sys.argv) > 1:
        with open(sys.argv[1], "wb") as out:
            out.write(data)
    print(f"{len(data) / 1_000_000:.2f} MB")
