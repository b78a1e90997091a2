// SPDX-License-Identifier: GPL-3.0-or-later
#include "filterlexer.h"

#include <QCoreApplication>
#include <array>

namespace runlens::core::filter {

namespace {

// lupdate reads the context from the macro, so the .ts and the runtime agree.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(runlens::core::RunFilter)
};

bool isIdentifierStart(QChar c) {
    return c.isLetter() || c == u'_' || c == u'`';
}

// Reads a quoted run starting at text[i] (the quote). A doubled quote or a backslash escape
// stands for a literal character. *pattern receives the same text but keeps the backslash before
// '%', '_' and '\\' so that a LIKE pattern can still tell an escaped wildcard from a real one.
// Returns the index after the closing quote, or -1.
qsizetype readQuoted(const QString &text, qsizetype i, QString *out, QString *pattern) {
    const QChar q = text.at(i);
    for (++i; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (pattern && c == u'\\' && i + 1 < text.size()) {
            const QChar n = text.at(++i);
            const QChar unescaped = n == u'n' ? QChar(u'\n') : n == u't' ? QChar(u'\t') : n;
            *out += unescaped;
            if (n == u'%' || n == u'_' || n == u'\\')
                *pattern += u'\\';
            *pattern += unescaped;
            continue;
        }
        if (c == q) {
            if (i + 1 < text.size() && text.at(i + 1) == q) {
                *out += q;
                if (pattern)
                    *pattern += q;
                ++i;
                continue;
            }
            return i + 1;
        }
        *out += c;
        if (pattern)
            *pattern += c;
    }
    return -1;
}

Token endToken(qsizetype pos) {
    Token t;
    t.pos = pos;
    return t;
}

bool isDigit(QChar c) {
    return c >= u'0' && c <= u'9';
}

// Length of a number at text[i] ([+-]digits[.digits][e[+-]digits] or .digits), 0 when none.
qsizetype numberLength(const QString &text, qsizetype i) {
    const qsizetype start = i;
    const qsizetype n = text.size();
    if (i < n && (text.at(i) == u'-' || text.at(i) == u'+'))
        ++i;
    qsizetype digits = 0;
    while (i < n && isDigit(text.at(i)))
        ++i, ++digits;
    if (i < n && text.at(i) == u'.') {
        ++i;
        while (i < n && isDigit(text.at(i)))
            ++i, ++digits;
    }
    if (digits == 0)
        return 0;
    if (i < n && (text.at(i) == u'e' || text.at(i) == u'E')) {
        qsizetype j = i + 1;
        if (j < n && (text.at(j) == u'-' || text.at(j) == u'+'))
            ++j;
        if (j < n && isDigit(text.at(j))) {
            while (j < n && isDigit(text.at(j)))
                ++j;
            i = j;
        }
    }
    return i - start;
}

TokenType keywordType(QStringView word) {
    static constexpr std::array<std::pair<QStringView, TokenType>, 7> keywords{{
        {u"and", TokenType::And},
        {u"or", TokenType::Or},
        {u"not", TokenType::Not},
        {u"like", TokenType::Like},
        {u"ilike", TokenType::ILike},
        {u"true", TokenType::True},
        {u"false", TokenType::False},
    }};
    for (const auto &[name, type] : keywords) {
        if (word.compare(name, Qt::CaseInsensitive) == 0)
            return type;
    }
    return TokenType::Identifier;
}

} // namespace

bool isIdentifierChar(QChar c) {
    return c.isLetterOrNumber() || c == u'_' || c == u'.' || c == u'-' || c == u'/' || c == u'[' ||
           c == u']' || c == u':' || c.isMark();
}

LexResult tokenize(const QString &text) {
    LexResult r;
    const qsizetype n = text.size();
    qsizetype i = 0;
    auto fail = [&](const char *message, qsizetype at) {
        r.error = Tr::tr(message);
        r.errorOffset = at;
        r.tokens.push_back(endToken(n));
        return r;
    };
    while (i < n) {
        const QChar c = text.at(i);
        if (c.isSpace()) {
            ++i;
            continue;
        }
        Token t;
        t.pos = i;
        if (c == u'(' || c == u')') {
            t.type = c == u'(' ? TokenType::LParen : TokenType::RParen;
            t.text = c;
            ++i;
        } else if (c == u'\'' || c == u'"') {
            const qsizetype end = readQuoted(text, i, &t.text, &t.pattern);
            if (end < 0)
                return fail(QT_TRANSLATE_NOOP("runlens::core::RunFilter", "Unterminated string"),
                            i);
            t.type = TokenType::String;
            i = end;
        } else if (c == u'=' || c == u'<' || c == u'>' || c == u'!') {
            const QChar next = i + 1 < n ? text.at(i + 1) : QChar();
            qsizetype len = 1;
            if ((c == u'=' && next == u'=') || (c == u'!' && next == u'=') ||
                (c == u'<' && (next == u'=' || next == u'>')) || (c == u'>' && next == u'='))
                len = 2;
            else if (c == u'!')
                return fail(QT_TRANSLATE_NOOP("runlens::core::RunFilter",
                                              "Unknown operator '!'; use '!=' or 'not like'"),
                            i);
            t.type = TokenType::Operator;
            t.text = text.mid(i, len);
            i += len;
        } else if (const qsizetype len = numberLength(text, i); len > 0) {
            t.type = TokenType::Number;
            t.text = text.mid(i, len);
            t.number = QStringView(t.text).toDouble();
            i += len;
            // "10abc" is a word, not the number 10 followed by garbage.
            if (i < n && isIdentifierChar(text.at(i)) && text.at(i) != u'-') {
                while (i < n && isIdentifierChar(text.at(i)))
                    ++i;
                t.type = TokenType::Identifier;
                t.text = text.mid(t.pos, i - t.pos);
            }
        } else if (isIdentifierStart(c)) {
            // An identifier is a run of name characters and quoted parts: params.`a b`.x or
            // params."a b" (a double quote right after a dot quotes a key, as MLflow allows).
            bool quoted = false;
            while (i < n) {
                const QChar d = text.at(i);
                const bool quoteHere =
                    d == u'`' || (d == u'"' && i > t.pos && text.at(i - 1) == u'.');
                if (quoteHere) {
                    QString dummy;
                    const qsizetype end = readQuoted(text, i, &dummy, nullptr);
                    if (end < 0)
                        return fail(QT_TRANSLATE_NOOP("runlens::core::RunFilter",
                                                      "Unterminated quoted name"),
                                    i);
                    quoted = true;
                    i = end;
                } else if (isIdentifierChar(d)) {
                    ++i;
                } else {
                    break;
                }
            }
            t.text = text.mid(t.pos, i - t.pos);
            t.type = quoted || t.text.contains(u'.') ? TokenType::Identifier : keywordType(t.text);
        } else {
            r.error =
                Tr::tr(QT_TRANSLATE_NOOP("runlens::core::RunFilter", "Unexpected character '%1'"))
                    .arg(c);
            r.errorOffset = i;
            r.tokens.push_back(endToken(n));
            return r;
        }
        t.length = i - t.pos;
        r.tokens.push_back(std::move(t));
    }
    r.tokens.push_back(endToken(n));
    return r;
}

bool looksLikeExpression(const QString &text) {
    static constexpr std::array<QStringView, 9> prefixes{u"params.",     u"param.",     u"metrics.",
                                                         u"metric.",     u"tags.",      u"tag.",
                                                         u"attributes.", u"attribute.", u"attr."};
    const QStringView t = QStringView(text).trimmed();
    if (t.isEmpty())
        return false;
    if (t.front() == u'(')
        return true;
    for (const QStringView p : prefixes) {
        if (t.startsWith(p, Qt::CaseInsensitive))
            return true;
    }
    // An operator character outside quotes, or LIKE/ILIKE after the first word.
    qsizetype wordIndex = 0;
    for (qsizetype i = 0; i < t.size();) {
        const QChar c = t[i];
        if (c == u'\'' || c == u'"' || c == u'`') {
            const qsizetype close = t.indexOf(c, i + 1);
            if (close < 0)
                return false;
            i = close + 1;
            continue;
        }
        if (c == u'=' || c == u'<' || c == u'>' || c == u'!')
            return true;
        if (isIdentifierChar(c)) {
            qsizetype j = i;
            while (j < t.size() && isIdentifierChar(t[j]))
                ++j;
            const QStringView word = t.mid(i, j - i);
            if (wordIndex > 0 && (word.compare(u"like", Qt::CaseInsensitive) == 0 ||
                                  word.compare(u"ilike", Qt::CaseInsensitive) == 0))
                return true;
            ++wordIndex;
            i = j;
            continue;
        }
        ++i;
    }
    return false;
}

} // namespace runlens::core::filter
