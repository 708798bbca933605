"""Reading the change feed (ListEvents, WatchEvents)."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from loyalty_identity.domain.errors import Reason, invalid, refused
from loyalty_identity.domain.events import Event
from loyalty_identity.service import paging
from loyalty_identity.service.ports import Repository

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000


@dataclass(frozen=True)
class EventPage:
    events: list[Event]
    last_sequence: int  # the org's last event when read


def parse_after(after_sequence: int) -> int:
    if after_sequence < 0:
        raise invalid(Reason.INVALID_ARGUMENT, "after_sequence", "must not be negative")
    return after_sequence


def parse_page_size(page_size: int) -> int:
    """The rule of the other List RPCs (AIP-158), with the feed's own default."""
    return paging.page_size(page_size, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)


def read_events(repo: Repository, org: str, after: int, limit: int) -> EventPage:
    """Events after a sequence; refuses a position the feed cannot continue from."""
    purged_through, last = repo.event_bounds(org)
    if after < purged_through:
        raise refused(
            Reason.EVENTS_EXPIRED,
            f"events up to {purged_through} are past retention: resync the customers, then read from the "
            f"first kept event ({purged_through + 1})",
            first_sequence=str(purged_through + 1),
            after_sequence=str(after),
        )
    if after > last:
        raise refused(
            Reason.SEQUENCE_AHEAD,
            f"the feed ends at {last}; sequence {after} belongs to another database: resync",
            last_sequence=str(last),
            after_sequence=str(after),
        )
    events = repo.list_events(org, after, limit) if after < last else []
    return EventPage(events, last)


class FeedSignal:
    """Wakes this process's watchers when a local write commits, and all of them at shutdown.

    Other replicas' writes are seen by polling; this only makes local ones
    arrive at once. Watchers read `version` before querying and wait for it to
    move, so a commit between the query and the wait is never slept through.
    """

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self.version = 0
        self.closed = False

    def notify(self) -> None:
        with self._changed:
            self.version += 1
            self._changed.notify_all()

    def close(self) -> None:
        with self._changed:
            self.closed = True
            self._changed.notify_all()

    def wait(self, seen_version: int, timeout: float) -> None:
        with self._changed:
            self._changed.wait_for(lambda: self.closed or self.version != seen_version, timeout)
