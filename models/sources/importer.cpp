// SPDX-License-Identifier: GPL-3.0-or-later
#include "importer.h"

#include "frameworkimporters.h"
#include "kedroimporter.h"
#include "csvimporters.h"
#include "logging.h"
#include "mlflowdbimporter.h"
#include "mlflowimporter.h"
#include "optunaimporter.h"
#include "tensorboardimporter.h"
#include "wandbimporter.h"
#include "guildimporter.h"
#include "hydraimporter.h"
#include "sacredimporter.h"

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
    static const std::vector<const Importer *> all{&mlflow, &dvclive, &hfTrainer, &allennlp};
    static const MlflowDbImporter mlflowDb;
    static const OptunaImporter optuna;
    static const KedroImporter kedro;
    static const std::vector<const Importer *> all{&mlflow, &mlflowDb, &optuna, &kedro};
    static const LightningImporter lightning;
    static const UltralyticsImporter ultralytics;
    static const KerasImporter keras;
    static const CsvLogImporter csvLog;
    static const JsonlLogImporter jsonlLog;
    // Lightning and Ultralytics before the generic logs, which leave their files alone.
    static const std::vector<const Importer *> all{&mlflow,     &lightning, &ultralytics,
                                                   &keras,      &csvLog,    &jsonlLog};
    static const TensorboardImporter tensorboard;
    static const std::vector<const Importer *> all{&mlflow, &tensorboard};
    static const WandbImporter wandb;
    static const std::vector<const Importer *> all{&mlflow, &wandb};
    static const SacredImporter sacred;
    static const HydraImporter hydra;
    static const GuildImporter guild;
    static const std::vector<const Importer *> all{&mlflow, &sacred, &hydra, &guild};
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
