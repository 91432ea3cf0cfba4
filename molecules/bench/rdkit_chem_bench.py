#!/usr/bin/python3
"""The RDKit-Python side of `molgrid bench chem`: the same work MolGrid does, written as a Python user
would write it with Debian's python3-rdkit, in one process.

    /usr/bin/python3 rdkit_chem_bench.py SMILES_FILE OUT_DIR QUERIES K

SMILES_FILE: one SMILES per line (first field; MolGrid writes it). Writes OUT_DIR/features.tsv (canonical
SMILES, the 19 descriptors of MolGrid's set with repr(), Morgan r=2 2048-bit on bits) and OUT_DIR/topk.tsv
(query index, then the top-K indices), and prints one JSON line of timings.

Timed: only the loops (perf_counter wall clock; process_time CPU reported beside it), after the file is read and after a warm-up on the first 100 molecules;
imports, interpreter start-up and writing the output files are not timed. MolGrid times the same way.
Legacy stereo perception is switched off, as in MolGrid's shim.
"""
import heapq
import json
import os
import sys
import time

from rdkit import Chem, DataStructs, RDLogger
from rdkit.Chem import AllChem, Crippen, Descriptors
from rdkit.Chem import rdMolDescriptors as rd

Chem.SetUseLegacyStereoPerception(False)
RDLogger.DisableLog('rdApp.*')


def descriptor_set(mol):
    """MolGrid's 19 descriptors, in its order, one RDKit Python call each (also used by the test fixture
    generator tests/MolGrid.Molecules.Tests/Fixtures/make_wehi_reference.py)."""
    return (
        Descriptors.MolWt(mol), rd.CalcExactMolWt(mol), Crippen.MolLogP(mol), Crippen.MolMR(mol),
        rd.CalcTPSA(mol), rd.CalcNumHBD(mol), rd.CalcNumHBA(mol),
        rd.CalcNumRotatableBonds(mol, rd.NumRotatableBondsOptions.NonStrict),
        rd.CalcNumRotatableBonds(mol, rd.NumRotatableBondsOptions.Strict),
        rd.CalcNumRings(mol), rd.CalcNumAromaticRings(mol), rd.CalcNumHeavyAtoms(mol), rd.CalcFractionCSP3(mol),
        Chem.GetFormalCharge(mol), rd.CalcNumSpiroAtoms(mol), rd.CalcNumBridgeheadAtoms(mol),
        rd.CalcNumHeteroatoms(mol), rd.CalcNumLipinskiHBD(mol), rd.CalcNumLipinskiHBA(mol),
    )


def featurize(smiles):
    mol = Chem.MolFromSmiles(smiles)
    canonical = Chem.MolToSmiles(mol)
    fp = AllChem.GetMorganFingerprintAsBitVect(mol, 2, nBits=2048)
    return canonical, descriptor_set(mol), fp


def main():
    source, out_dir, n_queries, k = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    with open(source) as f:
        smiles = [line.split()[0] for line in f if line.strip()]

    for s in smiles[:100]:
        featurize(s)
    t0, c0 = time.perf_counter(), time.process_time()
    results = [featurize(s) for s in smiles]
    featurize_seconds, featurize_cpu = time.perf_counter() - t0, time.process_time() - c0

    fps = [r[2] for r in results]
    step = max(1, len(fps) // n_queries)
    queries = list(range(0, len(fps), step))[:n_queries]
    DataStructs.BulkTanimotoSimilarity(fps[0], fps)
    t0, c0 = time.perf_counter(), time.process_time()
    tops = []
    for q in queries:
        sims = DataStructs.BulkTanimotoSimilarity(fps[q], fps)
        # nlargest is a stable sort: equal similarities keep index order, MolGrid's tie-break.
        tops.append(heapq.nlargest(k, range(len(sims)), key=sims.__getitem__))
    tanimoto_seconds, tanimoto_cpu = time.perf_counter() - t0, time.process_time() - c0

    with open(os.path.join(out_dir, 'features.tsv'), 'w') as out:
        for canonical, descriptors, fp in results:
            bits = ' '.join(str(b) for b in fp.GetOnBits())
            out.write(canonical + '\t' + '\t'.join(repr(float(d)) for d in descriptors) + '\t' + bits + '\n')
    with open(os.path.join(out_dir, 'topk.tsv'), 'w') as out:
        for q, top in zip(queries, tops):
            out.write(str(q) + '\t' + ' '.join(str(i) for i in top) + '\n')
    print(json.dumps({'molecules': len(smiles), 'featurize_seconds': featurize_seconds,
                      'featurize_cpu_seconds': featurize_cpu, 'queries': len(queries),
                      'comparisons': len(queries) * len(fps), 'tanimoto_seconds': tanimoto_seconds,
                      'tanimoto_cpu_seconds': tanimoto_cpu}))


if __name__ == '__main__':
    main()
