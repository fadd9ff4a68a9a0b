"""The fact builders, one module per rule family, run in this order."""
from __future__ import annotations

from . import budget, claims, codes, crosstable, formulas, kelurahan, rows, staff, targets

BUILDERS: list = [rows.build, budget.build, targets.build, formulas.build, kelurahan.build, codes.build,
            crosstable.build, staff.build, claims.build]
