#!/usr/bin/python3
"""Reference answers for the candidate filters, computed independently with python3-rdkit (Debian's
/usr/bin/python3). Run from this directory: /usr/bin/python3 make_filter_expectations.py > filter_expectations.json
For each query: the canonical SMILES of the pool molecules that pass it."""
import json
from rdkit import Chem, DataStructs
from rdkit.Chem import AllChem, Descriptors

pool = [line.split('\t')[0] for line in open('drug_pool.smi') if line.strip()]
mols = {}
for smi in pool:
    m = Chem.MolFromSmiles(smi)
    mols[Chem.MolToSmiles(m)] = m

def fp(m):
    return AllChem.GetMorganFingerprintAsBitVect(m, 2, nBits=2048)

out = {"substructure": {}, "similarity": {}, "mw_between": {}}
for smarts in ["C(=O)[OX2H1]", "c1ccccc1Cl", "[NX3;H2,H1;!$(NC=O)]", "S(=O)(=O)N"]:
    q = Chem.MolFromSmarts(smarts)
    out["substructure"][smarts] = sorted(s for s, m in mols.items() if m.HasSubstructMatch(q))
for probe, t in [("CC(=O)Oc1ccccc1C(=O)O", 0.3), ("Clc1ccc2c(c1)C(=NCC(=O)N2C)c1ccccc1", 0.4)]:
    pf = fp(Chem.MolFromSmiles(probe))
    out["similarity"][f"{probe}|{t}"] = sorted(s for s, m in mols.items() if DataStructs.TanimotoSimilarity(pf, fp(m)) >= t)
for lo, hi in [(200, 300), (300, 400)]:
    out["mw_between"][f"{lo}|{hi}"] = sorted(s for s, m in mols.items() if lo <= Descriptors.MolWt(m) <= hi)
print(json.dumps(out, indent=1, sort_keys=True))
