#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that every C++ source follows .clang-format: prints the files that drift and exits 1.

Formatting differs between clang-format releases; the house style is checked with the version Debian 12
ships (14). Another version, or none, skips the check (exit 77, CTest's SKIP_RETURN_CODE) with a message.
"""
import pathlib
import re
import shutil
import subprocess
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parents[2])
tool = shutil.which("clang-format-14") or shutil.which("clang-format")
if not tool:
    print("skipped: clang-format is not installed (Debian: apt-get install clang-format)")
    sys.exit(77)
version = subprocess.run([tool, "--version"], capture_output=True, text=True).stdout
major = re.search(r"version (\d+)", version)
if not major or major.group(1) != "14":
    print(f"skipped: the house style is checked with clang-format 14, this is: {version.strip()}")
    sys.exit(77)

files = sorted(p for folder in ("core", "app", "ui", "tests", "benchmarks") for p in (root / folder).rglob("*")
               if p.suffix in (".h", ".cpp") and p.is_file() and "corpus" not in p.parts)
drifting = [p for p in files
            if subprocess.run([tool, "--dry-run", "-Werror", str(p)], capture_output=True).returncode != 0]
for p in drifting:
    print(f"{p.relative_to(root)}: not clang-formatted (run: clang-format -i {p.relative_to(root)})")
if drifting:
    sys.exit(1)
print(f"format: {len(files)} files follow .clang-format")
