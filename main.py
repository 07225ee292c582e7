"""GridDesk (社区应急工作台): start-up. With no command the window opens; with one, it runs headless.

python main.py [--data-dir DIR] [--lang zh|en] [--demo] [COMMAND ...]
"""

import sys

if sys.version_info < (3, 11):  # noqa: UP036 - the one check that must run on old Pythons too
    sys.stderr.write("GridDesk needs Python 3.11 or newer / GridDesk 需要 Python 3.11 或更高版本\n")
    sys.exit(1)


def main() -> int:
    from app.cli import run

    return run()


if __name__ == "__main__":
    sys.exit(main())
