// A small deterministic zip writer and reader over zlib (internal), for the
// workbooks we finish ourselves: libxlsxwriter writes the package, then its
// entries are copied raw into a new zip except the few we patch or write
// (xl/styles.xml gets quotePrefix; the portfolio's sheet gets its rows).
//
// Contract: every entry is dated 1980-01-01 00:00 (DOS time 0, date 0x21),
// no extra fields, no comments, entries in the order they are added, so the
// same input gives the same bytes. Sizes below 4 GiB (no zip64): a larger
// entry is an error. The reader takes any zip without zip64 or encryption.
// Thread-safety: one instance per thread.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include <zlib.h>

#include "sowflow/engine/result.hpp"

namespace sowflow::deliverables::detail {

struct ZipEntry {
  std::string name;
  std::uint16_t method = 0;  // 0 stored, 8 deflated
  std::uint32_t crc = 0;
  std::uint32_t compressedSize = 0;
  std::uint32_t size = 0;
  std::string_view data;  // the compressed bytes, inside the archive read
};

// The entries of `archive` in central-directory order (views into it).
engine::Result<std::vector<ZipEntry>> readZip(std::string_view archive);
// The uncompressed bytes of an entry.
engine::Result<std::string> unzipEntry(const ZipEntry& entry);

class ZipWriter {
 public:
  explicit ZipWriter(std::FILE* out, int level = Z_BEST_SPEED) : out_(out), level_(level) {}
  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;
  ~ZipWriter();

  // An entry copied as it is (already compressed).
  engine::Status addRaw(const ZipEntry& entry);
  // A whole entry from memory, deflated.
  engine::Status add(const std::string& name, std::string_view bytes);

  // A streamed entry: begin, any number of write()s, end.
  engine::Status begin(const std::string& name);
  engine::Status write(std::string_view bytes);
  engine::Status end();

  // Writes the central directory; the FILE stays open (the caller owns it).
  engine::Status finish();

 private:
  engine::Status header(const ZipEntry& entry);
  engine::Status deflateChunk(std::string_view bytes, int flush);
  engine::Status put(const void* data, std::size_t size);

  struct Written {
    ZipEntry entry;
    std::uint32_t offset;
  };
  std::FILE* out_;
  int level_;
  std::vector<Written> written_;
  // The entry being streamed.
  bool open_ = false;
  z_stream stream_{};
  ZipEntry current_;
  std::uint64_t headerAt_ = 0;
  std::uint64_t compressed_ = 0;
  std::uint64_t size_ = 0;
  std::string buffer_;
};

}  // namespace sowflow::deliverables::detail
