#!/usr/bin/env python3
"""Opens an xlsx with openpyxl and prints one sheet as lines a test can check.

usage: dump_xlsx_sheet.py FILE
Prints: "sheets: A|B", then for the first sheet "freeze: B2", every non-empty
row as "row N: v1|v2|..." (None as empty), "autofilter: A1:I10", every data
validation as "validation TYPE RANGE formula1 [operator]", and every column
with a style as "column X format FMT". Exit 1 if the file does not open.
"""
import sys
import openpyxl

def main(argv):
    book = openpyxl.load_workbook(argv[1])
    print("sheets: " + "|".join(book.sheetnames))
    ws = book.worksheets[0]
    print(f"freeze: {ws.freeze_panes}")
    for row in ws.iter_rows():
        values = ["" if c.value is None else str(c.value) for c in row]
        if any(values):
            print(f"row {row[0].row}: " + "|".join(values).rstrip("|"))
    print(f"autofilter: {ws.auto_filter.ref}")
    for dv in ws.data_validations.dataValidation:
        print(f"validation {dv.type} {dv.sqref} {dv.formula1} {dv.operator or ''}".rstrip())
    for letter, dim in sorted(ws.column_dimensions.items()):
        if not dim.style_id:
            continue
        fmt_id = book._cell_styles[dim.style_id].numFmtId
        code = openpyxl.styles.numbers.BUILTIN_FORMATS.get(fmt_id)
        if code is None:
            code = book._number_formats[fmt_id - 164]
        print(f"column {letter} format {code}")
    return 0

if __name__ == "__main__":
    sys.exit(main(sys.argv))
