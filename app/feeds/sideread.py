"""Reading a few elements of a document beside feedparser (what it drops or merges), with libxml2's recovery."""

from __future__ import annotations

import io
from collections.abc import Iterator

from lxml import etree

__all__ = ["ends_of"]


def ends_of(data: bytes, tags: tuple[str, ...]) -> Iterator[etree._Element]:
    """Each element named in ``tags`` once it is complete, in document order, cleared after use.

    No entity, DTD or network is read; a broken document is read as far as libxml2's recovery goes, and
    what it cannot reach is simply not yielded.
    """
    events = etree.iterparse(
        io.BytesIO(data),
        events=("end",),
        tag=tags,
        recover=True,
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        for _, element in events:
            yield element
            element.clear(keep_tail=True)
    except (etree.LxmlError, ValueError):  # past recovery: what was read is what is known
        return
