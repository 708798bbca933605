"""The files `import` reads and `export` writes: JSON lines and CSV.

JSON lines: one CreateCustomerRequest a line, in the proto JSON mapping that
grpcurl uses (`{"profiles": [{"source": "SOURCE_INSTORE", "identifiers":
[{"type": "IDENTIFIER_TYPE_MOBILE", "value": "+86 138 0013 8000"}]}]}`).

CSV, with a header row. Columns (any order, case-insensitive):
- `source` (required): INSTORE, WECHAT, ... (the `SOURCE_` prefix is optional);
- `account_id`: for the multi-account sources (WECHAT, FACEBOOK, LINE, MOBILE_APP, WEB_ENGAGE);
- one column per identifier type, named after it: `mobile`, `email`, `external_id`,
  `wechat`, `martjack_id`, `fb_id`, `tmall_uname`, `cuid`, `ali_uname`, `jd_uname`,
  `vip_uname`, `line`, and `card_number` (several numbers separated by spaces);
  empty cells are skipped;
- `customer` (optional): consecutive rows with the same non-empty value are one
  customer with several profiles (export writes the customer's name there; on
  import the value only groups rows, new customers get new names).
One row is one profile; without a `customer` column, one row is one customer.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO, TextIO

from google.protobuf import json_format

from loyalty_identity.api import convert
from loyalty_identity.api.protos import identifier_pb, resources_pb
from loyalty_identity.domain.errors import DomainError, Reason, invalid
from loyalty_identity.domain.identifiers import IdentifierType
from loyalty_identity.domain.scopes import Source
from loyalty_identity.service.bulk_import import ImportRow
from loyalty_identity.service.commands import IdentifierInput, ProfileInput
from loyalty_identity.store.bulk import ExportedCustomer

FORMATS = ("csv", "jsonl")
CUSTOMER_COLUMN = "customer"
SCOPE_COLUMNS = ("source", "account_id")
IDENTIFIER_COLUMNS = {t.name.lower(): t for t in IdentifierType}
CSV_COLUMNS = (CUSTOMER_COLUMN, *SCOPE_COLUMNS, *IDENTIFIER_COLUMNS)


class FormatError(ValueError):
    """The file as a whole cannot be read (bad header, not UTF-8): nothing is imported from it."""


def guess_format(path: str) -> str:
    return "csv" if path.lower().endswith(".csv") else "jsonl"


class CountingLines:
    """Text lines of a binary stream, counting the bytes read (for the progress bar)."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.bytes_read = 0
        self.line_number = 0

    def __iter__(self) -> Iterator[str]:
        for raw in self._stream:
            self.bytes_read += len(raw)
            self.line_number += 1
            try:
                # utf-8-sig drops the byte order mark spreadsheets put first.
                yield raw.decode("utf-8-sig" if self.line_number == 1 else "utf-8")
            except UnicodeDecodeError as error:
                raise FormatError(f"line {self.line_number} is not UTF-8: {error.reason}") from None


# Reading ------------------------------------------------------------------------


def read_rows(fmt: str, lines: Iterable[str]) -> Iterator[ImportRow]:
    return read_jsonl(lines) if fmt == "jsonl" else read_csv(lines)


def read_jsonl(lines: Iterable[str]) -> Iterator[ImportRow]:
    for number, text in enumerate(lines, 1):
        if not text.strip():
            continue
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            yield ImportRow(number, text.rstrip("\r\n"), error=_invalid("", f"not JSON: {error.msg}"))
            continue
        request = identifier_pb.CreateCustomerRequest()
        try:
            if not isinstance(document, dict):
                raise json_format.ParseError("a line must be a JSON object")
            json_format.ParseDict(document, request)
        except json_format.ParseError as error:
            yield ImportRow(number, document, error=_invalid("", f"not a CreateCustomerRequest: {error}"))
            continue
        if request.request_id or request.validate_only:
            # Each row is applied once per run; a dry run is --dry-run for the whole file.
            field = "request_id" if request.request_id else "validate_only"
            yield ImportRow(number, document, error=_invalid(field, "not supported by import (see --dry-run)"))
            continue
        yield ImportRow(number, document, convert.profile_inputs(request.profiles))


def _invalid(field: str, message: str) -> DomainError:
    if not field:
        return DomainError(Reason.INVALID_ARGUMENT, message)
    return invalid(Reason.INVALID_ARGUMENT, field, message)


def read_csv(lines: Iterable[str]) -> Iterator[ImportRow]:
    reader = csv.reader(iter(lines))
    header_row = next(reader, None)
    if header_row is None:
        return
    header = [name.strip().lower() for name in header_row]
    unknown = sorted(set(header) - set(CSV_COLUMNS))
    if unknown:
        raise FormatError(f"unknown CSV column(s) {', '.join(unknown)}; known columns: {', '.join(CSV_COLUMNS)}")
    if "source" not in header:
        raise FormatError("the CSV header has no 'source' column")
    if len(set(header)) != len(header):
        raise FormatError("a CSV column appears twice in the header")
    group: list[tuple[int, dict[str, str]]] = []
    for cells in reader:
        first_line = _record_start(reader.line_num, cells)
        row = {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(header)}
        if not any(row.values()):
            continue  # a blank line
        if len(cells) > len(header):
            yield ImportRow(first_line, {"cells": cells}, error=_invalid("", "more cells than header columns"))
            continue
        key = row.get(CUSTOMER_COLUMN, "")
        if group and (not key or key != group[0][1].get(CUSTOMER_COLUMN)):
            yield _csv_record(group)
            group = []
        group.append((first_line, row))
    if group:
        yield _csv_record(group)


def _record_start(end_line: int, cells: list[str]) -> int:
    """The line a CSV record starts on (quoted cells may span lines)."""
    return end_line - sum(cell.count("\n") for cell in cells)


def _csv_record(group: list[tuple[int, dict[str, str]]]) -> ImportRow:
    line = group[0][0]
    original: Any = group[0][1] if len(group) == 1 else [row for _, row in group]
    profiles = []
    for index, (_, row) in enumerate(group):
        path = f"profiles[{index}]"
        raw_source = row.get("source", "")
        name = raw_source.upper().removeprefix("SOURCE_")
        if name not in Source.__members__:
            message = f"unknown source {raw_source!r}" if raw_source else "the source is empty"
            return ImportRow(line, original, error=_invalid(f"{path}.source", message))
        identifiers = []
        for column, id_type in IDENTIFIER_COLUMNS.items():
            cell = row.get(column, "")
            if not cell:
                continue
            values = cell.split() if id_type is IdentifierType.CARD_NUMBER else [cell]
            identifiers += [IdentifierInput(int(id_type), value) for value in values]
        profiles.append(ProfileInput(int(Source[name]), row.get("account_id", ""), identifiers))
    return ImportRow(line, original, profiles)


# Writing ------------------------------------------------------------------------


def jsonl_line(customer: ExportedCustomer) -> str:
    """The customer as a CreateCustomerRequest; cards ride on the first profile."""
    request = identifier_pb.CreateCustomerRequest()
    for exported in customer.profiles:
        request.profiles.append(
            resources_pb.Profile(
                source=convert.enum(exported.scope.source),
                account_id=exported.scope.account_id,
                identifiers=[convert.identifier(i) for i in exported.identifiers],
            )
        )
    if customer.cards:
        if not request.profiles:  # a customer holding only cards: any scope will do, none is created
            request.profiles.append(resources_pb.Profile(source=resources_pb.SOURCE_INSTORE))
        request.profiles[0].identifiers.extend(
            resources_pb.Identifier(type=resources_pb.IDENTIFIER_TYPE_CARD_NUMBER, value=number)
            for number in customer.cards
        )
    document = json_format.MessageToDict(request, preserving_proto_field_name=True)
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False)


class CsvWriter:
    def __init__(self, out: TextIO) -> None:
        self._writer = csv.writer(out, lineterminator="\n")
        self._writer.writerow(CSV_COLUMNS)

    def write(self, customer: ExportedCustomer, name: str) -> None:
        rows: list[dict[str, str]] = []
        for profile in customer.profiles:
            row = {"source": profile.scope.source.name, "account_id": profile.scope.account_id}
            row.update({i.type.name.lower(): i.value for i in profile.identifiers})
            rows.append(row)
        if customer.cards:
            if not rows:
                rows.append({"source": Source.INSTORE.name})
            rows[0]["card_number"] = " ".join(customer.cards)
        for row in rows:
            row[CUSTOMER_COLUMN] = name
            self._writer.writerow([row.get(column, "") for column in CSV_COLUMNS])


def rejects_line(row: ImportRow, error: DomainError) -> str:
    entry: dict[str, Any] = {
        "line": row.line,
        "reason": error.reason.value,
        "message": error.message,
    }
    if error.field:
        entry["field"] = error.field
    if error.metadata:
        entry["metadata"] = error.metadata
    entry["row"] = row.original
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
