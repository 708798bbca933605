"""A load client for the soak and crash tests: one process, many threads, a random mix.

Run as `python -m tests.reliability.load --target HOST:PORT ...`. The mix collides on
purpose: every thread adds values from one small shared pool, and merges the same
customers in both directions. Each acknowledged write is appended to --acks as a
JSON line (after the response arrived), and the outcome counts go to --summary.

Every write carries a request_id, and some are sent as probes of its promise
(issue 12): *twins*, the same request to two replicas at the same moment (both
must get the same answer), and *hasty* calls, a first attempt with a 3-150 ms
deadline and, when it times out, the retry at once on the next replica. A retry
that is refused goes to --refusals: the test checks that its request_id was
never applied.

--ride-out SECONDS (the failover test): a call that fails transiently (UNAVAILABLE,
ABORTED, a deadline) is sent again with the same request_id, to the next replica,
until it gets an answer or SECONDS pass, as a careful caller does while the database
fails over; the client then keeps going instead of stopping at the first UNAVAILABLE.
"""

from __future__ import annotations

import argparse
import json
import random
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import grpc

from loyalty_identity.api.protos import card_grpc, identifier_grpc
from loyalty_identity.api.protos import card_pb as cpb
from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.api.protos import resources_pb as r
from tests.helpers import answer_of

SCOPES = [
    (r.SOURCE_INSTORE, ""),
    (r.SOURCE_TMALL, ""),
    (r.SOURCE_JD, ""),
    (r.SOURCE_WECHAT, "a"),
    (r.SOURCE_WECHAT, "b"),
]
SHARED = [(r.IDENTIFIER_TYPE_MOBILE, f"86139000000{i:02d}") for i in range(6)] + [
    (r.IDENTIFIER_TYPE_EMAIL, f"shared{i}@soak.com") for i in range(4)
]
# Gave up on the server: it is down (the crash test kills it).
FATAL = {grpc.StatusCode.UNAVAILABLE}
# A first attempt that ended so is retried at once, with the same request_id.
RETRY_AT_ONCE = {grpc.StatusCode.DEADLINE_EXCEEDED, grpc.StatusCode.UNAVAILABLE}
# Not answers (RULES 2.7): a twin that ends so leaves the answer to the other.
TRANSIENT = {
    grpc.StatusCode.UNAVAILABLE,
    grpc.StatusCode.DEADLINE_EXCEEDED,
    grpc.StatusCode.ABORTED,
    grpc.StatusCode.RESOURCE_EXHAUSTED,
}
# How writes are sent: mostly plainly, some as probes of the request_id's promise.
MODES = ["plain"] * 8 + ["twins", "hasty"]


def exactly(outcome: Any) -> object:
    """The answer byte for byte: the reply's bytes, or the refusal as its caller got it."""
    return answer_of(outcome) if isinstance(outcome, grpc.RpcError) else outcome.SerializeToString(deterministic=True)


def describe(outcome: Any) -> str:
    if isinstance(outcome, grpc.RpcError):
        return f"{outcome.code().name} {outcome.details()}"
    return "OK " + outcome.SerializeToString(deterministic=True).hex()


class Client:
    def __init__(
        self,
        targets: list[str],
        process: int,
        acks: Path,
        refusals: Path,
        series_id: str,
        seed: int,
        ride_out: float = 0.0,
    ) -> None:
        self.ride_out = ride_out
        # One channel per server replica; each thread talks to one of them.
        self.channels = [grpc.insecure_channel(target) for target in targets]
        self.stubs = [(identifier_grpc.IdentifierServiceStub(c), card_grpc.CardServiceStub(c)) for c in self.channels]
        self.local = threading.local()
        self.process = process
        self.series_id = series_id
        self.random = random.Random(seed)
        self.lock = threading.Lock()
        self.acks = acks.open("a")
        self.outcomes: Counter[str] = Counter()
        self.probes: Counter[str] = Counter()
        self.refusals = refusals.open("a")
        self.names: list[str] = []
        self.issued: list[str] = []
        self.down = threading.Event()

    def ack(self, **record: Any) -> None:
        record["at"] = time.time()  # when the answer arrived
        with self.lock:
            self.acks.write(json.dumps(record) + "\n")
            self.acks.flush()

    def stub(self, replica: int, method: str) -> Any:
        ids, cards = self.stubs[replica % len(self.stubs)]
        return getattr(ids if hasattr(ids, method) else cards, method)

    def call(self, method: str, request: Any) -> Any:
        """Send a write (with a request_id) plainly, as twins or hastily; lookups plainly."""
        mode = "plain"
        if hasattr(request, "request_id"):
            request.request_id = str(uuid.uuid4())
            mode = self.pick(MODES)
        if mode == "twins":
            return self.twins(method, request)
        if mode == "hasty":
            return self.hasty(method, request)
        return self.answer(self.attempt(self.local.replica, method, request))

    def attempt(self, replica: int, method: str, request: Any, timeout: float = 30) -> Any:
        outcome = self.send(replica, method, request, timeout)
        if not self.ride_out:
            return outcome
        give_up = time.monotonic() + self.ride_out
        while isinstance(outcome, grpc.RpcError) and outcome.code() in TRANSIENT and time.monotonic() < give_up:
            with self.lock:
                self.probes["ridden_out"] += 1
            time.sleep(0.1)
            replica += 1
            outcome = self.send(replica, method, request, 10)
        return outcome

    def send(self, replica: int, method: str, request: Any, timeout: float) -> Any:
        try:
            return self.stub(replica, method)(request, timeout=timeout)
        except grpc.RpcError as error:
            return error

    def answer(self, outcome: Any) -> Any:
        """Count the outcome; the response, or None for an error."""
        error = outcome if isinstance(outcome, grpc.RpcError) else None
        with self.lock:
            self.outcomes[error.code().name if error else "OK"] += 1
        if error is not None and error.code() in FATAL:
            self.down.set()
        return None if error else outcome

    def twins(self, method: str, request: Any) -> Any:
        """Both twins must give the one answer, a reply or a refusal, byte for byte (RULES 2.7): the first
        answer is stored, refusals included. Only a transient failure (the server down, a deadline, lost
        races) is no answer: the other twin's answer stands alone."""
        other: list[Any] = []
        replica = self.local.replica
        thread = threading.Thread(target=lambda: other.append(self.attempt(replica + 1, method, request)), daemon=True)
        thread.start()
        mine = self.attempt(replica, method, request)
        thread.join()
        with self.lock:
            self.probes["twins"] += 1
        outcomes = [mine, other[0]]
        answers = [o for o in outcomes if not (isinstance(o, grpc.RpcError) and o.code() in TRANSIENT)]
        if len({exactly(o) for o in answers}) > 1:
            self.refused("twins", request, " / ".join(sorted(describe(o) for o in answers)))
        # Counted once: both are one request, which took effect if either twin got OK.
        return self.answer(next((o for o in outcomes if not isinstance(o, grpc.RpcError)), mine))

    def hasty(self, method: str, request: Any) -> Any:
        with self.lock:
            self.probes["hasty"] += 1
            deadline = self.random.uniform(0.003, 0.15)
        first = self.send(self.local.replica, method, request, deadline)  # never ridden out: it is hasty
        if not isinstance(first, grpc.RpcError) or first.code() not in RETRY_AT_ONCE:
            return self.answer(first)
        with self.lock:
            self.probes["hasty_timed_out"] += 1
        retry = self.attempt(self.local.replica + 1, method, request)
        if isinstance(retry, grpc.RpcError) and retry.code() not in FATAL:
            self.refused("hasty", request, describe(retry))
        return self.answer(retry)

    def refused(self, probe: str, request: Any, why: str) -> None:
        """A probe's call was refused (hasty: the retry; twins: one of two): the test looks into it."""
        record = {"probe": probe, "request_id": request.request_id, "why": why}
        with self.lock:
            self.probes[f"{probe}_refused"] += 1
            self.refusals.write(json.dumps(record) + "\n")
            self.refusals.flush()

    def pick(self, items: list[Any]) -> Any:
        with self.lock:
            return self.random.choice(items) if items else None

    # Operations -----------------------------------------------------------------------------

    def create(self, tag: str) -> None:
        scope = self.pick(SCOPES)
        idents = [r.Identifier(type=r.IDENTIFIER_TYPE_EXTERNAL_ID, value=tag)]
        if self.random.random() < 0.3:
            kind, value = self.pick(SHARED)
            idents.append(r.Identifier(type=kind, value=value))
        request = pb.CreateCustomerRequest(
            profiles=[r.Profile(source=scope[0], account_id=scope[1], identifiers=idents)]
        )
        response = self.call("CreateCustomer", request)
        if response is not None:
            combined = any(w.code == "COMBINED_WITH_EXISTING" for w in response.warnings)
            self.ack(
                op="create",
                customer=response.customer.name,
                combined=combined,
                idents=[[scope[0], scope[1], i.type, i.value] for i in idents],
            )
            with self.lock:
                self.names.append(response.customer.name)

    def update(self) -> None:
        name, scope, (kind, value) = self.pick(self.names), self.pick(SCOPES), self.pick(SHARED)
        if name is None:
            return
        request = pb.UpdateIdentifiersRequest(
            customer=name, source=scope[0], account_id=scope[1], add=[r.Identifier(type=kind, value=value)]
        )
        response = self.call("UpdateIdentifiers", request)
        if response is not None:
            self.ack(op="add", customer=response.customer.name, ident=[scope[0], scope[1], kind, value])
            for merge in response.merges:
                self.ack(op="merge", merge=merge.name, victim=merge.victim, survivor=merge.survivor)

    def merge(self) -> None:
        a, b = self.pick(self.names), self.pick(self.names)
        if a is None or a == b:
            return
        response = self.call("MergeCustomers", pb.MergeCustomersRequest(victim=a, survivor=b))
        if response is not None:
            self.ack(op="merge", merge=response.merge.name, victim=a, survivor=b)

    def issue(self) -> None:
        name = self.pick(self.names)
        if name is None:
            return
        response = self.call("IssueCard", cpb.IssueCardRequest(customer=name, series_id=self.series_id))
        if response is not None:
            self.ack(op="issue", number=response.card.number, customer=response.card.customer)
            with self.lock:
                self.issued.append(response.card.number)

    def unlink(self) -> None:
        number = self.pick(self.issued)
        if number is None:
            return
        response = self.call("UnlinkCard", cpb.UnlinkCardRequest(number=number))
        if response is not None:
            self.ack(op="unlink", number=number)

    def lookup(self) -> None:
        scope, (kind, value) = self.pick(SCOPES), self.pick(SHARED)
        request = pb.LookupCustomerRequest(
            source=scope[0], account_id=scope[1], identifier=r.Identifier(type=kind, value=value)
        )
        self.call("LookupCustomer", request)

    def worker(self, thread: int, requests: int, seconds: float | None = None) -> None:
        self.local.replica = (self.process + thread) % len(self.stubs)
        operations = [self.update] * 30 + [self.merge] * 15 + [self.issue] * 10 + [self.unlink] * 5 + [self.lookup] * 25
        stop = None if seconds is None else time.monotonic() + seconds
        for i in range(requests):
            if (self.down.is_set() and not self.ride_out) or (stop is not None and time.monotonic() > stop):
                return
            if i < 3 or self.random.random() < 0.15:
                self.create(f"p{self.process}-t{thread}-{i}")
            else:
                self.pick(operations)()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--target", required=True, action="append", help="HOST:PORT of a replica; repeatable")
    parser.add_argument("--process", type=int, default=0)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--requests", type=int, default=100, help="per thread")
    parser.add_argument("--series-id", required=True)
    parser.add_argument("--acks", type=Path, required=True)
    parser.add_argument("--summary", type=Path, required=True)
    parser.add_argument("--refusals", type=Path, required=True, help="JSON lines: probes whose answer was wrong")
    parser.add_argument("--seconds", type=float, help="each thread stops after this long (or --requests)")
    parser.add_argument("--ride-out", type=float, default=0.0, help="retry transient failures this long")
    args = parser.parse_args(argv)
    client = Client(
        args.target, args.process, args.acks, args.refusals, args.series_id, seed=args.process, ride_out=args.ride_out
    )
    threads = [
        threading.Thread(target=client.worker, args=(t, args.requests, args.seconds)) for t in range(args.threads)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    args.summary.write_text(json.dumps({"outcomes": client.outcomes, "probes": client.probes}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
