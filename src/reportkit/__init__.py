"""reportkit: annual plan reports of Chinese local governments as YAML specs.

Build them in the official layout (Word and PDF), check them, import existing reports, and
compare editions.
"""

__version__ = "0.1.0"
