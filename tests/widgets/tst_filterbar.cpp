// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/filterbar.h"
#include "widgets/widgettestutils.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>

using runlens::core::RunFilter;
using runlens::widgets::FilterBar;

class TestFilterBar : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void typingAppliesAfterDebounce() {
        FilterBar bar;
        bar.show();
        QSignalSpy spy(&bar, &FilterBar::filterChanged);
        QTest::keyClicks(bar.lineEdit(), QStringLiteral("params.lr < 0.01"));
        // Nothing yet: the bar waits for the typing to settle.
        QCOMPARE(spy.count(), 0);
        QTRY_COMPARE(spy.count(), 1);
        const auto filter = spy.last().at(0).value<RunFilter>();
        QCOMPARE(filter.text(), QStringLiteral("params.lr < 0.01"));
        QVERIFY(filter.isValid());
        QVERIFY(!filter.isEmpty());
        QCOMPARE(bar.filter().text(), QStringLiteral("params.lr < 0.01"));
        QVERIFY(bar.errorLabel()->isHidden());
    }

    void malformedShowsError() {
        FilterBar bar;
        bar.show();
        const QString text = QStringLiteral("params.lr < ");
        QTest::keyClicks(bar.lineEdit(), text);
        QTRY_VERIFY(!bar.errorLabel()->isHidden());
        const RunFilter expected = RunFilter::parse(text);
        QVERIFY(!expected.isValid());
        QVERIFY2(bar.errorLabel()->text().contains(expected.error().toHtmlEscaped()),
                 qPrintable(bar.errorLabel()->text()));
        QVERIFY(bar.errorLabel()->text().contains(QString::number(expected.errorOffset() + 1)));
        // Fixing the text hides the error again.
        QTest::keyClicks(bar.lineEdit(), QStringLiteral("0.5"));
        QTRY_VERIFY(bar.errorLabel()->isHidden());
    }

    void escapeClears() {
        FilterBar bar;
        bar.show();
        QSignalSpy spy(&bar, &FilterBar::filterChanged);
        QTest::keyClicks(bar.lineEdit(), QStringLiteral("resnet"));
        QTRY_COMPARE(spy.count(), 1);
        QTest::keyClick(bar.lineEdit(), Qt::Key_Escape);
        QCOMPARE(bar.text(), QString());
        QCOMPARE(spy.count(), 2);
        QVERIFY(spy.last().at(0).value<RunFilter>().isEmpty());
    }

    void setTextAppliesAtOnce() {
        FilterBar bar;
        QSignalSpy spy(&bar, &FilterBar::filterChanged);
        bar.setText(QStringLiteral("metrics.loss > 1"));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(bar.filter().text(), QStringLiteral("metrics.loss > 1"));
    }

    void completesFieldNames() {
        FilterBar bar;
        bar.show();
        bar.setFields({QStringLiteral("params.lr"), QStringLiteral("metrics.val_loss"),
                       QStringLiteral("metrics.train_loss")});
        QTest::keyClicks(bar.lineEdit(), QStringLiteral("params.lr < 0.1 and val_l"));
        QCOMPARE(bar.completer()->completionPrefix(), QStringLiteral("val_l"));
        QCOMPARE(bar.completer()->completionCount(), 1);
        QCOMPARE(bar.completer()->currentCompletion(), QStringLiteral("metrics.val_loss"));
        Q_EMIT bar.completer()->activated(QStringLiteral("metrics.val_loss"));
        QCOMPARE(bar.text(), QStringLiteral("params.lr < 0.1 and metrics.val_loss "));
    }

    void historyWithUpDown() {
        FilterBar bar;
        bar.show();
        QTest::keyClicks(bar.lineEdit(), QStringLiteral("name = 'a'"));
        QTest::keyClick(bar.lineEdit(), Qt::Key_Return);
        QCOMPARE(bar.history(), QStringList{QStringLiteral("name = 'a'")});
        QTest::keyClick(bar.lineEdit(), Qt::Key_Escape);
        QCOMPARE(bar.text(), QString());
        QTest::keyClick(bar.lineEdit(), Qt::Key_Up);
        QCOMPARE(bar.text(), QStringLiteral("name = 'a'"));
        QTest::keyClick(bar.lineEdit(), Qt::Key_Down);
        QCOMPARE(bar.text(), QString());
    }
};

RUNLENS_WIDGET_TEST_MAIN(TestFilterBar)
#include "tst_filterbar.moc"
