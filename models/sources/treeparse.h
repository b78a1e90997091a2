// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QVariant>
#include <optional>
#include <string_view>

/// Text parsing shared by the importers: numbers in every spelling the formats use, YAML and
/// JSON documents as QVariant trees (QVariantMap / QVariantList / scalars) that
/// core::ConfigTree::insertTree() flattens.
namespace runlens::sources::treeparse {

/// A number as the logs write it: decimal or exponent notation, and nan / inf / -inf / +inf /
/// infinity / -infinity in any case (formats.md §0). Surrounding spaces are allowed. Nothing
/// else: "", "1.5x", "True" give nullopt.
std::optional<double> parseNumber(std::string_view text);

/// Where a document failed to parse.
struct ParseError {
    QString message;    ///< what was wrong (empty when the parse succeeded)
    int line = 0;       ///< 1-based, 0 when unknown
    qint64 offset = -1; ///< byte offset, -1 when unknown

    [[nodiscard]] bool failed() const { return !message.isEmpty(); }
    /// "line N" (or "byte N"), for core::Problem::where.
    [[nodiscard]] QString where() const;
};

/// Parses one YAML document. Scalars become bool / qlonglong / double / QString by YAML 1.1
/// core rules as Python's yaml.safe_load reads them (true/false, ints, floats, .nan/.inf,
/// null → invalid QVariant); language tags (!!python/tuple, !!python/object:...) are ignored and
/// the node under them kept. An empty document gives an invalid QVariant without error.
QVariant parseYaml(std::string_view text, ParseError *error);

/// Parses one JSON document, also accepting the bare NaN, Infinity and -Infinity that Python's
/// json module writes (Sacred, W&B). Integers stay qlonglong, other numbers double.
QVariant parseJson(std::string_view text, ParseError *error);

/// W&B and some Sacred configs wrap every value as {"value": x, "desc": ...}: unwraps those
/// (recursively at the top level of a map) and drops "_wandb".
QVariant unwrapValueDesc(const QVariant &tree);

} // namespace runlens::sources::treeparse
