"""Reading documents and their metadata (data/documents.csv)."""
from __future__ import annotations

import pytest

from conftest import DATA, SEEDS
from geo.documents import parse_partial_date, read_documents, read_metadata
from geo.errors import InputError


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_repository_metadata_covers_every_seed():
    meta = read_metadata(DATA / "documents.csv")
    assert set(meta) == {p.stem for p in SEEDS.glob("*.txt")}
    for row in meta.values():
        assert row["date_note"], "every estimated date says where it comes from"


def test_partial_dates_are_kept_with_their_precision(tmp_path):
    csv = write(tmp_path / "documents.csv",
                "document,published,title,date_note\na,2014,,\nb,2014-05,T,\nc,2014-05-03,,\nd,,,\n")
    meta = read_metadata(csv)
    assert [meta[k]["published"] for k in "abcd"] == ["2014", "2014-05", "2014-05-03", None]


@pytest.mark.parametrize("bad", ["2014-5", "14", "2014-02-30", "2014-13", "May 2014", "2014/05/03"])
def test_bad_dates_are_rejected(bad):
    with pytest.raises(ValueError):
        parse_partial_date(bad)


@pytest.mark.parametrize("body, line, message", [
    ("document,published\na,2014\nb,2014-02-31\n", 3, "2014-02-31"),
    ("document,published\na,2014\na,2015\n", 3, "duplicate document id 'a'"),
    ("document,published\na,2014,extra,columns\n", 2, "columns"),
    ("document,title\na,x\n", 1, "missing column(s) published"),
])
def test_malformed_rows_name_file_and_line(tmp_path, body, line, message):
    csv = write(tmp_path / "documents.csv", body)
    with pytest.raises(InputError) as e:
        read_metadata(csv)
    assert e.value.line == line
    assert str(e.value).startswith(f"{csv}:{line}: ")
    assert message in str(e.value)


def test_documents_get_their_metadata_and_sorted_ids(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    write(docs / "b.txt", "Second text.\r\nWith CRLF.")
    write(docs / "a.txt", "First text.")
    meta = write(tmp_path / "documents.csv", "document,published,title,date_note\na,2013-09,Title A,from byline\n")
    documents, skipped = read_documents(docs, meta)
    assert [d.id for d in documents] == ["a", "b"]
    assert documents[0].published == "2013-09" and documents[0].title == "Title A"
    assert documents[1].published is None
    assert documents[1].text == "Second text.\nWith CRLF."
    assert skipped == []


def test_metadata_row_without_document_is_reported(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    write(docs / "a.txt", "Text.")
    meta = write(tmp_path / "documents.csv", "document,published\na,2010\nghost,2011\n")
    _, skipped = read_documents(docs, meta)
    assert [s.reason for s in skipped] == [f"row for 'ghost' has no readable document in {docs}"]


def test_text_dates_fill_in_where_documents_csv_has_none(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    wire = "CAIRO, May 3 (Example) - Police said the talks of April 28, 2013 had failed."
    for name in ("curated", "dateless_row", "no_row"):
        write(docs / f"{name}.txt", wire)
    write(docs / "undated.txt", "Police said the talks had failed on Friday.")
    meta = write(tmp_path / "documents.csv", "document,published,title,date_note\n"
                                             "curated,2013-05-04,,checked by hand\ndateless_row,,A title,\n")
    documents, _ = read_documents(docs, meta)
    got = {d.id: (d.published, d.date_source) for d in documents}
    assert got == {"curated": ("2013-05-04", "metadata"), "dateless_row": ("2013-05-03", "dateline"),
                   "no_row": ("2013-05-03", "dateline"), "undated": (None, "none")}
    by_id = {d.id: d for d in documents}
    assert by_id["dateless_row"].title == "A title"
    assert "year 2013 from the latest dated mention 'April 28, 2013'" in by_id["no_row"].date_note
    assert by_id["undated"].date_note == "no date in documents.csv, the file or the text"
