// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "filerun.h"

namespace runlens::sources {

/// DVCLive (formats.md §10), id "dvclive". A run is a DVCLive folder: `metrics.json`,
/// `params.yaml` and `plots/metrics/**.tsv` (one append-only history per metric, resumed at its
/// offset), or the pre-1.0 layouts (`<dir>.json` beside `<dir>/<name>.tsv` or
/// `<dir>/scalars/<name>.tsv`, or a lone `dvclive.json`). A metric without a TSV gets its
/// metrics.json value as one point. The project's `params.yaml` beside the folder is config too
/// when a `dvc.yaml`/`dvc.lock` says the folder is a DVC project; the run's own params.yaml wins.
/// DVCLive is a log source: a DVCLive folder inside a Hydra (or other claiming) run folder becomes
/// a part of that run, its params merging into the run's config.
class DvcliveImporter final : public FileRunImporter {
public:
    [[nodiscard]] QString id() const override;
    [[nodiscard]] QString displayName() const override;
    [[nodiscard]] bool isLogSource() const override { return true; }
    [[nodiscard]] bool sniff(const FolderListing &folder) const override;
    [[nodiscard]] FolderClaim scanFolder(const FolderListing &folder,
                                         ScanContext &context) const override;
    [[nodiscard]] std::vector<RunFile> runFiles(const QString &absPath,
                                                core::Problems &problems) const override;
    void finishRun(const RunLocation &location, core::Run &run) const override;
};

/// Hugging Face Trainer output folders (formats.md §13), id "hf-trainer". One run per output_dir:
/// the newest `trainer_state.json` (highest checkpoint-N, or the output_dir's own when it is at
/// least as new) gives the metrics of log_history; `config.json` (the model's, under "model."),
/// `all_results.json` (else `train_results.json` and `eval_results.json`) add config and final
/// values. While the newest state does not parse (half-written), the next older checkpoint's
/// stands in and the problem is reported. Checkpoint folders are never walked. The location claims
/// logs, so the TensorBoard files the Trainer writes below `runs/` join the run as parts.
class HfTrainerImporter final : public FileRunImporter {
public:
    [[nodiscard]] QString id() const override;
    [[nodiscard]] QString displayName() const override;
    [[nodiscard]] bool sniff(const FolderListing &folder) const override;
    [[nodiscard]] FolderClaim scanFolder(const FolderListing &folder,
                                         ScanContext &context) const override;
    [[nodiscard]] std::vector<RunFile> runFiles(const QString &absPath,
                                                core::Problems &problems) const override;
    /// A finished run ends at its newest trainer state's mtime and started train_runtime before.
    void finishRun(const RunLocation &location, core::Run &run) const override;

    /// The newest trainer_state.json of an output_dir, or empty.
    static QString newestState(const QString &outputDir);
};

/// AllenNLP serialization folders (formats.md §13), id "allennlp": `config.json` is the config,
/// each `metrics_epoch_N.json` one point per metric at step N, `metrics.json` the final values
/// (only those its epoch's file does not hold already). The location claims logs, so the
/// tensorboardX files below `log/` join the run as parts; no other sub-folder is walked.
class AllennlpImporter final : public FileRunImporter {
public:
    [[nodiscard]] QString id() const override;
    [[nodiscard]] QString displayName() const override;
    [[nodiscard]] bool sniff(const FolderListing &folder) const override;
    [[nodiscard]] FolderClaim scanFolder(const FolderListing &folder,
                                         ScanContext &context) const override;
    [[nodiscard]] std::vector<RunFile> runFiles(const QString &absPath,
                                                core::Problems &problems) const override;
    /// A run started when config.json was written; a finished one ends at metrics.json's mtime
    /// and, where training_duration says, started that long before.
    void finishRun(const RunLocation &location, core::Run &run) const override;
};

} // namespace runlens::sources
