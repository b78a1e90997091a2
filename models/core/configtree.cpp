// SPDX-License-Identifier: GPL-3.0-or-later
#include "configtree.h"

#include <QJsonValue>
#include <cmath>

namespace runlens::core {

void ConfigTree::set(const QString &key, const QVariant &value) {
    for (Entry &e : m_entries) {
        if (e.key == key) {
            e.value = value;
            return;
        }
    }
    m_entries.push_back({key, value});
}

void ConfigTree::insertTree(const QVariant &tree, const QString &prefix) {
    switch (tree.typeId()) {
    case QMetaType::QVariantMap: {
        const QVariantMap map = tree.toMap();
        if (map.isEmpty() && !prefix.isEmpty())
            set(prefix, QVariant());
        for (auto it = map.cbegin(); it != map.cend(); ++it)
            insertTree(it.value(), prefix.isEmpty() ? it.key() : prefix + u'.' + it.key());
        break;
    }
    case QMetaType::QVariantList: {
        const QVariantList list = tree.toList();
        if (list.isEmpty() && !prefix.isEmpty())
            set(prefix, QVariant());
        for (qsizetype i = 0; i < list.size(); ++i)
            insertTree(list.at(i), prefix + u'[' + QString::number(i) + u']');
        break;
    }
    default:
        set(prefix, tree);
    }
}

QVariant ConfigTree::value(const QString &key) const {
    for (const Entry &e : m_entries) {
        if (e.key == key)
            return e.value;
    }
    return {};
}

bool ConfigTree::contains(const QString &key) const {
    for (const Entry &e : m_entries) {
        if (e.key == key)
            return true;
    }
    return false;
}

QJsonObject ConfigTree::toJson() const {
    QJsonObject o;
    for (const Entry &e : m_entries) {
        const QVariant &v = e.value;
        switch (v.typeId()) {
        case QMetaType::Double: {
            const double d = v.toDouble();
            // JSON has no NaN or Inf: spell them as text, as MLflow's REST API does.
            o.insert(e.key, std::isfinite(d) ? QJsonValue(d)
                            : std::isnan(d)  ? QJsonValue(QStringLiteral("NaN"))
                            : d > 0          ? QJsonValue(QStringLiteral("Infinity"))
                                             : QJsonValue(QStringLiteral("-Infinity")));
            break;
        }
        case QMetaType::LongLong:
        case QMetaType::Int:
            o.insert(e.key, QJsonValue(v.toLongLong()));
            break;
        case QMetaType::Bool:
            o.insert(e.key, v.toBool());
            break;
        case QMetaType::UnknownType:
            o.insert(e.key, QJsonValue::Null);
            break;
        default:
            o.insert(e.key, v.toString());
        }
    }
    return o;
}

QVariant ConfigTree::inferScalar(QStringView text) {
    const QStringView t = text.trimmed();
    if (t.isEmpty() || t.size() != text.size())
        return text.toString();
    if (t == u"True" || t == u"true")
        return true;
    if (t == u"False" || t == u"false")
        return false;
    bool ok = false;
    const qint64 i = t.toLongLong(&ok);
    if (ok)
        return i;
    const QChar c = t.front();
    if (c.isDigit() || c == u'-' || c == u'+' || c == u'.') {
        const double d = t.toDouble(&ok);
        if (ok)
            return d;
    }
    if (t.compare(u"nan", Qt::CaseInsensitive) == 0)
        return std::numeric_limits<double>::quiet_NaN();
    if (t.compare(u"inf", Qt::CaseInsensitive) == 0 ||
        t.compare(u"infinity", Qt::CaseInsensitive) == 0)
        return std::numeric_limits<double>::infinity();
    if (t.compare(u"-inf", Qt::CaseInsensitive) == 0 ||
        t.compare(u"-infinity", Qt::CaseInsensitive) == 0)
        return -std::numeric_limits<double>::infinity();
    return text.toString();
}

} // namespace runlens::core
