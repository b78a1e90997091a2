// SPDX-License-Identifier: GPL-3.0-or-later
#include "aboutdialog.h"

#include <QCoreApplication>
#include <QMessageBox>

namespace runlens::app {

namespace {
class About {
    Q_DECLARE_TR_FUNCTIONS(About)

public:
    static QString text() {
        return tr("<h3>RunLens %1</h3>"
                  "<p>Compare machine-learning experiment runs: every run of a results folder "
                  "in one sortable, filterable table, read from a local cache that is "
                  "refreshed in the background.</p>"
                  "<p>RunLens is free software: you can redistribute it and/or modify it under "
                  "the terms of the GNU General Public License as published by the Free "
                  "Software Foundation, either version 3 of the License, or (at your option) "
                  "any later version.</p>"
                  "<p>It is distributed in the hope that it will be useful, but WITHOUT ANY "
                  "WARRANTY; without even the implied warranty of MERCHANTABILITY or FITNESS "
                  "FOR A PARTICULAR PURPOSE. See the "
                  "<a href=\"https://www.gnu.org/licenses/gpl-3.0.html\">GNU General Public "
                  "License</a> for more details.</p>"
                  "<p>SPDX-License-Identifier: GPL-3.0-or-later</p>")
            .arg(QStringLiteral(RUNLENS_VERSION));
    }
    static QString title() { return tr("About RunLens"); }
};
} // namespace

void showAboutDialog(QWidget *parent) {
    QMessageBox::about(parent, About::title(), About::text());
}

} // namespace runlens::app
