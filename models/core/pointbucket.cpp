// SPDX-License-Identifier: GPL-3.0-or-later
#include "pointbucket.h"

#include <algorithm>
#include <cmath>

namespace runlens::core {

void PointBucket::add(const MetricPoint &p) {
    if (count == 0) {
        firstStep = p.step;
        firstTimeMs = p.timeMs;
    }
    lastStep = p.step;
    lastTimeMs = p.timeMs;
    ++count;
    if (!std::isfinite(p.value))
        return;
    if (finite == 0) {
        first = min = max = p.value;
    } else {
        min = std::min(min, p.value);
        max = std::max(max, p.value);
    }
    last = p.value;
    sum += p.value;
    ++finite;
}

void PointBucket::merge(const PointBucket &next) {
    if (next.count == 0)
        return;
    if (count == 0) {
        *this = next;
        return;
    }
    lastStep = next.lastStep;
    lastTimeMs = next.lastTimeMs;
    count += next.count;
    if (next.finite == 0)
        return;
    if (finite == 0) {
        first = next.first;
        min = next.min;
        max = next.max;
    } else {
        min = std::min(min, next.min);
        max = std::max(max, next.max);
    }
    last = next.last;
    sum += next.sum;
    finite += next.finite;
}

double PointBucket::mean() const {
    return finite > 0 ? sum / double(finite) : nan;
}

PointBuckets bucketize(const MetricPoint *points, size_t count, qint64 size) {
    PointBuckets out;
    if (size < 1)
        size = 1;
    out.reserve(count / size_t(size) + 1);
    for (size_t i = 0; i < count; i += size_t(size)) {
        PointBucket b;
        const size_t end = std::min(count, i + size_t(size));
        for (size_t j = i; j < end; ++j)
            b.add(points[j]);
        out.push_back(b);
    }
    return out;
}

} // namespace runlens::core
