#include <motivo/core/byte_record.hpp>
#include <motivo/core/classify/impl.hpp>
#include <motivo/core/classify/pending.hpp>

#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace motivo::classify {

namespace {

// Writes into a buffer sized beforehand (one resize a record instead of an append per field).
struct Writer {
  char* at;
  template <typename T>
  void put(T value)
  {
    std::memcpy(at, &value, sizeof value);
    at += sizeof value;
  }
  void put_text(std::string_view text)
  {
    put(static_cast<std::uint32_t>(text.size()));
    std::memcpy(at, text.data(), text.size());
    at += text.size();
  }
  void put_result(const Result& r)
  {
    put(r.label);
    put(r.confidence);
    put(r.score);
    put(r.campaign);
    put_text(r.language);
    put(static_cast<std::uint32_t>(r.reasons.size()));
    for (const std::string& reason : r.reasons) put_text(reason);
  }
};

std::size_t size_of(const Result& r)
{
  std::size_t size = sizeof r.label + sizeof r.confidence + sizeof r.score + sizeof r.campaign +
                     sizeof(std::uint32_t) * (2 + r.reasons.size()) + r.language.size();
  for (const std::string& reason : r.reasons) size += reason.size();
  return size;
}

constexpr const char* cut_short = "a note's pending result is cut short";

template <typename T>
T get(std::string_view& in)
{
  return bytes::read<T>(in, cut_short);
}

std::string_view get_text(std::string_view& in)
{
  return bytes::read_text(in, cut_short);
}

void get_result(std::string_view& in, Result& r)
{
  r.label = get<Label>(in);
  r.confidence = get<double>(in);
  r.score = get<double>(in);
  r.campaign = get<std::int64_t>(in);
  r.language = get_text(in);
  r.reasons.resize(get<std::uint32_t>(in));
  for (std::string& reason : r.reasons) reason = get_text(in);
}

} // namespace

std::size_t pending_size(const Solo& solo, std::string_view sender, std::string_view recipient)
{
  // The record's length first: a batch's records are found without reading them.
  return sizeof(std::uint32_t) * 5 + sender.size() + recipient.size() + size_of(solo.result) + sizeof(std::uint8_t) +
         (solo.as_member ? size_of(*solo.as_member) : 0);
}

void write_pending(char* at, const Solo& solo, std::string_view sender, std::string_view recipient,
                   std::span<const StockText> stocks)
{
  Writer w{at};
  w.put(static_cast<std::uint32_t>(pending_size(solo, sender, recipient) - sizeof(std::uint32_t)));
  w.put_text(sender);
  w.put_text(recipient);
  w.put(static_cast<std::int32_t>(solo.stock ? solo.stock - stocks.data() : -1));
  w.put(static_cast<std::int32_t>(solo.spam));
  w.put_result(solo.result);
  w.put(static_cast<std::uint8_t>(solo.as_member ? 1 : 0));
  if (solo.as_member) w.put_result(*solo.as_member);
}

std::string_view next_pending(std::string_view& records)
{
  return get_text(records);
}

void read_pending(std::string_view record, std::span<const StockText> stocks, PendingNote& p)
{
  p.sender = get_text(record);
  p.recipient = get_text(record);
  const auto stock = get<std::int32_t>(record);
  if (stock >= static_cast<std::int64_t>(stocks.size())) throw std::runtime_error(cut_short);
  p.solo.stock = stock < 0 ? nullptr : &stocks[static_cast<std::size_t>(stock)];
  p.solo.spam = get<std::int32_t>(record);
  get_result(record, p.solo.result);
  p.solo.as_member.reset();
  if (get<std::uint8_t>(record)) {
    p.solo.as_member = std::make_unique<Result>();
    get_result(record, *p.solo.as_member);
  }
}

} // namespace motivo::classify
