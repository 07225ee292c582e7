"""The keyring: the database key, wrapped once for each user's password and once for the recovery
key, in `keys/keyring.json` (owner-only; it must be read before the database can be).

The database key is 32 random bytes. Signing in derives a key-encryption key from the password with
argon2id (64 MiB, t=3, p=1: about 0.35 s here, ten times OWASP's floor because the wrapper is exactly
what an attacker who copies the folder attacks offline) and opens the user's wrapper with AES-256-GCM.
The wrapper's associated data binds it to this keyring, the user's name and the KDF parameters, so a
wrapper moved to another name or with weakened parameters does not open. A wrong password, an
unknown user and a wrapper that fails are one and the same answer (`SignInFailed`), and an unknown
name costs the same argon2id run as a known one.

Failed attempts are counted per name here (the database cannot be written without a key): after
three, each further attempt waits longer (1, 2, 4 … s, at most 30 s) before it is answered; the
failures are handed to the audit trail at the next sign-in. A password change rewrites one wrapper,
not the database.

The recovery key (printed at set-up, kept in the office safe) is 32 random bytes shown as base32 in
groups; being full-entropy, it wraps the database key through HKDF-SHA256, with no argon2.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import re
import secrets
import time
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.core.common.files import write_bytes
from app.errors import GridDeskError, InvalidInput

KEYRING = "keyring.json"
VERSION = 1
KEY_BYTES = 32
RECOVERY_LETTERS = 52  # 256 bits in base32, shown in 13 groups of 4


@dataclass(frozen=True)
class KdfParams:
    memory_kib: int = 65536
    time_cost: int = 3
    parallelism: int = 1


# new wrappers are made with these; each wrapper keeps its own, so they can be raised later
KDF = KdfParams()
MIN_PASSWORD = 8
FREE_FAILURES = 3  # answered at once; after these, each attempt waits longer
MAX_DELAY_S = 30.0
# how the growing delay waits (a test replaces it to see the delay without waiting)
sleep: Callable[[float], None] = time.sleep


class SignInFailed(GridDeskError):
    """Wrong password, unknown or disabled user: one message for all, nothing read."""

    def __init__(self) -> None:
        super().__init__(
            "登录失败：用户名或密码不对，或该用户已停用。",
            "Sign-in failed: wrong user name or password, or the user is disabled.",
        )


class RecoveryFailed(GridDeskError):
    def __init__(self) -> None:
        super().__init__(
            "恢复密钥不对：请核对设置时打印的恢复密钥单（字母和数字，不分大小写）。",
            "The recovery key is wrong: check it against the recovery key sheet printed at set-up "
            "(letters and digits, case does not matter).",
        )


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(
            f"密码至少 {MIN_PASSWORD} 位。",
            f"A password has at least {MIN_PASSWORD} characters.",
        )


def normalise_name(name: str) -> str:
    """A user name as typed: full-width folded (NFKC), spaces at the ends dropped."""
    return unicodedata.normalize("NFKC", name or "").strip()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


def _kek(password: str, salt: bytes, params: KdfParams) -> bytes:
    return hash_secret_raw(
        password.encode("utf-8"),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def _recovery_kek(recovery: bytes, salt: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=b"griddesk recovery"
    ).derive(recovery)


def key_check(key: bytes) -> str:
    """A value that says whether a key is this keyring's database key, without revealing it."""
    return hmac.new(key, b"griddesk key check", hashlib.sha256).hexdigest()


def format_recovery_key(raw: bytes) -> str:
    text = base64.b32encode(raw).decode("ascii").rstrip("=")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


_KEY_RUN = re.compile(r"[A-Z2-7][A-Z2-7\s-]{50,}")


def parse_recovery_key(text: str) -> bytes:
    """The key from what the user typed or the file holds (the sheet's words around it, spaces,
    dashes and case do not matter)."""
    upper = unicodedata.normalize("NFKC", text or "").upper()
    # each line on its own first: on the sheet the line above the key is a date, whose last digit
    # (2 to 7) would join the key as one more letter; then the whole, for a key typed over lines
    runs = [run for part in (*upper.splitlines(), upper) for run in _KEY_RUN.findall(part)]
    for run in runs:
        letters = "".join(ch for ch in run if ch.isalnum())
        if len(letters) != RECOVERY_LETTERS:
            continue
        try:
            raw = base64.b32decode(letters + "=" * (-len(letters) % 8))
        except ValueError:
            continue
        if len(raw) == KEY_BYTES:
            return raw
    raise RecoveryFailed()


class Keyring:
    """keys/keyring.json of one data folder, read and written whole."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path = path
        self.data = data

    # --- the file ---------------------------------------------------------------------------

    @classmethod
    def path_in(cls, keys_folder: Path) -> Path:
        return keys_folder / KEYRING

    @classmethod
    def exists(cls, keys_folder: Path) -> bool:
        return cls.path_in(keys_folder).is_file()

    @classmethod
    def load(cls, keys_folder: Path) -> Keyring:
        path = cls.path_in(keys_folder)
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise GridDeskError(
                f"无法读取用户密钥文件 {path}：{exc.__class__.__name__}。可从备份恢复 keys 文件夹，"
                "或用恢复密钥重设管理员密码。",
                f"Cannot read the users' key file {path} ({exc.__class__.__name__}). Put the keys "
                "folder back from a copy, or reset the administrator's password with the recovery key.",
            ) from exc
        if data.get("version") != VERSION:
            raise GridDeskError(
                f"用户密钥文件的版本不受支持：{path}",
                f"The users' key file has an unsupported version: {path}",
            )
        return cls(path, data)

    @classmethod
    def create(cls, keys_folder: Path, office: dict[str, Any]) -> tuple[Keyring, bytes, bytes]:
        """A new keyring with a new database key and recovery key: `(keyring, key, recovery)`.
        Nothing is written until `save`."""
        key = secrets.token_bytes(KEY_BYTES)
        recovery = secrets.token_bytes(KEY_BYTES)
        ring = cls(
            cls.path_in(keys_folder),
            {
                "version": VERSION,
                "id": str(uuid.uuid4()),
                "office": office,
                "key_check": key_check(key),
                "users": {},
                "attempts": {},
                "failed": [],
            },
        )
        salt = secrets.token_bytes(16)
        nonce = secrets.token_bytes(12)
        wrapped = AESGCM(_recovery_kek(recovery, salt)).encrypt(
            nonce, key, self_aad(ring, "recovery")
        )
        ring.data["recovery"] = {"salt": _b64(salt), "nonce": _b64(nonce), "wrapped": _b64(wrapped)}
        return ring, key, recovery

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self.data, ensure_ascii=False, indent=1, sort_keys=True)
        write_bytes(self.path, text.encode("utf-8"))

    # --- users ------------------------------------------------------------------------------

    @property
    def office(self) -> dict[str, Any]:
        return dict(self.data.get("office") or {})

    def names(self) -> list[str]:
        return sorted(self.data["users"])

    def has_user(self, name: str) -> bool:
        return normalise_name(name) in self.data["users"]

    def _aad(self, name: str, params: KdfParams) -> bytes:
        return (
            f"griddesk-keyring/v{VERSION}|{self.data['id']}|{name}|argon2id|"
            f"m={params.memory_kib}|t={params.time_cost}|p={params.parallelism}"
        ).encode()

    def set_password(self, name: str, password: str, key: bytes) -> None:
        """(Re)wrap the database key for `name` under `password` (the key must be this keyring's)."""
        name = normalise_name(name)
        check_password(password)
        if not hmac.compare_digest(key_check(key), self.data["key_check"]):
            raise ValueError("not this keyring's database key")
        params = KDF
        salt = secrets.token_bytes(16)
        nonce = secrets.token_bytes(12)
        wrapped = AESGCM(_kek(password, salt, params)).encrypt(nonce, key, self._aad(name, params))
        self.data["users"][name] = {
            "salt": _b64(salt),
            "nonce": _b64(nonce),
            "wrapped": _b64(wrapped),
            "m": params.memory_kib,
            "t": params.time_cost,
            "p": params.parallelism,
        }
        self.data["attempts"].pop(_name_id(self, name), None)

    def unlock(self, name: str, password: str) -> bytes:
        """The database key, for the right name and password; SignInFailed otherwise (after the
        growing delay that earlier failures under this name earned). The attempt is counted."""
        name = normalise_name(name)
        self._wait_for(name)
        entry = self.data["users"].get(name)
        key: bytes | None = None
        if entry is None:
            # the same work as a known name, so the answer's timing says nothing
            _kek(password, secrets.token_bytes(16), KDF)
        else:
            params = KdfParams(int(entry["m"]), int(entry["t"]), int(entry["p"]))
            try:
                key = AESGCM(_kek(password, _unb64(entry["salt"]), params)).decrypt(
                    _unb64(entry["nonce"]), _unb64(entry["wrapped"]), self._aad(name, params)
                )
            except (InvalidTag, ValueError, KeyError):
                key = None
        if key is None or not hmac.compare_digest(key_check(key), self.data["key_check"]):
            self.count_failure(name)
            raise SignInFailed()
        if self.data["attempts"].pop(_name_id(self, name), None) is not None:
            self.save()
        return key

    def recover(self, recovery_text: str) -> bytes:
        """The database key, from the recovery key printed at set-up."""
        raw = parse_recovery_key(recovery_text)
        entry = self.data["recovery"]
        try:
            key = AESGCM(_recovery_kek(raw, _unb64(entry["salt"]))).decrypt(
                _unb64(entry["nonce"]), _unb64(entry["wrapped"]), self_aad(self, "recovery")
            )
        except (InvalidTag, ValueError, KeyError):
            raise RecoveryFailed() from None
        if not hmac.compare_digest(key_check(key), self.data["key_check"]):
            raise RecoveryFailed()
        return key

    # --- failed attempts --------------------------------------------------------------------

    def _wait_for(self, name: str) -> None:
        failures = int(self.data["attempts"].get(_name_id(self, name), {}).get("failures", 0))
        if failures >= FREE_FAILURES:
            sleep(delay_after(failures))

    def count_failure(self, name: str) -> None:
        ident = _name_id(self, name)
        entry = self.data["attempts"].setdefault(ident, {"failures": 0})
        entry["failures"] = int(entry["failures"]) + 1
        # for the audit trail at the next sign-in: when, and the name as typed (a name, never
        # the password)
        self.data["failed"].append(
            {"at": datetime.now(UTC).isoformat(timespec="seconds"), "name": name[:60]}
        )
        del self.data["failed"][:-200]
        with contextlib.suppress(OSError):  # read-only: the delay cannot grow, the answer holds
            self.save()

    def take_failures(self) -> list[dict[str, str]]:
        """The failed attempts not yet in the audit trail (the caller saves after recording)."""
        failed = list(self.data.get("failed", []))
        self.data["failed"] = []
        return failed


def delay_after(failures: int) -> float:
    """Seconds to wait before answering the attempt after `failures` failed ones."""
    if failures < FREE_FAILURES:
        return 0.0
    return min(MAX_DELAY_S, 2.0 ** (failures - FREE_FAILURES))


def _name_id(ring: Keyring, name: str) -> str:
    # attempts are counted under a keyed hash of the name: the file does not list who was tried
    return hmac.new(ring.data["id"].encode(), name.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def self_aad(ring: Keyring, what: str) -> bytes:
    return f"griddesk-keyring/v{VERSION}|{ring.data['id']}|{what}".encode()
