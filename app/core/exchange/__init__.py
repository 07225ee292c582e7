"""The hand-over between a community and its street office (docs/exchange-format.md): packages
written (`packages.export_package`) and imported (`importing.import_package`, after `header`
checks what the package says of itself), receipts (`receipts.write_receipts`,
`receipts.import_receipt`), the file's layout, encryption and signature (`package_file`), its
records read in bounded steps (`payload`) and checked column by column (`rules`), enrolment of the
other office's key (`enrolment.enroll`), what was sent and received (`history`), and return
packages to the communities (`returns`)."""
