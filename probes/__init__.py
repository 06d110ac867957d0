"""Gatherers: they visit participants (websites, mailboxes) and store evidence. No scoring."""
