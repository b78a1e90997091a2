// SPDX-License-Identifier: GPL-3.0-or-later
#include "csvimporters.h"

#include <algorithm>

#include "csvparser.h"
#include "fileio.h"
#include "treeparse.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace runlens::sources {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(runlens::sources::CsvImporters)
};

constexpr size_t scanHeadBytes = 8192;

/// The first bytes of a file (up to max), empty when it cannot be read.
std::string readHead(const QString &absPath, size_t max = scanHeadBytes) {
    std::string out;
    const QByteArray path = QFile::encodeName(absPath);
    fileio::Fd fd(::open(path.constData(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid())
        return out;
    out.resize(max);
    size_t done = 0;
    while (done < max) {
        const ssize_t n = ::pread(fd.get(), out.data() + done, max - done, off_t(done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += size_t(n);
    }
    out.resize(done);
    return out;
}

QString childRel(const FolderListing &folder, const QString &name) {
    return folder.relPath.isEmpty() ? name : folder.relPath + u'/' + name;
}

QString lastSection(const QString &absPath, int from = -1) {
    return absPath.section(u'/', from, from);
}

/// The scanner offers an opened file as the only entry of its folder: true for that entry.
bool isOpenedFile(const FolderListing &folder, const FolderEntry &e, const ScanContext &context) {
    return folder.relPath.isEmpty() && folder.entries.size() == 1 && e.isFile &&
           QFileInfo(context.rootAbs).absoluteFilePath() ==
               QFileInfo(folder.absPath + u'/' + e.name).absoluteFilePath();
}

/// Could be the opened file: cheap name test for sniff() (isOpenedFile confirms it).
bool mayBeOpenedFile(const FolderListing &folder) {
    return folder.relPath.isEmpty() && folder.entries.size() == 1 && folder.entries[0].isFile;
}

bool hasSuffix(QStringView name, QStringView suffix) {
    return name.endsWith(suffix, Qt::CaseInsensitive);
}

bool nameIn(QStringView name, const QStringList &names) {
    return std::any_of(names.begin(), names.end(),
                       [&](const QString &n) { return name.compare(n, Qt::CaseInsensitive) == 0; });
}

bool hasAnySuffix(QStringView name, std::initializer_list<QStringView> suffixes) {
    return std::any_of(suffixes.begin(), suffixes.end(),
                       [&](QStringView suffix) { return hasSuffix(name, suffix); });
}

/// sniff() of the generic logs: an opened file with one of the extensions, or a folder
/// holding a file with a log name.
bool sniffLogs(const FolderListing &folder, std::initializer_list<QStringView> extensions,
               bool (*isLogName)(QStringView)) {
    if (mayBeOpenedFile(folder))
        return hasAnySuffix(folder.entries[0].name, extensions);
    return std::any_of(folder.entries.begin(), folder.entries.end(),
                       [&](const FolderEntry &e) { return e.isFile && isLogName(e.name); });
}

/// A file name that says nothing about the run ("metrics.csv", "training.log").
bool isGenericLogName(const QString &fileName) {
    static const QStringList generic{
        QStringLiteral("metrics"),  QStringLiteral("log"),      QStringLiteral("logs"),
        QStringLiteral("history"),  QStringLiteral("progress"), QStringLiteral("results"),
        QStringLiteral("training"), QStringLiteral("train"),    QStringLiteral("training_log"),
        QStringLiteral("scalars"),  QStringLiteral("events"),
    };
    return generic.contains(fileName.section(u'.', 0, 0), Qt::CaseInsensitive);
}

/// A run of one log file: named by its folder when the file's name is generic
/// (runs/exp1/brave-otter/metrics.csv is "brave-otter" in "exp1"), else by the file.
RunLocation fileRun(const QString &importer, const FolderListing &folder, const QString &name) {
    RunLocation loc;
    loc.importer = importer;
    loc.absPath = folder.absPath + u'/' + name;
    loc.relPath = childRel(folder, name);
    loc.group = lastSection(folder.absPath);
    if (folder.relPath.isEmpty())
        return loc; // the opened folder or file: the file's name says most
    if (isGenericLogName(name)) {
        loc.name = lastSection(folder.absPath);
        if (folder.relPath.contains(u'/'))
            loc.group = lastSection(folder.absPath, -2);
    } else {
        const qsizetype dot = name.lastIndexOf(u'.');
        loc.name = dot > 0 ? name.left(dot) : name; // "brave-otter.log" is "brave-otter"
    }
    return loc;
}

std::vector<RunFile> singleFile(const QString &absPath, const FileParser *parser) {
    return {RunFile{absPath, lastSection(absPath), parser, {}}};
}

// --- parsers ---------------------------------------------------------------------------------

class MetricCsvParser final : public FileParser {
public:
    explicit MetricCsvParser(csv::CsvSpec spec)
        : m_spec(std::move(spec)) {}
    [[nodiscard]] bool appendOnly() const override { return true; }
    void parse(const FileInput &input, FileContribution &out) const override {
        csv::parseMetricCsv(input, out, m_spec);
    }

private:
    csv::CsvSpec m_spec;
};

class JsonlParser final : public FileParser {
public:
    [[nodiscard]] bool appendOnly() const override { return true; }
    void parse(const FileInput &input, FileContribution &out) const override {
        csv::parseMetricJsonl(input, out);
    }
};

/// hparams.yaml / args.yaml: a YAML mapping that becomes the run's config.
class YamlConfigParser final : public FileParser {
public:
    [[nodiscard]] bool appendOnly() const override { return false; }
    void parse(const FileInput &input, FileContribution &out) const override {
        treeparse::ParseError error;
        const QVariant tree = treeparse::parseYaml(input.bytes, &error);
        if (error.failed()) {
            out.problem(error.where(), Tr::tr("Cannot read the YAML file: %1").arg(error.message));
            out.retryLater = true; // may be mid-rewrite
            return;
        }
        if (!tree.isValid())
            return; // empty
        if (tree.typeId() != QMetaType::QVariantMap) {
            out.problem({}, Tr::tr("Expected a YAML mapping of hyperparameters"));
            return;
        }
        out.config.insertTree(tree);
    }
};

const MetricCsvParser &lightningMetrics() {
    static const MetricCsvParser p(csv::CsvSpec{
        {QStringLiteral("step"), QStringLiteral("epoch")}, {QStringLiteral("epoch")}, {}, true});
    return p;
}

const MetricCsvParser &kerasLog() {
    static const MetricCsvParser p(csv::CsvSpec{{QStringLiteral("epoch")}, {}, {}, true});
    return p;
}

const MetricCsvParser &genericCsv() {
    static const MetricCsvParser p(csv::CsvSpec{
        {QStringLiteral("step"), QStringLiteral("global_step"), QStringLiteral("_step"),
         QStringLiteral("iteration"), QStringLiteral("iter"), QStringLiteral("epoch")},
        {},
        {QStringLiteral("timestamp"), QStringLiteral("_timestamp"), QStringLiteral("time"),
         QStringLiteral("wall_time"), QStringLiteral("walltime")},
        true});
    return p;
}

const MetricCsvParser &ultralyticsResults() {
    static const MetricCsvParser p(csv::CsvSpec{{QStringLiteral("epoch")}, {}, {}, true});
    return p;
}

const JsonlParser &jsonl() {
    static const JsonlParser p;
    return p;
}

const YamlConfigParser &yamlConfig() {
    static const YamlConfigParser p;
    return p;
}

const QString metricsCsv = QStringLiteral("metrics.csv");
const QString hparamsYaml = QStringLiteral("hparams.yaml");
const QString resultsCsv = QStringLiteral("results.csv");
const QString argsYaml = QStringLiteral("args.yaml");

bool isUltralyticsFolder(const FolderListing &folder) {
    return folder.hasFile(resultsCsv) && folder.hasFile(argsYaml);
}

/// A file another CSV-family importer owns, so that the generic one and Keras leave it alone.
bool ownedByFolderImporter(const FolderListing &folder, const QString &name) {
    return (name == metricsCsv && LightningImporter::isVersionFolder(folder)) ||
           (name == resultsCsv && isUltralyticsFolder(folder));
}

} // namespace

// --- Lightning -------------------------------------------------------------------------------

QString LightningImporter::id() const {
    return QStringLiteral("lightning");
}

QString LightningImporter::displayName() const {
    return QStringLiteral("PyTorch Lightning");
}

bool LightningImporter::isVersionFolder(const FolderListing &folder) {
    const bool metrics = folder.hasFile(metricsCsv);
    const bool hparams = folder.hasFile(hparamsYaml);
    if (!metrics && !hparams)
        return false;
    static const QRegularExpression version(QStringLiteral("^version_\\d+$"));
    if (version.match(lastSection(folder.absPath)).hasMatch())
        return true;
    if (metrics && hparams)
        return true;
    if (hparams) {
        for (const FolderEntry &e : folder.entries) {
            if (e.isFile && e.name.startsWith(u"events.out.tfevents"))
                return true;
        }
    }
    return false;
}

bool LightningImporter::sniff(const FolderListing &folder) const {
    return folder.hasFile(metricsCsv) || folder.hasFile(hparamsYaml);
}

FolderClaim LightningImporter::scanFolder(const FolderListing &folder, ScanContext &) const {
    FolderClaim claim;
    if (!isVersionFolder(folder))
        return claim;
    RunLocation loc;
    loc.importer = id();
    loc.absPath = folder.absPath;
    loc.relPath = folder.relPath;
    loc.group = lastSection(folder.absPath, -2);
    loc.claimsLogs = true;
    claim.runs.push_back(std::move(loc));
    claim.skipChildren << QStringLiteral("checkpoints");
    return claim;
}

std::vector<RunFile> LightningImporter::runFiles(const QString &absPath, core::Problems &) const {
    // Missing files are skipped by the reader: CSVLogger writes both, TensorBoardLogger and
    // Fabric only one.
    return {RunFile{absPath + u'/' + hparamsYaml, hparamsYaml, &yamlConfig(), {}},
            RunFile{absPath + u'/' + metricsCsv, metricsCsv, &lightningMetrics(), {}}};
}

void LightningImporter::finishRun(const RunLocation &location, core::Run &run) const {
    const QString logger = lastSection(location.absPath, -2);
    const QString version = lastSection(location.absPath);
    run.name = logger.isEmpty() ? version : logger + u'/' + version;
    if (!logger.isEmpty())
        run.experiment = logger;
}

// --- Keras -----------------------------------------------------------------------------------

namespace {

bool isKerasCandidateName(QStringView name) {
    if (hasSuffix(name, u".log"))
        return true;
    if (!hasSuffix(name, u".csv") && !hasSuffix(name, u".tsv"))
        return false;
    static const QStringList words{QStringLiteral("log"),     QStringLiteral("history"),
                                   QStringLiteral("train"),   QStringLiteral("metric"),
                                   QStringLiteral("epoch"),   QStringLiteral("keras"),
                                   QStringLiteral("progress")};
    for (const QString &w : words) {
        if (name.contains(w, Qt::CaseInsensitive))
            return true;
    }
    return CsvLogImporter::isLogName(name);
}

} // namespace

QString KerasImporter::id() const {
    return QStringLiteral("keras");
}

QString KerasImporter::displayName() const {
    return QStringLiteral("Keras CSVLogger");
}

bool KerasImporter::isKerasHeader(const QStringList &columns) {
    if (columns.size() < 2 || columns.first() != u"epoch" || columns.contains(u"step"))
        return false;
    for (const QString &c : columns) {
        if (c == u"loss" || c.startsWith(u"val_"))
            return true;
    }
    return false;
}

bool KerasImporter::sniff(const FolderListing &folder) const {
    if (mayBeOpenedFile(folder))
        return true;
    for (const FolderEntry &e : folder.entries) {
        if (e.isFile && isKerasCandidateName(e.name))
            return true;
    }
    return false;
}

FolderClaim KerasImporter::scanFolder(const FolderListing &folder, ScanContext &context) const {
    FolderClaim claim;
    for (const FolderEntry &e : folder.entries) {
        if (!e.isFile || ownedByFolderImporter(folder, e.name))
            continue;
        if (!isKerasCandidateName(e.name) && !isOpenedFile(folder, e, context))
            continue;
        if (!isKerasHeader(csv::csvHeader(readHead(folder.absPath + u'/' + e.name))))
            continue;
        claim.runs.push_back(fileRun(id(), folder, e.name));
    }
    return claim;
}

std::vector<RunFile> KerasImporter::runFiles(const QString &absPath, core::Problems &) const {
    return singleFile(absPath, &kerasLog());
}

// --- generic CSV -----------------------------------------------------------------------------

QString CsvLogImporter::id() const {
    return QStringLiteral("csv");
}

QString CsvLogImporter::displayName() const {
    return QStringLiteral("CSV metric log");
}

bool CsvLogImporter::isLogName(QStringView name) {
    static const QStringList names{
        QStringLiteral("metrics.csv"),     QStringLiteral("metrics.tsv"),
        QStringLiteral("progress.csv"),    QStringLiteral("progress.tsv"),
        QStringLiteral("log.csv"),         QStringLiteral("log.tsv"),
        QStringLiteral("logs.csv"),        QStringLiteral("history.csv"),
        QStringLiteral("history.tsv"),     QStringLiteral("results.tsv"),
        QStringLiteral("train_log.csv"),   QStringLiteral("training_log.csv"),
        QStringLiteral("metrics_log.csv"), QStringLiteral("eval_log.csv"),
    };
    return nameIn(name, names) ||
           hasAnySuffix(name, {u".metrics.csv", u".metrics.tsv", u".log.csv", u".log.tsv"});
}

bool CsvLogImporter::sniff(const FolderListing &folder) const {
    return sniffLogs(folder, {u".csv", u".tsv"}, &CsvLogImporter::isLogName);
}

FolderClaim CsvLogImporter::scanFolder(const FolderListing &folder, ScanContext &context) const {
    FolderClaim claim;
    for (const FolderEntry &e : folder.entries) {
        if (!e.isFile || ownedByFolderImporter(folder, e.name))
            continue;
        const bool opened =
            isOpenedFile(folder, e, context) && hasAnySuffix(e.name, {u".csv", u".tsv"});
        if (!opened && !isLogName(e.name))
            continue;
        const std::string head = readHead(folder.absPath + u'/' + e.name);
        if (isKerasCandidateName(e.name) || opened) {
            if (KerasImporter::isKerasHeader(csv::csvHeader(head)))
                continue; // the Keras importer's
        }
        // A named log must look like one; an opened file is taken as the user asked.
        if (!opened && !csv::looksLikeMetricCsv(head))
            continue;
        claim.runs.push_back(fileRun(id(), folder, e.name));
    }
    return claim;
}

std::vector<RunFile> CsvLogImporter::runFiles(const QString &absPath, core::Problems &) const {
    return singleFile(absPath, &genericCsv());
}

// --- JSON Lines ------------------------------------------------------------------------------

QString JsonlLogImporter::id() const {
    return QStringLiteral("jsonl");
}

QString JsonlLogImporter::displayName() const {
    return QStringLiteral("JSON Lines metric log");
}

bool JsonlLogImporter::isLogName(QStringView name) {
    static const QStringList names{
        QStringLiteral("metrics.jsonl"),  QStringLiteral("log.jsonl"),
        QStringLiteral("logs.jsonl"),     QStringLiteral("history.jsonl"),
        QStringLiteral("progress.jsonl"), QStringLiteral("train_log.jsonl"),
    };
    return nameIn(name, names) || hasAnySuffix(name, {u".log.jsonl", u".metrics.jsonl"});
}

bool JsonlLogImporter::sniff(const FolderListing &folder) const {
    return sniffLogs(folder, {u".jsonl", u".ndjson"}, &JsonlLogImporter::isLogName);
}

FolderClaim JsonlLogImporter::scanFolder(const FolderListing &folder, ScanContext &context) const {
    FolderClaim claim;
    for (const FolderEntry &e : folder.entries) {
        if (!e.isFile)
            continue;
        const bool opened =
            isOpenedFile(folder, e, context) && hasAnySuffix(e.name, {u".jsonl", u".ndjson"});
        if (!opened && !isLogName(e.name))
            continue;
        if (!opened) {
            // A named log starts with an object (or is still empty of lines).
            const std::string head = readHead(folder.absPath + u'/' + e.name, 256);
            const std::string_view t = csv::trimmed(head);
            if (t.empty() || t.front() != '{')
                continue;
        }
        claim.runs.push_back(fileRun(id(), folder, e.name));
    }
    return claim;
}

std::vector<RunFile> JsonlLogImporter::runFiles(const QString &absPath, core::Problems &) const {
    return singleFile(absPath, &jsonl());
}

// --- Ultralytics -----------------------------------------------------------------------------

QString UltralyticsImporter::id() const {
    return QStringLiteral("ultralytics");
}

QString UltralyticsImporter::displayName() const {
    return QStringLiteral("Ultralytics YOLO");
}

bool UltralyticsImporter::sniff(const FolderListing &folder) const {
    return isUltralyticsFolder(folder);
}

FolderClaim UltralyticsImporter::scanFolder(const FolderListing &folder, ScanContext &) const {
    FolderClaim claim;
    const QStringList header = csv::csvHeader(readHead(folder.absPath + u'/' + resultsCsv));
    if (header.isEmpty() || header.first() != u"epoch")
        return claim;
    RunLocation loc;
    loc.importer = id();
    loc.absPath = folder.absPath;
    loc.relPath = folder.relPath;
    loc.group = lastSection(folder.absPath, -2);
    loc.claimsLogs = true;
    claim.runs.push_back(std::move(loc));
    claim.skipChildren << QStringLiteral("weights");
    return claim;
}

std::vector<RunFile> UltralyticsImporter::runFiles(const QString &absPath, core::Problems &) const {
    return {RunFile{absPath + u'/' + argsYaml, argsYaml, &yamlConfig(), {}},
            RunFile{absPath + u'/' + resultsCsv, resultsCsv, &ultralyticsResults(), {}}};
}

void UltralyticsImporter::finishRun(const RunLocation &location, core::Run &run) const {
    run.name = lastSection(location.absPath);
}

ReadResult UltralyticsImporter::read(const RunLocation &location, const QString &sourceRoot,
                                     const PreviousState &previous,
                                     const std::atomic_bool &cancel) const {
    // Ultralytics' TensorBoard callback logs the same values as results.csv under the same
    // names into the run folder: merging both would double every point.
    RunLocation own = location;
    std::erase_if(own.parts, [](const RunPart &p) {
        return p.relPath.isEmpty() && p.importer == u"tensorboard";
    });
    return FileRunImporter::read(own, sourceRoot, previous, cancel);
}

} // namespace runlens::sources
