"""Readiness follows the database (SPEC 9): the health service says NOT_SERVING while it cannot be reached.

A thread of its own asks the database every few seconds on a fresh connection
(`Database.ping`), never on a call's path: no request pays a statement for it,
and an outage is noticed with no call at all. The first failure turns every
health status NOT_SERVING, logs the outage once and makes calls fail at once
with DATABASE_UNAVAILABLE (`Database.reachable`: no call waits on a database
that is gone, or works on a stale SQLite handle); the first success after it
turns them SERVING again and logs how long it lasted.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from typing import Protocol

from grpc_health.v1 import health, health_pb2

log = logging.getLogger(__name__)


class Probed(Protocol):
    """What readiness needs of the database (the store's Database is one)."""

    def ping(self, timeout: float) -> None: ...

    @property
    def reachable(self) -> threading.Event: ...


# Ask every 2 s, wait up to 3 s for an answer: an outage is seen within 5 s. While the database is
# down, ask every 0.5 s: after a failover the new primary takes calls within half a second.
PROBE_INTERVAL_S = 2.0
PROBE_INTERVAL_DOWN_S = 0.5
PROBE_TIMEOUT_S = 3.0


class Readiness:
    def __init__(
        self,
        ping: Callable[[float], None],
        health_servicer: health.HealthServicer,
        services: Sequence[str],
        interval: float = PROBE_INTERVAL_S,
        timeout: float = PROBE_TIMEOUT_S,
        reachable: threading.Event | None = None,
        on_change: Callable[[bool], None] | None = None,
    ) -> None:
        self._on_change = on_change or (lambda _up: None)  # a metric: the database reachable (1) or not (0)
        self._ping = ping
        self._reachable = reachable or threading.Event()  # cleared while down: calls refuse at once
        self._health = health_servicer
        self._services = ["", *services]
        self._interval = interval
        self._interval_down = min(interval, PROBE_INTERVAL_DOWN_S)
        self._timeout = timeout
        self._stopped = threading.Event()
        self._down_since: float | None = None
        self._thread = threading.Thread(target=self._loop, name="readiness", daemon=True)

    @classmethod
    def of(
        cls,
        database: Probed,
        health_servicer: health.HealthServicer,
        services: Sequence[str],
        on_change: Callable[[bool], None] | None = None,
    ) -> Readiness:
        return cls(database.ping, health_servicer, services, reachable=database.reachable, on_change=on_change)

    @property
    def database_reachable(self) -> bool:
        return self._down_since is None

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()

    def _loop(self) -> None:
        while not self._stopped.wait(self._interval if self._down_since is None else self._interval_down):
            self.check()

    def check(self) -> None:
        """One probe; a change of state is applied to the health service and logged once."""
        try:
            self._ping(self._timeout)
        except Exception as error:
            if self._down_since is None and not self._stopped.is_set():
                self._down_since = time.monotonic()
                self._reachable.clear()
                self._on_change(False)
                self._set(health_pb2.HealthCheckResponse.NOT_SERVING)
                log.error("database unavailable: %s; health is NOT_SERVING until it answers again", _reason(error))
            return
        if self._down_since is not None:
            lasted = time.monotonic() - self._down_since
            self._down_since = None
            self._reachable.set()
            self._on_change(True)
            self._set(health_pb2.HealthCheckResponse.SERVING)
            log.warning("database reachable again after %.1f s; health is SERVING", lasted)

    def _set(self, status: health_pb2.HealthCheckResponse.ServingStatus.ValueType) -> None:
        if self._stopped.is_set():
            return  # shutting down: the graceful shutdown's NOT_SERVING stands
        for name in self._services:
            self._health.set(name, status)


def _reason(error: BaseException) -> str:
    """The driver's reason on one line, without the connection string it may quote."""
    first = next((line.strip() for line in str(error).splitlines() if line.strip()), "")
    return f"{type(error).__name__}: {first.rpartition(' failed: ')[2]}" if first else type(error).__name__
