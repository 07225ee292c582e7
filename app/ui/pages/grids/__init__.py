"""网格: the grid structure, the roster of people on duty, duties and check-in, attendance, the
coverage dashboard and a grid worker's view — one tab each.

`page.GridsPage` holds the tabs: `structure` (网格划分), `roster` (人员名册), `duty` (排班签到),
`attendance` (出勤统计), `coverage` (覆盖情况, with the 首页's `CoverageSection`) and `worker`
(网格员视图). `tab` is what the tabs share; the dialogs a tab opens are in `structure_dialogs`,
`roster_dialogs` and `duty_dialogs`, and what they share in `dialogs`; `coverage_chart` draws
the coverage bars.
"""
