"""gzkit cite: the report and every source behind an indicator, in four styles; CITATION.cff."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gzkit import cite

ROOT = Path(__file__).resolve().parents[1]
TITLE = "幸福城市 美好生活——广州高水平全面建成小康社会调研报告"


def test_gbt7714_is_the_default_in_chinese(invoke):
    result = invoke("--lang", "zh", "cite")
    assert result.exit_code == 0
    assert result.stdout == f"[1] 广东省社会科学院调研组. {TITLE}[R]. 广州: 广东省社会科学院, 2020.\n"


def test_apa_is_the_default_otherwise(invoke):
    result = invoke("cite")
    assert result.exit_code == 0
    assert result.stdout.startswith("Guangdong Academy of Social Sciences Research Group. (2020, August). ")
    assert "Xingfu chengshi meihao shenghuo" in result.stdout
    assert "[Happy city, better life:" in result.stdout
    assert result.stdout == invoke("cite", "--style", "apa").stdout


def test_bibtex(invoke):
    text = invoke("cite", "--style", "bibtex").stdout
    assert text.startswith("@techreport{gdass2020xiaokang,\n")
    assert "  author = {{广东省社会科学院调研组}}," in text
    assert f"  title = {{{TITLE}}}," in text
    assert "  year = {2020}," in text and "  month = aug," in text
    assert text.count("{") == text.count("}")


def test_csl_json(invoke):
    (item,) = json.loads(invoke("cite", "--style", "csl-json").stdout)
    assert item["type"] == "report"
    assert item["title"] == TITLE
    assert item["author"] == [{"literal": "广东省社会科学院调研组"}]
    assert item["issued"] == {"date-parts": [[2020, 8]]}


def test_every_source_behind_gdp(invoke, ds):
    text = invoke("--lang", "zh", "cite", "gdp").stdout
    lines = text.splitlines()
    gdp = ds.observations[ds.observations["indicator"] == "gdp"]
    # One entry per publication and release: the report, 2 NBS/communique sources and the official GDP series.
    assert len(lines) == len(gdp[["source", "vintage"]].drop_duplicates()) == 16
    assert lines[0] == f"[1] 广东省社会科学院调研组. {TITLE}[R]. 广州: 广东省社会科学院, 2020: §一 ¶经济发展动能强劲."
    # Official figures as recorded, with their release and confidence, never blended with the report.
    assert any("中华人民共和国2019年国民经济和社会发展统计公报 (NBS, 2020-02-28)" in line for line in lines)
    assert any("2011年广州市国民经济和社会发展统计公报" in line and "可信度 medium" in line for line in lines)
    assert any("可信度 low" in line and "guangzhou 2018" in line for line in lines)


def test_every_style_lists_the_same_sources(invoke):
    bib = invoke("cite", "gdp", "-s", "bibtex").stdout
    assert bib.count("@techreport{") == 1 and bib.count("@misc{") == 15
    assert r"tjj.gz.gov.cn/datav/admin/home/www\_nj" in invoke("cite", "disposable_income_rural", "-s", "bibtex").stdout
    items = json.loads(invoke("cite", "gdp", "-s", "csl-json").stdout)
    assert [i["type"] for i in items] == ["report"] + ["document"] * 15
    assert items[0]["section"] == "§一 ¶经济发展动能强劲"
    apa = invoke("cite", "gdp").stdout.splitlines()
    assert len(apa) == 16 and apa[0].endswith("Section §一 ¶经济发展动能强劲.")


def test_unknown_indicator_is_one_line(invoke):
    result = invoke("cite", "gpd")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: No indicator 'gpd'. Did you mean 'gdp'")
    assert len(result.stderr.strip().splitlines()) == 1


def test_unknown_style_is_a_usage_error(invoke):
    assert invoke("cite", "--style", "mla").exit_code == 2
    with pytest.raises(Exception, match="unknown citation style"):
        cite.render(cite.sources(None), "mla")


def test_written_to_a_file(invoke, tmp_path):
    target = tmp_path / "refs.bib"
    assert invoke("cite", "gdp", "-s", "bibtex", "-o", target).exit_code == 0
    assert target.read_text(encoding="utf-8") == invoke("cite", "gdp", "-s", "bibtex").stdout


def test_citation_cff_is_valid_cff_1_2():
    yaml = pytest.importorskip("yaml")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "tests" / "schemas" / "cff-1.2.0.schema.json").read_text(encoding="utf-8"))
    doc = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(doc)
    assert doc["cff-version"] == "1.2.0"
    import gzkit

    assert doc["version"] == gzkit.__version__
    report = next(r for r in doc["references"] if r["type"] == "report")
    assert report["title"] == TITLE and report["year"] == 2020 and report["month"] == 8
    data = next(r for r in doc["references"] if r["type"] == "data")
    assert data["license"] == "CC-BY-4.0"


def test_the_schema_check_catches_a_broken_file():
    yaml = pytest.importorskip("yaml")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "tests" / "schemas" / "cff-1.2.0.schema.json").read_text(encoding="utf-8"))
    doc = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    doc["references"][1]["month"] = 13
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(schema).validate(doc)
