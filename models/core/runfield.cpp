// SPDX-License-Identifier: GPL-3.0-or-later
#include "runfield.h"

#include "naturalcompare.h"

#include <array>
#include <cmath>

namespace runlens::core {

namespace {

struct AttributeName {
    QStringView name;
    RunField::Attribute attribute;
};

// Canonical names first: attributeName() returns the first match for an attribute.
constexpr std::array kAttributeNames{
    AttributeName{u"name", RunField::Attribute::Name},
    AttributeName{u"experiment", RunField::Attribute::Experiment},
    AttributeName{u"status", RunField::Attribute::Status},
    AttributeName{u"start_time", RunField::Attribute::StartTime},
    AttributeName{u"end_time", RunField::Attribute::EndTime},
    AttributeName{u"duration", RunField::Attribute::Duration},
    AttributeName{u"format", RunField::Attribute::Format},
    AttributeName{u"run_id", RunField::Attribute::RunId},
    AttributeName{u"path", RunField::Attribute::Path},
    AttributeName{u"deleted", RunField::Attribute::Deleted},
    // MLflow's spellings and a few obvious synonyms.
    AttributeName{u"run_name", RunField::Attribute::Name},
    AttributeName{u"experiment_name", RunField::Attribute::Experiment},
    AttributeName{u"id", RunField::Attribute::RunId},
    AttributeName{u"run_uuid", RunField::Attribute::RunId},
    AttributeName{u"created", RunField::Attribute::StartTime},
};

RunField::Attribute attributeFromName(QStringView name) {
    for (const AttributeName &a : kAttributeNames) {
        if (name.compare(a.name, Qt::CaseInsensitive) == 0)
            return a.attribute;
    }
    return RunField::Attribute::None;
}

QString attributeName(RunField::Attribute attribute) {
    for (const AttributeName &a : kAttributeNames) {
        if (a.attribute == attribute)
            return a.name.toString();
    }
    return {};
}

RunField::Kind kindFromPrefix(QStringView prefix) {
    static constexpr std::array<std::pair<QStringView, RunField::Kind>, 9> prefixes{{
        {u"params", RunField::Kind::Param},
        {u"param", RunField::Kind::Param},
        {u"metrics", RunField::Kind::Metric},
        {u"metric", RunField::Kind::Metric},
        {u"tags", RunField::Kind::Tag},
        {u"tag", RunField::Kind::Tag},
        {u"attributes", RunField::Kind::Attribute},
        {u"attribute", RunField::Kind::Attribute},
        {u"attr", RunField::Kind::Attribute},
    }};
    for (const auto &[name, kind] : prefixes) {
        if (prefix.compare(name, Qt::CaseInsensitive) == 0)
            return kind;
    }
    return RunField::Kind::Invalid;
}

// A key may be quoted with backticks or double quotes (MLflow allows both) so that it can hold
// spaces and operator characters; a doubled quote inside stands for one.
bool unquoteKey(QStringView text, QString *key) {
    if (text.size() >= 2 && (text.front() == u'`' || text.front() == u'"')) {
        const QChar q = text.front();
        if (text.back() != q)
            return false;
        QString out;
        const QStringView inner = text.mid(1, text.size() - 2);
        for (qsizetype i = 0; i < inner.size(); ++i) {
            if (inner[i] == q) {
                if (i + 1 >= inner.size() || inner[i + 1] != q)
                    return false;
                ++i;
            }
            out += inner[i];
        }
        *key = out;
        return true;
    }
    if (text.contains(u'`'))
        return false;
    *key = text.toString();
    return true;
}

// Keys that the filter tokenizer reads as one identifier are written bare, the rest quoted.
bool isPlainKey(QStringView key) {
    if (key.isEmpty())
        return false;
    for (const QChar c : key) {
        if (!(c.isLetterOrNumber() || c == u'_' || c == u'.' || c == u'-' || c == u'/' ||
              c == u'[' || c == u']' || c == u':'))
            return false;
    }
    return true;
}

QVariant textOrMissing(const QString &s) {
    return s.isEmpty() ? QVariant() : QVariant(s);
}

// 0 number, 1 text, 2 NaN, 3 missing: the order values of different kinds sort in.
int valueClass(const QVariant &v, double *number) {
    switch (v.typeId()) {
    case QMetaType::UnknownType:
        return 3;
    case QMetaType::Double:
    case QMetaType::Float:
        *number = v.toDouble();
        return std::isnan(*number) ? 2 : 0;
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::ULongLong:
    case QMetaType::Bool:
        *number = v.toDouble();
        return 0;
    default:
        return 1;
    }
}

} // namespace

QString RunField::toString() const {
    switch (kind) {
    case Kind::Invalid:
        return {};
    case Kind::Attribute:
        return QStringLiteral("attributes.") + attributeName(attribute);
    case Kind::Param:
    case Kind::Metric:
    case Kind::Tag:
        break;
    }
    const QString prefix = kind == Kind::Param    ? QStringLiteral("params.")
                           : kind == Kind::Metric ? QStringLiteral("metrics.")
                                                  : QStringLiteral("tags.");
    if (isPlainKey(key))
        return prefix + key;
    QString quoted = key;
    quoted.replace(u'`', QStringLiteral("``"));
    return prefix + u'`' + quoted + u'`';
}

RunField RunField::attr(Attribute a) {
    return {Kind::Attribute, a, attributeName(a)};
}

RunField RunField::parse(QStringView text) {
    text = text.trimmed();
    const qsizetype dot = text.indexOf(u'.');
    // A quote before the dot means the dot is part of a quoted key, not a prefix separator.
    const qsizetype quote = text.indexOf(u'`');
    if (dot <= 0 || (quote >= 0 && quote < dot)) {
        const Attribute a = attributeFromName(text);
        return a == Attribute::None ? RunField{} : attr(a);
    }
    const Kind kind = kindFromPrefix(text.left(dot));
    QString key;
    if (kind == Kind::Invalid || !unquoteKey(text.mid(dot + 1), &key) || key.isEmpty())
        return {};
    if (kind == Kind::Attribute) {
        const Attribute a = attributeFromName(key);
        return a == Attribute::None ? RunField{} : attr(a);
    }
    return {kind, Attribute::None, key};
}

QVariant RunField::value(const Run &run) const {
    switch (kind) {
    case Kind::Invalid:
        return {};
    case Kind::Param:
        for (const ConfigTree::Entry &e : run.config.entries()) {
            if (e.key == key)
                return e.value;
        }
        return {};
    case Kind::Metric: {
        const MetricSummary *m = run.metric(key);
        return m ? QVariant(m->last) : QVariant();
    }
    case Kind::Tag: {
        const auto it = run.tags.constFind(key);
        return it == run.tags.cend() ? QVariant() : QVariant(*it);
    }
    case Kind::Attribute:
        break;
    }
    switch (attribute) {
    case Attribute::None:
        return {};
    case Attribute::Name:
        return textOrMissing(run.name);
    case Attribute::Experiment:
        return textOrMissing(run.experiment);
    case Attribute::Status:
        return statusName(run.status);
    case Attribute::StartTime:
        return run.startMs > 0 ? QVariant(run.startMs) : QVariant();
    case Attribute::EndTime:
        return run.endMs > 0 ? QVariant(run.endMs) : QVariant();
    case Attribute::Duration: {
        const qint64 d = run.durationMs();
        return d >= 0 ? QVariant(d) : QVariant();
    }
    case Attribute::Format:
        return textOrMissing(run.format);
    case Attribute::RunId:
        return textOrMissing(run.uid);
    case Attribute::Path:
        return textOrMissing(run.path);
    case Attribute::Deleted:
        return run.deleted;
    }
    return {};
}

int compareFieldValues(const QVariant &a, const QVariant &b) {
    double na = 0;
    double nb = 0;
    const int ca = valueClass(a, &na);
    const int cb = valueClass(b, &nb);
    if (ca != cb)
        return ca < cb ? -1 : 1;
    switch (ca) {
    case 0:
        // Two integers beyond 2^53 would collide as doubles; compare them exactly.
        if ((a.typeId() == QMetaType::LongLong || a.typeId() == QMetaType::Int) &&
            (b.typeId() == QMetaType::LongLong || b.typeId() == QMetaType::Int)) {
            const qint64 ia = a.toLongLong();
            const qint64 ib = b.toLongLong();
            return ia < ib ? -1 : ia > ib ? 1 : 0;
        }
        return na < nb ? -1 : na > nb ? 1 : 0;
    case 1:
        return naturalCompare(a.toString(), b.toString());
    default:
        return 0;
    }
}

bool isNumber(const QVariant &v) {
    switch (v.typeId()) {
    case QMetaType::Double:
    case QMetaType::Float:
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::ULongLong:
        return true;
    default:
        return false;
    }
}

} // namespace runlens::core
