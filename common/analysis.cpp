#include "analysis.h"

#include "schema.h"

namespace docket::analysis {

Xapian::Stem stemmer() { return Xapian::Stem("english"); }

const Xapian::Stopper& stopper() {
    static const Xapian::SimpleStopper* stop = [] {
        static const char* const words[] = {
            "a", "about", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can",
            "could", "did", "do", "does", "for", "from", "had", "has", "have", "he", "her",
            "his", "how", "i", "if", "in", "into", "is", "it", "its", "may", "me", "my", "no",
            "not", "of", "on", "or", "our", "she", "should", "so", "such", "than", "that", "the",
            "their", "them", "then", "there", "these", "they", "this", "those", "to", "was",
            "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why",
            "will", "with", "would", "you", "your"};
        auto* s = new Xapian::SimpleStopper;  // lives for the whole process
        for (const char* w : words) s->add(w);
        return s;
    }();
    return *stop;
}

void configure(Xapian::TermGenerator& generator) {
    generator.set_stemmer(stemmer());
    generator.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
}

void configure(Xapian::QueryParser& parser) {
    parser.set_stemmer(stemmer());
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
    parser.set_stopper(&stopper());
    parser.set_default_op(Xapian::Query::OP_OR);
    parser.add_prefix("title", std::string(schema::prefix::kTitle));
}

}  // namespace docket::analysis
