#!/usr/bin/env python3
"""Writes docs/tour/reference.csv and current.csv: 300 seeded rows each, the current sample shifted
(log-normal amounts, more US rows), so the README tour's `drift` shows drift in both column kinds."""
import random

for name, shift, seed in (("reference", 0.0, 1), ("current", 0.4, 2)):
    r = random.Random(seed)
    with open(f"docs/tour/{name}.csv", "w") as f:
        f.write("amount,country\n")
        for _ in range(300):
            amount = round(r.lognormvariate(3.0 + shift, 0.5), 2)
            country = r.choices(["DE", "FR", "US"], weights=[5, 3, 2 + 6 * shift])[0]
            f.write(f"{amount},{country}\n")
