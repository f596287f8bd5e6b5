"""Project-wide middleware: request logging and a 503 page while the database is down."""

import logging
import time

from django.conf import settings

from newsroom.auth import client_ip
from newsroom.errors import DATABASE_UNAVAILABLE, database_unavailable

request_logger = logging.getLogger("newsroom.request")


class RequestLogMiddleware:
    """One structured log line per request: method, path, status and duration."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.enabled = settings.REQUEST_LOG

    def __call__(self, request):
        if not self.enabled:
            return self.get_response(request)
        started = time.perf_counter()
        response = self.get_response(request)
        request_logger.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                # Behind make serve's nginx REMOTE_ADDR is empty (a unix socket): the proxy says who.
                "remote_addr": client_ip(request),
            },
        )
        return response


class DatabaseUnavailableMiddleware:
    """While the database cannot be reached, readers get a short 503 page, never a 500.

    An outage is expected, not a bug: Django's own line for the 503 (django.request) becomes one
    warning naming the error, without a traceback (newsroom/logging.py, issue 11).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_UNAVAILABLE):
            return None
        request.database_error = exception
        return database_unavailable()
