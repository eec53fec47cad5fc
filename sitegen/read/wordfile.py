"""A Word file (.docx) as the text `new --from` reads: the article or report a clerk has
in Word, its paragraphs apart at blank lines and its tables as Markdown tables, which
the post's body shows as tables and the report reader takes row by row; a report's
letterhead left out, and "BÁO CÁO" joined to what it reports on as the title.
python-docx reads the file; what it cannot read is said, never a traceback."""
from __future__ import annotations

import io
import re
import zipfile

from sitegen import vi
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
    return "\n\n".join(_titled(_without_letterhead([block for block in blocks if block]))), ""


# A Party document opens with its letterhead: who issues it and its number on the left,
# "ĐẢNG CỘNG SẢN VIỆT NAM" and the place and date on the right, in a table or as lines.
# A post does not show it, and its date is the report's, not the meeting's.
_MOTTO = "dang cong san viet nam"
_AFTER_MOTTO = re.compile(r"[-*_\s]*|.*\bngay\b.*\bthang\b.*\bnam\b.*|so\b.*")
# "BÁO CÁO" alone over what it reports on: the title is both.
_KINDS = ("bao cao", "bien ban", "thong bao", "nghi quyet", "tin bai")


def _without_letterhead(blocks: list) -> list:
    if blocks and blocks[0].startswith("|") and _MOTTO in vi.fold(blocks[0]):
        end = 1
    else:
        at = next((i for i, block in enumerate(blocks[:6]) if vi.fold(block).strip(" .-*") == _MOTTO), None)
        if at is None:
            return blocks
        end = at + 1
    while end < len(blocks) and len(blocks[end]) <= 80 and _AFTER_MOTTO.fullmatch(vi.fold(blocks[end])):
        end += 1
    return blocks[end:]


def _titled(blocks: list) -> list:
    if len(blocks) > 1 and vi.fold(blocks[0]).strip(" .:") in _KINDS and not blocks[1].startswith("|"):
        kind = blocks[0].strip(" .:")
        kind = kind[0] + kind[1:].lower() if kind.isupper() else kind
        return [f"{kind} {blocks[1][0].lower()}{blocks[1][1:]}"] + blocks[2:]
    return blocks


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
