#include "ir_metrics.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <sstream>
#include <stdexcept>
#include <unordered_set>

namespace ireval {

namespace {

std::vector<std::string> fields(const std::string& line) {
    std::istringstream in(line);  // splits on tabs and spaces, drops a trailing '\r'
    std::vector<std::string> out;
    for (std::string f; in >> f;) out.push_back(std::move(f));
    return out;
}

// Whole-field numbers only: "1.5" is not a grade, "0.3x" is not a score.
template <typename T>
bool parse(const std::string& s, T& v) {
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && end == s.data() + s.size();
}

[[noreturn]] void bad(const char* what, std::size_t line, const std::string& text) {
    throw std::runtime_error(std::string(what) + " line " + std::to_string(line) + ": " + text);
}

}  // namespace

Qrels read_qrels(std::istream& in) {
    Qrels qrels;
    std::size_t n = 0;
    for (std::string line; std::getline(in, line);) {
        ++n;
        auto f = fields(line);
        if (f.empty() || (n == 1 && f[0] == "query-id")) continue;
        int grade = 0;
        if (f.size() != 3 || !parse(f[2], grade)) bad("qrels", n, line);
        qrels[f[0]][f[1]] = grade;
    }
    return qrels;
}

Run read_run(std::istream& in) {
    Run run;
    std::size_t n = 0;
    for (std::string line; std::getline(in, line);) {
        ++n;
        auto f = fields(line);
        if (f.empty()) continue;
        double score = 0;
        if (f.size() < 5 || !parse(f[4], score)) bad("run", n, line);  // the tag is optional
        run[f[0]].push_back({f[2], score});
    }
    return run;
}

std::vector<std::string> ranking(std::vector<Hit> hits) {
    // trec_eval's order: score descending, then docid descending.
    std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
        if (a.score != b.score) return a.score > b.score;
        return a.doc > b.doc;
    });
    std::vector<std::string> out;
    std::unordered_set<std::string> seen;
    for (auto& h : hits) {
        if (out.size() == kDepth) break;
        if (seen.insert(h.doc).second) out.push_back(std::move(h.doc));
    }
    return out;
}

Scores score(const std::map<std::string, int>& judged, const std::vector<std::string>& ranked) {
    std::vector<int> gains;
    for (const auto& [doc, grade] : judged)
        if (grade > 0) gains.push_back(grade);
    Scores s;
    if (gains.empty()) return s;
    const auto relevant = static_cast<double>(gains.size());  // grade >= 1

    // Linear gain (the grade), log2(rank + 1) discount, rank from 1.
    auto discount = [](std::size_t i) { return std::log2(static_cast<double>(i) + 2); };
    std::sort(gains.begin(), gains.end(), std::greater<>());
    double ideal = 0;
    for (std::size_t i = 0; i < gains.size() && i < 10; ++i) ideal += gains[i] / discount(i);

    double dcg = 0, precisions = 0;
    std::size_t found = 0, found100 = 0;
    for (std::size_t i = 0; i < ranked.size(); ++i) {
        auto it = judged.find(ranked[i]);
        if (it == judged.end() || it->second <= 0) continue;
        if (i < 10) dcg += it->second / discount(i);
        ++found;
        precisions += static_cast<double>(found) / static_cast<double>(i + 1);
        if (i < 100) ++found100;
    }
    s.ndcg10 = dcg / ideal;
    s.map = precisions / relevant;
    s.recall100 = static_cast<double>(found100) / relevant;
    return s;
}

Result evaluate(const Qrels& qrels, const Run& run) {
    Result r;
    for (const auto& [qid, judged] : qrels) {
        bool any = std::any_of(judged.begin(), judged.end(), [](const auto& j) { return j.second > 0; });
        if (!any) continue;
        auto it = run.find(qid);
        auto ranked = it == run.end() ? std::vector<std::string>{} : ranking(it->second);
        r.per_query[qid] = score(judged, ranked);
    }
    for (const auto& [qid, s] : r.per_query) {
        r.mean.ndcg10 += s.ndcg10;
        r.mean.map += s.map;
        r.mean.recall100 += s.recall100;
    }
    if (auto n = static_cast<double>(r.per_query.size()); n > 0) {
        r.mean.ndcg10 /= n;
        r.mean.map /= n;
        r.mean.recall100 /= n;
    }
    return r;
}

}  // namespace ireval
