// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private to runlens_core: the tokens of the run filter language (see runfilter.h).

#include <QString>
#include <vector>

namespace runlens::core::filter {

enum class TokenType {
    End,
    Identifier, ///< a field reference or a bare word; quoted key parts keep their quotes
    Number,
    String,
    Operator, ///< = == != <> < <= > >=
    LParen,
    RParen,
    And,
    Or,
    Not,
    Like,
    ILike,
    True,
    False,
};

struct Token {
    TokenType type = TokenType::End;
    qsizetype pos = 0; ///< offset of the first character in the filter text
    qsizetype length = 0;
    QString text;      ///< identifier/operator as written; string literal unescaped
    QString pattern;   ///< String tokens: the text with LIKE escapes (\%, \_, \\) kept
    double number = 0; ///< Number tokens
};

struct LexResult {
    std::vector<Token> tokens; ///< always ends with an End token
    QString error;             ///< translated; empty when the text lexed cleanly
    qsizetype errorOffset = -1;
};

LexResult tokenize(const QString &text);

/// Whether text is meant as an expression rather than plain search words: it holds a comparison
/// operator or LIKE outside quotes, starts with '(' or with a field prefix such as "params.".
/// Half-typed expressions therefore report an error instead of silently searching for words.
bool looksLikeExpression(const QString &text);

/// True for characters that may continue an unquoted identifier.
bool isIdentifierChar(QChar c);

} // namespace runlens::core::filter
