// SPDX-License-Identifier: GPL-3.0-or-later
#include "tensorboardimporter.h"

#include "fileio.h"
#include "tensorboardparser.h"

#include <QCoreApplication>
#include <QFile>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>

namespace runlens::sources {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(runlens::sources::TensorboardImporter)
};

/// Parses event files. The first file of a run gives the run's start time; later ones (a
/// restarted job's) only move its end.
class EventFileParser final : public FileParser {
public:
    explicit EventFileParser(bool reportStart)
        : m_reportStart(reportStart) {}
    [[nodiscard]] bool appendOnly() const override { return true; }
    void parse(const FileInput &input, FileContribution &out) const override {
        tensorboard::parseEvents(input, out, m_reportStart);
    }

private:
    bool m_reportStart;
};

const EventFileParser firstFileParser(true);
const EventFileParser laterFileParser(false);

} // namespace

QString TensorboardImporter::id() const {
    return QStringLiteral("tensorboard");
}

QString TensorboardImporter::displayName() const {
    return QStringLiteral("TensorBoard");
}

bool TensorboardImporter::isEventFile(QStringView name) {
    return name.contains(u"tfevents");
}

bool TensorboardImporter::isScalarEventFile(QStringView name) {
    return isEventFile(name) && !name.endsWith(u".profile-empty");
}

bool TensorboardImporter::sniff(const FolderListing &folder) const {
    return std::any_of(folder.entries.begin(), folder.entries.end(),
                       [](const FolderEntry &e) { return e.isFile && isScalarEventFile(e.name); });
}

FolderClaim TensorboardImporter::scanFolder(const FolderListing &folder,
                                            ScanContext &context) const {
    FolderClaim claim;
    RunLocation loc;
    loc.importer = id();
    loc.absPath = folder.absPath;
    loc.relPath = folder.relPath;
    // A single event file opened on its own: the run is that file, not its whole folder.
    if (folder.relPath.isEmpty() && folder.entries.size() == 1 &&
        context.rootAbs == folder.absPath + u'/' + folder.entries.front().name)
        loc.absPath = context.rootAbs;
    claim.runs.push_back(std::move(loc));
    return claim; // no prune: sub-folders are runs of their own
}

std::vector<RunFile> TensorboardImporter::runFiles(const QString &absPath,
                                                   core::Problems &problems) const {
    std::vector<RunFile> files;
    const QByteArray path = QFile::encodeName(absPath);
    int err = 0;
    const auto st = fileio::statAt(AT_FDCWD, path.constData(), &err);
    if (!st)
        return files; // vanished
    struct Named {
        qint64 ts;
        QString name;
    };
    std::vector<Named> names;
    QString folder = absPath;
    if (st->isFile) {
        const qsizetype slash = absPath.lastIndexOf(u'/');
        folder = absPath.left(slash);
        const QString name = absPath.mid(slash + 1);
        names.push_back({tensorboard::timestampInName(name), name});
    } else {
        std::vector<fileio::Entry> entries;
        if (!fileio::listDir(AT_FDCWD, path.constData(), entries, &err)) {
            if (err != ENOENT)
                problems.append({absPath,
                                 {},
                                 Tr::tr("Cannot list the folder: %1")
                                     .arg(QString::fromLocal8Bit(std::strerror(err)))});
            return files;
        }
        for (const fileio::Entry &e : entries) {
            if (!e.isFile)
                continue;
            const QString name = QFile::decodeName(e.name.c_str());
            if (isScalarEventFile(name))
                names.push_back({tensorboard::timestampInName(name), name});
        }
    }
    std::sort(names.begin(), names.end(), [](const Named &a, const Named &b) {
        return a.ts != b.ts ? a.ts < b.ts : a.name < b.name;
    });
    for (const Named &n : names) {
        RunFile f;
        f.absPath = folder + u'/' + n.name;
        f.relPath = n.name;
        f.parser = files.empty() ? &firstFileParser : &laterFileParser;
        files.push_back(std::move(f));
    }
    return files;
}

} // namespace runlens::sources
