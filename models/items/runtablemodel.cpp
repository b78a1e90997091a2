// SPDX-License-Identifier: GPL-3.0-or-later
#include "runtablemodel.h"

#include "core/naturalcompare.h"
#include "roles.h"

#include <QColor>
#include <QDateTime>
#include <QFont>
#include <algorithm>
#include <array>
#include <cmath>

namespace runlens::items {

using core::RunField;

namespace {

constexpr std::array kAttributeColumns{
    RunField::Attribute::Name,      RunField::Attribute::Experiment, RunField::Attribute::Status,
    RunField::Attribute::StartTime, RunField::Attribute::Duration,   RunField::Attribute::Format,
    RunField::Attribute::Path,      RunField::Attribute::RunId,
};
constexpr int kAttributeCount = int(kAttributeColumns.size());
constexpr quint16 kAbsent = 0xFFFF;
constexpr quint16 kFar = 0xFFFE;

// Cells stay one line high: long or multi-line text is cut, the tooltip shows it whole.
constexpr qsizetype kMaxDisplayChars = 200;

QString oneLine(const QString &text) {
    const qsizetype newline = text.indexOf(u'\n');
    if (newline < 0 && text.size() <= kMaxDisplayChars)
        return text;
    QString line = text.left(std::min(newline < 0 ? text.size() : newline, kMaxDisplayChars));
    if (line.endsWith(u'\r'))
        line.chop(1);
    return line + u'…';
}

QString formatNumber(double v, int precision = 4) {
    if (std::isnan(v))
        return QStringLiteral("NaN");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("Inf") : QStringLiteral("-Inf");
    // Whole numbers (step counts, batch sizes, seeds) read best without an exponent.
    if (v == std::trunc(v) && std::abs(v) < 1e15)
        return QString::number(qint64(v));
    // Throughputs and token counts read as 12780.4, not 1.278e+04; the tooltip has all digits.
    const double magnitude = std::abs(v);
    if (magnitude >= 1e4 && magnitude < 1e15) {
        QString text = QString::number(v, 'f', magnitude < 1e6 ? 1 : 0);
        if (text.endsWith(QLatin1String(".0")))
            text.chop(2);
        return text;
    }
    return QString::number(v, 'g', precision);
}

QString formatValue(const QVariant &v) {
    switch (v.typeId()) {
    case QMetaType::UnknownType:
        return {};
    case QMetaType::Double:
    case QMetaType::Float:
        return formatNumber(v.toDouble());
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::ULongLong:
        return v.toString();
    case QMetaType::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    default:
        return v.toString();
    }
}

QString formatDuration(qint64 ms) {
    const qint64 s = ms / 1000;
    if (s < 60)
        return RunTableModel::tr("%1 s").arg(s);
    if (s < 3600)
        return RunTableModel::tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QChar(u'0'));
    if (s < 86400)
        return RunTableModel::tr("%1 h %2 min")
            .arg(s / 3600)
            .arg((s % 3600) / 60, 2, 10, QChar(u'0'));
    return RunTableModel::tr("%1 d %2 h")
        .arg(s / 86400)
        .arg((s % 86400) / 3600, 2, 10, QChar(u'0'));
}

QString statusText(core::RunStatus status) {
    switch (status) {
    case core::RunStatus::Running:
        return RunTableModel::tr("Running");
    case core::RunStatus::Scheduled:
        return RunTableModel::tr("Scheduled");
    case core::RunStatus::Finished:
        return RunTableModel::tr("Finished");
    case core::RunStatus::Failed:
        return RunTableModel::tr("Failed");
    case core::RunStatus::Killed:
        return RunTableModel::tr("Killed");
    case core::RunStatus::Unknown:
        break;
    }
    return {};
}

QString attributeTitle(RunField::Attribute a) {
    switch (a) {
    case RunField::Attribute::Name:
        return RunTableModel::tr("Name");
    case RunField::Attribute::Experiment:
        return RunTableModel::tr("Experiment");
    case RunField::Attribute::Status:
        return RunTableModel::tr("Status");
    case RunField::Attribute::StartTime:
        return RunTableModel::tr("Start");
    case RunField::Attribute::EndTime:
        return RunTableModel::tr("End");
    case RunField::Attribute::Duration:
        return RunTableModel::tr("Duration");
    case RunField::Attribute::Format:
        return RunTableModel::tr("Format");
    case RunField::Attribute::Path:
        return RunTableModel::tr("Path");
    case RunField::Attribute::RunId:
        return RunTableModel::tr("Run ID");
    case RunField::Attribute::Deleted:
        return RunTableModel::tr("Deleted");
    case RunField::Attribute::None:
        break;
    }
    return {};
}

QString groupName(RunField::Kind kind) {
    switch (kind) {
    case RunField::Kind::Param:
        return QStringLiteral("params");
    case RunField::Kind::Metric:
        return QStringLiteral("metrics");
    case RunField::Kind::Tag:
        return QStringLiteral("tags");
    case RunField::Kind::Attribute:
    case RunField::Kind::Invalid:
        break;
    }
    return QStringLiteral("attributes");
}

// Colours that read on light and dark backgrounds alike, so no palette lookup is needed.
QColor statusColor(core::RunStatus status) {
    switch (status) {
    case core::RunStatus::Failed:
        return QColor(0xE0, 0x4F, 0x4F);
    case core::RunStatus::Killed:
        return QColor(0xD9, 0x8C, 0x1F);
    case core::RunStatus::Running:
        return QColor(0x3A, 0x8F, 0xE0);
    default:
        return {};
    }
}

const QColor kDeletedColor(0x8C, 0x8C, 0x8C);

// Sorts keys the way the user reads them (layer_2 before layer_10), exact order as tie-break.
void sortKeys(QStringList &keys) {
    std::sort(keys.begin(), keys.end(), [](const QString &a, const QString &b) {
        const int c = core::naturalCompare(a, b);
        return c != 0 ? c < 0 : a < b;
    });
}

// Maps a run's keys to provisional ids. Runs from one source almost always list their keys in
// the same order, so the previous run's key at the same position is tried before the hash.
class KeyIndexer {
public:
    int idOf(qsizetype position, const QString &key) {
        if (position < qsizetype(m_prevKeys.size()) && m_prevKeys[size_t(position)] == key)
            return m_prevIds[size_t(position)];
        auto it = m_ids.constFind(key);
        if (it == m_ids.cend()) {
            it = m_ids.insert(key, int(m_keys.size()));
            m_keys.append(key);
        }
        if (position >= qsizetype(m_prevKeys.size())) {
            m_prevKeys.resize(size_t(position) + 1);
            m_prevIds.resize(size_t(position) + 1);
        }
        m_prevKeys[size_t(position)] = m_keys.at(*it);
        m_prevIds[size_t(position)] = *it;
        return *it;
    }
    [[nodiscard]] const QStringList &keys() const { return m_keys; }

private:
    QHash<QString, int> m_ids;
    QStringList m_keys;
    std::vector<QStringView> m_prevKeys;
    std::vector<int> m_prevIds;
};

} // namespace

RunTableModel::RunTableModel(QObject *parent)
    : QAbstractTableModel(parent) {
    for (const RunField::Attribute a : kAttributeColumns)
        m_columns.push_back(RunField::attr(a));
}

RunTableModel::~RunTableModel() {
    waitForTextIndex();
}

void RunTableModel::setRuns(core::Runs runs) {
    beginResetModel();
    waitForTextIndex();
    m_textIndex.reset();
    m_runs = std::move(runs);
    const size_t rows = m_runs.size();

    // Pass 1: provisional ids per key, in order of first appearance.
    KeyIndexer params;
    KeyIndexer metrics;
    for (const core::Run &run : m_runs) {
        const auto &entries = run.config.entries();
        for (size_t i = 0; i < entries.size(); ++i)
            params.idOf(qsizetype(i), entries[i].key);
        for (size_t i = 0; i < run.metrics.size(); ++i)
            metrics.idOf(qsizetype(i), run.metrics[i].key);
    }

    // Columns sorted by key; provisional id -> column.
    QStringList paramKeys = params.keys();
    QStringList metricKeys = metrics.keys();
    sortKeys(paramKeys);
    sortKeys(metricKeys);
    std::vector<int> paramColumn(size_t(paramKeys.size()));
    std::vector<int> metricColumn(size_t(metricKeys.size()));
    {
        QHash<QString, int> position;
        for (int i = 0; i < paramKeys.size(); ++i)
            position.insert(paramKeys.at(i), i);
        for (int id = 0; id < params.keys().size(); ++id)
            paramColumn[size_t(id)] = position.value(params.keys().at(id));
        position.clear();
        for (int i = 0; i < metricKeys.size(); ++i)
            position.insert(metricKeys.at(i), i);
        for (int id = 0; id < metrics.keys().size(); ++id)
            metricColumn[size_t(id)] =
                int(paramKeys.size()) + position.value(metrics.keys().at(id));
    }

    m_columns.resize(size_t(kAttributeCount));
    for (const QString &k : std::as_const(paramKeys))
        m_columns.push_back(RunField::param(k));
    for (const QString &k : std::as_const(metricKeys))
        m_columns.push_back(RunField::metric(k));
    m_paramCount = int(paramKeys.size());

    // Pass 2: the cell index. Metric keys are also replaced by the column's shared copy, so
    // 100,000 runs do not each hold their own "val_loss" string.
    const size_t dynamic = size_t(paramKeys.size() + metricKeys.size());
    // The ids come from the indexers again rather than from a stored list: that list would
    // cost 8 bytes per param and metric of every run at the peak of a reload.
    m_cellIndex.assign(dynamic * rows, kAbsent);
    m_cellIndex.shrink_to_fit();
    const auto cell = [](size_t i) {
        return i < kFar ? quint16(i) : kFar;
    };
    for (size_t row = 0; row < rows; ++row) {
        core::Run &run = m_runs[row];
        const auto &entries = run.config.entries();
        for (size_t i = 0; i < entries.size(); ++i) {
            const int id = params.idOf(qsizetype(i), entries[i].key);
            m_cellIndex[size_t(paramColumn[size_t(id)]) * rows + row] = cell(i);
        }
        for (size_t i = 0; i < run.metrics.size(); ++i) {
            const int id = metrics.idOf(qsizetype(i), run.metrics[i].key);
            const size_t column = size_t(metricColumn[size_t(id)]);
            m_cellIndex[column * rows + row] = cell(i);
            run.metrics[i].key = m_columns[size_t(kAttributeCount) + column].key;
        }
    }

    m_rowOfId.clear();
    m_rowOfId.reserve(qsizetype(rows));
    for (size_t row = 0; row < rows; ++row) {
        if (m_runs[row].id != 0)
            m_rowOfId.insert(m_runs[row].id, int(row));
    }
    // About 0.1 s for 100,000 runs, most of it first touches of fresh memory: done while the
    // user looks at the new table rather than on the first keystroke of a word filter.
    if (!m_runs.empty()) {
        m_textIndexJob = std::async(
            std::launch::async, [this] { return std::make_unique<core::RunTextIndex>(m_runs); });
    }
    endResetModel();
}

void RunTableModel::waitForTextIndex() const {
    if (m_textIndexJob.valid())
        m_textIndex = m_textIndexJob.get();
}

const core::RunTextIndex &RunTableModel::textIndex() const {
    waitForTextIndex();
    if (!m_textIndex)
        m_textIndex = std::make_unique<core::RunTextIndex>(m_runs);
    return *m_textIndex;
}

int RunTableModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_columns.size());
}

int RunTableModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_runs.size());
}

int RunTableModel::columnOf(const RunField &field) const {
    const auto it = std::find(m_columns.begin(), m_columns.end(), field);
    return it == m_columns.end() ? -1 : int(it - m_columns.begin());
}

int RunTableModel::rowOfRunId(qint64 id) const {
    return m_rowOfId.value(id, -1);
}

qsizetype RunTableModel::cellIndex(int row, int column) const {
    const quint16 i = m_cellIndex[size_t(column - kAttributeCount) * m_runs.size() + size_t(row)];
    if (i == kAbsent)
        return -1;
    if (i != kFar)
        return i;
    // Only runs with more than 65,533 params or metrics get here.
    const core::Run &run = m_runs[size_t(row)];
    const QString &key = m_columns[size_t(column)].key;
    if (column - kAttributeCount < m_paramCount) {
        const auto &entries = run.config.entries();
        for (size_t e = kFar; e < entries.size(); ++e) {
            if (entries[e].key == key)
                return qsizetype(e);
        }
        return -1;
    }
    const auto it =
        std::lower_bound(run.metrics.begin(), run.metrics.end(), key,
                         [](const core::MetricInfo &m, const QString &k) { return m.key < k; });
    return it != run.metrics.end() && it->key == key ? it - run.metrics.begin() : -1;
}

const QVariant *RunTableModel::paramAt(int row, int column) const {
    const qsizetype i = cellIndex(row, column);
    return i < 0 ? nullptr : &m_runs[size_t(row)].config.entries()[size_t(i)].value;
}

const core::MetricSummary *RunTableModel::metricAt(int row, int column) const {
    const qsizetype i = cellIndex(row, column);
    return i < 0 ? nullptr : &m_runs[size_t(row)].metrics[size_t(i)].summary;
}

size_t RunTableModel::memoryBytes() const {
    return m_cellIndex.capacity() * sizeof(quint16) + m_columns.capacity() * sizeof(RunField) +
           size_t(m_rowOfId.capacity()) * (sizeof(qint64) + sizeof(int) + 8);
}

QVariant RunTableModel::sortValue(int row, int column) const {
    const RunField &f = m_columns[size_t(column)];
    switch (f.kind) {
    case RunField::Kind::Param:
        if (const QVariant *v = paramAt(row, column))
            return *v;
        return {};
    case RunField::Kind::Metric:
        if (const core::MetricSummary *s = metricAt(row, column))
            return s->last;
        return {};
    default:
        return f.value(m_runs[size_t(row)]);
    }
}

QString RunTableModel::displayText(int row, int column) const {
    const RunField &f = m_columns[size_t(column)];
    const core::Run &run = m_runs[size_t(row)];
    switch (f.kind) {
    case RunField::Kind::Param:
        if (const QVariant *v = paramAt(row, column))
            return v->isValid() ? oneLine(formatValue(*v)) : QStringLiteral("null");
        return {};
    case RunField::Kind::Metric:
        if (const core::MetricSummary *s = metricAt(row, column))
            return formatNumber(s->last);
        return {};
    default:
        break;
    }
    switch (f.attribute) {
    case RunField::Attribute::Status:
        return statusText(run.status);
    case RunField::Attribute::StartTime:
    case RunField::Attribute::EndTime: {
        const qint64 ms = f.attribute == RunField::Attribute::StartTime ? run.startMs : run.endMs;
        return ms > 0
                   ? QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                   : QString();
    }
    case RunField::Attribute::Duration:
        return run.durationMs() >= 0 ? formatDuration(run.durationMs()) : QString();
    default:
        return oneLine(formatValue(f.value(run)));
    }
}

QString RunTableModel::toolTip(int row, int column) const {
    const RunField &f = m_columns[size_t(column)];
    const core::Run &run = m_runs[size_t(row)];
    switch (f.kind) {
    case RunField::Kind::Param:
        if (const QVariant *v = paramAt(row, column)) {
            if (v->typeId() == QMetaType::Double)
                return QString::number(v->toDouble(), 'g', QLocale::FloatingPointShortest);
            return formatValue(*v);
        }
        return {};
    case RunField::Kind::Metric:
        if (const core::MetricSummary *s = metricAt(row, column)) {
            QString tip = tr("last %1 at step %2 · min %3 · max %4 · %5 points")
                              .arg(formatNumber(s->last, 6))
                              .arg(s->lastStep)
                              .arg(formatNumber(s->min, 6), formatNumber(s->max, 6))
                              .arg(s->count);
            if (s->nanCount > 0)
                tip += tr(" · %1 NaN").arg(s->nanCount);
            return tip;
        }
        return {};
    default:
        break;
    }
    switch (f.attribute) {
    case RunField::Attribute::StartTime:
    case RunField::Attribute::EndTime: {
        const qint64 ms = f.attribute == RunField::Attribute::StartTime ? run.startMs : run.endMs;
        return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms).toString(
                            QStringLiteral("yyyy-MM-dd HH:mm:ss t"))
                      : QString();
    }
    case RunField::Attribute::Status:
        return statusName(run.status);
    case RunField::Attribute::Path:
        return run.absolutePath();
    default:
        return displayText(row, column).endsWith(u'…') ? formatValue(f.value(run))
                                                       : displayText(row, column);
    }
}

QVariant RunTableModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const int column = index.column();
    const core::Run &run = m_runs[size_t(row)];
    switch (role) {
    case Qt::DisplayRole:
        return displayText(row, column);
    case SortRole:
        return sortValue(row, column);
    case Qt::ToolTipRole:
        return toolTip(row, column);
    case Qt::TextAlignmentRole: {
        const RunField &f = m_columns[size_t(column)];
        const bool numeric =
            f.kind == RunField::Kind::Metric || f.attribute == RunField::Attribute::Duration ||
            (f.kind == RunField::Kind::Param && core::isNumber(sortValue(row, column)));
        return QVariant::fromValue(
            Qt::Alignment((numeric ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter));
    }
    case Qt::ForegroundRole: {
        if (run.deleted)
            return kDeletedColor;
        if (m_columns[size_t(column)].attribute == RunField::Attribute::Status) {
            const QColor c = statusColor(run.status);
            return c.isValid() ? QVariant(c) : QVariant();
        }
        return {};
    }
    case Qt::FontRole:
        if (run.deleted) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case RunIdRole:
        return run.id;
    case RunKeyRole:
        return run.key;
    case RunPathRole:
        return run.absolutePath();
    default:
        return {};
    }
}

QVariant RunTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= int(m_columns.size()))
        return QAbstractTableModel::headerData(section, orientation, role);
    const RunField &f = m_columns[size_t(section)];
    switch (role) {
    case Qt::DisplayRole:
        return f.kind == RunField::Kind::Attribute ? attributeTitle(f.attribute) : f.key;
    case Qt::ToolTipRole:
    case FieldRole:
        return f.toString();
    case ColumnGroupRole:
        return groupName(f.kind);
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::Alignment(Qt::AlignLeft | Qt::AlignVCenter));
    default:
        return {};
    }
}

} // namespace runlens::items
