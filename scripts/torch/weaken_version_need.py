#!/usr/bin/env python3
"""Marks one symbol-version requirement of an ELF64 shared library as weak (VER_FLG_WEAK in vna_flags).

LibTorchSharp 0.107.0 was built with GCC 15 and asks for GLIBCXX_3.4.32 for a single symbol; Debian 12's
libstdc++ stops at 3.4.30. A weak requirement lets the dynamic loader accept a libstdc++ without that version
(the one symbol is then supplied by libmolgrid_ios_init.so). Usage: weaken_version_need.py LIB VERSION
Exits 0 when the flag is set (or already was), 3 when LIB does not require VERSION.
"""
import struct
import sys

SHT_GNU_VERNEED = 0x6FFFFFFE
VER_FLG_WEAK = 0x2


def main(path: str, version: str) -> int:
    with open(path, "r+b") as f:
        data = bytearray(f.read())
        if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
            print(f"{path}: not a little-endian ELF64 file", file=sys.stderr)
            return 2
        shoff, = struct.unpack_from("<Q", data, 0x28)
        shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
        sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
        for sh in sections:
            if sh[1] != SHT_GNU_VERNEED:
                continue
            strtab_offset = sections[sh[6]][4]
            need = sh[4]
            for _ in range(sh[7]):  # sh_info holds the number of Verneed entries
                _, cnt, _, aux, nxt = struct.unpack_from("<HHIII", data, need)
                at = need + aux
                for _ in range(cnt):
                    _, flags, _, name, anext = struct.unpack_from("<IHHII", data, at)
                    end = data.index(b"\0", strtab_offset + name)
                    if data[strtab_offset + name:end].decode() == version:
                        struct.pack_into("<H", data, at + 4, flags | VER_FLG_WEAK)
                        f.seek(0)
                        f.write(data)
                        return 0
                    at += anext
                need += nxt
    print(f"{path}: no requirement of {version}", file=sys.stderr)
    return 3


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
