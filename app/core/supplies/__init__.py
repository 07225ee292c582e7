"""Supplies: the stock ledger (`ledger.receive`, `ledger.issue`, `ledger.transfer`,
`ledger.stocktake`, `ledger.stock`), distribution campaigns (`campaigns.create_campaign`,
`campaigns.preview_campaign`, `campaigns.list_campaigns`) and their deliveries household by
household (`deliveries.deliver`, `deliveries.undo_delivery`, `deliveries.undelivered`), the needs
list and the unmet needs a street office sees (`needs.needs_list`, `needs.export_needs`,
`needs.refresh_needs`), sign-off sheets and pick-up slips (`sign_off`), and group purchase with
published prices (`group_buy.open_round`, `group_buy.add_package`) and its orders
(`group_buy_orders.place_order`, `group_buy_orders.mark_paid`)."""
