<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>About</name>
    <message>
        <source>&lt;h3&gt;RunLens %1&lt;/h3&gt;&lt;p&gt;Compare machine-learning experiment runs: every run of a results folder in one sortable, filterable table, read from a local cache that is refreshed in the background.&lt;/p&gt;&lt;p&gt;RunLens is free software: you can redistribute it and/or modify it under the terms of the GNU General Public License as published by the Free Software Foundation, either version 3 of the License, or (at your option) any later version.&lt;/p&gt;&lt;p&gt;It is distributed in the hope that it will be useful, but WITHOUT ANY WARRANTY; without even the implied warranty of MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE. See the &lt;a href=&quot;https://www.gnu.org/licenses/gpl-3.0.html&quot;&gt;GNU General Public License&lt;/a&gt; for more details.&lt;/p&gt;&lt;p&gt;SPDX-License-Identifier: GPL-3.0-or-later&lt;/p&gt;</source>
        <translation>&lt;h3&gt;RunLens %1&lt;/h3&gt;&lt;p&gt;Läufe von Machine-Learning-Experimenten vergleichen: alle Läufe eines Ergebnisordners in einer sortier- und filterbaren Tabelle, gelesen aus einem lokalen Cache, der im Hintergrund aktualisiert wird.&lt;/p&gt;&lt;p&gt;RunLens ist freie Software: Sie können es unter den Bedingungen der GNU General Public License, wie von der Free Software Foundation veröffentlicht, weitergeben und/oder verändern, entweder gemäß Version 3 der Lizenz oder (nach Ihrer Wahl) jeder späteren Version.&lt;/p&gt;&lt;p&gt;Die Veröffentlichung erfolgt in der Hoffnung, dass es Ihnen von Nutzen sein wird, aber OHNE JEDE GEWÄHRLEISTUNG – sogar ohne die implizite Gewährleistung der MARKTREIFE oder der VERWENDBARKEIT FÜR EINEN BESTIMMTEN ZWECK. Details finden Sie in der &lt;a href=&quot;https://www.gnu.org/licenses/gpl-3.0.html&quot;&gt;GNU General Public License&lt;/a&gt;.&lt;/p&gt;&lt;p&gt;SPDX-License-Identifier: GPL-3.0-or-later&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About RunLens</source>
        <translation>Über RunLens</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>The SQLite cache to use (default: $RUNLENS_CACHE, else %1).</source>
        <translation>Der zu verwendende SQLite-Cache (Standard: $RUNLENS_CACHE, sonst %1).</translation>
    </message>
    <message>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Try “runlens %1 --help”.</source>
        <translation>Siehe „runlens %1 --help“.</translation>
    </message>
    <message>
        <source>Show deleted runs too.</source>
        <translation>Auch gelöschte Läufe anzeigen.</translation>
    </message>
    <message>
        <source>Results folders to open (an MLflow mlruns folder, ...).</source>
        <translation>Zu öffnende Ergebnisordner (ein MLflow-mlruns-Ordner, …).</translation>
    </message>
    <message>
        <source>[source...]</source>
        <translation>[quelle...]</translation>
    </message>
    <message>
        <source>No such file or folder: %1</source>
        <translation>Datei oder Ordner nicht gefunden: %1</translation>
    </message>
    <message>
        <source>--%1 wants a whole number of at least %2, not “%3”</source>
        <translation>--%1 erwartet eine ganze Zahl von mindestens %2, nicht „%3“</translation>
    </message>
    <message>
        <source>Import runs from results folders into the cache and print what was read.</source>
        <translation>Läufe aus Ergebnisordnern in den Cache importieren und ausgeben, was gelesen wurde.</translation>
    </message>
    <message>
        <source>Print the summary as one JSON object.</source>
        <translation>Die Zusammenfassung als ein JSON-Objekt ausgeben.</translation>
    </message>
    <message>
        <source>Results folders to import.</source>
        <translation>Zu importierende Ergebnisordner.</translation>
    </message>
    <message>
        <source>source...</source>
        <translation>quelle...</translation>
    </message>
    <message>
        <source>Name at least one results folder to import.</source>
        <translation>Geben Sie mindestens einen Ergebnisordner zum Importieren an.</translation>
    </message>
    <message>
        <source>Imported %1 runs (%2 changed, %3 unchanged), %4 series, %5 points</source>
        <translation>%1 Läufe importiert (%2 geändert, %3 unverändert), %4 Reihen, %5 Punkte</translation>
    </message>
    <message>
        <source>, %1 removed</source>
        <translation>, %1 entfernt</translation>
    </message>
    <message>
        <source>; no problems.</source>
        <translation>; keine Probleme.</translation>
    </message>
    <message>
        <source>; %1 problems:</source>
        <translation>; %1 Probleme:</translation>
    </message>
    <message>
        <source>Number of runs (default %1).</source>
        <translation>Anzahl der Läufe (Standard %1).</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>Metric keys per run (default %1).</source>
        <translation>Metriken pro Lauf (Standard %1).</translation>
    </message>
    <message>
        <source>Points per metric (default %1).</source>
        <translation>Punkte pro Metrik (Standard %1).</translation>
    </message>
    <message>
        <source>Params per run (default %1).</source>
        <translation>Parameter pro Lauf (Standard %1).</translation>
    </message>
    <message>
        <source>Random seed (default %1).</source>
        <translation>Zufallsstartwert (Standard %1).</translation>
    </message>
    <message>
        <source>The folder to write into.</source>
        <translation>Der Ordner, in den geschrieben wird.</translation>
    </message>
    <message>
        <source>dir</source>
        <translation>ordner</translation>
    </message>
    <message>
        <source>Name exactly one folder to write the demo store into.</source>
        <translation>Geben Sie genau einen Ordner für den Demo-Speicher an.</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>EXPERIMENT</source>
        <translation>EXPERIMENT</translation>
    </message>
    <message>
        <source>STATUS</source>
        <translation>STATUS</translation>
    </message>
    <message>
        <source>START</source>
        <translation>START</translation>
    </message>
    <message>
        <source>DURATION</source>
        <translation>DAUER</translation>
    </message>
    <message>
        <source> (deleted)</source>
        <translation> (gelöscht)</translation>
    </message>
    <message>
        <source>List the runs in the cache.</source>
        <translation>Die Läufe im Cache auflisten.</translation>
    </message>
    <message>
        <source>Only runs matching the expression, e.g. &quot;params.lr &lt; 0.01 and metrics.val_loss &lt; 0.3&quot;.</source>
        <translation>Nur Läufe, die zum Ausdruck passen, z. B. &quot;params.lr &lt; 0.01 and metrics.val_loss &lt; 0.3&quot;.</translation>
    </message>
    <message>
        <source>expr</source>
        <translation>ausdruck</translation>
    </message>
    <message>
        <source>Sort by a field: params.KEY, metrics.KEY, tags.KEY or an attribute (name, start_time, ...). Default: newest first.</source>
        <translation>Nach einem Feld sortieren: params.SCHLÜSSEL, metrics.SCHLÜSSEL, tags.SCHLÜSSEL oder einem Attribut (name, start_time, …). Standard: neueste zuerst.</translation>
    </message>
    <message>
        <source>key</source>
        <translation>schlüssel</translation>
    </message>
    <message>
        <source>Sort in descending order.</source>
        <translation>Absteigend sortieren.</translation>
    </message>
    <message>
        <source>Include deleted runs.</source>
        <translation>Gelöschte Läufe einschließen.</translation>
    </message>
    <message>
        <source>Output format: table, csv or json.</source>
        <translation>Ausgabeformat: table, csv oder json.</translation>
    </message>
    <message>
        <source>format</source>
        <translation>format</translation>
    </message>
    <message>
        <source>Only runs imported from this folder.</source>
        <translation>Nur Läufe, die aus diesem Ordner importiert wurden.</translation>
    </message>
    <message>
        <source>path</source>
        <translation>pfad</translation>
    </message>
    <message>
        <source>Unexpected argument “%1”; run “runlens import” to read folders.</source>
        <translation>Unerwartetes Argument „%1“; Ordner liest „runlens import“ ein.</translation>
    </message>
    <message>
        <source>Unknown format “%1”: use table, csv or json.</source>
        <translation>Unbekanntes Format „%1“: table, csv oder json verwenden.</translation>
    </message>
    <message>
        <source>Invalid filter: %1 at character %2
  %3
  %4^</source>
        <translation>Ungültiger Filter: %1 bei Zeichen %2
  %3
  %4^</translation>
    </message>
    <message>
        <source>Unknown sort key “%1”: use params.KEY, metrics.KEY, tags.KEY or an attribute such as name or start_time.</source>
        <translation>Unbekannter Sortierschlüssel „%1“: params.SCHLÜSSEL, metrics.SCHLÜSSEL, tags.SCHLÜSSEL oder ein Attribut wie name oder start_time verwenden.</translation>
    </message>
    <message>
        <source>Import the sources, show them in the window offscreen and save it as a PNG.</source>
        <translation>Die Quellen importieren, im Fenster ohne Bildschirm anzeigen und als PNG speichern.</translation>
    </message>
    <message>
        <source>The PNG file to write.</source>
        <translation>Die zu schreibende PNG-Datei.</translation>
    </message>
    <message>
        <source>view</source>
        <translation>ansicht</translation>
    </message>
    <message>
        <source>Window size (default 1400x800).</source>
        <translation>Fenstergröße (Standard 1400x800).</translation>
    </message>
    <message>
        <source>WxH</source>
        <translation>BxH</translation>
    </message>
    <message>
        <source>A filter expression to apply.</source>
        <translation>Ein anzuwendender Filterausdruck.</translation>
    </message>
    <message>
        <source>Sort by this field.</source>
        <translation>Nach diesem Feld sortieren.</translation>
    </message>
    <message>
        <source>Results folders to show.</source>
        <translation>Anzuzeigende Ergebnisordner.</translation>
    </message>
    <message>
        <source>--out FILE.png is required.</source>
        <translation>--out DATEI.png ist erforderlich.</translation>
    </message>
    <message>
        <source>--size wants WIDTHxHEIGHT, e.g. 1400x800, not “%1”.</source>
        <translation>--size erwartet BREITExHÖHE, z. B. 1400x800, nicht „%1“.</translation>
    </message>
    <message>
        <source>Unknown sort key “%1”.</source>
        <translation>Unbekannter Sortierschlüssel „%1“.</translation>
    </message>
    <message>
        <source>The runs did not load within a minute.</source>
        <translation>Die Läufe wurden nicht innerhalb einer Minute geladen.</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>%1 kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Wrote %1 (%2×%3).</source>
        <translation>%1 geschrieben (%2×%3).</translation>
    </message>
    <message>
        <source>Write a synthetic results folder with realistic learning curves, mixing every format RunLens reads (an MLflow store in DIR/mlruns, TensorBoard event files, CSV logs, …).</source>
        <translation>Einen synthetischen Ergebnisordner mit realistischen Lernkurven schreiben, der alle von RunLens gelesenen Formate mischt (ein MLflow-Speicher in ORDNER/mlruns, TensorBoard-Ereignisdateien, CSV-Logs, …).</translation>
    </message>
    <message>
        <source>Comma-separated formats to write (default: all of %1). Other formats than mlflow get a sixth of --runs each, unless written alone.</source>
        <translation>Zu schreibende Formate, durch Kommas getrennt (Standard: alle von %1). Andere Formate als mlflow erhalten jeweils ein Sechstel von --runs, sofern sie nicht allein geschrieben werden.</translation>
    </message>
    <message>
        <source>list</source>
        <translation>liste</translation>
    </message>
    <message>
        <source>Wrote a demo results folder to %1 (%2): %3 runs, %4 metrics × %5 steps, %6 params (seed %7).</source>
        <translation>Demo-Ergebnisordner in %1 geschrieben (%2): %3 Läufe, %4 Metriken × %5 Schritte, %6 Parameter (Startwert %7).</translation>
    </message>
    <message>
        <source>Compare machine-learning experiment runs.

Subcommands (each with --help): import, runs, screenshot, demo, chart, metrics.</source>
        <translation>Läufe von Machine-Learning-Experimenten vergleichen.

Unterbefehle (jeweils mit --help): import, runs, screenshot, demo, chart, metrics.</translation>
    </message>
    <message>
        <source>Invalid filter “%1”: %2 at character %3.</source>
        <translation>Ungültiger Filter „%1“: %2 bei Zeichen %3.</translation>
    </message>
    <message>
        <source>No cached run has the id, uid or name “%1”.</source>
        <translation>Kein Lauf im Cache hat die ID, UID oder den Namen „%1“.</translation>
    </message>
    <message>
        <source>Write charts of cached runs&apos; metrics to a PNG, PDF or SVG file.</source>
        <translation>Diagramme der Metriken von Läufen im Cache in eine PNG-, PDF- oder SVG-Datei schreiben.</translation>
    </message>
    <message>
        <source>Which runs: all, filter:EXPR, or a comma-separated list of run ids, uids or names.</source>
        <translation>Welche Läufe: all, filter:AUSDRUCK oder eine durch Kommas getrennte Liste von Lauf-IDs, -UIDs oder -Namen.</translation>
    </message>
    <message>
        <source>selector</source>
        <translation>auswahl</translation>
    </message>
    <message>
        <source>A metric to chart (repeat for a grid).</source>
        <translation>Eine darzustellende Metrik (für ein Raster mehrfach angeben).</translation>
    </message>
    <message>
        <source>The x axis: step, time, relative, or metric:KEY (default step).</source>
        <translation>Die x-Achse: step, time, relative oder metric:SCHLÜSSEL (Standard step).</translation>
    </message>
    <message>
        <source>axis</source>
        <translation>achse</translation>
    </message>
    <message>
        <source>Exponential smoothing weight, 0 to 0.999 (as in TensorBoard).</source>
        <translation>Gewicht der exponentiellen Glättung, 0 bis 0.999 (wie in TensorBoard).</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>gewicht</translation>
    </message>
    <message>
        <source>Group runs by a field (params.lr, tags.model; * for all params but seeds) and draw group means with ±std bands.</source>
        <translation>Läufe nach einem Feld gruppieren (params.lr, tags.model; * für alle Parameter außer Startwerten) und Gruppenmittelwerte mit ±Std.-Abw.-Bändern zeichnen.</translation>
    </message>
    <message>
        <source>field</source>
        <translation>feld</translation>
    </message>
    <message>
        <source>The group band: std, ci95, minmax or none.</source>
        <translation>Das Band der Gruppen: std, ci95, minmax oder none.</translation>
    </message>
    <message>
        <source>band</source>
        <translation>band</translation>
    </message>
    <message>
        <source>Logarithmic y axis.</source>
        <translation>Logarithmische y-Achse.</translation>
    </message>
    <message>
        <source>Size of one chart (default 1000x600).</source>
        <translation>Größe eines Diagramms (Standard 1000x600).</translation>
    </message>
    <message>
        <source>Resolution of a PNG (default 96).</source>
        <translation>Auflösung einer PNG-Datei (Standard 96).</translation>
    </message>
    <message>
        <source>The chart title (default: the metric).</source>
        <translation>Der Diagrammtitel (Standard: die Metrik).</translation>
    </message>
    <message>
        <source>text</source>
        <translation>text</translation>
    </message>
    <message>
        <source>The file to write: .png, .pdf or .svg.</source>
        <translation>Die zu schreibende Datei: .png, .pdf oder .svg.</translation>
    </message>
    <message>
        <source>--out FILE.png|.pdf|.svg is required.</source>
        <translation>--out DATEI.png|.pdf|.svg ist erforderlich.</translation>
    </message>
    <message>
        <source>“%1”: the output must end in .png, .pdf or .svg.</source>
        <translation>„%1“: Die Ausgabedatei muss auf .png, .pdf oder .svg enden.</translation>
    </message>
    <message>
        <source>Name at least one --metric KEY.</source>
        <translation>Geben Sie mindestens ein --metric SCHLÜSSEL an.</translation>
    </message>
    <message>
        <source>--size wants WIDTHxHEIGHT, e.g. 1000x600, not “%1”.</source>
        <translation>--size erwartet BREITExHÖHE, z. B. 1000x600, nicht „%1“.</translation>
    </message>
    <message>
        <source>--dpi wants a number from 24 to 1200.</source>
        <translation>--dpi erwartet eine Zahl von 24 bis 1200.</translation>
    </message>
    <message>
        <source>--x wants step, time, relative or metric:KEY, not “%1”.</source>
        <translation>--x erwartet step, time, relative oder metric:SCHLÜSSEL, nicht „%1“.</translation>
    </message>
    <message>
        <source>--smooth wants a weight from 0 to 0.999.</source>
        <translation>--smooth erwartet ein Gewicht von 0 bis 0.999.</translation>
    </message>
    <message>
        <source>--band wants std, ci95, minmax or none.</source>
        <translation>--band erwartet std, ci95, minmax oder none.</translation>
    </message>
    <message>
        <source>No run matches “%1”.</source>
        <translation>Kein Lauf passt zu „%1“.</translation>
    </message>
    <message numerus="yes">
        <source>None of the %n chosen run(s) has the metric “%1”.</source>
        <translation>
            <numerusform>Kein Lauf (%n gewählt) hat die Metrik „%1“.</numerusform>
            <numerusform>Keiner der %n gewählten Läufe hat die Metrik „%1“.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s)</source>
        <translation>
            <numerusform>%n Lauf</numerusform>
            <numerusform>%n Läufe</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %1: %n chart(s) of %2 run(s).</source>
        <translation>
            <numerusform>%1 geschrieben: %n Diagramm (Läufe: %2).</numerusform>
            <numerusform>%1 geschrieben: %n Diagramme (Läufe: %2).</numerusform>
        </translation>
    </message>
    <message>
        <source>Print the raw points of a cached run&apos;s metrics.</source>
        <translation>Die Rohdatenpunkte der Metriken eines Laufs im Cache ausgeben.</translation>
    </message>
    <message>
        <source>Only this metric (repeatable; default: every metric).</source>
        <translation>Nur diese Metrik (mehrfach angebbar; Standard: alle Metriken).</translation>
    </message>
    <message>
        <source>csv (default) or json.</source>
        <translation>csv (Standard) oder json.</translation>
    </message>
    <message>
        <source>A run id, uid or name.</source>
        <translation>Eine Lauf-ID, -UID oder ein Laufname.</translation>
    </message>
    <message>
        <source>RUN</source>
        <translation>LAUF</translation>
    </message>
    <message>
        <source>Name exactly one RUN (its id, uid or name).</source>
        <translation>Geben Sie genau einen LAUF an (seine ID, UID oder seinen Namen).</translation>
    </message>
    <message>
        <source>Unknown format “%1”: use csv or json.</source>
        <translation>Unbekanntes Format „%1“: csv oder json verwenden.</translation>
    </message>
    <message>
        <source>“%1” names %2 runs; name one.</source>
        <translation>„%1“ bezeichnet %2 Läufe; geben Sie einen an.</translation>
    </message>
    <message>
        <source>Run “%1” has no metric “%2”.</source>
        <translation>Lauf „%1“ hat keine Metrik „%2“.</translation>
    </message>
    <message>
        <source>What to show: table, or overlay (the charts below the table).</source>
        <translation>Was angezeigt wird: table oder overlay (die Diagramme unter der Tabelle).</translation>
    </message>
    <message>
        <source>overlay: a metric to chart (repeatable).</source>
        <translation>overlay: eine darzustellende Metrik (mehrfach angebbar).</translation>
    </message>
    <message>
        <source>overlay: x axis: step, time or relative.</source>
        <translation>overlay: x-Achse: step, time oder relative.</translation>
    </message>
    <message>
        <source>overlay: EMA smoothing weight (0–0.999).</source>
        <translation>overlay: Gewicht der EMA-Glättung (0–0.999).</translation>
    </message>
    <message>
        <source>overlay: group runs by a field (params.lr; * for all params but seeds).</source>
        <translation>overlay: Läufe nach einem Feld gruppieren (params.lr; * für alle Parameter außer Startwerten).</translation>
    </message>
    <message>
        <source>overlay: logarithmic y axis.</source>
        <translation>overlay: logarithmische y-Achse.</translation>
    </message>
    <message>
        <source>overlay: select the first N rows (charts just those).</source>
        <translation>overlay: die ersten N Zeilen auswählen (nur diese werden dargestellt).</translation>
    </message>
    <message>
        <source>Unknown view “%1”: use table or overlay.</source>
        <translation>Unbekannte Ansicht „%1“: table oder overlay verwenden.</translation>
    </message>
</context>
<context>
    <name>runlens::analysis::RunGroups</name>
    <message>
        <source>all runs</source>
        <translation>alle Läufe</translation>
    </message>
</context>
<context>
    <name>runlens::app::ChartController</name>
    <message>
        <source>%1 M</source>
        <translation>%1 Mio.</translation>
    </message>
    <message numerus="yes">
        <source>Charting the %n selected run(s).</source>
        <translation>
            <numerusform>%n ausgewählter Lauf wird dargestellt.</numerusform>
            <numerusform>Die %n ausgewählten Läufe werden dargestellt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Charting %n filtered run(s); select two or more rows to chart just those.</source>
        <translation>
            <numerusform>%n gefilterter Lauf wird dargestellt; wählen Sie zwei oder mehr Zeilen aus, um nur diese darzustellen.</numerusform>
            <numerusform>%n gefilterte Läufe werden dargestellt; wählen Sie zwei oder mehr Zeilen aus, um nur diese darzustellen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) · %1 points · %2 drawn</source>
        <translation>
            <numerusform>%n Lauf · %1 Punkte · %2 gezeichnet</numerusform>
            <numerusform>%n Läufe · %1 Punkte · %2 gezeichnet</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose two different groups.</source>
        <translation>Wählen Sie zwei verschiedene Gruppen.</translation>
    </message>
    <message>
        <source>Needs at least two runs with a value in each group (have %1 and %2).</source>
        <translation>Erfordert mindestens zwei Läufe mit einem Wert in jeder Gruppe (vorhanden: %1 und %2).</translation>
    </message>
    <message>
        <source>no significant difference</source>
        <translation>kein signifikanter Unterschied</translation>
    </message>
    <message>
        <source>B is better</source>
        <translation>B ist besser</translation>
    </message>
    <message>
        <source>A is better</source>
        <translation>A ist besser</translation>
    </message>
    <message>
        <source>B − A = &lt;b&gt;%1&lt;/b&gt; (95 % CI %2 … %3), p = &lt;b&gt;%4&lt;/b&gt; · Welch t = %5, df = %6 · n = %7 vs %8 · &lt;i&gt;%9&lt;/i&gt;</source>
        <translation>B − A = &lt;b&gt;%1&lt;/b&gt; (95-%-KI %2 … %3), p = &lt;b&gt;%4&lt;/b&gt; · Welch-t = %5, FG = %6 · n = %7 vs. %8 · &lt;i&gt;%9&lt;/i&gt;</translation>
    </message>
</context>
<context>
    <name>runlens::app::MainWindow</name>
    <message>
        <source>&amp;Open Folder…</source>
        <translation>Ordner ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open a results folder (Ctrl+O)</source>
        <translation>Einen Ergebnisordner öffnen (Strg+O)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Read changed files again (F5)</source>
        <translation>Geänderte Dateien neu einlesen (F5)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Show &amp;Deleted Runs</source>
        <translation>&amp;Gelöschte Läufe anzeigen</translation>
    </message>
    <message>
        <source>&amp;Choose Columns…</source>
        <translation>Spalten &amp;wählen…</translation>
    </message>
    <message>
        <source>&amp;Focus Filter</source>
        <translation>&amp;Filter fokussieren</translation>
    </message>
    <message>
        <source>&amp;About RunLens</source>
        <translation>Ü&amp;ber RunLens</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Import &amp;Problems</source>
        <translation>Import-&amp;Probleme</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>Import cancelled</source>
        <translation>Import abgebrochen</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n run(s), %1 unchanged</source>
        <translation>
            <numerusform>%n Lauf importiert, %1 unverändert</numerusform>
            <numerusform>%n Läufe importiert, %1 unverändert</numerusform>
        </translation>
    </message>
    <message>
        <source>1 problem</source>
        <translation>1 Problem</translation>
    </message>
    <message>
        <source>%1 problems</source>
        <translation>%1 Probleme</translation>
    </message>
    <message>
        <source>Show the Import Problems panel</source>
        <translation>Die Liste der Import-Probleme anzeigen</translation>
    </message>
    <message>
        <source>RunLens</source>
        <translation>RunLens</translation>
    </message>
    <message>
        <source>Open Results Folder</source>
        <translation>Ergebnisordner öffnen</translation>
    </message>
    <message>
        <source>%1 runs · %2 shown · %3 selected</source>
        <translation>%1 Läufe · %2 angezeigt · %3 ausgewählt</translation>
    </message>
    <message>
        <source>Open a results folder (Ctrl+O) or drop it here</source>
        <translation>Ergebnisordner öffnen (Strg+O) oder hierher ziehen</translation>
    </message>
    <message>
        <source>Reading runs…</source>
        <translation>Läufe werden gelesen…</translation>
    </message>
    <message>
        <source>No runs found in %1</source>
        <translation>Keine Läufe in %1 gefunden</translation>
    </message>
    <message>
        <source>No runs match the filter</source>
        <translation>Kein Lauf passt zum Filter</translation>
    </message>
    <message>
        <source>%1 — RunLens</source>
        <translation>%1 — RunLens</translation>
    </message>
    <message>
        <source>&amp;Auto-Refresh Live Runs</source>
        <translation>Aktive Läufe a&amp;utomatisch aktualisieren</translation>
    </message>
    <message>
        <source>While runs are still being written, read their new data every few seconds (Shift+F5)</source>
        <translation>Solange Läufe noch geschrieben werden, ihre neuen Daten alle paar Sekunden einlesen (Umschalt+F5)</translation>
    </message>
    <message numerus="yes">
        <source>· %n live</source>
        <translation>
            <numerusform>· %n aktiv</numerusform>
            <numerusform>· %n aktiv</numerusform>
        </translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Diagramme</translation>
    </message>
    <message>
        <source>&amp;Charts</source>
        <translation>&amp;Diagramme</translation>
    </message>
</context>
<context>
    <name>runlens::app::RecentFolders</name>
    <message>
        <source>Clear Menu</source>
        <translation>Liste leeren</translation>
    </message>
</context>
<context>
    <name>runlens::core::RunFilter</name>
    <message>
        <source>Unterminated string</source>
        <translation>Nicht abgeschlossene Zeichenkette</translation>
    </message>
    <message>
        <source>Unknown operator &apos;!&apos;; use &apos;!=&apos; or &apos;not like&apos;</source>
        <translation>Unbekannter Operator &apos;!&apos;; &apos;!=&apos; oder &apos;not like&apos; verwenden</translation>
    </message>
    <message>
        <source>Unterminated quoted name</source>
        <translation>Nicht abgeschlossener Name in Backticks</translation>
    </message>
</context>
<context>
    <name>runlens::demo::DemoDatabases</name>
    <message>
        <source>%1 exists already; the demo never overwrites it</source>
        <translation>%1 existiert bereits und wird von der Demo nie überschrieben</translation>
    </message>
    <message>
        <source>Cannot create %1</source>
        <translation>%1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
</context>
<context>
    <name>runlens::demo::DemoFolder</name>
    <message>
        <source>MLflow file store</source>
        <translation>MLflow-Dateispeicher</translation>
    </message>
    <message>
        <source>MLflow SQLite store</source>
        <translation>MLflow-SQLite-Speicher</translation>
    </message>
    <message>
        <source>TensorBoard event files</source>
        <translation>TensorBoard-Ereignisdateien</translation>
    </message>
    <message>
        <source>PyTorch Lightning CSV logs</source>
        <translation>PyTorch-Lightning-CSV-Logs</translation>
    </message>
    <message>
        <source>Keras CSVLogger files</source>
        <translation>Keras-CSVLogger-Dateien</translation>
    </message>
    <message>
        <source>Plain CSV and JSONL metric logs</source>
        <translation>Einfache CSV- und JSONL-Metrik-Logs</translation>
    </message>
    <message>
        <source>Ultralytics training folders</source>
        <translation>Ultralytics-Trainingsordner</translation>
    </message>
    <message>
        <source>Weights &amp; Biases offline runs</source>
        <translation>Offline-Läufe von Weights &amp; Biases</translation>
    </message>
    <message>
        <source>Sacred file-storage runs</source>
        <translation>Sacred-Läufe im Dateispeicher</translation>
    </message>
    <message>
        <source>Hydra multirun sweeps</source>
        <translation>Hydra-Multirun-Sweeps</translation>
    </message>
    <message>
        <source>Guild AI runs</source>
        <translation>Guild-AI-Läufe</translation>
    </message>
    <message>
        <source>DVCLive experiments</source>
        <translation>DVCLive-Experimente</translation>
    </message>
    <message>
        <source>Hugging Face Trainer output folders</source>
        <translation>Ausgabeordner von Hugging Face Trainer</translation>
    </message>
    <message>
        <source>AllenNLP serialization folders</source>
        <translation>AllenNLP-Serialisierungsordner</translation>
    </message>
    <message>
        <source>Optuna studies</source>
        <translation>Optuna-Studien</translation>
    </message>
    <message>
        <source>Kedro experiment tracking</source>
        <translation>Kedro-Experiment-Tracking</translation>
    </message>
    <message>
        <source>Unknown demo format “%1”.</source>
        <translation>Unbekanntes Demo-Format „%1“.</translation>
    </message>
</context>
<context>
    <name>runlens::demo::DemoTensorboard</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>Der Ordner %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>%1 exists and is not empty; not writing demo runs into it</source>
        <translation>%1 existiert und ist nicht leer; es werden keine Demo-Läufe hineingeschrieben</translation>
    </message>
</context>
<context>
    <name>runlens::items::RunTableModel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Killed</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Experiment</source>
        <translation>Experiment</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Ende</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Run ID</source>
        <translation>Lauf-ID</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Gelöscht</translation>
    </message>
    <message>
        <source>last %1 at step %2 · min %3 · max %4 · %5 points</source>
        <translation>zuletzt %1 bei Schritt %2 · Min. %3 · Max. %4 · %5 Punkte</translation>
    </message>
    <message>
        <source> · %1 NaN</source>
        <translation> · %1 NaN</translation>
    </message>
</context>
<context>
    <name>runlens::sources::CsvImporters</name>
    <message>
        <source>Cannot read the YAML file: %1</source>
        <translation>Die YAML-Datei kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Expected a YAML mapping of hyperparameters</source>
        <translation>Eine YAML-Zuordnung von Hyperparametern erwartet</translation>
    </message>
</context>
<context>
    <name>runlens::sources::CsvParser</name>
    <message>
        <source>Expected %1 fields, found %2; row skipped</source>
        <translation>%1 Felder erwartet, %2 gefunden; Zeile übersprungen</translation>
    </message>
    <message>
        <source>Column &quot;%1&quot;: &quot;%2&quot; is not a number; such cells are skipped</source>
        <translation>Spalte &quot;%1&quot;: &quot;%2&quot; ist keine Zahl; solche Zellen werden übersprungen</translation>
    </message>
    <message>
        <source>Not valid JSON (%1); line skipped</source>
        <translation>Kein gültiges JSON (%1); Zeile übersprungen</translation>
    </message>
    <message>
        <source>Not a JSON object; line skipped</source>
        <translation>Kein JSON-Objekt; Zeile übersprungen</translation>
    </message>
</context>
<context>
    <name>runlens::sources::FileRunImporter</name>
    <message>
        <source>Cannot read the file: %1</source>
        <translation>Die Datei kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Not a regular file</source>
        <translation>Keine reguläre Datei</translation>
    </message>
</context>
<context>
    <name>runlens::sources::FrameworkLogs</name>
    <message>
        <source>Not valid JSON: %1</source>
        <translation>Kein gültiges JSON: %1</translation>
    </message>
    <message>
        <source>Expected a JSON object</source>
        <translation>Ein JSON-Objekt erwartet</translation>
    </message>
    <message>
        <source>The header has no value column: %1</source>
        <translation>Die Kopfzeile hat keine Wertespalte: %1</translation>
    </message>
    <message>
        <source>Expected %1 tab-separated columns, found %2</source>
        <translation>%1 durch Tabulatoren getrennte Spalten erwartet, %2 gefunden</translation>
    </message>
    <message>
        <source>The step is not a number</source>
        <translation>Der Schritt ist keine Zahl</translation>
    </message>
    <message>
        <source>Not valid YAML: %1</source>
        <translation>Kein gültiges YAML: %1</translation>
    </message>
</context>
<context>
    <name>runlens::sources::GuildImporter</name>
    <message>
        <source>Cannot read the attr %1: %2</source>
        <translation>Das Attribut %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The attr %1 is not a whole number: %2</source>
        <translation>Das Attribut %1 ist keine ganze Zahl: %2</translation>
    </message>
    <message>
        <source>The attr flags is not a mapping</source>
        <translation>Das Attribut flags ist keine Zuordnung</translation>
    </message>
</context>
<context>
    <name>runlens::sources::HydraImporter</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>config.yaml does not hold a mapping</source>
        <translation>config.yaml enthält keine Zuordnung</translation>
    </message>
    <message>
        <source>hydra.yaml has no &apos;hydra&apos; section</source>
        <translation>hydra.yaml hat keinen Abschnitt &apos;hydra&apos;</translation>
    </message>
    <message>
        <source>overrides.yaml does not hold a list</source>
        <translation>overrides.yaml enthält keine Liste</translation>
    </message>
</context>
<context>
    <name>runlens::sources::ImportJob</name>
    <message>
        <source>Cannot import %1: no such file or folder</source>
        <translation>%1 kann nicht importiert werden: Datei oder Ordner nicht gefunden</translation>
    </message>
    <message>
        <source>Cannot open the cache %1</source>
        <translation>Der Cache %1 kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Cannot store the run: %1</source>
        <translation>Der Lauf kann nicht gespeichert werden: %1</translation>
    </message>
</context>
<context>
    <name>runlens::sources::KedroImporter</name>
    <message>
        <source>Cannot list the folder: %1</source>
        <translation>Der Ordnerinhalt kann nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>The session store is not an SQLite database; runs are read without session details</source>
        <translation>Der Sitzungsspeicher ist keine SQLite-Datenbank; Läufe werden ohne Sitzungsdetails gelesen</translation>
    </message>
    <message>
        <source>Cannot read the file: %1</source>
        <translation>Die Datei kann nicht gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>runlens::sources::MlflowDbImporter</name>
    <message>
        <source>The file is empty, not an MLflow database</source>
        <translation>Die Datei ist leer, keine MLflow-Datenbank</translation>
    </message>
    <message>
        <source>The file is not an SQLite database</source>
        <translation>Die Datei ist keine SQLite-Datenbank</translation>
    </message>
    <message>
        <source>The database has no MLflow tables (experiments, runs)</source>
        <translation>Die Datenbank hat keine MLflow-Tabellen (experiments, runs)</translation>
    </message>
    <message>
        <source>Cannot read the runs: %1</source>
        <translation>Die Läufe können nicht gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>runlens::sources::MlflowImporter</name>
    <message>
        <source>Cannot read meta.yaml: %1</source>
        <translation>meta.yaml kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Cannot open the run folder: %1</source>
        <translation>Der Laufordner kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>The run folder has no meta.yaml; skipped</source>
        <translation>Der Laufordner hat keine meta.yaml; übersprungen</translation>
    </message>
    <message>
        <source>meta.yaml is not a regular file</source>
        <translation>meta.yaml ist keine reguläre Datei</translation>
    </message>
    <message>
        <source>Cannot read meta.yaml, run skipped: %1</source>
        <translation>meta.yaml kann nicht gelesen werden, Lauf übersprungen: %1</translation>
    </message>
    <message>
        <source>Cannot read the file: %1</source>
        <translation>Die Datei kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Cannot read the metric file: %1</source>
        <translation>Die Metrikdatei kann nicht gelesen werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>expected &quot;&lt;timestamp&gt; &lt;value&gt; &lt;step&gt;&quot;, found %n field(s)</source>
        <translation>
            <numerusform>erwartet &quot;&lt;Zeitstempel&gt; &lt;Wert&gt; &lt;Schritt&gt;&quot;, gefunden %n Feld</numerusform>
            <numerusform>erwartet &quot;&lt;Zeitstempel&gt; &lt;Wert&gt; &lt;Schritt&gt;&quot;, gefunden %n Felder</numerusform>
        </translation>
    </message>
    <message>
        <source>the timestamp &quot;%1&quot; is not a number</source>
        <translation>der Zeitstempel &quot;%1&quot; ist keine Zahl</translation>
    </message>
    <message>
        <source>the value &quot;%1&quot; is not a number</source>
        <translation>der Wert &quot;%1&quot; ist keine Zahl</translation>
    </message>
    <message>
        <source>the step &quot;%1&quot; is not an integer</source>
        <translation>der Schritt &quot;%1&quot; ist keine ganze Zahl</translation>
    </message>
    <message>
        <source>expected a YAML mapping of keys to values</source>
        <translation>eine YAML-Zuordnung von Schlüsseln zu Werten erwartet</translation>
    </message>
    <message>
        <source>the file is empty (MLflow may be rewriting it)</source>
        <translation>die Datei ist leer (MLflow schreibt sie vielleicht gerade neu)</translation>
    </message>
    <message>
        <source>run_id is empty</source>
        <translation>run_id ist leer</translation>
    </message>
</context>
<context>
    <name>runlens::sources::OptunaImporter</name>
    <message>
        <source>Cannot read the journal: %1</source>
        <translation>Das Journal kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The file is empty, not an Optuna database</source>
        <translation>Die Datei ist leer, keine Optuna-Datenbank</translation>
    </message>
    <message>
        <source>The file is not an SQLite database</source>
        <translation>Die Datei ist keine SQLite-Datenbank</translation>
    </message>
    <message>
        <source>The database has no Optuna tables (studies, trials)</source>
        <translation>Die Datenbank hat keine Optuna-Tabellen (studies, trials)</translation>
    </message>
    <message>
        <source>Cannot read the trials: %1</source>
        <translation>Die Trials können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Trial %1, parameter %2: %3</source>
        <translation>Trial %1, Parameter %2: %3</translation>
    </message>
    <message>
        <source>categorical index %1 is outside the %2 choices</source>
        <translation>der kategoriale Index %1 liegt außerhalb der %2 Auswahlmöglichkeiten</translation>
    </message>
    <message>
        <source>the distribution has no name</source>
        <translation>die Verteilung hat keinen Namen</translation>
    </message>
    <message>
        <source>cannot read the distribution: %1</source>
        <translation>die Verteilung kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>unknown trial_id</source>
        <translation>unbekannte trial_id</translation>
    </message>
    <message>
        <source>not a JSON object: %1</source>
        <translation>kein JSON-Objekt: %1</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>kein JSON-Objekt</translation>
    </message>
    <message>
        <source>no op_code</source>
        <translation>kein op_code</translation>
    </message>
    <message>
        <source>unknown op_code %1</source>
        <translation>unbekannter op_code %1</translation>
    </message>
</context>
<context>
    <name>runlens::sources::SacredImporter</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 does not hold a JSON object</source>
        <translation>%1 enthält kein JSON-Objekt</translation>
    </message>
    <message>
        <source>Metric &apos;%1&apos; is not an object with steps and values</source>
        <translation>Die Metrik &apos;%1&apos; ist kein Objekt mit Schritten und Werten</translation>
    </message>
    <message>
        <source>Metric &apos;%1&apos; has %2 values, %3 steps and %4 timestamps; reading the first %5</source>
        <translation>Die Metrik &apos;%1&apos; hat %2 Werte, %3 Schritte und %4 Zeitstempel; die ersten %5 werden gelesen</translation>
    </message>
    <message>
        <source>Metric &apos;%1&apos;: %2 values are not numbers and were left out</source>
        <translation>Metrik &apos;%1&apos;: %2 Werte sind keine Zahlen und wurden ausgelassen</translation>
    </message>
</context>
<context>
    <name>runlens::sources::Scanner</name>
    <message>
        <source>Cannot read the folder: %1</source>
        <translation>Der Ordner kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Cannot list the folder: %1</source>
        <translation>Der Ordnerinhalt kann nicht aufgelistet werden: %1</translation>
    </message>
</context>
<context>
    <name>runlens::sources::SqliteSource</name>
    <message>
        <source>The database is locked by a writer; it will be read again on the next import</source>
        <translation>Die Datenbank ist durch einen Schreibvorgang gesperrt; sie wird beim nächsten Import erneut gelesen</translation>
    </message>
    <message>
        <source>Cannot read the file: %1</source>
        <translation>Die Datei kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The file is empty, not an SQLite database</source>
        <translation>Die Datei ist leer, keine SQLite-Datenbank</translation>
    </message>
    <message>
        <source>The file is not an SQLite database</source>
        <translation>Die Datei ist keine SQLite-Datenbank</translation>
    </message>
    <message>
        <source>Cannot open the database: %1</source>
        <translation>Die Datenbank kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>Cannot read the database: %1</source>
        <translation>Die Datenbank kann nicht gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>runlens::sources::TensorboardImporter</name>
    <message>
        <source>Cannot list the folder: %1</source>
        <translation>Der Ordnerinhalt kann nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>Damaged record: implausible length %1</source>
        <translation>Beschädigter Datensatz: unplausible Länge %1</translation>
    </message>
    <message>
        <source>Damaged record: its length checksum does not match</source>
        <translation>Beschädigter Datensatz: die Prüfsumme der Länge stimmt nicht</translation>
    </message>
    <message numerus="yes">
        <source>%1; skipped %n byte(s) to the next intact record</source>
        <translation>
            <numerusform>%1; %n Byte bis zum nächsten intakten Datensatz übersprungen</numerusform>
            <numerusform>%1; %n Bytes bis zum nächsten intakten Datensatz übersprungen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, and no intact record follows</source>
        <translation>%1, und es folgt kein intakter Datensatz</translation>
    </message>
    <message>
        <source>%1; looking for the next intact record</source>
        <translation>%1; der nächste intakte Datensatz wird gesucht</translation>
    </message>
    <message numerus="yes">
        <source>Damaged record: its data checksum does not match; skipped the record (%n byte(s))</source>
        <translation>
            <numerusform>Beschädigter Datensatz: die Prüfsumme der Daten stimmt nicht; Datensatz übersprungen (%n Byte)</numerusform>
            <numerusform>Beschädigter Datensatz: die Prüfsumme der Daten stimmt nicht; Datensatz übersprungen (%n Bytes)</numerusform>
        </translation>
    </message>
    <message>
        <source>Malformed event: the record is not a valid Event message; skipped it</source>
        <translation>Fehlerhaftes Ereignis: der Datensatz ist keine gültige Event-Nachricht; übersprungen</translation>
    </message>
</context>
<context>
    <name>runlens::sources::WandbImporter</name>
    <message>
        <source>The record is not a valid W&amp;B record; skipped</source>
        <translation>Der Datensatz ist kein gültiger W&amp;B-Datensatz; übersprungen</translation>
    </message>
    <message>
        <source>The metadata is not a JSON object</source>
        <translation>Die Metadaten sind kein JSON-Objekt</translation>
    </message>
    <message>
        <source>The config is not a YAML mapping</source>
        <translation>Die Konfiguration ist keine YAML-Zuordnung</translation>
    </message>
    <message>
        <source>The summary is not a JSON object</source>
        <translation>Die Zusammenfassung ist kein JSON-Objekt</translation>
    </message>
    <message>
        <source>The history row is not a JSON object</source>
        <translation>Die Verlaufszeile ist kein JSON-Objekt</translation>
    </message>
    <message>
        <source>Weights &amp; Biases</source>
        <translation>Weights &amp; Biases</translation>
    </message>
    <message>
        <source>Not a W&amp;B transaction log: the file does not start with the &quot;:W&amp;B&quot; header</source>
        <translation>Kein W&amp;B-Transaktionsprotokoll: die Datei beginnt nicht mit der Kennung &quot;:W&amp;B&quot;</translation>
    </message>
    <message>
        <source>Zero bytes where a record should start; skipped to the next 32 KiB block</source>
        <translation>Null-Bytes, wo ein Datensatz beginnen sollte; bis zum nächsten 32-KiB-Block übersprungen</translation>
    </message>
    <message>
        <source>A record chunk of %1 bytes does not fit its block; skipped to the next 32 KiB block</source>
        <translation>Ein Datensatzteil von %1 Bytes passt nicht in seinen Block; bis zum nächsten 32-KiB-Block übersprungen</translation>
    </message>
    <message>
        <source>Unknown chunk type %1; skipped to the next 32 KiB block</source>
        <translation>Unbekannter Typ %1 eines Datensatzteils; bis zum nächsten 32-KiB-Block übersprungen</translation>
    </message>
    <message>
        <source>Checksum mismatch; skipped to the next 32 KiB block</source>
        <translation>Prüfsumme stimmt nicht; bis zum nächsten 32-KiB-Block übersprungen</translation>
    </message>
    <message>
        <source>A record is cut short: its last part is missing</source>
        <translation>Ein Datensatz ist abgeschnitten: sein letzter Teil fehlt</translation>
    </message>
    <message>
        <source>A record continues without its start</source>
        <translation>Ein Datensatz wird ohne seinen Anfang fortgesetzt</translation>
    </message>
</context>
<context>
    <name>runlens::sources::treeparse</name>
    <message>
        <source>the file is empty</source>
        <translation>die Datei ist leer</translation>
    </message>
</context>
<context>
    <name>runlens::store::Cache</name>
    <message>
        <source>The cache “%1” could not be upgraded to schema version %2: %3.</source>
        <translation>Der Cache „%1“ konnte nicht auf Schemaversion %2 aktualisiert werden: %3.</translation>
    </message>
    <message>
        <source>no upgrade step starts at version %1</source>
        <translation>kein Aktualisierungsschritt beginnt bei Version %1</translation>
    </message>
    <message>
        <source>The folder “%1” for the cache “%2” cannot be created: %3.</source>
        <translation>Der Ordner „%1“ für den Cache „%2“ kann nicht angelegt werden: %3.</translation>
    </message>
    <message>
        <source>The cache “%1” cannot be opened: %2.</source>
        <translation>Der Cache „%1“ kann nicht geöffnet werden: %2.</translation>
    </message>
    <message>
        <source>The file “%1” cannot be used as the RunLens cache: %2.</source>
        <translation>Die Datei „%1“ kann nicht als RunLens-Cache verwendet werden: %2.</translation>
    </message>
    <message>
        <source>The cache “%1” has schema version %2, but this RunLens knows only up to version %3: it was written by a newer RunLens. Use that version, or delete the file (the cache is rebuilt from the sources).</source>
        <translation>Der Cache „%1“ hat Schemaversion %2, dieses RunLens kennt aber nur Versionen bis %3: Er wurde von einem neueren RunLens geschrieben. Verwenden Sie diese Version oder löschen Sie die Datei (der Cache wird aus den Quellen neu aufgebaut).</translation>
    </message>
    <message>
        <source>The file “%1” is an SQLite database of another program, not a RunLens cache.</source>
        <translation>Die Datei „%1“ ist eine SQLite-Datenbank eines anderen Programms, kein RunLens-Cache.</translation>
    </message>
    <message>
        <source>The cache “%1” cannot be set up: %2.</source>
        <translation>Der Cache „%1“ kann nicht eingerichtet werden: %2.</translation>
    </message>
    <message>
        <source>The cache “%1” cannot switch to write-ahead logging: %2.</source>
        <translation>Der Cache „%1“ kann nicht auf Write-Ahead-Logging umschalten: %2.</translation>
    </message>
    <message>
        <source>The run “%1” could not be written to the cache “%2”: %3.</source>
        <translation>Der Lauf „%1“ konnte nicht in den Cache „%2“ geschrieben werden: %3.</translation>
    </message>
    <message>
        <source>The import of “%1” could not be recorded in the cache “%2”: %3.</source>
        <translation>Der Import von „%1“ konnte nicht im Cache „%2“ vermerkt werden: %3.</translation>
    </message>
    <message>
        <source>Vanished runs of “%1” could not be removed from the cache “%2”: %3.</source>
        <translation>Verschwundene Läufe von „%1“ konnten nicht aus dem Cache „%2“ entfernt werden: %3.</translation>
    </message>
    <message>
        <source>The source “%1” could not be removed from the cache “%2”: %3.</source>
        <translation>Die Quelle „%1“ konnte nicht aus dem Cache „%2“ entfernt werden: %3.</translation>
    </message>
    <message>
        <source>The runs could not be read from the cache “%1”: %2.</source>
        <translation>Die Läufe konnten nicht aus dem Cache „%1“ gelesen werden: %2.</translation>
    </message>
    <message>
        <source>The previous import of “%1” could not be read from the cache “%2”: %3.</source>
        <translation>Der vorige Import von „%1“ konnte nicht aus dem Cache „%2“ gelesen werden: %3.</translation>
    </message>
    <message>
        <source>The points of “%1” (run %2) in the cache “%3” are damaged; re-import the run.</source>
        <translation>Die Punkte von „%1“ (Lauf %2) im Cache „%3“ sind beschädigt; importieren Sie den Lauf erneut.</translation>
    </message>
    <message>
        <source>The points of “%1” could not be read from the cache “%2”: %3.</source>
        <translation>Die Punkte von „%1“ konnten nicht aus dem Cache „%2“ gelesen werden: %3.</translation>
    </message>
    <message>
        <source>The sources could not be read from the cache “%1”: %2.</source>
        <translation>Die Quellen konnten nicht aus dem Cache „%1“ gelesen werden: %2.</translation>
    </message>
    <message>
        <source>The import problems of “%1” could not be read from the cache “%2”: %3.</source>
        <translation>Die Import-Probleme von „%1“ konnten nicht aus dem Cache „%2“ gelesen werden: %3.</translation>
    </message>
    <message>
        <source>The cache “%1” could not be counted: %2.</source>
        <translation>Die Einträge des Caches „%1“ konnten nicht gezählt werden: %2.</translation>
    </message>
</context>
<context>
    <name>runlens::widgets::ChartPanel</name>
    <message>
        <source>Metrics…</source>
        <translation>Metriken…</translation>
    </message>
    <message>
        <source>Choose the metrics to chart; several give a grid of charts</source>
        <translation>Die darzustellenden Metriken wählen; mehrere ergeben ein Raster von Diagrammen</translation>
    </message>
    <message>
        <source>X:</source>
        <translation>X:</translation>
    </message>
    <message>
        <source>What the x axis shows</source>
        <translation>Was die x-Achse zeigt</translation>
    </message>
    <message>
        <source>Log y</source>
        <translation>Log. y</translation>
    </message>
    <message>
        <source>Logarithmic y axis</source>
        <translation>Logarithmische y-Achse</translation>
    </message>
    <message>
        <source>Ignore outliers</source>
        <translation>Ausreißer ignorieren</translation>
    </message>
    <message>
        <source>Fit the y axis to the 0.5–99.5 % quantiles of what is shown</source>
        <translation>Die y-Achse an die 0,5–99,5-%-Quantile des Angezeigten anpassen</translation>
    </message>
    <message>
        <source>Smoothing:</source>
        <translation>Glättung:</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Exponential (EMA)</source>
        <translation>Exponentiell (EMA)</translation>
    </message>
    <message>
        <source>Running median</source>
        <translation>Gleitender Median</translation>
    </message>
    <message>
        <source>Group:</source>
        <translation>Gruppe:</translation>
    </message>
    <message>
        <source>Draw one mean curve with a band per group of runs</source>
        <translation>Je Gruppe von Läufen eine Mittelwertkurve mit Band zeichnen</translation>
    </message>
    <message>
        <source>± std</source>
        <translation>± Std.-Abw.</translation>
    </message>
    <message>
        <source>95 % CI</source>
        <translation>95-%-KI</translation>
    </message>
    <message>
        <source>min–max</source>
        <translation>Min–Max</translation>
    </message>
    <message>
        <source>no band</source>
        <translation>kein Band</translation>
    </message>
    <message>
        <source>Limit:</source>
        <translation>Limit:</translation>
    </message>
    <message>
        <source>With no run selected, chart the first this many filtered runs</source>
        <translation>Ist kein Lauf ausgewählt, so viele der ersten gefilterten Läufe darstellen</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>&amp;Copy Chart</source>
        <translation>Diagramm &amp;kopieren</translation>
    </message>
    <message>
        <source>&amp;Save Chart As…</source>
        <translation>Diagramm &amp;speichern unter…</translation>
    </message>
    <message>
        <source>Choose a metric to chart (Metrics…), then select runs in the table.</source>
        <translation>Wählen Sie eine darzustellende Metrik (Metriken…) und dann Läufe in der Tabelle aus.</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleich:</translation>
    </message>
    <message>
        <source>final</source>
        <translation>Endwert</translation>
    </message>
    <message>
        <source>best</source>
        <translation>Bestwert</translation>
    </message>
    <message>
        <source>of</source>
        <translation>von</translation>
    </message>
    <message>
        <source>vs</source>
        <translation>gegen</translation>
    </message>
    <message>
        <source>No grouping</source>
        <translation>Keine Gruppierung</translation>
    </message>
    <message>
        <source>All params but seeds</source>
        <translation>Alle Parameter außer Startwerten</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation>Uhrzeit</translation>
    </message>
    <message>
        <source>Relative time</source>
        <translation>Relative Zeit</translation>
    </message>
    <message>
        <source>Smoothing weight, as in TensorBoard</source>
        <translation>Glättungsgewicht, wie in TensorBoard</translation>
    </message>
    <message>
        <source>Window of the running median, in points</source>
        <translation>Fenster des gleitenden Medians, in Punkten</translation>
    </message>
    <message numerus="yes">
        <source>%n pt</source>
        <translation>
            <numerusform>%n Pkt.</numerusform>
            <numerusform>%n Pkt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Search metrics</source>
        <translation>Metriken suchen</translation>
    </message>
    <message>
        <source>There is no chart to save.</source>
        <translation>Es gibt kein Diagramm zum Speichern.</translation>
    </message>
    <message>
        <source>The chart could not be written to “%1”.</source>
        <translation>Das Diagramm konnte nicht nach „%1“ geschrieben werden.</translation>
    </message>
    <message>
        <source>Save Chart</source>
        <translation>Diagramm speichern</translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF document (*.pdf);;SVG drawing (*.svg)</source>
        <translation>PNG-Bild (*.png);;PDF-Dokument (*.pdf);;SVG-Zeichnung (*.svg)</translation>
    </message>
</context>
<context>
    <name>runlens::widgets::ColumnChooser</name>
    <message>
        <source>Attributes</source>
        <translation>Attribute</translation>
    </message>
    <message>
        <source>Params</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Metriken</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Choose Columns</source>
        <translation>Spalten wählen</translation>
    </message>
    <message>
        <source>Search columns…</source>
        <translation>Spalten suchen…</translation>
    </message>
    <message>
        <source>Show All</source>
        <translation>Alle zeigen</translation>
    </message>
    <message>
        <source>Show every column the search matches</source>
        <translation>Alle Spalten zeigen, die zur Suche passen</translation>
    </message>
    <message>
        <source>Hide All</source>
        <translation>Alle ausblenden</translation>
    </message>
    <message>
        <source>Hide every column the search matches</source>
        <translation>Alle Spalten ausblenden, die zur Suche passen</translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <translation>%1 von %2 angezeigt</translation>
    </message>
</context>
<context>
    <name>runlens::widgets::FilterBar</name>
    <message>
        <source>Filter: params.lr &lt; 0.01 and metrics.val_loss &lt; 0.3  — or plain words</source>
        <translation>Filter: params.lr &lt; 0.01 and metrics.val_loss &lt; 0.3  — oder einfache Wörter</translation>
    </message>
    <message>
        <source>Filter runs with comparisons (= != &lt; &lt;= &gt; &gt;= LIKE ILIKE) on params.*, metrics.*, tags.* and attributes.*, joined by AND / OR, or type plain words.
Ctrl+F focuses the filter, Escape clears it, Up/Down walk the history.</source>
        <translation>Läufe mit Vergleichen (= != &lt; &lt;= &gt; &gt;= LIKE ILIKE) auf params.*, metrics.*, tags.* und attributes.* filtern, verknüpft mit AND / OR, oder einfache Wörter eingeben.
Strg+F fokussiert den Filter, Esc leert ihn, Auf/Ab blättern im Verlauf.</translation>
    </message>
    <message>
        <source>⚠ %1 (at character %2): &lt;tt&gt;%3&lt;u&gt;&lt;b&gt;▸&lt;/b&gt;&lt;/u&gt;%4&lt;/tt&gt;</source>
        <translation>⚠ %1 (bei Zeichen %2): &lt;tt&gt;%3&lt;u&gt;&lt;b&gt;▸&lt;/b&gt;&lt;/u&gt;%4&lt;/tt&gt;</translation>
    </message>
</context>
<context>
    <name>runlens::widgets::ImportPanel</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop the import; what was read so far stays in the cache</source>
        <translation>Den Import anhalten; was bisher gelesen wurde, bleibt im Cache</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source>Scanning for runs…</source>
        <translation>Läufe werden gesucht…</translation>
    </message>
    <message>
        <source>Importing %1 / %2 runs · %3 MB</source>
        <translation>Import %1 / %2 Läufe · %3 MB</translation>
    </message>
</context>
<context>
    <name>runlens::widgets::ImportProblemsDock</name>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Stelle</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Open Containing Folder</source>
        <translation>Übergeordneten Ordner öffnen</translation>
    </message>
    <message>
        <source>Import Problems</source>
        <translation>Import-Probleme</translation>
    </message>
    <message>
        <source>Import Problems (%1)</source>
        <translation>Import-Probleme (%1)</translation>
    </message>
</context>
<context>
    <name>runlens::widgets::MetricOverlayPlot</name>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation>Uhrzeit</translation>
    </message>
    <message>
        <source>Time since start (h:m:s)</source>
        <translation>Zeit seit Start (h:m:s)</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n run(s))</source>
        <translation>
            <numerusform>%1 (%n Lauf)</numerusform>
            <numerusform>%1 (%n Läufe)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (mean of %n)</source>
        <translation>
            <numerusform>%1 (Mittelwert von %n)</numerusform>
            <numerusform>%1 (Mittelwert von %n)</numerusform>
        </translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>Schritt %1</translation>
    </message>
    <message>
        <source>%1:%2:%3 since start</source>
        <translation>%1:%2:%3 seit Start</translation>
    </message>
    <message numerus="yes">
        <source>… %n more</source>
        <translation>
            <numerusform>… %n weiterer</numerusform>
            <numerusform>… %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>Chart made with RunLens</source>
        <translation>Diagramm erstellt mit RunLens</translation>
    </message>
    <message>
        <source>“%1”: unknown chart format “%2”; use .png, .pdf or .svg.</source>
        <translation>„%1“: unbekanntes Diagrammformat „%2“; .png, .pdf oder .svg verwenden.</translation>
    </message>
    <message>
        <source>The chart could not be written to “%1”.</source>
        <translation>Das Diagramm konnte nicht nach „%1“ geschrieben werden.</translation>
    </message>
</context>
<context>
    <name>runlens::widgets::RunTableView</name>
    <message>
        <source>Copy Run ID</source>
        <translation>Lauf-ID kopieren</translation>
    </message>
    <message>
        <source>Copy Name</source>
        <translation>Namen kopieren</translation>
    </message>
    <message>
        <source>Copy Path</source>
        <translation>Pfad kopieren</translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation>Ordner öffnen</translation>
    </message>
    <message>
        <source>Copy Rows as TSV</source>
        <translation>Zeilen als TSV kopieren</translation>
    </message>
    <message>
        <source>Hide Column “%1”</source>
        <translation>Spalte „%1“ ausblenden</translation>
    </message>
    <message>
        <source>Sort Ascending</source>
        <translation>Aufsteigend sortieren</translation>
    </message>
    <message>
        <source>Sort Descending</source>
        <translation>Absteigend sortieren</translation>
    </message>
    <message>
        <source>Fit Column Widths</source>
        <translation>Spaltenbreiten anpassen</translation>
    </message>
    <message>
        <source>Choose Columns…</source>
        <translation>Spalten wählen…</translation>
    </message>
</context>
</TS>
