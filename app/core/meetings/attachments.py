"""Files attached to a meeting's minutes: copied into the data folder under a safe name and a size
limit, and removed while the minutes are still a draft.

Once the office has a database key the copy is sealed with it (app.core.common.sealed): a copied
data folder shows no attachment's content. `readable_copy` gives the plain file to open, in the
process's private scratch folder; `seal_plain_attachments` seals those kept before the office had
users.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.orm import Session

from app.core.common import sealed
from app.core.common.files import write_atomically
from app.core.meetings.minutes import _meeting, _refuse_locked
from app.db import driver
from app.db.base import utcnow
from app.db.models_meetings import (
    Attachment,
)
from app.errors import InvalidInput


@dataclass(frozen=True)
class AttachmentRow:
    id: int
    file_name: str
    stored_name: str
    size: int
    sha256: str
    note: str | None


# --- attachments ---------------------------------------------------------------------------------

MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024
_UNSAFE = re.compile(r"[^\w.\-\u4e00-\u9fff]+")


def add_attachment(
    session: Session,
    meeting_id: int,
    source: Path,
    attachments_dir: Path,
    note: str | None = None,
) -> int:
    """Keep a copy of `source` with the minutes (in the data folder's attachments/ folder).

    Attachments may be added to published minutes too (the signed scan comes after the meeting);
    they never change the minutes' text, and once published they cannot be removed.
    """
    meeting = _meeting(session, meeting_id)
    if meeting.status == "superseded":
        _refuse_locked(meeting)
    source = Path(source)
    if not source.is_file():
        raise InvalidInput(f"找不到文件：{source}", f"File not found: {source}")
    size = source.stat().st_size
    if size > MAX_ATTACHMENT_BYTES:
        raise InvalidInput(
            f"附件过大（{size // (1024 * 1024)} MB，上限 200 MB）：{source.name}",
            f"The attachment is too large ({size // (1024 * 1024)} MB, limit 200 MB): "
            f"{source.name}",
        )
    digest = hashlib.sha256()
    with open(source, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    sha = digest.hexdigest()
    safe = _UNSAFE.sub("_", source.name)[-120:] or "file"
    stored = f"{meeting.uuid}/{sha[:16]}-{safe}"
    target = Path(attachments_dir) / stored
    if not target.is_file():
        key = driver.key_for(target)

        def copy(fh: BinaryIO) -> None:
            with open(source, "rb") as src:
                if key is None:
                    shutil.copyfileobj(src, fh, 1 << 20)
                else:
                    sealed.seal(src, fh, key, stored)

        write_atomically(target, copy)
    attachment = Attachment(
        file_name=source.name[:255],
        stored_name=stored,
        size=size,
        sha256=sha,
        note=(note or "").strip() or None,
    )
    meeting.attachments.append(attachment)
    session.flush()
    return attachment.id


def remove_attachment(session: Session, attachment_id: int) -> None:
    """Tombstone an attachment of a draft (the file stays until the draft is gone)."""
    attachment = session.get(Attachment, attachment_id)
    if attachment is None or attachment.deleted_at is not None:
        raise InvalidInput(
            f"没有编号为 {attachment_id} 的附件。", f"No attachment with id {attachment_id}."
        )
    _refuse_locked(attachment.meeting)
    attachment.deleted_at = utcnow()
    attachment.delete_reason = "removed from the draft"
    session.flush()


def readable_copy(attachments_dir: Path, stored_name: str, scratch: Path) -> Path:
    """The attachment's plain content in `scratch` (the process's private folder, cleared when the
    program ends or at its next start), under its own file name, for a viewer to open."""
    source = Path(attachments_dir) / stored_name
    target = Path(scratch) / "attachments" / stored_name
    key = driver.key_for(source)

    def copy(fh: BinaryIO) -> None:
        for block in sealed.unsealed(source, key, stored_name):
            fh.write(block)

    write_atomically(target, copy)
    return target


def seal_plain_attachments(attachments_dir: Path, key: bytes) -> int:
    """Seal the attachments kept plain before the office had a key; returns how many."""
    done = 0
    folder = Path(attachments_dir)
    if not folder.is_dir():
        return 0
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if sealed.is_sealed(path):
            continue
        stored = path.relative_to(folder).as_posix()

        def copy(fh: BinaryIO, path: Path = path, stored: str = stored) -> None:
            with open(path, "rb") as src:
                sealed.seal(src, fh, key, stored)

        write_atomically(path, copy)
        done += 1
    return done
