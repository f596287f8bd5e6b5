"""The image library in the admin (Django's autodiscovery loads this).

- image: ImageAdmin, its list filters and columns
- views: the multi-file upload page and the figure tool's JSON endpoints (choose, upload, preview)
- forms: the upload form and the image form with its focal-point picker
"""

from images.admin import image  # noqa: F401  (registers the admin)
