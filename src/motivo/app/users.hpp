#pragma once

#include <motivo/store/store.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace motivo::app {

// A new access token: 32 random bytes from the kernel, as 64 hex digits. Shown once; only its hash is stored.
std::string new_token();
// SHA-256 of a token, in hex: what the store keeps and looks tokens up by.
std::string token_hash(std::string_view token);

// Adds a user and returns their token; InputError when the name is taken or not a plain name.
std::string add_user(store::Store& store, const std::string& name, store::Role role, datetime::UnixSeconds now);
// Gives `name` a new token (the old one stops working); InputError when there is no such user.
std::string renew_token(store::Store& store, const std::string& name);
// The user called `name`; InputError when there is none.
store::User user_named(store::Store& store, const std::string& name);

} // namespace motivo::app
