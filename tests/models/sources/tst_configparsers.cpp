// SPDX-License-Identifier: GPL-3.0-or-later
// The byte-level parsers of the config sources (Sacred, Hydra, Guild), driven without files.

#include "sources/guildparser.h"
#include "sources/hydraparser.h"
#include "sources/sacredparser.h"

#include <QDateTime>
#include <QTest>
#include <cmath>
#include <string_view>

using namespace runlens;
using namespace runlens::sources;

namespace {

const FileContribution::Series *seriesOf(const FileContribution &c, const QString &key) {
    for (const FileContribution::Series &s : c.series) {
        if (s.key == key)
            return &s;
    }
    return nullptr;
}

QString problemsOf(const FileContribution &c) {
    QStringList lines;
    for (const core::Problem &p : c.problems)
        lines << u'[' + p.where + QStringLiteral("] ") + p.message;
    return lines.join(u'\n');
}

qint64 utc(int y, int mo, int d, int h, int mi, int s, int ms = 0) {
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC).toMSecsSinceEpoch();
}

constexpr qint64 now = 1714564800000; // 2024-05-01T12:00:00Z

} // namespace

class TestConfigParsers : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // --- Sacred -----------------------------------------------------------------------------

    void sacredTimes() {
        QCOMPARE(sacred::parseUtcMs(u"2024-05-01T12:00:00.123456"), utc(2024, 5, 1, 12, 0, 0, 123));
        QCOMPARE(sacred::parseUtcMs(u"2019-05-16T14:34:45.041613"),
                 utc(2019, 5, 16, 14, 34, 45, 41));
        QCOMPARE(sacred::parseUtcMs(u"1969-12-31T23:59:59"), -1000);
        QCOMPARE(sacred::parseUtcMs(u"2024-02-29T00:00:00Z"), utc(2024, 2, 29, 0, 0, 0));
        QCOMPARE(sacred::parseUtcMs(u"2024-05-01T14:00:00+02:00"), utc(2024, 5, 1, 12, 0, 0));
        QCOMPARE(sacred::parseUtcMs(u""), 0);
        QCOMPARE(sacred::parseUtcMs(u"2024-05-01"), 0);
        QCOMPARE(sacred::parseUtcMs(u"2024-13-01T00:00:00"), 0);
        QCOMPARE(sacred::parseUtcMs(u"2024-05-01T12:00:00junk"), 0);
    }

    void sacredStatuses() {
        QCOMPARE(sacred::statusFromName(u"COMPLETED"), core::RunStatus::Finished);
        QCOMPARE(sacred::statusFromName(u"FAILED"), core::RunStatus::Failed);
        QCOMPARE(sacred::statusFromName(u"INTERRUPTED"), core::RunStatus::Killed);
        QCOMPARE(sacred::statusFromName(u"TIMEOUT"), core::RunStatus::Killed);
        QCOMPARE(sacred::statusFromName(u"QUEUED"), core::RunStatus::Scheduled);
        QCOMPARE(sacred::statusFromName(u"running"), core::RunStatus::Running);
        QCOMPARE(sacred::statusFromName(u"whatever"), core::RunStatus::Unknown);
    }

    void sacredRunJson() {
        const std::string_view json = R"({
  "command": "train",
  "experiment": {"name": "réseau ✓ 実験", "repositories": [{"commit": "abc123", "dirty": false}]},
  "fail_trace": ["Traceback (most recent call last):\n", "  File x.py, line 1\n", "ValueError: bad lr\n"],
  "heartbeat": "2024-05-01T11:00:05.000000",
  "host": {"hostname": "gpu-7"},
  "meta": {"comment": "try 2", "config_updates": {"lr": 0.1, "opt": {"name": "adam"}}, "named_configs": ["small"]},
  "result": NaN,
  "start_time": "2024-05-01T11:00:00.000000",
  "status": "FAILED",
  "stop_time": "2024-05-01T11:00:04.500000"
})";
        FileContribution c;
        sacred::parseRunJson(json, now, c);
        QVERIFY2(c.problems.isEmpty(), qPrintable(problemsOf(c)));
        QVERIFY(!c.retryLater);
        QCOMPARE(c.experiment, QStringLiteral("réseau ✓ 実験"));
        QCOMPARE(c.status, core::RunStatus::Failed);
        QCOMPARE(c.startMs, utc(2024, 5, 1, 11, 0, 0));
        QCOMPARE(c.endMs, utc(2024, 5, 1, 11, 0, 4, 500));
        QCOMPARE(c.tags.value(QStringLiteral("sacred.status")), QStringLiteral("FAILED"));
        QCOMPARE(c.tags.value(QStringLiteral("sacred.command")), QStringLiteral("train"));
        QCOMPARE(c.tags.value(QStringLiteral("sacred.host")), QStringLiteral("gpu-7"));
        QCOMPARE(c.tags.value(QStringLiteral("sacred.commit")), QStringLiteral("abc123"));
        QCOMPARE(c.tags.value(QStringLiteral("sacred.comment")), QStringLiteral("try 2"));
        QCOMPARE(c.tags.value(QStringLiteral("sacred.config_updates")),
                 QStringLiteral("lr=0.1,opt.name=adam"));
        QCOMPARE(c.tags.value(QStringLiteral("sacred.named_configs")), QStringLiteral("small"));
        QCOMPARE(c.tags.value(QStringLiteral("sacred.fail_trace")),
                 QStringLiteral("ValueError: bad lr"));
        QCOMPARE(c.tags.value(QStringLiteral("sacred.result")), QStringLiteral("nan"));
    }

    void sacredRunningHeartbeat() {
        // Fresh heartbeat: running, and looked at again next time even if unchanged.
        FileContribution fresh;
        sacred::parseRunJson(R"({"status": "RUNNING", "start_time": "2024-05-01T11:00:00",
                                 "heartbeat": "2024-05-01T11:59:50", "experiment": {"name": "e"}})",
                             now, fresh);
        QCOMPARE(fresh.status, core::RunStatus::Running);
        QCOMPARE(fresh.endMs, 0);
        QVERIFY(fresh.retryLater);
        QVERIFY(fresh.problems.isEmpty());
        QVERIFY(!fresh.tags.contains(QStringLiteral("sacred.heartbeat_stale")));

        // Silent for an hour: killed at its last heartbeat.
        FileContribution stale;
        sacred::parseRunJson(R"({"status": "RUNNING", "start_time": "2024-05-01T10:00:00",
                                 "heartbeat": "2024-05-01T11:00:00", "experiment": {"name": "e"}})",
                             now, stale);
        QCOMPARE(stale.status, core::RunStatus::Killed);
        QCOMPARE(stale.endMs, utc(2024, 5, 1, 11, 0, 0));
        QVERIFY(!stale.retryLater);
        QCOMPARE(stale.tags.value(QStringLiteral("sacred.status")), QStringLiteral("RUNNING"));
        QCOMPARE(stale.tags.value(QStringLiteral("sacred.heartbeat_stale")),
                 QStringLiteral("true"));
    }

    void sacredBrokenRunJson_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("where");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("line 1");
        QTest::newRow("half-written") << QByteArray("{\n  \"status\": \"RUNNING\",\n  \"host\": {")
                                      << QStringLiteral("line 3");
        QTest::newRow("garbage line 2")
            << QByteArray("{\n  \"status\": COMPLETED\n}") << QStringLiteral("line 2");
        QTest::newRow("not an object") << QByteArray("[1, 2]") << QString();
    }

    void sacredBrokenRunJson() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, where);
        FileContribution c;
        sacred::parseRunJson(std::string_view(bytes.constData(), size_t(bytes.size())), now, c);
        QCOMPARE(c.problems.size(), 1);
        QCOMPARE(c.problems.front().where, where);
        QVERIFY(c.retryLater);
        QCOMPARE(c.status, core::RunStatus::Unknown);
    }

    void sacredConfig() {
        FileContribution c;
        sacred::parseConfigJson(R"({
  "args": {"lr": 0.1, "py/object": "utils.ConfigAsArgs"},
  "shape": {"py/tuple": [3, 224, 224]},
  "weights": {"py/object": "numpy.ndarray", "dtype": "float64", "values": [0.5, Infinity]},
  "scale": {"py/object": "numpy.float64", "dtype": "float64", "value": -Infinity},
  "missing": NaN,
  "strict": {"args": {"py/id": 0}},
  "layers": [{"n": 1}, {"n": 2}],
  "seed": 42
})",
                                c);
        QVERIFY2(c.problems.isEmpty(), qPrintable(problemsOf(c)));
        const core::ConfigTree &t = c.config;
        QCOMPARE(t.value(QStringLiteral("args.lr")).toDouble(), 0.1);
        QVERIFY(!t.contains(QStringLiteral("args.py/object")));
        QCOMPARE(t.value(QStringLiteral("shape[2]")).toLongLong(), 224);
        QCOMPARE(t.value(QStringLiteral("weights[0]")).toDouble(), 0.5);
        QVERIFY(std::isinf(t.value(QStringLiteral("weights[1]")).toDouble()));
        QVERIFY(t.value(QStringLiteral("scale")).toDouble() < 0);
        QVERIFY(std::isnan(t.value(QStringLiteral("missing")).toDouble()));
        QVERIFY(t.contains(QStringLiteral("strict.args")));
        QCOMPARE(t.value(QStringLiteral("layers[1].n")).toLongLong(), 2);
        QCOMPARE(t.value(QStringLiteral("seed")).typeId(), QMetaType::LongLong);
    }

    void sacredMetrics() {
        FileContribution c;
        sacred::parseMetricsJson(R"({
  "loss": {
    "steps": [0, 1, 2],
    "timestamps": ["2024-05-01T11:00:00.000000", "2024-05-01T11:00:01.000000", "2024-05-01T11:00:02.250000"],
    "values": [2.5, NaN, -Infinity]
  },
  "score": {"steps": [5], "timestamps": ["2024-05-01T11:00:03"], "values": [[1.7, 0.41]]},
  "np": {"steps": [0], "timestamps": ["2024-05-01T11:00:03"],
         "values": [{"py/object": "numpy.float32", "dtype": "float32", "value": 0.25}]},
  "nosteps": {"values": [1, 2, 3]}
})",
                                 c);
        QVERIFY2(c.problems.isEmpty(), qPrintable(problemsOf(c)));
        const auto *loss = seriesOf(c, QStringLiteral("loss"));
        QVERIFY(loss);
        QCOMPARE(loss->points.size(), size_t(3));
        QCOMPARE(loss->points[0].value, 2.5);
        QCOMPARE(loss->points[0].timeMs, utc(2024, 5, 1, 11, 0, 0));
        QVERIFY(std::isnan(loss->points[1].value));
        QVERIFY(std::isinf(loss->points[2].value) && loss->points[2].value < 0);
        QCOMPARE(loss->points[2].step, 2);
        QCOMPARE(loss->points[2].timeMs, utc(2024, 5, 1, 11, 0, 2, 250));
        const auto *s0 = seriesOf(c, QStringLiteral("score[0]"));
        const auto *s1 = seriesOf(c, QStringLiteral("score[1]"));
        QVERIFY(s0 && s1);
        QCOMPARE(s0->points.front().value, 1.7);
        QCOMPARE(s1->points.front().value, 0.41);
        QCOMPARE(s1->points.front().step, 5);
        QVERIFY(!seriesOf(c, QStringLiteral("score")));
        QCOMPARE(seriesOf(c, QStringLiteral("np"))->points.front().value, 0.25);
        const auto *nosteps = seriesOf(c, QStringLiteral("nosteps"));
        QCOMPARE(nosteps->points.size(), size_t(3));
        QCOMPARE(nosteps->points[2].step, 2);
        QCOMPARE(nosteps->points[2].timeMs, 0);
    }

    void sacredMetricsMismatched() {
        FileContribution c;
        sacred::parseMetricsJson(R"({
  "acc": {
    "steps": [0, 1, 2],
    "timestamps": ["2024-05-01T11:00:00", "2024-05-01T11:00:01", "2024-05-01T11:00:02"],
    "values": [0.5, 0.6, 0.7]
  },
  "loss": {
    "steps": [0, 1, 2, 3],
    "timestamps": ["2024-05-01T11:00:00", "2024-05-01T11:00:01"],
    "values": [3.0, 2.0, 1.0]
  },
  "text": {"steps": [0, 1], "timestamps": ["2024-05-01T11:00:00", "2024-05-01T11:00:01"],
           "values": ["n/a", 4]},
  "odd": [1, 2]
})",
                                 c);
        QVERIFY(!c.retryLater);
        QCOMPARE(c.problems.size(), 3);
        // loss: reported at its key's line, read up to the shortest array.
        QCOMPARE(c.problems[0].where, QStringLiteral("line 7"));
        QVERIFY2(c.problems[0].message.contains(u"'loss'"), qPrintable(c.problems[0].message));
        QVERIFY(c.problems[0].message.contains(u"first 2"));
        QCOMPARE(c.problems[1].where, QStringLiteral("line 14"));
        QVERIFY(c.problems[1].message.contains(u"'odd'"));
        QVERIFY(c.problems[2].message.contains(u"'text'"));
        QCOMPARE(seriesOf(c, QStringLiteral("acc"))->points.size(), size_t(3));
        const auto *loss = seriesOf(c, QStringLiteral("loss"));
        QCOMPARE(loss->points.size(), size_t(2));
        QCOMPARE(loss->points.back().value, 2.0);
        QCOMPARE(seriesOf(c, QStringLiteral("text"))->points.size(), size_t(1));
        QVERIFY(!seriesOf(c, QStringLiteral("odd")));
    }

    void sacredMetricsBroken() {
        FileContribution c;
        sacred::parseMetricsJson("{\n  \"loss\": {\n    \"steps\": [0, 1", c);
        QVERIFY(c.retryLater);
        QCOMPARE(c.problems.size(), 1);
        QCOMPARE(c.problems.front().where, QStringLiteral("line 3"));
        QVERIFY(c.series.empty());
    }

    // --- Hydra ------------------------------------------------------------------------------

    void hydraOverrides() {
        FileContribution c;
        hydra::parseOverridesYaml("- 'model.name=\"a,b\"'\n- tags=[x,y]\n- lr=0.1\n- "
                                  "'+msg=it''s'\n- ~seed\n",
                                  c);
        QVERIFY2(c.problems.isEmpty(), qPrintable(problemsOf(c)));
        const QString expected =
            QStringLiteral("model.name=\"a,b\",tags=[x,y],lr=0.1,+msg=it's,~seed");
        QCOMPARE(c.name, expected);
        QCOMPARE(c.tags.value(QStringLiteral("hydra.overrides")), expected);

        FileContribution empty;
        hydra::parseOverridesYaml("[]\n", empty);
        QVERIFY(empty.problems.isEmpty());
        QVERIFY(empty.name.isEmpty());
        QVERIFY(!empty.tags.contains(QStringLiteral("hydra.overrides")));

        FileContribution blank;
        hydra::parseOverridesYaml("", blank);
        QVERIFY(blank.problems.isEmpty());
        QVERIFY(blank.name.isEmpty());

        FileContribution notList;
        hydra::parseOverridesYaml("lr: 0.1\n", notList);
        QCOMPARE(notList.problems.size(), 1);
        QVERIFY(notList.name.isEmpty());
    }

    void hydraConfig() {
        FileContribution c;
        hydra::parseConfigYaml("seed: 7\n"
                               "shape: !!python/tuple [3, 32, 32]\n"
                               "obj: !!python/object:foo.Bar {a: 1}\n"
                               "data:\n  dir: ${oc.env:HOME}/data\n  name: ???\n"
                               "  splits: [0.8, 0.2]\n"
                               "lr: 1.0e-05\nflag: true\nnothing: null\nq: '10'\n",
                               c);
        QVERIFY2(c.problems.isEmpty(), qPrintable(problemsOf(c)));
        const core::ConfigTree &t = c.config;
        QCOMPARE(t.value(QStringLiteral("seed")).toLongLong(), 7);
        QCOMPARE(t.value(QStringLiteral("shape[1]")).toLongLong(), 32);
        QCOMPARE(t.value(QStringLiteral("obj.a")).toLongLong(), 1);
        QCOMPARE(t.value(QStringLiteral("data.dir")).toString(),
                 QStringLiteral("${oc.env:HOME}/data"));
        QCOMPARE(t.value(QStringLiteral("data.name")).toString(), QStringLiteral("???"));
        QCOMPARE(t.value(QStringLiteral("data.splits[1]")).toDouble(), 0.2);
        QCOMPARE(t.value(QStringLiteral("lr")).toDouble(), 1e-05);
        QCOMPARE(t.value(QStringLiteral("flag")).typeId(), QMetaType::Bool);
        QVERIFY(t.contains(QStringLiteral("nothing")) &&
                !t.value(QStringLiteral("nothing")).isValid());
        QCOMPARE(t.value(QStringLiteral("q")).typeId(), QMetaType::QString);

        FileContribution broken;
        hydra::parseConfigYaml("a: 1\nb: [1, 2\nc: 3\n", broken);
        QCOMPARE(broken.problems.size(), 1);
        QVERIFY(broken.problems.front().where.startsWith(u"line "));
        QVERIFY(broken.retryLater);
    }

    void hydraYaml() {
        FileContribution c;
        hydra::parseHydraYaml("hydra:\n  mode: MULTIRUN\n"
                              "  overrides:\n    hydra: []\n    task:\n    - lr=0.1\n    - seed=2\n"
                              "  job:\n    name: train\n    id: train_3\n    num: 3\n"
                              "  runtime:\n    version: 1.3.2\n"
                              "    choices:\n      model: resnet\n      hydra/launcher: joblib\n",
                              c);
        QVERIFY2(c.problems.isEmpty(), qPrintable(problemsOf(c)));
        QCOMPARE(c.experiment, QStringLiteral("train"));
        QCOMPARE(c.name, QStringLiteral("lr=0.1,seed=2"));
        QCOMPARE(c.tags.value(QStringLiteral("hydra.mode")), QStringLiteral("MULTIRUN"));
        QCOMPARE(c.tags.value(QStringLiteral("hydra.job.num")), QStringLiteral("3"));
        QCOMPARE(c.tags.value(QStringLiteral("hydra.job.id")), QStringLiteral("train_3"));
        QCOMPARE(c.tags.value(QStringLiteral("hydra.version")), QStringLiteral("1.3.2"));
        QCOMPARE(c.tags.value(QStringLiteral("hydra.choices.model")), QStringLiteral("resnet"));
        QVERIFY(!c.tags.contains(QStringLiteral("hydra.choices.hydra/launcher")));

        // Hydra 1.0 single runs: job.id and job.num are ???.
        FileContribution old;
        hydra::parseHydraYaml("hydra:\n  job:\n    name: train\n    id: ???\n    num: ???\n", old);
        QVERIFY(old.problems.isEmpty());
        QVERIFY(!old.tags.contains(QStringLiteral("hydra.job.id")));
        QVERIFY(!old.tags.contains(QStringLiteral("hydra.job.num")));

        FileContribution other;
        hydra::parseHydraYaml("foo: 1\n", other);
        QCOMPARE(other.problems.size(), 1);
    }

    void hydraStartFromPath() {
        const auto local = [](int y, int mo, int d, int h, int mi, int s) {
            return QDateTime(QDate(y, mo, d), QTime(h, mi, s)).toMSecsSinceEpoch();
        };
        QCOMPARE(hydra::startFromPath(u"/p/outputs/2023-03-27/19-36-46"),
                 local(2023, 3, 27, 19, 36, 46));
        QCOMPARE(hydra::startFromPath(u"/p/multirun/2023-03-27/19-36-46/12"),
                 local(2023, 3, 27, 19, 36, 46));
        QCOMPARE(hydra::startFromPath(u"/p/multiruns/2024-10-21_00-01-42/3"),
                 local(2024, 10, 21, 0, 1, 42));
        QCOMPARE(hydra::startFromPath(u"/p/runs/2024-10-21_00-01-42"),
                 local(2024, 10, 21, 0, 1, 42));
        QCOMPARE(hydra::startFromPath(u"/p/nastiaveret-root-run"), 0);
        QCOMPARE(hydra::startFromPath(u"/p/2023-03-27/19-36-46/logs/x"), 0);
        QCOMPARE(hydra::startFromPath(u"/p/2023-13-27/19-36-46"), 0);
    }

    // --- Guild ------------------------------------------------------------------------------

    void guildAttrs() {
        FileContribution c;
        guild::parseAttr(u"flags", "noise: 0.1\nx: -1.0\nname: abc\nlayers: [1, 2]", c);
        guild::parseAttr(u"label", "noise=0.1 x=-1.0", c);
        guild::parseAttr(u"tags", "- red\n- green\n- Green", c);
        guild::parseAttr(u"started", "1662041973883753", c);
        guild::parseAttr(u"stopped", "1662041974186402", c);
        guild::parseAttr(u"exit_status", "-16", c);
        guild::parseAttr(u"host", "calusa", c);
        QVERIFY2(c.problems.isEmpty(), qPrintable(problemsOf(c)));
        QCOMPARE(c.config.value(QStringLiteral("noise")).toDouble(), 0.1);
        QCOMPARE(c.config.value(QStringLiteral("x")).toDouble(), -1.0);
        QCOMPARE(c.config.value(QStringLiteral("name")).toString(), QStringLiteral("abc"));
        QCOMPARE(c.config.value(QStringLiteral("layers[1]")).toLongLong(), 2);
        QCOMPARE(c.tags.value(QStringLiteral("guild.label")), QStringLiteral("noise=0.1 x=-1.0"));
        QCOMPARE(c.tags.value(QStringLiteral("guild.tags")), QStringLiteral("red, green, Green"));
        QCOMPARE(c.startMs, 1662041973883);
        QCOMPARE(c.endMs, 1662041974186);
        QCOMPARE(c.status, core::RunStatus::Killed);
        QCOMPARE(c.tags.value(QStringLiteral("guild.exit_status")), QStringLiteral("-16"));
        QCOMPARE(c.tags.value(QStringLiteral("guild.host")), QStringLiteral("calusa"));

        QCOMPARE(guild::statusFromExit(0), core::RunStatus::Finished);
        QCOMPARE(guild::statusFromExit(1), core::RunStatus::Failed);

        FileContribution bad;
        guild::parseAttr(u"exit_status", "oops", bad);
        guild::parseAttr(u"flags", "a: [1, 2", bad);
        QCOMPARE(bad.problems.size(), 2);
        QCOMPARE(bad.status, core::RunStatus::Unknown);
        QVERIFY(bad.retryLater);
    }

    void guildOpref() {
        QCOMPARE(guild::operationFromOpref("test: '' '' train"), QStringLiteral("train"));
        QCOMPARE(guild::operationFromOpref("test: '' util test\n"), QStringLiteral("util:test"));
        QCOMPARE(guild::operationFromOpref("guildfile:/home/a/guild.yml abc123 mnist train\n"),
                 QStringLiteral("mnist:train"));
        QCOMPARE(guild::operationFromOpref("script:train.py '' '' train.py"),
                 QStringLiteral("train.py"));
        QCOMPARE(guild::operationFromOpref(""), QString());
    }

    void guildLock() {
        QCOMPARE(guild::lockPid("12345"), 12345);
        QCOMPARE(guild::lockPid(" 77\n"), 77);
        QVERIFY(!guild::lockPid(""));
        QVERIFY(!guild::lockPid("abc"));
        QVERIFY(!guild::lockPid("-3"));
    }
};

QTEST_GUILESS_MAIN(TestConfigParsers)
#include "tst_configparsers.moc"
