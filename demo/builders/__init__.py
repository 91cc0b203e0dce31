"""Builders of the demo province: each module makes one kind of demo rows."""
