# SPDX-License-Identifier: Apache-2.0
# Warnings are errors-in-spirit: the build is kept at zero warnings.
# crm_enable_warnings(<target>) applies them to one target, so third-party
# code and consumers never inherit our flags.
function(crm_enable_warnings target)
  target_compile_options(${target} PRIVATE
    $<$<COMPILE_LANG_AND_ID:CXX,GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion>
    $<$<COMPILE_LANG_AND_ID:C,GNU,Clang>:-Wall -Wextra -Wpedantic>)
endfunction()
