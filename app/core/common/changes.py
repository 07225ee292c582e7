"""What an operation changed, as a type (after Anki's `OpChanges`).

An operation that writes says which kinds of record it touched; the window broadcasts that value
once (`AppContext.changed`) and each page refreshes only when a flag it shows is set:

    if changes & (Change.RESIDENTS | Change.HOUSEHOLDS):
        self.reload()

A flag names what a page shows, not which table was written: `DUTY` is the roster of people on
duty and their attendance, `GRIDS` the grids and which buildings and households belong to them.
"""

from __future__ import annotations

import enum


class Change(enum.Flag):
    """A set of kinds of record an operation changed. `Change(0)` (falsy) is nothing."""

    RESIDENTS = enum.auto()  # people: added, edited, deleted, moved between households
    HOUSEHOLDS = enum.auto()  # households: added, split, merged, their addresses and heads
    GRIDS = enum.auto()  # grids, buildings and the households assigned to them
    DUTY = enum.auto()  # the roster of people on duty (grid workers, cadres) and attendance
    SUPPLIES = enum.auto()  # stock, receipts, issues, distribution campaigns and sign-offs
    GROUP_BUY = enum.auto()  # group-purchase rounds, packages and orders
    MEETINGS = enum.auto()  # meetings, minutes and their action items
    NOTICES = enum.auto()  # notice templates
    EXCHANGE = enum.auto()  # packages, receipts and keys exchanged; the last export
    DIRECTIVES = enum.auto()  # notices, tasks and allocations sent by the street office
    OFFICE = enum.auto()  # this office's profile: name, code, phone, address, contact
    SETTINGS = enum.auto()  # the office's settings (such as the street office's late threshold)
    REQUESTS = enum.auto()  # residents' requests and complaints, follow-up plans and visits

    # the registry as a page shows it: a household is its residents
    REGISTRY = RESIDENTS | HOUSEHOLDS


NOTHING = Change(0)
