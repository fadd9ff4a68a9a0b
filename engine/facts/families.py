"""The fact builders, one module per rule family, run in this order."""
from __future__ import annotations

from . import rows

BUILDERS: list = [rows.build]
