"""Benchmarks that print figures (not timed tests): `python -m bench speed` and `python -m bench load`."""
