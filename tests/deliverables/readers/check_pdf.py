#!/usr/bin/env python3
"""Checks a PDF the way a reader would see it, with poppler's tools.

usage: check_pdf.py FILE [--cjk] [EXPECTED_TEXT ...]
Every EXPECTED_TEXT must come back out of `pdftotext` (whitespace removed on
both sides, since pdftotext may break a title across lines). With --cjk,
`pdffonts` must list an embedded font of a CJK family: without one,
LibreOffice draws Chinese as empty boxes even though the text layer still
holds the characters, so the text check alone would pass on a useless PDF.
Exit 1 with PROBLEM lines on any failure, 2 when poppler-utils is missing.
"""
import re
import shutil
import subprocess
import sys

# Families that carry Chinese glyphs: Noto/Source Han (…CJK…), the Windows
# fonts the zh-CN styles name, and the common Linux fallbacks.
CJK_FAMILY = re.compile(r"CJK|SourceHan|SimSun|SimHei|YaHei|FangSong|KaiTi|WenQuanYi|DroidSansFallback|"
                        r"AR ?PL|UMing|UKai", re.IGNORECASE)

def run(tool, path):
    return subprocess.run([tool, path] + (["-"] if tool == "pdftotext" else []), check=True,
                          capture_output=True, text=True).stdout

def main(argv):
    path, rest = argv[1], argv[2:]
    cjk = bool(rest) and rest[0] == "--cjk"
    if cjk:
        rest = rest[1:]
    for tool in ("pdffonts", "pdftotext"):
        if shutil.which(tool) is None:
            print(f"PROBLEM: {tool} is missing: run scripts/install-deps --test (poppler-utils)")
            return 2
    problems = []
    fonts = run("pdffonts", path).splitlines()[2:]
    # Columns: name type encoding emb sub uni id; the type may hold spaces
    # ("Type 1", "CID TrueType"), so read emb from the right.
    embedded = [line.split()[0] for line in fonts if line.split()[-5:-4] == ["yes"]]
    if cjk and not any(CJK_FAMILY.search(name) for name in embedded):
        problems.append(f"no embedded CJK font (embedded: {embedded})")
    text = re.sub(r"\s+", "", run("pdftotext", path))
    for want in rest:
        if re.sub(r"\s+", "", want) not in text:
            problems.append(f"missing text {want!r}")
    print(f"{path}: {len(fonts)} fonts, embedded {embedded}, {len(text)} characters of text")
    for p in problems:
        print("PROBLEM:", p)
    return 1 if problems else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv))
