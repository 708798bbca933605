"""The domain core: plain Python rules, no grpc and no database."""
