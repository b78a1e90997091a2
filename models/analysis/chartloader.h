// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/chartdata.h"

#include <QObject>
#include <deque>
#include <memory>

class QThreadPool;

namespace runlens::analysis {

/// Loads charts off the GUI thread, one request at a time on a thread of its own with its own
/// cache connection. A request for a metric replaces any request for the same metric still
/// waiting, so a burst of zoom steps costs one load, not one per step.
class ChartLoader final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChartLoader)

public:
    explicit ChartLoader(const QString &cachePath, QObject *parent = nullptr);
    ~ChartLoader() override; ///< waits for the load in flight

    void request(const ChartRequest &request);
    [[nodiscard]] bool isBusy() const { return m_busy; }
    /// Blocks until nothing is loading or waiting (tests and the screenshot command).
    void waitForIdle();

Q_SIGNALS:
    void loaded(const runlens::analysis::ChartData &data);

private:
    void startNext();

    QString m_cachePath;
    std::unique_ptr<QThreadPool> m_pool;
    std::shared_ptr<struct ChartLoaderState> m_state;
    std::deque<ChartRequest> m_pending;
    bool m_busy = false;
};

} // namespace runlens::analysis

Q_DECLARE_METATYPE(runlens::analysis::ChartData)
