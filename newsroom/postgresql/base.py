"""PostgreSQL with deadlines: Django's own backend, where no call waits on the database for ever.

PostgreSQL's statement_timeout ends a slow query, but only a server that answers can apply it: a
database that accepts connections and then hangs held every request, /healthz included, until
gunicorn killed its workers (issue 11). Here, from the settings' OPTIONS (README, Configuration):

- `connect_timeout` bounds connecting (psycopg's own);
- `answer_timeout` bounds every wait for an answer on the client side: a little longer than the
  statement timeout, so the server's own cancellation normally comes first;
- `check_timeout` bounds the check of a kept connection before a request reuses it;
- after a connection or an answer times out, a circuit breaker (newsroom/breaker.py) makes this
  process fail at once for `retry_seconds`: readers get the 503 page without waiting again.
  Refused connections (a stopped database) fail at once anyway and do not trip it.
"""

import time
from contextlib import contextmanager

import psycopg
from django.db.backends.postgresql import base

from newsroom.breaker import CircuitBreaker

breaker = CircuitBreaker("PostgreSQL", 5)


class DeadlineConnection(psycopg.Connection):
    """A psycopg connection whose every wait for the server ends after `answer_timeout` seconds."""

    answer_timeout = None

    def wait(self, gen, interval=None, timeout=None):
        timeout = self.answer_timeout if timeout is None else timeout
        started = time.monotonic()
        try:
            if interval is None:
                return super().wait(gen, timeout=timeout)
            return super().wait(gen, interval=interval, timeout=timeout)
        except psycopg.OperationalError as error:
            if timeout is None or time.monotonic() - started < timeout:
                raise
            # No answer in time: the connection is in an unknown state, so it goes.
            self.close()
            timed_out = psycopg.OperationalError(f"PostgreSQL did not answer within {timeout:g} s")
            breaker.trip(timed_out)
            raise timed_out from error


class _Driver:
    """psycopg as Django's backend uses it, except that it connects with DeadlineConnection."""

    def __getattr__(self, name):
        return getattr(psycopg, name)

    @staticmethod
    def connect(*args, **kwargs):
        return DeadlineConnection.connect(*args, **kwargs)


class DatabaseWrapper(base.DatabaseWrapper):
    Database = _Driver()

    def get_connection_params(self):
        params = super().get_connection_params()
        options = self.settings_dict["OPTIONS"]
        for name in ("answer_timeout", "check_timeout", "retry_seconds"):
            params.pop(name, None)
        breaker.seconds = options.get("retry_seconds", breaker.seconds)
        return params

    def get_new_connection(self, conn_params):
        if breaker.is_open():
            raise psycopg.OperationalError(
                f"PostgreSQL skipped for a few seconds after it did not answer ({breaker.last_error})"
            )
        try:
            connection = super().get_new_connection(conn_params)
        except psycopg.errors.ConnectionTimeout as error:
            breaker.trip(error)
            raise
        connection.answer_timeout = self.settings_dict["OPTIONS"].get("answer_timeout")
        breaker.succeeded()
        return connection

    def is_usable(self):
        """The check before a kept connection is reused, with a short deadline of its own."""
        if self.connection is None:
            return False
        answer_timeout = self.connection.answer_timeout
        self.connection.answer_timeout = self.settings_dict["OPTIONS"].get("check_timeout", answer_timeout)
        try:
            return super().is_usable()
        finally:
            self.connection.answer_timeout = answer_timeout

    @contextmanager
    def _nodb_cursor(self):
        """Creating and dropping databases (the test database, maintenance) keeps no web deadline."""
        with super()._nodb_cursor() as cursor:
            cursor.execute("SET statement_timeout = 0")
            cursor.db.connection.answer_timeout = None
            yield cursor
