// SPDX-License-Identifier: GPL-3.0-or-later
// bench_walkread DIR [--threads 2] [--cold] [--repeat 3]
//
// The baseline the import target is measured against: walk DIR (or DIR/mlruns), open and read
// every file completely on `threads` threads, nothing more. With --cold the page cache is
// dropped before each pass (root only); otherwise the first pass warms the cache and the best
// of the repeats is the warm figure.

#include "walkread.h"

#include <cstdio>
#include <cstdlib>
#include <string>

using namespace runlens::bench;

int main(int argc, char **argv) {
    std::string dir;
    int threads = 2;
    int repeat = 3;
    bool cold = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--threads" && i + 1 < argc) {
            threads = std::atoi(argv[++i]);
        } else if (a == "--repeat" && i + 1 < argc) {
            repeat = std::atoi(argv[++i]);
        } else if (a == "--cold") {
            cold = true;
        } else if (a == "-h" || a == "--help" || a.starts_with("--") || !dir.empty()) {
            std::fprintf(stderr, "usage: %s DIR [--threads N] [--repeat N] [--cold]\n", argv[0]);
            return a == "-h" || a == "--help" ? 0 : 2;
        } else {
            dir = a;
        }
    }
    if (dir.empty()) {
        std::fprintf(stderr, "usage: %s DIR [--threads N] [--repeat N] [--cold]\n", argv[0]);
        return 2;
    }
    const std::string root = mlrunsRoot(dir);
    std::printf("walk-and-read %s, %d thread(s), %s cache\n\n", root.c_str(), threads,
                cold ? "cold" : "warm");
    std::printf("%-6s %10s %8s %12s %9s %9s %9s %9s\n", "pass", "files", "dirs", "bytes", "seconds",
                "CPU s", "files/s", "MB/s");
    double best = 0;
    for (int pass = 0; pass < std::max(1, repeat); ++pass) {
        if (cold) {
            std::string error;
            if (!dropPageCache(&error)) {
                std::fprintf(stderr, "--cold: %s\n", error.c_str());
                return 1;
            }
        }
        const WalkReadResult r = walkRead(root, threads);
        if (r.files == 0) {
            std::fprintf(stderr, "no files read below %s\n", root.c_str());
            return 1;
        }
        std::printf("%-6d %10lld %8lld %12lld %9.3f %9.3f %9.0f %9.1f%s\n", pass + 1, r.files,
                    r.dirs, r.bytes, r.seconds, r.cpuSeconds, r.files / r.seconds,
                    r.bytes / r.seconds / 1e6, r.errors ? "  (read errors)" : "");
        if (pass == 0 || r.seconds < best)
            best = r.seconds;
    }
    std::printf("\nbest: %.3f s\n", best);
    return 0;
}
