// SPDX-License-Identifier: GPL-3.0-or-later
#include "importer.h"

#include "logging.h"
#include "mlflowimporter.h"

Q_LOGGING_CATEGORY(lcSources, "runlens.sources")

namespace runlens::sources {

Importer::~Importer() = default;

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
    static const std::vector<const Importer *> all{&mlflow};
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
