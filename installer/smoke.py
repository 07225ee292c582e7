"""The smoke test of the frozen program: what a community office and its street office do on
their first day, run with nothing but the bundle.

    uv run --locked python installer/smoke.py [dist/GridDesk]

installer/build.py runs it after every build. The program runs from a temporary folder with a
clean environment (no virtual environment, PYTHONPATH or project folder to fall back on), as
on an office PC: if the bundle lacks a migration, the font, a translation, the QtPdf plugin,
SQLCipher, argon2 or cryptography's native part, or python-calamine, a step fails here. This
script itself only drives the program and reads what it wrote (the residents' sheet is made with
xlsxwriter, the PDFs read back with pdftotext).

Exit 0 when every step passed; 1 with the failing step's command and output otherwise.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_NAME = "GridDesk"
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""

STREET_CODE, STREET_NAME = "420106001", "冒烟测试街道"
COMMUNITY_CODE, COMMUNITY_NAME = "420106001001", "冒烟测试社区"
RESIDENTS = 3000
USER, PASSWORD = "smoke-admin", "Smoke-password-2026"  # invented; the folders are thrown away
CJK = re.compile(r"[\u4e00-\u9fff]")


class SmokeFailed(Exception):
    pass


def clean_env(home: Path) -> dict[str, str]:
    """The environment of an office PC: the bundle alone, a fresh home, Qt offscreen."""
    venv = os.environ.get("VIRTUAL_ENV")
    path = [
        p
        for p in os.environ.get("PATH", "").split(os.pathsep)
        if p and not (venv and p.startswith(venv)) and ".venv" not in Path(p).parts
    ]
    keep = ("SYSTEMROOT", "WINDIR", "TEMP", "TMP", "LANG", "LC_ALL", "TZ", "USERPROFILE")
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.update(
        PATH=os.pathsep.join(path),
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CACHE_HOME=str(home / "cache"),
        QT_QPA_PLATFORM="offscreen",
        GRIDDESK_USER=USER,
        GRIDDESK_PASSWORD=PASSWORD,
    )
    if sys.platform == "win32":
        # platformdirs asks Windows for the folders and takes only its own overrides: the
        # program's default data folder is then the temporary home, never the builder's own
        local = home / "AppData" / "Local"
        env["WIN_PD_OVERRIDE_LOCAL_APPDATA"] = env["LOCALAPPDATA"] = str(local)
        env["WIN_PD_OVERRIDE_APPDATA"] = env["APPDATA"] = str(home / "AppData" / "Roaming")
    return env


class Bundle:
    """Runs the frozen program's commands; every call is one step of the smoke test."""

    def __init__(self, folder: Path, work: Path) -> None:
        self.exe = folder / f"{APP_NAME}{EXE_SUFFIX}"
        self.cli = folder / f"griddesk-cli{EXE_SUFFIX}"
        self.work = work
        self.env = clean_env(work / "home")
        self.steps: list[tuple[str, float]] = []

    def __call__(self, *args: str | Path, expect: int = 0, exe: Path | None = None) -> str:
        cmd = [str(exe or self.cli), *(str(a) for a in args)]
        shown = " ".join(cmd[1:])
        started = time.perf_counter()
        result = subprocess.run(
            cmd,
            cwd=self.work,  # never the source tree: the program must not find app/ there
            env=self.env,
            capture_output=True,
            stdin=subprocess.DEVNULL,
            timeout=300,
            check=False,
        )
        took = time.perf_counter() - started
        self.steps.append((shown, took))
        out = result.stdout.decode("utf-8", "replace")
        err = result.stderr.decode("utf-8", "replace")
        if result.returncode != expect or "Traceback" in err:
            raise SmokeFailed(
                f"{shown}: exit {result.returncode} (expected {expect})\n"
                f"--- stdout ---\n{out}--- stderr ---\n{err}"
            )
        last = (out.strip().splitlines() or err.strip().splitlines() or [""])[-1]
        print(f"  {took:5.1f} s  {shown[:90]}\n           → {last[:110]}", flush=True)
        return out


def pdf_text(path: Path) -> str:
    if not path.is_file() or not path.read_bytes().startswith(b"%PDF"):
        raise SmokeFailed(f"no PDF at {path}")
    result = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=False
    )
    if result.returncode != 0:
        raise SmokeFailed(f"pdftotext cannot read {path}: {result.stderr.decode(errors='replace')}")
    return result.stdout.decode("utf-8", "replace")


def expect_chinese(path: Path, *words: str) -> None:
    """The PDF's text layer holds these words: the bundled CJK font was embedded and used.
    Without pdftotext (a Windows build PC may lack Poppler) only the embedded font is checked."""
    if not shutil.which("pdftotext"):
        if b"WenQuanYiMicroHei" not in path.read_bytes():
            raise SmokeFailed(f"{path.name}: the bundled CJK font is not embedded")
        return
    text = pdf_text(path)
    missing = [w for w in words if w not in text]
    if missing or not CJK.search(text):
        raise SmokeFailed(f"{path.name}: {missing or 'no Chinese'} not in its text:\n{text[:600]}")


def residents_sheet(path: Path) -> Path:
    """A small roster in the layout the import reads: a new household of three."""
    import xlsxwriter

    from app.core.registry import idnumber

    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("居民")
    ws.write_row(0, 0, ["姓名", "身份证号", "出生日期", "手机", "住址", "与户主关系"])
    ws.write_row(1, 0, ["冒烟甲", idnumber.make("420106", date(1950, 1, 1), 21, "M"), "",
                        "13800001111", "99栋1单元101", "户主"])  # fmt: skip
    ws.write_row(2, 0, ["冒烟乙", idnumber.make("420106", date(1953, 2, 2), 22, "F"), "", "",
                        "99栋1单元101", "配偶"])  # fmt: skip
    ws.write_row(3, 0, ["冒烟丙", "", "2012-03-03", "", "99栋1单元101", "孙子"])
    wb.close()
    return path


# What the bundle must hold, as glob patterns under its folder (Windows and Linux lay Qt out a
# little differently, hence the **): the parts a frozen program fails without only on the day a
# clerk first needs them.
MUST_HOLD = {
    "the migrations": "_internal/app/db/migrations/versions/0001_*.py",
    "the CJK font": "_internal/resources/fonts/wqy-microhei.ttc",
    "the English translation": "_internal/resources/translations/griddesk_en.qm",
    "Qt's Chinese translation": "_internal/**/qtbase_zh_CN.qm",
    "the user guide's text": "_internal/resources/guide/guide.zh.md",
    "the licence notices": "_internal/resources/licenses/SQLCipher.txt",
    "Python's own licence file": "_internal/resources/licenses/Python-as-built.txt",
    "the printed user guide": "guide/GridDesk-使用指南.pdf",
    "the changelog": "CHANGELOG.md",
    "QtPdf": "_internal/**/*Qt6Pdf*",
    "SQLCipher": "_internal/sqlcipher3/_sqlite3*",
}


def check_contents(folder: Path) -> None:
    """Every part the program needs is there, and the standard library's sqlite3 is not (the
    program opens SQLite through SQLCipher only)."""
    missing = [what for what, pattern in MUST_HOLD.items() if not any(folder.glob(pattern))]
    if missing:
        raise SmokeFailed(f"the bundle lacks {', '.join(missing)}")
    migrations = len(list((folder / "_internal/app/db/migrations/versions").glob("0*.py")))
    expected = len(list((ROOT / "app/db/migrations/versions").glob("0*.py")))
    if migrations != expected:
        raise SmokeFailed(f"the bundle holds {migrations} migrations, the source {expected}")
    stray = [
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*sqlite3*")
        if "sqlcipher3" not in p.parts and p.suffix in (".so", ".pyd", ".dll", ".pyc")
    ]
    if stray:
        raise SmokeFailed(f"the standard library's sqlite3 is in the bundle: {stray}")
    print(f"  contents: {', '.join(MUST_HOLD)} present; {migrations} migrations; no stdlib sqlite3")


def stats(run: Bundle, data: Path) -> dict:
    return json.loads(run("--data-dir", data, "stats", "--json"))


def community_day(run: Bundle, version: str) -> None:
    first = run("--version").splitlines()[0].strip()
    if first != f"{APP_NAME} {version}":
        raise SmokeFailed(f"--version printed {first!r}, expected '{APP_NAME} {version}'")
    work = run.work
    c, s = work / "community", work / "street"
    run("--data-dir", c, "stats", "--json", expect=1)  # not set up yet: refused, one line
    run("--data-dir", c, "init", "--role", "community", "--code", COMMUNITY_CODE,
        "--name", COMMUNITY_NAME, "--parent-code", STREET_CODE,
        "--recovery-key-out", work / "recovery-community.txt")  # fmt: skip
    run("--data-dir", s, "init", "--role", "street-office", "--code", STREET_CODE,
        "--name", STREET_NAME, "--recovery-key-out", work / "recovery-street.txt")  # fmt: skip
    if (c / "griddesk.sqlite3").read_bytes()[:16] == b"SQLite format 3\x00":
        raise SmokeFailed("the community's database is plain SQLite: SQLCipher is not in use")
    run("--data-dir", c, "demo", "--residents", str(RESIDENTS))
    run("--data-dir", c, "check")
    before = stats(run, c)
    if before.get("residents") != RESIDENTS:
        raise SmokeFailed(f"stats after the demo: {before.get('residents')} residents")

    sheet = residents_sheet(work / "居民名单.xlsx")
    run("--data-dir", c, "import", "residents", sheet, "--report", work / "import.json")
    report = json.loads((work / "import.json").read_text(encoding="utf-8"))
    after = stats(run, c)
    if report.get("residents_added") != 3 or after["residents"] != RESIDENTS + 3:
        raise SmokeFailed(f"import residents: report {report}, {after['residents']} residents")

    notices = work / "notices.pdf"
    run("--data-dir", c, "print", "notices", "--template", "announcement", "--grid", "G01",
        "--out", notices)  # fmt: skip
    expect_chinese(notices, COMMUNITY_NAME)
    daily = work / "daily.pdf"
    run("--data-dir", c, "report", "daily", "--out", daily)
    expect_chinese(daily, COMMUNITY_NAME)
    guide = work / "guide.pdf"
    run("--data-dir", c, "help", "--out", guide)
    expect_chinese(guide, "GridDesk")

    # the first hand-over: key files swapped and their fingerprints typed back, then a package
    street_pub = run("--lang", "en", "--data-dir", s, "keys", "export-public", work / "street.pub")
    fingerprint = street_pub.split("in person: ")[1].splitlines()[0]
    run("--data-dir", c, "keys", "enroll", work / "street.pub", "--fingerprint", fingerprint)
    community_pub = run("--lang", "en", "--data-dir", c, "keys", "export-public",
                        work / "community.pub")  # fmt: skip
    fingerprint = community_pub.split("in person: ")[1].splitlines()[0]
    run("--data-dir", s, "keys", "enroll", work / "community.pub", "--fingerprint", fingerprint)
    run("--data-dir", c, "exchange", "export", "--out", work / "usb")
    (package,) = (work / "usb").glob("*.gdpkg")  # (its path, printed last, may hold spaces)
    run("--data-dir", s, "exchange", "import", package)
    run("--data-dir", s, "exchange", "import", package, expect=3)  # already imported
    run("--data-dir", s, "check")
    street = stats(run, s)
    if street.get("residents") != RESIDENTS + 3:
        raise SmokeFailed(f"the street office holds {street.get('residents')} residents")

    # the window: signed in from the environment, closed once its first page shows its figures;
    # the community's also shows a PDF in the print preview (QtPdf renders its first page), in
    # English (the bundled translation). On Windows the window's .exe has no console, so what it
    # says is read from the console build of the same program, and GridDesk.exe is held to its
    # exit code alone.
    window = run.cli if sys.platform == "win32" else run.exe
    if window != run.exe:
        run("--data-dir", s, "--exit-after", "ready", exe=run.exe)
    out = run("--data-dir", s, "--exit-after", "shown", exe=window)
    if not re.search(r"^shown \d", out, re.M):
        raise SmokeFailed(f"the window did not report its first paint:\n{out}")
    out = run("--data-dir", s, "--exit-after", "ready", exe=window)
    if not re.search(r"^ready \d", out, re.M):
        raise SmokeFailed(f"the window did not report its first page ready:\n{out}")
    out = run("--data-dir", c, "--lang", "en", "--exit-after", "preview", exe=window)
    if not re.search(r"^preview [1-9]\d* drawn ", out, re.M):
        raise SmokeFailed(f"the print preview showed no page (QtPdf):\n{out}")
    if "preview-title Print preview" not in out:
        raise SmokeFailed(f"the window is not in English with --lang en (translations):\n{out}")


def utf8_output() -> None:
    """Print UTF-8 whatever the console: what the program printed (Chinese paths and messages)
    is shown again, and a console in another code page must not end the run with an encoding
    error (the build calls this too)."""
    sys.stdout.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]
    sys.stderr.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    utf8_output()
    folder = Path(args[0]) if args else ROOT / "dist" / APP_NAME
    if not shutil.which("pdftotext"):
        if sys.platform != "win32":
            print("pdftotext (poppler-utils) is needed to read the PDFs back", file=sys.stderr)
            return 2
        print("pdftotext not found: the PDFs are checked for the embedded font only")
    sys.path.insert(0, str(ROOT))  # for the version and the ID numbers of the test sheet
    from app import __version__

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="griddesk-smoke-") as tmp:
        run = Bundle(folder.resolve(), Path(tmp))
        try:
            check_contents(folder)
            community_day(run, __version__)
        except (SmokeFailed, subprocess.TimeoutExpired) as exc:
            print(f"\nSMOKE TEST FAILED: {exc}", file=sys.stderr)
            return 1
    print(f"smoke test passed: {len(run.steps)} commands in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
