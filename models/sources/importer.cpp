// SPDX-License-Identifier: GPL-3.0-or-later
#include "importer.h"

#include "csvimporters.h"
#include "logging.h"
#include "mlflowimporter.h"

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
    static const LightningImporter lightning;
    static const UltralyticsImporter ultralytics;
    static const KerasImporter keras;
    static const CsvLogImporter csvLog;
    static const JsonlLogImporter jsonlLog;
    // Lightning and Ultralytics before the generic logs, which leave their files alone.
    static const std::vector<const Importer *> all{&mlflow, &lightning, &ultralytics,
                                                   &keras,  &csvLog,    &jsonlLog};
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
