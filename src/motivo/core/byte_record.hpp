#pragma once

// Values read back from bytes the same program wrote (native byte order, fixed widths; a text after its length as
// a std::uint32_t): the pending results of a batch (core/classify/pending.cpp) and the frames they travel in
// (app/classify_jsonl.cpp). Each read throws std::runtime_error(`cut_short`) when the bytes end first.

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>

namespace motivo::bytes {

template <typename T>
void append(std::string& out, T value)
{
  out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

template <typename T>
T read(std::string_view& in, const char* cut_short)
{
  T value;
  if (in.size() < sizeof value) throw std::runtime_error(cut_short);
  std::memcpy(&value, in.data(), sizeof value);
  in.remove_prefix(sizeof value);
  return value;
}

inline std::string_view read_text(std::string_view& in, const char* cut_short)
{
  const auto size = read<std::uint32_t>(in, cut_short);
  if (in.size() < size) throw std::runtime_error(cut_short);
  const std::string_view text = in.substr(0, size);
  in.remove_prefix(size);
  return text;
}

} // namespace motivo::bytes
