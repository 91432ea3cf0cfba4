#!/usr/bin/python3
"""Independent reference values for MolGrid's chemistry API, computed with Debian's python3-rdkit 2022.09.3.
Run from the repository root:

    /usr/bin/python3 tests/MolGrid.Molecules.Tests/Fixtures/make_api_reference.py

Writes api_reference.json.gz beside this script:
- "molecules": the first 500 WEHI molecules plus hand-picked edge cases, each with Morgan r=2 2048-bit on
  bits, FCFP-like (useFeatures) on bits, unhashed Morgan r=2 counts, atom-pair counts, PAINS+Brenk alerts
  (FilterCatalog: "set<TAB>description", sorted), BRICS fragments (BreakBRICSBonds, sorted), Murcko
  scaffold, and matches of a few SMARTS (GetSubstructMatches, uniquify=True);
- "reactions": reaction SMARTS, reactants and the product sets RunReactants gives (each product sanitised
  and written as canonical SMILES; sets with an unsanitisable product dropped, as MolGrid documents);
- "similarity": 25 query molecules against all 10,000 WEHI molecules with DataStructs.BulkTanimotoSimilarity:
  the top 10 (ties broken by lower index), and how many reach 0.4.
Legacy stereo perception is switched off, as in MolGrid's shim (see make_wehi_reference.py).
"""
import csv
import gzip
import heapq
import json
import os

from rdkit import Chem, DataStructs, RDLogger
from rdkit.Chem import AllChem, BRICS, rdMolDescriptors
from rdkit.Chem.FilterCatalog import FilterCatalog, FilterCatalogParams
from rdkit.Chem.Scaffolds import MurckoScaffold

Chem.SetUseLegacyStereoPerception(False)
RDLogger.DisableLog('rdApp.*')

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, '..', '..', '..', 'samples', 'wehi_10k.csv'), newline='') as f:
    wehi = [(r[0], r[1]) for r in csv.reader(f) if r]

EDGE_CASES = [
    'C', 'O', '[Na+].[Cl-]', 'c1ccccc1', 'C1CC2CCC1C2', 'C1CCC2(CC1)CCCC2', 'N[C@@H](C)C(=O)O', 'F/C=C/F',
    '[2H]C([2H])([2H])O', 'C1CCCCCCCCCCC1', 'O=C1C=CC(=O)C=C1', 'CC(=O)Oc1ccccc1C(=O)O',
    'c1ccc2c(c1)[nH]c1ccccc12', 'Oc1ccc(N=Nc2ccccc2)cc1', 'CCCCCCCCCCCCCCCCCCCCCCCCCCCCCC',
]
PATTERNS = ['c1ccccc1', '[OX2H]', 'C(=O)[NX3]', '[#7;R]', '[$([CX3]=[OX1])]', '[F,Cl,Br,I]']

params = FilterCatalogParams()
params.AddCatalog(FilterCatalogParams.FilterCatalogs.PAINS)
params.AddCatalog(FilterCatalogParams.FilterCatalogs.BRENK)
catalog = FilterCatalog(params)
patterns = [Chem.MolFromSmarts(p) for p in PATTERNS]


def on_bits(fp):
    return list(fp.GetOnBits())


def counts(fp):
    return [[int(k), int(v)] for k, v in sorted(fp.GetNonzeroElements().items())]


def molecule_entry(smiles):
    mol = Chem.MolFromSmiles(smiles)
    alerts = sorted(f"{e.GetProp('FilterSet')}\t{e.GetDescription()}" for e in catalog.GetMatches(mol))
    return {
        'smiles': smiles,
        'morgan_bits': on_bits(AllChem.GetMorganFingerprintAsBitVect(mol, 2, nBits=2048)),
        'fcfp_bits': on_bits(AllChem.GetMorganFingerprintAsBitVect(mol, 2, nBits=2048, useFeatures=True)),
        'morgan_counts': counts(AllChem.GetMorganFingerprint(mol, 2)),
        'atom_pairs': counts(rdMolDescriptors.GetAtomPairFingerprint(mol)),
        'alerts': alerts,
        'brics': sorted(Chem.MolToSmiles(BRICS.BreakBRICSBonds(mol)).split('.')),
        'murcko': Chem.MolToSmiles(MurckoScaffold.GetScaffoldForMol(mol)),
        'matches': {p: [list(m) for m in mol.GetSubstructMatches(q)] for p, q in zip(PATTERNS, patterns)},
    }


REACTIONS = [
    ('[C:1](=[O:2])[OH].[N;!H0:3]>>[C:1](=[O:2])[N:3]', ['CC(=O)O', 'NCc1ccccc1']),
    ('[C:1](=[O:2])[OH].[N;!H0:3]>>[C:1](=[O:2])[N:3]', ['OC(=O)c1ccccc1', 'C1CCNCC1']),
    ('[c:1][Br].[B]([OH])([OH])[c:2]>>[c:1][c:2]', ['Brc1ccc(C)cc1', 'OB(O)c1ccncc1']),
    ('[C:1]=[C:2].[C:3]=[C:4][C:5]=[C:6]>>[C:1]1[C:2][C:3][C:4]=[C:5][C:6]1', ['C=CC(=O)OC', 'C=CC=C']),
    ('[O:1][C:2]>>[O:1].[C:2]', ['CCOCC']),
]


def run_reaction(smarts, reactants):
    rxn = AllChem.ReactionFromSmarts(smarts)
    sets = []
    for products in rxn.RunReactants([Chem.MolFromSmiles(s) for s in reactants]):
        out = []
        try:
            for p in products:
                Chem.SanitizeMol(p)
                out.append(Chem.MolToSmiles(p))
        except Exception:
            continue
        sets.append(out)
    return sets


def similarity():
    fps = [AllChem.GetMorganFingerprintAsBitVect(Chem.MolFromSmiles(s), 2, nBits=2048) for s, _ in wehi]
    out = []
    for q in range(0, 10000, 400):
        sims = DataStructs.BulkTanimotoSimilarity(fps[q], fps)
        top = heapq.nlargest(10, range(len(sims)), key=lambda i: (sims[i], -i))
        out.append({'query': q, 'smiles': wehi[q][0], 'top': [[i, sims[i]] for i in top],
                    'at_least_0_4': sum(1 for s in sims if s >= 0.4)})
    return out


result = {
    'molecules': [molecule_entry(s) for s, _ in wehi[:500]] + [molecule_entry(s) for s in EDGE_CASES],
    'patterns': PATTERNS,
    'reactions': [{'smarts': s, 'reactants': r, 'products': run_reaction(s, r)} for s, r in REACTIONS],
    'similarity': similarity(),
}
with gzip.open(os.path.join(here, 'api_reference.json.gz'), 'wt', encoding='ascii') as out:
    json.dump(result, out)
print(f"{len(result['molecules'])} molecules, {len(result['reactions'])} reactions, {len(result['similarity'])} queries")
