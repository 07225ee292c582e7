"""通知打印: notice templates, their editor, what to print for, paper and layout, and the live
preview of the first sheet.

`page.PrintingPage` holds the templates and the run; `editor.TemplateEditor` is the template being
edited, `options` the choices of a run (the values filled in, whom to print for, the paper),
`preview.NoticePreview` the first sheet, and `field_names` a notice's fields in the window's words.
"""
