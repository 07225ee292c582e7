"""What the office does, without Qt: one package per feature (common, office, registry, grids,
supplies, meetings, printing, exchange, street), each naming its operations in its docstring.

Transactions
------------
An operation takes a SQLAlchemy `Session` and plain values, and does its work in that session; it
never opens, commits or rolls back a transaction. Whoever calls it opens the session — and with it
the audit note every record changed in it carries:

    with db.session(note="registry: split household") as session:   # a write, one transaction
        made = split_household(session, household_id, members, address, head)
    with db.reading() as session:                                    # a look, nothing committed
        view = household_view(session, household_id)

The window opens it in the work it gives the database worker (`AppContext.run`), a command in its
`cmd_*` function, a test in the test. So several operations can share one transaction, and an
operation is tested on a session the test controls.

Some operations take the `Database` (or the data folder) instead, because one transaction is not
what they are:

* backups, restore and the daily backup (`office.backups`), opening and setting up an office
  (`office.setup`) and the upgrades (`app.db.migrate`): they copy, replace or upgrade the database
  file itself, with no session or with several, and must run outside any transaction;
* the integrity check (`office.health.check_database`): it asks the database what it is (SQLite
  or a server) and runs SQLite's file checks on the connection itself;
* packages, return packages and receipts (`exchange.packages`, `exchange.history`,
  `exchange.returns`): a package is written to a staging file beside the transaction that records
  it and named on the stick only once that committed; a stick of packages is imported one package
  per transaction, so one refused leaves the others imported;
* the roster imports (`registry.roster_import`, `grids.duty_import`): the plan is worked out in a
  read, then applied in a write with progress and Cancel (the residents' import checks under the
  write lock that nobody wrote since); the write's note (`import …`, `roster import …`) is what
  makes the backup before a bulk import (`office.backups.BeforeBulkImport`), so the import opens
  its session itself;
* papers and exports read from the database and then written to a file (`grids.paper`,
  `registry.roster_print`, `registry.roster_export`): they read in a short look of their own and
  make the file after it, so no transaction stays open while a PDF is drawn; the roster export
  streams its rows into the data folder's scratch space (`Database.scratch`).
"""
