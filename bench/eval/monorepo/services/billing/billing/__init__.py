"""Nightly invoicing for Harbor orders (see docs/decisions/0012-python-for-billing.md)."""
