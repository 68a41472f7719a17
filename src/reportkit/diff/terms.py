"""Policy terms across editions: which are new, which were dropped, how often each occurs.

Counts come from the segmenter with the policy-term dictionary added (data/policy_terms.txt),
so 新质生产力 is one term and is not also counted inside a longer word. Besides the dictionary,
longer words (four characters or more) that one edition uses repeatedly and the other never
uses are reported too, marked ``dictionary: false``: that is how a new slogan shows up before
anyone has added it to the dictionary.
"""

from __future__ import annotations

import re
from collections import Counter

from .model import TermDiff
from .tokens import policy_terms, segmenter

#: A word outside the dictionary is reported when it occurs this often in one edition only.
MIN_COUNT = 3
MIN_LEN = 4
_HAN_WORD = re.compile(r"^[\u4e00-\u9fff]+$")


def count_words(text: str) -> Counter:
    """Segment a text and count its words."""
    return Counter(segmenter().cut(text))


def diff_terms(old_text: str, new_text: str) -> list[TermDiff]:
    """Dictionary terms present in either edition, then new or dropped longer words."""
    old, new = count_words(old_text), count_words(new_text)
    dictionary = policy_terms()
    out = [_term(t, old[t], new[t], True) for t in dictionary if old[t] or new[t]]
    known = set(dictionary)
    for word in sorted(set(old) | set(new)):
        if word in known or len(word) < MIN_LEN or not _HAN_WORD.match(word):
            continue
        a, b = old[word], new[word]
        if (a == 0 and b >= MIN_COUNT) or (b == 0 and a >= MIN_COUNT):
            out.append(_term(word, a, b, False))
    order = {"new": 0, "dropped": 1, "more": 2, "fewer": 3, "same": 4}
    return sorted(out, key=lambda t: (order[t.change], not t.dictionary,
                                      -abs(t.new - t.old), t.term))


def _term(term: str, a: int, b: int, dictionary: bool) -> TermDiff:
    if a == 0:
        change = "new"
    elif b == 0:
        change = "dropped"
    else:
        change = "more" if b > a else "fewer" if b < a else "same"
    return TermDiff(term, a, b, change, dictionary)
