from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    """The project's own wiring as an app, so its deploy checks register; it has no models."""

    name = "newsroom"
    verbose_name = "Newsroom project"

    def ready(self):
        from django.contrib import admin

        from newsroom import checks  # noqa: F401  (registers the Content-Security-Policy checks)
        from newsroom.auth import AdminLoginForm

        admin.site.login_form = AdminLoginForm
