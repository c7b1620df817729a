#pragma once

#include <string_view>

namespace motivo::classify {

// Which classifier this is: motivo's version and a hash of the classifier's data (data/*.tsv) and code
// (core/classify, app's learning), made at build time (cmake/embed.cmake). Stored with the labels it makes: labels
// made by another identity are made again by the next import.
std::string_view identity();

} // namespace motivo::classify
