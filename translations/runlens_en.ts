<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>About</name>
    <message>
        <source>&lt;h3&gt;RunLens %1&lt;/h3&gt;&lt;p&gt;Compare machine-learning experiment runs: every run of a results folder in one sortable, filterable table, read from a local cache that is refreshed in the background.&lt;/p&gt;&lt;p&gt;RunLens is free software: you can redistribute it and/or modify it under the terms of the GNU General Public License as published by the Free Software Foundation, either version 3 of the License, or (at your option) any later version.&lt;/p&gt;&lt;p&gt;It is distributed in the hope that it will be useful, but WITHOUT ANY WARRANTY; without even the implied warranty of MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE. See the &lt;a href=&quot;https://www.gnu.org/licenses/gpl-3.0.html&quot;&gt;GNU General Public License&lt;/a&gt; for more details.&lt;/p&gt;&lt;p&gt;SPDX-License-Identifier: GPL-3.0-or-later&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About RunLens</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>The SQLite cache to use (default: $RUNLENS_CACHE, else %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try “runlens %1 --help”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show deleted runs too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results folders to open (an MLflow mlruns folder, ...).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[source...]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No such file or folder: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 wants a whole number of at least %2, not “%3”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import runs from results folders into the cache and print what was read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the summary as one JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results folders to import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>source...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name at least one results folder to import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported %1 runs (%2 changed, %3 unchanged), %4 series, %5 points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, %1 removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; no problems.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; %1 problems:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of runs (default %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>n</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metric keys per run (default %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points per metric (default %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Params per run (default %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random seed (default %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder to write into.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name exactly one folder to write the demo store into.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EXPERIMENT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STATUS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>START</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DURATION</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (deleted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the runs in the cache.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only runs matching the expression, e.g. &quot;params.lr &lt; 0.01 and metrics.val_loss &lt; 0.3&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expr</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sort by a field: params.KEY, metrics.KEY, tags.KEY or an attribute (name, start_time, ...). Default: newest first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sort in descending order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include deleted runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output format: table, csv or json.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only runs imported from this folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected argument “%1”; run “runlens import” to read folders.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown format “%1”: use table, csv or json.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid filter: %1 at character %2
  %3
  %4^</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown sort key “%1”: use params.KEY, metrics.KEY, tags.KEY or an attribute such as name or start_time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import the sources, show them in the window offscreen and save it as a PNG.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PNG file to write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window size (default 1400x800).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WxH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A filter expression to apply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sort by this field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results folders to show.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--out FILE.png is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--size wants WIDTHxHEIGHT, e.g. 1400x800, not “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown sort key “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The runs did not load within a minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1 (%2×%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a synthetic results folder with realistic learning curves, mixing every format RunLens reads (an MLflow store in DIR/mlruns, TensorBoard event files, CSV logs, …).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comma-separated formats to write (default: all of %1). Other formats than mlflow get a sixth of --runs each, unless written alone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote a demo results folder to %1 (%2): %3 runs, %4 metrics × %5 steps, %6 params (seed %7).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare machine-learning experiment runs.

Subcommands (each with --help): import, runs, screenshot, demo, chart, metrics.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid filter “%1”: %2 at character %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No cached run has the id, uid or name “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write charts of cached runs&apos; metrics to a PNG, PDF or SVG file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which runs: all, filter:EXPR, or a comma-separated list of run ids, uids or names.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>selector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A metric to chart (repeat for a grid).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The x axis: step, time, relative, or metric:KEY (default step).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>axis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exponential smoothing weight, 0 to 0.999 (as in TensorBoard).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group runs by a field (params.lr, tags.model; * for all params but seeds) and draw group means with ±std bands.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The group band: std, ci95, minmax or none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>band</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logarithmic y axis.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size of one chart (default 1000x600).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolution of a PNG (default 96).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chart title (default: the metric).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file to write: .png, .pdf or .svg.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--out FILE.png|.pdf|.svg is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1”: the output must end in .png, .pdf or .svg.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name at least one --metric KEY.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--size wants WIDTHxHEIGHT, e.g. 1000x600, not “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--dpi wants a number from 24 to 1200.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--x wants step, time, relative or metric:KEY, not “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--smooth wants a weight from 0 to 0.999.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--band wants std, ci95, minmax or none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No run matches “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>None of the %n chosen run(s) has the metric “%1”.</source>
        <translation>
            <numerusform>The %n chosen run does not have the metric “%1”.</numerusform>
            <numerusform>None of the %n chosen runs has the metric “%1”.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s)</source>
        <translation>
            <numerusform>%n run</numerusform>
            <numerusform>%n runs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %1: %n chart(s) of %2 run(s).</source>
        <translation>
            <numerusform>Wrote %1: %n chart of %2 run(s).</numerusform>
            <numerusform>Wrote %1: %n charts of %2 run(s).</numerusform>
        </translation>
    </message>
    <message>
        <source>Print the raw points of a cached run&apos;s metrics.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only this metric (repeatable; default: every metric).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>csv (default) or json.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A run id, uid or name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RUN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name exactly one RUN (its id, uid or name).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown format “%1”: use csv or json.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” names %2 runs; name one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run “%1” has no metric “%2”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to show: table, or overlay (the charts below the table).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>overlay: a metric to chart (repeatable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>overlay: x axis: step, time or relative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>overlay: EMA smoothing weight (0–0.999).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>overlay: group runs by a field (params.lr; * for all params but seeds).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>overlay: logarithmic y axis.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>overlay: select the first N rows (charts just those).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown view “%1”: use table or overlay.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>runlens::analysis::RunGroups</name>
    <message>
        <source>all runs</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>runlens::app::ChartController</name>
    <message>
        <source>%1 M</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Charting the %n selected run(s).</source>
        <translation>
            <numerusform>Charting the %n selected run.</numerusform>
            <numerusform>Charting the %n selected runs.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Charting %n filtered run(s); select two or more rows to chart just those.</source>
        <translation>
            <numerusform>Charting %n filtered run; select two or more rows to chart just those.</numerusform>
            <numerusform>Charting %n filtered runs; select two or more rows to chart just those.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) · %1 points · %2 drawn</source>
        <translation>
            <numerusform>%n run · %1 points · %2 drawn</numerusform>
            <numerusform>%n runs · %1 points · %2 drawn</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose two different groups.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs at least two runs with a value in each group (have %1 and %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no significant difference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>B is better</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A is better</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>B − A = &lt;b&gt;%1&lt;/b&gt; (95 % CI %2 … %3), p = &lt;b&gt;%4&lt;/b&gt; · Welch t = %5, df = %6 · n = %7 vs %8 · &lt;i&gt;%9&lt;/i&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>runlens::app::MainWindow</name>
    <message numerus="yes">
        <source>Imported %n run(s), %1 unchanged</source>
        <translation>
            <numerusform>Imported %n run, %1 unchanged</numerusform>
            <numerusform>Imported %n runs, %1 unchanged</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Open Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a results folder (Ctrl+O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read changed files again (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;Deleted Runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Choose Columns…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Focus Filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About RunLens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import &amp;Problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the Import Problems panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RunLens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Results Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 runs · %2 shown · %3 selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a results folder (Ctrl+O) or drop it here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading runs…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No runs found in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No runs match the filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — RunLens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Auto-Refresh Live Runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>While runs are still being written, read their new data every few seconds (Shift+F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>· %n live</source>
        <translation>
            <numerusform>· %n live</numerusform>
            <numerusform>· %n live</numerusform>
        </translation>
    </message>
    <message>
        <source>Charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Charts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>runlens::app::RecentFolders</name>
    <message>
        <source>Clear Menu</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>runlens::core::RunFilter</name>
    <message>
        <source>Unterminated string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown operator &apos;!&apos;; use &apos;!=&apos; or &apos;not like&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unterminated quoted name</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>runlens::demo::DemoDatabases</name>
    <message>
        <source>%1 exists already; the demo never overwrites it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>runlens::demo::DemoFolder</name>
    <message>
        <source>MLflow file store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MLflow SQLite store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TensorBoard event files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PyTorch Lightning CSV logs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keras CSVLogger files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plain CSV and JSONL metric logs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ultralytics training folders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weights &amp; Biases offline runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sacred file-storage runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hydra multirun sweeps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guild AI runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DVCLive experiments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hugging Face Trainer output folders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AllenNLP serialization folders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optuna studies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kedro experiment tracking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown demo format “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>runlens::demo::DemoTensorboard</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 exists and is not empty; not writing demo runs into it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>runlens::items::RunTableModel</name>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Killed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experiment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last %1 at step %2 · min %3 · max %4 · %5 points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · %1 NaN</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>runlens::sources::CsvImporters</name>
    <message>
        <source>Cannot read the YAML file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected a YAML mapping of hyperparameters</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>runlens::sources::CsvParser</name>
    <message>
        <source>Expected %1 fields, found %2; row skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column &quot;%1&quot;: &quot;%2&quot; is not a number; such cells are skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not valid JSON (%1); line skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a JSON object; line skipped</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>runlens::sources::FileRunImporter</name>
    <message>
        <source>Cannot read the file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a regular file</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>runlens::sources::FrameworkLogs</name>
    <message>
        <source>Not valid JSON: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The header has no value column: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected %1 tab-separated columns, found %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The step is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not valid YAML: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>runlens::sources::GuildImporter</name>
    <message>
        <source>Cannot read the attr %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The attr %1 is not a whole number: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The attr flags is not a mapping</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>runlens::sources::HydraImporter</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>config.yaml does not hold a mapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hydra.yaml has no &apos;hydra&apos; section</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>overrides.yaml does not hold a list</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>runlens::sources::ImportJob</name>
    <message>
        <source>Cannot import %1: no such file or folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the cache %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot store the run: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>runlens::sources::KedroImporter</name>
    <message>
        <source>Cannot list the folder: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session store is not an SQLite database; runs are read without session details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the file: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>runlens::sources::MlflowDbImporter</name>
    <message>
        <source>The file is empty, not an MLflow database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is not an SQLite database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database has no MLflow tables (experiments, runs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the runs: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>runlens::sources::MlflowImporter</name>
    <message>
        <source>Cannot read meta.yaml: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the run folder: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run folder has no meta.yaml; skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>meta.yaml is not a regular file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read meta.yaml, run skipped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the metric file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>expected &quot;&lt;timestamp&gt; &lt;value&gt; &lt;step&gt;&quot;, found %n field(s)</source>
        <translation>
            <numerusform>expected &quot;&lt;timestamp&gt; &lt;value&gt; &lt;step&gt;&quot;, found %n field</numerusform>
            <numerusform>expected &quot;&lt;timestamp&gt; &lt;value&gt; &lt;step&gt;&quot;, found %n fields</numerusform>
        </translation>
    </message>
    <message>
        <source>the timestamp &quot;%1&quot; is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the value &quot;%1&quot; is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the step &quot;%1&quot; is not an integer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a YAML mapping of keys to values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is empty (MLflow may be rewriting it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run_id is empty</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>runlens::sources::OptunaImporter</name>
    <message>
        <source>Cannot read the journal: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is empty, not an Optuna database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is not an SQLite database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database has no Optuna tables (studies, trials)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the trials: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trial %1, parameter %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>categorical index %1 is outside the %2 choices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the distribution has no name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the distribution: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown trial_id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a JSON object: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no op_code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown op_code %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>runlens::sources::SacredImporter</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not hold a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metric &apos;%1&apos; is not an object with steps and values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metric &apos;%1&apos; has %2 values, %3 steps and %4 timestamps; reading the first %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metric &apos;%1&apos;: %2 values are not numbers and were left out</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>runlens::sources::Scanner</name>
    <message>
        <source>Cannot read the folder: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot list the folder: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>runlens::sources::SqliteSource</name>
    <message>
        <source>The database is locked by a writer; it will be read again on the next import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is empty, not an SQLite database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is not an SQLite database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the database: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>runlens::sources::TensorboardImporter</name>
    <message>
        <source>Cannot list the folder: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Damaged record: implausible length %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Damaged record: its length checksum does not match</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1; skipped %n byte(s) to the next intact record</source>
        <translation>
            <numerusform>%1; skipped %n byte to the next intact record</numerusform>
            <numerusform>%1; skipped %n bytes to the next intact record</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, and no intact record follows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; looking for the next intact record</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Damaged record: its data checksum does not match; skipped the record (%n byte(s))</source>
        <translation>
            <numerusform>Damaged record: its data checksum does not match; skipped the record (%n byte)</numerusform>
            <numerusform>Damaged record: its data checksum does not match; skipped the record (%n bytes)</numerusform>
        </translation>
    </message>
    <message>
        <source>Malformed event: the record is not a valid Event message; skipped it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>runlens::sources::WandbImporter</name>
    <message>
        <source>The record is not a valid W&amp;B record; skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The metadata is not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The config is not a YAML mapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The summary is not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The history row is not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weights &amp; Biases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a W&amp;B transaction log: the file does not start with the &quot;:W&amp;B&quot; header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zero bytes where a record should start; skipped to the next 32 KiB block</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A record chunk of %1 bytes does not fit its block; skipped to the next 32 KiB block</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown chunk type %1; skipped to the next 32 KiB block</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checksum mismatch; skipped to the next 32 KiB block</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A record is cut short: its last part is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A record continues without its start</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>runlens::sources::treeparse</name>
    <message>
        <source>the file is empty</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>runlens::store::Cache</name>
    <message>
        <source>The folder “%1” for the cache “%2” cannot be created: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cache “%1” cannot be opened: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file “%1” cannot be used as the RunLens cache: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cache “%1” has schema version %2, but this RunLens knows only up to version %3: it was written by a newer RunLens. Use that version, or delete the file (the cache is rebuilt from the sources).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file “%1” is an SQLite database of another program, not a RunLens cache.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cache “%1” cannot be set up: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cache “%1” cannot switch to write-ahead logging: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run “%1” could not be written to the cache “%2”: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The import of “%1” could not be recorded in the cache “%2”: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vanished runs of “%1” could not be removed from the cache “%2”: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The source “%1” could not be removed from the cache “%2”: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The runs could not be read from the cache “%1”: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The previous import of “%1” could not be read from the cache “%2”: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The points of “%1” (run %2) in the cache “%3” are damaged; re-import the run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The points of “%1” could not be read from the cache “%2”: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sources could not be read from the cache “%1”: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The import problems of “%1” could not be read from the cache “%2”: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cache “%1” could not be counted: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cache “%1” could not be upgraded to schema version %2: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no upgrade step starts at version %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>runlens::widgets::ChartPanel</name>
    <message>
        <source>Metrics…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the metrics to chart; several give a grid of charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>X:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the x axis shows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logarithmic y axis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ignore outliers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit the y axis to the 0.5–99.5 % quantiles of what is shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smoothing:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exponential (EMA)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running median</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw one mean curve with a band per group of runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>± std</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>95 % CI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>min–max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no band</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With no run selected, chart the first this many filtered runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy Chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save Chart As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a metric to chart (Metrics…), then select runs in the table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>final</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>best</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No grouping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All params but seeds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relative time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smoothing weight, as in TensorBoard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window of the running median, in points</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n pt</source>
        <translation>
            <numerusform>%n pt</numerusform>
            <numerusform>%n pts</numerusform>
        </translation>
    </message>
    <message>
        <source>Search metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no chart to save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chart could not be written to “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF document (*.pdf);;SVG drawing (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>runlens::widgets::ColumnChooser</name>
    <message>
        <source>Attributes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Params</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose Columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search columns…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show every column the search matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide every column the search matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>runlens::widgets::FilterBar</name>
    <message>
        <source>Filter: params.lr &lt; 0.01 and metrics.val_loss &lt; 0.3  — or plain words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter runs with comparisons (= != &lt; &lt;= &gt; &gt;= LIKE ILIKE) on params.*, metrics.*, tags.* and attributes.*, joined by AND / OR, or type plain words.
Ctrl+F focuses the filter, Escape clears it, Up/Down walk the history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ %1 (at character %2): &lt;tt&gt;%3&lt;u&gt;&lt;b&gt;▸&lt;/b&gt;&lt;/u&gt;%4&lt;/tt&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>runlens::widgets::ImportPanel</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the import; what was read so far stays in the cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanning for runs…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing %1 / %2 runs · %3 MB</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>runlens::widgets::ImportProblemsDock</name>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Containing Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import Problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import Problems (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>runlens::widgets::MetricOverlayPlot</name>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time since start (h:m:s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n run(s))</source>
        <translation>
            <numerusform>%1 (%n run)</numerusform>
            <numerusform>%1 (%n runs)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (mean of %n)</source>
        <translation>
            <numerusform>%1 (mean of %n)</numerusform>
            <numerusform>%1 (mean of %n)</numerusform>
        </translation>
    </message>
    <message>
        <source>step %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:%2:%3 since start</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>… %n more</source>
        <translation>
            <numerusform>… %n more</numerusform>
            <numerusform>… %n more</numerusform>
        </translation>
    </message>
    <message>
        <source>Chart made with RunLens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1”: unknown chart format “%2”; use .png, .pdf or .svg.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chart could not be written to “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>runlens::widgets::RunTableView</name>
    <message>
        <source>Copy Run ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Rows as TSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide Column “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sort Ascending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sort Descending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit Column Widths</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose Columns…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
