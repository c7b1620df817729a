#pragma once

#include <motivo/store/store.hpp>

#include <cstdint>
#include <string>

namespace motivo::app {

struct ExportSummary {
  std::size_t invitations = 0, messages = 0, connections = 0;
  std::size_t writings = 0; // notes on people, asks, welcomes, recorded replies (JSON backup only)
};

// An export-shaped zip (Invitations.csv, messages.csv, Connections.csv in the layouts LinkedIn writes today) of
// everything stored, with consistent pseudonyms (core/anonymize.hpp) for names, profile URLs, conversation ids,
// e-mail addresses and the known names inside notes and messages; dates and texts otherwise as stored, so
// `motivo report` on it gives the numbers of the original. `salt` must be random and is not kept.
ExportSummary export_anonymized(store::Store& store, const std::string& zip_path, std::uint64_t salt);

// A full backup as JSON Lines: one object per invitation, message, connection, note on a person, ask and welcome,
// with a "kind".
ExportSummary export_json(store::Store& store, const std::string& path);

} // namespace motivo::app
