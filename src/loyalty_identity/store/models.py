"""Peewee models. Every row carries its org; internal integer keys join rows,
public UUIDs name them.

Invariants the schema itself enforces:
- identifier: one holder per key (org, source, account_id, type, value) and
  one value per type per profile;
- identifier_key: one customer per (org, type, value) across all scopes, so
  two concurrent adds of one value in two scopes cannot both win;
- profile: one per customer and scope.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import peewee as pw

_current_database: ContextVar[pw.Database | None] = ContextVar("current_database", default=None)


class ScopedDatabaseProxy(pw.DatabaseProxy):
    """The models' database: the one of the unit of work running in this thread.

    A plain proxy holds one database per process, so two servers in one
    process (tests, replicas side by side) would send one server's statements
    through the other's connections, outside its transaction. `using` scopes it.
    """

    __slots__ = ("_default",)

    def __setattr__(self, attr: str, value: Any) -> None:
        object.__setattr__(self, attr, value)

    @property
    def obj(self) -> Any:
        return _current_database.get() or self._default

    @obj.setter
    def obj(self, value: Any) -> None:
        object.__setattr__(self, "_default", value)

    @contextmanager
    def using(self, db: pw.Database) -> Iterator[None]:
        token = _current_database.set(db)
        try:
            yield
        finally:
            _current_database.reset(token)


database_proxy = ScopedDatabaseProxy()


class BaseModel(pw.Model):
    class Meta:
        database = database_proxy
        legacy_table_names = False


class CustomerRow(BaseModel):
    id = pw.AutoField()
    org = pw.CharField(max_length=128)
    uid = pw.CharField(max_length=36, unique=True)
    state = pw.SmallIntegerField()
    survivor = pw.ForeignKeyField("self", null=True, backref="victims", column_name="survivor_id")
    create_time = pw.DateTimeField()
    update_time = pw.DateTimeField()

    class Meta:
        table_name = "customer"
        # Migration 3: a survivor's victims in name order, without scanning customer.
        indexes = ((("survivor", "uid"), False),)


class ProfileRow(BaseModel):
    id = pw.AutoField()
    org = pw.CharField(max_length=128)
    customer = pw.ForeignKeyField(CustomerRow, column_name="customer_id")
    source = pw.SmallIntegerField()
    account_id = pw.CharField(max_length=128)
    create_time = pw.DateTimeField()

    class Meta:
        table_name = "profile"
        indexes = ((("customer", "source", "account_id"), True),)


class IdentifierRow(BaseModel):
    id = pw.AutoField()
    org = pw.CharField(max_length=128)
    customer = pw.ForeignKeyField(CustomerRow, column_name="customer_id")
    profile = pw.ForeignKeyField(ProfileRow, column_name="profile_id")
    source = pw.SmallIntegerField()
    account_id = pw.CharField(max_length=128)
    type = pw.SmallIntegerField()
    value = pw.CharField(max_length=254)

    class Meta:
        table_name = "identifier"
        indexes = (
            (("org", "source", "account_id", "type", "value"), True),
            (("profile", "type"), True),
        )


class IdentifierKeyRow(BaseModel):
    """Which active customer holds (type, value) anywhere in the org."""

    org = pw.CharField(max_length=128)
    type = pw.SmallIntegerField()
    value = pw.CharField(max_length=254)
    customer = pw.ForeignKeyField(CustomerRow, column_name="customer_id")

    class Meta:
        table_name = "identifier_key"
        primary_key = pw.CompositeKey("org", "type", "value")


class MergeRow(BaseModel):
    id = pw.AutoField()
    org = pw.CharField(max_length=128)
    uid = pw.CharField(max_length=36, unique=True)
    victim = pw.ForeignKeyField(CustomerRow, column_name="victim_id", backref="+")
    survivor = pw.ForeignKeyField(CustomerRow, column_name="survivor_id", backref="+")
    trigger_source = pw.SmallIntegerField(null=True)
    trigger_account_id = pw.CharField(max_length=128, default="")
    trigger_type = pw.SmallIntegerField(null=True)
    trigger_value = pw.CharField(max_length=254, default="")
    request_id = pw.CharField(max_length=36, default="")
    create_time = pw.DateTimeField()
    # JSON: what moved (profiles with identifiers, cards, re-pointed victims)
    # and what the merging request added, enough to audit the merge and undo it.
    details = pw.TextField()
    # Set by UnmergeCustomers (migration 4).
    unmerge_time = pw.DateTimeField(null=True)
    unmerge_request_id = pw.CharField(max_length=36, default="")

    class Meta:
        table_name = "merge"
        indexes = ((("org", "id"), False),)


class RequestRow(BaseModel):
    """A mutating call's request_id and the response it got (RULES 2.7)."""

    id = pw.AutoField()
    org = pw.CharField(max_length=128)
    request_id = pw.CharField(max_length=36)
    fingerprint = pw.CharField(max_length=64)
    response = pw.BlobField()
    create_time = pw.DateTimeField(index=True)  # of the claim, then of the answer once stored

    class Meta:
        table_name = "request"
        indexes = ((("org", "request_id"), True),)


class RequestCustomerRow(BaseModel):
    """A customer that a stored answer names (migration 5): an erasure finds the answers to
    tombstone by these rows (RULES 2.5.1), not by searching the answers' bytes."""

    org = pw.CharField(max_length=128)
    customer = pw.CharField(max_length=36)  # the customer's id, as in its name customers/{id}
    request_id = pw.CharField(max_length=36)

    class Meta:
        table_name = "request_customer"
        primary_key = pw.CompositeKey("org", "customer", "request_id")
        # The purge of old answers takes their names with them.
        indexes = ((("org", "request_id"), False),)


class SchemaVersionRow(BaseModel):
    version = pw.IntegerField(primary_key=True)
    apply_time = pw.DateTimeField()

    class Meta:
        table_name = "schema_version"


class CardSeriesRow(BaseModel):
    id = pw.AutoField()
    org = pw.CharField(max_length=128)
    uid = pw.CharField(max_length=36, unique=True)
    code = pw.CharField(max_length=64)
    name = pw.CharField(max_length=128)
    type = pw.SmallIntegerField()
    prefix = pw.CharField(max_length=150)
    suffix = pw.CharField(max_length=150)
    length = pw.SmallIntegerField()
    method = pw.SmallIntegerField()
    luhn = pw.BooleanField()
    max_active_cards_per_customer = pw.IntegerField()
    expiry_days = pw.IntegerField()
    # SEQUENTIAL: the body value the next generated number starts from.
    next_value = pw.CharField(max_length=160, default="0")  # digits; may exceed 64 bits
    create_time = pw.DateTimeField()

    class Meta:
        table_name = "card_series"
        indexes = ((("org", "code"), True),)


class StatusLabelRow(BaseModel):
    """An org's own label; the six default labels are implicit."""

    id = pw.AutoField()
    org = pw.CharField(max_length=128)
    label = pw.CharField(max_length=64)
    status = pw.SmallIntegerField()

    class Meta:
        table_name = "status_label"
        indexes = ((("org", "label"), True),)


class CardRow(BaseModel):
    id = pw.AutoField()
    org = pw.CharField(max_length=128)
    number = pw.CharField(max_length=150)
    series = pw.ForeignKeyField(CardSeriesRow, column_name="series_id", index=False)
    status = pw.SmallIntegerField()
    status_label = pw.CharField(max_length=64)
    customer = pw.ForeignKeyField(CustomerRow, null=True, column_name="customer_id")
    create_time = pw.DateTimeField()
    issue_time = pw.DateTimeField(null=True)
    expire_time = pw.DateTimeField(null=True)

    class Meta:
        table_name = "card"
        indexes = (
            (("org", "number"), True),
            # Taking a card from stock: the oldest NOT_ISSUED card of a series.
            (("series", "status", "id"), False),
        )


class CardStatusChangeRow(BaseModel):
    """The card's log: every change of status or owner."""

    id = pw.AutoField()
    org = pw.CharField(max_length=128)
    card = pw.ForeignKeyField(CardRow, column_name="card_id")
    from_status = pw.SmallIntegerField(null=True)
    to_status = pw.SmallIntegerField()
    status_label = pw.CharField(max_length=64)
    # Indexed (schema 5): an erasure redacts the log entries of the customers it erases.
    customer = pw.ForeignKeyField(CustomerRow, null=True, column_name="customer_id", backref="+")
    reason = pw.CharField(max_length=256)
    create_time = pw.DateTimeField()

    class Meta:
        table_name = "card_status_change"


class MergeBlockRow(BaseModel):
    """Two customers an unmerge said are different people (pair stored low pk first)."""

    org = pw.CharField(max_length=128)
    customer_low = pw.ForeignKeyField(CustomerRow, column_name="customer_low_id", backref="+", index=False)
    customer_high = pw.ForeignKeyField(CustomerRow, column_name="customer_high_id", backref="+")
    # The merge an unmerge undid; none for a rejected merge candidate (schema 8).
    merge = pw.ForeignKeyField(MergeRow, column_name="merge_id", backref="+", index=False, null=True)

    class Meta:
        table_name = "merge_block"
        primary_key = pw.CompositeKey("customer_low", "customer_high")


class EventCounterRow(BaseModel):
    """Per org: the last event sequence handed out, and the last one purged by retention.

    Writers take the next numbers by updating this row, which holds its lock
    until they commit: sequences therefore become visible in order, without gaps.
    """

    org = pw.CharField(max_length=128, primary_key=True)
    last_sequence = pw.BigIntegerField()
    purged_through = pw.BigIntegerField(default=0)
    # False for orgs that had data before the feed existed (schema 4): their
    # feed starts mid-history, so replaying it cannot rebuild their state.
    full_history = pw.BooleanField(default=True)

    class Meta:
        table_name = "event_counter"


class EventRow(BaseModel):
    """One change of the feed; payload is the change as JSON (values unmasked)."""

    id = pw.AutoField()
    org = pw.CharField(max_length=128)
    sequence = pw.BigIntegerField()
    kind = pw.CharField(max_length=32)
    request_id = pw.CharField(max_length=36, default="")
    payload = pw.TextField()
    create_time = pw.DateTimeField()

    class Meta:
        table_name = "event"
        indexes = ((("org", "sequence"), True),)


class EventCustomerRow(BaseModel):
    """Which events name a customer (schema 5), written with the events.

    An erasure reads the history of the person it erases by this index, not by
    scanning the org's feed (domain/erasure.py: those events hold every copy).
    """

    org = pw.CharField(max_length=128)
    customer = pw.CharField(max_length=36)  # the customer's uid
    sequence = pw.BigIntegerField()

    class Meta:
        table_name = "event_customer"
        primary_key = pw.CompositeKey("org", "customer", "sequence")


class MergePolicyRow(BaseModel):
    """An org's merge policy (schema 6, SPEC 7.1); no row: the default policy."""

    org = pw.CharField(max_length=128, primary_key=True)
    rules = pw.TextField()  # JSON [[type, mode], ...], one per type, by type
    max_merged_customers = pw.IntegerField()
    update_time = pw.DateTimeField()

    class Meta:
        table_name = "merge_policy"


class SuppressionRow(BaseModel):
    """A value erased with suppress_identifiers (schema 7): only its keyed hash (domain/suppression.py)."""

    org = pw.CharField(max_length=128)
    digest = pw.CharField(max_length=64)  # hex HMAC-SHA256 of org, type and normalized value
    create_time = pw.DateTimeField()

    class Meta:
        table_name = "suppression"
        primary_key = pw.CompositeKey("org", "digest")


class MergeCandidateRow(BaseModel):
    """A merge left to a person (schema 8, SPEC 7.2); customers by uid ("" victim: a create)."""

    org = pw.CharField(max_length=128)
    uid = pw.CharField(max_length=36)
    state = pw.IntegerField()
    reason = pw.IntegerField()
    victim = pw.CharField(max_length=36)
    survivor = pw.CharField(max_length=36)
    trigger_source = pw.IntegerField()
    trigger_account_id = pw.CharField(max_length=128)
    trigger_type = pw.IntegerField()
    trigger_value = pw.CharField(max_length=255)
    request = pw.TextField()  # the recorded request as JSON (store/candidate_repository.py)
    request_id = pw.CharField(max_length=36)
    create_time = pw.DateTimeField()
    resolve_time = pw.DateTimeField(null=True)
    merge = pw.CharField(max_length=36)

    class Meta:
        table_name = "merge_candidate"
        indexes = (
            (("org", "uid"), True),
            (("org", "victim"), False),
            (("org", "survivor"), False),
            (("org", "state"), False),
        )


# One pending candidate per (org, victim, survivor, trigger): what a repeated refusal reuses.
MergeCandidateRow.add_index(
    pw.SQL(
        'CREATE UNIQUE INDEX IF NOT EXISTS "merge_candidate_pending" ON "merge_candidate" ("org", "victim", "survivor",'
        ' "trigger_source", "trigger_account_id", "trigger_type", "trigger_value") WHERE state = 1'
    )
)


# The tables of each schema version, in dependency order; `copy` moves them in
# this order. Migrations no longer use these lists: each version's DDL is
# frozen as SQL in store/migrations.py, and tests/e2e/test_migrations.py checks
# that the migrated schema is exactly what these models describe.
SCHEMA_V1: list[type[BaseModel]] = [CustomerRow, ProfileRow, IdentifierRow, IdentifierKeyRow, MergeRow, RequestRow]
SCHEMA_V2: list[type[BaseModel]] = [CardSeriesRow, StatusLabelRow, CardRow, CardStatusChangeRow]
SCHEMA_V4: list[type[BaseModel]] = [MergeBlockRow, EventCounterRow, EventRow]
SCHEMA_V5: list[type[BaseModel]] = [EventCustomerRow, RequestCustomerRow]
SCHEMA_V6: list[type[BaseModel]] = [MergePolicyRow]
SCHEMA_V7: list[type[BaseModel]] = [SuppressionRow]
SCHEMA_V8: list[type[BaseModel]] = [MergeCandidateRow]
