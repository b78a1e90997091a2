// SPDX-License-Identifier: GPL-3.0-or-later
#include "kedroimporter.h"

#include "fileio.h"
#include "sqlitesource.h"
#include "treeparse.h"

#include <QCoreApplication>
#include <QFile>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>

namespace runlens::sources {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(runlens::sources::KedroImporter)
};

using Result = store::Statement::Result;

const QString trackingDir = QStringLiteral("09_tracking");
const QString sessionStore = QStringLiteral("session_store.db");

/// The dataset folders of 09_tracking and, for a version, the files inside it.
struct TrackedFile {
    QString dataset; ///< "metrics.json"
    QString rel;     ///< "09_tracking/metrics.json/<version>/metrics.json"
    QString abs;
    fileio::Stat st;
};

std::vector<TrackedFile> filesOfVersion(const QString &dataAbs, const QString &version) {
    std::vector<TrackedFile> out;
    const QString trackingAbs = dataAbs + u'/' + trackingDir;
    std::vector<fileio::Entry> datasets;
    if (!fileio::listDir(AT_FDCWD, QFile::encodeName(trackingAbs).constData(), datasets))
        return out;
    std::sort(datasets.begin(), datasets.end(),
              [](const fileio::Entry &a, const fileio::Entry &b) { return a.name < b.name; });
    std::vector<fileio::Entry> files;
    for (const fileio::Entry &d : datasets) {
        if (!d.isDir)
            continue;
        const QString dataset = QFile::decodeName(d.name.c_str());
        const QString versionAbs = trackingAbs + u'/' + dataset + u'/' + version;
        files.clear();
        if (!fileio::listDir(AT_FDCWD, QFile::encodeName(versionAbs).constData(), files, nullptr,
                             true))
            continue;
        for (const fileio::Entry &f : files) {
            if (!f.isFile)
                continue;
            const QString name = QFile::decodeName(f.name.c_str());
            out.push_back(TrackedFile{dataset,
                                      trackingDir + u'/' + dataset + u'/' + version + u'/' + name,
                                      versionAbs + u'/' + name, f.st});
        }
    }
    return out;
}

QString textOf(const QVariant &v) {
    if (!v.isValid())
        return {};
    if (v.typeId() == QMetaType::Bool)
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return v.toString();
}

/// The project's name: the folder holding data/ (or the data folder itself).
QString projectName(const QString &dataAbs) {
    const QString name = dataAbs.section(u'/', -1);
    return name == u"data" ? dataAbs.section(u'/', -2, -2) : name;
}

void applySession(const QVariantMap &session, core::Run &run) {
    auto tag = [&](const QString &key, const QVariant &value) {
        const QString text = textOf(value);
        if (!text.isEmpty())
            run.tags.insert(key, text);
    };
    tag(QStringLiteral("kedro.session_id"), session.value(QStringLiteral("session_id")));
    tag(QStringLiteral("kedro.username"), session.value(QStringLiteral("username")));
    tag(QStringLiteral("kedro.project_path"), session.value(QStringLiteral("project_path")));
    tag(QStringLiteral("kedro.package_name"), session.value(QStringLiteral("package_name")));
    tag(QStringLiteral("kedro.env"), session.value(QStringLiteral("env")));
    const QVariantMap cli = session.value(QStringLiteral("cli")).toMap();
    tag(QStringLiteral("kedro.command"), cli.value(QStringLiteral("command_path")));
    const QVariantMap git = session.value(QStringLiteral("git")).toMap();
    tag(QStringLiteral("kedro.git.commit_sha"), git.value(QStringLiteral("commit_sha")));
    tag(QStringLiteral("kedro.git.branch"), git.value(QStringLiteral("branch")));
    tag(QStringLiteral("kedro.git.dirty"), git.value(QStringLiteral("dirty")));
    const QVariantMap exception = session.value(QStringLiteral("exception")).toMap();
    if (session.contains(QStringLiteral("exception")) &&
        session.value(QStringLiteral("exception")).isValid()) {
        run.status = core::RunStatus::Failed;
        const QString type = textOf(exception.value(QStringLiteral("type")));
        const QString value = textOf(exception.value(QStringLiteral("value")));
        run.tags.insert(QStringLiteral("kedro.exception"),
                        value.isEmpty() ? type : type + QStringLiteral(": ") + value);
    } else {
        run.status = core::RunStatus::Finished;
    }
}

} // namespace

QString KedroImporter::id() const {
    return QStringLiteral("kedro");
}

QString KedroImporter::displayName() const {
    return QStringLiteral("Kedro");
}

bool KedroImporter::isMetricsDataset(const QString &stem, const QVariant &tree) {
    if (!stem.contains(u"metric", Qt::CaseInsensitive) || tree.typeId() != QMetaType::QVariantMap)
        return false;
    const QVariantMap map = tree.toMap();
    return !map.isEmpty() && std::all_of(map.begin(), map.end(), [](const QVariant &v) {
        return v.typeId() == QMetaType::Double || v.typeId() == QMetaType::LongLong ||
               v.typeId() == QMetaType::Int;
    });
}

QVariantMap KedroImporter::decodeSessionBlob(QByteArrayView blob) {
    treeparse::ParseError error;
    // A bare JSON string is not a document for Qt's parser: wrap it in a list.
    const QByteArray wrapped = "[" + blob.toByteArray() + "]";
    QVariant v =
        treeparse::parseJson(std::string_view(wrapped.data(), size_t(wrapped.size())), &error);
    if (error.failed())
        return {};
    v = v.toList().value(0);
    if (v.typeId() == QMetaType::QString) {
        const QByteArray inner = v.toString().toUtf8();
        v = treeparse::parseJson(std::string_view(inner.data(), size_t(inner.size())), &error);
        if (error.failed())
            return {};
    }
    return v.toMap();
}

bool KedroImporter::sniff(const FolderListing &folder) const {
    return folder.hasDir(trackingDir);
}

FolderClaim KedroImporter::scanFolder(const FolderListing &folder, ScanContext &context) const {
    FolderClaim claim;
    claim.skipChildren << trackingDir;
    const QString trackingAbs = folder.absPath + u'/' + trackingDir;
    std::vector<fileio::Entry> datasets;
    int err = 0;
    if (!fileio::listDir(AT_FDCWD, QFile::encodeName(trackingAbs).constData(), datasets, &err)) {
        if (context.problems)
            context.problems->append({trackingAbs,
                                      {},
                                      Tr::tr("Cannot list the folder: %1")
                                          .arg(QString::fromLocal8Bit(std::strerror(err)))});
        return claim;
    }
    QStringList versions;
    std::vector<fileio::Entry> entries;
    for (const fileio::Entry &d : datasets) {
        if (!d.isDir)
            continue;
        entries.clear();
        const QByteArray path = QFile::encodeName(trackingAbs) + '/' + QByteArray(d.name.c_str());
        if (!fileio::listDir(AT_FDCWD, path.constData(), entries))
            continue;
        for (const fileio::Entry &v : entries) {
            if (v.isDir)
                versions << QFile::decodeName(v.name.c_str());
        }
    }
    versions.sort();
    versions.removeDuplicates();
    if (folder.hasFile(sessionStore)) {
        // One problem for a broken session store here, not one per run.
        const QString db = folder.absPath + u'/' + sessionStore;
        const sqlitesource::Header header = sqlitesource::readHeader(db);
        if (header.kind != sqlitesource::HeaderKind::Sqlite && context.problems)
            context.problems->append({db,
                                      {},
                                      Tr::tr("The session store is not an SQLite database; "
                                             "runs are read without session details")});
    }
    const QString group = projectName(folder.absPath);
    const QString rel =
        folder.relPath.isEmpty() ? trackingDir : folder.relPath + u'/' + trackingDir;
    for (const QString &version : std::as_const(versions)) {
        RunLocation loc;
        loc.importer = id();
        loc.absPath = folder.absPath;
        loc.relPath = rel + u'#' + version;
        loc.group = group;
        loc.detail = version;
        claim.runs.push_back(std::move(loc));
    }
    return claim;
}

ReadResult KedroImporter::read(const RunLocation &location, const QString &sourceRoot,
                               const PreviousState &previous,
                               const std::atomic_bool &cancel) const {
    ReadResult result;
    result.outcome = ReadResult::Outcome::Skipped;
    if (cancel.load(std::memory_order_relaxed)) {
        result.outcome = ReadResult::Outcome::Cancelled;
        return result;
    }
    const QString &version = location.detail;
    std::vector<TrackedFile> files = filesOfVersion(location.absPath, version);
    if (files.empty()) {
        result.outcome = ReadResult::Outcome::NotARun; // the version vanished
        return result;
    }
    std::vector<store::FileState> states;
    for (const TrackedFile &f : files)
        states.push_back(
            store::FileState{f.rel, f.st.size, f.st.mtimeNs, f.st.inode, f.st.size, 0});
    const QString dbPath = location.absPath + u'/' + sessionStore;
    const sqlitesource::DbFingerprint dbFp = sqlitesource::fingerprint(dbPath);
    states.insert(states.end(), dbFp.files.begin(), dbFp.files.end());

    const store::PreviousRun *prev = previous.empty() ? nullptr : previous.find(location.relPath);
    const store::FileStates prevFiles = prev ? prev->decodedFiles() : store::FileStates{};
    if (prev && sqlitesource::sameDatabase(states, prevFiles)) {
        result.outcome = ReadResult::Outcome::Unchanged;
        return result;
    }

    // The session first: Kedro-Viz writes the store on every `kedro run`, so a changed store
    // usually leaves this run's row as it was, and the row's signature says so.
    QByteArray sessionBlob;
    bool haveSession = false;
    bool bookmark = false;
    QString title, notes;
    QByteArray signatureText;
    if (dbFp.exists && dbFp.isFile) {
        QString error;
        sqlitesource::Failure failure = sqlitesource::Failure::None;
        sqlitesource::Connection *c =
            sqlitesource::open(dbPath, dbFp.files, false, &error, &failure);
        if (!c && failure == sqlitesource::Failure::Busy) {
            result.outcome = ReadResult::Outcome::Skipped;
            if (!error.isEmpty())
                result.problems.append({dbPath, {}, error});
            return result;
        }
        if (c && c->tables().contains(QStringLiteral("runs"))) {
            store::Statement &s = c->statement("SELECT blob FROM runs WHERE id = ?1");
            if (!s.isValid()) {
                sqlitesource::failRead(*c, dbPath, result);
                return result;
            }
            store::Statement::Scope scope(s);
            s.bind(1, version);
            const Result r = s.step();
            if (r == Result::Error) {
                sqlitesource::failRead(*c, dbPath, result);
                return result;
            }
            if (r == Result::Row) {
                haveSession = true;
                sessionBlob = s.columnUtf8(0).toByteArray();
                signatureText += sessionBlob;
            }
        }
        if (c && c->tables().contains(QStringLiteral("user_run_details"))) {
            store::Statement &s = c->statement(
                "SELECT bookmark, title, notes FROM user_run_details WHERE run_id = ?1");
            if (s.isValid()) {
                store::Statement::Scope scope(s);
                s.bind(1, version);
                if (s.step() == Result::Row) {
                    bookmark = s.columnInt(0) != 0;
                    title = s.columnText(1);
                    notes = s.columnText(2);
                    signatureText += '\x1f' + QByteArray::number(int(bookmark)) + '\x1f' +
                                     title.toUtf8() + '\x1f' + notes.toUtf8();
                }
            }
        }
    }
    const QString signatureName = QStringLiteral("#session");
    const quint64 signature = qHash(signatureText, 0x5eed);
    if (prev) {
        // Unchanged when the tracking files are and the session row is.
        const store::FileState *prevSig = prevFiles.find(signatureName);
        bool jsonSame = prevSig && quint64(prevSig->size) == signature;
        qsizetype prevJson = 0;
        for (const store::FileState &f : prevFiles)
            prevJson += f.relPath.startsWith(trackingDir + u'/') ? 1 : 0;
        jsonSame = jsonSame && prevJson == qsizetype(files.size());
        for (const TrackedFile &f : files) {
            const store::FileState *p = prevFiles.find(f.rel);
            jsonSame = jsonSame && p && p->size == f.st.size && p->mtimeNs == f.st.mtimeNs &&
                       p->inode == f.st.inode;
        }
        if (jsonSame) {
            result.outcome = ReadResult::Outcome::Unchanged;
            return result;
        }
    }
    states.push_back(store::FileState{signatureName, qint64(signature), 0, 0, 0, 0});

    store::RunUpdate &update = result.update;
    core::Run &run = update.run;
    run.uid = version;
    run.name = version;
    run.experiment = location.group;
    run.startMs = sqlitesource::parseDateTimeMs(version);

    for (const TrackedFile &f : files) {
        std::string bytes;
        int err = 0;
        if (fileio::readFile(AT_FDCWD, QFile::encodeName(f.abs).constData(), 0, bytes, nullptr,
                             &err) != fileio::ReadStatus::Ok) {
            result.problems.append({f.abs,
                                    {},
                                    Tr::tr("Cannot read the file: %1")
                                        .arg(QString::fromLocal8Bit(std::strerror(err)))});
            continue;
        }
        result.bytesRead += qint64(bytes.size());
        treeparse::ParseError error;
        const QVariant tree = treeparse::parseJson(bytes, &error);
        if (error.failed()) {
            result.problems.append({f.abs, error.where(), error.message});
            continue;
        }
        QString stem = f.dataset;
        if (stem.endsWith(u".json", Qt::CaseInsensitive))
            stem.chop(5);
        if (isMetricsDataset(stem, tree)) {
            const QVariantMap map = tree.toMap();
            for (auto it = map.begin(); it != map.end(); ++it) {
                const QString key = stem == u"metrics" ? it.key() : stem + u'/' + it.key();
                const core::MetricPoint p{0, run.startMs, it.value().toDouble()};
                run.metricRef(key).add(p);
                update.series.push_back(store::RunUpdate::Series{key, false, {p}});
            }
        } else {
            run.config.insertTree(tree, stem);
        }
    }

    if (haveSession)
        applySession(decodeSessionBlob(sessionBlob), run);
    if (bookmark)
        run.tags.insert(QStringLiteral("kedro.bookmark"), QStringLiteral("true"));
    if (!title.isEmpty())
        run.name = title;
    if (!notes.isEmpty())
        run.tags.insert(QStringLiteral("kedro.notes"), notes);

    update.files = std::move(states);
    run.format = id();
    run.key = core::Run::makeKey(id(), run.uid);
    run.sourceRoot = sourceRoot;
    run.path = location.relPath;
    run.deleted = location.deleted;
    result.outcome = ReadResult::Outcome::Updated;
    return result;
}

} // namespace runlens::sources
