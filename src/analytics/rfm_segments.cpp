// SPDX-License-Identifier: Apache-2.0
// The default RFM segment table. Its rules tile the 5 x 5 R x F grid without
// overlap, so each cell has exactly one name and order only matters for
// tables a user writes. M is left open, as in the usual R x F grid; a table
// that splits on M can be passed in RfmOptions or read from JSON.
#include "crm/analytics/rfm.hpp"

namespace crm::analytics {

std::vector<RfmSegment> default_rfm_segments() {
  constexpr ScoreRange any{1, 5};
  return {
      {"champions", {5, 5}, {4, 5}, any},
      {"loyal", {3, 4}, {4, 5}, any},
      {"potential loyalist", {4, 5}, {2, 3}, any},
      {"new", {5, 5}, {1, 1}, any},
      {"promising", {4, 4}, {1, 1}, any},
      {"need attention", {3, 3}, {3, 3}, any},
      {"about to sleep", {3, 3}, {1, 2}, any},
      {"at risk", {1, 2}, {3, 4}, any},
      {"can't lose", {1, 2}, {5, 5}, any},
      {"hibernating", {2, 2}, {1, 2}, any},
      {"lost", {1, 1}, {1, 2}, any},
  };
}

}  // namespace crm::analytics
