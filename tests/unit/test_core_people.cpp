#include <motivo/core/people.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

using motivo::KnownPerson;
using motivo::PeopleResolver;
using motivo::PersonId;

namespace {

// An in-memory PersonDirectory.
class Directory : public motivo::PersonDirectory {
public:
  struct Person {
    std::string name, key, slug;
  };
  std::vector<Person> people;

  PersonId create_person(std::string_view name, std::string_view key, std::string_view slug) override
  {
    people.push_back({std::string(name), std::string(key), std::string(slug)});
    return static_cast<PersonId>(people.size());
  }
  void attach_slug(PersonId id, std::string_view slug) override
  {
    people.at(static_cast<std::size_t>(id - 1)).slug = slug;
  }
};

} // namespace

TEST(People, SlugWinsAndNamesMergeWithoutOne)
{
  Directory d;
  PeopleResolver r(d, {});
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
  PeopleResolver r(d, {});
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
  PeopleResolver r(d, {});
  const auto a = r.resolve("Elihu Piña", "https://www.linkedin.com/in/elihu-piña-albarran");
  EXPECT_EQ(r.resolve("Elihu Piña Albarrán", "https://www.linkedin.com/in/elihu-pi%C3%B1a-albarran"), a);
}

TEST(People, StartsFromThePeopleAlreadyStored)
{
  Directory d;
  d.people = {{"Ana", "ana", ""}, {"Bea", "bea", "bea-1"}};
  PeopleResolver r(d, {{1, "ana", ""}, {2, "bea", "bea-1"}});
  EXPECT_EQ(r.resolve("Bea", "https://www.linkedin.com/in/bea-1"), 2);
  EXPECT_EQ(r.resolve("bea", ""), 2);
  EXPECT_EQ(r.resolve("Ana", "https://www.linkedin.com/in/ana-9"), 1);
  EXPECT_EQ(d.people[0].slug, "ana-9");
  EXPECT_EQ(r.created(), 0u);
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
