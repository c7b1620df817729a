#include <motivo/core/error.hpp>
#include <motivo/core/i18n.hpp>
#include <motivo/server/signin.hpp>

#include <fmt/format.h>

#include <cctype>

namespace motivo::server {

namespace {

std::string escaped(std::string_view text)
{
  std::string out;
  for (const char c : text) {
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&#39;"; break;
    default: out += c;
    }
  }
  return out;
}

} // namespace

std::string page_language(std::string_view accept_language)
{
  // Entries in the order given (quality values are nearly always decreasing): the first Spanish or English wins.
  while (!accept_language.empty()) {
    const auto comma = accept_language.find(',');
    std::string_view entry = accept_language.substr(0, comma);
    accept_language = comma == std::string_view::npos ? std::string_view() : accept_language.substr(comma + 1);
    while (!entry.empty() && entry.front() == ' ') entry.remove_prefix(1);
    std::string tag(entry.substr(0, std::min(entry.find_first_of(";-_ "), entry.size())));
    for (char& c : tag) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (tag == "es" || tag == "en") return tag;
  }
  return "en";
}

std::string signin_page(const std::string& name, const std::optional<std::string>& current, const std::string& action,
                        std::string_view language)
{
  const auto say = [&](const Message& m) { return escaped(m.in(language)); };
  std::string other;
  if (current)
    other = fmt::format(
        "<p role=\"alert\">{}</p>\n",
        say(Message(N_("This browser is signed in as {}. Signing in as {} ends that session here."), *current, name)));
  const std::string button = current ? say(Message(N_("Switch to {}"), name)) : say(Message(N_("Sign in as {}"), name));
  return fmt::format(R"(<!DOCTYPE html>
<html lang="{}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>motivo</title>
<style>body{{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}}
button{{font:inherit;padding:.5rem 1rem}}p[role=alert]{{color:#8a1c00}}</style>
</head>
<body>
<main>
<h1>{}</h1>
{}<p>{}</p>
<form method="post" action="{}"><button type="submit">{}</button></form>
</main>
</body>
</html>
)",
                     escaped(language), say(Message(N_("Sign in as {}?"), name)), other,
                     say(Message(N_("Someone gave you a link that signs this browser in to motivo as {}. Go on only "
                                    "if it is your own link."),
                                 name)),
                     escaped(action), button);
}

} // namespace motivo::server
