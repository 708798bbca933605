"""third_party/googleapis holds unedited copies of the googleapis-common-protos package's files."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import google.api
import google.rpc

ROOT = Path(__file__).resolve().parent.parent
VENDORED = ROOT / "third_party" / "googleapis"
# The installed package's folders, by the vendored folder that copies them.
INSTALLED = {
    "google/api": Path(next(iter(google.api.__path__))),
    "google/rpc": Path(next(iter(google.rpc.__path__))),
}


def vendored_protos() -> list[Path]:
    return sorted(VENDORED.rglob("*.proto"))


def test_only_what_our_protos_and_the_node_client_import_is_vendored() -> None:
    assert [p.relative_to(VENDORED).as_posix() for p in vendored_protos()] == [
        "google/api/field_behavior.proto",  # imported by protos/ (field behaviour annotations)
        "google/api/resource.proto",  # imported by protos/ (resource annotations)
        "google/rpc/error_details.proto",  # decoded by the Node client
        "google/rpc/status.proto",
    ]


def test_vendored_protos_are_byte_identical_to_the_package() -> None:
    for proto in vendored_protos():
        folder = proto.parent.relative_to(VENDORED).as_posix()
        installed = INSTALLED[folder] / proto.name
        assert proto.read_bytes() == installed.read_bytes(), (
            f"{proto.relative_to(ROOT)} differs from {installed}: copy it again (third_party/googleapis/README.md)"
        )


def test_license_is_the_package_license() -> None:
    files = metadata.files("googleapis-common-protos") or []
    licence = next(f for f in files if f.name == "LICENSE")
    assert (VENDORED / "LICENSE").read_bytes() == Path(str(licence.locate())).read_bytes()
