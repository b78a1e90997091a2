// SPDX-License-Identifier: GPL-3.0-or-later
#include "frameworkimporters.h"
#include "frameworkio.h"
#include "frameworkparser.h"

#include <QCoreApplication>
#include <QSet>
#include <algorithm>
#include <array>

namespace runlens::sources {

namespace {

const QString metricsJson = QStringLiteral("metrics.json");
const QString paramsYaml = QStringLiteral("params.yaml");

QString folderName(const QString &absPath) {
    return absPath.section(u'/', -1);
}

QString parentOf(const QString &absPath) {
    return absPath.section(u'/', 0, -2);
}

/// A history file's metric key: the last depth components of its path without ".tsv" (the
/// path relative to the metrics folder, where '/' in a name made sub-folders). The reader hands
/// parsers only the absolute path, so each key depth has its own parser.
class TsvParser final : public FileParser {
public:
    explicit TsvParser(int depth)
        : m_depth(depth) {}
    [[nodiscard]] bool appendOnly() const override { return true; }
    void parse(const FileInput &input, FileContribution &out) const override {
        QString key = input.absPath.section(u'/', -m_depth);
        key.chop(4); // ".tsv"
        framework::parseDvcliveTsv(input, key, out);
    }

private:
    int m_depth;
};

constexpr int maxKeyDepth = 32;

const TsvParser &tsvParser(int depth) {
    static const auto parsers = [] {
        std::vector<TsvParser> all;
        all.reserve(maxKeyDepth);
        for (int d = 1; d <= maxKeyDepth; ++d)
            all.emplace_back(d);
        return all;
    }();
    return parsers[size_t(std::clamp(depth, 1, maxKeyDepth) - 1)];
}

/// metrics.json, or the pre-1.0 `<dir>.json`: values of metrics without a TSV history.
class SummaryParser final : public FileParser {
public:
    [[nodiscard]] bool appendOnly() const override { return false; }
    void parse(const FileInput &input, FileContribution &out) const override {
        QStringList historyDirs;
        if (input.absPath.endsWith(u"/metrics.json")) {
            historyDirs << parentOf(input.absPath) + QStringLiteral("/plots/metrics/");
        } else {
            const QString stem = input.absPath.chopped(5); // ".json"
            historyDirs << stem + u'/' << stem + QStringLiteral("/scalars/");
        }
        framework::parseDvcliveSummary(
            input.bytes,
            [&](const QString &key) {
                for (const QString &dir : historyDirs) {
                    if (framework::io::isFile(dir + key + QStringLiteral(".tsv")))
                        return true;
                }
                return false;
            },
            out);
    }
};

class ParamsParser final : public FileParser {
public:
    [[nodiscard]] bool appendOnly() const override { return false; }
    void parse(const FileInput &input, FileContribution &out) const override {
        framework::parseYamlConfig(input.bytes, out);
    }
};

const SummaryParser summaryParser;
const ParamsParser paramsParser;

/// Every *.tsv below dir (relative paths, '/' separated), sorted.
void listTsv(const QString &dir, const QString &rel, int depth, QStringList &out) {
    if (depth > maxKeyDepth)
        return;
    for (const framework::io::Listed &e : framework::io::list(dir)) {
        const QString childRel = rel.isEmpty() ? e.name : rel + u'/' + e.name;
        if (e.isDir)
            listTsv(dir + u'/' + e.name, childRel, depth + 1, out);
        else if (e.isFile && e.name.endsWith(u".tsv") && e.name.size() > 4)
            out << childRel;
    }
}

void addHistories(const QString &runDir, const QString &metricsRel, std::vector<RunFile> &files) {
    QStringList tsv;
    const QString dir = metricsRel.isEmpty() ? runDir : runDir + u'/' + metricsRel;
    // The flat pre-1.0 layout lists the run folder itself: only its own files are histories.
    if (metricsRel.isEmpty()) {
        for (const framework::io::Listed &e : framework::io::list(dir)) {
            if (e.isFile && e.name.endsWith(u".tsv") && e.name.size() > 4)
                tsv << e.name;
        }
    } else {
        listTsv(dir, {}, 1, tsv);
    }
    tsv.sort();
    for (const QString &rel : tsv) {
        const int depth = int(rel.count(u'/')) + 1;
        files.push_back(RunFile{dir + u'/' + rel,
                                metricsRel.isEmpty() ? rel : metricsRel + u'/' + rel,
                                &tsvParser(depth),
                                {}});
    }
}

/// The project's params.yaml beside the DVCLive folder (or summary file), when the folder it
/// is in is a DVC project.
void addProjectParams(const QString &projectDir, const QString &relPrefix,
                      std::vector<RunFile> &files) {
    const auto entries = framework::io::list(projectDir);
    bool dvc = false;
    bool params = false;
    for (const framework::io::Listed &e : entries) {
        dvc = dvc || (e.isFile && (e.name == u"dvc.yaml" || e.name == u"dvc.lock"));
        params = params || (e.isFile && e.name == paramsYaml);
    }
    if (dvc && params)
        files.push_back(
            RunFile{projectDir + u'/' + paramsYaml, relPrefix + paramsYaml, &paramsParser, {}});
}

bool isNewLayout(const FolderListing &folder) {
    const bool named = folderName(folder.absPath) == u"dvclive";
    if (folder.hasFile(metricsJson) && folder.hasDir(u"plots"))
        return true;
    return named &&
           (folder.hasFile(metricsJson) || folder.hasFile(paramsYaml) || folder.hasDir(u"plots"));
}

bool hasTsv(const std::vector<framework::io::Listed> &entries) {
    return std::any_of(entries.begin(), entries.end(), [](const framework::io::Listed &e) {
        return (e.isFile && e.name.endsWith(u".tsv")) || (e.isDir && e.name == u"scalars");
    });
}

/// A custom-named pre-1.0 folder: its first history's header has DVCLive's step column (other
/// tools' TSV files beside a JSON file of the same name are not runs).
bool looksLikeHistories(const QString &dir, const std::vector<framework::io::Listed> &entries) {
    QString tsv;
    for (const framework::io::Listed &e : entries) {
        if (e.isFile && e.name.endsWith(u".tsv")) {
            tsv = dir + u'/' + e.name;
            break;
        }
        if (e.isDir && e.name == u"scalars") {
            for (const framework::io::Listed &c : framework::io::list(dir + u'/' + e.name)) {
                if (c.isFile && c.name.endsWith(u".tsv")) {
                    tsv = dir + u'/' + e.name + u'/' + c.name;
                    break;
                }
            }
        }
    }
    if (tsv.isEmpty())
        return false;
    const std::string head = framework::io::head(tsv, 512);
    const std::string_view header = std::string_view(head).substr(0, head.find('\n'));
    return header.starts_with("step\t") || header.starts_with("timestamp\tstep\t");
}

} // namespace

QString DvcliveImporter::id() const {
    return QStringLiteral("dvclive");
}

QString DvcliveImporter::displayName() const {
    return QStringLiteral("DVCLive");
}

bool DvcliveImporter::sniff(const FolderListing &folder) const {
    if (isNewLayout(folder) || folder.hasFile(u"dvclive.json"))
        return true;
    if (folderName(folder.absPath) == u"dvclive")
        return true; // the pre-1.0 flat layout opened as the root
    QSet<QStringView> json;
    for (const FolderEntry &e : folder.entries) {
        if (e.isFile && e.name.endsWith(u".json"))
            json.insert(QStringView(e.name).chopped(5));
    }
    if (json.isEmpty())
        return false;
    return std::any_of(folder.entries.begin(), folder.entries.end(),
                       [&](const FolderEntry &e) { return e.isDir && json.contains(e.name); });
}

FolderClaim DvcliveImporter::scanFolder(const FolderListing &folder, ScanContext &) const {
    FolderClaim claim;
    auto runAt = [&](const QString &absPath, const QString &relPath) {
        RunLocation loc;
        loc.importer = id();
        loc.absPath = absPath;
        loc.relPath = relPath;
        claim.runs.push_back(std::move(loc));
    };
    auto childRel = [&](const QString &name) {
        return folder.relPath.isEmpty() ? name : folder.relPath + u'/' + name;
    };
    // A folder not named dvclive needs plots/metrics to be taken for one.
    if (isNewLayout(folder) &&
        (folderName(folder.absPath) == u"dvclive" ||
         framework::io::isDir(folder.absPath + QStringLiteral("/plots/metrics")))) {
        runAt(folder.absPath, folder.relPath);
        claim.prune = true; // plots, artifacts, report: all the run's
        return claim;
    }
    // The pre-1.0 flat layout (`dvclive/<name>.tsv`), with or without a summary beside it.
    if (folderName(folder.absPath) == u"dvclive") {
        std::vector<framework::io::Listed> entries;
        for (const FolderEntry &e : folder.entries)
            entries.push_back({e.name, e.isDir, e.isFile});
        if (hasTsv(entries)) {
            runAt(folder.absPath, folder.relPath);
            claim.prune = true;
        }
        return claim;
    }
    // Pre-1.0: `<dir>.json` beside `<dir>/`, histories in <dir> or <dir>/scalars.
    for (const FolderEntry &e : folder.entries) {
        if (!e.isDir || !folder.hasFile(e.name + QStringLiteral(".json")))
            continue;
        const QString dir = folder.absPath + u'/' + e.name;
        const auto entries = framework::io::list(dir);
        const bool newInside =
            std::any_of(entries.begin(), entries.end(), [](const framework::io::Listed &c) {
                return (c.isFile && c.name == metricsJson) || (c.isDir && c.name == u"plots");
            });
        if (newInside)
            continue; // a current DVCLive folder with a stale summary beside it: found inside
        if (e.name != u"dvclive" && !looksLikeHistories(dir, entries))
            continue;
        runAt(dir, childRel(e.name));
        claim.skipChildren << e.name;
    }
    // A lone pre-1.0 summary.
    if (folder.hasFile(u"dvclive.json") && !folder.hasDir(u"dvclive"))
        runAt(folder.absPath + QStringLiteral("/dvclive.json"),
              childRel(QStringLiteral("dvclive.json")));
    return claim;
}

std::vector<RunFile> DvcliveImporter::runFiles(const QString &absPath, core::Problems &) const {
    std::vector<RunFile> files;
    const auto st = framework::io::stat(absPath);
    if (!st)
        return files;
    const QString parent = parentOf(absPath);
    if (st->isFile) {
        addProjectParams(parent, {}, files);
        files.push_back(RunFile{absPath, folderName(absPath), &summaryParser, {}});
        return files;
    }
    addProjectParams(parent, QStringLiteral("../"), files);
    const auto entries = framework::io::list(absPath);
    auto has = [&](const QString &name, bool dir) {
        return std::any_of(entries.begin(), entries.end(), [&](const framework::io::Listed &e) {
            return e.name == name && (dir ? e.isDir : e.isFile);
        });
    };
    if (has(paramsYaml, false))
        files.push_back(RunFile{absPath + u'/' + paramsYaml, paramsYaml, &paramsParser, {}});
    if (has(metricsJson, false) || has(QStringLiteral("plots"), true)) {
        addHistories(absPath, QStringLiteral("plots/metrics"), files);
        if (has(metricsJson, false))
            files.push_back(RunFile{absPath + u'/' + metricsJson, metricsJson, &summaryParser, {}});
        return files;
    }
    // Pre-1.0.
    addHistories(absPath, {}, files);
    if (has(QStringLiteral("scalars"), true))
        addHistories(absPath, QStringLiteral("scalars"), files);
    const QString summary = absPath + QStringLiteral(".json");
    if (framework::io::isFile(summary))
        files.push_back(
            RunFile{summary, QStringLiteral("../") + folderName(summary), &summaryParser, {}});
    return files;
}

void DvcliveImporter::finishRun(const RunLocation &location, core::Run &run) const {
    if (run.name != location.relPath && !location.relPath.isEmpty())
        return; // named by a file
    // "project/dvclive" is the project's run: name it after the project.
    const QString last = folderName(location.absPath);
    if (last != u"dvclive" && last != u"dvclive.json")
        return;
    // Named by the project folder, in the experiment of the folder above it
    // (exp1/brave-otter/dvclive is "brave-otter" in "exp1").
    const QString rel = location.relPath.section(u'/', 0, -2);
    run.name = folderName(parentOf(location.absPath));
    if (run.experiment.isEmpty() && rel.contains(u'/'))
        run.experiment = rel.section(u'/', -2, -2);
}

} // namespace runlens::sources
