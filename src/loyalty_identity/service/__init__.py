"""Use cases: each runs in one transaction through a unit of work."""
