// Prints the learned recogniser's names in a text file, one per line, with their
// kind and confidence: for looking at what the company stage is given.
//
//   recognise FILE...
#include <cstdio>
#include <string>

#include "entities/gazetteer.h"
#include "entities/recogniser/recogniser.h"
#include "text/read_file.h"

int main(int argc, char** argv) {
    using namespace docket;
    static const char* const kinds[] = {"PER", "ORG", "LOC", "MISC"};
    for (int a = 1; a < argc; ++a) {
        std::string content;
        if (text::read_whole_file(argv[a], content) != text::ReadStatus::Ok) {
            std::fprintf(stderr, "recognise: cannot read %s\n", argv[a]);
            return 2;
        }
        const auto tokens = text::tokenize(content);
        for (const auto& n : recogniser::recognise_text(content, tokens, Gazetteer::builtin())) {
            const std::size_t b = tokens[n.first_token].begin, e = tokens[n.end_token - 1].end;
            std::printf("%s\t%-4s %.2f\t%s\n", argv[a], kinds[static_cast<int>(n.kind)], n.confidence, content.substr(b, e - b).c_str());
        }
    }
    return 0;
}
