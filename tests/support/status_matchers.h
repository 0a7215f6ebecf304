// gtest's view of a wire::Status: ASSERT_TRUE(IsOk(outbox->Append(batch)))
// fails with the status's own words.
#pragma once
#include <gtest/gtest.h>

#include "wire/status.h"

namespace opsroom::testing {

inline ::testing::AssertionResult IsOk(const wire::Status& status) {
  if (status.ok) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << status.error;
}

}  // namespace opsroom::testing
