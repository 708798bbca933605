"""The gRPC layer: translate proto <-> domain, map errors, run the server."""
