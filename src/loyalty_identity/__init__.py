"""loyalty-identity: the gRPC service that owns the identity of loyalty customers."""

__version__ = "0.1.0"
