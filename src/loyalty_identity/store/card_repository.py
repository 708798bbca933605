"""The Peewee implementation of the card part of the repository port."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime
from typing import Any

import peewee as pw

from loyalty_identity.domain.card_series import CardSeriesAggregate
from loyalty_identity.domain.cards import StoredCard
from loyalty_identity.domain.events import CardChanged
from loyalty_identity.domain.model import Card, CardSeries, CardStatus, CardStatusChange, StatusLabel
from loyalty_identity.domain.names import customer_name
from loyalty_identity.service.ports import FoundCard, Stock
from loyalty_identity.store.models import CardRow, CardSeriesRow, CardStatusChangeRow, StatusLabelRow
from loyalty_identity.store.rows import PlainSql, as_datetime, from_db_time, plain_tuples, to_db_time

_IN_CHUNK = 500  # numbers per IN (...) list, well under SQLite's variable limit


def _chunks(items: list[str], size: int = _IN_CHUNK) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


_SERIES_COLUMNS = (
    "s.id, s.uid, s.code, s.name, s.type, s.prefix, s.suffix, s.length, s.method, s.luhn,"
    " s.max_active_cards_per_customer, s.expiry_days, s.next_value"
)
_SERIES_WIDTH = 13
_CARD_COLUMNS = "d.number, d.status, d.status_label, o.uid, d.create_time, d.issue_time, d.expire_time"
# The status an org's own label of the request stands for: one more column of the statement that reads the card.
_LABEL = '(SELECT status FROM "status_label" WHERE org = ? AND label = ?)'


def _series(row: tuple[Any, ...]) -> tuple[int, CardSeriesAggregate]:
    """(key, series) from _SERIES_COLUMNS."""
    pk, uid, code, name, kind, prefix, suffix, length, method, luhn, limit, expiry, next_value = row
    # In the order of CardSeries' fields.
    series = CardSeries(
        uid, code, name, int(kind), prefix, suffix, int(length), int(method), bool(luhn), int(limit), int(expiry)
    )
    return int(pk), CardSeriesAggregate(series, int(next_value))


def _series_from_row(row: CardSeriesRow) -> tuple[int, CardSeriesAggregate]:
    return _series(
        (
            row.id,
            row.uid,
            row.code,
            row.name,
            row.type,
            row.prefix,
            row.suffix,
            row.length,
            row.method,
            row.luhn,
            row.max_active_cards_per_customer,
            row.expiry_days,
            row.next_value,
        )
    )


def stored_card(series_id: str, row: tuple[Any, ...]) -> StoredCard:
    """A card from _CARD_COLUMNS (the owner's uid, or None)."""
    number, status, label, owner, created, issued, expires = row
    return StoredCard(
        number=number,
        series_id=series_id,
        status=CardStatus(status),
        status_label=label,
        customer=customer_name(owner) if owner else "",
        create_time=as_datetime(created),
        issue_time=as_datetime(issued) if issued else None,
        expire_time=as_datetime(expires) if expires else None,
    )


def read_card(row: tuple[Any, ...], now: datetime) -> Card:
    """A card as a reader sees it, from (number, series uid, status, label, owner uid, created, issued, expires)."""
    number, series_uid, *rest = row
    return stored_card(series_uid, (number, *rest)).read(now)


class PeeweeCardRepository:
    """Card series, labels, cards and their log.

    The hot paths (a card read for a change, the stock, the writes) are plain SQL, one statement
    each; a card's change and its log entry are writes nobody reads the answer of, so on
    PostgreSQL they travel with the next statement or the COMMIT (store/postgres.py).
    """

    def __init__(self, clock: Callable[[], datetime]) -> None:
        self._clock = clock
        self._sql = PlainSql()
        self._series_pks: dict[str, int] = {}  # keys of the series read in this unit of work, by id

    # Series and labels ----------------------------------------------------------

    def insert_series(self, org: str, series: CardSeriesAggregate, now: datetime) -> None:
        columns = asdict(series.series)  # the series' fields are its columns, its id the uid
        columns["uid"] = columns.pop("id")
        row = CardSeriesRow.create(org=org, next_value=str(series.next_value), create_time=to_db_time(now), **columns)
        self._series_pks[series.id] = row.id

    def find_series(self, org: str, series_id: str, lock: bool = False) -> CardSeriesAggregate | None:
        lock_clause = self._sql.for_update if lock else ""
        row = self._sql.one(
            f'SELECT {_SERIES_COLUMNS} FROM "card_series" s WHERE s.uid = ? AND s.org = ?{lock_clause}', series_id, org
        )
        return self._remember(row) if row else None

    def _remember(self, row: tuple[Any, ...]) -> CardSeriesAggregate:
        pk, series = _series(row)
        self._series_pks[series.id] = pk
        return series

    def series_code_taken(self, org: str, code: str) -> bool:
        return bool(CardSeriesRow.select().where((CardSeriesRow.org == org) & (CardSeriesRow.code == code)).exists())

    def list_series(self, org: str, after_pk: int | None, limit: int) -> list[tuple[int, CardSeries]]:
        query = CardSeriesRow.select().where(CardSeriesRow.org == org).order_by(CardSeriesRow.id).limit(limit)
        if after_pk is not None:
            query = query.where(CardSeriesRow.id > after_pk)
        return [(pk, series.series) for pk, series in map(_series_from_row, query)]

    def save_series(self, series: CardSeriesAggregate) -> None:
        """What the series' methods changed: the next sequential value."""
        if series.advanced:
            self._sql.execute(
                'UPDATE "card_series" SET next_value = ? WHERE id = ?',
                str(series.next_value),
                self._series_pks[series.id],
            )
            series.advanced = False

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

    def find_card(self, org: str, number: str, lock: bool = False, label: str = "") -> FoundCard | None:
        """The card, its series and what the request's label stands for, in one statement; lock: the card's row,
        by a statement of its own that travels with the read (a locking read that waited would see the rows it
        joins as they were before the wait: the owner could be stale; customer_repository.py, _lock)."""
        if lock and self._sql.for_update:
            self._sql.execute('SELECT id FROM "card" WHERE org = ? AND number = ? FOR UPDATE', org, number)
        row = self._sql.one(
            f"SELECT {_CARD_COLUMNS}, {_SERIES_COLUMNS}, {_LABEL}"
            ' FROM "card" d JOIN "card_series" s ON s.id = d.series_id LEFT JOIN "customer" o ON o.id = d.customer_id'
            " WHERE d.org = ? AND d.number = ?",
            org,
            label,
            org,
            number,
        )
        if row is None:
            return None
        series = self._remember(row[7 : 7 + _SERIES_WIDTH])
        return FoundCard(stored_card(series.id, row[:7]), series, _status(row[-1]))

    def take_stock(self, org: str, series_id: str, label: str = "") -> Stock | None:
        """The series, its oldest card in stock (locked; one that another issuer holds is skipped, not waited
        for) and what the request's label stands for, in one statement; None: no such series."""
        skip_locked = " FOR UPDATE SKIP LOCKED" if self._sql.for_update else ""
        row = self._sql.one(
            f'SELECT {_SERIES_COLUMNS}, {_LABEL}, {_CARD_COLUMNS} FROM "card_series" s'
            ' LEFT JOIN "card" d ON d.id = (SELECT x.id FROM "card" x WHERE x.series_id = s.id AND x.status = ?'
            f" ORDER BY x.id LIMIT 1{skip_locked})"
            ' LEFT JOIN "customer" o ON o.id = d.customer_id'
            " WHERE s.uid = ? AND s.org = ?",
            org,
            label,
            int(CardStatus.NOT_ISSUED),
            series_id,
            org,
        )
        if row is None:
            return None
        series = self._remember(row[:_SERIES_WIDTH])
        card_row = row[_SERIES_WIDTH + 1 :]
        card = stored_card(series.id, card_row) if card_row[0] is not None else None
        return Stock(series, card, _status(row[_SERIES_WIDTH]))

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

    def insert_cards(
        self, org: str, series: CardSeriesAggregate, numbers: list[str], label: str, now: datetime
    ) -> list[StoredCard]:
        """New cards in stock, each with the first entry of its log (created in stock)."""
        at = to_db_time(now)
        series_pk = self._series_pks[series.id]
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
        return [StoredCard(n, series.id, CardStatus.NOT_ISSUED, label, "", from_db_time(at)) for n in numbers]

    def write_card(self, org: str, card: StoredCard, change: CardChanged, now: datetime) -> None:
        """The card as it is after change, and change as its log entry: two writes, no answer read."""
        at = to_db_time(now)
        owner = card.customer.removeprefix("customers/") or None
        self._sql.execute(
            'UPDATE "card" SET status = ?, status_label = ?, issue_time = ?, expire_time = ?,'
            ' customer_id = (SELECT id FROM "customer" WHERE uid = ?) WHERE org = ? AND number = ?',
            int(card.status),
            card.status_label,
            to_db_time(card.issue_time) if card.issue_time else None,
            to_db_time(card.expire_time) if card.expire_time else None,
            owner,
            org,
            card.number,
        )
        self._sql.execute(
            'INSERT INTO "card_status_change" (org, card_id, from_status, to_status, status_label, customer_id,'
            ' reason, create_time) SELECT d.org, d.id, ?, ?, ?, d.customer_id, ?, ? FROM "card" d'
            " WHERE d.org = ? AND d.number = ?",
            int(change.previous_status) if change.previous_status is not None else None,
            int(change.status),
            change.status_label,
            change.reason,
            at,
            org,
            card.number,
        )

    def list_cards(
        self, org: str, customer_pk: int | None, series_id: str | None, after_number: str | None, limit: int
    ) -> list[Card]:
        where, params = ["d.org = ?"], list[Any]([org])
        if customer_pk is not None:
            where.append("d.customer_id = ?")
            params.append(customer_pk)
        if series_id is not None:
            where.append("s.uid = ?")
            params.append(series_id)
        if after_number is not None:
            where.append("d.number > ?")
            params.append(after_number)
        rows = self._sql.rows(
            f'SELECT s.uid, {_CARD_COLUMNS} FROM "card" d JOIN "card_series" s ON s.id = d.series_id'
            ' LEFT JOIN "customer" o ON o.id = d.customer_id'
            f" WHERE {' AND '.join(where)} ORDER BY d.number LIMIT ?",
            *params,
            limit,
        )
        now = self._clock()
        return [stored_card(row[0], row[1:]).read(now) for row in rows]

    def list_card_changes(
        self, org: str, number: str, after_pk: int | None, limit: int
    ) -> list[tuple[int, CardStatusChange]]:
        rows = self._sql.rows(
            "SELECT h.id, h.from_status, h.to_status, h.status_label, o.uid, h.reason, h.create_time"
            ' FROM "card_status_change" h JOIN "card" d ON d.id = h.card_id'
            ' LEFT JOIN "customer" o ON o.id = h.customer_id'
            " WHERE d.org = ? AND d.number = ? AND h.id > ? ORDER BY h.id LIMIT ?",
            org,
            number,
            after_pk or 0,
            limit,
        )
        return [
            (
                int(pk),
                CardStatusChange(
                    number=number,
                    from_status=CardStatus(before) if before is not None else None,
                    to_status=CardStatus(after),
                    status_label=label,
                    customer=customer_name(owner) if owner else "",
                    reason=reason,
                    create_time=as_datetime(created),
                ),
            )
            for pk, before, after, label, owner, reason, created in rows
        ]


def _status(value: Any) -> CardStatus | None:
    return None if value is None else CardStatus(value)
