"""Street-office mode: every enrolled community side by side (`communities.street_overview`), the
aggregated report (`summary.write_street_report`) and the directives sent to communities with
their answers (`directives.add_directive`, `directives.complete_task`)."""
