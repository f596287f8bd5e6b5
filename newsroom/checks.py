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
