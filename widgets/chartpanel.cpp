// SPDX-License-Identifier: GPL-3.0-or-later
#include "chartpanel.h"

#include "metricoverlayplot.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>
#include <cmath>

namespace runlens::widgets {

namespace {

constexpr int minChartHeight = 240;

// The slider's 0..999 as a running median's window: 1..501 points, odd.
int medianWindow(int slider) {
    return 1 + 2 * int(std::lround(slider / 4.0));
}

QToolButton *toggleButton(const QString &text, const QString &tip, QWidget *parent) {
    auto *b = new QToolButton(parent);
    b->setText(text);
    b->setToolTip(tip);
    b->setCheckable(true);
    b->setAutoRaise(true);
    return b;
}

} // namespace

ChartPanel::ChartPanel(QWidget *parent)
    : QWidget(parent) {
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(6, 4, 6, 4);
    outer->setSpacing(4);

    auto *bar = new QHBoxLayout;
    bar->setSpacing(6);
    m_metricsButton = new QToolButton(this);
    m_metricsButton->setText(tr("Metrics…"));
    m_metricsButton->setToolTip(tr("Choose the metrics to chart; several give a grid of charts"));
    m_metricsButton->setPopupMode(QToolButton::InstantPopup);
    connect(m_metricsButton, &QToolButton::clicked, this, &ChartPanel::showMetricPicker);
    bar->addWidget(m_metricsButton);

    bar->addWidget(new QLabel(tr("X:"), this));
    m_xAxis = new QComboBox(this);
    m_xAxis->setToolTip(tr("What the x axis shows"));
    m_xAxis->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_xAxis->setMinimumContentsLength(12);
    bar->addWidget(m_xAxis);
    updateXAxisChoices();
    connect(m_xAxis, &QComboBox::currentIndexChanged, this, [this] { Q_EMIT specChanged(); });

    m_logY = toggleButton(tr("Log y"), tr("Logarithmic y axis"), this);
    bar->addWidget(m_logY);
    connect(m_logY, &QToolButton::toggled, this, [this](bool on) {
        for (MetricOverlayPlot *p : m_plots)
            p->setLogY(on);
    });
    m_robust =
        toggleButton(tr("Ignore outliers"),
                     tr("Fit the y axis to the 0.5–99.5 % quantiles of what is shown"), this);
    bar->addWidget(m_robust);
    connect(m_robust, &QToolButton::toggled, this, [this](bool on) {
        for (MetricOverlayPlot *p : m_plots)
            p->setRobustRange(on);
    });

    bar->addSpacing(8);
    bar->addWidget(new QLabel(tr("Smoothing:"), this));
    m_smoothing = new QComboBox(this);
    m_smoothing->addItem(tr("None"), int(analysis::Smoothing::None));
    m_smoothing->addItem(tr("Exponential (EMA)"), int(analysis::Smoothing::Ema));
    m_smoothing->addItem(tr("Running median"), int(analysis::Smoothing::Median));
    bar->addWidget(m_smoothing);
    m_smoothWeight = new QSlider(Qt::Horizontal, this);
    m_smoothWeight->setRange(0, 999);
    m_smoothWeight->setValue(600);
    m_smoothWeight->setFixedWidth(110);
    bar->addWidget(m_smoothWeight);
    m_smoothLabel = new QLabel(this);
    m_smoothLabel->setMinimumWidth(
        QFontMetrics(font()).horizontalAdvance(QStringLiteral("0.999 ")));
    bar->addWidget(m_smoothLabel);
    connect(m_smoothing, &QComboBox::currentIndexChanged, this, [this] {
        updateSmoothingControls();
        Q_EMIT specChanged();
    });
    connect(m_smoothWeight, &QSlider::valueChanged, this, [this] {
        updateSmoothingControls();
        Q_EMIT specChanged();
    });
    updateSmoothingControls();

    bar->addStretch(1);
    outer->addLayout(bar);

    // Second row: grouping, the run limit, export.
    bar = new QHBoxLayout;
    bar->setSpacing(6);
    bar->addWidget(new QLabel(tr("Group:"), this));
    m_groupBy = new QComboBox(this);
    m_groupBy->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_groupBy->setMinimumContentsLength(18);
    m_groupBy->setToolTip(tr("Draw one mean curve with a band per group of runs"));
    bar->addWidget(m_groupBy);
    m_band = new QComboBox(this);
    m_band->addItem(tr("± std"), int(analysis::Band::StdDev));
    m_band->addItem(tr("95 % CI"), int(analysis::Band::Ci95));
    m_band->addItem(tr("min–max"), int(analysis::Band::MinMax));
    m_band->addItem(tr("no band"), int(analysis::Band::None));
    bar->addWidget(m_band);
    setGroupFields({});
    connect(m_groupBy, &QComboBox::currentIndexChanged, this, [this] {
        m_band->setEnabled(m_groupBy->currentIndex() > 0);
        Q_EMIT groupingChanged();
    });
    connect(m_band, &QComboBox::currentIndexChanged, this, [this] { Q_EMIT specChanged(); });
    m_band->setEnabled(false);

    bar->addSpacing(8);
    bar->addWidget(new QLabel(tr("Limit:"), this));
    m_limit = new QSpinBox(this);
    m_limit->setRange(1, 5000);
    m_limit->setValue(50);
    m_limit->setToolTip(tr("With no run selected, chart the first this many filtered runs"));
    bar->addWidget(m_limit);
    connect(m_limit, &QSpinBox::valueChanged, this, &ChartPanel::runLimitChanged);

    bar->addSpacing(12);
    m_status = new QLabel(this);
    QPalette sp = m_status->palette();
    sp.setColor(QPalette::WindowText, sp.color(QPalette::PlaceholderText));
    m_status->setPalette(sp);
    m_status->setMinimumWidth(0);
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    bar->addWidget(m_status, 1);
    m_export = new QToolButton(this);
    m_export->setText(tr("Export"));
    m_export->setPopupMode(QToolButton::InstantPopup);
    auto *exportMenu = new QMenu(m_export);
    exportMenu->addAction(tr("&Copy Chart"), QKeySequence::Copy, this, &ChartPanel::copyChart);
    exportMenu->addAction(tr("&Save Chart As…"), QKeySequence::SaveAs, this,
                          &ChartPanel::saveChartAs);
    m_export->setMenu(exportMenu);
    bar->addWidget(m_export);

    outer->addLayout(bar);

    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_gridHost = new QWidget(m_scroll);
    m_grid = new QGridLayout(m_gridHost);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setSpacing(6);
    m_empty = new QLabel(tr("Choose a metric to chart (Metrics…), then select runs in the table."),
                         m_gridHost);
    m_empty->setAlignment(Qt::AlignCenter);
    m_grid->addWidget(m_empty, 0, 0);
    m_scroll->setWidget(m_gridHost);
    outer->addWidget(m_scroll, 1);

    // Comparing two groups: the difference of their final or best values with a 95 % CI and
    // Welch's t-test.
    m_compare = new QWidget(this);
    auto *cmp = new QHBoxLayout(m_compare);
    cmp->setContentsMargins(0, 2, 0, 0);
    cmp->addWidget(new QLabel(tr("Compare"), m_compare));
    m_compareWhat = new QComboBox(m_compare);
    m_compareWhat->addItem(tr("final"), int(analysis::CompareWhat::Final));
    m_compareWhat->addItem(tr("best"), int(analysis::CompareWhat::Best));
    cmp->addWidget(m_compareWhat);
    m_compareMetric = new QComboBox(m_compare);
    m_compareMetric->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_compareMetric->setMinimumContentsLength(14);
    cmp->addWidget(m_compareMetric);
    cmp->addWidget(new QLabel(tr("of"), m_compare));
    m_compareA = new QComboBox(m_compare);
    m_compareA->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_compareA->setMinimumContentsLength(14);
    cmp->addWidget(m_compareA);
    cmp->addWidget(new QLabel(tr("vs"), m_compare));
    m_compareB = new QComboBox(m_compare);
    m_compareB->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_compareB->setMinimumContentsLength(14);
    cmp->addWidget(m_compareB);
    m_compareText = new QLabel(m_compare);
    m_compareText->setTextFormat(Qt::RichText);
    m_compareText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_compareText->setWordWrap(true);
    cmp->addWidget(m_compareText, 1);
    for (QComboBox *c : {m_compareWhat, m_compareMetric, m_compareA, m_compareB})
        connect(c, &QComboBox::currentIndexChanged, this, &ChartPanel::comparisonChanged);
    m_compare->setVisible(false);
    outer->addWidget(m_compare);
}

ChartPanel::~ChartPanel() = default;

void ChartPanel::setAvailableMetrics(const QStringList &keys) {
    if (keys == m_available)
        return;
    m_available = keys;
    updateXAxisChoices();
    const QString current = m_compareMetric->currentText();
    {
        const QSignalBlocker block(m_compareMetric);
        m_compareMetric->clear();
        m_compareMetric->addItems(m_selected.isEmpty() ? keys : m_selected);
        m_compareMetric->setCurrentIndex(std::max(0, m_compareMetric->findText(current)));
    }
    rebuildPlots();
}

void ChartPanel::setSelectedMetrics(const QStringList &keys) {
    if (keys == m_selected)
        return;
    m_selected = keys;
    {
        const QString current = m_compareMetric->currentText();
        const QSignalBlocker block(m_compareMetric);
        m_compareMetric->clear();
        m_compareMetric->addItems(keys);
        m_compareMetric->setCurrentIndex(std::max(0, m_compareMetric->findText(current)));
    }
    rebuildPlots();
    Q_EMIT metricsChanged(m_selected);
}

void ChartPanel::setGroupFields(const QStringList &fields) {
    const QString current = m_groupBy->currentData().toString();
    m_groupFields = fields;
    const QSignalBlocker block(m_groupBy);
    m_groupBy->clear();
    m_groupBy->addItem(tr("No grouping"), QString());
    m_groupBy->addItem(tr("All params but seeds"), QStringLiteral("*"));
    for (const QString &f : fields)
        m_groupBy->addItem(f, f);
    m_groupBy->setCurrentIndex(std::max(0, m_groupBy->findData(current)));
}

void ChartPanel::setGroupBy(const QString &field) {
    int i = m_groupBy->findData(field);
    if (i < 0 && !field.isEmpty()) {
        m_groupBy->addItem(field, field);
        i = m_groupBy->count() - 1;
    }
    m_groupBy->setCurrentIndex(std::max(0, i));
}

analysis::GroupSpec ChartPanel::groupSpec() const {
    analysis::GroupSpec spec;
    const QString field = m_groupBy->currentData().toString();
    if (field == QLatin1String("*")) {
        spec.allParams = true;
        // Seeds (and run-unique ids) vary within a group by design.
        for (const QString &key : m_groupFields) {
            const QString name = key.mid(key.indexOf(u'.') + 1);
            if (key.startsWith(QLatin1String("params.")) &&
                name.contains(QLatin1String("seed"), Qt::CaseInsensitive))
                spec.exceptParams << name;
        }
        if (spec.exceptParams.isEmpty())
            spec.exceptParams << QStringLiteral("seed");
    } else if (!field.isEmpty()) {
        spec.fields << field;
    }
    return spec;
}

void ChartPanel::updateXAxisChoices() {
    const QString current = m_xAxis->currentData().toString();
    const QSignalBlocker block(m_xAxis);
    m_xAxis->clear();
    m_xAxis->addItem(tr("Step"), QStringLiteral("@step"));
    m_xAxis->addItem(tr("Wall time"), QStringLiteral("@time"));
    m_xAxis->addItem(tr("Relative time"), QStringLiteral("@relative"));
    if (!m_available.isEmpty())
        m_xAxis->insertSeparator(m_xAxis->count());
    for (const QString &k : m_available)
        m_xAxis->addItem(k, k);
    m_xAxis->setCurrentIndex(std::max(0, m_xAxis->findData(current)));
}

void ChartPanel::updateSmoothingControls() {
    const auto kind = analysis::Smoothing(m_smoothing->currentData().toInt());
    m_smoothWeight->setVisible(kind != analysis::Smoothing::None);
    m_smoothLabel->setVisible(kind != analysis::Smoothing::None);
    if (kind == analysis::Smoothing::Ema) {
        m_smoothWeight->setToolTip(tr("Smoothing weight, as in TensorBoard"));
        m_smoothLabel->setText(QString::number(m_smoothWeight->value() / 1000.0, 'f', 3));
    } else {
        m_smoothWeight->setToolTip(tr("Window of the running median, in points"));
        m_smoothLabel->setText(tr("%n pt", nullptr, medianWindow(m_smoothWeight->value())));
    }
}

analysis::ChartSpec ChartPanel::spec() const {
    analysis::ChartSpec s;
    const QString x = m_xAxis->currentData().toString();
    if (x == QLatin1String("@step") || x.isEmpty()) {
        s.xAxis = analysis::XAxis::Step;
    } else if (x == QLatin1String("@time")) {
        s.xAxis = analysis::XAxis::WallTime;
    } else if (x == QLatin1String("@relative")) {
        s.xAxis = analysis::XAxis::RelativeTime;
    } else {
        s.xAxis = analysis::XAxis::Metric;
        s.xMetric = x;
    }
    s.smoothing = analysis::Smoothing(m_smoothing->currentData().toInt());
    s.emaWeight = m_smoothWeight->value() / 1000.0;
    s.medianWindow = medianWindow(m_smoothWeight->value());
    s.band = analysis::Band(m_band->currentData().toInt());
    return s;
}

void ChartPanel::setSpec(const analysis::ChartSpec &s) {
    QString x = QStringLiteral("@step");
    if (s.xAxis == analysis::XAxis::WallTime)
        x = QStringLiteral("@time");
    else if (s.xAxis == analysis::XAxis::RelativeTime)
        x = QStringLiteral("@relative");
    else if (s.xAxis == analysis::XAxis::Metric)
        x = s.xMetric;
    int xi = m_xAxis->findData(x);
    if (xi < 0) {
        m_xAxis->addItem(x, x);
        xi = m_xAxis->count() - 1;
    }
    m_xAxis->setCurrentIndex(xi);
    m_smoothing->setCurrentIndex(std::max(0, m_smoothing->findData(int(s.smoothing))));
    if (s.smoothing == analysis::Smoothing::Median)
        m_smoothWeight->setValue((s.medianWindow - 1) * 2);
    else
        m_smoothWeight->setValue(int(std::lround(s.emaWeight * 1000)));
    m_band->setCurrentIndex(std::max(0, m_band->findData(int(s.band))));
}

bool ChartPanel::logY() const {
    return m_logY->isChecked();
}

void ChartPanel::setLogY(bool on) {
    m_logY->setChecked(on);
}

int ChartPanel::runLimit() const {
    return m_limit->value();
}

void ChartPanel::setRunLimit(int limit) {
    m_limit->setValue(limit);
}

MetricOverlayPlot *ChartPanel::plot(const QString &metric) const {
    for (MetricOverlayPlot *p : m_plots) {
        if (p->metric() == metric)
            return p;
    }
    return nullptr;
}

std::vector<MetricOverlayPlot *> ChartPanel::plots() const {
    return m_plots;
}

void ChartPanel::setStatus(const QString &text) {
    m_status->setText(text);
}

MetricOverlayPlot *ChartPanel::makePlot(const QString &metric) {
    auto *p = new MetricOverlayPlot(m_gridHost);
    p->setMetric(metric);
    p->setLogY(m_logY->isChecked());
    p->setRobustRange(m_robust->isChecked());
    p->setMinimumHeight(minChartHeight);
    if (!m_plots.empty()) {
        for (qint64 id : m_plots.front()->hiddenRuns())
            p->setRunHidden(id, true);
    }
    connect(p, &MetricOverlayPlot::viewChanged, this, [this, p](double lo, double hi, int cols) {
        if (m_linking)
            return;
        // Small multiples share their x range.
        m_linking = true;
        for (MetricOverlayPlot *other : m_plots) {
            if (other != p && !p->isAutoRange())
                other->setXRange(lo, hi);
        }
        m_linking = false;
        for (MetricOverlayPlot *q : m_plots) {
            if (q == p)
                Q_EMIT viewChanged(q->metric(), lo, hi, cols);
            else if (!p->isAutoRange())
                Q_EMIT viewChanged(q->metric(), lo, hi, q->plotColumns());
        }
    });
    connect(p, &MetricOverlayPlot::viewReset, this, [this, p] {
        if (m_linking)
            return;
        m_linking = true;
        for (MetricOverlayPlot *other : m_plots) {
            if (other != p)
                other->resetView();
        }
        m_linking = false;
        for (MetricOverlayPlot *q : m_plots)
            Q_EMIT viewReset(q->metric());
    });
    connect(p, &MetricOverlayPlot::crosshairMoved, this, [this, p](double x) {
        for (MetricOverlayPlot *other : m_plots) {
            if (other != p)
                other->setCrosshairX(x);
        }
    });
    connect(p, &MetricOverlayPlot::highlightChanged, this, [this, p](qint64 id) {
        for (MetricOverlayPlot *other : m_plots) {
            if (other != p)
                other->setHighlightedRun(id);
        }
    });
    connect(p, &MetricOverlayPlot::hiddenRunsChanged, this, [this, p] {
        // A run hidden in one chart is hidden in all.
        for (MetricOverlayPlot *other : m_plots) {
            if (other == p)
                continue;
            for (qint64 id : other->hiddenRuns() + p->hiddenRuns())
                other->setRunHidden(id, p->isRunHidden(id));
        }
    });
    connect(p, &MetricOverlayPlot::runClicked, this, &ChartPanel::runClicked);
    return p;
}

void ChartPanel::rebuildPlots() {
    // Keep the charts of metrics still chosen; make the new ones; drop the rest.
    std::vector<MetricOverlayPlot *> kept;
    for (const QString &m : m_selected) {
        MetricOverlayPlot *p = plot(m);
        kept.push_back(p ? p : makePlot(m));
    }
    for (MetricOverlayPlot *p : m_plots) {
        if (std::find(kept.begin(), kept.end(), p) == kept.end())
            p->deleteLater();
    }
    m_plots = kept;
    while (m_grid->count() > 0)
        m_grid->takeAt(0);
    m_empty->setVisible(m_plots.empty());
    if (m_plots.empty()) {
        m_grid->addWidget(m_empty, 0, 0);
        return;
    }
    // Square-ish grid: 1, 2 side by side, 2×2, 3 columns beyond.
    const int n = int(m_plots.size());
    const int columns = n == 1 ? 1 : (n <= 4 ? 2 : 3);
    for (int i = 0; i < n; ++i)
        m_grid->addWidget(m_plots[size_t(i)], i / columns, i % columns);
    for (int c = 0; c < 3; ++c)
        m_grid->setColumnStretch(c, c < columns ? 1 : 0);
}

void ChartPanel::showMetricPicker() {
    auto *popup = new QFrame(this, Qt::Popup);
    popup->setAttribute(Qt::WA_DeleteOnClose);
    popup->setFrameShape(QFrame::StyledPanel);
    auto *layout = new QVBoxLayout(popup);
    auto *search = new QLineEdit(popup);
    search->setPlaceholderText(tr("Search metrics"));
    search->setClearButtonEnabled(true);
    layout->addWidget(search);
    auto *list = new QListWidget(popup);
    for (const QString &k : m_available) {
        auto *item = new QListWidgetItem(k, list);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(m_selected.contains(k) ? Qt::Checked : Qt::Unchecked);
    }
    layout->addWidget(list);
    connect(search, &QLineEdit::textChanged, list, [list](const QString &text) {
        for (int i = 0; i < list->count(); ++i)
            list->item(i)->setHidden(!list->item(i)->text().contains(text, Qt::CaseInsensitive));
    });
    connect(list, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        QStringList next = m_selected;
        if (item->checkState() == Qt::Checked && !next.contains(item->text()))
            next << item->text();
        else if (item->checkState() != Qt::Checked)
            next.removeAll(item->text());
        setSelectedMetrics(next);
    });
    connect(list, &QListWidget::itemActivated, this, [list](QListWidgetItem *item) {
        item->setCheckState(item->checkState() == Qt::Checked ? Qt::Unchecked : Qt::Checked);
        Q_UNUSED(list);
    });
    popup->resize(320, 380);
    popup->move(m_metricsButton->mapToGlobal(QPoint(0, m_metricsButton->height())));
    popup->show();
    search->setFocus();
}

void ChartPanel::setComparisonGroups(const QStringList &labels) {
    m_compare->setVisible(labels.size() >= 2);
    QStringList before;
    for (int i = 0; i < m_compareA->count(); ++i)
        before << m_compareA->itemText(i);
    if (before == labels)
        return;
    const QSignalBlocker a(m_compareA);
    const QSignalBlocker b(m_compareB);
    m_compareA->clear();
    m_compareB->clear();
    m_compareA->addItems(labels);
    m_compareB->addItems(labels);
    m_compareA->setCurrentIndex(0);
    m_compareB->setCurrentIndex(labels.size() > 1 ? 1 : 0);
}

int ChartPanel::compareA() const {
    return m_compareA->currentIndex();
}

int ChartPanel::compareB() const {
    return m_compareB->currentIndex();
}

analysis::CompareWhat ChartPanel::compareWhat() const {
    return analysis::CompareWhat(m_compareWhat->currentData().toInt());
}

QString ChartPanel::compareMetric() const {
    return m_compareMetric->currentText();
}

void ChartPanel::setComparisonText(const QString &html) {
    m_compareText->setText(html);
}

QString ChartPanel::comparisonText() const {
    return m_compareText->text();
}

void ChartPanel::copyChart() {
    if (m_plots.empty())
        return;
    // All charts as one picture, laid out as on screen.
    const QPixmap grid = m_gridHost->grab();
    QApplication::clipboard()->setPixmap(grid);
}

bool ChartPanel::exportCharts(const QString &path, QString *error) {
    if (m_plots.empty()) {
        if (error)
            *error = tr("There is no chart to save.");
        return false;
    }
    if (m_plots.size() == 1 || !path.endsWith(QLatin1String(".png"), Qt::CaseInsensitive))
        return m_plots.front()->exportTo(path, m_plots.front()->size(), 2.0, error);
    // Several charts to PNG: each rendered at twice the resolution, placed as in the grid.
    const qreal scale = 2.0;
    QImage image(m_gridHost->size() * scale, QImage::Format_ARGB32_Premultiplied);
    image.fill(palette().color(QPalette::Base));
    QPainter painter(&image);
    for (MetricOverlayPlot *p : m_plots) {
        const QImage one = p->toImage(p->size(), scale);
        painter.drawImage(QPointF(p->geometry().topLeft()) * scale, one);
    }
    painter.end();
    if (!image.save(path, "PNG")) {
        if (error)
            *error = tr("The chart could not be written to “%1”.").arg(path);
        return false;
    }
    return true;
}

void ChartPanel::saveChartAs() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save Chart"), QString(),
        tr("PNG image (*.png);;PDF document (*.pdf);;SVG drawing (*.svg)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportCharts(path, &error))
        QMessageBox::warning(this, tr("Save Chart"), error);
}

} // namespace runlens::widgets
