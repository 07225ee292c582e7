"""How long operations report progress and learn that the user cancelled."""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    """Called now and then by a long operation; raises `Cancelled` to stop it (rolled back)."""

    def __call__(self, done: int, total: int, label: str) -> None: ...


def no_progress(done: int, total: int, label: str) -> None:
    """For callers that do not show progress."""
