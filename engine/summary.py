"""What the HTML and Markdown reports chart: indicator series (Tabel 2.8) and Rp per program
per year (Tabel 6.1). The shape is documented in engine/reporters/__init__.py."""
from __future__ import annotations

from .model import Plan, iter_rows_6_1


def _number(cell):
    return None if cell is None or cell.missing else cell.nilai


def summarise(plan: Plan) -> dict:
    doc = plan.dokumen
    summary = {
        "document": {
            "perangkat_daerah": doc.perangkat_daerah,
            "pemerintah_daerah": doc.pemerintah_daerah,
            "periode": [doc.periode.awal, doc.periode.akhir],
        },
        "indicators": [],
        "budget": [],
    }
    table = plan.kinerja_pelayanan
    if table is not None:
        for row in table.baris:
            years = list(table.tahun) or sorted(set(row.target) | set(row.realisasi))
            if not row.target and not row.realisasi:
                continue
            summary["indicators"].append({
                "name": row.indikator,
                "table": table.tabel,
                "unit": row.satuan,
                "pointer": row.pointer,
                "years": years,
                "target": [_number(row.target.get(y)) for y in years],
                "realisasi": [_number(row.realisasi.get(y)) for y in years],
            })
    years = list(plan.dokumen.periode.years)
    for level, row, _parent in iter_rows_6_1(plan):
        if level == "program":
            summary["budget"].append({
                "row": row.kode,
                "name": row.nama,
                "pointer": row.pointer,
                "years": years,
                "rp": [row.anggaran.get(y) for y in years],
            })
    return summary
