"""Deploy checks of our own: `manage.py check --deploy` fails without a strict Content-Security-Policy."""

from django.conf import settings
from django.core import checks
from django.utils.csp import CSP

GUARDED_DIRECTIVES = ("default-src", "script-src", "style-src")


@checks.register(checks.Tags.security, deploy=True)
def check_content_security_policy(app_configs, **kwargs):
    policy = getattr(settings, "SECURE_CSP", None)
    if not policy:
        return [
            checks.Error(
                "SECURE_CSP is not set: pages are served without a Content-Security-Policy.",
                hint="Define SECURE_CSP in newsroom/settings.py (see the README).",
                id="newsroom.E001",
            )
        ]
    errors = []
    if "default-src" not in policy:
        errors.append(
            checks.Error(
                "SECURE_CSP has no default-src: anything not named elsewhere is allowed from anywhere.",
                id="newsroom.E002",
            )
        )
    for directive in GUARDED_DIRECTIVES:
        values = [str(value).lower() for value in policy.get(directive, [])]
        if CSP.UNSAFE_INLINE in values or "*" in values:
            errors.append(
                checks.Error(
                    f"SECURE_CSP allows {'inline code' if CSP.UNSAFE_INLINE in values else 'any origin'} "
                    f"in {directive}.",
                    hint="Move inline scripts and styles into static files, or give scripts the nonce.",
                    id="newsroom.E003",
                )
            )
    return errors


@checks.register(checks.Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs):
    """The page cache is invalidated through the cache itself: every process must see one cache."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith("LocMemCache"):
        return [
            checks.Warning(
                "The default cache is LocMem, private to each process: after an edit, other gunicorn "
                "workers keep serving the old page until it expires.",
                hint="Set REDIS_URL (several servers) or CACHE_URL=filecache:///path (one machine).",
                id="newsroom.W001",
            )
        ]
    return []
