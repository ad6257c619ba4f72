"""Lets `python -m diaspora_cli` work exactly like the `diaspora` command."""

from diaspora_cli.cli.main import main

if __name__ == "__main__":
    main()
