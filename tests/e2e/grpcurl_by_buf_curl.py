"""A `grpcurl` whose every call is made by `buf curl`, for running the README's walk-through with buf.

test_buf_curl.py puts a `grpcurl` script running this module first on PATH. It accepts the
grpcurl usage the README shows (`-plaintext [-format-error] [-max-time S] [-d JSON] ADDR SERVICE/METHOD` and
`-plaintext ADDR list`; `-plaintext ADDR describe MESSAGE.FIELD`, answered from the file reflection
serves), calls `buf curl --protocol grpc` (schema from server reflection), and
prints buf's answer the way grpcurl does, so the README's expected outputs apply unchanged:

- a response: buf prints protojson with lowerCamelCase names; it is parsed strictly into the
  response type and printed again with the proto field names grpcurl uses;
- an error: buf prints a Connect error (`code` as a name, `details` as base64 `value`s); it is
  printed as grpcurl's `-format-error` JSON (numeric code, each detail decoded with `@type` and
  written on one line, its top-level fields in name order as grpcurl does), on stderr, with
  grpcurl's exit code (64 + code);
- map entries in key order, as grpcurl prints them.

Every type comes from the server's reflection service, none from the generated code: decoding
the error details proves reflection serves the google.rpc types. Each call's SERVICE/METHOD is
appended to the file named by $BUF_CURL_CALLS, for the coverage test.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from typing import Any

import grpc
from google.api import field_behavior_pb2
from google.protobuf import descriptor_pool, json_format, message_factory
from google.protobuf.descriptor import Descriptor
from google.protobuf.message import Message
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import ProtoReflectionDescriptorDatabase

BUF = os.path.join(os.path.dirname(sys.executable), "buf")
CALLS_ENV = "BUF_CURL_CALLS"
TYPE_URL_PREFIX = "type.googleapis.com/"


def usage(argv: list[str]) -> int:
    print(f"grpcurl_by_buf_curl: unsupported grpcurl usage: {argv}", file=sys.stderr)
    return 2


def buf_curl(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [BUF, "curl", "--protocol", "grpc", "--http2-prior-knowledge", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def json_documents(text: str) -> list[Any]:
    """The JSON values of text, one after the other (several for a server stream)."""
    decoder, values, position = json.JSONDecoder(), [], 0
    while text[position:].strip():
        position += len(text[position:]) - len(text[position:].lstrip())
        value, position = decoder.raw_decode(text, position)
        values.append(value)
    return values


def as_dict(message: Message, pool: descriptor_pool.DescriptorPool) -> dict[str, Any]:
    """The message as grpcurl's JSON: proto field names, in field order, map entries by key."""
    value = json_format.MessageToDict(message, preserving_proto_field_name=True, descriptor_pool=pool)
    return sort_maps(value, message.DESCRIPTOR)


def sort_maps(value: dict[str, Any], descriptor: Descriptor) -> dict[str, Any]:
    for field in descriptor.fields:
        if field.name not in value or field.message_type is None:
            continue
        if field.message_type.GetOptions().map_entry:
            value[field.name] = dict(sorted(value[field.name].items()))
            continue
        items = value[field.name] if isinstance(value[field.name], list) else [value[field.name]]
        for item in items:
            if isinstance(item, dict):  # not a well-known type printed as a string
                sort_maps(item, field.message_type)
    return value


def grpcurl_error(error: dict[str, Any], pool: descriptor_pool.DescriptorPool) -> tuple[int, str]:
    """A Connect error as printed by buf curl: its code, and the text grpcurl -format-error prints."""
    code = grpc.StatusCode[error["code"].upper()].value[0]
    lines = ["{", f'  "code": {code},']
    if error.get("message"):
        lines.append(f'  "message": {json.dumps(error["message"], ensure_ascii=False)},')
    details = []
    for detail in error.get("details", []):
        message_type = pool.FindMessageTypeByName(detail["type"])  # KeyError: reflection lacks the type
        value = base64.b64decode(detail["value"] + "=" * (-len(detail["value"]) % 4))  # unpadded base64
        fields = as_dict(message_factory.GetMessageClass(message_type).FromString(value), pool)
        # grpcurl prints each detail on one line, "@type" first, then the fields by name.
        ordered = {"@type": TYPE_URL_PREFIX + detail["type"], **dict(sorted(fields.items()))}
        details.append("    " + json.dumps(ordered, separators=(",", ":"), ensure_ascii=False))
    if details:
        lines += ['  "details": [', ",\n".join(details), "  ]"]
    lines[-1] = lines[-1].rstrip(",")
    return code, "\n".join([*lines, "}"])


def call(address: str, method: str, data: str | None, max_time: str | None = None) -> int:
    calls = os.environ.get(CALLS_ENV)
    if calls:
        with open(calls, "a") as log:
            log.write(method + "\n")
    options = ["--data", data] if data is not None else []
    if max_time is not None:
        options += ["--timeout", f"{max_time}s"]
    result = buf_curl(*options, f"http://{address}/{method}")
    with grpc.insecure_channel(address) as channel:
        pool = descriptor_pool.DescriptorPool(ProtoReflectionDescriptorDatabase(channel))
        # A stream cut short (-max-time) printed its messages before the error.
        if result.returncode == 0 or result.stdout.strip():
            service, name = method.rsplit("/", 1)
            output_type = pool.FindServiceByName(service).methods_by_name[name].output_type
            for document in json_documents(result.stdout):
                response = message_factory.GetMessageClass(output_type)()
                # Strict: a field name buf printed that the response type lacks fails here.
                json_format.ParseDict(document, response, descriptor_pool=pool)
                print(json.dumps(as_dict(response, pool), indent=2, ensure_ascii=False))
            if result.returncode == 0:
                return 0
        try:
            error = json.loads(result.stderr)
        except json.JSONDecodeError:
            sys.stderr.write(result.stderr)  # not an RPC status: buf itself failed
            return result.returncode
        code, printed = grpcurl_error(error, pool)
    # buf curl exits with the status code shifted three bits left; grpcurl with 64 + code.
    assert result.returncode == code << 3, (result.returncode, printed)
    print(printed, file=sys.stderr)
    return 64 + code


def describe_field(address: str, symbol: str) -> int:
    """grpcurl's `describe` of a message field, from the file reflection serves (with its comments)."""
    message_name, field_name = symbol.rsplit(".", 1)
    with grpc.insecure_channel(address) as channel:
        file = ProtoReflectionDescriptorDatabase(channel).FindFileContainingSymbol(message_name)
    package_prefix = file.package + "."
    index = [m.name for m in file.message_type].index(message_name.removeprefix(package_prefix))
    message = file.message_type[index]
    number = [f.name for f in message.field].index(field_name)
    field = message.field[number]
    path = [4, index, 2, number]  # FileDescriptorProto.message_type[index].field[number]
    [location] = [loc for loc in file.source_code_info.location if list(loc.path) == path]
    comment = "".join(f"//{line}\n" for line in location.leading_comments.rstrip("\n").split("\n"))
    # grpcurl prints the field's options; the walk-through's field has one, its field behaviour.
    extension = field_behavior_pb2.field_behavior
    behaviors = [field_behavior_pb2.FieldBehavior.Name(b) for b in field.options.Extensions[extension]]
    options = f" [{', '.join(f'(.google.api.field_behavior) = {b}' for b in behaviors)}]" if behaviors else ""
    sys.stdout.write(f"{symbol} is a field:\n{comment}{field.type_name} {field.name} = {field.number}{options};")
    return 0


def main(argv: list[str]) -> int:
    data: str | None = None
    max_time: str | None = None
    positional: list[str] = []
    plaintext = False
    args = iter(argv)
    for arg in args:
        if arg == "-plaintext":
            plaintext = True
        elif arg == "-format-error":
            pass  # errors are always printed as JSON here
        elif arg == "-d":
            data = next(args)
        elif arg == "-max-time":
            max_time = next(args)
        elif arg.startswith("-"):
            return usage(argv)
        else:
            positional.append(arg)
    if not plaintext or not positional:
        return usage(argv)
    address, rest = positional[0], positional[1:]
    if len(rest) == 2 and rest[0] == "describe":
        return describe_field(address, rest[1])
    if rest == ["list"]:
        result = buf_curl("--list-services", f"http://{address}")
        sys.stdout.write(result.stdout)
        sys.stderr.write(result.stderr)
        return result.returncode
    if len(rest) == 1 and "/" in rest[0]:
        return call(address, rest[0], data, max_time)
    return usage(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
