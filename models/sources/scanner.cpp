// SPDX-License-Identifier: GPL-3.0-or-later
#include "scanner.h"

#include "fileio.h"
#include "logging.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <set>
#include <utility>

namespace runlens::sources {

namespace {

bool ignoredFolder(const std::string &name) {
    return name == ".git" || name == "node_modules" || name == "__pycache__" || name == ".svn" ||
           name == ".hg" || name == ".ipynb_checkpoints";
}

QString errnoText(int err) {
    return QString::fromLocal8Bit(std::strerror(err));
}

} // namespace

Scanner::Scanner(std::vector<const Importer *> importers)
    : m_importers(std::move(importers)) {
}

bool Scanner::scan(const QString &root, ScanContext &context, const RunFound &onRun) const {
    struct Pending {
        QString abs;
        QString rel;
    };
    std::vector<Pending> stack;
    std::set<std::pair<quint64, quint64>> visited;
    auto addProblem = [&](const QString &path, const QString &message) {
        if (context.problems)
            context.problems->append(core::Problem{path, {}, message});
    };

    int err = 0;
    const QByteArray rootName = QFile::encodeName(root);
    const auto rootStat = fileio::statAt(AT_FDCWD, rootName.constData(), &err);
    if (!rootStat) {
        addProblem(root, QCoreApplication::translate("runlens::sources::Scanner",
                                                     "Cannot read the folder: %1")
                             .arg(errnoText(err)));
        return true;
    }
    if (!rootStat->isDir) {
        // A single file: offer it to the importers as the only entry of its folder.
        const QFileInfo info(root);
        FolderListing listing{info.absolutePath(), QString(), {}};
        listing.entries.push_back(FolderEntry{info.fileName(), false, rootStat->isFile});
        for (const Importer *importer : m_importers) {
            if (!importer->sniff(listing))
                continue;
            FolderClaim claim = importer->scanFolder(listing, context);
            for (RunLocation &loc : claim.runs)
                onRun(std::move(loc));
            if (claim.prune)
                break;
        }
        return true;
    }

    stack.push_back(Pending{root, QString()});
    std::vector<fileio::Entry> entries;
    while (!stack.empty()) {
        if (context.cancel && context.cancel->load(std::memory_order_relaxed))
            return false;
        Pending dir = std::move(stack.back());
        stack.pop_back();
        const QByteArray path = QFile::encodeName(dir.abs);
        fileio::Fd fd = fileio::openDir(AT_FDCWD, path.constData(), &err);
        if (!fd.valid()) {
            // Vanished since its parent was listed, or not readable: report, go on.
            if (err != ENOENT)
                addProblem(dir.abs, QCoreApplication::translate("runlens::sources::Scanner",
                                                                "Cannot read the folder: %1")
                                        .arg(errnoText(err)));
            continue;
        }
        if (const auto st = fileio::statFd(fd.get())) {
            if (!visited.insert({st->device, st->inode}).second) {
                qCDebug(lcSources) << "already walked, skipping" << dir.abs;
                continue;
            }
        }
        entries.clear();
        if (!fileio::listOpenDir(fd.get(), entries, &err)) {
            addProblem(dir.abs, QCoreApplication::translate("runlens::sources::Scanner",
                                                            "Cannot list the folder: %1")
                                    .arg(errnoText(err)));
            continue;
        }
        fd = fileio::Fd();

        FolderListing listing{dir.abs, dir.rel, {}};
        listing.entries.reserve(entries.size());
        for (const fileio::Entry &e : entries) {
            if (e.isDir && ignoredFolder(e.name))
                continue;
            listing.entries.push_back(
                FolderEntry{QFile::decodeName(e.name.c_str()), e.isDir, e.isFile});
        }

        bool pruned = false;
        QStringList skip;
        for (const Importer *importer : m_importers) {
            if (!importer->sniff(listing))
                continue;
            FolderClaim claim = importer->scanFolder(listing, context);
            for (RunLocation &loc : claim.runs)
                onRun(std::move(loc));
            skip += claim.skipChildren;
            if (claim.prune) {
                pruned = true;
                break;
            }
        }
        if (pruned)
            continue;
        // Push in reverse so the walk visits children in listing order.
        for (auto it = listing.entries.rbegin(); it != listing.entries.rend(); ++it) {
            if (!it->isDir || skip.contains(it->name))
                continue;
            const QString rel = dir.rel.isEmpty() ? it->name : dir.rel + u'/' + it->name;
            stack.push_back(Pending{dir.abs + u'/' + it->name, rel});
        }
    }
    return true;
}

} // namespace runlens::sources
