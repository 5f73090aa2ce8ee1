"""What the Excel and Parquet files share: the export's every value and qualifier, and one line without the extra."""

from __future__ import annotations

import pytest

from gzkit import exports

pd = pytest.importorskip("pandas")

#: (suffix, the module that writes it, the extra that installs it, how to read it back)
FILES = {
    "xlsx": ("openpyxl", "excel", lambda path: pd.read_excel(path, sheet_name="observations", keep_default_na=False)),
    "parquet": ("pyarrow", "parquet", lambda path: pd.read_parquet(path)),
}


@pytest.fixture(params=sorted(FILES))
def suffix(request):
    pytest.importorskip(FILES[request.param][0])
    return request.param


# A workbook puts the implied values on a sheet of their own (test_export_excel); Parquet appends them.
@pytest.mark.parametrize(
    "suffix, derived", [("xlsx", False), ("parquet", False), ("parquet", True)], ids=["xlsx", "parquet", "derived"]
)
def test_the_file_holds_the_export(invoke, ds, tmp_path, suffix, derived):
    pytest.importorskip(FILES[suffix][0])
    target = tmp_path / f"gz.{suffix}"
    result = invoke("export", *(["--derived"] if derived else []), "-o", target)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    expected = exports.export(ds, with_derived=derived)
    got = FILES[suffix][2](target)
    assert list(got.columns) == list(expected.columns)
    assert len(got) == len(expected) and (derived or len(got) == len(ds.observations))
    assert got["value"].tolist() == pytest.approx(expected["value"].tolist(), nan_ok=True)
    assert got["qualifier"].astype(str).tolist() == expected["qualifier"].tolist()
    assert got["indicator"].astype(str).tolist() == expected["indicator"].tolist()
    assert got["evidence"].astype(str).tolist() == expected["evidence"].tolist()  # Chinese text intact
    if derived:
        assert got["derivation"].astype(str).tolist() == expected["derivation"].tolist()
        assert (got["derivation"] != "").sum() > 0
    gdp = got[(got["indicator"] == "gdp") & (got["year"] == 2019) & (got["region"] == "guangzhou")]
    # The report's 2.3万亿 is the headline; the official first release 23628.6 stands beside it.
    stated = gdp[gdp["headline"].astype(str).str.lower() == "true"]
    assert stated["value"].tolist() == [23000] and stated["confidence"].astype(str).tolist() == ["report"]
    assert 23628.6 in gdp["value"].tolist()


def test_without_the_extra_one_line_names_it(invoke, tmp_path, monkeypatch, suffix):
    from gzkit import export_files

    module, extra, _read = FILES[suffix]
    real = export_files.importlib.import_module

    def missing(name, *args):
        if name == module:
            raise ImportError(f"No module named '{module}'")
        return real(name, *args)

    monkeypatch.setattr(export_files.importlib, "import_module", missing)
    target = tmp_path / f"gz.{suffix}"
    result = invoke("export", "-o", target)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: writing this format needs {module}, which is not installed. Run: pip install 'gzkit[{extra}]'"
    ]
    assert not target.exists()
    zh = invoke("--lang", "zh", "export", "-o", target)
    assert zh.exit_code == 1
    assert zh.stderr.strip().splitlines() == [
        f"错误： 写入此格式需要 {module}，但尚未安装。请运行：pip install 'gzkit[{extra}]'"
    ]


def test_a_file_that_appears_meanwhile_is_left_and_said_alike_for_text_and_files(tmp_path):
    from gzkit import export_files, writer

    said = []
    for name, write in [
        ("table.csv", lambda target: writer.write_file(target, "a,b\n")),
        ("book.sqlite", lambda target: export_files.write_file(target, lambda tmp: tmp.write_bytes(b"db"))),
    ]:
        target = tmp_path / name

        # Another program creates the file between gzkit's check and its rename.
        def appear(tmp, path, force=False, target=target):
            target.write_text("theirs")
            raise FileExistsError(str(path))

        with pytest.MonkeyPatch.context() as patch:
            # Both put the finished file in place through writer.place.
            patch.setattr(writer, "place", appear)
            with pytest.raises(writer.OutputError) as caught:
                write(target)
        assert target.read_text() == "theirs"
        said.append(caught.value.render("en"))
    assert said == [
        f"{tmp_path / name} appeared while gzkit was writing it; it was left as it is. "
        "Add --force to overwrite it, or choose another name."
        for name in ("table.csv", "book.sqlite")
    ]
