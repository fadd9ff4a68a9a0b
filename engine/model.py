"""Typed model of a plan document, built from data that passed `validate()`.

Years are `int` keys, Rupiah is `int` or `Decimal` (never float), every value cell is a `Cell`,
and every object keeps the JSON `pointer` it was read from so later stages can cite it.
Suppressions (`x-telaah-abaikan`) and `x-` extension keys are not modelled: `engine/suppress.py`
reads suppressions from the raw data.

Objects are built without re-validation (`model_construct`): the JSON Schema has already checked
every value, and a plan of 50 000 sub kegiatan must build in about a second.
"""
from __future__ import annotations

import types
import typing
from decimal import Decimal
from functools import lru_cache
from typing import Annotated, Any, Callable, Iterator, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict

from .loader import escape_token, paused_gc


class _Money:
    """Marker: the annotated field holds Rupiah (int, Decimal or None)."""


Money = Annotated[Union[int, Decimal, None], _Money]
Number = Union[int, Decimal]


class Node(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    pointer: str = ""


class Cell(Node):
    """A value cell: `missing` when printed "-" (null) or when it holds neither number nor text."""

    nilai: Optional[Number] = None
    satuan: Optional[str] = None
    teks: Optional[str] = None
    missing: bool = False


# --------------------------------------------------------------------------- identity


class Periode(Node):
    awal: int
    akhir: int

    @property
    def years(self) -> range:
        return range(self.awal, self.akhir + 1)


class Penetapan(Node):
    jenis: Optional[str] = None
    nomor: Optional[str] = None
    tahun: Optional[int] = None
    tanggal: Optional[str] = None


class Dokumen(Node):
    jenis: Literal["renstra", "renja"]
    judul: str
    perangkat_daerah: str
    pemerintah_daerah: Optional[str] = None
    periode: Periode
    penetapan: Optional[Penetapan] = None
    dasar_hukum: list[str] = []


class Wilayah(Node):
    kecamatan: str
    kelurahan: list[str] = []
    desa: list[str] = []


class SumberTabel(Node):
    tabel: Optional[str] = None
    baris: Optional[str] = None


class IndikatorKatalog(Node):
    id: str
    nama: str
    satuan: Optional[str] = None
    arah: Optional[Literal["naik", "turun", "tetap"]] = None
    akhir_periode: Optional[Literal["jumlah", "tahun_akhir", "eksplisit"]] = None
    maks: Optional[Number] = None
    jenis: Optional[str] = None
    formula: Optional[str] = None
    komponen: list[str] = []
    jumlah_komponen: Optional[int] = None
    sumber: Optional[SumberTabel] = None


class SumberTeks(Node):
    bagian: Optional[str] = None
    kutipan: Optional[str] = None
    halaman: Optional[int] = None


# --------------------------------------------------------------------------- Tabel 2.x


class JumlahJenisKelamin(Node):
    laki_laki: Optional[int] = None
    perempuan: Optional[int] = None
    total: Optional[int] = None


class BarisPegawai(JumlahJenisKelamin):
    no: Union[int, str, None] = None
    uraian: str


class TabelPegawai(Node):
    tabel: str
    judul: Optional[str] = None
    baris: list[BarisPegawai] = []
    jumlah: Optional[JumlahJenisKelamin] = None


class Pegawai(Node):
    golongan: Optional[TabelPegawai] = None
    pendidikan: Optional[TabelPegawai] = None
    eselon: Optional[TabelPegawai] = None
    non_asn: Optional[TabelPegawai] = None


class BarisIpAsn(Node):
    no: Union[int, str, None] = None
    nama: str
    kualifikasi: Optional[Number] = None
    kompetensi: Optional[Number] = None
    kinerja: Optional[Number] = None
    disiplin: Optional[Number] = None
    skor: Optional[Number] = None


class PernyataanIpAsn(Node):
    jumlah_asn: Optional[int] = None
    rata_rata: Optional[Number] = None
    kategori: Optional[str] = None
    tertinggi: Optional[Number] = None
    terendah: Optional[Number] = None
    sumber: Optional[SumberTeks] = None


class IpAsn(Node):
    tabel: str
    judul: Optional[str] = None
    baris: list[BarisIpAsn] = []
    pernyataan: Optional[PernyataanIpAsn] = None


class BarisAset(Node):
    kode: str
    uraian: str
    jumlah: Optional[int] = None
    nilai: Money = None


class JumlahAset(Node):
    jumlah: Optional[int] = None
    nilai: Money = None


class Aset(Node):
    tabel: str
    judul: Optional[str] = None
    tanggal: Optional[str] = None
    baris: list[BarisAset] = []
    jumlah: Optional[JumlahAset] = None


class BarisSarana(Node):
    no: Union[int, str, None] = None
    jenis: str
    nilai: dict[str, Cell] = {}


class SaranaPrasarana(Node):
    tabel: str
    judul: Optional[str] = None
    kolom: list[str] = []
    baris: list[BarisSarana] = []


class BarisKinerja(Node):
    no: Union[int, str, None] = None
    indikator: str
    ref: Optional[str] = None
    satuan: Optional[str] = None
    target_acuan: Optional[Cell] = None
    target: dict[int, Cell] = {}
    realisasi: dict[int, Cell] = {}
    rasio: dict[int, Cell] = {}


class KinerjaPelayanan(Node):
    tabel: str
    judul: Optional[str] = None
    tahun: list[int] = []
    baris: list[BarisKinerja] = []


class Pertumbuhan(Node):
    anggaran: Money = None
    realisasi: Money = None


class JumlahAnggaran(Node):
    anggaran: dict[int, Money] = {}
    realisasi: dict[int, Money] = {}
    rasio: dict[int, Cell] = {}
    pertumbuhan: Optional[Pertumbuhan] = None


class BarisAnggaran(JumlahAnggaran):
    kode: Optional[str] = None
    uraian: str
    rincian: list["BarisAnggaran"] = []


class AnggaranRealisasi(Node):
    tabel: str
    judul: Optional[str] = None
    tahun: list[int] = []
    baris: list[BarisAnggaran] = []
    jumlah: Optional[JumlahAnggaran] = None


# --------------------------------------------------------------------------- indicators, 4.1, 5.2, 7.1


class Indikator(Node):
    """An indicator occurrence on a table row."""

    no: Union[int, str, None] = None
    nama: str
    ref: Optional[str] = None
    satuan: Optional[str] = None
    arah: Optional[Literal["naik", "turun", "tetap"]] = None
    akhir_periode: Optional[Literal["jumlah", "tahun_akhir", "eksplisit"]] = None
    maks: Optional[Number] = None
    baseline: Optional[Cell] = None
    target: dict[int, Cell] = {}
    akhir: Optional[Cell] = None


class Sasaran41(Node):
    no: Union[int, str, None] = None
    nama: str
    indikator: list[Indikator] = []


class Tujuan41(Sasaran41):
    sasaran: list[Sasaran41] = []


class TujuanSasaran(Node):
    tabel: str
    judul: Optional[str] = None
    tujuan: list[Tujuan41] = []


class IndikatorRingkas(Node):
    nama: str
    ref: Optional[str] = None


class BarisStrategi(Node):
    tujuan: Optional[str] = None
    indikator_tujuan: Optional[IndikatorRingkas] = None
    sasaran: Optional[str] = None
    indikator_sasaran: Optional[IndikatorRingkas] = None
    strategi: Optional[str] = None
    arah_kebijakan: Optional[str] = None


class StrategiKebijakan(Node):
    tabel: str
    judul: Optional[str] = None
    baris: list[BarisStrategi] = []


class DaftarProgram(Node):
    bagian: Optional[str] = None
    program: list[str] = []


class KondisiAwal(Node):
    tahun: Optional[int] = None
    nilai: Optional[Cell] = None


class BarisIku(Node):
    no: Union[int, str, None] = None
    indikator: str
    ref: Optional[str] = None
    satuan: Optional[str] = None
    kondisi_awal: Optional[KondisiAwal] = None
    proyeksi: dict[int, Cell] = {}
    target: dict[int, Cell] = {}
    kondisi_akhir: Optional[Cell] = None


class IndikatorKinerja(Node):
    tabel: str
    judul: Optional[str] = None
    baris: list[BarisIku] = []


class Klaim(Node):
    jenis: str
    sumber: SumberTeks
    tabel: Optional[str] = None
    ref: Optional[str] = None
    subjek: Optional[str] = None
    tahun: Optional[int] = None
    tahun_pembanding: Optional[int] = None
    nilai: Optional[Cell] = None
    rp: Money = None
    kategori: Optional[str] = None
    predikat: Optional[str] = None


# --------------------------------------------------------------------------- Tabel 6.1

LEVELS_6_1 = ("tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan")


class Row61(Node):
    """One Tabel 6.1 row; `level` is one of LEVELS_6_1."""

    nama: str
    indikator: list[Indikator] = []
    anggaran: dict[int, Money] = {}
    anggaran_akhir: Money = None
    unit_kerja: Optional[str] = None
    lokasi: Optional[str] = None

    level: typing.ClassVar[str] = ""
    children_field: typing.ClassVar[Optional[str]] = None

    @property
    def children(self) -> list["Row61"]:
        return getattr(self, self.children_field) if self.children_field else []


class SubKegiatan(Row61):
    level: typing.ClassVar[str] = "sub_kegiatan"
    kode: str


class Kegiatan(Row61):
    level: typing.ClassVar[str] = "kegiatan"
    children_field: typing.ClassVar[Optional[str]] = "sub_kegiatan"
    kode: str
    sub_kegiatan: list[SubKegiatan] = []


class Program(Row61):
    level: typing.ClassVar[str] = "program"
    children_field: typing.ClassVar[Optional[str]] = "kegiatan"
    kode: str
    kegiatan: list[Kegiatan] = []


class Sasaran(Row61):
    level: typing.ClassVar[str] = "sasaran"
    children_field: typing.ClassVar[Optional[str]] = "program"
    program: list[Program] = []


class Tujuan(Row61):
    level: typing.ClassVar[str] = "tujuan"
    children_field: typing.ClassVar[Optional[str]] = "sasaran"
    sasaran: list[Sasaran] = []


class RencanaProgram(Node):
    tabel: str
    judul: Optional[str] = None
    tujuan: list[Tujuan] = []


class Plan(Node):
    versi_format: str
    dokumen: Dokumen
    wilayah: Wilayah
    indikator: list[IndikatorKatalog] = []
    pegawai: Optional[Pegawai] = None
    ip_asn: Optional[IpAsn] = None
    aset: Optional[Aset] = None
    sarana_prasarana: Optional[SaranaPrasarana] = None
    kinerja_pelayanan: Optional[KinerjaPelayanan] = None
    anggaran_realisasi: Optional[AnggaranRealisasi] = None
    tujuan_sasaran: Optional[TujuanSasaran] = None
    strategi_kebijakan: Optional[StrategiKebijakan] = None
    daftar_program: Optional[DaftarProgram] = None
    rencana_program: RencanaProgram
    indikator_kinerja: Optional[IndikatorKinerja] = None
    klaim: list[Klaim] = []

    def catalogue(self) -> dict[str, IndikatorKatalog]:
        """Catalogue indicators by `id`."""
        return {item.id: item for item in self.indikator}


def iter_rows_6_1(plan: Plan) -> Iterator[tuple[str, Row61, Optional[Row61]]]:
    """(level, row, parent) for every Tabel 6.1 row, in document order."""
    stack: list[tuple[Row61, Optional[Row61]]] = [(t, None) for t in reversed(plan.rencana_program.tujuan)]
    while stack:
        row, parent = stack.pop()
        yield row.level, row, parent
        stack.extend((child, row) for child in reversed(row.children))


# --------------------------------------------------------------------------- building


def parse_plan(data: dict) -> Plan:
    """The typed plan of `data`, which must have passed `validate()`."""
    with paused_gc():
        return _build(Plan, data, "")


def to_money(value: Any, _pointer: str = "") -> int | Decimal | None:
    """Rupiah as written in the document: int, Decimal for a decimal string, or None (a converter:
    the pointer is not needed)."""
    if isinstance(value, str):
        return Decimal(value) if "." in value else int(value)
    return value


def to_cell(value: Any, pointer: str) -> Cell:
    if isinstance(value, dict):
        nilai, teks = value.get("nilai"), value.get("teks")
        return _construct(Cell, {"pointer": pointer, "nilai": nilai, "satuan": value.get("satuan"), "teks": teks,
                                 "missing": nilai is None and teks is None}, _CELL_FIELDS)
    return _construct(Cell, {"pointer": pointer, "nilai": value, "satuan": None, "teks": None, "missing": value is None},
                      _CELL_FIELDS)


@lru_cache(maxsize=None)
def _all_fields(cls: type[BaseModel]) -> frozenset[str]:
    """Every field name of a model: objects are built with all their fields, and share this one
    immutable set as their `model_fields_set` (a set per object is half a plan's memory)."""
    return frozenset(cls.model_fields)


# BaseModel's slots, set as model_construct sets them (object.__setattr__ on each).
_set_dict = object.__setattr__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


def _construct(cls: type[BaseModel], values: dict, fields: frozenset[str]) -> Any:
    """The object `cls.model_construct(fields, **values)` makes, for `values` holding every field in
    declaration order (so pydantic would copy it unchanged) and `fields` = `_all_fields(cls)`, made
    directly: the plan classes have no aliases, extra values or post-init for model_construct to
    handle."""
    obj = object.__new__(cls)
    _set_dict(obj, "__dict__", values)
    _set_fields_set(obj, fields)
    _set_extra(obj, None)
    _set_private(obj, None)
    return obj


Converter = Callable[[Any, str], Any]
_CELL_FIELDS = _all_fields(Cell)


def _build(cls: type[BaseModel], data: dict, pointer: str) -> Any:
    fields, plan = _plan_for(cls)
    values = {"pointer": pointer}
    for key, suffix, convert, default, factory in plan:
        if key in data:
            value = data[key]
            values[key] = convert(value, pointer + suffix) if convert else value
        else:
            values[key] = default() if factory else default
    return _construct(cls, values, fields)


@lru_cache(maxsize=None)
def _plan_for(cls: type[BaseModel]) -> tuple[frozenset[str], tuple]:
    """The model's fields set and (key, pointer suffix, converter or None, default, whether the
    default is a factory) per field after `pointer`, in declaration order; computed once per class."""
    fields = list(cls.model_fields.items())
    if fields[0][0] != "pointer" or cls.__pydantic_post_init__ or cls.model_config.get("extra") == "allow" or any(
            f.alias or f.validation_alias for _, f in fields):
        raise TypeError(f"{cls.__name__}: _construct cannot build this model")
    hints = typing.get_type_hints(cls, include_extras=True)
    plan = []
    for name, field in fields[1:]:
        default = field.default
        if isinstance(default, (list, dict)):
            default = type(default)
        plan.append((name, "/" + escape_token(name), _converter(hints[name]), default, callable(default)))
    return _all_fields(cls), tuple(plan)


def _token(key: str) -> str:
    return key if "~" not in key and "/" not in key else escape_token(key)


def _converter(annotation: Any) -> Converter | None:
    if typing.get_origin(annotation) is Annotated:
        if _Money in typing.get_args(annotation)[1:]:
            return to_money
        return _converter(typing.get_args(annotation)[0])
    origin = typing.get_origin(annotation)
    if origin in (Union, types.UnionType):
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        converters = [c for c in map(_converter, members) if c]
        if not converters:
            return None
        convert = converters[0]
        if members[0] is Cell:
            return convert
        return lambda value, p: None if value is None else convert(value, p)
    if origin is list:
        item = _converter(typing.get_args(annotation)[0])
        if item is None:
            return lambda value, _p: list(value)
        return lambda value, p: [item(v, f"{p}/{i}") for i, v in enumerate(value)]
    if origin is dict:
        key_type, value_type = typing.get_args(annotation)
        item = _converter(value_type)
        if key_type is int:  # year keys: four digits (schema), nothing to escape in a pointer
            if item is None:
                return lambda value, _p: {int(k): v for k, v in value.items() if not k.startswith("x-")}
            return lambda value, p: {int(k): item(v, f"{p}/{k}") for k, v in value.items() if not k.startswith("x-")}
        if item is None:
            return lambda value, _p: {str(k): v for k, v in value.items() if not k.startswith("x-")}
        return lambda value, p: {
            str(k): item(v, f"{p}/{_token(k)}") for k, v in value.items() if not k.startswith("x-")
        }
    if annotation is Cell:
        return to_cell
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return lambda value, p: _build(annotation, value, p)
    return None
