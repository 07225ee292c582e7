"""Grids and the people on duty (一网多格, 一格多员): the structure of grids, buildings and households
(`structure.create_grid`, `structure.assign_buildings`, `structure.assign_households`, merge and
split), the roster, duties and shifts (`duty.add_person`, `duty.create_duty`, `duty.add_shift`),
the roster imported from a spreadsheet (`duty_import.import_duty_roster`), a demo roster
(`duty_demo`) and their paper (`paper.print_duty_roster`, `paper.print_contact_sheets`,
`paper.print_worker_list`, `paper.print_duty_cards`)."""
