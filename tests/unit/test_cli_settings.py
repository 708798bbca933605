"""`serve` flags become the server's settings; nonsense values are refused before anything starts."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from loyalty_identity.api.server import ConfigError, ServerConfig, create_server, parse_listen
from loyalty_identity.bootstrap import GroupCommitSettings
from loyalty_identity.cli import build_parser, server_config


def test_feed_settings_reach_the_server_config() -> None:
    args = build_parser().parse_args(["serve", "--event-retention-days", "7", "--max-watchers", "3"])
    config = server_config(args)
    assert config.event_retention == timedelta(days=7)
    assert config.watch.max_watchers == 3


def test_feed_defaults() -> None:
    config = server_config(build_parser().parse_args(["serve"]))
    assert (config.event_retention, config.watch.max_watchers) == (timedelta(days=30), 32)


def test_call_limits_reach_the_server_config() -> None:
    flags = ["serve", "--max-workers", "1", "--max-concurrent-rpcs", "1", "--max-watchers", "0"]
    config = server_config(build_parser().parse_args(flags))
    assert (config.max_workers, config.max_concurrent_rpcs, config.watch.max_watchers) == (1, 1, 0)


def test_call_limits_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOYALTY_IDENTITY_MAX_WORKERS", "8")
    monkeypatch.setenv("LOYALTY_IDENTITY_MAX_CONCURRENT_RPCS", " 64 ")
    config = server_config(build_parser().parse_args(["serve"]))
    assert (config.max_workers, config.max_concurrent_rpcs) == (8, 64)
    # The flag wins.
    config = server_config(build_parser().parse_args(["serve", "--max-workers", "2"]))
    assert config.max_workers == 2


def test_an_empty_variable_is_no_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("MAX_WORKERS", "MAX_CONCURRENT_RPCS", "MAX_WATCHERS", "EVENT_RETENTION_DAYS"):
        monkeypatch.setenv(f"LOYALTY_IDENTITY_{name}", "")
    config = server_config(build_parser().parse_args(["serve"]))
    # No --max-workers: the server picks 4 on SQLite, 16 on PostgreSQL.
    assert (config.max_workers, config.max_concurrent_rpcs, config.watch.max_watchers) == (None, 256, 32)
    assert config.event_retention == timedelta(days=30)


def test_group_commit_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    assert server_config(build_parser().parse_args(["serve"])).group_commit == GroupCommitSettings(True, 64, 5)
    flags = ["serve", "--no-group-commit", "--group-commit-max-batch", "8", "--group-commit-max-ms", "2"]
    assert server_config(build_parser().parse_args(flags)).group_commit == GroupCommitSettings(False, 8, 2)
    monkeypatch.setenv("LOYALTY_IDENTITY_GROUP_COMMIT", "0")
    monkeypatch.setenv("LOYALTY_IDENTITY_GROUP_COMMIT_MAX_BATCH", "16")
    assert server_config(build_parser().parse_args(["serve"])).group_commit == GroupCommitSettings(False, 16, 5)
    # The flag wins.
    config = server_config(build_parser().parse_args(["serve", "--group-commit"]))
    assert config.group_commit == GroupCommitSettings(True, 16, 5)


@pytest.mark.parametrize(
    "flags",
    [
        ["--event-retention-days", "0"],
        ["--event-retention-days", "-1"],
        ["--event-retention-days", "1e300"],
        ["--max-watchers", "-1"],
        ["--max-watchers", "many"],
        ["--max-workers", "0"],
        ["--max-workers", "-3"],
        ["--max-concurrent-rpcs", "0"],
        ["--max-concurrent-rpcs", "-1"],
        ["--group-commit-max-batch", "0"],
        ["--group-commit-max-batch", "1025"],
        ["--group-commit-max-ms", "0"],
        ["--group-commit-max-ms", "soon"],
    ],
)
def test_nonsense_is_refused(flags: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        build_parser().parse_args(["serve", *flags])
    assert exited.value.code == 2
    assert flags[0] in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "host", "port"),
    [
        ("127.0.0.1:0", "127.0.0.1", 0),
        ("0.0.0.0:65535", "0.0.0.0", 65535),
        ("[::1]:50051", "::1", 50051),
        ("[::]:1", "::", 1),
        ("localhost:50051", "localhost", 50051),
        ("identity-1.internal.example:9464", "identity-1.internal.example", 9464),
    ],
)
def test_listen_addresses(text: str, host: str, port: int) -> None:
    address = parse_listen(text)
    assert (address.host, address.port) == (host, port)
    assert str(address) == text


@pytest.mark.parametrize(
    "text",
    ["127.0.0.1:65536", "127.0.0.1:", "127.0.0.1", "[::1]", "::1:80", "[::g]:80", "-bad-:80", "a..b:80", "1.2.3.999:8"],
)
def test_bad_listen_addresses(text: str) -> None:
    with pytest.raises(ConfigError, match="--listen"):
        parse_listen(text, "--listen")


def test_listen_is_checked_first(tmp_path: Path) -> None:
    """Before the files named by other flags are read."""
    args = build_parser().parse_args(["serve", "--listen", "x:99999", "--blocked-values", str(tmp_path / "none")])
    with pytest.raises(ConfigError, match="out of range"):
        server_config(args)


def test_metrics_need_a_port_of_their_own() -> None:
    config = ServerConfig(listen="127.0.0.1:9464", metrics_listen="127.0.0.1:9464", database_url="sqlite:///unused.db")
    with pytest.raises(ConfigError, match="port of its own"):
        create_server(config)
