"""Campaigns and sweeps: schedules, send windows, retries and the hand-off to workers."""
