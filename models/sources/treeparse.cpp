// SPDX-License-Identifier: GPL-3.0-or-later
#include "treeparse.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <string>

namespace runlens::sources::treeparse {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(runlens::sources::treeparse)
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

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

int lineOfOffset(std::string_view text, qint64 offset) {
    int line = 1;
    const size_t end = std::min(size_t(std::max<qint64>(offset, 0)), text.size());
    for (size_t i = 0; i < end; ++i)
        line += text[i] == '\n' ? 1 : 0;
    return line;
}

// --- YAML -------------------------------------------------------------------------------------

QVariant yamlScalar(const YAML::Node &node) {
    const std::string &raw = node.Scalar();
    // A quoted scalar ("10", '1e-3') is text whatever it looks like.
    if (node.Tag() == "!")
        return QString::fromStdString(raw);
    const std::string_view s = raw;
    if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL")
        return {};
    if (s == "true" || s == "True" || s == "TRUE")
        return true;
    if (s == "false" || s == "False" || s == "FALSE")
        return false;
    if (s == ".nan" || s == ".NaN" || s == ".NAN")
        return std::numeric_limits<double>::quiet_NaN();
    if (s == ".inf" || s == ".Inf" || s == ".INF" || s == "+.inf" || s == "+.Inf")
        return std::numeric_limits<double>::infinity();
    if (s == "-.inf" || s == "-.Inf" || s == "-.INF")
        return -std::numeric_limits<double>::infinity();
    const char *first = s.data();
    const char *last = s.data() + s.size();
    if (*first == '+')
        ++first;
    qint64 i = 0;
    auto [p, ec] = std::from_chars(first, last, i);
    if (ec == std::errc() && p == last)
        return QVariant::fromValue(i);
    // YAML 1.1 floats need a '.' or an exponent; "1_000" and sexagesimals are not worth it.
    if (s.find_first_of(".eE") != std::string_view::npos) {
        double d = 0;
        auto [q, ec2] = std::from_chars(first, last, d);
        if (ec2 == std::errc() && q == last)
            return d;
    }
    return QString::fromStdString(raw);
}

QVariant yamlToVariant(const YAML::Node &node, int depth) {
    if (depth > 200)
        return {};
    switch (node.Type()) {
    case YAML::NodeType::Scalar:
        return yamlScalar(node);
    case YAML::NodeType::Sequence: {
        QVariantList list;
        list.reserve(qsizetype(node.size()));
        for (const YAML::Node &child : node)
            list.append(yamlToVariant(child, depth + 1));
        return list;
    }
    case YAML::NodeType::Map: {
        QVariantMap map;
        for (const auto &kv : node) {
            const QString key =
                kv.first.IsScalar() ? QString::fromStdString(kv.first.Scalar()) : QString();
            map.insert(key, yamlToVariant(kv.second, depth + 1));
        }
        return map;
    }
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
        return {};
    }
    return {};
}

// --- JSON -------------------------------------------------------------------------------------

// Stand-ins for Python's bare NaN / Infinity tokens, which QJsonDocument rejects: rewritten to
// strings that no real document holds, then turned back into doubles.
constexpr char nanToken[] = "\"\\u0000rl:nan\"";
constexpr char posInfToken[] = "\"\\u0000rl:+inf\"";
constexpr char negInfToken[] = "\"\\u0000rl:-inf\"";

/// Copies text with bare NaN/Infinity/-Infinity outside strings replaced; false when there were
/// none (the text can be parsed as it is).
bool rewriteNonFinite(std::string_view text, std::string &out) {
    bool changed = false;
    bool inString = false;
    size_t copied = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
            continue;
        }
        const char *replacement = nullptr;
        size_t length = 0;
        auto at = [&](std::string_view word) {
            return text.substr(i, word.size()) == word;
        };
        if (c == 'N' && at("NaN")) {
            replacement = nanToken;
            length = 3;
        } else if (c == 'I' && at("Infinity")) {
            replacement = posInfToken;
            length = 8;
        } else if (c == '-' && at("-Infinity")) {
            replacement = negInfToken;
            length = 9;
        }
        if (!replacement)
            continue;
        if (!changed)
            out.reserve(text.size() + 64);
        changed = true;
        out.append(text.substr(copied, i - copied));
        out.append(replacement);
        i += length - 1;
        copied = i + 1;
    }
    if (changed)
        out.append(text.substr(copied));
    return changed;
}

QVariant jsonToVariant(const QJsonValue &v) {
    switch (v.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return {};
    case QJsonValue::Bool:
        return v.toBool();
    case QJsonValue::Double: {
        const double d = v.toDouble();
        const qint64 i = v.toInteger(std::numeric_limits<qint64>::min());
        if (i != std::numeric_limits<qint64>::min() && double(i) == d)
            return QVariant::fromValue(i);
        return d;
    }
    case QJsonValue::String: {
        const QString s = v.toString();
        // A char16_t literal with an embedded NUL converts to a view that ends at the NUL, so
        // the stand-ins are compared after their leading NUL.
        if (s.startsWith(QChar(0)) && QStringView(s).mid(1).startsWith(u"rl:")) {
            const QStringView rest = QStringView(s).mid(1);
            if (rest == u"rl:nan")
                return std::numeric_limits<double>::quiet_NaN();
            if (rest == u"rl:+inf")
                return std::numeric_limits<double>::infinity();
            if (rest == u"rl:-inf")
                return -std::numeric_limits<double>::infinity();
        }
        return s;
    }
    case QJsonValue::Array: {
        const QJsonArray a = v.toArray();
        QVariantList list;
        list.reserve(a.size());
        for (const QJsonValue &item : a)
            list.append(jsonToVariant(item));
        return list;
    }
    case QJsonValue::Object: {
        const QJsonObject o = v.toObject();
        QVariantMap map;
        for (auto it = o.begin(); it != o.end(); ++it)
            map.insert(it.key(), jsonToVariant(it.value()));
        return map;
    }
    }
    return {};
}

} // namespace

std::optional<double> parseNumber(std::string_view text) {
    std::string_view s = trimmed(text);
    if (s.empty())
        return std::nullopt;
    bool negative = false;
    std::string_view body = s;
    if (body.front() == '+' || body.front() == '-') {
        negative = body.front() == '-';
        body.remove_prefix(1);
    }
    if (!body.empty() && (body.front() < '0' || body.front() > '9') && body.front() != '.') {
        if (equalsNoCase(body, "nan"))
            return std::numeric_limits<double>::quiet_NaN();
        if (equalsNoCase(body, "inf") || equalsNoCase(body, "infinity"))
            return negative ? -std::numeric_limits<double>::infinity()
                            : std::numeric_limits<double>::infinity();
        return std::nullopt;
    }
    double d = 0;
    const char *first = s.data() + (s.front() == '+' ? 1 : 0);
    const char *last = s.data() + s.size();
    auto [p, ec] = std::from_chars(first, last, d);
    if (p != last)
        return std::nullopt;
    if (ec == std::errc::result_out_of_range) {
        // from_chars leaves d untouched here; overflow is ±inf, underflow 0, as strtod does.
        return std::strtod(std::string(first, last).c_str(), nullptr);
    }
    if (ec != std::errc())
        return std::nullopt;
    return d;
}

QString ParseError::where() const {
    if (line > 0)
        return QStringLiteral("line %1").arg(line);
    if (offset >= 0)
        return QStringLiteral("byte %1").arg(offset);
    return {};
}

QVariant parseYaml(std::string_view text, ParseError *error) {
    if (error)
        *error = {};
    try {
        const YAML::Node root = YAML::Load(std::string(text));
        return yamlToVariant(root, 0);
    } catch (const YAML::Exception &e) {
        if (error) {
            error->message = QString::fromStdString(e.msg);
            error->line = e.mark.line >= 0 ? e.mark.line + 1 : 0;
            error->offset = e.mark.pos >= 0 ? e.mark.pos : -1;
        }
    } catch (const std::exception &e) {
        if (error)
            error->message = QString::fromLocal8Bit(e.what());
    }
    return {};
}

QVariant parseJson(std::string_view text, ParseError *error) {
    if (error)
        *error = {};
    std::string rewritten;
    const bool changed = rewriteNonFinite(text, rewritten);
    const std::string_view input = changed ? std::string_view(rewritten) : text;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(
        QByteArray::fromRawData(input.data(), qsizetype(input.size())), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (error) {
            // Offsets refer to the rewritten text; close enough for a line number.
            error->message = parseError.errorString();
            error->offset = parseError.offset;
            error->line = lineOfOffset(input, parseError.offset);
            if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
                error->message = Tr::tr("the file is empty");
        }
        return {};
    }
    if (doc.isArray())
        return jsonToVariant(doc.array());
    return jsonToVariant(doc.object());
}

QVariant unwrapValueDesc(const QVariant &tree) {
    if (tree.typeId() != QMetaType::QVariantMap)
        return tree;
    QVariantMap map = tree.toMap();
    map.remove(QStringLiteral("_wandb"));
    for (auto it = map.begin(); it != map.end(); ++it) {
        if (it.value().typeId() != QMetaType::QVariantMap)
            continue;
        const QVariantMap inner = it.value().toMap();
        if (inner.contains(QStringLiteral("value")) &&
            (inner.size() == 1 || (inner.size() == 2 && inner.contains(QStringLiteral("desc")))))
            it.value() = inner.value(QStringLiteral("value"));
    }
    return map;
}

} // namespace runlens::sources::treeparse
