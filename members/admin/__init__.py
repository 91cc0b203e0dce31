"""Admin for people, their service and posts, party records, the admission pipeline and
the log of reads."""

from . import admission, audit, party, people

__all__ = ["admission", "audit", "party", "people"]
