"""`rp_tahun` facts: one per Tabel 6.1 row per year with Rp, and its change from the year before.

No built-in rule reads them; they are there for local rule packs (`--rules DIR`), e.g. a
kabupaten's ceiling on a sub kegiatan's yearly growth (samples/rules-kabupaten/).
"""
from __future__ import annotations

from ..exact import growth_half_up
from . import clip, fact

KIND = "rp_tahun"


def build(plan, ctx) -> list[dict]:
    years = list(plan.dokumen.periode.years)
    table = plan.rencana_program.tabel
    facts = []
    for info in ctx.rows:
        row = info.row
        kode, nama = clip(info.code.canonical) if info.code else None, clip(row.nama)
        previous = None
        for year in years:
            rp = row.anggaran.get(year)
            if rp is None:
                previous = None
                continue
            growth = growth_half_up(rp, previous) if previous else None
            facts.append(fact(KIND, f"{row.pointer}/anggaran/{year}", table, info.label, year, rp, None, {
                "level": info.level, "kode": kode, "nama": nama, "rp_sebelumnya": previous, "kenaikan_persen": growth,
            }))
            previous = rp
    return facts
