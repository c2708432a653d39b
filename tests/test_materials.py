"""Material database: schema, lookup, user directories, honest ranges, clear errors."""
from pathlib import Path

import pytest

from superind import InputError, all_materials, get_material
from superind.constants import R_Q
from superind.materials import Range

SHIPPED = Path(__file__).resolve().parent.parent / "material_db"



def test_shipped_materials_and_aliases():
    names = {m.name for m in all_materials()}
    assert {"TiN", "NbN", "a:InO", "GrAl"} <= names
    for alias in ["InOx", "a-InO", "amorphous indium oxide"]:
        assert get_material(alias).name == "a:InO"
    for alias in ["GrAl", "grAl", "AlOx", "granular aluminium"]:
        assert get_material(alias).name == "GrAl"


def test_every_film_record_is_sourced():
    for m in all_materials():
        assert m.films, m.name
        for f in m.films:
            assert f.source.strip()


def test_unknown_material_suggests_close_names():
    with pytest.raises(InputError, match="did you mean.*TiN"):
        get_material("TiNN")


def test_user_material_directory(monkeypatch, tmp_path):
    src = get_material("TiN").origin
    text = open(src, encoding="utf-8").read().replace("name: TiN", "name: MyTiN").replace(
        "aliases: [titanium nitride, TiNx]", "aliases: []")
    (tmp_path / "mytin.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("SUPERIND_MATERIALS", str(tmp_path))
    assert get_material("MyTiN").origin.endswith("mytin.yaml")


@pytest.mark.parametrize("content,match", [("name: [unclosed", "not valid YAML"),
                                           ("name: X\ndescription: y\n", "field 'R_sq_ohm'"),
                                           ("- a\n- b\n", "expected a mapping")])
def test_malformed_user_yaml_names_file_and_field(monkeypatch, tmp_path, content, match):
    (tmp_path / "bad.yaml").write_text(content)
    monkeypatch.setenv("SUPERIND_MATERIALS", str(tmp_path))
    with pytest.raises(InputError, match=match) as err:
        get_material("TiN")
    assert "bad.yaml" in str(err.value)


def test_missing_user_folder_is_named(monkeypatch, tmp_path):
    missing = tmp_path / "does-not-exist"
    monkeypatch.setenv("SUPERIND_MATERIALS", str(missing))
    with pytest.raises(InputError, match="does-not-exist"):
        get_material("TiN")


def test_two_user_files_with_one_name_are_both_named(monkeypatch, tmp_path):
    text = (SHIPPED / "tin.yaml").read_text(encoding="utf-8").replace("name: TiN", "name: MyTiN")
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("SUPERIND_MATERIALS", str(tmp_path))
    with pytest.raises(InputError, match="defined twice") as err:
        get_material("MyTiN")
    assert "a.yaml" in str(err.value) and "b.yaml" in str(err.value)


@pytest.mark.parametrize("old,new,match", [("  min: 13\n  max: 4300", "  min: 4300\n  max: 13", "min 4300"),
                                           ("  min: 13\n  max: 4300", "  min: 13\n  max: 13", "one value"),
                                           ("  min: 0.0\n  max: 5.0", "  min: -1.0\n  max: 5.0", "Tc_K")])
def test_ranges_are_validated(monkeypatch, tmp_path, old, new, match):
    text = (SHIPPED / "tin.yaml").read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "bad.yaml").write_text(text.replace(old, new).replace("name: TiN", "name: BadTiN"), encoding="utf-8")
    monkeypatch.setenv("SUPERIND_MATERIALS", str(tmp_path))
    with pytest.raises(InputError, match=match):
        get_material("TiN")


def test_no_shipped_range_is_a_single_value_and_materials_hash():
    for m in all_materials():
        for name in ("R_sq_ohm", "Tc_K", "resistivity_uohm_cm", "gap_ratio", "critical_R_sq_ohm", "resistance_ratio"):
            r = getattr(m, name)
            assert r.min is None or r.max is None or r.min < r.max, (m.name, name)
        assert hash(m) == hash(get_material(m.name))
    with pytest.raises(ValueError):
        Range(min=1.0, max=1.0, source="x")


def test_nbn_critical_resistance_is_an_honest_range_with_the_sources_words():
    crit = get_material("NbN").critical_R_sq_ohm
    assert crit.min < R_Q / 3 < crit.max  # "approximately one-third of the universal value Rq = h/4e2"
    assert "approximately one-third" in crit.source and "was expected" in crit.source


def test_coumou_breakdown_is_not_called_an_sit_onset():
    crit = get_material("TiN").critical_R_sq_ohm
    assert "breakdown of a model based on uniform properties" in crit.source
    assert "not an SIT onset" in crit.note


def test_resistance_ratio_is_sourced_or_null():
    rr = get_material("NbN").resistance_ratio
    # "resistivity ratio between 300 K and 20 K in the range from 0.98 to 0.89" → R(20 K)/R(300 K) = 1/0.98…1/0.89
    assert rr.min == pytest.approx(1 / 0.98, rel=1e-3) and rr.max == pytest.approx(1 / 0.89, rel=1e-3)
    tin = get_material("TiN").resistance_ratio
    assert tin.min is None and tin.max is None

