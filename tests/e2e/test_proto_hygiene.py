"""Proto hygiene: the released contract is never broken, and every element is documented.

`buf breaking` runs against protos-released/ (refreshed by scripts/release_protos.sh
at each release); these tests prove that the check bites on breaking changes, lets
additions through, and that the current protos pass it.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from google.protobuf import descriptor_pb2

ROOT = Path(__file__).resolve().parents[2]
BUF = Path(sys.executable).parent / "buf"
SNAPSHOT = ROOT / "protos-released" / "loyalty-identity-v1.binpb"
OUR_FILES = "loyalty/"  # prefix of our files in a descriptor set, beside imports such as google/


def buf(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BUF), *args], capture_output=True, text=True, timeout=120, cwd=cwd)


def workspace_copy(destination: Path) -> Path:
    """buf.yaml and every module folder it names, copied to destination."""
    config = (ROOT / "buf.yaml").read_text()
    shutil.copy(ROOT / "buf.yaml", destination / "buf.yaml")
    for module in re.findall(r"^\s*-\s*path:\s*(\S+)", config, re.MULTILINE):
        shutil.copytree(ROOT / module, destination / module)
    return destination


def breaking(workspace: Path) -> list[str]:
    """The rule ids `buf breaking` reports for workspace against the released snapshot."""
    result = buf("breaking", "--against", str(SNAPSHOT), "--error-format", "json", cwd=workspace)
    assert result.returncode in (0, 100), result.stderr  # 100: violations found; anything else: buf failed
    violations = [json.loads(line)["type"] for line in result.stdout.splitlines() if line.strip()]
    assert (result.returncode == 100) == bool(violations), result.stdout
    return violations


def edit(path: Path, pattern: str, replacement: str) -> None:
    """Replace the single match of pattern, so a test notices when the protos it edits have moved."""
    text, count = re.subn(pattern, replacement, path.read_text(), count=1, flags=re.DOTALL)
    assert count == 1, f"{pattern!r} not found in {path}"
    path.write_text(text)


V1 = Path("protos/loyalty/identity/v1")
IDENTIFIER_VALUE = r"(message Identifier \{.*?)string value = 2\b"


def identifier_value(replacement: str) -> Callable[[Path], None]:
    """An edit of the released field Identifier.value (`string value = 2`, its options kept)."""
    return lambda w: edit(w / V1 / "resources.proto", IDENTIFIER_VALUE, rf"\1{replacement}")


# (edit to the released protos, rule id buf must report)
BREAKING_CHANGES: dict[str, tuple[Callable[[Path], None], str]] = {
    "field renumbered": (identifier_value("string value = 20"), "FIELD_NO_DELETE"),
    "field renamed": (identifier_value("string text = 2"), "FIELD_SAME_NAME"),
    "field type changed": (identifier_value("bytes value = 2"), "FIELD_SAME_TYPE"),
    "enum value deleted": (
        lambda w: edit(w / V1 / "resources.proto", r"\n[^\n]*IDENTIFIER_TYPE_LINE = 12;", ""),
        "ENUM_VALUE_NO_DELETE",
    ),
    "rpc deleted": (
        lambda w: edit(w / V1 / "identifier_service.proto", r"\n[^\n]*rpc CreateCustomer\([^\n]*", ""),
        "RPC_NO_DELETE",
    ),
    "file deleted": (lambda w: (w / V1 / "card_service.proto").unlink(), "FILE_NO_DELETE"),
}


def test_snapshot_holds_the_released_services() -> None:
    image = descriptor_pb2.FileDescriptorSet.FromString(SNAPSHOT.read_bytes())
    services = {f"{f.package}.{s.name}" for f in image.file if f.name.startswith(OUR_FILES) for s in f.service}
    assert {"loyalty.identity.v1.IdentifierService", "loyalty.identity.v1.CardService"} <= services


def test_current_protos_keep_the_released_contract() -> None:
    assert breaking(ROOT) == []


@pytest.mark.parametrize("change", BREAKING_CHANGES)
def test_a_breaking_change_fails_the_check(tmp_path: Path, change: str) -> None:
    workspace = workspace_copy(tmp_path)
    assert breaking(workspace) == []  # the copy alone passes: the edit below is what fails
    apply, rule = BREAKING_CHANGES[change]
    apply(workspace)
    assert rule in breaking(workspace)


def test_additions_pass_the_check(tmp_path: Path) -> None:
    workspace = workspace_copy(tmp_path)
    resources = workspace / V1 / "resources.proto"
    edit(resources, r"(message Identifier \{)", "\\1\n  // Added.\n  string added = 99;")
    edit(resources, r"(IDENTIFIER_TYPE_CARD_NUMBER = 13;)", "\\1\n  // Added.\n  IDENTIFIER_TYPE_ADDED = 99;")
    resources.write_text(resources.read_text() + "\n// Added.\nmessage Added {\n  // Added.\n  string note = 1;\n}\n")
    (workspace / V1 / "added_service.proto").write_text(
        'syntax = "proto3";\n\n// Added.\npackage loyalty.identity.v1;\n\n'
        'import "loyalty/identity/v1/resources.proto";\n\n'
        "// Added.\nservice AddedService {\n  // Added.\n  rpc Add(Added) returns (Added);\n}\n"
    )
    assert buf("build", cwd=workspace).returncode == 0
    assert breaking(workspace) == []


# FileDescriptorProto / DescriptorProto / ServiceDescriptorProto / EnumDescriptorProto field numbers,
# the steps of a SourceCodeInfo.Location path.
FILE_MESSAGE, FILE_ENUM, FILE_SERVICE = 4, 5, 6
MESSAGE_FIELD, MESSAGE_NESTED, MESSAGE_ENUM, MESSAGE_ONEOF = 2, 3, 4, 8
SERVICE_METHOD = 2
ENUM_VALUE = 2


def documented_elements(
    file: descriptor_pb2.FileDescriptorProto,
) -> Iterator[tuple[str, str, tuple[int, ...]]]:
    """(kind, full name, source path) of every message, field, oneof, enum, enum value, service and RPC."""
    prefix = file.package

    def enum(e: descriptor_pb2.EnumDescriptorProto, scope: str, path: tuple[int, ...]) -> Iterator[tuple]:
        yield "enum", f"{scope}.{e.name}", path
        for i, value in enumerate(e.value):
            yield "enum value", f"{scope}.{e.name}.{value.name}", (*path, ENUM_VALUE, i)

    def message(m: descriptor_pb2.DescriptorProto, scope: str, path: tuple[int, ...]) -> Iterator[tuple]:
        name = f"{scope}.{m.name}"
        if m.options.map_entry:
            return  # map<K, V> fields' synthetic entry types have no source of their own
        yield "message", name, path
        for i, field in enumerate(m.field):
            yield "field", f"{name}.{field.name}", (*path, MESSAGE_FIELD, i)
        for i, oneof in enumerate(m.oneof_decl):
            if not any(f.proto3_optional and f.oneof_index == i for f in m.field):  # synthetic `optional` oneofs
                yield "oneof", f"{name}.{oneof.name}", (*path, MESSAGE_ONEOF, i)
        for i, nested in enumerate(m.nested_type):
            yield from message(nested, name, (*path, MESSAGE_NESTED, i))
        for i, nested_enum in enumerate(m.enum_type):
            yield from enum(nested_enum, name, (*path, MESSAGE_ENUM, i))

    for i, m in enumerate(file.message_type):
        yield from message(m, prefix, (FILE_MESSAGE, i))
    for i, e in enumerate(file.enum_type):
        yield from enum(e, prefix, (FILE_ENUM, i))
    for i, service in enumerate(file.service):
        yield "service", f"{prefix}.{service.name}", (FILE_SERVICE, i)
        for j, method in enumerate(service.method):
            yield "rpc", f"{prefix}.{service.name}.{method.name}", (FILE_SERVICE, i, SERVICE_METHOD, j)


def test_every_element_has_a_doc_comment() -> None:
    built = subprocess.run(
        [str(BUF), "build", "--path", "protos/loyalty", "--exclude-imports", "-o", "-#format=binpb"],
        capture_output=True,
        timeout=120,
        cwd=ROOT,
        check=True,
    )
    image = descriptor_pb2.FileDescriptorSet.FromString(built.stdout)
    files = [f for f in image.file if f.name.startswith(OUR_FILES)]
    assert len(files) >= 3
    missing, checked = [], 0
    for file in files:
        comments = {tuple(loc.path): loc.leading_comments.strip() for loc in file.source_code_info.location}
        for kind, name, path in documented_elements(file):
            checked += 1
            if not comments.get(path):
                missing.append(f"{file.name}: {kind} {name}")
    assert checked > 100
    assert not missing, "no leading doc comment on:\n" + "\n".join(missing)


# Releases, options and annotations (issue 16) ------------------------------------------------

HISTORY = ROOT / "protos-released" / "history"
WIRE_JSON = '{"version": "v2", "breaking": {"use": ["WIRE_JSON"]}}'


def current_image(destination: Path) -> Path:
    """The current protos as the release script snapshots them."""
    image = destination / "current.binpb"
    result = buf("build", "--path", "protos/loyalty", "--exclude-source-info", "-o", str(image))
    assert result.returncode == 0, result.stderr
    return image


def released_versions() -> list[tuple[str, Path]]:
    """(version, snapshot) of every release, oldest first, the latest (protos-released/) last."""
    found = []
    for source in [*HISTORY.glob("*.source"), SNAPSHOT.with_suffix(".source")]:
        version = re.match(r"version (\d+\.\d+\.\d+)\n", source.read_text())
        assert version, f"{source} must start with its version line (scripts/release_protos.sh writes it)"
        found.append((version.group(1), source.with_suffix(".binpb")))
    return sorted(found, key=lambda item: tuple(int(part) for part in item[0].split(".")))


def test_every_release_is_in_the_changelog_and_the_latest_is_the_snapshot() -> None:
    versions = released_versions()
    assert len(versions) >= 2 and versions[-1][1] == SNAPSHOT
    changelog = (ROOT / "CHANGELOG.md").read_text()
    for version, snapshot in versions:
        assert snapshot.is_file(), snapshot
        assert f"\n## {version}" in changelog, f"CHANGELOG.md has no section for {version}"


@pytest.mark.parametrize("version", [v for v, _ in released_versions()[:-1]])
def test_the_contract_is_wire_and_json_compatible_with_every_earlier_release(tmp_path: Path, version: str) -> None:
    """The FILE rules may be reset by a release (new options, `optional`); the encoding never changes."""
    earlier = dict(released_versions())[version]
    for image in (SNAPSHOT, current_image(tmp_path)):
        result = buf("breaking", str(image), "--against", str(earlier), "--config", WIRE_JSON, "--error-format", "json")
        assert result.returncode in (0, 100), result.stderr
        violations = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
        assert [v for v in violations if not marks_a_read(v)] == [], f"{image.name} against {version}:\n{result.stdout}"


def marks_a_read(violation: dict[str, str]) -> bool:
    """1.3.0 marked the read RPCs NO_SIDE_EFFECTS (Connect serves them to GET, SPEC 8): the one change of an RPC's
    HTTP behaviour a release may make, since a GET-able read stays callable by POST. Any other is a break."""
    return violation["type"] == "RPC_SAME_IDEMPOTENCY_LEVEL" and violation["message"].endswith(
        'from "IDEMPOTENCY_UNKNOWN" to "NO_SIDE_EFFECTS".'
    )


def test_a_wire_break_would_be_caught_against_earlier_releases(tmp_path: Path) -> None:
    workspace = workspace_copy(tmp_path)
    identifier_value("int64 value = 2")(workspace)
    image = workspace / "edited.binpb"
    assert buf("build", "--path", "protos/loyalty", "-o", str(image), cwd=workspace).returncode == 0
    earlier = released_versions()[0][1]
    result = buf("breaking", str(image), "--against", str(earlier), "--config", WIRE_JSON, "--error-format", "json")
    assert result.returncode == 100 and "FIELD_WIRE_JSON_COMPATIBLE_TYPE" in result.stdout, result.stdout


def our_files() -> list[descriptor_pb2.FileDescriptorProto]:
    # The google.api extensions must be known to read the options (imported for their side effect).
    from google.api import field_behavior_pb2, resource_pb2  # noqa: F401

    from loyalty_identity.api.protos import card_pb, event_pb, identifier_pb, resources_pb

    return [
        descriptor_pb2.FileDescriptorProto.FromString(m.DESCRIPTOR.serialized_pb)
        for m in (resources_pb, identifier_pb, card_pb, event_pb)
    ]


def test_every_file_names_its_package_for_every_language() -> None:
    for file in our_files():
        stem = Path(file.name).stem
        assert file.options.go_package == "loyalty-identity/clients/go/gen/loyalty/identity/v1;identityv1"
        assert file.options.java_package == "com.loyalty.identity.v1"
        assert file.options.java_multiple_files
        assert file.options.java_outer_classname == "".join(w.title() for w in stem.split("_")) + "Proto"
        assert file.options.csharp_namespace == "Loyalty.Identity.V1"
        assert file.options.php_namespace == "Loyalty\\Identity\\V1"
        assert file.options.ruby_package == "Loyalty::Identity::V1"
        assert file.options.objc_class_prefix == "LIX"


def test_every_field_of_requests_and_resources_has_a_field_behavior() -> None:
    from google.api import field_behavior_pb2

    missing, checked = [], 0
    for file in our_files():
        for message in file.message_type:
            if not (message.name.endswith("Request") or file.name.endswith("resources.proto")):
                continue  # responses and events are output by nature
            for field in message.field:
                checked += 1
                if not field.options.Extensions[field_behavior_pb2.field_behavior]:
                    missing.append(f"{message.name}.{field.name}")
    assert checked > 100
    assert not missing, "no google.api.field_behavior on:\n" + "\n".join(missing)


def test_customers_and_merges_are_resources_and_their_names_are_referenced() -> None:
    from google.api import resource_pb2

    resources, references = {}, set()
    for file in our_files():
        for message in file.message_type:
            descriptor = message.options.Extensions[resource_pb2.resource]
            if descriptor.type:
                resources[message.name] = (descriptor.type, list(descriptor.pattern))
            for field in message.field:
                reference = field.options.Extensions[resource_pb2.resource_reference]
                if reference.type:
                    references.add((message.name, field.name, reference.type))
    assert resources == {
        "Customer": ("loyalty-identity/Customer", ["customers/{customer}"]),
        "Merge": ("loyalty-identity/Merge", ["merges/{merge}"]),
    }
    assert {
        ("GetCustomerRequest", "name", "loyalty-identity/Customer"),
        ("UpdateIdentifiersRequest", "customer", "loyalty-identity/Customer"),
        ("UnmergeCustomersRequest", "merge", "loyalty-identity/Merge"),
        ("Merge", "victim", "loyalty-identity/Customer"),
        ("CustomersMerged", "merge", "loyalty-identity/Merge"),
    } <= references


def test_reads_and_only_reads_are_marked_without_side_effects() -> None:
    """SPEC 8: a read answers GET over Connect. A call that changes something takes a request_id; a read never does."""
    image = descriptor_pb2.FileDescriptorSet.FromString(SNAPSHOT.read_bytes())
    messages = {f".{f.package}.{m.name}": m for f in image.file for m in f.message_type}
    seen = 0
    for file in image.file:
        for service in file.service if file.name.startswith(OUR_FILES) else ():
            for method in service.method:
                mutating = any(field.name == "request_id" for field in messages[method.input_type].field)
                level = method.options.idempotency_level
                expected = (
                    descriptor_pb2.MethodOptions.IDEMPOTENCY_UNKNOWN
                    if mutating
                    else (descriptor_pb2.MethodOptions.NO_SIDE_EFFECTS)
                )
                assert level == expected, f"{service.name}.{method.name}"
                seen += 1
    assert seen >= 30
