// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "run.h"

#include <QString>
#include <QVariant>

namespace runlens::core {

/// A reference to one value of a run, as filters, sort keys and table columns name it:
/// "params.lr", "metrics.val_loss" (last value), "tags.mlflow.user",
/// "attributes.status" / "attributes.name" / "attributes.experiment" / "attributes.start_time" /
/// "attributes.end_time" / "attributes.duration" / "attributes.format" / "attributes.run_id" /
/// "attributes.path" / "attributes.deleted". Bare attribute names ("name", "status", ...) and
/// MLflow's aliases ("param.", "metric.", "tag.", "attribute.", "run_name", "run_id") are accepted.
struct RunField {
    enum class Kind { Invalid, Param, Metric, Tag, Attribute };
    enum class Attribute {
        None,
        Name,
        Experiment,
        Status,
        StartTime,
        EndTime,
        Duration,
        Format,
        RunId,
        Path,
        Deleted,
    };

    Kind kind = Kind::Invalid;
    Attribute attribute = Attribute::None;
    QString key; ///< param/metric/tag key; for attributes the canonical attribute name

    [[nodiscard]] bool isValid() const { return kind != Kind::Invalid; }
    /// "params.lr", "attributes.status", ...
    [[nodiscard]] QString toString() const;

    /// Parses a dotted reference; Invalid when the prefix or attribute is unknown.
    static RunField parse(QStringView text);
    static RunField param(const QString &key) { return {Kind::Param, Attribute::None, key}; }
    static RunField metric(const QString &key) { return {Kind::Metric, Attribute::None, key}; }
    static RunField tag(const QString &key) { return {Kind::Tag, Attribute::None, key}; }
    static RunField attr(Attribute a);

    /// The typed value: numbers as double or qint64, text as QString, bools as bool, times as
    /// qint64 ms, status as its name; an invalid QVariant when the run has no such value.
    [[nodiscard]] QVariant value(const Run &run) const;

    friend bool operator==(const RunField &, const RunField &) = default;
};

/// Orders two field values for sorting: missing values last, numbers numerically and before
/// text, text case-insensitively with natural digit order. Returns <0, 0, >0.
int compareFieldValues(const QVariant &a, const QVariant &b);

/// Whether a field value is a number (any integer or floating type; not bool, not text).
bool isNumber(const QVariant &v);

} // namespace runlens::core
