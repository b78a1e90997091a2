// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "filerun.h"

#include <QString>
#include <functional>
#include <optional>
#include <string_view>

/// Byte-level parsing of the framework logs (formats.md §10 DVCLive, §13 Hugging Face Trainer and
/// AllenNLP): plain functions of the file's bytes, no I/O. What the files around say (does a
/// metric have a TSV history, which step is the last) comes in as arguments or callbacks.
namespace runlens::sources::framework {

// --- DVCLive ----------------------------------------------------------------------------------

/// One DVCLive history file (`plots/metrics/<key>.tsv`, pre-1.0 `<dir>/<key>.tsv` or
/// `scalars/<key>.tsv`): a header `[timestamp<TAB>]step<TAB><name>` and one row per logged value.
/// Appends a point to key per complete line; a partial last line is left for the next read
/// (out.consumed). A resumed read (input.offset > 0) takes the header from input.head. Values
/// that are not numbers (DVCLive allows plain strings) are skipped; rows without a step column
/// get their 0-based row index.
void parseDvcliveTsv(const FileInput &input, const QString &key, FileContribution &out);

/// DVCLive `metrics.json` (or the pre-1.0 `<dir>.json` summary): the latest value of each metric.
/// Nested objects make names with '/'; the top-level "step" is the step of every value (0 when
/// absent); "nan"/"inf"/"-inf" strings are numbers. Gives one point per metric for which
/// hasHistory(key) is false (a TSV history, when there is one, already holds the value).
/// Unparsable text is reported with its line and marks the file for a later retry.
void parseDvcliveSummary(std::string_view bytes,
                         const std::function<bool(const QString &key)> &hasHistory,
                         FileContribution &out);

/// A YAML or JSON config file into out.config (keys under prefix, "" for none). Failures are
/// reported with their line and mark the file for a later retry.
void parseYamlConfig(std::string_view bytes, FileContribution &out, const QString &prefix = {});
void parseJsonConfig(std::string_view bytes, FileContribution &out, const QString &prefix = {});

// --- Hugging Face Trainer ---------------------------------------------------------------------

/// `trainer_state.json`: every numeric value of a log_history entry is a point of that key at the
/// entry's "step" ("epoch" too; "step" itself is not a metric); best_metric is a point at
/// best_global_step (else global_step). The training set-up (max_steps, num_train_epochs,
/// train_batch_size, logging/eval/save_steps, trial_params) becomes config; best_model_checkpoint
/// and trial_name become tags, trial_name also the name. A run whose log holds the final
/// train_runtime entry, or whose TrainerControl says should_training_stop, is finished.
void parseHfTrainerState(std::string_view bytes, FileContribution &out);

/// `all_results.json` / `train_results.json` / `eval_results.json`: flat final values, one point
/// each at step.
void parseHfResults(std::string_view bytes, qint64 step, FileContribution &out);

/// The "global_step" of a trainer_state.json from its first bytes (the Trainer writes the keys
/// sorted, so it comes before the long log_history), or nullopt.
std::optional<qint64> hfGlobalStep(std::string_view head);

/// N of a "checkpoint-N" folder name, or nullopt.
std::optional<qint64> hfCheckpointStep(QStringView folderName);

// --- AllenNLP ---------------------------------------------------------------------------------

/// N of a "metrics_epoch_N.json" file name, or nullopt.
std::optional<qint64> allennlpEpochOfFile(QStringView fileName);

/// A `metrics_epoch_N.json` (epoch = N) or the final `metrics.json` (epoch < 0: its "epoch" value
/// is the step): one point per numeric value at that epoch, "training_duration" ("H:MM:SS.ffffff")
/// in seconds. "epoch" and "training_start_epoch" are bookkeeping, not metrics. Keys for which
/// skip(key, step) is true are left out (the final summary repeats the last epoch's file).
void parseAllennlpMetrics(std::string_view bytes, qint64 epoch, FileContribution &out,
                          const std::function<bool(const QString &key, qint64 step)> &skip = {});

/// "H:MM:SS[.ffffff]" or "D days, H:MM:SS" (Python's timedelta text) in seconds, or nullopt.
std::optional<double> parseDurationSeconds(QStringView text);

/// The keys of a flat JSON object (for the skip callback above); empty when it does not parse.
QStringList jsonKeys(std::string_view bytes);

} // namespace runlens::sources::framework
