// SPDX-License-Identifier: GPL-3.0-or-later
#include "optunaparser.h"

#include "sqlitesource.h"
#include "treeparse.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <cmath>
#include <limits>

namespace runlens::sources::optuna {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(runlens::sources::OptunaImporter)
};

QString jsonText(const QVariant &v) {
    if (v.typeId() == QMetaType::QString)
        return v.toString();
    if (!v.isValid())
        return QStringLiteral("null");
    const QJsonDocument doc = QJsonDocument::fromVariant(QVariantList{v});
    QByteArray text = doc.toJson(QJsonDocument::Compact);
    // "[...]" around the value
    return QString::fromUtf8(text.mid(1, text.size() - 2));
}

double toDouble(const QVariant &v) {
    bool ok = false;
    const double d = v.toDouble(&ok);
    return ok ? d : std::numeric_limits<double>::quiet_NaN();
}

QString directionName(qint64 code) {
    switch (code) {
    case 1:
        return QStringLiteral("MINIMIZE");
    case 2:
        return QStringLiteral("MAXIMIZE");
    default:
        return QStringLiteral("NOT_SET");
    }
}

QString stateName(qint64 code) {
    switch (code) {
    case 0:
        return QStringLiteral("RUNNING");
    case 1:
        return QStringLiteral("COMPLETE");
    case 2:
        return QStringLiteral("PRUNED");
    case 3:
        return QStringLiteral("FAIL");
    case 4:
        return QStringLiteral("WAITING");
    default:
        return QStringLiteral("UNKNOWN");
    }
}

bool finished(const QString &state) {
    return state == u"COMPLETE" || state == u"PRUNED" || state == u"FAIL";
}

QVariant decodeTree(const QVariant &distribution, double internal, QString *error) {
    const QVariantMap map = distribution.toMap();
    const QString name = map.value(QStringLiteral("name")).toString();
    const QVariantMap attrs = map.value(QStringLiteral("attributes")).toMap();
    if (name == u"CategoricalDistribution") {
        const QVariantList choices = attrs.value(QStringLiteral("choices")).toList();
        const double index = std::round(internal);
        if (!std::isfinite(internal) || index < 0 || index >= double(choices.size())) {
            if (error)
                *error = Tr::tr("categorical index %1 is outside the %2 choices")
                             .arg(internal)
                             .arg(choices.size());
            return internal;
        }
        return choices.at(qsizetype(index));
    }
    if (name.startsWith(u"Int")) {
        if (std::isfinite(internal) && std::abs(internal) < 9.0e15)
            return qint64(std::llround(internal));
        return internal;
    }
    if (name.isEmpty() && error)
        *error = Tr::tr("the distribution has no name");
    return internal;
}

} // namespace

QVariant decodeParam(double internal, std::string_view distributionJson, QString *error) {
    treeparse::ParseError parseError;
    const QVariant tree = treeparse::parseJson(distributionJson, &parseError);
    if (parseError.failed()) {
        if (error)
            *error = Tr::tr("cannot read the distribution: %1").arg(parseError.message);
        return internal;
    }
    return decodeTree(tree, internal, error);
}

core::RunStatus statusOfState(QStringView state) {
    if (state == u"COMPLETE")
        return core::RunStatus::Finished;
    if (state == u"FAIL")
        return core::RunStatus::Failed;
    if (state == u"PRUNED")
        return core::RunStatus::Killed;
    if (state == u"RUNNING")
        return core::RunStatus::Running;
    if (state == u"WAITING")
        return core::RunStatus::Scheduled;
    return core::RunStatus::Unknown;
}

bool looksLikeJournal(std::string_view head) {
    const size_t start = head.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos)
        return false;
    head.remove_prefix(start);
    if (head.substr(0, 1) != "{")
        return false;
    head.remove_prefix(1);
    const size_t key = head.find_first_not_of(" \t");
    return key != std::string_view::npos && head.substr(key, 9) == "\"op_code\"";
}

Journal parseJournal(std::string_view bytes) {
    Journal j;
    std::vector<int> studyTrialCounts;
    qint64 lineNo = 0;
    size_t pos = 0;
    auto bad = [&](const QString &reason) {
        j.bad.push_back(JournalBadLine{lineNo, reason});
    };
    auto trialOf = [&](const QVariantMap &op) -> JournalTrial * {
        bool ok = false;
        const qint64 id = op.value(QStringLiteral("trial_id")).toLongLong(&ok);
        if (!ok || id < 0 || id >= qint64(j.trials.size())) {
            bad(Tr::tr("unknown trial_id"));
            return nullptr;
        }
        JournalTrial &t = j.trials[size_t(id)];
        return finished(t.state) ? nullptr : &t;
    };
    while (pos < bytes.size()) {
        const size_t nl = bytes.find('\n', pos);
        if (nl == std::string_view::npos)
            break; // a line still being written
        ++lineNo;
        const std::string_view line = bytes.substr(pos, nl - pos);
        pos = nl + 1;
        j.consumed = qint64(pos);
        if (line.find_first_not_of(" \t\r") == std::string_view::npos)
            continue;
        treeparse::ParseError error;
        const QVariant parsed = treeparse::parseJson(line, &error);
        if (error.failed() || parsed.typeId() != QMetaType::QVariantMap) {
            bad(error.failed() ? Tr::tr("not a JSON object: %1").arg(error.message)
                               : Tr::tr("not a JSON object"));
            continue;
        }
        const QVariantMap op = parsed.toMap();
        bool ok = false;
        const qint64 code = op.value(QStringLiteral("op_code")).toLongLong(&ok);
        if (!ok) {
            bad(Tr::tr("no op_code"));
            continue;
        }
        switch (code) {
        case 0: { // create study
            const QString name = op.value(QStringLiteral("study_name")).toString();
            bool exists = false;
            for (const JournalStudy &s : j.studies)
                exists = exists || (!s.deleted && s.name == name);
            if (exists)
                break; // a restart with load_if_exists: Optuna ignores it
            JournalStudy study;
            study.name = name;
            for (const QVariant &d : op.value(QStringLiteral("directions")).toList())
                study.directions << directionName(d.toLongLong());
            j.studies.push_back(std::move(study));
            studyTrialCounts.push_back(0);
            break;
        }
        case 1: { // delete study
            const qint64 id = op.value(QStringLiteral("study_id")).toLongLong(&ok);
            if (ok && id >= 0 && id < qint64(j.studies.size()))
                j.studies[size_t(id)].deleted = true;
            break;
        }
        case 2:
        case 3: // study attributes
            break;
        case 4: { // create trial
            const qint64 id = op.value(QStringLiteral("study_id")).toLongLong(&ok);
            if (!ok || id < 0 || id >= qint64(j.studies.size()) || j.studies[size_t(id)].deleted)
                break; // Optuna drops it without using a trial id
            JournalTrial t;
            t.studyId = int(id);
            t.number = studyTrialCounts[size_t(id)]++;
            t.startMs = sqlitesource::parseDateTimeMs(
                op.value(QStringLiteral("datetime_start")).toString());
            // enqueue_trial / add_trial write the whole trial at once.
            if (op.contains(QStringLiteral("state")))
                t.state = stateName(op.value(QStringLiteral("state")).toLongLong());
            const QVariantMap dists = op.value(QStringLiteral("distributions")).toMap();
            const QVariantMap params = op.value(QStringLiteral("params")).toMap();
            for (auto it = params.begin(); it != params.end(); ++it) {
                const QByteArray dist = dists.value(it.key()).toString().toUtf8();
                t.params.emplace_back(
                    it.key(), decodeParam(toDouble(it.value()),
                                          std::string_view(dist.data(), size_t(dist.size()))));
            }
            for (const QVariant &v : op.value(QStringLiteral("values")).toList())
                t.values.push_back(toDouble(v));
            if (t.values.empty() && op.contains(QStringLiteral("value")) &&
                op.value(QStringLiteral("value")).isValid())
                t.values.push_back(toDouble(op.value(QStringLiteral("value"))));
            const QVariantMap inter = op.value(QStringLiteral("intermediate_values")).toMap();
            for (auto it = inter.begin(); it != inter.end(); ++it)
                t.intermediate.push_back(
                    core::MetricPoint{it.key().toLongLong(), 0, toDouble(it.value())});
            const QVariantMap attrs = op.value(QStringLiteral("user_attrs")).toMap();
            for (auto it = attrs.begin(); it != attrs.end(); ++it)
                t.userAttrs.insert(it.key(), jsonText(it.value()));
            t.endMs = sqlitesource::parseDateTimeMs(
                op.value(QStringLiteral("datetime_complete")).toString());
            j.trials.push_back(std::move(t));
            break;
        }
        case 5: { // set param
            JournalTrial *t = trialOf(op);
            if (!t)
                break;
            const QString name = op.value(QStringLiteral("param_name")).toString();
            const QByteArray dist = op.value(QStringLiteral("distribution")).toString().toUtf8();
            QString error;
            const QVariant value =
                decodeParam(toDouble(op.value(QStringLiteral("param_value_internal"))),
                            std::string_view(dist.data(), size_t(dist.size())), &error);
            if (!error.isEmpty())
                bad(error);
            auto existing = std::find_if(t->params.begin(), t->params.end(),
                                         [&](const auto &p) { return p.first == name; });
            if (existing != t->params.end())
                existing->second = value;
            else
                t->params.emplace_back(name, value);
            break;
        }
        case 6: { // set state and values
            JournalTrial *t = trialOf(op);
            if (!t)
                break;
            t->state = stateName(op.value(QStringLiteral("state")).toLongLong());
            const QVariant values = op.value(QStringLiteral("values"));
            if (values.typeId() == QMetaType::QVariantList) {
                t->values.clear();
                for (const QVariant &v : values.toList())
                    t->values.push_back(toDouble(v));
            }
            if (t->state == u"RUNNING" && op.contains(QStringLiteral("datetime_start")))
                t->startMs = sqlitesource::parseDateTimeMs(
                    op.value(QStringLiteral("datetime_start")).toString());
            if (op.contains(QStringLiteral("datetime_complete")))
                t->endMs = sqlitesource::parseDateTimeMs(
                    op.value(QStringLiteral("datetime_complete")).toString());
            break;
        }
        case 7: { // intermediate value
            JournalTrial *t = trialOf(op);
            if (!t)
                break;
            const qint64 step = op.value(QStringLiteral("step")).toLongLong();
            t->intermediate.push_back(core::MetricPoint{
                step, 0, toDouble(op.value(QStringLiteral("intermediate_value")))});
            break;
        }
        case 8: { // user attribute
            JournalTrial *t = trialOf(op);
            if (!t)
                break;
            const QVariantMap attrs = op.value(QStringLiteral("user_attr")).toMap();
            for (auto it = attrs.begin(); it != attrs.end(); ++it)
                t->userAttrs.insert(it.key(), jsonText(it.value()));
            break;
        }
        case 9: // system attribute
            break;
        default:
            bad(Tr::tr("unknown op_code %1").arg(code));
            break;
        }
    }
    return j;
}

} // namespace runlens::sources::optuna
