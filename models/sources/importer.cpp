// SPDX-License-Identifier: GPL-3.0-or-later
#include "importer.h"

#include "csvimporters.h"
#include "frameworkimporters.h"
#include "guildimporter.h"
#include "hydraimporter.h"
#include "kedroimporter.h"
#include "logging.h"
#include "mlflowdbimporter.h"
#include "mlflowimporter.h"
#include "optunaimporter.h"
#include "sacredimporter.h"
#include "tensorboardimporter.h"
#include "wandbimporter.h"

Q_LOGGING_CATEGORY(lcSources, "runlens.sources")

namespace runlens::sources {

Importer::~Importer() = default;

PreviousState::~PreviousState() = default;

namespace {

/// The cached state of a single run (or nothing).
class OneRun final : public PreviousState {
public:
    explicit OneRun(const store::PreviousRun *run)
        : m_run(run) {}
    [[nodiscard]] bool empty() const override { return m_run == nullptr; }
    [[nodiscard]] const store::PreviousRun *find(const QString &) const override { return m_run; }

private:
    const store::PreviousRun *m_run;
};

} // namespace

ReadResult Importer::read(const RunLocation &location, const QString &sourceRoot,
                          const store::PreviousRun *previous,
                          const std::atomic_bool &cancel) const {
    return read(location, sourceRoot, OneRun(previous), cancel);
}

const FolderEntry *FolderListing::find(QStringView name) const {
    for (const FolderEntry &e : entries) {
        if (e.name == name)
            return &e;
    }
    return nullptr;
}

bool FolderListing::hasFile(QStringView name) const {
    const FolderEntry *e = find(name);
    return e && e->isFile;
}

bool FolderListing::hasDir(QStringView name) const {
    const FolderEntry *e = find(name);
    return e && e->isDir;
}

const std::vector<const Importer *> &importers() {
    static const MlflowImporter mlflow;
    static const DvcliveImporter dvclive;
    static const HfTrainerImporter hfTrainer;
    static const AllennlpImporter allennlp;
    static const MlflowDbImporter mlflowDb;
    static const OptunaImporter optuna;
    static const KedroImporter kedro;
    static const LightningImporter lightning;
    static const UltralyticsImporter ultralytics;
    static const KerasImporter keras;
    static const CsvLogImporter csvLog;
    static const JsonlLogImporter jsonlLog;
    static const TensorboardImporter tensorboard;
    static const WandbImporter wandb;
    static const SacredImporter sacred;
    static const HydraImporter hydra;
    static const GuildImporter guild;
    // Stores and databases first (they prune their trees), then config sources (which claim
    // the logs below them), then framework logs, then the generic logs, which leave the files
    // of the formats before them alone.
    static const std::vector<const Importer *> all{
        &mlflow,  &mlflowDb,    &optuna,    &kedro,       &wandb,     &sacred,
        &hydra,   &guild,       &lightning, &ultralytics, &hfTrainer, &allennlp,
        &dvclive, &tensorboard, &keras,     &csvLog,      &jsonlLog,
    };
    return all;
}

const Importer *importerById(const QString &id) {
    for (const Importer *i : importers()) {
        if (i->id() == id)
            return i;
    }
    return nullptr;
}

} // namespace runlens::sources
