// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The bare baseline of the import benchmarks: walk a run-log folder and read every file
// completely, nothing else. What an importer costs on top of this is its parsing and storing.
// Shared by bench_walkread and bench_import; plain POSIX so it measures the file system only.

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <fstream>
#include <string>
#include <sys/resource.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace runlens::bench {

struct WalkReadResult {
    long long files = 0;
    long long dirs = 0;
    long long bytes = 0;
    long long errors = 0;
    double seconds = 0;
    double cpuSeconds = 0; ///< user + system time of the whole process over the walk
};

/// User + system CPU time of this process (all threads) so far. On a busy machine the wall
/// time of a pass depends on the neighbours; this does much less.
inline double cpuSeconds() {
    rusage ru{};
    ::getrusage(RUSAGE_SELF, &ru);
    return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
           static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

namespace detail {

struct Counters {
    long long files = 0, dirs = 0, bytes = 0, errors = 0;
};

inline bool isDir(const std::string &path, const dirent *e) {
    if (e->d_type == DT_DIR)
        return true;
    if (e->d_type != DT_UNKNOWN)
        return false;
    struct stat st {};
    return ::lstat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

inline void readFile(const std::string &path, std::vector<char> &buf, Counters &c) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        ++c.errors;
        return;
    }
    ++c.files;
    for (;;) {
        const ssize_t n = ::read(fd, buf.data(), buf.size());
        if (n > 0) {
            c.bytes += n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            ++c.errors;
        break;
    }
    ::close(fd);
}

/// Reads the files of dir; sub-folders go to subdirs when depth > 0 is left for a later
/// pass (the split between threads), else they are walked right away.
inline void walk(const std::string &dir, int depth, std::vector<std::string> *deeper,
                 std::vector<char> &buf, Counters &c) {
    DIR *d = ::opendir(dir.c_str());
    if (!d) {
        ++c.errors;
        return;
    }
    ++c.dirs;
    std::vector<std::string> subdirs;
    while (const dirent *e = ::readdir(d)) {
        if (std::strcmp(e->d_name, ".") == 0 || std::strcmp(e->d_name, "..") == 0)
            continue;
        std::string path = dir + '/' + e->d_name;
        if (isDir(path, e))
            subdirs.push_back(std::move(path));
        else if (e->d_type == DT_REG || e->d_type == DT_UNKNOWN)
            readFile(path, buf, c);
    }
    ::closedir(d);
    for (std::string &s : subdirs) {
        if (depth == 1 && deeper)
            deeper->push_back(std::move(s));
        else
            walk(s, depth - 1, deeper, buf, c);
    }
}

} // namespace detail

/// An MLflow root: dir itself, or dir/mlruns when dir holds one.
inline std::string mlrunsRoot(const std::string &dir) {
    struct stat st {};
    const std::string sub = dir + "/mlruns";
    return ::stat(sub.c_str(), &st) == 0 && S_ISDIR(st.st_mode) ? sub : dir;
}

/// Walks root and reads every file. The folders two levels down (the run folders of an mlruns
/// root) are shared out between `threads` threads; the two levels above are read first.
inline WalkReadResult walkRead(const std::string &root, int threads) {
    const auto start = std::chrono::steady_clock::now();
    const double cpuStart = cpuSeconds();
    std::vector<char> buf(1 << 16);
    detail::Counters total;
    std::vector<std::string> units;
    detail::walk(root, 2, &units, buf, total);

    std::atomic<size_t> next{0};
    std::vector<detail::Counters> parts(static_cast<size_t>(std::max(1, threads)));
    auto worker = [&](size_t t) {
        std::vector<char> b(1 << 16);
        for (size_t i; (i = next.fetch_add(1)) < units.size();)
            detail::walk(units[i], 1 << 20, nullptr, b, parts[t]);
    };
    std::vector<std::thread> pool;
    for (size_t t = 1; t < parts.size(); ++t)
        pool.emplace_back(worker, t);
    worker(0);
    for (std::thread &t : pool)
        t.join();
    for (const detail::Counters &p : parts) {
        total.files += p.files;
        total.dirs += p.dirs;
        total.bytes += p.bytes;
        total.errors += p.errors;
    }
    WalkReadResult r;
    r.files = total.files;
    r.dirs = total.dirs;
    r.bytes = total.bytes;
    r.errors = total.errors;
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    r.cpuSeconds = cpuSeconds() - cpuStart;
    return r;
}

/// Empties the kernel's page cache (needs root); false with a reason otherwise.
inline bool dropPageCache(std::string *error) {
    ::sync();
    std::ofstream f("/proc/sys/vm/drop_caches");
    if (f)
        f << "3\n";
    if (!f) {
        if (error)
            *error = std::string("cannot write /proc/sys/vm/drop_caches: ") + std::strerror(errno);
        return false;
    }
    return true;
}

/// The value of a "Name:   1234 kB" line of /proc/self/status, in KiB (-1 when missing).
inline long long procStatusKb(const char *name) {
    std::ifstream f("/proc/self/status");
    std::string line;
    const size_t len = std::strlen(name);
    while (std::getline(f, line)) {
        if (line.compare(0, len, name) == 0 && line.size() > len && line[len] == ':')
            return std::atoll(line.c_str() + len + 1);
    }
    return -1;
}

/// Peak resident set size since the start or the last resetPeakRss(), in KiB.
inline long long peakRssKb() {
    return procStatusKb("VmHWM");
}

/// Resets VmHWM to the current RSS (Linux >= 4.0), so each phase reports its own peak.
inline bool resetPeakRss() {
    std::ofstream f("/proc/self/clear_refs");
    f << "5\n";
    return static_cast<bool>(f);
}

} // namespace runlens::bench
