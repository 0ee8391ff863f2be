"""A parsed body as the tree rules read it: its elements, their tags and the ones with attributes, in one walk."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from app.normalize.markup import Element

__all__ = ["Tree"]


class Tree:
    """A parsed ``<body>`` and what the tree rules look for in it (``rules.TreeRule``), read once.

    Each rule walked the tree for its own elements (an attribute, ``img``, ``a``, ``aside``): five walks and
    four tag matchers an item. One walk now reads every element's tag and attribute names, and is read again
    only after a rule says it changed the tree (``changed``), so each rule still sees the tree as the rules
    before it left it (clean_tree 91.4k → 71.0k instructions per bench.normalize item, ~3 µs, callgrind over 100
    of its items with their proxies held; 2026-12-05 (m), docs/benchmarks-normalize.md).

    The list of elements also holds their Python proxies alive for the walker (see ``extract.parse_html``).
    """

    __slots__ = ("_attributed", "_elements", "_tags", "_tagset", "root")

    def __init__(self, root: Element) -> None:
        self.root = root
        self._elements: list[Element] = []
        self._tags: list[object] = []
        self._tagset: set[object] = set()
        self._attributed: list[tuple[Element, Sequence[str | bytes]]] = []
        self._read()

    def _read(self) -> None:
        """Walk the tree: every element in document order, its tag, and the elements that have attributes."""
        self._elements = list(self.root.iter())
        self._tags = [element.tag for element in self._elements]
        self._tagset = set(self._tags)
        self._attributed = [(element, keys) for element in self._elements if (keys := element.keys())]

    def changed(self) -> None:
        """A rule changed the tree: read it again (few items are changed, most by one rule)."""
        self._read()

    @property
    def elements(self) -> list[Element]:
        """Every element, the root first, in document order (``root.iter()``)."""
        return self._elements

    @property
    def attributed(self) -> list[tuple[Element, Sequence[str | bytes]]]:
        """The elements with an attribute and their attribute names, in document order."""
        return self._attributed

    def tagged(self, tags: Collection[str]) -> list[Element]:
        """The elements with one of ``tags``, in document order (``root.iter(*tags)``)."""
        if self._tagset.isdisjoint(tags):  # the common case: none of them
            return []
        return [element for element, tag in zip(self._elements, self._tags, strict=True) if tag in tags]
