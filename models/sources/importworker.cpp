// SPDX-License-Identifier: GPL-3.0-or-later
#include "importworker.h"

#include <QElapsedTimer>
#include <QFuture>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>
#include <optional>

namespace runlens::sources {

struct ImportWorker::Private {
    QThreadPool pool; ///< one thread: the job itself starts its parser threads
    QFuture<void> future;
    std::atomic_bool cancel{false};
    bool running = false;
    std::optional<ImportOptions> pending;
};

ImportWorker::ImportWorker(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>()) {
    qRegisterMetaType<runlens::sources::ImportProgress>();
    qRegisterMetaType<runlens::sources::ImportSummary>();
    qRegisterMetaType<runlens::core::Problem>();
    d->pool.setMaxThreadCount(1);
}

ImportWorker::~ImportWorker() {
    d->pending.reset();
    d->cancel = true;
    d->future.waitForFinished();
    d->pool.waitForDone();
}

bool ImportWorker::isRunning() const {
    return d->running;
}

void ImportWorker::cancel() {
    d->pending.reset();
    if (d->running)
        d->cancel = true;
}

void ImportWorker::start(const ImportOptions &options) {
    if (d->running) {
        // Merge into the request that runs next.
        if (!d->pending) {
            d->pending = options;
        } else {
            for (const QString &s : options.sources) {
                if (!d->pending->sources.contains(s))
                    d->pending->sources.append(s);
            }
            d->pending->cachePath = options.cachePath;
            d->pending->threads = options.threads;
        }
        return;
    }
    d->running = true;
    d->cancel = false;
    Q_EMIT started();

    d->future = QtConcurrent::run(&d->pool, [this, options] {
        QElapsedTimer throttle;
        throttle.start();
        bool first = true;
        auto onProgress = [&](const ImportProgress &p) {
            // ~10 signals a second, plus the final state.
            if (!first && throttle.elapsed() < 100 && p.scanning)
                return;
            first = false;
            throttle.restart();
            QMetaObject::invokeMethod(
                this, [this, p] { Q_EMIT progress(p); }, Qt::QueuedConnection);
        };
        ImportJob job(options);
        ImportSummary summary = job.run(d->cancel, onProgress);
        QMetaObject::invokeMethod(
            this,
            [this, summary] {
                d->running = false;
                Q_EMIT finished(summary);
                if (d->pending) {
                    const ImportOptions next = *d->pending;
                    d->pending.reset();
                    start(next);
                }
            },
            Qt::QueuedConnection);
    });
}

} // namespace runlens::sources
