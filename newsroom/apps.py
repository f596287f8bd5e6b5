from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class NewsroomConfig(AppConfig):
    """The project's own wiring as an app, so its deploy checks register; it has no models."""

    name = "newsroom"
    verbose_name = "Newsroom project"

    def ready(self):
        from django.contrib import admin

        from newsroom import checks  # noqa: F401  (registers the Content-Security-Policy checks)
        from newsroom.auth import AdminLoginForm

        # The desk's admin site (below) logs people in through the form that checks name lengths.
        admin.site.login_form = AdminLoginForm


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """Django's admin, whose home page is the editors' desk for writers and editors."""

    default = False  # named in INSTALLED_APPS; "newsroom" itself stays NewsroomConfig
    default_site = "desk.sites.DeskSite"
