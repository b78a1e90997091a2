// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "demogenerator.h"

#include <QString>

/// Demo writers for the framework logs: the runs of demoRuns(options), serialized as DVCLive,
/// the Hugging Face Trainer and AllenNLP write them (formats.md §10, §13). Each refuses a target
/// folder that exists and is not empty, and returns false with *error set when it cannot write.
namespace runlens::demo {

/// dir/dvclive/<experiment>/<run>/dvclive/{params.yaml, metrics.json, plots/metrics/**.tsv}
/// (names with '/' as sub-folders), beside a project params.yaml and dvc.yaml in <run>/.
bool writeDemoDvclive(const QString &dir, const DemoOptions &options, QString *error = nullptr);

/// dir/hf-trainer/<run>/checkpoint-N/trainer_state.json (a checkpoint every quarter of the run,
/// each with the history so far), config.json, and all_results.json for finished runs. The
/// hyperparameters are the trainer state's trial_params, as a hyperparameter search writes them.
bool writeDemoHfTrainer(const QString &dir, const DemoOptions &options, QString *error = nullptr);

/// dir/allennlp/<run>/{config.json, metrics_epoch_N.json, metrics.json (finished runs)}: each step
/// is an epoch; "train/x" is training_x, "val/x" validation_x.
bool writeDemoAllennlp(const QString &dir, const DemoOptions &options, QString *error = nullptr);

} // namespace runlens::demo
