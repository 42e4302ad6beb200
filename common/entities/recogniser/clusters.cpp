#include "entities/recogniser/clusters.h"

#include <charconv>
#include <stdexcept>
#include <string>

#include "text/data_lines.h"
#include "text/hash.h"

// data/word-clusters.tsv, linked into the binary like the model (see common/CMakeLists.txt).
DOCKET_EMBED_FILE(docket_word_clusters_tsv, DOCKET_WORD_CLUSTERS);

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
    text::for_each_data_line(tsv, [&](std::string_view line, std::size_t line_no) {
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
    });
}

}  // namespace docket::recogniser
