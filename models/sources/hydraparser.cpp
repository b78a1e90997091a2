// SPDX-License-Identifier: GPL-3.0-or-later
#include "hydraparser.h"

#include "treeparse.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <QRegularExpression>

namespace runlens::sources::hydra {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(runlens::sources::HydraImporter)
};

/// A whole-file YAML parse; on failure reports it at its line and asks for a retry.
QVariant parseWhole(std::string_view bytes, FileContribution &out, const QString &what) {
    treeparse::ParseError error;
    QVariant tree = treeparse::parseYaml(bytes, &error);
    if (error.failed()) {
        out.problem(error.where(), Tr::tr("Cannot read %1: %2").arg(what, error.message));
        out.retryLater = true;
        return {};
    }
    return tree;
}

QString scalarText(const QVariant &v) {
    if (v.typeId() == QMetaType::Double)
        return QString::number(v.toDouble(), 'g', QLocale::FloatingPointShortest);
    return v.toString();
}

/// Hydra writes ??? for values it did not know (job.id and job.num of a single run).
bool known(const QString &value) {
    return !value.isEmpty() && value != u"???";
}

} // namespace

void parseConfigYaml(std::string_view bytes, FileContribution &out) {
    const QVariant tree = parseWhole(bytes, out, QStringLiteral("config.yaml"));
    if (!tree.isValid())
        return;
    if (tree.typeId() != QMetaType::QVariantMap) {
        out.problem(QString(), Tr::tr("config.yaml does not hold a mapping"));
        return;
    }
    out.config.insertTree(tree);
}

void parseHydraYaml(std::string_view bytes, FileContribution &out) {
    const QVariant tree = parseWhole(bytes, out, QStringLiteral("hydra.yaml"));
    if (!tree.isValid())
        return;
    const QVariantMap hydra = tree.toMap().value(QStringLiteral("hydra")).toMap();
    if (hydra.isEmpty()) {
        out.problem(QString(), Tr::tr("hydra.yaml has no 'hydra' section"));
        return;
    }
    auto tag = [&](const QString &key, const QString &value) {
        if (known(value))
            out.tags.insert(key, value);
    };
    const QVariantMap job = hydra.value(QStringLiteral("job")).toMap();
    const QString jobName = job.value(QStringLiteral("name")).toString();
    if (known(jobName))
        out.experiment = jobName;
    tag(QStringLiteral("hydra.mode"), hydra.value(QStringLiteral("mode")).toString());
    tag(QStringLiteral("hydra.job.num"), scalarText(job.value(QStringLiteral("num"))));
    tag(QStringLiteral("hydra.job.id"), scalarText(job.value(QStringLiteral("id"))));
    const QVariantMap runtime = hydra.value(QStringLiteral("runtime")).toMap();
    tag(QStringLiteral("hydra.version"), scalarText(runtime.value(QStringLiteral("version"))));
    const QVariantMap choices = runtime.value(QStringLiteral("choices")).toMap();
    for (auto it = choices.cbegin(); it != choices.cend(); ++it) {
        if (!it.key().startsWith(u"hydra/"))
            tag(QStringLiteral("hydra.choices.") + it.key(), scalarText(it.value()));
    }
    const QString overrides = joinOverrides(
        hydra.value(QStringLiteral("overrides")).toMap().value(QStringLiteral("task")));
    if (!overrides.isEmpty()) {
        out.name = overrides;
        out.tags.insert(QStringLiteral("hydra.overrides"), overrides);
    }
}

void parseOverridesYaml(std::string_view bytes, FileContribution &out) {
    const QVariant tree = parseWhole(bytes, out, QStringLiteral("overrides.yaml"));
    if (tree.isValid() && tree.typeId() != QMetaType::QVariantList) {
        out.problem(QString(), Tr::tr("overrides.yaml does not hold a list"));
        return;
    }
    const QString overrides = joinOverrides(tree);
    if (!overrides.isEmpty()) {
        out.name = overrides;
        out.tags.insert(QStringLiteral("hydra.overrides"), overrides);
    }
}

QString joinOverrides(const QVariant &list) {
    QStringList items;
    for (const QVariant &v : list.toList()) {
        const QString item = scalarText(v);
        if (!item.isEmpty())
            items << item;
    }
    return items.join(u',');
}

qint64 startFromPath(QStringView absPath) {
    static const QRegularExpression dateTime(
        QStringLiteral(R"((?:^|/)(\d{4}-\d{2}-\d{2})[/_](\d{2}-\d{2}-\d{2})(?:/\d+)?/?$)"));
    const QRegularExpressionMatch m = dateTime.match(absPath.toString());
    if (!m.hasMatch())
        return 0;
    const QDate date = QDate::fromString(m.captured(1), QStringLiteral("yyyy-MM-dd"));
    const QTime time = QTime::fromString(m.captured(2), QStringLiteral("HH-mm-ss"));
    if (!date.isValid() || !time.isValid())
        return 0;
    return QDateTime(date, time).toMSecsSinceEpoch();
}

} // namespace runlens::sources::hydra
