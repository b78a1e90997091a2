// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QWidget;

namespace runlens::app {

/// Help > About RunLens: version, purpose and the licence summary.
void showAboutDialog(QWidget *parent);

} // namespace runlens::app
