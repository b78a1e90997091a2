// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/demogenerator.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QUrl>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <numbers>
#include <random>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <vector>

// The generator writes hundreds of thousands of small files, so it stays below Qt on purpose:
// std::string buffers, std::to_chars and POSIX open/write (a QFile per file costs several times
// more). Every run draws from its own generator seeded from (seed, run index), so the output is
// the same whatever the number of writer threads.

namespace runlens::demo {
namespace {

// --- randomness -----------------------------------------------------------------------------

quint64 splitMix(quint64 x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/// mt19937_64 with hand-written distributions, so that a seed gives the same store with any
/// standard library.
class Rng {
public:
    explicit Rng(quint64 seed)
        : m_engine(seed) {}

    quint64 bits() { return m_engine(); }
    /// Uniform in [0, 1).
    double uniform() { return static_cast<double>(m_engine() >> 11) * 0x1.0p-53; }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    /// Uniform integer in [0, n).
    int below(int n) { return static_cast<int>(uniform() * n); }
    bool chance(double p) { return uniform() < p; }
    double logUniform(double lo, double hi) {
        return std::exp(uniform(std::log(lo), std::log(hi)));
    }
    /// Standard normal (Box-Muller, the second value kept for the next call).
    double normal() {
        if (m_hasSpare) {
            m_hasSpare = false;
            return m_spare;
        }
        const double u = 1.0 - uniform(); // (0, 1]
        const double v = uniform();
        const double r = std::sqrt(-2.0 * std::log(u));
        m_spare = r * std::sin(2.0 * std::numbers::pi * v);
        m_hasSpare = true;
        return r * std::cos(2.0 * std::numbers::pi * v);
    }
    template <typename T, std::size_t N> const T &pick(const std::array<T, N> &items) {
        return items[static_cast<std::size_t>(below(static_cast<int>(N)))];
    }

private:
    std::mt19937_64 m_engine;
    double m_spare = 0;
    bool m_hasSpare = false;
};

// --- text -----------------------------------------------------------------------------------

void appendInt(std::string &out, qint64 value) {
    char buf[24];
    const auto res = std::to_chars(buf, buf + sizeof buf, value);
    out.append(buf, res.ptr);
}

/// Python repr() of a float into buf (at least 32 bytes); returns the length.
int formatPythonFloat(double value, char *buf) {
    if (std::isnan(value)) {
        std::memcpy(buf, "nan", 3);
        return 3;
    }
    if (std::isinf(value)) {
        if (value < 0) {
            std::memcpy(buf, "-inf", 4);
            return 4;
        }
        std::memcpy(buf, "inf", 3);
        return 3;
    }
    // Shortest round-trip digits in scientific form, "-d.ddde+XX", rearranged the way Python's
    // float_repr_style 'short' does: exponent notation when exp < -4 or exp >= 16, else
    // positional with at least one digit after the point.
    char sci[40];
    const auto res = std::to_chars(sci, sci + sizeof sci, value, std::chars_format::scientific);
    const char *p = sci;
    char *out = buf;
    if (*p == '-') {
        *out++ = '-';
        ++p;
    }
    char digits[24];
    int nd = 0;
    while (*p != 'e') {
        if (*p != '.')
            digits[nd++] = *p;
        ++p;
    }
    ++p; // 'e'
    int exp = 0;
    std::from_chars(*p == '+' ? p + 1 : p, res.ptr, exp);

    if (exp < -4 || exp >= 16) {
        *out++ = digits[0];
        if (nd > 1) {
            *out++ = '.';
            for (int i = 1; i < nd; ++i)
                *out++ = digits[i];
        }
        *out++ = 'e';
        *out++ = exp < 0 ? '-' : '+';
        const int a = exp < 0 ? -exp : exp;
        if (a < 10)
            *out++ = '0';
        out = std::to_chars(out, buf + 32, a).ptr;
    } else if (exp < 0) {
        *out++ = '0';
        *out++ = '.';
        for (int i = 0; i < -exp - 1; ++i)
            *out++ = '0';
        for (int i = 0; i < nd; ++i)
            *out++ = digits[i];
    } else {
        for (int i = 0; i <= exp; ++i)
            *out++ = i < nd ? digits[i] : '0';
        *out++ = '.';
        if (nd > exp + 1) {
            for (int i = exp + 1; i < nd; ++i)
                *out++ = digits[i];
        } else {
            *out++ = '0';
        }
    }
    return static_cast<int>(out - buf);
}

void appendFloat(std::string &out, double value) {
    char buf[40];
    out.append(buf, static_cast<std::size_t>(formatPythonFloat(value, buf)));
}

/// A YAML scalar as PyYAML's safe dumper writes a str: plain when that reads back as the same
/// string, else single-quoted. Covers the values this generator produces (names, ids, URIs).
std::string yamlString(std::string_view s) {
    bool quote =
        s.empty() || s.front() == ' ' || s.back() == ' ' ||
        std::string_view("-?:,[]{}#&*!|>'\"%@`").find(s.front()) != std::string_view::npos ||
        s.find(": ") != std::string_view::npos || s.find(" #") != std::string_view::npos ||
        s.back() == ':';
    if (!quote) {
        // Would resolve to an int or a float: digits with at most signs, '_', '.' and 'e'.
        const bool numeric =
            std::all_of(s.begin(), s.end(),
                        [](char c) { return (c >= '0' && c <= '9') || c == '_' || c == '.'; }) &&
            s.find_first_of("0123456789") != std::string_view::npos;
        static constexpr std::array<std::string_view, 12> words = {"true", "false", "yes",  "no",
                                                                   "on",   "off",   "null", "~",
                                                                   "True", "False", "Null", "NULL"};
        quote = numeric || std::find(words.begin(), words.end(), s) != words.end();
    }
    if (!quote)
        return std::string(s);
    std::string out = "'";
    for (char c : s) {
        if (c == '\'')
            out += '\'';
        out += c;
    }
    out += '\'';
    return out;
}

std::string hex(Rng &rng, int chars) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string s;
    s.reserve(static_cast<std::size_t>(chars));
    quint64 word = 0;
    for (int i = 0; i < chars; ++i) {
        if (i % 16 == 0)
            word = rng.bits();
        s += digits[word & 0xf];
        word >>= 4;
    }
    return s;
}

/// A uuid4().hex: 32 lowercase hex digits with the version and variant nibbles MLflow's ids have.
std::string runId(Rng &rng) {
    std::string id = hex(rng, 32);
    id[12] = '4';
    id[16] = "89ab"[rng.below(4)];
    return id;
}

// --- what the store holds -------------------------------------------------------------------

constexpr std::array<std::string_view, 40> adjectives = {
    "amber",  "bold",   "brave",   "bright", "calm",     "clever", "crisp",  "daring",
    "eager",  "fancy",  "fierce",  "gentle", "glossy",   "grand",  "happy",  "honest",
    "humble", "jolly",  "keen",    "kind",   "lively",   "lucky",  "mellow", "merry",
    "mighty", "nimble", "patient", "proud",  "quick",    "quiet",  "rare",   "rustic",
    "shy",    "silent", "sleek",   "smooth", "spirited", "sunny",  "swift",  "wise"};
constexpr std::array<std::string_view, 40> animals = {
    "ant",   "badger", "bat",   "bear",  "beaver", "bison", "boar",  "carp",  "crane", "crow",
    "deer",  "dove",   "eel",   "elk",   "falcon", "finch", "fox",   "gecko", "goat",  "hare",
    "hawk",  "heron",  "ibis",  "jay",   "koala",  "lark",  "lynx",  "mole",  "moth",  "newt",
    "otter", "owl",    "panda", "quail", "robin",  "seal",  "shrew", "snail", "toad",  "wolf"};
constexpr std::array<std::string_view, 6> users = {"alice", "bob",   "chen",
                                                   "dana",  "emeka", "farah"};

/// How one kind of experiment trains: its models, loss scale and accuracy ceiling.
struct Task {
    std::string_view name;
    std::array<std::string_view, 4> models;
    std::string_view script;
    double initialLoss;
    double floorLoss;
    double chanceAccuracy;
    double bestAccuracy;
    double samplesPerSecond; ///< at batch size 64 with the first model
};

constexpr std::array<Task, 8> tasks = {{
    {"cifar10-resnet",
     {"resnet18", "resnet50", "vit-b16", "wide-resnet28"},
     "train_cifar.py",
     2.30,
     0.12,
     0.10,
     0.96,
     2400},
    {"imdb-sentiment",
     {"bert-base", "distilbert", "lstm-2x256", "roberta-base"},
     "train_imdb.py",
     0.69,
     0.18,
     0.50,
     0.94,
     380},
    {"wmt-translation",
     {"transformer-base", "transformer-big", "t5-small", "mbart-large"},
     "train_nmt.py",
     9.8,
     1.6,
     0.0,
     0.68,
     5200},
    {"mnist-mlp",
     {"mlp-2x512", "lenet5", "mlp-3x1024", "cnn-small"},
     "mnist.py",
     2.30,
     0.02,
     0.10,
     0.995,
     21000},
    {"coco-detection",
     {"fasterrcnn-r50", "retinanet-r50", "detr-r50", "yolov5s"},
     "detect.py",
     3.1,
     0.55,
     0.0,
     0.52,
     42},
    {"librispeech-asr",
     {"conformer-s", "wav2vec2-base", "deepspeech2", "conformer-m"},
     "train_asr.py",
     4.2,
     0.35,
     0.0,
     0.91,
     160},
    {"ag-news-distill",
     {"distilbert", "tinybert", "bert-base", "minilm"},
     "distill.py",
     1.39,
     0.16,
     0.25,
     0.94,
     620},
    {"imagenet-vit",
     {"vit-b16", "vit-s16", "deit-s", "resnet50"},
     "train_imagenet.py",
     6.9,
     0.9,
     0.001,
     0.81,
     780},
}};

constexpr std::array<std::string_view, 8> namedParams = {
    "lr", "batch_size", "optimizer", "weight_decay", "dropout", "epochs", "seed", "model"};
constexpr std::array<std::string_view, 6> namedMetrics = {"train/loss", "val/loss", "val/accuracy",
                                                          "lr",         "epoch",    "throughput"};

enum Status { Running = 1, Finished = 3, Failed = 4, Killed = 5 };
enum class Role { Normal, Failed, Killed, Running, Deleted };

struct Experiment {
    std::string id;
    std::string name;
    const Task *task = nullptr;
    std::array<std::string, 3> commits;
    qint64 creationTime = 0;
};

struct RunPlan {
    int experiment = 0;
    std::string id;
    quint64 seed = 0;
    qint64 slotStart = 0; ///< wished start time; moved earlier when the run would end after now
    Role role = Role::Normal;
};

struct Shared {
    std::string root; ///< absolute mlruns path, no trailing '/'
    std::string rootUri;
    const DemoOptions *options = nullptr;
    qint64 now = 0;
    std::vector<Experiment> experiments;
    std::vector<RunPlan> runs;

    std::atomic_bool failed{false};
    std::mutex errorMutex;
    QString error;

    void fail(const std::string &path, int err) {
        std::lock_guard lock(errorMutex);
        if (!failed.exchange(true))
            error = QStringLiteral("Cannot write %1: %2")
                        .arg(QString::fromStdString(path), QString::fromLocal8Bit(strerror(err)));
    }
};

bool writeFile(Shared &shared, const std::string &path, std::string_view content) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        shared.fail(path, errno);
        return false;
    }
    const char *p = content.data();
    std::size_t left = content.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            shared.fail(path, errno);
            ::close(fd);
            return false;
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0) {
        shared.fail(path, errno);
        return false;
    }
    return true;
}

bool makeDir(Shared &shared, const std::string &path) {
    if (::mkdir(path.c_str(), 0755) != 0 && errno != EEXIST) {
        shared.fail(path, errno);
        return false;
    }
    return true;
}

// --- one run ----------------------------------------------------------------------------------

/// The hyperparameters that shape the curves.
struct Hyper {
    double lr = 1e-3;
    int batchSize = 64;
    std::string_view optimizer = "adam";
    double weightDecay = 0;
    double dropout = 0;
    int epochs = 10;
    int seed = 0;
    int model = 0;
};

struct Curves {
    std::vector<std::vector<double>> values; ///< per metric, per step
    int stepsDone = 0;
    bool nanCrash = false;
};

Hyper drawHyper(Rng &rng) {
    static constexpr std::array<int, 6> batchSizes = {16, 32, 64, 128, 256, 512};
    static constexpr std::array<std::string_view, 3> optimizers = {"adam", "sgd", "adamw"};
    static constexpr std::array<double, 7> decays = {0.0, 1e-05, 0.0001, 0.0005, 0.001, 0.01, 0.05};
    static constexpr std::array<int, 6> epochCounts = {10, 20, 30, 50, 90, 100};
    Hyper h;
    h.lr = rng.logUniform(1e-5, 1e-1);
    h.batchSize = rng.pick(batchSizes);
    h.optimizer = rng.pick(optimizers);
    h.weightDecay = rng.pick(decays);
    h.dropout = rng.below(11) / 20.0; // 0.0 .. 0.5 in steps of 0.05
    h.epochs = rng.pick(epochCounts);
    h.seed = rng.below(10000);
    h.model = rng.below(4);
    return h;
}

/// Learning curves that follow the hyperparameters: the distance of lr from the optimizer's
/// sweet spot sets how fast the loss falls and where it levels off; far above it the loss
/// blows up (and may hit NaN, which crashes the run).
Curves drawCurves(Rng &rng, const Task &task, const Hyper &h, int metrics, int steps, Role role) {
    const double optimum = h.optimizer == "sgd" ? -1.9 : -3.3;
    const double d = std::log10(h.lr) - optimum; // decades away from the sweet spot
    const double quality = std::exp(-d * d / (2 * 0.6 * 0.6));
    const bool diverges = d > 1.35;
    const double modelGain = 1.0 - 0.06 * h.model;
    const double rate = 0.4 + 5.0 * quality;
    const double floor = task.floorLoss * (1.0 + 2.5 * (1.0 - quality)) / modelGain;
    const double start = task.initialLoss * rng.uniform(0.97, 1.05);
    const double overfit =
        0.35 * (1.0 - 1.5 * h.dropout) * (1.0 - std::min(h.weightDecay * 50.0, 0.8));
    const double accTop = task.chanceAccuracy + (task.bestAccuracy - task.chanceAccuracy) *
                                                    modelGain * (0.55 + 0.45 * quality) *
                                                    rng.uniform(0.985, 1.0);
    const double blowUp = diverges ? rng.uniform(0.08, 0.5) : 2.0;
    const double growth = rng.uniform(3.0, 9.0);
    const double throughput = task.samplesPerSecond * (1.0 - 0.2 * h.model) *
                              std::pow(h.batchSize / 64.0, 0.85) * rng.uniform(0.9, 1.1);

    int stepsDone = steps;
    switch (role) {
    case Role::Failed:
        stepsDone = std::max(1, static_cast<int>(steps * rng.uniform(0.15, 0.7)));
        break;
    case Role::Killed:
        stepsDone = std::max(1, static_cast<int>(steps * rng.uniform(0.3, 0.9)));
        break;
    case Role::Running:
        stepsDone = std::max(1, static_cast<int>(steps * rng.uniform(0.4, 0.8)));
        break;
    case Role::Normal:
    case Role::Deleted:
        break;
    }
    // Half of the diverging runs end in a NaN loss, which kills the training script.
    int nanStep = -1;
    if (diverges && (role == Role::Normal || role == Role::Failed) && rng.chance(0.5)) {
        const double growthAtNan = std::log(1.0 + 40.0) / growth; // loss ~40x the start
        const int at = static_cast<int>((blowUp + growthAtNan) * std::max(1, steps - 1));
        if (at < stepsDone - 1) { // a NaN at the very end would not be noticed
            nanStep = at;
            stepsDone = at + 1;
        }
    }

    struct Extra {
        int kind;
        double scale, rate, noise;
    };
    const int extras = std::max(0, metrics - static_cast<int>(namedMetrics.size()));
    std::vector<Extra> extraShapes;
    for (int j = 0; j < extras; ++j)
        extraShapes.push_back(
            {j % 3, rng.logUniform(0.01, 100.0), rng.uniform(1.0, 8.0), rng.uniform(0.005, 0.05)});

    Curves c;
    c.stepsDone = stepsDone;
    c.nanCrash = nanStep >= 0;
    c.values.assign(static_cast<std::size_t>(metrics), std::vector<double>());
    for (auto &v : c.values)
        v.reserve(static_cast<std::size_t>(stepsDone));
    std::vector<double> walk(static_cast<std::size_t>(extras), 0.0);
    const double span = std::max(1, steps - 1);
    for (int i = 0; i < stepsDone; ++i) {
        const double t = i / span;
        double loss = floor + (start - floor) * std::exp(-rate * 5.0 * t);
        double acc = task.chanceAccuracy +
                     (accTop - task.chanceAccuracy) * (1.0 - std::exp(-rate * 4.0 * t));
        if (diverges && t > blowUp) {
            const double excess = std::expm1(growth * (t - blowUp));
            loss += start * excess;
            acc = task.chanceAccuracy + (acc - task.chanceAccuracy) / (1.0 + 3.0 * excess);
        }
        const double trainLoss = loss * (1.0 + 0.04 * rng.normal());
        const double valLoss = loss * (1.0 + overfit * t * t) * (1.0 + 0.015 * rng.normal());
        const double valAcc = std::clamp(acc + 0.004 * rng.normal(), 0.0, 1.0);
        const double warm = 0.05;
        double lr = t < warm
                        ? h.lr * (i + 1) / (warm * span + 1)
                        : h.lr * 0.5 * (1.0 + std::cos(std::numbers::pi * (t - warm) / (1 - warm)));
        if (h.optimizer == "sgd") // step decay instead of cosine
            lr = t < warm ? lr : h.lr * (t < 0.5 ? 1.0 : t < 0.75 ? 0.1 : 0.01);
        const double epoch = std::floor(t * (h.epochs - 1) + 1e-9);
        const double speed = throughput * (i == 0 ? 0.55 : 1.0) * (1.0 + 0.03 * rng.normal());
        const bool isNan = i == nanStep;
        const double named[] = {isNan ? std::nan("") : trainLoss,
                                isNan ? std::nan("") : valLoss,
                                valAcc,
                                lr,
                                epoch,
                                speed};
        for (int m = 0; m < metrics && m < static_cast<int>(namedMetrics.size()); ++m)
            c.values[static_cast<std::size_t>(m)].push_back(named[m]);
        for (int j = 0; j < extras; ++j) {
            const Extra &e = extraShapes[static_cast<std::size_t>(j)];
            double v = 0;
            auto &w = walk[static_cast<std::size_t>(j)];
            w += e.noise * rng.normal();
            switch (e.kind) {
            case 0:
                v = e.scale * (0.1 + std::exp(-e.rate * t)) * (1.0 + w);
                break;
            case 1:
                v = e.scale * (1.0 - std::exp(-e.rate * t)) + e.scale * w;
                break;
            default:
                v = e.scale * (1.0 + w);
                break;
            }
            c.values[static_cast<std::size_t>(namedMetrics.size()) + static_cast<std::size_t>(j)]
                .push_back(v);
        }
    }
    return c;
}

std::string metricName(int m) {
    if (m < static_cast<int>(namedMetrics.size()))
        return std::string(namedMetrics[static_cast<std::size_t>(m)]);
    return "extra_" + std::to_string(m - static_cast<int>(namedMetrics.size()));
}

std::string paramText(const DemoParam &p) {
    return p.text;
}

DemoRun makeRun(const Shared &shared, std::size_t index) {
    const DemoOptions &o = *shared.options;
    const RunPlan &plan = shared.runs[index];
    const Experiment &exp = shared.experiments[static_cast<std::size_t>(plan.experiment)];
    const Task &task = *exp.task;
    Rng rng(plan.seed);

    DemoRun run;
    run.id = plan.id;
    run.experiment = exp.name;
    run.experimentId = exp.id;
    run.name = std::string(rng.pick(adjectives)) + '-' + std::string(rng.pick(animals)) + '-' +
               std::to_string(rng.below(1000));
    run.user = std::string(rng.pick(users));
    run.commit = exp.commits[static_cast<std::size_t>(rng.below(3))];
    const Hyper h = drawHyper(rng);
    const int steps = std::max(1, o.steps);
    const int metrics = std::max(0, o.metrics);
    Curves curves = drawCurves(rng, task, h, metrics, steps, plan.role);

    // Wall-clock: a run lasts 10 min to 6 h; the running one is still going right now.
    const double duration = rng.logUniform(10 * 60e3, 6 * 3600e3);
    const double stepMs = std::max(10.0, duration / steps);
    const qint64 setupMs = 2000 + rng.below(20000);
    const qint64 plannedEnd = static_cast<qint64>(stepMs * curves.stepsDone * 1.1) + setupMs + 5000;
    qint64 startTime = std::min(plan.slotStart, shared.now - plannedEnd - 60000);
    if (plan.role == Role::Running)
        startTime = shared.now - plannedEnd + 5000;

    run.timesMs.resize(static_cast<std::size_t>(curves.stepsDone));
    double clock = static_cast<double>(startTime + setupMs);
    for (auto &ts : run.timesMs) {
        clock += stepMs * rng.uniform(0.9, 1.1);
        ts = static_cast<qint64>(clock);
    }
    run.evalDelayMs = static_cast<qint64>(stepMs * 0.05);
    const qint64 endTime = (run.timesMs.empty() ? startTime : run.timesMs.back()) +
                           run.evalDelayMs + 1500 + rng.below(3000);
    run.startMs = startTime;
    for (int m = 0; m < metrics; ++m)
        run.metricNames.push_back(metricName(m));
    run.values = std::move(curves.values);

    // params, as the script holds them; text is Python's str(value)
    std::string buf;
    for (int p = 0; p < o.params; ++p) {
        DemoParam param;
        buf.clear();
        auto number = [&](double v, DemoParam::Kind kind) {
            param.kind = kind;
            param.number = v;
            if (kind == DemoParam::Kind::Int)
                appendInt(buf, static_cast<qint64>(v));
            else
                appendFloat(buf, v);
        };
        auto text = [&](std::string_view t) {
            param.kind = DemoParam::Kind::Text;
            buf += t;
        };
        switch (p) {
        case 0:
            number(h.lr, DemoParam::Kind::Float);
            break;
        case 1:
            number(h.batchSize, DemoParam::Kind::Int);
            break;
        case 2:
            text(h.optimizer);
            break;
        case 3:
            number(h.weightDecay, DemoParam::Kind::Float);
            break;
        case 4:
            number(h.dropout, DemoParam::Kind::Float);
            break;
        case 5:
            number(h.epochs, DemoParam::Kind::Int);
            break;
        case 6:
            number(h.seed, DemoParam::Kind::Int);
            break;
        case 7:
            text(task.models[static_cast<std::size_t>(h.model)]);
            break;
        default: {
            const int j = p - 8;
            switch (j % 4) {
            case 0:
                number(rng.uniform(0.0, 1.0), DemoParam::Kind::Float);
                break;
            case 1:
                number(1 << rng.below(10), DemoParam::Kind::Int);
                break;
            case 2: {
                const bool b = rng.chance(0.5);
                param.kind = DemoParam::Kind::Bool;
                param.number = b ? 1 : 0;
                buf += b ? "True" : "False";
                break;
            }
            default:
                text(rng.pick(
                    std::array<std::string_view, 4>{"none", "mixup", "cutmix", "randaugment"}));
                break;
            }
        }
        }
        if (p < static_cast<int>(namedParams.size()))
            param.name = namedParams[static_cast<std::size_t>(p)];
        else
            param.name = "extra_" + std::to_string(p - static_cast<int>(namedParams.size()));
        param.text = buf;
        run.params.push_back(std::move(param));
    }
    run.script =
        "/home/" + run.user + "/src/" + std::string(task.name) + '/' + std::string(task.script);

    int status = Finished;
    switch (plan.role) {
    case Role::Failed:
        status = Failed;
        break;
    case Role::Killed:
        status = Killed;
        break;
    case Role::Running:
        status = Running;
        break;
    case Role::Normal:
    case Role::Deleted:
        status = curves.nanCrash ? Failed : Finished;
        break;
    }
    run.status = status;
    run.endMs = status == Running ? 0 : endTime;
    run.deleted = plan.role == Role::Deleted;
    if (run.deleted)
        run.deletedMs = std::min(shared.now - 1000, endTime + 3600000 + rng.below(86400000));
    return run;
}

bool writeRun(Shared &shared, std::size_t index, std::string &buf) {
    const RunPlan &plan = shared.runs[index];
    const Experiment &exp = shared.experiments[static_cast<std::size_t>(plan.experiment)];
    const DemoRun run = makeRun(shared, index);
    const int metrics = static_cast<int>(run.metricNames.size());
    const auto &times = run.timesMs;
    const qint64 evalMs = run.evalDelayMs;

    std::string dir = shared.root + '/' + exp.id + '/' + plan.id;
    if (!makeDir(shared, dir) || !makeDir(shared, dir + "/metrics") ||
        !makeDir(shared, dir + "/params") || !makeDir(shared, dir + "/tags"))
        return false;

    // metrics
    bool madeTrain = false, madeVal = false;
    for (int m = 0; m < metrics; ++m) {
        const std::string name = metricName(m);
        if (!madeTrain && name.starts_with("train/")) {
            madeTrain = makeDir(shared, dir + "/metrics/train");
            if (!madeTrain)
                return false;
        }
        if (!madeVal && name.starts_with("val/")) {
            madeVal = makeDir(shared, dir + "/metrics/val");
            if (!madeVal)
                return false;
        }
        const bool isVal = name.starts_with("val/");
        const auto &values = run.values[static_cast<std::size_t>(m)];
        buf.clear();
        for (std::size_t i = 0; i < values.size(); ++i) {
            appendInt(buf, times[i] + (isVal ? evalMs : 0));
            buf += ' ';
            appendFloat(buf, values[i]);
            buf += ' ';
            appendInt(buf, static_cast<qint64>(i));
            buf += '\n';
        }
        if (!writeFile(shared, dir + "/metrics/" + name, buf))
            return false;
    }

    // params: the whole file is str(value), no newline
    for (const DemoParam &p : run.params) {
        if (!writeFile(shared, dir + "/params/" + p.name, paramText(p)))
            return false;
    }

    // tags
    const std::string tagDir = dir + "/tags/";
    if (!writeFile(shared, tagDir + "mlflow.runName", run.name) ||
        !writeFile(shared, tagDir + "mlflow.user", run.user) ||
        !writeFile(shared, tagDir + "mlflow.source.name", run.script) ||
        !writeFile(shared, tagDir + "mlflow.source.type", "LOCAL") ||
        !writeFile(shared, tagDir + "mlflow.source.git.commit", run.commit))
        return false;

    // meta.yaml last, as MLflow's terminated run rewrites it
    const int status = run.status;
    const qint64 endTime = run.endMs;
    const qint64 startTime = run.startMs;
    buf.clear();
    buf += "artifact_uri: ";
    buf += yamlString(shared.rootUri + '/' + exp.id + '/' + plan.id + "/artifacts");
    buf += '\n';
    if (plan.role == Role::Deleted) {
        buf += "deleted_time: ";
        appendInt(buf, run.deletedMs);
        buf += '\n';
    }
    buf += "end_time: ";
    if (status == Running)
        buf += "null";
    else
        appendInt(buf, endTime);
    buf += "\nentry_point_name: ''\nexperiment_id: ";
    buf += yamlString(exp.id);
    buf += "\nlifecycle_stage: ";
    buf += plan.role == Role::Deleted ? "deleted" : "active";
    buf += "\nrun_id: ";
    buf += yamlString(plan.id);
    buf += "\nrun_name: ";
    buf += yamlString(run.name);
    buf += "\nrun_uuid: ";
    buf += yamlString(plan.id);
    buf += "\nsource_name: ''\nsource_type: 4\nsource_version: ''\nstart_time: ";
    appendInt(buf, startTime);
    buf += "\nstatus: ";
    appendInt(buf, status);
    buf += "\ntags: []\nuser_id: ";
    buf += yamlString(run.user);
    buf += '\n';
    return writeFile(shared, dir + "/meta.yaml", buf);
}

bool writeExperimentMeta(Shared &shared, const Experiment &e) {
    std::string buf =
        "artifact_location: " + yamlString(shared.rootUri + '/' + e.id) + "\ncreation_time: ";
    appendInt(buf, e.creationTime);
    buf += "\nexperiment_id: " + yamlString(e.id) + "\nlast_update_time: ";
    appendInt(buf, e.creationTime);
    buf += "\nlifecycle_stage: active\nname: " + yamlString(e.name) + '\n';
    const std::string dir = shared.root + '/' + e.id;
    return makeDir(shared, dir) && writeFile(shared, dir + "/meta.yaml", buf);
}

int experimentCount(const DemoOptions &o) {
    if (o.experiments > 0)
        return o.experiments;
    return std::max(1, (o.runs + 10) / 20);
}

/// Experiments, run ids, start slots and the special runs, drawn in order from the master seed.
void plan(Shared &shared) {
    const DemoOptions &o = *shared.options;
    Rng rng(splitMix(o.seed));
    const int nExp = experimentCount(o);
    const qint64 day = 86400000;
    const qint64 spanMs = 35 * day;
    const qint64 first = shared.now - spanMs;

    std::vector<double> weights;
    double total = 0;
    for (int e = 0; e < nExp; ++e) {
        Experiment x;
        // Recent MLflow versions number experiments with long random integers.
        x.id = std::to_string(100000000000000000ULL + rng.bits() % 800000000000000000ULL);
        x.task = &tasks[static_cast<std::size_t>(e) % tasks.size()];
        x.name = e < static_cast<int>(tasks.size()) ? std::string(x.task->name)
                                                    : "experiment-" + std::to_string(e + 1);
        for (auto &c : x.commits)
            c = hex(rng, 40);
        shared.experiments.push_back(std::move(x));
        weights.push_back(rng.uniform(0.5, 1.5));
        total += weights.back();
    }

    const int n = std::max(0, o.runs);
    shared.runs.resize(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        RunPlan &r = shared.runs[static_cast<std::size_t>(i)];
        // The first runs visit each experiment once, so that none stays empty.
        if (i < nExp) {
            r.experiment = i;
        } else {
            double x = rng.uniform() * total;
            r.experiment = 0;
            while (r.experiment + 1 < nExp &&
                   x >= weights[static_cast<std::size_t>(r.experiment)]) {
                x -= weights[static_cast<std::size_t>(r.experiment)];
                ++r.experiment;
            }
        }
        r.id = runId(rng);
        r.seed = splitMix(o.seed ^ splitMix(static_cast<quint64>(i) + 1));
        r.slotStart = first + static_cast<qint64>((i + rng.uniform()) / std::max(1, n) *
                                                  static_cast<double>(spanMs));
    }
    for (auto &x : shared.experiments)
        x.creationTime = first - day + rng.below(static_cast<int>(day / 2));

    // Special runs: the newest one is still RUNNING; one deleted, one or two KILLED, ~4% FAILED.
    if (n >= 4) {
        shared.runs.back().role = Role::Running;
        std::vector<int> order(static_cast<std::size_t>(n - 1));
        for (int i = 0; i < n - 1; ++i)
            order[static_cast<std::size_t>(i)] = i;
        for (int i = n - 2; i > 0; --i) // Fisher-Yates with our own uniform
            std::swap(order[static_cast<std::size_t>(i)],
                      order[static_cast<std::size_t>(rng.below(i + 1))]);
        std::size_t k = 0;
        shared.runs[static_cast<std::size_t>(order[k++])].role = Role::Deleted;
        const int killed = n >= 50 ? 2 : 1;
        for (int i = 0; i < killed && k < order.size(); ++i)
            shared.runs[static_cast<std::size_t>(order[k++])].role = Role::Killed;
        const int failed = std::max(1, n * 4 / 100);
        for (int i = 0; i < failed && k < order.size(); ++i)
            shared.runs[static_cast<std::size_t>(order[k++])].role = Role::Failed;
    }
}

} // namespace

QByteArray pythonFloatRepr(double value) {
    char buf[40];
    return QByteArray(buf, formatPythonFloat(value, buf));
}

bool writeDemoStore(const QString &dir, const DemoOptions &options, QString *error) {
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (!QDir().mkpath(dir))
        return fail(
            QStringLiteral("Cannot create the folder %1.").arg(QDir::toNativeSeparators(dir)));
    const QString root = QDir::cleanPath(QDir(dir).absoluteFilePath(QStringLiteral("mlruns")));
    if (QFileInfo(root).isDir() &&
        !QDir(root).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).isEmpty())
        return fail(QStringLiteral("%1 already holds an MLflow store; choose an empty folder.")
                        .arg(QDir::toNativeSeparators(root)));

    Shared shared;
    shared.options = &options;
    shared.root = QFile::encodeName(root).toStdString();
    shared.rootUri = QUrl::fromLocalFile(root).toString(QUrl::FullyEncoded).toStdString();
    shared.now = options.nowMs > 0 ? options.nowMs : QDateTime::currentMSecsSinceEpoch();
    plan(shared);

    // MLflow's FileStore creates .trash and the Default experiment when it first opens a root.
    Experiment defaultExp;
    defaultExp.id = "0";
    defaultExp.name = "Default";
    defaultExp.creationTime = shared.now - 40 * qint64(86400000);
    if (!makeDir(shared, shared.root) || !makeDir(shared, shared.root + "/.trash") ||
        !writeExperimentMeta(shared, defaultExp))
        return fail(shared.error);
    for (const Experiment &e : shared.experiments) {
        if (!writeExperimentMeta(shared, e))
            return fail(shared.error);
    }

    const unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1u, 2u);
    auto work = [&shared, threads](unsigned first) {
        std::string buf;
        buf.reserve(1 << 16);
        for (std::size_t i = first; i < shared.runs.size() && !shared.failed; i += threads) {
            if (!writeRun(shared, i, buf))
                return;
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t)
        pool.emplace_back(work, t);
    work(0);
    for (auto &t : pool)
        t.join();
    if (shared.failed)
        return fail(shared.error);
    return true;
}

struct DemoSweep::Private {
    DemoOptions options;
    Shared shared;
};

DemoSweep::DemoSweep(const DemoOptions &options)
    : d(std::make_unique<Private>()) {
    d->options = options;
    d->shared.options = &d->options;
    d->shared.now = options.nowMs > 0 ? options.nowMs : QDateTime::currentMSecsSinceEpoch();
    plan(d->shared);
}

DemoSweep::~DemoSweep() = default;

int DemoSweep::size() const {
    return static_cast<int>(d->shared.runs.size());
}

DemoRun DemoSweep::run(int i) const {
    return makeRun(d->shared, static_cast<std::size_t>(i));
}

std::vector<DemoRun> demoRuns(const DemoOptions &options) {
    const DemoSweep sweep(options);
    std::vector<DemoRun> runs;
    runs.reserve(static_cast<std::size_t>(sweep.size()));
    for (int i = 0; i < sweep.size(); ++i)
        runs.push_back(sweep.run(i));
    return runs;
}

} // namespace runlens::demo
