"""`serve --processes N`: N server processes on one address and one database, so one replica uses every core.

The pattern of grpc's examples/python/multiprocessing. The parent checks that no server
listens on the address (the check a single `serve` makes: a second, unrelated server still
refuses to start, issue 13), reserves the port with a socket bound with SO_REUSEPORT that
never listens (so the port stays the group's, and port 0 gets one), and starts N children
(spawned, not forked: gRPC and the database pool must not cross a fork). Each binds the port
with SO_REUSEPORT, and the kernel spreads new connections over them; a client's channel stays
with one process, so a load balancer's or client's several channels are what use every core.

Each child reports through a pipe that it is ready, or the error that stopped it (which the
parent raises: the command fails as a single `serve` would). The parent logs the ready line
once all are, forwards SIGTERM and SIGINT, waits for every child's graceful stop, and stops
the group if a child dies (a supervisor restarts the whole of it). Health is answered by
whichever child a call reaches. Metrics are per process: child i serves /metrics on the
metrics port + i (port 0: each picks its own, logged). The HTTP listener (Connect, the
console) is served by the first child.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from multiprocessing.connection import Connection
from types import FrameType
from typing import Any

from loyalty_identity.api.server import (
    ListenAddress,
    ServerConfig,
    check_free,
    create_server,
    parse_listen,
)
from loyalty_identity.bootstrap import redact_url
from loyalty_identity.observability.logs import configure_logging

log = logging.getLogger(__name__)

MAX_PROCESSES = 64
STARTUP_S = 120.0  # each child opens (and may migrate) the database before it is ready
STOP_S = 60.0  # beyond the servers' own grace, before a child is killed
POLL_S = 0.2


class ChildDiedError(RuntimeError):
    """A process of the group ended while the group was serving."""


@contextmanager
def reserved_port(address: ListenAddress) -> Iterator[int]:
    """Hold address's port for the group: bound with SO_REUSEPORT (children share it), never listening.

    Not SO_REUSEADDR: a single server's bind (SO_REUSEADDR, no SO_REUSEPORT) then fails on it.
    """
    family, kind, protocol, _, sockaddr = socket.getaddrinfo(
        address.host, address.port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    with socket.socket(family, kind, protocol) as held:
        held.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        held.bind(sockaddr)
        yield int(held.getsockname()[1])


def child_config(config: ServerConfig, port: int, index: int) -> ServerConfig:
    """What child index (0-based) serves: the group's port, its own metrics port, HTTP in the first."""
    listen = parse_listen(config.listen)
    metrics = None
    if config.metrics_listen:
        address = parse_listen(config.metrics_listen, "metrics address")
        metrics = str(ListenAddress(address.host, address.port + index if address.port else 0))
    return replace(
        config,
        listen=str(ListenAddress(listen.host, port)),
        share_port=True,
        metrics_listen=metrics,
        http_listen=config.http_listen if index == 0 else None,
    )


def _run_child(config: ServerConfig, name: str, logging_setup: tuple[str, str], report: Connection) -> None:
    """A child's life: start, report, serve until SIGTERM or SIGINT, stop gracefully."""
    configure_logging(*logging_setup)
    stop = threading.Event()

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        log.info("%s: received %s, finishing in-flight calls", name, signal.Signals(signum).name)
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        running = create_server(config)
    except Exception as error:  # told to the parent, which fails the command with it
        report.send(("failed", error))
        return
    running.start()
    if running.metrics_port is not None:
        log.info("%s: metrics on port %d", name, running.metrics_port)
    report.send(("ready", running.port))
    stop.wait()
    running.stop()


def serve_group(config: ServerConfig, processes: int, logging_setup: tuple[str, str]) -> None:
    """Run `processes` servers on config's address until SIGTERM or SIGINT (serve --processes)."""
    listen = parse_listen(config.listen)
    check_free(listen, "listen address")
    stop = threading.Event()

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        log.info("received %s: stopping the %d processes", signal.Signals(signum).name, processes)
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    with reserved_port(listen) as port:
        children = _start(config, port, processes, logging_setup)
        try:
            if not _wait_until_ready(children, stop):
                return  # stopped while starting
            log.info(
                "loyalty-identity ready on %s (database %s, %d processes: pids %s)",
                ListenAddress(listen.host, port),
                redact_url(config.database_url),
                processes,
                ", ".join(str(process.pid) for process, _ in children),
            )
            _watch(children, stop)
        finally:
            _stop(children)
    log.info("stopped")


Child = tuple[Any, Connection]  # (multiprocessing's Process, the end of its report pipe)


def _start(config: ServerConfig, port: int, processes: int, logging_setup: tuple[str, str]) -> list[Child]:
    context = multiprocessing.get_context("spawn")
    children: list[Child] = []
    for index in range(processes):
        reports, report = context.Pipe(duplex=False)
        name = f"process {index + 1} of {processes}"
        process = context.Process(
            target=_run_child,
            args=(child_config(config, port, index), name, logging_setup, report),
            name=name,
        )
        process.start()
        report.close()  # the child's end: the parent keeps only its own
        children.append((process, reports))
    return children


def _wait_until_ready(children: list[Child], stop: threading.Event) -> bool:
    """Every child's report (False: a signal came first); the first failure is raised, as a single server's."""
    for process, reports in children:
        waited = 0.0
        while not reports.poll(POLL_S):
            waited += POLL_S
            if stop.is_set():
                return False
            if not process.is_alive() or waited > STARTUP_S:
                raise ChildDiedError(f"{process.name} ended before it was ready (exit code {process.exitcode})")
        outcome = reports.recv()
        if outcome[0] == "failed":
            raise outcome[1]
    return True


def _watch(children: list[Child], stop: threading.Event) -> None:
    """Until a signal stops the group, or a child dies (the group stops: restart it whole)."""
    while not stop.wait(POLL_S):
        for process, _ in children:
            if not process.is_alive():
                log.error("%s ended (exit code %s): stopping the group", process.name, process.exitcode)
                raise ChildDiedError(f"{process.name} ended while serving (exit code {process.exitcode})")


def _stop(children: list[Child]) -> None:
    """SIGTERM to each child (a graceful stop), then wait for all; kill what outlives STOP_S."""
    for process, _ in children:
        if process.is_alive():
            process.terminate()
    for process, reports in children:
        process.join(STOP_S)
        if process.is_alive():
            log.error("%s did not stop within %.0f s: killed", process.name, STOP_S)
            process.kill()
            process.join()
        reports.close()
