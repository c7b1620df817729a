#include <motivo/store/postgres/pg_conninfo.hpp>

#include <gtest/gtest.h>

#include <string>

using motivo::store::postgres::with_local_defaults;

// A server on this machine over TCP, the user choosing nothing: libpq gets sslmode=allow, in the string's own form.
TEST(PgConninfo, AllowsPlainTextToALoopbackServerWhenNothingChoosesTheEncryption)
{
  EXPECT_EQ(with_local_defaults("postgresql://motivo@127.0.0.1:5432/motivo", false),
            "postgresql://motivo@127.0.0.1:5432/motivo?sslmode=allow");
  EXPECT_EQ(with_local_defaults("postgresql://localhost/motivo?connect_timeout=5", false),
            "postgresql://localhost/motivo?connect_timeout=5&sslmode=allow");
  EXPECT_EQ(with_local_defaults("postgres://[::1]:5433/motivo", false), "postgres://[::1]:5433/motivo?sslmode=allow");
  EXPECT_EQ(with_local_defaults("host=localhost dbname=motivo", false), "host=localhost dbname=motivo sslmode=allow");
  EXPECT_EQ(with_local_defaults("postgresql://localhost:5432,127.0.0.2:5433/motivo", false),
            "postgresql://localhost:5432,127.0.0.2:5433/motivo?sslmode=allow");
  EXPECT_EQ(with_local_defaults("host=/run/postgresql,localhost dbname=motivo", false),
            "host=/run/postgresql,localhost dbname=motivo sslmode=allow");
  EXPECT_EQ(with_local_defaults("hostaddr=127.0.0.1 dbname=motivo", false),
            "hostaddr=127.0.0.1 dbname=motivo sslmode=allow");
}

// What the user said is what libpq gets: their sslmode, any other TLS setting, a service, or the environment's.
TEST(PgConninfo, LeavesTheUsersOwnChoiceAlone)
{
  for (const std::string url :
       {"postgresql://localhost/motivo?sslmode=require", "postgresql://localhost/motivo?sslmode=prefer",
        "host=localhost sslmode=disable", "postgresql://localhost/motivo?sslrootcert=/etc/ca.pem",
        "postgresql://localhost/motivo?requiressl=1", "service=motivo host=localhost"}) {
    EXPECT_EQ(with_local_defaults(url, false), url);
  }
  EXPECT_EQ(with_local_defaults("postgresql://localhost/motivo", true), "postgresql://localhost/motivo");
}

// Another host, a host resolved elsewhere, or none named (libpq's default socket or PGHOST): unchanged, as is a
// socket alone (libpq asks for no encryption there) and a string libpq cannot read (it says why).
TEST(PgConninfo, LeavesEverythingElseAsItIs)
{
  for (const std::string url : {"postgresql://motivo@db.internal/motivo", "postgresql://localhost,db.internal/motivo",
                                "host=localhost hostaddr=10.0.0.5 dbname=motivo",
                                "postgresql://127.0.0.1.example/motivo", "postgresql:///motivo", "dbname=motivo",
                                "postgresql:///motivo?host=/run/postgresql", "postgresql://%2Frun%2Fpostgresql/motivo",
                                "postgresql://localhost/motivo?no_such_setting=1", "host='localhost"}) {
    EXPECT_EQ(with_local_defaults(url, false), url);
  }
}
