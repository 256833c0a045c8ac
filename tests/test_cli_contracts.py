"""The CLI contracts of CONTRACTS.md, through ``main()`` (in process, the model loaded once)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from pipeline.__main__ import main

PASSAGES = [
    {"id": "a1", "published": "2026-01-10", "url": "https://ex.example/a1", "source": "Test",
     "text": "Le groupe Qilin revendique une cyberattaque contre la clinique des Cèdres, à Mâcon, "
             "et affirme détenir les dossiers de plus de 20 000 patients. « Aucune donnée n'a été dérobée », "
             "assure l'établissement ce vendredi."},
    {"id": "a2", "published": "2026-01-11", "text": "Le club a inauguré sa nouvelle tribune devant 15 000 spectateurs."},
]


@pytest.fixture()
def jsonl(tmp_path) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(p, ensure_ascii=False) for p in PASSAGES) + "\n", encoding="utf-8")
    return path


def test_analyze_writes_one_line_per_input_with_contract_fields(jsonl, tmp_path, nlp):
    out = tmp_path / "out.jsonl"
    assert main(["analyze", str(jsonl), "-o", str(out)]) == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["a1", "a2"]
    first = lines[0]
    assert set(first) >= {"id", "organizations", "claims", "victim_counts", "dates"}
    text = PASSAGES[0]["text"]
    claims = {(c["org"], c["stance"], c["speaker"]) for c in first["claims"]}
    assert ("Clinique des Cèdres", "attribution", "attacker") in claims
    assert ("Clinique des Cèdres", "denial", "organization") in claims
    for c in first["claims"]:
        assert set(c) >= {"org", "stance", "speaker", "sentence", "start", "end", "victim_count", "event_date"}
        assert text[c["start"]:c["end"]] == c["sentence"]
    count = first["victim_counts"][0]
    assert (count["value"], count["unit"], count["approx"]) == (20000, "patient", "plus_de")
    assert text[count["start"]:count["end"]] == count["text"]
    assert any(d["value"] == "2026-01-09" and d["precision"] == "day" for d in first["dates"])  # "ce vendredi"
    assert lines[1]["claims"] == [] and lines[1]["victim_counts"] == []


def test_analyze_reports_bad_lines_and_goes_on(tmp_path, capsys, nlp):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "ok", "text": "Rien à signaler."}\nnot json\n{"id": "x"}\n', encoding="utf-8")
    assert main(["analyze", str(path)]) == 1
    captured = capsys.readouterr()
    assert [json.loads(line)["id"] for line in captured.out.splitlines()] == ["ok"]
    assert f"{path}:2" in captured.err and f"{path}:3" in captured.err and "text" in captured.err


def test_analyze_missing_file_is_a_usage_error(tmp_path, capsys):
    assert main(["analyze", str(tmp_path / "nope.jsonl")]) == 2
    assert "nope.jsonl" in capsys.readouterr().err


def test_divergences_from_jsonl(jsonl, capsys, nlp):
    assert main(["divergences", "--from-jsonl", str(jsonl), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    entry = next(d for d in result if d["org"] == "Clinique des Cèdres")
    assert entry["status"] == "contested"
    assert entry["attributions"] >= 1 and entry["denials"] >= 1
    assert entry["first_attribution"] == "2026-01-10" and entry["first_denial"] == "2026-01-10"
    assert entry["articles"] == ["a1"]


def test_export_articles_and_claims(demo_db, tmp_path, capsys):
    assert main(["export", "articles", "--db", str(demo_db)]) == 0
    articles = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(articles) == 24
    assert set(articles[0]) >= {"id", "url", "title", "text", "published", "feed"}
    out = tmp_path / "claims.csv"
    assert main(["export", "claims", "--db", str(demo_db), "--format", "csv", "-o", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows and set(rows[0]) >= {"org", "stance", "speaker", "sentence", "start", "end", "victim_count",
                                     "event_date", "article_id", "url", "published"}
    assert {r["article_id"] for r in rows} <= {a["id"] for a in articles}


def test_export_from_missing_database_names_it(tmp_path, capsys):
    missing = tmp_path / "none.duckdb"
    assert main(["export", "claims", "--db", str(missing)]) == 2
    assert str(missing) in capsys.readouterr().err


def test_help_of_every_command(capsys):
    for command in ("ingest", "demo", "analyze", "divergences", "export", "eval"):
        with pytest.raises(SystemExit) as exc:
            main([command, "--help"])
        assert exc.value.code == 0
    assert "--feeds" in capsys.readouterr().out
