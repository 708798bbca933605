"""api/convert.py builds Timestamps by arithmetic: the same messages as protobuf's FromDatetime."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from google.protobuf.timestamp_pb2 import Timestamp
from hypothesis import given
from hypothesis import strategies as st

from loyalty_identity.api.convert import timestamp


def from_datetime(value: datetime) -> Timestamp:
    expected = Timestamp()
    expected.FromDatetime(value)
    return expected


@given(
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
    st.one_of(st.none(), st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))),
)
def test_timestamps_equal_protobufs_own_conversion(moment: datetime, zone: timezone | None) -> None:
    value = moment.replace(tzinfo=zone)
    assert timestamp(value) == from_datetime(value)


def test_edges() -> None:
    for value in (datetime(1970, 1, 1, tzinfo=UTC), datetime(1969, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC)):
        assert timestamp(value) == from_datetime(value)
    assert timestamp(None) is None
