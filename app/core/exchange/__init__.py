"""The hand-over between a community and its street office (docs/exchange-format.md): packages
written and read (`packages.export_package`, `packages.import_package`, receipts), the file's
layout, encryption and signature (`package_file`), its records read in bounded steps (`payload`)
and checked column by column (`rules`), enrolment of the other office's key (`enrolment.enroll`),
what was sent and received (`history`), and return packages to the communities (`returns`)."""
