"""How the end-to-end tests run GridDesk's commands: one harness for every module.

- `griddesk(home, data, *args, lang=None)` runs a command in this process, as `main.py` would run
  it (`app.cli.run(argv)`), with the environment a process would get (HOME and the XDG folders in
  `home`, no GRIDDESK_DATA_DIR, a console that says ASCII), stdin empty, stdout and stderr
  captured, every database engine the command opened disposed afterwards (as the end of a
  process closes them), the log handlers it set up removed. A command's own behaviour — what it
  prints, its exit code, what it changes — is the same as in a process, at a fraction of the cost
  (a process spends about a second starting Python and importing SQLAlchemy).
- `griddesk_process(…)` runs `python main.py …` as a real process: for what only a process shows
  (its encoding of stdout, exit codes after a crash, signals, SIGKILL at random moments, a
  terminal, a closed pipe, two processes at once). Each command area keeps a few of these.
- `start(home, data, *args)` starts one without waiting (for the tests that kill it).
- `CommandServer(home, data)`: a process with the program's modules imported that runs the
  commands it is sent (two started at the same moment; one killed part way through its work).
- `refused(run, code=1)`: the command was refused with one clear line and no traceback.
- `home`: a module's sandbox for what the processes keep outside --data-dir.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import logging
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
MAIN = ROOT / "main.py"
STREET, COMMUNITY = "420106001", "420106001001"
NAME = "幸福里社区"
INIT = ["init", "--role", "community", "--code", COMMUNITY, "--name", NAME, "--parent-code", STREET]
CJK = re.compile(r"[\u4e00-\u9fff]")  # Chinese in a message
TIMEOUT = 180  # seconds a real process may take before the test fails
# the administrator `init` makes and every command signs in as (as a script would set them)
USER, PASSWORD = "e2e-admin", "E2e-password-2026"


@dataclass
class Run:
    """What a command did: its exit code and what it printed."""

    code: int
    out: str
    err: str
    raw_out: bytes = b""

    @property
    def last_word(self) -> str:
        return self.out.strip().splitlines()[-1].split()[-1]

    def json(self) -> Any:
        assert self.code == 0, (self.code, self.out, self.err)
        return json.loads(self.out)


def env_for(home: Path) -> dict[str, str]:
    """The environment of a command run by a script: this one, less the variables that would
    point it elsewhere, with HOME and the XDG folders in `home` (never the user's own), and a
    console that says ASCII (the program must set UTF-8 itself, as a Windows console is not)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("GRIDDESK_DATA_DIR", "GRIDDESK_DATABASE_URL")
    }
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_CONFIG_HOME=str(home / "config"),
        PYTHONIOENCODING="ascii",
        GRIDDESK_USER=USER,
        GRIDDESK_PASSWORD=PASSWORD,
    )
    return env


def argv(data: Path | None, *args: str, lang: str | None = None) -> list[str]:
    words = [] if data is None else ["--data-dir", str(data)]
    if lang:
        words += ["--lang", lang]
    return words + list(args)


def griddesk(home: Path, data: Path | None, *args: str, lang: str | None = None) -> Run:
    """`main.py [--data-dir DATA] [--lang LANG] ARGS…` run in this process."""
    return _in_process(home, argv(data, *args, lang=lang))


def griddesk_process(
    home: Path,
    data: Path | None,
    *args: str,
    lang: str | None = None,
    env: dict[str, str] | None = None,
) -> Run:
    """`python main.py [--data-dir DATA] [--lang LANG] ARGS…` run as a process, as a script runs
    it (no terminal on stdin); `env` adds to (or overrides) `env_for(home)`."""
    proc = subprocess.run(
        [sys.executable, str(MAIN), *argv(data, *args, lang=lang)],
        cwd=ROOT,
        env={**env_for(home), **(env or {})},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=TIMEOUT,
    )
    return Run(
        proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"), proc.stdout
    )


def start(home: Path, data: Path, *args: str, **popen: Any) -> subprocess.Popen[bytes]:
    """`python main.py --data-dir DATA ARGS…` started as a process and not waited for (its
    output thrown away unless `popen` says otherwise)."""
    popen.setdefault("stdout", subprocess.DEVNULL)
    popen.setdefault("stderr", subprocess.DEVNULL)
    popen.setdefault("stdin", subprocess.DEVNULL)
    return subprocess.Popen(
        [sys.executable, str(MAIN), *argv(data, *args)], cwd=ROOT, env=env_for(home), **popen
    )


class CommandServer:
    """tests/e2e/command_server.py on data folder `data`: a process, its modules imported, that
    runs each command it is sent as `main.py` would and answers; for starting a command at a
    chosen moment (two at once, or one to be killed part way), not a second of start-up later."""

    def __init__(self, home: Path, data: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "tests" / "e2e" / "command_server.py"), str(home),
             str(data)],
            cwd=ROOT, env=env_for(home), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            text=True, encoding="utf-8",
        )  # fmt: skip
        assert self.process.stdout is not None and self.process.stdout.readline() == "ready\n"

    def send(self, *args: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(list(args)) + "\n")
        self.process.stdin.flush()

    def answer(self) -> Run:
        assert self.process.stdout is not None
        done = json.loads(self.process.stdout.readline())
        return Run(done["code"], done["out"], done["err"])

    def kill(self) -> None:
        self.process.kill()  # SIGKILL
        self.process.wait(60)

    def close(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            self.process.wait(60)


def refused(run: Run, code: int = 1) -> str:
    """The command ended with `code` and said why in one clear line on stderr: no traceback, not
    an internal error (a known condition, not a bug). The line."""
    assert run.code == code, (run.code, run.out, run.err)
    assert "Traceback" not in run.out + run.err
    lines = run.err.strip().splitlines()
    assert len(lines) == 1, run.err
    assert "内部错误" not in lines[0] and "Internal error" not in lines[0]
    return lines[0]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def db_key(data: Path) -> bytes | None:
    """The database key of the office in `data`, as the administrator's password unlocks it (None:
    an office without users, its file plain)."""
    from app.core.trust.keyring import Keyring

    return (
        Keyring.load(data / "keys").unlock(USER, PASSWORD)
        if Keyring.exists(data / "keys")
        else None
    )


def connect(data: Path, file: Path | None = None) -> Any:
    """A DB-API connection to the office's database in `data` (or another `file` of the office:
    a backup), unlocked as a test reads it: with the database key."""
    from app.db import driver

    return driver.connect(file or data / "griddesk.sqlite3", key=db_key(data))


def count(db: Path, sql: str) -> int:
    """The one number `sql` reads from the office's database file `db`."""
    conn = connect(db.parent)
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


def addresses(data: Path) -> tuple[list[str], str]:
    """The address codes of the households with residents in building 1, and one elsewhere."""
    conn = connect(data)
    try:
        rows = conn.execute(
            "SELECT h.address_code, b.number FROM household h JOIN building b"
            " ON b.id = h.building_id WHERE EXISTS (SELECT 1 FROM resident r"
            " WHERE r.household_id = h.id AND r.status = 'active') ORDER BY h.id"
        ).fetchall()
    finally:
        conn.close()
    return [a for a, b in rows if b == "1"], next(a for a, b in rows if b != "1")


def fingerprint_of(key_file: Path) -> str:
    """The fingerprint the other office's screen shows for its key file (as staff read it)."""
    return str(json.loads(key_file.read_text(encoding="utf-8"))["fingerprint"])


def enroll(home: Path, data: Path, key_file: Path, *more: str, lang: str | None = None) -> Run:
    """`keys enroll` with the fingerprint typed as the other office's screen shows it."""
    return griddesk(
        home, data, "keys", "enroll", str(key_file), "--fingerprint", fingerprint_of(key_file),
        *more, lang=lang,
    )  # fmt: skip


# --- in this process ---------------------------------------------------------------------------


class _Console(io.TextIOWrapper):
    """A console's stream: says ASCII until the program switches it to UTF-8, has no terminal."""

    def __init__(self) -> None:
        super().__init__(io.BytesIO(), encoding="ascii", write_through=True)

    def isatty(self) -> bool:
        return False

    def data(self) -> bytes:
        self.flush()
        buffer = self.buffer
        assert isinstance(buffer, io.BytesIO)
        return buffer.getvalue()


@contextlib.contextmanager
def _as_a_process(home: Path) -> Iterator[tuple[_Console, _Console]]:
    """The process-wide state a command sees and changes, set as a fresh process has it and put
    back afterwards: environment, working folder, standard streams, engines, logging."""
    import app.db.engine as engine_module
    from app import logsetup
    from app.db import driver

    environ = dict(os.environ)
    folder = os.getcwd()
    streams = sys.stdin, sys.stdout, sys.stderr
    root = logging.getLogger()
    level, raise_exceptions = root.level, logging.raiseExceptions
    engines: list[Any] = []
    create_engine = engine_module.create_engine

    def recorded(*args: Any, **kwargs: Any) -> Any:
        engine = create_engine(*args, **kwargs)
        engines.append(engine)
        return engine

    class _NoFaultHandler:  # the test run's own faulthandler stays where pytest pointed it
        @staticmethod
        def enable(*_args: Any, **_kwargs: Any) -> None:
            pass

    out, err = _Console(), _Console()
    os.environ.clear()
    os.environ.update(env_for(home))
    os.chdir(ROOT)
    sys.stdin, sys.stdout, sys.stderr = io.StringIO(""), out, err
    engine_module.create_engine = recorded  # type: ignore[assignment]
    fault_module = logsetup.faulthandler
    logsetup.faulthandler = _NoFaultHandler  # type: ignore[assignment]
    try:
        yield out, err
    finally:
        logsetup.faulthandler = fault_module
        engine_module.create_engine = create_engine
        for engine in engines:  # as the end of the process would close them
            engine.dispose()
        driver._KEYS.clear()  # and forget the keys it unlocked
        for handler in list(root.handlers):
            if getattr(handler, "_griddesk", False):
                root.removeHandler(handler)
                handler.close()
        if logsetup._fault_file is not None:
            logsetup._fault_file.close()
            logsetup._fault_file = None
        root.setLevel(level)
        logging.raiseExceptions = raise_exceptions
        sys.stdin, sys.stdout, sys.stderr = streams
        os.chdir(folder)
        os.environ.clear()
        os.environ.update(environ)


def _in_process(home: Path, words: list[str]) -> Run:
    from app.cli import run

    with _as_a_process(home) as (out, err):
        try:
            code = run(words)
        except SystemExit as exc:  # argparse: usage (2), --version (0)
            if isinstance(exc.code, str):
                print(exc.code, file=sys.stderr)
            code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
        raw_out, raw_err = out.data(), err.data()
    return Run(code, raw_out.decode("utf-8"), raw_err.decode("utf-8"), raw_out)


# --- fixtures ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the commands keep what is not in --data-dir (fallback logs): never the user's home."""
    return tmp_path_factory.mktemp("home")
