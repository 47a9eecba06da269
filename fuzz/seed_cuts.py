#!/usr/bin/env python3
"""Small cuts of the official list files in ../shared/watchlists, as extra fuzz seeds.

Written at run time into fuzz/corpus/<target>/ (git-ignored): never commit them. Each XML
cut keeps the first few records and closes the root element, each CSV cut keeps the first
rows, and the XLSX/ODS parts are cut the same way (for the parse_uk target's packed forms).
Usage: seed_cuts.py SHARED_WATCHLISTS_DIR CORPUS_DIR
"""
import io
import os
import sys
import zipfile

SEP = b"\n%%%%\n"  # harness::PART_SEPARATOR
MAX_SEED = 48 * 1024


def cut_xml(data, record_end, closing, count):
    """The text up to the end of the `count`-th record, then the closing tags."""
    at = 0
    for _ in range(count):
        found = data.find(record_end, at)
        if found < 0:
            break
        at = found + len(record_end)
    if at == 0:
        return None
    return data[:at] + closing


def head_lines(data, n):
    return b"".join(data.splitlines(keepends=True)[:n])


def write(corpus, target, name, data):
    if data is None:
        return
    os.makedirs(os.path.join(corpus, target), exist_ok=True)
    with open(os.path.join(corpus, target, "shared_" + name), "wb") as f:
        f.write(data[:MAX_SEED])


def read(root, rel):
    path = os.path.join(root, rel)
    if not os.path.exists(path):
        return None
    with open(path, "rb") as f:
        return f.read()


def main(root, corpus):
    # OFAC CSV sets: primary, alt, add, comments.
    for name, files in [
        ("cons_set", ["ofac/cons_csv_2025-12-19/cons_prim.csv", "ofac/cons_csv_2025-12-19/cons_alt.csv",
                      "ofac/cons_csv_2025-12-19/cons_add.csv", "ofac/cons_csv_2025-12-19/cons_comments.csv"]),
        ("sdn_set", ["ofac/sdn_set_2021-07-07/sdn.csv", "ofac/sdn_set_2021-07-07/alt.csv",
                     "ofac/sdn_set_2021-07-07/add.csv", "ofac/sdn_set_2021-07-07/sdn_comments.csv"]),
    ]:
        parts = [read(root, f) for f in files]
        if all(p is not None for p in parts):
            write(corpus, "parse_ofac", name, SEP.join(head_lines(p, 25) for p in parts))
    xml = read(root, "ofac/cons_xml_2025-03-28/consolidated.xml")
    if xml:
        write(corpus, "parse_ofac", "cons.xml", cut_xml(xml, b"</sdnEntry>", b"\n</sdnList>\n", 12))
    un = read(root, "un/consolidated.xml")
    if un:
        write(corpus, "parse_un", "individuals.xml",
              cut_xml(un, b"</INDIVIDUAL>", b"\n</INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>\n", 8))
        start = un.find(b"<ENTITIES>")
        if start > 0:
            head = un[:un.find(b"<INDIVIDUALS>")] + b"<INDIVIDUALS/>"
            ents = cut_xml(un[start:], b"</ENTITY>", b"\n</ENTITIES></CONSOLIDATED_LIST>\n", 6)
            write(corpus, "parse_un", "entities.xml", head + ents if ents else None)
    eu = read(root, "eu/fsf_whole_2016-02-11_excerpt/global_excerpt.xml")
    if eu:
        write(corpus, "parse_eu", "legacy.xml", cut_xml(eu, b"</ENTITY>", b"\n</WHOLE>\n", 10))
    xlsx = read(root, "uk/ofsi_conlist_2025-04-10/UK_Sanctions_List.xlsx")
    if xlsx:
        z = zipfile.ZipFile(io.BytesIO(xlsx))
        names = z.namelist()
        sheet = next((n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml")), None)
        if sheet:
            rows = cut_xml(z.read(sheet), b"</row>", b"</sheetData></worksheet>", 30)
            strings = z.read("xl/sharedStrings.xml") if "xl/sharedStrings.xml" in names else b""
            strings = cut_xml(strings, b"</si>", b"</sst>", 1500) or b""
            if rows:
                write(corpus, "parse_uk", "ofsi_packed.bin", b"\x01" + rows + SEP + strings)
    ods = read(root, "uk/fcdo_uksl_summary_2025-08-11/FCDO_SL_2025-08-11.ods")
    if ods:
        z = zipfile.ZipFile(io.BytesIO(ods))
        content = cut_xml(z.read("content.xml"), b"</table:table-row>",
                          b"</table:table></office:spreadsheet></office:body></office:document-content>", 25)
        if content:
            write(corpus, "parse_uk", "fcdo_packed.bin", b"\x02" + content)
            small = io.BytesIO()
            with zipfile.ZipFile(small, "w", zipfile.ZIP_DEFLATED) as out:
                out.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
                out.writestr("content.xml", content)
            write(corpus, "parse_uk", "fcdo_small.ods", b"\x03" + small.getvalue())


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
