// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "demogenerator.h"

#include <QString>
#include <string>
#include <string_view>

namespace runlens::demo {

/// Writes options.runs runs of the demo sweep (the runs demoRuns(options) gives) as real
/// TensorBoard event files below dir/tensorboard/<experiment>/<run name>/:
/// - most runs as TF2 `tf.summary` writes them: rank-0 float tensors of the `scalars` plugin,
///   file names ending in `.v2`;
/// - every fourth run (from the third) as PyTorch's SummaryWriter: TF1 `simple_value`;
/// - every fourth run (from the fourth) as the Keras TensorBoard callback: `train/` and
///   `validation/` sub-folders with `epoch_<metric>` tags;
/// - all with the hparams plugin's session_start_info (the run's params) and, for runs that
///   ended, a session_end_info with their status.
/// Fast enough for a ~1 GB benchmark folder (large options.steps): runs are written in
/// parallel, records are encoded straight into big buffers.
/// Refuses (false, *error) a dir whose tensorboard folder exists and is not empty.
bool writeDemoTensorboard(const QString &dir, const DemoOptions &options, QString *error = nullptr);

/// The event-file encoder behind writeDemoTensorboard, usable on its own (tests, tools).
namespace tbwriter {

/// Appends one TFRecord (length, masked CRC-32C of it, payload, masked CRC-32C of that).
void appendRecord(std::string &out, std::string_view payload);
/// The masked CRC-32C TFRecord stores.
quint32 maskedCrc32c(std::string_view bytes);

/// Event payloads (serialized `Event` messages).
std::string fileVersionEvent(double wallTime);
/// Appends the record of a TF2 scalar: a rank-0 DT_FLOAT tensor in tensor_content, with
/// `scalars` plugin metadata. Encodes in place, without temporary buffers.
void appendTf2ScalarRecord(std::string &out, double wallTime, qint64 step, std::string_view tag,
                           float value);
/// Appends the record of a TF1 scalar: Summary.Value.simple_value.
void appendTf1ScalarRecord(std::string &out, double wallTime, qint64 step, std::string_view tag,
                           float value);
/// `_hparams_/session_start_info` with the run's params (numbers, strings, bools).
std::string hparamsStartEvent(double wallTime, const DemoRun &run);
/// `_hparams_/session_end_info`; status as HParams' Status (1 success, 2 failure).
std::string hparamsEndEvent(double wallTime, int status);

} // namespace tbwriter

} // namespace runlens::demo
