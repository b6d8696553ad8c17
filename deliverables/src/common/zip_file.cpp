// Zip layout (PKWARE APPNOTE 4.3): local header, data, ... central
// directory, end record. A streamed entry's header is written with zero
// sizes and rewritten in place once they are known (the output is a file),
// so no data descriptors are needed and readers see plain headers.
#include "common/zip_file.hpp"

#include <limits>

namespace sowflow::deliverables::detail {
namespace {

constexpr std::uint32_t kLocalSignature = 0x04034b50;
constexpr std::uint32_t kCentralSignature = 0x02014b50;
constexpr std::uint32_t kEndSignature = 0x06054b50;
constexpr std::uint16_t kVersion = 20;
constexpr std::uint16_t kDosDate = 0x0021;  // 1980-01-01; the time is 00:00:00

engine::Error zipError(const std::string& what) {
  return engine::makeError(engine::ErrorCode::internal, "zip: " + what);
}

void put16(std::string& out, std::uint16_t v) {
  out.push_back(static_cast<char>(v & 0xff));
  out.push_back(static_cast<char>(v >> 8));
}

void put32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

std::uint32_t get(std::string_view bytes, std::size_t at, int width) {
  std::uint32_t v = 0;
  for (int i = width - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(bytes[at + static_cast<std::size_t>(i)]);
  return v;
}

std::string localHeader(const ZipEntry& e) {
  std::string h;
  put32(h, kLocalSignature);
  put16(h, kVersion);
  put16(h, 0);  // flags
  put16(h, e.method);
  put16(h, 0);  // time
  put16(h, kDosDate);
  put32(h, e.crc);
  put32(h, e.compressedSize);
  put32(h, e.size);
  put16(h, static_cast<std::uint16_t>(e.name.size()));
  put16(h, 0);  // extra
  h += e.name;
  return h;
}

}  // namespace

engine::Result<std::vector<ZipEntry>> readZip(std::string_view zip) {
  if (zip.size() < 22) return zipError("archive too short");
  std::size_t end = zip.size() - 22;
  while (get(zip, end, 4) != kEndSignature) {
    if (end == 0 || zip.size() - end > 22 + 65535) return zipError("no end record");
    --end;
  }
  const std::uint32_t count = get(zip, end + 10, 2);
  std::size_t at = get(zip, end + 16, 4);
  std::vector<ZipEntry> entries;
  for (std::uint32_t i = 0; i < count; ++i) {
    if (at + 46 > zip.size() || get(zip, at, 4) != kCentralSignature) return zipError("bad central directory");
    ZipEntry e;
    if (get(zip, at + 8, 2) & 1) return zipError("encrypted entry");
    e.method = static_cast<std::uint16_t>(get(zip, at + 10, 2));
    e.crc = get(zip, at + 16, 4);
    e.compressedSize = get(zip, at + 20, 4);
    e.size = get(zip, at + 24, 4);
    const std::size_t nameLength = get(zip, at + 28, 2), extra = get(zip, at + 30, 2), comment = get(zip, at + 32, 2);
    const std::size_t local = get(zip, at + 42, 4);
    if (at + 46 + nameLength > zip.size() || local + 30 > zip.size()) return zipError("bad central directory");
    e.name = std::string(zip.substr(at + 46, nameLength));
    const std::size_t data = local + 30 + get(zip, local + 26, 2) + get(zip, local + 28, 2);
    if (data + e.compressedSize > zip.size()) return zipError("entry " + e.name + " runs past the end");
    e.data = zip.substr(data, e.compressedSize);
    entries.push_back(std::move(e));
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

engine::Result<std::string> unzipEntry(const ZipEntry& entry) {
  if (entry.method == 0) return std::string(entry.data);
  if (entry.method != 8) return zipError(entry.name + ": unsupported method " + std::to_string(entry.method));
  std::string out(entry.size, '\0');
  z_stream s{};
  if (inflateInit2(&s, -MAX_WBITS) != Z_OK) return zipError("inflateInit2 failed");
  s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(entry.data.data()));
  s.avail_in = static_cast<uInt>(entry.data.size());
  s.next_out = reinterpret_cast<Bytef*>(out.data());
  s.avail_out = static_cast<uInt>(out.size());
  const int rc = inflate(&s, Z_FINISH);
  inflateEnd(&s);
  if (rc != Z_STREAM_END || s.total_out != entry.size) return zipError(entry.name + ": corrupt deflate data");
  return out;
}

ZipWriter::~ZipWriter() {
  if (open_) deflateEnd(&stream_);
}

engine::Status ZipWriter::put(const void* data, std::size_t size) {
  if (size && std::fwrite(data, 1, size, out_) != size) return zipError("write failed");
  return engine::Ok{};
}

engine::Status ZipWriter::header(const ZipEntry& entry) {
  const auto at = ftello(out_);
  if (at < 0 || static_cast<std::uint64_t>(at) > std::numeric_limits<std::uint32_t>::max()) {
    return zipError("archive larger than 4 GiB");
  }
  written_.push_back({entry, static_cast<std::uint32_t>(at)});
  written_.back().entry.data = {};
  const std::string h = localHeader(entry);
  return put(h.data(), h.size());
}

engine::Status ZipWriter::addRaw(const ZipEntry& entry) {
  if (auto s = header(entry); !s) return s;
  return put(entry.data.data(), entry.data.size());
}

engine::Status ZipWriter::add(const std::string& name, std::string_view bytes) {
  if (auto s = begin(name); !s) return s;
  if (auto s = write(bytes); !s) return s;
  return end();
}

engine::Status ZipWriter::begin(const std::string& name) {
  if (open_) return zipError("entry " + current_.name + " is still open");
  current_ = ZipEntry{};
  current_.name = name;
  current_.method = 8;
  const auto at = ftello(out_);
  if (at < 0) return zipError("cannot tell the output position");
  headerAt_ = static_cast<std::uint64_t>(at);
  if (auto s = header(current_); !s) return s;
  written_.pop_back();  // recorded again with its sizes in end()
  stream_ = z_stream{};
  if (deflateInit2(&stream_, level_, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return zipError("deflateInit2 failed");
  }
  open_ = true;
  compressed_ = size_ = 0;
  return engine::Ok{};
}

engine::Status ZipWriter::deflateChunk(std::string_view bytes, int flush) {
  buffer_.resize(1 << 16);
  stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream_.avail_in = static_cast<uInt>(bytes.size());
  int rc = Z_OK;
  do {
    stream_.next_out = reinterpret_cast<Bytef*>(buffer_.data());
    stream_.avail_out = static_cast<uInt>(buffer_.size());
    rc = deflate(&stream_, flush);
    if (rc == Z_STREAM_ERROR) return zipError("deflate failed");
    const std::size_t produced = buffer_.size() - stream_.avail_out;
    compressed_ += produced;
    if (auto s = put(buffer_.data(), produced); !s) return s;
  } while (stream_.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
  return engine::Ok{};
}

engine::Status ZipWriter::write(std::string_view bytes) {
  if (!open_) return zipError("no open entry");
  current_.crc = static_cast<std::uint32_t>(
      crc32_z(current_.crc, reinterpret_cast<const Bytef*>(bytes.data()), bytes.size()));
  size_ += bytes.size();
  return deflateChunk(bytes, Z_NO_FLUSH);
}

engine::Status ZipWriter::end() {
  if (!open_) return zipError("no open entry");
  auto s = deflateChunk({}, Z_FINISH);
  deflateEnd(&stream_);
  open_ = false;
  if (!s) return s;
  constexpr auto kMax = std::numeric_limits<std::uint32_t>::max();
  if (size_ > kMax || compressed_ > kMax) return zipError(current_.name + " is larger than 4 GiB");
  current_.size = static_cast<std::uint32_t>(size_);
  current_.compressedSize = static_cast<std::uint32_t>(compressed_);
  const auto after = ftello(out_);
  const std::string h = localHeader(current_);
  if (fseeko(out_, static_cast<off_t>(headerAt_), SEEK_SET) != 0) return zipError("cannot seek");
  if (auto w = put(h.data(), h.size()); !w) return w;
  if (fseeko(out_, after, SEEK_SET) != 0) return zipError("cannot seek");
  written_.push_back({current_, static_cast<std::uint32_t>(headerAt_)});
  return engine::Ok{};
}

engine::Status ZipWriter::finish() {
  if (open_) return zipError("entry " + current_.name + " is still open");
  const auto start = ftello(out_);
  std::string directory;
  for (const auto& [e, offset] : written_) {
    put32(directory, kCentralSignature);
    put16(directory, kVersion);  // made by
    put16(directory, kVersion);  // needed
    put16(directory, 0);
    put16(directory, e.method);
    put16(directory, 0);
    put16(directory, kDosDate);
    put32(directory, e.crc);
    put32(directory, e.compressedSize);
    put32(directory, e.size);
    put16(directory, static_cast<std::uint16_t>(e.name.size()));
    put16(directory, 0);  // extra
    put16(directory, 0);  // comment
    put16(directory, 0);  // disk
    put16(directory, 0);  // internal attributes
    put32(directory, 0);  // external attributes
    put32(directory, offset);
    directory += e.name;
  }
  std::string record;
  put32(record, kEndSignature);
  put16(record, 0);
  put16(record, 0);
  put16(record, static_cast<std::uint16_t>(written_.size()));
  put16(record, static_cast<std::uint16_t>(written_.size()));
  put32(record, static_cast<std::uint32_t>(directory.size()));
  put32(record, static_cast<std::uint32_t>(start));
  put16(record, 0);
  if (auto s = put(directory.data(), directory.size()); !s) return s;
  if (auto s = put(record.data(), record.size()); !s) return s;
  if (std::fflush(out_) != 0) return zipError("flush failed");
  return engine::Ok{};
}

}  // namespace sowflow::deliverables::detail
