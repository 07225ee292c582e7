"""A process that runs GridDesk's commands as they arrive, as tests/e2e/test_writers.py needs:

    python tests/e2e/command_server.py HOME DATA

It says `ready` once the program's modules are imported, then reads one command a line (a JSON list
of arguments), runs it as `main.py --data-dir DATA …` runs it (tests/e2e/conftest.py `griddesk`:
its own engines, closed afterwards) and answers one JSON line: {"code", "out", "err"}. Two of them
given a command at the same moment start it together, not a second of Python's start-up apart.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import app.cli
import app.core.registry.roster_import  # noqa: F401
from tests.e2e.conftest import griddesk


def main() -> int:
    home, data = Path(sys.argv[1]), Path(sys.argv[2])
    print("ready", flush=True)
    for line in sys.stdin:
        run = griddesk(home, data, *json.loads(line))
        print(json.dumps({"code": run.code, "out": run.out, "err": run.err}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
