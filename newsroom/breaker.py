"""A circuit breaker: after a dependency fails, skip it for a while instead of waiting on it each time.

A hung Redis or database costs its whole timeout on every call; with the breaker the first call
pays it, and for the next `seconds` every call in this process fails at once (the cache is
skipped, the database answers the 503 page). Then one call tries again. Each outage is logged
once when it starts and once when it ends, never with a traceback per request (issue 11).

State is per process (each gunicorn worker has its own): nothing shared can hang.
"""

import logging
import time

logger = logging.getLogger("newsroom.breaker")


class CircuitBreaker:
    def __init__(self, name, seconds):
        self.name = name
        self.seconds = seconds
        self.open_until = 0.0  # time.monotonic() until which calls are skipped
        self.failing_since = None  # time.time() of the first failure of this outage, or None
        self.last_error = ""

    def is_open(self):
        """True while calls should be skipped."""
        return time.monotonic() < self.open_until

    def trip(self, error):
        """A call failed: skip the dependency for a while; log the outage when it starts."""
        self.open_until = time.monotonic() + self.seconds
        self.last_error = f"{error.__class__.__name__}: {error}".strip()[:300]
        if self.failing_since is None:
            self.failing_since = time.time()
            logger.warning(
                "%s unavailable (%s); skipping it for %g s at a time until it answers",
                self.name,
                self.last_error,
                self.seconds,
                extra={"dependency": self.name},
            )

    def succeeded(self):
        """A call worked: the outage, if any, is over. Returns True when one just ended."""
        if self.failing_since is None:
            return False
        outage = time.time() - self.failing_since
        self.failing_since, self.open_until, self.last_error = None, 0.0, ""
        logger.info(
            "%s answering again after %.1f s",
            self.name,
            outage,
            extra={"dependency": self.name, "outage_seconds": round(outage, 1)},
        )
        return True

    def status(self):
        """For the readiness check: None when healthy, else what went wrong and since when."""
        if self.failing_since is None:
            return None
        return {"error": self.last_error, "failing_for_seconds": round(time.time() - self.failing_since, 1)}
