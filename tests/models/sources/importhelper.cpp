// SPDX-License-Identifier: GPL-3.0-or-later
// Helper for the kill test and for measuring import speed.
//   importhelper generate <dir> <runs> [params metrics steps]
//   importhelper import <cache> <dir> [threads]     prints runs, points, bytes and seconds
//   importhelper walk <dir>                          bare two-thread walk-and-read, for comparison

#include "sources/importjob.h"
#include "storebuilder.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>
#include <atomic>
#include <dirent.h>
#include <fcntl.h>
#include <mutex>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

/// Reads every regular file below dir with two threads: a lower bound for any importer.
qint64 walkAndRead(const std::string &root) {
    std::vector<std::string> dirs{root};
    std::vector<std::string> files;
    while (!dirs.empty()) {
        const std::string d = dirs.back();
        dirs.pop_back();
        DIR *dir = ::opendir(d.c_str());
        if (!dir)
            continue;
        while (const dirent *e = ::readdir(dir)) {
            const std::string name = e->d_name;
            if (name == "." || name == "..")
                continue;
            if (e->d_type == DT_DIR)
                dirs.push_back(d + "/" + name);
            else if (e->d_type == DT_REG)
                files.push_back(d + "/" + name);
        }
        ::closedir(dir);
    }
    std::atomic<size_t> next{0};
    std::atomic<qint64> bytes{0};
    auto work = [&] {
        char buf[65536];
        for (size_t i = next++; i < files.size(); i = next++) {
            const int fd = ::open(files[i].c_str(), O_RDONLY | O_CLOEXEC);
            if (fd < 0)
                continue;
            struct stat sb {};
            ::fstat(fd, &sb);
            ssize_t n = 0;
            while ((n = ::read(fd, buf, sizeof buf)) > 0)
                bytes += n;
            ::close(fd);
        }
    };
    std::thread a(work), b(work);
    a.join();
    b.join();
    return bytes;
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    QTextStream out(stdout);
    if (args.size() >= 4 && args[1] == u"generate") {
        const int params = args.size() > 4 ? args[4].toInt() : 20;
        const int metrics = args.size() > 5 ? args[5].toInt() : 20;
        const int steps = args.size() > 6 ? args[6].toInt() : 100;
        QElapsedTimer t;
        t.start();
        runlens::tests::generateStore(args[2], args[3].toInt(), params, metrics, steps);
        out << "generated in " << double(t.elapsed()) / 1000.0 << " s\n";
        return 0;
    }
    if (args.size() >= 4 && args[1] == u"import") {
        runlens::sources::ImportOptions options;
        options.cachePath = args[2];
        options.sources = {args[3]};
        options.threads = args.size() > 4 ? args[4].toInt() : 2;
        std::atomic_bool cancel{false};
        QElapsedTimer t;
        t.start();
        const auto s = runlens::sources::ImportJob(options).run(cancel);
        out << "runs " << s.runs << " unchanged " << s.unchanged << " series " << s.series
            << " points " << s.points << " bytes " << s.bytesRead << " problems "
            << s.problems.size() << " seconds " << double(t.elapsed()) / 1000.0 << '\n';
        if (!s.ok())
            out << s.fatalError << '\n';
        return s.ok() ? 0 : 1;
    }
    if (args.size() >= 3 && args[1] == u"walk") {
        QElapsedTimer t;
        t.start();
        const qint64 bytes = walkAndRead(QFile::encodeName(args[2]).toStdString());
        out << "bytes " << bytes << " seconds " << double(t.elapsed()) / 1000.0 << '\n';
        return 0;
    }
    out << "usage: importhelper generate|import|walk ...\n";
    return 2;
}
