"""Tables as files: numbers stay numbers, percentages are percentages, headers are labels."""

import io

from openpyxl import load_workbook

from reports.exports import CSV, XLSX, Column, table_response

COLUMNS = [
    Column("name", "Địa bàn"),
    Column("count", "Tử số", "int"),
    Column("share", "Tỷ lệ", "percent"),
]
ROWS = [{"name": "Xã Tân Thành", "count": 1189, "share": 11.89}, {"name": "=cmd", "count": 0}]


def sheet_rows(file_format: str = XLSX) -> list[tuple]:
    response = table_response(name="t", columns=COLUMNS, rows=ROWS, file_format=file_format)
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [tuple(cell.value for cell in row) for row in sheet.iter_rows()]


def test_the_workbook_has_the_labels_as_headers():
    assert sheet_rows()[0] == ("Địa bàn", "Tử số", "Tỷ lệ")


def test_a_count_is_a_number_in_the_workbook():
    assert sheet_rows()[1][1] == 1189


def test_a_percentage_is_a_fraction_shown_as_percent():
    response = table_response(name="t", columns=COLUMNS, rows=ROWS, file_format=XLSX)
    cell = load_workbook(io.BytesIO(response.content)).active["C2"]
    assert (float(cell.value), cell.number_format) == (0.1189, "0.00%")


def test_a_text_that_looks_like_a_formula_is_kept_as_text():
    assert sheet_rows()[2][0] == "'=cmd"


def test_the_csv_starts_with_a_byte_order_mark_for_excel():
    response = table_response(name="t", columns=COLUMNS, rows=ROWS, file_format=CSV)
    assert response.content.decode().splitlines()[0] == "\ufeffĐịa bàn,Tử số,Tỷ lệ"


def test_the_file_is_an_attachment_named_after_the_table():
    response = table_response(name="chi-tieu", columns=COLUMNS, rows=ROWS, file_format=CSV)
    assert response["Content-Disposition"] == 'attachment; filename="chi-tieu.csv"'
