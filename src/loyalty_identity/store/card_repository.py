"""The Peewee implementation of the card part of the repository port."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import peewee as pw

from loyalty_identity.domain.cards import default_label, effective_status
from loyalty_identity.domain.model import Card, CardSeries, CardStatus, CardStatusChange, StatusLabel
from loyalty_identity.domain.names import customer_name
from loyalty_identity.service.ports import CardChange, CardRecord, SeriesRecord
from loyalty_identity.store.models import CardRow, CardSeriesRow, CardStatusChangeRow, CustomerRow, StatusLabelRow
from loyalty_identity.store.rows import PlainSql, as_datetime, from_db_time, locking, plain_tuples, to_db_time

_IN_CHUNK = 500  # numbers per IN (...) list, well under SQLite's variable limit


def _chunks(items: list[str], size: int = _IN_CHUNK) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _series_from_row(row: CardSeriesRow) -> SeriesRecord:
    return SeriesRecord(
        pk=row.id,
        series=CardSeries(
            id=row.uid,
            code=row.code,
            name=row.name,
            type=row.type,
            prefix=row.prefix,
            suffix=row.suffix,
            length=row.length,
            method=row.method,
            luhn=bool(row.luhn),
            max_active_cards_per_customer=row.max_active_cards_per_customer,
            expiry_days=row.expiry_days,
        ),
        next_value=int(row.next_value),
    )


def read_card(row: tuple[Any, ...], now: datetime) -> Card:
    """A card as a reader sees it, from (number, series uid, status, label, owner uid, created, issued, expires):
    past its expiry a live card reads EXPIRED."""
    number, series_uid, stored, label, owner, created, issued, expires = row
    expire_time = as_datetime(expires) if expires else None
    status = effective_status(CardStatus(stored), expire_time, now)
    return Card(
        number=number,
        series_id=series_uid,
        status=status,
        status_label=label if status == stored else default_label(status),
        customer=customer_name(owner) if owner else "",
        create_time=as_datetime(created),
        issue_time=as_datetime(issued) if issued else None,
        expire_time=expire_time,
    )


class PeeweeCardRepository:
    """Card series, labels, cards and their log."""

    def __init__(self, clock: Callable[[], datetime]) -> None:
        self._clock = clock
        self._sql = PlainSql()

    # Series and labels ----------------------------------------------------------

    def insert_series(self, org: str, series: CardSeries, now: datetime) -> SeriesRecord:
        row = CardSeriesRow.create(
            org=org,
            uid=series.id,
            code=series.code,
            name=series.name,
            type=series.type,
            prefix=series.prefix,
            suffix=series.suffix,
            length=series.length,
            method=series.method,
            luhn=series.luhn,
            max_active_cards_per_customer=series.max_active_cards_per_customer,
            expiry_days=series.expiry_days,
            next_value="0",
            create_time=to_db_time(now),
        )
        return _series_from_row(row)

    def find_series(self, org: str, series_id: str, lock: bool = False) -> SeriesRecord | None:
        query = CardSeriesRow.select().where((CardSeriesRow.uid == series_id) & (CardSeriesRow.org == org))
        row = (locking(query) if lock else query).first()
        return _series_from_row(row) if row else None

    def series_by_pk(self, pk: int) -> SeriesRecord:
        return _series_from_row(CardSeriesRow.get_by_id(pk))

    def series_code_taken(self, org: str, code: str) -> bool:
        return bool(CardSeriesRow.select().where((CardSeriesRow.org == org) & (CardSeriesRow.code == code)).exists())

    def list_series(self, org: str, after_pk: int | None, limit: int) -> list[SeriesRecord]:
        query = CardSeriesRow.select().where(CardSeriesRow.org == org).order_by(CardSeriesRow.id).limit(limit)
        if after_pk is not None:
            query = query.where(CardSeriesRow.id > after_pk)
        return [_series_from_row(row) for row in query]

    def set_next_value(self, series_pk: int, value: int) -> None:
        CardSeriesRow.update(next_value=str(value)).where(CardSeriesRow.id == series_pk).execute()

    def find_label(self, org: str, label: str) -> CardStatus | None:
        status = (
            StatusLabelRow.select(StatusLabelRow.status)
            .where((StatusLabelRow.org == org) & (StatusLabelRow.label == label))
            .scalar()
        )
        return None if status is None else CardStatus(status)

    def insert_label(self, org: str, label: str, status: CardStatus) -> None:
        StatusLabelRow.insert(org=org, label=label, status=status).execute()

    def list_labels(self, org: str) -> list[StatusLabel]:
        query = StatusLabelRow.select(StatusLabelRow.label, StatusLabelRow.status).where(StatusLabelRow.org == org)
        return [StatusLabel(label, CardStatus(status)) for label, status in plain_tuples(query)]

    # Cards ------------------------------------------------------------------------

    def _card_query(self) -> Any:
        owner = CustomerRow.alias()
        return (
            CardRow.select(CardRow, CardSeriesRow.uid.alias("series_uid"), owner.uid.alias("customer_uid"))
            .join(CardSeriesRow, on=(CardRow.series == CardSeriesRow.id))
            .switch(CardRow)
            .join(owner, pw.JOIN.LEFT_OUTER, on=(CardRow.customer == owner.id))
        )

    def _record(self, row: Any, now: datetime) -> CardRecord:
        expires = from_db_time(row.expire_time) if row.expire_time else None
        stored = CardStatus(row.status)
        status = effective_status(stored, expires, now)
        card = Card(
            number=row.number,
            series_id=row.series_uid,
            status=status,
            status_label=row.status_label if status is stored else default_label(status),
            customer=customer_name(row.customer_uid) if row.customer_uid else "",
            create_time=from_db_time(row.create_time),
            issue_time=from_db_time(row.issue_time) if row.issue_time else None,
            expire_time=expires,
        )
        return CardRecord(row.id, row.series_id, row.customer_id, stored, card)

    def find_card(self, org: str, number: str, lock: bool = False) -> CardRecord | None:
        if lock:
            # Lock the card row alone: the read below joins nullable sides, which cannot be locked.
            locking(CardRow.select(CardRow.id).where((CardRow.org == org) & (CardRow.number == number))).first()
        row = self._card_query().where((CardRow.org == org) & (CardRow.number == number)).objects().first()
        return self._record(row, self._clock()) if row else None

    def existing_numbers(self, org: str, numbers: list[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(numbers):
            query = CardRow.select(CardRow.number).where((CardRow.org == org) & CardRow.number.in_(chunk))
            found.update(number for (number,) in plain_tuples(query))
        return found

    def numbers_between(self, org: str, first: str, last: str) -> set[str]:
        query = CardRow.select(CardRow.number).where(
            (CardRow.org == org) & (CardRow.number >= first) & (CardRow.number <= last)
        )
        return {number for (number,) in plain_tuples(query)}

    def insert_cards(self, org: str, series_pk: int, numbers: list[str], label: str, now: datetime) -> None:
        at = to_db_time(now)
        for chunk in _chunks(numbers):
            CardRow.insert_many(
                [(org, n, series_pk, CardStatus.NOT_ISSUED, label, at) for n in chunk],
                fields=[
                    CardRow.org,
                    CardRow.number,
                    CardRow.series,
                    CardRow.status,
                    CardRow.status_label,
                    CardRow.create_time,
                ],
            ).execute()
            # The first entry of each card's log: created in stock.
            CardStatusChangeRow.insert_from(
                CardRow.select(
                    CardRow.org,
                    CardRow.id,
                    CardRow.status,
                    CardRow.status_label,
                    pw.Value("created"),
                    pw.Value(at),
                ).where((CardRow.org == org) & CardRow.number.in_(chunk)),
                fields=[
                    CardStatusChangeRow.org,
                    CardStatusChangeRow.card,
                    CardStatusChangeRow.to_status,
                    CardStatusChangeRow.status_label,
                    CardStatusChangeRow.reason,
                    CardStatusChangeRow.create_time,
                ],
            ).execute()

    def stock_card(self, series_pk: int) -> CardRecord | None:
        """The oldest card in stock, locked; cards other issuers hold locked are skipped, not waited for."""
        query = (
            CardRow.select(CardRow.id)
            .where((CardRow.series == series_pk) & (CardRow.status == CardStatus.NOT_ISSUED))
            .order_by(CardRow.id)
            .limit(1)
        )
        if CardRow._meta.database.for_update:
            query = query.for_update(skip_locked=True)
        pk = query.scalar()
        if pk is None:
            return None
        row = self._card_query().where(CardRow.id == pk).objects().first()
        return self._record(row, self._clock())

    def change_card(self, org: str, card: CardRecord, change: CardChange, now: datetime) -> None:
        at = to_db_time(now)
        CardRow.update(
            status=change.status,
            status_label=change.status_label,
            customer=change.customer_pk,
            issue_time=to_db_time(change.issue_time) if change.issue_time else None,
            expire_time=to_db_time(change.expire_time) if change.expire_time else None,
        ).where(CardRow.id == card.pk).execute()
        self._log(
            org, card.pk, card.stored_status, change.status, change.status_label, change.customer_pk, change.reason, at
        )

    def _log(
        self,
        org: str,
        card_pk: int,
        before: CardStatus | None,
        after: CardStatus,
        label: str,
        customer_pk: int | None,
        reason: str,
        at: datetime,
    ) -> None:
        CardStatusChangeRow.insert(
            org=org,
            card=card_pk,
            from_status=before,
            to_status=after,
            status_label=label,
            customer=customer_pk,
            reason=reason,
            create_time=at,
        ).execute()

    def list_cards(
        self, org: str, customer_pk: int | None, series_pk: int | None, after_number: str | None, limit: int
    ) -> list[Card]:
        query = self._card_query().where(CardRow.org == org).order_by(CardRow.number).limit(limit)
        if customer_pk is not None:
            query = query.where(CardRow.customer == customer_pk)
        if series_pk is not None:
            query = query.where(CardRow.series == series_pk)
        if after_number is not None:
            query = query.where(CardRow.number > after_number)
        now = self._clock()
        return [self._record(row, now).card for row in query.objects()]

    def list_card_changes(self, card_pk: int, after_pk: int | None, limit: int) -> list[tuple[int, CardStatusChange]]:
        card = CardRow.get_by_id(card_pk)
        owner = CustomerRow.alias()
        query = (
            CardStatusChangeRow.select(CardStatusChangeRow, owner.uid.alias("customer_uid"))
            .join(owner, pw.JOIN.LEFT_OUTER, on=(CardStatusChangeRow.customer == owner.id))
            .where(CardStatusChangeRow.card == card_pk)
            .order_by(CardStatusChangeRow.id)
            .limit(limit)
        )
        if after_pk is not None:
            query = query.where(CardStatusChangeRow.id > after_pk)
        rows: list[Any] = list(query.objects())
        return [
            (
                row.id,
                CardStatusChange(
                    number=card.number,
                    from_status=CardStatus(row.from_status) if row.from_status is not None else None,
                    to_status=CardStatus(row.to_status),
                    status_label=row.status_label,
                    customer=customer_name(row.customer_uid) if row.customer_uid else "",
                    reason=row.reason,
                    create_time=from_db_time(row.create_time),
                ),
            )
            for row in rows
        ]
