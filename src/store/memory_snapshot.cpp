// SPDX-License-Identifier: Apache-2.0
// The memory store's snapshot file (Boost.Serialization) and MemoryStore's
// snapshot calls: the crm::snapshot library (memory_snapshot.hpp).
#include "store/memory_snapshot.hpp"

#include <boost/archive/binary_iarchive.hpp>
#include <boost/archive/binary_oarchive.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/vector.hpp>
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <fstream>
#include <string_view>

#include "crm/error.hpp"

namespace boost::serialization {

template <class Archive>
void serialize(Archive& ar, crm::IndexKey& k, unsigned /*version*/) {
  ar & k.index & k.key;
}

template <class Archive>
void serialize(Archive& ar, crm::detail::MemoryRecord& r, unsigned /*version*/) {
  ar & r.id & r.collection & r.version & r.body & r.unique_keys & r.sorted_keys;
}

}  // namespace boost::serialization

namespace crm::detail {

namespace {

constexpr const char* magic = "crm memory snapshot";
constexpr std::uint32_t format_version = 1;
// How a Boost binary archive begins: its signature's length as a 64-bit
// little-endian size, then the signature.
constexpr std::string_view archive_start{"\x16\0\0\0\0\0\0\0serialization::archive", 30};

// fsync a file or directory so that a rename is durable.
bool sync_path(const std::filesystem::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

[[noreturn]] void storage_error(const std::filesystem::path& path, const std::string& what) {
  throw Error(Errc::storage, "snapshot '" + path.string() + "': " + what);
}

}  // namespace

void write_snapshot(const std::filesystem::path& path, Id last_id, const std::vector<const MemoryRecord*>& records) {
  auto temporary = path;
  temporary += ".tmp";
  try {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) storage_error(path, "cannot create " + temporary.string());
    {
      boost::archive::binary_oarchive archive(out);
      const std::string header = magic;
      const std::uint64_t count = records.size();
      archive << header << format_version << last_id << count;
      for (const auto* r : records) archive << *r;
    }
    out.close();
    if (!out) storage_error(path, "write failed (disk full?)");
  } catch (const boost::archive::archive_exception& e) {
    std::filesystem::remove(temporary);
    storage_error(path, e.what());
  } catch (const Error&) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw;
  }
  if (!sync_path(temporary, O_RDONLY)) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    storage_error(path, "fsync failed");
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) storage_error(path, "rename failed: " + ec.message());
  const auto parent = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  sync_path(parent, O_RDONLY | O_DIRECTORY);
}

void read_snapshot(const std::filesystem::path& path, Id& last_id, const std::function<void(MemoryRecord)>& sink) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(Errc::not_found, "snapshot '" + path.string() + "': cannot open");
  // Boost reads the archive's first field as a string length: from another
  // file that is any 8 bytes, an allocation of up to 2^64 bytes. Check the
  // signature a binary archive starts with before Boost reads it.
  char start[archive_start.size()] = {};
  if (!in.read(start, sizeof start) || std::string_view(start, sizeof start) != archive_start)
    throw Error(Errc::corrupt, "snapshot '" + path.string() + "': not a crm snapshot (no Boost archive signature)");
  in.seekg(0);
  try {
    boost::archive::binary_iarchive archive(in);
    std::string header;
    std::uint32_t format = 0;
    std::uint64_t count = 0;
    archive >> header;
    if (header != magic) throw Error(Errc::corrupt, "snapshot '" + path.string() + "': not a crm snapshot");
    archive >> format;
    if (format != format_version)
      throw Error(Errc::unsupported,
                  "snapshot '" + path.string() + "': format " + std::to_string(format) + " is not supported");
    archive >> last_id >> count;
    for (std::uint64_t i = 0; i < count; ++i) {
      MemoryRecord r;
      archive >> r;
      sink(std::move(r));
    }
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    // archive_exception for a foreign file; bad_alloc or length_error for a damaged one.
    throw Error(Errc::corrupt, "snapshot '" + path.string() + "': not a readable crm snapshot (" + e.what() + ")");
  }
}

}  // namespace crm::detail

namespace crm {

// MemoryStore's snapshot calls live here, with the file format, so that the
// core library (memory_store.cpp) does not need Boost.Serialization.
void MemoryStore::save_snapshot(const std::filesystem::path& path) const {
  detail::MemorySnapshotAccess::committed(
      *this, [&](Id last_id, const std::vector<const detail::MemoryRecord*>& records) {
        detail::write_snapshot(path, last_id, records);
      });
}

std::unique_ptr<MemoryStore> MemoryStore::load_snapshot(const std::filesystem::path& path, MemoryOptions options) {
  auto store = std::make_unique<MemoryStore>(options);
  detail::MemorySnapshotAccess::fill(*store, path, [&](Id& last_id, const detail::MemorySnapshotAccess::Sink& sink) {
    detail::read_snapshot(path, last_id, sink);
  });
  return store;
}

}  // namespace crm
