"""What the writer's keys and buttons do to the Markdown text, and the edit session that saves it."""
