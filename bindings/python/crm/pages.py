# SPDX-License-Identifier: Apache-2.0
"""Listing: one page of records, or every record by following the cursors.

A list call returns a page of at most `limit` records (1..1000; 0 means 50)
and a cursor for the next page: a crm_page (crm_<type>_list) or the page as
JSON (the workflow's *_list_json calls). Here a page is a tuple (items,
next_cursor) with next_cursor None on the last page. The iterators make one list call
per page: the first when they are made, the others as they are consumed,
until the cursor runs out.

A stored record that cannot be read (damaged) is not among a page's items:
its id is in page.damaged, and the iterators issue a crm.DamagedRecordsWarning
naming it, so it is never left out unseen; the cursor moves past it.
"""

from __future__ import annotations

import ctypes
import warnings
from typing import Any, Callable, Iterator, Optional

from . import _native
from ._convert import SIZE_MAX, integer, optional_utf8
from .errors import DamagedRecordsWarning, InvalidArgument
from .records import Record, decode, received_json

lib = _native.lib


class Page(tuple):
    """(items, next_cursor), unpacked as before, plus .damaged: the ids of
    the records the page left out because they cannot be read."""

    damaged: list[int]

    def __new__(cls, items: list[Record], next_cursor: Optional[str], damaged: Optional[list[int]] = None) -> "Page":
        page = super().__new__(cls, (items, next_cursor))  # type: ignore[arg-type]
        page.damaged = list(damaged or [])
        return page

    @property
    def items(self) -> list[Record]:
        return self[0]

    @property
    def next_cursor(self) -> Optional[str]:
        return self[1]


# list_call(cursor, limit, out_page): one crm_<type>_list call with the
# query's own arguments already bound.
ListCall = Callable[[Optional[bytes], int, Any], Any]
# The same for a call whose out-parameter is the page as JSON (a char*).
JsonListCall = ListCall
Fetch = Callable[[ListCall, Optional[str], int], Page]


def fetch(list_call: ListCall, cursor: Optional[str], limit: int) -> Page:
    """One page: its records as dicts, and the cursor of the next page or None."""

    def document(raw_cursor: Optional[bytes], size: int) -> Any:
        page = _native.PageP()
        list_call(raw_cursor, size, ctypes.byref(page))
        try:
            out = _native.OwnedString()
            lib.crm_page_to_json(page, ctypes.byref(out))
            return decode(_native.take_string(out))
        finally:
            lib.crm_page_free(page)

    return _fetched(document, cursor, limit)


def fetch_json(list_call: JsonListCall, cursor: Optional[str], limit: int) -> Page:
    """As fetch(), for a call that hands over the page as JSON."""
    def document(raw_cursor: Optional[bytes], size: int) -> Any:
        return received_json(lambda out: list_call(raw_cursor, size, out))

    return _fetched(document, cursor, limit)


def _fetched(document: Callable[[Optional[bytes], int], Any], cursor: Optional[str], limit: int) -> Page:
    page = document(optional_utf8(cursor, "cursor"), _limit(limit))
    return Page(page["items"], page["next_cursor"] or None, page.get("damaged"))


def every(list_call: ListCall, limit: int, fetcher: Fetch = fetch, what: str = "record") -> Iterator[Record]:
    """Every record, page after page of `limit` records (fetcher: fetch, or
    fetch_json for a *_list_json call). `what` names the records ("customer")
    in the warning about damaged ones.

    The first page is fetched now, so a bad argument raises here and not at
    the first next(); the others as the iterator is consumed.
    """
    first = fetcher(list_call, None, limit)

    def pages(page: Page) -> Iterator[Record]:
        while True:
            items, cursor = page
            if page.damaged:
                ids = ", ".join(str(i) for i in page.damaged)
                warnings.warn(
                    f"{what} {ids}: damaged, cannot be read, left out of the listing "
                    "(Engine.check() lists every damaged record)",
                    DamagedRecordsWarning,
                    stacklevel=2,
                )
            yield from items
            if cursor is None:
                return
            page = fetcher(list_call, cursor, limit)

    return pages(first)


def _limit(limit: object) -> int:
    # The library checks the range; a negative int must not reach it, as
    # ctypes would wrap it into a huge size_t.
    if isinstance(limit, int) and not isinstance(limit, bool) and limit < 0:
        raise InvalidArgument(f"limit {limit}: negative (a page holds 1..1000 records; 0 means 50)")
    return integer(limit, "limit", 0, SIZE_MAX)
