// SPDX-License-Identifier: GPL-3.0-or-later
#include "demowandb.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTimeZone>
#include <array>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>

namespace runlens::demo {

namespace {

// --- .wandb encoding (formats.md §1, §7) ------------------------------------------------------

constexpr std::size_t blockSize = 32768;
constexpr std::size_t chunkHeader = 7;

std::array<quint32, 256> makeCrcTable() {
    std::array<quint32, 256> t{};
    for (quint32 i = 0; i < 256; ++i) {
        quint32 c = i;
        for (int k = 0; k < 8; ++k)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        t[i] = c;
    }
    return t;
}

/// CRC-32 (IEEE), as the W&B log stores it over a chunk's type byte and payload.
quint32 crc32(quint32 crc, std::string_view bytes) {
    static const std::array<quint32, 256> table = makeCrcTable();
    crc = ~crc;
    for (const char ch : bytes)
        crc = table[(crc ^ quint8(ch)) & 0xff] ^ (crc >> 8);
    return ~crc;
}

void varint(std::string &out, quint64 v) {
    while (v >= 0x80) {
        out += char(quint8(v) | 0x80);
        v >>= 7;
    }
    out += char(v);
}

void varintField(std::string &out, int number, qint64 value) {
    varint(out, quint64(number) << 3);
    varint(out, quint64(value));
}

void lenField(std::string &out, int number, std::string_view payload) {
    varint(out, quint64(number) << 3 | 2);
    varint(out, payload.size());
    out += payload;
}

/// An item {key, value_json}: HistoryItem, SummaryItem and ConfigItem share the layout.
void item(std::string &out, int field, std::string_view key, std::string_view json) {
    std::string m;
    lenField(m, 1, key);
    lenField(m, 16, json);
    lenField(out, field, m);
}

/// Appends one record to a log, cutting it into FULL or FIRST/MIDDLE.../LAST chunks that never
/// cross a 32 KiB block.
void appendRecord(std::string &log, std::string_view record) {
    bool first = true;
    do {
        std::size_t left = blockSize - log.size() % blockSize;
        if (left < chunkHeader) {
            log.append(left, '\0');
            left = blockSize;
        }
        const std::size_t n = std::min(left - chunkHeader, record.size());
        const bool last = n == record.size();
        const char type = first && last ? 1 : first ? 2 : last ? 4 : 3;
        const std::string_view payload = record.substr(0, n);
        const quint32 crc = crc32(crc32(0, std::string_view(&type, 1)), payload);
        for (int i = 0; i < 4; ++i)
            log += char(crc >> (8 * i));
        log += char(n & 0xff);
        log += char(n >> 8);
        log += type;
        log += payload;
        record.remove_prefix(n);
        first = false;
    } while (!record.empty());
}

// --- JSON and YAML text -----------------------------------------------------------------------

/// A double as Python's json module writes it (bare NaN / Infinity).
std::string jsonNumber(double v) {
    if (std::isnan(v))
        return "NaN";
    if (std::isinf(v))
        return v > 0 ? "Infinity" : "-Infinity";
    return pythonFloatRepr(v).toStdString();
}

std::string jsonString(std::string_view s) {
    std::string out = "\"";
    for (const char c : s) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        default:
            if (quint8(c) < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += c;
            }
        }
    }
    return out + '"';
}

std::string paramJson(const DemoParam &p) {
    switch (p.kind) {
    case DemoParam::Kind::Float:
        return jsonNumber(p.number);
    case DemoParam::Kind::Int:
        return std::to_string(qint64(p.number));
    case DemoParam::Kind::Bool:
        return p.number != 0 ? "true" : "false";
    case DemoParam::Kind::Text:
        break;
    }
    return jsonString(p.text);
}

std::string isoUtc(qint64 ms, bool zulu) {
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
    std::string s = t.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")).toStdString() + "000";
    return zulu ? s + 'Z' : s;
}

std::string runFolderName(const DemoRun &run) {
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(run.startMs, QTimeZone::utc());
    return "offline-run-" + t.toString(QStringLiteral("yyyyMMdd_HHmmss")).toStdString() + '-' +
           run.id.substr(0, 8);
}

std::string hostOf(const DemoRun &run) {
    return "gpu-" + std::to_string(quint8(run.id[9]) % 4 + 1);
}

bool writeBytes(const QString &path, std::string_view bytes, QString *error) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        f.write(bytes.data(), qint64(bytes.size())) != qint64(bytes.size())) {
        if (error)
            *error = QStringLiteral("Cannot write %1: %2")
                         .arg(QDir::toNativeSeparators(path), f.errorString());
        return false;
    }
    return true;
}

// --- one run ----------------------------------------------------------------------------------

std::string wandbLog(const DemoRun &run) {
    const std::string id = run.id.substr(0, 8);
    std::string log(":W&B\xE1\xBE\x00", 7);
    qint64 num = 0;
    std::string rec;
    std::string msg;

    // run record: id, project, config, display name, host, start time
    {
        msg.clear();
        lenField(msg, 1, id);
        lenField(msg, 3, run.experiment);
        std::string config;
        for (const DemoParam &p : run.params)
            item(config, 1, p.name, paramJson(p));
        item(config, 1, "_wandb", "{}");
        lenField(msg, 4, config);
        lenField(msg, 8, run.name);
        lenField(msg, 13, hostOf(run));
        std::string ts;
        varintField(ts, 1, run.startMs / 1000);
        varintField(ts, 2, (run.startMs % 1000) * 1000000);
        lenField(msg, 17, ts);
        rec.clear();
        varintField(rec, 1, ++num);
        lenField(rec, 17, msg);
        appendRecord(log, rec);
    }

    // one history row per step, every metric in it
    const std::size_t steps = run.timesMs.size();
    for (std::size_t i = 0; i < steps; ++i) {
        msg.clear();
        for (std::size_t m = 0; m < run.metricNames.size(); ++m) {
            if (i < run.values[m].size())
                item(msg, 1, run.metricNames[m], jsonNumber(run.values[m][i]));
        }
        const double ts = double(run.timesMs[i]) / 1000.0;
        item(msg, 1, "_step", std::to_string(i));
        item(msg, 1, "_runtime", jsonNumber(double(run.timesMs[i] - run.startMs) / 1000.0));
        item(msg, 1, "_timestamp", jsonNumber(ts));
        std::string step;
        if (i > 0)
            varintField(step, 1, qint64(i));
        lenField(msg, 2, step);
        rec.clear();
        varintField(rec, 1, ++num);
        lenField(rec, 2, msg);
        appendRecord(log, rec);
    }

    // Killed and running runs never got to their summary and exit records.
    if (run.status != 3 && run.status != 4)
        return log;
    msg.clear();
    for (std::size_t m = 0; m < run.metricNames.size(); ++m) {
        if (!run.values[m].empty() && steps > 0)
            item(msg, 1, run.metricNames[m],
                 jsonNumber(run.values[m][std::min(steps, run.values[m].size()) - 1]));
    }
    rec.clear();
    varintField(rec, 1, ++num);
    lenField(rec, 3, msg);
    appendRecord(log, rec);

    msg.clear();
    if (run.status == 4)
        varintField(msg, 1, 1);
    varintField(msg, 2, (run.endMs - run.startMs) / 1000);
    rec.clear();
    varintField(rec, 1, ++num);
    lenField(rec, 18, msg);
    appendRecord(log, rec);
    return log;
}

std::string configYaml(const DemoRun &run) {
    std::string y = "wandb_version: 1\n\n_wandb:\n  desc: null\n  value:\n"
                    "    cli_version: 0.16.6\n    framework: torch\n"
                    "    is_jupyter_run: false\n    python_version: 3.11.9\n";
    for (const DemoParam &p : run.params)
        y += p.name + ":\n  desc: null\n  value: " + paramJson(p) + '\n';
    return y;
}

std::string summaryJson(const DemoRun &run) {
    const std::size_t steps = run.timesMs.size();
    std::string s = "{";
    for (std::size_t m = 0; m < run.metricNames.size(); ++m) {
        if (run.values[m].empty() || steps == 0)
            continue;
        s += jsonString(run.metricNames[m]) + ": " +
             jsonNumber(run.values[m][std::min(steps, run.values[m].size()) - 1]) + ", ";
    }
    const qint64 end = run.endMs > 0 ? run.endMs : run.startMs;
    const qint64 runtime = (end - run.startMs) / 1000;
    if (steps > 0)
        s += "\"_step\": " + std::to_string(steps - 1) +
             ", \"_timestamp\": " + jsonNumber(double(run.timesMs.back()) / 1000.0) + ", ";
    s += "\"_runtime\": " + std::to_string(runtime) +
         ", \"_wandb\": {\"runtime\": " + std::to_string(runtime) + "}}";
    return s;
}

std::string metadataJson(const DemoRun &run) {
    const std::string program = run.script.substr(run.script.rfind('/') + 1);
    const std::string root = run.script.substr(0, run.script.rfind('/'));
    return "{\n  \"os\": \"Linux-6.8.0-45-generic-x86_64-with-glibc2.39\",\n"
           "  \"python\": \"CPython 3.11.9\",\n"
           "  \"startedAt\": \"" +
           isoUtc(run.startMs, true) + "\",\n  \"args\": [\"--lr\", \"" +
           (run.params.empty() ? "0" : run.params[0].text) +
           "\"],\n  \"program\": " + jsonString(run.script) +
           ",\n  \"codePath\": " + jsonString(program) + ",\n  \"git\": {\n    \"remote\": " +
           jsonString("https://github.com/" + run.user + '/' + run.experiment + ".git") +
           ",\n    \"commit\": \"" + run.commit + "\"\n  },\n  \"root\": " + jsonString(root) +
           ",\n  \"host\": \"" + hostOf(run) + "\",\n  \"username\": " + jsonString(run.user) +
           ",\n  \"executable\": \"/usr/bin/python3\",\n  \"cpu_count\": 16,\n"
           "  \"gpu\": \"NVIDIA A100-SXM4-80GB\",\n  \"gpu_count\": 1\n}\n";
}

} // namespace

bool writeDemoWandb(const QString &dir, const DemoOptions &o, QString *error) {
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    const QString root = QDir::cleanPath(QDir(dir).absoluteFilePath(QStringLiteral("wandb")));
    if (QFileInfo(root).isDir() &&
        !QDir(root).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).isEmpty())
        return fail(QStringLiteral("%1 already holds W&B runs; choose an empty folder.")
                        .arg(QDir::toNativeSeparators(root)));
    if (!QDir().mkpath(root))
        return fail(
            QStringLiteral("Cannot create the folder %1.").arg(QDir::toNativeSeparators(root)));

    const DemoSweep sweep(o);
    QString newest;
    qint64 newestStart = 0;
    for (int i = 0; i < sweep.size(); ++i) {
        const DemoRun run = sweep.run(i);
        const QString folder = QString::fromStdString(runFolderName(run));
        const QString runDir = root + u'/' + folder;
        if (!QDir().mkpath(runDir + QStringLiteral("/files")) ||
            !QDir().mkpath(runDir + QStringLiteral("/logs")))
            return fail(QStringLiteral("Cannot create the folder %1.")
                            .arg(QDir::toNativeSeparators(runDir)));
        const QString id = QString::fromStdString(run.id.substr(0, 8));
        const bool ended = run.status != 1;
        if (!writeBytes(runDir + QStringLiteral("/run-") + id + QStringLiteral(".wandb"),
                        wandbLog(run), error) ||
            !writeBytes(runDir + QStringLiteral("/files/config.yaml"), configYaml(run), error) ||
            !writeBytes(runDir + QStringLiteral("/files/wandb-metadata.json"), metadataJson(run),
                        error) ||
            (ended && !writeBytes(runDir + QStringLiteral("/files/wandb-summary.json"),
                                  summaryJson(run), error)) ||
            !writeBytes(runDir + QStringLiteral("/logs/debug.log"), {}, error))
            return false;
        // The files were last written when the run ended (a running run's are fresh): what
        // tells a killed run from a running one without an exit record.
        if (ended) {
            const QDateTime at =
                QDateTime::fromMSecsSinceEpoch(std::max(run.endMs, run.startMs), QTimeZone::utc());
            for (const QString &f :
                 {QStringLiteral("/run-") + id + QStringLiteral(".wandb"),
                  QStringLiteral("/files/config.yaml"),
                  QStringLiteral("/files/wandb-metadata.json"),
                  QStringLiteral("/files/wandb-summary.json"), QStringLiteral("/logs/debug.log")}) {
                QFile file(runDir + f);
                if (file.open(QIODevice::ReadWrite))
                    file.setFileTime(at, QFileDevice::FileModificationTime);
            }
        }
        if (run.startMs >= newestStart) {
            newestStart = run.startMs;
            newest = folder;
        }
    }
    if (!newest.isEmpty())
        QFile::link(newest, root + QStringLiteral("/latest-run")); // relative, like the SDK's
    return true;
}

} // namespace runlens::demo
