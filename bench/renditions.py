"""How long the worker takes to make every rendition of a newsroom-sized photograph (docs/performance.md).

The photograph is bench/photo.py's: 4000x2667, about 4.5 MB, compressing like a camera's JPEG.
One run is what happens when an editor uploads it: the upload request checks the file (decodes it
once, images/validation.py) and stores the original; the background task then makes the 25
renditions (6 widths x AVIF/WebP/JPEG, two 3:2 card crops x 3 formats, the 1200x630 social JPEG),
writes them to storage and records them (images/tasks.py: update_renditions). Nothing of it runs
in a reader's request. Each run starts from a fresh library (temporary SQLite database and media
directory); the figures are the median and the best of the runs, wall-clock and CPU time (CPU
counts every thread of the process).

    .venv/bin/python bench/renditions.py [--runs 5] [--threads 2]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2, help="IMAGE_RENDITION_THREADS")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newsroom-renditions-"))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        SECRET_KEY="bench-renditions",
        DATABASE_URL=f"sqlite:///{work / 'db.sqlite3'}",
        MEDIA_ROOT=str(work / "media"),
        # Queue, do not run: the task is timed on its own below.
        TASKS_BACKEND="django.tasks.backends.dummy.DummyBackend",
        IMAGE_RENDITION_THREADS=str(args.threads),
        REQUEST_LOG="0",
        LOG_LEVEL="WARNING",
    )
    import django

    django.setup()
    from django.core.files.base import ContentFile
    from django.core.management import call_command

    from bench.photo import make_photo
    from images import services
    from images.models import Image
    from images.tasks import update_renditions
    from images.validation import inspect_upload

    call_command("migrate", verbosity=0)
    photo = make_photo()
    size = len(photo) / 1_000_000
    print(f"photograph: 4000x2667, {size:.2f} MB JPEG; {args.runs} runs, {args.threads} threads")
    checks, walls, cpus = [], [], []
    for _ in range(args.runs):
        started = time.perf_counter()
        inspect_upload(ContentFile(photo, name="photo.jpg"))
        checks.append(time.perf_counter() - started)
        image = services.create_image(ContentFile(photo, name="photo.jpg"), by=None, alt_text="A sunset")
        image = Image.objects.get(pk=image.pk)
        wall, cpu = time.perf_counter(), time.process_time()
        made, _removed = update_renditions(image)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        sizes = {
            (set_name, fmt, width): (ROOT / work / "media" / image.rendition_path(name)).stat().st_size
            for set_name, formats in image.renditions.items()
            for fmt, found in formats.items()
            for width, _height, name in found
        }
        image.delete()
        services.delete_files(image)
    print(f"upload check (decode once):  median {statistics.median(checks):.2f} s, best {min(checks):.2f} s")
    print(
        f"renditions ({made} files):    median {statistics.median(walls):.2f} s wall, best {min(walls):.2f} s"
    )
    print(f"                             median {statistics.median(cpus):.2f} s CPU (all threads)")
    print("\nset     width   AVIF KB   WebP KB   JPEG KB")
    for set_name in ("w", "card", "social"):
        for width in sorted({w for s, _f, w in sizes if s == set_name}):
            row = [sizes.get((set_name, fmt, width)) for fmt in ("avif", "webp", "jpeg")]
            cells = "".join(f"{(v or 0) / 1024:>10.0f}" if v else f"{'-':>10}" for v in row)
            print(f"{set_name:<7} {width:>5}{cells}")


if __name__ == "__main__":
    main()
