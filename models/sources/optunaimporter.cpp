// SPDX-License-Identifier: GPL-3.0-or-later
#include "optunaimporter.h"

#include "fileio.h"
#include "optunaparser.h"
#include "sqlitesource.h"
#include "treeparse.h"

#include <QCoreApplication>
#include <QFile>
#include <QMutex>
#include <cmath>
#include <fcntl.h>
#include <limits>
#include <memory>

namespace runlens::sources {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(runlens::sources::OptunaImporter)
};

using sqlitesource::Connection;
using Result = store::Statement::Result;

constexpr double inf = std::numeric_limits<double>::infinity();
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

const QString dbPrefix = QStringLiteral("db:");
const QString journalPrefix = QStringLiteral("journal:");

bool isOptunaSchema(const QSet<QString> &tables) {
    return tables.contains(QStringLiteral("studies")) &&
           tables.contains(QStringLiteral("trials")) &&
           tables.contains(QStringLiteral("trial_params"));
}

/// A value column with the value_type of newer schemas ("FINITE", "INF_POS", "INF_NEG", "NAN").
double typedValue(store::Statement &s, int valueColumn, int typeColumn) {
    if (typeColumn >= 0 && !s.isNull(typeColumn)) {
        const QByteArrayView type = s.columnUtf8(typeColumn);
        if (type == "INF_POS")
            return inf;
        if (type == "INF_NEG")
            return -inf;
        if (type == "NAN")
            return nan;
    }
    return sqlitesource::columnNumber(s, valueColumn);
}

/// A user attribute's value_json as tag text: strings without their quotes.
QString attrText(QByteArrayView json) {
    treeparse::ParseError error;
    const QByteArray wrapped = "[" + json.toByteArray() + "]";
    const QVariant v =
        treeparse::parseJson(std::string_view(wrapped.data(), size_t(wrapped.size())), &error);
    if (!error.failed()) {
        const QVariantList list = v.toList();
        if (list.size() == 1 && list.front().typeId() == QMetaType::QString)
            return list.front().toString();
    }
    return QString::fromUtf8(json);
}

QString relOf(const FolderListing &folder, const QString &name) {
    return folder.relPath.isEmpty() ? name : folder.relPath + u'/' + name;
}

void finishTrialRun(core::Run &run, const QString &study, qint64 number, const QString &state,
                    const QStringList &directions) {
    run.uid = study + u'/' + QString::number(number);
    run.name = QStringLiteral("trial %1").arg(number);
    run.experiment = study;
    run.status = optuna::statusOfState(state);
    run.tags.insert(QStringLiteral("optuna.state"), state);
    run.tags.insert(QStringLiteral("optuna.number"), QString::number(number));
    if (!directions.isEmpty())
        run.tags.insert(directions.size() == 1 ? QStringLiteral("optuna.direction")
                                               : QStringLiteral("optuna.directions"),
                        directions.join(u','));
}

void addValues(core::Run &run, std::vector<store::RunUpdate::Series> &series,
               const std::vector<std::pair<int, double>> &values, qint64 timeMs) {
    for (const auto &[objective, value] : values) {
        const QString key = values.size() == 1 && objective == 0
                                ? QStringLiteral("value")
                                : QStringLiteral("values[%1]").arg(objective);
        const core::MetricPoint p{0, timeMs, value};
        run.metricRef(key).add(p);
        series.push_back(store::RunUpdate::Series{key, false, {p}});
    }
}

void addIntermediate(core::Run &run, std::vector<store::RunUpdate::Series> &series,
                     core::MetricPoints points) {
    if (points.empty())
        return;
    const QString key = QStringLiteral("intermediate");
    run.metricRef(key).add(points);
    series.push_back(store::RunUpdate::Series{key, false, std::move(points)});
}

// --- journals -------------------------------------------------------------------------------

struct CachedJournal {
    QString path;
    std::vector<store::FileState> fingerprint;
    std::shared_ptr<const optuna::Journal> journal;
};

/// Parsed journals shared by the scan and the reader threads: a journal is parsed once per
/// change, not once per trial.
std::shared_ptr<const optuna::Journal> loadJournal(const QString &path,
                                                   const std::vector<store::FileState> &fp,
                                                   qint64 *bytesRead, QString *error) {
    static QMutex mutex;
    static std::vector<CachedJournal> cache;
    {
        QMutexLocker lock(&mutex);
        for (const CachedJournal &c : cache) {
            if (c.path == path && c.fingerprint == fp)
                return c.journal;
        }
    }
    std::string bytes;
    int err = 0;
    const QByteArray name = QFile::encodeName(path);
    if (fileio::readFile(AT_FDCWD, name.constData(), 0, bytes, nullptr, &err) !=
        fileio::ReadStatus::Ok) {
        if (error)
            *error = Tr::tr("Cannot read the journal: %1")
                         .arg(QString::fromLocal8Bit(std::strerror(err)));
        return nullptr;
    }
    if (bytesRead)
        *bytesRead += qint64(bytes.size());
    auto journal = std::make_shared<const optuna::Journal>(optuna::parseJournal(bytes));
    QMutexLocker lock(&mutex);
    std::erase_if(cache, [&](const CachedJournal &c) { return c.path == path; });
    cache.insert(cache.begin(), CachedJournal{path, fp, journal});
    if (cache.size() > 8)
        cache.pop_back();
    return journal;
}

bool readJournalHead(const QString &path, std::string &head) {
    const QByteArray name = QFile::encodeName(path);
    const fileio::Fd fd(::open(name.constData(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid())
        return false;
    head.resize(256);
    const ssize_t n = ::read(fd.get(), head.data(), head.size());
    head.resize(n > 0 ? size_t(n) : 0);
    return n > 0;
}

} // namespace

QString OptunaImporter::id() const {
    return QStringLiteral("optuna");
}

QString OptunaImporter::displayName() const {
    return QStringLiteral("Optuna");
}

bool OptunaImporter::isDatabaseName(QStringView name) {
    return name.endsWith(u".db", Qt::CaseInsensitive) ||
           name.endsWith(u".sqlite", Qt::CaseInsensitive) ||
           name.endsWith(u".sqlite3", Qt::CaseInsensitive);
}

bool OptunaImporter::isJournalName(QStringView name) {
    return name.endsWith(u".log", Qt::CaseInsensitive) ||
           name.endsWith(u".jsonl", Qt::CaseInsensitive) ||
           name.endsWith(u".journal", Qt::CaseInsensitive);
}

bool OptunaImporter::sniff(const FolderListing &folder) const {
    for (const FolderEntry &e : folder.entries) {
        if (e.isFile && (isDatabaseName(e.name) || isJournalName(e.name)))
            return true;
    }
    return false;
}

FolderClaim OptunaImporter::scanFolder(const FolderListing &folder, ScanContext &context) const {
    FolderClaim claim;
    auto problem = [&](const QString &path, const QString &message) {
        if (context.problems)
            context.problems->append({path, {}, message});
    };
    for (const FolderEntry &e : folder.entries) {
        if (!e.isFile)
            continue;
        const QString abs = folder.absPath + u'/' + e.name;
        const QString rel = relOf(folder, e.name);
        // Only files that say they are Optuna's get a problem when unreadable; any other .db
        // may belong to another tool.
        const bool namedOptuna = e.name.contains(u"optuna", Qt::CaseInsensitive);
        auto addRun = [&](const QString &detail, const QString &study, qint64 trialId) {
            RunLocation loc;
            loc.importer = id();
            loc.absPath = abs;
            loc.relPath = rel + u'#' + QString::number(trialId);
            loc.group = study;
            loc.detail = detail + QString::number(trialId);
            claim.runs.push_back(std::move(loc));
        };
        if (isDatabaseName(e.name)) {
            const sqlitesource::Header header = sqlitesource::readHeader(abs);
            if (header.kind != sqlitesource::HeaderKind::Sqlite) {
                if (namedOptuna)
                    problem(abs, header.kind == sqlitesource::HeaderKind::Empty
                                     ? Tr::tr("The file is empty, not an Optuna database")
                                     : Tr::tr("The file is not an SQLite database"));
                continue;
            }
            const auto fp = sqlitesource::fingerprint(abs);
            QString error;
            std::unique_ptr<Connection> fallback;
            Connection *c =
                sqlitesource::openForListing(abs, fp.files, header.wal, &fallback, &error);
            if (!c) {
                if (namedOptuna)
                    problem(abs, error);
                continue;
            }
            if (!isOptunaSchema(c->tables())) {
                if (namedOptuna)
                    problem(abs, Tr::tr("The database has no Optuna tables (studies, trials)"));
                continue;
            }
            store::Statement &s =
                c->statement("SELECT t.trial_id, s.study_name FROM trials t "
                             "LEFT JOIN studies s ON s.study_id = t.study_id ORDER BY t.trial_id");
            if (!s.isValid()) {
                problem(abs, Tr::tr("Cannot read the trials: %1").arg(c->lastError()));
                continue;
            }
            store::Statement::Scope scope(s);
            Result r;
            while ((r = s.step()) == Result::Row)
                addRun(dbPrefix, s.columnText(1), s.columnInt(0));
            if (r == Result::Error)
                problem(abs, Tr::tr("Cannot read the trials: %1").arg(c->lastError()));
        } else if (isJournalName(e.name)) {
            std::string head;
            if (!readJournalHead(abs, head) || !optuna::looksLikeJournal(head))
                continue;
            const auto fp = sqlitesource::fingerprint(abs);
            QString error;
            const auto journal = loadJournal(abs, fp.files, nullptr, &error);
            if (!journal) {
                problem(abs, error);
                continue;
            }
            for (size_t i = 0; i < journal->trials.size(); ++i) {
                const optuna::JournalTrial &t = journal->trials[i];
                const optuna::JournalStudy &study = journal->studies[size_t(t.studyId)];
                if (!study.deleted)
                    addRun(journalPrefix, study.name, qint64(i));
            }
        }
    }
    return claim;
}

ReadResult OptunaImporter::read(const RunLocation &location, const QString &sourceRoot,
                                const PreviousState &previous,
                                const std::atomic_bool &cancel) const {
    ReadResult result;
    if (cancel.load(std::memory_order_relaxed)) {
        result.outcome = ReadResult::Outcome::Cancelled;
        return result;
    }
    const bool isJournal = location.detail.startsWith(journalPrefix);
    bool ok = false;
    const qint64 trialId =
        location.detail.mid(isJournal ? journalPrefix.size() : dbPrefix.size()).toLongLong(&ok);
    if (!ok) {
        result.outcome = ReadResult::Outcome::NotARun;
        return result;
    }
    store::RunUpdate &update = result.update;
    core::Run &run = update.run;

    if (isJournal) {
        const auto fp = sqlitesource::fingerprint(location.absPath);
        result.outcome = ReadResult::Outcome::Skipped;
        if (!fp.exists)
            return result;
        const store::PreviousRun *prev =
            previous.empty() ? nullptr : previous.find(location.relPath);
        if (prev && sqlitesource::sameFiles(fp.files, prev->decodedFiles())) {
            result.outcome = ReadResult::Outcome::Unchanged;
            return result;
        }
        QString error;
        const auto journal = loadJournal(location.absPath, fp.files, &result.bytesRead, &error);
        if (!journal) {
            result.problems.append({location.absPath, {}, error});
            return result;
        }
        qint64 firstListed = 0; // the first trial the scan listed (not of a deleted study)
        while (firstListed < qint64(journal->trials.size()) &&
               journal->studies[size_t(journal->trials[size_t(firstListed)].studyId)].deleted)
            ++firstListed;
        if (trialId == firstListed) {
            // The journal's own problems, once (with the first trial).
            for (const optuna::JournalBadLine &bad : journal->bad)
                result.problems.append(
                    {location.absPath, QStringLiteral("line %1").arg(bad.line), bad.reason});
        }
        if (trialId >= qint64(journal->trials.size())) {
            result.outcome = ReadResult::Outcome::NotARun;
            return result;
        }
        const optuna::JournalTrial &t = journal->trials[size_t(trialId)];
        const optuna::JournalStudy &study = journal->studies[size_t(t.studyId)];
        finishTrialRun(run, study.name, t.number, t.state, study.directions);
        run.startMs = t.startMs;
        run.endMs = t.endMs;
        for (const auto &[name, value] : t.params)
            run.config.set(name, value);
        for (auto it = t.userAttrs.begin(); it != t.userAttrs.end(); ++it)
            run.tags.insert(it.key(), it.value());
        std::vector<std::pair<int, double>> values;
        for (size_t i = 0; i < t.values.size(); ++i)
            values.emplace_back(int(i), t.values[i]);
        addValues(run, update.series, values, t.endMs);
        addIntermediate(run, update.series, t.intermediate);
        update.files = fp.files;
    } else {
        sqlitesource::ReadStart start =
            sqlitesource::beginRead(location.absPath, location, previous, result);
        Connection *c = start.connection;
        if (!c)
            return result;
        auto failed = [&] {
            sqlitesource::failRead(*c, location.absPath, result);
            return std::move(result);
        };
        store::Statement &trial = c->statement(
            "SELECT t.number, t.state, t.datetime_start, t.datetime_complete, s.study_name, "
            "t.study_id FROM trials t LEFT JOIN studies s ON s.study_id = t.study_id "
            "WHERE t.trial_id = ?1");
        if (!trial.isValid())
            return failed();
        qint64 studyId = 0;
        QString state;
        {
            store::Statement::Scope scope(trial);
            trial.bind(1, trialId);
            const Result r = trial.step();
            if (r == Result::Error)
                return failed();
            if (r == Result::Done) {
                result.outcome = ReadResult::Outcome::NotARun; // deleted since the scan
                return result;
            }
            studyId = trial.columnInt(5);
            state = trial.columnText(1);
            run.startMs = sqlitesource::parseDateTimeMs(trial.columnText(2));
            run.endMs = sqlitesource::parseDateTimeMs(trial.columnText(3));
            QStringList directions;
            if (c->tables().contains(QStringLiteral("study_directions"))) {
                store::Statement &dir = c->statement("SELECT direction FROM study_directions "
                                                     "WHERE study_id = ?1 ORDER BY objective");
                if (!dir.isValid())
                    return failed();
                store::Statement::Scope dirScope(dir);
                dir.bind(1, studyId);
                while (dir.step() == Result::Row)
                    directions << dir.columnText(0);
            }
            finishTrialRun(run, trial.columnText(4), trial.columnInt(0), state, directions);
        }

        store::Statement &params =
            c->statement("SELECT param_name, param_value, distribution_json FROM trial_params "
                         "WHERE trial_id = ?1 ORDER BY param_id");
        if (!params.isValid())
            return failed();
        {
            store::Statement::Scope scope(params);
            params.bind(1, trialId);
            Result r;
            while ((r = params.step()) == Result::Row) {
                const QByteArrayView dist = params.columnUtf8(2);
                QString error;
                const QVariant value =
                    optuna::decodeParam(sqlitesource::columnNumber(params, 1),
                                        std::string_view(dist.data(), size_t(dist.size())), &error);
                if (!error.isEmpty())
                    result.problems.append({location.absPath,
                                            {},
                                            Tr::tr("Trial %1, parameter %2: %3")
                                                .arg(trialId)
                                                .arg(params.columnText(0), error)});
                run.config.set(params.columnText(0), value);
            }
            if (r == Result::Error)
                return failed();
        }

        const bool typedValues =
            c->hasColumn(QStringLiteral("trial_values"), QStringLiteral("value_type"));
        store::Statement &vals =
            typedValues ? c->statement("SELECT objective, value, value_type FROM trial_values "
                                       "WHERE trial_id = ?1 ORDER BY objective")
                        : c->statement("SELECT objective, value, NULL FROM trial_values "
                                       "WHERE trial_id = ?1 ORDER BY objective");
        if (!vals.isValid())
            return failed();
        {
            store::Statement::Scope scope(vals);
            vals.bind(1, trialId);
            std::vector<std::pair<int, double>> values;
            Result r;
            while ((r = vals.step()) == Result::Row)
                values.emplace_back(int(vals.columnInt(0)), typedValue(vals, 1, 2));
            if (r == Result::Error)
                return failed();
            addValues(run, update.series, values, run.endMs);
        }

        const bool typedInter = c->hasColumn(QStringLiteral("trial_intermediate_values"),
                                             QStringLiteral("intermediate_value_type"));
        store::Statement &inter =
            typedInter
                ? c->statement("SELECT step, intermediate_value, intermediate_value_type "
                               "FROM trial_intermediate_values WHERE trial_id = ?1 ORDER BY step")
                : c->statement("SELECT step, intermediate_value, NULL "
                               "FROM trial_intermediate_values WHERE trial_id = ?1 ORDER BY step");
        if (!inter.isValid())
            return failed();
        {
            store::Statement::Scope scope(inter);
            inter.bind(1, trialId);
            core::MetricPoints points;
            Result r;
            while ((r = inter.step()) == Result::Row)
                points.push_back(core::MetricPoint{inter.columnInt(0), 0, typedValue(inter, 1, 2)});
            if (r == Result::Error)
                return failed();
            addIntermediate(run, update.series, std::move(points));
        }

        if (c->tables().contains(QStringLiteral("trial_user_attributes"))) {
            store::Statement &attrs = c->statement(
                "SELECT key, value_json FROM trial_user_attributes WHERE trial_id = ?1");
            if (!attrs.isValid())
                return failed();
            store::Statement::Scope scope(attrs);
            attrs.bind(1, trialId);
            Result r;
            while ((r = attrs.step()) == Result::Row)
                run.tags.insert(attrs.columnText(0), attrText(attrs.columnUtf8(1)));
            if (r == Result::Error)
                return failed();
        }
        update.files = std::move(start.files);
    }

    run.format = id();
    run.key = core::Run::makeKey(id(), run.uid);
    run.sourceRoot = sourceRoot;
    run.path = location.relPath;
    run.deleted = location.deleted;
    result.outcome = ReadResult::Outcome::Updated;
    return result;
}

} // namespace runlens::sources
