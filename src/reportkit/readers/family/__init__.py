"""The family's knowledge: how government work and plan reports state their main targets and
last year's outcomes, whatever the place or era.

``patterns`` holds the words as data; ``targets`` reads the clauses of a main target list;
``results`` reads last year's outcomes from the review's prose. The structure builder
(readers/structure.py) decides where a main list or a review statement is, and calls these.
"""
