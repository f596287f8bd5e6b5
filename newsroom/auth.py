"""Admin login: its form, throttling with django-axes, and how a reader's address is found."""

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.validators import MaxLengthValidator

# What django-axes' tables hold for a username.
AXES_USERNAME_LENGTH = 255


class AdminLoginForm(AdminAuthenticationForm):
    """The admin's login form, with the username's length checked on the server too.

    Django gives the field its max_length only after building it, so no validator enforces it; a
    name of 256 characters or more then reached django-axes, whose tables cannot store it, and the
    login page answered 500 (issue 11). Now it is an ordinary form error.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))


def axes_username(request, credentials):
    """The username django-axes records, cut to what its tables hold (for logins outside the form)."""
    field = str(settings.AXES_USERNAME_FORM_FIELD)
    username = credentials.get(field) if credentials else request.POST.get(field)
    return username[:AXES_USERNAME_LENGTH] if isinstance(username, str) else username


class AxesBackend(AxesStandaloneBackend):
    """Axes' lockout check for every login that arrives with a request.

    Logins without a request (the test client's `login()`, a shell) have no address to
    throttle by and never come from the network; Axes' own backend would refuse them outright.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request):
    """REMOTE_ADDR, or behind PROXY_COUNT proxies the X-Forwarded-For entry the outermost one added.

    Counting from the right: entries further left come from the client and can be forged.
    """
    if settings.PROXY_COUNT:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if len(forwarded) >= settings.PROXY_COUNT and forwarded[-settings.PROXY_COUNT]:
            return forwarded[-settings.PROXY_COUNT]
    return request.META.get("REMOTE_ADDR")
