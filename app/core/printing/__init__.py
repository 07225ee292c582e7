"""Paper for households and for the street office: door notices, letters and announcements in
batch from templates (`notices.print_notices`, `notices.preview_pdf`; the templates and their fields
in `notice_templates`, the households chosen in `notice_targets`, the PDF drawn in `notice_pdf`) and
the daily report (`daily_report.write_daily_report`)."""
