// The web server's access rules (server/access.cpp, docs/WEB.md) without a server: tokens and who holds them,
// cookies, the Host names a server answers to, same-origin writes and body sizes.
#include <motivo/app/users.hpp>
#include <motivo/server/access.hpp>
#include <motivo/server/server.hpp>
#include <motivo/store/store.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <unistd.h>

using namespace motivo;
using namespace motivo::server;

namespace {

constexpr datetime::UnixSeconds t0 = 1795176000;
const std::string csrf(64, 'c');

// A SQLite database in a fresh temporary folder, lent through a StorePool as the server lends it.
struct PooledStore {
  std::filesystem::path dir;
  StorePool pool;
  PooledStore() : dir(make_dir()), pool([path = (dir / "m.db").string()] { return store::open_sqlite(path); }, 1) {}
  ~PooledStore() { std::filesystem::remove_all(dir); }
  static std::filesystem::path make_dir()
  {
    static int counter = 0;
    auto dir = std::filesystem::temp_directory_path() /
               ("motivo-access-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
  }
  std::string add_user(const std::string& name, store::Role role)
  {
    return app::add_user(*pool.lease(), name, role, t0);
  }
};

RequestHead get(const std::string& path = "/api/me")
{
  RequestHead head;
  head.method = "GET";
  head.path = path;
  head.host = "127.0.0.1:8460";
  return head;
}

// A state-changing request as the page sends it: this process's token, its own origin, a small JSON body.
RequestHead post(const std::string& path = "/api/invitations/1/ask")
{
  RequestHead head = get(path);
  head.method = "POST";
  head.csrf = csrf;
  head.origin = "http://127.0.0.1:8460";
  head.length = "2";
  return head;
}

int status_of(const std::optional<Refused>& refused)
{
  return refused ? refused->status : 0;
}

} // namespace

TEST(Access, RandomTokensAre64HexDigitsAndDiffer)
{
  const std::string a = random_token(), b = random_token();
  EXPECT_EQ(a.size(), 64u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos) << a;
  EXPECT_NE(a, b);
}

TEST(Access, SameSecretComparesWholeTokens)
{
  EXPECT_TRUE(same_secret("s3cret-token-123", "s3cret-token-123"));
  EXPECT_FALSE(same_secret("s3cret-token-123", "s3cret-token-124"));
  EXPECT_FALSE(same_secret("s3cret-token-123", "s3cret-token-12"));
  EXPECT_FALSE(same_secret("", "x"));
  EXPECT_TRUE(same_secret("", ""));
}

TEST(Access, CookieValueFindsTheNamedCookieOnly)
{
  EXPECT_EQ(cookie_value("a=1; b=2", "b"), "2");
  EXPECT_EQ(cookie_value("a=1;b=2", "a"), "1");
  EXPECT_EQ(cookie_value("motivo_token=old; motivo_token_8460=new", "motivo_token_8460"), "new");
  EXPECT_EQ(cookie_value("motivo_token_8460=new; motivo_token=old", "motivo_token"), "old");
  EXPECT_EQ(cookie_value("motivo_token_8461=other", "motivo_token_8460"), "");
  EXPECT_EQ(cookie_value("", "a"), "");
  EXPECT_EQ(cookie_value("a=", "a"), "");
}

TEST(Access, HostNameDropsPortAndBrackets)
{
  EXPECT_EQ(host_name("LocalHost:8460"), "localhost");
  EXPECT_EQ(host_name("[::1]:8460"), "::1");
  EXPECT_EQ(host_name("[::1]"), "::1");
  EXPECT_EQ(host_name("motivo.example"), "motivo.example");
  EXPECT_EQ(host_name("127.0.0.1:1"), "127.0.0.1");
  EXPECT_EQ(host_name(""), "");
}

TEST(Access, LoopbackAddresses)
{
  for (const char* host : {"127.0.0.1", "127.8.9.10", "::1", "[::1]", "localhost"})
    EXPECT_TRUE(is_loopback(host)) << host;
  for (const char* host : {"0.0.0.0", "10.0.0.1", "128.0.0.1", "localhost.evil.example", "::", ""})
    EXPECT_FALSE(is_loopback(host)) << host;
}

TEST(Access, UploadLengthsAreCheckedBeforeReading)
{
  const std::size_t max = 1u << 20;
  EXPECT_FALSE(refuse_upload_length("1000", max, "export"));
  EXPECT_FALSE(refuse_upload_length(std::to_string(max + (64u << 10)), max, "export")); // a form's headers
  const auto over = refuse_upload_length(std::to_string(max + (64u << 10) + 1), max, "export");
  ASSERT_TRUE(over);
  EXPECT_EQ(over->status, 413);
  EXPECT_EQ(over->message, "the export is larger than 1 MiB");
  EXPECT_EQ(status_of(refuse_upload_length("99999999999999999999999", max, "export")), 413);
  const auto garbage = refuse_upload_length("12abc", max, "export");
  ASSERT_TRUE(garbage);
  EXPECT_EQ(garbage->status, 400);
  EXPECT_EQ(garbage->message, "Content-Length is not a number (\"12abc\")");
}

TEST(Gate, AnOpenServerIsItsOneUsersWhateverTheToken)
{
  PooledStore s;
  const Options options;
  Gate gate(options, s.pool, csrf);
  for (const std::string token : {"", "left-over-token-from-another-port"}) {
    const auto p = gate.principal(token, t0);
    ASSERT_TRUE(p);
    EXPECT_TRUE(p->admin);
    EXPECT_EQ(p->name, "");
    EXPECT_FALSE(p->scope());
  }
  EXPECT_FALSE(gate.refuse_caller(get(), t0));
}

TEST(Gate, TheAdminTokenAndNoOther)
{
  PooledStore s;
  Options options;
  options.token = "the-admin-token-0123";
  Gate gate(options, s.pool, csrf);
  const auto admin = gate.principal(options.token, t0);
  ASSERT_TRUE(admin);
  EXPECT_EQ(admin->name, "admin");
  EXPECT_TRUE(admin->admin);
  EXPECT_FALSE(admin->scope());
  EXPECT_FALSE(gate.principal("the-admin-token-0124", t0));
  EXPECT_FALSE(gate.principal("", t0));
  const auto refused = gate.refuse_caller(get(), t0);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 401);
  EXPECT_EQ(refused->message, "a token is required: open /?token=YOUR_TOKEN or send Authorization: Bearer");
  RequestHead bearer = get();
  bearer.authorization = "Bearer " + options.token;
  EXPECT_FALSE(gate.refuse_caller(bearer, t0));
}

TEST(Gate, UsersByTheirTokensRememberedThirtySeconds)
{
  PooledStore s;
  const std::string member = s.add_user("ana", store::Role::member), boss = s.add_user("jefa", store::Role::admin);
  const Options options; // no admin token: users close the server
  Gate gate(options, s.pool, csrf);
  const auto ana = gate.principal(member, t0);
  ASSERT_TRUE(ana);
  EXPECT_EQ(ana->name, "ana");
  EXPECT_FALSE(ana->admin);
  ASSERT_TRUE(ana->user);
  EXPECT_EQ(ana->scope(), ana->user); // a member sees her own invitations
  const auto jefa = gate.principal(boss, t0);
  ASSERT_TRUE(jefa);
  EXPECT_TRUE(jefa->admin);
  EXPECT_FALSE(jefa->scope()); // an admin sees everything
  EXPECT_FALSE(gate.principal("", t0));
  EXPECT_FALSE(gate.principal(std::string(64, '0'), t0));

  // A removed user, and a renewed token, keep working for 30 s at most.
  ASSERT_TRUE(s.pool.lease()->remove_user("ana"));
  const std::string renewed = app::renew_token(*s.pool.lease(), "jefa");
  EXPECT_TRUE(gate.principal(member, t0 + 29));
  EXPECT_TRUE(gate.principal(boss, t0 + 29));
  EXPECT_FALSE(gate.principal(member, t0 + 30));
  EXPECT_FALSE(gate.principal(boss, t0 + 30));
  EXPECT_TRUE(gate.principal(renewed, t0 + 30));
}

TEST(Gate, AnOpenServerClosesWhenUsersAreAdded)
{
  PooledStore s;
  const Options options;
  Gate gate(options, s.pool, csrf);
  EXPECT_TRUE(gate.principal("", t0));
  const std::string token = s.add_user("ana", store::Role::member);
  EXPECT_TRUE(gate.principal("", t0 + 29)); // users are looked for every 30 s
  EXPECT_FALSE(gate.principal("", t0 + 30));
  EXPECT_TRUE(gate.principal(token, t0 + 30));
}

TEST(Gate, TheTokenComesFromTheHeaderThePageOrTheCookie)
{
  PooledStore s;
  const Options options;
  Gate gate(options, s.pool, csrf);
  RequestHead head = get("/");
  head.cookie = "motivo_token=from-cookie; motivo_token_8460=from-port-cookie";
  EXPECT_EQ(gate.token_of(head), "from-cookie");
  gate.listening_on(8460); // named after the port: another server's cookie is not this one's
  EXPECT_EQ(gate.cookie_name(), "motivo_token_8460");
  EXPECT_EQ(gate.token_of(head), "from-port-cookie");
  head.token_param = "from-param";
  EXPECT_EQ(gate.token_of(head), "from-param");
  head.authorization = "Bearer from-header";
  EXPECT_EQ(gate.token_of(head), "from-header");
  RequestHead api = get("/api/me"); // ?token= is taken on the page only
  api.token_param = "from-param";
  EXPECT_EQ(gate.token_of(api), "");
  api.authorization = "Basic from-header"; // not a bearer token
  EXPECT_EQ(gate.token_of(api), "");
}

TEST(Gate, ALoopbackServerAnswersToItsOwnNamesOnly)
{
  PooledStore s;
  Options options;
  options.public_origin = "https://Motivo.Example";
  Gate gate(options, s.pool, csrf);
  for (const char* host : {"127.0.0.1:8460", "localhost:8460", "LOCALHOST", "[::1]:8460", "127.1.2.3", "motivo.example",
                           ""}) // no Host: not a browser
    EXPECT_TRUE(gate.answers_to(host)) << host;
  for (const char* host : {"evil.example:8460", "127.0.0.1.evil.example", "motivo.example.evil"})
    EXPECT_FALSE(gate.answers_to(host)) << host;
  RequestHead rebound = get();
  rebound.host = "evil.example:8460";
  const auto refused = gate.refuse_caller(rebound, t0);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 421);
  EXPECT_EQ(refused->message, "this server answers to localhost, not to \"evil.example:8460\"");

  Options wide;
  wide.host = "0.0.0.0";
  wide.token = "the-admin-token-0123";
  Gate beyond(wide, s.pool, csrf);
  EXPECT_TRUE(beyond.answers_to("evil.example:8460")); // it has a token, which such a page does not
  Options own;
  own.host = "127.0.0.2";
  EXPECT_TRUE(Gate(own, s.pool, csrf).answers_to("127.0.0.2:8460"));
}

TEST(Gate, WritesNeedThisProcesssTokenAndTheSameOrigin)
{
  PooledStore s;
  Options options;
  options.public_origin = "https://motivo.example";
  Gate gate(options, s.pool, csrf);
  EXPECT_FALSE(gate.refuse_write(get()));
  RequestHead head = get();
  head.method = "HEAD";
  EXPECT_FALSE(gate.refuse_write(head));
  EXPECT_FALSE(gate.refuse_write(post()));

  RequestHead no_token = post();
  no_token.csrf = "";
  EXPECT_EQ(status_of(gate.refuse_write(no_token)), 403);
  EXPECT_EQ(gate.refuse_write(no_token)->message, "missing or wrong X-Motivo-Token");
  RequestHead wrong_token = post();
  wrong_token.csrf = std::string(64, 'd');
  EXPECT_EQ(status_of(gate.refuse_write(wrong_token)), 403);

  for (const char* origin :
       {"http://evil.example", "", "null", "http://127.0.0.1:8461", "https://motivo.example.evil"}) {
    RequestHead cross = post();
    cross.origin = origin;
    EXPECT_EQ(status_of(gate.refuse_write(cross)), 403) << origin;
    EXPECT_EQ(gate.refuse_write(cross)->message, "cross-origin request refused");
  }
  // The address the browser used, over http or https, whatever the listen address; or --public-url.
  for (const auto& [host, origin] :
       std::vector<std::pair<std::string, std::string>>{{"localhost:8460", "http://localhost:8460"},
                                                        {"192.168.1.5:8460", "http://192.168.1.5:8460"},
                                                        {"motivo.example", "https://motivo.example"},
                                                        {"127.0.0.1:8460", "https://motivo.example"}}) {
    RequestHead same = post();
    same.host = host;
    same.origin = origin;
    EXPECT_FALSE(gate.refuse_write(same)) << host << " " << origin;
  }
  RequestHead no_host = post();
  no_host.host = "";
  no_host.origin = "http://";
  EXPECT_EQ(status_of(gate.refuse_write(no_host)), 403);
}

TEST(Gate, JsonBodiesAreSmallAndSayTheirLength)
{
  PooledStore s;
  const Options options;
  Gate gate(options, s.pool, csrf);
  RequestHead head = post();
  head.length = std::to_string(max_json_body);
  EXPECT_FALSE(gate.refuse_write(head));
  head.length = std::to_string(max_json_body + 1);
  EXPECT_EQ(status_of(gate.refuse_write(head)), 413);
  EXPECT_EQ(gate.refuse_write(head)->message, "the request body is larger than 64 KiB");
  for (const char* length : {"abc", "12abc", "-1", "99999999999999999999999", ""}) {
    head.length = length;
    EXPECT_EQ(status_of(gate.refuse_write(head)), 413) << length;
  }
  head.length = "0";
  EXPECT_FALSE(gate.refuse_write(head)); // no body, said so
  head.length.reset();                   // no body and no length, or a chunked one: 411 as docs/WEB.md says
  EXPECT_EQ(status_of(gate.refuse_write(head)), 411);
  EXPECT_EQ(gate.refuse_write(head)->message, "send the body with a Content-Length");
  head.upload = true; // an upload's own limits apply (refuse_upload_length, and while it arrives)
  EXPECT_FALSE(gate.refuse_write(head));
  head.length = std::to_string(100u << 20);
  EXPECT_FALSE(gate.refuse_write(head));
}
