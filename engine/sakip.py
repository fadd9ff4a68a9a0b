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
SCHEMA_FILE = "sakip-data.schema.json"
WEAKEST_COUNT = 3


class SakipError(ValueError):
    """A wrong LKE answer or data value; `path` locates it (tokens under `komponen` for an LKE
    answer, from the top for a data file); `message` is {"id": …, "en": …}."""

    def __init__(self, path: tuple, message: dict[str, str]):
        super().__init__(message["en"])
        self.path = path
        self.message = message


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


@dataclass(frozen=True)
class Predicate:
    kode: str  # AA … D
    sebutan: dict[str, str]  # {"id": "Sangat Baik", "en": "Very good"}
    above: Decimal | None  # the band holds values strictly above this bound; None = from 0


def _shown(value: Number) -> dict[str, str]:
    """A number as each language writes it (4,5 / 4.5), for messages."""
    text = round_half_up(value).normalize()
    return {lang: format_value(text, lang) for lang in ("id", "en")}


def _names(value: dict) -> dict[str, str]:
    return {"id": value["id"], "en": value.get("en", value["id"])}


@dataclass(frozen=True)
class Scheme:
    """Weights, grade percentages and predicate bounds: one version of the data file."""

    version: str
    components: tuple[Component, ...]
    grades: dict[str, Fraction]
    predicates: tuple[Predicate, ...]  # best first

    @classmethod
    def from_data(cls, data: dict) -> Scheme:
        """A scheme from data of the shape `data/sakip-data.schema.json` describes (checked by the
        caller); SakipError when the weights do not add up to 100 or the bounds are out of order."""
        for key in ("komponen", "sub_komponen", "jawaban", "predikat"):
            codes = [row["kode"] for row in data[key]]
            for i, code in enumerate(codes):
                if code in codes[:i]:
                    raise SakipError((key, i, "kode"), {"id": f"kode {code!r} ganda", "en": f"duplicate code {code!r}"})
        components = tuple(
            Component(
                kode=comp["kode"],
                nama=_names(comp["nama"]),
                bobot=to_fraction(comp["bobot"]),
                sub=tuple(
                    SubComponent(sub["kode"], _names(sub["nama"]), to_fraction(comp["bobot"]) * to_fraction(sub["persen_bobot"]) / 100)
                    for sub in data["sub_komponen"]
                ),
            )
            for comp in data["komponen"]
        )
        for key, total in (("komponen", sum(c.bobot for c in components)),
                           ("sub_komponen", sum(to_fraction(s["persen_bobot"]) for s in data["sub_komponen"]))):
            if total != 100:
                shown = _shown(total)
                raise SakipError((key,), {"id": f"jumlah bobot {shown['id']}, seharusnya 100", "en": f"the weights add up to {shown['en']}, not 100"})
        predicates = tuple(Predicate(row["kode"], _names(row["sebutan"]), row["di_atas"]) for row in data["predikat"])
        bounds = [p.above for p in predicates]
        if None in bounds[:-1] or bounds[-1] is not None or bounds[:-1] != sorted(set(bounds[:-1]), reverse=True):
            raise SakipError(("predikat",), {
                "id": "batas 'di_atas' harus menurun tegas, dan hanya predikat terakhir tanpa batas (null)",
                "en": "the 'di_atas' bounds must strictly decrease, and only the last predicate has none (null)",
            })
        grades = {row["kode"]: to_fraction(row["persen"]) for row in data["jawaban"]}
        return cls(data["versi"], components, grades, predicates)


DEFAULT_SCHEME = Scheme.from_data(load_data(DATA_FILE))
COMPONENTS = DEFAULT_SCHEME.components
GRADES = DEFAULT_SCHEME.grades


def sakip_predicate(value: Number, scheme: Scheme = DEFAULT_SCHEME) -> Predicate:
    """Predicate of a total (0–100) after rounding it half-up to 2 decimals: 90,00 → A, 90,01 → AA."""
    rounded = rounded_within(value, 0, 100, "SAKIP value")
    return next(p for p in scheme.predicates if p.above is None or rounded > p.above)


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


def _sub_value(sub: SubComponent, answer: Answer, path: tuple, grades: dict[str, Fraction]) -> Fraction:
    if isinstance(answer, (str, bytes)) or not isinstance(answer, Sequence):
        try:
            value = to_fraction(answer)
        except (TypeError, ValueError):
            raise SakipError(path, {
                "id": f"jawaban harus daftar nilai huruf (AA … E) atau angka, bukan {answer!r}",
                "en": f"an answer is a list of grades (AA … E) or a number, not {answer!r}",
            }) from None
        if not 0 <= value <= sub.bobot:
            given = {lang: format_value(answer, lang) for lang in ("id", "en")}  # exactly as written
            weight = _shown(sub.bobot)
            raise SakipError(path, {
                "id": f"nilai {given['id']} di luar rentang 0 … {weight['id']} (bobot sub-komponen)",
                "en": f"value {given['en']} is outside 0 … {weight['en']} (the sub-component weight)",
            })
        return value
    if not answer:
        raise SakipError(path, {"id": "daftar nilai kriteria kosong", "en": "the list of criterion grades is empty"})
    for index, grade in enumerate(answer):
        if not isinstance(grade, str) or grade not in grades:
            raise SakipError((*path, index), {
                "id": f"nilai huruf {grade!r} tidak dikenal (pilih: {', '.join(grades)})",
                "en": f"unknown grade {grade!r} (one of: {', '.join(grades)})",
            })
    return sub.bobot * sum(grades[g] for g in answer) / (100 * len(answer))


def evaluate(answers: Mapping[str, Mapping[str, Answer]], scheme: Scheme = DEFAULT_SCHEME) -> SakipResult:
    """Evaluate an LKE: `answers[component][sub_component]` for every component and sub-component."""
    known = [c.kode for c in scheme.components]
    for kode in answers:
        if kode not in known:
            raise SakipError((kode,), {
                "id": f"komponen {kode!r} tidak dikenal (pilih: {', '.join(known)})",
                "en": f"unknown component {kode!r} (one of: {', '.join(known)})",
            })
    scores = []
    for comp in scheme.components:
        given = answers.get(comp.kode)
        if given is None:
            raise SakipError((comp.kode,), {"id": "komponen belum diisi", "en": "the component is not answered"})
        subs = {s.kode for s in comp.sub}
        for kode in given:
            if kode not in subs:
                raise SakipError((comp.kode, kode), {
                    "id": f"sub-komponen {kode!r} tidak dikenal (pilih: {', '.join(s.kode for s in comp.sub)})",
                    "en": f"unknown sub-component {kode!r} (one of: {', '.join(s.kode for s in comp.sub)})",
                })
        sub_scores = []
        for sub in comp.sub:
            if sub.kode not in given:
                raise SakipError((comp.kode, sub.kode), {"id": "sub-komponen belum diisi", "en": "the sub-component is not answered"})
            sub_scores.append(SubScore(comp, sub, _sub_value(sub, given[sub.kode], (comp.kode, sub.kode), scheme.grades)))
        scores.append(ComponentScore(comp, tuple(sub_scores)))
    total = sum((c.value for c in scores), Fraction(0))
    all_subs = [s for c in scores for s in c.subs]  # in data order: ties keep it
    weakest = sorted(all_subs, key=lambda s: s.share)[:WEAKEST_COUNT]
    return SakipResult(tuple(scores), total, round_half_up(total), sakip_predicate(total, scheme), tuple(weakest))
