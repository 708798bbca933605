"""Page sizes follow AIP-158 in every List RPC, the change feed included."""

from __future__ import annotations

import pytest

from loyalty_identity.domain.errors import DomainError, Reason
from loyalty_identity.service import feed, paging


@pytest.mark.parametrize(
    ("parse", "default"), [(paging.page_size, paging.DEFAULT_PAGE_SIZE), (feed.parse_page_size, feed.DEFAULT_PAGE_SIZE)]
)
def test_zero_takes_the_default_and_above_the_maximum_reads_as_it(parse, default) -> None:
    assert [parse(0), parse(1), parse(1000), parse(1001), parse(2**31 - 1)] == [default, 1, 1000, 1000, 1000]
    with pytest.raises(DomainError) as caught:
        parse(-1)
    assert (caught.value.reason, caught.value.field) == (Reason.INVALID_ARGUMENT, "page_size")
    assert caught.value.message == f"page_size: must not be negative (0 takes {default}; above 1000 reads as 1000)"
