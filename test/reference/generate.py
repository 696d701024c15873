#!/usr/bin/python3
"""Reference figures for modelgate's statistics, computed with scipy / numpy / pandas.

Run from the repository root:  /usr/bin/python3 test/reference/generate.py
(Debian: apt-get install python3-scipy python3-numpy python3-pandas). The tests read the JSON
it writes and never need Python.

Inputs are deterministic: small samples are stored in the JSON; large ones are described by a
seed and drawn from mulberry32, a 32-bit generator implemented identically in
test/reference/generator.ts. Only exact IEEE operations (+, -, *, /) shape the draws, so both
languages produce bit-identical samples.
"""

import json
import math
import os
import sys

import numpy as np
import pandas as pd
import scipy
from scipy import special, stats

OUT = os.path.dirname(os.path.abspath(__file__))
M32 = 0xFFFFFFFF


def mulberry32(seed):
    state = seed & M32

    def next_u32():
        nonlocal state
        state = (state + 0x6D2B79F5) & M32
        t = state
        t = ((t ^ (t >> 15)) * (t | 1)) & M32
        t = (t ^ (t + (((t ^ (t >> 7)) * (t | 61)) & M32))) & M32
        return (t ^ (t >> 14)) & M32

    return next_u32


def draw(spec):
    """A sample from {seed, n, shape, shift, scale, decimals?} (see generator.ts)."""
    nxt = mulberry32(spec["seed"])
    n, shape = spec["n"], spec["shape"]
    shift, scale = spec.get("shift", 0.0), spec.get("scale", 1.0)
    out = np.empty(n)
    for i in range(n):
        if shape == "uniform":
            v = nxt() / 4294967296.0
        elif shape == "bell":  # Irwin-Hall(4), centred
            v = (nxt() / 4294967296.0 + nxt() / 4294967296.0 + nxt() / 4294967296.0 + nxt() / 4294967296.0) - 2.0
        elif shape == "levels":  # few distinct values: heavy ties
            v = float(nxt() % spec["levels"])
        else:
            raise ValueError(shape)
        out[i] = v * scale + shift
    return out


def fl(x):
    x = float(x)
    return x if math.isfinite(x) else str(x)


def ks_case(name, a=None, b=None, spec_a=None, spec_b=None):
    if a is None:
        a, b = draw(spec_a), draw(spec_b)
    r = stats.ks_2samp(a, b)
    n1, n2 = len(a), len(b)
    method = "exact" if max(n1, n2) <= 10000 else "asymp"
    case = {"name": name, "statistic": fl(r.statistic), "pvalue": fl(r.pvalue), "method": method}
    if spec_a is None:
        case["a"], case["b"] = [float(v) for v in a], [float(v) for v in b]
    else:
        case["spec_a"], case["spec_b"] = spec_a, spec_b
    return case


def ks_cases():
    cases = []
    rng = np.random.default_rng(20261122)
    # Exact: equal sizes (reflection sum), unequal (band recursion), ties, tiny p-values.
    cases.append(ks_case("exact equal n, same distribution", np.round(rng.normal(0, 1, 60), 6), np.round(rng.normal(0, 1, 60), 6)))
    cases.append(ks_case("exact unequal n, mild shift", np.round(rng.normal(0, 1, 80), 6), np.round(rng.normal(0.3, 1, 130), 6)))
    cases.append(ks_case("exact coprime sizes", np.round(rng.normal(0, 1, 97), 6), np.round(rng.normal(0.1, 1.2, 101), 6)))
    cases.append(ks_case("exact heavy ties", rng.integers(0, 4, 150).astype(float), rng.integers(0, 5, 170).astype(float)))
    cases.append(ks_case("exact identical samples", np.arange(25.0), np.arange(25.0)))
    cases.append(ks_case("exact tiny n", np.array([1.0, 2.0, 3.0]), np.array([2.5, 4.0, 5.0, 6.0])))
    cases.append(ks_case("exact disjoint, p tiny (equal n)", np.round(rng.normal(0, 1, 60), 6), np.round(rng.normal(100, 1, 60), 6)))
    cases.append(ks_case("exact disjoint, p tiny (unequal n)", np.round(rng.normal(0, 1, 90), 6), np.round(rng.normal(100, 1, 75), 6)))
    cases.append(ks_case("exact strong shift, p ~1e-30", np.round(rng.normal(0, 1, 200), 6), np.round(rng.normal(2.0, 1, 230), 6)))
    cases.append(ks_case("exact strong shift, equal n, p < 1e-40", np.round(rng.normal(0, 1, 300), 6), np.round(rng.normal(2.5, 1, 300), 6)))
    cases.append(ks_case("exact one sample of one", np.array([0.5]), np.round(rng.normal(0, 1, 40), 6)))
    # Larger exact (still <= 10000), via the generator.
    cases.append(ks_case("exact 3000 vs 2000 bell, small shift", spec_a={"seed": 1, "n": 3000, "shape": "bell"}, spec_b={"seed": 2, "n": 2000, "shape": "bell", "shift": 0.05}))
    cases.append(ks_case("exact 10000 vs 10000 equal n", spec_a={"seed": 3, "n": 10000, "shape": "bell"}, spec_b={"seed": 4, "n": 10000, "shape": "bell", "shift": 0.02}))
    cases.append(ks_case("exact 10000 vs 9999 ties", spec_a={"seed": 5, "n": 10000, "shape": "levels", "levels": 7}, spec_b={"seed": 6, "n": 9999, "shape": "levels", "levels": 7}))
    # Asymptotic: kstwo at n = round(mn/(m+n)), every branch of _kolmogn.
    cases.append(ks_case("asymp 20000 vs 15000, same distribution", spec_a={"seed": 7, "n": 20000, "shape": "bell"}, spec_b={"seed": 8, "n": 15000, "shape": "bell"}))
    cases.append(ks_case("asymp 20000 vs 30000, shift, p ~1e-5", spec_a={"seed": 9, "n": 20000, "shape": "bell"}, spec_b={"seed": 10, "n": 30000, "shape": "bell", "shift": 0.04}))
    cases.append(ks_case("asymp 20000 vs 30000, shift, p ~1e-30", spec_a={"seed": 11, "n": 20000, "shape": "bell"}, spec_b={"seed": 12, "n": 30000, "shape": "bell", "shift": 0.11}))
    cases.append(ks_case("asymp 12000 vs 11000, large shift, p ~0", spec_a={"seed": 13, "n": 12000, "shape": "bell"}, spec_b={"seed": 14, "n": 11000, "shape": "bell", "shift": 0.5}))
    cases.append(ks_case("asymp heavy ties 20000 vs 25000", spec_a={"seed": 15, "n": 20000, "shape": "levels", "levels": 12}, spec_b={"seed": 16, "n": 25000, "shape": "levels", "levels": 12}))
    cases.append(ks_case("asymp small effective n (Durbin)", spec_a={"seed": 17, "n": 20000, "shape": "bell"}, spec_b={"seed": 18, "n": 60, "shape": "bell"}))
    cases.append(ks_case("asymp small effective n (Pomeranz)", spec_a={"seed": 19, "n": 20000, "shape": "bell"}, spec_b={"seed": 20, "n": 100, "shape": "bell", "shift": 0.35}))
    cases.append(ks_case("asymp small effective n (smirnov)", spec_a={"seed": 21, "n": 20000, "shape": "bell"}, spec_b={"seed": 22, "n": 120, "shape": "bell", "shift": 0.9}))
    cases.append(ks_case("asymp 200000 vs 150000 (Pelz-Good)", spec_a={"seed": 23, "n": 200000, "shape": "uniform"}, spec_b={"seed": 24, "n": 150000, "shape": "uniform", "shift": 0.001}))
    cases.append(ks_case("asymp 200000 vs 200000 shift p~1e-12", spec_a={"seed": 25, "n": 200000, "shape": "uniform"}, spec_b={"seed": 26, "n": 200000, "shape": "uniform", "shift": 0.008}))
    return cases


def kstwo_grid():
    """kstwo.sf(x, n) directly, over every branch of scipy's _kolmogn."""
    rows = []
    for n in [1, 2, 5, 10, 37, 100, 140, 141, 500, 5000, 50000, 100000, 100001, 500000, 2000000]:
        for x in [1e-4, 0.3 / n, 0.7 / n, 1.0 / n, 1.5 / n, 3.0 / n, 0.5 / math.sqrt(n), 0.8 / math.sqrt(n), 1.0 / math.sqrt(n),
                  1.3 / math.sqrt(n), 1.6 / math.sqrt(n), 2.5 / math.sqrt(n), 4 / math.sqrt(n), 7 / math.sqrt(n), 12 / math.sqrt(n),
                  0.05, 0.2, 0.49, 0.5, 0.7, 1 - 1.5 / n, 1 - 0.5 / n]:
            if 0 < x < 1:
                rows.append([n, x, fl(stats.kstwo.sf(x, n))])
    return rows


def smirnov_grid():
    rows = []
    for n in [1, 2, 3, 10, 50, 141, 1000, 10000, 250000, 1000001]:
        for x in [0.0005, 0.01, 1.0 / n, 0.5 / math.sqrt(n), 1.0 / math.sqrt(n), 2.0 / math.sqrt(n), 5.0 / math.sqrt(n), 0.1, 0.3, 0.6, 0.95]:
            if 0 <= x <= 1:
                rows.append([n, x, fl(special.smirnov(n, x))])
    return rows


# ---------------------------------------------------------------------------------------------
# PSI as Evidently's legacy get_binned_data + psi (facts from evidently
# src/evidently/calculations/stattests/{utils,psi}.py), written here with numpy/pandas.


def evidently_psi(ref, cur, numeric):
    ref, cur = pd.Series(ref), pd.Series(cur)
    if numeric and ref.nunique() > 20:
        bins = np.histogram_bin_edges(pd.concat([ref, cur], axis=0).values, bins="sturges")
        rp = np.histogram(ref, bins)[0] / len(ref)
        cp = np.histogram(cur, bins)[0] / len(cur)
    else:
        keys = list(set(ref.dropna().unique()) | set(cur.dropna().unique()))
        rd = {**dict.fromkeys(keys, 0), **dict(ref.value_counts())}
        cd = {**dict.fromkeys(keys, 0), **dict(cur.value_counts())}
        rp = np.array([rd[k] / len(ref) for k in keys])
        cp = np.array([cd[k] / len(cur) for k in keys])
    for p in (rp, cp):
        nz = p[p != 0]
        fill = nz.min() / 10**6 if nz.min() <= 0.0001 else 0.0001
        np.place(p, p == 0, fill)
    psi = 0.0
    for r, c in zip(rp, cp):
        psi += (r - c) * np.log(r / c)
    return float(psi), len(rp)


def chisquare_p(ref, cur):
    """Evidently's chisquare stattest p-value for a categorical column."""
    ref, cur = pd.Series(ref), pd.Series(cur)
    keys = list(set(ref.dropna().unique()) | set(cur.dropna().unique()))
    rd = {**dict.fromkeys(keys, 0), **dict(ref.value_counts())}
    cd = {**dict.fromkeys(keys, 0), **dict(cur.value_counts())}
    k = cur.shape[0] / ref.shape[0]
    return fl(stats.chisquare([cd[x] for x in keys], [rd[x] * k for x in keys])[1])


def psi_cases():
    rng = np.random.default_rng(7)
    cases = []

    def num(name, a, b):
        psi, bins = evidently_psi(a, b, True)
        cases.append({"name": name, "kind": "numeric", "reference": [float(v) for v in a], "current": [float(v) for v in b], "psi": psi, "bins": bins})

    def cat(name, a, b):
        psi, bins = evidently_psi(a, b, False)
        cases.append({"name": name, "kind": "categorical", "reference": list(a), "current": list(b), "psi": psi, "bins": bins, "chi2_pvalue": chisquare_p(a, b)})

    num("continuous, no drift", np.round(rng.normal(0, 1, 500), 4), np.round(rng.normal(0, 1, 400), 4))
    num("continuous, drift", np.round(rng.normal(0, 1, 500), 4), np.round(rng.normal(0.5, 1.3, 450), 4))
    num("continuous, current outside reference range", np.round(rng.normal(0, 1, 300), 3), np.round(rng.normal(6, 1, 300), 3))
    num("few-valued numeric (<= 20 distinct)", rng.integers(0, 8, 400).astype(float), rng.integers(0, 10, 380).astype(float))
    num("exactly 20 distinct in reference", rng.integers(0, 20, 1000).astype(float), rng.integers(0, 25, 900).astype(float))
    num("21 distinct in reference (Sturges)", rng.integers(0, 21, 1000).astype(float), rng.integers(0, 21, 900).astype(float))
    num("empty bins, zero-share rule 0.0001", np.concatenate([rng.uniform(0, 1, 200), rng.uniform(9, 10, 200)]), rng.uniform(0, 10, 300))
    num("tiny smallest share (<= 0.0001) fill", np.concatenate([np.round(rng.normal(0, 1, 20000), 5), [50.0]]), np.round(rng.normal(0.1, 1, 15000), 5))
    num("constant reference", np.full(100, 3.0), np.concatenate([np.full(90, 3.0), np.full(10, 4.0)]))
    num("values on bin edges", np.linspace(0, 10, 101), np.linspace(0, 10, 41))
    cat("categorical, no drift", rng.choice(["a", "b", "c"], 300, p=[0.5, 0.3, 0.2]), rng.choice(["a", "b", "c"], 280, p=[0.5, 0.3, 0.2]))
    cat("categorical, drift", rng.choice(["a", "b", "c", "d"], 300, p=[0.4, 0.3, 0.2, 0.1]), rng.choice(["a", "b", "c", "d"], 300, p=[0.1, 0.2, 0.3, 0.4]))
    cat("categorical, new category in current", rng.choice(["x", "y"], 200), rng.choice(["x", "y", "z"], 200))
    cat("categorical, category gone from current", rng.choice(["x", "y", "z"], 250), rng.choice(["x", "y"], 250))
    return cases


# ---------------------------------------------------------------------------------------------
# Fairness: Fairlearn's own unit-test vectors (fairlearn test/unit/metrics/data_for_test.py:
# y_t, y_p and the group generator array_gen), with the expected gaps computed here from
# Fairlearn's definitions (between_groups = max - min over groups; ratio = min / max;
# equalized odds = worst of the TPR and FPR gaps / ratios).

Y_T = [1, 0, 1, 1, 1, 0, 1, 1, 0, 0, 0, 1, 1, 1, 0, 1, 1, 0, 0, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 0,
       0, 1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1]
Y_P = [0, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 0,
       0, 1, 0, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]


def array_gen(groups, run_length, n):
    return [groups[(x // run_length) % len(groups)] for x in range(n)]


def fairness_case(name, groups):
    yt, yp, g = np.array(Y_T), np.array(Y_P), np.array(groups)
    per = {}
    for grp in sorted(set(groups)):
        m = g == grp
        t, p = yt[m], yp[m]
        per[grp] = {"n": int(m.sum()), "tpr": float(((t == 1) & (p == 1)).sum() / (t == 1).sum()),
                    "fpr": float(((t == 0) & (p == 1)).sum() / (t == 0).sum()), "selection_rate": float((p == 1).mean())}
    col = lambda k: [v[k] for v in per.values()]
    tpr_gap, fpr_gap = max(col("tpr")) - min(col("tpr")), max(col("fpr")) - min(col("fpr"))
    sr = col("selection_rate")
    return {"name": name, "groups": groups, "expected": {
        "per_group": per, "tpr_gap": tpr_gap, "fpr_gap": fpr_gap,
        "demographic_parity_difference": max(sr) - min(sr), "equalized_odds_difference": max(tpr_gap, fpr_gap),
        "demographic_parity_ratio": min(sr) / max(sr),
        "equalized_odds_ratio": min(min(col("tpr")) / max(col("tpr")), min(col("fpr")) / max(col("fpr")))}}


def fairness_cases():
    n = len(Y_T)
    return {"y_true": Y_T, "y_pred": Y_P, "cases": [
        fairness_case("g_1 (aa/ba, runs of 2)", array_gen(["aa", "ba"], 2, n)),
        fairness_case("g_2 (f/g, runs of 3)", array_gen(["f", "g"], 3, n)),
        fairness_case("g_3 (kk/m, runs of 4)", array_gen(["kk", "m"], 4, n)),
        fairness_case("g_4 (pp/q, runs of 5)", array_gen(["pp", "q"], 5, n)),
    ]}


def main():
    meta = {"scipy": scipy.__version__, "numpy": np.__version__, "pandas": pd.__version__, "python": sys.version.split()[0]}
    with open(os.path.join(OUT, "ks.json"), "w") as f:
        json.dump({"generated_by": meta, "cases": ks_cases(), "kstwo_sf": kstwo_grid(), "smirnov": smirnov_grid()}, f)
    with open(os.path.join(OUT, "psi.json"), "w") as f:
        json.dump({"generated_by": meta, "cases": psi_cases()}, f)
    with open(os.path.join(OUT, "fairness.json"), "w") as f:
        json.dump({"generated_by": meta, **fairness_cases()}, f, indent=1)


if __name__ == "__main__":
    main()
