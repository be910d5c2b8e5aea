# SPDX-License-Identifier: Apache-2.0
"""Approvals on an Engine (docs/WORKFLOW.md, "Approvals"; crm.h's
crm_approval_* calls).

An approval asks one or more approvers, in order, to approve a stored
record; while it is pending, the fields it locks cannot change (an update
that changes one raises crm.Conflict). Approvals are plain dicts:
{"id", "version", "name", "entity", "record_id", "approvers",
"locked_fields", "status" ("pending", "approved", "rejected"),
"decisions": [{"approver", "approved", "comment", "at"}], "requested_by",
"rule", "waiting_for" (whose turn it is; "" once decided), "created_at",
"decided_at", "updated_at"}.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Iterator, Optional

from . import _native, pages
from ._convert import integer, optional_utf8, utf8
from .errors import NotFound
from .records import received_json
from .workflow import _query

lib = _native.lib


class ApprovalCalls:
    """The approval methods of crm.Engine (mixed into it)."""

    _handle: Any

    def request_approval(self, **request: Any) -> dict[str, Any]:
        """Asks for an approval: name (required; one pending per name and
        record), entity ("opportunity", "customer", "lead", "interaction",
        "task"), record_id, approvers (at least one, in the order they
        decide), locked_fields (top-level field names of the record) and
        requested_by. Returns the approval, pending, waiting for the first
        approver. crm.InvalidArgument names a bad or unknown key,
        crm.NotFound an unknown record, crm.Conflict one already pending."""
        document = _query("approval request", request)
        return received_json(lambda out: lib.crm_approval_request_json(self._handle, document, out))

    def approve(self, approval_id: int, version: int, approver: str, comment: Optional[str] = None) -> dict[str, Any]:
        """The approver whose turn it is approves the approval at `version`;
        the last approver's approval makes it approved. Returns it as
        stored. crm.Conflict, naming whom it waits for, when it is another
        approver's turn, when the version is stale or when it is decided."""
        args = (integer(approval_id, "approval_id"), integer(version, "version"), utf8(approver, "approver"),
                optional_utf8(comment, "comment"))
        return received_json(lambda out: lib.crm_approval_approve_json(self._handle, *args, out))

    def reject(self, approval_id: int, version: int, approver: str, comment: str) -> dict[str, Any]:
        """The approver whose turn it is rejects the approval at `version`,
        saying why; one rejection makes it rejected. Returns it as stored;
        crm.Conflict as for approve()."""
        args = (integer(approval_id, "approval_id"), integer(version, "version"), utf8(approver, "approver"),
                utf8(comment, "comment"))
        return received_json(lambda out: lib.crm_approval_reject_json(self._handle, *args, out))

    def get_approval(self, approval_id: int) -> dict[str, Any]:
        """The approval with this id; crm.NotFound when there is none."""
        number = integer(approval_id, "approval_id")
        return received_json(lambda out: lib.crm_approval_get_json(self._handle, number, out))

    def find_approval(self, approval_id: int) -> Optional[dict[str, Any]]:
        """As get_approval(), with None for an unknown id."""
        try:
            return self.get_approval(approval_id)
        except NotFound:
            return None

    def approval_page(self, cursor: Optional[str] = None, limit: int = 50, **query: Any) -> pages.Page:
        """One page of approvals. At most one filter: waiting_for="finance"
        (the pending ones whose turn it is: an approver's inbox),
        status="pending" | "approved" | "rejected" (oldest first), or
        entity="opportunity" with record_id=7 (one record's, pending
        first); none: all, in id order."""
        return pages.fetch_json(self._approval_list(query), cursor, limit)

    def list_approvals(self, limit: int = 50, **query: Any) -> Iterator[dict[str, Any]]:
        """Every approval the query (as approval_page's) matches, fetched `limit` at a time."""
        return pages.every(self._approval_list(query), limit, pages.fetch_json, what="approval")

    def _approval_list(self, query: Mapping[str, Any]) -> pages.JsonListCall:
        document = _query("approval query", query)
        return lambda cursor, limit, out: lib.crm_approval_list_json(self._handle, document, cursor, limit, out)
