// SPDX-License-Identifier: GPL-3.0-or-later
#include "sacredparser.h"

#include "treeparse.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QLocale>
#include <cmath>
#include <limits>
#include <optional>

namespace runlens::sources::sacred {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(runlens::sources::SacredImporter)
};

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
qint64 daysFromCivil(qint64 y, unsigned m, unsigned d) {
    y -= m <= 2 ? 1 : 0;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + qint64(doe) - 719468;
}

/// Reads count decimal digits at text[pos]; -1 when they are not all digits.
int digits(QStringView text, qsizetype pos, int count) {
    if (pos + count > text.size())
        return -1;
    int v = 0;
    for (int i = 0; i < count; ++i) {
        const QChar c = text[pos + i];
        if (c < u'0' || c > u'9')
            return -1;
        v = v * 10 + (c.unicode() - u'0');
    }
    return v;
}

QString text(const QVariant &v) {
    switch (v.typeId()) {
    case QMetaType::QVariantMap:
    case QMetaType::QVariantList:
        return QString::fromUtf8(QJsonDocument::fromVariant(v).toJson(QJsonDocument::Compact));
    case QMetaType::UnknownType:
        return {};
    case QMetaType::Double:
        return QString::number(v.toDouble(), 'g', QLocale::FloatingPointShortest);
    default:
        return v.toString();
    }
}

bool isScalar(const QVariant &v) {
    const int t = v.typeId();
    return v.isValid() && t != QMetaType::QVariantMap && t != QMetaType::QVariantList;
}

/// A whole-file parse; on failure reports it at its line and asks for a retry.
QVariant parseWhole(std::string_view bytes, FileContribution &out, const QString &what) {
    treeparse::ParseError error;
    QVariant tree = treeparse::parseJson(bytes, &error);
    if (error.failed()) {
        out.problem(error.where(), Tr::tr("Cannot read %1: %2").arg(what, error.message));
        out.retryLater = true;
        return {};
    }
    if (tree.typeId() != QMetaType::QVariantMap) {
        out.problem(QString(), Tr::tr("%1 does not hold a JSON object").arg(what));
        out.retryLater = true;
        return {};
    }
    return tree;
}

std::optional<double> numberOf(const QVariant &v) {
    switch (v.typeId()) {
    case QMetaType::Double:
    case QMetaType::LongLong:
    case QMetaType::Int:
    case QMetaType::Bool:
        return v.toDouble();
    case QMetaType::QString:
        return treeparse::parseNumber(v.toString().toStdString());
    default:
        return std::nullopt;
    }
}

/// "line N" of the top-level key name in a pretty-printed metrics.json, or "".
QString whereKey(std::string_view bytes, const QString &name) {
    const QByteArray needle =
        "\n  " +
        QJsonDocument(QJsonObject{{name, 0}}).toJson(QJsonDocument::Compact).mid(1).chopped(3) +
        ':';
    const size_t at = bytes.find(std::string_view(needle.constData(), size_t(needle.size())));
    if (at == std::string_view::npos)
        return {};
    qint64 line = 2; // the match starts with the '\n' ending the line before
    for (size_t i = 0; i < at; ++i)
        line += bytes[i] == '\n' ? 1 : 0;
    return QStringLiteral("line %1").arg(line);
}

} // namespace

core::RunStatus statusFromName(QStringView name) {
    using core::RunStatus;
    if (name.compare(u"COMPLETED", Qt::CaseInsensitive) == 0)
        return RunStatus::Finished;
    if (name.compare(u"RUNNING", Qt::CaseInsensitive) == 0)
        return RunStatus::Running;
    if (name.compare(u"QUEUED", Qt::CaseInsensitive) == 0)
        return RunStatus::Scheduled;
    if (name.compare(u"FAILED", Qt::CaseInsensitive) == 0)
        return RunStatus::Failed;
    if (name.compare(u"INTERRUPTED", Qt::CaseInsensitive) == 0 ||
        name.compare(u"TIMEOUT", Qt::CaseInsensitive) == 0)
        return RunStatus::Killed;
    return RunStatus::Unknown;
}

qint64 parseUtcMs(QStringView t) {
    // YYYY-MM-DDTHH:MM:SS[.ffffff][Z|+hh:mm|-hh:mm]
    const int year = digits(t, 0, 4);
    const int month = digits(t, 5, 2);
    const int day = digits(t, 8, 2);
    const int hour = digits(t, 11, 2);
    const int minute = digits(t, 14, 2);
    const int second = digits(t, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 ||
        minute < 0 || minute > 59 || second < 0 || second > 60 || t[4] != u'-' || t[7] != u'-' ||
        (t[10] != u'T' && t[10] != u' ') || t[13] != u':' || t[16] != u':')
        return 0;
    qsizetype pos = 19;
    int ms = 0;
    if (pos < t.size() && t[pos] == u'.') {
        ++pos;
        int scale = 100;
        while (pos < t.size() && t[pos] >= u'0' && t[pos] <= u'9') {
            ms += scale * (t[pos].unicode() - u'0');
            scale /= 10;
            ++pos;
        }
    }
    qint64 offsetMin = 0;
    if (pos < t.size()) {
        if (t[pos] == u'Z' && pos + 1 == t.size()) {
            ++pos;
        } else if ((t[pos] == u'+' || t[pos] == u'-') && t.size() == pos + 6 &&
                   t[pos + 3] == u':') {
            const int oh = digits(t, pos + 1, 2);
            const int om = digits(t, pos + 4, 2);
            if (oh < 0 || om < 0)
                return 0;
            offsetMin = (t[pos] == u'+' ? 1 : -1) * (oh * 60 + om);
            pos = t.size();
        } else {
            return 0;
        }
    }
    const qint64 days = daysFromCivil(year, unsigned(month), unsigned(day));
    const qint64 secs = days * 86400 + hour * 3600 + minute * 60 + second - offsetMin * 60;
    return secs * 1000 + ms;
}

QVariant unpickle(const QVariant &tree) {
    switch (tree.typeId()) {
    case QMetaType::QVariantMap: {
        const QVariantMap map = tree.toMap();
        for (const char *listKey : {"py/tuple", "py/set"}) {
            const auto it = map.constFind(QString::fromLatin1(listKey));
            if (it != map.cend())
                return unpickle(*it);
        }
        const QString object = map.value(QStringLiteral("py/object")).toString();
        if (object.startsWith(u"numpy.")) {
            if (map.contains(QStringLiteral("value")))
                return unpickle(map.value(QStringLiteral("value")));
            if (map.contains(QStringLiteral("values")))
                return unpickle(map.value(QStringLiteral("values")));
        }
        QVariantMap plain;
        for (auto it = map.cbegin(); it != map.cend(); ++it) {
            if (!it.key().startsWith(u"py/"))
                plain.insert(it.key(), unpickle(it.value()));
        }
        return plain;
    }
    case QMetaType::QVariantList: {
        QVariantList list = tree.toList();
        for (QVariant &v : list)
            v = unpickle(v);
        return list;
    }
    default:
        return tree;
    }
}

void parseRunJson(std::string_view bytes, qint64 nowMs, FileContribution &out) {
    const QVariantMap run = parseWhole(bytes, out, QStringLiteral("run.json")).toMap();
    if (run.isEmpty())
        return;
    auto tag = [&](const QString &key, const QString &value) {
        if (!value.isEmpty())
            out.tags.insert(key, value);
    };
    const QString status = run.value(QStringLiteral("status")).toString();
    out.status = statusFromName(status);
    tag(QStringLiteral("sacred.status"), status);
    out.startMs = parseUtcMs(run.value(QStringLiteral("start_time")).toString());
    out.endMs = parseUtcMs(run.value(QStringLiteral("stop_time")).toString());
    const qint64 heartbeat = parseUtcMs(run.value(QStringLiteral("heartbeat")).toString());
    if (out.status == core::RunStatus::Running) {
        out.endMs = 0;
        if (heartbeat > 0 && nowMs - heartbeat > staleHeartbeatMs) {
            out.status = core::RunStatus::Killed;
            out.endMs = heartbeat;
            tag(QStringLiteral("sacred.heartbeat_stale"), QStringLiteral("true"));
        } else {
            out.retryLater = true;
        }
    } else if (out.endMs == 0 && out.status != core::RunStatus::Scheduled) {
        out.endMs = heartbeat;
    }

    const QVariantMap experiment = run.value(QStringLiteral("experiment")).toMap();
    out.experiment = experiment.value(QStringLiteral("name")).toString();
    const QVariantList repos = experiment.value(QStringLiteral("repositories")).toList();
    if (!repos.isEmpty())
        tag(QStringLiteral("sacred.commit"),
            repos.front().toMap().value(QStringLiteral("commit")).toString());
    tag(QStringLiteral("sacred.command"), run.value(QStringLiteral("command")).toString());
    tag(QStringLiteral("sacred.host"),
        run.value(QStringLiteral("host")).toMap().value(QStringLiteral("hostname")).toString());

    const QVariantMap meta = run.value(QStringLiteral("meta")).toMap();
    tag(QStringLiteral("sacred.comment"), text(meta.value(QStringLiteral("comment"))));
    QStringList updates;
    core::ConfigTree flat;
    flat.insertTree(unpickle(meta.value(QStringLiteral("config_updates"))));
    for (const core::ConfigTree::Entry &e : flat.entries())
        updates << e.key + u'=' + text(e.value);
    tag(QStringLiteral("sacred.config_updates"), updates.join(u','));
    QStringList named;
    for (const QVariant &v : meta.value(QStringLiteral("named_configs")).toList())
        named << text(v);
    tag(QStringLiteral("sacred.named_configs"), named.join(u','));

    // The traceback's last line is the exception and its message.
    const QVariantList trace = run.value(QStringLiteral("fail_trace")).toList();
    for (auto it = trace.crbegin(); it != trace.crend(); ++it) {
        const QStringList lines = it->toString().split(u'\n', Qt::SkipEmptyParts);
        if (!lines.isEmpty()) {
            tag(QStringLiteral("sacred.fail_trace"), lines.back().trimmed());
            break;
        }
    }
    const QVariant result = unpickle(run.value(QStringLiteral("result")));
    if (isScalar(result))
        tag(QStringLiteral("sacred.result"), text(result));
}

void parseConfigJson(std::string_view bytes, FileContribution &out) {
    const QVariant tree = parseWhole(bytes, out, QStringLiteral("config.json"));
    if (tree.isValid())
        out.config.insertTree(unpickle(tree));
}

void parseMetricsJson(std::string_view bytes, FileContribution &out) {
    const QVariantMap metrics = parseWhole(bytes, out, QStringLiteral("metrics.json")).toMap();
    for (auto it = metrics.cbegin(); it != metrics.cend(); ++it) {
        const QString &name = it.key();
        if (it.value().typeId() != QMetaType::QVariantMap) {
            out.problem(whereKey(bytes, name),
                        Tr::tr("Metric '%1' is not an object with steps and values").arg(name));
            continue;
        }
        const QVariantMap m = it.value().toMap();
        const QVariantList values = m.value(QStringLiteral("values")).toList();
        const QVariantList steps = m.value(QStringLiteral("steps")).toList();
        const QVariantList times = m.value(QStringLiteral("timestamps")).toList();
        const bool hasSteps = m.contains(QStringLiteral("steps"));
        const bool hasTimes = m.contains(QStringLiteral("timestamps"));
        qsizetype n = values.size();
        if (hasSteps)
            n = std::min(n, steps.size());
        if (hasTimes)
            n = std::min(n, times.size());
        if ((hasSteps && steps.size() != values.size()) ||
            (hasTimes && times.size() != values.size())) {
            out.problem(whereKey(bytes, name),
                        Tr::tr("Metric '%1' has %2 values, %3 steps and %4 timestamps; reading "
                               "the first %5")
                            .arg(name)
                            .arg(values.size())
                            .arg(hasSteps ? steps.size() : values.size())
                            .arg(hasTimes ? times.size() : values.size())
                            .arg(n));
        }
        qsizetype skipped = 0;
        for (qsizetype i = 0; i < n; ++i) {
            core::MetricPoint p;
            p.step = hasSteps ? steps.at(i).toLongLong() : i;
            p.timeMs = hasTimes ? parseUtcMs(times.at(i).toString()) : 0;
            const QVariant v = unpickle(values.at(i));
            if (v.typeId() == QMetaType::QVariantList) {
                const QVariantList parts = v.toList();
                for (qsizetype j = 0; j < parts.size(); ++j) {
                    const auto number = numberOf(parts.at(j));
                    if (!number) {
                        ++skipped;
                        continue;
                    }
                    p.value = *number;
                    out.addPoint(name + u'[' + QString::number(j) + u']', p);
                }
                continue;
            }
            const auto number = numberOf(v);
            if (!number) {
                ++skipped;
                continue;
            }
            p.value = *number;
            out.addPoint(name, p);
        }
        if (skipped > 0)
            out.problem(whereKey(bytes, name),
                        Tr::tr("Metric '%1': %2 values are not numbers and were left out")
                            .arg(name)
                            .arg(skipped));
    }
}

} // namespace runlens::sources::sacred
