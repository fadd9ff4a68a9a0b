"""Synthetic plan documents of any size, consistent by construction, with defects on request.

    python -m benchmarks.generate --sub-kegiatan N --kelurahan K --years Y --indicators I
                                  [--defects D] [--seed S] [--no-tables] -o FILE

The plan follows docs/format.md: codes 7.01.PP.2.KK.SSSS (the nomenclature's own codes and
names first, then further sub kegiatan numbered on), one Tabel 6.1 row per kelurahan for each
of the two kelurahan sub kegiatan (7.01.03.2.02.0002 / .0003), Rp summed from the sub kegiatan
up at every level and per year, end-of-period Rp = Σ years, indicator targets that never fall,
start at or above the baseline and end as their unit's end method says, and (unless
--no-tables) Tabel 2.1–2.9, 4.1, 5.2, 7.1, the program list and text claims that agree with it.

`--defects D` then breaks D things per family, each recorded as a `Defect` (the code prefix of
the rule family that must report it and the pointer it must report), written to FILE's
`.defects.json` sibling. Same arguments, same bytes.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import random
import re
import sys
from dataclasses import asdict, dataclass
from decimal import Decimal
from fractions import Fraction
from importlib import resources
from pathlib import Path

from telaah.engine.exact import round_half_up
from telaah.engine.ikm import ikm_category
from telaah.engine.ipasn import IpAsnScore, summarize
from telaah.engine.sakip import sakip_predicate

KECAMATAN = "Sumberwangi"
KABUPATEN = "Kabupaten Pasirlaut"
KELURAHAN_CODE = "7.01.03.2.02"
KELURAHAN_SUBS = (("0002", "Pembangunan Sarana dan Prasarana Kelurahan"), ("0003", "Pemberdayaan Masyarakat di Kelurahan"))
_ROOTS = ("Sumber", "Karang", "Tanjung", "Wono", "Kebon", "Jati", "Pandan", "Sido", "Tegal", "Banyu",
          "Kali", "Gunung", "Pager", "Kedung", "Ngembal", "Candi", "Bakal", "Pucang", "Glagah", "Kemiri")
_ENDS = ("rejo", "sari", "mulyo", "asri", "agung", "jaya", "makmur", "harjo", "kerto", "wangi",
         "anyar", "lor", "kidul", "wetan", "kulon", "gede", "luhur", "tengah", "arum", "sono")

# (unit, end-of-period method by the default configuration, kind of value)
UNITS = (("dokumen", "jumlah", "count"), ("laporan", "jumlah", "count"), ("unit", "jumlah", "count"),
         ("paket", "jumlah", "count"), ("orang", "jumlah", "count"), ("%", "tahun_akhir", "percent"),
         ("nilai", "tahun_akhir", "score"), ("orang/bulan", "tahun_akhir", "count"))
CATALOGUE = (
    ("ikm", "Indeks Kepuasan Masyarakat (IKM) Kecamatan", "nilai", "ikm"),
    ("sakip", "Nilai SAKIP Perangkat Daerah", "nilai", "sakip"),
    ("pelayanan_berkualitas", "Persentase Jenis Pelayanan yang Berkualitas", "%", "persen"),
)
IKM_UNSUR = ("Persyaratan", "Sistem, Mekanisme, dan Prosedur", "Waktu Penyelesaian", "Biaya/Tarif",
             "Produk Spesifikasi Jenis Pelayanan", "Kompetensi Pelaksana", "Perilaku Pelaksana",
             "Penanganan Pengaduan, Saran dan Masukan", "Sarana dan Prasarana")
SAKIP_KOMPONEN = ("Perencanaan Kinerja", "Pengukuran Kinerja", "Pelaporan Kinerja", "Evaluasi Akuntabilitas Kinerja Internal")


@dataclass(frozen=True)
class Spec:
    sub_kegiatan: int = 45
    kelurahan: int = 4
    years: int = 3
    indicators: int = 1
    defects: int = 0
    seed: int = 0
    tables: bool = True
    start: int = 2024


@dataclass(frozen=True)
class Defect:
    family: str  # the rule-code prefix that must report it ("ANG")
    pointer: str  # the pointer a finding of that family must carry
    what: str


# --------------------------------------------------------------------------- JSON out


def dumps(data) -> str:
    """Compact JSON, Decimals written as plain JSON numbers (never through float)."""

    def mark(node):
        if isinstance(node, Decimal):
            return f"\x00{format(node, 'f')}\x00"
        if isinstance(node, dict):
            return {k: mark(v) for k, v in node.items()}
        if isinstance(node, list):
            return [mark(v) for v in node]
        return node

    text = json.dumps(mark(data), ensure_ascii=False, separators=(",", ":"))
    return re.sub(r'"\\u0000([-0-9.]+)\\u0000"', r"\1", text)


# --------------------------------------------------------------------------- helpers


def nomenclature() -> list[tuple[str, str, str]]:
    """(code, level, name) of the shipped nomenclature, in file order."""
    text = resources.files("telaah.engine").joinpath("data", "nomenklatur", "kepmendagri-050-5889-2021.csv").read_text(encoding="utf-8")
    return [(r["kode"], r["tingkat"], r["nama"]) for r in csv.DictReader(io.StringIO(text))]


def kelurahan_names(count: int) -> list[str]:
    """`count` distinct village names; past the 400 root×ending pairs a number is added."""
    names = [r + e for e in _ENDS for r in _ROOTS]
    return [names[i % len(names)] + (f" {i // len(names) + 1}" if i >= len(names) else "") for i in range(count)]


def money(value) -> int | str:
    """A Rupiah cell: an int, or a decimal string when there are cents."""
    if isinstance(value, Decimal) and value != value.to_integral_value():
        return format(value.quantize(Decimal("0.01")), "f")
    return int(value)


def as_decimal(cell) -> Decimal:
    return Decimal(cell) if isinstance(cell, str) else Decimal(cell)


def _number(value: Decimal) -> int | Decimal:
    return int(value) if value == value.to_integral_value() else value


# --------------------------------------------------------------------------- the plan


class Generator:
    def __init__(self, spec: Spec):
        if spec.years < 1 or spec.years > 10:
            raise ValueError("years must be 1–10")
        if spec.kelurahan < 1:
            raise ValueError("kelurahan must be at least 1")
        if spec.sub_kegiatan < 2 * spec.kelurahan + 1:
            raise ValueError(f"sub kegiatan must be at least 2 × kelurahan + 1 = {2 * spec.kelurahan + 1}")
        if spec.indicators < 1:
            raise ValueError("indicators must be at least 1")
        self.spec = spec
        self.rng = random.Random(spec.seed)
        self.years = [str(spec.start + i) for i in range(spec.years)]
        self.kelurahan = kelurahan_names(spec.kelurahan)
        self.programs: list[dict] = []

    # -- indicators --------------------------------------------------------------------
    def occurrence(self, nama: str, unit: str, method: str, kind: str, ref: str | None = None) -> dict:
        rng, n = self.rng, len(self.years)
        if kind == "percent":
            start = rng.randrange(50, 96)
            values = [Decimal(min(100, start + i * rng.randrange(0, 3))) for i in range(n)]
            baseline = Decimal(start - rng.randrange(0, 5))
        elif kind == "score":
            start = Decimal(rng.randrange(7000, 9000)) / 100
            values = [start + Decimal(i * rng.randrange(0, 100)) / 100 for i in range(n)]
            baseline = start - Decimal(rng.randrange(0, 200)) / 100
        else:
            start = rng.randrange(1, 40)
            values = [Decimal(start + i * rng.randrange(0, 3)) for i in range(n)]
            baseline = Decimal(max(0, start - rng.randrange(0, 3)))
        end = sum(values) if method == "jumlah" else values[-1]
        occ = {"nama": nama}
        if ref:
            occ["ref"] = ref
        occ["satuan"] = unit
        occ["baseline"] = {"nilai": _number(baseline), "satuan": unit}
        occ["target"] = {y: {"nilai": _number(v), "satuan": unit} for y, v in zip(self.years, values)}
        occ["akhir"] = {"nilai": _number(end), "satuan": unit}
        return occ

    def indicators(self, subject: str, first: dict | None = None) -> list[dict]:
        out = [first] if first else []
        while len(out) < self.spec.indicators:
            unit, method, kind = UNITS[self.rng.randrange(len(UNITS))]
            label = "Persentase" if kind == "percent" else ("Nilai" if kind == "score" else "Jumlah")
            out.append(self.occurrence(f"{label} {subject} ({len(out) + 1})", unit, method, kind))
        return out

    # -- Tabel 6.1 ----------------------------------------------------------------------
    def leaf_budget(self) -> dict:
        return {year: self.rng.randrange(5_000, 200_000) * 1000 for year in self.years}

    def cents(self, rows: list[dict]) -> None:
        """Give a few pairs of sibling sub kegiatan cents that add up to whole Rupiah, so that
        decimal money is exercised while every total above stays within 15 significant digits."""
        for _ in range(len(rows) // 10 or len(rows) // 2 and 1):
            a, b = self.rng.sample(rows, 2)
            year, c = self.rng.choice(self.years), self.rng.randrange(1, 100)
            for row, add in ((a, Decimal(c) / 100), (b, Decimal(100 - c) / 100)):
                row["anggaran"][year] = money(as_decimal(row["anggaran"][year]) + add)
                row["anggaran_akhir"] = money(sum(as_decimal(v) for v in row["anggaran"].values()))

    def row(self, fields: dict, children_key: str | None, children: list[dict]) -> dict:
        """A Tabel 6.1 row in the document's key order; Rp summed from `children` when given."""
        budget = fields.pop("anggaran", None)
        if budget is None:
            budget = {y: money(sum(as_decimal(c["anggaran"][y]) for c in children)) for y in self.years}
        row = {**{k: fields[k] for k in ("kode", "nama") if k in fields}, "indikator": fields["indikator"],
               "anggaran": budget, "anggaran_akhir": money(sum(as_decimal(v) for v in budget.values())),
               "unit_kerja": fields.get("unit_kerja", "Camat"), "lokasi": fields.get("lokasi", f"Kec. {KECAMATAN}")}
        if children_key:
            row[children_key] = children
        return row

    def sub_kegiatan(self, kode: str, nama: str, unit_kerja: str = "Camat", lokasi: str | None = None) -> dict:
        return self.row({"kode": kode, "nama": nama, "indikator": self.indicators(nama), "anggaran": self.leaf_budget(),
                         "unit_kerja": unit_kerja, "lokasi": lokasi or f"Kec. {KECAMATAN}"}, None, [])

    def allocate(self) -> dict[str, list[tuple[str, str]]]:
        """Kegiatan code -> [(sub kegiatan code, name)], the kelurahan rows apart, spread evenly."""
        nomen = nomenclature()
        kegiatan = [c for c, level, _ in nomen if level == "kegiatan"]
        real: dict[str, list[tuple[str, str]]] = {k: [] for k in kegiatan}
        for code, level, name in nomen:
            if level == "subkegiatan":
                parent, number = code.rsplit(".", 1)
                if not (parent == KELURAHAN_CODE and number in dict(KELURAHAN_SUBS)):
                    real[parent].append((code, name))
        remaining = self.spec.sub_kegiatan - 2 * self.spec.kelurahan
        used = kegiatan[: max(1, min(len(kegiatan), remaining))]
        if KELURAHAN_CODE not in used:
            used.append(KELURAHAN_CODE)
        out: dict[str, list[tuple[str, str]]] = {k: [] for k in used}
        counters = {k: max([int(c.rsplit(".", 1)[1]) for c, _ in real[k]] + [3 if k == KELURAHAN_CODE else 0]) for k in used}
        others = [k for k in used if k != KELURAHAN_CODE] or used
        for i in range(remaining):
            k = others[i % len(others)]
            taken = len(out[k])
            if taken < len(real[k]):
                out[k].append(real[k][taken])
            else:
                counters[k] += 1
                if counters[k] > 9999:
                    raise ValueError("too many sub kegiatan for the code space (9 999 per kegiatan)")
                base = real[k][taken % len(real[k])][1] if real[k] else "Sub Kegiatan"
                out[k].append((f"{k}.{counters[k]:04d}", f"{base} Tahap {counters[k]}"))
        return out

    def rencana_program(self) -> dict:
        names = {code: name for code, _, name in nomenclature()}
        allocation = self.allocate()
        programs: dict[str, list[dict]] = {}
        for k_code, subs in allocation.items():
            rows = [self.sub_kegiatan(code, name) for code, name in subs]
            if k_code == KELURAHAN_CODE:
                for number, name in KELURAHAN_SUBS:
                    rows += [self.sub_kegiatan(f"{k_code}.{number}", f"{name} {kel}", f"Lurah {kel}", f"Kel. {kel} Kec. {KECAMATAN}")
                             for kel in self.kelurahan]
            self.cents(rows)
            kegiatan = self.row({"kode": k_code, "nama": names[k_code], "indikator": self.indicators(names[k_code])}, "sub_kegiatan", rows)
            programs.setdefault(k_code.rsplit(".", 2)[0], []).append(kegiatan)
        program_rows = [self.row({"kode": p, "nama": names[p], "indikator": self.indicators(names[p].title())}, "kegiatan", ks)
                        for p, ks in sorted(programs.items())]
        self.programs = program_rows
        half = max(1, len(program_rows) // 2)
        groups = [program_rows[:half], program_rows[half:]] if len(program_rows) > 1 else [program_rows]
        sasaran_names = ("Meningkatnya akuntabilitas kinerja kecamatan", "Meningkatnya kualitas penyelenggaraan pemerintahan dan pemberdayaan masyarakat")
        firsts = (("sakip", "Nilai SAKIP Perangkat Daerah", "nilai", "score"), ("pelayanan_berkualitas", "Persentase Jenis Pelayanan yang Berkualitas", "%", "percent"))
        sasaran = []
        for (ref, nama, unit, kind), sname, group in zip(firsts, sasaran_names, groups):
            first = self.occurrence(nama, unit, "tahun_akhir", kind, ref)
            sasaran.append(self.row({"nama": sname, "indikator": self.indicators(sname, first)}, "program", group))
        tname = "Meningkatnya kualitas pelayanan publik di tingkat kecamatan"
        first = self.occurrence("IKM Kecamatan", "nilai", "tahun_akhir", "score", "ikm")
        tujuan = self.row({"nama": tname, "indikator": self.indicators(tname, first)}, "sasaran", sasaran)
        return {"tabel": "6.1", "judul": f"Rencana Program, Kegiatan, dan Pendanaan Kecamatan {KECAMATAN} {KABUPATEN}", "tujuan": [tujuan]}

    # -- the document -----------------------------------------------------------------
    def plan(self) -> dict:
        spec = self.spec
        first, last = spec.start, spec.start + spec.years - 1
        rp = self.rencana_program()
        data = {
            "versi_format": "1",
            "dokumen": {
                "jenis": "renstra",
                "judul": f"Rencana Strategis Kecamatan {KECAMATAN} Tahun {first}-{last}",
                "perangkat_daerah": f"Kecamatan {KECAMATAN}",
                "pemerintah_daerah": KABUPATEN,
                "periode": {"awal": first, "akhir": last},
                "penetapan": {"jenis": "Peraturan Bupati", "nomor": "17", "tahun": first - 1, "tanggal": f"{first - 1}-04-11"},
                "dasar_hukum": ["Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah",
                                "Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2017"],
            },
            "wilayah": {"kecamatan": KECAMATAN, "kelurahan": list(self.kelurahan), "desa": []},
            "indikator": self.catalogue(),
        }
        tables = Tables(self, rp) if spec.tables else None
        if tables:
            data.update(tables.sections())
        data["rencana_program"] = rp
        if tables:
            data.update(tables.after_6_1())
        return data

    def catalogue(self) -> list[dict]:
        out = []
        for ident, nama, unit, jenis in CATALOGUE:
            item = {"id": ident, "nama": nama, "satuan": unit, "arah": "naik", "akhir_periode": "tahun_akhir", "maks": 100, "jenis": jenis}
            if jenis == "ikm":
                item["komponen"] = list(IKM_UNSUR)
            if jenis == "sakip":
                item["komponen"] = list(SAKIP_KOMPONEN)
            out.append(item)
        return out


class Tables:
    """Chapter 2, 4, 5 and 7 tables that agree with the generated Tabel 6.1."""

    def __init__(self, gen: Generator, rp: dict):
        self.gen, self.rng, self.rp = gen, gen.rng, rp
        self.past = [gen.spec.start - 5 + i for i in range(5)]
        self.ip = self.ip_asn()
        self.kinerja_rows = self.kinerja()
        self.budget = self.anggaran_realisasi()

    def sections(self) -> dict:
        return {
            "pegawai": self.pegawai(),
            "ip_asn": self.ip,
            "aset": self.aset(),
            "sarana_prasarana": self.sarana(),
            "kinerja_pelayanan": {"tabel": "2.8", "judul": "Pencapaian Kinerja Pelayanan", "tahun": self.past, "baris": self.kinerja_rows},
            "anggaran_realisasi": self.budget,
            "tujuan_sasaran": self.tujuan_sasaran(),
            "strategi_kebijakan": self.strategi(),
            "daftar_program": {"bagian": "BAB VI", "program": [p["nama"] for p in self.gen.programs]},
        }

    def after_6_1(self) -> dict:
        return {"indikator_kinerja": self.indikator_kinerja(), "klaim": self.klaim()}

    def staff_table(self, tabel: str, judul: str, labels: list[str]) -> dict:
        rows, tl, tp = [], 0, 0
        for i, label in enumerate(labels, 1):
            l, p = self.rng.randrange(0, 12), self.rng.randrange(0, 12)
            rows.append({"no": i, "uraian": label, "laki_laki": l, "perempuan": p, "total": l + p})
            tl, tp = tl + l, tp + p
        return {"tabel": tabel, "judul": judul, "baris": rows, "jumlah": {"laki_laki": tl, "perempuan": tp, "total": tl + tp}}

    def pegawai(self) -> dict:
        return {
            "golongan": self.staff_table("2.1", "Distribusi Golongan berdasarkan Jenis Kelamin", ["IV/b", "IV/a", "III/d", "III/c", "III/b", "III/a", "II/d", "II/c"]),
            "pendidikan": self.staff_table("2.2", "Distribusi Pendidikan berdasarkan Jenis Kelamin", ["S-2", "S-1", "D-3", "SMA"]),
            "eselon": self.staff_table("2.3", "Distribusi Eselon berdasarkan Jenis Kelamin", ["III", "IV"]),
            "non_asn": self.staff_table("2.4", "Distribusi Pegawai Tidak Tetap berdasarkan Jenis Kelamin", ["PTT", "THL"]),
        }

    def ip_asn(self) -> dict:
        rows = []
        for i in range(1, 13):
            parts = [self.rng.randrange(5, 26, 5), self.rng.randrange(10, 41, 5), self.rng.randrange(10, 31, 5), self.rng.randrange(1, 6)]
            rows.append({"no": i, "nama": f"PEGAWAI {i:02d}", "kualifikasi": parts[0], "kompetensi": parts[1],
                         "kinerja": parts[2], "disiplin": parts[3], "skor": sum(parts)})
        summary = summarize([IpAsnScore(r["nama"], r["kualifikasi"], r["kompetensi"], r["kinerja"], r["disiplin"]) for r in rows])
        return {"tabel": "2.5", "judul": "Rekapitulasi IP ASN", "baris": rows,
                "pernyataan": {"jumlah_asn": len(rows), "rata_rata": _number(summary.average), "kategori": summary.level.nama["id"],
                               "tertinggi": int(summary.highest), "terendah": int(summary.lowest),
                               "sumber": {"bagian": "2.2 a. Kepegawaian",
                                          "kutipan": f"Nilai tertinggi IP ASN {summary.highest} dan nilai terendah IP ASN {summary.lowest}."}}}

    def aset(self) -> dict:
        groups = (("01.03.01", "Tanah", ("Tanah Persil", "Tanah Non Persil")),
                  ("01.03.02", "Peralatan dan Mesin", ("Alat Angkutan", "Alat Kantor dan Rumah Tangga")),
                  ("01.03.03", "Gedung dan Bangunan", ("Bangunan Gedung Kantor",)))
        rows, top_n, top_v, body = [], 0, 0, []
        for code, name, items in groups:
            leaves = []
            for j, item in enumerate(items, 1):
                n, v = self.rng.randrange(1, 60), self.rng.randrange(10_000, 9_000_000) * 1000
                leaves.append({"kode": f"{code}.{j:02d}", "uraian": item, "jumlah": n, "nilai": v})
            gn, gv = sum(x["jumlah"] for x in leaves), sum(x["nilai"] for x in leaves)
            body += [{"kode": code, "uraian": name, "jumlah": gn, "nilai": gv}, *leaves]
            top_n, top_v = top_n + gn, top_v + gv
        rows = [{"kode": "01.03", "uraian": "Aset Tetap", "jumlah": top_n, "nilai": top_v}, *body]
        return {"tabel": "2.6", "judul": "Daftar Aset Tetap", "tanggal": f"{self.gen.spec.start - 2}-12-31", "baris": rows,
                "jumlah": {"jumlah": top_n, "nilai": top_v}}

    def sarana(self) -> dict:
        kolom = ["Kecamatan"] + [f"Kel. {k}" for k in self.gen.kelurahan]
        rows = []
        for i, jenis in enumerate(("Gedung kantor", "Sepeda Motor", "Komputer", "Meja Rapat"), 1):
            rows.append({"no": i, "jenis": jenis, "nilai": {c: ({"nilai": self.rng.randrange(1, 6), "satuan": "unit"} if self.rng.random() < 0.8 else None) for c in kolom}})
        return {"tabel": "2.7", "judul": "Sarana dan Prasarana Kantor", "kolom": kolom, "baris": rows}

    def kinerja(self) -> list[dict]:
        rows = [{"no": 1, "indikator": "Indikator Tujuan dan Sasaran Perangkat Daerah"}]
        for no, (ref, nama, unit, _) in enumerate(CATALOGUE, 2):
            target, realisasi, rasio = {}, {}, {}
            base = 80
            for i, year in enumerate(self.past):
                t = Decimal(base + i)
                pct = Decimal(100 + self.rng.randrange(0, 6))  # realisasi = target × pct / 100: exact
                r = t * pct / 100
                target[str(year)], realisasi[str(year)], rasio[str(year)] = _number(t), _number(r), _number(pct)
            row = {"no": no, "indikator": nama, "ref": ref}
            if unit == "%":
                row["satuan"] = unit
            rows.append({**row, "target": target, "realisasi": realisasi, "rasio": rasio})
        return rows

    def anggaran_realisasi(self) -> dict:
        def line(uraian: str) -> dict:
            a = {str(y): self.rng.randrange(1_000, 90_000) * 10_000 for y in self.past}
            r = {y: v * self.rng.randrange(8000, 10001) // 10_000 for y, v in a.items()}
            return {"uraian": uraian, "anggaran": a, "realisasi": r, "rasio": {y: _ratio(r[y], a[y]) for y in a}}

        baris = []
        for program in self.gen.programs[:3]:
            rincian = [line(k["nama"]) for k in program["kegiatan"][:3]]
            a = {str(y): sum(x["anggaran"][str(y)] for x in rincian) for y in self.past}
            r = {str(y): sum(x["realisasi"][str(y)] for x in rincian) for y in self.past}
            baris.append({"uraian": program["nama"], "anggaran": a, "realisasi": r, "rasio": {y: _ratio(r[y], a[y]) for y in a}, "rincian": rincian})
        a = {str(y): sum(b["anggaran"][str(y)] for b in baris) for y in self.past}
        r = {str(y): sum(b["realisasi"][str(y)] for b in baris) for y in self.past}
        return {"tabel": "2.9", "judul": "Anggaran dan Realisasi Pendanaan Pelayanan", "tahun": self.past, "baris": baris,
                "jumlah": {"anggaran": a, "realisasi": r, "rasio": {y: _ratio(r[y], a[y]) for y in a}}}

    def _targets(self, occ: dict) -> dict:
        return {y: c["nilai"] for y, c in occ["target"].items()}

    def tujuan_sasaran(self) -> dict:
        tujuan = self.rp["tujuan"][0]
        ind = tujuan["indikator"][0]
        return {"tabel": "4.1", "judul": "Tujuan dan Sasaran Jangka Menengah", "tujuan": [{
            "no": 1, "nama": tujuan["nama"],
            "indikator": [{"nama": ind["nama"], "ref": ind["ref"], "target": self._targets(ind)}],
            "sasaran": [{"nama": s["nama"], "indikator": [{"nama": s["indikator"][0]["nama"], "ref": s["indikator"][0]["ref"],
                                                           "target": self._targets(s["indikator"][0])}]}
                        for s in tujuan["sasaran"]],
        }]}

    def strategi(self) -> dict:
        tujuan = self.rp["tujuan"][0]
        rows = []
        for i, s in enumerate(tujuan["sasaran"]):
            row = {"tujuan": tujuan["nama"], "indikator_tujuan": {"nama": tujuan["indikator"][0]["nama"], "ref": "ikm"}} if i == 0 else {}
            ind = s["indikator"][0]
            rows.append({**row, "sasaran": s["nama"], "indikator_sasaran": {"nama": ind["nama"], "ref": ind["ref"]},
                         "strategi": f"Strategi {i + 1}: meningkatkan {s['nama'][13:].lower()}",
                         "arah_kebijakan": f"Arah kebijakan {i + 1}"})
        return {"tabel": "5.2", "judul": "Tujuan, Sasaran, Strategi, dan Kebijakan", "baris": rows}

    def indikator_kinerja(self) -> dict:
        tujuan = self.rp["tujuan"][0]
        occurrences = [tujuan["indikator"][0]] + [s["indikator"][0] for s in tujuan["sasaran"]]
        rows = []
        for no, occ in enumerate(occurrences, 1):
            targets = self._targets(occ)
            rows.append({"no": no, "indikator": occ["nama"], "ref": occ["ref"],
                         "kondisi_awal": {"tahun": self.gen.spec.start - 2, "nilai": occ["baseline"]["nilai"]},
                         "target": targets, "kondisi_akhir": occ["akhir"]["nilai"]})
        return {"tabel": "7.1", "judul": "Indikator Kinerja Perangkat Daerah", "baris": rows}

    def klaim(self) -> list[dict]:
        """One statement of each kind the sample makes, each true of the generated tables."""
        rows = {r.get("ref"): r for r in self.kinerja_rows}
        year, before = str(self.past[-1]), str(self.past[-2])
        ikm = rows["ikm"]["realisasi"][year]
        sakip = rows["sakip"]["realisasi"][year]
        total = self.budget["jumlah"]
        change = total["anggaran"][year] - total["anggaran"][before]
        source = {"bagian": "2.3", "kutipan": "Kalimat dalam teks."}
        return [
            {"jenis": "kategori_ikm", "sumber": source, "tabel": "2.8", "ref": "ikm", "subjek": "realisasi", "tahun": int(year),
             "nilai": ikm, "kategori": ikm_category(ikm).kinerja["id"]},
            {"jenis": "predikat_sakip", "sumber": source, "tabel": "2.8", "ref": "sakip", "subjek": "realisasi", "tahun": int(year),
             "nilai": sakip, "predikat": sakip_predicate(sakip).kode},
            {"jenis": "persentase", "sumber": source, "tabel": "2.8", "ref": "sakip", "subjek": "rasio", "tahun": int(year),
             "nilai": {"nilai": rows["sakip"]["rasio"][year], "satuan": "%"}},
            {"jenis": "selisih_anggaran", "sumber": source, "tabel": "2.9", "subjek": "kenaikan" if change >= 0 else "penurunan",
             "tahun": int(year), "tahun_pembanding": int(before), "rp": abs(change)},
            {"jenis": "rasio_realisasi", "sumber": source, "tabel": "2.9", "tahun": int(year),
             "nilai": {"nilai": total["rasio"][year], "satuan": "%"}},
        ]


def _ratio(part: int, whole: int) -> int | Decimal:
    """part / whole × 100, rounded half up to 2 decimals (as Tabel 2.8 and 2.9 print it)."""
    return _number(round_half_up(Fraction(part * 100, whole)))


# --------------------------------------------------------------------------- entry points


def generate(spec: Spec) -> tuple[dict, list[Defect]]:
    """The plan for `spec` and the defects injected into it (none unless spec.defects)."""
    data = Generator(spec).plan()
    defects: list[Defect] = []
    if spec.defects:
        from .defects import inject

        defects = inject(data, spec.defects, random.Random(spec.seed + 1))
    return data, defects


def write(spec: Spec, path: str | Path) -> list[Defect]:
    data, defects = generate(spec)
    path = Path(path)
    path.write_text(dumps(data), encoding="utf-8")
    if defects:
        path.with_suffix(".defects.json").write_text(json.dumps([asdict(d) for d in defects], indent=1) + "\n", encoding="utf-8")
    return defects


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sub-kegiatan", type=int, default=Spec.sub_kegiatan)
    parser.add_argument("--kelurahan", type=int, default=Spec.kelurahan)
    parser.add_argument("--years", type=int, default=Spec.years)
    parser.add_argument("--indicators", type=int, default=Spec.indicators, help="indicators per Tabel 6.1 row")
    parser.add_argument("--defects", type=int, default=0, help="defects injected per rule family")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-tables", dest="tables", action="store_false", help="Tabel 6.1 only (no 2.x, 4.1, 5.2, 7.1, claims)")
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args(argv)
    spec = Spec(args.sub_kegiatan, args.kelurahan, args.years, args.indicators, args.defects, args.seed, args.tables)
    try:
        defects = write(spec, args.output)
    except ValueError as exc:
        print(f"{args.output}: {exc}", file=sys.stderr)
        return 2
    print(f"{args.output}: {spec.sub_kegiatan} sub kegiatan, {len(defects)} defects")
    return 0


if __name__ == "__main__":
    sys.exit(main())
