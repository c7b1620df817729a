#pragma once

#include <motivo/core/datetime.hpp>
#include <motivo/core/protocol/config.hpp>
#include <motivo/store/store.hpp>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace motivo::server {

struct Options {
  std::string host = "127.0.0.1";
  int port = 8460;                     // 0: any free port (the chosen one is reported through `on_listening`)
  std::string token;                   // the admin's token: required on every request when set (or users exist)
  std::string public_origin;           // behind a reverse proxy: the origin browsers see (https://motivo.example)
  std::string config_source;           // the settings file's path, for messages
  std::size_t max_upload = 512u << 20; // bytes of an uploaded export
  std::function<void(const std::string& url)> on_listening;
  std::function<datetime::UnixSeconds()> clock;
  std::function<int()> local_hour;
};

// Whether `host` is a loopback address (127.0.0.0/8, ::1, localhost).
bool is_loopback(const std::string& host);

// Stores for concurrent requests: up to `size` connections, opened on demand, each lent to one request at a time
// (a request waits while all are lent). A store whose connection was lost connects again on its next use.
class StorePool {
public:
  StorePool(std::function<std::unique_ptr<store::Store>()> open, std::size_t size);
  ~StorePool();

  class Lease {
  public:
    Lease(StorePool& pool, std::unique_ptr<store::Store> store) : pool_(pool), store_(std::move(store)) {}
    Lease(Lease&&) = default;
    ~Lease();
    store::Store& operator*() const { return *store_; }
    store::Store* operator->() const { return store_.get(); }

  private:
    StorePool& pool_;
    std::unique_ptr<store::Store> store_;
  };
  Lease lease();
  std::size_t size() const { return size_; }

private:
  std::function<std::unique_ptr<store::Store>()> open_;
  std::size_t size_, opened_ = 0;
  std::vector<std::unique_ptr<store::Store>> idle_;
  std::mutex mutex_;
  std::condition_variable returned_;
};

// Serves the web app and its JSON API (docs/WEB.md) until the process is interrupted.
//
// Who may do what: with no token and no users, anyone on this machine (loopback only) is the store's owner. With
// an admin token (--token, --token-file) or users (motivo users add), every request carries a token: the admin's,
// or a user's (looked up by its SHA-256). A member sees their own invitations and the team's numbers; an admin
// sees everything. Throws std::runtime_error when it cannot listen, or when asked to listen beyond loopback with
// neither a token nor users.
void serve(StorePool& pool, const protocol::Config& config, const protocol::Policy& policy, const Options& options);

} // namespace motivo::server
