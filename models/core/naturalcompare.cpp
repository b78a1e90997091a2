// SPDX-License-Identifier: GPL-3.0-or-later
#include "naturalcompare.h"

#include <QChar>
#include <algorithm>

namespace runlens::core {

namespace {

inline bool isAsciiDigit(char16_t c) {
    return c >= u'0' && c <= u'9';
}

// ASCII is the common case by far; only other characters pay for QChar's tables.
inline char16_t fold(char16_t c) {
    if (c < 0x80)
        return c >= u'A' && c <= u'Z' ? char16_t(c + 32) : c;
    return QChar::toCaseFolded(c);
}

} // namespace

int naturalCompare(QStringView a, QStringView b) noexcept {
    const char16_t *pa = a.utf16();
    const char16_t *pb = b.utf16();
    const char16_t *ea = pa + a.size();
    const char16_t *eb = pb + b.size();
    while (pa < ea && pb < eb) {
        if (isAsciiDigit(*pa) && isAsciiDigit(*pb)) {
            // Compare the digit runs as numbers of any length: skip leading zeros, then the
            // longer run is larger, then the first differing digit decides.
            while (pa < ea && *pa == u'0')
                ++pa;
            while (pb < eb && *pb == u'0')
                ++pb;
            const char16_t *sa = pa;
            const char16_t *sb = pb;
            while (pa < ea && isAsciiDigit(*pa))
                ++pa;
            while (pb < eb && isAsciiDigit(*pb))
                ++pb;
            const auto la = pa - sa;
            const auto lb = pb - sb;
            if (la != lb)
                return la < lb ? -1 : 1;
            for (; sa < pa; ++sa, ++sb) {
                if (*sa != *sb)
                    return *sa < *sb ? -1 : 1;
            }
            continue;
        }
        const char16_t ca = fold(*pa);
        const char16_t cb = fold(*pb);
        if (ca != cb)
            return ca < cb ? -1 : 1;
        ++pa;
        ++pb;
    }
    if (pa < ea)
        return 1;
    if (pb < eb)
        return -1;
    return 0;
}

void appendNaturalSortKey(QStringView text, std::u16string *key) {
    const char16_t *p = text.utf16();
    const char16_t *e = p + text.size();
    while (p < e) {
        if (!isAsciiDigit(*p)) {
            key->push_back(fold(*p++));
            continue;
        }
        // A digit run becomes '0' (orders against other characters as any digit does), its
        // significant length, then its significant digits: shorter numbers sort first.
        while (p < e && *p == u'0')
            ++p;
        const char16_t *s = p;
        while (p < e && isAsciiDigit(*p))
            ++p;
        key->push_back(u'0');
        key->push_back(char16_t(std::min<qsizetype>(p - s, 0xFFFF)));
        key->append(s, size_t(p - s));
    }
}

QString foldCase(QStringView text) {
    QString out(text.size(), Qt::Uninitialized);
    char16_t *o = reinterpret_cast<char16_t *>(out.data());
    for (const QChar c : text)
        *o++ = fold(c.unicode());
    return out;
}

void appendFoldedBytes(QStringView text, std::string *out) {
    for (const QChar ch : text) {
        const char16_t c = fold(ch.unicode());
        if (c < 0x80) {
            out->push_back(char(c));
        } else if (c < 0x800) {
            out->push_back(char(0xC0 | (c >> 6)));
            out->push_back(char(0x80 | (c & 0x3F)));
        } else {
            out->push_back(char(0xE0 | (c >> 12)));
            out->push_back(char(0x80 | ((c >> 6) & 0x3F)));
            out->push_back(char(0x80 | (c & 0x3F)));
        }
    }
}

bool containsFolded(QStringView haystack, QStringView foldedNeedle) noexcept {
    const qsizetype n = foldedNeedle.size();
    if (n == 0)
        return true;
    const qsizetype last = haystack.size() - n;
    const char16_t *h = haystack.utf16();
    const char16_t *w = foldedNeedle.utf16();
    const char16_t first = w[0];
    for (qsizetype i = 0; i <= last; ++i) {
        if (fold(h[i]) != first)
            continue;
        qsizetype j = 1;
        while (j < n && fold(h[i + j]) == w[j])
            ++j;
        if (j == n)
            return true;
    }
    return false;
}

} // namespace runlens::core
