// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/importpanel.h"
#include "widgets/importproblemsdock.h"
#include "widgets/widgettestutils.h"

#include <QClipboard>
#include <QLabel>
#include <QMainWindow>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>

using namespace runlens;

class TestImportPanel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void progressAndCancel() {
        QWidget host;
        auto *panel = new widgets::ImportPanel(&host);
        host.show();
        QVERIFY(!panel->isVisible());
        panel->start();
        QVERIFY(panel->isVisible());
        QCOMPARE(panel->progressBar()->maximum(), 0); // busy while scanning

        sources::ImportProgress p;
        p.runsDone = 3;
        p.runsTotal = 10;
        p.bytesRead = 2 * 1024 * 1024;
        p.scanning = false;
        panel->setProgress(p);
        QCOMPARE(panel->progressBar()->maximum(), 10);
        QCOMPARE(panel->progressBar()->value(), 3);
        QVERIFY2(panel->label()->text().contains(QStringLiteral("3 / 10")),
                 qPrintable(panel->label()->text()));
        QVERIFY(panel->label()->text().contains(QStringLiteral("2.0 MB")));

        QSignalSpy cancel(panel, &widgets::ImportPanel::cancelRequested);
        QTest::mouseClick(panel->cancelButton(), Qt::LeftButton);
        QCOMPARE(cancel.count(), 1);
        QVERIFY(!panel->cancelButton()->isEnabled());
        panel->finish();
        QVERIFY(!panel->isVisible());
    }

    void problemsDock() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(QStringLiteral("run1/metrics/loss"));
        QMainWindow window;
        auto *dock = new widgets::ImportProblemsDock(&window);
        window.addDockWidget(Qt::BottomDockWidgetArea, dock);
        window.resize(800, 500);
        window.show();
        QCOMPARE(dock->windowTitle(), QStringLiteral("Import Problems"));

        dock->setProblems(
            {{file, QStringLiteral("line 3"), QStringLiteral("not a number")},
             {dir.filePath(QStringLiteral("run2")), QString(), QStringLiteral("no meta.yaml")},
             {file, QStringLiteral("line 9"), QStringLiteral("truncated")}});
        QCOMPARE(dock->windowTitle(), QStringLiteral("Import Problems (3)"));
        QCOMPARE(dock->tableView()->model()->rowCount(), 3);

        dock->tableView()->selectRow(0);
        dock->tableView()->selectionModel()->select(dock->tableView()->model()->index(1, 0),
                                                    QItemSelectionModel::Select |
                                                        QItemSelectionModel::Rows);
        dock->tableView()->setFocus();
        QTest::keyClick(dock->tableView(), Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QApplication::clipboard()->text(),
                 file + QStringLiteral(":line 3: not a number\n") +
                     dir.filePath(QStringLiteral("run2")) + QStringLiteral(": no meta.yaml\n"));

        QUrl opened;
        dock->setUrlOpener([&opened](const QUrl &url) { opened = url; });
        QTableView *view = dock->tableView();
        view->scrollTo(view->model()->index(2, 2));
        const QRect cell = view->visualRect(view->model()->index(2, 2));
        QVERIFY2(view->viewport()->rect().contains(cell.center()),
                 qPrintable(QStringLiteral("%1,%2 in %3x%4")
                                .arg(cell.center().x())
                                .arg(cell.center().y())
                                .arg(view->viewport()->width())
                                .arg(view->viewport()->height())));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(opened, QUrl::fromLocalFile(dir.filePath(QStringLiteral("run1/metrics"))));

        dock->setProblems({});
        QCOMPARE(dock->windowTitle(), QStringLiteral("Import Problems"));
    }
};

RUNLENS_WIDGET_TEST_MAIN(TestImportPanel)
#include "tst_importpanel.moc"
