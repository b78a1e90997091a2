// SPDX-License-Identifier: GPL-3.0-or-later
// The W&B byte-level parser: CRC-32, the block framing of `.wandb` files (fragments, cuts,
// damage, resuming), Record decoding and the history/summary value rules.

#include "sources/wandbparser.h"
#include "tst_wandblog.h"

#include <QTest>
#include <cmath>

using namespace runlens::sources;
namespace wl = runlens::tests::wandblog;

namespace {

std::string_view view(const QByteArray &b) {
    return {b.constData(), size_t(b.size())};
}

struct Walk {
    std::vector<qint64> offsets; ///< record offsets
    std::vector<std::string> payloads;
    std::vector<qint64> corrupt;
    qint64 consumed = 0;
};

Walk walk(std::string_view bytes, qint64 offset, bool moreFollows = false) {
    Walk w;
    wandb::LogReader r(bytes, offset, moreFollows);
    for (;;) {
        const auto e = r.next();
        if (e.kind == wandb::LogReader::Event::Kind::End)
            break;
        if (e.kind == wandb::LogReader::Event::Kind::Corrupt) {
            w.corrupt.push_back(e.offset);
            continue;
        }
        w.offsets.push_back(e.offset);
        w.payloads.emplace_back(e.payload);
    }
    w.consumed = r.consumed();
    return w;
}

/// Records of 1..n KiB so several cross block boundaries as FIRST/MIDDLE/LAST.
QList<QByteArray> bigRecords(int n) {
    QList<QByteArray> recs;
    for (int i = 0; i < n; ++i) {
        const QByteArray pad((i % 7 + 1) * 1500 + i, 'x');
        recs << wl::historyRecord(i + 1, i, 1.7e9 + i,
                                  {{QStringLiteral("loss"), QByteArray::number(1.0 / (i + 1))},
                                   {QStringLiteral("pad"), '"' + pad + '"'}});
    }
    return recs;
}

} // namespace

class TestWandbParser : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void crc() {
        const QByteArray check("123456789");
        QCOMPARE(wandb::crc32(0, check.constData(), size_t(check.size())), 0xCBF43926u);
        QByteArray big(100000, '\0');
        for (qsizetype i = 0; i < big.size(); ++i)
            big[i] = char(i * 131 + 7);
        QCOMPARE(wandb::crc32(0, big.constData(), size_t(big.size())), wl::crc32(big));
        // continuing over pieces gives the same
        quint32 c = wandb::crc32(0, big.constData(), 13);
        c = wandb::crc32(c, big.constData() + 13, size_t(big.size() - 13));
        QCOMPARE(c, wl::crc32(big));
    }

    void testVector() {
        // formats.md §7: header + one FULL chunk holding Record{num 1, history{item{key "loss",
        // value_json "0.5"}, step{num 7}}}.
        const QByteArray bytes = QByteArray::fromHex(
            "3A572642E1BE00FBE770E8160001080112120A0C0A046C6F7373820103302E3512020807");
        QCOMPARE(bytes.size(), 7 + 7 + 22);
        const Walk w = walk(view(bytes), 0);
        QCOMPARE(w.offsets, std::vector<qint64>{7});
        QVERIFY(w.corrupt.empty());
        QCOMPARE(w.consumed, bytes.size());
        wandb::Record rec;
        QVERIFY(wandb::decodeRecord(w.payloads.front(), rec));
        QCOMPARE(rec.kind, wandb::Record::Kind::History);
        QCOMPARE(rec.num, 1);
        QCOMPARE(rec.step, 7);
        QCOMPARE(rec.items.size(), size_t(1));
        QCOMPARE(rec.items[0].name(), QStringLiteral("loss"));
        QCOMPARE(rec.items[0].key, std::string_view("loss"));
        QCOMPARE(rec.items[0].value, std::string_view("0.5"));
        const auto scalars = wandb::scalarsOf(rec.items);
        QCOMPARE(scalars.size(), size_t(1));
        QCOMPARE(scalars[0].value, 0.5);
    }

    void fragmentsAcrossBlocks() {
        const QList<QByteArray> recs = bigRecords(60);
        const wl::Framed f = wl::frame(recs);
        QVERIFY(f.bytes.size() > 4 * 32768);
        const Walk w = walk(view(f.bytes), 0);
        QVERIFY(w.corrupt.empty());
        QCOMPARE(w.offsets.size(), size_t(recs.size()));
        for (qsizetype i = 0; i < recs.size(); ++i) {
            QCOMPARE(w.offsets[size_t(i)], f.where[size_t(i)].first);
            QCOMPARE(QByteArray::fromStdString(w.payloads[size_t(i)]), recs[i]);
        }
        QCOMPARE(w.consumed, f.bytes.size());
    }

    void cutEverywhereResumes() {
        // Every cut point: the records wholly before it are read, consumed is the end of the
        // last of them, and reading on from there gives exactly the rest.
        const QList<QByteArray> recs = bigRecords(30);
        const wl::Framed f = wl::frame(recs);
        for (qint64 cut = 0; cut <= f.bytes.size(); cut += 97) {
            const Walk a = walk(view(f.bytes.left(cut)), 0);
            QVERIFY(a.corrupt.empty());
            size_t complete = 0;
            while (complete < f.where.size() && f.where[complete].second <= cut)
                ++complete;
            QCOMPARE(a.offsets.size(), complete);
            const qint64 resume = complete == 0 ? std::min<qint64>(cut, 7) : a.consumed;
            if (complete > 0)
                QVERIFY(a.consumed >= f.where[complete - 1].second);
            QVERIFY(complete == f.where.size() || a.consumed <= f.where[complete].first);
            const Walk b = walk(view(f.bytes.mid(resume)), resume);
            QVERIFY(b.corrupt.empty());
            QCOMPARE(a.offsets.size() + b.offsets.size(), size_t(recs.size()));
        }
    }

    void badChecksumSkipsToNextBlock() {
        const QList<QByteArray> recs = bigRecords(60);
        wl::Framed f = wl::frame(recs);
        // damage the payload of a record that starts in block 1
        size_t victim = 0;
        while (f.where[victim].first < 32768 + 2000)
            ++victim;
        const qint64 at = f.where[victim].first;
        f.bytes[at + 10] = char(f.bytes[at + 10] ^ 0x55);
        const Walk w = walk(view(f.bytes), 0);
        QCOMPARE(w.corrupt, std::vector<qint64>{at});
        size_t expected = 0;
        for (size_t i = 0; i < f.where.size(); ++i) {
            if (f.where[i].second <= at || f.where[i].first >= 2 * 32768)
                ++expected;
        }
        QCOMPARE(w.offsets.size(), expected);
        QCOMPARE(w.consumed, f.bytes.size());
    }

    void damageAtAChunkEnd() {
        // Damage whose block runs past a chunk that has more after it: left for the next
        // chunk, which sees the whole block, reports it once and skips it.
        const QList<QByteArray> recs = bigRecords(60);
        wl::Framed f = wl::frame(recs);
        size_t victim = 0;
        while (f.where[victim].first < 32768 + 500)
            ++victim;
        const qint64 at = f.where[victim].first;
        f.bytes[at + 9] = char(f.bytes[at + 9] ^ 0x5a);
        const qint64 chunkEnd = at + 3000; // inside block 1, after the damaged chunk
        QVERIFY(chunkEnd < 2 * 32768);
        const Walk a = walk(view(f.bytes.left(chunkEnd)), 0, true);
        QVERIFY(a.corrupt.empty());
        QVERIFY(a.consumed <= at);
        const Walk b = walk(view(f.bytes.mid(a.consumed)), a.consumed, false);
        QCOMPARE(b.corrupt, std::vector<qint64>{at});
        const Walk whole = walk(view(f.bytes), 0);
        QCOMPARE(a.offsets.size() + b.offsets.size(), whole.offsets.size());
    }

    void zeroesAndGarbage() {
        const wl::Framed f = wl::frame(bigRecords(3));
        QByteArray zeros = f.bytes + QByteArray(40, '\0');
        Walk w = walk(view(zeros), 0);
        QCOMPARE(w.offsets.size(), size_t(3));
        QCOMPARE(w.corrupt, std::vector<qint64>{f.bytes.size()});

        QByteArray bad = f.bytes;
        bad[0] = 'X';
        w = walk(view(bad), 0);
        QVERIFY(w.offsets.empty());
        QCOMPARE(w.corrupt.size(), size_t(1));
        QCOMPARE(w.consumed, 0);

        // a too-short file is just incomplete
        w = walk(view(f.bytes.left(5)), 0);
        QVERIFY(w.offsets.empty() && w.corrupt.empty());
        QCOMPARE(w.consumed, 0);

        // a chunk length that overruns its block
        QByteArray overrun = f.bytes.left(7) + QByteArray::fromHex("00000000FFFF01");
        w = walk(view(overrun), 0);
        QCOMPARE(w.corrupt, std::vector<qint64>{7});
    }

    void decodeRunAndExit() {
        const QByteArray run = wl::runRecord(
            3, "ab12cd34", "my-proj", "brave-otter-1", 1700000000,
            {{QStringLiteral("lr"), "0.001"}, {QStringLiteral("opt"), R"({"name": "adam"})"}});
        wandb::Record rec;
        QVERIFY(wandb::decodeRecord(view(run), rec));
        QCOMPARE(rec.kind, wandb::Record::Kind::Run);
        QCOMPARE(rec.runId, QStringLiteral("ab12cd34"));
        QCOMPARE(rec.project, QStringLiteral("my-proj"));
        QCOMPARE(rec.displayName, QStringLiteral("brave-otter-1"));
        QCOMPARE(rec.startMs, qint64(1700000000500));
        runlens::core::ConfigTree config;
        wandb::applyConfig(config, rec.items, rec.removes);
        QCOMPARE(config.value(QStringLiteral("lr")).toDouble(), 0.001);
        QCOMPARE(wandb::parseValueJson("16").typeId(), QMetaType::LongLong);
        QCOMPARE(wandb::parseValueJson("1e3").typeId(), QMetaType::Double);
        QCOMPARE(wandb::parseValueJson(" true"), QVariant(true));
        QCOMPARE(wandb::parseValueJson("\"sgd\""), QVariant(QStringLiteral("sgd")));
        QVERIFY(!wandb::parseValueJson("null").isValid());
        QVERIFY(std::isnan(wandb::parseValueJson("NaN").toDouble()));
        QCOMPARE(wandb::parseValueJson("[1, \"a\"]").toList().size(), 2);
        QCOMPARE(config.value(QStringLiteral("opt.name")).toString(), QStringLiteral("adam"));
        QVERIFY(!config.contains(QStringLiteral("_wandb")));

        QVERIFY(wandb::decodeRecord(view(wl::exitRecord(9, 3, 42)), rec));
        QCOMPARE(rec.kind, wandb::Record::Kind::Exit);
        QCOMPARE(rec.exitCode, 3);
        QCOMPARE(rec.runtimeS, 42);
        QVERIFY(wandb::decodeRecord(view(wl::exitRecord(9, 0, 1)), rec));
        QCOMPARE(rec.exitCode, 0);

        QVERIFY(!wandb::decodeRecord(std::string_view("\x12\x50xx", 4), rec));
    }

    void scalarsRules() {
        using wandb::Item;
        auto flat = [](std::string_view key, std::string_view value) {
            Item i;
            i.key = key;
            i.value = value;
            return i;
        };
        auto nested = [](std::initializer_list<std::string_view> path, std::string_view value) {
            Item i;
            for (std::string_view p : path)
                i.nested.append(p);
            i.value = value;
            return i;
        };
        const std::vector<Item> items{
            flat("train/loss", "0.25"),
            flat("acc", "NaN"),
            flat("big", "-Infinity"),
            flat("flag", "true"),
            flat("label", "\"cat\""),
            flat("list", "[1, 2]"),
            flat("_runtime", "3.5"),
            flat("nested", R"({"a": 1, "b": {"c": 2.5}, "s": "x"})"),
            flat("img", R"({"_type": "image-file", "width": 32})"),
            nested({"Sample Images", "_type"}, "\"image-file\""),
            nested({"Sample Images", "width"}, "28"),
            nested({"parts", "x"}, "4"),
            flat("损失", "1e-3"),
        };
        const auto s = wandb::scalarsOf(items);
        QStringList names;
        for (const auto &x : s)
            names << x.name;
        QCOMPARE(names, (QStringList{QStringLiteral("train/loss"), QStringLiteral("acc"),
                                     QStringLiteral("big"), QStringLiteral("nested.a"),
                                     QStringLiteral("nested.b.c"), QStringLiteral("parts.x"),
                                     QStringLiteral("损失")}));
        QVERIFY(std::isnan(s[1].value));
        QVERIFY(std::isinf(s[2].value) && s[2].value < 0);
        QCOMPARE(s[4].value, 2.5);
        QCOMPARE(s[6].value, 0.001);

        const wandb::RowClock c =
            wandb::rowClock({flat("_step", "12"), nested({"_timestamp"}, "1.7e+09")});
        QCOMPARE(c.step, 12);
        QCOMPARE(c.timeMs, qint64(1700000000000));
    }

    void folderNames() {
        QCOMPARE(wandb::runIdFromFolderName(u"run-20230329_014608-tdnogiww"),
                 QStringLiteral("tdnogiww"));
        QCOMPARE(wandb::runIdFromFolderName(u"offline-run-20230329_014608-ab1"),
                 QStringLiteral("ab1"));
        QVERIFY(wandb::runIdFromFolderName(u"latest-run").isEmpty());
        QVERIFY(wandb::runIdFromFolderName(u"run-2023032_014608-x").isEmpty());
        QVERIFY(wandb::runIdFromFolderName(u"run-20230329_014608-").isEmpty());
        QVERIFY(wandb::runIdFromFolderName(u"sweep-bk9z220w").isEmpty());
    }

    void summaryAndTime() {
        QVariantMap m{{QStringLiteral("_step"), 7LL},
                      {QStringLiteral("_timestamp"), 1700000000.5},
                      {QStringLiteral("loss"), 0.5},
                      {QStringLiteral("ok"), true},
                      {QStringLiteral("deep"), QVariantMap{{QStringLiteral("x"), 3LL}}},
                      {QStringLiteral("_wandb"), QVariantMap{{QStringLiteral("runtime"), 3LL}}}};
        const auto pts = wandb::summaryPoints(m);
        QCOMPARE(pts.size(), size_t(2));
        QCOMPARE(pts[0].name, QStringLiteral("deep.x"));
        QCOMPARE(pts[1].name, QStringLiteral("loss"));
        QCOMPARE(pts[1].point.step, 7);
        QCOMPARE(pts[1].point.timeMs, qint64(1700000000500));

        QCOMPARE(wandb::parseIsoTimeMs(QStringLiteral("2023-03-28T23:49:20.689461")),
                 qint64(1680047360689));
        QCOMPARE(wandb::parseIsoTimeMs(QStringLiteral("2025-03-17T14:33:14.559919Z")),
                 qint64(1742221994560));
        QCOMPARE(wandb::parseIsoTimeMs(QStringLiteral("yesterday")), 0);
    }
};

QTEST_GUILESS_MAIN(TestWandbParser)
#include "tst_wandbparser.moc"
