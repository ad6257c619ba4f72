"""`diaspora cite`: every style read back by a real reader of that style.

BibTeX by bibtexparser (with its LaTeX decoder), CSL-JSON by a JSON Schema built from the CSL
schema that citeproc-py ships (its item types and variable names) and by citeproc-py itself
rendering a bibliography, RIS by rispy. The embedded dataset's every source goes through each.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from diaspora_cli.core.citing import Reference, references
from diaspora_cli.core.model import Dataset, PartialDate
from diaspora_cli.output.citations import RENDERERS, render_bibtex, render_csl_json, render_ris, render_text
from tests.conftest import MINI, run_cli

bibtexparser = pytest.importorskip("bibtexparser")
rispy = pytest.importorskip("rispy")
jsonschema = pytest.importorskip("jsonschema")
citeproc = pytest.importorskip("citeproc")

HOSTILE = Reference(
    key="src-hostile",
    role="source",
    title='Braces {x} and 100% & $5 #1 under_score ~ ^ \\ "quoted" — Rəsulzadə, Бакы',
    kind="state-media",
    publisher="AT&T {News}",
    authors=("Məmməd Əmin Rəsulzadə", "Ali & Co"),
    issued=PartialDate(2016, 6, 3, circa=True),
    url="https://example.org/a%20b?q={x}&r=1#frag",
    accessed="2026-12-04",
    archived="https://web.archive.org/web/2020/https://example.org/",
    language="az",
    note="Line one\nline two",
)


def _all_sources(dataset: Dataset) -> list[Reference]:
    return references(dataset, list(dataset.sources))


# ---- BibTeX ----------------------------------------------------------------------------------


def _parse_bibtex(text: str, decode: bool = True) -> Any:
    """Parsed entries; `decode` turns LaTeX into text (not for url fields, which are verbatim)."""
    from bibtexparser.middlewares import LatexDecodingMiddleware

    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()] if decode else [])
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    return library


def _decoded(value: str) -> str:
    # pylatexenc renders \textasciicircum{} (LaTeX's own ^) as the modifier letter U+02C6.
    return value.replace("{", "").replace("}", "").replace("\u02c6", "^")


def _unbrace(value: str) -> str:
    return value.replace("{", "").replace("}", "")


def test_bibtex_of_every_shipped_source_parses_with_titles_intact(shipped: Dataset) -> None:
    refs = _all_sources(shipped)
    text = render_bibtex(refs)
    library = _parse_bibtex(text)
    raw = _parse_bibtex(text, decode=False)
    assert [e.key for e in library.entries] == [r.key for r in refs]
    for entry, verbatim, ref in zip(library.entries, raw.entries, refs, strict=True):
        assert entry.entry_type == "misc"
        assert _decoded(entry["title"]) == " ".join(ref.title.replace("{", "").replace("}", "").split())
        assert verbatim["url"] == ref.url.replace(" ", "%20")
        if ref.issued is not None:
            assert entry["year"] == str(ref.issued.year)


def test_bibtex_escapes_what_latex_would_eat() -> None:
    text = render_bibtex([HOSTILE])
    (entry,) = _parse_bibtex(text).entries
    (verbatim,) = _parse_bibtex(text, decode=False).entries
    assert entry.key == "src-hostile"
    assert _decoded(entry["title"]) == _unbrace(HOSTILE.title)
    assert "100\\%" in text and "\\&" in text and "\\#1" in text and "under\\_score" in text
    assert entry["date"] == "2016-06-03" and "approximate" in entry["note"]
    assert verbatim["url"] == "https://example.org/a%20b?q=%7Bx%7D&r=1#frag"  # verbatim url: braces would end it
    assert _decoded(entry["author"]).split(" and ") == list(HOSTILE.authors)


# ---- CSL-JSON --------------------------------------------------------------------------------


def _rnc_names(text: str, define: str) -> list[str]:
    """The quoted names of one `define = "a" | "b" ...` of a RELAX NG compact file."""
    text = re.sub(r"#[^\n]*", "", text)  # comments (annotations start with ##, also dropped)
    match = re.search(rf"^\s*{re.escape(define)}\s*=\s*((?:\s*\|?\s*\"[^\"]+\")+)", text, re.M)
    assert match, define
    return re.findall(r"\"([^\"]+)\"", match.group(1))


@pytest.fixture(scope="module")
def csl_schema() -> dict[str, Any]:
    """A JSON Schema for CSL items built from the CSL schema that citeproc-py ships."""
    folder = Path(citeproc.__file__).parent / "data" / "schema" / "schemas" / "styles"
    types = _rnc_names((folder / "csl-types.rnc").read_text(encoding="utf-8"), "item-types")
    variables_file = (folder / "csl-variables.rnc").read_text(encoding="utf-8")
    dates = _rnc_names(variables_file, "variables.dates")
    names = _rnc_names(variables_file, "variables.names")
    standard = [
        name
        for define in ("variables.numbers", "variables.strings", "variables.titles")
        for name in _rnc_names(variables_file, define)
    ]
    assert "webpage" in types and "issued" in dates and "author" in names and "URL" in standard
    date = {
        "type": "object",
        "properties": {
            "date-parts": {
                "type": "array",
                "minItems": 1,
                "maxItems": 2,
                "items": {"type": "array", "minItems": 1, "maxItems": 3, "items": {"type": "integer"}},
            },
            "circa": {"type": "boolean"},
        },
        "required": ["date-parts"],
        "additionalProperties": False,
    }
    name = {"type": "object", "properties": {"literal": {"type": "string"}}, "additionalProperties": False}
    properties: dict[str, Any] = {"id": {"type": "string"}, "type": {"enum": types}}
    properties.update({v: date for v in dates})
    properties.update({v: {"type": "array", "items": name} for v in names})
    properties.update({v: {"type": ["string", "number"]} for v in standard})
    return {
        "type": "array",
        "items": {
            "type": "object",
            "properties": properties,
            "required": ["id", "type"],
            "additionalProperties": False,
        },
    }


def test_csl_json_of_every_shipped_source_and_record_is_valid(shipped: Dataset, csl_schema: dict[str, Any]) -> None:
    refs = _all_sources(shipped) + references(shipped, [*shipped.countries[:5], *shipped.organizations[:5]])
    items = json.loads(render_csl_json(refs))
    jsonschema.validate(items, csl_schema)
    assert [i["id"] for i in items] == [r.key for r in refs]
    assert all(i["title"] == r.title for i, r in zip(items, refs, strict=True))


def test_csl_json_hostile_text_round_trips(csl_schema: dict[str, Any]) -> None:
    text = render_csl_json([HOSTILE])
    assert "Rəsulzadə" in text  # UTF-8, not \\u escapes
    (item,) = json.loads(text)
    jsonschema.validate([item], csl_schema)
    assert item["title"] == HOSTILE.title and item["URL"] == HOSTILE.url
    assert item["issued"] == {"date-parts": [[2016, 6, 3]], "circa": True}
    assert item["accessed"] == {"date-parts": [[2026, 12, 4]]}


def test_citeproc_renders_a_bibliography_from_our_csl_json(shipped: Dataset) -> None:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    record = shipped.record("first-congress-world-azerbaijanis-2001")
    assert record is not None
    refs = references(shipped, [record])
    source = CiteProcJSON(json.loads(render_csl_json(refs)))
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    bibliography.register(Citation([CitationItem(r.key) for r in refs]))
    rendered = [str(item) for item in bibliography.bibliography()]
    assert len(rendered) == len(refs)
    for ref in refs:
        assert any(ref.title in line for line in rendered), ref.title


# ---- RIS -------------------------------------------------------------------------------------


def test_ris_of_every_shipped_source_reads_back(shipped: Dataset) -> None:
    refs = _all_sources(shipped)
    entries = rispy.loads(render_ris(refs))
    assert len(entries) == len(refs)
    for entry, ref in zip(entries, refs, strict=True):
        assert entry["id"] == ref.key
        assert entry["title"] == " ".join(ref.title.split())
        assert entry["urls"] == [ref.url]
        assert entry["publisher"] == ref.publisher
        assert entry["type_of_reference"] in ("NEWS", "ENCYC", "ELEC")


def test_ris_hostile_text_stays_on_its_tags() -> None:
    (entry,) = rispy.loads(render_ris([HOSTILE]))
    assert entry["title"] == HOSTILE.title
    assert entry["authors"] == list(HOSTILE.authors)
    assert entry["date"] == "2016/06/03/circa"
    assert entry["notes"][0] == "Line one line two"  # a newline would have started a bogus tag


# ---- text and the reference model ------------------------------------------------------------


def test_text_style_one_line_each_and_bracketed_titles_unquoted(shipped: Dataset) -> None:
    refs = _all_sources(shipped)
    lines = render_text(refs).splitlines()
    assert len(lines) == len(refs)
    for line, ref in zip(lines, refs, strict=True):
        assert ref.url in line and ref.publisher in line
        if ref.title.startswith("[") and ref.title.endswith("]"):
            assert f"{ref.title}." in line and f"“{ref.title}" not in line
        else:
            assert f"“{' '.join(ref.title.split())}.”" in " ".join(line.split())


def test_a_record_brings_its_sources_once_and_no_date_is_invented(shipped: Dataset) -> None:
    record = shipped.record("first-congress-world-azerbaijanis-2001")
    assert record is not None
    refs = references(shipped, [record, record])
    assert refs[0].role == "record" and refs[0].key == record.id
    assert [r.key for r in refs[1:]] == list(dict.fromkeys(record.sources))
    for ref in refs[1:]:
        source = shipped.source(ref.key)
        assert source is not None and ref.issued == source.published
    assert references(shipped, [])[0].role == "dataset"


# ---- the command -----------------------------------------------------------------------------

READERS = {
    "bibtex": lambda text: [e.key for e in _parse_bibtex(text).entries],
    "csl-json": lambda text: [i["id"] for i in json.loads(text)],
    "ris": lambda text: [e["id"] for e in rispy.loads(text)],
    "text": lambda text: text.splitlines(),
}


@pytest.mark.parametrize("style", sorted(RENDERERS))
@pytest.mark.parametrize("tty", [False, True])
def test_cli_every_style_as_pipe_and_terminal(style: str, tty: bool) -> None:
    result = run_cli(["--data", str(MINI), "cite", "--style", style], tty=tty)
    assert result.code == 0 and result.err == ""
    assert "\x1b" not in result.out  # never Rich, never colour
    assert len(READERS[style](result.out)) == 1  # the dataset itself


def test_cli_record_and_source_ids_in_order(shipped: Dataset) -> None:
    event = shipped.events[0]
    source = shipped.sources[-1]
    result = run_cli(["cite", event.id, source.id, "-s", "csl-json"])
    assert result.code == 0, result.err
    ids = READERS["csl-json"](result.out)
    assert ids[0] == event.id and source.id in ids and len(ids) == len(set(ids))


def test_cli_unknown_id_writes_nothing_and_exits_1(shipped: Dataset) -> None:
    result = run_cli(["cite", shipped.events[0].id, "no-such-record-anywhere", "--style", "bibtex"])
    assert (result.code, result.out) == (1, "")
    assert "no-such-record-anywhere" in result.err and "Traceback" not in result.err


def test_cli_unknown_style_is_a_usage_error() -> None:
    result = run_cli(["cite", "--style", "chicago"])
    assert (result.code, result.out) == (2, "")
    assert "--style" in result.err and "bibtex" in result.err
