"""Residents' requests and complaints (诉求) and follow-up visits (走访/随访).

The lifecycle of a request (`requests.log_request`, `assign`, `start`, `finish`, `callback`,
`reopen`, `to_delivery`; `list_requests`, `count_requests`, `request_row`,
`history`) and its words (`vocabulary`: categories, statuses, channels, priorities and their
labels), the deadlines per category and priority kept in 设置 (`deadlines.due_for`,
`deadlines.deadlines`, `deadlines.set_deadline`), the accountability figures for `report
requests`, the 首页 and the daily report (`figures.accountability`, `figures.home_counts`,
`figures.by_category`; the street office counts the requests its packages bring in
app.core.street.communities), the needs list (`needs.needs_list`, `needs.write_needs`), and the
work-order slips scanned back (`slips.write_work_orders`, `slips.record_scanned`). Follow-up
visits: `visits`, `checklist`.
"""
