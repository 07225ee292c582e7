"""The Windows installer's script (installer/griddesk.iss) against what the build puts in the bundle.

Inno Setup cannot run here, so its script is read as the compiler would read the parts that
matter: every file a Start-menu entry, the post-install run or the uninstall icon points at must
be one the bundle holds (the spec's executables, the build's printed guide), so a renamed file
cannot slip out of the installer; it installs per user without administrator rights; the data
folder is where the README and the program say and an uninstall never removes it. After a build
(`installer/build.py`, as CI runs it before the tests) the same names are checked in dist/GridDesk.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ISS = ROOT / "installer" / "griddesk.iss"
SPEC = ROOT / "installer" / "griddesk.spec"
BUNDLE = ROOT / "dist" / "GridDesk"

sys.path.insert(0, str(ROOT / "installer"))
import build  # noqa: E402  (installer/build.py: the guide's names and the app's name)


def iss_text() -> str:
    raw = ISS.read_bytes()
    # Inno Setup reads a script without a byte-order mark in the system's code page, which would
    # garble the Chinese shortcut names on an office PC
    assert raw.startswith(b"\xef\xbb\xbf"), "griddesk.iss must stay UTF-8 with a byte-order mark"
    return raw.decode("utf-8-sig")


def sections() -> dict[str, list[str]]:
    """Each [Section]'s entry lines, comments and preprocessor lines left out, with the script's
    own #define constants put in (both branches of an #ifdef are kept: either may be built)."""
    text = iss_text()
    defines = dict(re.findall(r'^#define\s+(\w+)\s+"([^"]*)"', text, re.M))
    found: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith((";", "#")):
            continue
        if m := re.fullmatch(r"\[(\w+)\]", line):
            current = found.setdefault(m.group(1), [])
            continue
        assert current is not None, f"an entry before any section: {line}"
        # the version comes from the build's /DAppVersion=…: left as it is
        current.append(re.sub(r"\{#(\w+)\}", lambda m: defines.get(m.group(1), m[0]), line))
    return found


def params(entry: str) -> dict[str, str]:
    """An entry's `Name: "value"; Other: value` parameters."""
    pairs = re.findall(r'(\w+):\s*("(?:[^"]|"")*"|[^;]*)', entry)
    return {k: v.strip().strip('"') for k, v in pairs}


def setup() -> dict[str, str]:
    return dict(line.split("=", 1) for line in sections()["Setup"])


def spec_executables() -> set[str]:
    """The names the spec gives its EXE(...) targets (with .exe, as on Windows)."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    constants = {
        t.id: node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
        for t in node.targets
        if isinstance(t, ast.Name)
    }
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "EXE":
            (value,) = [k.value for k in node.keywords if k.arg == "name"]
            name = value.value if isinstance(value, ast.Constant) else constants[value.id]
            names.add(f"{name}.exe")
    return names


def bundle_files() -> set[str]:
    """Paths under {app} the build makes: the executables and the printed guides."""
    guides = {f"{build.GUIDE_FOLDER}\\{name}" for name in build.GUIDES.values()}
    return spec_executables() | guides


def app_paths() -> list[str]:
    """Every file under {app} the script points at (not the [Files] source or deletions)."""
    pointed = [setup()["UninstallDisplayIcon"]]
    for section in ("Icons", "Run"):
        pointed += [params(entry)["Filename"] for entry in sections()[section]]
    assert all(p.startswith("{app}\\") for p in pointed), pointed
    return [p.removeprefix("{app}\\") for p in pointed]


def test_every_file_the_installer_points_at_is_one_the_bundle_holds() -> None:
    holds = bundle_files()
    assert {"GridDesk.exe", "griddesk-cli.exe"} <= holds
    missing = [p for p in app_paths() if p not in holds]
    assert not missing, f"griddesk.iss points at files the build does not make: {missing}"


def test_the_installer_takes_the_whole_bundle_folder() -> None:
    (files,) = sections()["Files"]
    entry = params(files)
    assert entry["Source"] == r"..\dist\GridDesk\*"
    assert entry["DestDir"] == "{app}"
    assert {"recursesubdirs", "createallsubdirs"} <= set(entry["Flags"].split())


def test_start_menu_holds_the_program_and_its_guide_in_each_language() -> None:
    icons = [params(e) for e in sections()["Icons"] if e.startswith('Name: "{autoprograms}')]
    targets = {(i["Filename"], i.get("Languages", "")) for i in icons}
    assert ("{app}\\GridDesk.exe", "") in targets
    for lang, name in (("chinesesimplified", build.GUIDES["zh"]), ("english", build.GUIDES["en"])):
        assert (f"{{app}}\\{build.GUIDE_FOLDER}\\{name}", lang) in targets


def test_installs_per_user_without_administrator_rights() -> None:
    options = setup()
    assert options["PrivilegesRequired"] == "lowest"
    # no dialog offering "all users", which would ask for an administrator
    assert "PrivilegesRequiredOverridesAllowed" not in options
    assert options["DefaultDirName"].startswith("{autopf}\\")  # %LOCALAPPDATA%\Programs per user


def test_the_data_folder_is_where_the_readme_says_and_is_never_uninstalled() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert r"%LOCALAPPDATA%\GridDesk" in readme
    dirs = [params(e) for e in sections()["Dirs"]]
    data = [d for d in dirs if d["Name"] == "{localappdata}\\GridDesk"]
    assert data and "uninsneveruninstall" in data[0]["Flags"].split()
    # nothing the installer deletes lies outside the program's own folder
    assert "UninstallDelete" not in sections()
    for entry in sections().get("InstallDelete", []):
        assert params(entry)["Name"].startswith("{app}\\"), entry


def test_the_installers_data_folder_is_the_one_the_program_opens_on_windows(monkeypatch) -> None:
    """The program's default data folder as Windows' platformdirs gives it (asked here with its
    own override for %LOCALAPPDATA%) is the folder the installer makes and keeps."""
    import platformdirs
    from platformdirs.windows import Windows

    from app.core.office import datadir

    local = "C:\\Users\\clerk\\AppData\\Local"
    monkeypatch.setenv("WIN_PD_OVERRIDE_LOCAL_APPDATA", local)
    monkeypatch.delenv(datadir.ENV_VAR, raising=False)
    monkeypatch.setattr(
        platformdirs, "user_data_path", lambda *a, **k: Windows(*a, **k).user_data_path
    )
    opened = str(datadir.DataDir.resolve(None).root)
    assert opened.startswith(local)
    below = re.split(r"[/\\]", opened.removeprefix(local).strip("/\\"))
    made = [params(e)["Name"] for e in sections()["Dirs"]]
    assert "{localappdata}\\" + "\\".join(below) in made


@pytest.mark.skipif(not BUNDLE.is_dir(), reason="no dist/GridDesk: installer/build.py not run")
def test_the_built_bundle_holds_every_file_the_installer_points_at() -> None:
    suffix = ".exe" if sys.platform == "win32" else ""
    missing = [
        p
        for p in app_paths()
        if not (BUNDLE / p.replace("\\", "/").removesuffix(".exe"))
        .with_suffix(suffix if p.endswith(".exe") else Path(p).suffix)
        .is_file()
    ]
    assert not missing, f"dist/GridDesk lacks {missing}"
