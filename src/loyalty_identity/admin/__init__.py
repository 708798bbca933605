"""Operator commands beside `serve`: tokens, bulk import and export."""
