"""CSV files staff open in Excel: UTF-8 with a BOM and CRLF, so Turkish letters survive, `;` between
cells as Turkish Excel expects, and no cell that Excel would run as a formula (CSV injection)."""
import csv
import io

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The cell's text, with a leading apostrophe where Excel would otherwise read a formula."""
    value = "" if value is None else str(value)
    return "'" + value if value.startswith(FORMULA_START) else value


def excel_csv(header, rows, delimiter=";"):
    """`header` and `rows` (sequences of cells) as CSV bytes for Excel."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue().encode("utf-8-sig")
