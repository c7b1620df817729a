#include <motivo/core/error.hpp>
#include <motivo/io/inputs.hpp>
#include <motivo/io/zip_archive.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

namespace motivo::io {

namespace fs = std::filesystem;

namespace {

InputFile plain_file(const fs::path& path, const std::string& name)
{
  InputFile f;
  f.display_name = path.string();
  f.name = name;
  std::error_code ec;
  f.size = fs::file_size(path, ec);
  f.open = [p = path.string()] { return open_file(p); };
  return f;
}

} // namespace

std::vector<InputFile> collect_inputs(const std::vector<std::string>& paths)
{
  std::vector<InputFile> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) throw InputError(path, 0, Message(N_("no such file or folder")));
    if (fs::is_directory(status)) {
      std::vector<fs::path> found;
      for (const auto& entry : fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied)) {
        if (entry.is_regular_file()) found.push_back(entry.path());
      }
      std::sort(found.begin(), found.end());
      for (const auto& p : found) files.push_back(plain_file(p, fs::relative(p, path).string()));
    } else if (looks_like_zip(path) || fs::path(path).extension() == ".zip") {
      auto entries = zip_entries(path);
      files.insert(files.end(), std::make_move_iterator(entries.begin()), std::make_move_iterator(entries.end()));
    } else {
      files.push_back(plain_file(path, fs::path(path).filename().string()));
    }
  }
  return files;
}

} // namespace motivo::io
