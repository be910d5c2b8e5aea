// SPDX-License-Identifier: Apache-2.0
#include "reliability/fault_vfs.hpp"

#include <sqlite3.h>

#include <atomic>
#include <cstring>
#include <stdexcept>

namespace crm::test::fault_vfs {
namespace {

constexpr std::int64_t unlimited = -1;

std::atomic<std::int64_t> free_space{unlimited};
std::atomic<std::int64_t> write_count{0};
std::atomic<std::int64_t> failing_write{0};
std::atomic<bool> syncs_fail{false};

sqlite3_vfs* real_vfs = nullptr;
sqlite3_vfs fault_vfs{};

// Our file handle, with the real VFS's handle right behind it in the same
// allocation (SQLite allocates szOsFile bytes for it).
struct FaultFile {
  sqlite3_file base;
  sqlite3_file* real;
};

sqlite3_file* real_of(sqlite3_file* file) { return reinterpret_cast<FaultFile*>(file)->real; }

// SQLITE_OK, or the code the write must fail with.
int injected_write_fault(sqlite3_file* real, int amount, sqlite3_int64 offset) {
  const auto n = ++write_count;
  if (n == failing_write.load()) return SQLITE_IOERR_WRITE;
  auto space = free_space.load();
  if (space == unlimited) return SQLITE_OK;
  sqlite3_int64 size = 0;
  if (const int rc = real->pMethods->xFileSize(real, &size); rc != SQLITE_OK) return rc;
  const auto growth = offset + amount > size ? offset + amount - size : 0;
  // Concurrent writers are serialised by SQLite's locks, so a plain
  // compare-and-set loop is only for the memory model.
  while (true) {
    if (growth > space) return SQLITE_FULL;
    if (free_space.compare_exchange_weak(space, space - growth)) return SQLITE_OK;
    if (space == unlimited) return SQLITE_OK;
  }
}

int do_close(sqlite3_file* f) {
  auto* real = real_of(f);
  return real->pMethods != nullptr ? real->pMethods->xClose(real) : SQLITE_OK;
}
int do_read(sqlite3_file* f, void* buffer, int amount, sqlite3_int64 offset) {
  return real_of(f)->pMethods->xRead(real_of(f), buffer, amount, offset);
}
int do_write(sqlite3_file* f, const void* buffer, int amount, sqlite3_int64 offset) {
  if (const int rc = injected_write_fault(real_of(f), amount, offset); rc != SQLITE_OK) return rc;
  return real_of(f)->pMethods->xWrite(real_of(f), buffer, amount, offset);
}
int do_truncate(sqlite3_file* f, sqlite3_int64 size) { return real_of(f)->pMethods->xTruncate(real_of(f), size); }
int do_sync(sqlite3_file* f, int flags) {
  if (syncs_fail) return SQLITE_IOERR_FSYNC;
  return real_of(f)->pMethods->xSync(real_of(f), flags);
}
int do_file_size(sqlite3_file* f, sqlite3_int64* size) { return real_of(f)->pMethods->xFileSize(real_of(f), size); }
int do_lock(sqlite3_file* f, int level) { return real_of(f)->pMethods->xLock(real_of(f), level); }
int do_unlock(sqlite3_file* f, int level) { return real_of(f)->pMethods->xUnlock(real_of(f), level); }
int do_check_lock(sqlite3_file* f, int* out) { return real_of(f)->pMethods->xCheckReservedLock(real_of(f), out); }
int do_control(sqlite3_file* f, int op, void* arg) { return real_of(f)->pMethods->xFileControl(real_of(f), op, arg); }
int do_sector_size(sqlite3_file* f) { return real_of(f)->pMethods->xSectorSize(real_of(f)); }
int do_characteristics(sqlite3_file* f) { return real_of(f)->pMethods->xDeviceCharacteristics(real_of(f)); }
// The shared-memory calls (WAL index) and memory mapping pass straight through.
int do_shm_map(sqlite3_file* f, int region, int size, int extend, void volatile** out) {
  return real_of(f)->pMethods->xShmMap(real_of(f), region, size, extend, out);
}
int do_shm_lock(sqlite3_file* f, int offset, int n, int flags) {
  return real_of(f)->pMethods->xShmLock(real_of(f), offset, n, flags);
}
void do_shm_barrier(sqlite3_file* f) { real_of(f)->pMethods->xShmBarrier(real_of(f)); }
int do_shm_unmap(sqlite3_file* f, int remove) { return real_of(f)->pMethods->xShmUnmap(real_of(f), remove); }
int do_fetch(sqlite3_file* f, sqlite3_int64 offset, int amount, void** out) {
  return real_of(f)->pMethods->xFetch(real_of(f), offset, amount, out);
}
int do_unfetch(sqlite3_file* f, sqlite3_int64 offset, void* page) {
  return real_of(f)->pMethods->xUnfetch(real_of(f), offset, page);
}

// Version 3 methods: the unix VFS's files have all of them.
const sqlite3_io_methods fault_methods{
    3,
    do_close, do_read, do_write, do_truncate, do_sync, do_file_size,
    do_lock, do_unlock, do_check_lock, do_control, do_sector_size, do_characteristics,
    do_shm_map, do_shm_lock, do_shm_barrier, do_shm_unmap,
    do_fetch, do_unfetch,
};
int do_open(sqlite3_vfs*, const char* name, sqlite3_file* file, int flags, int* out_flags) {
  auto* ours = reinterpret_cast<FaultFile*>(file);
  ours->real = reinterpret_cast<sqlite3_file*>(ours + 1);
  const int rc = real_vfs->xOpen(real_vfs, name, ours->real, flags, out_flags);
  // SQLite calls xClose only when pMethods is set, so set it only when the
  // real file needs closing.
  ours->base.pMethods = ours->real->pMethods != nullptr ? &fault_methods : nullptr;
  return rc;
}

}  // namespace

void install() {
  if (real_vfs != nullptr) return;
  real_vfs = sqlite3_vfs_find(nullptr);
  if (real_vfs == nullptr || real_vfs->iVersion < 2) throw std::runtime_error("fault_vfs: no usable default VFS");
  fault_vfs = *real_vfs;  // every VFS call other than xOpen goes to the real one with its own pAppData
  fault_vfs.zName = "crm-fault";
  fault_vfs.szOsFile = static_cast<int>(sizeof(FaultFile)) + real_vfs->szOsFile;
  fault_vfs.xOpen = do_open;
  fault_vfs.pNext = nullptr;
  if (sqlite3_vfs_register(&fault_vfs, 1) != SQLITE_OK) throw std::runtime_error("fault_vfs: cannot register");
}

void clear() {
  free_space = unlimited;
  failing_write = 0;
  syncs_fail = false;
  write_count = 0;
}

void set_free_space(std::optional<std::int64_t> bytes) { free_space = bytes ? *bytes : unlimited; }

void fail_write(std::int64_t nth) { failing_write = nth == 0 ? 0 : write_count.load() + nth; }

void fail_syncs(bool on) { syncs_fail = on; }

std::int64_t writes() { return write_count.load(); }

}  // namespace crm::test::fault_vfs
