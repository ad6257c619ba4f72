"""Write a synthetic dataset in the real schema (docs/schema.md), deterministic from a seed.

Default: 100,000 events, 5,000 organizations and 200 countries as several TOML files in a folder
(about 50 MB), with text in English and Azerbaijani (ə ğ ı İ ş ç ö ü). Uses only the standard
library and nothing of diaspora_cli, so it can check the tool rather than mirror it.

    python benchmarks/generate.py benchmarks/out/data-100k
    python benchmarks/generate.py --events 1000 --orgs 50 --countries 20 /tmp/small
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import string
import sys
from pathlib import Path

from diaspora_cli.core import vocab

CATEGORIES = vocab.EVENT_CATEGORIES
ORG_TYPES = vocab.ORGANIZATION_TYPES
REGIONS = vocab.REGIONS
FRAMINGS = tuple(f for f in vocab.FRAMINGS if f != "homeland")  # the homeland is written once, by hand
KINDS = tuple(k for k in vocab.POPULATION_KINDS if k != "media-estimate")
CONFIDENCES = vocab.CONFIDENCES
STATUSES = vocab.ORGANIZATION_STATUSES

# Syllables for place and people names; several carry Azerbaijani letters.
SYLLABLES = (
    "qa", "ra", "şə", "ki", "gən", "cə", "bə", "ğı", "lı", "sa", "ba", "ku", "ma", "ğa", "nax", "çı",
    "van", "tə", "ör", "dü", "şu", "la", "ya", "zə", "xa", "çö", "gü", "nə", "dağ", "kənd", "ab", "ad",
)  # fmt: skip
FIRST_NAMES = ("Əli", "Ağa", "İlham", "Şəhla", "Gülnarə", "Çingiz", "Ömər", "Ülviyyə", "Fuad", "Nərgiz", "Rəşid")
LAST_NAMES = ("Məmmədov", "Əliyeva", "Hüseynov", "Qasımova", "Rəsulzadə", "Topçubaşov", "Şıxlinski", "Ağayev")
TOPICS = (
    ("congress", "Congress of Azerbaijanis in {city}", "{city} şəhərində azərbaycanlıların qurultayı"),
    ("culture", "Novruz festival held in {city}", "{city} şəhərində Novruz bayramı keçirildi"),
    ("education", "Azerbaijani Sunday school opens in {city}", "{city} şəhərində bazar günü məktəbi açıldı"),
    ("media", "Newspaper for Azerbaijanis launched in {city}", "{city} şəhərində azərbaycanca qəzet çıxdı"),
    ("commemoration", "Memorial evening in {city}", "{city} şəhərində anım gecəsi"),
    ("protest", "Rally outside the parliament in {city}", "{city} şəhərində mitinq"),
    ("emigration", "Families from Şəki settle in {city}", "Şəkidən ailələr {city} şəhərinə köçdü"),
    ("organization", "Community association founded in {city}", "{city} şəhərində icma birliyi yaradıldı"),
)
SENTENCES = (
    "Speakers from {org} addressed about {n} guests, among them students and pensioners.",
    "The organisers said the gathering drew people from {n} towns; no independent count exists.",
    "Local press described the event as the largest of its kind since {year}.",
    "Programme notes were printed in Azerbaijani, with phrases such as “Şuşa”, “Gəncə” and “Naxçıvan”.",
    "A choir sang mugham and aşıq songs; the İçərişəhər ensemble performed twice.",
    "The committee of {person} reported {n} members, a figure the sources give without a survey.",
    "Ölkədə yaşayan azərbaycanlılar üçün dərslər həftədə iki dəfə keçirilir.",
    "Tədbirdə çıxış edənlər icmanın gələcəyindən danışdılar.",
)


def _slug(text: str) -> str:
    table = str.maketrans("əğışçöüİ", "egiscoui")
    out = "".join(ch if ch in string.ascii_lowercase + string.digits else "-" for ch in text.lower().translate(table))
    return "-".join(part for part in out.split("-") if part)


def _toml(value: object) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, dt.date)):
        return str(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    raise TypeError(type(value))


def _table(header: str, fields: dict[str, object]) -> str:
    lines = [f"[[{header}]]"]
    lines.extend(f"{key} = {_toml(value)}" for key, value in fields.items() if value not in (None, "", [], ()))
    return "\n".join(lines) + "\n\n"


class Generator:
    """Everything is drawn from one random.Random, so a seed fixes every byte written."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def word(self, parts: int = 3) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(parts))

    def name(self, parts: int = 3) -> str:
        return self.word(parts).capitalize()

    def date(self, lo: int = 1900, hi: int = 2025) -> object:
        year = self.rng.randint(lo, hi)
        shape = self.rng.random()
        if shape < 0.55:
            return dt.date(year, self.rng.randint(1, 12), self.rng.randint(1, 28))
        if shape < 0.75:
            return f"{year}-{self.rng.randint(1, 12):02d}"
        if shape < 0.9:
            return str(year)
        return f"~{year}"

    def countries(self, count: int) -> list[dict[str, object]]:
        codes = ["AZ"] + [a + b for a in string.ascii_uppercase for b in string.ascii_uppercase if a + b != "AZ"]
        used_names: set[str] = set()
        out = []
        for index in range(count):
            code = codes[index]
            while True:
                name = "Azerbaijan" if code == "AZ" else self.name(3) + self.rng.choice(("ia", "stan", "land", "iya"))
                if name.casefold() not in used_names:
                    break
            used_names.add(name.casefold())
            figures = [
                {
                    "value": self.rng.randint(100, 2_000_000),
                    "year": self.rng.randint(1950, 2024),
                    "kind": self.rng.choice(KINDS),
                    "source": f"https://stat.example.org/{code.lower()}/{self.rng.randint(1, 9999)}",
                }
                for _ in range(self.rng.randint(0, 3))
            ]
            out.append(
                {
                    "code": code,
                    "alpha3": code + "X",
                    "name": name,
                    "aliases": [name + "ı Respublikası", name.upper()[:6] + "ə"],
                    "region": "caucasus" if code == "AZ" else self.rng.choice(REGIONS),
                    "framing": "homeland" if code == "AZ" else self.rng.choice(FRAMINGS),
                    "description": f"Azərbaycanlılar {name} ölkəsində yaşayır. " + self.rng.choice(SENTENCES[:3]),
                    "sources": [f"https://encyclopaedia.example.org/wiki/{name}"],
                    "confidence": self.rng.choice(CONFIDENCES),
                    "population": figures,
                }
            )
        return out

    def organizations(self, count: int, codes: list[str]) -> list[dict[str, object]]:
        out = []
        for index in range(count):
            city = self.name(2)
            kind = self.rng.choice(ORG_TYPES)
            name = f"{city} Azerbaijani {kind.replace('-', ' ').title()} {index}"
            founded = self.date(1918, 2024) if self.rng.random() < 0.8 else None
            out.append(
                {
                    "id": f"org-{_slug(city)}-{index}",
                    "name": name,
                    "native_names": [f"{city} Azərbaycanlıları {kind} birliyi {index}"],
                    "aliases": [f"{city[:3].upper()}AB{index}"] if self.rng.random() < 0.5 else [],
                    "country": self.rng.choice(codes),
                    "city": city,
                    "founded": founded,
                    "status": self.rng.choice(STATUSES),
                    "type": kind,
                    "website": f"https://{_slug(city)}-{index}.example.org" if self.rng.random() < 0.4 else "",
                    "description": self.rng.choice(SENTENCES).format(
                        org=name, n=self.rng.randint(10, 900), year=1990, person=self.person()
                    ),
                    "sources": [f"https://registry.example.org/org/{index}"],
                    "confidence": self.rng.choice(CONFIDENCES),
                }
            )
        return out

    def person(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def events(self, count: int, codes: list[str], org_ids: list[str]) -> list[dict[str, object]]:
        out = []
        for index in range(count):
            category, title, title_az = self.rng.choice(TOPICS)
            city = self.name(2)
            date = self.date()
            end = None
            if isinstance(date, dt.date) and self.rng.random() < 0.15:
                end = date + dt.timedelta(days=self.rng.randint(1, 40))
            orgs = self.rng.sample(org_ids, self.rng.choice((0, 1, 1, 2)))
            text = " ".join(
                self.rng.choice(SENTENCES).format(
                    org=orgs[0] if orgs else "the community",
                    n=self.rng.randint(20, 5000),
                    year=self.rng.randint(1950, 2020),
                    person=self.person(),
                )
                for _ in range(2)
            )
            out.append(
                {
                    "id": f"ev-{index:06d}-{_slug(city)}",
                    "date": date,
                    "end": end,
                    "title": title.format(city=city) + f" ({title_az.format(city=city)})",
                    "description": text,
                    "place": city,
                    "countries": self.rng.sample(codes, self.rng.choice((1, 1, 1, 2))),
                    "category": category if self.rng.random() < 0.9 else self.rng.choice(CATEGORIES),
                    "tags": [_slug(self.rng.choice(SYLLABLES)) or "tag", category],
                    "organizations": orgs,
                    "sources": [f"https://news.example.org/{index}"],
                    "confidence": self.rng.choice(CONFIDENCES),
                    "note": "Tarix təxminidir." if isinstance(date, str) and date.startswith("~") else "",
                }
            )
        return out


DATASET = {
    "name": "Synthetic diaspora dataset (benchmark)",
    "description": "Generated records for measuring speed and memory; not history.",
    "homeland": "AZ",
    "version": "0.0.0",
    "license": "CC0-1.0",
    "sources_policy": "Synthetic: every source is a made-up example.org address.",
    "provenance": "benchmarks/generate.py",
}


def write_dataset(folder: Path, events: int, orgs: int, countries: int, seed: int, files: int = 10) -> list[Path]:
    """Write the dataset as dataset.toml, countries.toml, organizations.toml and `files` event files."""
    gen = Generator(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.toml"):
        old.unlink()
    country_rows = gen.countries(countries)
    codes = [str(c["code"]) for c in country_rows]
    org_rows = gen.organizations(orgs, codes)
    event_rows = gen.events(events, codes, [str(o["id"]) for o in org_rows])
    written = []

    def write(name: str, text: str) -> None:
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)

    head = "[dataset]\n" + "".join(f"{k} = {_toml(v)}\n" for k, v in DATASET.items())
    write("dataset.toml", head)
    body = []
    for row in country_rows:
        figures = row.pop("population")
        body.append(_table("countries", row))
        body.extend(_table("countries.population", f) for f in figures)  # type: ignore[attr-defined]
    write("countries.toml", "".join(body))
    write("organizations.toml", "".join(_table("organizations", row) for row in org_rows))
    per_file = max(1, -(-len(event_rows) // files))
    for number, start in enumerate(range(0, len(event_rows), per_file), 1):
        chunk = event_rows[start : start + per_file]
        write(f"events-{number:02d}.toml", "".join(_table("events", row) for row in chunk))
    return written


def main(argv: list[str] | None = None) -> int:
    """Command line: the folder, the counts and the seed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--orgs", type=int, default=5_000)
    parser.add_argument("--countries", type=int, default=200)
    parser.add_argument("--files", type=int, default=10, help="number of event files")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    if not 1 <= args.countries <= 26 * 26:
        parser.error("--countries must be 1..676")
    paths = write_dataset(args.folder, args.events, args.orgs, args.countries, args.seed, args.files)
    size = sum(os.path.getsize(p) for p in paths)
    print(f"wrote {len(paths)} files, {size / 1e6:.1f} MB, to {args.folder}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
