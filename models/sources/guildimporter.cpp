// SPDX-License-Identifier: GPL-3.0-or-later
#include "guildimporter.h"

#include "fileio.h"
#include "guildparser.h"

#include <QFile>
#include <cerrno>
#include <csignal>
#include <fcntl.h>

namespace runlens::sources {

namespace {

class AttrParser final : public FileParser {
public:
    [[nodiscard]] bool appendOnly() const override { return false; }
    void parse(const FileInput &input, FileContribution &out) const override {
        guild::parseAttr(QStringView(input.absPath).mid(input.absPath.lastIndexOf(u'/') + 1),
                         input.bytes, out);
    }
};

class OprefParser final : public FileParser {
public:
    [[nodiscard]] bool appendOnly() const override { return false; }
    void parse(const FileInput &input, FileContribution &out) const override {
        const QString op = guild::operationFromOpref(input.bytes);
        if (op.isEmpty())
            return;
        out.experiment = op;
        out.tags.insert(QStringLiteral("guild.op"), op);
    }
};

/// The empty state files Guild leaves in .guild/ while a run is not finished.
class MarkerParser final : public FileParser {
public:
    [[nodiscard]] bool appendOnly() const override { return false; }
    void parse(const FileInput &input, FileContribution &out) const override {
        const QStringView name =
            QStringView(input.absPath).mid(input.absPath.lastIndexOf(u'/') + 1);
        if (name == u"PENDING" || name == u"STAGED") {
            out.status = core::RunStatus::Scheduled;
        } else if (name == u"LOCK.remote") {
            out.status = core::RunStatus::Running;
        } else if (name == u"LOCK") {
            const auto pid = guild::lockPid(input.bytes);
            if (pid && (::kill(pid_t(*pid), 0) == 0 || errno == EPERM)) {
                out.status = core::RunStatus::Running;
                // A process killed hard leaves its LOCK behind unchanged: look again next time.
                out.retryLater = true;
            }
        }
    }
};

const AttrParser attrParser;
const OprefParser oprefParser;
const MarkerParser markerParser;

bool isDir(const QString &path) {
    const QByteArray name = QFile::encodeName(path);
    const auto st = fileio::statAt(AT_FDCWD, name.constData());
    return st && st->isDir;
}

bool isFile(const QString &path) {
    const QByteArray name = QFile::encodeName(path);
    const auto st = fileio::statAt(AT_FDCWD, name.constData());
    return st && st->isFile;
}

bool isRunFolder(const QString &absPath) {
    return isDir(absPath + QStringLiteral("/.guild/attrs")) ||
           isFile(absPath + QStringLiteral("/.guild/opref"));
}

/// True when a folder between the opened root and absPath (the root included) is a run.
bool insideRun(const QString &absPath, const QString &relPath) {
    const qsizetype depth = relPath.isEmpty() ? 0 : relPath.count(u'/') + 1;
    QString up = absPath;
    for (qsizetype i = 0; i < depth; ++i) {
        up = up.section(u'/', 0, -2);
        if (isRunFolder(up))
            return true;
    }
    return false;
}

} // namespace

QString GuildImporter::id() const {
    return QStringLiteral("guild");
}

QString GuildImporter::displayName() const {
    return QStringLiteral("Guild AI");
}

bool GuildImporter::sniff(const FolderListing &folder) const {
    return folder.hasDir(u".guild") || folder.absPath.endsWith(u"/.guild");
}

FolderClaim GuildImporter::scanFolder(const FolderListing &folder, ScanContext &) const {
    FolderClaim claim;
    if (folder.absPath.endsWith(u"/.guild")) {
        // A run's own .guild: only the event files at its top matter. A Guild home
        // (.guild/runs, .guild/cache): the cache holds copies of remote runs.
        claim.skipChildren << QStringLiteral("attrs") << QStringLiteral("sourcecode")
                           << QStringLiteral("cache");
        return claim;
    }
    if (!folder.hasDir(u".guild") || !isRunFolder(folder.absPath))
        return claim;
    if (insideRun(folder.absPath, folder.relPath)) {
        claim.skipChildren << QStringLiteral(".guild");
        return claim;
    }
    RunLocation loc;
    loc.importer = id();
    loc.absPath = folder.absPath;
    loc.relPath = folder.relPath;
    loc.claimsLogs = true;
    const QStringList up = folder.absPath.split(u'/');
    loc.deleted =
        up.size() >= 3 && up.at(up.size() - 2) == u"runs" && up.at(up.size() - 3) == u"trash";
    claim.runs.push_back(std::move(loc));
    return claim;
}

std::vector<RunFile> GuildImporter::runFiles(const QString &absPath, core::Problems &) const {
    std::vector<RunFile> files;
    const QString guild = absPath + QStringLiteral("/.guild/");
    auto add = [&](const QString &rel, const FileParser *parser) {
        files.push_back(RunFile{guild + rel, QStringLiteral(".guild/") + rel, parser, {}});
    };
    // Markers first: exit_status, read later, wins over them.
    for (const char *marker : {"PENDING", "STAGED", "LOCK", "LOCK.remote"})
        add(QString::fromLatin1(marker), &markerParser);
    add(QStringLiteral("opref"), &oprefParser);
    for (const QString &attr : guild::knownAttrs())
        add(QStringLiteral("attrs/") + attr, &attrParser);
    return files;
}

void GuildImporter::finishRun(const RunLocation &location, core::Run &run) const {
    const QString runId = location.absPath.section(u'/', -1);
    run.uid = runId;
    run.key = core::Run::makeKey(run.format, run.uid);
    const QString label = run.tags.value(QStringLiteral("guild.label"));
    const QString op = run.tags.value(QStringLiteral("guild.op"));
    run.name = !label.isEmpty() ? label : op.isEmpty() ? runId.left(8) : op + u' ' + runId.left(8);
    // No exit status and no marker: Guild calls such a run an error.
    if (run.status == core::RunStatus::Unknown)
        run.status = core::RunStatus::Failed;
}

} // namespace runlens::sources
