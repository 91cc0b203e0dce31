"""Writes of the members app: one atomic function per use case."""

from .admission import admission_case_close, admission_case_open, admission_step_record

__all__ = ["admission_case_close", "admission_case_open", "admission_step_record"]
