// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "filerun.h"

#include <QString>
#include <QVariant>
#include <string_view>

/// The files of a Hydra job's .hydra/ folder (formats.md §9), parsed from bytes without I/O. A
/// file that does not parse is reported at its line and marked retryLater.
namespace runlens::sources::hydra {

/// .hydra/config.yaml: the composed job config, flattened; interpolations (${...}) and ???
/// stay text.
void parseConfigYaml(std::string_view bytes, FileContribution &out);

/// .hydra/hydra.yaml: the experiment (hydra.job.name), and tags hydra.mode, hydra.job.num,
/// hydra.job.id, hydra.version and hydra.choices.<group> for the job's config-group choices
/// (Hydra's own hydra/... groups left out). hydra.overrides.task gives the overrides when
/// overrides.yaml is missing (see parseOverridesYaml).
void parseHydraYaml(std::string_view bytes, FileContribution &out);

/// .hydra/overrides.yaml: a list of command-line overrides. Non-empty: the run's name and the
/// tag hydra.overrides are the overrides joined with ",".
void parseOverridesYaml(std::string_view bytes, FileContribution &out);

/// The overrides of a YAML list joined with "," as written ("lr=0.1,seed=2"); "" for none.
QString joinOverrides(const QVariant &list);

/// The start of a job from Hydra's default output folder names, read as local time (Hydra
/// formats ${now:...} in the local zone): ".../YYYY-MM-DD/HH-MM-SS", ".../YYYY-MM-DD_HH-MM-SS",
/// each optionally followed by a multirun job folder. 0 when the path has no such names.
qint64 startFromPath(QStringView absPath);

} // namespace runlens::sources::hydra
