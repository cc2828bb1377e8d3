"""The return as one DfE XML file (the upload format), and whether the validator reads it back
as the same tables as the CSV files. The XML is only written when it does, so a council never
receives a file that says something other than the checked CSVs.

Layout, as the validator reads it: one CHILD per child, with a HEADER (the child's fields,
UASC, OC3 and AD1 fields, and AREVIEW, AMISSING, OC2, PERMANENCE and AD_PLACED elements) and
an EPISODE per episode (PLACE written as PL). Every field is written, empty when blank: the
validator fills a missing field from the child's other elements.
"""

from collections import defaultdict
from xml.sax.saxutils import escape

from .tables import COLUMNS, Tables, cell

# Tables written as repeated elements inside HEADER, and their element names.
IN_HEADER = {
    "Reviews": "AREVIEW",
    "Missing": "AMISSING",
    "OC2": "OC2",
    "PrevPerm": "PERMANENCE",
    "PlacedAdoption": "AD_PLACED",
}
# Tables written as fields of HEADER itself (one row per child at most).
HEADER_FIELDS = ("UASC", "OC3", "AD1")
# Tables the validator's XML reader (0.1.17) does not read: the XML cannot carry them.
NOT_IN_XML = ("SWEpisodes",)
# Fields every table shares with the Header, written once per child.
SHARED = {"CHILD", "DOB", "SEX"}


def build_xml(tables: Tables) -> bytes:
    """Written as text, not as an element tree: a council of 100,000 children has millions of
    fields, and building the tree first costs a minute."""
    per_child = defaultdict(lambda: defaultdict(list))
    for table, rows in tables.items():
        if table != "Header":
            for row in rows:
                per_child[row[0]][table].append(row)
    out = ["<?xml version='1.0' encoding='utf-8'?>\n<EXPSSDA903>"]
    for head in tables["Header"]:
        child = per_child[head[0]]
        out.append("<CHILD><HEADER>")
        out.append(_fields("Header", head, rename={"CHILD": "CHILDID"}))
        if child["UASC"]:
            out.append(f"<UASC>1</UASC>{_field('DUC', child['UASC'][0][3])}")
        for table in ("OC3", "AD1"):
            if child[table]:
                out.append(_fields(table, child[table][0], skip=SHARED))
        for table, tag in IN_HEADER.items():
            for row in child[table]:
                out.append(f"<{tag}>{_fields(table, row, skip=SHARED)}</{tag}>")
        out.append("</HEADER>")
        for row in child["Episodes"]:
            out.append(f"<EPISODE>{_fields('Episodes', row, skip=SHARED, rename=PL)}</EPISODE>")
        out.append("</CHILD>")
    out.append("</EXPSSDA903>")
    return "".join(out).encode("utf-8")


PL = {"PLACE": "PL"}


def _fields(table, row, skip=(), rename=None) -> str:
    return "".join(
        _field((rename or {}).get(name, name), value)
        for name, value in zip(COLUMNS[table], row, strict=True)
        if name not in skip
    )


def _field(tag, value) -> str:
    text = cell(value)
    return f"<{tag}>{escape(text)}</{tag}>" if text else f"<{tag} />"


def differences(tables: Tables, xml_tables: dict, csv_tables: dict) -> list[str]:
    """Why the validator would read the XML differently from the CSV files (empty: it reads
    them alike). `xml_tables` and `csv_tables` are the validator's readings of each."""
    found = [
        f"{table}: the validator does not read it from XML"
        for table in NOT_IN_XML
        if tables.get(table)
    ]
    for table, columns in COLUMNS.items():
        if table in NOT_IN_XML:
            continue
        xml_rows = [tuple(row.get(c) for c in columns) for row in xml_tables.get(table, [])]
        csv_rows = [tuple(row.get(c) for c in columns) for row in csv_tables.get(table, [])]
        if sorted(xml_rows, key=repr) != sorted(csv_rows, key=repr):
            found.append(f"{table}: {len(xml_rows)} rows read from XML, {len(csv_rows)} from CSV")
    return found
