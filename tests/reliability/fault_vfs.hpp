// SPDX-License-Identifier: Apache-2.0
#pragma once
// An SQLite VFS for fault injection: it passes every call to the system's
// default VFS and, on demand, fails writes as a full disk or a failing
// device would. install() registers it as the process's default VFS, so
// every SqliteStore opened afterwards goes through it without knowing.
//
// The faults are process-wide and meant for one test at a time; clear()
// turns them all off.

#include <cstdint>
#include <optional>

namespace crm::test::fault_vfs {

// Registers the VFS as the default (once; later calls do nothing).
void install();

// Turns every fault off and zeroes the write counter.
void clear();

// A disk with `bytes` free: writes that grow the files by more fail with
// SQLITE_FULL, as on a full disk. nullopt: no limit.
void set_free_space(std::optional<std::int64_t> bytes);

// The nth write from now (1 = the next) fails with SQLITE_IOERR_WRITE;
// 0 fails none.
void fail_write(std::int64_t nth);

// While on, every fsync fails with SQLITE_IOERR_FSYNC.
void fail_syncs(bool on);

// Writes since the last clear(), failed ones included.
std::int64_t writes();

}  // namespace crm::test::fault_vfs
