"""The framework-free core: vocabularies, model, loading, validation, store, cache, query, facets.

Usable as a library (a notebook, a script) without Typer or Rich. Modules here import only the
standard library, tomli and each other; never diaspora_cli.output, diaspora_cli.cli or
diaspora_cli.exporters (tests/test_layers.py checks).
"""
