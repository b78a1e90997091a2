// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/configtree.h"

#include <QJsonDocument>
#include <QTest>
#include <cmath>
#include <limits>

using namespace runlens::core;

class TestConfigTree final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void inferScalar_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QVariant>("expected");
        QTest::newRow("int") << "10" << QVariant(qint64(10));
        QTest::newRow("negative int") << "-3" << QVariant(qint64(-3));
        QTest::newRow("exp") << "1e-05" << QVariant(1e-05);
        QTest::newRow("float") << "0.5" << QVariant(0.5);
        QTest::newRow("leading dot") << ".5" << QVariant(0.5);
        QTest::newRow("True") << "True" << QVariant(true);
        QTest::newRow("false") << "false" << QVariant(false);
        QTest::newRow("None stays text") << "None" << QVariant(QStringLiteral("None"));
        QTest::newRow("empty stays text") << "" << QVariant(QString());
        QTest::newRow("padded stays text") << " 1" << QVariant(QStringLiteral(" 1"));
        QTest::newRow("word") << "adam" << QVariant(QStringLiteral("adam"));
        QTest::newRow("inf") << "inf" << QVariant(std::numeric_limits<double>::infinity());
        QTest::newRow("-Infinity")
            << "-Infinity" << QVariant(-std::numeric_limits<double>::infinity());
        QTest::newRow("version stays text") << "1.2.3" << QVariant(QStringLiteral("1.2.3"));
    }
    void inferScalar() {
        QFETCH(QString, text);
        QFETCH(QVariant, expected);
        const QVariant v = ConfigTree::inferScalar(text);
        QCOMPARE(v.typeId(), expected.typeId());
        QCOMPARE(v, expected);
    }

    void inferNaN() {
        const QVariant v = ConfigTree::inferScalar(u"NaN");
        QCOMPARE(v.typeId(), QMetaType::Double);
        QVERIFY(std::isnan(v.toDouble()));
    }

    void insertTreeFlattens() {
        ConfigTree t;
        const QVariantMap tree{
            {QStringLiteral("model"),
             QVariantMap{{QStringLiteral("depth"), 50},
                         {QStringLiteral("layers"), QVariantList{64, 128}}}},
            {QStringLiteral("lr"), 0.1},
            {QStringLiteral("empty"), QVariantMap{}},
            {QStringLiteral("none"), QVariantList{}},
        };
        t.insertTree(tree);
        QCOMPARE(t.value(QStringLiteral("model.depth")), QVariant(50));
        QCOMPARE(t.value(QStringLiteral("model.layers[0]")), QVariant(64));
        QCOMPARE(t.value(QStringLiteral("model.layers[1]")), QVariant(128));
        QCOMPARE(t.value(QStringLiteral("lr")), QVariant(0.1));
        QVERIFY(t.contains(QStringLiteral("empty")));
        QVERIFY(!t.value(QStringLiteral("empty")).isValid());
        QVERIFY(t.contains(QStringLiteral("none")));
        QCOMPARE(t.size(), 6);

        ConfigTree prefixed;
        prefixed.insertTree(QVariantList{1, QVariantMap{{QStringLiteral("a"), 2}}},
                            QStringLiteral("x"));
        QCOMPARE(prefixed.value(QStringLiteral("x[0]")), QVariant(1));
        QCOMPARE(prefixed.value(QStringLiteral("x[1].a")), QVariant(2));
    }

    void setKeepsOrderAndReplaces() {
        ConfigTree t;
        t.set(QStringLiteral("b"), 1);
        t.set(QStringLiteral("a.b"), 2);
        t.set(QStringLiteral("b"), 3);
        QCOMPARE(t.size(), 2);
        QCOMPARE(t.entries().front().key, QStringLiteral("b"));
        QCOMPARE(t.value(QStringLiteral("b")), QVariant(3));
        QCOMPARE(t.value(QStringLiteral("a.b")), QVariant(2)); // flat keys stay flat
    }

    void toJsonHandlesNaN() {
        ConfigTree t;
        t.set(QStringLiteral("nan"), std::numeric_limits<double>::quiet_NaN());
        t.set(QStringLiteral("inf"), std::numeric_limits<double>::infinity());
        t.set(QStringLiteral("ninf"), -std::numeric_limits<double>::infinity());
        t.set(QStringLiteral("d"), 0.5);
        t.set(QStringLiteral("i"), qint64(1) << 40);
        t.set(QStringLiteral("b"), true);
        t.set(QStringLiteral("null"), QVariant());
        t.set(QStringLiteral("s"), QStringLiteral("x"));
        const QJsonObject o = t.toJson();
        QCOMPARE(o.value(u"nan").toString(), QStringLiteral("NaN"));
        QCOMPARE(o.value(u"inf").toString(), QStringLiteral("Infinity"));
        QCOMPARE(o.value(u"ninf").toString(), QStringLiteral("-Infinity"));
        QCOMPARE(o.value(u"d").toDouble(), 0.5);
        QCOMPARE(o.value(u"i").toInteger(), qint64(1) << 40);
        QCOMPARE(o.value(u"b").toBool(), true);
        QVERIFY(o.value(u"null").isNull());
        QCOMPARE(o.value(u"s").toString(), QStringLiteral("x"));
        // Serialises to valid JSON (no bare NaN).
        QVERIFY(!QJsonDocument(o).toJson().contains("nan,"));
    }
};

QTEST_GUILESS_MAIN(TestConfigTree)
#include "tst_configtree.moc"
