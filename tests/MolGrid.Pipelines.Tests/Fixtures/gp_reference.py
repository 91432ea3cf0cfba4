# Independent reference for MolGrid's Tanimoto-kernel GP (Qsar/): python3-rdkit (Debian, RDKit 2022.09.3)
# fingerprints and BulkTanimotoSimilarity, numpy linear algebra. Run from the repository root:
#   /usr/bin/python3 tests/MolGrid.Pipelines.Tests/Fixtures/gp_reference.py
# Model: y = mu + f + e, f ~ GP(0, s T), e ~ N(0, s r), mu = mean(y_train), r fixed, s = y_c' (T + rI)^-1 y_c / n
# (its maximum-likelihood value). Writes gp_kernel_reference.csv and gp_reference.csv beside this script.
import csv, math, os
import numpy as np
from rdkit import Chem, DataStructs
from rdkit.Chem import AllChem

here = "tests/MolGrid.Pipelines.Tests/Fixtures"
rows = list(csv.DictReader(open("samples/targets/bzr_activity.csv")))
train, test = rows[:40], rows[150:156]
def fp(s):
    return AllChem.GetMorganFingerprintAsBitVect(Chem.MolFromSmiles(s), 2, nBits=2048)
ftr = [fp(r["smiles"]) for r in train]
fte = [fp(r["smiles"]) for r in test]
y = np.array([float(r["activity"]) for r in train])
K = np.array([DataStructs.BulkTanimotoSimilarity(a, ftr) for a in ftr])
with open(os.path.join(here, "gp_kernel_reference.csv"), "w") as f:
    f.write("i,j,tanimoto\n")
    for i in range(len(ftr)):
        for j in range(len(ftr)):
            f.write(f"{i},{j},{K[i, j]!r}\n")
r = 0.01
mu = y.mean()
yc = y - mu
A = K + r * np.eye(len(y))
alpha = np.linalg.solve(A, yc)
n = len(y)
s = yc @ alpha / n
sign, logdet = np.linalg.slogdet(A)
lml = -0.5 * n - 0.5 * (n * math.log(s) + logdet) - 0.5 * n * math.log(2 * math.pi)
# Same value straight from the multivariate normal density with covariance s*A:
C = s * A
lml_direct = -0.5 * yc @ np.linalg.solve(C, yc) - 0.5 * np.linalg.slogdet(C)[1] - 0.5 * n * math.log(2 * math.pi)
assert abs(lml - lml_direct) < 1e-8
with open(os.path.join(here, "gp_reference.csv"), "w") as f:
    f.write("smiles,mean,variance\n")
    for r_, q in zip(test, fte):
        k = np.array(DataStructs.BulkTanimotoSimilarity(q, ftr))
        mean = mu + k @ alpha
        var = s * (1 - k @ np.linalg.solve(A, k))
        f.write(f"{r_['smiles']},{mean!r},{var!r}\n")
    f.write(f"#signal,{s!r},{lml!r}\n")
