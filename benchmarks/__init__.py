"""Benchmarks of telaah (not shipped): a synthetic plan generator, a plain-Python floor of the
budget family and the runner. See benchmarks/README.md."""
