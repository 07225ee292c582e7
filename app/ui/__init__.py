"""The Qt interface. Importing it applies the PySide6 work-around in qtfix first."""

from app.ui import qtfix  # noqa: F401  (before any signal is emitted)
