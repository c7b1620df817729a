#include <motivo/io/command.hpp>

#include <gtest/gtest.h>

#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <string>
#include <unistd.h>

using motivo::io::run_shell;

TEST(RunShell, ReportsHowTheCommandEnded)
{
  const auto ok = run_shell("true", {}, {});
  EXPECT_TRUE(ok.started);
  EXPECT_TRUE(ok.succeeded());
  const auto failed = run_shell("exit 7", {}, {});
  EXPECT_TRUE(failed.started);
  EXPECT_FALSE(failed.succeeded());
  EXPECT_EQ(failed.exit_status, 7);
  const auto killed = run_shell("kill -TERM $$", {}, {});
  EXPECT_EQ(killed.signal, SIGTERM);
  EXPECT_EQ(killed.exit_status, -1);
  EXPECT_FALSE(killed.succeeded());
}

TEST(RunShell, TheEnvironmentIsOursWithTheChangesGiven)
{
  ::setenv("MOTIVO_TEST_KEPT", "kept", 1);
  ::setenv("MOTIVO_TEST_REPLACED", "old", 1);
  ::setenv("MOTIVO_TEST_SECRET", "s3cret", 1);
  const std::string script = R"sh(test "$MOTIVO_TEST_KEPT" = kept && test "$MOTIVO_TEST_REPLACED" = new &&
test "$(env | grep -c '^MOTIVO_TEST_REPLACED=')" = 1 && test -z "${MOTIVO_TEST_SECRET+set}" &&
test "$MOTIVO_TEST_VALUE" = '$(echo no); `echo no`')sh";
  const auto result =
      run_shell(script, {{"MOTIVO_TEST_REPLACED", "new"}, {"MOTIVO_TEST_VALUE", "$(echo no); `echo no`"}},
                {"MOTIVO_TEST_SECRET"});
  EXPECT_TRUE(result.succeeded()) << result.exit_status;
  ::unsetenv("MOTIVO_TEST_KEPT");
  ::unsetenv("MOTIVO_TEST_REPLACED");
  ::unsetenv("MOTIVO_TEST_SECRET");
}

TEST(RunShell, ItsInputIsEmptyAndOurFilesAreNotPassedOn)
{
  EXPECT_TRUE(run_shell("test -z \"$(cat)\"", {}, {}).succeeded());
  // A descriptor of ours (the database, the IMAP connection), even one without O_CLOEXEC, is closed in the command.
  const int fd = ::open("/dev/null", O_RDONLY);
  ASSERT_GT(fd, 2);
  const std::string probe = "if { true <&" + std::to_string(fd) + "; } 2>/dev/null; then exit 1; fi";
  EXPECT_EQ(run_shell(probe, {}, {}).exit_status, 0);
  ::close(fd);
}
