"""Benchmark of the stock indicators against the floor of one hand-written SQL query per case.

Not a test: it times the engine on a large dataset (`python -m bench.generate_national_dataset`)
and checks that the hand-written SQL finds the same numerators and denominators.
Run it with `python -m bench.indicators`.
"""
