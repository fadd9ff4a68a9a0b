"""Write a synthetic IKM survey (CSV, one row per respondent, U1…U9 rated 1–4), reproducibly.

    python benchmarks/gen_survei_ikm.py --rows 400 --seed 2023 > samples/survei-ikm-pandaan.csv

The shipped sample is this script's output with the defaults; larger `--rows` give inputs for
timing `telaah ikm`. The respondents are invented: no real person's answers.
"""
from __future__ import annotations

import argparse
import csv
import random
import sys
from datetime import date, timedelta

SERVICES = ["KTP-el", "Kartu Keluarga", "Akta Kelahiran", "Surat Pindah", "IMB/PBG", "Legalisasi", "Dispensasi Nikah"]
GENDERS = ["L", "P"]
EDUCATION = ["SD", "SMP", "SMA", "D3", "S1", "S2"]
# Chance of rating 1, 2, 3, 4 per unsur: most are satisfied, U3 (Waktu Penyelesaian) least.
WEIGHTS = {
    "U1": (1, 4, 45, 50), "U2": (1, 5, 44, 50), "U3": (2, 12, 50, 36), "U4": (0, 2, 20, 78),
    "U5": (1, 4, 47, 48), "U6": (1, 5, 42, 52), "U7": (0, 3, 35, 62), "U8": (2, 8, 48, 42),
    "U9": (1, 6, 45, 48),
}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=400)
    parser.add_argument("--seed", type=int, default=2023)
    args = parser.parse_args(argv)
    rnd = random.Random(args.seed)
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["no", "tanggal", "layanan", "jenis_kelamin", "usia", "pendidikan", *WEIGHTS])
    start = date(2023, 1, 2)
    for no in range(1, args.rows + 1):
        out.writerow([
            no,
            (start + timedelta(days=rnd.randrange(360))).isoformat(),
            rnd.choice(SERVICES),
            rnd.choice(GENDERS),
            rnd.randint(17, 75),
            rnd.choice(EDUCATION),
            *(rnd.choices((1, 2, 3, 4), weights=w)[0] for w in WEIGHTS.values()),
        ])


if __name__ == "__main__":
    main()
