// SPDX-License-Identifier: GPL-3.0-or-later
#include "mlflowparser.h"

#include "core/run.h"

#include <QCoreApplication>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <yaml-cpp/yaml.h>

namespace runlens::sources::mlflow {

namespace {

QString tr(const char *text, int n = -1) {
    return QCoreApplication::translate("runlens::sources::MlflowImporter", text, nullptr, n);
}

bool equalsNoCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i) {
        char c = a[i];
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
        if (c != b[i])
            return false;
    }
    return true;
}

bool parseInt(std::string_view text, qint64 &value) {
    if (text.empty())
        return false;
    const char *begin = text.data();
    const char *end = begin + text.size();
    if (*begin == '+')
        ++begin;
    const auto [ptr, ec] = std::from_chars(begin, end, value);
    if (ec == std::errc() && ptr == end)
        return true;
    // Some writers print integral numbers as floats ("3.0").
    double d = 0;
    if (parseDouble(text, d) && std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.0e18) {
        value = qint64(d);
        return true;
    }
    return false;
}

} // namespace

bool parseDouble(std::string_view text, double &value) {
    if (text.empty())
        return false;
    const char *begin = text.data();
    const char *end = begin + text.size();
    if (*begin == '+')
        ++begin;
    const auto [ptr, ec] = std::from_chars(begin, end, value);
    if (ec == std::errc() && ptr == end)
        return true;
    if (ec == std::errc::result_out_of_range && ptr == end) {
        // Overflow/underflow: strtod semantics.
        value = std::strtod(std::string(text).c_str(), nullptr);
        return true;
    }
    // from_chars accepts "nan"/"inf"/"infinity" in any case already; these are the spellings
    // it does not know.
    std::string_view t(begin, size_t(end - begin));
    const bool negative = !t.empty() && t.front() == '-';
    if (negative)
        t.remove_prefix(1);
    if (equalsNoCase(t, "nan")) {
        value = std::numeric_limits<double>::quiet_NaN();
        return true;
    }
    if (equalsNoCase(t, "inf") || equalsNoCase(t, "infinity")) {
        value = negative ? -std::numeric_limits<double>::infinity()
                         : std::numeric_limits<double>::infinity();
        return true;
    }
    return false;
}

void parseMetricLines(std::string_view data, MetricParseResult &out) {
    const char *const base = data.data();
    const char *p = base;
    const char *const end = base + data.size();
    qint64 lineNo = 0;
    if (out.points.empty())
        out.points.reserve(data.size() / 24 + 1);
    while (p < end) {
        const char *nl = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
        if (!nl)
            break; // partial last line: not consumed
        ++lineNo;
        const char *lineEnd = nl;
        if (lineEnd > p && lineEnd[-1] == '\r')
            --lineEnd;
        const char *lineStart = p;
        p = nl + 1;

        std::string_view fields[4];
        int n = 0;
        const char *q = lineStart;
        while (q < lineEnd) {
            while (q < lineEnd && (*q == ' ' || *q == '\t'))
                ++q;
            if (q == lineEnd)
                break;
            const char *f = q;
            while (q < lineEnd && *q != ' ' && *q != '\t')
                ++q;
            if (n < 4)
                fields[n] = std::string_view(f, size_t(q - f));
            ++n;
        }
        if (n == 0)
            continue; // blank line
        auto bad = [&](const QString &reason) {
            out.bad.push_back(BadLine{lineNo, qint64(lineStart - base), reason});
        };
        if (n < 2 || n > 3) {
            bad(tr("expected \"<timestamp> <value> <step>\", found %n field(s)", n));
            continue;
        }
        core::MetricPoint pt;
        if (!parseInt(fields[0], pt.timeMs)) {
            bad(tr("the timestamp \"%1\" is not a number")
                    .arg(QString::fromUtf8(fields[0].data(), qsizetype(fields[0].size()))));
            continue;
        }
        if (!parseDouble(fields[1], pt.value)) {
            bad(tr("the value \"%1\" is not a number")
                    .arg(QString::fromUtf8(fields[1].data(), qsizetype(fields[1].size()))));
            continue;
        }
        if (n == 3 && !parseInt(fields[2], pt.step)) {
            bad(tr("the step \"%1\" is not an integer")
                    .arg(QString::fromUtf8(fields[2].data(), qsizetype(fields[2].size()))));
            continue;
        }
        out.points.push_back(pt);
    }
    out.consumed = qint64(p - base);
}

namespace {

// yaml-cpp helpers that never throw.
const YAML::Node child(const YAML::Node &map, const char *key) {
    try {
        return map[key];
    } catch (const YAML::Exception &) {
        return YAML::Node(YAML::NodeType::Undefined);
    }
}

bool has(const YAML::Node &map, const char *key) {
    const YAML::Node n = child(map, key);
    return n.IsDefined();
}

/// The scalar text of map[key]; empty for null, missing or non-scalar values.
QString text(const YAML::Node &map, const char *key) {
    const YAML::Node n = child(map, key);
    if (!n.IsDefined() || !n.IsScalar())
        return {};
    return QString::fromStdString(n.Scalar());
}

qint64 integer(const YAML::Node &map, const char *key, qint64 fallback) {
    const YAML::Node n = child(map, key);
    if (!n.IsDefined() || !n.IsScalar())
        return fallback;
    qint64 v = 0;
    return parseInt(n.Scalar(), v) ? v : fallback;
}

} // namespace

Meta parseMeta(std::string_view yaml) {
    Meta meta;
    bool blank = true;
    for (char c : yaml) {
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
            blank = false;
            break;
        }
    }
    if (blank) {
        meta.kind = MetaKind::Empty;
        meta.error = tr("the file is empty (MLflow may be rewriting it)");
        return meta;
    }
    YAML::Node root;
    try {
        root = YAML::Load(std::string(yaml));
    } catch (const YAML::Exception &e) {
        meta.kind = MetaKind::Broken;
        meta.error = QString::fromStdString(e.msg);
        meta.line = e.mark.is_null() ? 0 : e.mark.line + 1;
        return meta;
    }
    if (!root.IsMap()) {
        meta.kind = MetaKind::Broken;
        meta.error = tr("expected a YAML mapping of keys to values");
        return meta;
    }
    meta.experimentId = text(root, "experiment_id");
    meta.deleted = text(root, "lifecycle_stage").compare(u"deleted", Qt::CaseInsensitive) == 0;
    meta.name = text(root, "name");
    if (has(root, "run_id") || has(root, "run_uuid")) {
        meta.kind = MetaKind::Run;
        meta.runId = text(root, "run_id");
        if (meta.runId.isEmpty())
            meta.runId = text(root, "run_uuid");
        meta.runName = text(root, "run_name");
        const YAML::Node status = child(root, "status");
        if (status.IsDefined() && status.IsScalar()) {
            qint64 code = 0;
            if (parseInt(status.Scalar(), code))
                meta.status = int(code);
            else // a name, as the SQLite backend and REST API spell it
                meta.status = int(core::statusFromName(QString::fromStdString(status.Scalar())));
        }
        meta.startMs = integer(root, "start_time", 0);
        meta.endMs = integer(root, "end_time", 0);
        if (meta.runId.isEmpty()) {
            meta.kind = MetaKind::Broken;
            meta.error = tr("run_id is empty");
        }
        return meta;
    }
    if (has(root, "model_id")) {
        meta.kind = MetaKind::Model;
        return meta;
    }
    if (has(root, "experiment_id"))
        meta.kind = MetaKind::Experiment;
    return meta;
}

} // namespace runlens::sources::mlflow
