"""`python -m reportkit`."""

from .cli import entry

entry()
