"""The data folder: database, backups, exports, logs and keys in one place."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

DB_NAME = "griddesk.sqlite3"
ENV_VAR = "GRIDDESK_DATA_DIR"


@dataclass(frozen=True)
class DataDir:
    root: Path

    @classmethod
    def resolve(cls, given: str | os.PathLike[str] | None = None) -> DataDir:
        """`--data-dir`, else $GRIDDESK_DATA_DIR, else the platform's user data folder."""
        if given:
            return cls(Path(given).expanduser().absolute())
        env = os.environ.get(ENV_VAR)
        if env:
            return cls(Path(env).expanduser().absolute())
        return cls(platformdirs.user_data_path("GridDesk", appauthor=False))

    @classmethod
    def demo(cls) -> DataDir:
        """The demo community lives apart from real data."""
        return cls(platformdirs.user_data_path("GridDesk", appauthor=False) / "demo")

    @property
    def db_path(self) -> Path:
        return self.root / DB_NAME

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def exports(self) -> Path:
        return self.root / "exports"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def keys(self) -> Path:
        return self.root / "keys"

    @property
    def attachments(self) -> Path:
        return self.root / "attachments"

    def is_set_up(self) -> bool:
        # the SQLite file, or the URL of the database on a server (app.core.office.database_url)
        return self.db_path.is_file() or (self.root / "database-url.txt").is_file()

    def make_folders(self) -> None:
        """The folder and its own folders, owner-only (0700): they hold personal data."""
        for folder in (self.root, self.backups, self.exports, self.logs, self.keys):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if os.name == "posix":
                folder.chmod(0o700)
