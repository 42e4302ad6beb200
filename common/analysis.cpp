#include "analysis.h"

#include "schema.h"

namespace docket::analysis {

Xapian::Stem stemmer() { return Xapian::Stem("english"); }

const Xapian::Stopper& stopper() {
    static const Xapian::SimpleStopper* stop = [] {
        static const char* const words[] = {
            "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "ought", "our", "ours", "ourselves", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself", "yourselves", "also", "whether"
        };
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
