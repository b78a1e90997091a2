// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/runfilter.h"

#include <QDateTime>
#include <QTest>
#include <limits>

using namespace runlens::core;

namespace {

qint64 localMs(int y, int m, int d, int h) {
    return QDateTime(QDate(y, m, d), QTime(h, 0)).toMSecsSinceEpoch();
}

// Four hand-built runs; every expression below states which of them it matches, as "0110".
Runs sampleRuns() {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    Runs runs(4);
    Run &r0 = runs[0];
    r0.name = QStringLiteral("resnet-baseline");
    r0.experiment = QStringLiteral("vision");
    r0.uid = QStringLiteral("aaa111");
    r0.status = RunStatus::Finished;
    r0.startMs = localMs(2024, 10, 21, 10);
    r0.endMs = r0.startMs + 3600000;
    r0.config.set(QStringLiteral("lr"), 0.01);
    r0.config.set(QStringLiteral("bs"), qint64(32));
    r0.config.set(QStringLiteral("optimizer"), QStringLiteral("adam"));
    r0.config.set(QStringLiteral("flag"), true);
    r0.config.set(QStringLiteral("Training Batch size"), qint64(16));
    r0.tags.insert(QStringLiteral("team"), QStringLiteral("vision-core"));
    r0.tags.insert(QStringLiteral("mlflow.user"), QStringLiteral("ada"));
    r0.metricRef(QStringLiteral("val_loss")).add({1, 0, 0.25});
    r0.metricRef(QStringLiteral("acc")).add({1, 0, 0.9});

    Run &r1 = runs[1];
    r1.name = QStringLiteral("vit-large");
    r1.experiment = QStringLiteral("vision");
    r1.uid = QStringLiteral("bbb222");
    r1.status = RunStatus::Failed;
    r1.startMs = localMs(2024, 10, 22, 10);
    r1.endMs = r1.startMs + 1800000;
    r1.config.set(QStringLiteral("lr"), 0.001);
    r1.config.set(QStringLiteral("bs"), qint64(64));
    r1.config.set(QStringLiteral("optimizer"), QStringLiteral("sgd"));
    r1.config.set(QStringLiteral("flag"), false);
    r1.config.set(QStringLiteral("模型"), QStringLiteral("变压器"));
    r1.tags.insert(QStringLiteral("team"), QStringLiteral("NLP"));
    r1.metricRef(QStringLiteral("val_loss")).add({1, 0, nan});
    r1.metricRef(QStringLiteral("acc")).add({1, 0, 0.5});

    Run &r2 = runs[2];
    r2.name = QStringLiteral("bert_10");
    r2.experiment = QStringLiteral("nlp");
    r2.uid = QStringLiteral("ccc333");
    r2.status = RunStatus::Killed;
    r2.deleted = true;
    r2.startMs = localMs(2024, 10, 20, 10);
    r2.config.set(QStringLiteral("lr"), QStringLiteral("0.1")); // MLflow keeps params as text
    r2.config.set(QStringLiteral("optimizer"), QStringLiteral("AdamW"));
    r2.tags.insert(QStringLiteral("epochs"), QStringLiteral("20"));
    r2.tags.insert(QStringLiteral("note"), QStringLiteral("50%_off"));
    r2.metricRef(QStringLiteral("val_loss")).add({1, 0, 0.4});

    Run &r3 = runs[3];
    r3.name = QStringLiteral("Run 9");
    r3.uid = QStringLiteral("ddd444");
    r3.status = RunStatus::Running;
    r3.metricRef(QStringLiteral("acc")).add({1, 0, inf});
    return runs;
}

QString mask(const RunFilter &f, const Runs &runs) {
    QString m;
    for (const Run &r : runs)
        m += f.matches(r) ? u'1' : u'0';
    return m;
}

// The same mask through matchAll(), with and without a RunTextIndex; all three must agree.
QString bulkMask(const RunFilter &f, const Runs &runs, const RunTextIndex *index) {
    std::vector<char> out;
    f.matchAll(runs, index, &out);
    QString m;
    for (const char c : out)
        m += c ? u'1' : u'0';
    return m;
}

} // namespace

class TestRunFilter final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void expressions_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        const auto row = [](const char16_t *text, const char16_t *expected) {
            const QString t = QString::fromUtf16(text);
            QTest::newRow(t.toUtf8().constData()) << t << QString::fromUtf16(expected);
        };
        row(u"params.lr < 0.01", u"0100");
        row(u"params.lr <= 0.01", u"1100");
        row(u"params.lr < 1E-2", u"0100");
        row(u"params.lr > -1", u"1110");
        row(u"params.lr = 0.1", u"0010");
        row(u"params.lr = '0.01'", u"1000");
        row(u"params.lr=0.001", u"0100");
        row(u"params.lr == 0.001", u"0100");
        row(u"params.lr <> 0.001", u"1011");
        row(u"params.lr < 0.01 and metrics.val_loss < 0.3", u"0000");
        row(u"params.lr <= 0.01 and metrics.val_loss < 0.3", u"1000");
        row(u"params.lr < 0.01 or metrics.val_loss < 0.3", u"1100");
        row(u"PARAMS.lr < 0.01 AnD metrics.acc > 0.1", u"0100");
        row(u"param.lr < 0.01", u"0100");
        row(u"attributes.status = 'FAILED'", u"0100");
        row(u"status = 'failed'", u"0100");
        row(u"status = FAILED", u"0100");
        row(u"attributes.status != 'FINISHED'", u"0111");
        row(u"attributes.status = 'NOPE'", u"0000");
        row(u"attributes.status LIKE 'F%'", u"1100");
        row(u"tags.team LIKE 'vision%'", u"1000");
        row(u"tags.team LIKE 'VISION%'", u"0000");
        row(u"tags.team ILIKE 'VISION%'", u"1000");
        row(u"tags.team ilike '%l%'", u"0100");
        row(u"tags.team NOT LIKE 'vision%'", u"0111");
        row(u"tags.team = \"NLP\"", u"0100");
        row(u"tags.`mlflow.user` = 'ada'", u"1000");
        row(u"tags.mlflow.user = 'ada'", u"1000");
        row(u"tags.epochs > 10", u"0010");
        row(u"tags.note LIKE '50\\%\\_off'", u"0010");
        row(u"tags.note LIKE '50_\\_off'", u"0010");
        row(u"tags.note LIKE '50\\%x%'", u"0000");
        row(u"tags.note LIKE '50%'", u"0010");
        row(u"tags.note LIKE '5_'", u"0000");
        row(u"params.optimizer != 'adam'", u"0111");
        row(u"params.optimizer > 'b'", u"0100");
        row(u"params.optimizer ILIKE 'adam%'", u"1010");
        row(u"params.optimizer = 'adam' OR params.optimizer = 'sgd' AND metrics.acc > 0.6",
            u"1000");
        row(u"(params.optimizer = 'adam' or params.optimizer = 'sgd') and metrics.acc < 0.6",
            u"0100");
        row(u"(((params.bs = 32)))", u"1000");
        row(u"params.bs = 32.0", u"1000");
        row(u"params.bs > 40", u"0100");
        row(u"params.bs != 32", u"0111");
        row(u"params.`Training Batch size` = 16", u"1000");
        row(u"params.\"Training Batch size\" >= 16", u"1000");
        row(u"params.flag = true", u"1000");
        row(u"params.flag = FALSE", u"0100");
        row(u"params.flag = 'true'", u"1000");
        row(u"params.模型 = '变压器'", u"0100");
        row(u"metrics.val_loss = nan", u"0100");
        row(u"metrics.val_loss != nan", u"1011");
        row(u"metrics.val_loss > 0", u"1010");
        row(u"metrics.val_loss != 0.25", u"0111");
        row(u"metrics.acc > 1e3", u"0001");
        row(u"metrics.acc = inf", u"0001");
        row(u"metrics.acc >= -1", u"1101");
        row(u"metric.acc < 0.6", u"0100");
        row(u"attributes.start_time >= '2024-10-22'", u"0100");
        row(u"attributes.start_time = '2024-10-21'", u"1000");
        row(u"attributes.start_time < '2024-10-21T12:00:00'", u"1010");
        row(u"attributes.start_time > 0", u"1110");
        row(u"attributes.duration > 1800000", u"1000");
        row(u"attributes.duration >= 1800000", u"1100");
        row(u"attributes.deleted = true", u"0010");
        row(u"attributes.name LIKE '%9'", u"0001");
        row(u"run_name = 'Run 9'", u"0001");
        row(u"attributes.experiment = 'vision'", u"1100");
        row(u"attributes.run_id = 'ccc333'", u"0010");
    }
    void expressions() {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const RunFilter f = RunFilter::parse(text);
        QVERIFY2(f.isValid(), qPrintable(f.error()));
        QVERIFY(!f.isEmpty());
        const Runs runs = sampleRuns();
        QCOMPARE(mask(f, runs), expected);
        const RunTextIndex index(runs);
        QCOMPARE(bulkMask(f, runs, nullptr), expected);
        QCOMPARE(bulkMask(f, runs, &index), expected);
    }

    void words_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        const auto row = [](const char16_t *text, const char16_t *expected) {
            const QString t = QString::fromUtf16(text);
            QTest::newRow(t.toUtf8().constData()) << t << QString::fromUtf16(expected);
        };
        row(u"resnet", u"1000");
        row(u"RESNET vision", u"1000");
        row(u"vision", u"1100");
        row(u"adam", u"1010");
        row(u"ada", u"1010");
        row(u"\"run 9\"", u"0001");
        row(u"'run 9", u"0001"); // unterminated phrase runs to the end
        row(u"run 9", u"0001");  // two words, both in "Run 9" only
        row(u"变压器", u"0100");
        row(u"模型", u"0100");
        row(u"0.001", u"0100");
        row(u"32", u"1000");
        row(u"core", u"1000");
        row(u"nothing-here", u"0000");
        row(u"bert_10 nlp", u"0010");
        row(u"bbb222", u"0100");
        row(u"training", u"1000");       // a param key
        row(u"true", u"1000");           // a boolean param by value
        row(u"false vit", u"0100");      // value and name together
        row(u"20", u"0010");             // a tag value
        row(u"baselinevision", u"0000"); // never across two fields
        row(u"large\x1fvision", u"0000");
    }
    void words() {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const RunFilter f = RunFilter::parse(text);
        QVERIFY2(f.isValid(), qPrintable(f.error()));
        QVERIFY(f.hasWords());
        const Runs runs = sampleRuns();
        QCOMPARE(mask(f, runs), expected);
        const RunTextIndex index(runs);
        QCOMPARE(index.size(), runs.size());
        QCOMPARE(bulkMask(f, runs, nullptr), expected);
        QCOMPARE(bulkMask(f, runs, &index), expected);
    }

    void errors_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("offset");
        QTest::addColumn<QString>("message");
        const auto row = [](const char16_t *text, int offset, const char16_t *message) {
            const QString t = QString::fromUtf16(text);
            QTest::newRow(t.toUtf8().constData()) << t << offset << QString::fromUtf16(message);
        };
        row(u"params.lr < ", 12, u"Expected a value after '<'");
        row(u"params.lr <", 11, u"Expected a value after '<'");
        row(u"params.lr < and params.bs = 1", 12, u"Expected a value after '<'");
        row(u"params.模型 <", 11, u"Expected a value after '<'");
        row(u"parms.lr < 0.01", 0, u"Unknown field 'parms.lr' — did you mean 'params.lr'?");
        row(u"metrcs.acc > 1", 0, u"Unknown field 'metrcs.acc' — did you mean 'metrics.acc'?");
        row(u"attributes.stauts = 'x'", 0,
            u"Unknown field 'attributes.stauts' — did you mean 'attributes.status'?");
        row(u"stauts = 'FAILED'", 0, u"Unknown field 'stauts' — did you mean 'status'?");
        row(u"lr < 0.01", 0,
            u"Unknown field 'lr'; fields start with params., metrics., tags. or attributes.");
        row(u"(params.lr < 0.01", 0, u"Unclosed parenthesis");
        row(u"params.lr < 0.01 and (metrics.a > 1", 21, u"Unclosed parenthesis");
        row(u"(", 0, u"Unclosed parenthesis");
        row(u"tags.x = 'abc", 9, u"Unterminated string");
        row(u"tags.x = \"a\\\"bc", 9, u"Unterminated string");
        row(u"params.`a b = 1", 7, u"Unterminated quoted name");
        row(u"params.lr", 9, u"Expected a comparison operator after 'params.lr'");
        row(u"params.lr 0.1", 10, u"Expected a comparison operator after 'params.lr'");
        row(u"params.lr < 0.01)", 16, u"Unmatched ')'");
        row(u"params.lr < 0.01 params.bs = 3", 17, u"Expected 'and' or 'or' before 'params.bs'");
        row(u"params.lr < 0.01 and", 20, u"Expected a condition after 'and'");
        row(u"params.lr < 0.01 and 5", 21, u"Expected a field such as params.lr, found '5'");
        row(u"params.a = 1 and ()", 18, u"Expected a condition before ')'");
        row(u"tags.x LIKE 3", 12, u"Expected a quoted pattern after 'LIKE'");
        row(u"tags.x NOT 'a'", 11, u"Expected 'like' or 'ilike' after 'not'");
        row(u"params.a ! 1", 9, u"Unknown operator '!'; use '!=' or 'not like'");
        row(u"params.a = params.b", 11, u"Expected a value after '='");
        row(u"attributes.start_time > 'yesterday'", 24,
            u"Expected a time in milliseconds or a date such as '2024-10-21'");
        row(u"params.a = 1 ; drop", 13, u"Unexpected character ';'");
    }
    void errors() {
        QFETCH(QString, text);
        QFETCH(int, offset);
        QFETCH(QString, message);
        const RunFilter f = RunFilter::parse(text);
        QVERIFY(!f.isValid());
        QVERIFY(!f.isEmpty());
        QCOMPARE(f.error(), message);
        QCOMPARE(f.errorOffset(), qsizetype(offset));
        QCOMPARE(f.text(), text);
        // An invalid filter hides nothing.
        QCOMPARE(mask(f, sampleRuns()), QStringLiteral("1111"));
    }

    void emptyAndBlank() {
        for (const QString &t : {QString(), QStringLiteral("   "), QStringLiteral("\t")}) {
            const RunFilter f = RunFilter::parse(t);
            QVERIFY(f.isEmpty());
            QVERIFY(f.isValid());
            QCOMPARE(f.errorOffset(), qsizetype(-1));
            QCOMPARE(mask(f, sampleRuns()), QStringLiteral("1111"));
        }
        QVERIFY(RunFilter().isEmpty());
    }

    void copyAndMove() {
        const RunFilter a = RunFilter::parse(QStringLiteral("params.bs > 40"));
        RunFilter b = a;
        QCOMPARE(mask(b, sampleRuns()), QStringLiteral("0100"));
        RunFilter c = std::move(b);
        QCOMPARE(mask(c, sampleRuns()), QStringLiteral("0100"));
        QVERIFY(b.isEmpty()); // NOLINT(bugprone-use-after-move): moved-from stays usable
        b = c;
        QCOMPARE(b.text(), QStringLiteral("params.bs > 40"));
        c = RunFilter::parse(QStringLiteral("parms.x = 1"));
        QVERIFY(!c.isValid());
        QVERIFY(b.isValid());
    }
};

QTEST_GUILESS_MAIN(TestRunFilter)
#include "tst_runfilter.moc"
