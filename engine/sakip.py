"""SAKIP evaluation (Evaluasi AKIP), PermenPAN-RB 88/2021.

Four components, each split into keberadaan / kualitas / pemanfaatan. A sub-component is answered
either with one grade (AA … E) per criterion — its value is the sub-component weight × the mean of
the grades' percentages — or with its value directly (points, 0 … its weight). Component value =
Σ sub-component values; total = Σ component values, exact, rounded half-up to 2 decimals at the
end; the rounded total gets the predicate (> 90 AA … 0–30 D). Weights, the split, grade
percentages and predicate bounds live in `data/sakip-permenpanrb-88-2021.json`, each value marked
reg / impl / open, because several are not confirmed.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .exact import Number, round_half_up, rounded_within, to_fraction
from .refdata import load_data
from .reporters import format_value

DATA_FILE = "sakip-permenpanrb-88-2021.json"
_DATA = load_data(DATA_FILE)

DATA_VERSION: str = _DATA["versi"]
GRADES: dict[str, Fraction] = {row["kode"]: to_fraction(row["persen"]) for row in _DATA["jawaban"]}
TOTAL_MIN = to_fraction(_DATA["rentang_nilai"]["min"])
TOTAL_MAX = to_fraction(_DATA["rentang_nilai"]["maks"])
WEAKEST_COUNT = 3


@dataclass(frozen=True)
class SubComponent:
    kode: str
    nama: dict[str, str]
    bobot: Fraction


@dataclass(frozen=True)
class Component:
    kode: str
    nama: dict[str, str]
    bobot: Fraction
    sub: tuple[SubComponent, ...]


COMPONENTS: tuple[Component, ...] = tuple(
    Component(
        kode=comp["kode"],
        nama=dict(comp["nama"]),
        bobot=to_fraction(comp["bobot"]),
        sub=tuple(
            SubComponent(sub["kode"], dict(sub["nama"]), to_fraction(comp["bobot"]) * to_fraction(sub["persen_bobot"]) / 100)
            for sub in _DATA["sub_komponen"]
        ),
    )
    for comp in _DATA["komponen"]
)


@dataclass(frozen=True)
class Predicate:
    kode: str  # AA … D
    sebutan: dict[str, str]  # {"id": "Sangat Baik", "en": "Very good"}
    above: Decimal | None  # the band holds values strictly above this bound; None = from the minimum


# Listed best first in the data file.
_PREDICATES: tuple[Predicate, ...] = tuple(
    Predicate(row["kode"], dict(row["sebutan"]), row["di_atas"]) for row in _DATA["predikat"]
)


def sakip_predicate(value: Number) -> Predicate:
    """Predicate of a total (0–100) after rounding it half-up to 2 decimals: 90,00 → A, 90,01 → AA."""
    rounded = rounded_within(value, TOTAL_MIN, TOTAL_MAX, "SAKIP value")
    return next(p for p in _PREDICATES if p.above is None or rounded > p.above)


class LkeError(ValueError):
    """A wrong LKE answer; `path` is (component, sub-component[, index]) of the answer."""

    def __init__(self, path: tuple, message: dict[str, str]):
        super().__init__(message["en"])
        self.path = path
        self.message = message


# An answer: a sequence of grades, one per criterion, or the sub-component's value in points.
Answer = Sequence[str] | Number


@dataclass(frozen=True)
class SubScore:
    component: Component
    sub: SubComponent
    value: Fraction  # exact points, 0 … sub.bobot

    @property
    def share(self) -> Fraction:
        """The part of the weight obtained (0 … 1)."""
        return self.value / self.sub.bobot


@dataclass(frozen=True)
class ComponentScore:
    component: Component
    subs: tuple[SubScore, ...]

    @property
    def value(self) -> Fraction:
        return sum((s.value for s in self.subs), Fraction(0))

    @property
    def share(self) -> Fraction:
        return self.value / self.component.bobot


@dataclass(frozen=True)
class SakipResult:
    components: tuple[ComponentScore, ...]
    total_exact: Fraction
    total: Decimal  # rounded half-up to 2 decimals
    predicate: Predicate
    weakest: tuple[SubScore, ...]  # the lowest shares of their weight, worst first


def _sub_value(sub: SubComponent, answer: Answer, path: tuple) -> Fraction:
    if isinstance(answer, (str, bytes)) or not isinstance(answer, Sequence):
        try:
            value = to_fraction(answer)
        except (TypeError, ValueError):
            raise LkeError(path, {
                "id": f"jawaban harus daftar nilai huruf (AA … E) atau angka, bukan {answer!r}",
                "en": f"an answer is a list of grades (AA … E) or a number, not {answer!r}",
            }) from None
        if not 0 <= value <= sub.bobot:
            shown = {lang: (format_value(answer, lang), format_value(round_half_up(sub.bobot).normalize(), lang)) for lang in ("id", "en")}
            raise LkeError(path, {
                "id": "nilai {} di luar rentang 0 … {} (bobot sub-komponen)".format(*shown["id"]),
                "en": "value {} is outside 0 … {} (the sub-component weight)".format(*shown["en"]),
            })
        return value
    if not answer:
        raise LkeError(path, {"id": "daftar nilai kriteria kosong", "en": "the list of criterion grades is empty"})
    for index, grade in enumerate(answer):
        if not isinstance(grade, str) or grade not in GRADES:
            raise LkeError((*path, index), {
                "id": f"nilai huruf {grade!r} tidak dikenal (pilih: {', '.join(GRADES)})",
                "en": f"unknown grade {grade!r} (one of: {', '.join(GRADES)})",
            })
    return sub.bobot * sum(GRADES[g] for g in answer) / (100 * len(answer))


def evaluate(answers: Mapping[str, Mapping[str, Answer]]) -> SakipResult:
    """Evaluate an LKE: `answers[component][sub_component]` for every component and sub-component."""
    known = {c.kode for c in COMPONENTS}
    for kode in answers:
        if kode not in known:
            raise LkeError((kode,), {
                "id": f"komponen {kode!r} tidak dikenal (pilih: {', '.join(c.kode for c in COMPONENTS)})",
                "en": f"unknown component {kode!r} (one of: {', '.join(c.kode for c in COMPONENTS)})",
            })
    scores = []
    for comp in COMPONENTS:
        given = answers.get(comp.kode)
        if given is None:
            raise LkeError((comp.kode,), {"id": "komponen belum diisi", "en": "the component is not answered"})
        subs = {s.kode for s in comp.sub}
        for kode in given:
            if kode not in subs:
                raise LkeError((comp.kode, kode), {
                    "id": f"sub-komponen {kode!r} tidak dikenal (pilih: {', '.join(s.kode for s in comp.sub)})",
                    "en": f"unknown sub-component {kode!r} (one of: {', '.join(s.kode for s in comp.sub)})",
                })
        sub_scores = []
        for sub in comp.sub:
            if sub.kode not in given:
                raise LkeError((comp.kode, sub.kode), {"id": "sub-komponen belum diisi", "en": "the sub-component is not answered"})
            sub_scores.append(SubScore(comp, sub, _sub_value(sub, given[sub.kode], (comp.kode, sub.kode))))
        scores.append(ComponentScore(comp, tuple(sub_scores)))
    total = sum((c.value for c in scores), Fraction(0))
    all_subs = [s for c in scores for s in c.subs]  # in data order: ties keep it
    weakest = sorted(all_subs, key=lambda s: s.share)[:WEAKEST_COUNT]
    return SakipResult(tuple(scores), total, round_half_up(total), sakip_predicate(total), tuple(weakest))
