// SPDX-License-Identifier: GPL-3.0-or-later
#include "sacredimporter.h"

#include "sacredparser.h"

#include <QDateTime>

namespace runlens::sources {

namespace {

/// Sacred rewrites every JSON file whole on each heartbeat.
class JsonParser final : public FileParser {
public:
    enum class Kind { Run, Config, Metrics };
    explicit JsonParser(Kind kind)
        : m_kind(kind) {}
    [[nodiscard]] bool appendOnly() const override { return false; }
    void parse(const FileInput &input, FileContribution &out) const override {
        switch (m_kind) {
        case Kind::Run:
            sacred::parseRunJson(input.bytes, QDateTime::currentMSecsSinceEpoch(), out);
            break;
        case Kind::Config:
            sacred::parseConfigJson(input.bytes, out);
            break;
        case Kind::Metrics:
            sacred::parseMetricsJson(input.bytes, out);
            break;
        }
    }

private:
    Kind m_kind;
};

const JsonParser runParser(JsonParser::Kind::Run);
const JsonParser configParser(JsonParser::Kind::Config);
const JsonParser metricsParser(JsonParser::Kind::Metrics);

} // namespace

QString SacredImporter::id() const {
    return QStringLiteral("sacred");
}

QString SacredImporter::displayName() const {
    return QStringLiteral("Sacred");
}

bool SacredImporter::sniff(const FolderListing &folder) const {
    return folder.hasFile(u"run.json") || folder.hasDir(u"_sources") ||
           folder.hasDir(u"_resources");
}

FolderClaim SacredImporter::scanFolder(const FolderListing &folder, ScanContext &) const {
    FolderClaim claim;
    // The base folder: deduplicated source and resource copies, never runs.
    for (const QString &name : {QStringLiteral("_sources"), QStringLiteral("_resources")}) {
        if (folder.hasDir(name))
            claim.skipChildren << name;
    }
    // run.json alone is too common a name; Sacred writes config.json and cout.txt beside it
    // when the run starts (metrics.json later).
    if (folder.hasFile(u"run.json") &&
        (folder.hasFile(u"config.json") || folder.hasFile(u"cout.txt") ||
         folder.hasFile(u"metrics.json"))) {
        RunLocation loc;
        loc.importer = id();
        loc.absPath = folder.absPath;
        loc.relPath = folder.relPath;
        loc.claimsLogs = true;
        claim.runs.push_back(std::move(loc));
    }
    return claim;
}

std::vector<RunFile> SacredImporter::runFiles(const QString &absPath, core::Problems &) const {
    // run.json last: its fields are the run's own.
    return {
        RunFile{absPath + QStringLiteral("/config.json"),
                QStringLiteral("config.json"),
                &configParser,
                {}},
        RunFile{absPath + QStringLiteral("/metrics.json"),
                QStringLiteral("metrics.json"),
                &metricsParser,
                {}},
        RunFile{absPath + QStringLiteral("/run.json"), QStringLiteral("run.json"), &runParser, {}},
    };
}

void SacredImporter::finishRun(const RunLocation &location, core::Run &run) const {
    const QString sacredId = location.absPath.section(u'/', -1);
    run.uid = location.relPath.isEmpty() ? sacredId : location.relPath;
    run.key = core::Run::makeKey(run.format, run.uid);
    run.tags.insert(QStringLiteral("sacred.id"), sacredId);
    run.name = run.experiment.isEmpty() ? u'#' + sacredId
                                        : run.experiment + QStringLiteral(" #") + sacredId;
}

} // namespace runlens::sources
