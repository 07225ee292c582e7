"""The window on a real X server (Xvfb, the xcb platform), as a clerk meets it: the paths that
offscreen tests alone did not catch (a native crash after 保存 in a modal dialog).

Needs Xvfb (`.ci/run` installs it and sets GRIDDESK_REQUIRE_XVFB=1, so a missing one fails CI
instead of skipping).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import INIT, PASSWORD, ROOT, USER, griddesk

SCENARIOS = Path(__file__).with_name("window_scenarios.py")


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    """A fresh X server at 1366×768 (a common office laptop); its display name."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        if os.environ.get("GRIDDESK_REQUIRE_XVFB") == "1":
            pytest.fail("Xvfb is required here (GRIDDESK_REQUIRE_XVFB=1) but not installed")
        pytest.skip("Xvfb is not installed (apt-get install xvfb)")
    read, write = os.pipe()
    proc = subprocess.Popen(
        [xvfb, "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    try:
        assert number, "Xvfb did not say which display it took"
        yield f":{number}"
    finally:
        proc.terminate()
        proc.wait(10)


def _run(
    display: str,
    home: Path,
    *args: str,
    timeout: int = 150,
    env: dict[str, str] | None = None,
    signed: bool = True,
) -> subprocess.CompletedProcess[str]:
    extra = env or {}
    env = {k: v for k, v in os.environ.items() if not k.startswith("GRIDDESK_")}
    if signed:  # the office's administrator, as a script starts the window: no sign-in dialog
        env.update(GRIDDESK_USER=USER, GRIDDESK_PASSWORD=PASSWORD)
    env.update(extra)
    env.update(
        DISPLAY=display,
        QT_QPA_PLATFORM="xcb",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_STATE_HOME=str(home / "state"),
    )
    return subprocess.run(
        [sys.executable, "-X", "faulthandler", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    home = tmp_path_factory.mktemp("home")
    data = home / "office"
    assert griddesk(home, data, *INIT).code == 0
    demo = griddesk(home, data, "demo", "--residents", "600")
    assert demo.code == 0, demo.err
    return home, data


def scenario(display: str, demo_folder: tuple[Path, Path], name: str, *extra: str) -> str:
    home, data = demo_folder
    done = _run(display, home, str(SCENARIOS), name, "--data-dir", str(data), *extra)
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stdout}\n{done.stderr[-4000:]}"
    assert done.stdout.strip().endswith("ok"), done.stdout
    return done.stdout


def test_saving_members_through_the_modal_form_in_a_real_window(display, demo_folder) -> None:
    out = scenario(display, demo_folder, "save-member")
    assert "members" in out


def test_every_page_fits_a_1366x768_laptop(display, demo_folder) -> None:
    """Maximised on the small screen, no page asks for more height than it has; in large-font
    mode too."""
    out = scenario(display, demo_folder, "walk")
    assert out.count("page asks") == 11  # every area of the administrator, 审计 included
    home, data = demo_folder
    large = home / "large-font"  # its own settings: the others stay at the normal size
    done = _run(display, large, str(SCENARIOS), "walk", "--data-dir", str(data),
                env={"SCENARIO_LARGE_FONT": "1"})  # fmt: skip
    assert done.returncode == 0 and done.stdout.strip().endswith("ok"), done.stdout + done.stderr


@pytest.fixture(scope="module")
def gridless_folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A community whose households are in no grid yet (three warnings under the preview)."""
    import xlsxwriter

    home = tmp_path_factory.mktemp("gridless")
    data = home / "office"
    roster = home / "roster.xlsx"
    book = xlsxwriter.Workbook(str(roster))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["姓名", "住址", "与户主关系"])
    for row, (name, where, relation) in enumerate(
        [("张秀兰", "3栋2单元502", "户主"), ("李明", "3栋2单元502", "配偶"),
         ("王芳", "3栋2单元601", "户主"), ("赵强", "5栋1单元101", "户主")], start=1
    ):  # fmt: skip
        sheet.write_row(row, 0, [name, where, relation])
    book.close()
    assert griddesk(home, data, *INIT).code == 0
    imported = griddesk(home, data, "import", "residents", str(roster))
    assert imported.code == 0, imported.err
    return home, data


def test_the_notice_preview_opens_and_answers_with_three_warnings(display, gridless_folder) -> None:
    out = scenario(display, gridless_folder, "notice-preview")
    assert "warnings 3" in out


def test_signing_in_the_lock_and_switching_to_a_viewer(display, demo_folder) -> None:
    """Started by hand: the sign-in dialog refuses a wrong password and takes the right one;
    设置 → 用户 lists the users; the lock hides the pages; a viewer who takes over sees 首页 and
    报表 only."""
    from tests.e2e.conftest import griddesk_process

    home, data = demo_folder
    added = griddesk_process(
        home, data, "users", "add", "--name", "viewer-e2e", "--role", "viewer",
        env={"GRIDDESK_NEW_PASSWORD": "Viewer-e2e-2026"},
    )  # fmt: skip
    assert added.code == 0 or "viewer-e2e" in added.err, added.err
    done = _run(display, home, str(SCENARIOS), "users-and-lock", "--data-dir", str(data),
                signed=False, env={"SCENARIO_ADMIN": f"{USER}:{PASSWORD}",
                                   "SCENARIO_VIEWER": "viewer-e2e:Viewer-e2e-2026"})  # fmt: skip
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stdout}\n{done.stderr[-4000:]}"
    assert "refused: 登录失败" in done.stdout and "viewer sees ['首页', '报表']" in done.stdout


def test_the_first_run_makes_the_administrator_and_shows_the_recovery_key(
    display, tmp_path
) -> None:
    done = _run(display, tmp_path, str(SCENARIOS), "first-run", "--data-dir",
                str(tmp_path / "new"), signed=False)  # fmt: skip
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stdout}\n{done.stderr[-4000:]}"
    assert "signed in as zhangsan" in done.stdout
