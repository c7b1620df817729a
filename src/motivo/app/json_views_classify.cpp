// The JSON shapes of the classifier's results (classify, eval): the one-note object, the batch's JSON Lines written
// without a DOM (classify --jsonl's hot path), and an evaluation. The rest of the shapes: json_views.cpp.
#include <motivo/app/json_runs.hpp>
#include <motivo/app/json_views.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <array>
#include <charconv>
#include <cmath>

namespace motivo::app {

std::string classification_json(const classify::Result& r, int indent)
{
  return nlohmann::json{{"label", classify::label_name(r.label)},
                        {"language", r.language},
                        {"confidence", std::round(r.confidence * 100) / 100},
                        {"reasons", r.reasons}}
      .dump(indent);
}

void append_classification_line(std::string& out, std::string_view id_json, const classify::Result& r)
{
  out += "{\"id\":";
  out += id_json;
  out += ",\"label\":";
  append_json_string(out, classify::label_name(r.label));
  out += ",\"language\":";
  append_json_string(out, r.language);
  // Two decimals, rounded as fmt's {:.2f} rounds (both exactly, from the binary value), without a format string.
  std::array<char, 32> number{};
  const auto printed =
      std::to_chars(number.data(), number.data() + number.size(), r.confidence, std::chars_format::fixed, 2);
  out += ",\"confidence\":";
  out.append(number.data(), printed.ptr);
  out += ",\"reasons\":[";
  for (std::size_t i = 0; i < r.reasons.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, r.reasons[i]);
  }
  out += "]}\n";
}

std::string evaluation_json(const classify::Evaluation& eval, int indent)
{
  nlohmann::json j;
  j["notes"] = eval.total;
  j["accuracy"] = eval.accuracy();
  j["language_accuracy"] = eval.language_accuracy();
  j["calibration_error"] = eval.calibration().expected_error;
  for (const auto l : classify::all_labels) {
    const std::string name(classify::label_name(l));
    j["labels"][name] = {{"precision", eval.precision(l)}, {"recall", eval.recall(l)}, {"support", eval.support(l)}};
    for (const auto p : classify::all_labels)
      j["confusion"][name][std::string(classify::label_name(p))] =
          eval.confusion[static_cast<std::size_t>(l)][static_cast<std::size_t>(p)];
  }
  for (const auto& f : eval.floors())
    j["floors"].push_back({{"name", f.name}, {"value", f.value}, {"minimum", f.minimum}, {"met", f.met()}});
  return j.dump(indent);
}

} // namespace motivo::app
