#include "entities/organisations.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <unordered_set>

#include "entities/gazetteer.h"
#include "text/hash.h"
#include "text/word_set.h"

namespace docket {
namespace {

using Words = text::WordSet;

// Words in a name that make it some other kind of organisation.
const Words& other_body_words() {
    static const Words words = {
        "Ministry", "Ministries", "Commission", "Commissioner", "University", "College", "School", "Institute",
        "Academy", "FC", "Association", "Federation", "Council", "Party", "Court", "Committee", "Department",
        "Agency", "Authority", "Office", "Bureau", "Union", "Congress", "Parliament", "Senate", "Assembly",
        "Government", "Police", "Army", "Navy", "Forces", "Reserve", "Organisation", "Organization", "Society",
        "Foundation", "Church", "League", "Club", "Olympic", "Cup", "Tribunal", "Treasury", "Nations", "Exchange",
        "Index", "Commons", "Lords", "Cabinet", "Embassy", "Fund", "Movement", "Front", "Alliance", "Coalition",
        "Regulator", "Inspectorate", "Trust", "Hospital", "Museum", "Library", "Orchestra", "Festival", "Awards",
        "Rovers", "Wanderers", "Athletic", "Albion", "Hotspur", "Villa", "Rangers", "Celtic", "Ministerial",
        "Board", "Chamber", "Confederation", "Guild", "Syndicate", "Tories", "Conservatives", "Democrats",
        "Republicans", "Greens", "Senators", "Brigade", "Brigades", "Corps", "Secretariat", "Act", "Acts",
        "Directive", "Regulation", "Treaty", "Convention", "District", "Circuit", "Panel", "Judicial", "Justice",
        "Prize", "Award", "Championship", "Championships", "Open", "Grand", "Stadium", "Park", "Arena", "Center",
        "Centre", "Class", "Series", "Phase", "Chapter", "Show", "Expo", "Conference", "Summit", "Fair", "Games",
        "Democrat", "Formula", "Prix", "Force"};
    return words;
}

// Whole names of bodies that are not companies, as news writes them alone.
const Words& other_body_names() {
    static const Words names = {
        "EU", "UN", "IMF", "WTO", "OPEC", "Opec", "NATO", "Nato", "OECD", "FBI", "CIA", "SEC", "FTC", "FDA", "FSA",
        "Ofcom", "Ofgem", "Ofwat", "Oftel", "ECB", "Fed", "NHS", "BBC", "G7", "G8", "IAEA", "WHO", "Unesco",
        "Unicef", "UEFA", "Uefa", "Fifa", "FIFA", "IOC", "IAAF", "ICC", "ATP", "WTA", "NFL", "NBA", "FA", "RFU",
        "MCC", "EC", "CBI", "TUC", "GMB", "DTI", "MoD", "FCO", "SFO", "OFT", "ONS", "IEA", "Nasdaq", "NYSE", "FTSE",
        "Dow", "Nikkei", "Xetra", "Labour", "Tory", "Conservative", "Democrat", "Republican", "Congress", "Pentagon",
        "Kremlin", "Whitehall", "Downing", "Interpol", "Europol", "Bundesbank", "Nasa", "NASA", "Hamas", "Hezbollah",
        "Taleban", "Taliban", "Al-Qaeda", "UKIP", "Ukip", "SNP", "Plaid", "Sinn", "IRA", "ETA", "Amnesty", "Oxfam",
        "Greenpeace", "Ofsted", "Defra", "DfES", "DWP", "HMRC", "Treasury", "Commons", "Lords", "Eurostat",
        "US", "UK", "USA", "Fitch", "Moody", "Reuters", "Reuter", "AP", "AFP", "ANC", "PLO", "ICANN", "W3C", "IETF", "ISO", "RIAA", "MPAA",
        "BPI", "IFPI", "Elspa", "ELSPA", "Ofcom", "Eurozone", "Commonwealth"};
    return names;
}

// A newspaper or magazine title is a publication, not its publisher ("told the Financial Times").
const Words& publication_words() {
    static const Words words = {"Journal", "Times", "Post", "Mail", "Telegraph", "Guardian", "Herald", "Gazette",
                                "Tribune", "Magazine", "Review", "Observer", "Independent", "Economist", "Express",
                                "Mirror", "Chronicle", "Standard", "Week", "Weekly", "Daily", "Newsweek"};
    return words;
}

// Words in a name that make it a business.
const Words& company_words() {
    static const Words words = {
        "Airlines", "Airways", "Air", "Motors", "Motor", "Industries", "Telecom", "Telecommunications",
        "Communications", "Energy", "Petroleum", "Oil", "Pharmaceuticals", "Pharma", "Electronics", "Electric",
        "Systems", "Technologies", "Technology", "Software", "Capital", "Securities", "Partners", "Brothers", "Bros",
        "Insurance", "Steel", "Foods", "Chemicals", "Media", "Entertainment", "Studios", "Pictures", "Records",
        "Networks", "Mobile", "Stores", "Mining", "Resources", "Investments", "Ventures", "Labs", "Laboratories",
        "Microsystems", "Semiconductor", "Semiconductors", "Computer", "Computers", "Interactive", "Digital",
        "Bancorp", "Bancshares", "Financial", "Automotive", "Aerospace", "Shipping", "Logistics", "Brewery",
        "Breweries", "Beverages", "Tobacco", "Cosmetics", "Retail", "Wireless", "Cable", "Broadcasting",
        "Publishing", "Newspapers", "Airline", "Telekom", "Telecoms", "Enterprises", "Solutions", "Services",
        "Markets", "Supermarkets", "Motorcycles", "Cars", "Trading", "Bank", "Banking", "Petrochemical",
        "Petrochemicals", "Gas", "Power", "Utilities", "Water", "Hotels", "Resorts", "Casinos", "Music"};
    return words;
}

// A lone word that is an ordinary noun or adjective, whatever the recogniser says.
const Words& generic_words() {
    static const Words words = {"People", "City", "Service", "Holdings", "International", "Power", "Group", "Global",
                                "National", "General", "United", "First", "New", "Capital", "Digital", "Energy", "Media",
                                "Games", "Music", "Online", "Net", "Web", "Internet", "Mobile", "Bank", "Company",
                                "Government", "Ministry", "Court", "Commission", "Council", "Parliament", "Police",
                                "Treasury", "Exchange", "Index", "Party", "Club", "News", "Christmas", "Easter",
                                "Thanksgiving"};
    return words;
}

// Nouns that call the name next to them a business: "the Dutch brewer X", "X, the mobile firm".
const Words& company_nouns() {
    static const Words nouns = {
        "company", "companies", "firm", "firms", "group", "maker", "makers", "carmaker", "chipmaker", "drugmaker",
        "bank", "banks", "lender", "insurer", "retailer", "airline", "carrier", "operator", "provider", "developer",
        "publisher", "giant", "conglomerate", "manufacturer", "supplier", "brewer", "broker", "brokerage", "producer",
        "subsidiary", "unit", "chain", "supermarket", "grocer", "start-up", "startup", "distributor", "broadcaster",
        "studio", "label", "rival", "rivals", "partner", "owner", "parent", "telecoms", "telco", "airlines",
        "automaker", "multinational", "retailers", "manufacturers", "insurers", "lenders", "carriers", "operators",
        "division", "arm", "brokerages", "consultancy", "outfit"};
    return nouns;
}

// What follows a company's name (or its "'s"): "X's shares", "X chief executive".
const Words& company_attributes() {
    static const Words words = {
        "shares", "share", "stock", "profits", "profit", "sales", "chief", "boss", "bosses", "chairman", "board",
        "stake", "customers", "revenues", "revenue", "earnings", "results", "takeover", "bid", "owners",
        "shareholders", "executives", "subsidiary", "products", "brand", "stores", "factories", "factory", "plant",
        "plants", "workers", "staff", "employees", "turnover", "dividend", "losses", "subscribers", "handsets",
        "share-price", "stock-market", "flotation", "bonds", "debt", "deal", "merger", "acquisition", "unit",
        "shareholder", "investors", "founder", "ceo", "CEO", "margins", "outlets", "branches", "stores"};
    return words;
}

// Words before a name that make it a company: "shares in X", "takeover of X", "analyst at X".
bool company_lead(std::string_view before2, std::string_view before1) {
    static const Words direct = {"bought", "acquired", "acquire", "acquiring", "buy", "buying", "rival", "sold", "sells",
                                 "sued", "suing", "floated"};
    if (direct.count(before1)) return true;
    if (before1 == "as" && before2 == "such") return false;  // settled by the list, not alone
    static const std::set<std::pair<std::string_view, std::string_view>> pairs = {
        {"shares", "in"},  {"shares", "of"},      {"stake", "in"},      {"bid", "for"},     {"takeover", "of"},
        {"merger", "with"}, {"executive", "of"},  {"boss", "of"},       {"chairman", "of"}, {"analyst", "at"},
        {"analysts", "at"}, {"economist", "at"},  {"owner", "of"},      {"head", "of"},     {"shareholders", "in"},
        {"offer", "for"},   {"deal", "with"},     {"sale", "of"},     {"founder", "of"},
        {"executives", "at"}, {"strategist", "at"}, {"director", "of"}, {"owners", "of"},   {"customers", "of"}};
    return pairs.count({before2, before1}) != 0;
}

const Words& business_words() {
    static const Words words = {"shares",  "profit",    "profits",   "company",   "companies", "firm",
                                "firms",   "market",    "markets",   "investors", "sales",     "revenue",
                                "revenues", "deal",     "stake",     "takeover",  "merger",    "bid",
                                "analysts", "stock",    "earnings",  "customers", "shareholders", "executive",
                                "business", "industry", "prices",    "economy",   "bank",      "brand"};
    return words;
}


// Central banks are not companies: "Bank of England", "European Central Bank", "World Bank".
bool is_central_bank(const std::vector<std::string_view>& words) {
    static const Words markers = {"Central", "World", "Reserve", "Development", "Federal", "National", "People's"};
    static const Words countries = {"England", "Japan", "Canada", "France", "Italy", "Spain", "Korea", "Thailand",
                                    "Israel", "Russia", "Mexico", "China", "Greece", "Portugal", "Finland", "Norway",
                                    "Uganda", "Ghana", "Jamaica", "Zambia", "Tanzania", "Botswana", "Namibia", "Sudan",
                                    "Algeria", "Lebanon", "Indonesia", "Estonia", "Latvia", "Lithuania", "Slovenia"};
    bool bank = false, marker = false;
    for (std::size_t k = 0; k < words.size(); ++k) {
        if (words[k] == "Bank") bank = true;
        if (markers.count(words[k])) marker = true;
        if (words[k] == "Bank" && k + 2 < words.size() && words[k + 1] == "of" && countries.count(words[k + 2])) return true;
    }
    return bank && marker;
}

struct Verdict {
    bool company = false, other = false, generic = false;
    bool needs_evidence = false;  // a form that is often something else: an acronym, a product, a publication
    bool product_like = false;    // of those, a product's or a publication's (a list of them is no evidence)
    bool organisation = false;    // the recogniser called some mention an organisation
    bool after_company_noun = false;  // a person or place name in a sentence about firms: "firms such as X, Y"
    int plain_mentions = 0;       // mentions that are not a party of an "X v. Y" case name
    double confidence = 0;
};

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool has_digit(std::string_view w) { return std::any_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; }); }
bool has_lower(std::string_view w) { return std::any_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; }); }

class Judge {
public:
    Judge(std::string_view text, const std::vector<text::Token>& tokens, const ArticleFacts& facts)
        : text_(text), tokens_(tokens), facts_(facts) {}

    std::vector<LearnedCompany> run(const std::vector<recogniser::TextSpan>& names) {
        // News gives a person a first name or a title at least once ("Paul Myers", "Mr Myers"):
        // a one-word "person" the article never names so is taken for an organisation
        // ("Napster", "Gracenote"), one that needs the evidence a weak organisation does.
        std::unordered_set<std::string> surnames;
        for (const auto& sp : names)
            if (sp.kind == recogniser::Kind::Person && sp.end_token - sp.first_token > 1)
                surnames.insert(std::string(tok(sp.end_token - 1)));
        std::vector<LearnedCompany> mentions;
        std::map<std::string, Verdict> verdicts;  // by lower-cased name
        for (const auto& sp : names) {
            const bool unnamed_person = sp.kind == recogniser::Kind::Person && sp.end_token - sp.first_token == 1 &&
                                        !surnames.count(std::string(tok(sp.first_token)));
            const bool organisation = sp.kind == recogniser::Kind::Organisation || unnamed_person;
            // A person after a title is a person, whatever the context ("Mr Thiemann").
            if (sp.kind == recogniser::Kind::Person && sp.end_token - sp.first_token > 1 && is_person_title(tok(sp.first_token))) continue;
            std::size_t first = sp.first_token, end = sp.end_token;
            if (first < end && (tok(first) == "The" || tok(first) == "the")) ++first;
            // The name ends before punctuation that is no part of one ("Texaco <TX>").
            // (An inner "'s" stays: "People's Bank", "Moody's Investors Service".)
            auto inner_possessive = [&](std::size_t k) {
                return (tok(k) == "'" || tok(k) == "\xE2\x80\x99") && k + 2 < end && tok(k + 1) == "s" && tokens_[k + 2].word;
            };
            for (std::size_t k = first; k < end; ++k)
                if (!tokens_[k].word && tok(k) != "&" && tok(k) != "." && tok(k) != "-" && !inner_possessive(k) &&
                    !(k > first && tok(k - 1) == "'" && inner_possessive(k - 1)) &&
                    !(tok(k) == "'" && k + 1 < end && tok(k + 1) != "s")) {
                    end = k;
                    break;
                }
            if (end - first >= 2 && (tok(end - 2) == "'" || tok(end - 2) == "\xE2\x80\x99") && tok(end - 1) == "s") end -= 2;
            while (end > first && !tokens_[end - 1].word) --end;
            if (first >= end || !tokens_[first].word || in_capitals_line(first) || is_person_title(tok(first))) continue;
            std::vector<std::string_view> words;
            for (std::size_t k = first; k < end; ++k) words.push_back(tok(k));
            std::string name = strip_legal_suffixes(text::collapse_space(text_.substr(tokens_[first].begin, tokens_[end - 1].end - tokens_[first].begin)));
            if (name.size() > 4 && name.compare(name.size() - 4, 4, " and") == 0) name.resize(name.size() - 4);  // "X and Co"
            if (name.size() < 2 || !text::is_valid_utf8(name) || (words.size() == 1 && is_legal_suffix(words[0]))) continue;
            // The legal suffix after the name is part of the mention: "Yukos Oil Co.".
            std::size_t mention_end = end;
            bool suffixed = std::any_of(words.begin(), words.end(), [](std::string_view w) { return is_legal_suffix(w); });
            {
                std::size_t j = end;
                if (j < tokens_.size() && tok(j) == ",") ++j;
                if (j < tokens_.size() && tokens_[j].word && is_legal_suffix(tok(j))) {
                    ++j;
                    if (j < tokens_.size() && tok(j) == "." && !tokens_[j].space_before) ++j;
                    mention_end = j;
                    suffixed = true;
                }
            }
            Verdict& v = verdicts[text::to_lower_ascii(name)];
            if (organisation) {
                v.organisation = true;
                if (!unnamed_person) v.confidence = std::max(v.confidence, sp.confidence);  // (never "likely" alone)
            } else if (company_noun_before(first) && (sp.kind != recogniser::Kind::Person || end - first == 1)) {
                v.after_company_noun = true;  // (a one-word "person" only: "McAfee", not "Elon Musk")
            }
            if (suffixed) v.company = true;
            const bool publication =
                std::any_of(words.begin(), words.end(), [](std::string_view w) { return publication_words().count(w) > 0; });
            for (std::string_view w : words) {
                if (other_body_words().count(w)) v.other = true;
                if (company_words().count(w) && words.size() > 1 && !publication) v.company = true;  // (not "Financial Times")
            }
            if (other_body_names().count(words.front()) || is_central_bank(words)) v.other = true;
            if (words.size() == 1 && !suffixed &&
                is_ordinary_word(words[0], facts_))
                v.generic = true;
            const bool short_acronym = words.size() == 1 && words[0].size() <= 4 && !has_lower(words[0]);
            const bool product_like =
                !is_upper(words[0][0]) || std::any_of(words.begin(), words.end(), has_digit) ||
                std::any_of(words.begin(), words.end(), [](std::string_view w) { return publication_words().count(w) > 0; });
            if (short_acronym || product_like) v.needs_evidence = true;
            if (product_like) v.product_like = true;
            if (!is_case_party(first, end)) ++v.plain_mentions;
            // A person's or a product's name needs a context that names a company; a form that is
            // often something else (an acronym, a publication) at least a company's attributes.
            const bool proper_name = (organisation || sp.kind == recogniser::Kind::Person) && !short_acronym && !product_like &&
                                     words.back().find('-') == std::string_view::npos;
            const Context context = company_context(first, end, proper_name);
            const Context needed = !organisation                   ? Context::Naming
                                   : v.needs_evidence || facts_.sports ? Context::Possessive
                                                                 : Context::Weak;
            if (context >= needed) v.company = true;
            mentions.push_back({first, mention_end, name});
        }
        std::vector<LearnedCompany> out;
        for (auto& m : mentions) {
            const Verdict& v = verdicts[text::to_lower_ascii(m.name)];
            if (v.other || v.generic) continue;
            // Without evidence, only a confident organisation in a business story, said twice or in more than one word.
            const bool likely = v.organisation && facts_.business_words >= 4 && v.confidence >= 0.8 && !v.needs_evidence &&
                                v.plain_mentions > 0 && (v.plain_mentions > 1 || m.name.find(' ') != std::string::npos);
            m.confirmed = v.company || (likely && !facts_.sports);
            if (m.confirmed || (!facts_.sports && ((v.organisation && !v.product_like) || v.after_company_noun))) out.push_back(std::move(m));
        }
        return out;
    }

private:
    std::string_view tok(std::size_t i) const { return text_.substr(tokens_[i].begin, tokens_[i].end - tokens_[i].begin); }
    bool sentence_edge(std::size_t i) const {
        const std::string_view w = tok(i);
        return w == "." || w == "!" || w == "?" || w == ";" || text::line_break_before(text_, tokens_, i + 1);
    }

    // A line in capitals is a headline or a table: its names are found again in the story.
    bool in_capitals_line(std::size_t i) const {
        const std::size_t begin = text_.rfind('\n', tokens_[i].begin);
        const std::size_t start = begin == std::string_view::npos ? 0 : begin + 1;
        std::size_t stop = text_.find('\n', tokens_[i].begin);
        if (stop == std::string_view::npos) stop = text_.size();
        return !has_lower(text_.substr(start, stop - start));
    }

    // "Kadrey v. Meta": the parties of a case name are the case extractor's.
    bool is_case_party(std::size_t first, std::size_t end) const {
        auto is_v = [&](std::size_t k) { return tok(k) == "v" || tok(k) == "vs" || tok(k) == "versus"; };
        if (end < tokens_.size() && is_v(end)) return true;
        std::size_t k = first;
        if (k > 0 && tok(k - 1) == ".") --k;
        return k > 0 && is_v(k - 1);
    }

    // A plural company noun earlier in the sentence: "technology firms Earthlink and Webroot".
    bool company_noun_before(std::size_t first) const {
        static const Words plurals = {"firms", "companies", "makers", "rivals", "groups", "banks", "operators", "carriers",
                                      "retailers", "manufacturers", "insurers", "lenders", "developers", "publishers"};
        for (std::size_t k = first, seen = 0; k > 0 && seen < 12; --k, ++seen) {
            if (sentence_edge(k - 1)) return false;
            if (plurals.count(tok(k - 1))) return true;
        }
        return false;
    }

    // How strongly a mention's context says "company": it names one ("the Dutch brewer X",
    // "X, the mobile operator,"), gives it a company's attributes ("X's shares"), or is a
    // weaker hint ("shares in X", "X chief executive").
    enum class Context { None, Weak, Possessive, Naming };
    Context company_context(std::size_t first, std::size_t end, bool modifier_ok) const {
        if (first > 0 && company_nouns().count(tok(first - 1)) && !sentence_edge(first - 1)) return Context::Naming;
        // "an economist at X", "a strategist with X": City voices speak for firms.
        static const Words city_roles = {"economist", "economists", "analyst", "analysts", "strategist", "strategists", "dealer",
                                         "dealers", "trader", "traders", "broker", "brokers"};
        static const Words at = {"at", "with", "from"};
        if (first >= 2 && at.count(tok(first - 1)) && city_roles.count(tok(first - 2))) return Context::Naming;
        // "X investment bank", "the X group": a company noun after a proper name (not after a
        // modifier: "the Dutch firm", "an AI company", "a Paris-based bank").
        if (modifier_ok)
            for (std::size_t k = end; k < tokens_.size() && k < end + 2 && tokens_[k].word && std::islower(static_cast<unsigned char>(tok(k)[0])); ++k)
                if (company_nouns().count(tok(k)) && tok(k) != "rival" && tok(k) != "rivals" && tok(k) != "partner")
                    return Context::Naming;
        // An apposition's own head noun ("X, the Dutch brewer,"), not one after a preposition
        // ("X, spokesman for the firm Y") nor a clause's ("in X, putting the company...").
        static const Words prepositions = {"for", "of", "at", "with", "from", "in", "by", "to", "on"};
        if (end + 1 < tokens_.size() && tok(end) == "," && (tok(end + 1) == "the" || tok(end + 1) == "a" || tok(end + 1) == "an"))
            for (std::size_t k = end + 1; k < tokens_.size() && k < end + 8 && tok(k) != "," && tok(k) != "."; ++k) {
                if (prepositions.count(tok(k))) break;
                if (company_nouns().count(tok(k))) return Context::Naming;
            }
        const bool possessive =
            end + 1 < tokens_.size() && (tok(end) == "'" || tok(end) == "\xE2\x80\x99") && tok(end + 1) == "s";
        const std::size_t after = possessive ? end + 2 : end;
        for (std::size_t k = after; k < tokens_.size() && k < after + 2; ++k) {
            if (!tokens_[k].word) break;
            if (company_attributes().count(tok(k))) return possessive ? Context::Possessive : Context::Weak;
        }
        if (first >= 1 && company_lead(first >= 2 ? tok(first - 2) : std::string_view(), tok(first - 1))) return Context::Weak;
        return Context::None;
    }

    std::string_view text_;
    const std::vector<text::Token>& tokens_;
    const ArticleFacts& facts_;
};

}  // namespace

ArticleFacts article_facts(std::string_view text, const std::vector<text::Token>& tokens) {
    ArticleFacts facts;
    static const Words sport = {"scored", "striker", "midfielder", "defender", "goalkeeper", "league", "coach", "drew",
                                "champions", "squad", "fixture", "penalty", "referee", "stadium", "tournament",
                                "semi-final", "quarter-final", "wicket", "innings", "seeded", "lap", "medal", "Olympic",
                                "championship", "Premiership", "goals", "Formula", "Prix", "racing", "driver", "drivers"};
    int hints = 0;
    for (const auto& t : tokens) {
        const std::string_view w = text.substr(t.begin, t.end - t.begin);
        if (!t.word) continue;
        if (std::islower(static_cast<unsigned char>(w[0]))) facts.lower_words[text::fnv1a(w)] = 1;
        if (business_words().count(w)) ++facts.business_words;
        // A score: "2-2", "3-1".
        if (w.size() >= 3 && w.size() <= 5 && std::isdigit(static_cast<unsigned char>(w.front())) &&
            std::isdigit(static_cast<unsigned char>(w.back())) && w.find('-') != std::string_view::npos)
            hints += 2;
        else if (sport.count(w))
            ++hints;
    }
    facts.sports = hints >= 3;
    return facts;
}

bool is_person_title(std::string_view w) {
    static const Words titles = {"Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Lord", "Lady", "Dame", "Prof", "Professor",
                                 "Baroness", "Rev", "Treasurer", "President", "Minister", "Chancellor", "Secretary",
                                 "Governor", "Senator", "Judge", "Justice", "King", "Queen", "Prince", "Princess", "Pope",
                                 "General", "Captain"};
    return titles.count(w) != 0;
}

bool is_generic_name(std::string_view name) {
    static const Words more = {"National", "Federal", "Savings", "Loan", "Insurance", "First", "American", "General",
                               "United", "International", "Bank", "Trust", "Mutual", "Investment", "Investors",
                               "Securities", "Finance", "Financial", "Industries", "Corporation", "Company", "and", "of",
                               "&", "the", "The"};
    bool any = false;
    for (const auto& t : text::tokenize(name)) {
        const std::string_view w = name.substr(t.begin, t.end - t.begin);
        if (!t.word) continue;
        if (!generic_words().count(w) && !more.count(w)) return false;
        any = true;
    }
    return any;
}

bool is_ordinary_word(std::string_view word, const ArticleFacts& facts) {
    return generic_words().count(word) || facts.lower_words.contains(text::fnv1a(text::to_lower_ascii(word)));
}

std::vector<LearnedCompany> learned_companies(std::string_view text, const std::vector<text::Token>& tokens,
                                              const std::vector<recogniser::TextSpan>& names, const ArticleFacts& facts) {
    return Judge(text, tokens, facts).run(names);
}

}  // namespace docket
