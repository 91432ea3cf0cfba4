#!/usr/bin/env bash
# Prepares the one folder TorchSharp's native libraries are loaded from (artifacts/torch/linux-x64), so the
# ~600 MB CPU LibTorch is never copied into bin folders: symbolic links to LibTorch in the NuGet cache, and a
# copy of LibTorchSharp, patched only where the system libstdc++ lacks GLIBCXX_3.4.32 (Debian 12). Idempotent:
# a second run with the same packages does nothing. Messages go to stderr.
#   scripts/torch/prepare.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/scripts/torch"
say() { echo "molgrid setup: $*" >&2; }
torchsharp_version=$(sed -n 's/.*"TorchSharp-cpu" Version="\([^"]*\)".*/\1/p' "$root/Directory.Packages.props")
packages="${NUGET_PACKAGES:-$(dotnet nuget locals global-packages -l | sed 's/^global-packages: //')}"
packages="${packages%/}"
sharp="$packages/torchsharp/$torchsharp_version/runtimes/linux-x64/native/libLibTorchSharp.so"
libtorch_dir=$(ls -d "$packages"/libtorch-cpu-linux-x64/*/runtimes/linux-x64/native 2>/dev/null | sort -V | tail -n 1)
if [ ! -f "$sharp" ] || [ -z "$libtorch_dir" ]; then
  say "TorchSharp $torchsharp_version or LibTorch CPU not in the NuGet cache ($packages); restore the solution first"
  exit 1
fi
out="$root/artifacts/torch/linux-x64"
stamp="$out/.prepared"
want="$torchsharp_version $libtorch_dir"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -f "$out/libLibTorchSharp.so" ]; then exit 0; fi
rm -rf "$out"; mkdir -p "$out"
for lib in "$libtorch_dir"/*.so*; do ln -s "$lib" "$out/$(basename "$lib")"; done
cp "$sharp" "$out/libLibTorchSharp.so.tmp"
libstdcxx=$(/sbin/ldconfig -p | awk '/libstdc\+\+\.so\.6 .*x86-64/ {print $NF; exit}')
if grep -q GLIBCXX_3.4.32 "${libstdcxx:-/usr/lib/x86_64-linux-gnu/libstdc++.so.6}"; then
  say "TorchSharp: libstdc++ has GLIBCXX_3.4.32, LibTorchSharp used as shipped"
else
  command -v patchelf >/dev/null || { say "patchelf is needed (apt-get install patchelf)"; exit 1; }
  say "TorchSharp: libstdc++ lacks GLIBCXX_3.4.32; patching a copy of LibTorchSharp ($out)"
  g++ -std=c++17 -O2 -fPIC -shared "$here/ios_base_library_init.cpp" -o "$out/libmolgrid_ios_init.so"
  /usr/bin/python3 "$here/weaken_version_need.py" "$out/libLibTorchSharp.so.tmp" GLIBCXX_3.4.32
  patchelf --clear-symbol-version _ZSt21ios_base_library_initv "$out/libLibTorchSharp.so.tmp"
  patchelf --add-needed libmolgrid_ios_init.so "$out/libLibTorchSharp.so.tmp"
fi
mv "$out/libLibTorchSharp.so.tmp" "$out/libLibTorchSharp.so"
echo "$want" > "$stamp"
say "TorchSharp: native libraries ready in $out"
