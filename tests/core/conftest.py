"""Fixtures shared by the core tests."""

from tests.core.exchange_offices import offices, template

__all__ = ["offices", "template"]
