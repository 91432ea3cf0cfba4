#!/usr/bin/env bash
# Runs every MolGrid test against real parts: RDKit, Orleans silos and PostgreSQL on loopback, TorchSharp,
# AutoDock Vina, headless Chromium. Installs and starts what is missing first. Prints, last, "N passed, N failed, N skipped".
#   ./test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Molecules]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
scripts/setup.sh test
deploy/local/services.sh start
export MOLGRID_HOME="$root"
results="$root/artifacts/test-results"
rm -rf "$results"; mkdir -p "$results"
set +e
dotnet test MolGrid.sln -c Release --no-build -nologo --logger "trx" --results-directory "$results" "$@" 2>&1 | tee "$results/console.log"
status=${PIPESTATUS[0]}
set -e
python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(f).getroot().find("t:ResultSummary/t:Counters", ns)
    passed += int(c.get("passed")); failed += int(c.get("failed")) + int(c.get("error", 0)) + int(c.get("timeout", 0))
    skipped += int(c.get("notExecuted", 0))
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
