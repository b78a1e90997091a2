// SPDX-License-Identifier: GPL-3.0-or-later
#include "items/roles.h"
#include "items/runtablemodel.h"
#include "itemstestdata.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QDateTime>
#include <QFont>
#include <QTest>

using namespace runlens;
using items::RunTableModel;

class TestRunTableModel final : public QObject {
    Q_OBJECT

private:
    static core::Runs runs() {
        core::Runs list(3);
        core::Run &a = list[0];
        a.id = 11;
        a.key = QStringLiteral("mlflow:a");
        a.sourceRoot = QStringLiteral("/data");
        a.path = QStringLiteral("mlruns/1/a");
        a.format = QStringLiteral("mlflow");
        a.uid = QStringLiteral("a");
        a.name = QStringLiteral("alpha");
        a.experiment = QStringLiteral("exp");
        a.status = core::RunStatus::Failed;
        a.startMs = QDateTime(QDate(2024, 10, 21), QTime(9, 5)).toMSecsSinceEpoch();
        a.endMs = a.startMs + (3600 + 125) * 1000;
        a.config.set(QStringLiteral("lr"), 0.000123456);
        a.config.set(QStringLiteral("seed"), qint64(123456789012345LL));
        a.config.set(QStringLiteral("note"), QStringLiteral("line one\nline two"));
        a.config.set(QStringLiteral("big"), 1e20);
        core::MetricSummary &loss = a.metricRef(QStringLiteral("loss"));
        for (int i = 0; i < 100; ++i)
            loss.add({i, 0, i == 50 ? std::numeric_limits<double>::quiet_NaN() : 0.9 - i * 0.008});
        a.metricRef(QStringLiteral("acc")).add({0, 0, 0.5});

        core::Run &b = list[1];
        b.id = 12;
        b.name = QStringLiteral("beta");
        b.status = core::RunStatus::Running;
        b.deleted = true;
        b.startMs = a.startMs;
        b.endMs = b.startMs + 45000;
        b.config.set(QStringLiteral("optimizer"), QStringLiteral("adam"));
        b.config.set(QStringLiteral("lr"), 0.1);
        b.config.set(QStringLiteral("big"), 12780.35);
        b.config.set(QStringLiteral("note"), 2'345'678.9);
        b.config.set(QStringLiteral("seed"), 33086.04);
        b.metricRef(QStringLiteral("val/loss"))
            .add({0, 0, std::numeric_limits<double>::quiet_NaN()});

        core::Run &c = list[2]; // no params, no metrics, id 0
        c.name = QStringLiteral("gamma");
        return list;
    }

private Q_SLOTS:
    void columns() {
        RunTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        QCOMPARE(model.columnCount(), 8);
        QCOMPARE(model.rowCount(), 0);
        model.setRuns(runs());
        QCOMPARE(model.rowCount(), 3);
        QStringList fields;
        QStringList titles;
        QStringList groups;
        for (int c = 0; c < model.columnCount(); ++c) {
            fields << model.headerData(c, Qt::Horizontal, items::FieldRole).toString();
            titles << model.headerData(c, Qt::Horizontal, Qt::DisplayRole).toString();
            groups << model.headerData(c, Qt::Horizontal, items::ColumnGroupRole).toString();
            QCOMPARE(model.field(c).toString(), fields.last());
            QCOMPARE(model.columnOf(model.field(c)), c);
        }
        QCOMPARE(fields, QStringList({u"attributes.name"_qs, u"attributes.experiment"_qs,
                                      u"attributes.status"_qs, u"attributes.start_time"_qs,
                                      u"attributes.duration"_qs, u"attributes.format"_qs,
                                      u"attributes.path"_qs, u"attributes.run_id"_qs,
                                      u"params.big"_qs, u"params.lr"_qs, u"params.note"_qs,
                                      u"params.optimizer"_qs, u"params.seed"_qs, u"metrics.acc"_qs,
                                      u"metrics.loss"_qs, u"metrics.val/loss"_qs}));
        QCOMPARE(titles.mid(0, 8),
                 QStringList({u"Name"_qs, u"Experiment"_qs, u"Status"_qs, u"Start"_qs,
                              u"Duration"_qs, u"Format"_qs, u"Path"_qs, u"Run ID"_qs}));
        QCOMPARE(titles.at(9), QStringLiteral("lr"));
        QCOMPARE(groups.at(0), QStringLiteral("attributes"));
        QCOMPARE(groups.at(9), QStringLiteral("params"));
        QCOMPARE(groups.at(14), QStringLiteral("metrics"));
        QCOMPARE(model.headerData(9, Qt::Horizontal, Qt::ToolTipRole).toString(),
                 QStringLiteral("params.lr"));
        QCOMPARE(model.columnOf(core::RunField::param(QStringLiteral("nope"))), -1);
        QCOMPARE(model.rowOfRunId(12), 1);
        QCOMPARE(model.rowOfRunId(99), -1);

        // A second load with fewer keys resets the columns.
        model.setRuns({});
        QCOMPARE(model.columnCount(), 8);
        QCOMPARE(model.rowCount(), 0);
    }

    void display() {
        RunTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setRuns(runs());
        const auto text = [&model](int row, const QString &field) {
            const int c = model.columnOf(core::RunField::parse(field));
            return model.index(row, c).data().toString();
        };
        QCOMPARE(text(0, u"name"_qs), QStringLiteral("alpha"));
        QCOMPARE(text(0, u"status"_qs), QStringLiteral("Failed"));
        QCOMPARE(text(2, u"status"_qs), QString());
        QCOMPARE(text(0, u"start_time"_qs), QStringLiteral("2024-10-21 09:05"));
        QCOMPARE(text(0, u"duration"_qs), QStringLiteral("1 h 02 min"));
        QCOMPARE(text(1, u"duration"_qs), QStringLiteral("45 s"));
        QCOMPARE(text(2, u"duration"_qs), QString());
        QCOMPARE(text(0, u"params.lr"_qs), QStringLiteral("0.0001235"));
        QCOMPARE(text(0, u"params.seed"_qs), QStringLiteral("123456789012345"));
        QCOMPARE(text(0, u"params.big"_qs), QStringLiteral("1e+20"));
        QCOMPARE(text(0, u"params.note"_qs), QStringLiteral("line one…"));
        QCOMPARE(text(1, u"params.big"_qs), QStringLiteral("12780.4"));  // not 1.278e+04
        QCOMPARE(text(1, u"params.note"_qs), QStringLiteral("2345679")); // not 2.346e+06
        QCOMPARE(text(1, u"params.seed"_qs), QStringLiteral("33086"));   // not 33086.0
        QCOMPARE(text(2, u"params.note"_qs), QString());
        QCOMPARE(text(1, u"params.optimizer"_qs), QStringLiteral("adam"));
        QCOMPARE(text(0, u"metrics.loss"_qs), QStringLiteral("0.108"));
        QCOMPARE(text(1, u"metrics.val/loss"_qs), QStringLiteral("NaN"));
        QCOMPARE(text(2, u"metrics.loss"_qs), QString());
        QCOMPARE(text(0, u"path"_qs), QStringLiteral("mlruns/1/a"));

        const int note = model.columnOf(core::RunField::param(QStringLiteral("note")));
        QCOMPARE(model.index(0, note).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("line one\nline two"));
        const int loss = model.columnOf(core::RunField::metric(QStringLiteral("loss")));
        QCOMPARE(
            model.index(0, loss).data(Qt::ToolTipRole).toString(),
            QStringLiteral("last 0.108 at step 99 · min 0.108 · max 0.9 · 100 points · 1 NaN"));
        QCOMPARE(model.index(0, 6).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("/data/mlruns/1/a"));
    }

    void roles() {
        RunTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setRuns(runs());
        const int lr = model.columnOf(core::RunField::param(QStringLiteral("lr")));
        const int opt = model.columnOf(core::RunField::param(QStringLiteral("optimizer")));
        const int loss = model.columnOf(core::RunField::metric(QStringLiteral("loss")));
        QCOMPARE(model.index(0, lr).data(items::SortRole), QVariant(0.000123456));
        QVERIFY(!model.index(2, lr).data(items::SortRole).isValid());
        QCOMPARE(model.index(0, loss).data(items::SortRole).typeId(), QMetaType::Double);
        QCOMPARE(model.index(0, 3).data(items::SortRole).typeId(), QMetaType::LongLong);
        QCOMPARE(model.index(0, 2).data(items::SortRole).toString(), QStringLiteral("FAILED"));

        const auto align = [&model](int row, int column) {
            return model.index(row, column).data(Qt::TextAlignmentRole).value<Qt::Alignment>();
        };
        QVERIFY(align(0, lr) & Qt::AlignRight);
        QVERIFY(align(0, loss) & Qt::AlignRight);
        QVERIFY(align(1, opt) & Qt::AlignLeft);
        QVERIFY(align(0, 0) & Qt::AlignLeft);

        QCOMPARE(model.index(0, 0).data(items::RunIdRole), QVariant(qint64(11)));
        QCOMPARE(model.index(0, 5).data(items::RunKeyRole), QVariant(u"mlflow:a"_qs));
        QCOMPARE(model.index(0, 5).data(items::RunPathRole), QVariant(u"/data/mlruns/1/a"_qs));

        // Status colours, deleted runs grey and italic.
        QVERIFY(model.index(0, 2).data(Qt::ForegroundRole).value<QColor>().isValid());
        QVERIFY(!model.index(2, 2).data(Qt::ForegroundRole).isValid());
        QVERIFY(!model.index(0, 0).data(Qt::ForegroundRole).isValid());
        QVERIFY(model.index(1, 0).data(Qt::ForegroundRole).value<QColor>().isValid());
        QVERIFY(model.index(1, 0).data(Qt::FontRole).value<QFont>().italic());
        QVERIFY(!model.index(0, 0).data(Qt::FontRole).isValid());
        QVERIFY(!model.index(0, 0).data(Qt::DecorationRole).isValid());
    }

    void noMultiLineDisplay() {
        RunTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setRuns(runs());
        for (int r = 0; r < model.rowCount(); ++r) {
            for (int c = 0; c < model.columnCount(); ++c)
                QVERIFY(!model.index(r, c).data().toString().contains(u'\n'));
        }
    }

    // The text index for word filters follows every setRuns(), even one right after another
    // while the previous index is still being built.
    void textIndexFollowsRuns() {
        items::RunTableModel table;
        QCOMPARE(table.textIndex().size(), size_t(0));
        table.setRuns(tests::itemRuns());
        core::Runs more = tests::itemRuns();
        more.pop_back();
        table.setRuns(more);
        QCOMPARE(table.textIndex().size(), more.size());
        QVERIFY(table.textIndex().memoryBytes() > 0);
        table.setRuns(tests::itemRuns());
        // Destroyed while the background build may still run.
    }
};

QTEST_MAIN(TestRunTableModel)
#include "tst_runtablemodel.moc"
