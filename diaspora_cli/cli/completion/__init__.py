"""Shell completion of values (countries, categories, tags, organization and record ids, choices).

Two paths give the same answers: Typer's (typer.py: the `autocompletion=` functions app.py
attaches from the spec) and a fast one (shell.py), run before Typer is imported, which reads
the same spec. scan.py reads the few keys completion needs from the TOML files; candidates.py
matches them against the partial word. Nothing here imports Typer except typer.py.
"""
