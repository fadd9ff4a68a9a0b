"""Synthetic plan documents of any size, consistent by construction, with defects on request.

    python -m benchmarks.generate --sub-kegiatan N --kelurahan K --years Y --indicators I
                                  [--defects D] [--seed S] [--no-tables] -o FILE

The plan follows docs/format.md: the nomenclature's own codes 7.01.PP.2.KK.SSSS and names; one
Tabel 6.1 row per kelurahan for the two kelurahan sub kegiatan (7.01.03.2.02.0002 / .0003) and,
past the 120 other sub kegiatan codes, for as many more codes as the size needs (a kabupaten-
scale plan of 50 000 sub kegiatan has 500 kelurahan, say); Rp summed from the sub kegiatan
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
KELURAHAN_SUBS = ("0002", "0003")  # funded for every kelurahan (UU 23/2014 Ps. 230)
_ROOTS = ("Sumber", "Karang", "Tanjung", "Wono", "Kebon", "Jati", "Pandan", "Sido", "Tegal", "Banyu",
          "Kali", "Gunung", "Pager", "Kedung", "Ngembal", "Candi", "Bakal", "Pucang", "Glagah", "Kemiri",
          "Ngadi", "Watu", "Rowo", "Tlogo", "Sambi", "Bendo", "Duren", "Krajan", "Randu", "Mojo")
_ENDS = ("rejo", "sari", "mulyo", "asri", "agung", "jaya", "makmur", "harjo", "kerto", "wangi",
         "anyar", "lor", "kidul", "wetan", "kulon", "gede", "luhur", "tengah", "arum", "sono")

# (unit, end-of-period method by the default configuration, kind of value)
UNITS = (("dokumen", "jumlah", "count"), ("laporan", "jumlah", "count"), ("unit", "jumlah", "count"),
         ("paket", "jumlah", "count"), ("orang", "jumlah", "count"), ("%", "tahun_akhir", "percent"),
         ("nilai", "tahun_akhir", "score"), ("orang/bulan", "tahun_akhir", "count"))
TUJUAN = "Meningkatnya kualitas pelayanan publik di tingkat kecamatan"
SASARAN = ("Meningkatnya akuntabilitas kinerja kecamatan", "Meningkatnya kualitas penyelenggaraan pemerintahan dan pemberdayaan masyarakat")
SASARAN_INDICATORS = (("sakip", "Nilai SAKIP Perangkat Daerah", "nilai", "score"),
                      ("pelayanan_berkualitas", "Persentase Jenis Pelayanan yang Berkualitas", "%", "percent"))
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


def dumps(data, indent: int | None = None) -> str:
    """JSON (compact unless `indent`), Decimals written as plain JSON numbers (never through float)."""

    def mark(node):
        if isinstance(node, Decimal):
            return f"\x00{format(node, 'f')}\x00"
        if isinstance(node, dict):
            return {k: mark(v) for k, v in node.items()}
        if isinstance(node, list):
            return [mark(v) for v in node]
        return node

    separators = None if indent is not None else (",", ":")
    text = json.dumps(mark(data), ensure_ascii=False, indent=indent, separators=separators)
    return re.sub(r'"\\u0000([-0-9.]+)\\u0000"', r"\1", text)


# --------------------------------------------------------------------------- helpers


def nomenclature() -> list[tuple[str, str, str]]:
    """(code, level, name) of the shipped nomenclature, in file order."""
    text = resources.files("telaah.engine").joinpath("data", "nomenklatur", "kepmendagri-050-5889-2021.csv").read_text(encoding="utf-8")
    return [(r["kode"], r["tingkat"], r["nama"]) for r in csv.DictReader(io.StringIO(text))]


def kelurahan_names(count: int) -> list[str]:
    """`count` distinct village names; past the 600 root × ending pairs a number is added."""
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
        if not 1 <= spec.years <= 10:
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
        self.names = {code: name for code, _, name in nomenclature()}
        self.baselines: dict[str, Decimal] = {}  # catalogue id -> baseline (Tabel 2.8 realisasi)

    # -- indicators --------------------------------------------------------------------
    def occurrence(self, nama: str, unit: str, method: str, kind: str, ref: str | None = None) -> dict:
        """An indicator whose targets never fall, start at or above the baseline, stay within 100
        where they are percentages or scores, and end as `method` says."""
        rng = self.rng
        if kind == "count":
            step, cap = (lambda: Decimal(rng.randrange(0, 3))), None
            baseline = Decimal(rng.randrange(1, 40))
        elif kind == "percent":
            step, cap = (lambda: Decimal(rng.randrange(0, 3))), Decimal(100)
            baseline = Decimal(rng.randrange(50, 90))
        else:
            step, cap = (lambda: Decimal(rng.randrange(0, 100)) / 100), Decimal(100)
            baseline = Decimal(rng.randrange(7000, 9000)) / 100
        baseline = self.baselines.get(ref, baseline)
        values, value = [], baseline
        for _ in self.years:
            value = value + step()
            value = min(value, cap) if cap is not None else value
            values.append(value)
        end = sum(values) if method == "jumlah" else values[-1]
        occ = {"nama": nama, **({"ref": ref} if ref else {}), "satuan": unit,
               "baseline": {"nilai": _number(baseline), "satuan": unit},
               "target": {y: {"nilai": _number(v), "satuan": unit} for y, v in zip(self.years, values)},
               "akhir": {"nilai": _number(end), "satuan": unit}}
        return occ

    def indicators(self, subject: str, first: dict | None = None) -> list[dict]:
        out = [first] if first else []
        while len(out) < self.spec.indicators:
            unit, method, kind = UNITS[self.rng.randrange(len(UNITS))]
            label = {"percent": "Persentase", "score": "Nilai"}.get(kind, "Jumlah")
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
        budget = fields.get("anggaran") or {y: money(sum(as_decimal(c["anggaran"][y]) for c in children)) for y in self.years}
        row = {**{k: fields[k] for k in ("kode", "nama") if k in fields}, "indikator": fields["indikator"],
               "anggaran": budget, "anggaran_akhir": money(sum(as_decimal(v) for v in budget.values())),
               "unit_kerja": fields.get("unit_kerja", "Camat"), "lokasi": fields.get("lokasi", f"Kec. {KECAMATAN}")}
        if children_key:
            row[children_key] = children
        return row

    def sub_kegiatan(self, kode: str, nama: str, unit_kerja: str = "Camat", lokasi: str | None = None) -> dict:
        return self.row({"kode": kode, "nama": nama, "indikator": self.indicators(nama), "anggaran": self.leaf_budget(),
                         "unit_kerja": unit_kerja, "lokasi": lokasi or f"Kec. {KECAMATAN}"}, None, [])

    def allocate(self) -> dict[str, list[tuple[str, bool]]]:
        """Kegiatan code -> [(sub kegiatan code, split per kelurahan)], nomenclature codes only.

        Besides the two kelurahan sub kegiatan (always one row per kelurahan), `single` codes get
        one row and `split` codes one row per kelurahan, so that single + split·K rows make up the
        rest; codes are taken round-robin over the kegiatan so that small plans touch every program."""
        pool = [c for c, level, _ in nomenclature() if level == "subkegiatan"
                and not (c.rsplit(".", 1)[0] == KELURAHAN_CODE and c.rsplit(".", 1)[1] in KELURAHAN_SUBS)]
        k = self.spec.kelurahan
        rest = self.spec.sub_kegiatan - 2 * k
        split = 0 if rest <= len(pool) else (-(-(rest - len(pool)) // (k - 1)) if k > 1 else rest)
        single = rest - split * k
        if single < 0 or single + split > len(pool):
            raise ValueError(f"{self.spec.sub_kegiatan} sub kegiatan do not fit {len(pool)} codes split over {k} kelurahan; use more kelurahan")
        by_kegiatan: dict[str, list[str]] = {}
        for code in pool:
            by_kegiatan.setdefault(code.rsplit(".", 1)[0], []).append(code)
        order = [codes[i] for i in range(max(map(len, by_kegiatan.values()))) for codes in by_kegiatan.values() if i < len(codes)]
        chosen = set(order[: single + split])
        used = [c for c in pool if c in chosen]
        marked = {used[i] for i in range(len(used)) if (i * split) // len(used) != ((i + 1) * split) // len(used)}
        out: dict[str, list[tuple[str, bool]]] = {KELURAHAN_CODE: []}
        for code in used:
            out.setdefault(code.rsplit(".", 1)[0], []).append((code, code in marked))
        return dict(sorted(out.items()))

    def sub_rows(self, code: str, split: bool) -> list[dict]:
        name = self.names[code]
        if not split:
            return [self.sub_kegiatan(code, name)]
        joined = name if name.endswith("Kelurahan") else f"{name} Kelurahan"
        return [self.sub_kegiatan(code, f"{joined} {kel}", f"Lurah {kel}", f"Kel. {kel} Kec. {KECAMATAN}") for kel in self.kelurahan]

    def rencana_program(self) -> dict:
        programs: dict[str, list[dict]] = {}
        for k_code, subs in self.allocate().items():
            if k_code == KELURAHAN_CODE:
                subs = sorted(subs + [(f"{k_code}.{number}", True) for number in KELURAHAN_SUBS])
            rows = [r for code, split in subs for r in self.sub_rows(code, split)]
            self.cents(rows)
            kegiatan = self.row({"kode": k_code, "nama": self.names[k_code], "indikator": self.indicators(self.names[k_code])}, "sub_kegiatan", rows)
            programs.setdefault(k_code.rsplit(".", 2)[0], []).append(kegiatan)
        program_rows = [self.row({"kode": p, "nama": self.names[p], "indikator": self.indicators(self.names[p].title())}, "kegiatan", ks)
                        for p, ks in sorted(programs.items())]
        half = max(1, len(program_rows) // 2)
        groups = [program_rows[:half], program_rows[half:]] if len(program_rows) > 1 else [program_rows]
        sasaran = []
        for (ref, nama, unit, kind), sname, group in zip(SASARAN_INDICATORS, SASARAN, groups):
            first = self.occurrence(nama, unit, "tahun_akhir", kind, ref)
            sasaran.append(self.row({"nama": sname, "indikator": self.indicators(sname, first)}, "program", group))
        first = self.occurrence("IKM Kecamatan", "nilai", "tahun_akhir", "score", "ikm")
        tujuan = self.row({"nama": TUJUAN, "indikator": self.indicators(TUJUAN, first)}, "sasaran", sasaran)
        return {"tabel": "6.1", "judul": f"Rencana Program, Kegiatan, dan Pendanaan Kecamatan {KECAMATAN} {KABUPATEN}", "tujuan": [tujuan]}

    # -- the document -----------------------------------------------------------------
    def plan(self) -> dict:
        spec = self.spec
        first, last = spec.start, spec.start + spec.years - 1
        tables = Tables(self) if spec.tables else None
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
            "indikator": catalogue(),
        }
        if tables:
            data.update(tables.before_6_1(rp))
        data["rencana_program"] = rp
        if tables:
            data.update(tables.after_6_1(rp))
        return data


def catalogue() -> list[dict]:
    out = []
    for ident, nama, unit, jenis in CATALOGUE:
        item = {"id": ident, "nama": nama, "satuan": unit, "arah": "naik", "akhir_periode": "tahun_akhir", "maks": 100, "jenis": jenis}
        if jenis == "ikm":
            item["komponen"] = list(IKM_UNSUR)
        if jenis == "sakip":
            item["komponen"] = list(SAKIP_KOMPONEN)
        out.append(item)
    return out


def partition(rng: random.Random, total: int, parts: int) -> list[int]:
    """`parts` non-negative integers adding up to `total`."""
    cuts = sorted(rng.randrange(total + 1) for _ in range(parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total])]


class Tables:
    """Chapter 2, 4, 5 and 7 tables, the program list and text claims, all agreeing with each
    other and with Tabel 6.1. The Tabel 2.8 history is made first: its realisasi two years before
    the period is the baseline of the catalogue indicators (Tabel 6.1 and the Tabel 7.1 kondisi awal)."""

    def __init__(self, gen: Generator):
        self.gen, self.rng = gen, gen.rng
        self.past = [gen.spec.start - 5 + i for i in range(5)]
        self.awal = str(gen.spec.start - 2)
        self.kinerja_rows = self.kinerja()
        gen.baselines.update({r["ref"]: Decimal(r["realisasi"][self.awal]) for r in self.kinerja_rows if "ref" in r})
        self.asn = self.rng.randrange(12, 40)
        self.ip = self.ip_asn()
        self.budget = self.anggaran_realisasi()

    def before_6_1(self, rp: dict) -> dict:
        return {
            "pegawai": self.pegawai(),
            "ip_asn": self.ip,
            "aset": self.aset(),
            "sarana_prasarana": self.sarana(),
            "kinerja_pelayanan": {"tabel": "2.8", "judul": "Pencapaian Kinerja Pelayanan", "tahun": self.past, "baris": self.kinerja_rows},
            "anggaran_realisasi": self.budget,
            "tujuan_sasaran": self.tujuan_sasaran(rp),
            "strategi_kebijakan": self.strategi(rp),
            "daftar_program": {"bagian": "BAB VI", "program": [p["nama"] for s in rp["tujuan"][0]["sasaran"] for p in s["program"]]},
        }

    def after_6_1(self, rp: dict) -> dict:
        return {"indikator_kinerja": self.indikator_kinerja(rp), "klaim": self.klaim()}

    # -- Tabel 2.1–2.5: the same ASN counted by golongan, education and in the IP ASN list
    def staff_table(self, tabel: str, judul: str, labels: list[str], men: int, women: int) -> dict:
        ls, ps = partition(self.rng, men, len(labels)), partition(self.rng, women, len(labels))
        rows = [{"no": i, "uraian": label, "laki_laki": l, "perempuan": p, "total": l + p} for i, (label, l, p) in enumerate(zip(labels, ls, ps), 1)]
        return {"tabel": tabel, "judul": judul, "baris": rows, "jumlah": {"laki_laki": men, "perempuan": women, "total": men + women}}

    def pegawai(self) -> dict:
        men = self.rng.randrange(self.asn + 1)
        women = self.asn - men
        return {
            "golongan": self.staff_table("2.1", "Distribusi Golongan berdasarkan Jenis Kelamin", ["IV/b", "IV/a", "III/d", "III/c", "III/b", "III/a", "II/d", "II/c"], men, women),
            "pendidikan": self.staff_table("2.2", "Distribusi Pendidikan berdasarkan Jenis Kelamin", ["S-2", "S-1", "D-3", "SMA"], men, women),
            "eselon": self.staff_table("2.3", "Distribusi Eselon berdasarkan Jenis Kelamin", ["III", "IV"], min(men, 3), min(women, 4)),
            "non_asn": self.staff_table("2.4", "Distribusi Pegawai Tidak Tetap berdasarkan Jenis Kelamin", ["PTT", "THL"], self.rng.randrange(2, 20), self.rng.randrange(2, 10)),
        }

    def ip_asn(self) -> dict:
        rows = []
        for i in range(1, self.asn + 1):
            parts = [self.rng.randrange(5, 26, 5), self.rng.randrange(10, 41, 5), self.rng.randrange(10, 31, 5), self.rng.randrange(1, 6)]
            rows.append({"no": i, "nama": f"PEGAWAI {i:02d}", "kualifikasi": parts[0], "kompetensi": parts[1],
                         "kinerja": parts[2], "disiplin": parts[3], "skor": sum(parts)})
        summary = summarize([IpAsnScore(r["nama"], r["kualifikasi"], r["kompetensi"], r["kinerja"], r["disiplin"]) for r in rows])
        return {"tabel": "2.5", "judul": "Rekapitulasi IP ASN", "baris": rows,
                "pernyataan": {"jumlah_asn": len(rows), "rata_rata": _number(summary.average), "kategori": summary.level.nama["id"],
                               "tertinggi": int(summary.highest), "terendah": int(summary.lowest),
                               "sumber": {"bagian": "2.2 a. Kepegawaian",
                                          "kutipan": f"Nilai tertinggi IP ASN {summary.highest} dan nilai terendah IP ASN {summary.lowest}."}}}

    # -- Tabel 2.6, 2.7
    def aset(self) -> dict:
        groups = (("01.03.01", "Tanah", ("Tanah Persil", "Tanah Non Persil")),
                  ("01.03.02", "Peralatan dan Mesin", ("Alat Angkutan", "Alat Kantor dan Rumah Tangga")),
                  ("01.03.03", "Gedung dan Bangunan", ("Bangunan Gedung Kantor",)))
        body, top_n, top_v = [], 0, 0
        for code, name, items in groups:
            leaves = [{"kode": f"{code}.{j:02d}", "uraian": item, "jumlah": self.rng.randrange(1, 60),
                       "nilai": self.rng.randrange(10_000, 9_000_000) * 1000} for j, item in enumerate(items, 1)]
            gn, gv = sum(x["jumlah"] for x in leaves), sum(x["nilai"] for x in leaves)
            body += [{"kode": code, "uraian": name, "jumlah": gn, "nilai": gv}, *leaves]
            top_n, top_v = top_n + gn, top_v + gv
        return {"tabel": "2.6", "judul": "Daftar Aset Tetap", "tanggal": f"{self.gen.spec.start - 2}-12-31",
                "baris": [{"kode": "01.03", "uraian": "Aset Tetap", "jumlah": top_n, "nilai": top_v}, *body],
                "jumlah": {"jumlah": top_n, "nilai": top_v}}

    def sarana(self) -> dict:
        kolom = ["Kecamatan"] + [f"Kel. {k}" for k in self.gen.kelurahan]
        rows = [{"no": i, "jenis": jenis, "nilai": {c: ({"nilai": self.rng.randrange(1, 6), "satuan": "unit"} if self.rng.random() < 0.8 else None) for c in kolom}}
                for i, jenis in enumerate(("Gedung kantor", "Sepeda Motor", "Komputer", "Meja Rapat"), 1)]
        return {"tabel": "2.7", "judul": "Sarana dan Prasarana Kantor", "kolom": kolom, "baris": rows}

    # -- Tabel 2.8, 2.9
    def kinerja(self) -> list[dict]:
        """rasio = realisasi / target × 100, exact: realisasi is the target times a whole percentage."""
        rows = [{"no": 1, "indikator": "Indikator Tujuan dan Sasaran Perangkat Daerah"}]
        for no, (ref, nama, unit, _) in enumerate(CATALOGUE, 2):
            target, realisasi, rasio = {}, {}, {}
            for i, year in enumerate(self.past):
                t = Decimal(80 + i)
                pct = Decimal(100 + self.rng.randrange(0, 6))
                target[str(year)], realisasi[str(year)], rasio[str(year)] = _number(t), _number(t * pct / 100), _number(pct)
            rows.append({"no": no, "indikator": nama, "ref": ref, **({"satuan": unit} if unit == "%" else {}),
                         "target": target, "realisasi": realisasi, "rasio": rasio})
        return rows

    def anggaran_realisasi(self) -> dict:
        def amounts(uraian: str) -> dict:
            a = {str(y): self.rng.randrange(1_000, 90_000) * 10_000 for y in self.past}
            r = {y: v * self.rng.randrange(8000, 10001) // 10_000 for y, v in a.items()}
            return {"uraian": uraian, "anggaran": a, "realisasi": r}

        def total(uraian: str | None, rows: list[dict]) -> dict:
            a = {str(y): sum(x["anggaran"][str(y)] for x in rows) for y in self.past}
            r = {str(y): sum(x["realisasi"][str(y)] for x in rows) for y in self.past}
            return {**({"uraian": uraian} if uraian else {}), "anggaran": a, "realisasi": r}

        def with_ratio(row: dict) -> dict:
            return {**row, "rasio": {y: _ratio(row["realisasi"][y], row["anggaran"][y]) for y in row["anggaran"]}}

        baris = []
        for program in sorted(c for c in self.gen.names if c.count(".") == 2)[:3]:
            kegiatan = sorted(c for c in self.gen.names if c.startswith(program + ".") and c.count(".") == 4)[:3]
            rincian = [with_ratio(amounts(self.gen.names[k])) for k in kegiatan]
            baris.append({**with_ratio(total(self.gen.names[program], rincian)), "rincian": rincian})
        return {"tabel": "2.9", "judul": "Anggaran dan Realisasi Pendanaan Pelayanan", "tahun": self.past, "baris": baris,
                "jumlah": with_ratio(total(None, baris))}

    # -- Tabel 4.1, 5.2, 7.1: the catalogue indicators of Tabel 6.1's tujuan and sasaran
    def headline(self, rp: dict) -> list[tuple[dict, dict]]:
        """(row, its first indicator) for the tujuan and each sasaran of Tabel 6.1."""
        tujuan = rp["tujuan"][0]
        return [(tujuan, tujuan["indikator"][0])] + [(s, s["indikator"][0]) for s in tujuan["sasaran"]]

    def tujuan_sasaran(self, rp: dict) -> dict:
        (tujuan, ind), *sasaran = self.headline(rp)

        def short(occ):
            return {"nama": occ["nama"], "ref": occ["ref"], "target": {y: c["nilai"] for y, c in occ["target"].items()}}

        return {"tabel": "4.1", "judul": "Tujuan dan Sasaran Jangka Menengah", "tujuan": [{
            "no": 1, "nama": tujuan["nama"], "indikator": [short(ind)],
            "sasaran": [{"nama": s["nama"], "indikator": [short(occ)]} for s, occ in sasaran]}]}

    def strategi(self, rp: dict) -> dict:
        (tujuan, ind), *sasaran = self.headline(rp)
        rows = []
        for i, (s, occ) in enumerate(sasaran):
            head = {"tujuan": tujuan["nama"], "indikator_tujuan": {"nama": ind["nama"], "ref": ind["ref"]}} if i == 0 else {}
            rows.append({**head, "sasaran": s["nama"], "indikator_sasaran": {"nama": occ["nama"], "ref": occ["ref"]},
                         "strategi": f"Strategi {i + 1}", "arah_kebijakan": f"Arah kebijakan {i + 1}"})
        return {"tabel": "5.2", "judul": "Tujuan, Sasaran, Strategi, dan Kebijakan", "baris": rows}

    def indikator_kinerja(self, rp: dict) -> dict:
        rows = [{"no": no, "indikator": occ["nama"], "ref": occ["ref"],
                 "kondisi_awal": {"tahun": int(self.awal), "nilai": occ["baseline"]["nilai"]},
                 "target": {y: c["nilai"] for y, c in occ["target"].items()}, "kondisi_akhir": occ["akhir"]["nilai"]}
                for no, (_, occ) in enumerate(self.headline(rp), 1)]
        return {"tabel": "7.1", "judul": "Indikator Kinerja Perangkat Daerah", "baris": rows}

    def klaim(self) -> list[dict]:
        """One statement of each kind the Pandaan sample makes, each true of the tables."""
        rows = {r.get("ref"): r for r in self.kinerja_rows}
        year, before = str(self.past[-1]), str(self.past[-2])
        ikm, sakip = rows["ikm"]["realisasi"][year], rows["sakip"]["realisasi"][year]
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
