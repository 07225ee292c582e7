"""GridDesk (社区应急工作台)."""

__version__ = "0.2.0"
APP_NAME = "GridDesk"
