#!/usr/bin/python3
"""Converts RDKit Contrib's SA-score fragment contributions (a pickled list of [score, id, id, ...])
into MolGrid's shipped form: gzip'd text, one "id score" line per Morgan radius-2 feature id,
sorted by id. Run once with Debian's python3 (rdkit-data installed):

    /usr/bin/python3 molecules/MolGrid.Molecules/Data/convert_fpscores.py

The score text is written with repr() so the C# side parses exactly the double sascorer.py uses.
"""
import gzip
import pickle
import os

SOURCE = '/usr/share/RDKit/Contrib/SA_Score/fpscores.pkl.gz'
here = os.path.dirname(os.path.abspath(__file__))
target = os.path.join(here, 'sa_fragment_scores.txt.gz')

data = pickle.load(gzip.open(SOURCE))
scores = {}
for entry in data:
    for feature in entry[1:]:
        # sascorer.readFragmentScores: later entries overwrite earlier ones for the same id.
        scores[feature] = float(entry[0])

# mtime=0 keeps the file byte-identical across runs.
with gzip.GzipFile(target, 'wb', mtime=0) as out:
    for feature in sorted(scores):
        out.write(f'{feature} {scores[feature]!r}\n'.encode('ascii'))
print(f'{len(scores)} fragment scores -> {target}')
