#!/usr/bin/env python3
"""Reads a docx with python-docx: paragraphs (also inside content controls)
and tables. usage: read_docx.py FILE [--tables N] [EXPECTED_TEXT ...]
Every EXPECTED_TEXT must appear; --tables gives the minimum table count."""
import sys
import docx

def main(argv):
    path, rest = argv[1], argv[2:]
    min_tables = 0
    if rest and rest[0] == "--tables":
        min_tables, rest = int(rest[1]), rest[2:]
    document = docx.Document(path)
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts.append(cell.text)
    # Content controls (the consultant's sections) are not in .paragraphs.
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    sdts = document.element.body.findall(".//w:sdt", ns)
    for sdt in sdts:
        texts.append("".join(t.text or "" for t in sdt.iter("{%s}t" % ns["w"])))
    everything = "\n".join(texts)
    problems = []
    if len(document.tables) < min_tables:
        problems.append(f"{len(document.tables)} tables, expected at least {min_tables}")
    styles = {p.style.name for p in document.paragraphs}
    if "Heading 1" not in styles:
        problems.append(f"no Heading 1 paragraph (styles used: {sorted(styles)})")
    for want in rest:
        if want not in everything:
            problems.append(f"missing text {want!r}")
    print(f"{path}: {len(document.paragraphs)} paragraphs, {len(document.tables)} tables, {len(sdts)} consultant sections")
    for p in problems:
        print("PROBLEM:", p)
    return 1 if problems else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv))
