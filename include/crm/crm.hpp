// SPDX-License-Identifier: Apache-2.0
#pragma once
// The whole C++ API of crm in one include: every public header, by layer.
// (crm/crm.h is the C API, a header of its own.) tests/api keeps it whole:
// a test fails when a header under include/crm is not reachable from here.
//
// Which library each part needs (docs/ARCHITECTURE.md, "Libraries"):
// crm::crm for everything but the analytics (crm::analytics) and
// MemoryStore's snapshot calls (crm::snapshot).

// Values shared by every layer.
#include "crm/attribute.hpp"
#include "crm/enum_names.hpp"
#include "crm/error.hpp"
#include "crm/id.hpp"
#include "crm/limits.hpp"
#include "crm/money.hpp"
#include "crm/normalize.hpp"
#include "crm/time.hpp"
#include "crm/version.hpp"

// The model: the records the engine stores.
#include "crm/model/approval.hpp"
#include "crm/model/customer.hpp"
#include "crm/model/interaction.hpp"
#include "crm/model/lead.hpp"
#include "crm/model/lead_features.hpp"
#include "crm/model/lead_outcomes.hpp"
#include "crm/model/opportunity.hpp"
#include "crm/model/pipeline.hpp"
#include "crm/model/purchase_stats.hpp"
#include "crm/model/stage_change.hpp"
#include "crm/model/task.hpp"
#include "crm/model/workflow_records.hpp"

// Storage.
#include "crm/store/memory_store.hpp"
#include "crm/store/sqlite_store.hpp"
#include "crm/store/store.hpp"

// The engine.
#include "crm/check.hpp"
#include "crm/engine.hpp"
#include "crm/engine_options.hpp"
#include "crm/engine_queries.hpp"

// The services over the engine: the sales pipeline, workflow, analytics.
#include "crm/analytics/analytics.hpp"
#include "crm/analytics/basket.hpp"
#include "crm/analytics/clv.hpp"
#include "crm/analytics/lifecycle.hpp"
#include "crm/analytics/purchase_stats.hpp"  // forwards to crm/model/purchase_stats.hpp
#include "crm/analytics/rfm.hpp"
#include "crm/analytics/value_matrix.hpp"
#include "crm/pipeline/alerts.hpp"
#include "crm/pipeline/assignment.hpp"
#include "crm/pipeline/conversion.hpp"
#include "crm/pipeline/dedup.hpp"
#include "crm/pipeline/matching.hpp"
#include "crm/pipeline/reports.hpp"
#include "crm/pipeline/scoring.hpp"
#include "crm/workflow/workflow.hpp"  // forwards to crm/model/workflow_records.hpp

// Records, reports and rules as JSON.
#include "crm/json.hpp"
