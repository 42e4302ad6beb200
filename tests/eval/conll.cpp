#include "conll.h"

#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <tuple>

#include "entities/gazetteer.h"

namespace docket::conll {
namespace {

int kind_index(const std::string& type) {
    if (type == "PER") return 0;
    if (type == "ORG") return 1;
    if (type == "LOC") return 2;
    if (type == "MISC") return 3;
    return -1;
}

}  // namespace

std::vector<Document> read(const std::string& path, const Gazetteer& gazetteer) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path + ": cannot read");
    std::vector<Document> docs;
    Document doc;
    recogniser::Sentence sentence;
    std::vector<int> labels;
    auto end_sentence = [&] {
        if (sentence.words.empty()) return;
        recogniser::prepare(sentence, gazetteer);
        doc.sentences.push_back(std::move(sentence));
        doc.labels.push_back(std::move(labels));
        sentence = {};
        labels.clear();
    };
    auto end_document = [&] {
        end_sentence();
        if (!doc.sentences.empty()) docs.push_back(std::move(doc));
        doc = {};
    };
    std::string line;
    std::size_t line_no = 0;
    int previous_kind = -1;
    while (std::getline(in, line)) {
        ++line_no;
        if (line.rfind("-DOCSTART-", 0) == 0) {
            end_document();
            continue;
        }
        if (line.empty()) {
            end_sentence();
            previous_kind = -1;
            continue;
        }
        std::istringstream fields(line);
        std::string word, pos, chunk, tag;
        if (!(fields >> word >> pos >> chunk >> tag)) throw std::runtime_error(path + ":" + std::to_string(line_no) + ": expected 4 fields");
        int label = recogniser::kOutside;
        int kind = -1;
        if (tag != "O") {
            kind = tag.size() > 2 ? kind_index(tag.substr(2)) : -1;
            if (kind < 0 || (tag[0] != 'I' && tag[0] != 'B'))
                throw std::runtime_error(path + ":" + std::to_string(line_no) + ": unknown tag " + tag);
            // IOB1: "I-" continues a name of the same kind; "B-" starts one next to another.
            const bool begins = tag[0] == 'B' || kind != previous_kind;
            label = recogniser::begin_label(static_cast<recogniser::Kind>(kind)) + (begins ? 0 : 1);
        }
        previous_kind = kind;
        sentence.words.push_back(word);
        labels.push_back(label);
    }
    end_document();
    return docs;
}

std::vector<recogniser::Span> gold_spans(const Document& doc) {
    std::vector<recogniser::Span> out;
    for (std::size_t s = 0; s < doc.labels.size(); ++s) {
        const auto& l = doc.labels[s];
        for (std::size_t i = 0; i < l.size();) {
            if (l[i] == recogniser::kOutside) {
                ++i;
                continue;
            }
            recogniser::Span sp{s, i, i + 1, recogniser::kind_of(l[i]), 1.0};
            while (sp.end < l.size() && l[sp.end] == l[i] + 1) ++sp.end;
            out.push_back(sp);
            i = sp.end;
        }
    }
    return out;
}

void score(const std::vector<recogniser::Span>& predicted, const std::vector<recogniser::Span>& gold, Scores& out) {
    using Key = std::tuple<std::size_t, std::size_t, std::size_t, int>;
    std::set<Key> g;
    for (const auto& sp : gold) g.insert({sp.sentence, sp.first, sp.end, static_cast<int>(sp.kind)});
    std::set<Key> p;
    for (const auto& sp : predicted) p.insert({sp.sentence, sp.first, sp.end, static_cast<int>(sp.kind)});
    for (const auto& k : p) {
        auto& s = out.by_kind[std::get<3>(k)];
        if (g.count(k)) ++s.tp, ++out.all.tp;
        else ++s.fp, ++out.all.fp;
    }
    for (const auto& k : g)
        if (!p.count(k)) ++out.by_kind[std::get<3>(k)].fn, ++out.all.fn;
}

Scores evaluate(const std::vector<Document>& docs, const recogniser::Model& model) {
    Scores out;
    for (const auto& d : docs) score(recogniser::recognise(d.sentences, model), gold_spans(d), out);
    return out;
}

}  // namespace docket::conll
