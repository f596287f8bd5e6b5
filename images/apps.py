from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class ImagesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "images"
    verbose_name = _("Image library")

    def ready(self):
        from PIL import Image as PillowImage

        # Pillow refuses to open anything larger (a decompression bomb), before decoding a pixel.
        PillowImage.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS
