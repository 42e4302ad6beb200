// Ranking quality of a TREC run against BEIR qrels: nDCG@10, MAP, Recall@100.
//
//   ir_eval --qrels QRELS.tsv --run RUN.trec [--per-query] [--json]
//
// Conventions are in ir_metrics.h (and in --help). Exit 0, or 2 when a file is unreadable or
// malformed.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "ir_metrics.h"

namespace {

const char* const kAbout = R"(ir_eval: nDCG@10, MAP and Recall@100 of a TREC run against BEIR qrels.

  qrels: "query-id<TAB>corpus-id<TAB>score" (header line optional); score >= 1 is relevant,
         0 or negative is judged non-relevant.
  run:   "qid Q0 docid rank score tag"; ordered by score descending, ties by docid
         descending (as trec_eval); the rank column is ignored; a repeated docid counts
         once (its best position); the first 1000 documents per query are scored.
  nDCG@10: gain = the qrels score (linear, as BEIR/pytrec_eval), discount log2(rank + 1).
  MAP over the whole run depth (up to 1000); Recall@100.
  Means over the queries with at least one relevant document; such a query missing
  from the run scores 0. Prints "ndcg@10 X", "map X", "recall@100 X", "queries N".)";

template <typename T, typename Reader>
T load(const std::string& path, Reader read) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    return read(in);
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app(kAbout, "ir_eval");
    std::string qrels_path, run_path;
    bool per_query = false, as_json = false;
    app.add_option("--qrels", qrels_path, "BEIR qrels TSV")->required();
    app.add_option("--run", run_path, "TREC run file")->required();
    app.add_flag("--per-query", per_query, "Also print each query's metrics");
    app.add_flag("--json", as_json, "Print one JSON object");
    CLI11_PARSE(app, argc, argv);

    ireval::Result r;
    try {
        auto qrels = load<ireval::Qrels>(qrels_path, ireval::read_qrels);
        auto run = load<ireval::Run>(run_path, ireval::read_run);
        r = ireval::evaluate(qrels, run);
    } catch (const std::exception& e) {
        std::cerr << "ir_eval: " << e.what() << "\n";
        return 2;
    }

    auto metrics = [](const ireval::Scores& s) {
        return nlohmann::ordered_json{{"ndcg@10", s.ndcg10}, {"map", s.map}, {"recall@100", s.recall100}};
    };
    if (as_json) {
        auto out = metrics(r.mean);
        out["queries"] = r.per_query.size();
        if (per_query) {
            out["per_query"] = nlohmann::ordered_json::object();
            for (const auto& [qid, s] : r.per_query) out["per_query"][qid] = metrics(s);
        }
        std::cout << out.dump() << "\n";
        return 0;
    }
    if (per_query)
        for (const auto& [qid, s] : r.per_query)
            std::printf("query %s ndcg@10 %.4f map %.4f recall@100 %.4f\n", qid.c_str(), s.ndcg10, s.map,
                        s.recall100);
    std::printf("ndcg@10 %.4f\nmap %.4f\nrecall@100 %.4f\nqueries %zu\n", r.mean.ndcg10, r.mean.map,
                r.mean.recall100, r.per_query.size());
    return 0;
}
