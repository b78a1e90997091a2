// SPDX-License-Identifier: GPL-3.0-or-later
#include "frameworkimporters.h"
#include "frameworkio.h"
#include "frameworkparser.h"

#include <algorithm>

namespace runlens::sources {

namespace {

const QString stateName = QStringLiteral("trainer_state.json");

QString parentOf(const QString &absPath) {
    return absPath.section(u'/', 0, -2);
}

/// checkpoint-N folders of an output_dir, highest step first.
std::vector<std::pair<qint64, QString>> checkpoints(const std::vector<framework::io::Listed> &e) {
    std::vector<std::pair<qint64, QString>> out;
    for (const framework::io::Listed &entry : e) {
        if (!entry.isDir)
            continue;
        if (const auto n = framework::hfCheckpointStep(entry.name))
            out.emplace_back(*n, entry.name);
    }
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a > b; });
    return out;
}

QString newestStateIn(const QString &outputDir, const std::vector<framework::io::Listed> &e) {
    QString checkpoint;
    std::optional<fileio::Stat> checkpointStat;
    for (const auto &[step, name] : checkpoints(e)) {
        const QString path = outputDir + u'/' + name + u'/' + stateName;
        checkpointStat = framework::io::stat(path);
        if (checkpointStat && checkpointStat->isFile) {
            checkpoint = path;
            break;
        }
    }
    const QString root = outputDir + u'/' + stateName;
    const auto rootStat = framework::io::stat(root);
    if (rootStat && rootStat->isFile &&
        (checkpoint.isEmpty() || rootStat->mtimeNs >= checkpointStat->mtimeNs))
        return root; // save_state() at the end of training writes it after the last checkpoint
    return checkpoint;
}

class StateParser final : public FileParser {
public:
    [[nodiscard]] bool appendOnly() const override { return false; }
    [[nodiscard]] bool sharesSeries() const override { return true; }
    void parse(const FileInput &input, FileContribution &out) const override {
        framework::parseHfTrainerState(input.bytes, out);
        if (out.retryLater)
            fallBack(input.absPath, out);
    }

private:
    /// The newest checkpoint's state is half-written (or broken for good): the next older
    /// checkpoint's holds a prefix of the same history, so show that meanwhile. The problem
    /// stays reported and the file is read again next time.
    static void fallBack(const QString &brokenPath, FileContribution &out) {
        const QString checkpointDir = parentOf(brokenPath);
        const QString outputDir = parentOf(checkpointDir);
        const auto broken = framework::hfCheckpointStep(checkpointDir.section(u'/', -1));
        for (const auto &[step, name] : checkpoints(framework::io::list(outputDir))) {
            if (broken && step >= *broken)
                continue;
            const QString path = outputDir + u'/' + name + u'/' + stateName;
            if (!framework::io::isFile(path))
                continue;
            FileContribution older;
            framework::parseHfTrainerState(framework::io::readSmall(path, 1LL << 30), older);
            if (older.retryLater || !older.problems.isEmpty())
                continue;
            out.series = std::move(older.series);
            out.seriesIndex = std::move(older.seriesIndex);
            out.config = std::move(older.config);
            out.tags = std::move(older.tags);
            out.name = older.name;
            out.status = older.status;
            return;
        }
    }
};

/// The final values files; their step is the newest trainer state's global_step (else the
/// highest checkpoint's), read from the output_dir.
class ResultsParser final : public FileParser {
public:
    [[nodiscard]] bool appendOnly() const override { return false; }
    [[nodiscard]] bool sharesSeries() const override { return true; }
    void parse(const FileInput &input, FileContribution &out) const override {
        const QString dir = parentOf(input.absPath);
        const auto entries = framework::io::list(dir);
        qint64 step = 0;
        const QString state = newestStateIn(dir, entries);
        std::optional<qint64> global;
        if (!state.isEmpty())
            global = framework::hfGlobalStep(framework::io::head(state, 4096));
        if (global) {
            step = *global;
        } else {
            const auto c = checkpoints(entries);
            step = c.empty() ? 0 : c.front().first;
        }
        framework::parseHfResults(input.bytes, step, out);
    }
};

class ModelConfigParser final : public FileParser {
public:
    [[nodiscard]] bool appendOnly() const override { return false; }
    void parse(const FileInput &input, FileContribution &out) const override {
        framework::parseJsonConfig(input.bytes, out, QStringLiteral("model"));
    }
};

const StateParser stateParser;
const ResultsParser resultsParser;
const ModelConfigParser modelConfigParser;

} // namespace

QString HfTrainerImporter::id() const {
    return QStringLiteral("hf-trainer");
}

QString HfTrainerImporter::displayName() const {
    return QStringLiteral("Hugging Face Trainer");
}

QString HfTrainerImporter::newestState(const QString &outputDir) {
    return newestStateIn(outputDir, framework::io::list(outputDir));
}

bool HfTrainerImporter::sniff(const FolderListing &folder) const {
    if (folder.hasFile(stateName))
        return true;
    return std::any_of(folder.entries.begin(), folder.entries.end(), [](const FolderEntry &e) {
        return e.isDir && e.name.startsWith(u"checkpoint-");
    });
}

FolderClaim HfTrainerImporter::scanFolder(const FolderListing &folder, ScanContext &) const {
    FolderClaim claim;
    std::vector<framework::io::Listed> entries;
    entries.reserve(folder.entries.size());
    for (const FolderEntry &e : folder.entries)
        entries.push_back({e.name, e.isDir, e.isFile});
    if (newestStateIn(folder.absPath, entries).isEmpty())
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
    loc.claimsLogs = true; // runs/<date>_<host>/ event files join the run
    claim.runs.push_back(std::move(loc));
    for (const auto &c : checkpoints(entries))
        claim.skipChildren << c.second; // weights and optimizer state only
    return claim;
}

std::vector<RunFile> HfTrainerImporter::runFiles(const QString &absPath, core::Problems &) const {
    std::vector<RunFile> files;
    const auto entries = framework::io::list(absPath);
    auto has = [&](const QString &name) {
        return std::any_of(entries.begin(), entries.end(), [&](const framework::io::Listed &e) {
            return e.isFile && e.name == name;
        });
    };
    auto add = [&](const QString &rel, const FileParser *parser) {
        files.push_back(RunFile{absPath + u'/' + rel, rel, parser, {}});
    };
    if (has(QStringLiteral("config.json")))
        add(QStringLiteral("config.json"), &modelConfigParser);
    const QString state = newestStateIn(absPath, entries);
    if (!state.isEmpty())
        add(state.mid(absPath.size() + 1), &stateParser);
    // all_results.json is train_results + eval_results: take it alone when it is there.
    if (has(QStringLiteral("all_results.json"))) {
        add(QStringLiteral("all_results.json"), &resultsParser);
    } else {
        for (const QString &name :
             {QStringLiteral("train_results.json"), QStringLiteral("eval_results.json")}) {
            if (has(name))
                add(name, &resultsParser);
        }
    }
    return files;
}

void HfTrainerImporter::finishRun(const RunLocation &location, core::Run &run) const {
    if (run.status != core::RunStatus::Finished)
        return;
    const QString state = newestState(location.absPath);
    if (!state.isEmpty())
        framework::io::timesFromEnd(state, run.metric(QStringLiteral("train_runtime")), run);
}

} // namespace runlens::sources
