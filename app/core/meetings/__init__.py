"""Meetings: minutes, their decisions and action items (`minutes.create_meeting`,
`minutes.publish_meeting`, `minutes.amend_meeting`, `minutes.close_action_item`), and minutes on
paper (`paper.print_minutes`)."""
