"""Reference values for MolGrid's PMO oracles, computed independently with python3-rdkit.

Re-implements the 20 RDKit-only PMO oracles from GuacaMol's standard_benchmarks.py / TDC's oracle.py
definitions (TDC is what PMO calls), using RDKit's own Python code for what MolGrid ports to C#
(Pharm2D Gobbi fingerprint, GraphDescriptors.BertzCT, QED). Run with Debian's python3-rdkit:
    /usr/bin/python3 tests/MolGrid.Pipelines.Tests/Fixtures/pmo_oracles.py > tests/MolGrid.Pipelines.Tests/Fixtures/pmo_oracles.csv
Output: task,smiles,value (repr of the float). Tasks named TASK@tdc-0.3.6 are the four with an isomer score,
scored as TDC 0.3.6's Isomer_scoring_prev did (the total atom count parsed from the canonical SMILES string
with the formula regex), which PMO's published runs most likely used.
"""
import math
import re
import sys

from rdkit import Chem, DataStructs
from rdkit.Chem import AllChem, Descriptors, QED, rdMolDescriptors
from rdkit.Chem.Pharm2D import Generate, Gobbi_Pharm2D


def fp(mol, kind):
    if kind == "ECFP4":
        return AllChem.GetMorganFingerprint(mol, 2)
    if kind == "ECFP6":
        return AllChem.GetMorganFingerprint(mol, 3)
    if kind == "FCFP4":
        return AllChem.GetMorganFingerprint(mol, 2, useFeatures=True)
    if kind == "AP":
        return AllChem.GetAtomPairFingerprint(mol, maxLength=10)
    if kind == "PHCO":
        return Generate.Gen2DFingerprint(mol, Gobbi_Pharm2D.factory)
    raise ValueError(kind)


def sim(target, kind):
    t = fp(Chem.MolFromSmiles(target), kind)
    return lambda m: DataStructs.TanimotoSimilarity(t, fp(m, kind))


def gaussian(mu, sigma):
    return lambda x: math.exp(-0.5 * ((x - mu) / sigma) ** 2)


def min_gaussian(mu, sigma):
    return lambda x: 1.0 if x <= mu else math.exp(-0.5 * ((x - mu) / sigma) ** 2)


def max_gaussian(mu, sigma):
    return lambda x: 1.0 if x >= mu else math.exp(-0.5 * ((x - mu) / sigma) ** 2)


def clipped(upper):
    return lambda x: min(max(x / upper, 0.0), 1.0)


def gmean(xs):
    p = 1.0
    for x in xs:
        p *= x
    return p ** (1.0 / len(xs))


def amean(xs):
    return sum(xs) / len(xs)


def isomer(formula):
    parts = [(e, int(c) if c else 1) for e, c in re.findall(r"([A-Z][a-z]*)(\d*)", formula)]
    total = sum(c for _, c in parts)

    def score(m):
        mh = Chem.AddHs(m)
        s = [gaussian(c, 1.0)(sum(1 for a in mh.GetAtoms() if a.GetSymbol() == e)) for e, c in parts]
        s.append(gaussian(total, 2.0)(mh.GetNumAtoms()))
        return gmean(s)
    return score


def isomer_tdc036(formula):
    parts = [(e, int(c) if c else 1) for e, c in re.findall(r"([A-Z][a-z]*)(\d*)", formula)]
    total = sum(c for _, c in parts)

    def score(m):
        mh = Chem.AddHs(m)
        s = [gaussian(c, 1.0)(sum(1 for a in mh.GetAtoms() if a.GetSymbol() == e)) for e, c in parts]
        smiles = Chem.MolToSmiles(m)
        s.append(gaussian(total, 2.0)(sum(int(c) if c else 1 for _, c in re.findall(r"([A-Z][a-z]*)(\d*)", smiles))))
        return gmean(s)
    return score


def smarts(pattern, inverse):
    q = Chem.MolFromSmarts(pattern)
    return lambda m: (0.0 if inverse else 1.0) if m.HasSubstructMatch(q) else (1.0 if inverse else 0.0)


def compose(mean, *parts):
    return lambda m: mean([p(m) for p in parts])


def mod(f, modifier):
    return lambda m: modifier(f(m))


HOP = "CCCOc1cc2ncnc(Nc3ccc4ncsc4c3)c2cc1S(=O)(=O)C(C)(C)C"
sita = Chem.MolFromSmiles("Fc1cc(c(F)cc1F)CC(N)CC(=O)N3Cc2nnc(n2CC3)C(F)(F)F")
vsita = Chem.MolFromSmiles("NC(CC(=O)N1CCn2c(nnc2C(F)(F)F)C1)Cc1cc(F)c(F)cc1F")
logp, tpsa = Descriptors.MolLogP, Descriptors.TPSA

ORACLES = {
    "albuterol_similarity": mod(sim("CC(C)(C)NCC(O)c1ccc(O)c(CO)c1", "FCFP4"), clipped(0.75)),
    "mestranol_similarity": mod(sim("COc1ccc2[C@H]3CC[C@@]4(C)[C@@H](CC[C@@]4(O)C#C)[C@@H]3CCc2c1", "AP"), clipped(0.75)),
    "celecoxib_rediscovery": sim("CC1=CC=C(C=C1)C1=CC(=NN1C1=CC=C(C=C1)S(N)(=O)=O)C(F)(F)F", "ECFP4"),
    "troglitazone_rediscovery": sim("Cc1c(C)c2OC(C)(COc3ccc(CC4SC(=O)NC4=O)cc3)CCc2c(C)c1O", "ECFP4"),
    "thiothixene_rediscovery": sim("CN(C)S(=O)(=O)c1ccc2Sc3ccccc3C(=CCCN4CCN(C)CC4)c2c1", "ECFP4"),
    "amlodipine_mpo": compose(gmean, sim(r"Clc1ccccc1C2C(=C(/N/C(=C2/C(=O)OCC)COCCN)C)\C(=O)OC", "ECFP4"),
                              lambda m: gaussian(3, 0.5)(rdMolDescriptors.CalcNumRings(m))),
    "fexofenadine_mpo": compose(gmean, mod(sim("CC(C)(C(=O)O)c1ccc(cc1)C(O)CCCN2CCC(CC2)C(O)(c3ccccc3)c4ccccc4", "AP"), clipped(0.8)),
                                lambda m: max_gaussian(90, 10)(tpsa(m)), lambda m: min_gaussian(4, 1)(logp(m))),
    "osimertinib_mpo": compose(gmean,
                               mod(sim("COc1cc(N(C)CCN(C)C)c(NC(=O)C=C)cc1Nc2nccc(n2)c3cn(C)c4ccccc34", "FCFP4"), clipped(0.8)),
                               mod(sim("COc1cc(N(C)CCN(C)C)c(NC(=O)C=C)cc1Nc2nccc(n2)c3cn(C)c4ccccc34", "ECFP6"), min_gaussian(0.85, 0.1)),
                               lambda m: max_gaussian(100, 10)(tpsa(m)), lambda m: min_gaussian(1, 1)(logp(m))),
    "perindopril_mpo": compose(gmean, sim("O=C(OCC)C(NC(C(=O)N1C(C(=O)O)CC2CCCCC12)C)CCC", "ECFP4"),
                               lambda m: gaussian(2, 0.5)(rdMolDescriptors.CalcNumAromaticRings(m))),
    "ranolazine_mpo": compose(gmean, mod(sim("COc1ccccc1OCC(O)CN2CCN(CC(=O)Nc3c(C)cccc3C)CC2", "AP"), clipped(0.7)),
                              lambda m: max_gaussian(7, 1)(logp(m)), lambda m: max_gaussian(95, 20)(tpsa(m)),
                              lambda m: gaussian(1, 1)(sum(1 for a in m.GetAtoms() if a.GetSymbol() == "F"))),
    "sitagliptin_mpo": compose(gmean, mod(sim("Fc1cc(c(F)cc1F)CC(N)CC(=O)N3Cc2nnc(n2CC3)C(F)(F)F", "ECFP4"), gaussian(0, 0.1)),
                               lambda m: gaussian(logp(sita), 0.2)(logp(m)), lambda m: gaussian(tpsa(sita), 5)(tpsa(m)),
                               isomer("C16H15F6N5O")),
    "zaleplon_mpo": compose(gmean, sim("O=C(C)N(CC)C1=CC=CC(C2=CC=NC3=C(C=NN23)C#N)=C1", "ECFP4"), isomer("C19H17N3O2")),
    "isomers_c7h8n2o2": isomer("C7H8N2O2"),
    "isomers_c9h10n2o2pf2cl": isomer("C9H10N2O2PF2Cl"),
    "median1": compose(gmean, sim("CC1(C)C2CCC1(C)C(=O)C2", "ECFP4"), sim("CC(C)C1CCC(C)CC1O", "ECFP4")),
    "median2": compose(gmean, sim("O=C1N(CC(N2C1CC3=C(C2C4=CC5=C(OCO5)C=C4)NC6=C3C=CC=C6)=O)C", "ECFP6"),
                       sim("CCCC1=NN(C2=C1N=C(NC2=O)C3=C(C=CC(=C3)S(=O)(=O)N4CCN(CC4)C)OCC)C", "ECFP6")),
    "deco_hop": compose(amean, mod(sim(HOP, "PHCO"), clipped(0.85)), smarts("CS([#6])(=O)=O", True),
                        smarts("[#7]-c1ccc2ncsc2c1", True), smarts("[#7]-c1n[c;h1]nc2[c;h1]c(-[#8])[c;h0][c;h1]c12", False)),
    "scaffold_hop": compose(amean, mod(sim(HOP, "PHCO"), clipped(0.75)),
                            smarts("[#6]-[#6]-[#6]-[#8]-[#6]~[#6]~[#6]~[#6]~[#6]-[#7]-c1ccc2ncsc2c1", False),
                            smarts("[#7]-c1n[c;h1]nc2[c;h1]c(-[#8])[c;h0][c;h1]c12", True)),
    "valsartan_smarts": compose(gmean, smarts("CN(C=O)Cc1ccc(c2ccccc2)cc1", False),
                                lambda m: gaussian(logp(vsita), 0.2)(logp(m)), lambda m: gaussian(tpsa(vsita), 5)(tpsa(m)),
                                lambda m: gaussian(Descriptors.BertzCT(vsita), 30)(Descriptors.BertzCT(m))),
    "qed": QED.qed,
    "isomers_c7h8n2o2@tdc-0.3.6": isomer_tdc036("C7H8N2O2"),
    "isomers_c9h10n2o2pf2cl@tdc-0.3.6": isomer_tdc036("C9H10N2O2PF2Cl"),
    "zaleplon_mpo@tdc-0.3.6": compose(gmean, sim("O=C(C)N(CC)C1=CC=CC(C2=CC=NC3=C(C=NN23)C#N)=C1", "ECFP4"), isomer_tdc036("C19H17N3O2")),
    "sitagliptin_mpo@tdc-0.3.6": compose(gmean, mod(sim("Fc1cc(c(F)cc1F)CC(N)CC(=O)N3Cc2nnc(n2CC3)C(F)(F)F", "ECFP4"), gaussian(0, 0.1)),
                                         lambda m: gaussian(logp(sita), 0.2)(logp(m)), lambda m: gaussian(tpsa(sita), 5)(tpsa(m)),
                                         isomer_tdc036("C16H15F6N5O")),
}

MOLECULES = [
    "CC(C)(C)NCC(O)c1ccc(O)c(CO)c1",  # albuterol
    "COc1ccc2[C@H]3CC[C@@]4(C)[C@@H](CC[C@@]4(O)C#C)[C@@H]3CCc2c1",  # mestranol
    "CC1=CC=C(C=C1)C1=CC(=NN1C1=CC=C(C=C1)S(N)(=O)=O)C(F)(F)F",  # celecoxib
    "Cc1c(C)c2OC(C)(COc3ccc(CC4SC(=O)NC4=O)cc3)CCc2c(C)c1O",  # troglitazone
    "CN(C)S(=O)(=O)c1ccc2Sc3ccccc3C(=CCCN4CCN(C)CC4)c2c1",  # thiothixene
    "Clc1ccccc1C2C(=C(/N/C(=C2/C(=O)OCC)COCCN)C)\\C(=O)OC",  # amlodipine
    "COc1cc(N(C)CCN(C)C)c(NC(=O)C=C)cc1Nc2nccc(n2)c3cn(C)c4ccccc34",  # osimertinib
    "Fc1cc(c(F)cc1F)CC(N)CC(=O)N3Cc2nnc(n2CC3)C(F)(F)F",  # sitagliptin
    "O=C(C)N(CC)C1=CC=CC(C2=CC=NC3=C(C=NN23)C#N)=C1",  # zaleplon
    "CCCOc1cc2ncnc(Nc3ccc4ncsc4c3)c2cc1S(=O)(=O)C(C)(C)C",  # deco/scaffold hop target
    "CCCCC(=O)N(Cc1ccc(-c2ccccc2-c2nn[nH]n2)cc1)[C@@H](C(C)C)C(=O)O",  # valsartan (matches the SMARTS)
    "Cc1cc([N+](=O)[O-])ccc1N",  # C7H8N2O2
    "NC(=O)c1ccc(N)cc1O",  # C7H8N2O2
    "O=C(NCc1ccc(F)c(F)c1)C(Cl)NP(=O)=O",  # near C9H10N2O2PF2Cl
    "CCOc1ccc2nc(S(N)(=O)=O)sc2c1",
    "NC(=O)C1CCN(c2ncc(C(F)(F)F)cc2Cl)CC1",
    "COc1ccc(CCNC(=O)c2ccc(-c3ccc([N+](=O)[O-])cc3)o2)cc1OC",
    "CCc1cccc(NC(=O)Nc2ccc3c(c2)OCO3)c1",
    "CC1(C)C2CCC1(C)C(=O)C2",  # camphor
    "C1CCCCC1",
    "c1ccccc1",
    "CC(=O)Oc1ccccc1C(=O)O",
]

if __name__ == "__main__":
    w = sys.stdout
    w.write("task,smiles,value\n")
    for task in sorted(ORACLES):
        for smi in MOLECULES:
            m = Chem.MolFromSmiles(smi)
            w.write(f"{task},{smi},{ORACLES[task](m)!r}\n")
