// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Builds MLflow file stores for the tests and the kill-test helper: small hostile stores file by
// file, and big synthetic ones fast (plain POSIX writes, no Qt per file).

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>
#include <cstdio>
#include <fcntl.h>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace runlens::tests {

/// Short spelling for test paths (QT_NO_CAST_FROM_ASCII is on).
inline QString q(const char *text) {
    return QString::fromUtf8(text);
}
inline QString q(const QByteArray &bytes) {
    return QString::fromUtf8(bytes);
}

inline bool writeFile(const QString &path, const QByteArray &bytes) {
    QDir().mkpath(path.section(u'/', 0, -2));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return f.write(bytes) == bytes.size();
}

inline bool appendFile(const QString &path, const QByteArray &bytes) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Append))
        return false;
    return f.write(bytes) == bytes.size();
}

inline QByteArray experimentMeta(const QByteArray &id, const QByteArray &name) {
    return "artifact_location: file:///home/ana/mlruns/" + id +
           "\ncreation_time: 1700000000000\n"
           "experiment_id: '" +
           id +
           "'\nlast_update_time: 1700000000000\n"
           "lifecycle_stage: active\nname: " +
           name + "\n";
}

inline QByteArray runMeta(const QByteArray &runId, const QByteArray &expId,
                          const QByteArray &runName, int status = 3,
                          const QByteArray &lifecycle = "active") {
    QByteArray m = "artifact_uri: file:///home/ana/mlruns/" + expId + "/" + runId +
                   "/artifacts\nend_time: 1700000100000\nentry_point_name: ''\n"
                   "experiment_id: '" +
                   expId + "'\nlifecycle_stage: " + lifecycle +
                   "\n"
                   "run_id: " +
                   runId + "\n";
    if (!runName.isNull())
        m += "run_name: " + runName + "\n";
    m += "run_uuid: " + runId +
         "\nsource_name: ''\nsource_type: 4\nsource_version: ''\n"
         "start_time: 1700000000000\nstatus: " +
         QByteArray::number(status) + "\ntags: []\nuser_id: tester\n";
    return m;
}

/// A 32-hex run id from a number.
inline QByteArray runIdFor(int n) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08x%024x", 0xabc00000u + unsigned(n), unsigned(n) * 7919u);
    return QByteArray(buf, 32);
}

inline void rawWrite(const std::string &path, const std::string &bytes) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return;
    [[maybe_unused]] const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    ::close(fd);
}

/// A synthetic store: <root>/mlruns/1/<runs>, each with params, metrics of `steps` points and a
/// few tags. The value of metric m of run r at step s is (r + m + s) / 1000.
inline void generateStore(const QString &root, int runs, int params = 20, int metrics = 20,
                          int steps = 100) {
    const std::string base = QFile::encodeName(root).toStdString() + "/mlruns";
    ::mkdir(QFile::encodeName(root).constData(), 0755);
    ::mkdir(base.c_str(), 0755);
    ::mkdir((base + "/0").c_str(), 0755);
    rawWrite(base + "/0/meta.yaml", experimentMeta("0", "Default").toStdString());
    const std::string exp = base + "/1";
    ::mkdir(exp.c_str(), 0755);
    rawWrite(exp + "/meta.yaml", experimentMeta("1", "synthetic").toStdString());
    std::string line;
    for (int r = 0; r < runs; ++r) {
        const QByteArray id = runIdFor(r);
        const std::string run = exp + "/" + id.toStdString();
        ::mkdir(run.c_str(), 0755);
        rawWrite(
            run + "/meta.yaml",
            runMeta(id, "1", "run-" + QByteArray::number(r), r % 7 == 0 ? 4 : 3).toStdString());
        ::mkdir((run + "/params").c_str(), 0755);
        ::mkdir((run + "/metrics").c_str(), 0755);
        ::mkdir((run + "/tags").c_str(), 0755);
        ::mkdir((run + "/artifacts").c_str(), 0755);
        for (int p = 0; p < params; ++p) {
            rawWrite(run + "/params/param_" + std::to_string(p),
                     p % 3 == 0   ? std::to_string(r * 10 + p)
                     : p % 3 == 1 ? std::to_string(0.001 * (p + 1))
                                  : "adam");
        }
        rawWrite(run + "/tags/mlflow.runName", "run-" + std::to_string(r));
        rawWrite(run + "/tags/mlflow.user", "tester");
        for (int m = 0; m < metrics; ++m) {
            std::string body;
            body.reserve(size_t(steps) * 32);
            for (int s = 0; s < steps; ++s) {
                char buf[96];
                const int n =
                    std::snprintf(buf, sizeof buf, "%lld %.17g %d\n", 1700000000000LL + s * 1000LL,
                                  double(r + m + s) / 1000.0, s);
                body.append(buf, size_t(n));
            }
            rawWrite(run + "/metrics/metric_" + std::to_string(m), body);
        }
    }
}

} // namespace runlens::tests
