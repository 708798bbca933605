"""`serve` flags become the server's settings; nonsense values are refused before anything starts."""

from __future__ import annotations

from datetime import timedelta

import pytest

from loyalty_identity.cli import build_parser, server_config


def test_feed_settings_reach_the_server_config() -> None:
    args = build_parser().parse_args(["serve", "--event-retention-days", "7", "--max-watchers", "3"])
    config = server_config(args)
    assert config.event_retention == timedelta(days=7)
    assert config.watch.max_watchers == 3


def test_feed_defaults() -> None:
    config = server_config(build_parser().parse_args(["serve"]))
    assert (config.event_retention, config.watch.max_watchers) == (timedelta(days=30), 32)


@pytest.mark.parametrize(
    "flags",
    [
        ["--event-retention-days", "0"],
        ["--event-retention-days", "-1"],
        ["--event-retention-days", "1e300"],
        ["--max-watchers", "-1"],
        ["--max-watchers", "many"],
    ],
)
def test_nonsense_is_refused(flags: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        build_parser().parse_args(["serve", *flags])
    assert exited.value.code == 2
    assert flags[0] in capsys.readouterr().err
