#!/usr/bin/python3
"""Reference values for MolGrid's chemistry core, computed by RDKit's own Python code (Debian's
python3-rdkit 2022.09.3), for all 10,000 WEHI molecules. Run from the repository root:

    /usr/bin/python3 tests/MolGrid.Molecules.Tests/Fixtures/make_wehi_reference.py

Writes wehi_reference.tsv.gz beside this script: one row per molecule with the input SMILES, canonical
isomeric SMILES, formula, MolGrid's descriptor set (computed here with RDKit's Python API, one call per
descriptor), the number of tetrahedral stereocentres, QED (rdkit.Chem.QED.qed, default weights) with its
eight properties, and the SA score (RDKit Contrib's sascorer.calculateScore).

Two settings, so that both sides compute the same thing:
- Chem.SetUseLegacyStereoPerception(False): MolGrid's shim switches legacy stereo perception off (it is
  about cubic on long chains); Debian's Python has it on by default.
- sascorer.py counts stereocentres with Chem.FindMolChiralCenters(includeUnassigned=True), whose default
  is the legacy implementation; with legacy perception off that route over-counts (it flags e.g. sulfonyl
  sulfur). We pass useLegacyImplementation=False (RDKit's findPotentialStereo), which MolGrid also uses.
  Everything else in sascorer.py runs unchanged.
"""
import csv
import functools
import gzip
import os
import sys

from rdkit import Chem, RDLogger
from rdkit.Chem import QED
from rdkit.Chem import rdMolDescriptors as rd

Chem.SetUseLegacyStereoPerception(False)
RDLogger.DisableLog('rdApp.*')

sys.path.insert(0, '/usr/share/RDKit/Contrib/SA_Score')
import sascorer  # noqa: E402

here = os.path.dirname(os.path.abspath(__file__))
# The benchmark's RDKit-Python side holds the one list of MolGrid's descriptors as Python computes them.
sys.path.insert(0, os.path.join(here, '..', '..', '..', 'molecules', 'bench'))
from rdkit_chem_bench import descriptor_set  # noqa: E402

_find_centres = Chem.FindMolChiralCenters
Chem.FindMolChiralCenters = functools.partial(_find_centres, useLegacyImplementation=False)

source = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, '..', '..', '..', 'samples', 'wehi_10k.csv')
target = os.path.join(here, 'wehi_reference.tsv.gz')

COLUMNS = ['smiles', 'canonical', 'formula',
           'mw', 'exact_mw', 'clogp', 'mr', 'tpsa', 'hbd', 'hba', 'rotatable_bonds', 'rotatable_bonds_strict',
           'rings', 'aromatic_rings', 'heavy_atoms', 'fsp3', 'formal_charge', 'spiro_atoms', 'bridgehead_atoms',
           'heteroatoms', 'lipinski_hbd', 'lipinski_hba',
           'chiral_centres', 'qed', 'qed_mw', 'qed_alogp', 'qed_hba', 'qed_hbd', 'qed_psa', 'qed_rotb',
           'qed_arom', 'qed_alerts', 'sa_score']


def row_for(smiles):
    mol = Chem.MolFromSmiles(smiles)
    d = descriptor_set(mol)
    centres = len(Chem.FindMolChiralCenters(Chem.Mol(mol), includeUnassigned=True))
    props = QED.properties(mol)
    q = QED.qed(mol)
    sa = sascorer.calculateScore(Chem.MolFromSmiles(smiles))
    return [smiles, Chem.MolToSmiles(mol), rd.CalcMolFormula(mol)] + [repr(float(x)) for x in d] + \
        [str(centres), repr(q)] + [repr(float(x)) for x in props] + [repr(sa)]


with open(source, newline='') as f:
    smiles_list = [r[0] for r in csv.reader(f) if r]

with gzip.open(target, 'wt', encoding='ascii', newline='\n') as out:
    out.write('\t'.join(COLUMNS) + '\n')
    for s in smiles_list:
        out.write('\t'.join(row_for(s)) + '\n')
print(f'{len(smiles_list)} molecules -> {target}')
