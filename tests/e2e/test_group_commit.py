"""Group commit on SQLite, through a real server (docs/GROUP_COMMIT.md): writes that arrive together share
a COMMIT, and each caller still gets the answer its request alone would have had.

The rest of the suite runs with group commit on too (it is the SQLite default); these tests are about the
batches themselves: twins and rivals in one batch, dry runs beside real writes, the metric, the switch.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import grpc
import pytest

from loyalty_identity.api.protos import identifier_grpc
from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.api.server import RunningServer
from loyalty_identity.bootstrap import GroupCommitSettings
from loyalty_identity.store import invariants
from loyalty_identity.store.database import connect_database
from tests.e2e.test_observability import scrape, value
from tests.helpers import EXTERNAL_ID, INSTORE, MOBILE, TMALL, RichError, ident, profile

BATCH_SIZE = "loyalty_identity_group_commit_batch_size"


@pytest.fixture
def backend() -> str:
    """SQLite only: group commit does not exist on PostgreSQL."""
    return "sqlite"


@pytest.fixture
def serve(start_server: Callable[..., RunningServer]) -> Callable[..., RunningServer]:
    return lambda **settings: start_server(metrics_listen="127.0.0.1:0", **settings)


def together(calls: list[Callable[[], object]]) -> list[object]:
    """Every call at once; each one's response, or its ErrorInfo reason."""
    barrier = threading.Barrier(len(calls))

    def run(call: Callable[[], object]) -> object:
        barrier.wait()
        try:
            return call()
        except grpc.RpcError as error:
            return RichError(error).reason

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def test_twins_rivals_and_dry_runs_in_batches_each_get_their_own_answer(serve, database_url: str) -> None:
    server = serve(max_workers=8)
    stub = identifier_grpc.IdentifierServiceStub(grpc.insecure_channel(f"127.0.0.1:{server.port}"))

    def creating(request: pb.CreateCustomerRequest) -> Callable[[], object]:
        return lambda: stub.CreateCustomer(request).customer.name

    for round_ in range(12):
        mobile = ident(MOBILE, f"86137{round_:08d}")
        twin = pb.CreateCustomerRequest(profiles=[profile(INSTORE, mobile)], request_id=str(uuid.uuid4()))
        rival = pb.CreateCustomerRequest(profiles=[profile(INSTORE, mobile)])  # the same identifier, same scope
        other = pb.CreateCustomerRequest(profiles=[profile(TMALL, ident(EXTERNAL_ID, f"t-{round_}"))])
        dry = pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(EXTERNAL_ID, f"d-{round_}"))])
        dry.validate_only = True
        answers = together([creating(twin)] * 4 + [creating(rival), creating(other), creating(dry)])
        assert len(set(answers[:4])) == 1, f"twins of one request_id got different answers: {answers[:4]}"
        assert "IDENTIFIER_TAKEN" in answers[3:5] and any(str(a).startswith("customers/") for a in answers[3:5])
        assert str(answers[5]).startswith("customers/") and str(answers[6]).startswith("customers/")
    samples = scrape(server.metrics_port)
    assert value(samples, f"{BATCH_SIZE}_count") >= 1
    assert value(samples, f"{BATCH_SIZE}_sum") >= 24  # every committed write went through a batch
    server.stop(grace=5)
    database = connect_database(database_url)
    try:
        customers = database.db.execute_sql('SELECT COUNT(*) FROM "customer"').fetchone()[0]
        count, last = database.db.execute_sql('SELECT COUNT(*), MAX(sequence) FROM "event"').fetchone()
        assert customers == 24  # per round: the identifier's winner and the other; the dry run none
        assert count == last  # the feed is gap-free: numbered in commit order across batches
        assert invariants.check(database.db) == []
    finally:
        database.close()


def test_the_switch_turns_batches_off(serve) -> None:
    server = serve(group_commit=GroupCommitSettings(enabled=False))
    stub = identifier_grpc.IdentifierServiceStub(grpc.insecure_channel(f"127.0.0.1:{server.port}"))
    stub.CreateCustomer(pb.CreateCustomerRequest(profiles=[profile(INSTORE, ident(MOBILE, "8613700000001"))]))
    assert value(scrape(server.metrics_port), f"{BATCH_SIZE}_count") == 0
