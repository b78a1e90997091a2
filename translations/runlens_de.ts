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
        <source>Compare machine-learning experiment runs.

Subcommands (each with --help): import, runs, screenshot, demo.</source>
        <translation>Läufe von Machine-Learning-Experimenten vergleichen.

Unterbefehle (jeweils mit --help): import, runs, screenshot, demo.</translation>
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
        <source>Write a synthetic MLflow file store (DIR/mlruns) with realistic learning curves.</source>
        <translation>Einen synthetischen MLflow-Dateispeicher (ORDNER/mlruns) mit realistischen Lernkurven schreiben.</translation>
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
        <source>Wrote a demo MLflow store to %1: %2 runs, %3 metrics × %4 steps, %5 params (seed %6).</source>
        <translation>Demo-MLflow-Speicher nach %1 geschrieben: %2 Läufe, %3 Metriken × %4 Schritte, %5 Parameter (Startwert %6).</translation>
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
        <source>What to show: table.</source>
        <translation>Was gezeigt wird: table.</translation>
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
        <source>Unknown view “%1”: only “table” exists so far.</source>
        <translation>Unbekannte Ansicht „%1“: bisher gibt es nur „table“.</translation>
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
        <translation><numerusform>erwartet &quot;&lt;Zeitstempel&gt; &lt;Wert&gt; &lt;Schritt&gt;&quot;, gefunden %n Feld</numerusform><numerusform>erwartet &quot;&lt;Zeitstempel&gt; &lt;Wert&gt; &lt;Schritt&gt;&quot;, gefunden %n Felder</numerusform></translation>
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
