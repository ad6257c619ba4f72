"""The output layer: streams, fields, the Format registry and renderers, charts and reports.

Turns core records into text on a stream. Rich is imported here and nowhere else, and only
when a human format is rendered. May import diaspora_cli.core; never diaspora_cli.cli.
"""
