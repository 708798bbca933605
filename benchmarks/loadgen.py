"""Closed-loop load generator (grpc.aio), run as its own process by benchmarks/run.py.

`concurrency` coroutines share one channel per target (several targets: replicas of
the server, coroutine i calls target i mod N); each sends its next request as soon
as the previous one answered. The first `warmup` requests are not measured.
C1 and C3 are W1 and W3 sent to the ceiling servicer (benchmarks/ceiling.py). H1 is W1
over the server's HTTP listener with the Connect protocol and JSON (connectrpc's generated
async client, as an HTTP/JSON caller would send it).
With --orgs and --auth, each call carries the bearer token of its customer's org.
Write workloads take fresh customers from the ranges they are given, so no
request repeats another's change. Prints one JSON object with the results.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import random
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Any

import grpc
from connectrpc.compat import google_protobuf_json_codec
from connectrpc.errors import ConnectError
from grpc_health.v1 import health_pb2, health_pb2_grpc

from benchmarks import dataset as ds
from loyalty_identity.api.protos import card_grpc, identifier_connect, identifier_grpc
from loyalty_identity.api.protos import card_pb as cpb
from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.api.protos import resources_pb as r

Call = Callable[[], Awaitable[Any]]


class Ranges:
    """Fresh entity numbers for write workloads."""

    def __init__(self, store: str, online: str, new: str) -> None:
        self.store = self._counter(store)
        self.online = self._counter(online)
        self.new = self._counter(new)

    @staticmethod
    def _counter(spec: str) -> Any:
        start, end = (int(x) for x in spec.split(":"))
        return iter(range(start, end))


class Workloads:
    def __init__(
        self,
        channel: grpc.aio.Channel,
        store_customers: int,
        ranges: Ranges,
        seed: int,
        orgs: int = 1,
        auth: bool = False,
        connect: Any = None,
    ) -> None:
        self.connect = connect  # an IdentifierServiceClient (Connect, JSON), for H1
        self.ids = identifier_grpc.IdentifierServiceStub(channel)
        self.cards = card_grpc.CardServiceStub(channel)
        self.health = health_pb2_grpc.HealthStub(channel)
        self.store_customers = store_customers
        self.ranges = ranges
        self.random = random.Random(seed)
        self.orgs = orgs
        self.auth = auth

    def meta(self, n: int) -> tuple[tuple[str, str], ...] | None:
        """The bearer token of customer n's org, when the server checks tokens."""
        if not self.auth:
            return None
        return (("authorization", f"Bearer {ds.token(ds.org_of(n, self.store_customers, self.orgs))}"),)

    def c1(self) -> Call:
        return self.w1()

    def h1(self) -> Call:
        assert self.connect is not None, "H1 needs --http-target"
        n = self.random.randrange(self.store_customers)
        request = pb.LookupCustomerRequest(
            source=r.SOURCE_INSTORE, identifier=r.Identifier(type=r.IDENTIFIER_TYPE_MOBILE, value=ds.mobile(n))
        )
        headers = dict(self.meta(n) or ())
        connect = self.connect
        return lambda: connect.lookup_customer(request, headers=headers)

    def c3(self) -> Call:
        return self.w3()

    def w0(self) -> Call:
        return lambda: self.health.Check(health_pb2.HealthCheckRequest())

    def w1(self) -> Call:
        n = self.random.randrange(self.store_customers)
        request = pb.LookupCustomerRequest(
            source=r.SOURCE_INSTORE, identifier=r.Identifier(type=r.IDENTIFIER_TYPE_MOBILE, value=ds.mobile(n))
        )
        return lambda: self.ids.LookupCustomer(request, metadata=self.meta(n))

    def w2(self) -> Call:
        n = self.random.randrange(self.store_customers)
        request = pb.GetCustomerRequest(name=f"customers/{ds.customer_id(n)}")
        return lambda: self.ids.GetCustomer(request, metadata=self.meta(n))

    def w3(self) -> Call:
        n = next(self.ranges.store)
        request = pb.UpdateIdentifiersRequest(
            customer=f"customers/{ds.customer_id(n)}",
            source=r.SOURCE_TMALL,
            add=[r.Identifier(type=r.IDENTIFIER_TYPE_EXTERNAL_ID, value=f"tm-{n}")],
        )
        return lambda: self.ids.UpdateIdentifiers(request, metadata=self.meta(n))

    def w4(self) -> Call:
        # Online customer k adds store customer n's mobile in JD: merged into n.
        k, n = next(self.ranges.online), next(self.ranges.store)
        request = pb.UpdateIdentifiersRequest(
            customer=f"customers/{ds.customer_id(self.store_customers + k)}",
            source=r.SOURCE_JD,
            add=[r.Identifier(type=r.IDENTIFIER_TYPE_MOBILE, value=ds.mobile(n))],
        )
        return lambda: self.ids.UpdateIdentifiers(request)

    def w5(self) -> Call:
        m = next(self.ranges.new)
        request = pb.CreateCustomerRequest(
            profiles=[
                r.Profile(
                    source=r.SOURCE_INSTORE,
                    identifiers=[r.Identifier(type=r.IDENTIFIER_TYPE_MOBILE, value=f"87{m + 10_000_000_000:011d}")],
                )
            ]
        )
        return lambda: self.ids.CreateCustomer(request)

    def w6(self) -> Call:
        n = next(self.ranges.store)
        request = cpb.IssueCardRequest(customer=f"customers/{ds.customer_id(n)}", series_id=ds.SERIES_ID)
        return lambda: self.cards.IssueCard(request)

    def w7(self) -> Call:
        roll = self.random.random()
        if roll < 0.70:
            return self.w1()
        if roll < 0.90:
            return self.w3()
        if roll < 0.95:
            return self.w4()
        return self.w5()


async def run(args: argparse.Namespace) -> dict[str, Any]:
    # A connection per channel (gRPC shares subchannels between channels to one target by default):
    # several channels to one address then reach the several processes of serve --processes.
    options = [("grpc.max_receive_message_length", 16 << 20), ("grpc.use_local_subchannel_pool", 1)]
    targets = [t for t in args.target.split(",") if t]
    channels = [grpc.aio.insecure_channel(target, options=options) for target in targets]
    http_targets = [t for t in args.http_target.split(",") if t]
    connects = [
        identifier_connect.IdentifierServiceClient(
            f"http://{target}", codec=google_protobuf_json_codec(), send_compression=None
        )
        for target in http_targets
    ] or [None] * len(channels)
    try:
        ranges = Ranges(args.store, args.online, args.new)
        makers: list[Callable[[], Call]] = [
            getattr(
                Workloads(channel, args.store_customers, ranges, args.seed + i, args.orgs, args.auth, connect),
                args.workload.lower(),
            )
            for i, (channel, connect) in enumerate(zip(channels, connects, strict=True))
        ]
        total = args.warmup + args.requests
        issued = itertools.count()
        latencies: list[float] = []
        errors: Counter[str] = Counter()
        measuring_since: list[float] = []

        async def worker(make: Callable[[], Call]) -> None:
            while (i := next(issued)) < total:
                if i == args.warmup:
                    measuring_since.append(time.perf_counter())
                call = make()
                started = time.perf_counter()
                try:
                    await call()
                except grpc.aio.AioRpcError as error:
                    if i >= args.warmup:
                        errors[error.code().name] += 1
                except ConnectError as error:
                    if i >= args.warmup:
                        errors[error.code.name] += 1
                if i >= args.warmup:
                    latencies.append(time.perf_counter() - started)

        await asyncio.gather(*(worker(makers[w % len(makers)]) for w in range(args.concurrency)))
        seconds = time.perf_counter() - (measuring_since[0] if measuring_since else time.perf_counter())
    finally:
        for channel in channels:
            await channel.close()
        for connect in connects:
            if connect is not None:
                await connect.close()
    latencies.sort()

    def percentile(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000 if latencies else 0.0

    return {
        "workload": args.workload,
        "concurrency": args.concurrency,
        "requests": len(latencies),
        "errors": dict(errors),
        "seconds": seconds,
        "rps": len(latencies) / seconds if seconds > 0 else 0.0,
        "p50_ms": percentile(0.50),
        "p90_ms": percentile(0.90),
        "p99_ms": percentile(0.99),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--target", required=True, help="HOST:PORT; several, comma-separated: replicas")
    parser.add_argument("--workload", required=True, choices=[f"W{i}" for i in range(8)] + ["C1", "C3", "H1"])
    parser.add_argument("--http-target", default="", help="HOST:PORT of the HTTP listeners, as --target (H1)")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--warmup", type=int, default=200)
    parser.add_argument("--store-customers", type=int, required=True)
    parser.add_argument("--store", default="0:0", help="range of store customers to change: START:END")
    parser.add_argument("--online", default="0:0", help="range of online customers to merge away")
    parser.add_argument("--new", default="0:0", help="range of numbers for new customers")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--orgs", type=int, default=1, help="orgs the dataset was loaded with (dataset.org_of)")
    parser.add_argument("--auth", action="store_true", help="send each customer's org's bearer token")
    args = parser.parse_args(argv)
    print(json.dumps(asyncio.run(run(args))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
