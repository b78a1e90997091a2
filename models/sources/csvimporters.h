// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "filerun.h"

/// The CSV-family importers (formats.md §5, §6, §13 and plain metric logs). They share the
/// tokenizer in csvparser.h. In importers() Lightning and Ultralytics come before the generic
/// CSV importer, and the generic one leaves their files (and Keras logs) alone.
namespace runlens::sources {

/// PyTorch Lightning CSVLogger / TensorBoardLogger version folders (§5): metrics.csv and
/// hparams.yaml. The location claims logs, so event files in the folder merge into the run.
class LightningImporter final : public FileRunImporter {
public:
    [[nodiscard]] QString id() const override;
    [[nodiscard]] QString displayName() const override;
    [[nodiscard]] bool sniff(const FolderListing &folder) const override;
    [[nodiscard]] FolderClaim scanFolder(const FolderListing &folder,
                                         ScanContext &context) const override;
    [[nodiscard]] std::vector<RunFile> runFiles(const QString &absPath,
                                                core::Problems &problems) const override;
    void finishRun(const RunLocation &location, core::Run &run) const override;

    /// A Lightning version folder: version_N with metrics.csv or hparams.yaml, or a custom
    /// version holding both, or hparams.yaml beside TensorBoard event files.
    static bool isVersionFolder(const FolderListing &folder);
};

/// Keras CSVLogger files (§6): one run per file, step = epoch.
class KerasImporter final : public FileRunImporter {
public:
    [[nodiscard]] QString id() const override;
    [[nodiscard]] QString displayName() const override;
    [[nodiscard]] bool isLogSource() const override { return true; }
    [[nodiscard]] bool sniff(const FolderListing &folder) const override;
    [[nodiscard]] FolderClaim scanFolder(const FolderListing &folder,
                                         ScanContext &context) const override;
    [[nodiscard]] std::vector<RunFile> runFiles(const QString &absPath,
                                                core::Problems &problems) const override;

    /// A Keras CSVLogger header: first column epoch, a loss or val_* column, no step column.
    static bool isKerasHeader(const QStringList &columns);
};

/// Plain CSV / TSV metric logs (metrics.csv, progress.csv, history.csv, ...): one run per file.
class CsvLogImporter final : public FileRunImporter {
public:
    [[nodiscard]] QString id() const override;
    [[nodiscard]] QString displayName() const override;
    [[nodiscard]] bool isLogSource() const override { return true; }
    [[nodiscard]] bool sniff(const FolderListing &folder) const override;
    [[nodiscard]] FolderClaim scanFolder(const FolderListing &folder,
                                         ScanContext &context) const override;
    [[nodiscard]] std::vector<RunFile> runFiles(const QString &absPath,
                                                core::Problems &problems) const override;

    /// File names taken for metric logs wherever they are.
    static bool isLogName(QStringView fileName);
};

/// JSON Lines metric logs (metrics.jsonl, *.log.jsonl, ...): one run per file.
class JsonlLogImporter final : public FileRunImporter {
public:
    [[nodiscard]] QString id() const override;
    [[nodiscard]] QString displayName() const override;
    [[nodiscard]] bool isLogSource() const override { return true; }
    [[nodiscard]] bool sniff(const FolderListing &folder) const override;
    [[nodiscard]] FolderClaim scanFolder(const FolderListing &folder,
                                         ScanContext &context) const override;
    [[nodiscard]] std::vector<RunFile> runFiles(const QString &absPath,
                                                core::Problems &problems) const override;

    static bool isLogName(QStringView fileName);
};

/// Ultralytics train folders (§13): results.csv (step = epoch) and args.yaml. Event files in
/// the folder itself repeat results.csv and are left out; others merge as parts.
class UltralyticsImporter final : public FileRunImporter {
public:
    [[nodiscard]] QString id() const override;
    [[nodiscard]] QString displayName() const override;
    [[nodiscard]] bool sniff(const FolderListing &folder) const override;
    [[nodiscard]] FolderClaim scanFolder(const FolderListing &folder,
                                         ScanContext &context) const override;
    [[nodiscard]] std::vector<RunFile> runFiles(const QString &absPath,
                                                core::Problems &problems) const override;
    void finishRun(const RunLocation &location, core::Run &run) const override;
    using FileRunImporter::read;
    [[nodiscard]] ReadResult read(const RunLocation &location, const QString &sourceRoot,
                                  const PreviousState &previous,
                                  const std::atomic_bool &cancel) const override;
};

} // namespace runlens::sources
