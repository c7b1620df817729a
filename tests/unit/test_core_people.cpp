#include <motivo/core/people.hpp>
#include <motivo/core/text.hpp>

#include <gtest/gtest.h>

#include <functional>

#include <string>
#include <vector>

using motivo::KnownPerson;
using motivo::PeopleResolver;
using motivo::PersonId;

namespace {

// An in-memory PersonDirectory that counts how often the resolver reads it all and asks it one question.
class Directory : public motivo::PersonDirectory {
public:
  struct Person {
    std::string name, key, slug;
  };
  std::vector<Person> people;
  int reads = 0, questions = 0;

  PersonId create_person(std::string_view name, std::string_view key, std::string_view slug) override
  {
    people.push_back({std::string(name), std::string(key), std::string(slug)});
    return static_cast<PersonId>(people.size());
  }
  void attach_slug(PersonId id, std::string_view slug) override
  {
    people.at(static_cast<std::size_t>(id - 1)).slug = slug;
  }
  void for_each_known_person(const std::function<void(const KnownPerson&)>& visit) override
  {
    ++reads;
    for (std::size_t i = 0; i < people.size(); ++i)
      visit({static_cast<PersonId>(i + 1), people[i].key, people[i].slug});
  }
  std::size_t count_known_people() override { return people.size(); }
  PersonId find_person(motivo::PersonLookup lookup, std::string_view text) override
  {
    ++questions;
    for (std::size_t i = 0; i < people.size(); ++i) {
      const Person& p = people[i];
      const bool found = lookup == motivo::PersonLookup::slug            ? p.slug == text
                         : lookup == motivo::PersonLookup::slugless_name ? p.key == text && p.slug.empty()
                                                                         : p.key == text;
      if (found) return static_cast<PersonId>(i + 1);
    }
    return 0;
  }
};

} // namespace

TEST(People, SlugWinsAndNamesMergeWithoutOne)
{
  Directory d;
  PeopleResolver r(d);
  const auto ana = r.resolve("Ana Gómez", "");
  EXPECT_EQ(r.resolve("ANA  GÓMEZ", ""), ana) << "same normalised name, no URL: same person";
  EXPECT_EQ(r.resolve("Ana Gómez", "https://www.linkedin.com/in/ana-gomez-1"), ana)
      << "the first slug seen joins the person known by name";
  EXPECT_EQ(d.people[0].slug, "ana-gomez-1");
  const auto other = r.resolve("Ana Gómez", "https://www.linkedin.com/in/ana-gomez-2");
  EXPECT_NE(other, ana) << "another slug with the same name is another person";
  EXPECT_EQ(r.resolve("Ana Gómez", "https://www.linkedin.com/in/ANA-GOMEZ-2/"), other);
  EXPECT_EQ(r.resolve("ana gómez", ""), ana) << "a bare name goes to the lowest id";
  EXPECT_EQ(r.created(), 2u);
}

TEST(People, TruncatedUrlsPlaceholdersAndEmptyNames)
{
  Directory d;
  PeopleResolver r(d);
  const auto a = r.resolve("Luis Pérez", "https://www.linkedin.com/in");
  EXPECT_EQ(r.resolve("Luis Pérez", "https://www.linkedin.com/in"), a) << "a truncated URL is no identity";
  EXPECT_EQ(d.people[0].slug, "");
  EXPECT_FALSE(r.resolve("", ""));
  EXPECT_FALSE(r.resolve("  ", "https://www.linkedin.com/in"));
  EXPECT_FALSE(r.resolve("LinkedIn Member", "")) << "a placeholder is nobody";
  EXPECT_EQ(r.created(), 1u);
}

TEST(People, PercentEncodedAndRawSlugsAreOnePerson)
{
  Directory d;
  PeopleResolver r(d);
  const auto a = r.resolve("Elihu Piña", "https://www.linkedin.com/in/elihu-piña-albarran");
  EXPECT_EQ(r.resolve("Elihu Piña Albarrán", "https://www.linkedin.com/in/elihu-pi%C3%B1a-albarran"), a);
}

TEST(People, StartsFromThePeopleAlreadyStored)
{
  Directory d;
  d.people = {{"Ana", "ana", ""}, {"Bea", "bea", "bea-1"}};
  PeopleResolver r(d);
  EXPECT_EQ(r.resolve("Bea", "https://www.linkedin.com/in/bea-1"), 2);
  EXPECT_EQ(r.resolve("bea", ""), 2);
  EXPECT_EQ(r.resolve("Ana", "https://www.linkedin.com/in/ana-9"), 1);
  EXPECT_EQ(d.people[0].slug, "ana-9");
  EXPECT_EQ(r.created(), 0u);
}

// An import whose files are all unchanged needs only its owner: resolve_one asks the directory a question or two
// and reads nobody else; the first resolve() reads everyone, once.
TEST(People, ReadsThePeopleStoredOnlyAtTheFirstResolve)
{
  Directory d;
  d.people = {{"Ana", "ana", ""}, {"Bea", "bea", "bea-1"}};
  PeopleResolver r(d);
  EXPECT_EQ(r.resolve_one("Bea", "https://www.linkedin.com/in/bea-1"), 2);
  EXPECT_EQ(r.resolve_one("ANA", ""), 1);
  EXPECT_EQ(d.reads, 0);
  EXPECT_FALSE(r.filled());
  EXPECT_GE(d.questions, 2);
  EXPECT_EQ(r.resolve("Cy", ""), 3);
  EXPECT_EQ(r.resolve("bea", ""), 2);
  EXPECT_EQ(d.reads, 1) << "read once";
  const int questions = d.questions;
  EXPECT_EQ(r.resolve_one("Ana", ""), 1);
  EXPECT_EQ(d.questions, questions) << "once read, resolve_one answers from the maps";
}

// Whatever the first person resolved changed (a person made, a slug attached) before the people were read, the
// resolver then answers as if it had read them first.
TEST(People, AnswersTheSameWhetherItAskedOrReadFirst)
{
  const auto in = [](const std::string& slug) { return "https://www.linkedin.com/in/" + slug; };
  const std::vector<std::pair<std::string, std::string>> firsts = {
      {"Ana", in("ana-9")}, {"Bea", in("bea-1")}, {"Bea", in("bea-2")},    {"Cy", ""},
      {"Cy", in("cy-1")},   {"Ana", ""},          {"LinkedIn Member", ""}, {"", in("nadie")}};
  const std::vector<std::pair<std::string, std::string>> then = {
      {"Ana", in("ana-10")}, {"Ana", ""}, {"Bea", ""},     {"Bea", in("bea-3")}, {"Cy", ""},
      {"Cy", in("cy-2")},    {"Dee", ""}, {"", in("nadie")}, {"Bea", in("bea-2")}};
  for (const auto& [name, url] : firsts) {
    Directory asked, read;
    // Two Anas and a Bea without a slug: after one of them takes a slug, the other still has none.
    asked.people = read.people = {{"Ana", "ana", ""}, {"Ana", "ana", ""}, {"Bea", "bea", "bea-1"}, {"Bea", "bea", ""}};
    PeopleResolver lazy(asked), eager(read);
    ASSERT_EQ(eager.resolve("Ana", ""), 1); // reads everyone first, changing nothing
    EXPECT_EQ(lazy.resolve_one(name, url), eager.resolve(name, url)) << name << " " << url;
    EXPECT_EQ(asked.reads, 0);
    for (const auto& [n, u] : then)
      EXPECT_EQ(lazy.resolve(n, u), eager.resolve(n, u)) << name << " then " << n << " " << u;
    EXPECT_EQ(lazy.created(), eager.created());
    ASSERT_EQ(asked.people.size(), read.people.size());
    for (std::size_t i = 0; i < read.people.size(); ++i) EXPECT_EQ(asked.people[i].slug, read.people[i].slug);
  }
}

// The cache of name keys is bounded (an export of a million invitations holds more than a million names): two
// generations of at most `capacity` names; a name seen again moves to the newer one, and every view it returned
// stays valid for the next `capacity` calls.
TEST(People, NameKeyCacheIsBoundedAndItsViewsOutliveCapacityCalls)
{
  constexpr std::size_t capacity = 8;
  motivo::NameKeyCache keys(capacity);
  struct Returned {
    std::string_view view;
    std::string expected;
  };
  std::vector<Returned> calls; // every call's answer, in order
  const auto call = [&](const std::string& name) {
    calls.push_back({keys(name), motivo::text::name_key(name)});
    EXPECT_EQ(calls.back().view, calls.back().expected) << name;
    EXPECT_LE(keys.size(), 2 * capacity) << "after " << calls.size() << " calls";
    // The views of the last `capacity` calls still read their keys.
    for (std::size_t back = 1; back <= capacity && back < calls.size(); ++back)
      EXPECT_EQ(calls[calls.size() - 1 - back].view, calls[calls.size() - 1 - back].expected);
    return calls.back().view;
  };
  for (int i = 0; i < 1000; ++i) {
    call("Ána  Gómez " + std::to_string(i));
    // A recurring name stays cached: the same view while it is in the newer generation.
    const std::string_view owner = call("Sam  Rivera");
    if (i % 3 == 0) {
      EXPECT_EQ(call("Sam  Rivera").data(), owner.data());
    }
  }
  EXPECT_EQ(keys("Ána  Gómez 0"), motivo::text::name_key("Ána  Gómez 0")) << "a name dropped long ago is keyed again";
  motivo::NameKeyCache fresh;
  EXPECT_EQ(fresh(""), "") << "an empty name first, before the generation holds any text";
  EXPECT_EQ(fresh("Ana"), "ana");
}

// The resolver's answers do not depend on what its cache of name keys still holds.
TEST(People, ResolvesTheSamePeopleAfterTheNameCacheForgets)
{
  Directory d;
  PeopleResolver r(d);
  const int names = static_cast<int>(motivo::NameKeyCache::default_capacity) * 2 + 10;
  std::vector<PersonId> first;
  for (int i = 0; i < names; ++i) first.push_back(*r.resolve("Person  " + std::to_string(i), ""));
  for (int i = 0; i < names; i += 997)
    EXPECT_EQ(r.resolve("PERSON " + std::to_string(i), ""), first[static_cast<std::size_t>(i)]);
  EXPECT_EQ(r.created(), static_cast<std::size_t>(names));
}

TEST(HashedMap, InsertFindAssignAndTheZeroKey)
{
  motivo::HashedMap<PersonId> m;
  for (int i = 1; i <= 5000; ++i) EXPECT_TRUE(m.insert("name " + std::to_string(i), i));
  EXPECT_FALSE(m.insert("name 7", 99)) << "an existing key keeps its value";
  EXPECT_EQ(*m.find("name 7"), 7);
  m.assign(motivo::hash128("name 7"), 70);
  EXPECT_EQ(*m.find("name 7"), 70);
  EXPECT_EQ(m.find("name 0"), nullptr);
  EXPECT_TRUE(m.insert(motivo::IdentityKey{}, 42));
  EXPECT_EQ(*m.find(motivo::IdentityKey{}), 42);
  EXPECT_EQ(m.size(), 5001u);
  motivo::KeySet keys;
  EXPECT_TRUE(keys.insert(motivo::hash128("a")));
  EXPECT_FALSE(keys.insert(motivo::hash128("a")));
  EXPECT_TRUE(keys.contains(motivo::hash128("a")));
}

// Ids in 32 bits where they fit (20-byte slots), and any larger one kept aside with the same answers.
TEST(PersonIdMap, SmallAndLargeIdsInsertFindAndAssign)
{
  motivo::PersonIdMap m;
  m.reserve(3000);
  const std::size_t reserved = m.memory();
  const PersonId large = PersonId{1} << 40;
  for (int i = 1; i <= 3000; ++i) m.insert(motivo::hash128("k" + std::to_string(i)), i);
  EXPECT_EQ(m.memory(), reserved) << "reserved room: no growth";
  m.insert(motivo::hash128("big"), large);
  m.insert(motivo::hash128("max"), 0xFFFFFFFF);
  EXPECT_EQ(m.find(motivo::hash128("k7")), 7);
  EXPECT_EQ(m.find(motivo::hash128("big")), large);
  EXPECT_EQ(m.find(motivo::hash128("max")), 0xFFFFFFFF);
  EXPECT_EQ(m.find(motivo::hash128("none")), 0);
  m.insert(motivo::hash128("k7"), 70);
  EXPECT_EQ(m.find(motivo::hash128("k7")), 7) << "insert keeps what is there";
  m.assign(motivo::hash128("k7"), large + 1);
  EXPECT_EQ(m.find(motivo::hash128("k7")), large + 1);
  m.assign(motivo::hash128("big"), 0);
  EXPECT_EQ(m.find(motivo::hash128("big")), 0);
  EXPECT_EQ(m.size(), 3002u);
}
