// Makes the recogniser's word clusters, common/entities/data/word-clusters.tsv, from
// unlabelled news (Reuters-21578, without the gold set's stories):
//
//   train_clusters [--shared DIR] [--gold DIR] [--out FILE]
//
// Each frequent word is described by the words just before and after it (positive
// pointwise mutual information over the 1,000 commonest neighbours, randomly projected
// to 100 dimensions), then grouped by spherical k-means into 64, 256 and 1,024
// clusters. Deterministic: fixed projection seed, first centroids the commonest words.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

#include "entities/recogniser/recogniser.h"
#include "text/read_file.h"

namespace fs = std::filesystem;
using namespace docket;

namespace {

constexpr std::size_t kMinCount = 5, kMaxWords = 40000, kContextWords = 1000, kDims = 100;
constexpr int kIterations = 12;

std::string lower(const std::string& w) {
    std::string out = w;
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// Spherical k-means over unit rows; returns each row's cluster.
std::vector<std::uint16_t> kmeans(const std::vector<float>& x, std::size_t rows, std::size_t k) {
    std::vector<float> centres(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(k * kDims));  // the k commonest words
    std::vector<std::uint16_t> of(rows, 0);
    for (int it = 0; it < kIterations; ++it) {
        for (std::size_t r = 0; r < rows; ++r) {
            const float* v = &x[r * kDims];
            float best = -2;
            for (std::size_t c = 0; c < k; ++c) {
                const float* m = &centres[c * kDims];
                float dot = 0;
                for (std::size_t d = 0; d < kDims; ++d) dot += v[d] * m[d];
                if (dot > best) best = dot, of[r] = static_cast<std::uint16_t>(c);
            }
        }
        std::vector<double> sums(k * kDims, 0);
        for (std::size_t r = 0; r < rows; ++r)
            for (std::size_t d = 0; d < kDims; ++d) sums[of[r] * kDims + d] += x[r * kDims + d];
        for (std::size_t c = 0; c < k; ++c) {
            double norm = 0;
            for (std::size_t d = 0; d < kDims; ++d) norm += sums[c * kDims + d] * sums[c * kDims + d];
            if (norm == 0) continue;  // an empty cluster keeps its centre
            norm = std::sqrt(norm);
            for (std::size_t d = 0; d < kDims; ++d) centres[c * kDims + d] = static_cast<float>(sums[c * kDims + d] / norm);
        }
    }
    return of;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Make the recogniser's word clusters from unlabelled news"};
    std::string shared = "../shared", gold = "tests/gold", out_path = "common/entities/data/word-clusters.tsv";
    app.add_option("--shared", shared, "The shared data directory (holds corpora/reuters21578/)");
    app.add_option("--gold", gold, "Gold annotations (their stories are left out)");
    app.add_option("--out", out_path, "Where to write the clusters");
    CLI11_PARSE(app, argc, argv);

    const fs::path docs = fs::path(shared) / "corpora/reuters21578/docs";
    if (!fs::exists(docs)) {
        std::fprintf(stderr, "train_clusters: %s not found\n", docs.c_str());
        return 2;
    }
    std::set<std::string> held_back;  // the gold set's stories
    for (const auto& entry : fs::directory_iterator(gold)) {
        std::ifstream in(entry.path());
        std::string line;
        while (std::getline(in, line))
            if (line.rfind("{", 0) == 0) {
                const auto doc = nlohmann::json::parse(line, nullptr, false);
                if (doc.is_object() && doc.contains("doc")) held_back.insert(fs::path(doc["doc"].get<std::string>()).filename());
            }
    }
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(docs))
        if (!held_back.count(entry.path().filename())) files.push_back(entry.path());
    std::sort(files.begin(), files.end());

    std::vector<std::vector<std::string>> sentences;
    std::unordered_map<std::string, std::size_t> counts, context_counts;
    for (const auto& f : files) {
        std::string content;
        if (text::read_whole_file(f.string(), content) != text::ReadStatus::Ok) continue;
        auto split = recogniser::split_sentences(content, text::tokenize(content));
        for (auto& s : split.sentences) {
            for (const auto& w : s.words) ++counts[w], ++context_counts[lower(w)];
            sentences.push_back(std::move(s.words));
        }
    }
    // The vocabulary: frequent words, commonest first (ties by spelling, for determinism).
    std::vector<std::pair<std::string, std::size_t>> vocab(counts.begin(), counts.end());
    std::sort(vocab.begin(), vocab.end(), [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
    while (!vocab.empty() && (vocab.back().second < kMinCount || vocab.size() > kMaxWords)) vocab.pop_back();
    std::vector<std::pair<std::string, std::size_t>> contexts(context_counts.begin(), context_counts.end());
    std::sort(contexts.begin(), contexts.end(), [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
    contexts.resize(std::min(contexts.size(), kContextWords));
    std::unordered_map<std::string, std::size_t> word_row, context_col;
    for (std::size_t i = 0; i < vocab.size(); ++i) word_row[vocab[i].first] = i;
    for (std::size_t i = 0; i < contexts.size(); ++i) context_col[contexts[i].first] = i;
    // Columns: left neighbour, then right; beyond the common words, a class (capitalised, other, edge).
    const std::size_t side = contexts.size() + 3, cols = 2 * side;
    auto column = [&](const std::vector<std::string>& s, std::ptrdiff_t j) -> std::size_t {
        if (j < 0 || j >= static_cast<std::ptrdiff_t>(s.size())) return contexts.size() + 2;
        const std::string& w = s[static_cast<std::size_t>(j)];
        auto it = context_col.find(lower(w));
        if (it != context_col.end()) return it->second;
        return !w.empty() && w[0] >= 'A' && w[0] <= 'Z' ? contexts.size() : contexts.size() + 1;
    };
    std::vector<float> m(vocab.size() * cols, 0);
    for (const auto& s : sentences)
        for (std::size_t i = 0; i < s.size(); ++i) {
            auto it = word_row.find(s[i]);
            if (it == word_row.end()) continue;
            m[it->second * cols + column(s, static_cast<std::ptrdiff_t>(i) - 1)] += 1;
            m[it->second * cols + side + column(s, static_cast<std::ptrdiff_t>(i) + 1)] += 1;
        }
    // Positive PMI.
    std::vector<double> row_sum(vocab.size(), 0), col_sum(cols, 0);
    double total = 0;
    for (std::size_t r = 0; r < vocab.size(); ++r)
        for (std::size_t c = 0; c < cols; ++c) row_sum[r] += m[r * cols + c], col_sum[c] += m[r * cols + c], total += m[r * cols + c];
    for (std::size_t r = 0; r < vocab.size(); ++r)
        for (std::size_t c = 0; c < cols; ++c) {
            float& v = m[r * cols + c];
            if (v > 0) v = static_cast<float>(std::max(0.0, std::log(v * total / (row_sum[r] * col_sum[c]))));
        }
    // A fixed random projection (a linear congruential generator, so every run is the same).
    std::vector<float> projection(cols * kDims);
    std::uint64_t state = 14;
    for (float& p : projection) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        p = (state >> 63) ? 1.0f : -1.0f;
    }
    std::vector<float> x(vocab.size() * kDims, 0);
    for (std::size_t r = 0; r < vocab.size(); ++r) {
        for (std::size_t c = 0; c < cols; ++c) {
            const float v = m[r * cols + c];
            if (v == 0) continue;
            for (std::size_t d = 0; d < kDims; ++d) x[r * kDims + d] += v * projection[c * kDims + d];
        }
        double norm = 0;
        for (std::size_t d = 0; d < kDims; ++d) norm += double(x[r * kDims + d]) * x[r * kDims + d];
        norm = norm > 0 ? std::sqrt(norm) : 1;
        for (std::size_t d = 0; d < kDims; ++d) x[r * kDims + d] = static_cast<float>(x[r * kDims + d] / norm);
    }
    const auto coarse = kmeans(x, vocab.size(), 64), middle = kmeans(x, vocab.size(), 256), fine = kmeans(x, vocab.size(), 1024);

    std::ofstream out(out_path, std::ios::binary);
    out << "# word-clusters.tsv -- GENERATED by tests/eval/train_clusters; do not edit by hand.\n"
           "# Word clusters (64, 256, 1024) from the contexts of " << vocab.size() << " words in " << files.size()
        << " Reuters-21578 stories\n# (the gold set's left out); no text is stored, only words and numbers.\n"
           "# Format: word TAB coarse TAB middle TAB fine\n";
    for (std::size_t r = 0; r < vocab.size(); ++r)
        out << vocab[r].first << '\t' << coarse[r] << '\t' << middle[r] << '\t' << fine[r] << '\n';
    if (!out) {
        std::fprintf(stderr, "train_clusters: cannot write %s\n", out_path.c_str());
        return 1;
    }
    std::printf("wrote %s: %zu words from %zu stories\n", out_path.c_str(), vocab.size(), files.size());
    return 0;
}
