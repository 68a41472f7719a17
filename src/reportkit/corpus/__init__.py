"""Many reports at once: ``reportkit corpus DIR -o OUT.duckdb``.

A run has four steps, each in its own module:

- :mod:`.scan` lists the files under DIR with their sha256 and reportkit's version key;
- :mod:`.tasks` is what a worker does (the process pool's or Dask's): read one report into
  table rows, or diff one place's consecutive editions (target changes and outcomes);
- :mod:`.group` puts the editions in places and years (duplicates, gaps, files that are no
  report) and chooses the pairs to diff;
- :mod:`.store` keeps every task's rows in a cache inside OUT and rebuilds the tables of
  :mod:`.tables` in one transaction; :mod:`.run` ties them together with a progress bar.

Data flows one way: files → readers → model → (diff) → rows → DuckDB.
"""
