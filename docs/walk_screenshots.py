"""Screenshots of every page at 1366×768, in Chinese and in English, of the window as a clerk
meets it — a demo community, and a street office with two communities' packages imported:

    uv run python docs/walk_screenshots.py        # writes docs/screens/{zh,en}/{community,street}-*.png

and the sign-in, 设置 → 用户, the lock screen, a viewer's window, and the first run with its
recovery key (docs/screens/{zh,en}/trust-*.png).

Needs Xvfb (apt-get install xvfb). Each run starts a fresh X server, drives the real program with
tests/e2e/window_scenarios.py `walk` (which also fails if a page does not fit the screen), and
keeps the demo data in a temporary folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screens"
SCENARIOS = ROOT / "tests" / "e2e" / "window_scenarios.py"


def run(*args: str, env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def fingerprint(said: str) -> str:
    """The fingerprint export-public prints (its first line ends with it), spaces removed."""
    return "".join(said.splitlines()[0].rsplit("：", 1)[-1].split())


# the administrator `init` makes; the commands and the street office's window sign in as them
ADMIN, PASSWORD = "admin", "Admin-pass-2026"
VIEWER, VIEWER_PASSWORD = "viewer1", "Viewer-pass-2026"


def office(env: dict[str, str], folder: Path, *init: str) -> None:
    run(str(ROOT / "main.py"), "--data-dir", str(folder), "init", *init, env=env)


def main() -> int:
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        raise SystemExit("needs Xvfb (apt-get install xvfb)")
    work = Path(tempfile.mkdtemp(prefix="griddesk-shots-"))
    read, write = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=(write,),
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        display = f":{pipe.readline().strip()}"
    try:
        plain = {k: v for k, v in os.environ.items() if not k.startswith("GRIDDESK_")}
        plain.update(HOME=str(work / "home"), DISPLAY=display, QT_QPA_PLATFORM="xcb")
        env = {**plain, "GRIDDESK_USER": ADMIN, "GRIDDESK_PASSWORD": PASSWORD}
        main_py = str(ROOT / "main.py")
        # a street office with two communities' packages in it
        street = work / "street"
        office(
            env,
            street,
            "--role",
            "street-office",
            "--code",
            "420106001",
            "--name",
            "水果湖街道办事处",
        )
        prints = {"S": fingerprint(run(main_py, "--data-dir", str(street), "keys", "export-public",
                                       str(work / "S.pub"), env=env))}  # fmt: skip
        for n, name in ((1, "幸福里社区"), (2, "百步亭社区")):
            c = work / f"c{n}"
            office(env, c, "--role", "community", "--code", f"42010600100{n}", "--name", name,
                   "--parent-code", "420106001")  # fmt: skip
            run(main_py, "--data-dir", str(c), "demo", "--residents", "1200", "--seed", str(n),
                env=env)  # fmt: skip
            prints[f"c{n}"] = fingerprint(run(main_py, "--data-dir", str(c), "keys",
                                              "export-public", str(work / f"c{n}.pub"), env=env))  # fmt: skip
            for where, key in ((street, f"c{n}"), (c, "S")):
                run(main_py, "--data-dir", str(where), "keys", "enroll", str(work / f"{key}.pub"),
                    "--fingerprint", prints[key], env=env)  # fmt: skip
            stick = work / f"usb{n}"
            stick.mkdir()
            package = run(main_py, "--data-dir", str(c), "exchange", "export", "--out", str(stick),
                          env=env).split()[-1]  # fmt: skip
            run(main_py, "--data-dir", str(street), "exchange", "import", package, env=env)
        run(main_py, "--data-dir", str(work / "c1"), "users", "add", "--name", VIEWER, "--role",
            "viewer", env={**env, "GRIDDESK_NEW_PASSWORD": VIEWER_PASSWORD})  # fmt: skip
        for lang in ("zh", "en"):
            # started by hand (no password in the environment): the dialogs of start-up
            for scenario, folder in (("users-and-lock", work / "c1"),
                                     ("first-run", work / f"new-{lang}")):  # fmt: skip
                kind = "trust"
                shots = work / f"shots-{lang}-{scenario}"
                shots.mkdir()
                run(str(SCENARIOS), scenario, "--data-dir", str(folder), "--lang", lang,
                    env={**plain, "SCENARIO_SHOTS": str(shots),
                         "SCENARIO_ADMIN": f"{ADMIN}:{PASSWORD}",
                         "SCENARIO_VIEWER": f"{VIEWER}:{VIEWER_PASSWORD}"})  # fmt: skip
                target = OUT / lang
                target.mkdir(parents=True, exist_ok=True)
                for png in sorted(shots.glob("*.png")):
                    shutil.copyfile(png, target / f"{kind}-{png.name}")
                    print(target / f"{kind}-{png.name}")
            for kind, args in (("community", ["--demo"]), ("street", ["--data-dir", str(street)])):
                shots = work / f"shots-{lang}-{kind}"
                shots.mkdir()
                run(str(SCENARIOS), "walk", *args, "--lang", lang,
                    env={**env, "SCENARIO_SHOTS": str(shots)})  # fmt: skip
                target = OUT / lang
                target.mkdir(parents=True, exist_ok=True)
                for png in sorted(shots.glob("*.png")):
                    shutil.copyfile(png, target / f"{kind}-{png.name}")
                    print(target / f"{kind}-{png.name}")
    finally:
        server.terminate()
        server.wait(10)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
