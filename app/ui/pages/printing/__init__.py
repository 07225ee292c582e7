"""通知打印: notice templates, their editor, what to print for, paper and layout, and the live
preview of the first sheet — the page is `page.PrintingPage`.
"""
