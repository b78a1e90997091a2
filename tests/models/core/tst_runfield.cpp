// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/naturalcompare.h"
#include "core/runfield.h"

#include <QTest>
#include <cmath>
#include <limits>

using namespace runlens::core;

class TestRunField final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parse_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("canonical");
        const auto P = int(RunField::Kind::Param);
        const auto M = int(RunField::Kind::Metric);
        const auto T = int(RunField::Kind::Tag);
        const auto A = int(RunField::Kind::Attribute);
        const auto I = int(RunField::Kind::Invalid);
        QTest::newRow("param") << "params.lr" << P << "lr"
                               << "params.lr";
        QTest::newRow("param alias") << "param.lr" << P << "lr"
                                     << "params.lr";
        QTest::newRow("metric") << "metrics.val_loss" << M << "val_loss"
                                << "metrics.val_loss";
        QTest::newRow("metric alias") << "METRIC.acc" << M << "acc"
                                      << "metrics.acc";
        QTest::newRow("dotted tag") << "tags.mlflow.user" << T << "mlflow.user"
                                    << "tags.mlflow.user";
        QTest::newRow("tag alias") << "tag.team" << T << "team"
                                   << "tags.team";
        QTest::newRow("attribute") << "attributes.status" << A << "status"
                                   << "attributes.status";
        QTest::newRow("attribute alias") << "attribute.start_time" << A << "start_time"
                                         << "attributes.start_time";
        QTest::newRow("bare status") << "status" << A << "status"
                                     << "attributes.status";
        QTest::newRow("run_name") << "run_name" << A << "name"
                                  << "attributes.name";
        QTest::newRow("run_id") << "run_id" << A << "run_id"
                                << "attributes.run_id";
        QTest::newRow("duration") << "attributes.duration" << A << "duration"
                                  << "attributes.duration";
        QTest::newRow("deleted") << "attributes.deleted" << A << "deleted"
                                 << "attributes.deleted";
        QTest::newRow("backticks") << "params.`Training Batch size`" << P << "Training Batch size"
                                   << "params.`Training Batch size`";
        QTest::newRow("double quotes") << "params.\"a b\"" << P << "a b"
                                       << "params.`a b`";
        QTest::newRow("list key") << "params.model.layers[0]" << P << "model.layers[0]"
                                  << "params.model.layers[0]";
        QTest::newRow("unicode key") << "params.学习率" << P << "学习率"
                                     << "params.学习率";
        QTest::newRow("spaces trimmed") << "  params.lr " << P << "lr"
                                        << "params.lr";
        QTest::newRow("unknown prefix") << "parms.lr" << I << ""
                                        << "";
        QTest::newRow("unknown attribute") << "attributes.colour" << I << ""
                                           << "";
        QTest::newRow("empty key") << "params." << I << ""
                                   << "";
        QTest::newRow("unknown bare") << "lr" << I << ""
                                      << "";
        QTest::newRow("unterminated backtick") << "params.`lr" << I << ""
                                               << "";
        QTest::newRow("empty") << "" << I << ""
                               << "";
    }
    void parse() {
        QFETCH(QString, text);
        QFETCH(int, kind);
        QFETCH(QString, key);
        QFETCH(QString, canonical);
        const RunField f = RunField::parse(text);
        QCOMPARE(int(f.kind), kind);
        QCOMPARE(f.key, key);
        QCOMPARE(f.toString(), canonical);
        if (f.isValid())
            QCOMPARE(RunField::parse(f.toString()), f); // round trip
    }

    void backtickInKeyRoundTrips() {
        const RunField f = RunField::param(QStringLiteral("a`b c"));
        QCOMPARE(f.toString(), QStringLiteral("params.`a``b c`"));
        QCOMPARE(RunField::parse(f.toString()), f);
    }

    void values() {
        Run run;
        run.name = QStringLiteral("alpha");
        run.status = RunStatus::Failed;
        run.startMs = 1000;
        run.endMs = 4000;
        run.deleted = true;
        run.uid = QStringLiteral("abc");
        run.config.set(QStringLiteral("lr"), 0.01);
        run.config.set(QStringLiteral("bs"), qint64(32));
        run.config.set(QStringLiteral("opt"), QStringLiteral("adam"));
        run.config.set(QStringLiteral("none"), QVariant());
        run.tags.insert(QStringLiteral("mlflow.user"), QStringLiteral("ada"));
        run.metricRef(QStringLiteral("loss")).add({5, 0, 0.25});

        QCOMPARE(RunField::parse(u"params.lr").value(run), QVariant(0.01));
        QCOMPARE(RunField::parse(u"params.bs").value(run).typeId(), QMetaType::LongLong);
        QCOMPARE(RunField::parse(u"params.opt").value(run), QVariant(QStringLiteral("adam")));
        QVERIFY(!RunField::parse(u"params.none").value(run).isValid());
        QVERIFY(!RunField::parse(u"params.missing").value(run).isValid());
        QCOMPARE(RunField::parse(u"metrics.loss").value(run), QVariant(0.25));
        QVERIFY(!RunField::parse(u"metrics.acc").value(run).isValid());
        QCOMPARE(RunField::parse(u"tags.mlflow.user").value(run), QVariant(QStringLiteral("ada")));
        QCOMPARE(RunField::parse(u"status").value(run), QVariant(QStringLiteral("FAILED")));
        QCOMPARE(RunField::parse(u"name").value(run), QVariant(QStringLiteral("alpha")));
        QVERIFY(!RunField::parse(u"experiment").value(run).isValid()); // empty is missing
        QCOMPARE(RunField::parse(u"start_time").value(run), QVariant(qint64(1000)));
        QCOMPARE(RunField::parse(u"duration").value(run), QVariant(qint64(3000)));
        QCOMPARE(RunField::parse(u"deleted").value(run), QVariant(true));
        QCOMPARE(RunField::parse(u"run_id").value(run), QVariant(QStringLiteral("abc")));
        run.endMs = 0;
        QVERIFY(!RunField::parse(u"duration").value(run).isValid());
        QVERIFY(!RunField::parse(u"end_time").value(run).isValid());
    }

    void compareValues() {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const double inf = std::numeric_limits<double>::infinity();
        const auto s = [](const char16_t *t) {
            return QVariant(QString::fromUtf16(t));
        };
        // numbers numerically, mixed int and double
        QVERIFY(compareFieldValues(9, 10) < 0);
        QVERIFY(compareFieldValues(qint64(10), 9.5) > 0);
        QVERIFY(compareFieldValues(2.0, qint64(2)) == 0);
        QVERIFY(compareFieldValues(-inf, -1e308) < 0);
        QVERIFY(compareFieldValues(inf, 1e308) > 0);
        // big integers exactly
        QVERIFY(compareFieldValues(qint64(9007199254740993LL), qint64(9007199254740992LL)) > 0);
        // numbers before text, text before NaN, NaN before missing
        QVERIFY(compareFieldValues(1e9, s(u"a")) < 0);
        QVERIFY(compareFieldValues(s(u"zzz"), nan) < 0);
        QVERIFY(compareFieldValues(inf, nan) < 0);
        QVERIFY(compareFieldValues(nan, QVariant()) < 0);
        QVERIFY(compareFieldValues(s(u"a"), QVariant()) < 0);
        QCOMPARE(compareFieldValues(QVariant(), QVariant()), 0);
        QCOMPARE(compareFieldValues(nan, nan), 0);
        // natural, case-insensitive text
        QVERIFY(compareFieldValues(s(u"run-9"), s(u"run-10")) < 0);
        QVERIFY(compareFieldValues(s(u"Run-10"), s(u"run-9")) > 0);
        QCOMPARE(compareFieldValues(s(u"ABC"), s(u"abc")), 0);
        QVERIFY(compareFieldValues(s(u"a"), s(u"B")) < 0);
        QVERIFY(compareFieldValues(s(u"layer_2.w"), s(u"layer_10.w")) < 0);
        QVERIFY(compareFieldValues(s(u"x007"), s(u"x7")) == 0);
        QVERIFY(compareFieldValues(s(u"x99999999999999999999"), s(u"x100000000000000000000")) < 0);
        QVERIFY(compareFieldValues(s(u"Ärger"), s(u"ärger")) == 0);
        // bool counts as a number
        QVERIFY(compareFieldValues(false, true) < 0);
    }

    void sortKeyAgreesWithCompare() {
        const QStringList values{u"run-10"_qs, u"run-9"_qs, u"Run-9"_qs, u"run-"_qs,  u"run-a"_qs,
                                 u"run-09"_qs, u"a1b2"_qs,  u"a1b10"_qs, u"A"_qs,     u""_qs,
                                 u"x-1"_qs,    u"x/1"_qs,   u"Émile"_qs, u"émile2"_qs};
        for (const QString &a : values) {
            for (const QString &b : values) {
                std::u16string ka;
                std::u16string kb;
                appendNaturalSortKey(a, &ka);
                appendNaturalSortKey(b, &kb);
                const int c = naturalCompare(a, b);
                const int k = ka < kb ? -1 : ka > kb ? 1 : 0;
                QVERIFY2((c < 0) == (k < 0) && (c > 0) == (k > 0),
                         qPrintable(a + QStringLiteral(" vs ") + b));
            }
        }
    }

    void containsFoldedWorks() {
        QVERIFY(containsFolded(u"ResNet50", foldCase(u"RESNET")));
        QVERIFY(containsFolded(u"x", u""));
        QVERIFY(!containsFolded(u"res", foldCase(u"resnet")));
        QVERIFY(containsFolded(u"Größe", foldCase(u"GRÖ")));
    }
};

QTEST_GUILESS_MAIN(TestRunField)
#include "tst_runfield.moc"
