"""One self-contained HTML page: the events as readable, accessible HTML, with filters and search in the page.

Everything is inline (CSS, script, data); a Content-Security-Policy forbids loading anything, so
the page works offline and never calls out. The events are rendered as static HTML (readable
without JavaScript); the script only hides and shows them. Filters and search can be set from the
address: `page.html#q=congress&category=congress&country=DE&decade=1990`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape
from typing import Any, BinaryIO

from diaspora_cli.core.model import Dataset, Event
from diaspora_cli.core.search import event_haystack
from diaspora_cli.exporters import source_label

CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: #1b1b1b; background: #fff; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem; }
.skip:focus { left: .5rem; }
header, main, footer, .filters { max-width: 52rem; margin: 0 auto; padding: 0 1rem; }
header { padding-top: 1.5rem; }
h1 { font-size: 1.8rem; margin: 0 0 .5rem; }
h2 { font-size: 1.4rem; border-bottom: 2px solid #1b1b1b; margin: 2rem 0 .5rem; }
h3 { font-size: 1.1rem; margin: 0 0 .25rem; }
a { color: #0b4fb3; }
a:focus, input:focus, select:focus, button:focus { outline: 3px solid #0b4fb3; outline-offset: 2px; }
.filters form { display: flex; flex-wrap: wrap; gap: .75rem 1rem; align-items: flex-end;
  padding: 1rem; background: #f3f4f6; border: 1px solid #6b7280; border-radius: 6px; }
.filters label { display: flex; flex-direction: column; font-weight: 600; font-size: .9rem; }
.filters input, .filters select, .filters button { font: inherit; padding: .35rem .5rem;
  border: 1px solid #4b5563; border-radius: 4px; background: #fff; color: #1b1b1b; }
.filters button { cursor: pointer; }
#count { font-weight: 600; }
ol.events { list-style: none; margin: 0; padding: 0; }
li.event { border-left: 4px solid #0b4fb3; padding: .5rem 0 .5rem 1rem; margin: 0 0 1rem; }
.when { color: #374151; margin: 0 0 .25rem; }
.category { display: inline-block; padding: 0 .4rem; border: 1px solid #374151; border-radius: 3px;
  font-size: .85rem; }
.meta { color: #374151; font-size: .95rem; }
.sources { font-size: .9rem; margin: .25rem 0 0; padding-left: 1.25rem; overflow-wrap: anywhere; }
.sources-label { font-size: .9rem; font-weight: 600; margin: .5rem 0 0; }
footer { margin-top: 3rem; padding-bottom: 2rem; color: #374151; font-size: .9rem; }
[hidden] { display: none !important; }
"""

# Folding mirrors diaspora_cli.core.text.fold, so the page's search matches what `--search` matches.
SCRIPT = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("diaspora-data").textContent);
  var LETTERS = {"ı": "i", "ə": "e", "ø": "o", "ł": "l", "đ": "d", "ħ": "h", "æ": "ae", "œ": "oe",
                 "þ": "th", "ß": "ss"};
  // The search keys of diaspora_cli/core/spelling.py, in the same steps; the test suite runs this
  // in Chromium against the CLI. data.cyrillic is iuliia's "wikipedia" scheme, as Python uses it.
  var AZ_COMMON = {"ə": "a", "ı": "i", "ş": "sh", "ç": "ch", "ğ": "gh", "ö": "o", "ü": "u"};
  var AZ_WORD = {"x": "kh", "q": "g", "c": "j"};
  var CYR = data.cyrillic;
  function strip(s) { return s.normalize("NFKD").replace(/[\p{M}\p{Cf}]/gu, ""); }
  function fold(s) {
    s = strip(strip(s).toLowerCase());
    s = s.replace(/[ıəøłđħæœþß]/g, function (c) { return LETTERS[c]; });
    return s.split(/\s+/).filter(Boolean).join(" ");
  }
  function latinWord(w) {
    var stem = w, tail = "";
    var end = w.slice(-2);
    if (w.length > 2 && CYR.ending[end] !== undefined) { stem = w.slice(0, -2); tail = CYR.ending[end]; }
    var out = "";
    for (var i = 0; i < stem.length; i++) {
      var prev = i > 0 ? stem[i - 1] : "", cur = stem[i], next = i + 1 < stem.length ? stem[i + 1] : "";
      var l = CYR.prev[prev + cur];
      if (l === undefined) { l = CYR.next[cur + next]; }
      if (l === undefined) { l = CYR.map[cur]; }
      out += l === undefined ? cur : l;
    }
    return out + tail;
  }
  function latin(s) {
    if (!/[\u0400-\u04ff]/.test(s)) { return s; }
    return s.toLowerCase().replace(/[\p{L}\p{N}_]+/gu, latinWord);
  }
  function strictKey(s) { return fold(latin(s)); }
  function looseKey(s) {
    s = latin(s).toLowerCase();
    if (/[^\x00-\x7f]/.test(s)) {
      s = s.replace(/\p{L}*[əışçğ]\p{L}*/gu, function (w) {
        return w.replace(/[xqc]/g, function (c) { return AZ_WORD[c]; });
      });
      s = s.replace(/[əışçğöü]/g, function (c) { return AZ_COMMON[c]; });
    }
    s = fold(s).replace(/dzh/g, "j").replace(/dj/g, "j").replace(/eh\b/g, "e");
    return s.replace(/[ye]/g, function (c) { return c === "y" ? "i" : "a"; }).replace(/([a-z])\1+/g, "$1");
  }
  function needles(q) {
    var keys = [strictKey(q)];
    var letters = (q.match(/\p{L}/gu) || []).length;
    if (/[^\x00-\x7f]/.test(q) || letters >= 5) { keys.push(looseKey(q)); }
    return keys.filter(function (k, i) { return k && keys.indexOf(k) === i; });
  }
  var form = document.getElementById("filters");
  var fields = {q: form.elements.q, category: form.elements.category, country: form.elements.country,
                decade: form.elements.decade};
  var count = document.getElementById("count");
  var items = {};
  document.querySelectorAll("li.event").forEach(function (li) { items[li.dataset.id] = li; });
  function apply() {
    var keys = needles(fields.q.value), cat = fields.category.value, land = fields.country.value;
    var decade = fields.decade.value === "" ? null : parseInt(fields.decade.value, 10);
    var shown = 0;
    data.events.forEach(function (e) {
      var ok = (!keys.length || keys.some(function (k) { return e.text.indexOf(k) !== -1; })) &&
               (!cat || e.category === cat) &&
               (!land || e.countries.indexOf(land) !== -1) &&
               (decade === null || (e.first_year <= decade + 9 && e.last_year >= decade));
      var li = items[e.id];
      if (li) { li.hidden = !ok; }
      if (ok) { shown += 1; }
    });
    document.querySelectorAll("section.decade").forEach(function (section) {
      section.hidden = section.querySelector("li.event:not([hidden])") === null;
    });
    count.textContent = shown === 0 ? "No events match the filters." :
      shown + " of " + data.events.length + " events shown";
    document.body.dataset.shown = String(shown);
  }
  function fromAddress() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ""));
    Object.keys(fields).forEach(function (name) { fields[name].value = params.get(name) || ""; });
    apply();
  }
  function toAddress() {
    var params = new URLSearchParams();
    Object.keys(fields).forEach(function (name) {
      if (fields[name].value) { params.set(name, fields[name].value); }
    });
    var hash = params.toString();
    try { history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search); }
    catch (err) { /* some viewers forbid it; the filters still work */ }
  }
  form.addEventListener("input", function () { apply(); toAddress(); });
  form.addEventListener("change", function () { apply(); toAddress(); });
  form.addEventListener("submit", function (ev) { ev.preventDefault(); apply(); toAddress(); });
  form.addEventListener("reset", function () { setTimeout(function () { apply(); toAddress(); }, 0); });
  window.addEventListener("hashchange", fromAddress);
  form.hidden = false;
  fromAddress();
})();
"""


def _cyrillic_scheme() -> dict[str, Any]:
    """iuliia's "wikipedia" scheme (the one core.spelling.latin uses), for the page's search box."""
    import json
    from importlib.resources import files

    scheme = json.loads(files("iuliia").joinpath("schemas").joinpath("wikipedia.json").read_text(encoding="utf-8"))
    return {
        key: scheme.get(f"{key}_mapping" if key != "map" else "mapping") or {}
        for key in ("map", "prev", "next", "ending")
    }


def script_json(value: Any) -> str:
    """JSON that is safe inside <script>: no "<", ">" or "&" can end the element or start a comment."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _decade(year: int) -> int:
    return year // 10 * 10


def _options(pairs: Sequence[tuple[str, str]]) -> str:
    return "".join(f'<option value="{escape(v)}">{escape(label)}</option>' for v, label in pairs)


def event_html(event: Event, dataset: Dataset) -> str:
    """One event as an <li><article>, every data text escaped."""
    eid = escape(event.id)
    parts = [
        f'<li class="event" id="event-{eid}" data-id="{eid}"><article aria-labelledby="title-{eid}">',
        f'<h3 id="title-{eid}">{escape(event.title)}</h3>',
        f'<p class="when"><time datetime="{escape(event.date.iso())}">{escape(event.span_text)}</time> '
        f'<span class="category">{escape(event.category)}</span></p>',
    ]
    if event.description:
        parts.append(f"<p>{escape(event.description)}</p>")
    facts = []
    if event.place:
        facts.append(f"Place: {escape(event.place)}")
    names = [f"{c.name} ({c.code})" for c in (dataset.country(code) for code in event.countries) if c is not None]
    if names:
        facts.append(f"Countries: {escape(', '.join(names))}")
    orgs = [o.name for o in (dataset.organization(i) for i in event.organizations) if o is not None]
    if orgs:
        facts.append(f"Organizations: {escape('; '.join(orgs))}")
    if event.tags:
        facts.append(f"Tags: {escape(', '.join(event.tags))}")
    if event.note:
        facts.append(f"Note: {escape(event.note)}")
    if facts:
        parts.append('<p class="meta">' + "<br>".join(facts) + "</p>")
    if event.sources:
        parts.append(f'<p class="sources-label" id="sources-{eid}">Sources</p>')
        parts.append(f'<ul class="sources" aria-labelledby="sources-{eid}">')
        for source in event.sources:
            label, url = source_label(dataset, source)
            text = escape(label)
            parts.append(f'<li><a href="{escape(url)}">{text}</a></li>' if url else f"<li>{text}</li>")
        parts.append("</ul>")
    parts.append("</article></li>")
    return "".join(parts)


def build(dataset: Dataset, events: Sequence[Event]) -> str:
    """The whole page as text."""
    info = dataset.info
    title = f"{info.name}: timeline"
    decades: dict[int, list[Event]] = {}
    for event in events:
        decades.setdefault(_decade(event.date.year), []).append(event)
    categories = sorted({e.category for e in events})
    codes = sorted({c for e in events for c in e.countries})
    countries = [(code, f"{c.name} ({code})" if (c := dataset.country(code)) else code) for code in codes]
    countries.sort(key=lambda pair: pair[1])
    all_decades = sorted({d for e in events for d in range(_decade(e.first_day().year), e.last_day().year + 1, 10)})
    payload = {
        "events": [
            {
                "id": e.id,
                "category": e.category,
                "countries": list(e.countries),
                "first_year": e.first_day().year,
                "last_year": e.last_day().year,
                "text": event_haystack(e, dataset),
            }
            for e in events
        ],
        "cyrillic": _cyrillic_scheme(),
    }
    sections = []
    for decade, members in decades.items():
        sections.append(
            f'<section class="decade" aria-labelledby="decade-{decade}">'
            f'<h2 id="decade-{decade}">{decade}s</h2><ol class="events">'
            + "".join(event_html(e, dataset) for e in members)
            + "</ol></section>"
        )
    total = len(events)
    csp = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="generator" content="diaspora export html">
<title>{escape(title)}</title>
<style>{CSS}</style>
</head>
<body>
<a class="skip" href="#events">Skip to the events</a>
<header>
<h1>{escape(info.name)}</h1>
<p>{escape(info.description)}</p>
</header>
<nav class="filters" aria-label="Filter events">
<form id="filters" role="search" hidden>
<label for="q">Search<input type="search" id="q" name="q" autocomplete="off"></label>
<label for="category">Category<select id="category" name="category">
<option value="">All categories</option>{_options([(c, c) for c in categories])}</select></label>
<label for="country">Country<select id="country" name="country">
<option value="">All countries</option>{_options(countries)}</select></label>
<label for="decade">Decade<select id="decade" name="decade">
<option value="">All decades</option>{_options([(str(d), f"{d}s") for d in all_decades])}</select></label>
<button type="reset">Clear filters</button>
</form>
<p id="count" role="status" aria-live="polite">{total} events</p>
</nav>
<main id="events" tabindex="-1">
{"".join(sections) if sections else "<p>No events.</p>"}
</main>
<footer>
<p>{escape(info.name)}, version {escape(info.version)}; license {escape(info.license)}.
{escape(info.sources_policy)}</p>
</footer>
<script type="application/json" id="diaspora-data">{script_json(payload)}</script>
<script>{SCRIPT}</script>
</body>
</html>
"""


def write(dataset: Dataset, events: Sequence[Event], handle: BinaryIO) -> list[str]:
    """Write the page (UTF-8)."""
    handle.write(build(dataset, events).encode("utf-8"))
    return []
