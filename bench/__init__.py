"""Benchmarks of the product, run as scripts (`python -m bench.<name>`), never by the product.

Nothing in the product apps imports this package; it may import any of them.
"""
