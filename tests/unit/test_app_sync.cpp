#include <motivo/app/sync.hpp>
#include <motivo/core/error.hpp>
#include <motivo/io/linkedin_api.hpp>
#include <motivo/store/store.hpp>

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <atomic>
#include <filesystem>
#include <netinet/in.h>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

// A server on a loopback port whose snapshot never ends: PROFILE has a row, every other domain's page links to one
// more (a hostile or broken API). It counts the requests.
class EndlessApi {
public:
  EndlessApi()
  {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(fd_, 16) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len) != 0)
      throw std::runtime_error("no loopback socket");
    url_ = "http://127.0.0.1:" + std::to_string(ntohs(a.sin_port));
    thread_ = std::thread([this] { serve(); });
  }
  ~EndlessApi()
  {
    stop_ = true;
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }
  const std::string& url() const { return url_; }
  int requests() const { return requests_; }

private:
  void serve()
  {
    while (!stop_) {
      const int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      std::string request;
      char buffer[4096];
      while (request.find("\r\n\r\n") == std::string::npos) {
        const ssize_t n = ::read(c, buffer, sizeof buffer);
        if (n <= 0) break;
        request.append(buffer, static_cast<std::size_t>(n));
      }
      ++requests_;
      const std::string path = request.substr(4, request.find(' ', 4) - 4);
      std::string body;
      if (path.find("domain=PROFILE") != std::string::npos) {
        body =
            R"({"elements": [{"snapshotDomain": "PROFILE", "snapshotData": [{"First Name": "Ana", "Last Name": "Sol"}]}]})";
      } else {
        const std::string domain =
            path.substr(path.find("domain=") + 7, path.find('&', path.find("domain=")) - path.find("domain=") - 7);
        body =
            R"({"elements": [], "paging": {"links": [{"rel": "next", "href": "/rest/memberSnapshotData?q=criteria&domain=)" +
            domain + "&start=" + std::to_string(requests_.load()) + R"("}]}})";
      }
      const std::string response = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                                   "Content-Length: " +
                                   std::to_string(body.size()) + "\r\n\r\n" + body;
      (void)!::write(c, response.data(), response.size());
      ::close(c);
    }
  }

  int fd_ = -1;
  std::string url_;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::atomic<int> requests_{0};
};

} // namespace

TEST(AppSync, APagingChainThatNeverEndsIsStoppedAndStoresNothing)
{
  const fs::path folder = fs::temp_directory_path() / ("motivo-app-sync-" + std::to_string(::getpid()));
  fs::remove_all(folder);
  fs::create_directories(folder);
  {
    EndlessApi server;
    auto store = motivo::store::open_store((folder / "m.db").string());
    motivo::io::LinkedInApi api({server.url(), "AQXtoken"});
    motivo::app::SyncOptions options;
    options.now = 1795000000;
    options.max_pages = 5;
    try {
      motivo::app::sync(*store, api, options);
      ADD_FAILURE() << "no error";
    } catch (const motivo::InputError& e) {
      EXPECT_EQ(e.file(), "linkedin INVITATIONS page 6");
      EXPECT_NE(std::string(e.what()).find("more than 5 pages"), std::string::npos) << e.what();
    }
    EXPECT_EQ(server.requests(), 1 + 5); // PROFILE, then INVITATIONS' five pages: no sixth asked
    EXPECT_EQ(store->counts().imports, 0);
    EXPECT_FALSE(store->sync_cursor(motivo::app::sync_account(api, std::nullopt)));
  }
  fs::remove_all(folder);
}
