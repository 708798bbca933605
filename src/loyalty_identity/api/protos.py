"""Short aliases for the generated modules, the only imports of gen/ outside api."""

from loyalty_identity.gen.loyalty.identity.v1 import card_service_connect as card_connect
from loyalty_identity.gen.loyalty.identity.v1 import card_service_pb2 as card_pb
from loyalty_identity.gen.loyalty.identity.v1 import card_service_pb2_grpc as card_grpc
from loyalty_identity.gen.loyalty.identity.v1 import event_service_connect as event_connect
from loyalty_identity.gen.loyalty.identity.v1 import event_service_pb2 as event_pb
from loyalty_identity.gen.loyalty.identity.v1 import event_service_pb2_grpc as event_grpc
from loyalty_identity.gen.loyalty.identity.v1 import identifier_service_connect as identifier_connect
from loyalty_identity.gen.loyalty.identity.v1 import identifier_service_pb2 as identifier_pb
from loyalty_identity.gen.loyalty.identity.v1 import identifier_service_pb2_grpc as identifier_grpc
from loyalty_identity.gen.loyalty.identity.v1 import merge_review_service_connect as merge_review_connect
from loyalty_identity.gen.loyalty.identity.v1 import merge_review_service_pb2 as merge_review_pb
from loyalty_identity.gen.loyalty.identity.v1 import merge_review_service_pb2_grpc as merge_review_grpc
from loyalty_identity.gen.loyalty.identity.v1 import resources_pb2 as resources_pb

__all__ = [
    "card_connect",
    "card_grpc",
    "card_pb",
    "event_connect",
    "event_grpc",
    "event_pb",
    "identifier_connect",
    "identifier_grpc",
    "identifier_pb",
    "merge_review_connect",
    "merge_review_grpc",
    "merge_review_pb",
    "resources_pb",
]
