"""One small operation per user action (see job_actions.py)."""
