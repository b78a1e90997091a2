// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/metric.h"
#include "core/run.h"

#include <QMap>
#include <QString>
#include <QVariant>
#include <string_view>
#include <utility>
#include <vector>

/// Optuna's data without I/O: parameter decoding through the distribution JSON, trial states,
/// and the replay of a JournalStorage log.
namespace runlens::sources::optuna {

/// A parameter's external value from Optuna's internal float and its distribution JSON
/// ({"name": "CategoricalDistribution", "attributes": {"choices": [...]}}): a categorical index
/// gives the choice (number, text, bool or null), Int* distributions an integer, the others the
/// float. An unreadable distribution keeps the float and sets *error.
QVariant decodeParam(double internal, std::string_view distributionJson, QString *error = nullptr);

/// COMPLETE → Finished, FAIL → Failed, PRUNED → Killed, RUNNING → Running, WAITING → Scheduled.
core::RunStatus statusOfState(QStringView state);

/// A trial as the journal replay leaves it.
struct JournalTrial {
    int studyId = 0;
    int number = 0;
    QString state = QStringLiteral("RUNNING");
    qint64 startMs = 0;
    qint64 endMs = 0;
    std::vector<std::pair<QString, QVariant>> params; ///< decoded, in first-set order
    std::vector<double> values;
    core::MetricPoints intermediate;  ///< step, value (time 0), in log order
    QMap<QString, QString> userAttrs; ///< JSON text of non-string values
};

struct JournalStudy {
    QString name;
    QStringList directions; ///< "MINIMIZE", "MAXIMIZE", "NOT_SET"
    bool deleted = false;
};

struct JournalBadLine {
    qint64 line = 0;
    QString reason;
};

/// The studies and trials of a journal, replayed as Optuna does: repeated study creations are
/// ignored, ids are handed out in log order, trials of unknown studies are dropped and finished
/// trials are not changed any more.
struct Journal {
    std::vector<JournalStudy> studies; ///< index = study_id
    std::vector<JournalTrial> trials;  ///< index = trial_id
    std::vector<JournalBadLine> bad;
    qint64 consumed = 0; ///< bytes of complete lines
};

/// Replays the complete lines of bytes (a last line without '\n' is left for later).
Journal parseJournal(std::string_view bytes);

/// Whether the start of a file looks like an Optuna journal ({"op_code":...).
bool looksLikeJournal(std::string_view head);

} // namespace runlens::sources::optuna
