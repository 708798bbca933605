"""A `grpcurl` whose every call is made by `buf curl`, for running the README's walk-through with buf.

test_buf_curl.py puts a `grpcurl` script running this module first on PATH. It accepts the
grpcurl usage the README shows (`-plaintext [-format-error] [-max-time S] [-d JSON] ADDR SERVICE/METHOD` and
`-plaintext ADDR list`), calls `buf curl --protocol grpc` (schema from server reflection), and
prints buf's answer the way grpcurl does, so the README's expected outputs apply unchanged:

- a response: buf prints protojson with lowerCamelCase names; it is parsed strictly into the
  response type and printed again with the proto field names grpcurl uses;
- an error: buf prints a Connect error (`code` as a name, `details` as base64 `value`s); it is
  printed as grpcurl's `-format-error` JSON (numeric code, each detail decoded with `@type`),
  on stderr, with grpcurl's exit code (64 + code).

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
from google.protobuf import descriptor_pool, json_format, message_factory
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


def as_grpcurl_status(error: dict[str, Any], pool: descriptor_pool.DescriptorPool) -> dict[str, Any]:
    """A Connect error as printed by buf curl, in grpcurl's -format-error form."""
    status: dict[str, Any] = {"code": grpc.StatusCode[error["code"].upper()].value[0]}
    if error.get("message"):
        status["message"] = error["message"]
    details = []
    for detail in error.get("details", []):
        message_type = pool.FindMessageTypeByName(detail["type"])  # KeyError: reflection lacks the type
        value = base64.b64decode(detail["value"] + "=" * (-len(detail["value"]) % 4))  # unpadded base64
        decoded: Message = message_factory.GetMessageClass(message_type).FromString(value)
        fields = json_format.MessageToDict(decoded, preserving_proto_field_name=True, descriptor_pool=pool)
        details.append({"@type": TYPE_URL_PREFIX + detail["type"], **fields})
    if details:
        status["details"] = details
    return status


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
                printed = json_format.MessageToJson(
                    response, preserving_proto_field_name=True, ensure_ascii=False, descriptor_pool=pool
                )
                print(printed)
            if result.returncode == 0:
                return 0
        try:
            error = json.loads(result.stderr)
        except json.JSONDecodeError:
            sys.stderr.write(result.stderr)  # not an RPC status: buf itself failed
            return result.returncode
        status = as_grpcurl_status(error, pool)
    # buf curl exits with the status code shifted three bits left; grpcurl with 64 + code.
    assert result.returncode == status["code"] << 3, (result.returncode, status)
    print(json.dumps(status, indent=2, ensure_ascii=False), file=sys.stderr)
    return 64 + int(status["code"])


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
