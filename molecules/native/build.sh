#!/usr/bin/env bash
# Builds MolGrid's RDKit shim against Debian's librdkit-dev (no CMake config ships with it).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/build"
mkdir -p "$out"
if [ ! -d /usr/include/rdkit ]; then
  echo "molgrid: RDKit headers missing (/usr/include/rdkit); run scripts/setup.sh or apt-get install librdkit-dev rdkit-data libboost-dev" >&2
  exit 1
fi
libs="SmilesParse GraphMol Descriptors Fingerprints DataStructs RDGeneral SubstructMatch ChemReactions
      ChemTransforms DistGeomHelpers DistGeometry ForceFieldHelpers ForceField Depictor MolDraw2D
      FilterCatalog FileParsers PartialCharges RDGeometryLib Catalogs Optimizer EigenSolvers
      Alignment MolAlign MolTransforms Subgraphs"
link=""
for l in $libs; do link="$link -lRDKit$l"; done
echo "molgrid: building RDKit shim -> $out/libmolgrid_rdkit.so"
g++ -std=c++17 -O2 -fPIC -shared -fvisibility=hidden -Wall -Wno-deprecated-declarations \
  -I/usr/include/rdkit "$here/molgrid_rdkit.cpp" -o "$out/libmolgrid_rdkit.so.tmp" -L/usr/lib $link
mv "$out/libmolgrid_rdkit.so.tmp" "$out/libmolgrid_rdkit.so"
