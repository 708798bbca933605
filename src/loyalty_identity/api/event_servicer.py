"""EventService: the change feed, read page by page or watched as a stream."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass

import grpc

from loyalty_identity.api import convert
from loyalty_identity.api.auth import Authenticator
from loyalty_identity.api.protos import event_grpc, event_pb
from loyalty_identity.api.rpc import rpc_method, stream_method
from loyalty_identity.domain.errors import DomainError, Reason
from loyalty_identity.service import deadlines
from loyalty_identity.service.application import Application

pb = event_pb

WATCH_BATCH = 500
# A single poll never waits longer than this for the database.
POLL_DEADLINE_S = 10.0


@dataclass
class WatchSettings:
    # Other replicas' commits are found by polling this often (local ones wake watchers at once).
    poll_interval_s: float = 0.5
    # Each watcher holds a server thread while it streams.
    max_watchers: int = 32


class EventServicer(event_grpc.EventServiceServicer):
    def __init__(self, app: Application, auth: Authenticator, settings: WatchSettings) -> None:
        self.app = app
        self.auth = auth
        self._settings = settings
        self._watchers = threading.BoundedSemaphore(settings.max_watchers)

    def _reveal(self, asked: bool, context: grpc.ServicerContext) -> bool:
        if asked and not self.auth.may_reveal(context.invocation_metadata()):
            raise DomainError(Reason.PERMISSION_DENIED, "this caller may not see identifier values: drop reveal_values")
        return asked

    @rpc_method
    def ListEvents(  # noqa: N802 (gRPC method names)
        self, request: pb.ListEventsRequest, context: grpc.ServicerContext, org: str
    ) -> pb.ListEventsResponse:
        reveal = self._reveal(request.reveal_values, context)
        page = self.app.list_events(org, request.after_sequence, request.page_size)
        return pb.ListEventsResponse(
            events=[convert.event(e, reveal) for e in page.events], last_sequence=page.last_sequence
        )

    @stream_method
    def WatchEvents(  # noqa: N802
        self, request: pb.WatchEventsRequest, context: grpc.ServicerContext, org: str
    ) -> Iterator[pb.WatchEventsResponse]:
        reveal = self._reveal(request.reveal_values, context)
        if not self._watchers.acquire(blocking=False):
            raise DomainError(
                Reason.RESOURCE_EXHAUSTED,
                f"the server already streams to {self._settings.max_watchers} watchers; use ListEvents or retry later",
            )
        try:
            yield from self._watch(org, request.after_sequence, reveal, context)
        finally:
            self._watchers.release()

    def _watch(
        self, org: str, after: int, reveal: bool, context: grpc.ServicerContext
    ) -> Iterator[pb.WatchEventsResponse]:
        """Replay from `after`, then follow new commits; each event exactly once, in order."""
        signal = self.app.feed_signal
        cursor = after
        while context.is_active():
            if signal.closed:
                raise DomainError(Reason.UNAVAILABLE, f"the server is shutting down: resume after sequence {cursor}")
            seen = signal.version
            remaining = context.time_remaining()
            with deadlines.deadline_in(min(POLL_DEADLINE_S, remaining) if remaining else POLL_DEADLINE_S):
                page = self.app.list_events(org, cursor, WATCH_BATCH)
            for event in page.events:
                yield pb.WatchEventsResponse(event=convert.event(event, reveal))
                cursor = event.sequence
            if len(page.events) < WATCH_BATCH:
                signal.wait(seen, self._settings.poll_interval_s)
