// SPDX-License-Identifier: Apache-2.0
// Fixture of check_layers.cmake: an engine file that reaches up into the
// workflow, which the check must name.
#include "workflow/runner.hpp"
