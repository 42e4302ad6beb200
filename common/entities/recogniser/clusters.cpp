#include "entities/recogniser/clusters.h"

#include <charconv>
#include <stdexcept>
#include <string>

#include "text/hash.h"

// data/word-clusters.tsv, linked in as bytes like the model (see recogniser.cpp).
extern "C" const char docket_word_clusters_tsv[];
extern "C" const char docket_word_clusters_tsv_end[];
asm(".section .rodata\n"
    ".global docket_word_clusters_tsv\n"
    ".global docket_word_clusters_tsv_end\n"
    "docket_word_clusters_tsv:\n"
    ".incbin \"" DOCKET_WORD_CLUSTERS "\"\n"
    "docket_word_clusters_tsv_end:\n"
    ".byte 0\n"
    ".previous\n");

namespace docket::recogniser {

const WordClusters& WordClusters::builtin() {
    static const WordClusters clusters = [] {
        WordClusters c;
        c.load(std::string_view(docket_word_clusters_tsv,
                                static_cast<std::size_t>(docket_word_clusters_tsv_end - docket_word_clusters_tsv)),
               "built-in word clusters");
        return c;
    }();
    return clusters;
}

void WordClusters::load(std::string_view tsv, std::string_view origin) {
    std::size_t line_no = 0;
    for (std::size_t start = 0; start < tsv.size();) {
        std::size_t end = tsv.find('\n', start);
        if (end == std::string_view::npos) end = tsv.size();
        std::string_view line = tsv.substr(start, end - start);
        start = end + 1;
        ++line_no;
        if (line.empty() || line[0] == '#') continue;
        const std::size_t tab = line.find('\t');
        if (tab == 0 || tab == std::string_view::npos)
            throw std::runtime_error(std::string(origin) + ":" + std::to_string(line_no) + ": expected word<TAB>coarse<TAB>middle<TAB>fine");
        ClusterIds ids{};
        std::size_t pos = tab + 1;
        for (int level = 0; level < kClusterLevels; ++level) {
            std::size_t stop = line.find('\t', pos);
            if (stop == std::string_view::npos) stop = line.size();
            auto [p, ec] = std::from_chars(line.data() + pos, line.data() + stop, ids[static_cast<std::size_t>(level)]);
            if (ec != std::errc() || p != line.data() + stop || (level + 1 < kClusterLevels && stop == line.size()))
                throw std::runtime_error(std::string(origin) + ":" + std::to_string(line_no) + ": expected three cluster numbers");
            pos = stop + 1;
        }
        clusters_[text::fnv1a(line.substr(0, tab))] = ids;
    }
}

}  // namespace docket::recogniser
