// SPDX-License-Identifier: GPL-3.0-or-later
#include "hydraimporter.h"

#include "fileio.h"
#include "hydraparser.h"

#include <QFile>
#include <fcntl.h>

namespace runlens::sources {

namespace {

/// Hydra writes the .hydra files once, when the job starts.
class YamlParser final : public FileParser {
public:
    using Parse = void (*)(std::string_view, FileContribution &);
    explicit YamlParser(Parse parse)
        : m_parse(parse) {}
    [[nodiscard]] bool appendOnly() const override { return false; }
    void parse(const FileInput &input, FileContribution &out) const override {
        m_parse(input.bytes, out);
    }

private:
    Parse m_parse;
};

const YamlParser hydraParser(&hydra::parseHydraYaml);
const YamlParser configParser(&hydra::parseConfigYaml);
const YamlParser overridesParser(&hydra::parseOverridesYaml);

bool isFile(const QString &path) {
    const QByteArray name = QFile::encodeName(path);
    const auto st = fileio::statAt(AT_FDCWD, name.constData());
    return st && st->isFile;
}

} // namespace

QString HydraImporter::id() const {
    return QStringLiteral("hydra");
}

QString HydraImporter::displayName() const {
    return QStringLiteral("Hydra");
}

bool HydraImporter::sniff(const FolderListing &folder) const {
    return folder.hasDir(u".hydra");
}

FolderClaim HydraImporter::scanFolder(const FolderListing &folder, ScanContext &) const {
    FolderClaim claim;
    claim.skipChildren << QStringLiteral(".hydra"); // three small YAML files, read by read()
    const QString dir = folder.absPath + QStringLiteral("/.hydra/");
    if (!isFile(dir + QStringLiteral("config.yaml")) && !isFile(dir + QStringLiteral("hydra.yaml")))
        return claim;
    RunLocation loc;
    loc.importer = id();
    loc.absPath = folder.absPath;
    loc.relPath = folder.relPath;
    loc.claimsLogs = true;
    claim.runs.push_back(std::move(loc));
    return claim;
}

std::vector<RunFile> HydraImporter::runFiles(const QString &absPath, core::Problems &) const {
    // overrides.yaml last: its list is the run's name even where hydra.yaml names one too.
    return {
        RunFile{absPath + QStringLiteral("/.hydra/hydra.yaml"),
                QStringLiteral(".hydra/hydra.yaml"),
                &hydraParser,
                {}},
        RunFile{absPath + QStringLiteral("/.hydra/config.yaml"),
                QStringLiteral(".hydra/config.yaml"),
                &configParser,
                {}},
        RunFile{absPath + QStringLiteral("/.hydra/overrides.yaml"),
                QStringLiteral(".hydra/overrides.yaml"),
                &overridesParser,
                {}},
    };
}

void HydraImporter::finishRun(const RunLocation &location, core::Run &run) const {
    // Jobs of one sweep share its folder: a tag to group or filter them by.
    const QString sweep = location.relPath.section(u'/', 0, -2);
    if (run.tags.value(QStringLiteral("hydra.mode")) == u"MULTIRUN" && !sweep.isEmpty())
        run.tags.insert(QStringLiteral("hydra.sweep"), sweep);
    if (run.startMs > 0)
        return; // a part (an event file) knew better
    run.startMs = hydra::startFromPath(location.absPath);
    if (run.startMs > 0)
        return;
    const QByteArray config =
        QFile::encodeName(location.absPath + QStringLiteral("/.hydra/config.yaml"));
    if (const auto st = fileio::statAt(AT_FDCWD, config.constData()))
        run.startMs = st->mtimeNs / 1000000;
}

} // namespace runlens::sources
