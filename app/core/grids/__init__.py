"""Grids and the people on duty (一网多格, 一格多员): the structure of grids, buildings and households
(`structure.create_grid`, `structure.list_grids`, `structure.buildings_overview`,
`structure.coverage`), moving households between grids (`assignment.assign_buildings`,
`assignment.assign_households`, `assignment.merge_grids`, `assignment.split_grid`), the people on
duty (`duty.add_person`, `duty.list_people`, `duty.contact_sheet`), duties and shifts
(`duty_shifts.create_duty`, `duty_shifts.add_shift`, `duty_shifts.assign_people`,
`duty_shifts.day_board`), check-in and attendance (`duty_checkin.scan`, `duty_checkin.attendance`),
the roster imported from a spreadsheet (`duty_import.import_duty_roster`), a demo roster
(`duty_demo`) and their paper (`paper.print_duty_roster`, `paper.print_contact_sheets`,
`paper.print_worker_list`, `paper.print_duty_cards`)."""
