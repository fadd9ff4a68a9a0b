"""The fact builders, one module per rule family, run in this order."""
from __future__ import annotations

from . import budget, codes, formulas, kelurahan, rows, targets

BUILDERS: list = [rows.build, budget.build, targets.build, formulas.build, kelurahan.build, codes.build]
