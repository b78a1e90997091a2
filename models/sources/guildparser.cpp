// SPDX-License-Identifier: GPL-3.0-or-later
#include "guildparser.h"

#include "treeparse.h"

#include <QCoreApplication>
#include <QLocale>
#include <charconv>

namespace runlens::sources::guild {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(runlens::sources::GuildImporter)
};

QString scalarText(const QVariant &v) {
    if (v.typeId() == QMetaType::Double)
        return QString::number(v.toDouble(), 'g', QLocale::FloatingPointShortest);
    return v.toString();
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() &&
           (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
        s.remove_prefix(1);
    while (!s.empty() &&
           (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
        s.remove_suffix(1);
    return s;
}

/// Whole-number attrs (times, exit status); YAML gives qlonglong.
std::optional<qint64> integerOf(const QVariant &v) {
    bool ok = false;
    const qint64 i = v.toLongLong(&ok);
    if (!ok || (v.typeId() != QMetaType::LongLong && v.typeId() != QMetaType::Int))
        return std::nullopt;
    return i;
}

} // namespace

const QStringList &knownAttrs() {
    static const QStringList names{
        QStringLiteral("flags"),   QStringLiteral("label"),   QStringLiteral("tags"),
        QStringLiteral("started"), QStringLiteral("stopped"), QStringLiteral("exit_status"),
        QStringLiteral("host"),    QStringLiteral("user"),
    };
    return names;
}

core::RunStatus statusFromExit(qint64 exitStatus) {
    if (exitStatus == 0)
        return core::RunStatus::Finished;
    return exitStatus < 0 ? core::RunStatus::Killed : core::RunStatus::Failed;
}

void parseAttr(QStringView name, std::string_view bytes, FileContribution &out) {
    treeparse::ParseError error;
    const QVariant value = treeparse::parseYaml(bytes, &error);
    if (error.failed()) {
        out.problem(error.where(),
                    Tr::tr("Cannot read the attr %1: %2").arg(name.toString(), error.message));
        out.retryLater = true;
        return;
    }
    auto expectInteger = [&]() -> std::optional<qint64> {
        const auto i = integerOf(value);
        if (!i && value.isValid())
            out.problem(QString(), Tr::tr("The attr %1 is not a whole number: %2")
                                       .arg(name.toString(), scalarText(value)));
        return i;
    };
    if (name == u"flags") {
        if (value.typeId() == QMetaType::QVariantMap)
            out.config.insertTree(value);
        else if (value.isValid())
            out.problem(QString(), Tr::tr("The attr flags is not a mapping"));
    } else if (name == u"label") {
        const QString label = scalarText(value).trimmed();
        if (!label.isEmpty())
            out.tags.insert(QStringLiteral("guild.label"), label);
    } else if (name == u"tags") {
        QStringList tags;
        for (const QVariant &t : value.toList())
            tags << scalarText(t);
        if (!tags.isEmpty())
            out.tags.insert(QStringLiteral("guild.tags"), tags.join(QStringLiteral(", ")));
    } else if (name == u"started") {
        if (const auto us = expectInteger())
            out.startMs = *us / 1000;
    } else if (name == u"stopped") {
        if (const auto us = expectInteger())
            out.endMs = *us / 1000;
    } else if (name == u"exit_status") {
        if (const auto status = expectInteger()) {
            out.status = statusFromExit(*status);
            out.tags.insert(QStringLiteral("guild.exit_status"), QString::number(*status));
        }
    } else if (name == u"host" || name == u"user") {
        const QString text = scalarText(value);
        if (!text.isEmpty())
            out.tags.insert(QStringLiteral("guild.") + name.toString(), text);
    }
}

QString operationFromOpref(std::string_view bytes) {
    const QString line = QString::fromUtf8(trimmed(bytes).data(), qsizetype(trimmed(bytes).size()))
                             .section(u'\n', 0, 0);
    const QStringList fields = line.split(u' ', Qt::SkipEmptyParts);
    if (fields.size() < 2)
        return {};
    const QString op = fields.back();
    QString model = fields.at(fields.size() - 2);
    if (model == u"''" || model.endsWith(u':'))
        model.clear(); // '' is an empty model; "type:" is the package field, not a model
    return model.isEmpty() ? op : model + u':' + op;
}

std::optional<qint64> lockPid(std::string_view bytes) {
    const std::string_view s = trimmed(bytes);
    qint64 pid = 0;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), pid);
    if (ec != std::errc() || p != s.data() + s.size() || pid <= 0)
        return std::nullopt;
    return pid;
}

} // namespace runlens::sources::guild
