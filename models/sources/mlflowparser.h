// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/metric.h"

#include <QString>
#include <string_view>
#include <vector>

/// Byte-level parsing of the MLflow file store (formats.md §2), free of any file access so tests
/// can feed it bytes directly.
namespace runlens::sources::mlflow {

/// A line of a metric file that could not be read.
struct BadLine {
    qint64 line = 0;   ///< 1-based, counted from the first byte handed to the parser
    qint64 offset = 0; ///< byte offset of the line start, relative to the data handed in
    QString reason;
};

struct MetricParseResult {
    core::MetricPoints points;
    qint64 consumed = 0; ///< bytes of complete lines; a last line without '\n' is left over
    std::vector<BadLine> bad;
};

/// Parses the complete lines of a metric file: "<timestamp_ms> <value> <step>" or the legacy
/// "<timestamp_ms> <value>" (step 0). Values may be nan/inf/-inf in any case; CRLF is accepted;
/// blank lines are skipped. Points are appended to out.points in file order.
void parseMetricLines(std::string_view data, MetricParseResult &out);

/// Parses one value the way MLflow writes floats (Python repr), case-insensitive nan/inf.
bool parseDouble(std::string_view text, double &value);

/// What a meta.yaml describes.
enum class MetaKind {
    Run,        ///< has run_id or run_uuid
    Experiment, ///< has experiment_id (and usually name), no run or model id
    Model,      ///< MLflow 3 logged model (model_id): not a run
    Other,      ///< some other YAML mapping
    Empty,      ///< empty file (MLflow rewrites run meta.yaml in place)
    Broken,     ///< not YAML, or not a mapping
};

struct Meta {
    MetaKind kind = MetaKind::Other;
    // Run
    QString runId;
    QString runName; ///< empty when absent or ''
    int status = 1;  ///< MLflow integer code; missing means RUNNING
    qint64 startMs = 0;
    qint64 endMs = 0;
    // Run and experiment
    QString experimentId;
    bool deleted = false; ///< lifecycle_stage: deleted
    // Experiment
    QString name;
    // Broken
    QString error;
    int line = 0; ///< 1-based line of the error, 0 when unknown
};

/// Parses a run, experiment or model meta.yaml. Never throws. The flat `key: value` files MLflow
/// writes take a fast path; anything unusual goes to yaml-cpp.
Meta parseMeta(std::string_view yaml);
/// parseMeta always through yaml-cpp: the reference the fast path is tested against.
Meta parseMetaFull(std::string_view yaml);

} // namespace runlens::sources::mlflow
