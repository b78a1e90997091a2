// SPDX-License-Identifier: GPL-3.0-or-later
#include "demotensorboard.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstring>
#include <mutex>
#include <thread>
#include <vector>

namespace runlens::demo {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(runlens::demo::DemoTensorboard)
};

// CRC-32C, slicing by 8: the demo library stays free of the importers' code, and this runs at
// well over a GB/s, plenty for writing.
struct CrcTables {
    std::array<std::array<quint32, 256>, 8> t{};
    CrcTables() {
        for (quint32 i = 0; i < 256; ++i) {
            quint32 c = i;
            for (int k = 0; k < 8; ++k)
                c = (c >> 1) ^ ((c & 1u) ? 0x82f63b78u : 0u);
            t[0][i] = c;
        }
        for (quint32 i = 0; i < 256; ++i) {
            for (size_t k = 1; k < 8; ++k)
                t[k][i] = (t[k - 1][i] >> 8) ^ t[0][t[k - 1][i] & 0xff];
        }
    }
};

const CrcTables &crcTables() {
    static const CrcTables tables;
    return tables;
}

quint32 crc32c(const char *p, size_t n) {
    const auto &t = crcTables().t;
    quint32 crc = 0xffffffffu;
    while (n >= 8) {
        quint32 lo, hi;
        std::memcpy(&lo, p, 4);
        std::memcpy(&hi, p + 4, 4);
        lo ^= crc;
        crc = t[7][lo & 0xff] ^ t[6][(lo >> 8) & 0xff] ^ t[5][(lo >> 16) & 0xff] ^ t[4][lo >> 24] ^
              t[3][hi & 0xff] ^ t[2][(hi >> 8) & 0xff] ^ t[1][(hi >> 16) & 0xff] ^ t[0][hi >> 24];
        p += 8;
        n -= 8;
    }
    while (n--)
        crc = (crc >> 8) ^ t[0][(crc ^ quint8(*p++)) & 0xff];
    return crc ^ 0xffffffffu;
}

quint32 mask(quint32 c) {
    return ((c >> 15) | (c << 17)) + 0xa282ead8u;
}

int varintSize(quint64 v) {
    int n = 1;
    while (v >= 0x80) {
        v >>= 7;
        ++n;
    }
    return n;
}

void putVarint(std::string &out, quint64 v) {
    while (v >= 0x80) {
        out += char(quint8(v) | 0x80);
        v >>= 7;
    }
    out += char(v);
}

void putRaw(std::string &out, const void *p, size_t n) {
    out.append(static_cast<const char *>(p), n);
}

void putLen(std::string &out, int field, std::string_view bytes) {
    putVarint(out, quint64(field) << 3 | 2);
    putVarint(out, bytes.size());
    out.append(bytes);
}

void putDouble(std::string &out, int field, double d) {
    putVarint(out, quint64(field) << 3 | 1);
    putRaw(out, &d, 8);
}

void putVarintField(std::string &out, int field, quint64 v) {
    putVarint(out, quint64(field) << 3);
    putVarint(out, v);
}

/// Room for the record header before an in-place payload; finishRecord fills it in.
size_t beginRecord(std::string &out) {
    const size_t start = out.size();
    out.append(12, '\0');
    return start;
}

void finishRecord(std::string &out, size_t start) {
    const quint64 n = out.size() - start - 12;
    char *h = out.data() + start;
    std::memcpy(h, &n, 8);
    const quint32 lc = mask(crc32c(h, 8));
    std::memcpy(h + 8, &lc, 4);
    const quint32 dc = mask(crc32c(out.data() + start + 12, size_t(n)));
    putRaw(out, &dc, 4);
}

/// Event header (wall_time, step) and the key + length of its one Summary holding one Value
/// of valueSize bytes.
void putEventWithValue(std::string &out, double wall, qint64 step, size_t valueSize) {
    putDouble(out, 1, wall);
    if (step != 0)
        putVarintField(out, 2, quint64(step));
    const size_t summarySize = 1 + size_t(varintSize(valueSize)) + valueSize;
    out += char(0x2a); // 5: summary
    putVarint(out, summarySize);
    out += char(0x0a); // Summary 1: value
    putVarint(out, valueSize);
}

std::string safeName(const std::string &s) {
    std::string out = s;
    for (char &c : out) {
        if (c == '/' || c == '\\' || c == '\0')
            c = '_';
    }
    return out.empty() ? std::string("run") : out;
}

bool writeAll(const QString &path, const std::string &data, QString *error) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Append) ||
        f.write(data.data(), qint64(data.size())) != qint64(data.size())) {
        if (error)
            *error = Tr::tr("Cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

/// Encodes one file's records into a buffer and appends it to the file when it is big.
class FileOut {
public:
    FileOut(QString path, QString *error)
        : m_path(std::move(path))
        , m_error(error) {
        m_buf.reserve(flushAt + 4096);
    }
    std::string &buf() { return m_buf; }
    bool maybeFlush() { return m_buf.size() < flushAt || flush(); }
    bool flush() {
        const bool ok = writeAll(m_path, m_buf, m_error);
        m_buf.clear();
        return ok;
    }

private:
    static constexpr size_t flushAt = 8 << 20;
    QString m_path;
    QString *m_error;
    std::string m_buf;
};

enum class Style { Tf2, Tf1, Keras };

/// HParams' Status for an MLflow status code; 0 while running.
int hparamsStatus(int status) {
    switch (status) {
    case 3:
        return 1; // success
    case 4:
    case 5:
        return 2; // failure
    default:
        return 0;
    }
}

bool writeRun(const QString &root, const DemoRun &run, int index, QString *error) {
    const Style style = index % 4 == 2 ? Style::Tf1 : index % 4 == 3 ? Style::Keras : Style::Tf2;
    const QString runDir = root + u'/' + QString::fromStdString(safeName(run.experiment)) + u'/' +
                           QString::fromStdString(safeName(run.name + '_' + run.id.substr(0, 6)));
    const double start = double(run.startMs) / 1000.0;
    const QString stem = QStringLiteral("events.out.tfevents.%1.demo-host.%2.")
                             .arg(run.startMs / 1000)
                             .arg(4000 + index);
    const QString suffix = style == Style::Tf1 ? QString() : QStringLiteral(".v2");

    struct Target {
        QString dir;
        std::unique_ptr<FileOut> file;
    };
    std::vector<Target> targets;
    auto addTarget = [&](const QString &dir, int counter) {
        if (!QDir().mkpath(dir)) {
            if (error)
                *error = Tr::tr("Cannot create the folder %1").arg(dir);
            return false;
        }
        const QString path = dir + u'/' + stem + QString::number(counter) + suffix;
        QFile::remove(path);
        targets.push_back({dir, std::make_unique<FileOut>(path, error)});
        return true;
    };
    if (style == Style::Keras) {
        if (!addTarget(runDir + QStringLiteral("/train"), 0) ||
            !addTarget(runDir + QStringLiteral("/validation"), 1))
            return false;
    } else if (!addTarget(runDir, 0)) {
        return false;
    }

    // Per metric: which file and which tag.
    struct MetricOut {
        size_t target = 0;
        std::string tag;
        bool eval = false;
    };
    std::vector<MetricOut> metrics;
    for (const std::string &name : run.metricNames) {
        MetricOut m;
        m.eval = name.rfind("val/", 0) == 0;
        if (style == Style::Keras) {
            std::string base = name;
            if (base.rfind("train/", 0) == 0)
                base = base.substr(6);
            else if (m.eval)
                base = base.substr(4);
            std::replace(base.begin(), base.end(), '/', '_');
            m.tag = "epoch_" + base;
            m.target = m.eval ? 1 : 0;
        } else {
            m.tag = name;
        }
        metrics.push_back(std::move(m));
    }

    for (Target &t : targets)
        tbwriter::appendRecord(t.file->buf(), tbwriter::fileVersionEvent(start));
    tbwriter::appendRecord(targets[0].file->buf(), tbwriter::hparamsStartEvent(start, run));

    const size_t steps = run.timesMs.size();
    for (size_t s = 0; s < steps; ++s) {
        for (size_t m = 0; m < metrics.size(); ++m) {
            if (m >= run.values.size() || s >= run.values[m].size())
                continue;
            const MetricOut &mo = metrics[m];
            const double wall = double(run.timesMs[s] + (mo.eval ? run.evalDelayMs : 0)) / 1000.0;
            const float v = float(run.values[m][s]);
            std::string &buf = targets[mo.target].file->buf();
            if (style == Style::Tf1)
                tbwriter::appendTf1ScalarRecord(buf, wall, qint64(s), mo.tag, v);
            else
                tbwriter::appendTf2ScalarRecord(buf, wall, qint64(s), mo.tag, v);
        }
        for (Target &t : targets) {
            if (!t.file->maybeFlush())
                return false;
        }
    }
    if (const int status = hparamsStatus(run.status)) {
        const double end = double(run.endMs > 0 ? run.endMs : run.startMs) / 1000.0;
        tbwriter::appendRecord(targets[0].file->buf(), tbwriter::hparamsEndEvent(end, status));
    }
    for (Target &t : targets) {
        if (!t.file->flush())
            return false;
    }
    return true;
}

} // namespace

namespace tbwriter {

quint32 maskedCrc32c(std::string_view bytes) {
    return mask(crc32c(bytes.data(), bytes.size()));
}

void appendRecord(std::string &out, std::string_view payload) {
    const size_t start = beginRecord(out);
    out.append(payload);
    finishRecord(out, start);
}

std::string fileVersionEvent(double wallTime) {
    std::string e;
    putDouble(e, 1, wallTime);
    putLen(e, 3, "brain.Event:2");
    return e;
}

void appendTf2ScalarRecord(std::string &out, double wallTime, qint64 step, std::string_view tag,
                           float value) {
    // Value: 1 tag, 8 tensor {1 dtype FLOAT, 2 shape {}, 4 content}, 9 metadata {1 {1 "scalars"}}
    static constexpr char tensorAndMetadata[] = {
        0x42, 0x0a, 0x08, 0x01, 0x12, 0x00, 0x22, 0x04, 0,   0,   0,   0,  0x4a,
        0x0b, 0x0a, 0x09, 0x0a, 0x07, 's',  'c',  'a',  'l', 'a', 'r', 's'};
    const size_t valueSize =
        1 + size_t(varintSize(tag.size())) + tag.size() + sizeof tensorAndMetadata;
    const size_t start = beginRecord(out);
    putEventWithValue(out, wallTime, step, valueSize);
    putLen(out, 1, tag);
    const size_t at = out.size();
    out.append(tensorAndMetadata, sizeof tensorAndMetadata);
    std::memcpy(out.data() + at + 8, &value, 4);
    finishRecord(out, start);
}

void appendTf1ScalarRecord(std::string &out, double wallTime, qint64 step, std::string_view tag,
                           float value) {
    const size_t valueSize = 1 + size_t(varintSize(tag.size())) + tag.size() + 5;
    const size_t start = beginRecord(out);
    putEventWithValue(out, wallTime, step, valueSize);
    putLen(out, 1, tag);
    out += char(0x15); // 2: simple_value
    putRaw(out, &value, 4);
    finishRecord(out, start);
}

namespace {

std::string hparamsEvent(double wallTime, std::string_view tag, const std::string &pluginData) {
    std::string pluginDataMsg;
    putLen(pluginDataMsg, 1, "hparams");
    putLen(pluginDataMsg, 2, pluginData);
    std::string metadata;
    putLen(metadata, 1, pluginDataMsg);
    std::string value;
    putLen(value, 1, tag);
    putLen(value, 9, metadata);
    std::string summary;
    putLen(summary, 1, value);
    std::string e;
    putDouble(e, 1, wallTime);
    putLen(e, 5, summary);
    return e;
}

} // namespace

std::string hparamsStartEvent(double wallTime, const DemoRun &run) {
    std::string start;
    for (const DemoParam &p : run.params) {
        std::string value;
        switch (p.kind) {
        case DemoParam::Kind::Float:
        case DemoParam::Kind::Int:
            putDouble(value, 2, p.number);
            break;
        case DemoParam::Kind::Bool:
            putVarintField(value, 4, p.number != 0 ? 1 : 0);
            break;
        case DemoParam::Kind::Text:
            putLen(value, 3, p.text);
            break;
        }
        std::string entry;
        putLen(entry, 1, p.name);
        putLen(entry, 2, value);
        putLen(start, 1, entry);
    }
    putLen(start, 4, run.name);    // group_name
    putDouble(start, 5, wallTime); // start_time_secs
    std::string data;
    putLen(data, 3, start);
    return hparamsEvent(wallTime, "_hparams_/session_start_info", data);
}

std::string hparamsEndEvent(double wallTime, int status) {
    std::string end;
    putVarintField(end, 1, quint64(status));
    putDouble(end, 2, wallTime);
    std::string data;
    putLen(data, 4, end);
    return hparamsEvent(wallTime, "_hparams_/session_end_info", data);
}

} // namespace tbwriter

bool writeDemoTensorboard(const QString &dir, const DemoOptions &options, QString *error) {
    const QString root = dir + QStringLiteral("/tensorboard");
    const QDir rootDir(root);
    if (rootDir.exists() && !rootDir.isEmpty()) {
        if (error)
            *error = Tr::tr("%1 exists and is not empty; not writing demo runs into it").arg(root);
        return false;
    }
    if (!QDir().mkpath(root)) {
        if (error)
            *error = Tr::tr("Cannot create the folder %1").arg(root);
        return false;
    }
    const DemoSweep sweep(options);
    const int threads =
        std::clamp(int(std::thread::hardware_concurrency()), 1, std::max(1, sweep.size()));
    std::atomic<int> next{0};
    std::atomic_bool failed{false};
    std::mutex errorMutex;
    QString firstError;
    auto worker = [&] {
        for (int i; !failed.load() && (i = next.fetch_add(1)) < sweep.size();) {
            const DemoRun run = sweep.run(i);
            QString err;
            if (!writeRun(root, run, i, &err)) {
                const std::lock_guard lock(errorMutex);
                if (!failed.exchange(true))
                    firstError = err;
            }
        }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t)
        pool.emplace_back(worker);
    worker();
    for (std::thread &t : pool)
        t.join();
    if (failed.load() && error)
        *error = firstError;
    return !failed.load();
}

} // namespace runlens::demo
