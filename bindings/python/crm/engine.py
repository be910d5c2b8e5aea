# SPDX-License-Identifier: Apache-2.0
"""The engine: opening a store, and every record operation on it."""

from __future__ import annotations

import ctypes
import os
import weakref
from types import TracebackType
from typing import Any, Callable, Iterator, Optional, Union

from . import _native, pages
from ._convert import INT64_MAX, integer, optional_utf8, path_bytes, utf8
from .errors import InvalidArgument
from .records import CUSTOMER, INTERACTION, LEAD, OPPORTUNITY, Record, RecordType, maybe, parsed, received_dict, to_dict
from .records import encode_document, received_json
from .approvals import ApprovalCalls
from .pipeline import PipelineCalls
from .transaction import Transaction
from .values import Amount, to_minor
from .workflow import WorkflowCalls

lib = _native.lib

_DURABILITY = {"full": 0, "normal": 1}
_PHONE_CHECK = {"valid": 0, "possible": 1}

PathLike = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]


def _query_list(call: Callable[..., Any], handle: Any, what: str, filters: dict[str, Any]) -> pages.ListCall:
    """A list call through crm_<type>_list_query with the filters given (None
    means "not given") as its JSON query; the library refuses more than one."""
    document = encode_document(what, {key: value for key, value in filters.items() if value is not None})
    return lambda cursor, limit, out: call(handle, document, cursor, limit, out)


class Engine(PipelineCalls, WorkflowCalls, ApprovalCalls):
    """A crm engine over one SQLite file, or in memory.

    Engine(path=None, region=None, durability="full", read_only=False, page_cache_mib=0,
           busy_timeout_ms=None, workflow_action_limit=None, phone_check=None)

    None takes the library's default (crm_options_init: region "US", a busy
    timeout of 5000 ms, a workflow action limit of 2000, phone_check
    "valid"), the one C and the crm tool use too.

    path       the SQLite file, created if missing; None keeps data in memory
    region     ISO 3166 region in which national phone numbers are read
    durability "full": a committed write survives power loss; "normal":
               faster, a power loss may lose the last commits
    read_only  open an existing SQLite file for reading only (needs a path)
    page_cache_mib  MiB of SQLite pages each connection caches (0: SQLite's
               ~2 MiB); more speeds bulk loads into files of millions of records
    busy_timeout_ms  how long a call waits for the write slot (another
               thread's transaction, another process's lock on the file)
               before it raises crm.Busy: 0..86,400,000
    workflow_action_limit  the most rule actions one change may set off,
               across the chain of rules it starts; one more fails the
               change with crm.Conflict naming the chain
    phone_check "valid": a stored phone number must be valid for its region;
               "possible": only its length must be plausible (for numbering
               ranges newer than the phone metadata)

    Records are dicts in crm's JSON spellings (see crm.records). Every
    failure raises a crm.CrmError subclass. One Engine may be used from many
    threads at once. Use it as a context manager, or call close(). The sales
    pipeline's calls (deal moves, pipelines, conversion, duplicates,
    reports) come from crm.pipeline.PipelineCalls; tasks, rules, run_due,
    the firing log and the outbox from crm.workflow.WorkflowCalls;
    approvals from crm.approvals.ApprovalCalls.
    """

    def __init__(
        self,
        path: Optional[PathLike] = None,
        region: Optional[str] = None,
        durability: str = "full",
        read_only: bool = False,
        page_cache_mib: int = 0,
        busy_timeout_ms: Optional[int] = None,
        workflow_action_limit: Optional[int] = None,
        phone_check: Optional[str] = None,
    ) -> None:
        if durability not in _DURABILITY:
            raise InvalidArgument(f"durability {durability!r}: expected 'full' or 'normal'")
        if phone_check is not None and phone_check not in _PHONE_CHECK:
            raise InvalidArgument(f"phone_check {phone_check!r}: expected 'valid' or 'possible'")
        options = _native.Options()
        lib.crm_options_init(ctypes.byref(options), ctypes.sizeof(options))
        options.path = None if path is None else path_bytes(path)
        options.default_region = optional_utf8(region, "region")
        options.durability = _DURABILITY[durability]
        options.read_only = 1 if read_only else 0
        options.page_cache_mib = integer(page_cache_mib, "page_cache_mib")  # the library checks its range
        # None keeps what crm_options_init set: the library's defaults.
        if busy_timeout_ms is not None:
            options.busy_timeout_ms = integer(busy_timeout_ms, "busy_timeout_ms")
        if workflow_action_limit is not None:
            options.workflow_action_limit = integer(workflow_action_limit, "workflow_action_limit")
        if phone_check is not None:
            options.phone_check = _PHONE_CHECK[phone_check]
        handle = _native.EngineP()
        lib.crm_engine_open(ctypes.byref(options), ctypes.byref(handle))
        self._handle = handle
        self._closed = False
        self.path = None if path is None else os.fspath(path)
        self.region = region  # None: the library's default region
        self.read_only = bool(read_only)
        # The handle is freed when the Engine is collected, never before: a
        # closed handle stays valid, and the library answers CRM_CLOSED.
        self._free = weakref.finalize(self, lib.crm_engine_free, handle)

    # ---- Lifetime -----------------------------------------------------------

    def close(self) -> None:
        """Closes the store; later calls raise crm.Closed. Rolls back the
        transactions still open and waits for calls in progress on other
        threads. Closing twice is allowed."""
        lib.crm_engine_close(self._handle)
        self._closed = True

    @property
    def closed(self) -> bool:
        return self._closed

    def __enter__(self) -> "Engine":
        return self

    def __exit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        where = "in memory" if self.path is None else f"path={self.path!r}"
        return f"<crm.Engine {where} region={self.region!r}{' closed' if self._closed else ''}>"

    def transaction(self) -> Transaction:
        """Begins a transaction on this thread; see crm.Transaction."""
        return Transaction(self._handle)

    def check(self) -> dict:
        """Reads every stored record and reports those that cannot be used:
        {"records": n read, "damaged": [{"collection": "customer", "id": 7,
        "problem": "stored body is unreadable (...)"}]}, damaged empty on a
        healthy file. A body that does not decode, or a unique key (phone,
        e-mail, external id) that does not lead back to its record, is
        damage. Reads the whole file: a maintenance call, not a routine one."""
        return received_json(lambda out: lib.crm_check_json(self._handle, out))

    # ---- Shared by every record type ------------------------------------------

    def _create(self, kind: RecordType, record: Record) -> Record:
        with parsed(kind, record) as handle:
            kind.create(self._handle, handle)
            return to_dict(kind, handle)

    def _update(self, kind: RecordType, record: Record) -> Record:
        with parsed(kind, record) as handle:
            kind.update(self._handle, handle)
            return to_dict(kind, handle)

    def _get(self, kind: RecordType, record_id: int) -> Record:
        number = integer(record_id, "id")
        return received_dict(kind, lambda out: kind.get(self._handle, number, out))

    def _erase(self, kind: RecordType, record_id: int, version: int) -> None:
        kind.erase(self._handle, integer(record_id, "id"), integer(version, "version"))

    # ---- Customers --------------------------------------------------------------

    def create_customer(self, customer: Record) -> Record:
        """Stores a new customer; returns it as stored (id, version, phones in
        E.164, e-mails lower-cased). crm.AlreadyExists when a phone, e-mail or
        external_id is taken."""
        return self._create(CUSTOMER, customer)

    def get_customer(self, customer_id: int) -> Record:
        """The customer with that id; crm.NotFound when there is none."""
        return self._get(CUSTOMER, customer_id)

    def update_customer(self, customer: Record) -> Record:
        """Replaces the stored customer with this one (same id); returns it as
        stored, with its new version. crm.Conflict when customer["version"]
        is not the stored version."""
        return self._update(CUSTOMER, customer)

    def erase_customer(self, customer_id: int, version: int) -> None:
        """Erases the customer at its stored `version`. crm.NotFound when there
        is none; crm.Conflict, erasing nothing, when the version is stale or
        other records still refer to it (interactions, deals, members, tasks)."""
        self._erase(CUSTOMER, customer_id, version)

    def find_customer_by_phone(self, phone: str) -> Optional[Record]:
        """The customer with this phone, written in any format (read in the
        engine's region), or None."""
        key = utf8(phone, "phone")
        return maybe(CUSTOMER, lambda out: lib.crm_customer_find_by_phone(self._handle, key, out))

    def find_customer_by_email(self, email: str) -> Optional[Record]:
        """The customer with this e-mail, in any case, or None."""
        key = utf8(email, "email")
        return maybe(CUSTOMER, lambda out: lib.crm_customer_find_by_email(self._handle, key, out))

    def find_customer_by_external_id(self, external_id: str) -> Optional[Record]:
        """The customer with this external id, or None."""
        key = utf8(external_id, "external_id")
        return maybe(CUSTOMER, lambda out: lib.crm_customer_find_by_external_id(self._handle, key, out))

    def customer_page(
        self,
        name_prefix: Optional[str] = None,
        cursor: Optional[str] = None,
        limit: int = 50,
        *,
        owner: Optional[str] = None,
        stage: Optional[str] = None,
        tag: Optional[str] = None,
        organisation_id: Optional[int] = None,
    ) -> pages.Page:
        """One page of customers: (items, next_cursor), next_cursor None on
        the last page. All customers in id order, or by one filter: those
        whose display name starts with name_prefix (case-insensitively) in
        name order, those of an owner, in a lifecycle stage ("prospect",
        "new", "active", "at-risk", "churned"), with a tag (any case), or
        the members of an organisation. Two filters raise crm.InvalidArgument."""
        filters = {"owner": owner, "stage": stage, "tag": tag, "organisation_id": organisation_id}
        return pages.fetch(self._customer_list(name_prefix, filters), cursor, limit)

    def list_customers(
        self,
        name_prefix: Optional[str] = None,
        limit: int = 50,
        *,
        owner: Optional[str] = None,
        stage: Optional[str] = None,
        tag: Optional[str] = None,
        organisation_id: Optional[int] = None,
    ) -> Iterator[Record]:
        """Every customer (or every one that customer_page's filter keeps),
        fetched `limit` at a time as the iterator is consumed."""
        filters = {"owner": owner, "stage": stage, "tag": tag, "organisation_id": organisation_id}
        return pages.every(self._customer_list(name_prefix, filters), limit, what="customer")

    def _customer_list(self, name_prefix: Optional[str], filters: dict[str, Any]) -> pages.ListCall:
        if any(value is not None for value in filters.values()):
            query = {"name_prefix": name_prefix, **filters}
            return _query_list(lib.crm_customer_list_query, self._handle, "customer query", query)
        prefix = optional_utf8(name_prefix, "name_prefix")
        return lambda cursor, limit, out: lib.crm_customer_list(self._handle, prefix, cursor, limit, out)

    # ---- Interactions and purchases --------------------------------------------

    def log_purchase(
        self,
        customer_id: int,
        amount_minor: Amount,
        currency: str,
        channel: Optional[str] = None,
        note: Optional[str] = None,
    ) -> Record:
        """Logs a purchase by a customer, now: amount_minor in the currency's
        minor units (1799 GBP is £17.99), or a Decimal in major units
        (Decimal("17.99"); see crm.values), on a channel ("pos" when None:
        "web", "kiosk"…), with an optional note (its subject). Returns the
        stored interaction."""
        args = (
            integer(customer_id, "customer_id"),
            to_minor(amount_minor, currency, "amount_minor"),
            utf8(currency, "currency"),
            optional_utf8(channel, "channel"),
            optional_utf8(note, "note"),
        )
        return received_dict(INTERACTION, lambda out: lib.crm_purchase_log(self._handle, *args, out))

    def purchase_stats(self, customer_id: int) -> list[dict[str, Any]]:
        """A customer's purchase statistics, one dict per currency they
        bought in, in code order: {"customer_id", "currency", "purchases",
        "purchase_days", "total_minor", "first_day_minor", "average_minor",
        "first_at", "last_at"}; [] when they bought nothing. The engine keeps
        them with every purchase write. crm.NotFound for an unknown customer."""
        number = integer(customer_id, "customer_id")
        return received_json(lambda out: lib.crm_purchase_stats_json(self._handle, number, out))

    def rebuild_purchase_stats(self) -> dict[str, Any]:
        """Recomputes every customer's purchase statistics from the purchase
        history in one transaction and mends what differs (on a healthy file,
        nothing): {"purchases" (read), "stats" (computed), "added",
        "corrected", "removed"}. Reads every interaction: a repair, not a
        routine call."""
        return received_json(lambda out: lib.crm_purchase_stats_rebuild_json(self._handle, out))

    def log_interaction(self, interaction: Record) -> Record:
        """Stores an interaction (a call, a note, a visit, a purchase with
        line items…) with a customer or a lead; returns it as stored."""
        return self._create(INTERACTION, interaction)

    def get_interaction(self, interaction_id: int) -> Record:
        return self._get(INTERACTION, interaction_id)

    def update_interaction(self, interaction: Record) -> Record:
        return self._update(INTERACTION, interaction)

    def erase_interaction(self, interaction_id: int, version: int) -> None:
        """Erases the interaction at its stored `version` (an erased purchase
        leaves its customer's statistics). crm.NotFound, crm.Conflict as
        erase_customer()."""
        self._erase(INTERACTION, interaction_id, version)

    def history_page(self, customer_id: int, cursor: Optional[str] = None, limit: int = 50) -> pages.Page:
        """One page of a customer's interactions, newest first."""
        return pages.fetch(self._history_list(customer_id), cursor, limit)

    def history(self, customer_id: int, limit: int = 50) -> Iterator[Record]:
        """A customer's interactions, newest first, fetched `limit` at a time
        as the iterator is consumed (itertools.islice takes the latest n)."""
        return pages.every(self._history_list(customer_id), limit, what="interaction")

    def _history_list(self, customer_id: int) -> pages.ListCall:
        number = integer(customer_id, "customer_id")
        return lambda cursor, limit, out: lib.crm_interaction_list(self._handle, number, cursor, limit, out)

    def interaction_page(
        self,
        cursor: Optional[str] = None,
        limit: int = 50,
        *,
        customer_id: Optional[int] = None,
        lead_id: Optional[int] = None,
        opportunity_id: Optional[int] = None,
    ) -> pages.Page:
        """One page of interactions: one customer's, lead's or deal's (give
        one of the ids), newest first; with none, every interaction in the
        order stored."""
        filters = {"customer_id": customer_id, "lead_id": lead_id, "opportunity_id": opportunity_id}
        return pages.fetch(self._interaction_list(filters), cursor, limit)

    def list_interactions(
        self,
        limit: int = 50,
        *,
        customer_id: Optional[int] = None,
        lead_id: Optional[int] = None,
        opportunity_id: Optional[int] = None,
    ) -> Iterator[Record]:
        """Every interaction interaction_page's id keeps, fetched `limit` at a time."""
        filters = {"customer_id": customer_id, "lead_id": lead_id, "opportunity_id": opportunity_id}
        return pages.every(self._interaction_list(filters), limit, what="interaction")

    def _interaction_list(self, filters: dict[str, Any]) -> pages.ListCall:
        return _query_list(lib.crm_interaction_list_query, self._handle, "interaction query", filters)

    # ---- Leads ------------------------------------------------------------------

    def create_lead(self, lead: Record) -> Record:
        return self._create(LEAD, lead)

    def get_lead(self, lead_id: int) -> Record:
        return self._get(LEAD, lead_id)

    def update_lead(self, lead: Record) -> Record:
        return self._update(LEAD, lead)

    def erase_lead(self, lead_id: int, version: int) -> None:
        """Erases the lead at its stored `version`; crm.Conflict while its
        interactions or tasks refer to it."""
        self._erase(LEAD, lead_id, version)

    def lead_page(
        self,
        status: Optional[str] = None,
        cursor: Optional[str] = None,
        limit: int = 50,
        *,
        owner: Optional[str] = None,
        email: Optional[str] = None,
        phone: Optional[str] = None,
        name_prefix: Optional[str] = None,
        assignment_rule: Optional[str] = None,
    ) -> pages.Page:
        """One page of leads in id order, or by one filter: those with a
        status ("new", "working", "qualified", "disqualified", "converted"),
        of an owner, with an e-mail (any case) or phone (any spelling of the
        engine's region), whose name starts with name_prefix (in name
        order), or those an assignment rule assigned (newest first)."""
        filters = {"owner": owner, "email": email, "phone": phone, "name_prefix": name_prefix,
                   "assignment_rule": assignment_rule}
        return pages.fetch(self._lead_list(status, filters), cursor, limit)

    def list_leads(
        self,
        status: Optional[str] = None,
        limit: int = 50,
        *,
        owner: Optional[str] = None,
        email: Optional[str] = None,
        phone: Optional[str] = None,
        name_prefix: Optional[str] = None,
        assignment_rule: Optional[str] = None,
    ) -> Iterator[Record]:
        """Every lead lead_page's filter keeps, fetched `limit` at a time."""
        filters = {"owner": owner, "email": email, "phone": phone, "name_prefix": name_prefix,
                   "assignment_rule": assignment_rule}
        return pages.every(self._lead_list(status, filters), limit, what="lead")

    def _lead_list(self, status: Optional[str], filters: dict[str, Any]) -> pages.ListCall:
        if any(value is not None for value in filters.values()):
            return _query_list(lib.crm_lead_list_query, self._handle, "lead query", {"status": status, **filters})
        wanted = optional_utf8(status, "status")
        return lambda cursor, limit, out: lib.crm_lead_list(self._handle, wanted, cursor, limit, out)

    # ---- Opportunities ------------------------------------------------------------

    def create_opportunity(self, opportunity: Record) -> Record:
        return self._create(OPPORTUNITY, opportunity)

    def get_opportunity(self, opportunity_id: int) -> Record:
        return self._get(OPPORTUNITY, opportunity_id)

    def update_opportunity(self, opportunity: Record) -> Record:
        return self._update(OPPORTUNITY, opportunity)

    def erase_opportunity(self, opportunity_id: int, version: int) -> None:
        """Erases the deal at its stored `version`, with its stage history;
        crm.Conflict while its interactions or tasks refer to it."""
        self._erase(OPPORTUNITY, opportunity_id, version)

    def opportunity_page(
        self,
        customer_id: Optional[int] = None,
        cursor: Optional[str] = None,
        limit: int = 50,
        *,
        owner: Optional[str] = None,
        status: Optional[str] = None,
        pipeline: Optional[str] = None,
        stage: Optional[str] = None,
    ) -> pages.Page:
        """One page of opportunities in id order, or by one filter: one
        customer's, an owner's, those of a status ("open", "won", "lost"),
        or those in a pipeline (with stage: in one of its stages)."""
        filters = {"owner": owner, "status": status, "pipeline": pipeline, "stage": stage}
        return pages.fetch(self._opportunity_list(customer_id, filters), cursor, limit)

    def list_opportunities(
        self,
        customer_id: Optional[int] = None,
        limit: int = 50,
        *,
        owner: Optional[str] = None,
        status: Optional[str] = None,
        pipeline: Optional[str] = None,
        stage: Optional[str] = None,
    ) -> Iterator[Record]:
        """Every opportunity opportunity_page's filter keeps, fetched `limit` at a time."""
        filters = {"owner": owner, "status": status, "pipeline": pipeline, "stage": stage}
        return pages.every(self._opportunity_list(customer_id, filters), limit, what="opportunity")

    def _opportunity_list(self, customer_id: Optional[int], filters: dict[str, Any]) -> pages.ListCall:
        if any(value is not None for value in filters.values()):
            query = {"customer_id": customer_id, **filters}
            return _query_list(lib.crm_opportunity_list_query, self._handle, "opportunity query", query)
        # The C call reads 0 as "every customer's"; ids start at 1.
        number = 0 if customer_id is None else integer(customer_id, "customer_id", 1, INT64_MAX)
        return lambda cursor, limit, out: lib.crm_opportunity_list(self._handle, number, cursor, limit, out)
