"""Admin for people, their service and posts, party records and the admission pipeline."""

from . import admission, party, people

__all__ = ["admission", "party", "people"]
