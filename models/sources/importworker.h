// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "importjob.h"

#include <QObject>
#include <QPointer>
#include <atomic>
#include <memory>

namespace runlens::sources {

/// Runs ImportJobs off the GUI thread (on QThreadPool) and reports back by queued signals.
/// One import at a time: start() while one runs queues the sources for right after it.
/// Lives on the GUI thread.
class ImportWorker final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportWorker)

public:
    explicit ImportWorker(QObject *parent = nullptr);
    ~ImportWorker() override; ///< cancels and waits for a running import

    void start(const ImportOptions &options);
    void cancel();
    [[nodiscard]] bool isRunning() const;

Q_SIGNALS:
    void started();
    void progress(const runlens::sources::ImportProgress &progress); ///< throttled, ~10 per second
    void finished(const runlens::sources::ImportSummary &summary);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace runlens::sources
