"""A small writer of .xlsx files on openpyxl's write-only mode: rows go to disk as they come (constant
memory for thousands of people), with a bold frozen header row, column widths and number formats."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="F3E6E4")
HEADER_ALIGNMENT = Alignment(vertical="center", wrap_text=True)
SHEET_TITLE_MAX = 31  # Excel's limit


@dataclass(frozen=True)
class Column:
    header: str
    width: float = 12
    number_format: str | None = None  # e.g. "0.0%", "0.0"


@dataclass(frozen=True)
class Sheet:
    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[Any]]


def _header(worksheet: WriteOnlyWorksheet, columns: Sequence[Column]) -> list[WriteOnlyCell]:
    cells = []
    for column in columns:
        cell = WriteOnlyCell(worksheet, value=column.header)
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, HEADER_ALIGNMENT
        cells.append(cell)
    return cells


def _formatted(worksheet: WriteOnlyWorksheet, row: Sequence[Any], formats: Sequence[str | None]) -> list[Any]:
    out: list[Any] = []
    for value, number_format in zip(row, formats, strict=False):
        if number_format and value is not None:
            cell = WriteOnlyCell(worksheet, value=value)
            cell.number_format = number_format
            out.append(cell)
        else:
            out.append(value)
    return out


def workbook_write(target: IO[bytes], sheets: Iterable[Sheet]) -> None:
    """Write ``sheets`` as one workbook to the binary file ``target``."""
    workbook = Workbook(write_only=True)
    for sheet in sheets:
        worksheet = workbook.create_sheet(title=sheet.title[:SHEET_TITLE_MAX])
        for index, column in enumerate(sheet.columns, start=1):
            worksheet.column_dimensions[get_column_letter(index)].width = column.width
        worksheet.freeze_panes = "A2"
        worksheet.append(_header(worksheet, sheet.columns))
        formats = [column.number_format for column in sheet.columns]
        if any(formats):
            for row in sheet.rows:
                worksheet.append(_formatted(worksheet, row, formats))
        else:
            for row in sheet.rows:
                worksheet.append(row)
    workbook.save(target)
