"""The operator commands as an operator runs them: `token`, `import`, `export`, `--help`.

Each test runs the real CLI in a subprocess, and checks the result through a
real server and the invariant checker, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import grpc
import pytest
from google.protobuf import json_format

from loyalty_identity.admin.tokens import read_entries
from loyalty_identity.api.auth import parse_tokens
from loyalty_identity.api.protos import card_grpc, identifier_grpc
from loyalty_identity.api.protos import card_pb as cpb
from loyalty_identity.api.protos import identifier_pb as pb
from loyalty_identity.api.protos import resources_pb as r
from loyalty_identity.api.server import RunningServer, ServerConfig, create_server
from loyalty_identity.cli import build_parser
from tests import databases
from tests.helpers import EMAIL, INSTORE, MOBILE, TMALL, WECHAT, WECHAT_ID, RichError, create, expect_error, ident
from tests.helpers import profile as make_profile
from tests.security.test_auth import create_request, stub_for

Code = grpc.StatusCode
CARD_NUMBER = r.IDENTIFIER_TYPE_CARD_NUMBER


def cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "loyalty_identity", *args], capture_output=True, text=True, timeout=timeout
    )


def rejects_of(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def lookup(stub: Any, source: int, id_type: int, value: str, account_id: str = "") -> r.Customer:
    request = pb.LookupCustomerRequest(source=source, account_id=account_id, identifier=ident(id_type, value))
    return stub.LookupCustomer(request).customer


def assert_not_found(stub: Any, source: int, id_type: int, value: str, account_id: str = "") -> None:
    expect_error(lambda: lookup(stub, source, id_type, value, account_id), Code.NOT_FOUND, "CUSTOMER_NOT_FOUND")


def held(customer: r.Customer) -> set[tuple[int, str, int, str]]:
    return {(p.source, p.account_id, i.type, i.value) for p in customer.profiles for i in p.identifiers}


def invariants_hold(url: str) -> None:
    checked = cli("check", "--database", url)
    assert checked.returncode == 0, checked.stdout + checked.stderr


# --help --------------------------------------------------------------------------


def _commands(parser: argparse.ArgumentParser, prefix: list[str]) -> list[list[str]]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.append([*prefix, name])
                found += _commands(sub, [*prefix, name])
    return found


def test_every_command_has_help() -> None:
    commands = _commands(build_parser(), [])
    names = {" ".join(c) for c in commands}
    assert {"serve", "migrate", "check", "copy", "token create", "token list", "token revoke", "import", "export"} <= (
        names
    )
    for command in [[], *commands]:
        shown = cli(*command, "--help", timeout=60)
        assert shown.returncode == 0, (command, shown.stderr)
        assert shown.stdout.startswith("usage: loyalty-identity"), command
        assert len(shown.stdout.splitlines()) > 3, command  # options with their help, not a bare usage line


# Tokens --------------------------------------------------------------------------


def test_token_lifecycle_against_a_running_server(start_server: Callable[..., RunningServer], tmp_path: Path) -> None:
    tokens = tmp_path / "tokens"
    created = cli("token", "create", "--org", "acme", "--name", "checkout", "--tokens", str(tokens))
    assert created.returncode == 0, created.stderr
    first = created.stdout.strip()
    assert len(first) >= 40 and "\n" not in first
    assert stat.S_IMODE(os.stat(tokens).st_mode) == 0o600
    assert first not in tokens.read_text()  # only its hash is kept
    # An old-style line (no comment) stays valid beside the new ones.
    legacy_hash = parse_tokens("globex sha256:" + "ab" * 32)
    tokens.write_text(tokens.read_text() + "globex sha256:" + "ab" * 32 + "\n")
    assert set(legacy_hash) <= set(parse_tokens(tokens.read_text()))

    server = start_server(tokens_file=tokens)
    assert stub_for(server, first).CreateCustomer(create_request("t1@b.com")).customer.name

    # A token created while the server runs works at once, for its org.
    second = cli("token", "create", "--org", "acme", "--tokens", str(tokens)).stdout.strip()
    expect_error(
        lambda: stub_for(server, second).CreateCustomer(create_request("t1@b.com")),
        Code.ALREADY_EXISTS,
        "IDENTIFIER_TAKEN",
    )

    listed = cli("token", "list", "--tokens", str(tokens))
    assert listed.returncode == 0, listed.stderr
    assert first not in listed.stdout and second not in listed.stdout
    entries = {e.name: e for e in read_entries(tokens)}
    assert "checkout" in entries and entries["checkout"].org == "acme" and entries["checkout"].created
    checkout = entries["checkout"]
    assert checkout.id in listed.stdout and "checkout" in listed.stdout and "globex" in listed.stdout
    assert checkout.digest not in listed.stdout  # the id is a prefix, not the whole hash

    revoked = cli("token", "revoke", "--tokens", str(tokens), checkout.id)
    assert revoked.returncode == 0, revoked.stderr
    expect_error(
        lambda: stub_for(server, first).CreateCustomer(create_request("t2@b.com")),
        Code.UNAUTHENTICATED,
        "UNAUTHENTICATED",
    )
    assert stub_for(server, second).CreateCustomer(create_request("t2@b.com")).customer.name
    assert checkout.id not in cli("token", "list", "--tokens", str(tokens)).stdout
    assert "globex sha256:" + "ab" * 32 in tokens.read_text()

    again = cli("token", "revoke", "--tokens", str(tokens), checkout.id)
    assert again.returncode != 0 and f"no token with id {checkout.id}" in again.stderr


def test_token_commands_refuse_bad_input(tmp_path: Path) -> None:
    tokens = tmp_path / "tokens"
    assert cli("token", "create", "--org", "bad org", "--tokens", str(tokens)).returncode != 0
    assert not tokens.exists()
    assert cli("token", "revoke", "--tokens", str(tokens), "zz").returncode != 0
    tokens.write_text("not a token line\n")
    broken = cli("token", "create", "--org", "acme", "--tokens", str(tokens))
    assert broken.returncode != 0 and "expected 'ORG sha256:HEX'" in broken.stderr
    assert tokens.read_text() == "not a token line\n"  # never made worse


def test_token_create_grants_and_list_shows_them(start_server: Callable[..., RunningServer], tmp_path: Path) -> None:
    tokens = tmp_path / "tokens"
    made = {
        name: cli("token", "create", "--org", "acme", "--name", name, *flags, "--tokens", str(tokens)).stdout.strip()
        for name, flags in [
            ("plain", []),
            ("audit", ["--reveal"]),
            ("lead", ["--grant", "review", "--grant", "reveal"]),
            ("reviewer", ["--grant", "review"]),
        ]
    }
    assert all(made.values())
    assert {e.name: e.grants for e in read_entries(tokens)} == {
        "plain": frozenset(),
        "audit": {"reveal"},
        "lead": {"reveal", "review"},
        "reviewer": {"review"},
    }
    assert " reveal review # name=lead " in tokens.read_text()  # one order, whatever the flags' order
    rows = [line.split() for line in cli("token", "list", "--tokens", str(tokens)).stdout.splitlines()[1:]]
    assert {row[2]: row[-1] for row in rows} == {
        "plain": "-",
        "audit": "reveal",
        "lead": "reveal,review",
        "reviewer": "review",
    }
    bad = cli("token", "create", "--org", "acme", "--grant", "admin", "--tokens", str(tokens))
    assert bad.returncode == 2 and "invalid choice" in bad.stderr

    # The grants are what the server checks: only a review token may lift a suppression.
    server = start_server(tokens_file=tokens)
    unsuppress = pb.UnsuppressIdentifierRequest(identifier=r.Identifier(type=r.IDENTIFIER_TYPE_EMAIL, value="a@b.com"))
    for name in ("plain", "audit"):
        expect_error(
            lambda n=name: stub_for(server, made[n]).UnsuppressIdentifier(unsuppress),
            Code.PERMISSION_DENIED,
            "PERMISSION_DENIED",
        )
    for name in ("lead", "reviewer"):  # allowed past the grant; this server has no suppression key
        expect_error(
            lambda n=name: stub_for(server, made[n]).UnsuppressIdentifier(unsuppress),
            Code.FAILED_PRECONDITION,
            "SUPPRESSION_KEY_MISSING",
        )


def test_commented_out_token_lines_are_no_tokens_for_the_commands_either(tmp_path: Path) -> None:
    tokens = tmp_path / "tokens"
    digest = "ab" * 32
    tokens.write_text(f"#acme sha256:{digest}\nacme sha256:{digest} reveal # name=kept\n")
    listed = cli("token", "list", "--tokens", str(tokens))
    assert listed.returncode == 0
    assert [line.split()[:2] for line in listed.stdout.splitlines()[1:]] == [[digest[:12], "acme"]]
    assert listed.stdout.splitlines()[1].split()[-1] == "reveal"
    assert cli("token", "revoke", "--tokens", str(tokens), digest[:12]).returncode == 0
    assert tokens.read_text() == f"#acme sha256:{digest}\n"


# Import --------------------------------------------------------------------------


CSV_HEADER = "customer,source,account_id,mobile,email,wechat,card_number\n"


def test_import_applies_the_api_rules(
    start_server: Callable[..., RunningServer], database_url: str, tmp_path: Path
) -> None:
    server = start_server()
    channel = grpc.insecure_channel(f"127.0.0.1:{server.port}")
    stub = identifier_grpc.IdentifierServiceStub(channel)
    cards = card_grpc.CardServiceStub(channel)
    # Already in the database: Ann in the store, Bob on Tmall, two stock cards.
    ann = create(stub, make_profile(INSTORE, ident(MOBILE, "8613800000001")))
    bob = create(stub, make_profile(TMALL, ident(EMAIL, "bob@example.com")))
    series = cards.CreateCardSeries(
        cpb.CreateCardSeriesRequest(
            series=r.CardSeries(
                code="IMP",
                name="Import",
                type=r.CARD_TYPE_PHYSICAL,
                format=r.CardNumberFormat(prefix="77", length=10, method=r.CARD_NUMBER_METHOD_SEQUENTIAL),
            )
        )
    ).series
    stock = list(cards.GenerateCards(cpb.GenerateCardsRequest(series_id=series.id, count=2)).numbers)

    source = tmp_path / "customers.csv"
    source.write_text(
        CSV_HEADER
        + ",INSTORE,,+86 138-0000-0002,carol@example.com,,\n"  # 2: new
        + ',WECHAT,wx-1,,,"o-\ncarol",\n'  # 3-4: a quoted cell over two lines; a control character
        + ",INSTORE,,8613800000001,,,\n"  # 5: Ann's number in the same scope: IDENTIFIER_TAKEN
        + ",INSTORE,,8613800000002,,,\n"  # 6: row 2's number, same scope: IDENTIFIER_TAKEN
        + ",TMALL,,,carol@example.com,,\n"  # 7: row 2's email in another scope: combined with row 2
        + ",INSTORE,,,bob@example.com,,\n"  # 8: Bob's email in another scope: combined with Bob
        + ",INSTORE,,0000000000,dave@example.com,,\n"  # 9: blocked placeholder: nothing of it written
        + ",INSTORE,,,not-an-email,,\n"  # 10: INVALID_IDENTIFIER
        + ",WECHAT,,,,o-erin,\n"  # 11: ACCOUNT_ID_REQUIRED
        + ",MARS,,,erin@example.com,,\n"  # 12: unknown source
        + f",JD,,,frank@example.com,,{stock[0]}\n"  # 13: new, with a stock card
        + ",JD,,,gina@example.com,,7799999999\n"  # 14: no such card: the email is not written either
        + ",TMALL,,8613800000002,,,\n"  # 15: Carol's number, but she has a TMALL profile: PROFILE_CONFLICT
        + "h,INSTORE,,8613800000009,,,\n"  # 16-17: one customer with two profiles (customer column)
        + "h,WECHAT,wx-1,,,o-hank,\n"
        + ",JD,,8613800000001,carol@example.com,,\n"  # 18: Ann's and Carol's: AMBIGUOUS_MERGE
    )
    done = cli("import", "--database", database_url, "--org", "default", str(source), "--batch-size", "4")
    assert done.returncode == 1, done.stderr  # some rows rejected
    assert "created: 3 new customers" in done.stdout
    assert "combined: 2 rows added" in done.stdout
    rejects = rejects_of(tmp_path / "customers.csv.rejects.jsonl")
    assert [(x["line"], x["reason"]) for x in rejects] == [
        (3, "INVALID_IDENTIFIER"),
        (5, "IDENTIFIER_TAKEN"),
        (6, "IDENTIFIER_TAKEN"),
        (9, "BLOCKED_VALUE"),
        (10, "INVALID_IDENTIFIER"),
        (11, "ACCOUNT_ID_REQUIRED"),
        (12, "INVALID_ARGUMENT"),
        (14, "CARD_NOT_FOUND"),
        (15, "PROFILE_CONFLICT"),
        (18, "AMBIGUOUS_MERGE"),
    ]
    assert "rejected: 10 (" in done.stdout and "AMBIGUOUS_MERGE 1" in done.stdout
    taken = rejects[1]
    assert taken["row"]["mobile"] == "8613800000001" and taken["metadata"]["customer"] == ann.name
    assert taken["metadata"]["field"] == "profiles[0].identifiers[0]"
    assert rejects[3]["field"] == "profiles[0].identifiers[0].value"

    # Imported customers are found through the API, normalized as the API would.
    carol = lookup(stub, INSTORE, MOBILE, "8613800000002")
    assert held(carol) == {
        (INSTORE, "", MOBILE, "8613800000002"),
        (INSTORE, "", EMAIL, "carol@example.com"),
        (TMALL, "", EMAIL, "carol@example.com"),
    }
    assert lookup(stub, INSTORE, EMAIL, "bob@example.com").name == bob.name
    frank = lookup(stub, r.SOURCE_JD, EMAIL, "frank@example.com")
    assert [c.number for c in frank.cards] == [stock[0]]
    assert lookup(stub, 0, CARD_NUMBER, stock[0]).name == frank.name
    hank = lookup(stub, WECHAT, WECHAT_ID, "o-hank", "wx-1")
    assert hank.name == lookup(stub, INSTORE, MOBILE, "8613800000009").name and len(hank.profiles) == 2
    # Rejected rows wrote nothing, not even their valid identifiers.
    assert_not_found(stub, INSTORE, EMAIL, "dave@example.com")
    assert_not_found(stub, r.SOURCE_JD, EMAIL, "gina@example.com")
    assert held(stub.GetCustomer(pb.GetCustomerRequest(name=ann.name)).customer) == {
        (INSTORE, "", MOBILE, "8613800000001")
    }
    invariants_hold(database_url)


def random_rows(seed: int, count: int) -> list[dict[str, Any]]:
    """CreateCustomerRequests over small pools of values: many collisions of every kind."""
    rng = random.Random(seed)
    scopes = [("SOURCE_INSTORE", ""), ("SOURCE_TMALL", ""), ("SOURCE_WECHAT", "wx-1"), ("SOURCE_WECHAT", "wx-2")]
    pools = {
        "IDENTIFIER_TYPE_MOBILE": [f"+86 139 0000 {i:04d}" for i in range(12)] + ["0000000000"],
        "IDENTIFIER_TYPE_EMAIL": [f"u{i}@example.com" for i in range(12)] + ["broken-email"],
        "IDENTIFIER_TYPE_WECHAT": [f"o-{i}" for i in range(10)],
    }
    rows = []
    for _ in range(count):
        profiles = []
        for source, account in rng.sample(scopes, rng.choice([1, 1, 1, 2])):
            types = rng.sample(sorted(pools), rng.choice([1, 1, 2]))
            identifiers = [{"type": t, "value": rng.choice(pools[t])} for t in types]
            entry: dict[str, Any] = {"source": source, "identifiers": identifiers}
            if account:
                entry["account_id"] = account
            profiles.append(entry)
        rows.append({"profiles": profiles})
    return rows


def fresh(backend: str, tmp_path: Path, name: str) -> Any:
    folder = tmp_path / name
    folder.mkdir()
    return databases.fresh_database(backend, folder)


def create_one_by_one(url: str, rows: list[dict[str, Any]]) -> dict[int, str]:
    """Call CreateCustomer for each row, in order; the reasons of the refused ones by line number."""
    running = create_server(ServerConfig(listen="127.0.0.1:0", database_url=url))
    running.start()
    refused: dict[int, str] = {}
    try:
        with grpc.insecure_channel(f"127.0.0.1:{running.port}") as channel:
            stub = identifier_grpc.IdentifierServiceStub(channel)
            for line, row in enumerate(rows, 1):
                try:
                    stub.CreateCustomer(json_format.ParseDict(row, pb.CreateCustomerRequest()))
                except grpc.RpcError as error:
                    refused[line] = RichError(error).reason
    finally:
        running.stop(grace=5)
    return refused


def test_import_gives_what_create_customer_calls_give(backend: str, database_url: str, tmp_path: Path) -> None:
    rows = random_rows(7, 300)
    source = tmp_path / "rows.jsonl"
    source.write_text("".join(json.dumps(row) + "\n" for row in rows))
    # Small batches: rows that collide with buffered rows, batch edges, savepoints.
    done = cli("import", "--database", database_url, "--org", "default", str(source), "--batch-size", "7")
    assert done.returncode == 1, done.stderr
    imported = {x["line"]: x["reason"] for x in rejects_of(tmp_path / "rows.jsonl.rejects.jsonl")}
    assert len(set(imported.values())) >= 5, imported  # the file exercises many rules
    with fresh(backend, tmp_path, "api") as url:
        assert create_one_by_one(url, rows) == imported
        same = [cli("export", "--database", u).stdout for u in (url, database_url)]
        assert same[0] == same[1] and same[0].count("\n") > 20
    invariants_hold(database_url)


def test_export_then_import_into_an_empty_database(backend: str, database_url: str, tmp_path: Path) -> None:
    source = tmp_path / "rows.jsonl"
    source.write_text("".join(json.dumps(row) + "\n" for row in random_rows(11, 200)))
    cli("import", "--database", database_url, "--org", "acme", str(source))
    exported = cli("export", "--database", database_url, "--org", "acme")
    assert exported.returncode == 0, exported.stderr
    as_csv = tmp_path / "acme.csv"
    assert cli("export", "--database", database_url, "--org", "acme", "--output", str(as_csv)).returncode == 0
    as_jsonl = tmp_path / "acme.jsonl"
    as_jsonl.write_text(exported.stdout)
    for name, export_file in [("from-jsonl", as_jsonl), ("from-csv", as_csv)]:
        with fresh(backend, tmp_path, name) as url:
            back = cli("import", "--database", url, "--org", "acme", str(export_file))
            assert back.returncode == 0, back.stdout + back.stderr
            assert cli("export", "--database", url, "--org", "acme").stdout == exported.stdout
            csv_again = cli("export", "--database", url, "--org", "acme", "--format", "csv").stdout.splitlines()
            # The same rows; only the customers' names (first column) are new.
            original = as_csv.read_text().splitlines()
            assert [line.split(",", 1)[1] for line in csv_again] == [line.split(",", 1)[1] for line in original]
            invariants_hold(url)


def test_export_writes_card_numbers_and_only_active_customers(
    start_server: Callable[..., RunningServer], database_url: str
) -> None:
    server = start_server()
    channel = grpc.insecure_channel(f"127.0.0.1:{server.port}")
    stub, cards = identifier_grpc.IdentifierServiceStub(channel), card_grpc.CardServiceStub(channel)
    series = cards.CreateCardSeries(
        cpb.CreateCardSeriesRequest(
            series=r.CardSeries(
                code="EX",
                name="Export",
                type=r.CARD_TYPE_DIGITAL,
                format=r.CardNumberFormat(prefix="5", length=8, method=r.CARD_NUMBER_METHOD_SEQUENTIAL),
            )
        )
    ).series
    one = create(stub, make_profile(INSTORE, ident(EMAIL, "one@example.com")))
    two = create(stub, make_profile(TMALL, ident(EMAIL, "two@example.com")))
    card = cards.IssueCard(cpb.IssueCardRequest(customer=one.name, series_id=series.id)).card
    stub.MergeCustomers(pb.MergeCustomersRequest(victim=two.name, survivor=one.name))
    lines = cli("export", "--database", database_url).stdout.splitlines()
    assert len(lines) == 1  # the victim is inside its survivor
    request = json_format.Parse(lines[0], pb.CreateCustomerRequest())
    assert [(p.source, [i.value for i in p.identifiers]) for p in request.profiles] == [
        (INSTORE, ["one@example.com", card.number]),
        (TMALL, ["two@example.com"]),
    ]
    without = json_format.Parse(
        cli("export", "--database", database_url, "--no-cards").stdout, pb.CreateCustomerRequest()
    )
    assert all(i.type != CARD_NUMBER for p in without.profiles for i in p.identifiers)
    as_csv = cli("export", "--database", database_url, "--format", "csv").stdout.splitlines()
    assert as_csv[1].startswith(f"{one.name},INSTORE,,,one@example.com,") and as_csv[1].endswith(f",{card.number}")


def test_dry_run_writes_nothing(database_url: str, tmp_path: Path, db_rows: Callable[[], Any]) -> None:
    assert cli("migrate", "--database", database_url).returncode == 0
    before = db_rows()
    source = tmp_path / "rows.jsonl"
    source.write_text("".join(json.dumps(row) + "\n" for row in random_rows(3, 50)))
    dry = cli("import", "--database", database_url, "--org", "default", "--dry-run", str(source))
    assert dry.returncode == 1 and "dry run: nothing was written" in dry.stdout
    assert db_rows() == before
    real = cli("import", "--database", database_url, "--org", "default", str(source))
    # The dry run announced exactly what the real run did.
    assert real.stdout.splitlines()[1:4] == dry.stdout.splitlines()[1:4]
    assert db_rows() != before


def test_bad_files(database_url: str, tmp_path: Path, db_rows: Callable[[], Any]) -> None:
    assert cli("migrate", "--database", database_url).returncode == 0
    before = db_rows()
    header = tmp_path / "typo.csv"
    header.write_text("source,mobiel\nINSTORE,8613800000001\n")
    fatal = cli("import", "--database", database_url, "--org", "default", str(header))
    assert fatal.returncode == 2 and "unknown CSV column(s) mobiel" in fatal.stderr
    assert db_rows() == before
    missing = cli("import", "--database", database_url, "--org", "default", str(tmp_path / "nowhere.jsonl"))
    assert missing.returncode == 2 and "nowhere.jsonl" in missing.stderr

    lines = tmp_path / "mixed.jsonl"
    good = {
        "profiles": [
            {"source": "SOURCE_INSTORE", "identifiers": [{"type": "IDENTIFIER_TYPE_EMAIL", "value": "ok@x.com"}]}
        ]
    }
    lines.write_text(
        json.dumps(good)
        + "\n\n{not json\n"
        + json.dumps({"profiles": [{"source": "SOURCE_NOWHERE"}]})
        + "\n"
        + json.dumps({**good, "request_id": "6f1c2e4a-0d5b-4c3e-9a7f-2b8d1e0c4a11"})
        + "\n[1, 2]\n"
    )
    rejects = tmp_path / "out" / "rejects.jsonl"
    rejects.parent.mkdir()
    done = cli("import", "--database", database_url, "--org", "default", str(lines), "--rejects", str(rejects))
    assert done.returncode == 1 and "created: 1 new customer\n" in done.stdout
    found = rejects_of(rejects)
    assert [(x["line"], x["reason"]) for x in found] == [
        (3, "INVALID_ARGUMENT"),
        (4, "INVALID_ARGUMENT"),
        (5, "INVALID_ARGUMENT"),
        (6, "INVALID_ARGUMENT"),
    ]
    assert found[0]["row"] == "{not json" and found[2]["field"] == "request_id" and found[3]["row"] == [1, 2]
    assert (
        cli("import", "--database", database_url, "--org", "default", str(lines), "--batch-size", "0").returncode == 2
    )
    invariants_hold(database_url)


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_import_reads_stdin(fmt: str, database_url: str, tmp_path: Path) -> None:
    text = (
        "source,email\nINSTORE,in@x.com\n"
        if fmt == "csv"
        else json.dumps({"profiles": [{"source": 1, "identifiers": [{"type": 2, "value": "in@x.com"}]}]}) + "\n"
    )
    rejects = tmp_path / "r.jsonl"
    command = ["import", "--database", database_url, "--org", "o", "--format", fmt, "--rejects", str(rejects), "-"]
    done = subprocess.run(
        [sys.executable, "-m", "loyalty_identity", *command],
        input=text,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert rejects.read_text() == ""  # always written, empty when every row was imported
    assert '"value":"in@x.com"' in cli("export", "--database", database_url, "--org", "o").stdout


def test_counts_of_one_are_singular(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'one.db'}"
    (tmp_path / "rows.csv").write_text("source,email\nINSTORE,one@example.com\nJD,one@example.com\n")
    done = cli("import", "--database", url, "--org", "acme", str(tmp_path / "rows.csv"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].startswith("2 rows read in ")
    assert "created: 1 new customer\ncombined: 1 row added to existing customers" in done.stdout, done.stdout
    exported = cli("export", "--database", url, "--org", "acme")
    assert exported.stderr == "exported 1 customer of org acme\n"
