// SPDX-License-Identifier: GPL-3.0-or-later
#include "scanner.h"

#include "fileio.h"
#include "logging.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <limits>
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

bool isAtOrBelow(const QString &rel, const QString &folder) {
    return folder.isEmpty() || rel == folder ||
           (rel.startsWith(folder) && rel.size() > folder.size() && rel[folder.size()] == u'/');
}

QStringList components(const QString &path) {
    return path.isEmpty() ? QStringList() : path.split(u'/');
}

/// Key prefixes for the parts of one run: each part's path below the run folder, without the
/// leading and trailing folders all parts share ("logs/train", "logs/validation" give "train/"
/// and "validation/"). A single part gets none.
void assignKeyPrefixes(std::vector<RunPart> &parts) {
    if (parts.size() < 2)
        return;
    std::vector<QStringList> paths;
    qsizetype shortest = std::numeric_limits<qsizetype>::max();
    for (const RunPart &p : parts) {
        paths.push_back(components(p.relPath));
        shortest = std::min(shortest, paths.back().size());
    }
    auto allEqualAt = [&](auto index) {
        for (const QStringList &c : paths) {
            if (c.at(index(c)) != paths.front().at(index(paths.front())))
                return false;
        }
        return true;
    };
    qsizetype lead = 0;
    while (lead < shortest && allEqualAt([&](const QStringList &) { return lead; }))
        ++lead;
    qsizetype trail = 0;
    while (lead + trail < shortest &&
           allEqualAt([&](const QStringList &c) { return c.size() - 1 - trail; }))
        ++trail;
    for (size_t i = 0; i < parts.size(); ++i) {
        const QStringList &c = paths[i];
        const QStringList middle = c.mid(lead, c.size() - lead - trail);
        parts[i].keyPrefix = middle.isEmpty() ? QString() : middle.join(u'/') + u'/';
    }
}

/// Holds runs whose locations claim logs until the walk leaves their folder, collecting the
/// log runs found below as their parts.
class Claims {
public:
    explicit Claims(const Scanner::RunFound &onRun)
        : m_onRun(onRun) {}

    /// The walk moved on to rel: emits every held run whose folder does not contain it.
    void leaveUnless(const QString &rel) {
        while (!m_owners.empty() && !isAtOrBelow(rel, m_owners.back().relPath))
            emitBack();
    }
    void finish() {
        while (!m_owners.empty())
            emitBack();
    }

    /// Runs found in one folder: owners first, so logs in the same folder join them.
    void found(std::vector<RunLocation> &runs, const std::vector<const Importer *> &importers) {
        std::stable_partition(runs.begin(), runs.end(),
                              [](const RunLocation &r) { return r.claimsLogs; });
        for (RunLocation &loc : runs) {
            const Importer *importer = importerOf(loc.importer, importers);
            // A run of the owner's own format below it (a Hydra sweep inside a project whose
            // root is a Hydra run) is a run of its own, not a part.
            const bool sameFormat = !m_owners.empty() && m_owners.back().importer == loc.importer;
            const bool canBePart =
                importer && (importer->isLogSource() || loc.claimsLogs) && !sameFormat;
            if (canBePart && !m_owners.empty() &&
                isAtOrBelow(loc.relPath, m_owners.back().relPath)) {
                RunLocation &owner = m_owners.back();
                const QString below = loc.relPath.mid(owner.relPath.size())
                                          .section(u'/', owner.relPath.isEmpty() ? 0 : 1);
                owner.parts.push_back(RunPart{loc.importer, loc.absPath, below, {}});
                for (RunPart &nested : loc.parts) {
                    nested.relPath = below.isEmpty()            ? nested.relPath
                                     : nested.relPath.isEmpty() ? below
                                                                : below + u'/' + nested.relPath;
                    owner.parts.push_back(std::move(nested));
                }
                continue;
            }
            if (loc.claimsLogs) {
                m_owners.push_back(std::move(loc));
                continue;
            }
            m_onRun(std::move(loc));
        }
    }

private:
    static const Importer *importerOf(const QString &id,
                                      const std::vector<const Importer *> &importers) {
        for (const Importer *i : importers) {
            if (i->id() == id)
                return i;
        }
        return nullptr;
    }

    void emitBack() {
        RunLocation loc = std::move(m_owners.back());
        m_owners.pop_back();
        assignKeyPrefixes(loc.parts);
        m_onRun(std::move(loc));
    }

    const Scanner::RunFound &m_onRun;
    std::vector<RunLocation> m_owners; ///< nested folders, innermost last
};

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
        Claims claims(onRun);
        for (const Importer *importer : m_importers) {
            if (!importer->sniff(listing))
                continue;
            FolderClaim claim = importer->scanFolder(listing, context);
            claims.found(claim.runs, m_importers);
            if (claim.prune)
                break;
        }
        claims.finish();
        return true;
    }

    stack.push_back(Pending{root, QString()});
    std::vector<fileio::Entry> entries;
    Claims claims(onRun);
    while (!stack.empty()) {
        if (context.cancel && context.cancel->load(std::memory_order_relaxed))
            return false;
        Pending dir = std::move(stack.back());
        stack.pop_back();
        claims.leaveUnless(dir.rel);
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
        std::vector<RunLocation> found;
        for (const Importer *importer : m_importers) {
            if (!importer->sniff(listing))
                continue;
            FolderClaim claim = importer->scanFolder(listing, context);
            for (RunLocation &loc : claim.runs)
                found.push_back(std::move(loc));
            skip += claim.skipChildren;
            if (claim.prune) {
                pruned = true;
                break;
            }
        }
        claims.found(found, m_importers);
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
    claims.finish();
    return true;
}

} // namespace runlens::sources
