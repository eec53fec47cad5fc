"""A Word file (.docx) as the text `new --from` reads: the article or report a clerk has
in Word, its paragraphs apart at blank lines and its tables as Markdown tables, which
the post's body shows as tables and the report reader takes row by row. python-docx
reads the file; what it cannot read is said, never a traceback."""
from __future__ import annotations

import io
import zipfile

from sitegen.lang import _

MAX_UNPACKED = 200 * 1024 * 1024  # a report with its photos; more is no report
# What a file that is not a .docx starts with, and what to do instead.
OTHER_FORMATS = ((b"\xd0\xcf\x11\xe0", "Word 97-2003 (.doc)"), (b"%PDF", "PDF"))


def is_word(data: bytes) -> bool:
    """Whether `data` is a Word document (.docx: a zip holding word/document.xml)."""
    if not data.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "word/document.xml" in z.namelist()
    except zipfile.BadZipFile:
        return False


def other_format(data: bytes) -> str | None:
    """The name of a format `new --from` cannot read but a clerk may give it, or None."""
    return next((name for head, name in OTHER_FORMATS if data.startswith(head)), None)


def word_text(data: bytes) -> tuple[str | None, str]:
    """(the text of a .docx, '') or (None, why not)."""
    import docx
    from docx.table import Table

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            if sum(info.file_size for info in z.infolist()) > MAX_UNPACKED:
                return None, _("it unpacks to more than 200 MB")
        document = docx.Document(io.BytesIO(data))
        blocks = [_table(block) if isinstance(block, Table) else " ".join(block.text.split())
                  for block in document.iter_inner_content()]
    except Exception as e:  # a damaged file: python-docx and lxml raise many kinds
        return None, str(e) or type(e).__name__
    return "\n\n".join(block for block in blocks if block), ""


def _table(table) -> str:
    """A Word table as a Markdown table: its first row the heading, a merged cell's
    text in each column it spans (as python-docx gives it)."""
    rows = [[" ".join(cell.text.split()).replace("|", "\\|") for cell in row.cells] for row in table.rows]
    rows = [row for row in rows if any(row)]
    if not rows:
        return ""
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows[1:]])
