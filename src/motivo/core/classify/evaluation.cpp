#include <motivo/core/classify/evaluation.hpp>

namespace motivo::classify {

namespace {
std::size_t index(Label l)
{
  return static_cast<std::size_t>(l);
}
double ratio(std::size_t a, std::size_t b)
{
  return b == 0 ? 1.0 : static_cast<double>(a) / static_cast<double>(b);
}
} // namespace

void Evaluation::add(Label gold, Label predicted)
{
  ++confusion[index(gold)][index(predicted)];
  ++total;
  if (gold == predicted) ++correct;
}

void Evaluation::add(Label gold, Label predicted, double confidence)
{
  add(gold, predicted);
  predictions.push_back({confidence, gold == predicted});
}

void Evaluation::add_language(const std::string& gold, const std::string& predicted)
{
  if (gold.empty() || gold == "zxx") return;
  ++language_total;
  if (gold == predicted) ++language_correct;
}

double Evaluation::precision(Label l) const
{
  std::size_t predicted = 0;
  for (std::size_t g = 0; g < n; ++g) predicted += confusion[g][index(l)];
  return ratio(confusion[index(l)][index(l)], predicted);
}

double Evaluation::recall(Label l) const
{
  return ratio(confusion[index(l)][index(l)], support(l));
}

std::size_t Evaluation::support(Label l) const
{
  std::size_t s = 0;
  for (std::size_t p = 0; p < n; ++p) s += confusion[index(l)][p];
  return s;
}

double Evaluation::accuracy() const
{
  return ratio(correct, total);
}

double Evaluation::personal_accuracy() const
{
  const std::size_t p = index(Label::personalized);
  std::size_t right = 0;
  for (std::size_t g = 0; g < n; ++g) {
    for (std::size_t q = 0; q < n; ++q) {
      if ((g == p) == (q == p)) right += confusion[g][q];
    }
  }
  return ratio(right, total);
}

double Evaluation::language_accuracy() const
{
  return ratio(language_correct, language_total);
}

std::vector<Evaluation::Floor> Evaluation::floors() const
{
  return {{"personalised-vs-not accuracy", personal_accuracy(), 0.95},
          {"personalised precision", precision(Label::personalized), 0.95},
          {"stock-text (default) recall", recall(Label::default_text), 0.98},
          {"spam precision", precision(Label::spam), 0.90}};
}

} // namespace motivo::classify
