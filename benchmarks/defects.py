"""Defects injected into a generated plan: per rule family, a small function that breaks one
thing and records the rule-code prefix and the pointer of the finding the engine must report.

Each injector takes `count` distinct places (ValueError when the plan has fewer) and changes
nothing else, so that one defect never hides another. Families that need the chapter 2, 4, 5
and 7 tables (FRM, LTB, PEG, SKR) inject nothing into a plan generated without them.
"""
from __future__ import annotations

import random
from decimal import Decimal
from typing import Callable, Iterator

from .generate import KELURAHAN_CODE, KELURAHAN_SUBS, Defect, as_decimal, money

LEVELS = (("sasaran", "program"), ("program", "kegiatan"), ("kegiatan", "sub_kegiatan"))
CENT = Decimal("0.01")


def rows_6_1(data: dict) -> Iterator[tuple[str, str, dict]]:
    """(level, pointer, row) for every Tabel 6.1 row, in document order."""
    stack = [("tujuan", f"/rencana_program/tujuan/{i}", row) for i, row in reversed(list(enumerate(data["rencana_program"]["tujuan"])))]
    children = dict((("tujuan", "sasaran"), *LEVELS))
    while stack:
        level, pointer, row = stack.pop()
        yield level, pointer, row
        below = children.get(level)
        if below:
            stack.extend((below, f"{pointer}/{below}/{i}", child) for i, child in reversed(list(enumerate(row.get(below, [])))))


def _pick(rng: random.Random, candidates: list, count: int, family: str) -> list:
    if len(candidates) < count:
        raise ValueError(f"{family}: {count} defects asked, the plan has room for {len(candidates)}")
    return rng.sample(candidates, count)


def _mandatory(row: dict) -> bool:
    return row["kode"].rsplit(".", 1)[0] == KELURAHAN_CODE and row["kode"].rsplit(".", 1)[1] in KELURAHAN_SUBS


# --------------------------------------------------------------------------- one per family


def budget(data, rng, count) -> list[Defect]:
    """A kegiatan's Rp in one year off by Rp 1 000 (ANG001 there), or a sub kegiatan's
    end-of-period Rp off by Rp 1 000 (ANG002 there)."""
    rows = list(rows_6_1(data))
    kegiatan = [(p, r) for level, p, r in rows if level == "kegiatan"]
    subs = [(p, r) for level, p, r in rows if level == "sub_kegiatan"]
    half = count // 2
    out = []
    for pointer, row in _pick(rng, kegiatan, count - half, "ANG"):
        year = rng.choice(sorted(row["anggaran"]))
        row["anggaran"][year] = money(as_decimal(row["anggaran"][year]) + 1000)
        out.append(Defect("ANG", f"{pointer}/anggaran/{year}", "Rp tahunan kegiatan ≠ jumlah sub kegiatan"))
    for pointer, row in _pick(rng, subs, half, "ANG"):
        row["anggaran_akhir"] = money(as_decimal(row["anggaran_akhir"]) + 1000)
        out.append(Defect("ANG", f"{pointer}/anggaran_akhir", "Rp akhir periode ≠ jumlah Rp tahunan"))
    return out


def targets(data, rng, count) -> list[Defect]:
    """A sub kegiatan indicator's end-of-period target one more than its method gives (TGT001)."""
    subs = [(p, r) for level, p, r in rows_6_1(data) if level == "sub_kegiatan"]
    out = []
    for pointer, row in _pick(rng, subs, count, "TGT"):
        cell = row["indikator"][0]["akhir"]
        cell["nilai"] += 1
        out.append(Defect("TGT", f"{pointer}/indikator/0/akhir", "target akhir periode tidak sesuai metodenya"))
    return out


def formulas(data, rng, count) -> list[Defect]:
    """A Tabel 2.8 achievement ratio (FRM001) or a Tabel 2.9 realisation ratio (FRM002) one point
    off; the 2.8 year and row a text claim quotes are left alone."""
    if "kinerja_pelayanan" not in data:
        return []
    quoted = {(c.get("ref"), str(c.get("tahun"))) for c in data.get("klaim", []) if c.get("tabel") == "2.8"}
    places = [(f"/kinerja_pelayanan/baris/{i}/rasio/{y}", row["rasio"]) for i, row in enumerate(data["kinerja_pelayanan"]["baris"])
              for y in row.get("rasio", {}) if (row.get("ref"), y) not in quoted]
    for i, row in enumerate(data["anggaran_realisasi"]["baris"]):
        places += [(f"/anggaran_realisasi/baris/{i}/rincian/{j}/rasio/{y}", sub["rasio"]) for j, sub in enumerate(row.get("rincian", [])) for y in sub["rasio"]]
    out = []
    for pointer, cells in _pick(rng, places, count, "FRM"):
        year = pointer.rsplit("/", 1)[1]
        cells[year] = cells[year] + 1
        out.append(Defect("FRM", pointer, "rasio tidak sesuai rumusnya"))
    return out


def kelurahan(data, rng, count) -> list[Defect]:
    """In a row split per kelurahan: the kelurahan in its lokasi misspelt (KEL001), or its unit
    kerja naming another kelurahan (KEL005)."""
    known = data["wilayah"]["kelurahan"]
    split = [(p, r) for level, p, r in rows_6_1(data) if level == "sub_kegiatan" and r["unit_kerja"].startswith("Lurah ")]
    out = []
    for n, (pointer, row) in enumerate(_pick(rng, split, count, "KEL")):
        name = row["unit_kerja"][len("Lurah "):]
        if n % 2 and len(known) > 1:
            row["unit_kerja"] = "Lurah " + next(k for k in known if k != name)
            out.append(Defect("KEL", f"{pointer}/unit_kerja", "unit kerja menyebut kelurahan lain"))
        else:
            row["lokasi"] = row["lokasi"].replace(name, name[:-1], 1)
            out.append(Defect("KEL", f"{pointer}/lokasi", "nama kelurahan salah eja"))
    return out


def codes(data, rng, count) -> list[Defect]:
    """A sub kegiatan code cut short by one digit (KOD001); rows not split per kelurahan first."""
    subs = [(p, r) for level, p, r in rows_6_1(data) if level == "sub_kegiatan" and not _mandatory(r)]
    single = [(p, r) for p, r in subs if not r["unit_kerja"].startswith("Lurah ")]
    out = []
    for pointer, row in _pick(rng, single if len(single) >= count else subs, count, "KOD"):
        row["kode"] = row["kode"][:-1]
        out.append(Defect("KOD", f"{pointer}/kode", "kode tidak berbentuk kode sub kegiatan"))
    return out


def crosstable(data, rng, count) -> list[Defect]:
    """Tabel 7.1 against Tabel 4.1 / 2.8: a kondisi awal (LTB002) or a last-year target (LTB001)
    0,01 off."""
    if "indikator_kinerja" not in data:
        return []
    places = []
    for i, row in enumerate(data["indikator_kinerja"]["baris"]):
        places += [(f"/indikator_kinerja/baris/{i}/kondisi_awal/nilai", row["kondisi_awal"], "nilai"),
                   (f"/indikator_kinerja/baris/{i}/target/{max(row['target'])}", row["target"], max(row["target"]))]
    out = []
    for pointer, holder, key in _pick(rng, places, count, "LTB"):
        holder[key] = holder[key] + CENT
        out.append(Defect("LTB", pointer, "nilai Tabel 7.1 berbeda dari tabel acuannya"))
    return out


def staff(data, rng, count) -> list[Defect]:
    """A staff table row whose total is not men + women (PEG002)."""
    if "pegawai" not in data:
        return []
    places = [(f"/pegawai/{name}/baris/{i}/total", row) for name, table in data["pegawai"].items() for i, row in enumerate(table["baris"])]
    out = []
    for pointer, row in _pick(rng, places, count, "PEG"):
        row["total"] += 1
        out.append(Defect("PEG", pointer, "total baris ≠ laki-laki + perempuan"))
    return out


CLAIM_CHANGES: dict[str, tuple[str, Callable]] = {
    "kategori_ikm": ("kategori", lambda c: "Tidak Baik" if c["kategori"] != "Tidak Baik" else "Baik"),
    "predikat_sakip": ("predikat", lambda c: "D" if c["predikat"] != "D" else "A"),
    "persentase": ("nilai", lambda c: {**c["nilai"], "nilai": c["nilai"]["nilai"] + 1}),
    "rasio_realisasi": ("nilai", lambda c: {**c["nilai"], "nilai": c["nilai"]["nilai"] + 1}),
    "selisih_anggaran": ("rp", lambda c: c["rp"] + 1000),
}


def claims(data, rng, count) -> list[Defect]:
    """A text claim that its table no longer bears out (SKR001, 002, 004, 006)."""
    if "klaim" not in data:
        return []
    places = [(i, c) for i, c in enumerate(data["klaim"]) if c["jenis"] in CLAIM_CHANGES]
    out = []
    for i, claim in _pick(rng, places, count, "SKR"):
        key, change = CLAIM_CHANGES[claim["jenis"]]
        claim[key] = change(claim)
        out.append(Defect("SKR", f"/klaim/{i}/{key}", f"klaim {claim['jenis']} tidak sesuai tabel"))
    return out


INJECTORS: dict[str, Callable] = {
    "ANG": budget, "TGT": targets, "FRM": formulas, "KEL": kelurahan, "KOD": codes,
    "LTB": crosstable, "PEG": staff, "SKR": claims,
}


def inject(data: dict, count: int, rng: random.Random, families=None) -> list[Defect]:
    """`count` defects of each family (all of INJECTORS unless `families` names some), in place."""
    out: list[Defect] = []
    for family in families or INJECTORS:
        out += INJECTORS[family](data, rng, count)
    return sorted(out, key=lambda d: (d.family, d.pointer))
