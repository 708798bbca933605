"""The card series aggregate: its number format, the numbers it hands out, its live-card limit and its
cards' expiry (RULES 2.6). Numbers already taken are asked of the store through two lookups the
caller passes in, so the rule of how numbers are chosen lives here alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from loyalty_identity.domain import cards as rules
from loyalty_identity.domain.cards import SeriesLimit
from loyalty_identity.domain.errors import Reason, refused
from loyalty_identity.domain.model import CardSeries

# Sequential numbers taken already in a stretch [first, last] of rendered numbers (by CreateCard).
NumbersBetween = Callable[[str, str], set[str]]
# Which of these numbers some card of the org has.
ExistingNumbers = Callable[[list[str]], set[str]]

RANDOM_ROUNDS = 20


@dataclass
class CardSeriesAggregate:
    series: CardSeries
    next_value: int = 0  # the next sequential number's value
    advanced: bool = False  # next_value moved in this unit of work: the store must write it

    @classmethod
    def create(cls, series_id: str, spec: rules.SeriesSpec) -> CardSeriesAggregate:
        fmt = spec.format
        limits = (spec.max_active_cards_per_customer, spec.expiry_days)
        series = CardSeries(
            series_id,
            spec.code,
            spec.name,
            spec.type,
            fmt.prefix,
            fmt.suffix,
            fmt.length,
            fmt.method,
            fmt.luhn,
            *limits,
        )
        return cls(series)

    @property
    def id(self) -> str:
        return self.series.id

    @property
    def format(self) -> rules.NumberFormat:
        s = self.series
        return rules.NumberFormat(s.prefix, s.suffix, s.length, rules.CardNumberMethod(s.method), s.luhn)

    @property
    def limit(self) -> SeriesLimit:
        """What a customer's live cards of this series must fit (0: no limit)."""
        return SeriesLimit(self.series.code, self.series.max_active_cards_per_customer)

    def expire_time(self, issued: datetime) -> datetime | None:
        return rules.expire_time(issued, self.series.expiry_days)

    def check_number(self, number: str, field_path: str) -> None:
        self.format.check(number, field_path)

    def new_numbers(self, count: int, numbers_between: NumbersBetween, existing: ExistingNumbers) -> list[str]:
        """count numbers of the series that no card of the org has yet."""
        if self.format.method is rules.CardNumberMethod.SEQUENTIAL:
            return self._sequential(count, numbers_between)
        return self._random(count, existing)

    def _exhausted(self) -> Exception:
        return refused(
            Reason.SERIES_EXHAUSTED,
            f"card series {self.series.code} has no unused numbers left for this request",
            series_id=self.series.id,
        )

    def _sequential(self, count: int, numbers_between: NumbersBetween) -> list[str]:
        fmt = self.format
        value, numbers = self.next_value, list[str]()
        while len(numbers) < count:
            end = min(value + count - len(numbers), fmt.capacity)
            if value >= end:
                raise self._exhausted()
            batch = [fmt.render(v) for v in range(value, end)]
            # Zero-padded bodies sort like their values: one range query finds
            # the numbers someone created by hand (CreateCard) in this stretch.
            taken = numbers_between(batch[0], batch[-1])
            numbers += [n for n in batch if n not in taken]
            value = end
        self.next_value, self.advanced = value, True
        return numbers

    def _random(self, count: int, existing: ExistingNumbers) -> list[str]:
        fmt = self.format
        chosen: set[str] = set()
        for _ in range(RANDOM_ROUNDS):
            missing = count - len(chosen)
            if missing == 0:
                break
            candidates = {fmt.random_number() for _ in range(missing + missing // 10 + 1)} - chosen
            candidates -= existing(sorted(candidates))
            chosen.update(list(candidates)[:missing])
        if len(chosen) < count:
            raise refused(Reason.SERIES_EXHAUSTED, "the series has too few unused random numbers left")
        return sorted(chosen)
