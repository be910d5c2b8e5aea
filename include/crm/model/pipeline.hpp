// SPDX-License-Identifier: Apache-2.0
#pragma once
// A sales pipeline: the ordered stages a deal moves through. Pipelines are
// data: a host stores as many as it needs; every opportunity names one.
// Without a stored pipeline called "default", opportunities in "default" use
// default_pipeline() below.

#include <cstdint>
#include <string>
#include <vector>

#include "crm/enum_names.hpp"
#include "crm/id.hpp"
#include "crm/time.hpp"

namespace crm {

// Where a deal in a stage counts in a forecast. Numeric values are stored:
// never renumber, only append.
enum class ForecastCategory : std::uint8_t { pipeline = 0, best_case = 1, commit = 2, closed = 3 };

template <>
struct EnumNames<ForecastCategory> {
  static constexpr std::string_view what = "forecast category";
  static constexpr std::array<std::pair<ForecastCategory, std::string_view>, 4> names{{
      {ForecastCategory::pipeline, "pipeline"},
      {ForecastCategory::best_case, "best_case"},
      {ForecastCategory::commit, "commit"},
      {ForecastCategory::closed, "closed"},
  }};
};

struct PipelineStage {
  std::string name{};            // unique within its pipeline (case-insensitively)
  std::int32_t probability = 0;  // the default win probability of a deal here, percent
  ForecastCategory category = ForecastCategory::pipeline;

  friend bool operator==(const PipelineStage&, const PipelineStage&) = default;
};

struct Pipeline {
  Id id = 0;
  Version version = 0;

  std::string name{};                  // required, unique
  std::vector<PipelineStage> stages{};  // in order; at least one

  Timestamp created_at{};
  Timestamp updated_at{};

  friend bool operator==(const Pipeline&, const Pipeline&) = default;

  // The stage with this name (compared case-insensitively), or null.
  const PipelineStage* find_stage(std::string_view stage) const;
  // Its position in `stages`; stages.size() when there is none.
  std::size_t stage_index(std::string_view stage) const;
};

// The pipeline every engine knows: the stages of the seed literature's
// business-to-business sale.
Pipeline default_pipeline();

}  // namespace crm
