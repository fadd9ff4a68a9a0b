"""The fact builders, one module per rule family, run in this order."""
from __future__ import annotations

BUILDERS: list = []
