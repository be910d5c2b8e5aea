"""Listing: one page of records, or every record by following the cursors.

A list call returns a page of at most `limit` records (1..1000; 0 means 50)
and a cursor for the next page. Here a page is a tuple (items, next_cursor)
with next_cursor None on the last page. The iterators make one list call
per page: the first when they are made, the others as they are consumed,
until the cursor runs out.
"""

from __future__ import annotations

import ctypes
from typing import Any, Callable, Iterator, Optional

from . import _native
from ._convert import SIZE_MAX, integer, optional_utf8
from .errors import InvalidArgument
from .records import Record, decode

lib = _native.lib

Page = tuple[list[Record], Optional[str]]

# list_call(cursor, limit, out_page): one crm_<type>_list call with the
# query's own arguments already bound.
ListCall = Callable[[Optional[bytes], int, Any], Any]


def fetch(list_call: ListCall, cursor: Optional[str], limit: int) -> Page:
    """One page: its records as dicts, and the cursor of the next page or None."""
    raw_cursor = optional_utf8(cursor, "cursor")
    size = _limit(limit)
    page = _native.PageP()
    list_call(raw_cursor, size, ctypes.byref(page))
    try:
        out = _native.OwnedString()
        lib.crm_page_to_json(page, ctypes.byref(out))
        document = decode(_native.take_string(out))
    finally:
        lib.crm_page_free(page)
    return document["items"], document["next_cursor"] or None


def every(list_call: ListCall, limit: int) -> Iterator[Record]:
    """Every record, page after page of `limit` records.

    The first page is fetched now, so a bad argument raises here and not at
    the first next(); the others as the iterator is consumed.
    """
    first = fetch(list_call, None, limit)

    def pages(page: Page) -> Iterator[Record]:
        while True:
            items, cursor = page
            yield from items
            if cursor is None:
                return
            page = fetch(list_call, cursor, limit)

    return pages(first)


def _limit(limit: object) -> int:
    # The library checks the range; a negative int must not reach it, as
    # ctypes would wrap it into a huge size_t.
    if isinstance(limit, int) and not isinstance(limit, bool) and limit < 0:
        raise InvalidArgument(f"limit {limit}: negative (a page holds 1..1000 records; 0 means 50)")
    return integer(limit, "limit", 0, SIZE_MAX)
