"""Error pages: a branded 500, and the 503 page for a database outage wherever it surfaces.

A database that is down is an expected failure: readers get the 503 page with Retry-After, and
the log gets one warning line without a traceback (newsroom/logging.py), not an ERROR per request.
Django calls `server_error` for exceptions raised outside views too (in middleware, in a session
save), where DatabaseUnavailableMiddleware cannot see them.
"""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template.loader import render_to_string

RETRY_AFTER_SECONDS = 30
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def database_unavailable():
    """The short 503 page readers get while the database cannot be reached."""
    response = HttpResponse(
        render_to_string("503.html", {"newsroom_name": settings.NEWSROOM_NAME}), status=503
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request):
    """handler500: the 503 page when the database is the cause, else the branded 500 page."""
    if isinstance(sys.exception(), DATABASE_UNAVAILABLE):
        return database_unavailable()
    response = HttpResponseServerError(
        render_to_string("500.html", {"newsroom_name": settings.NEWSROOM_NAME})
    )
    response["Cache-Control"] = "no-store"
    return response
