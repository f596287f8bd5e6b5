"""Queue rendition work for the library: pictures that have none (the default), or all of them.

`make run` and `make serve` call it after migrating, so an upgraded database (lead images moved
into the library by migration articles.0009) gets its renditions. With the immediate task backend
the work happens here; with the database queue the worker does it.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from images.models import Image
from images.tasks import generate_renditions


class Command(BaseCommand):
    help = "Queue renditions for library images that have none (--all: check every image)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="check every image, not only those without renditions"
        )

    def handle(self, *args, all=False, **options):
        images = Image.objects.all() if all else Image.objects.without_renditions()
        ids = list(images.values_list("pk", flat=True))
        for image_id in ids:
            with transaction.atomic():
                generate_renditions.enqueue(image_id)
        if ids or options["verbosity"] > 1:
            self.stdout.write(f"Renditions queued for {len(ids)} image(s).")
