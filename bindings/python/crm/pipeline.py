# SPDX-License-Identifier: Apache-2.0
"""The sales pipeline on an Engine: deal moves and their history, pipelines,
lead conversion, duplicates, assignment, scoring and reports.

These calls pass JSON documents besides whole records (crm.h's "sales
pipeline" section; keys and spellings in docs/C_API.md). Documents the
library returns are plain dicts and lists; unknown keys and wrong types in
what is passed are refused by the library with crm.InvalidArgument naming
the key.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Optional

from . import _native
from ._convert import integer, optional_utf8, utf8
from .errors import NotFound
from .records import LEAD, OPPORTUNITY, Record, encode_document, parsed, received_dict, received_json, to_dict

lib = _native.lib

REPORTS = ("funnel", "forecast", "sales_cycle", "snapshot", "overdue", "credit")


def _window(value: object) -> object:
    """A (from, to) pair (ms or aware datetimes) as the {"from", "to"}
    object the library reads."""
    if isinstance(value, (tuple, list)) and len(value) == 2:
        return {"from": value[0], "to": value[1]}
    return value


class PipelineCalls:
    """The pipeline methods of crm.Engine (mixed into it)."""

    _handle: Any

    # ---- Deals ------------------------------------------------------------------

    def move_opportunity(self, opportunity_id: int, version: int, stage: str, by: Optional[str] = None) -> Record:
        """Moves a deal at `version` to `stage` (any case; the pipeline's
        spelling is stored), recording who moved it; returns the deal as
        stored. crm.Conflict when the version is stale."""
        args = (integer(opportunity_id, "opportunity_id"), integer(version, "version"), utf8(stage, "stage"),
                optional_utf8(by, "by"))
        return received_dict(OPPORTUNITY, lambda out: lib.crm_opportunity_move_stage(self._handle, *args, out))

    def win_opportunity(self, opportunity_id: int, version: int, by: Optional[str] = None) -> Record:
        """Closes a deal won; returns it as stored."""
        args = (integer(opportunity_id, "opportunity_id"), integer(version, "version"), optional_utf8(by, "by"))
        return received_dict(OPPORTUNITY, lambda out: lib.crm_opportunity_close_won(self._handle, *args, out))

    def lose_opportunity(self, opportunity_id: int, version: int, reason: str, by: Optional[str] = None) -> Record:
        """Closes a deal lost for `reason` (required); returns it as stored."""
        args = (integer(opportunity_id, "opportunity_id"), integer(version, "version"), utf8(reason, "reason"),
                optional_utf8(by, "by"))
        return received_dict(OPPORTUNITY, lambda out: lib.crm_opportunity_close_lost(self._handle, *args, out))

    def opportunity_history(self, opportunity_id: int) -> list[dict[str, Any]]:
        """A deal's stage history, oldest first: dicts with from_stage,
        to_stage, status, amount, probability, owner, at (ms), by…"""
        number = integer(opportunity_id, "opportunity_id")
        return received_json(lambda out: lib.crm_opportunity_history_json(self._handle, number, out))

    # ---- Pipelines ----------------------------------------------------------------

    def save_pipeline(self, pipeline: Mapping[str, Any]) -> Record:
        """Creates a pipeline (no "id", or 0) or updates one (its "id" and
        stored "version"); returns it as stored. {"name": …, "stages":
        [{"name", "probability", "category"}, …]}."""
        document = encode_document("pipeline", pipeline)
        return received_json(lambda out: lib.crm_pipeline_save_json(self._handle, document, out))

    def get_pipeline(self, name: str) -> Record:
        """The pipeline with this name (any case); "default" always exists.
        crm.NotFound for another unknown name."""
        key = utf8(name, "name")
        return received_json(lambda out: lib.crm_pipeline_get_json(self._handle, key, out))

    def find_pipeline(self, name: str) -> Optional[Record]:
        """As get_pipeline(), with None for an unknown name."""
        try:
            return self.get_pipeline(name)
        except NotFound:
            return None

    def erase_pipeline(self, name: str, version: int) -> None:
        """Erases the stored pipeline with this name (any case) at its stored
        `version`. crm.NotFound when none is stored by that name (the built-in
        "default" too); crm.Conflict when the version is stale or a deal uses it."""
        lib.crm_pipeline_erase(self._handle, utf8(name, "name"), integer(version, "version"))

    # ---- Leads ----------------------------------------------------------------------

    def convert_lead(
        self,
        lead_id: int,
        version: int,
        customer_id: Optional[int] = None,
        with_organisation: bool = False,
        opportunity: Optional[Mapping[str, Any]] = None,
        on_similar: Optional[str] = None,
    ) -> dict[str, Any]:
        """Converts a qualified lead at `version` in one transaction. Returns
        {"lead", "customer", "customer_created", "organisation",
        "opportunity", "interactions_moved", "similar"}. on_similar is
        "refuse" (the default: crm.AlreadyExists when a customer resembles
        the lead), "warn" or "allow"."""
        options: dict[str, Any] = {"with_organisation": with_organisation}
        if customer_id is not None:
            options["customer_id"] = customer_id
        if opportunity is not None:
            options["opportunity"] = dict(opportunity)
        if on_similar is not None:
            options["on_similar"] = on_similar
        args = (integer(lead_id, "lead_id"), integer(version, "version"), encode_document("conversion options", options))
        return received_json(lambda out: lib.crm_lead_convert_json(self._handle, *args, out))

    def find_duplicates(self, lead: Mapping[str, Any]) -> list[dict[str, Any]]:
        """The stored leads and customers a lead (stored or not) duplicates,
        best first: {"kind": "lead" | "customer", "id", "name", "score",
        "reasons": [{"field", "method", "similarity"}]}."""
        document = encode_document("lead", lead)
        return received_json(lambda out: lib.crm_lead_duplicates_json(self._handle, document, out))

    def create_lead_checked(self, lead: Mapping[str, Any], policy: str = "refuse") -> tuple[Record, list[dict[str, Any]]]:
        """Creates a lead after looking for duplicates: (stored lead,
        candidates). policy "refuse" raises crm.AlreadyExists when there is a
        candidate; "warn" stores and returns them; "allow" does not look."""
        wanted = utf8(policy, "policy")
        with parsed(LEAD, lead) as handle:
            duplicates = received_json(lambda out: lib.crm_lead_create_checked_json(self._handle, handle, wanted, out))
            return to_dict(LEAD, handle), duplicates

    def scan_duplicates(self) -> list[dict[str, Any]]:
        """Every stored lead scanned for duplicates among leads and customers,
        each pair of leads once: {"lead_id", "kind": "lead" | "customer",
        "id", "name", "score", "reasons"}."""
        return received_json(lambda out: lib.crm_duplicates_scan_json(self._handle, out))["pairs"]

    def assign_lead(self, lead_id: int, rules: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
        """Picks the owner of a stored lead by the first matching rule and
        records it on the lead. Each rule: {"name", "territory", "industry",
        "source", "strategy": "fixed_owner" | "round_robin" |
        "load_balanced", "owner", "team": [{"name", "capacity"}]}. Returns
        {"assigned", "rule", "strategy", "owner"}; assigned is False (the
        lead unchanged) when no rule matches. crm.Conflict when a
        load-balanced team is full."""
        if isinstance(rules, (str, bytes, Mapping)) or not isinstance(rules, Sequence):
            raise TypeError(f"assignment rules are a list of dicts, not {type(rules).__name__}")
        args = (integer(lead_id, "lead_id"), encode_document("assignment rules", {"rules": list(rules)}))
        return received_json(lambda out: lib.crm_lead_assign_json(self._handle, *args, out))

    def score_lead(
        self,
        lead_id: int,
        fields: Optional[Sequence[str]] = None,
        smoothing: Optional[float] = None,
        min_count: Optional[int] = None,
        rules: Optional[Sequence[Mapping[str, Any]]] = None,
        behaviour: Optional[Sequence[Mapping[str, Any]]] = None,
    ) -> dict[str, Any]:
        """The predictive score of a stored lead, learned from closed leads:
        {"probability", "percent", "trained", "contributions": [{"field",
        "value", "weight"}]}. With rules ([{"field", "op", "value",
        "points"}]) or behaviour ([{"kind", "threshold", "points"}]) also
        "rule_score": {"score", "raw", "hits": [{"description", "points"}]},
        counted over the lead's interactions. Reads only."""
        config: dict[str, Any] = {}
        value: Any
        for key, value in (("fields", fields), ("smoothing", smoothing), ("min_count", min_count),
                           ("rules", rules), ("behaviour", behaviour)):
            if value is None:
                continue
            if key in ("fields", "rules", "behaviour"):
                if isinstance(value, (str, bytes, Mapping)):
                    raise TypeError(f"{key} is a list, not {type(value).__name__}")
                value = list(value)
            config[key] = value
        args = (integer(lead_id, "lead_id"), encode_document("scoring config", config))
        return received_json(lambda out: lib.crm_lead_score_json(self._handle, *args, out))

    # ---- Reports ----------------------------------------------------------------------

    def report(self, name: str, **query: Any) -> dict[str, Any]:
        """Runs a read-only report ("funnel", "forecast", "sales_cycle",
        "snapshot", "overdue", "credit") with its query as keywords, e.g.
        report("funnel", currency="EUR", window=(from_ms, to_ms)). A window
        may be a (from, to) pair or {"from": …, "to": …}; times may be ms or
        aware datetimes (as anywhere in a document); keys are checked by the
        library."""
        if "window" in query:
            query["window"] = _window(query["window"])
        report = utf8(name, "report")
        document = encode_document(f"{name} query", query)
        return received_json(lambda out: lib.crm_report_json(self._handle, report, document, out))
