"""Reading .xlsx files: a clear error for anything that is not a workbook, opening with openpyxl
(`open_workbook`), and `XlsxReader`, the fast streaming reader of cell values for big sheets."""

import re
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from desk_app.errors import ValidationError
from desk_app.i18n import t


def unreadable(name: str, exc: Exception) -> ValidationError:
    """The error for a file that looked like a workbook but could not be read."""
    return ValidationError(t("The file {file} could not be read as an Excel workbook: {detail}",
                             file=name, detail=str(exc) or type(exc).__name__), field=name)


def check_workbook_file(path: Path) -> None:
    """A clear error for a missing file, a file that is not a zip, or a zip that is not a workbook."""
    name = path.name
    if not path.is_file():
        raise ValidationError(t("The file {file} does not exist.", file=path), field=name)
    if not zipfile.is_zipfile(path):
        raise ValidationError(t("The file {file} is not an Excel workbook (.xlsx).", file=name), field=name)
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise ValidationError(t("The file {file} is not an Excel workbook (.xlsx).", file=name),
                              field=name) from exc
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise ValidationError(t("The file {file} is a zip archive but not an Excel workbook (.xlsx).", file=name),
                              field=name)


def open_workbook(path: str | Path, *, read_only: bool = True):
    """Load an .xlsx read-only (cached values, not formulas), or raise ValidationError naming the file."""
    from openpyxl import load_workbook

    path = Path(path)
    check_workbook_file(path)
    try:
        return load_workbook(path, read_only=read_only, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds (KeyError, InvalidFileException, XML errors)
        raise unreadable(path.name, exc) from exc


class UncachedFormula(str):
    """A formula cell without a stored result: blank as text, with the formula kept in `formula`."""

    formula: str

    def __new__(cls, formula: str) -> "UncachedFormula":
        cell = super().__new__(cls, "")
        cell.formula = formula
        return cell


class XlsxReader:
    """A streaming reader of .xlsx cell values, several times faster than openpyxl's read-only mode.

    openpyxl builds a rich-text object for every inline string (which openpyxl itself writes),
    so reading back a 10 000-row ledger took most of the import's time. This reader parses the
    sheet XML with the C expat parser and gives the same values as `load_workbook(read_only=True,
    data_only=True)`: shared and inline strings, numbers, booleans, error codes as text,
    date-formatted numbers as datetimes, cached results of formulas. Where openpyxl gives None for a
    formula that has no cached result (a workbook written by a script and never opened in a
    spreadsheet program), this reader gives an `UncachedFormula`, so the importer can say so.
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.name = self.path.name
        check_workbook_file(self.path)
        self._zip = zipfile.ZipFile(self.path)
        try:
            self._read_workbook()
            self._shared = self._read_shared_strings()
            self._date_styles = self._read_date_styles()
        except ValidationError:
            self.close()
            raise
        except Exception as exc:  # damaged XML, missing parts
            self.close()
            raise unreadable(self.name, exc) from exc
        self.estimate = 0  # rows in the sheet being read, from its <dimension> (0 if unknown)

    def __enter__(self) -> "XlsxReader":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._zip.close()

    # workbook parts
    def _xml(self, member: str):
        from xml.etree import ElementTree

        with self._zip.open(member) as stream:
            return ElementTree.parse(stream).getroot()

    def _read_workbook(self) -> None:
        rels_ns = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
        workbook = self._xml("xl/workbook.xml")
        ns = _ns(workbook.tag)
        targets: dict[str, str] = {}
        if "xl/_rels/workbook.xml.rels" in self._zip.namelist():
            for rel in self._xml("xl/_rels/workbook.xml.rels"):
                target = rel.get("Target", "")
                target = target.lstrip("/") if target.startswith("/") else "xl/" + target
                targets[rel.get("Id", "")] = target
        props = workbook.find(f"{ns}workbookPr")
        self.date1904 = props is not None and props.get("date1904", "0").lower() in ("1", "true")
        self.sheets: list[tuple[str, str]] = []
        sheets = workbook.find(f"{ns}sheets")
        for sheet in (sheets if sheets is not None else ()):
            rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), sheet.get(f"{rels_ns}id"))
            target = targets.get(rid or "", "")
            if "worksheets/" in target:
                self.sheets.append((sheet.get("name", ""), target))
        if not self.sheets:
            raise ValidationError(t("The file {file} holds no worksheet.", file=self.name), field=self.name)

    def _read_shared_strings(self) -> list[str]:
        from xml.etree import ElementTree

        member = "xl/sharedStrings.xml"
        if member not in self._zip.namelist():
            return []
        strings: list[str] = []
        with self._zip.open(member) as stream:
            for _event, elem in ElementTree.iterparse(stream):
                if elem.tag.endswith("}si"):
                    strings.append(_string_item(elem, _ns(elem.tag)))
                    elem.clear()
        return strings

    def _read_date_styles(self) -> frozenset[int]:
        from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format

        if "xl/styles.xml" not in self._zip.namelist():
            return frozenset()
        styles = self._xml("xl/styles.xml")
        ns = _ns(styles.tag)
        formats = dict(BUILTIN_FORMATS)
        num_fmts = styles.find(f"{ns}numFmts")
        for fmt in (num_fmts if num_fmts is not None else ()):
            formats[int(fmt.get("numFmtId", "-1"))] = fmt.get("formatCode", "")
        result = set()
        xfs = styles.find(f"{ns}cellXfs")
        for index, xf in enumerate(xfs if xfs is not None else ()):
            code = formats.get(int(xf.get("numFmtId", "0")), "")
            if code and is_date_format(code) and not is_timedelta_format(code):
                result.add(index)
        return frozenset(result)

    # cells
    def rows(self, sheet: int = 0) -> Iterator[tuple]:
        """Rows of the sheet from row 1 as tuples of values (missing rows come as empty tuples)."""
        from xml.etree import ElementTree

        from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel

        epoch = MAC_EPOCH if self.date1904 else WINDOWS_EPOCH
        shared, date_styles = self._shared, self._date_styles
        member = self.sheets[sheet][1]
        expected = 1
        columns: dict[str, int] = {}
        try:
            with self._zip.open(member) as stream:
                ns = ""
                for _event, elem in ElementTree.iterparse(stream):
                    tag = elem.tag
                    if not ns:
                        ns = _ns(tag)
                        row_tag, v_tag, is_tag, f_tag = f"{ns}row", f"{ns}v", f"{ns}is", f"{ns}f"
                        dim_tag = f"{ns}dimension"
                    if tag == dim_tag:
                        self.estimate = _dimension_rows(elem.get("ref", ""))
                        continue
                    if tag != row_tag:
                        continue
                    number = int(elem.get("r") or expected)
                    while expected < number:
                        expected += 1
                        yield ()
                    values: list[object] = []
                    for cell in elem:
                        get = cell.get
                        ref = get("r")
                        if ref:
                            letters = ref.rstrip(_DIGITS)
                            column = columns.get(letters)
                            if column is None:
                                column = columns[letters] = _column_index(letters)
                            if column > len(values):
                                values.extend([None] * (column - len(values)))
                        kind = get("t", "n")
                        value: object = None
                        if kind == "inlineStr":
                            inline = cell.find(is_tag)
                            value = _string_item(inline, ns) if inline is not None else None
                        else:
                            v = cell[0] if len(cell) == 1 else cell.find(v_tag)
                            text = v.text if v is not None and v.tag == v_tag else None
                            if text is None:
                                formula = cell.find(f_tag)
                                value = None if formula is None else UncachedFormula(formula.text or "")
                            elif kind == "s":
                                value = shared[int(text)]
                            elif kind == "n":
                                value = float(text) if ("." in text or "E" in text or "e" in text) else int(text)
                                style = get("s")
                                if style and int(style) in date_styles:
                                    value = from_excel(value, epoch)
                            elif kind == "b":
                                value = text.strip() in ("1", "true")
                            elif kind == "d":
                                value = datetime.fromisoformat(text.strip().rstrip("Z"))
                            else:  # str (a formula's text result), e (an error such as #N/A)
                                value = text
                        values.append(value)
                    elem.clear()
                    expected = number + 1
                    yield tuple(values)
        except ValidationError:
            raise
        except Exception as exc:
            raise unreadable(self.name, exc) from exc


_DIGITS = "0123456789"


def _ns(tag: str) -> str:
    return tag[: tag.index("}") + 1] if tag.startswith("{") else ""


def _string_item(elem, ns: str) -> str:
    """The text of a shared-string <si> or inline <is>: plain <t>, or the runs' <t> (no phonetic <rPh>)."""
    t_tag, r_tag = f"{ns}t", f"{ns}r"
    parts = []
    for child in elem:
        if child.tag == t_tag:
            parts.append(child.text or "")
        elif child.tag == r_tag:
            run = child.find(t_tag)
            if run is not None:
                parts.append(run.text or "")
    return "".join(parts)


def _column_index(ref: str) -> int:
    """0-based column of a cell reference such as 'AB12'."""
    index = 0
    for char in ref:
        if "A" <= char <= "Z":
            index = index * 26 + ord(char) - 64
        else:
            break
    return index - 1


def _dimension_rows(ref: str) -> int:
    digits = re.findall(r"\d+", ref.split(":")[-1])
    return int(digits[0]) if digits else 0

