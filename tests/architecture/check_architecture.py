#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the dependency rules of shared/DESIGN.md on the sources, so that they keep holding:

1. core/'s folders are layers, in the order core/CMakeLists.txt adds them; a file includes only from its own
   folder and the folders added before it (no cycles, one direction).
2. core/ never includes QtGui or QtWidgets headers.
3. app/ and ui/ include from core only the headers a folder's CMakeLists.txt lists on a "# Public:" line.
4. core/, app/ and ui/ reach OpenCV's image codecs (cv::imread, imwrite, imdecode, imencode) only through
   core/io/OpenCvCodecs, which loads them on first use on Linux.

Prints each violation as file:line: what is wrong, and exits 1 when there is one.
"""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parents[2])
core = root / "core"
include_re = re.compile(r'^\s*#\s*include\s*[<"]([^">]+)[">]')
gui_headers = re.compile(r"^(QtGui|QtWidgets)/|^Q(Image|Pixmap|Painter|Widget|Color|Font|GuiApplication|Application|Icon)\b")

layers = re.findall(r"^add_subdirectory\((\w+)\)", (core / "CMakeLists.txt").read_text(), re.M)
rank = {name: i for i, name in enumerate(layers)}
public = {}
for folder in layers:
    text = (core / folder / "CMakeLists.txt").read_text()
    names = set()
    for line in re.findall(r"^# Public:(.*)$", text, re.M):
        names.update(line.split())
    public[folder] = names

problems = []
codec_call = re.compile(r"\bcv::(imread|imwrite|imdecode|imencode)\s*\(")
codec_gateway = core / "io" / "OpenCvCodecs.cpp"


def includes(path):
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        m = include_re.match(line)
        if m:
            yield number, m.group(1)


def sources(folder):
    return sorted(p for p in folder.rglob("*") if p.suffix in (".h", ".cpp") and p.is_file())


for folder in layers:
    for path in sources(core / folder):
        for number, target in includes(path):
            where = f"{path.relative_to(root)}:{number}"
            if gui_headers.search(target):
                problems.append(f"{where}: core includes the GUI header {target}")
            head = target.split("/", 1)[0]
            if "/" in target and head in rank and rank[head] > rank[folder]:
                problems.append(f"{where}: {folder}/ includes {target}, but {head}/ is a layer above {folder}/")

for shell in ("app", "ui"):
    for path in sources(root / shell):
        for number, target in includes(path):
            head, _, name = target.partition("/")
            if head in public and name and name not in public[head]:
                problems.append(
                    f"{path.relative_to(root)}:{number}: {shell}/ includes {target}, which core/{head}/CMakeLists.txt "
                    f"does not list as public")

for folder in (core, root / "app", root / "ui"):
    for path in sources(folder):
        if path == codec_gateway:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            m = codec_call.search(line.split("//", 1)[0])  # comments may name them
            if m:
                problems.append(f"{path.relative_to(root)}:{number}: calls cv::{m.group(1)} directly; use "
                                f"codecs::{m.group(1)} from io/OpenCvCodecs.h (loaded on first use)")

for problem in problems:
    print(problem)
if problems:
    sys.exit(1)
print(f"architecture: {len(layers)} layers ({' < '.join(layers)}), app/ and ui/ use public headers only")
