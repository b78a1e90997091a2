// SPDX-License-Identifier: GPL-3.0-or-later
#include "chartloader.h"

#include "store/cache.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThreadPool>
#include <mutex>

namespace runlens::analysis {

// What the loading thread owns: its cache connection, opened on first use.
struct ChartLoaderState {
    std::mutex mutex;
    std::unique_ptr<store::Cache> cache;
    std::unique_ptr<store::Cache> second; ///< for loadChart's second thread
};

ChartLoader::ChartLoader(const QString &cachePath, QObject *parent)
    : QObject(parent)
    , m_cachePath(cachePath)
    , m_pool(std::make_unique<QThreadPool>())
    , m_state(std::make_shared<ChartLoaderState>()) {
    qRegisterMetaType<ChartData>();
    m_pool->setMaxThreadCount(1);
}

ChartLoader::~ChartLoader() {
    m_pending.clear();
    m_pool->waitForDone();
}

void ChartLoader::request(const ChartRequest &request) {
    // A newer request for the same metric overtakes one still waiting.
    std::erase_if(m_pending, [&](const ChartRequest &r) { return r.metric == request.metric; });
    m_pending.push_back(request);
    if (!m_busy)
        startNext();
}

void ChartLoader::waitForIdle() {
    while (m_busy || !m_pending.empty()) {
        m_pool->waitForDone();
        QCoreApplication::sendPostedEvents(this);
    }
}

void ChartLoader::startNext() {
    if (m_pending.empty()) {
        m_busy = false;
        return;
    }
    m_busy = true;
    ChartRequest request = std::move(m_pending.front());
    m_pending.pop_front();
    QPointer<ChartLoader> self(this);
    std::shared_ptr<ChartLoaderState> state = m_state;
    const QString path = m_cachePath;
    m_pool->start([self, state, path, request = std::move(request)] {
        ChartData data;
        {
            std::lock_guard lock(state->mutex);
            QString error;
            if (!state->cache)
                state->cache = store::Cache::open(path, &error);
            if (state->cache && !state->second)
                state->second = store::Cache::open(path);
            if (state->cache) {
                data = loadChart(*state->cache, request, state->second.get());
            } else {
                data.generation = request.generation;
                data.metric = request.metric;
                data.spec = request.spec;
                data.error = error;
            }
        }
        QMetaObject::invokeMethod(
            self,
            [self, data = std::move(data)] {
                if (!self)
                    return;
                Q_EMIT self->loaded(data);
                self->startNext();
            },
            Qt::QueuedConnection);
    });
}

} // namespace runlens::analysis
