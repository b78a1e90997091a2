// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/democonfig.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <set>

// The runs are the ones demoRuns() gives every format; only their serialization differs. Files
// are small and few per run, so plain QFile writes do.

namespace runlens::demo {

namespace {

// --- files ------------------------------------------------------------------------------------

class Out {
public:
    explicit Out(QString *error)
        : m_error(error) {}

    /// Makes root (dir/<name>), refusing one that holds anything already.
    bool begin(const QString &dir, const char *name, QString *root) {
        *root = QDir::cleanPath(QDir(dir).absoluteFilePath(QString::fromLatin1(name)));
        if (QFileInfo(*root).isDir() &&
            !QDir(*root)
                 .entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)
                 .isEmpty())
            return fail(QStringLiteral("%1 is not empty; choose an empty folder.")
                            .arg(QDir::toNativeSeparators(*root)));
        if (!QDir().mkpath(*root))
            return fail(QStringLiteral("Cannot create the folder %1.")
                            .arg(QDir::toNativeSeparators(*root)));
        return true;
    }

    bool write(const QString &path, const QByteArray &bytes) {
        if (!m_ok)
            return false;
        const QString folder = path.section(u'/', 0, -2);
        if (!QDir().mkpath(folder))
            return fail(QStringLiteral("Cannot create the folder %1.")
                            .arg(QDir::toNativeSeparators(folder)));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size())
            return fail(QStringLiteral("Cannot write %1: %2")
                            .arg(QDir::toNativeSeparators(path), f.errorString()));
        return true;
    }

    [[nodiscard]] bool ok() const { return m_ok; }

private:
    bool fail(const QString &message) {
        m_ok = false;
        if (m_error)
            *m_error = message;
        return false;
    }

    QString *m_error;
    bool m_ok = true;
};

QByteArray b(const std::string &s) {
    return QByteArray(s.data(), qsizetype(s.size()));
}

// --- times ------------------------------------------------------------------------------------

/// Sacred's times: UTC without a zone, microseconds.
QByteArray isoUtc(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC)
               .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz"))
               .toLatin1() +
           "000";
}

QDateTime local(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms);
}

// --- JSON as Python's json.dumps(indent=2, sort_keys=True) writes it ---------------------------

struct Json {
    enum class Type { Null, Raw, String, Array, Object };
    Type type = Type::Null;
    QByteArray text; ///< Raw: the literal; String: the value (UTF-8)
    std::vector<Json> items;
    std::vector<std::pair<QByteArray, Json>> members; ///< dumped sorted, as sort_keys=True

    static Json raw(const QByteArray &literal) { return Json{Type::Raw, literal, {}, {}}; }
    static Json str(const QByteArray &s) { return Json{Type::String, s, {}, {}}; }
    static Json number(double v) {
        if (std::isnan(v))
            return raw("NaN");
        if (std::isinf(v))
            return raw(v > 0 ? "Infinity" : "-Infinity");
        return raw(pythonFloatRepr(v));
    }
    static Json integer(qint64 v) { return raw(QByteArray::number(v)); }
    static Json boolean(bool v) { return raw(v ? "true" : "false"); }
    static Json array(std::vector<Json> items = {}) {
        Json j;
        j.type = Type::Array;
        j.items = std::move(items);
        return j;
    }
    static Json object() {
        Json j;
        j.type = Type::Object;
        return j;
    }
    Json &set(const QByteArray &key, Json value) {
        for (auto &[k, v] : members) {
            if (k == key) {
                v = std::move(value);
                return *this;
            }
        }
        members.emplace_back(key, std::move(value));
        return *this;
    }
};

/// ensure_ascii: everything beyond ASCII as \uXXXX (UTF-16 units).
void quote(const QByteArray &utf8, QByteArray &out) {
    out += '"';
    const QString s = QString::fromUtf8(utf8);
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        if (u == '"' || u == '\\') {
            out += '\\';
            out += char(u);
        } else if (u == '\n') {
            out += "\\n";
        } else if (u < 0x20 || u > 0x7e) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", unsigned(u));
            out += buf;
        } else {
            out += char(u);
        }
    }
    out += '"';
}

void dump(const Json &j, int indent, QByteArray &out) {
    const QByteArray pad(indent + 2, ' ');
    switch (j.type) {
    case Json::Type::Null:
        out += "null";
        break;
    case Json::Type::Raw:
        out += j.text;
        break;
    case Json::Type::String:
        quote(j.text, out);
        break;
    case Json::Type::Array:
        if (j.items.empty()) {
            out += "[]";
            break;
        }
        out += "[\n";
        for (size_t i = 0; i < j.items.size(); ++i) {
            out += pad;
            dump(j.items[i], indent + 2, out);
            out += i + 1 < j.items.size() ? ",\n" : "\n";
        }
        out += QByteArray(indent, ' ') + ']';
        break;
    case Json::Type::Object: {
        if (j.members.empty()) {
            out += "{}";
            break;
        }
        out += "{\n";
        std::vector<const std::pair<QByteArray, Json> *> sorted;
        for (const auto &m : j.members)
            sorted.push_back(&m);
        std::sort(sorted.begin(), sorted.end(),
                  [](const auto *a, const auto *c) { return a->first < c->first; });
        size_t i = 0;
        for (const auto *m : sorted) {
            out += pad;
            quote(m->first, out);
            out += ": ";
            dump(m->second, indent + 2, out);
            out += ++i < sorted.size() ? ",\n" : "\n";
        }
        out += QByteArray(indent, ' ') + '}';
        break;
    }
    }
}

QByteArray dump(const Json &j) {
    QByteArray out;
    dump(j, 0, out);
    return out;
}

Json jsonOf(const DemoParam &p) {
    switch (p.kind) {
    case DemoParam::Kind::Float:
        return Json::number(p.number);
    case DemoParam::Kind::Int:
        return Json::integer(qint64(p.number));
    case DemoParam::Kind::Bool:
        return Json::boolean(p.number != 0);
    case DemoParam::Kind::Text:
        break;
    }
    return Json::str(b(p.text));
}

// --- YAML as PyYAML / OmegaConf write it ------------------------------------------------------

QByteArray yamlFloat(double v) {
    if (std::isnan(v))
        return ".nan";
    if (std::isinf(v))
        return v > 0 ? ".inf" : "-.inf";
    QByteArray r = pythonFloatRepr(v);
    // PyYAML's represent_float: "1e-05" becomes "1.0e-05" so that YAML 1.1 reads a float.
    if (!r.contains('.') && r.contains('e'))
        r.replace("e", ".0e");
    return r;
}

QByteArray yamlText(const QByteArray &s) {
    static const std::set<QByteArray> reserved{"true", "false", "yes",   "no",   "on", "off",
                                               "null", "True",  "False", "None", "~",  ""};
    bool plain = !reserved.contains(s) && !s.startsWith(' ') && !s.endsWith(' ');
    bool number = !s.isEmpty();
    for (const char c : s) {
        plain = plain && (std::isalnum(static_cast<unsigned char>(c)) || std::strchr("_-./", c));
        number = number && (std::isdigit(static_cast<unsigned char>(c)) || std::strchr(".-+e", c));
    }
    if (plain && !number)
        return s;
    QByteArray quoted = s;
    quoted.replace('\'', "''");
    return '\'' + quoted + '\'';
}

QByteArray yamlOf(const DemoParam &p) {
    switch (p.kind) {
    case DemoParam::Kind::Float:
        return yamlFloat(p.number);
    case DemoParam::Kind::Int:
        return QByteArray::number(qint64(p.number));
    case DemoParam::Kind::Bool:
        return p.number != 0 ? "true" : "false";
    case DemoParam::Kind::Text:
        break;
    }
    return yamlText(b(p.text));
}

/// "lr=0.001": how the value is typed on a command line.
QByteArray overrideOf(const DemoParam &p) {
    const QByteArray value =
        p.kind == DemoParam::Kind::Bool ? QByteArray(p.number != 0 ? "true" : "false") : b(p.text);
    return b(p.name) + '=' + value;
}

/// The parameters a sweep varies: the first three (lr, batch_size, optimizer).
std::vector<const DemoParam *> swept(const DemoRun &run) {
    std::vector<const DemoParam *> out;
    for (size_t i = 0; i < run.params.size() && i < 3; ++i)
        out.push_back(&run.params[i]);
    return out;
}

// --- shared bits ------------------------------------------------------------------------------

QByteArray home(const DemoRun &run) {
    return "/home/" + b(run.user) + "/src/" + b(run.experiment);
}

QByteArray scriptName(const DemoRun &run) {
    const QByteArray path = b(run.script);
    return path.mid(path.lastIndexOf('/') + 1);
}

QByteArray scriptStem(const DemoRun &run) {
    const QByteArray name = scriptName(run);
    const qsizetype dot = name.indexOf('.');
    return dot < 0 ? name : name.left(dot);
}

bool isVal(const std::string &metric) {
    return metric.starts_with("val/");
}

qint64 pointTime(const DemoRun &run, size_t metric, size_t i) {
    return run.timesMs[i] + (isVal(run.metricNames[metric]) ? run.evalDelayMs : 0);
}

size_t pointCount(const DemoRun &run) {
    return run.timesMs.size();
}

/// The last finite value of a metric, for results and summaries.
double lastOf(const DemoRun &run, const char *name) {
    for (size_t m = 0; m < run.metricNames.size(); ++m) {
        if (run.metricNames[m] != name)
            continue;
        for (auto it = run.values[m].rbegin(); it != run.values[m].rend(); ++it) {
            if (std::isfinite(*it))
                return *it;
        }
    }
    return std::nan("");
}

const char *const failTrace[] = {
    "Traceback (most recent call last):\n",
    "  File \"/usr/lib/python3.11/site-packages/sacred/run.py\", line 238, in __call__\n"
    "    self.result = self.main_function(*args)\n",
    "  File \"train.py\", line 88, in main\n    loss.backward()\n",
    "RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB\n",
};

// --- Sacred -----------------------------------------------------------------------------------

QByteArray sacredStatus(int status) {
    switch (status) {
    case 1:
        return "RUNNING";
    case 4:
        return "FAILED";
    case 5:
        return "INTERRUPTED";
    default:
        return "COMPLETED";
    }
}

bool writeSacredRun(Out &out, const QString &folder, const DemoRun &run, int id,
                    const QByteArray &source, qint64 now) {
    const QByteArray script = scriptName(run);
    const qint64 last = pointCount(run) > 0 ? run.timesMs.back() + run.evalDelayMs : run.startMs;
    Json experiment = Json::object();
    experiment.set("base_dir", Json::str(home(run)))
        .set("dependencies", Json::array({Json::str("numpy==1.26.4"), Json::str("sacred==0.8.5"),
                                          Json::str("torch==2.3.1")}))
        .set("mainfile", Json::str(script))
        .set("name", Json::str(b(run.experiment)))
        .set("repositories",
             Json::array({Json::object()
                              .set("commit", Json::str(b(run.commit)))
                              .set("dirty", Json::boolean(false))
                              .set("url", Json::str("https://github.com/" + b(run.user) + '/' +
                                                    b(run.experiment) + ".git"))}))
        .set("sources", Json::array({Json::array({Json::str(script), Json::str(source)})}));
    Json updates = Json::object();
    Json cli = Json::array();
    for (const DemoParam *p : swept(run)) {
        updates.set(b(p->name), jsonOf(*p));
        cli.items.push_back(Json::str(overrideOf(*p)));
    }
    Json options = Json::object();
    for (const char *flag : {"--beat-interval", "--capture", "--comment", "--file_storage",
                             "--loglevel", "--name", "--priority"})
        options.set(flag, Json());
    for (const char *flag : {"--debug", "--force", "--help", "--pdb", "--queue", "--unobserved"})
        options.set(flag, Json::boolean(false));
    options.set("COMMAND", Json()).set("UPDATE", cli).set("with", Json::boolean(true));

    Json json = Json::object();
    json.set("artifacts", Json::array())
        .set("command", Json::str("main"))
        .set("experiment", std::move(experiment))
        // A live run beats every 10 s.
        .set("heartbeat", Json::str(isoUtc(run.status == 1 ? std::max(last, now - 4000)
                                           : run.endMs > 0 ? run.endMs
                                                           : last)))
        .set("host", Json::object()
                         .set("ENV", Json::object())
                         .set("cpu", Json::str("AMD EPYC 7543 32-Core Processor"))
                         .set("hostname", Json::str("gpu-node-" + QByteArray::number(id % 4 + 1)))
                         .set("os", Json::array({Json::str("Linux"),
                                                 Json::str("Linux-5.15.0-105-generic-x86_64-"
                                                           "with-glibc2.35")}))
                         .set("python_version", Json::str("3.11.9")))
        .set("meta", Json::object()
                         .set("command", Json::str("main"))
                         .set("config_updates", std::move(updates))
                         .set("named_configs", Json::array())
                         .set("options", std::move(options)))
        .set("resources", Json::array())
        .set("start_time", Json::str(isoUtc(run.startMs)))
        .set("status", Json::str(sacredStatus(run.status)));
    if (run.status == 3)
        json.set("result", Json::number(lastOf(run, "val/accuracy")));
    else
        json.set("result", Json());
    if (run.status != 1)
        json.set("stop_time", Json::str(isoUtc(run.endMs)));
    if (run.status == 4) {
        Json trace = Json::array();
        for (const char *line : failTrace)
            trace.items.push_back(Json::str(line));
        json.set("fail_trace", std::move(trace));
    }

    Json config = Json::object();
    bool hasSeed = false;
    for (const DemoParam &p : run.params) {
        config.set(b(p.name), jsonOf(p));
        hasSeed = hasSeed || p.name == "seed";
    }
    if (!hasSeed) // Sacred adds one to every config
        config.set("seed", Json::integer(
                               qint64(QByteArray(run.id.c_str()).left(7).toLongLong(nullptr, 16))));

    Json metrics = Json::object();
    for (size_t m = 0; m < run.metricNames.size(); ++m) {
        Json steps = Json::array();
        Json times = Json::array();
        Json values = Json::array();
        for (size_t i = 0; i < pointCount(run) && i < run.values[m].size(); ++i) {
            steps.items.push_back(Json::integer(qint64(i)));
            times.items.push_back(Json::str(isoUtc(pointTime(run, m, i))));
            values.items.push_back(Json::number(run.values[m][i]));
        }
        metrics.set(b(run.metricNames[m]), Json::object()
                                               .set("steps", std::move(steps))
                                               .set("timestamps", std::move(times))
                                               .set("values", std::move(values)));
    }

    QByteArray cout = "INFO - " + b(run.experiment) + " - Running command 'main'\n" + "INFO - " +
                      b(run.experiment) + " - Started run with ID \"" + QByteArray::number(id) +
                      "\"\n";
    for (size_t i = 0; i < pointCount(run); i += std::max<size_t>(1, pointCount(run) / 5))
        cout += "Epoch " + QByteArray::number(qulonglong(i)) + ": 100%|##########| 390/390\r\n";
    if (run.status == 4)
        cout += "ERROR - " + b(run.experiment) + " - Failed after 0:04:12!\n";
    else if (run.status == 3)
        cout += "INFO - " + b(run.experiment) + " - Completed after 0:31:07\n";

    return out.write(folder + QStringLiteral("/run.json"), dump(json)) &&
           out.write(folder + QStringLiteral("/config.json"), dump(config)) &&
           out.write(folder + QStringLiteral("/metrics.json"), dump(metrics)) &&
           out.write(folder + QStringLiteral("/cout.txt"), cout);
}

// --- Hydra ------------------------------------------------------------------------------------

QByteArray hydraConfig(const DemoRun &run) {
    QByteArray y;
    for (const DemoParam &p : run.params)
        y += b(p.name) + ": " + yamlOf(p) + '\n';
    y += "data:\n  dir: ${oc.env:DATA_ROOT,/data}/" + b(run.experiment) +
         "\n  num_workers: 8\n  splits:\n  - 0.9\n  - 0.1\n";
    y += "trainer:\n  accelerator: gpu\n  devices: 1\n  precision: bf16-mixed\n"
         "  max_epochs: ???\n";
    return y;
}

QByteArray hydraSection(const DemoRun &run, const QByteArray &outputDir, int num, bool job) {
    const QByteArray stem = scriptStem(run);
    QByteArray task;
    QStringList sortedOverrides;
    for (const DemoParam *p : swept(run)) {
        task += "    - " + overrideOf(*p) + '\n';
        sortedOverrides << QString::fromUtf8(overrideOf(*p));
    }
    sortedOverrides.sort();
    QByteArray y = "hydra:\n"
                   "  run:\n    dir: outputs/${now:%Y-%m-%d}/${now:%H-%M-%S}\n"
                   "  sweep:\n    dir: multirun/${now:%Y-%m-%d}/${now:%H-%M-%S}\n"
                   "    subdir: ${hydra.job.num}\n"
                   "  launcher:\n    _target_: hydra._internal.core_plugins.basic_launcher."
                   "BasicLauncher\n"
                   "  sweeper:\n    _target_: hydra._internal.core_plugins.basic_sweeper."
                   "BasicSweeper\n    max_batch_size: null\n    params: null\n"
                   "  output_subdir: .hydra\n"
                   "  overrides:\n    hydra:\n    - hydra.mode=MULTIRUN\n    task:\n" +
                   task + "  job:\n    name: " + stem + "\n    chdir: null\n" +
                   (job ? "    override_dirname: " + sortedOverrides.join(u',').toUtf8() +
                              "\n    id: " + stem + '_' + QByteArray::number(num) +
                              "\n    num: " + QByteArray::number(num) + '\n'
                        : QByteArray("    override_dirname: ''\n    id: ???\n    num: ???\n")) +
                   "    config_name: config\n    env_set: {}\n    env_copy: []\n"
                   "    config:\n      override_dirname:\n        kv_sep: '='\n"
                   "        item_sep: ','\n        exclude_keys: []\n"
                   "  runtime:\n    version: 1.3.2\n    version_base: '1.3'\n    cwd: " +
                   home(run) + "\n    output_dir: " + (job ? outputDir : QByteArray("???")) +
                   "\n    choices:\n      hydra/env: default\n      hydra/callbacks: null\n"
                   "      hydra/job_logging: default\n      hydra/hydra_logging: default\n"
                   "      hydra/hydra_help: default\n      hydra/help: default\n"
                   "      hydra/sweeper: basic\n      hydra/launcher: basic\n"
                   "      hydra/output: default\n"
                   "  verbose: false\n"
                   "  mode: MULTIRUN\n";
    return y;
}

/// Lightning's CSVLogger: the sorted union of the keys as header, train and validation values
/// on separate rows sharing a step, CRLF line ends.
QByteArray lightningCsv(const DemoRun &run) {
    std::vector<std::string> columns{"epoch", "step"};
    for (const std::string &m : run.metricNames) {
        if (std::find(columns.begin(), columns.end(), m) == columns.end())
            columns.push_back(m);
    }
    std::sort(columns.begin(), columns.end());
    int epochMetric = -1;
    for (size_t m = 0; m < run.metricNames.size(); ++m) {
        if (run.metricNames[m] == "epoch")
            epochMetric = int(m);
    }
    QByteArray csv;
    for (size_t c = 0; c < columns.size(); ++c)
        csv += (c ? "," : "") + b(columns[c]);
    csv += "\r\n";
    auto number = [](double v) {
        return v == std::floor(v) && std::abs(v) < 1e15 ? QByteArray::number(qint64(v))
                                                        : pythonFloatRepr(v);
    };
    for (size_t i = 0; i < pointCount(run); ++i) {
        const double epoch = epochMetric >= 0 ? run.values[size_t(epochMetric)][i] : double(i);
        for (const bool val : {false, true}) {
            QByteArray row;
            for (size_t c = 0; c < columns.size(); ++c) {
                if (c)
                    row += ',';
                if (columns[c] == "epoch") {
                    row += number(epoch);
                } else if (columns[c] == "step") {
                    row += QByteArray::number(qulonglong(i));
                } else {
                    const auto it =
                        std::find(run.metricNames.begin(), run.metricNames.end(), columns[c]);
                    const size_t m = size_t(it - run.metricNames.begin());
                    if (isVal(columns[c]) == val && i < run.values[m].size())
                        row += pythonFloatRepr(run.values[m][i]);
                }
            }
            csv += row + "\r\n";
        }
    }
    return csv;
}

QByteArray hparamsYaml(const DemoRun &run) {
    QByteArray y;
    for (const DemoParam &p : run.params)
        y += b(p.name) + ": " + yamlOf(p) + '\n';
    return y.isEmpty() ? QByteArray("{}\n") : y;
}

QByteArray jobLog(const DemoRun &run) {
    QByteArray log;
    const QByteArray stem = scriptStem(run);
    auto line = [&](qint64 ms, const QByteArray &text) {
        log += '[' + local(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss,zzz")).toLatin1() +
               "][" + stem + "][INFO] - " + text + '\n';
    };
    line(run.startMs, "Instantiating model <" + b(run.experiment) + ">");
    for (size_t i = 0; i < pointCount(run); i += std::max<size_t>(1, pointCount(run) / 5))
        line(run.timesMs[i], "Epoch " + QByteArray::number(qulonglong(i)) + " done");
    if (run.status == 4)
        log += "Error executing job with overrides: []\nRuntimeError: CUDA out of memory.\n";
    return log;
}

// --- Guild ------------------------------------------------------------------------------------

std::array<quint32, 256> crcTable() {
    std::array<quint32, 256> t{};
    for (quint32 i = 0; i < 256; ++i) {
        quint32 c = i;
        for (int k = 0; k < 8; ++k)
            c = c & 1 ? (c >> 1) ^ 0x82F63B78u : c >> 1;
        t[i] = c;
    }
    return t;
}

/// CRC-32C masked as TFRecord frames carry it.
quint32 maskedCrc(const QByteArray &data) {
    static const std::array<quint32, 256> table = crcTable();
    quint32 c = 0xFFFFFFFFu;
    for (const char ch : data)
        c = table[(c ^ quint8(ch)) & 0xFF] ^ (c >> 8);
    c ^= 0xFFFFFFFFu;
    return ((c >> 15) | (c << 17)) + 0xa282ead8u;
}

void putLe(QByteArray &out, quint64 v, int bytes) {
    for (int i = 0; i < bytes; ++i)
        out += char((v >> (8 * i)) & 0xFF);
}

void varint(QByteArray &out, quint64 v) {
    while (v >= 0x80) {
        out += char((v & 0x7F) | 0x80);
        v >>= 7;
    }
    out += char(v);
}

void lengthDelimited(QByteArray &out, int field, const QByteArray &bytes) {
    varint(out, quint64(field) << 3 | 2);
    varint(out, quint64(bytes.size()));
    out += bytes;
}

void record(QByteArray &file, const QByteArray &event) {
    QByteArray length;
    putLe(length, quint64(event.size()), 8);
    file += length;
    putLe(file, maskedCrc(length), 4);
    file += event;
    putLe(file, maskedCrc(event), 4);
}

QByteArray eventHeader(double wallTime) {
    QByteArray e;
    quint64 bits = 0;
    std::memcpy(&bits, &wallTime, 8);
    e += char(0x09); // wall_time, fixed64
    putLe(e, bits, 8);
    return e;
}

QByteArray scalarEvent(double wallTime, qint64 step, const QByteArray &tag, float value) {
    QByteArray v;
    lengthDelimited(v, 1, tag); // Summary.Value.tag
    quint32 fbits = 0;
    std::memcpy(&fbits, &value, 4);
    v += char(0x15); // simple_value, fixed32
    putLe(v, fbits, 4);
    QByteArray summary;
    lengthDelimited(summary, 1, v); // Summary.value
    QByteArray e = eventHeader(wallTime);
    e += char(0x10); // step
    varint(e, quint64(step));
    lengthDelimited(e, 5, summary); // Event.summary
    return e;
}

QByteArray guildEvents(const DemoRun &run) {
    QByteArray file;
    QByteArray first = eventHeader(double(run.startMs) / 1000.0);
    lengthDelimited(first, 3, "brain.Event:2"); // file_version
    record(file, first);
    for (size_t i = 0; i < pointCount(run); ++i) {
        for (size_t m = 0; m < run.metricNames.size(); ++m) {
            if (i < run.values[m].size())
                record(file, scalarEvent(double(pointTime(run, m, i)) / 1000.0, qint64(i),
                                         b(run.metricNames[m]), float(run.values[m][i])));
        }
    }
    return file;
}

bool writeGuildRun(Out &out, const QString &folder, const DemoRun &run) {
    const QString g = folder + QStringLiteral("/.guild/");
    auto attr = [&](const char *name, const QByteArray &value) {
        return out.write(g + QStringLiteral("attrs/") + QString::fromLatin1(name), value);
    };
    const QByteArray stem = scriptStem(run);
    QByteArray flags;
    QByteArray cmd = "- /usr/bin/python3\n- -um\n- guild.op_main\n- " + stem + "\n- --";
    std::vector<const DemoParam *> sorted;
    for (const DemoParam &p : run.params)
        sorted.push_back(&p);
    std::sort(sorted.begin(), sorted.end(),
              [](const DemoParam *a, const DemoParam *c) { return a->name < c->name; });
    for (const DemoParam *p : sorted) {
        flags += b(p->name) + ": " + yamlOf(*p) + '\n';
        cmd += "\n- --" + b(p->name) + "\n- " + yamlText(b(p->text));
    }
    QByteArray label;
    QByteArray userFlags;
    for (const DemoParam *p : swept(run)) {
        label += (label.isEmpty() ? "" : " ") + overrideOf(*p);
        userFlags += b(p->name) + ": " + yamlOf(*p) + '\n';
    }
    const qint64 started = run.startMs * 1000;
    bool ok =
        attr("cmd", cmd) && attr("deps", "{}") && attr("flags", flags.trimmed()) &&
        attr("host", "gpu-node-2") && attr("id", b(run.id)) &&
        attr("initialized", QByteArray::number(started - 412000)) && attr("label", label) &&
        attr("op", "flags-dest: args\nop-cmd:\n  cmd-args:\n  - ${python_exe}\n  - -um\n"
                   "  - guild.op_main\n  - " +
                       stem +
                       "\n  - --\n  - __flag_args__\noutput-scalars: null\n"
                       "sourcecode-root: .guild/sourcecode") &&
        attr("random_seed",
             QByteArray::number(QByteArray(run.id.c_str()).left(7).toLongLong(nullptr, 16))) &&
        attr("sourcecode_digest", b(run.commit).left(32)) &&
        attr("started", QByteArray::number(started)) && attr("user", b(run.user)) &&
        attr("user_flags", userFlags.trimmed()) && attr("vcs_commit", "git:" + b(run.commit));
    if (run.status != 1) {
        const int exit = run.status == 3 ? 0 : run.status == 4 ? 1 : -15;
        ok = ok && attr("exit_status", QByteArray::number(exit)) &&
             attr("stopped", QByteArray::number(run.endMs * 1000));
    } else {
        ok = ok && out.write(g + QStringLiteral("LOCK.remote"), "");
    }
    // The output and Guild's parse of it (key: value lines) as scalar events.
    QByteArray output;
    QByteArray index;
    auto outLine = [&](qint64 ms, const QByteArray &text) {
        output += text + '\n';
        for (int k = 7; k >= 0; --k)
            index += char((quint64(ms) >> (8 * k)) & 0xFF);
        index += char(0);
    };
    for (size_t i = 0; i < pointCount(run); ++i) {
        outLine(run.timesMs[i], "step: " + QByteArray::number(qulonglong(i)));
        for (size_t m = 0; m < run.metricNames.size(); ++m) {
            if (i < run.values[m].size())
                outLine(pointTime(run, m, i),
                        b(run.metricNames[m]) + ": " + pythonFloatRepr(run.values[m][i]));
        }
    }
    const QByteArray events = "events.out.tfevents." + QByteArray::number(run.startMs / 1000) +
                              ".gpu-node-2." + QByteArray::number(40000 + run.startMs % 20000) +
                              ".0";
    return ok &&
           out.write(g + QStringLiteral("opref"), "guildfile:" + home(run) + "/guild.yml " +
                                                      b(run.commit).left(32) + ' ' +
                                                      b(run.experiment) + ' ' + stem + '\n') &&
           out.write(g + QStringLiteral("output"), output) &&
           out.write(g + QStringLiteral("output.index"), index) &&
           out.write(g + QString::fromLatin1(events), guildEvents(run));
}

} // namespace

bool writeDemoSacred(const QString &dir, const DemoOptions &options, QString *error) {
    Out out(error);
    QString root;
    if (!out.begin(dir, "sacred", &root))
        return false;
    const std::vector<DemoRun> runs = demoRuns(options);
    const qint64 now = options.nowMs > 0 ? options.nowMs : QDateTime::currentMSecsSinceEpoch();
    // One source copy per script, shared by the runs (named by the content's MD5).
    std::map<QByteArray, QByteArray> sources;
    int id = 0;
    for (const DemoRun &run : runs) {
        if (run.deleted)
            continue;
        const QByteArray script = scriptName(run);
        auto it = sources.find(script);
        if (it == sources.end()) {
            const QByteArray code = "from sacred import Experiment\nex = Experiment('" +
                                    b(run.experiment) +
                                    "')\n\n@ex.automain\ndef main():\n"
                                    "    pass\n";
            const QByteArray stored =
                "_sources/" + scriptStem(run) + '_' +
                QCryptographicHash::hash(code, QCryptographicHash::Md5).toHex() + ".py";
            if (!out.write(root + u'/' + QString::fromUtf8(stored), code))
                return false;
            it = sources.emplace(script, stored).first;
        }
        ++id;
        if (!writeSacredRun(out, root + u'/' + QString::number(id), run, id, it->second, now))
            return false;
    }
    return out.ok();
}

bool writeDemoHydra(const QString &dir, const DemoOptions &options, QString *error) {
    Out out(error);
    QString root;
    if (!out.begin(dir, "hydra", &root))
        return false;
    const std::vector<DemoRun> runs = demoRuns(options);
    // The jobs of an experiment, in sweeps of the runs started within a day of each other.
    std::map<std::string, std::vector<const DemoRun *>> byExperiment;
    for (const DemoRun &run : runs) {
        if (!run.deleted)
            byExperiment[run.experiment].push_back(&run);
    }
    std::vector<std::vector<const DemoRun *>> sweeps;
    for (auto &[experiment, jobs] : byExperiment) {
        std::sort(jobs.begin(), jobs.end(),
                  [](const DemoRun *a, const DemoRun *c) { return a->startMs < c->startMs; });
        for (size_t i = 0; i < jobs.size(); ++i) {
            if (i == 0 || jobs[i]->startMs - jobs[i - 1]->startMs > 86400000)
                sweeps.emplace_back();
            sweeps.back().push_back(jobs[i]);
        }
    }
    std::set<QString> used;
    for (const std::vector<const DemoRun *> &jobs : sweeps) {
        qint64 start = jobs.front()->startMs - 2000;
        QString sweepRel;
        do { // two sweeps in the same second would share a folder
            const QDateTime t = local(start);
            sweepRel = QStringLiteral("multirun/") + t.toString(QStringLiteral("yyyy-MM-dd")) +
                       u'/' + t.toString(QStringLiteral("HH-mm-ss"));
            start += 1000;
        } while (!used.insert(sweepRel).second);
        const QString sweep = root + u'/' + sweepRel;
        const QByteArray cwd = home(*jobs.front());
        if (!out.write(sweep + QStringLiteral("/multirun.yaml"),
                       hydraSection(*jobs.front(), {}, 0, false) + hydraConfig(*jobs.front())))
            return false;
        for (size_t n = 0; n < jobs.size(); ++n) {
            const DemoRun &run = *jobs[n];
            const QString job = sweep + u'/' + QString::number(n);
            const QByteArray outputDir =
                cwd + '/' + sweepRel.toUtf8() + '/' + QByteArray::number(qulonglong(n));
            QByteArray overrides;
            for (const DemoParam *p : swept(run))
                overrides += "- " + overrideOf(*p) + '\n';
            if (!out.write(job + QStringLiteral("/.hydra/config.yaml"), hydraConfig(run)) ||
                !out.write(job + QStringLiteral("/.hydra/hydra.yaml"),
                           hydraSection(run, outputDir, int(n), true)) ||
                !out.write(job + QStringLiteral("/.hydra/overrides.yaml"),
                           overrides.isEmpty() ? QByteArray("[]\n") : overrides) ||
                !out.write(job + u'/' + QString::fromUtf8(scriptStem(run)) + QStringLiteral(".log"),
                           jobLog(run)) ||
                !out.write(job + QStringLiteral("/logs/csv/version_0/metrics.csv"),
                           lightningCsv(run)) ||
                !out.write(job + QStringLiteral("/logs/csv/version_0/hparams.yaml"),
                           hparamsYaml(run)))
                return false;
        }
    }
    return out.ok();
}

bool writeDemoGuild(const QString &dir, const DemoOptions &options, QString *error) {
    Out out(error);
    QString root;
    if (!out.begin(dir, "guild", &root))
        return false;
    for (const DemoRun &run : demoRuns(options)) {
        const QString folder =
            root + (run.deleted ? QStringLiteral("/trash/runs/") : QStringLiteral("/runs/")) +
            QString::fromStdString(run.id);
        if (!writeGuildRun(out, folder, run))
            return false;
    }
    return out.ok();
}

} // namespace runlens::demo
