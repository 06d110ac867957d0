"""Simulated clerks of the demo world's participants (see clerks.py)."""
