"""Each layer imports only what ARCHITECTURE.md allows it: read from the source with ast, nothing is imported.

A rule names prefixes of dotted names; `from a.b import c` counts as `a.b.c`,
so a rule can allow a module (`loyalty_identity.service.ports`) or forbid a
single name of one (`loyalty_identity.store.database.connect_database`).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = "loyalty_identity"
SOURCE = Path(__file__).resolve().parents[2] / "src" / PACKAGE
GENERATED = "gen"  # protoc's output: not ours to layer

DRIVERS = ("peewee", "playhouse", "psycopg2", "sqlite3")
WIRE = ("grpc", "grpc_health", "grpc_reflection", "grpc_status", "google", "connectrpc")  # gRPC, protobuf, Connect
TELEMETRY = ("prometheus_client", "opentelemetry")
# What only the composition root (bootstrap.py) does: open databases, build units of work, use cases, telemetry.
WIRING = (
    f"{PACKAGE}.store.database.connect_database",
    f"{PACKAGE}.store.database.open_database",
    f"{PACKAGE}.store.unit_of_work",
    f"{PACKAGE}.store.bulk.PeeweeImportStore",
    f"{PACKAGE}.service.application",
    f"{PACKAGE}.observability.telemetry",
)


@dataclass(frozen=True)
class Rule:
    may_import: tuple[str, ...]  # the package's own modules the layer may import; any other is refused
    must_not_import: tuple[str, ...] = ()  # refused whatever the package, ours or a library


def own(*modules: str) -> tuple[str, ...]:
    return tuple(f"{PACKAGE}.{module}" for module in modules)


RULES = {
    # The model: no wire format, no database, no metrics, and nothing of the layers around it.
    "domain": Rule(own("domain"), DRIVERS + WIRE + TELEMETRY),
    # The use cases: the model and the ports they declare; the adapters plug into those ports.
    "service": Rule(own("domain", "service"), DRIVERS + WIRE + TELEMETRY),
    # The store implements the service's ports. service.deadlines too: the unit of work bounds its waits
    # for locks by what is left of the caller's deadline (deadlines.remaining, deadlines.check).
    "store": Rule(own("domain", "store", "service.ports", "service.deadlines"), WIRE + TELEMETRY),
    # Telemetry is the service's Observer (service.observer); it sees the database through a narrow
    # view (observability.database) that the root hands it, never the store nor a driver.
    "observability": Rule(own("observability", "domain", "service.ports", "service.observer"), DRIVERS),
    # The servers: they take their database, use cases and telemetry from the root (bootstrap).
    "api": Rule(own("api", "gen", "domain", "service", "observability", "bootstrap"), DRIVERS),
    # The composition root wires the layers below the entrypoints; it builds no server.
    "bootstrap": Rule(own("domain", "service", "store", "observability"), WIRE),
    # The commands (cli.py, admin/) may use any layer, but wire nothing themselves: the root does.
    "commands": Rule((PACKAGE,), WIRING),
    "package": Rule(()),  # loyalty_identity/__init__.py
}


def layer_of(path: Path) -> str:
    """The layer of a source file: its folder, or for a module at the top its role."""
    relative = path.relative_to(SOURCE)
    if len(relative.parts) > 1:
        return "commands" if relative.parts[0] == "admin" else relative.parts[0]
    return {"__init__": "package", "__main__": "commands", "cli": "commands"}.get(path.stem, path.stem)


def sources() -> Iterator[Path]:
    for path in sorted(SOURCE.rglob("*.py")):
        if path.relative_to(SOURCE).parts[0] != GENERATED:
            yield path


def module_of(path: Path) -> str:
    parts = path.relative_to(SOURCE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_names(path: Path) -> Iterator[tuple[int, str]]:
    """Each import of the file (TYPE_CHECKING ones too) as its line and dotted name; relative ones resolved."""
    module = module_of(path).split(".")
    package = module if path.name == "__init__.py" else module[:-1]
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            source = from_module(node, package)
            yield from ((node.lineno, source if a.name == "*" else f"{source}.{a.name}") for a in node.names)


def from_module(node: ast.ImportFrom, package: list[str]) -> str:
    """The module a `from ... import` reads from: `from ..service import x` in store/ is loyalty_identity.service."""
    base = package[: len(package) - node.level + 1] if node.level else []
    return ".".join([*base, *([node.module] if node.module else [])])


def within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes)


def violations(layer: str) -> list[str]:
    rule = RULES[layer]
    found = []
    for path in (path for path in sources() if layer_of(path) == layer):
        for line, name in imported_names(path):
            if within(name, rule.must_not_import) or (within(name, (PACKAGE,)) and not within(name, rule.may_import)):
                found.append(f"{path.relative_to(SOURCE)}:{line}: {name}")
    return found


def test_every_source_file_has_a_layer_with_a_rule() -> None:
    assert {str(path.relative_to(SOURCE)): layer_of(path) for path in sources() if layer_of(path) not in RULES} == {}


@pytest.mark.parametrize("layer", RULES)
def test_the_layer_imports_only_what_its_rule_allows(layer: str) -> None:
    assert violations(layer) == []


def test_imports_are_read_with_their_full_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / PACKAGE
    (source / "store").mkdir(parents=True)
    module = source / "store" / "thing.py"
    module.write_text(
        "import peewee\nfrom . import rows\nfrom ..service.ports import Repository\n"
        "if TYPE_CHECKING:\n    from loyalty_identity.api import server\n"
    )
    monkeypatch.setattr(f"{__name__}.SOURCE", source)
    assert list(imported_names(module)) == [
        (1, "peewee"),
        (2, f"{PACKAGE}.store.rows"),
        (3, f"{PACKAGE}.service.ports.Repository"),
        (5, f"{PACKAGE}.api.server"),
    ]
    assert layer_of(module) == "store"
    assert violations("store") == [f"store/thing.py:5: {PACKAGE}.api.server"]
