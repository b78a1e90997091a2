// SPDX-License-Identifier: GPL-3.0-or-later
#include "demodatabases.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QTimeZone>
#include <cmath>
#include <limits>
#include <map>
#include <sqlite3.h>

namespace runlens::demo {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(runlens::demo::DemoDatabases)
};

/// A database being written: one transaction, statements with positional parameters.
class Writer {
public:
    ~Writer() {
        for (sqlite3_stmt *s : m_statements)
            sqlite3_finalize(s);
        if (m_db)
            sqlite3_close(m_db);
    }
    bool open(const QString &path) {
        if (QFile::exists(path)) {
            m_error = Tr::tr("%1 exists already; the demo never overwrites it").arg(path);
            return false;
        }
        if (sqlite3_open_v2(path.toUtf8().constData(), &m_db,
                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
            return fail();
        return exec("PRAGMA journal_mode = DELETE; BEGIN");
    }
    bool exec(const char *sql) {
        return sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) == SQLITE_OK || fail();
    }
    bool commit() { return exec("COMMIT"); }

    /// Prepares sql (once per call site: pass the same literal).
    sqlite3_stmt *statement(const char *sql) {
        auto it = m_byText.find(sql);
        if (it != m_byText.end())
            return it->second;
        sqlite3_stmt *s = nullptr;
        if (sqlite3_prepare_v2(m_db, sql, -1, &s, nullptr) != SQLITE_OK) {
            fail();
            return nullptr;
        }
        m_statements.push_back(s);
        m_byText.emplace(sql, s);
        return s;
    }
    /// Binds values (QVariant: null, integer, double, text) and runs the statement.
    bool run(const char *sql, const QVariantList &values) {
        sqlite3_stmt *s = statement(sql);
        if (!s)
            return false;
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
        for (int i = 0; i < values.size(); ++i) {
            const QVariant &v = values[i];
            if (!v.isValid() || v.isNull()) {
                sqlite3_bind_null(s, i + 1);
            } else if (v.typeId() == QMetaType::LongLong || v.typeId() == QMetaType::Int ||
                       v.typeId() == QMetaType::Bool) {
                sqlite3_bind_int64(s, i + 1, v.toLongLong());
            } else if (v.typeId() == QMetaType::Double) {
                sqlite3_bind_double(s, i + 1, v.toDouble());
            } else {
                const QByteArray text = v.toString().toUtf8();
                sqlite3_bind_text(s, i + 1, text.constData(), int(text.size()), SQLITE_TRANSIENT);
            }
        }
        const int rc = sqlite3_step(s);
        sqlite3_reset(s);
        return rc == SQLITE_DONE || fail();
    }
    qint64 lastId() const { return sqlite3_last_insert_rowid(m_db); }
    [[nodiscard]] QString error() const { return m_error; }

private:
    bool fail() {
        if (m_error.isEmpty())
            m_error = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db))
                           : QStringLiteral("cannot open the database");
        return false;
    }
    sqlite3 *m_db = nullptr;
    std::vector<sqlite3_stmt *> m_statements;
    std::map<const char *, sqlite3_stmt *> m_byText;
    QString m_error;
};

bool setError(QString *error, const QString &message) {
    if (error)
        *error = message;
    return false;
}

bool makeDir(const QString &path, QString *error) {
    return QDir().mkpath(path) || setError(error, Tr::tr("Cannot create %1").arg(path));
}

QString q(const std::string &s) {
    return QString::fromStdString(s);
}

QString utcText(qint64 ms, const char *format) {
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(QLatin1StringView(format));
}

/// Optuna's datetime columns: naive "2026-02-01 20:32:31.282655".
QString optunaTime(qint64 ms) {
    return ms > 0 ? utcText(ms, "yyyy-MM-dd HH:mm:ss.zzz") + QStringLiteral("000") : QString();
}

/// The index of the metric the studies optimise: "val/loss", else the first.
size_t objectiveOf(const DemoRun &run) {
    for (size_t i = 0; i < run.metricNames.size(); ++i) {
        if (run.metricNames[i] == "val/loss")
            return i;
    }
    return 0;
}

QVariant paramValue(const DemoParam &p) {
    switch (p.kind) {
    case DemoParam::Kind::Float:
        return p.number;
    case DemoParam::Kind::Int:
        return qint64(p.number);
    case DemoParam::Kind::Bool:
        return p.number != 0;
    case DemoParam::Kind::Text:
        break;
    }
    return q(p.text);
}

const char *optunaSchema = R"(
CREATE TABLE studies (study_id INTEGER NOT NULL, study_name VARCHAR(512) NOT NULL,
    PRIMARY KEY (study_id));
CREATE UNIQUE INDEX ix_studies_study_name ON studies (study_name);
CREATE TABLE version_info (version_info_id INTEGER NOT NULL, schema_version INTEGER,
    library_version VARCHAR(256), PRIMARY KEY (version_info_id), CHECK (version_info_id=1));
CREATE TABLE study_directions (study_direction_id INTEGER NOT NULL, direction VARCHAR(8) NOT NULL,
    study_id INTEGER NOT NULL, objective INTEGER NOT NULL, PRIMARY KEY (study_direction_id),
    UNIQUE (study_id, objective), FOREIGN KEY(study_id) REFERENCES studies (study_id));
CREATE TABLE study_user_attributes (study_user_attribute_id INTEGER NOT NULL, study_id INTEGER,
    "key" VARCHAR(512), value_json TEXT, PRIMARY KEY (study_user_attribute_id),
    UNIQUE (study_id, "key"), FOREIGN KEY(study_id) REFERENCES studies (study_id));
CREATE TABLE study_system_attributes (study_system_attribute_id INTEGER NOT NULL, study_id INTEGER,
    "key" VARCHAR(512), value_json TEXT, PRIMARY KEY (study_system_attribute_id),
    UNIQUE (study_id, "key"), FOREIGN KEY(study_id) REFERENCES studies (study_id));
CREATE TABLE trials (trial_id INTEGER NOT NULL, number INTEGER, study_id INTEGER,
    state VARCHAR(8) NOT NULL, datetime_start DATETIME, datetime_complete DATETIME,
    PRIMARY KEY (trial_id), FOREIGN KEY(study_id) REFERENCES studies (study_id));
CREATE INDEX ix_trials_study_id ON trials (study_id);
CREATE TABLE trial_user_attributes (trial_user_attribute_id INTEGER NOT NULL, trial_id INTEGER,
    "key" VARCHAR(512), value_json TEXT, PRIMARY KEY (trial_user_attribute_id),
    UNIQUE (trial_id, "key"), FOREIGN KEY(trial_id) REFERENCES trials (trial_id));
CREATE TABLE trial_system_attributes (trial_system_attribute_id INTEGER NOT NULL, trial_id INTEGER,
    "key" VARCHAR(512), value_json TEXT, PRIMARY KEY (trial_system_attribute_id),
    UNIQUE (trial_id, "key"), FOREIGN KEY(trial_id) REFERENCES trials (trial_id));
CREATE TABLE trial_params (param_id INTEGER NOT NULL, trial_id INTEGER, param_name VARCHAR(512),
    param_value FLOAT, distribution_json TEXT, PRIMARY KEY (param_id),
    UNIQUE (trial_id, param_name), FOREIGN KEY(trial_id) REFERENCES trials (trial_id));
CREATE TABLE trial_values (trial_value_id INTEGER NOT NULL, trial_id INTEGER NOT NULL,
    objective INTEGER NOT NULL, value FLOAT, value_type VARCHAR(7) NOT NULL,
    PRIMARY KEY (trial_value_id), UNIQUE (trial_id, objective),
    FOREIGN KEY(trial_id) REFERENCES trials (trial_id));
CREATE TABLE trial_intermediate_values (trial_intermediate_value_id INTEGER NOT NULL,
    trial_id INTEGER NOT NULL, step INTEGER NOT NULL, intermediate_value FLOAT,
    intermediate_value_type VARCHAR(7) NOT NULL, PRIMARY KEY (trial_intermediate_value_id),
    UNIQUE (trial_id, step), FOREIGN KEY(trial_id) REFERENCES trials (trial_id));
CREATE TABLE trial_heartbeats (trial_heartbeat_id INTEGER NOT NULL, trial_id INTEGER NOT NULL,
    heartbeat DATETIME NOT NULL, PRIMARY KEY (trial_heartbeat_id), UNIQUE (trial_id),
    FOREIGN KEY(trial_id) REFERENCES trials (trial_id));
CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num));
INSERT INTO version_info VALUES (1, 12, '4.6.0');
INSERT INTO alembic_version VALUES ('v3.2.0.a');
)";

/// Optuna's value/value_type pair for a float.
QVariantList typedValue(double v) {
    if (std::isnan(v))
        return {QVariant(), QStringLiteral("NAN")};
    if (std::isinf(v))
        return {QVariant(), v > 0 ? QStringLiteral("INF_POS") : QStringLiteral("INF_NEG")};
    return {v, QStringLiteral("FINITE")};
}

QString stateOf(int status) {
    switch (status) {
    case 1:
        return QStringLiteral("RUNNING");
    case 4:
        return QStringLiteral("FAIL");
    case 5:
        return QStringLiteral("PRUNED");
    default:
        return QStringLiteral("COMPLETE");
    }
}

QString compactJson(const QJsonObject &o) {
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

} // namespace

bool writeDemoOptuna(const QString &dir, const DemoOptions &options, QString *error) {
    const std::vector<DemoRun> runs = demoRuns(options);
    const QString root = dir + QStringLiteral("/optuna");
    if (!makeDir(root, error))
        return false;
    // The choices of each text param over all runs, for its CategoricalDistribution.
    std::map<std::string, QStringList> choices;
    for (const DemoRun &r : runs) {
        for (const DemoParam &p : r.params) {
            if (p.kind == DemoParam::Kind::Text && !choices[p.name].contains(q(p.text)))
                choices[p.name] << q(p.text);
        }
    }
    std::map<std::string, std::vector<const DemoRun *>> byStudy;
    for (const DemoRun &r : runs)
        byStudy[r.experiment].push_back(&r);

    for (const auto &[study, trials] : byStudy) {
        Writer w;
        if (!w.open(root + u'/' + q(study) + QStringLiteral(".db")) || !w.exec(optunaSchema) ||
            !w.run("INSERT INTO studies (study_id, study_name) VALUES (1, ?1)", {q(study)}) ||
            !w.run("INSERT INTO study_directions (direction, study_id, objective) "
                   "VALUES ('MINIMIZE', 1, 0)",
                   {}))
            return setError(error, w.error());
        int number = 0;
        for (const DemoRun *r : trials) {
            const QString state = stateOf(r->status);
            if (!w.run("INSERT INTO trials (number, study_id, state, datetime_start, "
                       "datetime_complete) VALUES (?1, 1, ?2, ?3, ?4)",
                       {number++, state, optunaTime(r->startMs),
                        r->endMs > 0 ? QVariant(optunaTime(r->endMs)) : QVariant()}))
                return setError(error, w.error());
            const qint64 trialId = w.lastId();
            for (const DemoParam &p : r->params) {
                QJsonObject attrs;
                QString name;
                double internal = p.number;
                switch (p.kind) {
                case DemoParam::Kind::Float:
                    name = QStringLiteral("FloatDistribution");
                    attrs = {{QStringLiteral("step"), QJsonValue()},
                             {QStringLiteral("low"), std::min(p.number, 0.0)},
                             {QStringLiteral("high"), std::max(p.number, 1.0)},
                             {QStringLiteral("log"), false}};
                    break;
                case DemoParam::Kind::Int:
                    name = QStringLiteral("IntDistribution");
                    attrs = {{QStringLiteral("log"), false},
                             {QStringLiteral("step"), 1},
                             {QStringLiteral("low"), std::min(p.number, 0.0)},
                             {QStringLiteral("high"), std::max(p.number, 1.0)}};
                    break;
                case DemoParam::Kind::Bool:
                    name = QStringLiteral("CategoricalDistribution");
                    attrs = {{QStringLiteral("choices"), QJsonArray{false, true}}};
                    break;
                case DemoParam::Kind::Text: {
                    const QStringList &c = choices[p.name];
                    name = QStringLiteral("CategoricalDistribution");
                    attrs = {{QStringLiteral("choices"), QJsonArray::fromStringList(c)}};
                    internal = double(c.indexOf(q(p.text)));
                    break;
                }
                }
                const QString dist = compactJson(
                    {{QStringLiteral("name"), name}, {QStringLiteral("attributes"), attrs}});
                if (!w.run("INSERT INTO trial_params (trial_id, param_name, param_value, "
                           "distribution_json) VALUES (?1, ?2, ?3, ?4)",
                           {trialId, q(p.name), internal, dist}))
                    return setError(error, w.error());
            }
            const auto &curve =
                r->values.empty() ? std::vector<double>{} : r->values[objectiveOf(*r)];
            for (size_t i = 0; i < curve.size(); ++i) {
                const QVariantList tv = typedValue(curve[i]);
                if (!w.run("INSERT INTO trial_intermediate_values (trial_id, step, "
                           "intermediate_value, intermediate_value_type) VALUES (?1, ?2, ?3, ?4)",
                           {trialId, qint64(i), tv[0], tv[1]}))
                    return setError(error, w.error());
            }
            if ((state == u"COMPLETE" || state == u"PRUNED") && !curve.empty()) {
                const QVariantList tv = typedValue(curve.back());
                if (!w.run("INSERT INTO trial_values (trial_id, objective, value, value_type) "
                           "VALUES (?1, 0, ?2, ?3)",
                           {trialId, tv[0], tv[1]}))
                    return setError(error, w.error());
            }
            if (!w.run("INSERT INTO trial_user_attributes (trial_id, key, value_json) "
                       "VALUES (?1, 'user', ?2)",
                       {trialId, QStringLiteral("\"%1\"").arg(q(r->user))}))
                return setError(error, w.error());
        }
        if (!w.commit())
            return setError(error, w.error());
    }
    return true;
}

namespace {

const char *mlflowSchema = R"(
CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL,
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num));
INSERT INTO alembic_version VALUES ('0584bdc529eb');
CREATE TABLE experiments (experiment_id INTEGER NOT NULL, name VARCHAR(256) NOT NULL,
    artifact_location VARCHAR(256), lifecycle_stage VARCHAR(32), creation_time BIGINT,
    last_update_time BIGINT, CONSTRAINT experiment_pk PRIMARY KEY (experiment_id),
    CONSTRAINT experiments_lifecycle_stage CHECK (lifecycle_stage IN ('active', 'deleted')),
    UNIQUE (name));
CREATE TABLE experiment_tags ("key" VARCHAR(250) NOT NULL, value VARCHAR(5000),
    experiment_id INTEGER NOT NULL, CONSTRAINT experiment_tag_pk PRIMARY KEY ("key", experiment_id),
    FOREIGN KEY(experiment_id) REFERENCES experiments (experiment_id));
CREATE TABLE runs (run_uuid VARCHAR(32) NOT NULL, name VARCHAR(250), source_type VARCHAR(20),
    source_name VARCHAR(500), entry_point_name VARCHAR(50), user_id VARCHAR(256),
    status VARCHAR(9), start_time BIGINT, end_time BIGINT, source_version VARCHAR(50),
    lifecycle_stage VARCHAR(20), artifact_uri VARCHAR(200), experiment_id INTEGER,
    deleted_time BIGINT, CONSTRAINT run_pk PRIMARY KEY (run_uuid),
    CONSTRAINT runs_lifecycle_stage CHECK (lifecycle_stage IN ('active', 'deleted')),
    CONSTRAINT source_type CHECK (source_type IN ('NOTEBOOK', 'JOB', 'LOCAL', 'UNKNOWN', 'PROJECT')),
    FOREIGN KEY(experiment_id) REFERENCES experiments (experiment_id),
    CHECK (status IN ('SCHEDULED', 'FAILED', 'FINISHED', 'RUNNING', 'KILLED')));
CREATE TABLE metrics ("key" VARCHAR(250) NOT NULL, value FLOAT NOT NULL, timestamp BIGINT NOT NULL,
    run_uuid VARCHAR(32) NOT NULL, step BIGINT DEFAULT '0' NOT NULL,
    is_nan BOOLEAN DEFAULT '0' NOT NULL,
    CONSTRAINT metric_pk PRIMARY KEY ("key", timestamp, step, run_uuid, value, is_nan),
    FOREIGN KEY(run_uuid) REFERENCES runs (run_uuid), CHECK (is_nan IN (0, 1)));
CREATE INDEX index_metrics_run_uuid ON metrics (run_uuid);
CREATE TABLE latest_metrics ("key" VARCHAR(250) NOT NULL, value FLOAT NOT NULL, timestamp BIGINT,
    step BIGINT NOT NULL, is_nan BOOLEAN NOT NULL, run_uuid VARCHAR(32) NOT NULL,
    CONSTRAINT latest_metric_pk PRIMARY KEY ("key", run_uuid),
    FOREIGN KEY(run_uuid) REFERENCES runs (run_uuid), CHECK (is_nan IN (0, 1)));
CREATE INDEX index_latest_metrics_run_uuid ON latest_metrics (run_uuid);
CREATE TABLE params ("key" VARCHAR(250) NOT NULL, value VARCHAR(8000) NOT NULL,
    run_uuid VARCHAR(32) NOT NULL, CONSTRAINT param_pk PRIMARY KEY ("key", run_uuid),
    FOREIGN KEY(run_uuid) REFERENCES runs (run_uuid));
CREATE INDEX index_params_run_uuid ON params (run_uuid);
CREATE TABLE tags ("key" VARCHAR(250) NOT NULL, value VARCHAR(8000), run_uuid VARCHAR(32) NOT NULL,
    CONSTRAINT tag_pk PRIMARY KEY ("key", run_uuid), FOREIGN KEY(run_uuid) REFERENCES runs (run_uuid));
CREATE INDEX index_tags_run_uuid ON tags (run_uuid);
INSERT INTO experiments VALUES (0, 'Default', 'mlflow-artifacts:/0', 'active', 0, 0);
)";

QString statusText(int status) {
    switch (status) {
    case 1:
        return QStringLiteral("RUNNING");
    case 2:
        return QStringLiteral("SCHEDULED");
    case 4:
        return QStringLiteral("FAILED");
    case 5:
        return QStringLiteral("KILLED");
    default:
        return QStringLiteral("FINISHED");
    }
}

QString paramText(const DemoParam &p) {
    if (p.kind == DemoParam::Kind::Float)
        return QString::fromLatin1(pythonFloatRepr(p.number));
    if (p.kind == DemoParam::Kind::Int)
        return QString::number(qint64(p.number));
    if (p.kind == DemoParam::Kind::Bool)
        return p.number != 0 ? QStringLiteral("True") : QStringLiteral("False");
    return q(p.text);
}

} // namespace

bool writeDemoMlflowDb(const QString &dir, const DemoOptions &options, QString *error) {
    const std::vector<DemoRun> runs = demoRuns(options);
    const QString root = dir + QStringLiteral("/mlflow-db");
    if (!makeDir(root, error))
        return false;
    Writer w;
    if (!w.open(root + QStringLiteral("/mlflow.db")) || !w.exec(mlflowSchema))
        return setError(error, w.error());
    std::map<std::string, qint64> experiments;
    constexpr double maxDouble = std::numeric_limits<double>::max();
    for (const DemoRun &r : runs) {
        auto it = experiments.find(r.experiment);
        if (it == experiments.end()) {
            const qint64 id = qint64(experiments.size()) + 1;
            it = experiments.emplace(r.experiment, id).first;
            if (!w.run("INSERT INTO experiments VALUES (?1, ?2, ?3, 'active', ?4, ?4)",
                       {id, q(r.experiment), QStringLiteral("mlflow-artifacts:/%1").arg(id),
                        r.startMs}))
                return setError(error, w.error());
        }
        const QString uuid = q(r.id);
        if (!w.run(
                "INSERT INTO runs VALUES (?1, ?2, 'UNKNOWN', '', '', ?3, ?4, ?5, ?6, '', ?7, ?8, "
                "?9, ?10)",
                {uuid, q(r.name), q(r.user), statusText(r.status), r.startMs,
                 r.endMs > 0 ? QVariant(r.endMs) : QVariant(),
                 r.deleted ? QStringLiteral("deleted") : QStringLiteral("active"),
                 QStringLiteral("mlflow-artifacts:/%1/%2/artifacts").arg(it->second).arg(uuid),
                 it->second, r.deleted ? QVariant(r.endMs > 0 ? r.endMs : r.startMs) : QVariant()}))
            return setError(error, w.error());
        for (const DemoParam &p : r.params) {
            if (!w.run("INSERT INTO params VALUES (?1, ?2, ?3)", {q(p.name), paramText(p), uuid}))
                return setError(error, w.error());
        }
        const std::pair<const char *, std::string> tags[] = {
            {"mlflow.runName", r.name},
            {"mlflow.user", r.user},
            {"mlflow.source.name", r.script},
            {"mlflow.source.type", "LOCAL"},
            {"mlflow.source.git.commit", r.commit}};
        for (const auto &[key, value] : tags) {
            if (!w.run("INSERT INTO tags VALUES (?1, ?2, ?3)",
                       {QString::fromLatin1(key), q(value), uuid}))
                return setError(error, w.error());
        }
        for (size_t m = 0; m < r.metricNames.size() && m < r.values.size(); ++m) {
            const QString key = q(r.metricNames[m]);
            const bool isVal = r.metricNames[m].starts_with("val/");
            const auto &values = r.values[m];
            for (size_t i = 0; i < values.size(); ++i) {
                const double v = values[i];
                const bool isNan = std::isnan(v);
                const double stored = isNan ? 0.0 : std::clamp(v, -maxDouble, maxDouble);
                const qint64 t =
                    (i < r.timesMs.size() ? r.timesMs[i] : r.startMs) + (isVal ? r.evalDelayMs : 0);
                if (!w.run("INSERT INTO metrics VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                           {key, stored, t, uuid, qint64(i), isNan ? 1 : 0}))
                    return setError(error, w.error());
                if (i + 1 == values.size() &&
                    !w.run("INSERT INTO latest_metrics VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                           {key, stored, t, qint64(i), isNan ? 1 : 0, uuid}))
                    return setError(error, w.error());
            }
        }
    }
    return w.commit() || setError(error, w.error());
}

bool writeDemoKedro(const QString &dir, const DemoOptions &options, QString *error) {
    const std::vector<DemoRun> runs = demoRuns(options);
    const QString data = dir + QStringLiteral("/kedro/kedro-demo/data");
    const QString tracking = data + QStringLiteral("/09_tracking");
    if (!makeDir(tracking, error))
        return false;
    Writer w;
    if (!w.open(data + QStringLiteral("/session_store.db")) ||
        !w.exec("CREATE TABLE runs (id VARCHAR NOT NULL, blob JSON, PRIMARY KEY (id));"
                "CREATE INDEX ix_runs_id ON runs (id);"
                "CREATE TABLE user_run_details (id INTEGER NOT NULL, run_id VARCHAR, "
                "bookmark BOOLEAN, title VARCHAR, notes VARCHAR, PRIMARY KEY (id), "
                "UNIQUE (run_id), FOREIGN KEY(run_id) REFERENCES runs (id));"
                "CREATE INDEX ix_user_run_details_id ON user_run_details (id);"))
        return setError(error, w.error());
    QSet<QString> versions;
    auto writeJson = [&](const QString &dataset, const QString &version, const QJsonObject &o) {
        const QString folder = tracking + u'/' + dataset + u'/' + version;
        if (!makeDir(folder, error))
            return false;
        QFile f(folder + u'/' + dataset);
        QByteArray bytes = QJsonDocument(o).toJson(QJsonDocument::Indented);
        bytes.chop(1); // Kedro writes no trailing newline
        return (f.open(QIODevice::NewOnly) && f.write(bytes) == bytes.size()) ||
               setError(error, Tr::tr("Cannot write %1").arg(f.fileName()));
    };
    for (const DemoRun &r : runs) {
        qint64 ms = r.startMs;
        QString version;
        do {
            version = utcText(ms++, "yyyy-MM-ddTHH.mm.ss.zzzZ");
        } while (versions.contains(version));
        versions.insert(version);
        QJsonObject metrics;
        for (size_t m = 0; m < r.metricNames.size() && m < r.values.size(); ++m) {
            if (!r.values[m].empty() && std::isfinite(r.values[m].back()))
                metrics.insert(q(r.metricNames[m]), r.values[m].back());
        }
        QJsonObject hyper;
        for (const DemoParam &p : r.params)
            hyper.insert(q(p.name), QJsonValue::fromVariant(paramValue(p)));
        if (!writeJson(QStringLiteral("metrics.json"), version, metrics) ||
            !writeJson(QStringLiteral("hyperparameters.json"), version, hyper))
            return false;
        QJsonObject session{
            {QStringLiteral("package_name"), QStringLiteral("kedro_demo")},
            {QStringLiteral("project_path"),
             QStringLiteral("/home/%1/src/kedro-demo").arg(q(r.user))},
            {QStringLiteral("session_id"), version},
            {QStringLiteral("cli"),
             QJsonObject{{QStringLiteral("command_name"), QStringLiteral("run")},
                         {QStringLiteral("command_path"), QStringLiteral("kedro run")}}},
            {QStringLiteral("username"), q(r.user)},
            {QStringLiteral("git"),
             QJsonObject{{QStringLiteral("commit_sha"), q(r.commit)},
                         {QStringLiteral("dirty"), false},
                         {QStringLiteral("branch"), QStringLiteral("main")}}}};
        if (r.status == 4)
            session.insert(
                QStringLiteral("exception"),
                QJsonObject{{QStringLiteral("type"), QStringLiteral("builtins.RuntimeError")},
                            {QStringLiteral("value"), QStringLiteral("loss is NaN")},
                            {QStringLiteral("traceback"), QJsonArray()}});
        // Kedro-Viz stores the blob JSON-encoded twice: a JSON string holding the object.
        const QString inner = compactJson(session);
        const QByteArray outer = QJsonDocument(QJsonArray{inner}).toJson(QJsonDocument::Compact);
        const QString blob = QString::fromUtf8(outer.mid(1, outer.size() - 2));
        if (!w.run("INSERT INTO runs VALUES (?1, ?2)", {version, blob}))
            return setError(error, w.error());
    }
    return w.commit() || setError(error, w.error());
}

} // namespace runlens::demo
