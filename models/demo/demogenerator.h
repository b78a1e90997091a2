// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <memory>
#include <string>
#include <vector>

namespace runlens::demo {

struct DemoOptions {
    int runs = 60;
    int metrics = 6; ///< metric keys per run (loss, accuracy, lr, ... then extra_N)
    int steps = 100; ///< points per metric
    int params = 8;  ///< params per run (lr, batch_size, optimizer, ... then extra_N)
    quint64 seed = 42;
    int experiments = 0; ///< 0: chosen from the run count
    qint64 nowMs = 0;    ///< the newest run ends just before this (ms since epoch); 0: the clock
};

/// Writes a realistic synthetic MLflow file store below dir/mlruns: several experiments, learning
/// curves whose shape follows the hyperparameters (a too-high learning rate diverges), noise,
/// a few FAILED and KILLED runs, a deleted run, tags. Deterministic for a seed.
/// Returns false and sets *error when dir cannot be written.
/// Refuses (false) a dir whose mlruns folder exists and is not empty: it never overwrites runs.
bool writeDemoStore(const QString &dir, const DemoOptions &options, QString *error = nullptr);

/// One hyperparameter of a demo run, typed as the training script would hold it.
struct DemoParam {
    enum class Kind { Float, Int, Bool, Text };
    std::string name;
    Kind kind = Kind::Text;
    double number = 0; ///< Float, Int (integral) and Bool (0/1)
    std::string text;  ///< Text; for the others, str(value) as Python prints it ("0.001", "True")
};

/// One run of the demo's synthetic sweep, format-neutral: the MLflow writer and the writers of
/// every other format serialize these, so each format's demo runs look alike.
struct DemoRun {
    std::string id;         ///< 32 lowercase hex digits
    std::string name;       ///< "brave-otter-412"
    std::string experiment; ///< "cifar10-resnet"
    std::string experimentId;
    std::string user;
    std::string commit; ///< 40 hex digits
    std::string script; ///< "/home/alice/src/cifar10-resnet/train_cifar.py"
    int status = 3;     ///< MLflow's codes: 1 RUNNING, 3 FINISHED, 4 FAILED, 5 KILLED
    bool deleted = false;
    qint64 deletedMs = 0; ///< when deleted
    qint64 startMs = 0;
    qint64 endMs = 0; ///< 0 while running
    std::vector<DemoParam> params;
    std::vector<std::string> metricNames; ///< "train/loss", "val/loss", "val/accuracy", ...
    /// values[m][i]: metric m at step i (NaN where a diverging run blew up).
    std::vector<std::vector<double>> values;
    std::vector<qint64> timesMs; ///< wall time of step i
    qint64 evalDelayMs = 0;      ///< "val/..." metrics are logged this much after the step
};

/// The runs writeDemoStore() writes, for writers of other formats. Deterministic for a seed;
/// options.runs runs of options.steps steps (fewer for failed, killed and running runs).
std::vector<DemoRun> demoRuns(const DemoOptions &options);

/// The same runs one at a time, for sweeps too big to hold at once (a 1 GB benchmark folder).
class DemoSweep {
public:
    explicit DemoSweep(const DemoOptions &options);
    ~DemoSweep();
    DemoSweep(const DemoSweep &) = delete;
    DemoSweep &operator=(const DemoSweep &) = delete;

    [[nodiscard]] int size() const;
    /// Run i (0 <= i < size()); thread-safe.
    [[nodiscard]] DemoRun run(int i) const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

/// The text Python's repr() gives a float, as MLflow writes it into metric and param files:
/// shortest round-trip digits, "0.0001", "1e-05", "5.0", "1e+16", "nan", "inf", "-inf".
QByteArray pythonFloatRepr(double value);

} // namespace runlens::demo
