"""诉求: residents' requests and complaints — logged, assigned, done on time, called back — with
the work-order slips and their scanning back, the needs list, the accountability figures, and the
follow-up visits of the people who need them.

`page.RequestsPage` is the page; `dialogs` its request dialogs (登记诉求 and each step);
`visits.VisitsTab` the 随访 tab; `panels` the needs list and the figures; `section` the 首页's
line; `agenda` the meeting editor's overdue requests.
"""
