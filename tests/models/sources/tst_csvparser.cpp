// SPDX-License-Identifier: GPL-3.0-or-later
// The CSV / TSV / JSON Lines tokenizer and metric-log parsers, driven on bytes.

#include "sources/csvparser.h"
#include "sources/filerun.h"
#include "sources/treeparse.h"

#include <QTest>
#include <cmath>

using namespace runlens;
using namespace runlens::sources;

namespace {

const FileContribution::Series *seriesOf(const FileContribution &c, const QString &key) {
    for (const auto &s : c.series) {
        if (s.key == key)
            return &s;
    }
    return nullptr;
}

FileContribution parse(std::string_view bytes, const csv::CsvSpec &spec, qint64 offset = 0,
                       qint64 units = 0, std::string_view head = {}) {
    FileInput in;
    in.absPath = QStringLiteral("/x/metrics.csv");
    in.bytes = bytes;
    in.offset = offset;
    in.units = units;
    in.head = head;
    FileContribution out;
    csv::parseMetricCsv(in, out, spec);
    return out;
}

FileContribution parseJsonl(std::string_view bytes, qint64 offset = 0, qint64 units = 0) {
    FileInput in;
    in.absPath = QStringLiteral("/x/metrics.jsonl");
    in.bytes = bytes;
    in.offset = offset;
    in.units = units;
    FileContribution out;
    csv::parseMetricJsonl(in, out);
    return out;
}

csv::CsvSpec stepSpec() {
    return csv::CsvSpec{{QStringLiteral("step"), QStringLiteral("epoch")},
                        {QStringLiteral("epoch")},
                        {QStringLiteral("timestamp")},
                        true};
}

QStringList cellsOf(const csv::Record &r) {
    QStringList out;
    for (std::string_view c : r.cells)
        out << QString::fromUtf8(c.data(), qsizetype(c.size()));
    return out;
}

} // namespace

class TestCsvParser : public QObject {
    Q_OBJECT

private slots:
    void splitPlainAndQuoted() {
        csv::Record r;
        const std::string_view text = "a,\"b,c\",\"say \"\"hi\"\"\",,\"multi\nline\"\r\nnext\n";
        const size_t end = csv::splitRecord(text, 0, ',', r);
        QCOMPARE(end, text.find("next"));
        QCOMPARE(cellsOf(r), (QStringList{QStringLiteral("a"), QStringLiteral("b,c"),
                                          QStringLiteral("say \"hi\""), QString(),
                                          QStringLiteral("multi\nline")}));
        QCOMPARE(r.lines, 2);
        QCOMPARE(csv::splitRecord(text, end, ',', r), text.size());
        QCOMPARE(cellsOf(r), QStringList{QStringLiteral("next")});
    }

    void splitIncomplete() {
        csv::Record r;
        QCOMPARE(csv::splitRecord("a,b", 0, ',', r), std::string_view::npos);
        QCOMPARE(csv::splitRecord("a,\"b\nc", 0, ',', r), std::string_view::npos);
        QCOMPARE(csv::splitRecord("a,\"b\"", 0, ',', r), std::string_view::npos);
        QCOMPARE(csv::splitRecord("a,", 0, ',', r), std::string_view::npos);
        QCOMPARE(csv::splitRecord("", 0, ',', r), std::string_view::npos);
    }

    void crCrLf() {
        // Keras on Windows: text-mode file with the Excel dialect's CRLF gives \r\r\n.
        csv::Record r;
        const std::string_view text = "1,2\r\r\n";
        QCOMPARE(csv::splitRecord(text, 0, ',', r), text.size());
        QCOMPARE(cellsOf(r), (QStringList{QStringLiteral("1"), QStringLiteral("2")}));
    }

    void delimiters() {
        QCOMPARE(csv::detectDelimiter("a,b,c"), ',');
        QCOMPARE(csv::detectDelimiter("a;b;c"), ';');
        QCOMPARE(csv::detectDelimiter("a\tb\tc"), '\t');
        QCOMPARE(csv::detectDelimiter("\"a;b\",c"), ',');
        QCOMPARE(csv::detectDelimiter("loss"), ',');
    }

    void cells() {
        QCOMPARE(csv::parseCell("1.5").value(), 1.5);
        QCOMPARE(csv::parseCell("1e-06").value(), 1e-06);
        QCOMPARE(csv::parseCell("+2").value(), 2.0);
        QVERIFY(std::isnan(csv::parseCell("nan").value()));
        QVERIFY(std::isnan(csv::parseCell("NaN").value()));
        QCOMPARE(csv::parseCell("inf").value(), std::numeric_limits<double>::infinity());
        QCOMPARE(csv::parseCell("-Infinity").value(), -std::numeric_limits<double>::infinity());
        QVERIFY(!csv::parseCell("abc"));
        QVERIFY(!csv::parseCell("[0.1, 0.2]"));
        QVERIFY(csv::isMissing(""));
        QVERIFY(csv::isMissing("NA"));
        QVERIFY(csv::isMissing("None"));
        QVERIFY(!csv::isMissing("nan"));
        QCOMPARE(csv::trimmed("   2.0463"), std::string_view("2.0463"));
    }

    void sparseLightningRows() {
        const std::string_view text = "epoch,lr-Adam,step,train/loss,val/loss\r\n"
                                      ",0.003,49,,\r\n"
                                      "0,,49,0.5,\r\n"
                                      "0,,99,0.25,0.75\r\n";
        const auto c = parse(text, stepSpec());
        QVERIFY(c.problems.isEmpty());
        QCOMPARE(c.consumed, qint64(text.size()));
        QCOMPARE(c.units, 3);
        const auto *loss = seriesOf(c, QStringLiteral("train/loss"));
        QVERIFY(loss);
        QCOMPARE(loss->points.size(), size_t(2));
        QCOMPARE(loss->points[1].step, 99);
        QCOMPARE(loss->points[1].value, 0.25);
        const auto *epoch = seriesOf(c, QStringLiteral("epoch"));
        QVERIFY(epoch); // epoch is a metric too, where filled
        QCOMPARE(epoch->points.size(), size_t(2));
        QCOMPARE(seriesOf(c, QStringLiteral("lr-Adam"))->points.size(), size_t(1));
        QCOMPARE(seriesOf(c, QStringLiteral("val/loss"))->points.front().step, 99);
        QVERIFY(!seriesOf(c, QStringLiteral("step")));
    }

    void nanInfEmpty() {
        const auto c = parse("step,a,b\n0,nan,\n1,inf,NA\n2,-inf,3\n", stepSpec());
        QVERIFY(c.problems.isEmpty());
        const auto *a = seriesOf(c, QStringLiteral("a"));
        QCOMPARE(a->points.size(), size_t(3));
        QVERIFY(std::isnan(a->points[0].value));
        QVERIFY(std::isinf(a->points[1].value) && a->points[1].value > 0);
        QVERIFY(std::isinf(a->points[2].value) && a->points[2].value < 0);
        QCOMPARE(seriesOf(c, QStringLiteral("b"))->points.size(), size_t(1));
    }

    void quotedFieldsAndUnicode() {
        const auto c = parse("step,\"loss, total\",\"Genauigkeit (Übung)\",损失\n"
                             "1,\"0.5\",0.9,\"1\"\n"
                             "2,0.25,\"0.95\",2\n",
                             stepSpec());
        QVERIFY2(c.problems.isEmpty(), qPrintable(c.problems.value(0).message));
        QCOMPARE(seriesOf(c, QStringLiteral("loss, total"))->points.size(), size_t(2));
        QCOMPARE(seriesOf(c, QStringLiteral("Genauigkeit (Übung)"))->points[1].value, 0.95);
        const auto *cjk = seriesOf(c, QStringLiteral("损失"));
        QVERIFY(cjk);
        QCOMPARE(cjk->points.back().value, 2.0);
    }

    void raggedRowReported() {
        const auto c = parse("step,a,b\n0,1,2\n1,1\n2,3,4\n", stepSpec());
        QCOMPARE(c.problems.size(), 1);
        QCOMPARE(c.problems[0].where, QStringLiteral("line 3"));
        QCOMPARE(seriesOf(c, QStringLiteral("a"))->points.size(), size_t(2));
        QCOMPARE(seriesOf(c, QStringLiteral("b"))->points.back().value, 4.0);
        QCOMPARE(c.units, 3); // the ragged row still counts as a row
    }

    void nonNumericReportedOnce() {
        const auto c = parse("epoch,loss,v\n0,1,\"[1, 2]\"\n1,2,\"[3, 4]\"\n",
                             csv::CsvSpec{{QStringLiteral("epoch")}, {}, {}, true});
        QCOMPARE(c.problems.size(), 1);
        QCOMPARE(c.problems[0].where, QStringLiteral("line 2"));
        QVERIFY(c.problems[0].message.contains(u"\"v\""));
        QCOMPARE(seriesOf(c, QStringLiteral("loss"))->points.size(), size_t(2));
        QVERIFY(!seriesOf(c, QStringLiteral("v")));
    }

    void emptyAndHeaderOnly() {
        auto c = parse("", stepSpec());
        QCOMPARE(c.consumed, 0);
        QVERIFY(c.series.empty());
        QVERIFY(c.problems.isEmpty());
        c = parse("step,loss", stepSpec()); // header still being written
        QCOMPARE(c.consumed, 0);
        c = parse("step,loss\n", stepSpec());
        QCOMPARE(c.consumed, 10);
        QVERIFY(c.series.empty());
        QCOMPARE(c.units, 0);
    }

    void partialLastLine() {
        const std::string_view text = "step,loss\n0,1\n1,0.5\n2,0.2";
        const auto c = parse(text, stepSpec());
        QCOMPARE(c.consumed, qint64(text.find("2,0.2")));
        QCOMPARE(c.units, 2);
        QCOMPARE(seriesOf(c, QStringLiteral("loss"))->points.size(), size_t(2));
    }

    void rowNumbersContinueOnResume() {
        const csv::CsvSpec spec{{QStringLiteral("step")}, {}, {}, true};
        const std::string file = "loss,acc\n1,0.1\n0.5,0.2\n0.25,0.3\n";
        const auto first = parse(std::string_view(file).substr(0, 23), spec);
        QCOMPARE(first.units, 2);
        QCOMPARE(first.consumed, 23);
        const auto second = parse(std::string_view(file).substr(23), spec, 23, 2, file);
        QVERIFY(second.problems.isEmpty());
        QCOMPARE(second.units, 1);
        const auto *loss = seriesOf(second, QStringLiteral("loss"));
        QCOMPARE(loss->points.size(), size_t(1));
        QCOMPARE(loss->points[0].step, 2);
        QCOMPARE(loss->points[0].value, 0.25);
    }

    void rewriteDetectedOnResume() {
        // Lightning added a column and rewrote the file: the old offset lands mid-line.
        const std::string file = "epoch,step,train_loss,val_loss\n0,0,1.0,\n0,1,0.9,\n0,1,,2.0\n";
        const auto c = parse(std::string_view(file).substr(12), stepSpec(), 12, 1, file);
        QVERIFY(c.retryLater);
        QVERIFY(c.series.empty());
        QVERIFY(c.problems.isEmpty());
    }

    void rewriteBeyondTheHead() {
        // The head (first 64 KiB) does not reach the offset: a mid-line first row on a resume
        // means a rewrite; in a later chunk of the same read it is a ragged row.
        const std::string file = "epoch,step,loss\n0,0,1.0\n0,1,0.9\n0,2,0.8\n";
        const std::string_view head = std::string_view(file).substr(0, 16);
        const size_t at = file.find("0,1,0.9") + 2; // mid-line
        auto c = parse(std::string_view(file).substr(at), stepSpec(), qint64(at), 1, head);
        QVERIFY(c.retryLater);
        QVERIFY(c.series.empty());

        FileInput in;
        in.bytes = std::string_view(file).substr(at);
        in.offset = qint64(at);
        in.units = 1;
        in.head = head;
        FileContribution out;
        out.addPoint(QStringLiteral("loss"), core::MetricPoint{0, 0, 1.0}); // an earlier chunk
        csv::parseMetricCsv(in, out, stepSpec());
        QVERIFY(!out.retryLater);
        QCOMPARE(out.problems.size(), 1);
        QCOMPARE(seriesOf(out, QStringLiteral("loss"))->points.size(), size_t(2));
    }

    void semicolonsAndTabs() {
        auto c = parse("step;loss\n0;1.5\n", stepSpec());
        QCOMPARE(seriesOf(c, QStringLiteral("loss"))->points[0].value, 1.5);
        c = parse("step\tloss\n3\t2.5\n", stepSpec());
        QCOMPARE(seriesOf(c, QStringLiteral("loss"))->points[0].step, 3);
    }

    void timeColumn() {
        const auto c = parse("step,timestamp,loss\n0,1700000000.5,1\n", stepSpec());
        const auto *loss = seriesOf(c, QStringLiteral("loss"));
        QCOMPARE(loss->points[0].timeMs, qint64(1700000000500));
        QVERIFY(!seriesOf(c, QStringLiteral("timestamp")));
    }

    void spacePadded() {
        const auto c = parse("   epoch,   train/box_loss,\n       1,           2.0463,\n",
                             csv::CsvSpec{{QStringLiteral("epoch")}, {}, {}, true});
        // The trailing comma makes an empty last column: no values, no problems.
        QVERIFY(c.problems.isEmpty());
        const auto *box = seriesOf(c, QStringLiteral("train/box_loss"));
        QVERIFY(box);
        QCOMPARE(box->points[0].step, 1);
        QCOMPARE(box->points[0].value, 2.0463);
    }

    void headerHelpers() {
        QCOMPARE(csv::csvHeader("\xEF\xBB\xBF"
                                "epoch,loss\r\n0,1\r\n"),
                 (QStringList{QStringLiteral("epoch"), QStringLiteral("loss")}));
        QVERIFY(csv::looksLikeMetricCsv("step,loss\n0,1\n"));
        QVERIFY(csv::looksLikeMetricCsv("step,loss\n"));
        QVERIFY(!csv::looksLikeMetricCsv("1,2\n3,4\n"));         // no header
        QVERIFY(!csv::looksLikeMetricCsv("name,city\nbob,x\n")); // no numbers
        QVERIFY(!csv::looksLikeMetricCsv(""));
    }

    void jsonl() {
        const auto c = parseJsonl("{\"step\": 0, \"loss\": 1.0, \"eval\": {\"acc\": 0.5}}\n"
                                  "not json\n"
                                  "\n"
                                  "[1, 2]\n"
                                  "{\"step\": 2, \"loss\": NaN, \"note\": \"x\", "
                                  "\"timestamp\": 1700000000}\n"
                                  "{\"loss\": 0.1");
        QCOMPARE(c.problems.size(), 2);
        QCOMPARE(c.problems[0].where, QStringLiteral("line 2"));
        QCOMPARE(c.problems[1].where, QStringLiteral("line 4"));
        const auto *loss = seriesOf(c, QStringLiteral("loss"));
        QCOMPARE(loss->points.size(), size_t(2));
        QCOMPARE(loss->points[1].step, 2);
        QVERIFY(std::isnan(loss->points[1].value));
        QCOMPARE(loss->points[1].timeMs, qint64(1700000000000));
        QCOMPARE(seriesOf(c, QStringLiteral("eval/acc"))->points[0].value, 0.5);
        QVERIFY(!seriesOf(c, QStringLiteral("step")));
        QVERIFY(!seriesOf(c, QStringLiteral("note")));
        QCOMPARE(c.units, 4); // non-blank complete lines
        QCOMPARE(c.consumed, qint64(std::string_view("{\"step\": 0, \"loss\": 1.0, \"eval\": "
                                                     "{\"acc\": 0.5}}\nnot json\n\n[1, 2]\n{\"step"
                                                     "\": 2, \"loss\": NaN, \"note\": \"x\", \"ti"
                                                     "mestamp\": 1700000000}\n")
                                        .size()));
    }

    void jsonBareNaN() {
        treeparse::ParseError error;
        const QVariantMap m =
            treeparse::parseJson("{\"a\": NaN, \"b\": -Infinity}", &error).toMap();
        QVERIFY(!error.failed());
        QCOMPARE(m.value(QStringLiteral("a")).typeId(), int(QMetaType::Double));
        QVERIFY(std::isnan(m.value(QStringLiteral("a")).toDouble()));
        QCOMPARE(m.value(QStringLiteral("b")).toDouble(), -std::numeric_limits<double>::infinity());
    }

    void jsonlRowNumbersContinue() {
        const auto c = parseJsonl("{\"loss\": 3}\n", 100, 7);
        QCOMPARE(seriesOf(c, QStringLiteral("loss"))->points[0].step, 7);
    }
};

QTEST_GUILESS_MAIN(TestCsvParser)
#include "tst_csvparser.moc"
