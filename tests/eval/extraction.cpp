// Extraction quality, measured: runs the real readers and entity extractor on
// the gold sets (tests/gold/) and on the external sets in ../shared/ner/, and
// prints precision, recall and F1 per entity type plus the errors behind them.
//
//   extraction [--gold DIR] [--corpus DIR] [--shared DIR] [--errors N] [--check]
//
// --check exits 1 when a target (README "Extraction quality") is missed.
// Sets whose data is absent (no ../shared) are skipped with a message.
#include <CLI/CLI.hpp>

#include "conll.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "entities/amounts.h"
#include "entities/cases.h"
#include "entities/entities.h"
#include "entities/gazetteer.h"
#include "readers.h"
#include "text/read_file.h"
#include "text/text.h"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace docket;

namespace {

struct Targets {
    double company_f1 = 0.90, amount_f1 = 0.95, case_f1 = 0.90;
    double currency_recall = 0.90, currency_value_accuracy = 0.90;
    double case_names_recognised = 0.95, case_names_whole = 0.95;
    std::size_t sport_articles_with_case = 3;  // of the 511 BBC sport articles
};

std::string slurp(const fs::path& p) {
    std::string content;
    docket::text::read_whole_file(p.string(), content);
    return content;
}

struct Score {
    std::size_t tp = 0, fp = 0, fn = 0;
    double precision() const { return tp + fp ? double(tp) / double(tp + fp) : 1.0; }
    double recall() const { return tp + fn ? double(tp) / double(tp + fn) : 1.0; }
    double f1() const {
        double p = precision(), r = recall();
        return p + r > 0 ? 2 * p * r / (p + r) : 0;
    }
    void add(const Score& o) {
        tp += o.tp;
        fp += o.fp;
        fn += o.fn;
    }
};

// Names compare case-insensitively, without punctuation, legal suffixes or a leading "the".
std::string name_key(const std::string& name) {
    std::string s = text::to_lower_ascii(strip_legal_suffixes(name));
    if (s.rfind("the ", 0) == 0) s = s.substr(4);
    std::string out;
    for (char c : s)
        if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) out += c;
    return out;
}

std::string case_key(const std::string& name) {
    std::string s = text::to_lower_ascii(name);
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s.compare(i, 4, "the ") == 0 && (i == 0 || s[i - 1] == ' ')) {
            i += 3;
            continue;
        }
        if (std::isalnum(static_cast<unsigned char>(s[i]))) out += s[i];
    }
    return out;
}

bool same_value(double a, double b) { return std::fabs(a - b) <= 1e-6 * std::max({1.0, std::fabs(a), std::fabs(b)}); }

struct Errors {
    std::vector<std::string> lines;
    void add(const std::string& kind, const std::string& doc, const std::string& what) {
        lines.push_back(kind + "  " + doc + ": " + what);
    }
};

std::string money(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

// Finds the article a gold record names: a Reuters path below shared/, or a corpus file (#id for .jsonl).
bool load_article(const std::string& doc, const fs::path& corpus, const fs::path& shared, Article& out,
                  std::string& why) {
    std::string file = doc, id;
    if (auto hash = doc.find('#'); hash != std::string::npos) {
        file = doc.substr(0, hash);
        id = doc.substr(hash + 1);
    }
    fs::path path = file.rfind("corpora/", 0) == 0 ? shared / file : corpus / file;
    if (!fs::exists(path)) {
        why = "missing " + path.string();
        return false;
    }
    auto format = readers::format_of(path.string());
    auto r = readers::read(format, path.string(), slurp(path));
    for (auto& a : r.articles) {
        if (id.empty() || (a.id.size() > id.size() && a.id.compare(a.id.size() - id.size() - 1, std::string::npos, "#" + id) == 0)) {
            out = std::move(a);
            return true;
        }
    }
    why = "no article " + doc + (r.error.empty() ? "" : " (" + r.error + ")");
    return false;
}

struct GoldResult {
    Score companies, cases, amounts;
    std::size_t articles = 0;
    void add(const GoldResult& o) {
        companies.add(o.companies);
        cases.add(o.cases);
        amounts.add(o.amounts);
        articles += o.articles;
    }
};

// The gold files of one part: tests/gold/<prefix>*.jsonl, sorted.
std::vector<fs::path> gold_files(const fs::path& dir, const std::string& prefix) {
    std::vector<fs::path> files;
    for (const auto& f : fs::directory_iterator(dir))
        if (f.path().filename().string().rfind(prefix, 0) == 0 && f.path().extension() == ".jsonl") files.push_back(f.path());
    std::sort(files.begin(), files.end());
    return files;
}

GoldResult score_gold_file(const fs::path& file, const fs::path& corpus, const fs::path& shared,
                           const EntityExtractor& ex, Errors& errors) {
    GoldResult res;
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);) {
        if (text::trim(line).empty()) continue;
        json g = json::parse(line);
        std::string doc = g["doc"];
        Article a;
        std::string why;
        if (!load_article(doc, corpus, shared, a, why)) {
            std::cerr << "extraction: " << file.filename().string() << ": " << why << "\n";
            continue;
        }
        ++res.articles;
        Entities e = ex.extract(a);

        // A predicted company matches a gold company when its name equals the gold
        // canonical name or one of the gold surface forms ("Aequitron Medical" for
        // gold "Aequitron" written "Aequitron Medical Inc"); each gold company matches once.
        std::vector<std::set<std::string>> gold_keys;
        std::vector<std::string> gold_names;
        for (const auto& c : g["companies"]) {
            std::set<std::string> keys = {name_key(c["name"])};
            // The annotation rule "canonical name from companies.tsv when the company is
            // there", applied here too, so gold written before a gazetteer entry existed still counts.
            for (const auto& f : c.value("forms", json::array())) {
                keys.insert(name_key(f));
                if (auto canonical = ex.gazetteer().canonical_for(f.get<std::string>())) keys.insert(name_key(*canonical));
            }
            gold_keys.push_back(std::move(keys));
            gold_names.push_back(c["name"]);
        }
        std::vector<bool> gold_hit(gold_keys.size(), false);
        for (const auto& c : e.companies) {
            std::string k = name_key(c.name);
            bool hit = false;
            for (std::size_t gi = 0; gi < gold_keys.size() && !hit; ++gi)
                if (gold_keys[gi].count(k)) {
                    hit = true;
                    if (!gold_hit[gi]) ++res.companies.tp;  // a second name for one company is not an error
                    gold_hit[gi] = true;
                }
            if (!hit) {
                ++res.companies.fp;
                errors.add("FP company", doc, c.name + " (as \"" + c.mentions[0].text + "\")");
            }
        }
        for (std::size_t gi = 0; gi < gold_keys.size(); ++gi)
            if (!gold_hit[gi]) {
                ++res.companies.fn;
                errors.add("FN company", doc, gold_names[gi]);
            }

        std::map<std::string, std::string> gold_cases, got_cases;
        for (const auto& c : g["cases"]) gold_cases[case_key(c["name"])] = c["name"];
        for (const auto& c : e.cases) got_cases[case_key(c.name)] = c.name;
        for (const auto& [k, n] : got_cases) {
            if (gold_cases.count(k)) ++res.cases.tp;
            else {
                ++res.cases.fp;
                errors.add("FP case", doc, n);
            }
        }
        for (const auto& [k, n] : gold_cases)
            if (!got_cases.count(k)) {
                ++res.cases.fn;
                errors.add("FN case", doc, n);
            }

        // Amounts: distinct (currency, min, max) per article.
        std::vector<const Amount*> got;
        for (const auto& m : e.amounts)
            if (std::none_of(got.begin(), got.end(), [&](const Amount* x) {
                    return x->currency == m.currency && same_value(x->min, m.min) && same_value(x->max, m.max);
                }))
                got.push_back(&m);
        std::vector<bool> used(got.size(), false);
        for (const auto& ga : g["amounts"]) {
            bool found = false;
            for (std::size_t k = 0; k < got.size() && !found; ++k) {
                if (used[k] || got[k]->currency != ga["currency"].get<std::string>() ||
                    !same_value(got[k]->min, ga["min"].get<double>()) || !same_value(got[k]->max, ga["max"].get<double>()))
                    continue;
                used[k] = found = true;
            }
            if (found) ++res.amounts.tp;
            else {
                ++res.amounts.fn;
                errors.add("FN amount", doc, "\"" + ga["text"].get<std::string>() + "\" " + ga["currency"].get<std::string>() +
                                                 " " + money(ga["min"]) + ".." + money(ga["max"]));
            }
        }
        for (std::size_t k = 0; k < got.size(); ++k)
            if (!used[k]) {
                ++res.amounts.fp;
                errors.add("FP amount", doc, "\"" + got[k]->text + "\" " + got[k]->currency + " " + money(got[k]->min) +
                                                 ".." + money(got[k]->max));
            }
    }
    return res;
}

// The held-out targets of issue 14 (BBC gold, facet completeness): printed
// against the figures, not yet enforced by --check.
struct HeldOutTargets {
    double bbc_company_f1 = 0.90, bbc_company_recall = 0.88;
    double completeness_recall = 0.95, completeness_precision = 0.97;
    double conll_org_f1 = 0.85;
};

// The .txt articles below a BBC corpus folder, sorted, each read as the indexer reads it.
struct BbcFile {
    fs::path path;
    std::vector<Article> articles;
};
std::vector<BbcFile> read_bbc_articles(const fs::path& root) {
    std::vector<fs::path> paths;
    for (const auto& f : fs::recursive_directory_iterator(root))
        if (f.is_regular_file() && f.path().extension() == ".txt") paths.push_back(f.path());
    std::sort(paths.begin(), paths.end());
    std::vector<BbcFile> files;
    for (const auto& path : paths)
        files.push_back({path, readers::read(readers::format_of(path.string()), path.string(), slurp(path)).articles});
    return files;
}

// Facet completeness: for each company of tests/gold/facet-completeness.json
// (chosen and verified by hand over the whole BBC corpus before looking at any
// output), the articles whose extracted companies include it, against the
// articles that name it: what `searcher --company X` finds.
void completeness(const fs::path& list, const fs::path& shared, const EntityExtractor& ex, const HeldOutTargets& t) {
    const json gold = json::parse(slurp(list));
    const fs::path root = shared / gold["corpus"].get<std::string>();
    struct Company {
        std::string name;
        std::set<std::string> keys, docs;
        std::size_t found = 0, extra = 0;
    };
    std::vector<Company> companies;
    for (const auto& c : gold["companies"]) {
        Company co{c["name"], {name_key(c["name"])}, {}};
        for (const auto& f : c["forms"]) {
            co.keys.insert(name_key(f));
            if (auto canonical = ex.gazetteer().canonical_for(f.get<std::string>())) co.keys.insert(name_key(*canonical));
        }
        for (const auto& d : c["docs"]) co.docs.insert(d.get<std::string>());
        companies.push_back(std::move(co));
    }
    const std::vector<BbcFile> files = read_bbc_articles(root);
    for (const auto& file : files) {
        const std::string doc = fs::relative(file.path, shared).string();
        std::set<std::string> got;
        for (const auto& a : file.articles)
            for (const auto& c : ex.extract(a).companies) got.insert(name_key(c.name));
        for (auto& co : companies) {
            const bool named = co.docs.count(doc) > 0;
            const bool tagged = std::any_of(co.keys.begin(), co.keys.end(), [&](const std::string& k) { return got.count(k); });
            if (named && tagged) ++co.found;
            if (!named && tagged) ++co.extra;
        }
    }
    std::size_t found = 0, named = 0, extra = 0;
    std::printf("Facet completeness, %zu BBC companies over %zu articles (held out; issue 14 targets, not gating):\n",
                companies.size(), files.size());
    for (const auto& co : companies) {
        std::printf("    %-20s %3zu / %3zu articles", co.name.c_str(), co.found, co.docs.size());
        if (co.extra) std::printf(", %zu not naming it", co.extra);
        std::printf("\n");
        found += co.found;
        named += co.docs.size();
        extra += co.extra;
    }
    const double recall = named ? double(found) / double(named) : 1, precision = found + extra ? double(found) / double(found + extra) : 1;
    std::printf("  recall %.3f (target >= %.2f %s), precision %.3f (target >= %.2f %s)\n", recall, t.completeness_recall,
                recall >= t.completeness_recall ? "ok" : "MISSED", precision, t.completeness_precision,
                precision >= t.completeness_precision ? "ok" : "MISSED");
}

// BBC sport: fixtures ("Chelsea v Birmingham"), results and head-to-heads
// ("Federer v Roddick") written like case names, and almost never a lawsuit. Every
// predicted case is listed with its file, to be read by hand.
bool sport_cases(const fs::path& shared, const EntityExtractor& ex, const Targets& t) {
    const std::vector<BbcFile> files = read_bbc_articles(shared / "corpora/bbc/sport");
    std::size_t with_case = 0;
    std::vector<std::string> listed;
    for (const auto& file : files) {
        bool any = false;
        for (const auto& a : file.articles)
            for (const auto& c : ex.extract(a).cases) {
                any = true;
                listed.push_back(fs::relative(file.path, shared).string() + ": " + c.name + " (as \"" + c.mentions[0].text + "\")");
            }
        with_case += any;
    }
    const bool ok = with_case <= t.sport_articles_with_case;
    std::printf("BBC sport, cases predicted (fixtures and contests are not cases; %zu articles):\n", files.size());
    std::printf("  articles with a case %zu  target <= %zu %s\n", with_case, t.sport_articles_with_case, ok ? "ok" : "MISSED");
    for (const auto& line : listed) std::printf("    %s\n", line.c_str());
    return ok;
}

void print_score(const char* what, const Score& s, double target = -1) {
    std::printf("  %-10s P %.3f  R %.3f  F1 %.3f  (tp %zu, fp %zu, fn %zu)", what, s.precision(), s.recall(), s.f1(), s.tp,
                s.fp, s.fn);
    if (target >= 0) std::printf("  target F1 >= %.2f %s", target, s.f1() >= target ? "ok" : "MISSED");
    std::printf("\n");
}

// CoNLL-2003 eng.testb (never trained or tuned on): the learned recogniser's exact
// ORG spans, as conlleval counts them, and the other kinds for reference.
void conll_recogniser(const fs::path& file, const HeldOutTargets& t) {
    const auto docs = conll::read(file.string(), Gazetteer::builtin());
    const auto s = conll::evaluate(docs, recogniser::Model::builtin());
    const auto& org = s.by_kind[static_cast<int>(recogniser::Kind::Organisation)];
    std::printf("CoNLL-2003 eng.testb, the learned recogniser (held out; trained on eng.train, tuned on eng.testa):\n");
    std::printf("  ORG spans, exact  P %.3f  R %.3f  F1 %.3f  (tp %ld, fp %ld, fn %ld)  target F1 >= %.2f %s\n", org.precision(),
                org.recall(), org.f1(), org.tp, org.fp, org.fn, t.conll_org_f1, org.f1() >= t.conll_org_f1 ? "ok" : "MISSED");
    std::printf("  all kinds F1 %.3f (PER %.3f, LOC %.3f, MISC %.3f)\n", s.all.f1(), s.by_kind[0].f1(), s.by_kind[2].f1(),
                s.by_kind[3].f1());
}

// Microsoft Recognizers-Text currency spans: span recall and value accuracy.
bool currency(const fs::path& file, const Targets& t, Errors& errors) {
    std::ifstream in(file);
    std::string line;
    std::getline(in, line);  // header
    struct Span {
        std::size_t begin, end;
        std::string text;
        double value;
        bool has_value;
    };
    std::map<std::string, std::pair<std::string, std::vector<Span>>> sentences;  // id -> sentence, spans
    while (std::getline(in, line)) {
        std::vector<std::string> f;
        std::size_t start = 0;
        for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1)
            f.push_back(line.substr(start, tab - start));
        f.push_back(line.substr(start));
        if (f.size() < 9) continue;
        auto& entry = sentences[f[0]];
        entry.first = f[8];
        if (f[3].empty()) continue;  // a sentence with no amount
        double value = 0;
        bool has_value = !f[4].empty();
        if (has_value) {
            char* end = nullptr;
            value = std::strtod(f[4].c_str(), &end);
            has_value = end && *end == '\0';
            if (f[5] == "Cent" || f[5] == "Pence" || f[5] == "Penny" || f[5] == "Sen") value /= 100;
            if (f[5] == "Satoshi") value *= 1e-8;
        }
        // The set counts characters; our offsets are bytes of UTF-8.
        auto byte_offset = [&](std::size_t chars) {
            std::size_t i = 0;
            for (std::size_t c = 0; i < f[8].size() && c < chars; ++c) {
                ++i;
                while (i < f[8].size() && (static_cast<unsigned char>(f[8][i]) & 0xC0) == 0x80) ++i;
            }
            return i;
        };
        entry.second.push_back({byte_offset(std::stoul(f[1])), byte_offset(std::stoul(f[2]) + 1), f[3], value, has_value});
    }
    std::size_t spans = 0, found = 0, valued = 0, value_ok = 0, predicted = 0, predicted_ok = 0;
    for (const auto& [id, entry] : sentences) {
        auto got = extract_amounts(entry.first);
        predicted += got.size();
        for (const auto& g : got)
            if (std::any_of(entry.second.begin(), entry.second.end(),
                            [&](const Span& s) { return g.offset < s.end && s.begin < g.offset + g.text.size(); }))
                ++predicted_ok;
            else
                errors.add("FP currency", "sentence " + id, "\"" + g.text + "\"");
        for (const auto& s : entry.second) {
            ++spans;
            const Amount* match = nullptr;
            for (const auto& g : got)
                if (g.offset < s.end && s.begin < g.offset + g.text.size()) match = &g;
            if (!match) {
                errors.add("FN currency", "sentence " + id, "\"" + s.text + "\"");
                continue;
            }
            ++found;
            if (!s.has_value) continue;
            ++valued;
            if (same_value(match->min, s.value)) ++value_ok;
            else errors.add("BAD value", "sentence " + id, "\"" + s.text + "\" read as " + money(match->min) + " " + match->currency);
        }
    }
    double recall = spans ? double(found) / double(spans) : 0, accuracy = valued ? double(value_ok) / double(valued) : 0;
    std::printf("Recognizers-Text currency set (%zu sentences, %zu spans):\n", sentences.size(), spans);
    std::printf("  span recall %.3f (%zu / %zu)  target >= %.2f %s\n", recall, found, spans, t.currency_recall,
                recall >= t.currency_recall ? "ok" : "MISSED");
    std::printf("  value accuracy %.3f (%zu / %zu found spans with a value)  target >= %.2f %s\n", accuracy, value_ok, valued,
                t.currency_value_accuracy, accuracy >= t.currency_value_accuracy ? "ok" : "MISSED");
    std::printf("  span precision %.3f (%zu / %zu predicted)\n", predicted ? double(predicted_ok) / double(predicted) : 0,
                predicted_ok, predicted);
    return recall >= t.currency_recall && accuracy >= t.currency_value_accuracy;
}

// Juriscraper case names embedded in sentences of varied shapes.
bool case_names(const fs::path& file, const EntityExtractor& ex, const Targets& t, Errors& errors) {
    static const char* const templates[] = {
        "The court ruled in %s on Monday.", "In %s, the judges agreed with the lower court.",
        "%s was argued last year.", "Lawyers cited %s, a decision from the appellate court.",
        "The appeal, %s, is still pending.", "According to filings in %s the parties settled."};
    std::ifstream in(file);
    std::string line;
    std::getline(in, line);  // header
    std::set<std::string> seen;
    std::size_t total = 0, recognised = 0, whole_span = 0, normalised = 0;
    auto resolve = [&](std::string_view party) { return ex.gazetteer().canonical_for(party); };
    while (std::getline(in, line)) {
        auto t1 = line.find('\t'), t2 = line.find('\t', t1 + 1);
        std::string name = text::collapse_space(line.substr(t1 + 1, t2 - t1 - 1));
        std::string lower = text::to_lower_ascii(name);
        bool has_v = lower.find(" v. ") != std::string::npos || lower.find(" vs. ") != std::string::npos ||
                     lower.find(" v ") != std::string::npos || lower.find(" vs ") != std::string::npos;
        bool in_re = lower.rfind("in re ", 0) == 0;
        if ((!has_v && !in_re) || !seen.insert(name).second) continue;
        const char* tmpl = templates[total % (sizeof templates / sizeof *templates)];
        ++total;
        char sentence[4096];
        std::snprintf(sentence, sizeof sentence, tmpl, name.c_str());
        std::size_t at = std::string_view(sentence).find(name);
        // "In re: X v. Y" is the case X v. Y: its mention may start after the "In re:".
        std::size_t lead = 3;
        for (std::string_view prefix : {"In re: ", "In Re: ", "Re: "})
            if (has_v && name.rfind(prefix, 0) == 0) lead = prefix.size();
        auto expected = normalize_case_name(name, resolve);
        auto e = ex.extract_text(sentence);
        // Detected: a case mention inside the name that holds its "v." (or its "In re").
        // Whole: the mention spans the whole name. Same: its canonical name is the name's own.
        std::size_t versus = std::string::npos;
        for (std::string_view v : {" v. ", " vs. ", " v ", " vs ", " V. ", " VS. "})
            versus = std::min(versus, std::string_view(sentence).find(v, at));
        bool detected = false, whole = false, same = false;
        std::string found_as;  // the mention found, for the error list when it is not whole
        for (const auto& c : e.cases)
            for (const auto& m : c.mentions) {
                std::size_t m_end = m.offset + m.text.size();
                bool inside = m.offset < at + name.size() && m_end > at;
                bool holds = versus != std::string::npos && versus < at + name.size() ? m.offset <= versus && m_end > versus + 2
                                                                                      : m.offset <= at + lead;
                if (!inside || !holds) continue;
                detected = true;
                found_as = m.text;
                whole = whole || (m.offset <= at + lead && m_end >= at + name.size() - 1);
                same = same || (expected && case_key(*expected) == case_key(c.name));
            }
        recognised += detected;
        whole_span += whole;
        normalised += same;
        if (!detected) errors.add("FN case-name", "", sentence);
        else if (!whole) errors.add("PART case-name", "found \"" + found_as + "\"", sentence);
    }
    double rate = total ? double(recognised) / double(total) : 0;
    double whole_rate = total ? double(whole_span) / double(total) : 0;
    std::printf("Juriscraper case names in running text (%zu distinct names with v./vs./In re):\n", total);
    std::printf("  recognised (a case found at the name, holding its v./In re) %.3f (%zu / %zu)  target >= %.2f %s\n", rate,
                recognised, total, t.case_names_recognised,
                rate >= t.case_names_recognised ? "ok" : "MISSED");
    std::printf("  stricter: mention spans the whole name %.3f (%zu)  target >= %.2f %s (issue 14, not gating)\n", whole_rate,
                whole_span, t.case_names_whole, whole_rate >= t.case_names_whole ? "ok" : "MISSED");
    std::printf("  same canonical name as the name alone %.3f (%zu)\n", total ? double(normalised) / double(total) : 0,
                normalised);
    return rate >= t.case_names_recognised;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"extraction: precision, recall and F1 of Docket's entity extraction on the gold sets"};
    std::string gold = "tests/gold", corpus = "corpus", shared = "../shared";
    std::size_t max_errors = 40;
    bool check = false;
    std::string only;
    app.add_option("--gold", gold, "Gold annotations directory");
    app.add_option("--corpus", corpus, "Docket's corpus directory");
    app.add_option("--shared", shared, "The shared data directory (Reuters, ner/)");
    app.add_option("--errors", max_errors, "Errors to list per set (0 = none)");
    app.add_option("--only", only, "Run one part: gold, conll, currency or cases (juriscraper names and BBC sport)");
    app.add_flag("--check", check, "Exit 1 when a target is missed");
    CLI11_PARSE(app, argc, argv);

    Targets targets;
    const HeldOutTargets held_out;
    EntityExtractor ex(Gazetteer::builtin());
    bool ok = true;
    bool have_shared = fs::exists(fs::path(shared) / "corpora");
    auto print_errors = [&](const Errors& errors) {
        for (std::size_t i = 0; i < errors.lines.size() && i < max_errors; ++i) std::printf("    %s\n", errors.lines[i].c_str());
        if (errors.lines.size() > max_errors)
            std::printf("    ... %zu more (--errors N)\n", errors.lines.size() - max_errors);
    };

    if (only.empty() || only == "gold") {
        GoldResult all;
        // Tuned on: the corpus, the Reuters stories and the BBC development articles.
        for (const char* part : {"corpus", "reuters", "bbcdev"}) {
            GoldResult sum;
            Errors errors;
            const std::vector<fs::path> files = gold_files(gold, part);
            if (files.empty()) continue;
            if (std::string(part) != "corpus" && !have_shared) {
                std::printf("Gold set, %s: skipped (%s/corpora not found)\n", part, shared.c_str());
                continue;
            }
            for (const auto& f : files) sum.add(score_gold_file(f, corpus, shared, ex, errors));
            std::printf("Gold set, %s (%zu articles):\n", part, sum.articles);
            print_score("companies", sum.companies);
            print_score("cases", sum.cases);
            print_score("amounts", sum.amounts);
            print_errors(errors);
            // The gating total is the corpus and Reuters parts, as before the BBC development part.
            if (std::string(part) != "bbcdev") all.add(sum);
        }
        std::printf("Gold set, corpus + reuters (%zu articles):\n", all.articles);
        print_score("companies", all.companies, targets.company_f1);
        print_score("cases", all.cases, targets.case_f1);
        print_score("amounts", all.amounts, targets.amount_f1);
        ok = ok && all.companies.f1() >= targets.company_f1 && all.cases.f1() >= targets.case_f1 &&
             all.amounts.f1() >= targets.amount_f1;

        // Held out: BBC business and tech articles, annotated by helpers who never saw
        // extractor output, never tuned on; reported apart from the sets above.
        const std::vector<fs::path> bbc = gold_files(gold, "bbc-");
        if (!bbc.empty() && !have_shared) {
            std::printf("Gold set, BBC (held out): skipped (%s/corpora not found)\n", shared.c_str());
        } else if (!bbc.empty()) {
            GoldResult sum;
            Errors errors;
            for (const auto& f : bbc) sum.add(score_gold_file(f, corpus, shared, ex, errors));
            std::printf("Gold set, BBC business+tech (held out, %zu articles; issue 14 targets, not gating):\n", sum.articles);
            print_score("companies", sum.companies, held_out.bbc_company_f1);
            std::printf("  %-10s recall %.3f, target >= %.2f %s\n", "", sum.companies.recall(), held_out.bbc_company_recall,
                        sum.companies.recall() >= held_out.bbc_company_recall ? "ok" : "MISSED");
            print_score("cases", sum.cases);
            print_score("amounts", sum.amounts, targets.amount_f1);
            print_errors(errors);
        }
        const fs::path list = fs::path(gold) / "facet-completeness.json";
        if (fs::exists(list) && have_shared) completeness(list, shared, ex, held_out);
        else if (fs::exists(list)) std::printf("Facet completeness: skipped (%s/corpora not found)\n", shared.c_str());
    }
    fs::path ner = fs::path(shared) / "ner";
    if (only.empty() || only == "conll") {
        if (fs::exists(ner / "conll2003/eng.testb")) conll_recogniser(ner / "conll2003/eng.testb", held_out);
        else std::printf("CoNLL-2003: skipped (%s not found)\n", (ner / "conll2003/eng.testb").c_str());
    }
    if (only.empty() || only == "currency") {
        if (fs::exists(ner / "recognizers-currency/gold.tsv")) {
            Errors errors;
            ok = currency(ner / "recognizers-currency/gold.tsv", targets, errors) && ok;
            print_errors(errors);
        } else {
            std::printf("Currency set: skipped (%s not found)\n", (ner / "recognizers-currency/gold.tsv").c_str());
        }
    }
    if (only.empty() || only == "cases") {
        if (fs::exists(ner / "juriscraper-case-names/case_names.tsv")) {
            Errors errors;
            ok = case_names(ner / "juriscraper-case-names/case_names.tsv", ex, targets, errors) && ok;
            print_errors(errors);
        } else {
            std::printf("Case-name set: skipped (%s not found)\n", (ner / "juriscraper-case-names/case_names.tsv").c_str());
        }
        if (fs::exists(fs::path(shared) / "corpora/bbc/sport")) ok = sport_cases(shared, ex, targets) && ok;
        else std::printf("BBC sport cases: skipped (%s/corpora/bbc/sport not found)\n", shared.c_str());
    }
    if (check && !ok) {
        std::printf("extraction: a target was missed\n");
        return 1;
    }
    return 0;
}
