// SPDX-License-Identifier: GPL-3.0-or-later
#include "frameworkimporters.h"
#include "frameworkio.h"
#include "frameworkparser.h"

#include <QSet>
#include <algorithm>

namespace runlens::sources {

namespace {

QString parentOf(const QString &absPath) {
    return absPath.section(u'/', 0, -2);
}

class ConfigParser final : public FileParser {
public:
    [[nodiscard]] bool appendOnly() const override { return false; }
    void parse(const FileInput &input, FileContribution &out) const override {
        framework::parseJsonConfig(input.bytes, out);
    }
};

/// metrics_epoch_N.json: one point per metric at step N. Every epoch's file feeds the same
/// series, so a new epoch re-reads the run.
class EpochParser final : public FileParser {
public:
    [[nodiscard]] bool appendOnly() const override { return false; }
    [[nodiscard]] bool sharesSeries() const override { return true; }
    void parse(const FileInput &input, FileContribution &out) const override {
        const auto epoch = framework::allennlpEpochOfFile(input.absPath.section(u'/', -1));
        framework::parseAllennlpMetrics(input.bytes, epoch.value_or(-1), out);
    }
};

/// metrics.json: the final values, at its "epoch"; those its epoch's own file holds already
/// are not repeated.
class FinalParser final : public FileParser {
public:
    [[nodiscard]] bool appendOnly() const override { return false; }
    [[nodiscard]] bool sharesSeries() const override { return true; }
    void parse(const FileInput &input, FileContribution &out) const override {
        const QString dir = parentOf(input.absPath);
        qint64 loadedFor = -1;
        QSet<QString> epochKeys;
        framework::parseAllennlpMetrics(input.bytes, -1, out, [&](const QString &key, qint64 step) {
            if (loadedFor != step) {
                loadedFor = step;
                const QStringList keys = framework::jsonKeys(framework::io::readSmall(
                    dir + QStringLiteral("/metrics_epoch_%1.json").arg(step)));
                epochKeys = QSet<QString>(keys.begin(), keys.end());
            }
            return epochKeys.contains(key);
        });
        if (!out.retryLater && out.problems.isEmpty())
            out.status = core::RunStatus::Finished; // written once training is over
    }
};

const ConfigParser configParser;
const EpochParser epochParser;
const FinalParser finalParser;

bool hasEpochFile(const FolderListing &folder) {
    return std::any_of(folder.entries.begin(), folder.entries.end(), [](const FolderEntry &e) {
        return e.isFile && framework::allennlpEpochOfFile(e.name).has_value();
    });
}

} // namespace

QString AllennlpImporter::id() const {
    return QStringLiteral("allennlp");
}

QString AllennlpImporter::displayName() const {
    return QStringLiteral("AllenNLP");
}

bool AllennlpImporter::sniff(const FolderListing &folder) const {
    return folder.hasFile(u"config.json") &&
           (folder.hasFile(u"metrics.json") || hasEpochFile(folder));
}

FolderClaim AllennlpImporter::scanFolder(const FolderListing &folder, ScanContext &) const {
    FolderClaim claim;
    // config.json + metrics.json alone is too common a pair; a serialization folder also has
    // per-epoch metrics, a vocabulary or AllenNLP's logs.
    const bool serialization =
        hasEpochFile(folder) || (folder.hasFile(u"metrics.json") &&
                                 (folder.hasDir(u"vocabulary") || folder.hasFile(u"stdout.log") ||
                                  folder.hasFile(u"model.tar.gz")));
    if (!serialization)
        return claim;
    RunLocation loc;
    loc.importer = id();
    loc.absPath = folder.absPath;
    loc.relPath = folder.relPath;
    // Named by its folder, in the experiment of the folder above (runs/exp1/brave-otter).
    if (!folder.relPath.isEmpty()) {
        loc.name = folder.absPath.section(u'/', -1);
        if (folder.relPath.contains(u'/'))
            loc.group = folder.absPath.section(u'/', -2, -2);
    }
    loc.claimsLogs = true; // log/train, log/validation event files join the run
    claim.runs.push_back(std::move(loc));
    for (const FolderEntry &e : folder.entries) {
        if (e.isDir && e.name != u"log")
            claim.skipChildren << e.name; // vocabulary/, weights: nothing to find
    }
    return claim;
}

std::vector<RunFile> AllennlpImporter::runFiles(const QString &absPath, core::Problems &) const {
    std::vector<RunFile> files;
    std::vector<std::pair<qint64, QString>> epochs;
    bool config = false;
    bool final = false;
    for (const framework::io::Listed &e : framework::io::list(absPath)) {
        if (!e.isFile)
            continue;
        if (const auto n = framework::allennlpEpochOfFile(e.name))
            epochs.emplace_back(*n, e.name);
        config = config || e.name == u"config.json";
        final = final || e.name == u"metrics.json";
    }
    std::sort(epochs.begin(), epochs.end());
    auto add = [&](const QString &rel, const FileParser *parser) {
        files.push_back(RunFile{absPath + u'/' + rel, rel, parser, {}});
    };
    if (config)
        add(QStringLiteral("config.json"), &configParser);
    for (const auto &[n, name] : epochs)
        add(name, &epochParser);
    if (final)
        add(QStringLiteral("metrics.json"), &finalParser);
    return files;
}

void AllennlpImporter::finishRun(const RunLocation &location, core::Run &run) const {
    run.startMs = framework::io::mtimeMs(location.absPath + QStringLiteral("/config.json"));
    if (run.status == core::RunStatus::Finished)
        framework::io::timesFromEnd(location.absPath + QStringLiteral("/metrics.json"),
                                    run.metric(QStringLiteral("training_duration")), run);
}

} // namespace runlens::sources
