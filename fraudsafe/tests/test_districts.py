"""India's districts: canonical names, aliases, unsure names never guessed, and the PIN code check."""

import csv

import pytest

from fraudsafe import districts as d


def test_the_list_has_every_district_of_the_pin_directory_once():
    names = [district.name for district in d.districts()]
    assert len(names) == len(set(names)) == 754
    assert len({district.state for district in d.districts()}) == 36


def test_every_pin_directory_name_is_in_the_installed_package():
    """A package upgrade that renames a district must fail here, not silently skip PIN checks."""
    import indian_pincode

    data = indian_pincode._load()
    pairs = {(data["districts"][a], data["states"][b]) for a, b in data["district_pairs"]}
    names = {name for name, _state in pairs}
    for district in d.districts():
        assert district.pin_directory_name in names, district


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("Bangalore", "Bengaluru Urban"),
        ("bengaluru", "Bengaluru Urban"),
        ("BENGALURU URBAN", "Bengaluru Urban"),
        ("Gurgaon", "Gurugram"),
        ("Allahabad", "Prayagraj"),
        ("Calcutta", "Kolkata"),
        ("Noida", "Gautam Buddha Nagar"),
        ("Trivandrum", "Thiruvananthapuram"),
        ("Osmanabad", "Dharashiv"),
        ("Mysore district", "Mysuru"),
        ("Visakhapatanam", "Visakhapatnam"),
    ],
)
def test_aliases_and_old_names_give_the_canonical_name(typed, name):
    match = d.district_lookup(typed)
    assert match.sure and match.name == name
    assert d.district_canonical(typed) == name


def test_a_name_of_several_districts_is_ambiguous():
    match = d.district_lookup("Delhi")
    assert match.kind == "ambiguous" and "South Delhi" in match.candidates and len(match.candidates) == 11


def test_a_bare_compass_word_names_no_district():
    assert not d.district_lookup("South").sure


def test_close_spellings_are_suggested_never_taken():
    match = d.district_lookup("Gurugam")
    assert match.kind == "close" and match.candidates[0] == "Gurugram"
    assert d.district_canonical("Gurugam") == "Gurugam"  # importers and reports never guess


def test_unknown_names_are_cleaned_not_guessed():
    assert d.district_lookup("Atlantis").kind == "unknown"
    assert d.district_canonical("  ATLANTIS  ") == "Atlantis"
    assert d.district_canonical("") == ""


def test_labels_name_the_state():
    assert d.district_label("Pune") == "Pune, Maharashtra"
    assert d.district_label("Bilaspur (Chhattisgarh)") == "Bilaspur (Chhattisgarh)"
    assert d.district_label("Atlantis") == "Atlantis"


def test_pin_codes_are_checked_against_the_district():
    assert d.pin_check(district="Bengaluru Urban", pin="560034").status == "match"
    mismatch = d.pin_check(district="Pune", pin="560034")
    assert (mismatch.status, mismatch.pin_districts) == ("mismatch", ("Bengaluru Urban",))
    assert d.districts_of_pin("110017") == ("South Delhi",)
    assert d.districts_of_pin("431001") == ("Chhatrapati Sambhajinagar",)


def test_unknown_pins_and_districts_are_unknown_not_mismatches():
    assert d.pin_check(district="Pune", pin="999999").status == "unknown"
    assert d.pin_check(district="Atlantis", pin="560034").status == "unknown"


def test_without_the_pin_directory_nothing_is_refused(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_pincode(name, *args, **kwargs):
        if name == "indian_pincode":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pincode)
    assert d.pin_check(district="Pune", pin="560034").status == "unknown"


def test_the_data_file_says_where_it_comes_from():
    first = d.DATA_FILE.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# India's districts from indian-pincode")
    rows = list(csv.DictReader(line for line in d.DATA_FILE.open(encoding="utf-8") if not line.startswith("#")))
    assert set(rows[0]) == {"state", "district", "pin_directory_name", "aliases", "native_names"}
