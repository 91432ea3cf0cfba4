"""Independent reference values for MolGrid's score transforms and PMO's AUC.

Transforms: REINVENT 4's formulas as written in reinvent/scoring/transforms (sigmoid, reverse_sigmoid,
double_sigmoid, with their direct 10**x form) and GuacaMol's score_modifier.py modifiers.
AUC: PMO's top_auc (mol_opt main/optimizer.py) on seeded random score sequences.
Run with: /usr/bin/python3 tests/MolGrid.Pipelines.Tests/Fixtures/transforms_and_auc.py
Writes transforms.csv and pmo_auc.csv next to this script.
"""
import math
import os
import random

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))


def sigmoid(x, low, high, k):
    return 1 / (1 + 10 ** (10 * k * (x - (low + high) * 0.5) / (low - high)))


def reverse_sigmoid(x, low, high, k):
    return 1 / (1 + 10 ** (k * (x - (high + low) / 2) * 10 / (high - low)))


def double_sigmoid(x, low, high, coef_div=100.0, coef_si=150.0, coef_se=150.0):
    A = 10 ** (coef_se * (x / coef_div))
    B = 10 ** (coef_se * (x / coef_div)) + 10 ** (coef_se * (low / coef_div))
    C = 10 ** (coef_si * (x / coef_div)) / (10 ** (coef_si * (x / coef_div)) + 10 ** (coef_si * (high / coef_div)))
    return A / B - C


def gaussian(x, mu, sigma):
    return math.exp(-0.5 * ((x - mu) / sigma) ** 2)


def clipped(x, upper_x, lower_x=0.0, high=1.0, low=0.0):
    slope = (high - low) / (upper_x - lower_x)
    intercept = high - slope * upper_x
    return float(np.clip(slope * x + intercept, min(low, high), max(low, high)))


rows = []
for x in [-5, 0, 0.3, 12.5, 40, 60, 79.9, 90, 120, 140, 200]:
    rows.append(("sigmoid", "low=40;high=120;k=0.25", x, sigmoid(x, 40, 120, 0.25)))
    rows.append(("sigmoid", "low=0;high=1;k=0.5", x / 100, sigmoid(x / 100, 0, 1, 0.5)))
    rows.append(("reverse_sigmoid", "low=2;high=5;k=0.5", x / 10, reverse_sigmoid(x / 10, 2, 5, 0.5)))
    rows.append(("double_sigmoid", "low=60;high=120;coef_div=120;coef_si=10;coef_se=10", x,
                 double_sigmoid(x, 60, 120, 120.0, 10.0, 10.0)))
    rows.append(("double_sigmoid", "low=2;high=4;coef_div=3;coef_si=10;coef_se=10", x / 20,
                 double_sigmoid(x / 20, 2, 4, 3.0, 10.0, 10.0)))
    rows.append(("gaussian", "mu=90;sigma=10", x, gaussian(x, 90, 10)))
    rows.append(("min_gaussian", "mu=40;sigma=10", x, 1.0 if x <= 40 else gaussian(x, 40, 10)))
    rows.append(("max_gaussian", "mu=90;sigma=20", x, 1.0 if x >= 90 else gaussian(x, 90, 20)))
    rows.append(("clipped", "upper_x=0.75", x / 100, clipped(x / 100, 0.75)))
    rows.append(("clipped", "upper_x=0.2;lower_x=0.8;high_score=1;low_score=0", x / 100, clipped(x / 100, 0.2, 0.8)))
    rows.append(("thresholded", "threshold=0.6", x / 100, min(x / 100, 0.6) / 0.6))
    rows.append(("step", "low=40;high=90", x, 1.0 if 40 <= x <= 90 else 0.0))
with open(os.path.join(here, "transforms.csv"), "w") as f:
    f.write("type,params,x,value\n")
    for t, p, x, v in rows:
        f.write(f"{t},{p},{x!r},{v!r}\n")


def top_auc(buffer, top_n, finish, freq_log, max_oracle_calls):
    sum = 0
    prev = 0
    called = 0
    ordered_results = list(sorted(buffer.items(), key=lambda kv: kv[1][1], reverse=False))
    for idx in range(freq_log, min(len(buffer), max_oracle_calls), freq_log):
        temp_result = ordered_results[:idx]
        temp_result = list(sorted(temp_result, key=lambda kv: kv[1][0], reverse=True))[:top_n]
        top_n_now = np.mean([item[1][0] for item in temp_result])
        sum += freq_log * (top_n_now + prev) / 2
        prev = top_n_now
        called = idx
    temp_result = list(sorted(ordered_results, key=lambda kv: kv[1][0], reverse=True))[:top_n]
    top_n_now = np.mean([item[1][0] for item in temp_result])
    sum += (len(buffer) - called) * (top_n_now + prev) / 2
    if finish and len(buffer) < max_oracle_calls:
        sum += (max_oracle_calls - len(buffer)) * top_n_now
    return sum / max_oracle_calls


with open(os.path.join(here, "pmo_auc.csv"), "w") as f:
    f.write("case,n,max_calls,auc,scores\n")
    for case, (n, max_calls) in enumerate([(1000, 1000), (730, 1000), (1000, 10000), (2550, 10000), (57, 1000), (10000, 10000)]):
        rng = random.Random(case)
        # scores that drift upwards, as an optimiser's would
        scores = [min(1.0, rng.random() * (0.3 + 0.7 * i / n)) for i in range(n)]
        buffer = {f"m{i}": [s, i + 1] for i, s in enumerate(scores)}
        auc = top_auc(buffer, 10, True, 100, max_calls)
        f.write(f"{case},{n},{max_calls},{auc!r},{' '.join(repr(s) for s in scores)}\n")
