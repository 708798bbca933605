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

import peewee as pw

database_proxy = pw.DatabaseProxy()


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
    # JSON: what moved (profiles with identifiers, cards, re-pointed victims),
    # enough to audit the merge and later undo it.
    details = pw.TextField()

    class Meta:
        table_name = "merge"
        indexes = ((("org", "id"), False),)


class RequestRow(BaseModel):
    """A mutating call's request_id and the response it got (SPEC 2.7)."""

    id = pw.AutoField()
    org = pw.CharField(max_length=128)
    request_id = pw.CharField(max_length=36)
    fingerprint = pw.CharField(max_length=64)
    response = pw.BlobField()
    create_time = pw.DateTimeField(index=True)

    class Meta:
        table_name = "request"
        indexes = ((("org", "request_id"), True),)


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
    customer = pw.ForeignKeyField(CustomerRow, null=True, column_name="customer_id", index=False, backref="+")
    reason = pw.CharField(max_length=256)
    create_time = pw.DateTimeField()

    class Meta:
        table_name = "card_status_change"


SCHEMA_V1: list[type[BaseModel]] = [CustomerRow, ProfileRow, IdentifierRow, IdentifierKeyRow, MergeRow, RequestRow]
SCHEMA_V2: list[type[BaseModel]] = [CardSeriesRow, StatusLabelRow, CardRow, CardStatusChangeRow]
