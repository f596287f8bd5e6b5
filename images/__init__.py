"""The image library: pictures with alt text, credit and a focal point, and their renditions.

- models: Image (the original, its description and its rendition manifest)
- validation: what an upload must be (a real, complete, not oversized raster image)
- renditions: the sizes and formats made with Pillow, metadata stripped, crops around the focal point
- tasks, services: making renditions in the background; adding an image to the library
- access: who may fetch a rendition (content apps register the rule that makes an image public)
- media: the gate in front of every media URL (`MediaMiddleware`)
- templatetags.images: `<picture>` markup for pages
- admin: the library in the Django admin (multi-upload, thumbnails, focal point, the editor's chooser)

It never imports the content app: `articles` imports it, and tells it from its AppConfig.ready()
which images readers may see (access.set_public_rule).
"""
