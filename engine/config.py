"""Configuration: `telaah.toml` or `[tool.telaah]` in `pyproject.toml`, found by walking up from
the checked file; command-line flags override it.

Keys (all optional):

    select = ["ANG", "TGT001"]        # code prefixes to run (default: all)
    ignore = ["KOD004"]               # code prefixes to skip
    per-file-ignores = {"draft/*.yaml" = ["KEL"]}
    severity = {KOD004 = "info"}      # severity overrides
    lang = "id"                       # id | en
    fail-on = "error"                 # error | warning | info | never
    nomenclature = "kepmendagri-050-5889-2021"
    [tolerance]
    rupiah = 0                        # absolute Rp difference still accepted in sums
    [end-of-period]                   # how an indicator's end value is formed, by unit
    dokumen = "jumlah"
    "%" = "tahun_akhir"
    [kelurahan]
    min-rp = 0                        # minimum Rp per kelurahan per year (PP 17/2018 Ps. 30(7)); 0 = not checked
    [limits]                          # bounds on one input file (engine/errors.py, Limits; docs/robustness.md)
    max-file-bytes = 67108864         # also max-depth, max-alias-nodes, max-string-chars, max-array-items,
                                      # max-number-digits, max-rows
"""
from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from .errors import InputError, Limits

LANGS = ("id", "en")
FAIL_LEVELS = ("error", "warning", "info", "never")
SEVERITIES = ("error", "warning", "info")
END_METHODS = ("jumlah", "tahun_akhir", "eksplisit")

# How an indicator's end-of-period value is formed when neither the catalogue nor the occurrence
# says so [open in the domain reference: configurable]. Units are compared lower-cased, spaces removed.
DEFAULT_END_OF_PERIOD = {
    "dokumen": "jumlah",
    "laporan": "jumlah",
    "unit": "jumlah",
    "paket": "jumlah",
    "kegiatan": "jumlah",
    "orang": "jumlah",
    "keluarga": "jumlah",
    "lembagakemasyarakatan": "jumlah",
    "pokmas": "jumlah",
    "%": "tahun_akhir",
    "persen": "tahun_akhir",
    "nilai": "tahun_akhir",
    "skor": "tahun_akhir",
    "indeks": "tahun_akhir",
    "orang/bulan": "tahun_akhir",
}

NOMENCLATURES = ("kepmendagri-050-5889-2021",)

CONFIG_FILES = ("telaah.toml", "pyproject.toml")


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    lang: str = "id"
    fail_on: str = "error"
    nomenclature: str = NOMENCLATURES[0]
    tolerance_rupiah: int = 0
    end_of_period: tuple[tuple[str, str], ...] = tuple(sorted(DEFAULT_END_OF_PERIOD.items()))
    kelurahan_min_rp: int = 0
    limits: Limits = Limits()
    source: str | None = None  # the file the configuration came from

    # -- queries -------------------------------------------------------------------------
    def rule_enabled(self, code: str, path: str | None = None) -> bool:
        if self.select and not any(code.startswith(p) for p in self.select):
            return False
        if any(code.startswith(p) for p in self.ignore):
            return False
        if path is not None:
            for pattern, codes in self.per_file_ignores:
                if _path_matches(path, pattern) and any(code.startswith(p) for p in codes):
                    return False
        return True

    def severity_of(self, code: str, default: str) -> str:
        return dict(self.severity).get(code, default)

    def end_method_for_unit(self, unit: str | None) -> str | None:
        if not unit:
            return None
        return dict(self.end_of_period).get(normalise_unit(unit))

    def to_dict(self) -> dict:
        return {
            "select": list(self.select),
            "ignore": list(self.ignore),
            "per-file-ignores": {p: list(c) for p, c in self.per_file_ignores},
            "severity": dict(self.severity),
            "lang": self.lang,
            "fail-on": self.fail_on,
            "nomenclature": self.nomenclature,
            "tolerance": {"rupiah": self.tolerance_rupiah},
            "end-of-period": dict(self.end_of_period),
            "kelurahan": {"min-rp": self.kelurahan_min_rp},
            "limits": {f.name.replace("_", "-"): getattr(self.limits, f.name) for f in fields(Limits)},
            "source": self.source,
        }


def normalise_unit(unit: str) -> str:
    return "".join(unit.lower().split())


def _path_matches(path: str, pattern: str) -> bool:
    p = Path(path)
    return fnmatch.fnmatch(p.as_posix(), pattern) or fnmatch.fnmatch(p.name, pattern) or any(
        fnmatch.fnmatch("/".join(p.parts[i:]), pattern) for i in range(len(p.parts))
    )


def find_config_file(start: Path) -> Path | None:
    """The nearest telaah.toml, or pyproject.toml with a [tool.telaah] table, walking up."""
    try:
        start = start.resolve()
    except (OSError, RuntimeError):  # a symbolic-link loop: reading the file reports it
        start = start.absolute()
    here = start if start.is_dir() else start.parent
    for folder in (here, *here.parents):
        telaah_toml = folder / "telaah.toml"
        if telaah_toml.is_file():
            return telaah_toml
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "telaah" in _read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def _read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"konfigurasi tidak dapat dibaca: {exc}", f"cannot read the configuration: {exc}", file=str(path), pointer="") from None


_KEYS = {
    "select", "ignore", "per-file-ignores", "severity", "lang", "fail-on", "nomenclature",
    "tolerance", "end-of-period", "kelurahan", "limits",
}


def _codes(value, key: str, where: str, known_codes: set[str] | None) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(f"'{key}' harus berupa daftar kode aturan", f"'{key}' must be a list of rule codes", file=where, pointer=f"/{key}")
    for code in value:
        _check_code(code, key, where, known_codes)
    return tuple(value)


def _check_code(code: str, key: str, where: str, known_codes: set[str] | None) -> None:
    if known_codes is not None and not any(k.startswith(code) for k in known_codes):
        raise InputError(f"kode aturan tidak dikenal di '{key}': {code}", f"unknown rule code in '{key}': {code}", file=where, pointer=f"/{key}")


def parse_config(table: dict, where: str, known_codes: set[str] | None = None, base: Config | None = None) -> Config:
    """Build a Config from a TOML table; every mistake is an InputError naming the key."""
    cfg = base or Config()
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise InputError(f"kunci konfigurasi tidak dikenal: '{unknown[0]}'", f"unknown configuration key: '{unknown[0]}'", file=where, pointer=f"/{unknown[0]}")
    changes: dict = {"source": where}
    if "select" in table:
        changes["select"] = _codes(table["select"], "select", where, known_codes)
    if "ignore" in table:
        changes["ignore"] = _codes(table["ignore"], "ignore", where, known_codes)
    if "per-file-ignores" in table:
        pfi = table["per-file-ignores"]
        if not isinstance(pfi, dict):
            raise InputError("'per-file-ignores' harus berupa tabel pola → daftar kode", "'per-file-ignores' must be a table of pattern → list of codes", file=where, pointer="/per-file-ignores")
        changes["per_file_ignores"] = tuple(
            (pattern, _codes(codes, f"per-file-ignores/{pattern}", where, known_codes))
            for pattern, codes in sorted(pfi.items())
        )
    if "severity" in table:
        sev = table["severity"]
        if not isinstance(sev, dict):
            raise InputError("'severity' harus berupa tabel kode → tingkat", "'severity' must be a table of code → level", file=where, pointer="/severity")
        for code, level in sev.items():
            _check_code(code, "severity", where, known_codes)
            if level not in SEVERITIES:
                raise InputError(f"tingkat '{level}' tidak dikenal (pilih: {', '.join(SEVERITIES)})", f"unknown level '{level}' (choose: {', '.join(SEVERITIES)})", file=where, pointer=f"/severity/{code}")
        changes["severity"] = tuple(sorted(sev.items()))
    for key, attr, allowed in (("lang", "lang", LANGS), ("fail-on", "fail_on", FAIL_LEVELS), ("nomenclature", "nomenclature", NOMENCLATURES)):
        if key in table:
            if table[key] not in allowed:
                raise InputError(f"nilai '{table[key]}' untuk '{key}' tidak dikenal (pilih: {', '.join(allowed)})", f"unknown value '{table[key]}' for '{key}' (choose: {', '.join(allowed)})", file=where, pointer=f"/{key}")
            changes[attr] = table[key]
    if "tolerance" in table:
        tol = table["tolerance"]
        if not isinstance(tol, dict) or set(tol) - {"rupiah"} or not isinstance(tol.get("rupiah", 0), int) or tol.get("rupiah", 0) < 0:
            raise InputError("'tolerance' hanya menerima 'rupiah' (bilangan bulat ≥ 0)", "'tolerance' takes only 'rupiah' (an integer ≥ 0)", file=where, pointer="/tolerance")
        changes["tolerance_rupiah"] = tol.get("rupiah", 0)
    if "end-of-period" in table:
        eop = table["end-of-period"]
        if not isinstance(eop, dict) or any(v not in END_METHODS for v in eop.values()):
            raise InputError(f"'end-of-period' memetakan satuan ke salah satu dari: {', '.join(END_METHODS)}", f"'end-of-period' maps units to one of: {', '.join(END_METHODS)}", file=where, pointer="/end-of-period")
        merged = dict(cfg.end_of_period)
        merged.update({normalise_unit(k): v for k, v in eop.items()})
        changes["end_of_period"] = tuple(sorted(merged.items()))
    if "kelurahan" in table:
        kel = table["kelurahan"]
        if not isinstance(kel, dict) or set(kel) - {"min-rp"} or not isinstance(kel.get("min-rp", 0), int) or kel.get("min-rp", 0) < 0:
            raise InputError("'kelurahan' hanya menerima 'min-rp' (bilangan bulat ≥ 0)", "'kelurahan' takes only 'min-rp' (an integer ≥ 0)", file=where, pointer="/kelurahan")
        changes["kelurahan_min_rp"] = kel.get("min-rp", 0)
    if "limits" in table:
        changes["limits"] = _limits(table["limits"], cfg.limits, where)
    return replace(cfg, **changes)


def _limits(table, base: Limits, where: str) -> Limits:
    names = {f.name.replace("_", "-"): f.name for f in fields(Limits)}
    if not isinstance(table, dict):
        raise InputError("'limits' harus berupa tabel", "'limits' must be a table", file=where, pointer="/limits")
    for key, value in table.items():
        if key not in names or type(value) is not int or value < 1:
            raise InputError(f"'limits' menerima {', '.join(sorted(names))}, masing-masing bilangan bulat ≥ 1",
                             f"'limits' takes {', '.join(sorted(names))}, each an integer ≥ 1", file=where, pointer=f"/limits/{key}")
    return replace(base, **{names[k]: v for k, v in table.items()})


def load_config(start: Path, explicit: Path | None = None, known_codes: set[str] | None = None) -> Config:
    path = explicit or find_config_file(start)
    if path is None:
        return Config()
    if not path.is_file():
        raise InputError("berkas konfigurasi tidak ditemukan", "configuration file not found", file=str(path), pointer="")
    data = _read_toml(path)
    table = data.get("tool", {}).get("telaah", {}) if path.name == "pyproject.toml" else data
    return parse_config(table, str(path), known_codes)


def override(cfg: Config, **flags) -> Config:
    """Apply command-line flags (None = not given)."""
    names = {f.name for f in fields(Config)}
    return replace(cfg, **{k: v for k, v in flags.items() if v is not None and k in names})
