"""Admin login throttling (django-axes): the backend and how a reader's address is found."""

from axes.backends import AxesStandaloneBackend
from django.conf import settings


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
