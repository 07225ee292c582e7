"""Households and residents (人口台账): the list and one household (`lookup.resident_ids`,
`lookup.household_view`, `lookup.find_resident`), adding, editing, moving and removing residents
(`lookup.add_resident` … `lookup.delete_resident`), households made, split and merged
(`households`), addresses and ID numbers as staff write them (`address`, `idnumber`), the relation
to the head when it changes (`relations`), possible duplicates (`duplicates`), type-ahead search
(`search.search`), and the roster in and out: import (`roster_import.import_roster`, with the
cells and layout in `roster_reading`, the rows checked in `roster_rows`, the plan in `roster_plan`), export
(`roster_export.export_residents`), paper (`roster_print.print_residents`) and the rows an import
refused (`roster_rejected.write_rejected`); one resident's whole ID number and phone on request, with
a reason, audited (`full_values.reveal`). Who sees which households is asked in each of them
(app.core.trust.scope)."""
