"""diaspora: a command-line timeline and fact explorer for diaspora history."""

__version__ = "0.1.0"
