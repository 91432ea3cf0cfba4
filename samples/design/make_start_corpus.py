"""Draws the Graph GA start corpus (chembl_like_10k.smi) from the shared ChEMBL-like 50k set.

Deterministic: Python's random.Random(20260101) sample of 10,000 row indices, kept in file order, RDKit-valid
SMILES only, written as canonical SMILES. Run with /usr/bin/python3 (python3-rdkit):
    /usr/bin/python3 samples/design/make_start_corpus.py /work/shared/datasets/corpus/chembl_like_50k.csv
"""
import random
import sys

from rdkit import Chem, RDLogger

RDLogger.DisableLog("rdApp.*")
src = sys.argv[1]
out = sys.argv[2] if len(sys.argv) > 2 else "samples/design/chembl_like_10k.smi"
rows = [l.strip().split(",")[0] for l in open(src) if l.strip()]
if rows[0].lower() == "smiles":
    rows = rows[1:]
idx = sorted(random.Random(20260101).sample(range(len(rows)), 10000))
with open(out, "w") as f:
    for i in idx:
        m = Chem.MolFromSmiles(rows[i])
        if m is not None:
            f.write(Chem.MolToSmiles(m) + "\n")
