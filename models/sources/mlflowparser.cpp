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

// lupdate reads the context from the macro, so the .ts and the runtime agree.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(runlens::sources::MlflowImporter)
};

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

/// std::from_chars over the whole text, accepting a leading '+' as Python's float() does.
template <typename T> std::from_chars_result fromCharsWhole(std::string_view text, T &value) {
    const char *begin = text.data();
    const char *end = begin + text.size();
    if (begin != end && *begin == '+')
        ++begin;
    auto result = std::from_chars(begin, end, value);
    if (result.ec == std::errc() && result.ptr != end)
        result.ec = std::errc::invalid_argument;
    return result;
}

bool parseInt(std::string_view text, qint64 &value) {
    if (text.empty())
        return false;
    if (fromCharsWhole(text, value).ec == std::errc())
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
    const auto [ptr, ec] = fromCharsWhole(text, value);
    if (ec == std::errc())
        return true;
    if (ec == std::errc::result_out_of_range && ptr == text.data() + text.size()) {
        // Overflow/underflow: strtod semantics.
        value = std::strtod(std::string(text).c_str(), nullptr);
        return true;
    }
    // from_chars accepts "nan"/"inf"/"infinity" in any case already; these are the spellings
    // it does not know.
    std::string_view t = text.front() == '+' ? text.substr(1) : text;
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
            bad(Tr::tr("expected \"<timestamp> <value> <step>\", found %n field(s)", nullptr, n));
            continue;
        }
        core::MetricPoint pt;
        if (!parseInt(fields[0], pt.timeMs)) {
            bad(Tr::tr("the timestamp \"%1\" is not a number")
                    .arg(QString::fromUtf8(fields[0].data(), qsizetype(fields[0].size()))));
            continue;
        }
        if (!parseDouble(fields[1], pt.value)) {
            bad(Tr::tr("the value \"%1\" is not a number")
                    .arg(QString::fromUtf8(fields[1].data(), qsizetype(fields[1].size()))));
            continue;
        }
        if (n == 3 && !parseInt(fields[2], pt.step)) {
            bad(Tr::tr("the step \"%1\" is not an integer")
                    .arg(QString::fromUtf8(fields[2].data(), qsizetype(fields[2].size()))));
            continue;
        }
        out.points.push_back(pt);
    }
    out.consumed = qint64(p - base);
}

namespace {

/// A top-level value of a meta.yaml mapping, reduced to what parseMeta asks of it.
struct FlatValue {
    enum Kind { Scalar, Null, Other };
    std::string key;
    Kind kind = Other;
    std::string scalar;
};
using FlatMap = std::vector<FlatValue>;

const FlatValue *find(const FlatMap &map, std::string_view key) {
    for (const FlatValue &v : map) {
        if (v.key == key)
            return &v; // the first of duplicates, as yaml-cpp's lookup does
    }
    return nullptr;
}

bool isKeyChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool isNullWord(std::string_view v) {
    return v == "~" || v == "null" || v == "Null" || v == "NULL";
}

/// The fast path: the flat block mapping PyYAML writes for MLflow (`key: value` lines with plain
/// or single-quoted scalars, null and `[]`). Returns false for anything else (nesting, comments,
/// double quotes, tags, anchors, continuation lines, duplicate keys, CR or tab), and the caller
/// hands the text to yaml-cpp, so the result never differs from a full parse.
bool parseFlat(std::string_view yaml, FlatMap &out) {
    size_t pos = 0;
    while (pos < yaml.size()) {
        size_t eol = yaml.find('\n', pos);
        if (eol == std::string_view::npos)
            eol = yaml.size();
        std::string_view line = yaml.substr(pos, eol - pos);
        pos = eol + 1;
        if (line.empty())
            continue;
        if (line.find_first_of("\r\t") != std::string_view::npos)
            return false;
        size_t k = 0;
        while (k < line.size() && isKeyChar(line[k]))
            ++k;
        if (k == 0 || k == line.size() || line[k] != ':')
            return false;
        if (k + 1 < line.size() && line[k + 1] != ' ')
            return false;
        FlatValue v;
        v.key = std::string(line.substr(0, k));
        std::string_view value = line.substr(k + 1);
        while (!value.empty() && value.front() == ' ')
            value.remove_prefix(1);
        while (!value.empty() && value.back() == ' ')
            value.remove_suffix(1);
        const char c = value.empty() ? 0 : value.front();
        if (value.empty()) {
            v.kind = FlatValue::Null;
        } else if (c == '\'') {
            std::string text;
            size_t i = 1;
            for (;;) {
                if (i >= value.size())
                    return false; // unterminated (a multi-line scalar)
                if (value[i] == '\'') {
                    if (i + 1 < value.size() && value[i + 1] == '\'') {
                        text += '\'';
                        i += 2;
                        continue;
                    }
                    break;
                }
                text += value[i++];
            }
            if (i + 1 != value.size())
                return false; // something after the closing quote
            v.kind = FlatValue::Scalar;
            v.scalar = std::move(text);
        } else if (value == "[]" || value == "{}") {
            v.kind = FlatValue::Other;
        } else {
            if (std::string_view("-?:,[]{}#&*!|>\"%@`").find(c) != std::string_view::npos &&
                !(c == '-' && value.size() > 1 && value[1] >= '0' && value[1] <= '9'))
                return false;
            if (value.find(": ") != std::string_view::npos ||
                value.find(" #") != std::string_view::npos || value.back() == ':' ||
                value.find_first_of("[]{}") != std::string_view::npos)
                return false;
            if (isNullWord(value)) {
                v.kind = FlatValue::Null;
            } else {
                v.kind = FlatValue::Scalar;
                v.scalar = std::string(value);
            }
        }
        if (find(out, v.key))
            return false;
        out.push_back(std::move(v));
    }
    return !out.empty();
}

/// The general path. Never throws: YAML errors set meta.kind = Broken.
bool parseWithYamlCpp(std::string_view yaml, FlatMap &out, Meta &meta) {
    YAML::Node root;
    try {
        root = YAML::Load(std::string(yaml));
    } catch (const YAML::Exception &e) {
        meta.kind = MetaKind::Broken;
        meta.error = QString::fromStdString(e.msg);
        meta.line = e.mark.is_null() ? 0 : e.mark.line + 1;
        return false;
    }
    if (!root.IsMap()) {
        meta.kind = MetaKind::Broken;
        meta.error = Tr::tr("expected a YAML mapping of keys to values");
        return false;
    }
    try {
        for (const auto &pair : root) {
            if (!pair.first.IsScalar())
                continue;
            FlatValue v;
            v.key = pair.first.Scalar();
            if (pair.second.IsScalar()) {
                v.kind = FlatValue::Scalar;
                v.scalar = pair.second.Scalar();
            } else {
                v.kind = pair.second.IsNull() ? FlatValue::Null : FlatValue::Other;
            }
            out.push_back(std::move(v));
        }
    } catch (const YAML::Exception &e) {
        meta.kind = MetaKind::Broken;
        meta.error = QString::fromStdString(e.msg);
        return false;
    }
    return true;
}

bool has(const FlatMap &map, const char *key) {
    return find(map, key) != nullptr;
}

/// The scalar text of map[key]; empty for null, missing or non-scalar values.
QString text(const FlatMap &map, const char *key) {
    const FlatValue *v = find(map, key);
    if (!v || v->kind != FlatValue::Scalar)
        return {};
    return QString::fromStdString(v->scalar);
}

qint64 integer(const FlatMap &map, const char *key, qint64 fallback) {
    const FlatValue *v = find(map, key);
    if (!v || v->kind != FlatValue::Scalar)
        return fallback;
    qint64 n = 0;
    return parseInt(v->scalar, n) ? n : fallback;
}

Meta parseMetaWith(std::string_view yaml, bool fast) {
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
        meta.error = Tr::tr("the file is empty (MLflow may be rewriting it)");
        return meta;
    }
    FlatMap root;
    root.reserve(20);
    if (!fast || !parseFlat(yaml, root)) {
        root.clear();
        if (!parseWithYamlCpp(yaml, root, meta))
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
        const FlatValue *status = find(root, "status");
        if (status && status->kind == FlatValue::Scalar) {
            qint64 code = 0;
            if (parseInt(status->scalar, code))
                meta.status = int(code);
            else // a name, as the SQLite backend and REST API spell it
                meta.status = int(core::statusFromName(QString::fromStdString(status->scalar)));
        }
        meta.startMs = integer(root, "start_time", 0);
        meta.endMs = integer(root, "end_time", 0);
        if (meta.runId.isEmpty()) {
            meta.kind = MetaKind::Broken;
            meta.error = Tr::tr("run_id is empty");
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

} // namespace

Meta parseMeta(std::string_view yaml) {
    return parseMetaWith(yaml, true);
}

Meta parseMetaFull(std::string_view yaml) {
    return parseMetaWith(yaml, false);
}

} // namespace runlens::sources::mlflow
