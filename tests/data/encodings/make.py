"""Writes the encoding and .xlsx fixtures (run with /usr/bin/python3 from the repository root).

The files are committed; this script says how they were made: Python's own codecs for cp874 and
UTF-16 (as Thai Windows Excel saves "CSV" and "Unicode text"), python3-openpyxl for the workbooks.
"""
import datetime
import pathlib

import openpyxl

HERE = pathlib.Path(__file__).resolve().parent
XLSX = HERE.parent / "xlsx"

HEADER = ["person_id", "name", "unit", "position", "คุณธรรมจริยธรรม", "102", "achievement", "teamwork",
          "การสั่งสมความเชี่ยวชาญในงานอาชีพ"]
ROWS = [
    ["BKK00001", "สุภาพร ใจดี", "สำนักงานเขตบางรัก", "K3", 3, 3, 2, 3, 4],
    ["BKK00002", "ภานุวัฒน์ มีสุข", "สำนักงานเขตปทุมวัน", "K2", 2, 4, 2, 2, 3],
    ["BKK00003", "ณัฐธิดา, ศรีสวัสดิ์", "สำนักงานเขตบางรัก", "O2", 1, 2, 2, 1, 2],
]


def csv_text(sep: str) -> str:
    def cell(v):
        s = str(v)
        return '"' + s.replace('"', '""') + '"' if (sep in s or '"' in s) else s
    return "".join(sep.join(cell(v) for v in row) + "\r\n" for row in [HEADER] + ROWS)


def main() -> None:
    (HERE / "ratings-utf8.csv").write_bytes(csv_text(",").encode("utf-8-sig"))
    (HERE / "ratings-cp874.csv").write_bytes(csv_text(",").encode("cp874"))
    # Excel "Unicode text": UTF-16 little-endian with a byte-order mark, tab-separated.
    (HERE / "ratings-utf16le.txt").write_bytes(csv_text("\t").encode("utf-16"))
    (HERE / "ratings-utf16be.txt").write_bytes(b"\xfe\xff" + csv_text("\t").encode("utf-16-be"))
    # Excel "Text (Tab delimited)" on Thai Windows: cp874, tab-separated.
    (HERE / "ratings-cp874-tab.txt").write_bytes(csv_text("\t").encode("cp874"))
    # 0xDB is not a character of Windows-874: line 3, the 11th character (the name's 2nd letter).
    bad = bytearray(csv_text(",").encode("cp874"))
    at = bad.index(b"BKK00002,") + 10
    bad[at] = 0xDB
    (HERE / "ratings-cp874-bad.csv").write_bytes(bytes(bad))
    # A UTF-16 file cut short: an odd number of bytes.
    (HERE / "ratings-utf16-cut.txt").write_bytes(csv_text("\t").encode("utf-16")[:-1])

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "ผลประเมิน"
    ws.append(HEADER)
    for r in ROWS:
        ws.append(r)
    notes = wb.create_sheet("notes")
    notes.append(["not a ratings sheet"])
    wb.save(XLSX / "ratings.xlsx")

    bad = openpyxl.Workbook()
    sheets = {
        "level": ("F3", 9),
        "date": ("G2", datetime.date(2024, 1, 5)),
        "percent": ("E3", 0.85),
        "formula": ("E4", "=1+1"),
        "error": ("H2", "#N/A"),
        "multiline": ("F4", 9),  # and a line break in B2: the error is still on row 4
    }
    first = True
    for name, (cell, value) in sheets.items():
        ws = bad.active if first else bad.create_sheet(name)
        ws.title = name
        first = False
        ws.append(HEADER)
        for r in ROWS:
            ws.append(r)
        ws[cell] = value
        if name == "percent":
            ws[cell].number_format = "0%"
        if name == "error":
            ws[cell].data_type = "e"
        if name == "multiline":
            ws["B2"] = "สุภาพร\nใจดี"
    bad.save(XLSX / "ratings-bad.xlsx")


if __name__ == "__main__":
    main()
