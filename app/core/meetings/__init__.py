"""Meetings: minutes written, published and amended (`minutes.create_meeting`,
`minutes.publish_meeting`, `minutes.amend_meeting`), the action items that follow them up
(`action_items.close_action_item`, `action_items.list_action_items`, `action_items.todo_counts`),
meetings found and read back (`search.search_meetings`, `search.get_meeting`), files attached to the
minutes (`attachments.add_attachment`), and minutes on paper (`paper.print_minutes`)."""
