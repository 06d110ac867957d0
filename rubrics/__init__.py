"""Judges: rubric files and small pure functions turning evidence into criterion results. No I/O."""
