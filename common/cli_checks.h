// Option checks shared by the indexer's and searcher's command lines, with
// messages in words (CLI11's own range checks print the limits of a double:
// "not in range 0.000000 to 1797693...").
#pragma once

#include <CLI/CLI.hpp>

#include <cmath>
#include <cstdlib>
#include <string>

namespace docket::cli {

// A finite number greater than 0 (fractions allowed: "--recency 0.5").
inline CLI::Validator greater_than_zero() {
    return CLI::Validator(
        [](std::string& value) -> std::string {
            char* end = nullptr;
            const double v = std::strtod(value.c_str(), &end);
            if (value.empty() || *end != '\0' || !std::isfinite(v) || v <= 0)
                return "expected a number greater than 0, got '" + value + "'";
            return "";
        },
        "NUMBER > 0");
}

// A whole number of at least `min` (counts: "--offset 20", "--commit-every 500").
inline CLI::Validator whole_number(unsigned long long min) {
    return CLI::Validator(
        [min](std::string& value) -> std::string {
            const bool digits = !value.empty() && value.find_first_not_of("0123456789") == std::string::npos;
            if (!digits || value.size() > 18 || std::stoull(value) < min)
                return "expected a whole number of at least " + std::to_string(min) + ", got '" + value + "'";
            return "";
        },
        "INTEGER >= " + std::to_string(min));
}

}  // namespace docket::cli
