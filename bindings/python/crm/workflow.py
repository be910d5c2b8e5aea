# SPDX-License-Identifier: Apache-2.0
"""The workflow engine on an Engine: tasks, rules, timed actions, the firing
log and the outbox (docs/WORKFLOW.md; crm.h's "Workflow" section).

Tasks are records, dicts like customers. Rules are dicts in the rule format
of docs/WORKFLOW.md, checked by the library when saved: a bad rule raises
crm.InvalidArgument naming the rule and the place, and nothing is stored.
What the library returns are plain dicts (docs/C_API.md lists their keys);
a stored rule is {"id", "version", "name", "definition": {the rule},
"saved_at"}.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any, Callable, Iterator, Optional

from . import _native, pages
from ._convert import SIZE_MAX, integer, utf8
from .errors import NotFound
from .records import TASK, Record, RecordType, encode_document, received_json
from .values import Timestamp, to_ms

lib = _native.lib


def now_ms() -> int:
    """The system clock, which is the engine's, in ms since the epoch."""
    return time.time_ns() // 1_000_000


def _query(what: str, query: Mapping[str, Any]) -> bytes:
    """Keyword filters as the JSON query the library reads; None means "not given"."""
    return encode_document(what, {key: value for key, value in query.items() if value is not None})


class WorkflowCalls:
    """The workflow methods of crm.Engine (mixed into it)."""

    _handle: Any
    _create: Callable[[RecordType, Record], Record]
    _update: Callable[[RecordType, Record], Record]
    _get: Callable[[RecordType, int], Record]
    _erase: Callable[[RecordType, int, int], None]

    # ---- Tasks ----------------------------------------------------------------------

    def create_task(self, task: Record) -> Record:
        """Stores a new task: {"subject" (required), "body", "owner", "due_at",
        "remind_at" (ms), "priority" ("low", "normal", "high", "urgent"),
        "customer_id", "lead_id", "opportunity_id"}; returns it as stored."""
        return self._create(TASK, task)

    def get_task(self, task_id: int) -> Record:
        return self._get(TASK, task_id)

    def update_task(self, task: Record) -> Record:
        """Replaces a stored task at its "version"; leaving "open" stamps
        completed_at. crm.Conflict when the version is stale."""
        return self._update(TASK, task)

    def erase_task(self, task_id: int, version: int) -> None:
        """Erases the task at its stored `version`. crm.NotFound when there is
        none; crm.Conflict, erasing nothing, when the version is stale."""
        self._erase(TASK, task_id, version)

    def complete_task(self, task_id: int) -> Record:
        """Marks a task done; returns it as stored (a task already done as it
        is, nothing written). crm.Conflict when it changed between the read
        and the write: call again."""
        task = self.get_task(task_id)
        return task if task["status"] == "done" else self.update_task({**task, "status": "done"})

    def task_page(self, cursor: Optional[str] = None, limit: int = 50, **query: Any) -> pages.Page:
        """One page of tasks. Query keywords: owner, status ("open" unless
        given), due_before (ms), or one of customer_id, lead_id,
        opportunity_id. With an owner (or no id), in due order, the most
        urgent first at equal times, undated last: task_page(owner="ann") is
        Ann's day, with due_before=now her overdue tasks."""
        return pages.fetch(self._task_list(query), cursor, limit)

    def list_tasks(self, limit: int = 50, **query: Any) -> Iterator[Record]:
        """Every task the query (as task_page's) matches, fetched `limit` at a time."""
        return pages.every(self._task_list(query), limit, what="task")

    def _task_list(self, query: Mapping[str, Any]) -> pages.ListCall:
        document = _query("task query", query)
        return lambda cursor, limit, out: lib.crm_task_list(self._handle, document, cursor, limit, out)

    # ---- Rules ----------------------------------------------------------------------

    def save_rule(self, rule: Mapping[str, Any]) -> dict[str, Any]:
        """Saves a rule (docs/WORKFLOW.md), replacing a stored rule of the same
        name (any case); returns it as stored, its definition canonical."""
        document = encode_document("rule", rule)
        return received_json(lambda out: lib.crm_rule_save_json(self._handle, document, out))

    def get_rule(self, name: str) -> dict[str, Any]:
        """The stored rule with this name (any case); crm.NotFound when there is none."""
        key = utf8(name, "name")
        return received_json(lambda out: lib.crm_rule_get_json(self._handle, key, out))

    def find_rule(self, name: str) -> Optional[dict[str, Any]]:
        """As get_rule(), with None for an unknown name."""
        try:
            return self.get_rule(name)
        except NotFound:
            return None

    def erase_rule(self, name: str) -> None:
        """Erases a rule; crm.NotFound when there is none."""
        lib.crm_rule_erase(self._handle, utf8(name, "name"))

    def rule_page(self, cursor: Optional[str] = None, limit: int = 50) -> pages.Page:
        """One page of the stored rules, in the order they were first saved."""
        return pages.fetch_json(self._rule_list, cursor, limit)

    def list_rules(self, limit: int = 50) -> Iterator[dict[str, Any]]:
        return pages.every(self._rule_list, limit, pages.fetch_json, what="workflow_rule")

    def _rule_list(self, cursor: Optional[bytes], limit: int, out: Any) -> Any:
        return lib.crm_rule_list_json(self._handle, cursor, limit, out)

    # ---- Timed actions and the firing log ------------------------------------------

    def run_due(self, now: Optional[Timestamp] = None, limit: int = 0) -> dict[str, Any]:
        """Runs the timed actions due at `now` (ms, crm.TIME_MIN_MS to
        crm.TIME_MAX_MS, or an aware datetime; default: the clock now), at
        most `limit` (0: the engine's default). Returns {"ran", "skipped",
        "failed", "more"}; an action that fails is undone and counted, not
        raised."""
        at = now_ms() if now is None else to_ms(now, "now")
        most = integer(limit, "limit", 0, SIZE_MAX)
        return received_json(lambda out: lib.crm_run_due_json(self._handle, at, most, out))

    def timed_action_page(self, cursor: Optional[str] = None, limit: int = 50) -> pages.Page:
        """One page of the queued timed actions, in due order: {"id", "rule",
        "entity", "record_id", "due_at", "queued_at"}."""
        return pages.fetch_json(self._timed_action_list, cursor, limit)

    def list_timed_actions(self, limit: int = 50) -> Iterator[dict[str, Any]]:
        return pages.every(self._timed_action_list, limit, pages.fetch_json, what="workflow_timer")

    def _timed_action_list(self, cursor: Optional[bytes], limit: int, out: Any) -> Any:
        return lib.crm_timed_action_list_json(self._handle, cursor, limit, out)

    def firing_page(self, cursor: Optional[str] = None, limit: int = 50, **query: Any) -> pages.Page:
        """One page of the firing log in time order: all of it, one rule's
        (rule="name"), or one record's (entity="customer", record_id=7).
        Entries: {"id", "rule", "entity", "record_id", "at", "outcome",
        "detail", "depth"}; outcome is "ran", "skipped", "failed" or "queued"."""
        return pages.fetch_json(self._firing_list(query), cursor, limit)

    def list_firings(self, limit: int = 50, **query: Any) -> Iterator[dict[str, Any]]:
        return pages.every(self._firing_list(query), limit, pages.fetch_json, what="workflow_firing")

    def _firing_list(self, query: Mapping[str, Any]) -> pages.JsonListCall:
        document = _query("firing query", query)
        return lambda cursor, limit, out: lib.crm_firing_list_json(self._handle, document, cursor, limit, out)

    # ---- The outbox ---------------------------------------------------------------

    def outbox_page(self, cursor: Optional[str] = None, limit: int = 50) -> pages.Page:
        """One page of the notifications not yet acknowledged, oldest first:
        {"id", "key", "topic", "to", "rule", "entity", "record_id", "payload":
        {the record}, "created_at"}."""
        return pages.fetch_json(self._outbox_list, cursor, limit)

    def list_outbox(self, limit: int = 50) -> Iterator[dict[str, Any]]:
        return pages.every(self._outbox_list, limit, pages.fetch_json, what="workflow_outbox")

    def _outbox_list(self, cursor: Optional[bytes], limit: int, out: Any) -> Any:
        return lib.crm_outbox_list_json(self._handle, cursor, limit, out)

    def acknowledge(self, notification_id: int) -> None:
        """Removes a delivered notification from the outbox; one already gone
        is no error. Delivery is at least once: deliver, then acknowledge."""
        lib.crm_outbox_acknowledge(self._handle, integer(notification_id, "notification_id"))
