#!/usr/bin/env python3
"""Reads an xlsx with openpyxl and checks it the way a user's tool would.

usage: read_xlsx.py FILE [--sheets A,B,...] [EXPECTED_TEXT ...]
Every EXPECTED_TEXT must appear in some cell. Any cell whose text starts
with = + - @ must come back as a string (data type 's'), never a formula,
and carry the quote prefix. Exit 1 with a message on any failure.
"""
import sys
import openpyxl

def main(argv):
    path, rest = argv[1], argv[2:]
    sheets = None
    if rest and rest[0] == "--sheets":
        sheets, rest = rest[1].split(","), rest[2:]
    book = openpyxl.load_workbook(path)
    problems = []
    if sheets is not None and book.sheetnames != sheets:
        problems.append(f"sheets {book.sheetnames} != {sheets}")
    texts = []
    formula_like = 0
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                texts.append(str(cell.value))
                if isinstance(cell.value, str) and cell.value[:1] in ("=", "+", "-", "@"):
                    formula_like += 1
                    if cell.data_type != "s":
                        problems.append(f"{ws.title}!{cell.coordinate} is a {cell.data_type}, not a string")
                    if not cell.quotePrefix:
                        problems.append(f"{ws.title}!{cell.coordinate} lacks the quote prefix")
    everything = "\n".join(texts)
    for want in rest:
        if want not in everything:
            problems.append(f"missing text {want!r}")
    print(f"{path}: {len(book.sheetnames)} sheets, {len(texts)} cells, {formula_like} formula-like strings")
    for p in problems:
        print("PROBLEM:", p)
    return 1 if problems else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv))
