#!/usr/bin/python3
"""Independent reference values for MolGrid's learning graph views, computed with Debian's python3-rdkit
2022.09.3. Run from the repository root:

    /usr/bin/python3 tests/MolGrid.Molecules.Tests/Fixtures/make_learning_reference.py

Writes learning_reference.json.gz beside this script: for the first 300 WEHI molecules and hand-picked
stereo, charged and isotopic cases, each atom's GetAtomicNum, GetTotalDegree, GetFormalCharge, GetChiralTag,
GetTotalNumHs, GetHybridization, GetIsAromatic and GetMass; each bond's begin, end, GetBondType,
GetIsConjugated, IsInRing and GetStereo; and the Morgan r=2 2048-bit bitInfo as sorted (bit, atom, radius).
Legacy stereo perception is switched off, as in MolGrid's shim.
"""
import csv
import gzip
import json
import os

from rdkit import Chem, RDLogger
from rdkit.Chem import AllChem

Chem.SetUseLegacyStereoPerception(False)
RDLogger.DisableLog("rdApp.*")
here = os.path.dirname(os.path.abspath(__file__))
root = os.path.abspath(os.path.join(here, "..", "..", ".."))

smiles = []
with open(os.path.join(root, "samples", "wehi_10k.csv")) as f:
    for row in csv.reader(f):
        smiles.append(row[0])
        if len(smiles) == 300:
            break
smiles += [
    "C[C@H](N)C(=O)O", "F/C=C/F", "F/C=C\\F", "C[N+](C)(C)C", "[O-]C(=O)c1ccccc1", "[13CH3]C", "[2H]OC",
    "CS(=O)(=O)N", "C#N", "[Na+].[Cl-]", "O", "c1ccc2[nH]ccc2c1", "C1=CC=CC=C1", "P(=O)(O)(O)O",
    "[C@@H]1(O)[C@H](O)CCCC1", "C=C=C", "B(O)O", "[SiH4]", "ClC(Br)I",
]

molecules = []
for s in smiles:
    m = Chem.MolFromSmiles(s)
    if m is None:
        continue
    info = {}
    AllChem.GetMorganFingerprintAsBitVect(m, 2, nBits=2048, bitInfo=info)
    molecules.append({
        "smiles": s,
        "atoms": [[a.GetAtomicNum(), a.GetTotalDegree(), a.GetFormalCharge(), int(a.GetChiralTag()),
                   a.GetTotalNumHs(), int(a.GetHybridization()), int(a.GetIsAromatic())] for a in m.GetAtoms()],
        "mass": [a.GetMass() for a in m.GetAtoms()],
        "bonds": [[b.GetBeginAtomIdx(), b.GetEndAtomIdx(), int(b.GetBondType()), int(b.GetIsConjugated()),
                   int(b.IsInRing()), int(b.GetStereo())] for b in m.GetBonds()],
        "bit_info": sorted([bit, atom, radius] for bit, envs in info.items() for atom, radius in envs),
    })

with gzip.open(os.path.join(here, "learning_reference.json.gz"), "wt") as f:
    json.dump({"rdkit": Chem.rdBase.rdkitVersion, "molecules": molecules}, f)
print(f"{len(molecules)} molecules")
