"""物资: stock and its movements, distribution campaigns with delivery by scan or tick, and the
group-buy tab.

`page.SuppliesPage` is the page and `dialogs` the dialogs it opens; `group_buy.GroupBuyTab` is the
团购 tab and `group_buy_dialogs` its dialogs; `section.SuppliesSection` is the 首页's part.
"""
