// The money-amount scanner's one entry point beyond amounts.h, for the filter-bound
// parser in amounts.cpp. Internal to common/entities.
#pragma once

#include <optional>
#include <string_view>

namespace docket::amount_scanner {

// The value of `s` when the whole of it is a number with a magnitude and no
// currency ("1B", "250m", "1.5 billion"); nullopt otherwise.
std::optional<double> number_with_magnitude(std::string_view s);

}  // namespace docket::amount_scanner
