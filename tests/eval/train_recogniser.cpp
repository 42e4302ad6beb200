// Trains the name recogniser (common/entities/recogniser/) on CoNLL-2003 and
// writes its model, common/entities/data/recogniser.tsv:
//
//   train_recogniser [--shared DIR] [--out FILE] [--c 8,16,32,64] [--min-count N]
//
// The learner is liblinear's L1-regularised logistic regression (one-vs-rest over
// the nine BIO labels; L1 keeps the model small). It trains on eng.train only, picks
// the regularisation C by ORG F1 on eng.testa, and reports eng.testb once, for the
// chosen model. The same data and options give the same file on every run.
#include <linear.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "conll.h"
#include "entities/gazetteer.h"
#include "text/hash.h"

namespace fs = std::filesystem;
using namespace docket;

namespace {

struct Instances {
    std::vector<std::vector<feature_node>> rows;
    std::vector<double> labels;
};

// One instance per candidate word: its features and the previous word's gold label,
// as the decoder will see them (a word that is no candidate is outside).
template <typename Emit>
void for_each_candidate(const std::vector<conll::Document>& docs, Emit emit) {
    std::vector<std::uint64_t> features;
    for (const auto& d : docs) {
        const auto context = recogniser::document_context(d.sentences);
        for (std::size_t s = 0; s < d.sentences.size(); ++s) {
            const auto& sentence = d.sentences[s];
            for (std::size_t i = 0; i < sentence.words.size(); ++i) {
                if (!recogniser::is_candidate(sentence, i)) continue;
                recogniser::token_features(sentence, i, context, features);
                const int previous = i > 0 && recogniser::is_candidate(sentence, i - 1) ? d.labels[s][i - 1] : recogniser::kOutside;
                features.push_back(recogniser::previous_label_feature(previous));
                emit(features, d.labels[s][i]);
            }
        }
    }
}

std::string model_tsv(const model& m, const std::vector<std::uint64_t>& hash_of_index) {
    std::ostringstream out;
    for (int f = 1; f <= m.nr_feature; ++f) {
        std::string line;
        for (int k = 0; k < m.nr_class; ++k) {
            const double w = m.w[static_cast<std::size_t>(f - 1) * static_cast<std::size_t>(m.nr_class) + static_cast<std::size_t>(k)];
            if (std::abs(w) < 1e-5) continue;
            char buf[48];
            std::snprintf(buf, sizeof buf, "%s%d:%.5g", line.empty() ? "" : " ", m.label[k], w);
            line += buf;
        }
        if (!line.empty()) out << text::hex_digits(hash_of_index[static_cast<std::size_t>(f)]) << '\t' << line << '\n';
    }
    return out.str();
}

void print_scores(const char* what, const conll::Scores& s) {
    static const char* const kinds[] = {"PER", "ORG", "LOC", "MISC"};
    std::printf("%s: all F1 %.3f", what, s.all.f1());
    for (int k = 0; k < 4; ++k) std::printf("  %s P %.3f R %.3f F1 %.3f", kinds[k], s.by_kind[k].precision(), s.by_kind[k].recall(), s.by_kind[k].f1());
    std::printf("\n");
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Train the name recogniser on CoNLL-2003 and write its model"};
    std::string shared = "../shared", out_path = "common/entities/data/recogniser.tsv";
    std::vector<double> cs = {8, 16, 32, 64};
    int min_count = 1;
    app.add_option("--shared", shared, "The shared data directory (holds ner/conll2003/)");
    app.add_option("--out", out_path, "Where to write the model");
    app.add_option("--c", cs, "Values of liblinear's C to try (chosen on eng.testa)")->delimiter(',');
    app.add_option("--min-count", min_count, "Keep features seen at least this often in eng.train");
    CLI11_PARSE(app, argc, argv);

    const fs::path dir = fs::path(shared) / "ner/conll2003";
    if (!fs::exists(dir / "eng.train")) {
        std::fprintf(stderr, "train_recogniser: %s not found; CoNLL-2003 is needed to train\n", (dir / "eng.train").c_str());
        return 2;
    }
    const Gazetteer& gazetteer = Gazetteer::builtin();
    const auto train_docs = conll::read(dir / "eng.train", gazetteer);
    const auto testa = conll::read(dir / "eng.testa", gazetteer);
    const auto testb = conll::read(dir / "eng.testb", gazetteer);

    // Features seen often enough, numbered in order of first appearance (deterministic).
    std::unordered_map<std::uint64_t, int> counts;
    long missed = 0, named = 0;
    for_each_candidate(train_docs, [&](const std::vector<std::uint64_t>& fs_, int) {
        for (auto f : fs_) ++counts[f];
    });
    for (const auto& d : train_docs)
        for (std::size_t s = 0; s < d.sentences.size(); ++s)
            for (std::size_t i = 0; i < d.sentences[s].words.size(); ++i)
                if (d.labels[s][i] != recogniser::kOutside) {
                    ++named;
                    if (!recogniser::is_candidate(d.sentences[s], i)) ++missed;
                }
    std::unordered_map<std::uint64_t, int> index;
    std::vector<std::uint64_t> hash_of_index(1, 0);
    Instances data;
    for_each_candidate(train_docs, [&](const std::vector<std::uint64_t>& fs_, int label) {
        std::vector<feature_node> row;
        for (auto f : fs_) {
            if (counts[f] < min_count) continue;
            auto [it, added] = index.emplace(f, static_cast<int>(hash_of_index.size()));
            if (added) hash_of_index.push_back(f);
            row.push_back({it->second, 1.0});
        }
        std::sort(row.begin(), row.end(), [](const feature_node& a, const feature_node& b) { return a.index < b.index; });
        row.erase(std::unique(row.begin(), row.end(), [](const feature_node& a, const feature_node& b) { return a.index == b.index; }),
                  row.end());
        row.push_back({-1, 0});
        data.rows.push_back(std::move(row));
        data.labels.push_back(label);
    });
    std::printf("eng.train: %zu candidate words (of the named words, %ld of %ld are no candidate), %zu features\n",
                data.rows.size(), missed, named, hash_of_index.size() - 1);

    std::vector<feature_node*> x;
    for (auto& r : data.rows) x.push_back(r.data());
    problem prob{};
    prob.l = static_cast<int>(data.rows.size());
    prob.n = static_cast<int>(hash_of_index.size() - 1);
    prob.y = data.labels.data();
    prob.x = x.data();
    prob.bias = -1;  // the "bias" feature is in every row
    set_print_string_function([](const char*) {});

    std::string best_tsv;
    double best_c = 0, best_f1 = -1;
    for (double c : cs) {
        parameter param{};
        param.solver_type = L1R_LR;
        param.eps = 0.01;
        param.C = c;
        std::srand(1);  // liblinear shuffles with rand()
        model* m = train(&prob, &param);
        const std::string tsv = model_tsv(*m, hash_of_index);
        free_and_destroy_model(&m);
        recogniser::Model candidate;
        candidate.load(tsv, "trained model");
        const auto scores = conll::evaluate(testa, candidate);
        char what[64];
        std::snprintf(what, sizeof what, "C=%g (%zu features) eng.testa", c, candidate.features());
        print_scores(what, scores);
        if (scores.by_kind[1].f1() > best_f1) {
            best_f1 = scores.by_kind[1].f1();
            best_c = c;
            best_tsv = tsv;
        }
    }
    recogniser::Model chosen;
    chosen.load(best_tsv, "trained model");
    const auto final_scores = conll::evaluate(testb, chosen);
    print_scores("chosen model, eng.testb", final_scores);

    std::ofstream out(out_path, std::ios::binary);
    char header[512];
    std::snprintf(header, sizeof header,
                  "# recogniser.tsv -- GENERATED by tests/eval/train_recogniser; do not edit by hand.\n"
                  "# Weights of a linear name recogniser (features: common/entities/recogniser/features.h),\n"
                  "# trained on CoNLL-2003 eng.train with liblinear %d (L1-regularised logistic regression,\n"
                  "# C %g chosen on eng.testa, features seen >= %d times). No text of the corpus is stored.\n"
                  "# eng.testa ORG F1 %.3f; eng.testb ORG F1 %.3f, all kinds F1 %.3f.\n"
                  "# Format: feature hash (FNV-1a, hex) TAB label:weight ... (labels: O B-PER I-PER B-ORG I-ORG B-LOC I-LOC B-MISC I-MISC)\n",
                  liblinear_version, best_c, min_count, best_f1, final_scores.by_kind[1].f1(), final_scores.all.f1());
    out << header << best_tsv;
    if (!out) {
        std::fprintf(stderr, "train_recogniser: cannot write %s\n", out_path.c_str());
        return 1;
    }
    std::printf("wrote %s (C %g, %zu features)\n", out_path.c_str(), best_c, chosen.features());
    return 0;
}
