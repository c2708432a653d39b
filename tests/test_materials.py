"""Material database: schema, lookup, user directories, clear errors."""
import pytest

from superind import InputError, all_materials, get_material


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
