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
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <unordered_map>

#include "conll.h"
#include "entities/gazetteer.h"
#include "text/hash.h"

namespace fs = std::filesystem;
using namespace docket;

namespace {

// One instance per candidate word: its features and the previous word's gold label,
// as the decoder will see them (a word that is no candidate is outside).
struct Instances {
    std::vector<std::vector<std::uint64_t>> features;
    std::vector<double> labels;
};

Instances instances(const std::vector<conll::Document>& docs, const std::vector<recogniser::DocumentContext>& contexts) {
    Instances out;
    std::vector<std::uint64_t> features;
    for (std::size_t d = 0; d < docs.size(); ++d) {
        const auto& doc = docs[d];
        for (std::size_t s = 0; s < doc.sentences.size(); ++s) {
            const auto& sentence = doc.sentences[s];
            for (std::size_t i = 0; i < sentence.words.size(); ++i) {
                if (!recogniser::is_candidate(sentence, i)) continue;
                recogniser::token_features(sentence, i, contexts[d], features);
                if (!contexts[d].first_pass_label.empty()) recogniser::first_pass_features(sentence, s, i, contexts[d], features);
                const int previous = i > 0 && recogniser::is_candidate(sentence, i - 1) ? doc.labels[s][i - 1] : recogniser::kOutside;
                features.push_back(recogniser::previous_label_feature(previous));
                out.features.push_back(features);
                out.labels.push_back(doc.labels[s][i]);
            }
        }
    }
    return out;
}

std::vector<recogniser::DocumentContext> first_stage_contexts(const std::vector<conll::Document>& docs) {
    std::vector<recogniser::DocumentContext> out;
    for (const auto& d : docs) out.push_back(recogniser::document_context(d.sentences));
    return out;
}

// Trains one stage; returns its model lines ("stage TAB hash TAB label:weight ...").
std::string train_stage(const Instances& data, double c, int stage, int min_count) {
    std::unordered_map<std::uint64_t, int> counts;
    for (const auto& row : data.features)
        for (auto f : row) ++counts[f];
    // Features seen often enough, numbered in order of first appearance (deterministic).
    std::unordered_map<std::uint64_t, int> index;
    std::vector<std::uint64_t> hash_of_index(1, 0);
    std::vector<std::vector<feature_node>> rows;
    for (const auto& features : data.features) {
        std::vector<feature_node> row;
        for (auto f : features) {
            if (counts[f] < min_count) continue;
            auto [it, added] = index.emplace(f, static_cast<int>(hash_of_index.size()));
            if (added) hash_of_index.push_back(f);
            row.push_back({it->second, 1.0});
        }
        std::sort(row.begin(), row.end(), [](const feature_node& a, const feature_node& b) { return a.index < b.index; });
        row.erase(std::unique(row.begin(), row.end(), [](const feature_node& a, const feature_node& b) { return a.index == b.index; }),
                  row.end());
        row.push_back({-1, 0});
        rows.push_back(std::move(row));
    }
    std::vector<feature_node*> x;
    for (auto& r : rows) x.push_back(r.data());
    problem prob{};
    prob.l = static_cast<int>(rows.size());
    prob.n = static_cast<int>(hash_of_index.size() - 1);
    prob.y = const_cast<double*>(data.labels.data());
    prob.x = x.data();
    prob.bias = -1;  // the "bias" feature is in every row
    parameter param{};
    param.solver_type = L1R_LR;
    param.eps = 0.01;
    param.C = c;
    std::srand(1);  // liblinear shuffles with rand()
    model* m = train(&prob, &param);
    std::ostringstream out;
    for (int f = 1; f <= m->nr_feature; ++f) {
        std::string line;
        for (int k = 0; k < m->nr_class; ++k) {
            const double w = m->w[static_cast<std::size_t>(f - 1) * static_cast<std::size_t>(m->nr_class) + static_cast<std::size_t>(k)];
            if (std::abs(w) < 1e-5) continue;
            char buf[48];
            std::snprintf(buf, sizeof buf, "%s%d:%.5g", line.empty() ? "" : " ", m->label[k], w);
            line += buf;
        }
        if (!line.empty()) out << stage << '\t' << text::hex_digits(hash_of_index[static_cast<std::size_t>(f)]) << '\t' << line << '\n';
    }
    free_and_destroy_model(&m);
    return out.str();
}

recogniser::Model model_of(const std::string& tsv) {
    recogniser::Model m;
    m.load(tsv, "trained model");
    return m;
}

void print_scores(const char* what, const conll::Scores& s) {
    static const char* const kinds[] = {"PER", "ORG", "LOC", "MISC"};
    std::printf("%s: all F1 %.3f", what, s.all.f1());
    for (int k = 0; k < 4; ++k) std::printf("  %s P %.3f R %.3f F1 %.3f", kinds[k], s.by_kind[k].precision(), s.by_kind[k].recall(), s.by_kind[k].f1());
    std::printf("\n");
}

// The tuning set's ORG misses and false alarms, in their sentences (for feature work).
void print_org_errors(const std::vector<conll::Document>& docs, const recogniser::Model& model, int limit) {
    auto text = [](const recogniser::Sentence& s, std::size_t a, std::size_t b) {
        std::string out;
        for (std::size_t k = a; k < b; ++k) out += (k > a ? " " : "") + s.words[k];
        return out;
    };
    for (const auto& d : docs) {
        const auto predicted = recogniser::recognise(d.sentences, model);
        const auto gold = conll::gold_spans(d);
        auto has = [](const std::vector<recogniser::Span>& v, const recogniser::Span& x) {
            return std::any_of(v.begin(), v.end(), [&](const recogniser::Span& y) {
                return y.sentence == x.sentence && y.first == x.first && y.end == x.end && y.kind == x.kind;
            });
        };
        auto show = [&](const char* what, const recogniser::Span& sp, const std::vector<recogniser::Span>& other) {
            const auto& s = d.sentences[sp.sentence];
            std::string got;
            for (const auto& o : other)
                if (o.sentence == sp.sentence && o.first < sp.end && sp.first < o.end)
                    got += " [" + text(s, o.first, o.end) + "/" + std::to_string(static_cast<int>(o.kind)) + "]";
            std::printf("%s %-30s |%s| in: %s\n", what, text(s, sp.first, sp.end).c_str(), got.c_str(),
                        text(s, sp.first > 6 ? sp.first - 6 : 0, std::min(s.words.size(), sp.end + 6)).c_str());
        };
        for (const auto& g : gold)
            if (g.kind == recogniser::Kind::Organisation && !has(predicted, g) && limit-- > 0) show("FN", g, predicted);
        for (const auto& p : predicted)
            if (p.kind == recogniser::Kind::Organisation && !has(gold, p) && limit-- > 0) show("FP", p, gold);
        if (limit <= 0) return;
    }
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Train the name recogniser on CoNLL-2003 and write its model"};
    std::string shared = "../shared", out_path = "common/entities/data/recogniser.tsv";
    std::vector<double> cs = {8, 16, 32, 64};
    int min_count = 1;
    int show_errors = 0;
    std::string evaluate_path;
    app.add_option("--shared", shared, "The shared data directory (holds ner/conll2003/)");
    app.add_option("--out", out_path, "Where to write the model");
    app.add_option("--c", cs, "Values of liblinear's C to try (chosen on eng.testa)")->delimiter(',');
    app.add_option("--min-count", min_count, "Keep features seen at least this often in eng.train");
    app.add_option("--errors", show_errors, "Print this many ORG errors of the chosen model on eng.testa");
    app.add_option("--evaluate", evaluate_path, "Only score this model file on eng.testa and eng.testb");
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
    if (!evaluate_path.empty()) {
        std::ifstream in(evaluate_path, std::ios::binary);
        const std::string tsv((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const recogniser::Model m = model_of(tsv);
        print_scores("eng.testa", conll::evaluate(testa, m));
        print_scores("eng.testb", conll::evaluate(testb, m));
        if (show_errors > 0) print_org_errors(testa, m, show_errors);
        return 0;
    }

    long missed = 0, named = 0;
    for (const auto& d : train_docs)
        for (std::size_t s = 0; s < d.sentences.size(); ++s)
            for (std::size_t i = 0; i < d.sentences[s].words.size(); ++i)
                if (d.labels[s][i] != recogniser::kOutside) {
                    ++named;
                    if (!recogniser::is_candidate(d.sentences[s], i)) ++missed;
                }
    const Instances first_data = instances(train_docs, first_stage_contexts(train_docs));
    std::printf("eng.train: %zu candidate words (of the named words, %ld of %ld are no candidate)\n", first_data.labels.size(),
                missed, named);
    set_print_string_function([](const char*) {});

    // Stage 1: C chosen by ORG F1 on eng.testa.
    std::string first_tsv;
    double first_c = 0, best_f1 = -1;
    for (double c : cs) {
        const std::string tsv = train_stage(first_data, c, 1, min_count);
        const auto scores = conll::evaluate(testa, model_of(tsv));
        char what[64];
        std::snprintf(what, sizeof what, "stage 1, C=%g, eng.testa", c);
        print_scores(what, scores);
        if (scores.by_kind[1].f1() > best_f1) best_f1 = scores.by_kind[1].f1(), first_c = c, first_tsv = tsv;
    }
    // Stage 2 learns from first-stage labels as they are on unseen text: each fifth of
    // eng.train is labelled by a first stage trained on the other four fifths.
    constexpr std::size_t kFolds = 5;
    std::vector<recogniser::DocumentContext> contexts = first_stage_contexts(train_docs);
    for (std::size_t fold = 0; fold < kFolds; ++fold) {
        std::vector<conll::Document> rest;
        for (std::size_t d = 0; d < train_docs.size(); ++d)
            if (d % kFolds != fold) rest.push_back(train_docs[d]);
        const recogniser::Model fold_model = model_of(train_stage(instances(rest, first_stage_contexts(rest)), first_c, 1, min_count));
        for (std::size_t d = fold; d < train_docs.size(); d += kFolds)
            recogniser::note_first_pass(train_docs[d].sentences,
                                        recogniser::decode_first_stage(train_docs[d].sentences, contexts[d], fold_model), contexts[d]);
    }
    const Instances second_data = instances(train_docs, contexts);
    std::string best_tsv = first_tsv;
    double second_c = 0;
    for (double c : cs) {
        const std::string tsv = first_tsv + train_stage(second_data, c, 2, min_count);
        const auto scores = conll::evaluate(testa, model_of(tsv));
        char what[64];
        std::snprintf(what, sizeof what, "stage 2, C=%g, eng.testa", c);
        print_scores(what, scores);
        if (scores.by_kind[1].f1() > best_f1) best_f1 = scores.by_kind[1].f1(), second_c = c, best_tsv = tsv;
    }
    const recogniser::Model chosen = model_of(best_tsv);
    if (show_errors > 0) print_org_errors(testa, chosen, show_errors);
    const auto final_scores = conll::evaluate(testb, chosen);
    print_scores("chosen model, eng.testb", final_scores);

    std::ofstream out(out_path, std::ios::binary);
    char header[2048];  // (the comment block below is about 700 bytes)
    std::snprintf(header, sizeof header,
                  "# recogniser.tsv -- GENERATED by tests/eval/train_recogniser; do not edit by hand.\n"
                  "# Weights of a linear name recogniser (features: common/entities/recogniser/features.h),\n"
                  "# trained on CoNLL-2003 eng.train with liblinear %d (L1-regularised logistic regression,\n"
                  "# C %g (stage 1) and %g (stage 2; 0: none) chosen on eng.testa, features seen >= %d times).\n"
                  "# No text of the corpus is stored.\n"
                  "# eng.testa ORG F1 %.3f; eng.testb ORG F1 %.3f, all kinds F1 %.3f.\n"
                  "# Format: stage TAB feature hash (FNV-1a, hex) TAB label:weight ... (labels: O B-PER I-PER B-ORG I-ORG B-LOC I-LOC B-MISC I-MISC)\n",
                  liblinear_version, first_c, second_c, min_count, best_f1, final_scores.by_kind[1].f1(), final_scores.all.f1());
    out << header << best_tsv;
    if (!out) {
        std::fprintf(stderr, "train_recogniser: cannot write %s\n", out_path.c_str());
        return 1;
    }
    std::printf("wrote %s (stage 1: C %g, %zu features; stage 2: C %g, %zu features)\n", out_path.c_str(), first_c,
                chosen.features(1), second_c, chosen.features(2));
    return 0;
}
