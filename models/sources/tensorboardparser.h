// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "filerun.h"

#include <QString>
#include <string_view>

/// Byte-level parsing of TensorBoard event files (formats.md §3 and §4): TFRecord framing with
/// masked CRC-32C checks, and the Event / Summary protobufs. No file access: tests feed bytes.
///
/// What an event file contributes to its run:
/// - Scalars become metric series keyed by the summary tag (the Value's node_name when the tag
///   is empty): TF1 `simple_value`, and tensors of the `scalars` plugin (or data class scalar,
///   or, for a tag whose metadata this read has not seen, any one-element numeric tensor) of
///   dtype float, double, half, bfloat16, bool and the integer types. step = Event.step,
///   timeMs = wall_time * 1000.
/// - Non-scalar summaries are counted per tag, in FileContribution::counts under the key
///   `tensorboard.<kind>.<tag>` with kind one of `image`, `histogram`, `audio`, `text`,
///   `tensor` (a tensor of no known plugin) or the summary's plugin name (`pr_curves`, ...).
///   The reader sums these over the files and appended reads of a run, so the run's tag
///   `tensorboard.image.input` = "12" says the tag `input` logged 12 images.
/// - Hyperparameters of the `hparams` plugin: the `session_start_info` hparams map becomes the
///   config (numbers as double, strings, bools; struct and list values flattened); a
///   `session_end_info` status sets the run status.
/// - startMs = the first wall time of the file (when reportStart and the read starts at the
///   file's beginning), endMs = the last wall time.
/// - Tags `tensorboard.file_version` (the header record's "brain.Event:2"),
///   `tensorboard.writer` (source_metadata) and `tensorboard.graph` = "yes" when a graph_def or
///   meta_graph_def is present.
///
/// Framing: only complete records are consumed; a record cut off at the end of the input is
/// left for the next read (FileContribution::consumed stops before it). A record whose data
/// checksum fails is reported ("byte N") and skipped. A record whose length checksum fails has
/// lost the framing: it is reported and the parser scans forward byte by byte for the next
/// position whose length checksum holds, and goes on there.
namespace runlens::sources::tensorboard {

/// Records bigger than this are taken for damaged framing, even with a matching checksum.
inline constexpr quint64 maxRecordBytes = quint64(1) << 30;

/// Parses the complete records of input.bytes into out (appending to what earlier chunks of
/// the same file put there) and sets out.consumed and out.units (records consumed).
/// reportStart: this is the first file of its run, so its first wall time is the run's start.
void parseEvents(const FileInput &input, FileContribution &out, bool reportStart = true);

/// The masked CRC-32C TFRecord stores.
quint32 maskedCrc(std::string_view bytes);

/// IEEE-754 half and bfloat16 bit patterns as doubles.
double halfToDouble(quint16 bits);
double bfloat16ToDouble(quint16 bits);

/// The unix timestamp in an event file name ("events.out.tfevents.1644728510.host.1.v2"
/// gives 1644728510), or -1 when the name has none.
qint64 timestampInName(QStringView fileName);

} // namespace runlens::sources::tensorboard
