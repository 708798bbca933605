"""Server reflection that serves the protos with their documentation.

grpc_reflection answers from a descriptor pool, and a pool keeps no comments
(source info), so `grpcurl describe` would show the API undocumented.
scripts/generate_protos.py writes the same files with their comments into
gen/descriptors.binpb; this servicer answers with those files where it has them
(ours and google/rpc's), and as grpc_reflection does for the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from importlib import resources
from typing import Any

import grpc
from google.protobuf import descriptor_pb2
from grpc_reflection.v1alpha import reflection, reflection_pb2, reflection_pb2_grpc

DOCUMENTED_DESCRIPTORS = "descriptors.binpb"


def documented_files() -> dict[str, bytes]:
    """Serialized FileDescriptorProto with comments, by file name."""
    raw = (resources.files("loyalty_identity.gen") / DOCUMENTED_DESCRIPTORS).read_bytes()
    return {file.name: file.SerializeToString() for file in descriptor_pb2.FileDescriptorSet.FromString(raw).file}


class DocumentedReflectionServicer(reflection.ReflectionServicer):  # type: ignore[misc]
    def __init__(self, service_names: Iterable[str], documented: dict[str, bytes]) -> None:
        super().__init__(service_names)
        self._documented = documented

    def ServerReflectionInfo(  # noqa: N802 (gRPC method name)
        self, request_iterator: Iterator[Any], context: grpc.ServicerContext
    ) -> Iterator[Any]:
        for response in super().ServerReflectionInfo(request_iterator, context):
            if response.HasField("file_descriptor_response"):
                files = response.file_descriptor_response.file_descriptor_proto
                answered = [
                    self._documented.get(descriptor_pb2.FileDescriptorProto.FromString(f).name, f) for f in files
                ]
                del files[:]
                files.extend(answered)
            yield response


# Reflection v1, what current grpcurl and buf try first: the same messages as v1alpha (field for
# field, only the package differs), so the v1alpha servicer answers it on the wire.
V1_SERVICE_NAME = "grpc.reflection.v1.ServerReflection"


def enable_documented_reflection(service_names: Iterable[str], server: grpc.Server) -> None:
    servicer = DocumentedReflectionServicer([*service_names, V1_SERVICE_NAME], documented_files())
    reflection_pb2_grpc.add_ServerReflectionServicer_to_server(servicer, server)
    v1 = grpc.stream_stream_rpc_method_handler(
        servicer.ServerReflectionInfo,
        request_deserializer=reflection_pb2.ServerReflectionRequest.FromString,
        response_serializer=reflection_pb2.ServerReflectionResponse.SerializeToString,
    )
    server.add_generic_rpc_handlers(
        [grpc.method_handlers_generic_handler(V1_SERVICE_NAME, {"ServerReflectionInfo": v1})]
    )
