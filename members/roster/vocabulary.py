"""The words a roster file uses for coded values, dates and communes, in each language.

A coded value is read from its code (`militia`) or from the Vietnamese label of its choice
(`Dân quân`), in a file of either language, and written as the one or the other. The labels
are the model choices' own, read under the Vietnamese locale: one source of truth for the
pages, the admin and the file. A vocabulary is built once per import or export, so that a row
costs one dict lookup per coded cell.
"""

import datetime
import functools
import re
import unicodedata
from dataclasses import dataclass

from django.db.models import TextChoices
from django.utils import translation

from members.models import ExitKind, Sex
from units.models import DqtvCategory, Force, ReserveCategory

from . import columns as c

# The product's language: the labels a file holds whatever the reader's own language.
FILE_LOCALE = "vi"
DATE_FORMATS = {c.VI: "%d/%m/%Y", c.EN: "%Y-%m-%d"}
XLSX_DATE_FORMATS = {c.VI: "dd/mm/yyyy", c.EN: "yyyy-mm-dd"}
CHOICES: dict[str, tuple[type[TextChoices], ...]] = {
    c.SEX: (Sex,),
    c.FORCE: (Force,),
    c.CATEGORY: (DqtvCategory, ReserveCategory),
    c.PARTY_EXIT_KIND: (ExitKind,),
}
# The categories each force takes (codes).
FORCE_CATEGORIES = {
    Force.MILITIA.value: tuple(DqtvCategory.values),
    Force.SELF_DEFENCE.value: tuple(DqtvCategory.values),
    Force.RESERVE.value: tuple(ReserveCategory.values),
}
# "Xã Chi Lăng (06001)": a commune as the export writes it and the template's list offers it.
NAME_AND_CODE = re.compile(r"\A(.*\S)\s*\(\s*(\d{1,5})\s*\)\Z")
COMMUNE_CODE_LENGTH = 5
# Kinds of commune a cadre may leave out of its name: "Tân Thành" for "Xã Tân Thành".
KIND_PREFIXES = ("xa ", "phuong ", "thi tran ", "dac khu ")


def fold(text: str) -> str:
    """Return `text` without case and with single spaces, as typed values are compared."""
    return " ".join(text.split()).casefold()


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """How a file of one language names columns and writes values, and how it is read back."""

    language: str
    # column key → header
    names: dict[str, str]
    # coded column → accepted text (as written, and folded) → code
    codes: dict[str, dict[str, str]]
    # coded column → code → text this language writes
    written: dict[str, dict[str, str]]

    def code(self, column: str, text: str) -> str | None:
        """Return the code `text` stands for in `column`, or None."""
        table = self.codes[column]
        found = table.get(text)
        return found if found is not None else table.get(fold(text))

    def write(self, column: str, code: str) -> str:
        return self.written[column].get(code, code)

    def accepted(self, column: str, codes: tuple[str, ...] | None = None) -> str:
        """List the values `column` takes (or the given codes) as this language writes them."""
        written = self.written[column]
        return ", ".join(written[code] for code in (codes or tuple(written)))

    def date(self, day: datetime.date) -> str:
        return day.strftime(DATE_FORMATS[self.language])

    def display(self, column: str, value: object) -> str:
        """Render a parsed value for a message, as the file would hold it."""
        if isinstance(value, datetime.date):
            return self.date(value)
        if column in self.written and isinstance(value, str):
            return self.write(column, value)
        return "" if value is None else str(value)


def vocabulary(language: str) -> Vocabulary:
    """Build the vocabulary of a file in `language`, with the labels of the Vietnamese locale."""
    codes: dict[str, dict[str, str]] = {}
    labels: dict[str, dict[str, str]] = {}
    with translation.override(FILE_LOCALE):
        for column, enums in CHOICES.items():
            choices = [(value, str(label)) for enum in enums for value, label in enum.choices]
            labels[column] = dict(choices)
            table = codes[column] = {}
            for value, label in choices:
                for text in (value, label):
                    table[text] = table[fold(text)] = value
    written = (
        labels
        if language == c.VI
        else {column: {v: v for v in labels[column]} for column in labels}
    )
    return Vocabulary(
        language=language, names=c.HEADER_NAMES[language], codes=codes, written=written
    )


@functools.lru_cache(maxsize=4096)
def split_commune(text: str) -> tuple[str, str]:
    """Return (code, name) of a commune cell: "06001", "Xã Chi Lăng" or "Xã Chi Lăng (06001)".

    A number alone is a code; Excel drops the leading zeros of a code typed as a number, and
    every code has five digits, so padding restores them.
    """
    if text.isascii() and text.isdigit():
        return (text.zfill(COMMUNE_CODE_LENGTH) if len(text) <= COMMUNE_CODE_LENGTH else text), ""
    both = NAME_AND_CODE.match(text)
    if both:
        return both[2].zfill(COMMUNE_CODE_LENGTH), both[1]
    return "", text


@functools.lru_cache(maxsize=65536)
def name_keys(name: str) -> tuple[str, ...]:
    """Return the keys a commune name is found by: the whole name, and the name without its kind.

    Case, diacritics and spacing do not count: "Xã Tân Thành", "xa tan thanh" and "Tân Thành"
    all find Xã Tân Thành; "Xã Tân Thành" does not find Phường Tân Thành.
    """
    decomposed = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    plain = fold("".join(char for char in decomposed if not unicodedata.combining(char)))
    for prefix in KIND_PREFIXES:
        if plain.startswith(prefix) and len(plain) > len(prefix):
            return plain, plain[len(prefix) :]
    return (plain,)
