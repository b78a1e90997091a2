// SPDX-License-Identifier: GPL-3.0-or-later
#include "metric.h"

#include <cmath>

namespace runlens::core {

void MetricSummary::add(const MetricPoint &p) {
    if (count == 0) {
        firstStep = lastStep = p.step;
        last = p.value;
        lastTimeMs = p.timeMs;
    } else {
        firstStep = std::min(firstStep, p.step);
        if (p.step > lastStep || (p.step == lastStep && p.timeMs >= lastTimeMs)) {
            lastStep = p.step;
            lastTimeMs = p.timeMs;
            last = p.value;
        }
    }
    ++count;
    if (!std::isfinite(p.value)) {
        ++nanCount;
        return;
    }
    if (std::isnan(min) || p.value < min) {
        min = p.value;
        minStep = p.step;
    }
    if (std::isnan(max) || p.value > max) {
        max = p.value;
        maxStep = p.step;
    }
}

void MetricSummary::add(const MetricPoints &points) {
    for (const MetricPoint &p : points)
        add(p);
}

} // namespace runlens::core
