// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private to runlens_core: SQL LIKE patterns for the run filter.

#include <QString>
#include <QStringView>
#include <vector>

namespace runlens::core::filter {

/// A compiled LIKE pattern: '%' any run, '_' any one character, '\%' '\_' '\\' literal.
/// Matching allocates nothing.
class LikePattern final {
public:
    LikePattern() = default;
    LikePattern(QStringView pattern, bool caseInsensitive);

    [[nodiscard]] bool matches(QStringView text) const;

private:
    enum class Kind : char { Literal, One, Any };
    struct Item {
        Kind kind;
        char16_t c; ///< Literal only; already case-folded when m_caseInsensitive
    };
    std::vector<Item> m_items;
    bool m_caseInsensitive = false;
};

} // namespace runlens::core::filter
