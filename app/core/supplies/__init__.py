"""Supplies: the stock ledger (`ledger.receive`, `ledger.issue`, `ledger.transfer`,
`ledger.stocktake`), distribution campaigns and their deliveries (`ledger.create_campaign`,
`ledger.deliver`), sign-off sheets and pick-up slips (`sign_off`), the unmet needs a street office
sees (`needs.refresh_needs`) and group purchase with published prices (`group_buy.open_round`,
`group_buy.place_order`)."""
