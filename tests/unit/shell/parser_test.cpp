#include <gtest/gtest.h>

#include "sh/lang/parser.h"

TEST(ParserTest, Smoke) {
    auto result = sh::parse_all("echo hi\n");
    ASSERT_TRUE(std::holds_alternative<sh::Program>(result));
}
