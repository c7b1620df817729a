#include <motivo/core/error.hpp>
#include <motivo/core/linkedin/export_files.hpp>
#include <motivo/io/inputs.hpp>
#include <motivo/io/zip_archive.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>

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

// One export (a zip or a folder) holds each file motivo reads once: two Invitations.csv in two of its folders would
// be merged into one import without a word, so they are refused, naming both.
void check_each_read_once(const std::string& path, const std::vector<InputFile>& files, std::size_t from)
{
  std::map<linkedin::FileKind, const InputFile*> first;
  for (std::size_t i = from; i < files.size(); ++i) {
    const linkedin::FileKind kind = linkedin::file_kind(files[i].name);
    if (kind == linkedin::FileKind::unused) continue;
    const auto [at, fresh] = first.emplace(kind, &files[i]);
    if (fresh) continue;
    throw InputError(path, 0,
                     Message(N_("two files of one kind in one export: {} and {}; keep one of them"),
                             quote_value(at->second->name), quote_value(files[i].name)));
  }
}

} // namespace

std::vector<InputFile> collect_inputs(const std::vector<std::string>& paths)
{
  std::vector<InputFile> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) throw InputError(path, 0, Message(N_("no such file or folder")));
    const std::size_t from = files.size();
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
    check_each_read_once(path, files, from);
  }
  return files;
}

} // namespace motivo::io
