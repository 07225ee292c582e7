# ruff: noqa: B018  (each line names an attribute; that is the whole point)
"""Names vulture reports as unused that are used where it cannot see: by Qt, SQLAlchemy, Alembic,
pytest, ReportLab or expat, or on purpose. Each group says why; anything else vulture reports is
dead code to remove. Read by vulture only (`uv run vulture`, configured in pyproject.toml).

Each line is an attribute of `_`, which is all vulture needs to count the name as used."""

from typing import Any

_: Any = None

# Qt calls these overrides itself (QWidget, QWizardPage)
_.paintEvent
_.isComplete
_.validatePage

# pages are built from "module:Class" strings when first visited (app/ui/main_window.py)
_.StreetReportsPage
_.StreetDirectivesPage

# widgets kept by name: a modeless dialog lives as long as the page holds it; toolbar actions are
# named for the keyboard shortcuts and the tests that press them
_.enrol_dialog
_.code_dialog
_.add_duty_action
_.import_action
_.cards_action
_.open_action
_.new_action
_.issue_action
_.adjust_action
_.needs_action
_.slips_action

# a table model's columns are numbered in one tuple, COL_A, COL_B, … = range(n), whether or not
# each is named elsewhere
_.COL_BUILDINGS
_.COL_OUT

# the window's vocabulary, translated through the .ts file (QT_TRANSLATE_NOOP)
_.UNKNOWN
_.ALL

# SQLAlchemy: columns written through the ORM and read by SQL or by the other office; event
# listeners registered by their decorator; indexes that attach themselves to their table
_.issued_by
_.opened_by
_.previous_round_fen
_.paid_at
_.decided_at
_.transfer_uuid
_.planned_by
_.as_of
_._on_begin
_._on_connect
_._do_connect
_.isolation_level
_.RESIDENT_NAME_INDEX
_.RESIDENT_LIVE_INDEX
# the supply categories offered; app/ui/labels.py SUPPLY_CATEGORIES translates the same list
_.ITEM_CATEGORIES

# Alembic reads a revision's module-level names and calls its functions
_.revision
_.down_revision
_.branch_labels
_.depends_on
_.upgrade
_.downgrade

# ReportLab reads a flowable's and a chart's attributes when it draws
_.afterFlowable
_.boxAnchor
_.dx
_.dy
_.reverseDirection
_.categoryNames
_.fontName
_.valueMin
_.valueMax
_.visibleGrid
_.gridStrokeColor
_.fillColor
_.strokeColor
_.barLabelFormat

# expat calls the handlers set on a parser, and reads its options
_.StartElementHandler
_.EndElementHandler
_.CharacterDataHandler
_.StartDoctypeDeclHandler
_.EntityDeclHandler
_.buffer_text

# logging reads it
_.raiseExceptions

# the command line's exit codes are named together; argparse itself exits with 2
_.EXIT_USAGE
# the standard library's sqlite3 errors carry it; app.db.driver.WrongKey has it as they do
_.sqlite_errorname

# pytest: module marks, autouse fixtures, fixtures asked for by a name made at run time
# (request.getfixturevalue); io calls a file object's writable()
_.pytestmark
_._no_keys_left
_._collect_garbage_on_the_gui_thread
_.exchange_offices_on_sqlite
_.exchange_offices_on_postgresql
_.writable

# the record's columns, written by the operations and kept for the record (shown in its history,
# carried in packages), not read back by name
_.done_by
_.callback_at
_.callback_note
_.reopen_reason
_.created_by
_.user_id
# pytest's autouse fixture: cheap argon2id for the tests' passwords
_._quick_passwords
