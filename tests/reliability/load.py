"""A load client for the soak and crash tests: one process, many threads, a random mix.

Run as `python -m tests.reliability.load --target HOST:PORT ...`. The mix collides on
purpose: every thread adds values from one small shared pool, and merges the same
customers in both directions. Each acknowledged write is appended to --acks as a
JSON line (after the response arrived), and the outcome counts go to --summary.
"""

from __future__ import annotations

import argparse
import json
import random
import threading
from collections import Counter
from pathlib import Path
from typing import Any

import grpc

from loyalty_identity.api.protos import card_grpc, identifier_grpc
from loyalty_identity.api.protos import card_pb as cpb
from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.api.protos import resources_pb as r

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


class Client:
    def __init__(self, targets: list[str], process: int, acks: Path, series_id: str, seed: int) -> None:
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
        self.names: list[str] = []
        self.issued: list[str] = []
        self.down = threading.Event()

    @property
    def ids(self) -> identifier_grpc.IdentifierServiceStub:
        return self.stubs[self.local.replica][0]

    @property
    def cards(self) -> card_grpc.CardServiceStub:
        return self.stubs[self.local.replica][1]

    def ack(self, **record: Any) -> None:
        with self.lock:
            self.acks.write(json.dumps(record) + "\n")
            self.acks.flush()

    def call(self, method, request) -> Any:
        try:
            response = method(request, timeout=30)
        except grpc.RpcError as error:
            code = error.code()
            with self.lock:
                self.outcomes[code.name] += 1
            if code in FATAL:
                self.down.set()
            return None
        with self.lock:
            self.outcomes["OK"] += 1
        return response

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
        response = self.call(self.ids.CreateCustomer, request)
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
        response = self.call(self.ids.UpdateIdentifiers, request)
        if response is not None:
            self.ack(op="add", customer=response.customer.name, ident=[scope[0], scope[1], kind, value])
            for merge in response.merges:
                self.ack(op="merge", merge=merge.name, victim=merge.victim, survivor=merge.survivor)

    def merge(self) -> None:
        a, b = self.pick(self.names), self.pick(self.names)
        if a is None or a == b:
            return
        response = self.call(self.ids.MergeCustomers, pb.MergeCustomersRequest(victim=a, survivor=b))
        if response is not None:
            self.ack(op="merge", merge=response.merge.name, victim=a, survivor=b)

    def issue(self) -> None:
        name = self.pick(self.names)
        if name is None:
            return
        response = self.call(self.cards.IssueCard, cpb.IssueCardRequest(customer=name, series_id=self.series_id))
        if response is not None:
            self.ack(op="issue", number=response.card.number, customer=response.card.customer)
            with self.lock:
                self.issued.append(response.card.number)

    def unlink(self) -> None:
        number = self.pick(self.issued)
        if number is None:
            return
        response = self.call(self.cards.UnlinkCard, cpb.UnlinkCardRequest(number=number))
        if response is not None:
            self.ack(op="unlink", number=number)

    def lookup(self) -> None:
        scope, (kind, value) = self.pick(SCOPES), self.pick(SHARED)
        request = pb.LookupCustomerRequest(
            source=scope[0], account_id=scope[1], identifier=r.Identifier(type=kind, value=value)
        )
        self.call(self.ids.LookupCustomer, request)

    def worker(self, thread: int, requests: int) -> None:
        self.local.replica = (self.process + thread) % len(self.stubs)
        operations = [self.update] * 30 + [self.merge] * 15 + [self.issue] * 10 + [self.unlink] * 5 + [self.lookup] * 25
        for i in range(requests):
            if self.down.is_set():
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
    args = parser.parse_args(argv)
    client = Client(args.target, args.process, args.acks, args.series_id, seed=args.process)
    threads = [threading.Thread(target=client.worker, args=(t, args.requests)) for t in range(args.threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    args.summary.write_text(json.dumps(dict(client.outcomes)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
