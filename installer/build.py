"""Build GridDesk for release: the PyInstaller folder, the user guide printed into it, its size
against the budget, a smoke test of the frozen program (installer/smoke.py), and on Windows the
installer.

    uv run --locked --group release python installer/build.py

PyInstaller is a build tool, not a dependency of the app: it is in the `release` dependency group
(pinned in uv.lock). The result is dist/GridDesk/ (and on Windows, with Inno Setup 6.3+
installed, dist/GridDesk-VERSION-setup.exe). The same spec builds on Windows and on Linux (CI
builds and smoke-tests it there). Every step stops the build with a non-zero exit if it fails.
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import smoke  # installer/smoke.py (this script's folder is on sys.path)

ROOT = Path(__file__).resolve().parent.parent
INSTALLER = ROOT / "installer"
SPEC = INSTALLER / "griddesk.spec"
ISS = INSTALLER / "griddesk.iss"
CHANGELOG = ROOT / "CHANGELOG.md"
DIST = ROOT / "dist"
WORK = ROOT / "build"
APP_NAME = "GridDesk"
WINDOWS = sys.platform == "win32"

EXE_SUFFIX = ".exe" if WINDOWS else ""

# The user guide in the bundle, for the installer's Start-menu entry (installer/griddesk.iss
# names these files; tests/test_installer.py checks that the two agree).
GUIDE_FOLDER = "guide"
GUIDES = {"zh": "GridDesk-使用指南.pdf", "en": "GridDesk-guide.pdf"}

# What the one-folder bundle may weigh, in MB. Measured at 0.2.0: 214 MB on Linux, where Qt
# brings ICU (38 MB) and the X11/xcb libraries; Windows uses its own ICU and has no X11, so its
# folder is smaller. Most of it is Qt (Core, Gui, Widgets, PrintSupport, Pdf: PySide6-Essentials
# plus the QtPdf add-on, nothing else), SQLCipher with OpenSSL (21 MB), libpython, cryptography
# (14 MB) and psycopg with libpq (10 MB, for a street office on PostgreSQL). A build over the
# budget fails and lists the biggest parts: look before raising it.
SIZE_BUDGET_MB = {"linux": 230, "win32": 210}


class BuildFailed(Exception):
    pass


def step(title: str) -> None:
    print(f"\n==> {title}", flush=True)


def read_version() -> str:
    """`__version__` from app/__init__.py, read without importing the app."""
    tree = ast.parse((ROOT / "app" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__version__" for t in node.targets
        ):
            return str(ast.literal_eval(node.value))
    raise BuildFailed("app/__init__.py has no __version__")


def run(cmd: list[str | Path], cwd: Path = ROOT) -> None:
    printable = " ".join(str(c) for c in cmd)
    print(f"$ {printable}", flush=True)
    result = subprocess.run([str(c) for c in cmd], cwd=cwd, check=False)
    if result.returncode != 0:
        raise BuildFailed(f"exit {result.returncode}: {printable}")


def check_translations() -> None:
    """The .qm files are built from the .ts and committed (installer/translations.py); the build
    ships them as they are and never rewrites the sources."""
    folder = ROOT / "resources" / "translations"
    missing = [ts.name for ts in sorted(folder.glob("*.ts")) if not ts.with_suffix(".qm").is_file()]
    if missing:
        raise BuildFailed(f"no .qm built for {', '.join(missing)}")
    qms = sorted(p.name for p in folder.glob("*.qm"))
    print(f"translations: {', '.join(qms) if qms else 'none'}")


def run_pyinstaller() -> Path:
    run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level=WARN",
            "--distpath",
            DIST,
            "--workpath",
            WORK,
            SPEC,
        ]
    )
    exe = DIST / APP_NAME / (f"{APP_NAME}.exe" if WINDOWS else APP_NAME)
    if not exe.is_file():
        raise BuildFailed(f"PyInstaller finished but {exe} is missing")
    return exe


def write_guides(folder: Path) -> list[Path]:
    """The user guide as PDFs in the bundle, printed by the frozen program itself (so the font and
    the guide's text are proven to be there); the installer's Start-menu entry opens one."""
    cli = folder / f"griddesk-cli{EXE_SUFFIX}"
    written = []
    for lang, name in GUIDES.items():
        target = folder / GUIDE_FOLDER / name
        target.parent.mkdir(exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="griddesk-guide-") as tmp:
            run([cli, "--data-dir", tmp, "help", "--lang", lang, "--out", target], cwd=Path(tmp))
        if not target.read_bytes().startswith(b"%PDF"):
            raise BuildFailed(f"{target} is not a PDF")
        written.append(target)
    return written


def copy_changelog(folder: Path) -> None:
    """CHANGELOG.md goes into the program folder (installed with it) and beside the installer,
    so that whoever copies the installer to the USB stick has the upgrade notes with it."""
    for target in (folder / CHANGELOG.name, DIST / CHANGELOG.name):
        shutil.copyfile(CHANGELOG, target)


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def check_size(folder: Path) -> float:
    size = folder_size(folder) / 1_000_000
    budget = SIZE_BUDGET_MB.get(sys.platform, max(SIZE_BUDGET_MB.values()))
    print(f"bundle size: {size:.0f} MB (budget {budget} MB on {sys.platform})")
    if size > budget:
        biggest = sorted(
            ((folder_size(p) if p.is_dir() else p.stat().st_size, p.name)
             for p in (folder / "_internal").iterdir() if not p.is_symlink()),
            reverse=True,
        )[:10]  # fmt: skip
        listed = "\n".join(f"  {n / 1_000_000:6.1f} MB  {name}" for n, name in biggest)
        raise BuildFailed(f"the bundle is {size:.0f} MB, over its {budget} MB budget:\n{listed}")
    return size


def find_iscc() -> Path | None:
    found = shutil.which("ISCC") or shutil.which("iscc")
    if found:
        return Path(found)
    for base in ("ProgramFiles(x86)", "ProgramFiles", "LOCALAPPDATA"):
        root = os.environ.get(base)
        if not root:
            continue
        for sub in (r"Inno Setup 6", r"Programs\Inno Setup 6"):
            candidate = Path(root) / sub / "ISCC.exe"
            if candidate.is_file():
                return candidate
    return None


def build_installer(version: str) -> Path:
    iscc = find_iscc()
    if iscc is None:
        raise BuildFailed(
            "Inno Setup (ISCC.exe) not found, so no installer was built: install Inno Setup 6.3+ "
            "(or build the program folder alone with --no-installer)"
        )
    numbers = [int(n) for n in re.findall(r"\d+", version)[:4]]
    numeric = ".".join(str(n) for n in numbers + [0] * (4 - len(numbers)))
    run([iscc, "/Qp", f"/DAppVersion={version}", f"/DAppVersionNumeric={numeric}", ISS])
    setup = DIST / f"{APP_NAME}-{version}-setup.exe"
    if not setup.is_file():
        raise BuildFailed(f"ISCC finished but {setup} is missing")
    return setup


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--no-installer", action="store_true", help="skip Inno Setup even where it is available"
    )
    args = parser.parse_args()
    smoke.utf8_output()  # Chinese paths and arrows in what the build prints
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        print(
            "PyInstaller is not installed here. Run the build as:\n"
            "    uv run --locked --group release python installer/build.py",
            file=sys.stderr,
        )
        return 2

    started = time.perf_counter()
    try:
        version = read_version()
        print(f"GridDesk {version}, Python {sys.version.split()[0]}, {sys.platform}")
        step("Translations")
        check_translations()
        step("PyInstaller")
        exe = run_pyinstaller()
        built = time.perf_counter() - started
        step("User guide (printed by the frozen program)")
        for guide in write_guides(exe.parent):
            print(f"   {guide.relative_to(ROOT)}")
        copy_changelog(exe.parent)
        step("Size")
        size = check_size(exe.parent)
        step("Smoke test of the frozen program")
        if smoke.main([str(exe.parent)]) != 0:
            raise BuildFailed("the smoke test failed (above)")
        setup = None
        if WINDOWS and not args.no_installer:
            step("Installer (Inno Setup)")
            setup = build_installer(version)
    except BuildFailed as exc:
        print(f"\nBUILD FAILED: {exc}", file=sys.stderr)
        return 1
    except subprocess.TimeoutExpired as exc:
        print(f"\nBUILD FAILED: timed out: {exc.cmd}", file=sys.stderr)
        return 1

    print(f"\nBuilt {exe.parent.relative_to(ROOT)} ({size:.0f} MB) in {built:.0f} s", end="")
    if setup is not None:
        print(f" and {setup.relative_to(ROOT)} ({setup.stat().st_size / 1_000_000:.0f} MB)", end="")
    print(f"; {time.perf_counter() - started:.0f} s in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
