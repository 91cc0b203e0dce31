"""Reads of the members app, split by theme; every list and detail takes the acting user."""

from .admission import NextStep, admission_next_step, is_overdue

__all__ = ["NextStep", "admission_next_step", "is_overdue"]
