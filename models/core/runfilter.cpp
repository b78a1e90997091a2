// SPDX-License-Identifier: GPL-3.0-or-later
#include "runfilter.h"

#include "filterlexer.h"
#include "likepattern.h"
#include "naturalcompare.h"
#include "runfield.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>

namespace runlens::core {

using namespace filter;

namespace {

// lupdate reads the context from the macro, so the .ts and the runtime agree.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(runlens::core::RunFilter)
};

enum class Op { Eq, Ne, Lt, Le, Gt, Ge, Like, NotLike };

/// One comparison with its literal converted, at parse time, into every form evaluation may
/// need, so that matching a run neither parses nor allocates.
struct Comparison {
    RunField field;
    Op op = Op::Eq;
    enum class Literal { Number, Text, Bool } literal = Literal::Number;
    double number = 0;      ///< Number literal, or a Text literal that reads as a number
    bool hasNumber = false; ///< number is meaningful
    QString text;           ///< Text literal (Number literals: as written)
    bool boolean = false;
    LikePattern like;
    int status = -1;    ///< attributes.status = / != 'NAME': the RunStatus, -2 for no status
    qint64 dayEnd = -1; ///< a date-only literal on a time attribute: = / != mean that day
};

struct Word {
    QString folded;
    bool hasNumber = false;
    double number = 0;
};

struct Node {
    enum class Type { And, Or, Compare, Words } type = Type::Words;
    std::vector<int> children;
    Comparison cmp;
    std::vector<Word> words;
};

/// A field's value in one run, viewed without copying where the run holds it.
struct Value {
    enum class Type { Missing, Number, Text, Bool } type = Type::Missing;
    double number = 0;
    bool boolean = false;
    QStringView text;
    QString holder; ///< backs text when the run has no QString to view (status names)
};

void fromVariant(const QVariant &v, Value *out) {
    switch (v.typeId()) {
    case QMetaType::UnknownType:
        return;
    case QMetaType::Double:
    case QMetaType::Float:
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::ULongLong:
        out->type = Value::Type::Number;
        out->number = v.toDouble();
        return;
    case QMetaType::Bool:
        out->type = Value::Type::Bool;
        out->boolean = v.toBool();
        return;
    case QMetaType::QString:
        out->type = Value::Type::Text;
        out->text = *static_cast<const QString *>(v.constData());
        return;
    default:
        out->type = Value::Type::Text;
        out->holder = v.toString();
        out->text = out->holder;
    }
}

void textValue(const QString &s, Value *out) {
    if (s.isEmpty())
        return;
    out->type = Value::Type::Text;
    out->text = s;
}

/// hint, when given, is where the key sat in the previous run: runs of one source list their
/// params and metrics in the same order, so one string comparison usually finds it.
void fieldValue(const RunField &f, const Run &run, Value *out, size_t *hint = nullptr) {
    switch (f.kind) {
    case RunField::Kind::Invalid:
        return;
    case RunField::Kind::Param: {
        const auto &entries = run.config.entries();
        if (hint && *hint < entries.size() && entries[*hint].key == f.key) {
            fromVariant(entries[*hint].value, out);
            return;
        }
        for (size_t i = 0; i < entries.size(); ++i) {
            if (entries[i].key == f.key) {
                if (hint)
                    *hint = i;
                fromVariant(entries[i].value, out);
                return;
            }
        }
        return;
    }
    case RunField::Kind::Metric: {
        const MetricSummary *m = nullptr;
        if (hint && *hint < run.metrics.size() && run.metrics[*hint].key == f.key) {
            m = &run.metrics[*hint].summary;
        } else {
            const auto it = std::lower_bound(
                run.metrics.begin(), run.metrics.end(), f.key,
                [](const MetricInfo &info, const QString &k) { return info.key < k; });
            if (it != run.metrics.end() && it->key == f.key) {
                m = &it->summary;
                if (hint)
                    *hint = size_t(it - run.metrics.begin());
            }
        }
        if (m) {
            out->type = Value::Type::Number;
            out->number = m->last;
        }
        return;
    }
    case RunField::Kind::Tag: {
        const auto it = run.tags.constFind(f.key);
        if (it != run.tags.cend()) {
            out->type = Value::Type::Text;
            out->text = *it;
        }
        return;
    }
    case RunField::Kind::Attribute:
        break;
    }
    const auto number = [out](qint64 v, bool known) {
        if (known) {
            out->type = Value::Type::Number;
            out->number = double(v);
        }
    };
    switch (f.attribute) {
    case RunField::Attribute::None:
        return;
    case RunField::Attribute::Name:
        return textValue(run.name, out);
    case RunField::Attribute::Experiment:
        return textValue(run.experiment, out);
    case RunField::Attribute::Format:
        return textValue(run.format, out);
    case RunField::Attribute::RunId:
        return textValue(run.uid, out);
    case RunField::Attribute::Path:
        return textValue(run.path, out);
    case RunField::Attribute::Status:
        out->holder = statusName(run.status);
        out->type = Value::Type::Text;
        out->text = out->holder;
        return;
    case RunField::Attribute::StartTime:
        return number(run.startMs, run.startMs > 0);
    case RunField::Attribute::EndTime:
        return number(run.endMs, run.endMs > 0);
    case RunField::Attribute::Duration:
        return number(run.durationMs(), run.durationMs() >= 0);
    case RunField::Attribute::Deleted:
        out->type = Value::Type::Bool;
        out->boolean = run.deleted;
        return;
    }
}

bool negated(Op op) {
    return op == Op::Ne || op == Op::NotLike;
}

template <typename T> bool ordered(Op op, const T &a, const T &b) {
    switch (op) {
    case Op::Eq:
        return a == b;
    case Op::Ne:
        return a != b;
    case Op::Lt:
        return a < b;
    case Op::Le:
        return a <= b;
    case Op::Gt:
        return a > b;
    case Op::Ge:
        return a >= b;
    case Op::Like:
    case Op::NotLike:
        break;
    }
    return false;
}

bool compareNumber(double x, const Comparison &c) {
    // NaN equals only NaN ("metrics.loss = nan" finds diverged runs) and orders with nothing.
    if (std::isnan(c.number))
        return c.op == Op::Eq ? std::isnan(x) : c.op == Op::Ne ? !std::isnan(x) : false;
    if (std::isnan(x))
        return c.op == Op::Ne;
    if (c.dayEnd >= 0 && (c.op == Op::Eq || c.op == Op::Ne)) {
        const bool inDay = x >= c.number && x < double(c.dayEnd);
        return c.op == Op::Eq ? inDay : !inDay;
    }
    return ordered(c.op, x, c.number);
}

QString numberText(double v) {
    if (std::isnan(v))
        return QStringLiteral("nan");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    if (v == std::trunc(v) && std::abs(v) < 1e15)
        return QString::number(qint64(v));
    return QString::number(v, 'g', QLocale::FloatingPointShortest);
}

bool compare(const Value &v, const Comparison &c) {
    if (v.type == Value::Type::Missing)
        return negated(c.op);
    if (c.op == Op::Like || c.op == Op::NotLike) {
        bool r = false;
        if (v.type == Value::Type::Text)
            r = c.like.matches(v.text);
        else if (v.type == Value::Type::Number)
            r = c.like.matches(numberText(v.number));
        else
            r = c.like.matches(v.boolean ? u"true" : u"false");
        return c.op == Op::Like ? r : !r;
    }
    switch (c.literal) {
    case Comparison::Literal::Number:
        switch (v.type) {
        case Value::Type::Number:
            return compareNumber(v.number, c);
        case Value::Type::Bool:
            return compareNumber(v.boolean ? 1 : 0, c);
        case Value::Type::Text: {
            // Tags and MLflow params are text; "10" still compares as the number it spells.
            bool ok = false;
            const double x = v.text.trimmed().toDouble(&ok);
            return ok ? compareNumber(x, c) : c.op == Op::Ne;
        }
        case Value::Type::Missing:
            break;
        }
        return false;
    case Comparison::Literal::Text:
        switch (v.type) {
        case Value::Type::Text:
            if (c.op == Op::Eq || c.op == Op::Ne)
                return (v.text == c.text) == (c.op == Op::Eq);
            return ordered(c.op, naturalCompare(v.text, c.text), 0);
        case Value::Type::Number:
            return c.hasNumber ? compareNumber(v.number, c) : c.op == Op::Ne;
        case Value::Type::Bool:
            if (c.text.compare(u"true", Qt::CaseInsensitive) == 0 ||
                c.text.compare(u"false", Qt::CaseInsensitive) == 0) {
                const bool b = c.text.compare(u"true", Qt::CaseInsensitive) == 0;
                return ordered(c.op, int(v.boolean), int(b));
            }
            return c.hasNumber ? compareNumber(v.boolean ? 1 : 0, c) : c.op == Op::Ne;
        case Value::Type::Missing:
            break;
        }
        return false;
    case Comparison::Literal::Bool: {
        bool b = false;
        if (v.type == Value::Type::Bool) {
            b = v.boolean;
        } else if (v.type == Value::Type::Number) {
            b = v.number != 0;
        } else if (v.text.compare(u"true", Qt::CaseInsensitive) == 0) {
            b = true;
        } else if (v.text.compare(u"false", Qt::CaseInsensitive) != 0) {
            return c.op == Op::Ne;
        }
        return ordered(c.op, int(b), int(c.boolean));
    }
    }
    return false;
}

bool wordMatches(const Word &w, const Run &run) {
    if (containsFolded(run.name, w.folded) || containsFolded(run.experiment, w.folded) ||
        containsFolded(run.uid, w.folded))
        return true;
    for (const ConfigTree::Entry &e : run.config.entries()) {
        if (containsFolded(e.key, w.folded))
            return true;
        const QVariant &v = e.value;
        if (v.typeId() == QMetaType::QString) {
            if (containsFolded(*static_cast<const QString *>(v.constData()), w.folded))
                return true;
        } else if (w.hasNumber && v.isValid() && v.typeId() != QMetaType::Bool) {
            if (v.toDouble() == w.number)
                return true;
        } else if (v.typeId() == QMetaType::Bool) {
            if (w.folded == (v.toBool() ? u"true" : u"false"))
                return true;
        }
    }
    for (const QString &tag : run.tags) {
        if (containsFolded(tag, w.folded))
            return true;
    }
    return false;
}

// Separates a run's fields in RunTextIndex's buffer so that no word matches across two
// fields; a word containing it is matched field by field instead.
constexpr char16_t kFieldSeparator = u'\x1f';
constexpr char kFieldSeparatorByte = '\x1f';

// The fields of wordMatches() that RunTextIndex's folded text does not cover: numbers and
// booleans, which match by value rather than by text.
bool wordMatchesValue(const Word &w, const Run &run) {
    const bool boolWord = w.folded == u"true" || w.folded == u"false";
    if (!w.hasNumber && !boolWord)
        return false;
    for (const ConfigTree::Entry &e : run.config.entries()) {
        const QVariant &v = e.value;
        if (v.typeId() == QMetaType::QString)
            continue;
        if (v.typeId() == QMetaType::Bool) {
            if (w.folded == (v.toBool() ? u"true" : u"false"))
                return true;
        } else if (w.hasNumber && v.isValid()) {
            if (v.toDouble() == w.number)
                return true;
        }
    }
    return false;
}

int editDistance(QStringView a, QStringView b) {
    std::vector<int> row(size_t(b.size()) + 1);
    for (size_t j = 0; j < row.size(); ++j)
        row[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diag = row[0];
        row[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int up = row[size_t(j)];
            const bool same = a[i - 1].toCaseFolded() == b[j - 1].toCaseFolded();
            row[size_t(j)] = std::min({up + 1, row[size_t(j - 1)] + 1, diag + (same ? 0 : 1)});
            diag = up;
        }
    }
    return row.back();
}

// The closest candidate within a small edit distance, or an empty view.
template <size_t N>
QStringView closest(QStringView word, const std::array<QStringView, N> &candidates) {
    QStringView best;
    int bestDistance = std::max<int>(1, std::min<int>(2, int(word.size()) / 2));
    for (const QStringView c : candidates) {
        const int d = editDistance(word, c);
        if (d <= bestDistance && (best.isEmpty() || d < bestDistance)) {
            best = c;
            bestDistance = d;
        }
    }
    return best;
}

/// "parms.lr" -> "params.lr", "attributes.stats" -> "attributes.status", "stauts" -> "status".
QString suggestField(QStringView text) {
    static constexpr std::array<QStringView, 4> prefixes{u"params", u"metrics", u"tags",
                                                         u"attributes"};
    static constexpr std::array<QStringView, 10> attributes{
        u"name",     u"experiment", u"status", u"start_time", u"end_time",
        u"duration", u"format",     u"run_id", u"path",       u"deleted"};
    const qsizetype dot = text.indexOf(u'.');
    if (dot > 0) {
        const QStringView prefix = text.left(dot);
        const QStringView rest = text.mid(dot + 1);
        const RunField prefixOnly = RunField::parse(prefix.toString() + QStringLiteral(".name"));
        if (prefixOnly.kind == RunField::Kind::Attribute) {
            const QStringView a = closest(rest, attributes);
            return a.isEmpty() ? QString() : QStringLiteral("attributes.") + a.toString();
        }
        if (prefixOnly.isValid())
            return {};
        const QStringView p = closest(prefix, prefixes);
        if (p.isEmpty())
            return {};
        const QString candidate = p.toString() + u'.' + rest.toString();
        return RunField::parse(candidate).isValid() ? candidate : QString();
    }
    const QStringView a = closest(text, attributes);
    return a.isEmpty() ? QString() : a.toString();
}

class Parser {
public:
    Parser(const std::vector<Token> &tokens, std::vector<Node> *nodes)
        : m_tokens(tokens)
        , m_nodes(nodes) {}

    int parse() {
        const int root = parseOr();
        if (root < 0)
            return -1;
        const Token &t = peek();
        if (t.type == TokenType::RParen)
            return fail(Tr::tr(QT_TRANSLATE_NOOP("runlens::core::RunFilter", "Unmatched ')'")),
                        t.pos);
        if (t.type != TokenType::End)
            return expectedJoin(t);
        return root;
    }

    QString error;
    qsizetype errorOffset = -1;

private:
    const Token &peek() const { return m_tokens[m_pos]; }
    const Token &next() { return m_tokens[m_pos++]; }

    int fail(const QString &message, qsizetype offset) {
        if (error.isEmpty()) {
            error = message;
            errorOffset = offset;
        }
        return -1;
    }

    int expectedJoin(const Token &t) {
        return fail(Tr::tr(QT_TRANSLATE_NOOP("runlens::core::RunFilter",
                                             "Expected 'and' or 'or' before '%1'"))
                        .arg(t.text),
                    t.pos);
    }

    int add(Node node) {
        m_nodes->push_back(std::move(node));
        return int(m_nodes->size()) - 1;
    }

    int parseJoined(TokenType joiner, Node::Type type) {
        const bool isOr = joiner == TokenType::Or;
        const int first = isOr ? parseJoined(TokenType::And, Node::Type::And) : parsePrimary();
        if (first < 0 || peek().type != joiner)
            return first;
        Node node;
        node.type = type;
        node.children.push_back(first);
        while (peek().type == joiner) {
            const Token &op = next();
            if (peek().type == TokenType::End)
                return fail(Tr::tr(QT_TRANSLATE_NOOP("runlens::core::RunFilter",
                                                     "Expected a condition after '%1'"))
                                .arg(op.text),
                            peek().pos);
            const int child = isOr ? parseJoined(TokenType::And, Node::Type::And) : parsePrimary();
            if (child < 0)
                return -1;
            node.children.push_back(child);
        }
        return add(std::move(node));
    }

    int parseOr() { return parseJoined(TokenType::Or, Node::Type::Or); }

    int parsePrimary() {
        const Token &t = peek();
        switch (t.type) {
        case TokenType::LParen: {
            next();
            if (peek().type == TokenType::End)
                return fail(
                    Tr::tr(QT_TRANSLATE_NOOP("runlens::core::RunFilter", "Unclosed parenthesis")),
                    t.pos);
            const int inner = parseOr();
            if (inner < 0)
                return -1;
            if (peek().type == TokenType::End)
                return fail(
                    Tr::tr(QT_TRANSLATE_NOOP("runlens::core::RunFilter", "Unclosed parenthesis")),
                    t.pos);
            if (peek().type != TokenType::RParen)
                return expectedJoin(peek());
            next();
            return inner;
        }
        case TokenType::Identifier:
            return parseComparison();
        case TokenType::End:
            return fail(
                Tr::tr(QT_TRANSLATE_NOOP("runlens::core::RunFilter", "Expected a condition")),
                t.pos);
        case TokenType::RParen:
            return fail(Tr::tr(QT_TRANSLATE_NOOP("runlens::core::RunFilter",
                                                 "Expected a condition before ')'")),
                        t.pos);
        default:
            return fail(Tr::tr(QT_TRANSLATE_NOOP("runlens::core::RunFilter",
                                                 "Expected a field such as params.lr, found '%1'"))
                            .arg(t.text),
                        t.pos);
        }
    }

    int parseComparison() {
        const Token &name = next();
        Node node;
        node.type = Node::Type::Compare;
        Comparison &c = node.cmp;
        c.field = RunField::parse(name.text);
        if (!c.field.isValid()) {
            const QString suggestion = suggestField(name.text);
            if (!suggestion.isEmpty())
                return fail(Tr::tr(QT_TRANSLATE_NOOP("runlens::core::RunFilter",
                                                     "Unknown field '%1' — did you mean '%2'?"))
                                .arg(name.text, suggestion),
                            name.pos);
            return fail(Tr::tr(QT_TRANSLATE_NOOP(
                                   "runlens::core::RunFilter",
                                   "Unknown field '%1'; fields start with params., metrics., tags. "
                                   "or attributes."))
                            .arg(name.text),
                        name.pos);
        }

        const Token &opToken = peek();
        QString opText = opToken.text;
        if (opToken.type == TokenType::Operator) {
            next();
            static constexpr std::array<std::pair<QStringView, Op>, 8> ops{{
                {u"=", Op::Eq},
                {u"==", Op::Eq},
                {u"!=", Op::Ne},
                {u"<>", Op::Ne},
                {u"<", Op::Lt},
                {u"<=", Op::Le},
                {u">", Op::Gt},
                {u">=", Op::Ge},
            }};
            for (const auto &[text, op] : ops) {
                if (opToken.text == text)
                    c.op = op;
            }
        } else if (opToken.type == TokenType::Like || opToken.type == TokenType::ILike) {
            next();
            c.op = Op::Like;
        } else if (opToken.type == TokenType::Not) {
            next();
            const Token &like = peek();
            if (like.type != TokenType::Like && like.type != TokenType::ILike)
                return fail(Tr::tr(QT_TRANSLATE_NOOP("runlens::core::RunFilter",
                                                     "Expected 'like' or 'ilike' after 'not'")),
                            like.pos);
            next();
            c.op = Op::NotLike;
            opText = opToken.text + u' ' + like.text;
        } else {
            return fail(Tr::tr(QT_TRANSLATE_NOOP("runlens::core::RunFilter",
                                                 "Expected a comparison operator after '%1'"))
                            .arg(name.text),
                        opToken.pos);
        }
        const bool caseInsensitive = m_tokens[m_pos - 1].type == TokenType::ILike;

        const Token &value = peek();
        if (c.op == Op::Like || c.op == Op::NotLike) {
            if (value.type != TokenType::String)
                return fail(Tr::tr(QT_TRANSLATE_NOOP("runlens::core::RunFilter",
                                                     "Expected a quoted pattern after '%1'"))
                                .arg(opText),
                            value.pos);
            next();
            c.literal = Comparison::Literal::Text;
            c.text = value.text;
            c.like = LikePattern(value.pattern, caseInsensitive);
            return add(std::move(node));
        }
        if (!readLiteral(value, &c))
            return fail(
                Tr::tr(QT_TRANSLATE_NOOP("runlens::core::RunFilter", "Expected a value after '%1'"))
                    .arg(opText),
                value.pos);
        next();
        if (!resolveAttributeLiteral(&c))
            return fail(Tr::tr(QT_TRANSLATE_NOOP(
                            "runlens::core::RunFilter",
                            "Expected a time in milliseconds or a date such as '2024-10-21'")),
                        value.pos);
        return add(std::move(node));
    }

    static bool readLiteral(const Token &value, Comparison *c) {
        switch (value.type) {
        case TokenType::Number:
            c->literal = Comparison::Literal::Number;
            c->number = value.number;
            c->hasNumber = true;
            c->text = value.text;
            return true;
        case TokenType::String: {
            c->literal = Comparison::Literal::Text;
            c->text = value.text;
            // MLflow keeps params as text, so people write params.lr = '0.01'; let that compare
            // numerically with a numeric value too.
            bool ok = false;
            const double d = QStringView(value.text).trimmed().toDouble(&ok);
            c->hasNumber = ok && !value.text.trimmed().isEmpty();
            c->number = d;
            return true;
        }
        case TokenType::True:
        case TokenType::False:
            c->literal = Comparison::Literal::Bool;
            c->boolean = value.type == TokenType::True;
            c->text = value.text;
            return true;
        case TokenType::Identifier: {
            // nan/inf spell numbers; any other bare word (status = FAILED) is text. A dotted
            // word is most likely a field, which cannot be compared with another field.
            if (value.text.contains(u'.') || value.text.contains(u'`'))
                return false;
            c->text = value.text;
            if (value.text.compare(u"nan", Qt::CaseInsensitive) == 0) {
                c->literal = Comparison::Literal::Number;
                c->number = std::numeric_limits<double>::quiet_NaN();
                c->hasNumber = true;
            } else if (value.text.compare(u"inf", Qt::CaseInsensitive) == 0 ||
                       value.text.compare(u"infinity", Qt::CaseInsensitive) == 0) {
                c->literal = Comparison::Literal::Number;
                c->number = std::numeric_limits<double>::infinity();
                c->hasNumber = true;
            } else {
                c->literal = Comparison::Literal::Text;
            }
            return true;
        }
        default:
            return false;
        }
    }

    // Converts literals of attributes with their own value space: status names and dates.
    static bool resolveAttributeLiteral(Comparison *c) {
        if (c->field.kind != RunField::Kind::Attribute || c->literal != Comparison::Literal::Text)
            return true;
        if (c->field.attribute == RunField::Attribute::Status &&
            (c->op == Op::Eq || c->op == Op::Ne)) {
            const RunStatus s = statusFromName(c->text);
            c->status = s != RunStatus::Unknown                                 ? int(s)
                        : c->text.compare(u"unknown", Qt::CaseInsensitive) == 0 ? 0
                                                                                : -2;
            return true;
        }
        if (c->field.attribute != RunField::Attribute::StartTime &&
            c->field.attribute != RunField::Attribute::EndTime)
            return true;
        if (c->hasNumber)
            return true;
        const QString t = c->text.trimmed();
        // QDate would also read the date part of a full date-time, so only a bare date counts.
        const QDate date = t.size() == 10 ? QDate::fromString(t, Qt::ISODate) : QDate();
        if (date.isValid()) {
            c->number = double(date.startOfDay().toMSecsSinceEpoch());
            c->dayEnd = date.addDays(1).startOfDay().toMSecsSinceEpoch();
        } else {
            const QDateTime dt = QDateTime::fromString(t, Qt::ISODate);
            if (!dt.isValid())
                return false;
            c->number = double(dt.toMSecsSinceEpoch());
        }
        c->literal = Comparison::Literal::Number;
        c->hasNumber = true;
        return true;
    }

    const std::vector<Token> &m_tokens;
    std::vector<Node> *m_nodes;
    size_t m_pos = 0;
};

std::vector<Word> splitWords(const QString &text) {
    std::vector<Word> words;
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n;) {
        const QChar c = text.at(i);
        if (c.isSpace()) {
            ++i;
            continue;
        }
        QString word;
        if (c == u'"' || c == u'\'') {
            // A quoted phrase; an unterminated quote runs to the end, which is what someone
            // still typing the phrase means.
            qsizetype close = text.indexOf(c, i + 1);
            if (close < 0)
                close = n;
            word = text.mid(i + 1, close - i - 1);
            i = close + 1;
        } else {
            qsizetype j = i;
            while (j < n && !text.at(j).isSpace())
                ++j;
            word = text.mid(i, j - i);
            i = j;
        }
        if (word.isEmpty())
            continue;
        Word w;
        w.folded = foldCase(word);
        w.number = QStringView(word).toDouble(&w.hasNumber);
        words.push_back(std::move(w));
    }
    return words;
}

/// State of one matchAll() pass: where each comparison's key was in the previous run, and with
/// a RunTextIndex, each plain word prepared for it.
struct EvalScratch {
    struct Prepared {
        std::string needle;            ///< the word as RunTextIndex encodes text
        bool hasSeparator = false;     ///< contains kFieldSeparator: match field by field
        std::vector<char> keySetMatch; ///< per key set of the index: a key contains the word
    };
    const RunTextIndex *index = nullptr;
    std::vector<std::vector<Prepared>> words; // [node][word]
    std::vector<size_t> hints;                // [node]
};

} // namespace

RunTextIndex::RunTextIndex(const Runs &runs) {
    // Reserved once from the first runs' lengths: growing a buffer of megabytes step by step
    // touches twice the pages, and page faults are a large part of this build.
    size_t sampleBytes = 0;
    const size_t sample = std::min<size_t>(runs.size(), 256);
    for (size_t i = 0; i < sample; ++i) {
        const Run &run = runs[i];
        sampleBytes += size_t(run.name.size() + run.experiment.size() + run.uid.size()) + 3;
        for (const ConfigTree::Entry &e : run.config.entries()) {
            if (e.value.typeId() == QMetaType::QString)
                sampleBytes +=
                    size_t(static_cast<const QString *>(e.value.constData())->size()) + 1;
        }
        for (const QString &tag : run.tags)
            sampleBytes += size_t(tag.size()) + 1;
    }
    const size_t estimate = sample ? sampleBytes * runs.size() / sample * 9 / 8 : 0;
    m_text.reserve(estimate);
    m_offsets.reserve(runs.size() + 1);
    m_keySetOf.reserve(runs.size());
    QHash<QString, quint32> keyIds;
    std::map<std::vector<quint32>, quint32> setIds;
    std::vector<QStringView> prevKeys; // the previous run's keys by position: the common case
    std::vector<quint32> prevIds;
    std::vector<quint32> ids;
    for (const Run &run : runs) {
        m_offsets.push_back(m_text.size());
        appendFoldedBytes(run.name, &m_text);
        m_text.push_back(kFieldSeparatorByte);
        appendFoldedBytes(run.experiment, &m_text);
        m_text.push_back(kFieldSeparatorByte);
        appendFoldedBytes(run.uid, &m_text);
        const auto &entries = run.config.entries();
        ids.clear();
        for (size_t i = 0; i < entries.size(); ++i) {
            const ConfigTree::Entry &e = entries[i];
            if (e.value.typeId() == QMetaType::QString) {
                m_text.push_back(kFieldSeparatorByte);
                appendFoldedBytes(*static_cast<const QString *>(e.value.constData()), &m_text);
            }
            quint32 id = 0;
            if (i < prevKeys.size() && prevKeys[i] == e.key) {
                id = prevIds[i];
            } else {
                auto it = keyIds.constFind(e.key);
                if (it == keyIds.cend()) {
                    it = keyIds.insert(e.key, quint32(m_keys.size()));
                    m_keys.push_back(e.key);
                }
                id = *it;
                if (i >= prevKeys.size()) {
                    prevKeys.resize(i + 1);
                    prevIds.resize(i + 1);
                }
                prevKeys[i] = m_keys[id];
                prevIds[i] = id;
            }
            ids.push_back(id);
        }
        for (const QString &tag : run.tags) {
            m_text.push_back(kFieldSeparatorByte);
            appendFoldedBytes(tag, &m_text);
        }
        if (!m_keySetOf.empty() && m_keySets[m_keySetOf.back()] == ids) {
            m_keySetOf.push_back(m_keySetOf.back());
        } else {
            const auto [it, added] = setIds.emplace(ids, quint32(m_keySets.size()));
            if (added)
                m_keySets.push_back(ids);
            m_keySetOf.push_back(it->second);
        }
    }
    m_offsets.push_back(m_text.size());
}

size_t RunTextIndex::memoryBytes() const {
    size_t bytes = m_text.capacity() + m_offsets.capacity() * sizeof(size_t) +
                   m_keySetOf.capacity() * sizeof(quint32);
    for (const QString &k : m_keys)
        bytes += sizeof(QString) + size_t(k.capacity()) * sizeof(QChar);
    for (const auto &set : m_keySets)
        bytes += sizeof(set) + set.capacity() * sizeof(quint32);
    return bytes;
}

namespace {

bool wordMatchesIndexed(const Word &w, const EvalScratch::Prepared &prepared, const Run &run,
                        std::string_view text, size_t keySet) {
    if (prepared.keySetMatch[keySet])
        return true;
    if (prepared.hasSeparator)
        return wordMatches(w, run);
    return text.find(prepared.needle) != std::string_view::npos || wordMatchesValue(w, run);
}

} // namespace

struct RunFilter::Private {
    QString text;
    QString error;
    qsizetype errorOffset = -1;
    std::vector<Node> nodes;
    int root = -1;

    [[nodiscard]] bool eval(int index, const Run &run, EvalScratch *scratch = nullptr,
                            size_t row = 0) const {
        const Node &node = nodes[size_t(index)];
        switch (node.type) {
        case Node::Type::And:
            for (const int child : node.children) {
                if (!eval(child, run, scratch, row))
                    return false;
            }
            return true;
        case Node::Type::Or:
            for (const int child : node.children) {
                if (eval(child, run, scratch, row))
                    return true;
            }
            return false;
        case Node::Type::Compare: {
            const Comparison &c = node.cmp;
            if (c.status != -1) {
                const bool same = int(run.status) == c.status;
                return c.op == Op::Eq ? same : !same;
            }
            Value v;
            fieldValue(c.field, run, &v, scratch ? &scratch->hints[size_t(index)] : nullptr);
            return compare(v, c);
        }
        case Node::Type::Words:
            if (scratch && scratch->index) {
                const std::string_view text = scratch->index->text(row);
                const quint32 keySet = scratch->index->m_keySetOf[row];
                const auto &prepared = scratch->words[size_t(index)];
                for (size_t i = 0; i < node.words.size(); ++i) {
                    if (!wordMatchesIndexed(node.words[i], prepared[i], run, text, keySet))
                        return false;
                }
                return true;
            }
            for (const Word &w : node.words) {
                if (!wordMatches(w, run))
                    return false;
            }
            return true;
        }
        return true;
    }
};

RunFilter::RunFilter()
    : d(std::make_unique<Private>()) {
}
RunFilter::~RunFilter() = default;
RunFilter::RunFilter(const RunFilter &other)
    : d(std::make_unique<Private>(*other.d)) {
}
RunFilter &RunFilter::operator=(const RunFilter &other) {
    if (this != &other)
        *d = *other.d;
    return *this;
}
// A moved-from filter stays usable (matches everything) rather than holding a null d.
RunFilter::RunFilter(RunFilter &&other) noexcept
    : d(std::exchange(other.d, std::make_unique<Private>())) {
}
RunFilter &RunFilter::operator=(RunFilter &&other) noexcept {
    std::swap(d, other.d);
    return *this;
}

RunFilter RunFilter::parse(const QString &text) {
    RunFilter f;
    f.d->text = text;
    if (text.trimmed().isEmpty())
        return f;
    if (!looksLikeExpression(text)) {
        Node node;
        node.type = Node::Type::Words;
        node.words = splitWords(text);
        if (node.words.empty())
            return f;
        f.d->nodes.push_back(std::move(node));
        f.d->root = 0;
        return f;
    }
    const LexResult lexed = tokenize(text);
    if (!lexed.error.isEmpty()) {
        f.d->error = lexed.error;
        f.d->errorOffset = lexed.errorOffset;
        return f;
    }
    Parser parser(lexed.tokens, &f.d->nodes);
    const int root = parser.parse();
    if (root < 0) {
        f.d->nodes.clear();
        f.d->error = parser.error;
        f.d->errorOffset = parser.errorOffset;
        return f;
    }
    f.d->root = root;
    return f;
}

bool RunFilter::isEmpty() const {
    return d->root < 0 && d->error.isEmpty();
}

bool RunFilter::isValid() const {
    return d->error.isEmpty();
}

QString RunFilter::error() const {
    return d->error;
}

qsizetype RunFilter::errorOffset() const {
    return d->errorOffset;
}

QString RunFilter::text() const {
    return d->text;
}

bool RunFilter::matches(const Run &run) const {
    return d->root < 0 || d->eval(d->root, run);
}

bool RunFilter::hasWords() const {
    return std::any_of(d->nodes.begin(), d->nodes.end(),
                       [](const Node &n) { return n.type == Node::Type::Words; });
}

void RunFilter::matchAll(const Runs &runs, const RunTextIndex *index,
                         std::vector<char> *out) const {
    out->assign(runs.size(), 1);
    if (d->root < 0)
        return;
    if (index && index->size() != runs.size()) {
        Q_ASSERT_X(false, "RunFilter::matchAll", "index built from other runs");
        index = nullptr;
    }
    EvalScratch scratch;
    scratch.hints.assign(d->nodes.size(), 0);
    if (index && hasWords()) {
        scratch.index = index;
        scratch.words.resize(d->nodes.size());
        std::vector<char> keyMatch(index->m_keys.size());
        for (size_t n = 0; n < d->nodes.size(); ++n) {
            for (const Word &w : d->nodes[n].words) {
                EvalScratch::Prepared &p = scratch.words[n].emplace_back();
                appendFoldedBytes(w.folded, &p.needle);
                p.hasSeparator = w.folded.contains(QChar(kFieldSeparator));
                for (size_t k = 0; k < keyMatch.size(); ++k)
                    keyMatch[k] = containsFolded(index->m_keys[k], w.folded) ? 1 : 0;
                p.keySetMatch.reserve(index->m_keySets.size());
                for (const auto &set : index->m_keySets) {
                    const bool any = std::any_of(set.begin(), set.end(),
                                                 [&](quint32 id) { return keyMatch[id] != 0; });
                    p.keySetMatch.push_back(any ? 1 : 0);
                }
            }
        }
    }
    for (size_t i = 0; i < runs.size(); ++i)
        (*out)[i] = d->eval(d->root, runs[i], &scratch, i) ? 1 : 0;
}

} // namespace runlens::core
