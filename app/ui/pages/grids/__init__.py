"""网格: the grid structure, the roster of people on duty, duties and check-in, attendance, the
coverage dashboard and a grid worker's view — one tab each, held by `page.GridsPage`.

`dialogs` holds the dialogs the tabs open.
"""
