"""Inputs other than .txt: HTML pages, PDF reports, JSONL/CSV article dumps (geo.readers, geo.documents).

Every file is made by the test: HTML written out, PDFs made with fpdf2, dumps
written line by line. All texts are made up.
"""
from __future__ import annotations

import csv
import datetime as dt
import json

import pytest

from conftest import run_geo
from geo import readers
from geo.documents import iter_documents, read_documents
from geo.errors import InputError
from geo.models import Document, Skip

ARTICLE = ("BAGHDAD, Dec 26 (Example) - At least four residents of Camp Liberty were killed when rockets "
           "struck the camp near Baghdad on Thursday, residents said.")


def page(body_article: str, head: str = "", comments: str = "") -> str:
    """A saved news page: navigation, an advert, the article, comments and a footer."""
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Rockets hit camp | Example News</title>{head}</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news from Lisbon</a></li>
<li><a href="/sport">Sport</a></li></ul></nav></header>
<div class="advert">Advertisement: cheap flights to Madrid and Oslo this weekend only!</div>
<main><article><h1>Rockets hit camp near Baghdad</h1>{body_article}</article>
<section id="comments" class="comments"><h3>Comments</h3>{comments}</section></main>
<footer><p>Copyright Example News, offices in Helsinki.</p></footer></body></html>"""


ARTICLE_HTML = (f"<p>{ARTICLE}</p>"
                "<p>The attack was the third on the camp this year. Dozens of people were injured, according to "
                "a spokesman for the residents who spoke by telephone from the camp.</p>"
                "<p>Iraqi officials said they were investigating the attack and had not identified who fired the "
                "rockets, which landed in the residential area of the camp.</p>")
HEAD = ('<link rel="canonical" href="https://news.example.org/2013/rockets-camp">'
        '<meta property="og:title" content="Rockets hit camp near Baghdad">'
        '<meta property="article:published_time" content="2013-12-26T09:30:00+03:00">'
        '<meta property="article:modified_time" content="2014-01-05T10:00:00+03:00">')
COMMENTS = ('<div class="comment"><p>Terrible news, I read it first on a site from Reykjavik and then from '
            'Nairobi.</p></div>')


def make_pdf(path, pages, title="Report on the camp", created=dt.datetime(2014, 3, 9, 10, 0, tzinfo=dt.timezone.utc)):
    from fpdf import FPDF

    pdf = FPDF()
    if title:
        pdf.set_title(title)
    pdf.set_creation_date(created)
    pdf.set_font("helvetica", size=11)
    for text in pages:
        pdf.add_page()
        if text:
            pdf.multi_cell(0, 6, text)
        else:
            pdf.rect(20, 20, 100, 60)  # a page with a drawing and no text: what a scan looks like to pypdf
    pdf.output(str(path))
    return path


def items(folder, metadata=None, **kw):
    docs, skipped = read_documents(folder, metadata, **kw)
    return {d.id: d for d in docs}, skipped


# --- HTML ---------------------------------------------------------------------------------------------------------
def test_html_page_gives_the_article_without_navigation_adverts_or_comments(tmp_path):
    (tmp_path / "rockets.html").write_text(page(ARTICLE_HTML, HEAD, COMMENTS), encoding="utf-8")
    docs, skipped = items(tmp_path)
    doc = docs["rockets"]
    assert ARTICLE in doc.text and "Iraqi officials said" in doc.text
    for boilerplate in ("Lisbon", "Madrid", "Helsinki", "Reykjavik", "Sport"):
        assert boilerplate not in doc.text
    assert doc.title == "Rockets hit camp near Baghdad"
    assert doc.url == "https://news.example.org/2013/rockets-camp"
    # the original publication date from the markup, not the update
    assert (doc.published, doc.date_source) == ("2013-12-26", "file")
    assert skipped == []


def test_html_without_date_metadata_falls_back_to_the_dateline(tmp_path):
    body = ("<p>CAIRO, May 3 (Example) - Police fired tear gas at protesters in the square, witnesses said, "
            "a week after the talks of April 26, 2013 broke down without any agreement.</p>"
            "<p>Several people were hurt in the clashes, which lasted until the evening, medics said.</p>")
    (tmp_path / "cairo.htm").write_text(page(body), encoding="utf-8")
    doc = items(tmp_path)[0]["cairo"]
    assert (doc.published, doc.date_source) == ("2013-05-03", "dateline")
    assert doc.url is None


def test_html_page_with_no_article_is_skipped_by_name(tmp_path):
    (tmp_path / "menu.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>",
                                        encoding="utf-8")
    (tmp_path / "ok.txt").write_text("Rockets hit Baghdad.", encoding="utf-8")
    docs, skipped = items(tmp_path)
    assert list(docs) == ["ok"]
    assert skipped == [Skip("document", str(tmp_path / "menu.html"),
                            "HTML page with no article text (trafilatura found no main content)")]


def test_html_date_from_the_canonical_address_when_the_markup_has_none(tmp_path):
    head = '<link rel="canonical" href="https://news.example.org/2015/10/29/rockets-camp/">'
    (tmp_path / "x.html").write_text(page(ARTICLE_HTML, head), encoding="utf-8")
    doc = items(tmp_path)[0]["x"]
    assert (doc.published, doc.date_source) == ("2015-10-29", "file")


def test_a_saved_pages_resource_folder_is_one_skip(tmp_path):
    (tmp_path / "story.html").write_text(page(ARTICLE_HTML), encoding="utf-8")
    (tmp_path / "story_files").mkdir()
    for name in ("ads.htm", "style.css", "app.js"):
        (tmp_path / "story_files" / name).write_text("x", encoding="utf-8")
    docs, skipped = items(tmp_path)
    assert list(docs) == ["story"]
    assert skipped == [Skip("document", str(tmp_path / "story_files"),
                            "resources of a saved web page (its .html is read)")]


def test_only_http_urls_are_kept(tmp_path):
    head = '<link rel="canonical" href="javascript:alert(1)">'
    (tmp_path / "x.html").write_text(page(ARTICLE_HTML, head), encoding="utf-8")
    assert items(tmp_path)[0]["x"].url is None


# --- PDF ----------------------------------------------------------------------------------------------------------
def test_pdf_text_per_page_title_and_date(tmp_path):
    first = ("Rockets struck Camp Liberty near Baghdad, killing four residents and injuring dozens of others "
             "who were in the residential area of the camp at the time of the attack.")
    make_pdf(tmp_path / "report.pdf", [first, "Second page: the residents asked for protection."])
    docs, skipped = items(tmp_path)
    doc = docs["report"]
    # lines wrapped by the PDF's layout are one paragraph again; pages are paragraphs
    assert first in doc.text
    assert doc.text.endswith("Second page: the residents asked for protection.")
    assert (doc.title, doc.published, doc.date_source) == ("Report on the camp", "2014-03-09", "file")
    assert skipped == []


def test_pdf_without_text_layer_is_reported_not_empty(tmp_path):
    make_pdf(tmp_path / "scan.pdf", ["", ""])
    (tmp_path / "ok.txt").write_text("Rockets hit Baghdad.", encoding="utf-8")
    docs, skipped = items(tmp_path)
    assert list(docs) == ["ok"]
    assert [(s.what, s.where) for s in skipped] == [("document", str(tmp_path / "scan.pdf"))]
    assert "without a text layer (2 page(s), no text)" in skipped[0].reason and "OCR" in skipped[0].reason


def test_pdf_with_a_scanned_page_warns(tmp_path):
    make_pdf(tmp_path / "mixed.pdf", ["Rockets hit the camp near Baghdad.", ""])
    docs, skipped = items(tmp_path)
    assert "mixed" in docs
    assert [(s.what, s.reason) for s in skipped] == [("warning", "PDF pages without text (scanned?): 2")]


def test_truncated_pdf_is_skipped_and_nothing_else_lost(tmp_path):
    whole = make_pdf(tmp_path / "whole.pdf", ["Rockets hit the camp near Baghdad."]).read_bytes()
    (tmp_path / "cut.pdf").write_bytes(whole[: len(whole) // 2])
    docs, skipped = items(tmp_path)
    assert list(docs) == ["whole"]
    cut = [s for s in skipped if s.what != "warning"]
    assert [(s.what, s.where) for s in cut] == [("document", str(tmp_path / "cut.pdf"))]
    assert cut[0].reason.startswith("cannot read PDF (damaged or truncated?)")


def test_reflow_joins_wrapped_lines_and_hyphenated_words():
    page_text = ("Rockets struck the camp near the airport, killing four resi-\n"
                 "dents and injuring many others who were asleep in their\n"
                 "homes at the time.\nA short heading\nNext paragraph.")
    assert readers.reflow(page_text) == ("Rockets struck the camp near the airport, killing four residents and "
                                         "injuring many others who were asleep in their homes at the time.\n\n"
                                         "A short heading\n\nNext paragraph.")


# --- dumps --------------------------------------------------------------------------------------------------------
ROWS = [
    {"id": "a-1", "url": "https://example.org/a1", "title": "Raid", "published": "2013-09-01T08:00:00Z",
     "content": "Forces raided the camp near Baghdad, killing 52 residents."},
    {"id": "a/2", "url": "ftp://example.org/a2", "title": "Move", "date": "May 3, 2014",
     "text": "Forty residents were flown from Baghdad to Tirana."},
    {"url": "https://example.org/a3", "text": "KABUL, Oct 31 (Example) - A bomb exploded on Oct 30, 2012 in Kabul."},
]


def test_jsonl_dump_one_document_a_line_with_stable_safe_ids(tmp_path):
    lines = [json.dumps(r) for r in ROWS]
    lines.insert(2, "{not json")
    lines.insert(3, "[1, 2]")
    lines.insert(4, json.dumps({"id": "x", "title": "no text"}))
    (tmp_path / "news.jsonl").write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    docs, skipped = items(tmp_path)
    assert list(docs) == ["news/a-1", "news/a_2", "news/6"]  # the row id made file-name safe, else the line
    a1, a2, a3 = docs.values()
    assert (a1.published, a1.date_source, a1.url, a1.title) == ("2013-09-01", "file", "https://example.org/a1", "Raid")
    assert (a2.published, a2.url) == ("2014-05-03", None)  # only http(s) addresses are kept
    assert (a3.published, a3.date_source) == ("2012-10-31", "dateline")
    where = str(tmp_path / "news.jsonl")
    assert [(s.what, s.where) for s in skipped] == [("row", f"{where}:3"), ("row", f"{where}:4"),
                                                    ("row", f"{where}:5")]
    assert skipped[0].reason.startswith("not JSON: ")
    assert skipped[1].reason == "not a JSON object but a list"
    assert skipped[2].reason.startswith("no text column: expected one of text, content")
    # same file, same ids
    assert list(items(tmp_path)[0]) == list(docs)


def test_csv_dump_with_configured_columns_and_multiline_text(tmp_path):
    path = tmp_path / "archive.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Headline", "Body", "When"])
        w.writerow(["Raid", "Forces raided the camp.\nFifty-two residents died.", "1 September 2013"])
        w.writerow(["Empty", "   ", "2013"])
        w.writerow(["Undated", "Rockets hit the camp.", "soon"])
    docs, skipped = items(tmp_path, columns={"text": "Body", "date": "When"})
    assert list(docs) == ["archive/2", "archive/5"]  # the line where each row starts
    assert docs["archive/2"].text == "Forces raided the camp.\nFifty-two residents died."
    assert (docs["archive/2"].title, docs["archive/2"].published) == ("Raid", "2013-09-01")
    assert (docs["archive/5"].published, docs["archive/5"].date_source) == (None, "none")
    where = str(path)
    assert [(s.what, s.where, s.reason) for s in skipped] == [
        ("row", f"{where}:4", "empty text in column 'Body'"),
        ("warning", f"{where}:5", "date 'soon' in column 'When' is not a date; the text's own date is used")]


def test_csv_dump_without_text_column_is_skipped_naming_file_and_line(tmp_path):
    (tmp_path / "bad.csv").write_text("id,title\n1,Raid\n", encoding="utf-8")
    (tmp_path / "ok.txt").write_text("Rockets hit Baghdad.", encoding="utf-8")
    docs, skipped = items(tmp_path)
    assert list(docs) == ["ok"]
    assert [(s.what, s.where) for s in skipped] == [("document", f"{tmp_path / 'bad.csv'}:1")]
    assert skipped[0].reason == ("no text column: expected one of text, content, body, maintext, article, "
                                 "full_text or --column text=NAME; columns: id, title")


def test_duplicate_row_ids_and_ids_clashing_with_files(tmp_path):
    (tmp_path / "d.jsonl").write_text(json.dumps({"id": "1", "text": "A."}) + "\n"
                                      + json.dumps({"id": "1", "text": "B."}) + "\n", encoding="utf-8")
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "1.txt").write_text("C.", encoding="utf-8")
    docs, skipped = items(tmp_path)
    assert {k: v.text for k, v in docs.items()} == {"d/1": "C."}  # the folder sorts first ("d" < "d.jsonl")
    assert [s.reason for s in skipped] == [
        "duplicate document id 'd/1' (also d/1.txt)", "duplicate id 'd/1' in the dump"]


@pytest.mark.parametrize("value, iso", [
    ("2013-09-01", "2013-09-01"), ("2013-09", "2013-09"), ("2013", "2013"),
    ("2013-09-01T23:30:00-05:00", "2013-09-01"),  # the date as written, not moved to another zone
    ("September 1, 2013", "2013-09-01"), ("1 Sept 2013 10:42", "2013-09-01"), ("September 2013", "2013-09"),
    ("Sept 1", None), ("tomorrow", None), ("2013-02-30", None), ("", None),
])
def test_date_values(value, iso):
    assert readers.date_value(value) == iso


def test_safe_id_part():
    assert readers.safe_id_part("../../etc/passwd") == "_.._etc_passwd"
    assert readers.safe_id_part("a b\x00c") == "a_b_c"
    long = readers.safe_id_part("x" * 500)
    assert len(long) == 80 and long != readers.safe_id_part("x" * 499)


# --- precedence and the folder ----------------------------------------------------------------------------------
def test_documents_csv_over_file_metadata_over_text(tmp_path):
    docs_dir = tmp_path / "docs"
    docs_dir.mkdir()
    (docs_dir / "page.html").write_text(page(ARTICLE_HTML, HEAD), encoding="utf-8")
    (docs_dir / "other.html").write_text(page(ARTICLE_HTML, HEAD), encoding="utf-8")
    meta = tmp_path / "documents.csv"
    meta.write_text("document,published,title,date_note\npage,2014-01,Curated title,checked by hand\n"
                    "other,,Only a title,\n", encoding="utf-8")
    docs, _ = items(docs_dir, meta)
    assert (docs["page"].published, docs["page"].date_source, docs["page"].title, docs["page"].date_note) == (
        "2014-01", "metadata", "Curated title", "checked by hand")
    # a row without a date leaves the date to the file, its title still wins
    assert (docs["other"].published, docs["other"].date_source, docs["other"].title) == (
        "2013-12-26", "file", "Only a title")


def test_iter_documents_is_a_generator_of_documents_and_skips(tmp_path):
    (tmp_path / "a.txt").write_text("Rockets hit Baghdad.", encoding="utf-8")
    (tmp_path / "b.odt").write_text("x", encoding="utf-8")
    it = iter_documents(tmp_path)
    assert iter(it) is it
    first = next(it)
    assert isinstance(first, Document) and first.id == "a"
    assert isinstance(next(it), Skip)


def test_folder_with_nothing_readable_names_a_reason(tmp_path):
    (tmp_path / "bad.jsonl").write_text("oops\n", encoding="utf-8")
    with pytest.raises(InputError, match="no readable documents in folder .*not JSON"):
        read_documents(tmp_path)


def test_build_reads_a_mixed_folder_keeps_texts_and_links_sources(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.html").write_text(page(ARTICLE_HTML, HEAD, COMMENTS), encoding="utf-8")
    make_pdf(docs / "report.pdf", ["Gunmen attacked a convoy near Kirkuk, killing three drivers, police said."])
    (docs / "dump.jsonl").write_text("\n".join(json.dumps(r) for r in ROWS) + "\n", encoding="utf-8")
    (docs / "note.txt").write_text("Rockets hit a camp near Baghdad in Iraq.", encoding="utf-8")
    out, report, data = tmp_path / "out", tmp_path / "report.json", tmp_path / "data"
    data.mkdir()  # no curated data: every date from the files or their texts
    proc = run_geo("build", "--documents", docs, "--data", data, "--out", out, "--report", report)
    assert "documents read: 6" in proc.stdout
    assert "dates: 5 file, 1 dateline" in proc.stdout or "dates: 4 file, 1 dateline, 1 none" in proc.stdout
    data = json.loads(report.read_text())
    by_id = {d["id"]: d for d in data["documents"]}
    assert set(by_id) == {"dump/a-1", "dump/a_2", "dump/3", "note", "page", "report"}
    assert by_id["page"]["url"] == "https://news.example.org/2013/rockets-camp"
    assert (by_id["page"]["published"], by_id["page"]["date_source"], by_id["page"]["date_precision"]) == (
        "2013-12-26", "file", "day")
    assert by_id["dump/3"]["date_source"] == "dateline"
    # every quote is the kept text at its offsets; sources from the page link to it
    texts = {p.relative_to(out / "texts").with_suffix("").as_posix(): p.read_text(encoding="utf-8")
             for p in (out / "texts").rglob("*.txt")}
    assert set(texts) == set(by_id)
    features = [f for layer in ("incidents", "relocations")
                for f in json.loads((out / f"{layer}.geojson").read_text())["features"]]
    sources = [s for f in features for s in f["properties"]["sources"]]
    assert sources, "the folder's articles give incidents"
    for s in sources:
        assert texts[s["document"]][s["start"]:s["end"]] == s["quote"]
        assert s["url"] == by_id[s["document"]]["url"]
    assert any(s["url"] == "https://news.example.org/2013/rockets-camp" for s in sources)
