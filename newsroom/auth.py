"""Admin login: its form, throttling with django-axes, and how a reader's address is found."""

import ipaddress
import logging
import math
from datetime import UTC, datetime, timedelta

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.validators import MaxLengthValidator
from django.db.models import Max, Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

# What django-axes' tables hold for a username.
AXES_USERNAME_LENGTH = 255
logger = logging.getLogger(__name__)
_warned_proxy_count = False


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

    Counting from the right: entries further left come from the client and can be forged. A proxy
    reached over a unix socket writes `unix:` for its peer (nginx behind Varnish): that peer is a
    process on the same machine, another proxy, so the count goes one entry further left, and a
    PROXY_COUNT one too low there still finds the reader. Anything else that is not an address
    is never returned (django-axes would store it in an address column: a 500 at login): the
    request's own REMOTE_ADDR is used instead, or None, and a warning says PROXY_COUNT is wrong.
    None too when gunicorn listens on a unix socket and no proxy is counted.
    """
    remote = request.META.get("REMOTE_ADDR")
    remote = remote if _is_address(remote) else None  # gunicorn on a unix socket: ""
    if not settings.PROXY_COUNT:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    position = len(forwarded) - settings.PROXY_COUNT
    while 0 < position < len(forwarded) and forwarded[position].startswith("unix:"):
        position -= 1
    if position < 0 or not forwarded[position]:
        return remote
    if _is_address(forwarded[position]):
        return forwarded[position]
    global _warned_proxy_count
    if not _warned_proxy_count:  # once per process: the request log asks on every request
        _warned_proxy_count = True
        logger.warning(
            "PROXY_COUNT=%d: X-Forwarded-For entry %r is not an address; check the proxies in front",
            settings.PROXY_COUNT,
            forwarded[position][:60],
        )
    return remote


def _is_address(text):
    try:
        ipaddress.ip_address(text or "")
    except ValueError:
        return False
    return True


# --- Password guessing: limits per account and per address on top of Axes' pair lock (issue 11) ---
#
# Axes locks a (username, address) pair after AXES_FAILURE_LIMIT failures: guessing from one place
# never locks a colleague out. But an attacker can spread guesses: many accounts from one address,
# or one account from many addresses. So:
#
# - per account, counting failures since its last successful login: after
#   LOGIN_ACCOUNT_FREE_FAILURES, each further try waits a delay that doubles with every failure
#   (1 s, 2 s, 4 s ...) up to LOGIN_MAX_DELAY; after LOGIN_ACCOUNT_FAILURE_CAP consecutive
#   failures (NIST SP 800-63B: at most 100) no more tries until the account logs in again;
# - per address, counting failures of the last LOGIN_FAILURE_WINDOW: after
#   LOGIN_ADDRESS_FREE_FAILURES, the same growing delay for every account tried from there;
# - an address this username logged in from within LOGIN_KNOWN_ADDRESS_DAYS is exempt from both
#   (the pair lock still applies there): the allowlist NIST suggests, so a stranger cannot lock an
#   editor out of her desk. Elsewhere she waits the delay, or after the cap logs in from a known
#   address (which starts the count again) or asks an administrator: manage.py axes_reset_username;
# - a try refused by a lock is neither checked nor counted, so hammering a lock does not extend it.


# The account reached the cap: no time passing ends that, only a login from a known address or a reset.
FOREVER = datetime.max.replace(tzinfo=UTC)


def _known_address(username, address, now):
    from axes.models import AccessLog

    since = now - timedelta(days=settings.LOGIN_KNOWN_ADDRESS_DAYS)
    return AccessLog.objects.filter(username=username, ip_address=address, attempt_time__gte=since).exists()


def _growing_delay_until(failure_times, free, now):
    """When the next try is allowed after these failures (newest first), or None if it is now."""
    if len(failure_times) < free:
        return None
    delay = min(settings.LOGIN_MAX_DELAY, 2 ** (len(failure_times) - free))
    allowed_at = failure_times[0] + timedelta(seconds=delay)
    return allowed_at if allowed_at > now else None


def account_retry_at(username, address, now=None):
    """When this username may next try from this address, by the account and address limits; None: now."""
    from axes.models import AccessFailureLog, AccessLog

    now = now or timezone.now()
    if not username or _known_address(username, address, now):
        return None
    cap = settings.LOGIN_ACCOUNT_FAILURE_CAP
    last_login = AccessLog.objects.filter(username=username).aggregate(at=Max("attempt_time"))["at"]
    account = AccessFailureLog.objects.filter(username=username)
    if last_login:
        account = account.filter(attempt_time__gt=last_login)
    account = list(account.order_by("-attempt_time").values_list("attempt_time", flat=True)[:cap])
    if len(account) >= cap:
        return FOREVER
    window_start = now - settings.LOGIN_FAILURE_WINDOW
    address_failures = list(
        AccessFailureLog.objects.filter(ip_address=address, attempt_time__gt=window_start)
        .order_by("-attempt_time")
        .values_list("attempt_time", flat=True)[:cap]
    )
    waits = [
        _growing_delay_until(account, settings.LOGIN_ACCOUNT_FREE_FAILURES, now),
        _growing_delay_until(address_failures, settings.LOGIN_ADDRESS_FREE_FAILURES, now),
    ]
    return max((w for w in waits if w is not None), default=None)


def pair_retry_at(username, address):
    """When Axes' lock of this (username, address) pair ends."""
    from axes.models import AccessAttempt

    last = AccessAttempt.objects.filter(username=username, ip_address=address).aggregate(
        at=Max("attempt_time")
    )
    return last["at"] + settings.AXES_COOLOFF_TIME if last["at"] else None


class LoginThrottleHandler(AxesDatabaseHandler):
    """Axes' database handler, locking also by the account and address limits above."""

    def reset_attempts(self, *, ip_address=None, username=None, ip_or_username=False):
        """An administrator's reset (manage.py axes_reset_username, axes_reset_ip) lifts our limits too.

        It forgets the failures they count; the JSON log keeps Axes' line for each of them.
        """
        from axes.models import AccessFailureLog

        count = super().reset_attempts(
            ip_address=ip_address, username=username, ip_or_username=ip_or_username
        )
        failures = AccessFailureLog.objects.all()
        if ip_or_username:
            failures = failures.filter(Q(ip_address=ip_address) | Q(username=username))
        else:
            failures = failures.filter(
                **{k: v for k, v in {"ip_address": ip_address, "username": username}.items() if v}
            )
        failures.delete()
        return count

    def is_locked(self, request, credentials=None):
        if super().is_locked(request, credentials):
            return True
        username = get_client_username(request, credentials)
        return account_retry_at(username, request.axes_ip_address, request.axes_attempt_time) is not None


def lockout_response(request, original_response=None, credentials=None):
    """The lock-out page: HTTP 429 saying when to try again, with Retry-After in seconds."""
    from django.contrib import admin

    now = timezone.now()
    username = get_client_username(request, credentials)
    address = request.axes_ip_address
    candidates = [account_retry_at(username, address, now)]
    if AxesDatabaseHandler().get_failures(request, credentials) >= settings.AXES_FAILURE_LIMIT:
        candidates.append(pair_retry_at(username, address))
    retry_at = max((c for c in candidates if c is not None), default=now + timedelta(seconds=1))
    capped = retry_at == FOREVER
    seconds = 3600 if capped else max(1, math.ceil((retry_at - now).total_seconds()))
    context = {
        **admin.site.each_context(request),
        "title": _("Too many login attempts"),
        "capped": capped,
        "retry_at": None if capped else timezone.localtime(retry_at),
        "wait": timesince(now, retry_at) if seconds >= 60 else _("%(n)d seconds") % {"n": seconds},
    }
    response = render(request, "admin/locked_out.html", context, status=429)
    # After the cap, no time is known: an hour is a polite hint for scripts, not a promise.
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    return response
