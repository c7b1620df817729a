// The web server over cpp-httplib: its settings, the Gate before routing, the route table's handlers (routes.cpp)
// given plain requests and answers, failures answered as server/errors.cpp decides, uploads saved as they arrive.
#include <motivo/app/json_views.hpp>
#include <motivo/core/error.hpp>
#include <motivo/core/i18n.hpp>
#include <motivo/server/access.hpp>
#include <motivo/server/compression.hpp>
#include <motivo/server/errors.hpp>
#include <motivo/server/routes.hpp>
#include <motivo/server/server.hpp>
#include <motivo/server/signin.hpp>
#include <motivo/server/view_cache.hpp>

#include <fmt/format.h>
#include <httplib.h>
#include <netdb.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace motivo::server {

namespace {

constexpr std::string_view app_policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                                        "connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; "
                                        "frame-ancestors 'none'";

void send(httplib::Response& res, const Refused& refused)
{
  res.status = refused.status;
  if (refused.retry_after > 0) res.set_header("Retry-After", std::to_string(refused.retry_after));
  res.set_content(app::error_json(refused.message, refused.status), "application/json");
}

RequestHead head_of(const httplib::Request& req)
{
  RequestHead head;
  head.method = req.method;
  head.path = req.path;
  head.host = req.get_header_value("Host");
  head.origin = req.get_header_value("Origin");
  head.csrf = req.get_header_value("X-Motivo-Token");
  // The sign-in form (signin.hpp) cannot send a header: its address carries the token.
  if (head.csrf.empty() && req.path == "/signin" && req.has_param("csrf")) head.csrf = req.get_param_value("csrf");
  head.authorization = req.get_header_value("Authorization");
  head.cookie = req.get_header_value("Cookie");
  if (req.has_param("token")) head.token_param = req.get_param_value("token");
  if (req.has_header("Content-Length")) head.length = req.get_header_value("Content-Length");
  for (const auto& [name, value] : req.params) {
    if (name.find('\0') == std::string::npos && value.find('\0') == std::string::npos) continue;
    head.nul_parameter = name.substr(0, name.find('\0'));
    break;
  }
  const auto& table = routes();
  head.upload = std::any_of(table.begin(), table.end(),
                            [&](const Route& r) { return !r.upload.empty() && r.pattern == req.path; });
  return head;
}

// cpp-httplib 0.11 compresses every answer to a client that accepts Brotli at Brotli's highest quality (11): 14 s of
// server time for a queue of 7.8 MB. The server compresses itself, cheaply (answer()): httplib is left believing
// the client accepts no encoding, and the handlers find what it accepted under this name.
constexpr const char* accepted_encodings = "X-Motivo-Accept-Encoding";

void take_encodings(httplib::Request& req)
{
  const std::string accepted = req.get_header_value("Accept-Encoding");
  req.headers.erase("Accept-Encoding");
  req.headers.erase(accepted_encodings);
  if (!accepted.empty()) req.headers.emplace(accepted_encodings, accepted);
}

// A link with a token (signin.hpp): GET /?token=T answers the page asking to sign in as T's user (or goes to the page
// when there is nobody to sign in as, or this browser is that user already); POST /signin?token=T&csrf=C, a write
// like any other (this process's token, the same origin), sets the cookie and goes to the page.
httplib::Server::HandlerResponse sign_in(Gate& gate, const Options& options, const RequestHead& head,
                                         const httplib::Request& req, httplib::Response& res)
{
  const auto now = options.clock();
  const auto user = gate.principal(*head.token_param, now);
  if (!user) { // the request was let in by another token (a bearer): this one opens nothing
    send(res, {401, "a token is required: open /?token=YOUR_TOKEN or send Authorization: Bearer"});
    return httplib::Server::HandlerResponse::Handled;
  }
  if (req.path == "/signin") {
    if (const auto refused = gate.refuse_write(head)) {
      send(res, *refused);
      return httplib::Server::HandlerResponse::Handled;
    }
    // Nobody to sign in as (an open server lets anyone in whatever the token): no cookie.
    const bool secure = options.public_origin.starts_with("https://");
    if (!user->name.empty())
      res.set_header("Set-Cookie", gate.cookie_name() + "=" + *head.token_param +
                                       "; HttpOnly; SameSite=Strict; Path=/" + (secure ? "; Secure" : ""));
    res.set_redirect("/", 303);
    return httplib::Server::HandlerResponse::Handled;
  }
  const auto signed_in = gate.principal(cookie_value(head.cookie, gate.cookie_name()), now);
  const bool same = signed_in && !signed_in->name.empty() && signed_in->name == user->name;
  if (user->name.empty() || same) {
    res.set_redirect("/", 303);
    return httplib::Server::HandlerResponse::Handled;
  }
  const std::optional<std::string> current =
      signed_in && !signed_in->name.empty() ? std::optional(signed_in->name) : std::nullopt;
  const std::string action = "/signin?token=" + percent_encoded(*head.token_param) + "&csrf=" + gate.csrf();
  res.headers.erase("Content-Security-Policy");
  res.set_header("Content-Security-Policy", std::string(signin_policy));
  // Under no-referrer a browser sends "Origin: null" with the form, which the same-origin check refuses: the page's
  // own origin goes with same-origin requests only.
  res.headers.erase("Referrer-Policy");
  res.set_header("Referrer-Policy", "same-origin");
  res.set_content(signin_page(user->name, current, action, page_language(req.get_header_value("Accept-Language"))),
                  "text/html; charset=utf-8");
  return httplib::Server::HandlerResponse::Handled;
}

// Every request: the access token when one is set (a header, or the cookie that /?token= sets); every
// state-changing request: this process's token and a same-origin Origin, and a small body (access.hpp).
httplib::Server::HandlerResponse admit(Gate& gate, const Options& options, const httplib::Request& req,
                                       httplib::Response& res)
{
  // The request is httplib's own, not const, and no handler has seen it yet.
  take_encodings(const_cast<httplib::Request&>(req)); // NOLINT(cppcoreguidelines-pro-type-const-cast)
  const RequestHead head = head_of(req);
  std::optional<Refused> refused;
  try {
    refused = gate.refuse_caller(head, options.clock());
  } catch (...) {
    refused = refused_for(std::current_exception()); // the database unreachable: 503
  }
  if (!refused && head.token_param && (req.path == "/" || req.path == "/signin"))
    return sign_in(gate, options, head, req, res);
  if (!refused) refused = gate.refuse_write(head);
  if (!refused) return httplib::Server::HandlerResponse::Unhandled;
  send(res, *refused);
  return httplib::Server::HandlerResponse::Handled;
}

Request request_of(const httplib::Request& req, Gate& gate, const Options& options)
{
  Request request;
  request.method = req.method;
  request.path = req.path;
  for (std::size_t i = 0; i < req.matches.size(); ++i) request.matches.push_back(req.matches[i].str());
  request.params.insert(req.params.begin(), req.params.end());
  request.body = req.body;
  request.accept_language = req.get_header_value("Accept-Language");
  const auto principal = gate.principal(gate.token_of(head_of(req)), options.clock());
  if (!principal) throw std::runtime_error("request without a valid token"); // not reached: refused before routing
  request.principal = *principal;
  return request;
}

// A streamed body (Response::stream) as httplib's chunked answer, gzipped as it goes when `zip`: its first pieces
// (`head`, already made), then the rest one piece per call. A client gone (a failed write) or a piece that throws
// ends the answer: httplib closes the connection, and the pieces not made are never read from the store.
class Chunks {
public:
  Chunks(std::function<std::optional<std::string>()> next, std::string head, bool zip)
    : next_(std::move(next)), head_(std::move(head))
  {
    if (zip) zip_ = std::make_unique<GzipStream>(gzip_level);
  }
  bool operator()(httplib::DataSink& sink)
  {
    try {
      std::optional<std::string> piece = head_.empty() ? next_() : std::optional(std::exchange(head_, {}));
      if (!piece) {
        if (zip_ && !put(sink, zip_->finish())) return false;
        sink.done();
        return true;
      }
      return put(sink, zip_ ? zip_->add(*piece) : *piece);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "motivo: error: an answer cut short: %s\n", e.what());
      return false;
    }
  }

private:
  // An empty chunk would end the answer: nothing is written for a piece zlib keeps.
  static bool put(httplib::DataSink& sink, const std::string& bytes)
  {
    return bytes.empty() || sink.write(bytes.data(), bytes.size());
  }
  std::function<std::optional<std::string>()> next_;
  std::string head_;
  std::unique_ptr<GzipStream> zip_;
};

// `out` as httplib's answer; a body of some size gzipped (compression.hpp) when the client accepts it. A streamed
// body whose pieces end before `compress_from` bytes is sent whole, as any small body; a longer one in chunks.
void answer(Response& out, const httplib::Request& req, httplib::Response& res)
{
  res.status = out.status;
  for (const auto& [name, value] : out.headers) {
    res.headers.erase(name); // replace the server's default, not add to it
    res.set_header(name, value);
  }
  const bool zip = accepts_gzip(req.get_header_value(accepted_encodings));
  if (out.stream) {
    std::string head;
    bool ended = false;
    while (head.size() < compress_from && !ended) {
      std::optional<std::string> piece = out.stream();
      ended = !piece;
      if (piece) head += *piece;
    }
    if (!ended) {
      if (zip) {
        res.set_header("Content-Encoding", "gzip");
        res.set_header("Vary", "Accept-Encoding");
      }
      auto chunks = std::make_shared<Chunks>(std::move(out.stream), std::move(head), zip);
      res.set_chunked_content_provider(out.content_type,
                                       [chunks](std::size_t, httplib::DataSink& sink) { return (*chunks)(sink); });
      return;
    }
    out.body = std::move(head);
  }
  if (out.body.size() >= compress_from && zip) {
    if (auto zipped = gzip(out.body, gzip_level)) {
      res.set_header("Content-Encoding", "gzip");
      res.set_header("Vary", "Accept-Encoding");
      res.set_content(*zipped, out.content_type);
      return;
    }
  }
  res.set_content(out.body, out.content_type);
}

constexpr std::string_view upload_prefix = "motivo-upload-";

// Where uploads wait while they are read: $TMPDIR, or /tmp.
std::string temporary_folder()
{
  const char* tmpdir = std::getenv("TMPDIR");
  return tmpdir && *tmpdir ? std::string(tmpdir) : std::string("/tmp");
}

// Removes from the temporary folder the uploads (motivo-upload-PID-XXXXXX) of this user's servers that were killed
// while reading them: those of processes that are gone.
void remove_stale_uploads(const std::string& folder)
{
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with(upload_prefix)) continue;
    const std::string_view rest = std::string_view(name).substr(upload_prefix.size());
    pid_t pid = 0;
    const auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), pid);
    if (error != std::errc{} || pid <= 0 || end == rest.data() + rest.size() || *end != '-') continue;
    struct stat st {};
    if (::lstat(entry.path().c_str(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != ::geteuid()) continue;
    if (::kill(pid, 0) != 0 && errno == ESRCH) ::unlink(entry.path().c_str());
  }
}

// Writes all `length` bytes (a write may take fewer); false, with errno set, when the file system refuses them.
bool write_all(int fd, const char* data, std::size_t length)
{
  while (length > 0) {
    const ssize_t n = ::write(fd, data, length);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    length -= static_cast<std::size_t>(n);
  }
  return true;
}

// The file of multipart field `field`, streamed to a private temporary file (at most `max_bytes`) and removed when
// done. HttpError for a request that is not a form with that file, or one too large.
class Upload {
public:
  Upload(const httplib::Request& req, const httplib::ContentReader& reader, std::string_view field,
         std::size_t max_bytes)
  {
    if (!req.is_multipart_form_data()) throw HttpError(400, fmt::format("send the {} as multipart/form-data", field));
    if (req.has_header("Content-Length")) {
      if (const auto refused = refuse_upload_length(req.get_header_value("Content-Length"), max_bytes, field))
        throw HttpError(refused->status, refused->message);
    }
    const std::string folder = temporary_folder();
    std::string path_template = fmt::format("{}/{}{}-XXXXXX", folder, upload_prefix, ::getpid());
    const int fd = ::mkstemp(path_template.data());
    if (fd < 0)
      throw std::runtime_error(
          fmt::format("cannot create a temporary file for the upload in {}: {}", folder, std::strerror(errno)));
    file_.path = path_template;
    std::size_t written = 0;
    int write_error = 0;
    bool too_big = false, got_file = false;
    std::string part;
    reader(
        [&](const httplib::MultipartFormData& header) {
          part = header.name;
          if (part == field) filename_ = header.filename;
          got_file = got_file || part == field;
          return true;
        },
        [&](const char* data, std::size_t length) {
          if (part != field) return true;
          written += length;
          too_big = written > max_bytes;
          if (too_big) return false;
          // After a failed write the rest is read and dropped (no more than the upload's limit): a server that stops
          // reading mid-body resets the connection, and the client may never see the answer.
          if (write_error == 0 && !write_all(fd, data, length)) write_error = errno;
          return true;
        });
    if (::close(fd) != 0 && write_error == 0) write_error = errno;
    if (too_big) throw HttpError(413, fmt::format("the {} is larger than {} MiB", field, max_bytes >> 20));
    if (write_error != 0) {
      const bool full = write_error == ENOSPC || write_error == EDQUOT || write_error == EFBIG;
      std::fprintf(stderr, "motivo: error: cannot save an upload in %s: %s\n", folder.c_str(),
                   std::strerror(write_error));
      throw HttpError(full ? 507 : 500, fmt::format("cannot save the {}: {}", field, std::strerror(write_error)));
    }
    if (!got_file) throw HttpError(400, fmt::format("no \"{}\" file in the form", field));
  }
  const std::string& path() const { return file_.path; }
  const std::string& filename() const { return filename_; }

private:
  struct TemporaryFile {
    std::string path;
    ~TemporaryFile()
    {
      if (!path.empty()) std::remove(path.c_str());
    }
  } file_;
  std::string filename_;
};

void add_routes(httplib::Server& server, Services& services, Gate& gate)
{
  for (const Route& route : routes()) {
    const std::string pattern(route.pattern);
    if (!route.upload.empty()) {
      server.Post(pattern, [&services, &gate, &route](const httplib::Request& req, httplib::Response& res,
                                                      const httplib::ContentReader& reader) {
        const Upload upload(req, reader, route.upload, services.options.max_upload);
        Request request = request_of(req, gate, services.options);
        request.upload_path = upload.path();
        request.upload_name = upload.filename();
        Response out;
        route.handler(services, request, out);
        answer(out, req, res);
      });
      continue;
    }
    const auto handle = [&services, &gate, &route](const httplib::Request& req, httplib::Response& res) {
      Response out;
      route.handler(services, request_of(req, gate, services.options), out);
      answer(out, req, res);
    };
    if (route.method == "GET")
      server.Get(pattern, handle);
    else
      server.Post(pattern, handle);
  }
}

// SO_REUSEADDR only (a restarted server may listen while its old connections wait in TIME_WAIT): cpp-httplib's
// default adds SO_REUSEPORT, with which a second server binds the same port and the kernel shares the requests
// between the two (two databases, two tokens, answering in turns).
void socket_options(int sock)
{
  const int yes = 1;
  ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
}

// Whether `host`:`port` cannot be bound because another socket holds it (bind fails with EADDRINUSE).
bool port_in_use(const std::string& host, int port)
{
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  addrinfo* found = nullptr;
  if (::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0) return false;
  bool in_use = false;
  for (const addrinfo* a = found; a && !in_use; a = a->ai_next) {
    const int sock = ::socket(a->ai_family, a->ai_socktype, a->ai_protocol);
    if (sock < 0) continue;
    socket_options(sock);
    in_use = ::bind(sock, a->ai_addr, a->ai_addrlen) != 0 && errno == EADDRINUSE;
    ::close(sock);
  }
  ::freeaddrinfo(found);
  return in_use;
}

void configure(httplib::Server& server, Gate& gate, const Options& options)
{
  server.set_socket_options(socket_options);
  server.set_payload_max_length(options.max_upload + (1u << 20)); // the upload's own limit answers 413 first
  // Small JSON answers must not wait for Nagle's algorithm and delayed ACKs (40 ms each without this).
  server.set_tcp_nodelay(true);
  server.set_keep_alive_max_count(1000);
  // A kept-alive connection holds a thread: enough threads that a few dozen browser tabs or clients never wait.
  server.new_task_queue = [] { return new httplib::ThreadPool(32); };
  server.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                              {"Referrer-Policy", "no-referrer"},
                              {"Cache-Control", "no-store"},
                              {"Content-Security-Policy", std::string(app_policy)}});
  server.set_pre_routing_handler([&gate, &options](const httplib::Request& req, httplib::Response& res) {
    return admit(gate, options, req, res);
  });
  server.set_exception_handler([](const httplib::Request& req, httplib::Response& res, const std::exception_ptr& e) {
    send(res, refused_for(e, req.has_param("lang") ? req.get_param_value("lang") : "en")); // English without ?lang=es
  });
  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.body.empty()) send(res, {res.status, res.status == 404 ? "not found" : "request refused"});
  });
}

} // namespace

void serve(StorePool& pool, const protocol::Config& config, const protocol::Policy& policy, const Options& options)
{
  if (!is_loopback(options.host) && options.token.empty() && pool.lease()->users().empty()) {
    throw std::runtime_error(fmt::format(
        "refusing to listen on {}: beyond this machine, anyone could read your invitations. Set a token with --token, "
        "--token-file or MOTIVO_TOKEN, add users (motivo users add NAME), or listen on 127.0.0.1",
        options.host));
  }
  remove_stale_uploads(temporary_folder());
  const std::string csrf = random_token();
  Gate gate(options, pool, csrf);
  ViewCache views(config, policy);
  Services services{pool, config, policy, options, views, csrf, random_token().substr(0, 12)};
  httplib::Server server;
  configure(server, gate, options);
  add_routes(server, services, gate);

  const int port = options.port == 0 ? server.bind_to_any_port(options.host) : options.port;
  if (options.port != 0 && !server.bind_to_port(options.host, port)) {
    if (port_in_use(options.host, port)) throw Error(N_("cannot listen on {}:{}: port in use"), options.host, port);
    throw Error(N_("cannot listen on {}:{}"), options.host, port);
  }
  if (port < 0) throw std::runtime_error(fmt::format("cannot listen on {}", options.host));
  const std::string shown_host = options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
  gate.listening_on(port);
  if (options.on_listening) options.on_listening(fmt::format("http://{}:{}/", shown_host, port));
  server.listen_after_bind();
}

} // namespace motivo::server
