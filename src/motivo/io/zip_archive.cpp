#include <motivo/core/error.hpp>
#include <motivo/io/zip_archive.hpp>

#include <fmt/format.h>
#include <zip.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>

namespace motivo::io {

namespace {

// The archive stays open while any of its entries is being read.
struct Archive {
  zip_t* zip = nullptr;
  std::string path;
  ~Archive() { zip_discard(zip); }
};

class ZipEntrySource : public ByteSource {
public:
  ZipEntrySource(std::shared_ptr<Archive> archive, zip_uint64_t index, std::string display, std::uint64_t budget)
    : archive_(std::move(archive)), display_(std::move(display)), budget_(budget)
  {
    file_ = zip_fopen_index(archive_->zip, index, 0);
    if (!file_) {
      throw InputError(display_, 0, fmt::format("cannot read from the archive: {}", zip_strerror(archive_->zip)));
    }
  }
  ~ZipEntrySource() override { zip_fclose(file_); }
  ZipEntrySource(const ZipEntrySource&) = delete;
  ZipEntrySource& operator=(const ZipEntrySource&) = delete;

  std::size_t read(char* buffer, std::size_t size) override
  {
    const zip_int64_t n = zip_fread(file_, buffer, size);
    if (n < 0) {
      throw InputError(display_, 0,
                       fmt::format("damaged archive entry ({}): download the export again", zip_file_strerror(file_)));
    }
    read_ += static_cast<std::uint64_t>(n);
    if (read_ > budget_) {
      throw InputError(display_, 0,
                       Message(N_("this member unpacks to more than {} bytes (a zip bomb?): it is not a LinkedIn "
                                  "export file"),
                               budget_));
    }
    return static_cast<std::size_t>(n);
  }

private:
  std::shared_ptr<Archive> archive_;
  zip_file_t* file_ = nullptr;
  std::string display_;
  std::uint64_t budget_ = 0; // the uncompressed bytes this member may hold
  std::uint64_t read_ = 0;
};

// A member may unpack to `max_ratio` times its compressed size (or the allowance), and never past the cap.
std::uint64_t member_budget(const zip_stat_t& st, const ZipLimits& limits)
{
  const std::uint64_t compressed = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
  const std::uint64_t by_ratio = compressed > limits.max_member_bytes / std::max<std::uint64_t>(limits.max_ratio, 1)
                                     ? limits.max_member_bytes
                                     : compressed * limits.max_ratio;
  return std::min(std::max(by_ratio, limits.ratio_allowance), limits.max_member_bytes);
}

} // namespace

bool looks_like_zip(const std::string& path)
{
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  char magic[4] = {};
  const std::size_t n = std::fread(magic, 1, 4, f);
  std::fclose(f);
  return n == 4 && std::memcmp(magic, "PK\x03\x04", 4) == 0;
}

std::vector<InputFile> zip_entries(const std::string& path, const ZipLimits& limits)
{
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (!zip) {
    zip_error_t e;
    zip_error_init_with_code(&e, error);
    const std::string message = zip_error_strerror(&e);
    zip_error_fini(&e);
    throw InputError(path, 0, Message(N_("not a readable zip archive, or a truncated one ({})"), message));
  }
  auto archive = std::make_shared<Archive>();
  archive->zip = zip;
  archive->path = path;
  std::vector<InputFile> files;
  const zip_int64_t count = zip_get_num_entries(zip, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip, static_cast<zip_uint64_t>(i), 0, &st) != 0) {
      throw InputError(path, 0, Message(N_("damaged archive: entry {} unreadable ({})"), i, zip_strerror(zip)));
    }
    const std::string name = st.name ? st.name : "";
    if (name.empty() || name.back() == '/') continue; // a folder
    InputFile f;
    f.name = name;
    f.display_name = fmt::format("{}:{}", path, name);
    f.size = (st.valid & ZIP_STAT_SIZE) ? st.size : 0;
    f.open = [archive, index = static_cast<zip_uint64_t>(i), display = f.display_name,
              budget = member_budget(st, limits)] {
      return std::unique_ptr<ByteSource>(std::make_unique<ZipEntrySource>(archive, index, display, budget));
    };
    files.push_back(std::move(f));
  }
  return files;
}

} // namespace motivo::io
