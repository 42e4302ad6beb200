// `searcher serve`: a local HTTP JSON API and the web page over the same search
// library as the CLI. Entry points: serve_main (the subcommand's command line)
// and run_server.
#pragma once

#include <string>
#include <vector>

#include "index_set.h"

namespace docket::serve {

struct ServeOptions {
    std::string program = "searcher";     // the name it was run by, for its messages
    IndexSetOptions indexes;              // --db / --remote, as the CLI
    std::vector<std::string> gazetteers;  // --gazetteer: as given to the indexer (the article view's mentions)
    std::string bind = "127.0.0.1";
    int port = 8080;                      // 0: any free port (the one taken is printed)
    unsigned threads = 8;                 // workers: each holds its own Xapian databases
    std::string token;                    // required on every API request when set
    unsigned time_limit_ms = 10000;       // per search; 0 = none
    unsigned max_queue = 64;              // connections waiting for a worker beyond this get 503
    bool count_beside = false;            // --count-beside: a second thread counts while a core is idle
    std::string saved_file;               // --saved-file (default: beside the first --db, as the CLI)
};

// Whether `host` names this machine's loopback interface.
bool is_loopback(const std::string& host);

// Serves until SIGINT or SIGTERM; returns the exit code (0 after a clean stop).
int run_server(const ServeOptions& options);

// `PROGRAM serve [options]`: argv[0] is "serve"; `program` is the name the
// searcher was run by ("searcher", "docket-search").
int serve_main(const std::string& program, int argc, char** argv);

}  // namespace docket::serve
