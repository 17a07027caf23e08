"""Curated records, merging across documents, ids and confidence (geo.incidents)."""
import csv
from pathlib import Path

import pytest

from geo.errors import InputError
from geo.extract import extract_document
from geo.incidents import INCIDENT_COLUMNS, RELOCATION_COLUMNS, build_incidents
from incident_helpers import doc, gazetteer, mentions

GAZ = gazetteer()

A = doc("On 14 May 2015 gunmen raided Camp Ashraf, killing 12 residents and wounding 20.", "2015-06", "a")
B = doc("In May 2015 a raid on Camp Ashraf left 15 dead, witnesses said.", "2015-07", "b")
C = doc("Rockets struck Camp Liberty on 2 July 2015, killing four people.", "2015-08", "c")
MOVE = doc("Germany has accepted 40 residents from Camp Liberty in 2016.", "2016-12", "m")


def build(docs, data_dir=None, min_confidence=0.5):
    ms = mentions(docs, GAZ)
    candidates = [c for d in docs for c in extract_document(d, [m for m in ms if m.document == d.id], GAZ)]
    return build_incidents(docs, candidates, GAZ, data_dir, min_confidence=min_confidence)


def write(tmp: Path, name: str, columns, rows) -> Path:
    path = tmp / name
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(columns)
        w.writerows(rows)
    return path


def inc_row(**kw):
    row = {"incident_id": "i1", "type": "raid", "date": "2015-05-14", "date_precision": "day",
           "place": "Camp Ashraf", "killed": "12", "injured": "", "summary": "a raid", "document": "a",
           "quote": "gunmen raided Camp Ashraf", "citation": ""}
    row.update(kw)
    return [row[c] for c in INCIDENT_COLUMNS]


def rel_row(**kw):
    row = {"relocation_id": "r1", "date": "2016", "date_end": "", "date_precision": "year",
           "from_place": "Liberty", "to_place": "Germany", "people": "40", "summary": "to Germany",
           "document": "m", "quote": "Germany has accepted 40 residents", "citation": ""}
    row.update(kw)
    return [row[c] for c in RELOCATION_COLUMNS]


# --- merging ------------------------------------------------------------------------------------------------------
def test_same_event_in_two_documents_is_one_incident_with_both_figures():
    incidents, _, _ = build([A, B, C])
    ashraf = [i for i in incidents if i.place_name == "Camp Ashraf"]
    assert len(ashraf) == 1
    i = ashraf[0]
    assert (i.date, i.date_precision, i.type) == ("2015-05-14", "day", "raid")
    assert i.killed == 15 and i.killed_range == (12, 15)
    assert {(s.document, s.killed) for s in i.sources} == {("a", 12), ("b", 15)}
    assert i.injured == 20 and i.origin == "extracted"
    for s in i.sources:
        assert {"a": A, "b": B}[s.document].text[s.start:s.end] == s.quote


def test_different_dates_or_places_stay_apart():
    d = doc("On 20 May 2015 gunmen raided Camp Ashraf, killing 3.", "2015-06", "d")
    incidents, _, _ = build([A, C, d])
    assert sorted((i.place_name, i.date) for i in incidents) == [
        ("Camp Ashraf", "2015-05-14"), ("Camp Ashraf", "2015-05-20"), ("Camp Liberty", "2015-07-02")]


def test_undated_report_joins_the_incident_whose_figures_agree():
    u = doc("Twelve residents were killed when gunmen raided Camp Ashraf.", None, "u")
    incidents, _, _ = build([A, C, u])
    [i] = [i for i in incidents if i.place_name == "Camp Ashraf"]
    assert {s.document for s in i.sources} == {"a", "u"}
    far = doc("Ninety residents were killed when gunmen raided Camp Ashraf.", None, "f")
    incidents, _, _ = build([A, far])
    assert len(incidents) == 2 and any(i.date is None for i in incidents)


def test_ids_are_deterministic_and_order_free():
    one = build([A, B, C, MOVE])
    two = build([MOVE, C, B, A])
    assert [i.incident_id for i in one[0]] == [i.incident_id for i in two[0]]
    assert [r.relocation_id for r in one[1]] == [r.relocation_id for r in two[1]]
    assert len({i.incident_id for i in one[0]}) == len(one[0])


def test_min_confidence_filters_and_reports():
    weak = doc("Camp Ashraf was attacked.", None, "w")
    incidents, _, skips = build([weak], min_confidence=0.9)
    assert incidents == []
    assert any(s.where.startswith("w:") and "confidence" in s.reason for s in skips)
    incidents, _, _ = build([weak], min_confidence=0.0)
    assert len(incidents) == 1


def test_extracted_relocation():
    _, relocations, _ = build([MOVE])
    [r] = relocations
    assert (r.from_place_name, r.to_place_name, r.people, r.date, r.origin) == (
        "Camp Liberty", "Germany", 40, "2016", "extracted")


# --- curated ------------------------------------------------------------------------------------------------------
def test_curated_wins_and_gets_the_extracted_sources(tmp_path):
    write(tmp_path, "incidents.csv", INCIDENT_COLUMNS, [inc_row(killed="13")])
    write(tmp_path, "relocations.csv", RELOCATION_COLUMNS, [rel_row(people="41")])
    incidents, relocations, _ = build([A, B, C, MOVE], tmp_path)
    [i] = [i for i in incidents if i.place_name == "Camp Ashraf"]
    assert (i.incident_id, i.origin, i.killed, i.summary) == ("i1", "curated", 13, "a raid")
    assert i.killed_range == (12, 15)
    docs_ = [s.document for s in i.sources]
    assert sorted(docs_) == ["a", "b"]  # the curated quote and the sentence of "a" are one source
    quote = [s for s in i.sources if s.document == "a"][0]
    assert A.text[quote.start:quote.end] == quote.quote
    [other] = [i for i in incidents if i.place_name == "Camp Liberty"]
    assert other.origin == "extracted"
    [r] = relocations
    assert (r.relocation_id, r.origin, r.people, len(r.sources)) == ("r1", "curated", 41, 1)


def test_curated_by_alias_and_external_citation(tmp_path):
    write(tmp_path, "incidents.csv", INCIDENT_COLUMNS,
          [inc_row(place="Ashraf", document="", quote="", citation="Report of a commission, p. 4")])
    incidents, _, _ = build([C], tmp_path)
    [i] = [i for i in incidents if i.origin == "curated"]
    assert i.place_name == "Camp Ashraf"
    assert i.sources[0].quote == "Report of a commission, p. 4" and i.sources[0].start is None


def test_curated_quote_and_citation_are_both_kept(tmp_path):
    # regression: a citation beside a quote (e.g. for exact dates) used to be dropped
    write(tmp_path, "relocations.csv", RELOCATION_COLUMNS,
          [rel_row(date="2016-03", date_end="2016-11", date_precision="month", citation="Ministry statement, 2017")])
    _, relocations, _ = build([MOVE], tmp_path)
    [r] = [r for r in relocations if r.origin == "curated"]
    assert (r.date, r.date_end) == ("2016-03", "2016-11")
    quoted, cited = sorted(r.sources, key=lambda s: s.document == "citation")
    assert MOVE.text[quoted.start:quoted.end] == quoted.quote == "Germany has accepted 40 residents"
    assert (cited.document, cited.quote, cited.start) == ("citation", "Ministry statement, 2017", None)


def test_curated_row_for_a_document_not_read_is_skipped(tmp_path):
    write(tmp_path, "incidents.csv", INCIDENT_COLUMNS, [inc_row(document="elsewhere")])
    incidents, _, skips = build([C], tmp_path)
    assert all(i.origin == "extracted" for i in incidents)
    assert any("elsewhere" in s.reason and s.where.endswith("incidents.csv:2") for s in skips)


@pytest.mark.parametrize("change, message", [
    ({"place": "Atlantis"}, "not a place the gazetteer knows"),
    ({"date": "2015-02-30", "date_precision": ""}, "date"),
    ({"date": "2015-13", "date_precision": ""}, "date"),
    ({"killed": "-3"}, "killed must be a whole number"),
    ({"injured": "many"}, "injured must be a whole number"),
    ({"quote": "words that are not there"}, "quote not found verbatim"),
    ({"document": "", "quote": ""}, "needs document and quote, or a citation"),
    ({"type": ""}, "empty type"),
    ({"date_precision": "month"}, "does not match"),
])
def test_curated_incident_errors_name_file_and_line(tmp_path, change, message):
    path = write(tmp_path, "incidents.csv", INCIDENT_COLUMNS, [inc_row(incident_id="ok"), inc_row(**change)])
    with pytest.raises(InputError) as e:
        build([A], tmp_path)
    assert e.value.path == str(path) and e.value.line == 3
    assert message in e.value.message


def test_duplicate_id_and_missing_column(tmp_path):
    path = write(tmp_path, "incidents.csv", INCIDENT_COLUMNS, [inc_row(), inc_row()])
    with pytest.raises(InputError, match="duplicate incident_id") as e:
        build([A], tmp_path)
    assert e.value.line == 3 and str(path) in str(e.value)
    write(tmp_path, "incidents.csv", [c for c in INCIDENT_COLUMNS if c != "place"],
          [[v for c, v in zip(INCIDENT_COLUMNS, inc_row()) if c != "place"]])
    with pytest.raises(InputError, match="missing column.*place") as e:
        build([A], tmp_path)
    assert e.value.line == 1


@pytest.mark.parametrize("change, message", [
    ({"to_place": "Nowhereland"}, "to_place 'Nowhereland' is not a place"),
    ({"from_place": ""}, "from_place is empty"),
    ({"people": "-40"}, "people must be a whole number"),
    ({"date": "2016-02-31", "date_precision": ""}, "date"),
    ({"date_end": "2015"}, "before date"),
    ({"to_place": "Camp Liberty"}, "the same place"),
])
def test_curated_relocation_errors(tmp_path, change, message):
    path = write(tmp_path, "relocations.csv", RELOCATION_COLUMNS, [rel_row(**change)])
    with pytest.raises(InputError) as e:
        build([MOVE], tmp_path)
    assert e.value.path == str(path) and e.value.line == 2
    assert message in e.value.message


def test_row_with_wrong_number_of_fields(tmp_path):
    path = tmp_path / "relocations.csv"
    path.write_text(",".join(RELOCATION_COLUMNS) + "\nr1,2016\n", encoding="utf-8")
    with pytest.raises(InputError, match="columns") as e:
        build([MOVE], tmp_path)
    assert e.value.line == 2


def test_extracted_relocation_keeps_its_period():
    d = doc("Between 2013 and 2016, 2,900 residents were moved from Camp Liberty to Albania.", "2017", "p")
    _, [r], _ = build([d])
    assert (r.date, r.date_end, r.date_precision, r.people) == ("2013", "2016", "year", 2900)
