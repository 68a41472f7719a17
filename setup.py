"""Packages for setuptools (the rest of the configuration is in pyproject.toml).

Every package under src/, plus reportkit.templates: the house styles in templates/ at the
repository's root, mapped into the package by pyproject's package-dir so that an installed
reportkit finds them (reportkit.style) while the checkout keeps one copy.
"""

from setuptools import find_packages, setup

setup(packages=[*find_packages("src"), "reportkit.templates"])
