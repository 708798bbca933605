"""Riding out a database failover inside one call.

When the connection to PostgreSQL breaks (the primary died, a standby is being promoted), the
transaction runs again on a fresh connection, which libpq makes to whichever host of a
multi-host URL takes writes, within the caller's deadline, but only where running it again
is safe: a read; a write whose connection broke before COMMIT was sent (the server rolled it
back); or a write whose COMMIT went unanswered but whose request_id makes the rerun
exactly-once (its claim finds the first run's answer if that committed). A write without a
request_id whose COMMIT went unanswered is never run again and never answered OK: it ends
UNAVAILABLE, saying the change may have been made.
"""

from __future__ import annotations

import logging
import random
import time

from loyalty_identity.domain.errors import DomainError, Reason
from loyalty_identity.service import deadlines
from loyalty_identity.service.ports import ConnectionLostError, StoreUnavailableError

log = logging.getLogger(__name__)

# How long a call without a deadline waits for a new primary. pg_auto_failover promotes within
# about 30 s by default; a promotion by hand takes as long as the operator.
FAILOVER_WAIT_S = 30.0
# Between attempts to connect: the pool's connections to the dead primary are gone after the
# first failure, so each attempt makes a new connection (libpq tries every host of the URL).
RECONNECT_PAUSE_S = 0.2


class Failover:
    """One call's wait for the database after its connection broke."""

    def __init__(self) -> None:
        self._since: float | None = None
        self.commit_unknown = False  # an earlier attempt's COMMIT went unanswered
        self.attempts = 0  # attempts that ended so and were followed by another

    def check_deadline(self) -> None:
        """deadlines.check(), except that a call whose change may be committed is not told nothing was."""
        try:
            deadlines.check()
        except DomainError as error:
            if self.commit_unknown:
                raise self.outcome_unknown(error) from error
            raise

    def outcome_unknown(self, cause: BaseException) -> Exception:
        """What a call ends with once it gives up after a COMMIT went unanswered."""
        if isinstance(cause, DomainError) and cause.reason is not Reason.DEADLINE_EXCEEDED:
            return cause  # an answer of the rerun (exactly-once): it stands
        return ConnectionLostError(type(cause).__name__, commit_unknown=True)

    def wait_or_raise(self, error: ConnectionLostError | StoreUnavailableError, safe_to_repeat: bool) -> None:
        """Pause before the next attempt, or raise: the call ends here.

        safe_to_repeat: running the transaction again cannot apply it twice (a read, a dry run,
        a request_id).
        """
        if isinstance(error, ConnectionLostError):
            if error.commit_unknown and not safe_to_repeat:
                raise error
            self.commit_unknown = self.commit_unknown or error.commit_unknown
        elif not (error.unreachable and self._since is not None):
            # The database is busy, or was unreachable from the start of this call (SPEC 9: refuse at once).
            raise self.outcome_unknown(error) if self.commit_unknown else error
        now = time.monotonic()
        if self._since is None:
            self._since = now
            log.debug("connection to the database lost (%s): reconnecting", error)
        left = deadlines.remaining()
        end = self._since + FAILOVER_WAIT_S
        if left is not None:
            end = min(end, now + left)
        if now >= end:
            raise self.outcome_unknown(error) if self.commit_unknown else error
        time.sleep(min(end - now, RECONNECT_PAUSE_S * random.uniform(0.5, 1.5)))
        self.attempts += 1
