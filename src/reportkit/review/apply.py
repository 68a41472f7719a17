"""Edits applied to the spec's YAML in place, with ruamel.yaml's round trip.

The spec is loaded as round-trip data (comments, key order, quoting, flow style and line
breaks kept), changed where the edits say, and dumped with the seed's layout (mappings indented
2, sequence dashes 2 in with items at 4, no line folding), so the file's diff touches only the
lines of the edited values. A spec that does not survive the round trip byte for byte (another
indentation) is still edited correctly; :func:`round_trips` tells the caller so.
"""

from __future__ import annotations

import io
from collections import defaultdict

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from .map import Edit

_STYLED = (DoubleQuotedScalarString, SingleQuotedScalarString, LiteralScalarString,
           FoldedScalarString)


def _yaml() -> YAML:
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 1 << 30  # never fold a long Chinese line
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def load(text: str):
    """The spec as round-trip data."""
    return _yaml().load(text)


def dump(data) -> str:
    """Round-trip data back to YAML text."""
    out = io.StringIO()
    _yaml().dump(data, out)
    return out.getvalue()


def round_trips(text: str) -> bool:
    """Whether the spec's text comes back unchanged from a load and dump."""
    return dump(load(text)) == text


def apply(data, edits: list[Edit]) -> None:
    """Apply edits to the round-trip data (or plain data, which has no comments to keep). Paths are those of the original spec: values are
    set first, then items inserted, deleted and moved list by list from the end, so that no
    edit shifts another's indices."""
    for e in edits:
        if e.op == "set":
            _set(data, e.path, e.value)
    lists: dict[tuple, dict] = defaultdict(lambda: {"ins": defaultdict(list), "del": set()})
    nodes = {}
    for e in edits:
        if e.op in ("delete", "move"):
            lists[e.path[:-1]]["del"].add(e.path[-1])
            nodes[id(e)] = _get(data, e.path)
    for e in edits:
        if e.op == "insert":
            lists[e.path[:-1]]["ins"][e.path[-1]].append(e.value)
        elif e.op == "move":
            lists[e.value[:-1]]["ins"][e.value[-1]].append(nodes[id(e)])
    resolved = [(_get(data, path), ops) for path, ops in lists.items()]
    for seq, ops in resolved:
        _restructure(seq, ops)


def _restructure(seq, ops: dict) -> None:
    for i in range(len(seq), -1, -1):
        inserted = ops["ins"].get(i, ())
        if inserted and i == len(seq) and i > 0:  # after the last item: it keeps what follows
            _move_trailing(seq, i - 1, i - 1 + len(inserted))
        for value in reversed(inserted):
            seq.insert(i, value)
        if i - 1 in ops["del"]:
            if i - 2 >= 0:  # a comment after the item is about what follows: keep it
                _move_trailing(seq, i - 1, i - 2)
            del seq[i - 1]


def _move_trailing(seq, src: int, dst: int) -> None:
    """Move the comment lines after item ``src`` of a list to after item ``dst`` (an index
    in the list as it will be: ``dst`` may not exist yet, then it is attached on insert)."""
    if not hasattr(seq, "ca"):  # plain data (validation trials) has no comments
        return
    token = _take_trailing(seq, src)
    if token is None:
        return
    if dst >= len(seq):
        seq.ca.items[dst] = [token, None, None, None]  # shifted into place by the insert
        return
    _attach_trailing(seq, dst, token)


def _take_trailing(seq, i: int):
    item = seq[i]
    if isinstance(item, CommentedMap) and item and not item.fa.flow_style():
        slot = item.ca.items.get(list(item)[-1])
        if slot and len(slot) > 2 and slot[2] is not None:
            token, slot[2] = slot[2], None
            return token
        return None
    slot = seq.ca.items.get(i)
    if slot and slot[0] is not None:
        token, slot[0] = slot[0], None
        return token
    return None


def _attach_trailing(seq, i: int, token) -> None:
    item = seq[i]
    if isinstance(item, CommentedMap) and item and not item.fa.flow_style():
        slot = item.ca.items.setdefault(list(item)[-1], [None, None, None, None])
        pos = 2
    else:
        slot = seq.ca.items.setdefault(i, [None, None, None, None])
        pos = 0
    if slot[pos] is None:
        slot[pos] = token
    else:
        slot[pos].value = slot[pos].value.rstrip("\n") + "\n" + token.value.lstrip("\n")


def _get(data, path: tuple):
    node = data
    for key in path:
        node = node[key]
    return node


def _set(data, path: tuple, value) -> None:
    parent, key = _get(data, path[:-1]), path[-1]
    if value is None:
        if isinstance(key, str) and key in parent:
            del parent[key]
        return
    old = parent[key] if (isinstance(key, int) or key in parent) else None
    if isinstance(old, _STYLED) and isinstance(value, str) and not isinstance(old, (
            LiteralScalarString, FoldedScalarString)):
        value = type(old)(value)  # keep the author's quotes
    parent[key] = value
