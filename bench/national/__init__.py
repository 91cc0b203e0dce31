"""A synthetic national dataset for benchmarks: millions of people over the real units.

Rows are generated in chunks as tab-separated lines and loaded with PostgreSQL's COPY (plain
inserts on SQLite, for the small test), so memory stays bounded whatever the size.
"""
