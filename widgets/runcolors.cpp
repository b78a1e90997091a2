// SPDX-License-Identifier: GPL-3.0-or-later
#include "runcolors.h"

#include <array>

namespace runlens::widgets {

namespace {

// Sixteen hues of similar weight, readable on light and dark backgrounds alike, ordered so
// that neighbours differ strongly.
constexpr std::array<QRgb, 16> palette = {
    0x2f6fd1, 0xe0672b, 0x2a9d55, 0xc7364f, 0x8a5cd1, 0x9a6b3f, 0xd65fb2, 0x6f7a86,
    0xb3a21a, 0x1ba3b5, 0x5470a8, 0xe39b2c, 0x4fa36b, 0xa8464b, 0x7b6fc4, 0x3d8b8f,
};

} // namespace

QColor paletteColor(int i) {
    return QColor(palette[size_t(i < 0 ? -i : i) % palette.size()]);
}

QColor runColor(const QString &runKey) {
    // 48 colours: each hue of the palette as it is, a little darker and a little lighter, so
    // that two of a handful of runs rarely share one. FNV-1a over the UTF-16 code units: the
    // same in every process and Qt version (qHash is not).
    quint64 h = 14695981039346656037ull;
    for (const QChar c : runKey) {
        h ^= c.unicode();
        h *= 1099511628211ull;
    }
    h ^= h >> 29;
    const QColor base = paletteColor(int(h % palette.size()));
    switch ((h / palette.size()) % 3) {
    case 1:
        return base.darker(135);
    case 2:
        return base.lighter(130);
    default:
        return base;
    }
}

} // namespace runlens::widgets
