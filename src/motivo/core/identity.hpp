#pragma once

#include <motivo/core/model.hpp>

#include <initializer_list>
#include <string_view>

namespace motivo {

// The identity key of a tuple of fields: a 128-bit XXH3 hash of the fields, each prefixed by its length
// so that ("ab", "c") and ("a", "bc") differ. 128 bits make an accidental collision among a billion rows
// about 1e-20 likely.
IdentityKey identity_key(std::string_view kind, std::initializer_list<std::string_view> fields);

// The number as decimal text, for hashing numbers alongside strings.
std::string key_number(std::int64_t n);

} // namespace motivo
