"""Build GridDesk for release: translations, the PyInstaller folder, a smoke test of the frozen
program, and on Windows the installer.

    uv run --with pyinstaller python installer/build.py

PyInstaller is a build tool, not a dependency of the app, hence `--with`. The result is
dist/GridDesk/ (and on Windows, with Inno Setup 6.3+ installed, dist/GridDesk-VERSION-setup.exe).
Every step stops the build with a non-zero exit if it fails.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTALLER = ROOT / "installer"
SPEC = INSTALLER / "griddesk.spec"
ISS = INSTALLER / "griddesk.iss"
DIST = ROOT / "dist"
WORK = ROOT / "build"
APP_NAME = "GridDesk"
WINDOWS = sys.platform == "win32"

# The office the smoke test sets up (a community under a street office; codes as in CLI.md).
SMOKE_CODE = "420106001001"
SMOKE_PARENT = "420106001"
SMOKE_NAME = "冒烟测试社区"
SMOKE_RESIDENTS = 60


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


def run(cmd: list[str | Path]) -> None:
    printable = " ".join(str(c) for c in cmd)
    print(f"$ {printable}", flush=True)
    result = subprocess.run([str(c) for c in cmd], cwd=ROOT, check=False)
    if result.returncode != 0:
        raise BuildFailed(f"exit {result.returncode}: {printable}")


def build_translations() -> None:
    script = INSTALLER / "translations.py"
    if script.is_file():
        run([sys.executable, script])
    else:
        print(f"{script.relative_to(ROOT)} not found; using the .qm files already present")
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


def smoke_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "GRIDDESK_DATA_DIR"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    # nothing from the build environment may leak into the frozen program
    for name in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"):
        env.pop(name, None)
    return env


def frozen(exe: Path, *args: str, expect: int = 0, timeout: float = 180) -> str:
    """Run the frozen program headless; return its stdout, or fail with everything it printed."""
    cmd = [str(exe), *args]
    print(f"$ {' '.join(cmd)}", flush=True)
    result = subprocess.run(
        cmd,
        cwd=tempfile.gettempdir(),  # not the source tree: the program must not find app/ there
        env=smoke_env(),
        capture_output=True,
        stdin=subprocess.DEVNULL,
        timeout=timeout,
        check=False,
    )
    out = result.stdout.decode("utf-8", "replace")
    err = result.stderr.decode("utf-8", "replace")
    if result.returncode != expect:
        raise BuildFailed(
            f"{' '.join(args)}: exit {result.returncode} (expected {expect})\n"
            f"--- stdout ---\n{out}--- stderr ---\n{err}"
        )
    shown = out if expect == 0 else err  # for an expected refusal, show its message
    if shown.strip():
        print("   " + shown.strip().replace("\n", "\n   "))
    return out


def smoke_test(exe: Path, version: str) -> None:
    out = frozen(exe, "--version").strip()
    if out != f"{APP_NAME} {version}":
        raise BuildFailed(f"--version printed {out!r}, expected '{APP_NAME} {version}'")

    with tempfile.TemporaryDirectory(prefix="griddesk-smoke-") as tmp:
        data = str(Path(tmp) / "data")
        frozen(exe, "--data-dir", data, "stats", "--json", expect=1)  # not set up yet: refused
        frozen(
            exe,
            "--data-dir",
            data,
            "init",
            "--role",
            "community",
            "--code",
            SMOKE_CODE,
            "--name",
            SMOKE_NAME,
            "--parent-code",
            SMOKE_PARENT,
        )
        frozen(exe, "--data-dir", data, "demo", "--residents", str(SMOKE_RESIDENTS))
        frozen(exe, "--data-dir", data, "check")
        # the user guide ships as data (resources/guide) and prints with the bundled font
        guide = Path(tmp) / "guide.pdf"
        frozen(exe, "--data-dir", data, "help", "--out", str(guide))
        if not guide.is_file() or not guide.read_bytes().startswith(b"%PDF"):
            raise BuildFailed(f"help --out did not write the guide's PDF to {guide}")
        stats = json.loads(frozen(exe, "--data-dir", data, "stats", "--json"))
        office = stats.get("office", {})
        if office.get("code") != SMOKE_CODE or office.get("name") != SMOKE_NAME:
            raise BuildFailed(f"stats --json shows the wrong office: {office}")
        for key in ("households", "residents", "grids", "buildings"):
            if not isinstance(stats.get(key), int) or stats[key] <= 0:
                raise BuildFailed(f"stats --json: {key} = {stats.get(key)!r} after the demo")
        gui_starts(exe, data)


def gui_starts(exe: Path, data: str, seconds: float = 8) -> None:
    """The window opens (offscreen) and is still running after a few seconds."""
    if not (ROOT / "app" / "ui" / "application.py").is_file():
        print("GUI start: skipped, app/ui/application.py does not exist yet")
        return
    cmd = [str(exe), "--data-dir", data]
    print(f"$ {' '.join(cmd)}   (offscreen, stopped after {seconds:.0f} s)", flush=True)
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(
            cmd,
            cwd=tempfile.gettempdir(),
            env=smoke_env(),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            code = proc.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            print("   the window started and kept running")
            return
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    raise BuildFailed(f"the GUI exited within {seconds:.0f} s (exit {code}):\n{output}")


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


def build_installer(version: str) -> Path | None:
    iscc = find_iscc()
    if iscc is None:
        print(
            "Inno Setup (ISCC.exe) not found; no installer built. Install Inno Setup 6.3+ for it."
        )
        return None
    numbers = [int(n) for n in re.findall(r"\d+", version)[:4]]
    numeric = ".".join(str(n) for n in numbers + [0] * (4 - len(numbers)))
    run([iscc, "/Qp", f"/DAppVersion={version}", f"/DAppVersionNumeric={numeric}", ISS])
    setup = DIST / f"{APP_NAME}-{version}-setup.exe"
    if not setup.is_file():
        raise BuildFailed(f"ISCC finished but {setup} is missing")
    return setup


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--no-installer", action="store_true", help="skip Inno Setup even where it is available"
    )
    args = parser.parse_args()
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        print(
            "PyInstaller is not installed here. Run the build as:\n"
            "    uv run --with pyinstaller python installer/build.py",
            file=sys.stderr,
        )
        return 2

    started = time.perf_counter()
    try:
        version = read_version()
        print(f"GridDesk {version}, Python {sys.version.split()[0]}, {sys.platform}")
        step("Translations")
        build_translations()
        step("PyInstaller")
        exe = run_pyinstaller()
        step("Smoke test of the frozen program")
        smoke_test(exe, version)
        smoke_test(exe.with_name("griddesk-cli" + exe.suffix), version)
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

    size = folder_size(exe.parent) / 1_000_000
    print(f"\nBuilt {exe.parent.relative_to(ROOT)} ({size:.0f} MB)", end="")
    if setup is not None:
        print(f" and {setup.relative_to(ROOT)} ({setup.stat().st_size / 1_000_000:.0f} MB)", end="")
    print(f" in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
