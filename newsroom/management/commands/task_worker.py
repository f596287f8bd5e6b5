"""`manage.py task_worker`: django-tasks-db's db_worker that waits out a database outage.

db_worker exits with a traceback when the database goes away, so a restart of PostgreSQL took the
worker down and, with a supervisor restarting it, filled the log with tracebacks (issue 11). This
worker logs one warning, waits (1 s, then longer, at most 5 s), and carries on where it was; a
task it was running when the database went is recorded by the task itself, or noticed later
(assistant/suggestions.py). It takes db_worker's options, except --reload.
"""

import logging
import time

from django.db import InterfaceError, OperationalError, close_old_connections, connections
from django_tasks_db.management.commands import db_worker

logger = logging.getLogger("newsroom.worker")
MAX_PAUSE = 5.0


class ResilientWorker(db_worker.Worker):
    def run(self):
        pause, outage_started = 1.0, None
        while self.running:
            try:
                if outage_started is not None and self._database_answers():
                    logger.info("database answering again; the task worker carries on")
                    outage_started = None
                if outage_started is None:
                    return super().run()
            except (OperationalError, InterfaceError) as error:
                if outage_started is None:
                    outage_started = time.monotonic()
                    detail = " ".join(str(error).split())[:300]
                    logger.warning("database unavailable (%s); the task worker waits for it", detail)
                pause = 1.0 if outage_started is None else min(MAX_PAUSE, pause * 2)
            for connection in connections.all(initialized_only=True):
                connection.close()
            time.sleep(pause)
        return None

    @staticmethod
    def _database_answers():
        close_old_connections()
        try:
            connections["default"].ensure_connection()
        except (OperationalError, InterfaceError):
            return False
        return True


class Command(db_worker.Command):
    help = "Run the database task worker; it waits out a database outage instead of exiting."

    def handle(self, *, verbosity, queue_name, interval, batch, backend_name, startup_delay, max_tasks,
               worker_id, exclude_queues, **options):  # fmt: skip
        self.configure_logging(verbosity)
        worker = ResilientWorker(
            queue_names=queue_name.split(","),
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=exclude_queues.split(",") if exclude_queues else [],
        )
        worker.configure_signals()
        worker.run()
