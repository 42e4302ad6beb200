#include <cmath>
#include <iomanip>
#include <cstdio>
#include <cstdlib>

#include "printers.h"
#include "text/text.h"
#include "query.h"

namespace docket {
namespace {

std::string join(const std::vector<std::string>& items, const char* sep = ", ") {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : sep) + text::printable(s);
    return out;
}

std::string display_path(const std::string& path, const std::string& cwd) {
    if (!cwd.empty() && path.size() > cwd.size() + 1 && path.compare(0, cwd.size(), cwd) == 0 && path[cwd.size()] == '/')
        return path.substr(cwd.size() + 1);
    return path;
}

// A snippet holds text from the article and, in colour, the highlight markers
// put around matched words: only the article's text is made printable.
std::string printable_snippet(const std::string& snippet, bool color) {
    if (!color) return text::printable(snippet);
    std::string out;
    for (std::size_t i = 0; i < snippet.size();) {
        std::size_t marker = std::string::npos, length = 0;
        for (std::string_view m : {kHighlightStart, kHighlightEnd})
            if (std::size_t at = snippet.find(m, i); at < marker) marker = at, length = m.size();
        out += text::printable(std::string_view(snippet).substr(i, marker == std::string::npos ? marker : marker - i));
        if (marker == std::string::npos) break;
        out += snippet.substr(marker, length);
        i = marker + length;
    }
    return out;
}

}  // namespace

void print_text(const SearchResult& r, unsigned facet_limit, const TextStyle& style, std::ostream& out) {
    const std::string query = "\"" + text::printable(echo_query(r.query)) + "\"";  // cut like the suggestion; --json keeps both whole
    const char* bold = style.color ? "\x1b[1m" : "";
    const char* dim = style.color ? "\x1b[2m" : "";
    const char* reset = style.color ? "\x1b[0m" : "";
    if (!r.missing_shards.empty())
        out << "Partial results: " << r.missing_shards.size() << " shard" << (r.missing_shards.size() == 1 ? "" : "s")
            << " did not answer (see the warnings).\n";
    if (!r.suggestion.empty()) out << "Did you mean: " << bold << text::printable(echo_query(r.suggestion)) << reset << "\n";
    for (const auto& h : r.hints)
        out << dim << "hint: " << reset << text::printable(h.option) << dim << " (\"" << text::printable(h.text) << "\" names this "
            << h.kind << ")" << reset << "\n";
    if (r.total == 0) {
        out << "No matches";
        if (!r.query.empty()) out << " for " << query;
        out << ".\n";
        return;
    }
    out << r.total << (r.total == 1 ? " match" : " matches");
    if (!r.query.empty()) out << " for " << query;
    if (!r.hits.empty())
        out << " (showing " << r.hits.front().rank << "-" << r.hits.back().rank << ")";
    out << "\n";
    for (const auto& h : r.hits) {
        char score[32];
        std::snprintf(score, sizeof score, "%.3f", h.score);
        out << "\n" << bold << h.rank << ". " << text::printable(h.article.title) << reset << "  " << dim << "[score " << score << "]"
            << reset << "\n";
        out << "   " << (h.article.date.empty() ? "(no date)" : h.article.date) << "  "
            << text::printable(display_path(h.article.path, style.cwd));
        if (h.article.id != h.article.path) out << " (" << text::printable(h.article.id.substr(h.article.path.size())) << ")";
        out << "\n";
        if (!h.snippet.empty()) out << "   " << printable_snippet(h.snippet, style.color) << "\n";
        for (const schema::Field& field : schema::kFields) {
            if (!field.facet) continue;
            // Named entities by name; amounts as written, apart by "; " (their text may hold commas).
            std::vector<std::string> labels;
            if (field.entities)
                for (const auto& e : h.entities.*field.entities) labels.push_back(e.name);
            else
                for (const auto& a : h.entities.amounts) labels.push_back(a.text);
            if (!labels.empty())
                out << "   " << dim << field.plural << ":" << reset << " " << join(labels, field.entities ? ", " : "; ") << "\n";
        }
        if (h.duplicates)
            out << "   " << dim << "+" << h.duplicates << " exact duplicate" << (h.duplicates == 1 ? "" : "s")
                << " (--no-collapse shows them)" << reset << "\n";
        if (style.explain) {
            std::vector<std::string> terms;
            for (const auto& t : h.explanation.terms) {
                char w[32];
                std::snprintf(w, sizeof w, "%.3f", t.weight);
                terms.push_back(t.term + " " + w);
            }
            out << "   " << dim << "explain:" << reset << " " << (terms.empty() ? "(no scoring terms)" : join(terms)) << "\n";
            if (!h.explanation.filters.empty())
                out << "   " << dim << "admitted by:" << reset << " " << join(h.explanation.filters, "; ") << "\n";
        }
    }
    auto facet_line = [&](const FacetValues& f) {
        if (f.values.empty()) return;
        out << "  " << bold << f.field->name << reset << ": ";
        for (std::size_t i = 0; i < f.values.size() && i < facet_limit; ++i)
            out << (i ? ", " : "") << text::printable(f.values[i].value) << " (" << f.values[i].count << ")";
        if (f.distinct > facet_limit) out << ", ... " << f.distinct - facet_limit << " more";
        out << "\n";
    };
    if (!r.facets_counted) {
        out << "\nFacets not counted (--no-facets).\n";
        return;
    }
    out << "\nFacets over all " << r.total << (r.total == 1 ? " match" : " matches")
        << (r.facets_count_duplicates ? " (each exact duplicate counted)" : "") << ":\n";
    for (const FacetValues& f : r.facets) facet_line(f);
    if (r.months_counted) {
        out << "  " << bold << "month" << reset << ": ";
        for (std::size_t i = 0; i < r.months.size(); ++i) out << (i ? ", " : "") << r.months[i].month << " (" << r.months[i].count << ")";
        if (r.undated) out << (r.months.empty() ? "" : ", ") << "undated (" << r.undated << ")";
        out << "\n";
    }
}

namespace {

// 1234567 -> "1.23M": amounts at a glance.
std::string compact(double v) {
    const struct {
        double scale;
        const char* suffix;
    } units[] = {{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "K"}, {1, ""}};
    char buf[48];
    for (const auto& u : units)
        if (std::fabs(v) >= u.scale || u.scale == 1) {
            std::snprintf(buf, sizeof buf, "%.3g%s", v / u.scale, u.suffix);
            break;
        }
    return buf;
}

std::string bar(Xapian::doccount n, Xapian::doccount most, bool unicode) {
    constexpr int kWidth = 20;
    const double cells = most ? kWidth * static_cast<double>(n) / most : 0;
    std::string out;
    int whole = static_cast<int>(cells);
    for (int i = 0; i < whole; ++i) out += unicode ? "\u2588" : "#";
    // Eighths of a cell on a UTF-8 terminal; a non-zero count always shows.
    static const char* const eighths[] = {"", "\u258F", "\u258E", "\u258D", "\u258C", "\u258B", "\u258A", "\u2589"};
    const int part = static_cast<int>((cells - whole) * 8);
    if (unicode && part > 0) out += eighths[part], ++whole;
    if (n > 0 && whole == 0) out += unicode ? "\u258F" : "#", ++whole;
    return out + std::string(static_cast<std::size_t>(kWidth - std::min(whole, kWidth)), ' ');
}

}  // namespace

bool utf8_locale() {
    const char* locale = nullptr;
    for (const char* name : {"LC_ALL", "LC_CTYPE", "LANG"})
        if (const char* v = std::getenv(name); v && *v) {
            locale = v;
            break;
        }
    const std::string l = locale ? text::to_lower_ascii(locale) : "";
    return l.find("utf-8") != std::string::npos || l.find("utf8") != std::string::npos;
}

void print_text_timeline(const SearchResult& r, const TextStyle& style, std::ostream& out) {
    const Timeline& t = *r.timeline;
    out << "Timeline by " << period_name(t.period) << ": " << r.total << (r.total == 1 ? " match" : " matches");
    if (!r.query.empty()) out << " for \"" << text::printable(echo_query(r.query)) << "\"";
    out << "\n";
    Xapian::doccount most = t.undated.articles;
    for (const auto& row : t.rows) most = std::max(most, row.articles);
    auto line = [&](const TimelineRow& row, const std::string& label) {
        char count[24];
        std::snprintf(count, sizeof count, "%6u", row.articles);
        std::string text = label + std::string(label.size() < 9 ? 9 - label.size() : 1, ' ') + count + " " +
                           bar(row.articles, most, style.unicode);
        for (const auto& a : row.amounts)
            text += "  " + a.currency + " " + std::to_string(a.count) + ": sum " + compact(a.sum) + ", median " +
                    compact(a.median) + ", max " + compact(a.max);
        out << text.substr(0, text.find_last_not_of(' ') + 1) << "\n";
    };
    for (const auto& row : t.rows) line(row, row.period);
    if (t.undated.articles) line(t.undated, "undated");
}

void print_text_summary(const SearchResult& r, const std::string& kind, std::ostream& out) {
    out << "Summary by " << kind << ": " << r.total << (r.total == 1 ? " match" : " matches");
    if (!r.query.empty()) out << " for \"" << text::printable(echo_query(r.query)) << "\"";
    out << "\n";
    for (const EntitySummary& s : *r.summary) {
        out << "\n" << text::printable(s.value) << ": " << s.articles << (s.articles == 1 ? " article" : " articles");
        if (!s.first_date.empty()) out << ", " << s.first_date << (s.last_date != s.first_date ? " to " + s.last_date : "");
        out << "\n";
        for (const SummaryAmount& a : s.largest)
            out << "  amount: " << a.currency << " " << compact(a.value) << " in \"" << text::printable(a.title) << "\"\n";
        if (!s.with.empty()) {
            out << "  with:";
            for (std::size_t i = 0; i < s.with.size(); ++i)
                out << (i ? ", " : " ") << text::printable(s.with[i].value) << " (" << s.with[i].articles << ")";
            out << "\n";
        }
    }
}

}  // namespace docket

namespace docket {

void print_text_list(const SearchResult& r, const std::string& facet, std::ostream& out) {
    for (const auto& v : r.facet(facet).values) out << v.count << "\t" << text::printable(v.value) << "\n";
}

void print_text_saved(const std::vector<SavedStatus>& saved, const std::string& file, std::ostream& out) {
    if (saved.empty()) {
        out << "No saved searches in " << file << " (save one: --save NAME QUERY [filters])\n";
        return;
    }
    std::size_t width = 4;
    for (const auto& s : saved) width = std::max(width, s.search.name.size());
    out << std::left << std::setw(static_cast<int>(width)) << "NAME" << std::right << std::setw(7) << "NEW"
        << "  " << std::left << std::setw(22) << "CHECKED" << "SEARCH\n";
    for (const auto& [s, fresh, problem] : saved) {
        out << std::left << std::setw(static_cast<int>(width)) << s.name << std::right << std::setw(7)
            << (fresh ? std::to_string(*fresh) : "-") << "  " << std::left << std::setw(22) << s.checked_at
            << describe_saved(s) << "\n";
        if (!problem.empty()) out << "  (" << problem << ")\n";
    }
    out << std::right;
}

}  // namespace docket
