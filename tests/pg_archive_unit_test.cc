// The PostgreSQL archive's pieces that need no server: which --db strings name
// PostgreSQL, passwords masked in messages, and a connection that cannot be
// made failing at once with a message. The archive itself is tested against a
// real server by tests/pg_archive_test.sh (ctest -R pg_archive).
#include <gtest/gtest.h>

#include <chrono>

#include "store/archive.h"
#include "store/pg_archive.h"

namespace sitrep {
namespace {

TEST(PgArchive, RecognisesConnectionStrings) {
  EXPECT_TRUE(is_postgres_url("postgresql://sitrep@db1/news"));
  EXPECT_TRUE(is_postgres_url("postgres://db1/news?connect_timeout=3"));
  EXPECT_TRUE(is_postgres_url("host=db1 dbname=news user=sitrep"));
  EXPECT_TRUE(is_postgres_url("dbname=news"));
  EXPECT_FALSE(is_postgres_url("archive.db"));
  EXPECT_FALSE(is_postgres_url("/data/news.db"));
  EXPECT_FALSE(is_postgres_url("my-dbname=x.db"));  // a file whose name merely contains the key
  EXPECT_FALSE(is_postgres_url("postgresql.db"));
}

TEST(PgArchive, MasksPasswords) {
  EXPECT_EQ(redact_conninfo("postgresql://sitrep:s3cret@db1/news"), "postgresql://sitrep:***@db1/news");
  EXPECT_EQ(redact_conninfo("postgresql://db1/news?password=s3cret&sslmode=require"),
            "postgresql://db1/news?password=***&sslmode=require");
  EXPECT_EQ(redact_conninfo("host=db1 password=s3cret dbname=news"), "host=db1 password=*** dbname=news");
  EXPECT_EQ(redact_conninfo("host=db1 password = 'a b\\'c' dbname=news"), "host=db1 password = *** dbname=news");
  EXPECT_EQ(redact_conninfo("postgresql://sitrep@db1/news"), "postgresql://sitrep@db1/news");
}

TEST(PgArchive, UnreachableServerFailsFastWithAMessage) {
  for (const char* url : {"postgresql://nobody:pw@127.0.0.1:1/x?connect_timeout=2",
                          "host=/nonexistent-sitrep-socket dbname=x connect_timeout=2"}) {
    const auto start = std::chrono::steady_clock::now();
    std::unique_ptr<ArchiveWriter> archive;
    StoreStatus s = open_archive(url, {}, archive);
    EXPECT_FALSE(s.ok()) << url;
    EXPECT_EQ(archive, nullptr);
    EXPECT_NE(s.message.find("cannot connect to the PostgreSQL archive"), std::string::npos) << s.message;
    EXPECT_EQ(s.message.find(":pw@"), std::string::npos) << "the password shows: " << s.message;
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5)) << url;
  }
}

}  // namespace
}  // namespace sitrep
