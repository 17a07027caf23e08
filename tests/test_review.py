"""The review loop on made-up documents: geo review → a person's decisions → --apply → rebuild.

Everything runs on real files in temporary folders; ``geo review`` and ``--apply`` run as a
user runs them (``python -m geo``), the rebuilds in process.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import pytest

from conftest import run_geo
from geo import incidents as incidents_stage
from geo import pipeline, review
from geo.errors import InputError
from geo.export import export_files
from geo.gazetteer import load_gazetteer
from geo.models import Incident, Relocation, Source

# Written for these tests (no seed text): three attacks and a relocation at two made-up sites.
DOCS = {
    "north_report.txt": (
        "Clashes near the river camps\n\n"
        "Gunmen attacked Camp Meadow on 3 March 2015, killing four villagers and wounding nine others, "
        "local officials said.\n\n"
        "An explosion tore through the market in Fort Alder on 12 June 2015, killing seven people.\n\n"
        "Militiamen shelled Fort Alder on 9 May 2015, killing two guards, a rumour on social media claimed.\n"),
    "agency_note.txt": (
        "Families moved\n\n"
        "On 2 August 2015, some 150 residents were moved from Camp Meadow to Fort Alder, the agency said.\n"),
}
GAZETTEER = ("name,aliases,kind,lat,lon,precision_km,country_code,source\n"
             "Camp Meadow,Meadow,site,35.10,43.90,2,IQ,made up for the tests\n"
             "Fort Alder,Alder,site,34.60,43.20,2,IQ,made up for the tests\n")
# A curated record that was there before any review: it must stay as it was.
INCIDENTS_CSV = ("incident_id,type,date,date_precision,place,killed,injured,summary,document,quote,citation\n"
                 "meadow-2014-raid,raid,2014,year,Camp Meadow,,,A raid on the camp,,,\"Made-up report, 2014\"\n")
DOCUMENTS_CSV = ("document,published,title,date_note\n"
                 "north_report,2015-09,Clashes near the river camps,made up\n"
                 "agency_note,2015-08,Families moved,made up\n")
SHOOTING = "Gunmen attacked Camp Meadow"
BOMBING = "An explosion tore through the market"
SHELLING = "Militiamen shelled Fort Alder"
MOVE = "some 150 residents were moved"


def make_corpus(root: Path) -> tuple[Path, Path]:
    docs, data = root / "docs", root / "data"
    docs.mkdir(parents=True)
    data.mkdir()
    for name, text in DOCS.items():
        (docs / name).write_text(text, encoding="utf-8")
    (data / "gazetteer.csv").write_text(GAZETTEER, encoding="utf-8")
    (data / "documents.csv").write_text(DOCUMENTS_CSV, encoding="utf-8")
    (data / "incidents.csv").write_text(INCIDENTS_CSV, encoding="utf-8")
    return docs, data


def read_review(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def write_review(path: Path, rows: list[dict], columns=review.REVIEW_COLUMNS) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(columns))
        w.writeheader()
        w.writerows(rows)


def row_quoting(rows: list[dict], words: str) -> dict:
    (row,) = [r for r in rows if words in r["quotes"]]
    return row


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def by_quote(records, words: str):
    found = [r for r in records if any(words in s.quote for s in r.sources)]
    assert len(found) <= 1, found
    return found[0] if found else None


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("review")
    docs, data = make_corpus(root)
    run_geo("review", "--documents", docs, "--data", data, "--out", root / "review.csv", "-q")
    return root, docs, data


@pytest.fixture(scope="module")
def applied(corpus, tmp_path_factory):
    """The round trip: accept the shooting, edit the bombing's toll and the move's date, reject the shelling."""
    import shutil

    src = corpus[0]
    root = tmp_path_factory.mktemp("applied")
    for name in ("docs", "data"):
        shutil.copytree(src / name, root / name)
    docs, data = root / "docs", root / "data"
    rows = read_review(src / "review.csv")
    row_quoting(rows, SHOOTING)["decision"] = "accept"
    bombing = row_quoting(rows, BOMBING)
    assert bombing["killed"] == "7"
    bombing.update(decision="edit", killed="8", note="=hospital lists eight")
    row_quoting(rows, SHELLING).update(decision="reject", note="a rumour, not a report")
    # A corrected date: the extracted account no longer merges with the reviewed one by itself.
    row_quoting(rows, MOVE).update(decision="edit", date="2015-08-03")
    decided = root / "decided.csv"
    write_review(decided, rows)
    before = snapshot(data)
    proc = run_geo("review", "--apply", decided, "--documents", docs, "--data", data)
    return root, docs, data, rows, before, proc


def test_review_file_lists_every_extracted_record_once(corpus):
    root, docs, data = corpus
    rows = read_review(root / "review.csv")
    with open(root / "review.csv", newline="", encoding="utf-8") as f:
        assert next(csv.reader(f)) == list(review.REVIEW_COLUMNS)
    assert len(rows) == 4
    assert [bool(r["incident_id"]) for r in rows] == [True, True, True, False]
    assert all(r["decision"] == "" for r in rows)
    shooting = row_quoting(rows, SHOOTING)
    assert (shooting["place"], shooting["date"], shooting["killed"], shooting["injured"]) == \
        ("Camp Meadow", "2015-03-03", "4", "9")
    move = row_quoting(rows, MOVE)
    assert (move["type"], move["from_place"], move["to_place"], move["people"]) == \
        ("relocation", "Camp Meadow", "Fort Alder", "150")
    assert move["relocation_id"] and not move["incident_id"]
    assert "agency_note:" in move["quotes"]


def test_extracted_ids_and_review_file_are_stable_across_builds(corpus, tmp_path):
    root, docs, data = corpus
    # The same texts in another folder, written in the other order: same ids, same bytes.
    other_docs = tmp_path / "docs"
    other_docs.mkdir()
    for name in sorted(DOCS, reverse=True):
        (other_docs / name).write_text(DOCS[name], encoding="utf-8")
    first = pipeline.run(docs, data)
    second = pipeline.run(other_docs, data)
    ids = lambda b: ([i.incident_id for i in b.incidents], [r.relocation_id for r in b.relocations])  # noqa: E731
    assert ids(first) == ids(second)
    assert len(ids(first)[0]) == 4  # a curated one and three extracted
    assert review.review_csv_text(first) == review.review_csv_text(second)
    assert review.review_csv_text(first) == (root / "review.csv").read_text(encoding="utf-8")


def test_apply_writes_reviewed_records_and_rejections(applied):
    root, docs, data, rows, before, proc = applied
    assert "accepted 1, edited 2, rejected 1, left undecided 0" in proc.stdout
    old, *inc = read_review(data / "incidents.csv")
    assert old == {**next(csv.DictReader(io.StringIO(INCIDENTS_CSV))), "reviewed": "", "review_fingerprint": ""}
    assert sorted(r["type"] for r in inc) == sorted(row_quoting(rows, w)["type"] for w in (SHOOTING, BOMBING))
    assert all(r["incident_id"].startswith("reviewed-") for r in inc)
    bombing = next(r for r in inc if BOMBING in r["quote"])
    assert bombing["killed"] == "8"
    assert bombing["quote"] in DOCS["north_report.txt"]
    assert "edited in review: killed 7 → 8" in bombing["reviewed"]
    assert "=hospital lists eight" in bombing["reviewed"]  # the note, as written (the ' of the review file is gone)
    assert bombing["review_fingerprint"] == row_quoting(rows, BOMBING)["fingerprint"]
    rej = read_review(data / "rejected.csv")
    assert len(rej) == 1 and rej[0]["kind"] == "incident" and SHELLING in rej[0]["quote"]
    assert rej[0]["fingerprint"] == row_quoting(rows, SHELLING)["fingerprint"]
    assert read_review(data / "relocations.csv")[0]["date"] == "2015-08-03"
    # the files apply does not write are unchanged
    after = snapshot(data)
    assert {k: after[k] for k in before if k != "incidents.csv"} == {k: v for k, v in before.items()
                                                                      if k != "incidents.csv"}


def test_rebuild_shows_reviewed_records_and_rejected_ones_nowhere(applied):
    root, docs, data, rows, before, proc = applied
    build = pipeline.run(docs, data)
    shooting, bombing = by_quote(build.incidents, SHOOTING), by_quote(build.incidents, BOMBING)
    assert shooting.origin == bombing.origin == "reviewed"
    assert bombing.killed == 8 and shooting.killed == 4
    assert by_quote(build.incidents, SHELLING) is None
    assert sorted(i.origin for i in build.incidents) == ["curated", "reviewed", "reviewed"]
    # The moved date no longer lets extraction merge the account into the reviewed relocation:
    # it is folded back in instead of coming back as a second, unreviewed record.
    (move,) = build.relocations
    assert move.origin == "reviewed" and move.date == "2015-08-03" and move.people == 150
    assert [s.document for s in move.sources] == ["agency_note"]
    assert any(s.what == "extracted incident" and "rejected in review" in s.reason and "rejected.csv:2" in s.reason
               for s in build.skipped)
    # Exports: origin "reviewed", and the rejected record in none of them.
    files = {**export_files(build, "geojson"), **export_files(build, "csv"), **pipeline.render(build)}
    for name, content in files.items():
        if isinstance(content, str) and not name.startswith("texts/"):  # texts/: the documents as read
            assert "Militiamen shelled" not in content, name
    gj = json.loads(files["incidents.geojson"])
    assert sorted(f["properties"]["origin"] for f in gj["features"]) == ["curated", "reviewed", "reviewed"]
    inc_csv = list(csv.DictReader(io.StringIO(files["incidents.csv"])))
    assert sorted(r["origin"] for r in inc_csv) == ["curated", "reviewed", "reviewed"]
    rel_csv = list(csv.DictReader(io.StringIO(files["relocations.csv"])))
    assert [r["record_origin"] for r in rel_csv] == ["reviewed"]
    assert "reviewed attack (2)" in files["index.html"] and "reviewed relocation (1)" in files["index.html"]
    # Nothing is left to review.
    assert review.review_rows(build) == []


def test_min_confidence_never_hides_a_reviewed_record(applied):
    root, docs, data, *_ = applied
    build = pipeline.run(docs, data, min_confidence=1.0)
    assert sorted(i.origin for i in build.incidents) == ["curated", "reviewed", "reviewed"]
    assert [r.origin for r in build.relocations] == ["reviewed"]


def test_rejection_survives_a_change_in_how_ids_are_made(applied, monkeypatch):
    root, docs, data, *_ = applied
    monkeypatch.setattr(incidents_stage, "_extracted_id",
                        lambda prefix, *parts: f"{prefix}-new-{hashlib.md5(repr(parts).encode()).hexdigest()[:6]}")
    build = pipeline.run(docs, data)
    assert by_quote(build.incidents, SHELLING) is None
    assert sorted(i.origin for i in build.incidents) == ["curated", "reviewed", "reviewed"]


def test_a_new_source_brings_a_rejected_record_back_for_review(applied, tmp_path):
    root, docs, data, *_ = applied
    more = tmp_path / "docs"
    more.mkdir()
    for name, text in DOCS.items():
        (more / name).write_text(text, encoding="utf-8")
    # New evidence of the rejected event, in another document.
    (more / "second_source.txt").write_text(
        "Residents confirm\n\nOn 9 May 2015 militiamen shelled Fort Alder, killing two guards, residents said.\n",
        encoding="utf-8")
    build = pipeline.run(more, data)
    back = [i for i in build.incidents if i.origin == "extracted" and i.date == "2015-05-09"]
    assert len(back) == 1 and {s.document for s in back[0].sources} == {"north_report", "second_source"}


# --- refused files ------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """An unreviewed corpus, its build and gazetteer, and its review rows."""
    root = tmp_path_factory.mktemp("refused")
    docs, data = make_corpus(root)
    build = pipeline.run(docs, data)
    gaz = load_gazetteer(data)
    return root, docs, data, build, gaz, review.review_rows(build)


def _rows(fresh) -> list[dict]:
    return [{c: r.get(c, "") for c in review.REVIEW_COLUMNS} for r in fresh[5]]


@pytest.mark.parametrize("change, line, message", [
    (lambda rows: rows[1].update(incident_id="x-2099-01-01-nowhere-00000000", decision="accept"), 3,
     "is not among the records this build extracted"),
    (lambda rows: rows[2].update(decision="edit", date="2015-13-40"), 4, "date"),
    (lambda rows: rows[0].update(decision="maybe"), 2, "decision 'maybe' is not one of"),
    (lambda rows: rows[0].update(decision="accept", killed="5"), 2, "write edit"),
    (lambda rows: rows[0].update(decision="edit", killed="five"), 2, "killed must be a whole number"),
    (lambda rows: rows[3].update(decision="edit", to_place="Atlantis Nowhere"), 5, "not a place the gazetteer"),
    (lambda rows: rows[0].update(decision="reject", fingerprint="0123456789abcdef"), 2, "sources of"),
    (lambda rows: rows[1].update(relocation_id="r-x"), 3, "exactly one of incident_id and relocation_id"),
    (lambda rows: rows.append(dict(rows[0])), 6, "also on line 2"),
])
def test_a_file_that_no_longer_matches_is_refused_with_file_and_line(fresh, tmp_path, change, line, message):
    root, docs, data, build, gaz, _ = fresh
    rows = _rows(fresh)
    rows[0]["decision"] = "accept"  # a good row first: it must not be applied either
    change(rows)
    path = tmp_path / "decided.csv"
    write_review(path, rows)
    with pytest.raises(InputError) as e:
        review.read_decisions(path, build, gaz)
    assert (e.value.path, e.value.line) == (str(path), line)
    assert message in e.value.message


def test_unknown_and_missing_columns_are_refused_on_line_1(fresh, tmp_path):
    root, docs, data, build, gaz, _ = fresh
    path = tmp_path / "decided.csv"
    write_review(path, _rows(fresh), columns=[*review.REVIEW_COLUMNS, "reviewer"])
    with pytest.raises(InputError, match="unknown column.*'reviewer'") as e:
        review.read_decisions(path, build, gaz)
    assert e.value.line == 1
    rows = [{k: v for k, v in r.items() if k != "fingerprint"} for r in _rows(fresh)]
    write_review(path, rows, columns=[c for c in review.REVIEW_COLUMNS if c != "fingerprint"])
    with pytest.raises(InputError, match="missing column.*fingerprint"):
        review.read_decisions(path, build, gaz)


def test_refused_apply_exits_2_naming_the_line_and_leaves_data_untouched(fresh, tmp_path):
    root, docs, data, build, gaz, _ = fresh
    rows = _rows(fresh)
    rows[0]["decision"] = "accept"
    rows[1]["decision"] = "reject"
    rows[3].update(decision="edit", date="03/08/2015")  # a spreadsheet's idea of a date
    path = tmp_path / "decided.csv"
    write_review(path, rows)
    before = snapshot(data)
    proc = run_geo("review", "--apply", path, "--documents", docs, "--data", data, check=False)
    assert proc.returncode == 2, proc.stderr
    assert f"{path}:5: date" in proc.stderr
    assert snapshot(data) == before
    assert not (data / "rejected.csv").exists()


def test_applying_the_same_file_twice_is_refused(applied):
    root, docs, data, *_ = applied
    before = snapshot(data)
    proc = run_geo("review", "--apply", root / "decided.csv", "--documents", docs, "--data", data, check=False)
    assert proc.returncode == 2
    assert "decided.csv:2:" in proc.stderr and "is not among the records this build extracted" in proc.stderr
    assert snapshot(data) == before


def test_malformed_rejected_file_names_file_and_line(tmp_path):
    (tmp_path / "rejected.csv").write_text(
        "kind,record_id,fingerprint,type,date,place,document,quote,note\n"
        "incident,x-1,0123456789abcdef,attack,,,d,q,\n"
        "incident,x-2,not-a-key,attack,,,d,q,\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        review.read_ledger(tmp_path)
    assert (Path(e.value.path).name, e.value.line) == ("rejected.csv", 3)


# --- units ----------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["=1+1", "+31 6", "-2", "@SUM(A1)", "\tx", "plain", "", "'quoted"])
def test_cells_are_formula_safe_and_read_back(text):
    cell = review.safe_cell(text)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert review.read_cell(cell) == text.strip()


def test_review_file_cells_never_start_a_formula():
    src = Source("d", "=cmd|' /C calc'!A0 killed two", 0, 30)
    build_like = type("B", (), {})()
    build_like.incidents = [Incident("x-1", "-attack", "2015", "year", "p", "@Place", 2, None, "", "extracted", 0.9,
                                     [src])]
    build_like.relocations = [Relocation("r-1", "a", "b", None, people=None, origin="extracted",
                                         sources=[Source("d", "+moved", 0, 6)], from_place_name="=A",
                                         to_place_name="B")]
    text = review.review_csv_text(build_like)
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell


def test_fingerprint_ignores_order_offsets_and_line_breaks():
    a = [Source("d1", "Shots were fired\nat the gate.", 5, 33), Source("d2", "A second report.", 0, 16)]
    b = [Source("d2", "A second report.", 40, 56), Source("d1", "Shots were fired at the gate.", 9, 38)]
    assert review.fingerprint("incident", a) == review.fingerprint("incident", b)
    assert review.fingerprint("incident", a) != review.fingerprint("relocation", a)
    assert review.fingerprint("incident", [Source("citation", "A report, 2015")]) == ""


def test_a_row_spanning_lines_is_named_by_its_first_line(tmp_path):
    from incident_helpers import gazetteer

    gaz = gazetteer()
    two = [Source("d1", "Shots were fired at Baghdad.", 0, 28), Source("d2", "Baghdad saw shooting.", 0, 21)]
    build_like = type("B", (), {})()
    build_like.incidents = [
        Incident("x-1", "shooting", "2015", "year", "test:baghdad", "Baghdad", None, None, "", "extracted", 0.9, two),
        Incident("x-2", "shooting", "2016", "year", "test:baghdad", "Baghdad", None, None, "", "extracted", 0.9,
                 [Source("d3", "Baghdad again.", 0, 14)])]
    build_like.relocations = []
    text = review.review_csv_text(build_like)
    rows = list(csv.DictReader(io.StringIO(text)))
    rows[0]["decision"] = "maybe"  # on lines 2-3 (its quotes cell has two lines)
    path = tmp_path / "decided.csv"
    write_review(path, rows)
    with pytest.raises(InputError) as e:
        review.read_decisions(path, build_like, gaz)
    assert e.value.line == 2
    rows[0]["decision"], rows[1]["decision"] = "", "maybe"
    write_review(path, rows)
    with pytest.raises(InputError) as e:
        review.read_decisions(path, build_like, gaz)
    assert e.value.line == 4


def test_an_ambiguous_place_name_is_written_as_its_id_and_read_back(tmp_path):
    from incident_helpers import gazetteer

    from geo.models import Place

    gaz = gazetteer()
    # A second "Baghdad" that the name finds after the first: only its id names it.
    other = Place("test:baghdad-2", "Baghdad", "city", 30.0, 40.0, "XX", 5.0, "test")
    gaz.add(other, ["Baghdad"])
    assert gaz.lookup("Baghdad")[0].place_id == "test:baghdad"
    assert review._place_cell(gaz.get("test:baghdad"), gaz) == "Baghdad"
    assert review._place_cell(other, gaz) == "test:baghdad-2"
    path = tmp_path / "incidents.csv"
    path.write_text("incident_id,type,date,date_precision,place,killed,injured,summary,document,quote,citation\n"
                    "a,raid,2015,year,test:baghdad-2,,,,,,A made-up report\n", encoding="utf-8")
    (group,), _ = incidents_stage.read_curated_incidents(path, gaz, {})
    assert group.place == other


def test_apply_is_refused_while_another_command_holds_the_data_lock(fresh, tmp_path):
    from geo.export import output_lock

    root, docs, data, build, gaz, _ = fresh
    rows = _rows(fresh)
    rows[0]["decision"] = "reject"
    path = tmp_path / "decided.csv"
    write_review(path, rows)
    before = snapshot(data)
    with output_lock(data):  # another apply (or anything writing DATA) is under way
        proc = run_geo("review", "--apply", path, "--documents", docs, "--data", data, check=False)
    assert proc.returncode == 2 and "another geo command" in proc.stderr
    assert snapshot(data) == before
