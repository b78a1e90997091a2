// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringView>
#include <QVariant>
#include <vector>

namespace runlens::core {

/// A run's configuration, typed: numbers stay numbers (qint64 or double), booleans stay
/// booleans, text stays text, null is an invalid QVariant. Held flattened: nested keys are joined
/// with '.' and list items get "[i]", which is what table columns and filters use. Keys keep
/// their insertion order.
class ConfigTree {
public:
    struct Entry {
        QString key;
        QVariant value;
        friend bool operator==(const Entry &, const Entry &) = default;
    };

    /// Sets a flat key as it is (an MLflow param "a.b" stays one key "a.b").
    void set(const QString &key, const QVariant &value);
    /// Flattens a nested QVariantMap/QVariantList tree (as YAML or JSON give it) under prefix.
    void insertTree(const QVariant &tree, const QString &prefix = {});

    [[nodiscard]] QVariant value(const QString &key) const;
    [[nodiscard]] bool contains(const QString &key) const;
    [[nodiscard]] const std::vector<Entry> &entries() const { return m_entries; }
    [[nodiscard]] qsizetype size() const { return qsizetype(m_entries.size()); }
    [[nodiscard]] bool isEmpty() const { return m_entries.empty(); }

    /// Flat keys to typed JSON values.
    [[nodiscard]] QJsonObject toJson() const;

    /// Reads a param written as text (MLflow keeps every param as a string) into its type:
    /// "10" -> 10, "1e-05" -> 1e-05, "True"/"false" -> bool, "nan"/"inf" -> double;
    /// anything else, including "None" and "", stays text.
    [[nodiscard]] static QVariant inferScalar(QStringView text);

    friend bool operator==(const ConfigTree &, const ConfigTree &) = default;

private:
    std::vector<Entry> m_entries;
};

} // namespace runlens::core
