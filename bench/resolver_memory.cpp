// The people resolver's maps at N people (default: the team export's store, 1,199,436 people, 5,846 without a slug):
// the bytes in use after the fill (mallinfo2), the process's peak (getrusage), the CPU of the fill and of N resolves
// of known people (a newer export's rows). Not a test: build/bench/motivo_resolver_memory [N [HINT]], HINT the
// count the directory reports (0: the maps grow by doubling). docs/PERFORMANCE.md, "A re-import's memory".
#include <motivo/core/people.hpp>

#include <malloc.h>

#include <cstdio>
#include <ctime>
#include <string>
#include <sys/resource.h>

using namespace motivo;

namespace {
long maxrss_kib()
{
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}
double cpu_s()
{
  return static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
}
std::size_t in_use()
{
  const auto m = mallinfo2();
  return m.uordblks + m.hblkhd;
}
struct Synthetic : PersonDirectory {
  PersonId n, slugless, next;
  Synthetic(PersonId n_, PersonId s) : n(n_), slugless(s), next(n_ + 1) {}
  PersonId create_person(std::string_view, std::string_view, std::string_view) override { return next++; }
  void attach_slug(PersonId, std::string_view) override {}
  void for_each_known_person(const std::function<void(const KnownPerson&)>& visit) override
  {
    std::string key, slug;
    for (PersonId i = 1; i <= n; ++i) {
      key = "person " + std::to_string(i);
      slug = i % (n / slugless) == 0 ? std::string() : "person-" + std::to_string(i);
      visit({i, key, slug});
    }
  }
  PersonId find_person(PersonLookup, std::string_view) override { return 0; }
  PersonId hint = 0;
  std::size_t count_known_people() override { return static_cast<std::size_t>(hint); }
};
} // namespace

int main(int argc, char** argv)
{
  const PersonId n = argc > 1 ? std::stoll(argv[1]) : 1199436;
  Synthetic d(n, 5846);
  d.hint = argc > 2 ? std::stoll(argv[2]) : n;
  const std::size_t base = in_use();
  const long rss0 = maxrss_kib();
  PeopleResolver r(d);
  double t0 = cpu_s();
  r.resolve("Person 1", "https://www.linkedin.com/in/person-1"); // fills
  double t1 = cpu_s();
  const std::size_t maps = in_use() - base;
  const long rss1 = maxrss_kib();
  std::size_t found = 0;
  for (PersonId i = 1; i <= n; ++i) {
    const std::string s = std::to_string(i);
    found += r.resolve("Person " + s, i % 2 ? "https://www.linkedin.com/in/person-" + s : "").value_or(0) == i;
  }
  double t2 = cpu_s();
  std::printf("people %lld (hint %lld): resolver.memory() %.1f MiB; maps in use %.1f MiB; peak RSS +%.1f MiB (%ld KiB "
              "total); fill %.2f s CPU; %lld "
              "resolves %.2f s CPU (%zu same)\n",
              static_cast<long long>(n), static_cast<long long>(d.hint), r.memory() / 1048576.0, maps / 1048576.0,
              (rss1 - rss0) / 1024.0, rss1, t1 - t0, static_cast<long long>(n), t2 - t1, found);
}
