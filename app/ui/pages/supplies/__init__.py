"""物资: stock and its movements, distribution campaigns with delivery by scan or tick, and the
group-buy tab — the page is `page.SuppliesPage`, the group-buy tab `group_buy.GroupBuyTab`.
"""
