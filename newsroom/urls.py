from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from newsroom.health import healthz, readyz

# Answered first by newsroom.health.HealthCheckMiddleware; named here so they can be reversed.
urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("", include("articles.urls")),
]

if settings.BENCH_FLOOR:
    # Benchmark only (issue 7): a fixed page through the same middleware, the framework's floor.
    from newsroom.bench import floor

    urlpatterns.insert(0, path("bench/floor", floor))

# Media is never served by a URL pattern: images.media.MediaMiddleware answers every MEDIA_URL
# path (renditions of public images only), in development and production alike (issue 12).

handler500 = "newsroom.errors.server_error"
