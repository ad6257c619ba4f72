"""`diaspora cite`: references as plain text, BibTeX, CSL-JSON or RIS.

Machine styles are written as their readers expect (bibtexparser, citeproc/Zotero, rispy) and
never pass through Rich. Only what a reference holds is written: no date, URL or author is made
up, and a bracketed title (one the curators supplied because the page shows none) stays
bracketed, without quotation marks, so it is not mistaken for the page's own headline.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from diaspora_cli.core.citing import Reference
from diaspora_cli.core.model import PartialDate

_MEDIA = ("state-media", "independent-media", "international-media", "opposing-side-media")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _supplied(title: str) -> bool:
    return title.startswith("[") and title.endswith("]")


def _human_date(date: PartialDate) -> str:
    text = str(date.year)
    if date.month is not None:
        text = f"{_MONTHS[date.month - 1]} {text}"
        if date.day is not None:
            text = f"{date.day} {text}"
    return ("c. " if date.circa else "") + text


# ---- text ---------------------------------------------------------------------------------------


def _text(ref: Reference) -> str:
    parts: list[str] = []
    if ref.authors:
        parts.append(", ".join(ref.authors) + ".")
    if ref.title:
        parts.append(f"{ref.title}." if _supplied(ref.title) else f"“{ref.title}.”")
    if ref.role == "record":
        parts.append(f"In {ref.container}" + (f", version {ref.version}" if ref.version else "") + ".")
    elif ref.role == "dataset":
        parts.append("Dataset" + (f", version {ref.version}" if ref.version else "") + ".")
    publisher = f"{ref.publisher} ({ref.kind.replace('-', ' ')})" if ref.publisher and ref.role == "source" else ""
    tail = [p for p in (publisher, _human_date(ref.issued) if ref.issued else "") if p]
    if tail:
        parts.append(", ".join(tail) + ".")
    if ref.license and ref.role != "source":
        parts.append(f"Licence {ref.license}.")
    if ref.url:
        parts.append(ref.url)
    extras = [f"accessed {ref.accessed}" if ref.accessed else "", f"archived at {ref.archived}" if ref.archived else ""]
    extras = [e for e in extras if e]
    if extras:
        parts.append("(" + "; ".join(extras) + ").")
    if ref.role == "record" and ref.note:
        parts.append(ref.note)
    return " ".join(parts)


def render_text(refs: Sequence[Reference]) -> str:
    """One reference per line."""
    return "".join(_text(r) + "\n" for r in refs)


# ---- BibTeX -------------------------------------------------------------------------------------

_BIB_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_BIB_TABLE = str.maketrans(_BIB_SPECIAL)


def _bib(value: str) -> str:
    """A field value for braces: LaTeX specials escaped, text kept in UTF-8 (biber, bibtexparser)."""
    return " ".join(value.translate(_BIB_TABLE).split())


def _bib_url(value: str) -> str:
    """url fields are verbatim; only braces would break the entry, and URLs carry them escaped."""
    return value.replace("{", "%7B").replace("}", "%7D").replace(" ", "%20")


def _bibtex(ref: Reference) -> str:
    fields: list[tuple[str, str]] = []
    if ref.authors:
        fields.append(("author", " and ".join("{" + _bib(a) + "}" for a in ref.authors)))
    elif ref.publisher and ref.role == "source":
        fields.append(("author", "{" + _bib(ref.publisher) + "}"))  # corporate author: braced, not split
    if ref.title:
        fields.append(("title", "{" + _bib(ref.title) + "}"))
    if ref.publisher:
        fields.append(("publisher", _bib(ref.publisher)))
    if ref.container:
        fields.append(("booktitle", _bib(ref.container)))
    if ref.version:
        fields.append(("version", _bib(ref.version)))
    if ref.issued is not None:
        fields.append(("year", str(ref.issued.year)))
        if ref.issued.month is not None:
            fields.append(("month", str(ref.issued.month)))
        fields.append(("date", ref.issued.iso()))
    if ref.url:
        fields.append(("url", _bib_url(ref.url)))
    if ref.accessed:
        fields.append(("urldate", ref.accessed))
    if ref.language:
        fields.append(("language", _bib(ref.language)))
    notes = [ref.note]
    if ref.issued is not None and ref.issued.circa:
        notes.append("Date approximate.")
    if ref.archived:
        notes.append(f"Archived copy: {ref.archived}")
    if ref.license and ref.role != "source":
        notes.append(f"Licence {ref.license}.")
    note = " ".join(n for n in notes if n)
    if note:
        fields.append(("note", _bib(note)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{ref.key},\n{body}\n}}\n"


def render_bibtex(refs: Sequence[Reference]) -> str:
    """@misc entries keyed by id (record and source ids are valid BibTeX keys), one blank line apart."""
    return "\n".join(_bibtex(r) for r in refs)


# ---- CSL-JSON -----------------------------------------------------------------------------------


def _csl_type(ref: Reference) -> str:
    if ref.role != "source":
        return "dataset"
    if ref.kind in _MEDIA:
        return "article-newspaper"
    if ref.kind == "encyclopaedia":
        return "entry-encyclopedia"
    if ref.kind == "archive":
        return "document"
    return "webpage"


def _csl_date(date: PartialDate) -> dict[str, object]:
    parts = [date.year] + [p for p in (date.month, date.day) if p is not None]
    out: dict[str, object] = {"date-parts": [parts]}
    if date.circa:
        out["circa"] = True
    return out


def _csl(ref: Reference) -> dict[str, object]:
    item: dict[str, object] = {"id": ref.key, "type": _csl_type(ref)}
    if ref.title:
        item["title"] = ref.title
    if ref.authors:
        item["author"] = [{"literal": a} for a in ref.authors]
    if ref.publisher:
        item["publisher"] = ref.publisher
        if _csl_type(ref) in ("article-newspaper", "entry-encyclopedia"):
            item["container-title"] = ref.publisher
    if ref.container:
        item["container-title"] = ref.container
    if ref.version:
        item["version"] = ref.version
    if ref.issued is not None:
        item["issued"] = _csl_date(ref.issued)
    if ref.url:
        item["URL"] = ref.url
    if ref.accessed:
        day = PartialDate.parse(ref.accessed)
        item["accessed"] = _csl_date(day)
    if ref.language:
        item["language"] = ref.language
    if ref.archived:
        item["archive_location"] = ref.archived
    if ref.license and ref.role != "source":
        item["license"] = ref.license
    if ref.note:
        item["note"] = ref.note
    return item


def render_csl_json(refs: Sequence[Reference]) -> str:
    """A CSL-JSON array (what Zotero, pandoc and citeproc read), UTF-8, not ASCII-escaped."""
    items = [_csl(r) for r in refs]
    for item in items:  # CSL-JSON has no licence variable: it goes into the note
        licence = item.pop("license", None)
        if licence:
            item["note"] = (str(item.get("note", "")) + f" Licence {licence}.").strip()
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


# ---- RIS ----------------------------------------------------------------------------------------


def _ris_type(ref: Reference) -> str:
    if ref.role != "source":
        return "DATA"
    if ref.kind in _MEDIA:
        return "NEWS"
    if ref.kind == "encyclopaedia":
        return "ENCYC"
    return "ELEC"


def _ris_value(value: str) -> str:
    return " ".join(value.split())  # one line per tag: a newline would start a bogus tag


def _ris(ref: Reference) -> str:
    lines = [("TY", _ris_type(ref)), ("ID", ref.key)]
    lines += [("AU", a) for a in ref.authors]
    if ref.title:
        lines.append(("TI", ref.title))
    if ref.publisher:
        lines.append(("PB", ref.publisher))
        if _ris_type(ref) in ("NEWS", "ENCYC"):
            lines.append(("T2", ref.publisher))
    if ref.container:
        lines.append(("T2", ref.container))
    if ref.version:
        lines.append(("ET", ref.version))
    if ref.issued is not None:
        d = ref.issued
        lines.append(("PY", str(d.year)))
        month = f"{d.month:02d}" if d.month is not None else ""
        day = f"{d.day:02d}" if d.day is not None else ""
        lines.append(("DA", f"{d.year}/{month}/{day}/" + ("circa" if d.circa else "")))
    if ref.url:
        lines.append(("UR", ref.url))
    if ref.accessed:
        lines.append(("Y2", ref.accessed.replace("-", "/")))
    if ref.language:
        lines.append(("LA", ref.language))
    notes = [ref.note, f"Archived copy: {ref.archived}" if ref.archived else ""]
    notes.append(f"Licence {ref.license}." if ref.license and ref.role != "source" else "")
    lines += [("N1", n) for n in notes if n]
    return "".join(f"{tag}  - {_ris_value(value)}\n" for tag, value in lines) + "ER  - \n"


def render_ris(refs: Sequence[Reference]) -> str:
    """RIS records, one tag per line, each ended by ER."""
    return "\n".join(_ris(r) for r in refs)


RENDERERS: dict[str, Callable[[Sequence[Reference]], str]] = {
    "text": render_text,
    "bibtex": render_bibtex,
    "csl-json": render_csl_json,
    "ris": render_ris,
}
