"""Invite a batch of organisations from a CSV file.

The first row names the columns (those of :data:`invite.FIELDS`, in any
order; ``organisation``, ``country``, ``contact_name``, ``email`` and
``language`` are required). Every other row is one invitation, checked on
its own: a bad row is refused with its reasons and never stops the good
ones, which are created and mailed. Rows are numbered as a spreadsheet
numbers them (the header is row 1).
"""

from socialhub.core import _
from socialhub.hub.invitations import invite as invitations

import csv
import io


#: The most rows one batch takes (each creates an entry and sends a mail).
MAX_ROWS = 500
#: The largest CSV text one batch takes, in characters.
MAX_SIZE = 1_000_000


class BatchError(ValueError):
    """A CSV that cannot be read at all; ``message`` says why."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def read_rows(text):
    """The rows of CSV ``text`` as ``(row number, {column: value})``.

    Raises :class:`BatchError` for a text that is no CSV of invitations.
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise BatchError(
                _("error_csv_encoding", default="Save the CSV file as UTF-8.")
            ) from None
    if not isinstance(text, str) or not text.strip():
        raise BatchError(
            _(
                "error_csv_empty",
                default="Give a CSV text whose first row names the columns: "
                "${columns}.",
                mapping={"columns": ", ".join(invitations.FIELDS)},
            )
        )
    if len(text) > MAX_SIZE or "\x00" in text:
        raise BatchError(
            _(
                "error_csv_too_large",
                default="A batch takes at most ${rows} rows: split the file.",
                mapping={"rows": MAX_ROWS},
            )
        )
    text = text.lstrip("\ufeff")
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        header = [column.strip().lower() for column in next(reader, [])]
        rows = list(reader)
    except csv.Error:
        raise BatchError(
            _("error_csv_unreadable", default="This text cannot be read as CSV.")
        ) from None
    missing = [name for name in invitations.REQUIRED if name not in header]
    unknown = [name for name in header if name not in invitations.FIELDS]
    if missing or unknown or len(set(header)) != len(header):
        raise BatchError(
            _(
                "error_csv_columns",
                default="The first row must name the columns ${required} "
                "and may add ${optional}, each once.",
                mapping={
                    "required": ", ".join(invitations.REQUIRED),
                    "optional": ", ".join(invitations.OPTIONAL),
                },
            )
        )
    rows = [
        (number, row)
        for number, row in enumerate(rows, start=2)
        if any(cell.strip() for cell in row)
    ]
    if len(rows) > MAX_ROWS:
        raise BatchError(
            _(
                "error_csv_too_large",
                default="A batch takes at most ${rows} rows: split the file.",
                mapping={"rows": MAX_ROWS},
            )
        )
    cells = [(number, [cell.strip() for cell in row]) for number, row in rows]
    return [
        (number, dict(zip(header, row, strict=False)), len(row))
        for number, row in cells
    ], len(header)


def invite_batch(text, translate_message, inviter=None):
    """Invite every good row of CSV ``text``.

    Returns ``{"created": [...], "refused": [...]}``: a created row gives its
    number, the invitation and the entry; a refused one its number and its
    errors, translated by ``translate_message``. Raises :class:`BatchError`.
    """
    rows, width = read_rows(text)
    created, refused = [], []
    for number, data, cells in rows:
        errors, clean = invitations.problems(data)
        if cells != width:
            errors.insert(
                0,
                {
                    "field": "row",
                    "message": _(
                        "error_csv_row_width",
                        default="This row has ${cells} cells; "
                        "the header has ${columns}.",
                        mapping={"cells": cells, "columns": width},
                    ),
                },
            )
        if errors:
            refused.append(
                {
                    "row": number,
                    "organisation": data.get("organisation", ""),
                    "errors": [
                        {**error, "message": translate_message(error["message"])}
                        for error in errors
                    ],
                }
            )
            continue
        record = invitations.invite(clean, inviter=inviter)
        created.append({"row": number, "invitation": record})
    return {"created": created, "refused": refused}
