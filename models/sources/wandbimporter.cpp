// SPDX-License-Identifier: GPL-3.0-or-later
#include "wandbimporter.h"

#include "fileio.h"
#include "treeparse.h"
#include "wandbparser.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QMap>
#include <QSet>
#include <algorithm>
#include <fcntl.h>
#include <functional>

namespace runlens::sources {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(runlens::sources::WandbImporter)
};

/// Summary values without history are held under this prefix while a `.wandb` is read, until
/// its end tells whether the key had history after all.
const QChar pendingMark(0x1f);
/// Marks a contribution that read its `.wandb` from the first byte.
QString fullReadMarker() {
    return QString(pendingMark) + u'^';
}

QString byteAt(qint64 offset) {
    return QStringLiteral("byte %1").arg(offset);
}

QString fileName(const QString &path) {
    return path.section(u'/', -1);
}

/// The run id from a file's run folder name (files/x.json or run-<id>.wandb inside it).
QString runIdOfFile(const QString &absPath, int depth) {
    return wandb::runIdFromFolderName(absPath.section(u'/', -1 - depth, -1 - depth));
}

void removeSeries(FileContribution &out, const std::function<bool(const QString &)> &drop) {
    std::erase_if(out.series, [&](const FileContribution::Series &s) { return drop(s.key); });
    out.seriesIndex.clear();
    for (size_t i = 0; i < out.series.size(); ++i)
        out.seriesIndex.insert(out.series[i].key, qsizetype(i));
}

QString scalarText(const QVariant &v) {
    switch (v.typeId()) {
    case QMetaType::QString:
    case QMetaType::LongLong:
    case QMetaType::Int:
    case QMetaType::Double:
    case QMetaType::Bool:
        return v.toString();
    default:
        return {};
    }
}

/// The `.wandb` transaction log, appended record by record.
class LogParser final : public FileParser {
public:
    [[nodiscard]] bool appendOnly() const override { return true; }

    void parse(const FileInput &input, FileContribution &out) const override {
        if (out.uid.isEmpty()) {
            const QString name = fileName(input.absPath);
            if (name.startsWith(u"run-") && name.endsWith(u".wandb"))
                out.uid = name.mid(4, name.size() - 10);
        }
        if (input.offset == 0 && !out.seriesIndex.contains(fullReadMarker()))
            out.addPoint(fullReadMarker(), {});
        wandb::LogReader reader(input.bytes, input.offset, input.moreFollows);
        wandb::Record rec;
        qint64 n = 0;
        for (;;) {
            if ((++n & 0xfff) == 0 && input.cancel && input.cancel->load(std::memory_order_relaxed))
                return;
            const wandb::LogReader::Event e = reader.next();
            if (e.kind == wandb::LogReader::Event::Kind::End)
                break;
            if (e.kind == wandb::LogReader::Event::Kind::Corrupt) {
                out.problem(byteAt(e.offset), e.message);
                continue;
            }
            if (!wandb::decodeRecord(e.payload, rec)) {
                out.problem(byteAt(e.offset),
                            Tr::tr("The record is not a valid W&B record; skipped"));
                continue;
            }
            apply(rec, out);
        }
        out.consumed = reader.consumed();
        out.units = reader.records();
        if (!input.moreFollows)
            finish(out);
    }

private:
    static void apply(const wandb::Record &rec, FileContribution &out) {
        using Kind = wandb::Record::Kind;
        switch (rec.kind) {
        case Kind::History: {
            const wandb::RowClock clock = wandb::rowClock(rec.items);
            const qint64 step = clock.step >= 0 ? clock.step : std::max<qint64>(rec.step, 0);
            for (const wandb::Scalar &s : wandb::scalarsOf(rec.items))
                out.addPoint(s.name, {step, clock.timeMs, s.value});
            break;
        }
        case Kind::Summary: {
            const wandb::RowClock clock = wandb::rowClock(rec.items);
            for (const wandb::Scalar &s : wandb::scalarsOf(rec.items)) {
                if (out.seriesIndex.contains(s.name))
                    continue; // has history: the summary repeats its last value
                const QString key = pendingMark + s.name;
                const auto it = out.seriesIndex.constFind(key);
                if (it != out.seriesIndex.cend())
                    out.series[size_t(*it)].points.clear();
                out.addPoint(key, {clock.step, clock.timeMs, s.value});
            }
            if (!rec.removes.empty()) {
                QSet<QString> gone;
                for (const wandb::Item &item : rec.removes)
                    gone.insert(pendingMark + item.name());
                removeSeries(out, [&](const QString &k) { return gone.contains(k); });
            }
            break;
        }
        case Kind::Config:
            wandb::applyConfig(out.config, rec.items, rec.removes);
            break;
        case Kind::Run: {
            if (!rec.runId.isEmpty())
                out.uid = rec.runId;
            if (!rec.displayName.isEmpty())
                out.name = rec.displayName;
            if (!rec.project.isEmpty())
                out.experiment = rec.project;
            if (rec.startMs > 0)
                out.startMs = rec.startMs;
            auto tag = [&](const char *key, const QString &value) {
                if (!value.isEmpty())
                    out.tags.insert(QString::fromLatin1(key), value);
            };
            tag("wandb.entity", rec.entity);
            tag("wandb.group", rec.group);
            tag("wandb.job_type", rec.jobType);
            tag("wandb.notes", rec.notes);
            tag("wandb.tags", rec.tags.join(QStringLiteral(", ")));
            tag("wandb.sweep", rec.sweepId);
            tag("wandb.host", rec.host);
            wandb::applyConfig(out.config, rec.items, rec.removes);
            break;
        }
        case Kind::Exit:
            out.status = rec.exitCode == 0 ? core::RunStatus::Finished : core::RunStatus::Failed;
            out.tags.insert(QStringLiteral("wandb.exit_code"), QString::number(rec.exitCode));
            if (out.startMs > 0)
                out.endMs = out.startMs + rec.runtimeS * 1000;
            break;
        case Kind::Other:
            break;
        }
    }

    /// The end of this read: settles the summary values held back.
    static void finish(FileContribution &out) {
        const bool full = out.seriesIndex.contains(fullReadMarker());
        qint64 lastStep = 0;
        qint64 lastTimeMs = 0;
        bool pending = false;
        for (const FileContribution::Series &s : out.series) {
            if (s.key.startsWith(pendingMark)) {
                pending = pending || s.key != fullReadMarker();
                continue;
            }
            for (const core::MetricPoint &p : s.points) {
                lastStep = std::max(lastStep, p.step);
                lastTimeMs = std::max(lastTimeMs, p.timeMs);
            }
        }
        if (out.status != core::RunStatus::Unknown && lastTimeMs > out.endMs)
            out.endMs = lastTimeMs;
        if (!pending) {
            removeSeries(out, [](const QString &k) { return k.startsWith(pendingMark); });
            return;
        }
        // Summary-only keys (best_val_acc) become one point each. Reading from an offset, this
        // part of the log cannot tell whether a key had history earlier: leave them out, and
        // once the run has ended have the whole log read again next time to settle them.
        if (!full && out.status != core::RunStatus::Unknown)
            out.retryLater = true;
        QSet<QString> history;
        for (const FileContribution::Series &s : out.series) {
            if (!s.key.startsWith(pendingMark))
                history.insert(s.key);
        }
        removeSeries(out, [&](const QString &k) {
            return k.startsWith(pendingMark) &&
                   (!full || k == fullReadMarker() || history.contains(k.mid(1)));
        });
        for (FileContribution::Series &s : out.series) {
            if (!s.key.startsWith(pendingMark))
                continue;
            s.key = s.key.mid(1);
            for (core::MetricPoint &p : s.points) {
                if (p.step < 0)
                    p.step = lastStep;
            }
        }
        removeSeries(out, [](const QString &) { return false; }); // re-index renamed keys
    }
};

/// files/wandb-metadata.json: the environment, as tags, and the start time.
class MetadataParser final : public FileParser {
public:
    [[nodiscard]] bool appendOnly() const override { return false; }

    void parse(const FileInput &input, FileContribution &out) const override {
        out.uid = runIdOfFile(input.absPath, 2);
        treeparse::ParseError error;
        const QVariant tree = treeparse::parseJson(input.bytes, &error);
        if (error.failed() || tree.typeId() != QMetaType::QVariantMap) {
            out.problem(error.where(), error.failed()
                                           ? error.message
                                           : Tr::tr("The metadata is not a JSON object"));
            out.retryLater = true;
            return;
        }
        const QVariantMap m = tree.toMap();
        out.startMs = wandb::parseIsoTimeMs(m.value(QStringLiteral("startedAt")).toString());
        static const std::pair<const char *, const char *> fields[] = {
            {"host", "wandb.host"},
            {"os", "wandb.os"},
            {"python", "wandb.python"},
            {"program", "wandb.program"},
            {"codePath", "wandb.code_path"},
            {"username", "wandb.user"},
            {"executable", "wandb.executable"},
            {"root", "wandb.root"},
            {"gpu", "wandb.gpu"},
            {"gpu_count", "wandb.gpu_count"},
            {"cuda", "wandb.cuda"},
            {"cudaVersion", "wandb.cuda"},
            {"colab", "wandb.colab"},
            {"docker", "wandb.docker"},
        };
        for (const auto &[from, to] : fields) {
            const QString v = scalarText(m.value(QString::fromLatin1(from)));
            if (!v.isEmpty())
                out.tags.insert(QString::fromLatin1(to), v);
        }
        const QVariantMap git = m.value(QStringLiteral("git")).toMap();
        if (const QString c = scalarText(git.value(QStringLiteral("commit"))); !c.isEmpty())
            out.tags.insert(QStringLiteral("wandb.git.commit"), c);
        if (const QString r = scalarText(git.value(QStringLiteral("remote"))); !r.isEmpty())
            out.tags.insert(QStringLiteral("wandb.git.remote"), r);
        QStringList command;
        if (const QString p = scalarText(m.value(QStringLiteral("program"))); !p.isEmpty())
            command << p;
        for (const QVariant &a : m.value(QStringLiteral("args")).toList()) {
            const QString arg = a.toString();
            command << (arg.contains(u' ') || arg.isEmpty() ? u'\'' + arg + u'\'' : arg);
        }
        if (!command.isEmpty())
            out.tags.insert(QStringLiteral("wandb.command"), command.join(u' '));
    }
};

/// files/config.yaml: {key: {value: v, desc: ...}}, rewritten in place by the SDK.
class ConfigParser final : public FileParser {
public:
    [[nodiscard]] bool appendOnly() const override { return false; }

    void parse(const FileInput &input, FileContribution &out) const override {
        out.uid = runIdOfFile(input.absPath, 2);
        treeparse::ParseError error;
        const QVariant tree = treeparse::parseYaml(input.bytes, &error);
        if (error.failed()) {
            out.problem(error.where(), error.message);
            out.retryLater = true;
            return;
        }
        if (!tree.isValid())
            return; // empty file
        if (tree.typeId() != QMetaType::QVariantMap) {
            out.problem(QString(), Tr::tr("The config is not a YAML mapping"));
            out.retryLater = true;
            return;
        }
        QVariantMap map = treeparse::unwrapValueDesc(tree).toMap();
        map.remove(QStringLiteral("wandb_version"));
        out.config.insertTree(map);
    }
};

/// files/wandb-summary.json: the final values. Metrics come from it only when the run has no
/// `.wandb` (the log's history is authoritative otherwise).
class SummaryParser final : public FileParser {
public:
    explicit SummaryParser(bool metrics)
        : m_metrics(metrics) {}
    [[nodiscard]] bool appendOnly() const override { return false; }

    void parse(const FileInput &input, FileContribution &out) const override {
        out.uid = runIdOfFile(input.absPath, 2);
        treeparse::ParseError error;
        const QVariant tree = treeparse::parseJson(input.bytes, &error);
        if (error.failed() || (tree.isValid() && tree.typeId() != QMetaType::QVariantMap)) {
            out.problem(error.where(), error.failed() ? error.message
                                                      : Tr::tr("The summary is not a JSON object"));
            out.retryLater = true;
            return;
        }
        if (!m_metrics)
            return;
        for (const wandb::SummaryPoint &p : wandb::summaryPoints(tree.toMap()))
            out.addPoint(p.name, p.point);
    }

private:
    bool m_metrics;
};

/// files/wandb-history.jsonl of SDKs before 0.10 (2020): one JSON row per line, appended.
class HistoryJsonlParser final : public FileParser {
public:
    [[nodiscard]] bool appendOnly() const override { return true; }

    void parse(const FileInput &input, FileContribution &out) const override {
        out.uid = runIdOfFile(input.absPath, 2);
        const std::string_view bytes = input.bytes;
        size_t pos = 0;
        qint64 line = input.units;
        while (pos < bytes.size()) {
            const size_t end = bytes.find('\n', pos);
            if (end == std::string_view::npos)
                break; // a partial line: resume there
            const std::string_view text = bytes.substr(pos, end - pos);
            pos = end + 1;
            ++line;
            if (text.find_first_not_of(" \t\r") == std::string_view::npos)
                continue;
            treeparse::ParseError error;
            const QVariant row = treeparse::parseJson(text, &error);
            if (error.failed() || row.typeId() != QMetaType::QVariantMap) {
                out.problem(QStringLiteral("line %1").arg(line),
                            error.failed() ? error.message
                                           : Tr::tr("The history row is not a JSON object"));
                continue;
            }
            for (const wandb::SummaryPoint &p : wandb::summaryPoints(row.toMap()))
                out.addPoint(p.name, p.point);
        }
        out.consumed = qint64(pos);
        out.units = line - input.units;
    }
};

const LogParser logParser;
const HistoryJsonlParser historyJsonlParser;
const MetadataParser metadataParser;
const ConfigParser configParser;
const SummaryParser summaryOnly(true);
const SummaryParser summaryBeside(false);

bool isRunFolderName(QStringView name) {
    return !wandb::runIdFromFolderName(name).isEmpty();
}

bool looksLikeRunFolder(const FolderListing &folder) {
    if (!isRunFolderName(QStringView(folder.absPath).mid(folder.absPath.lastIndexOf(u'/') + 1)))
        return false;
    if (folder.hasDir(u"files"))
        return true;
    for (const FolderEntry &e : folder.entries) {
        if (e.isFile && e.name.endsWith(u".wandb"))
            return true;
    }
    return false;
}

QString childRel(const FolderListing &folder, const QString &name) {
    return folder.relPath.isEmpty() ? name : folder.relPath + u'/' + name;
}

} // namespace

QString WandbImporter::id() const {
    return QStringLiteral("wandb");
}

QString WandbImporter::displayName() const {
    return Tr::tr("Weights & Biases");
}

bool WandbImporter::sniff(const FolderListing &folder) const {
    for (const FolderEntry &e : folder.entries) {
        if (e.isDir && (e.name.startsWith(u"run-") || e.name.startsWith(u"offline-run-")) &&
            isRunFolderName(e.name))
            return true;
    }
    return looksLikeRunFolder(folder);
}

FolderClaim WandbImporter::scanFolder(const FolderListing &folder, ScanContext &) const {
    FolderClaim claim;
    if (looksLikeRunFolder(folder)) { // opened directly
        RunLocation loc;
        loc.importer = id();
        loc.absPath = folder.absPath;
        loc.relPath = folder.relPath;
        claim.runs.push_back(std::move(loc));
        claim.prune = true;
        return claim;
    }
    // Run folders by id; a resumed run has several, oldest first (the name starts with the
    // start time). latest-run is an alias of one of them, as a symlink or a copy.
    QMap<QString, QStringList> byId;
    for (const FolderEntry &e : folder.entries) {
        if (!e.isDir)
            continue;
        if (e.name == u"latest-run") {
            claim.skipChildren << e.name;
            continue;
        }
        const QString runId = wandb::runIdFromFolderName(e.name);
        if (runId.isEmpty())
            continue;
        byId[runId] << e.name;
        claim.skipChildren << e.name;
    }
    for (auto it = byId.begin(); it != byId.end(); ++it) {
        QStringList &names = it.value();
        std::sort(names.begin(), names.end(), [](const QString &a, const QString &b) {
            // by start time, whatever the "offline-" prefix
            return QStringView(a).mid(a.indexOf(u"run-")) < QStringView(b).mid(b.indexOf(u"run-"));
        });
        RunLocation loc;
        loc.importer = id();
        loc.absPath = folder.absPath + u'/' + names.last();
        loc.relPath = childRel(folder, names.last());
        for (qsizetype i = 0; i + 1 < names.size(); ++i)
            loc.parts.push_back(RunPart{id(), folder.absPath + u'/' + names[i],
                                        QStringLiteral("../") + names[i], QString()});
        claim.runs.push_back(std::move(loc));
    }
    // The wandb folder itself holds nothing else of interest (logs, sweep configs).
    const QString self = folder.absPath.section(u'/', -1);
    claim.prune = self == u"wandb" || self == u".wandb";
    if (claim.prune)
        claim.skipChildren.clear();
    return claim;
}

std::vector<RunFile> WandbImporter::runFiles(const QString &absPath, core::Problems &) const {
    std::vector<RunFile> files;
    std::vector<fileio::Entry> entries;
    int err = 0;
    if (!fileio::listDir(AT_FDCWD, QFile::encodeName(absPath).constData(), entries, &err))
        return files; // vanished
    QStringList logs;
    for (const fileio::Entry &e : entries) {
        const QString name = QFile::decodeName(e.name.c_str());
        if (e.isFile && name.startsWith(u"run-") && name.endsWith(u".wandb"))
            logs << name;
    }
    std::sort(logs.begin(), logs.end());
    // SDKs before 0.10 kept the history as JSON lines in files/ and had no .wandb.
    const QString historyJsonl = QStringLiteral("files/wandb-history.jsonl");
    const bool oldHistory =
        logs.isEmpty() &&
        fileio::statAt(AT_FDCWD, QFile::encodeName(absPath + u'/' + historyJsonl).constData())
            .has_value();
    auto add = [&](const QString &rel, const FileParser *parser) {
        files.push_back(RunFile{absPath + u'/' + rel, rel, parser, QString()});
    };
    add(QStringLiteral("files/wandb-metadata.json"), &metadataParser);
    add(QStringLiteral("files/config.yaml"), &configParser);
    add(QStringLiteral("files/wandb-summary.json"),
        logs.isEmpty() && !oldHistory ? &summaryOnly : &summaryBeside);
    if (oldHistory)
        add(historyJsonl, &historyJsonlParser);
    for (const QString &log : logs)
        add(log, &logParser);
    return files;
}

void WandbImporter::finishRun(const RunLocation &location, core::Run &run) const {
    const QString folder = location.absPath.section(u'/', -1);
    if ((run.name == location.relPath || run.name == folder) &&
        run.uid == wandb::runIdFromFolderName(folder))
        run.name = run.uid;
    if (run.status == core::RunStatus::Finished || run.status == core::RunStatus::Failed)
        return;
    // No exit record: still running, or died without finishing; the log's age tells.
    std::vector<fileio::Entry> entries;
    if (!fileio::listDir(AT_FDCWD, QFile::encodeName(location.absPath).constData(), entries,
                         nullptr, true))
        return;
    for (const fileio::Entry &e : entries) {
        if (!e.isFile || !e.name.ends_with(".wandb"))
            continue;
        const qint64 ageMs = QDateTime::currentMSecsSinceEpoch() - e.st.mtimeNs / 1000000;
        run.status =
            ageMs < wandb::liveWindowMs ? core::RunStatus::Running : core::RunStatus::Killed;
        if (run.status == core::RunStatus::Running)
            run.endMs = 0;
        return;
    }
}

} // namespace runlens::sources
