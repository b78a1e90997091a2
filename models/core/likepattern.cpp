// SPDX-License-Identifier: GPL-3.0-or-later
#include "likepattern.h"

#include "naturalcompare.h"

namespace runlens::core::filter {

LikePattern::LikePattern(QStringView pattern, bool caseInsensitive)
    : m_caseInsensitive(caseInsensitive) {
    const QString folded = caseInsensitive ? foldCase(pattern) : pattern.toString();
    for (qsizetype i = 0; i < folded.size(); ++i) {
        const QChar c = folded.at(i);
        if (c == u'\\' && i + 1 < folded.size()) {
            m_items.push_back({Kind::Literal, folded.at(++i).unicode()});
        } else if (c == u'%') {
            // Consecutive '%' mean the same as one; collapsing them keeps matching linear.
            if (m_items.empty() || m_items.back().kind != Kind::Any)
                m_items.push_back({Kind::Any, 0});
        } else if (c == u'_') {
            m_items.push_back({Kind::One, 0});
        } else {
            m_items.push_back({Kind::Literal, c.unicode()});
        }
    }
}

bool LikePattern::matches(QStringView text) const {
    // Greedy wildcard matching with a single backtrack point (the latest '%'), which is enough
    // for LIKE's two wildcards and runs in O(text * pattern) at worst.
    const auto fold = [this](char16_t c) -> char16_t {
        if (!m_caseInsensitive)
            return c;
        if (c < 0x80)
            return c >= u'A' && c <= u'Z' ? char16_t(c + 32) : c;
        return QChar::toCaseFolded(c);
    };
    const qsizetype n = text.size();
    const size_t m = m_items.size();
    qsizetype t = 0;
    size_t p = 0;
    size_t starP = size_t(-1);
    qsizetype starT = 0;
    while (t < n) {
        if (p < m && m_items[p].kind == Kind::Any) {
            starP = p++;
            starT = t;
        } else if (p < m &&
                   (m_items[p].kind == Kind::One || m_items[p].c == fold(text[t].unicode()))) {
            ++p;
            ++t;
        } else if (starP != size_t(-1)) {
            p = starP + 1;
            t = ++starT;
        } else {
            return false;
        }
    }
    while (p < m && m_items[p].kind == Kind::Any)
        ++p;
    return p == m;
}

} // namespace runlens::core::filter
