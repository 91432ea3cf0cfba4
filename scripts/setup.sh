#!/usr/bin/env bash
# Installs what MolGrid needs on a fresh Debian 12 machine with the .NET SDK, idempotently:
# Debian packages for the chosen profile, the RDKit shim, and the .NET build. A second run skips
# what is done. Messages go to stderr so commands that print JSON keep stdout clean.
#   scripts/setup.sh [demo|test]     (default: demo)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
profile="${1:-demo}"
say() { echo "molgrid setup: $*" >&2; }

demo_pkgs="librdkit-dev rdkit-data libboost-dev autodock-vina openbabel patchelf"
test_pkgs="$demo_pkgs python3-rdkit postgresql postgresql-15-rdkit chromium chromium-driver nftables"
case "$profile" in
  demo) pkgs="$demo_pkgs" ;;
  test) pkgs="$test_pkgs" ;;
  *) say "unknown profile '$profile' (expected demo or test)"; exit 2 ;;
esac

missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  say "installing Debian packages:$missing"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >&2
fi

command -v dotnet >/dev/null || { say "the .NET 10 SDK is required (dotnet not on PATH)"; exit 1; }

# Rebuild only when a source, project or native file is newer than the last build.
stamp="$root/src/MolGrid.Cli/bin/Release/net10.0/molgrid.dll"
stale=yes
# The benchmark and fault harness (tools/MolGrid.Harness, started by `molgrid bench grid|faults`) is part of the build.
harness="$root/tools/MolGrid.Harness/bin/Release/net10.0/molgrid-harness.dll"
if [ -f "$stamp" ] && [ -f "$harness" ]; then
  newer=$(find "$root/src" "$root/grains" "$root/pipelines" "$root/molecules" "$root/tests" "$root/tools" \
    "$root/Directory.Build.props" "$root/Directory.Packages.props" \
    \( -name bin -o -name obj -o -name build \) -prune -o \
    -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.cpp' -o -name '*.sh' \
    -o -name '*.json' -o -name '*.yaml' -o -name '*.csv' -o -name '*.gz' -o -name '*.html' -o -name '*.js' -o -name '*.css' \) \
    -newer "$stamp" -print -quit)
  [ -z "$newer" ] && stale=no
fi
if [ "$stale" = yes ]; then
  say "building MolGrid (dotnet build -c Release)"
  dotnet build "$root/MolGrid.sln" -c Release -nologo -v q -clp:ErrorsOnly >&2
  touch "$stamp"
fi
# The build prepares TorchSharp's native folder; this repeats it (a no-op when done) in case artifacts/ was
# cleaned after the last build.
"$root/scripts/torch/prepare.sh"
