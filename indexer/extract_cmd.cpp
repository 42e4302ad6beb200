#include "extract_cmd.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "entities/entities.h"
#include "index/entities_json.h"
#include "readers.h"
#include "text/read_file.h"
#include "walk.h"
#include "warn.h"

namespace docket {

using nlohmann::ordered_json;

std::size_t run_extract(const std::vector<std::string>& roots, const std::vector<std::string>& excludes,
                        const Gazetteer& gazetteer, std::ostream& out) {
    std::size_t skipped = 0;
    EntityExtractor extractor(gazetteer);
    auto walked = walk::walk(roots, excludes, [&](const std::string& path, const std::string& why) {
        warn_about(path, why);
        ++skipped;
    });
    for (const auto& file : walked.files) {
        auto format = readers::format_of(file.path);
        if (format == readers::Format::Unsupported) continue;
        std::string content;
        // A read error part way is not checked here: what was read is extracted.
        if (text::read_whole_file(file.path, content) == text::ReadStatus::CannotOpen) {
            warn_about(file.path, "skipped: cannot open file");
            ++skipped;
            continue;
        }
        auto read = readers::read(format, file.path, std::move(content));
        for (const auto& w : read.warnings) warn_about(file.path, w);
        if (!read.error.empty()) {
            warn_about(file.path, "skipped: " + read.error);
            ++skipped;
            continue;
        }
        for (const auto& article : read.articles) {
            Entities e = extractor.extract(article);
            ordered_json j = {{"path", article.path}, {"id", article.id}, {"title", article.title},
                              {"date", article.date}};
            for (const schema::Field& field : schema::kFields)
                if (field.facet) j[std::string(field.plural)] = entities_json(e, field, true);
            out << j.dump(-1, ' ', false, ordered_json::error_handler_t::replace) << '\n';
        }
    }
    return skipped;
}

}  // namespace docket
