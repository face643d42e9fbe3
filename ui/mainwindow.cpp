#include "mainwindow.h"

#include "codeeditor.h"
#include "exportrenderer.h"
#include "graphscene.h"
#include "graphview.h"
#include "arraycarditem.h"
#include "language.h"
#include "narration.h"
#include "operations.h"
#include "sessioncontroller.h"

#include "engine/session/tracejson.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGraphicsSceneContextMenuEvent>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProgressDialog>
#include <QSaveFile>
#include <QSettings>
#include <QSlider>
#include <QSplitter>
#include <QStatusBar>
#include <QTableWidget>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTimer>
#include <QToolBar>

namespace av::ui {

namespace {

constexpr int kMaxRecent = 8;

QString lineText(const QString& script, int line)
{
    const QStringList lines = script.split(QLatin1Char('\n'));
    return line >= 1 && line <= lines.size() ? lines.at(line - 1).trimmed() : QString();
}

QString escape(const QString& text) { return text.toHtmlEscaped(); }

}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      m_controller(new SessionController(this)),
      m_scene(new GraphScene(this)),
      m_view(new GraphView(this)),
      m_editor(new CodeEditor(this)),
      m_console(new QPlainTextEdit(this)),
      m_whatHappened(new QTextBrowser(this)),
      m_inspector(new QTableWidget(0, 2, this)),
      m_consoleDock(nullptr),
      m_whatDock(nullptr),
      m_inspectorDock(nullptr),
      m_timeline(new QSlider(Qt::Horizontal, this)),
      m_stepLabel(new QLabel(this)),
      m_runBar(nullptr),
      m_operationsBar(nullptr),
      m_playTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("MainWindow"));
    setAcceptDrops(true);
    m_view->setScene(m_scene);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_editor);
    splitter->addWidget(m_view);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 5);
    // Left to the splitter's first layout, the graph got its minimum width (70 px) and the editor all the
    // rest of a 1400 px window (ui.mainwindow graphGetsMostOfTheWindow). Start at 2 : 5 outright.
    splitter->setSizes({400, 1000});
    setCentralWidget(splitter);
    m_console->setReadOnly(true);
    m_console->setFont(m_editor->font());
    m_inspector->verticalHeader()->hide();
    m_inspector->horizontalHeader()->setStretchLastSection(true);
    m_inspector->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_timeline->setMinimum(0);
    m_timeline->setMaximum(0);
    m_timeline->setMinimumWidth(180);
    m_playTimer->setInterval(1000);

    createActions();
    createMenus();
    createDocks();
    retranslate();

    connect(m_controller, &SessionController::stepChanged, this, [this] { showStep(); });
    connect(m_controller, &SessionController::traceChanged, this, [this] {
        m_timeline->setMaximum(std::max(0, m_controller->stepCount()));
    });
    connect(m_editor, &QPlainTextEdit::textChanged, this, [this] {
        if (m_editingScript)
            return;
        m_dirty = true;
        m_autosave.scriptEdited(m_path, m_editor->toPlainText());
        updateTitle();
    });
    connect(m_timeline, &QSlider::valueChanged, this, [this](int value) {
        if (!m_showingStep) {
            syncScript();
            m_controller->goToStep(value - 1);
        }
    });
    connect(m_controller, &SessionController::recordingSlow, this, [this] {
        // Recording a heavy script takes seconds: the window says so, keeps painting, and offers Cancel (the
        // run then stops at its next line and its steps so far can be stepped through).
        auto* progress = new QProgressDialog(tr("Running the script to record its steps…"), tr("Cancel"), 0, 0, this);
        progress->setWindowTitle(tr("Recording"));
        progress->setWindowModality(Qt::WindowModal);
        progress->setMinimumDuration(0);
        progress->setAutoReset(false);
        progress->setAutoClose(false);
        connect(progress, &QProgressDialog::canceled, m_controller, &SessionController::cancelRecording);
        progress->show();
        m_recordingProgress = progress;
    });
    connect(m_controller, &SessionController::recordingFinished, this, [this] { delete m_recordingProgress; });
    connect(m_playTimer, &QTimer::timeout, this, [this] {
        if (m_controller->isRecording())
            return;  // a tick while the edited script records; the next one steps through the new trace
        const int before = m_controller->currentStep();
        step();
        if (m_controller->currentStep() == before)
            m_playAction->setChecked(false);
    });
    connect(m_scene, &GraphScene::objectSelected, this, [this] {
        updateOperations();
        showStep();
    });
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        auto* card = dynamic_cast<ArrayCardItem*>(m_view->itemAt(pos));
        for (QGraphicsItem* item = m_view->itemAt(pos); item && !card; item = item->parentItem())
            card = dynamic_cast<ArrayCardItem*>(item);
        if (!card)
            return;
        m_scene->clearSelection();
        card->setSelected(true);
        QMenu menu(this);
        for (const auto& [id, code] : operationsForSelection()) {
            QAction* action = menu.addAction(code);
            connect(action, &QAction::triggered, this, [this, id = id] { triggerOperation(id); });
        }
        if (!menu.isEmpty())
            menu.exec(m_view->viewport()->mapToGlobal(pos));
    });
    QSettings settings;
    m_language = settings.value(QStringLiteral("language"), defaultLanguage()).toString();
    setLanguage(m_language);
    rebuildRecentMenu();
    resize(1400, 860);
    showStep();
}

MainWindow::~MainWindow() = default;

// ---- actions and menus ----------------------------------------------------------------------------------

void MainWindow::createActions()
{
    const auto make = [this](const QKeySequence& shortcut, auto slot) {
        auto* action = new QAction(this);
        if (!shortcut.isEmpty())
            action->setShortcut(shortcut);
        connect(action, &QAction::triggered, this, slot);
        return action;
    };
    m_newAction = make(QKeySequence::New, [this] { newScript(); });
    m_openAction = make(QKeySequence::Open, [this] { openDialog(); });
    m_openTraceAction = make(QKeySequence(), [this] { openTraceDialog(); });
    m_saveAction = make(QKeySequence::Save, [this] { save(); });
    m_saveAsAction = make(QKeySequence::SaveAs, [this] { saveAs(); });
    m_exportStepAction = make(QKeySequence(), [this] { exportCurrentStep(); });
    m_exportAllAction = make(QKeySequence(), [this] { exportWalkthrough(); });
    m_quitAction = make(QKeySequence::Quit, [this] { close(); });
    m_stepAction = make(QKeySequence(Qt::Key_F10), [this] { step(); });
    m_backAction = make(QKeySequence(Qt::SHIFT | Qt::Key_F10), [this] { back(); });
    m_runToCursorAction = make(QKeySequence(Qt::CTRL | Qt::Key_F10), [this] { runToCursor(); });
    m_runToEndAction = make(QKeySequence(Qt::Key_F5), [this] { runToEnd(); });
    m_resetAction = make(QKeySequence(), [this] { resetRun(); });
    m_playAction = new QAction(this);
    m_playAction->setCheckable(true);
    connect(m_playAction, &QAction::toggled, this, [this](bool on) { togglePlay(on); });
    m_fitAction = make(QKeySequence(Qt::CTRL | Qt::Key_0), [this] { m_view->fitToView(); });
    m_zoomInAction = make(QKeySequence::ZoomIn, [this] { m_view->zoomIn(); });
    m_zoomOutAction = make(QKeySequence::ZoomOut, [this] { m_view->zoomOut(); });
    auto* languages = new QActionGroup(this);
    m_englishAction = new QAction(QStringLiteral("English"), languages);
    m_chineseAction = new QAction(QStringLiteral("简体中文"), languages);
    m_englishAction->setCheckable(true);
    m_chineseAction->setCheckable(true);
    connect(m_englishAction, &QAction::triggered, this, [this] { setLanguage(QStringLiteral("en")); });
    connect(m_chineseAction, &QAction::triggered, this, [this] { setLanguage(QStringLiteral("zh_CN")); });
    m_aboutAction = make(QKeySequence(), [this] {
        QMessageBox::about(this, tr("About aliasview"),
                           tr("<p><b>aliasview</b> shows how PyTorch tensors and NumPy arrays share memory, step by step, "
                              "with the real addresses.</p><p>Every answer matches PyTorch 1.13.1 and NumPy 1.24.</p>"));
    });

    m_runBar = addToolBar(QString());
    m_runBar->setObjectName(QStringLiteral("RunToolBar"));
    m_runBar->addAction(m_backAction);
    m_runBar->addAction(m_stepAction);
    m_runBar->addAction(m_runToCursorAction);
    m_runBar->addAction(m_runToEndAction);
    m_runBar->addAction(m_resetAction);
    m_runBar->addAction(m_playAction);
    m_runBar->addSeparator();
    m_runBar->addWidget(m_timeline);
    m_runBar->addWidget(m_stepLabel);
    m_operationsBar = addToolBar(QString());
    m_operationsBar->setObjectName(QStringLiteral("OperationsToolBar"));
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_newAction);
    m_fileMenu->addAction(m_openAction);
    m_recentMenu = m_fileMenu->addMenu(QString());
    m_fileMenu->addAction(m_openTraceAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_saveAction);
    m_fileMenu->addAction(m_saveAsAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_exportStepAction);
    m_fileMenu->addAction(m_exportAllAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAction);
    m_runMenu = menuBar()->addMenu(QString());
    for (QAction* action : {m_stepAction, m_backAction, m_runToCursorAction, m_runToEndAction, m_resetAction, m_playAction})
        m_runMenu->addAction(action);
    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->addAction(m_fitAction);
    m_viewMenu->addAction(m_zoomInAction);
    m_viewMenu->addAction(m_zoomOutAction);
    m_languageMenu = m_viewMenu->addMenu(QString());
    m_languageMenu->addAction(m_englishAction);
    m_languageMenu->addAction(m_chineseAction);
    m_helpMenu = menuBar()->addMenu(QString());
    m_walkthroughMenu = m_helpMenu->addMenu(QString());
    const QDir walkthroughs(QStringLiteral(":/walkthroughs"));
    for (const QString& entry : walkthroughs.entryList({QStringLiteral("*.py")}, QDir::Files, QDir::Name)) {
        QAction* action = m_walkthroughMenu->addAction(entry);
        const QString path = walkthroughs.filePath(entry);
        connect(action, &QAction::triggered, this, [this, path] { showWalkthrough(path); });
    }
    m_helpMenu->addAction(m_aboutAction);
}

void MainWindow::createDocks()
{
    const auto dock = [this](QWidget* widget, const QString& name, Qt::DockWidgetArea area) {
        auto* d = new QDockWidget(this);
        d->setObjectName(name);
        d->setWidget(widget);
        addDockWidget(area, d);
        return d;
    };
    m_whatDock = dock(m_whatHappened, QStringLiteral("WhatHappenedDock"), Qt::BottomDockWidgetArea);
    m_consoleDock = dock(m_console, QStringLiteral("ConsoleDock"), Qt::BottomDockWidgetArea);
    m_inspectorDock = dock(m_inspector, QStringLiteral("InspectorDock"), Qt::RightDockWidgetArea);
    tabifyDockWidget(m_whatDock, m_consoleDock);
    m_whatDock->raise();
}

void MainWindow::retranslate()
{
    m_fileMenu->setTitle(tr("&File"));
    m_recentMenu->setTitle(tr("Recent files"));
    m_runMenu->setTitle(tr("&Run"));
    m_viewMenu->setTitle(tr("&View"));
    m_languageMenu->setTitle(tr("Language"));
    m_helpMenu->setTitle(tr("&Help"));
    m_walkthroughMenu->setTitle(tr("Walkthroughs"));
    m_newAction->setText(tr("&New"));
    m_openAction->setText(tr("&Open…"));
    m_openTraceAction->setText(tr("Open &trace…"));
    m_saveAction->setText(tr("&Save"));
    m_saveAsAction->setText(tr("Save &as…"));
    m_exportStepAction->setText(tr("&Export current step…"));
    m_exportAllAction->setText(tr("Export &walkthrough…"));
    m_quitAction->setText(tr("&Quit"));
    m_stepAction->setText(tr("Step"));
    m_backAction->setText(tr("Back"));
    m_runToCursorAction->setText(tr("Run to cursor"));
    m_runToEndAction->setText(tr("Run to end"));
    m_resetAction->setText(tr("Reset"));
    m_playAction->setText(tr("Play"));
    m_fitAction->setText(tr("Fit to view"));
    m_zoomInAction->setText(tr("Zoom in"));
    m_zoomOutAction->setText(tr("Zoom out"));
    m_aboutAction->setText(tr("About aliasview"));
    m_runBar->setWindowTitle(tr("Run"));
    m_operationsBar->setWindowTitle(tr("Operations"));
    m_consoleDock->setWindowTitle(tr("Console"));
    m_whatDock->setWindowTitle(tr("What happened"));
    m_inspectorDock->setWindowTitle(tr("Inspector"));
    m_inspector->setHorizontalHeaderLabels({tr("Property"), tr("Value")});
    updateTitle();
    updateOperations();
    showStep();
}

void MainWindow::setLanguage(const QString& locale)
{
    m_language = locale;
    applyLanguage(locale);
    QSettings().setValue(QStringLiteral("language"), locale);
    m_englishAction->setChecked(!locale.startsWith(QStringLiteral("zh")));
    m_chineseAction->setChecked(locale.startsWith(QStringLiteral("zh")));
}

void MainWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

// ---- files ----------------------------------------------------------------------------------------------

void MainWindow::updateTitle()
{
    const QString name = m_path.isEmpty() ? tr("untitled.py") : QFileInfo(m_path).fileName();
    setWindowTitle((m_dirty ? QStringLiteral("*") : QString()) + name + QStringLiteral(" — aliasview") +
                   (m_controller->isReadOnly() ? tr(" (trace, read-only)") : QString()));
}

void MainWindow::openText(const QString& text, const QString& displayName)
{
    m_editingScript = true;
    m_editor->setPlainText(text);
    m_editingScript = false;
    m_path.clear();
    m_dirty = false;
    m_scene->clearGraph();
    m_controller->setScript(displayName, text);
    m_editor->setReadOnly(false);
    m_controller->reset();
    m_timeline->setMaximum(m_controller->stepCount());
    updateTitle();
    showStep();
}

bool MainWindow::openPath(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        QMessageBox::warning(this, tr("Cannot open"), tr("Cannot open %1: %2").arg(path, file.errorString()));
        return false;
    }
    const QByteArray bytes = file.readAll();
    if (path.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive)) {
        engine::Trace trace;
        try {
            trace = engine::readTraceJson(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
        } catch (const std::exception& error) {
            QMessageBox::warning(this, tr("Not a trace"), tr("%1 is not an aliasview trace: %2").arg(path, QString::fromUtf8(error.what())));
            return false;
        }
        m_editingScript = true;
        m_editor->setPlainText(QString::fromStdString(trace.source));
        m_editingScript = false;
        m_editor->setReadOnly(true);
        m_path.clear();
        m_dirty = false;
        m_scene->clearGraph();
        m_controller->setTrace(std::move(trace), true);
        m_timeline->setMaximum(m_controller->stepCount());
        updateTitle();
        return true;
    }
    openText(QString::fromUtf8(bytes), path);
    m_path = path;
    m_controller->setScript(path, m_editor->toPlainText());
    addRecent(path);
    updateTitle();
    return true;
}

void MainWindow::showWalkthrough(const QString& resourcePath)
{
    if (!maybeSave())
        return;
    QFile file(resourcePath);
    if (file.open(QIODevice::ReadOnly))
        openText(QString::fromUtf8(file.readAll()), QFileInfo(resourcePath).fileName());
}

bool MainWindow::saveTo(const QString& path)
{
    // QSaveFile writes beside the target and renames: a crash mid-save never leaves half a script. But a
    // write that fails part-way (a full disk, a file size limit) is no error to QSaveFile when it happens
    // while commit() flushes its buffer: Qt 6.4 then renames the truncated file over the target. So the
    // bytes are flushed, and counted, before commit, and a short write is cancelled.
    QSaveFile file(path);
    const QByteArray bytes = m_editor->toPlainText().toUtf8();
    bool saved = false;
    QString problem;
    if (!file.open(QIODevice::WriteOnly)) {
        problem = file.errorString();
    } else if (const qint64 written = file.write(bytes); written != bytes.size() || !file.flush()) {
        problem = file.error() != QFileDevice::NoError
                      ? file.errorString()
                      : tr("only %1 of %2 bytes could be written").arg(std::max<qint64>(written, 0)).arg(bytes.size());
        file.cancelWriting();
        file.commit();  // removes the partial temporary file; the target is untouched
    } else if (!file.commit()) {
        problem = file.errorString();
    } else {
        saved = true;
    }
    if (!saved) {
        QMessageBox::warning(this, tr("Cannot save"), tr("Cannot save %1: %2").arg(path, problem));
        return false;
    }
    m_path = path;
    m_dirty = false;
    m_autosave.discard();
    addRecent(path);
    updateTitle();
    return true;
}

bool MainWindow::save() { return m_path.isEmpty() ? saveAs() : saveTo(m_path); }

bool MainWindow::saveAs()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save script"), m_path, tr("Python scripts (*.py)"));
    return !path.isEmpty() && saveTo(path);
}

bool MainWindow::maybeSave()
{
    if (!m_dirty || m_controller->isReadOnly())
        return true;
    const auto answer = QMessageBox::question(this, tr("Unsaved changes"), tr("Save your changes to the script?"),
                                              QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

void MainWindow::newScript()
{
    if (maybeSave())
        openText(QStringLiteral("import torch\nimport numpy as np\n\n"), QString());
}

void MainWindow::openDialog()
{
    if (!maybeSave())
        return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open script"), QString(), tr("Python scripts (*.py);;Traces (*.json)"));
    if (!path.isEmpty())
        openPath(path);
}

void MainWindow::openTraceDialog()
{
    if (!maybeSave())
        return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open trace"), QString(), tr("Traces (*.json)"));
    if (!path.isEmpty())
        openPath(path);
}

void MainWindow::addRecent(const QString& path)
{
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentFiles")).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    settings.setValue(QStringLiteral("recentFiles"), recent);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    for (const QString& path : recent) {
        QAction* action = m_recentMenu->addAction(QFileInfo(path).fileName());
        action->setToolTip(path);
        connect(action, &QAction::triggered, this, [this, path] {
            if (maybeSave())
                openPath(path);
        });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::offerRecovery()
{
    for (const RecoveredScript& script : m_autosave.pending()) {
        const QString name = script.originalPath.isEmpty() ? tr("an untitled script") : script.originalPath;
        const auto answer = QMessageBox::question(this, tr("Recover unsaved edits"),
                                                  tr("aliasview closed with unsaved edits to %1. Restore them?").arg(name),
                                                  QMessageBox::Yes | QMessageBox::No);
        m_autosave.remove(script);
        if (answer == QMessageBox::Yes) {
            openText(script.text, script.originalPath);
            m_path = script.originalPath;
            m_dirty = true;
            updateTitle();
            // The restored edits are still unsaved: protect them again at once (the file just removed was
            // their only copy; it may have had this very name).
            m_autosave.scriptEdited(m_path, script.text, true);
            break;
        }
    }
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    m_autosave.discard();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile() && maybeSave())
        openPath(urls.first().toLocalFile());
}

// ---- stepping ----------------------------------------------------------------------------------------------

void MainWindow::syncScript()
{
    if (!m_controller->isReadOnly())
        m_controller->setScript(m_path.isEmpty() ? m_controller->fileName() : m_path, m_editor->toPlainText());
}

void MainWindow::step()
{
    syncScript();
    m_controller->step();
}

void MainWindow::back()
{
    syncScript();
    m_controller->back();
}

void MainWindow::runToCursor()
{
    syncScript();
    m_controller->runToLine(m_editor->cursorLine());
}

void MainWindow::runToEnd()
{
    syncScript();
    m_controller->runToEnd();
}

void MainWindow::resetRun()
{
    syncScript();
    m_scene->clearGraph();
    m_controller->reset();
}

void MainWindow::togglePlay(bool playing)
{
    m_playAction->setText(playing ? tr("Pause") : tr("Play"));
    if (playing)
        m_playTimer->start();
    else
        m_playTimer->stop();
}

QString MainWindow::whatHappened() const { return m_whatHappened->toPlainText(); }

void MainWindow::showStep()
{
    m_showingStep = true;
    const engine::Snapshot* snapshot = m_controller->snapshot();
    if (snapshot)
        m_scene->showSnapshot(*snapshot);
    else
        m_scene->clearGraph();
    m_editor->setCurrentLine(m_controller->nextLine());
    m_editor->setExecutedLines(m_controller->executedLines());
    const engine::SnapshotError* error = m_controller->shownError();
    if (error)
        m_editor->setError(error->line, error->column, error->endColumn,
                           QString::fromStdString(error->type + ": " + error->message));
    else
        m_editor->clearError();

    // Console: what the script printed so far; an error in red with its line.
    m_console->clear();
    m_console->appendPlainText(m_controller->consoleText());
    if (error) {
        QTextCharFormat red;
        red.setForeground(QColor(0xC6, 0x28, 0x28));
        QTextCursor cursor = m_console->textCursor();
        cursor.movePosition(QTextCursor::End);
        cursor.insertText(tr("line %1: ").arg(error->line) + QString::fromStdString(error->traceback), red);
    }

    // What happened: the step's narration comments, then the generated sentence.
    QString html;
    if (snapshot) {
        const QString script = m_controller->scriptText();
        const QString narration = narrationFor(script, snapshot->line, m_language);
        if (!narration.isEmpty())
            html += QStringLiteral("<p>") + escape(narration).replace(QLatin1Char('\n'), QStringLiteral("<br>")) + QStringLiteral("</p>");
        html += QStringLiteral("<p>") + escape(describeStep(*snapshot, lineText(script, snapshot->line))) + QStringLiteral("</p>");
    } else {
        html = QStringLiteral("<p>") + escape(tr("Press Step (F10) to run the first line.")) + QStringLiteral("</p>");
    }
    m_whatHappened->setHtml(html);

    // Inspector: the selected card's facts.
    m_inspector->setRowCount(0);
    if (snapshot) {
        const auto rows = inspectorRows(*snapshot, m_scene->selectedObject());
        m_inspector->setRowCount(static_cast<int>(rows.size()));
        for (int i = 0; i < static_cast<int>(rows.size()); ++i) {
            m_inspector->setItem(i, 0, new QTableWidgetItem(rows[static_cast<std::size_t>(i)].first));
            m_inspector->setItem(i, 1, new QTableWidgetItem(rows[static_cast<std::size_t>(i)].second));
        }
    }
    const int count = m_controller->stepCount();
    m_timeline->setMaximum(count);
    m_timeline->setValue(m_controller->currentStep() + 1);
    m_stepLabel->setText(tr("step %1 of %2").arg(m_controller->currentStep() + 1).arg(count));
    m_backAction->setEnabled(m_controller->currentStep() >= 0);
    m_stepAction->setEnabled(m_controller->currentStep() + 1 < count);
    updateOperations();
    m_showingStep = false;
}

// ---- operations ------------------------------------------------------------------------------------------

std::vector<std::pair<QString, QString>> MainWindow::operationsForSelection() const
{
    std::vector<std::pair<QString, QString>> out;
    const std::uint64_t selected = m_scene->selectedObject();
    ArrayCardItem* card = m_scene->card(selected);
    const engine::Snapshot* snapshot = m_controller->snapshot();
    if (!card || !snapshot || m_controller->isReadOnly())
        return out;
    // The code uses the first name bound to the object, taken from the Snapshot itself: namesOf() is prose
    // ("A and Y", translated), not code.
    QString name;
    QStringList existing;
    for (const engine::SnapshotName& n : snapshot->names) {
        existing << QString::fromStdString(n.name);
        if (n.object == selected && name.isEmpty())
            name = QString::fromStdString(n.name);
    }
    for (const Operation& op : operationsFor(card->object(), name, existing))
        out.emplace_back(op.id, op.code);
    return out;
}

void MainWindow::triggerOperation(const QString& id)
{
    QString addend = QStringLiteral("1");
    if (id == QLatin1String("iadd") && sender() && qobject_cast<QAction*>(sender()) &&
        QApplication::keyboardModifiers().testFlag(Qt::ShiftModifier)) {
        bool ok = false;
        addend = QInputDialog::getText(this, tr("Add in place"), tr("Value to add:"), QLineEdit::Normal, QStringLiteral("1"), &ok);
        if (!ok || addend.trimmed().isEmpty())
            return;
    }
    for (const auto& [opId, code] : operationsForSelection()) {
        if (opId == id) {
            QString line = code;
            if (id == QLatin1String("iadd"))
                line = line.section(QStringLiteral(" += "), 0, 0) + QStringLiteral(" += ") + addend;
            // torch.from_numpy / torch.tensor need torch imported; the walkthroughs import it first.
            appendAndStep(line);
            return;
        }
    }
}

void MainWindow::appendAndStep(const QString& line)
{
    // Go to the end first, so that the new line is the next one to run.
    syncScript();
    m_controller->runToEnd();
    QString text = m_editor->toPlainText();
    if (!text.isEmpty() && !text.endsWith(QLatin1Char('\n')))
        text += QLatin1Char('\n');
    text += line + QLatin1Char('\n');
    m_editor->setPlainText(text);
    m_dirty = true;
    updateTitle();
    syncScript();
    m_controller->runToEnd();
}

void MainWindow::updateOperations()
{
    if (!m_operationsBar)
        return;
    m_operationsBar->clear();
    for (const auto& [id, code] : operationsForSelection()) {
        QAction* action = m_operationsBar->addAction(code.contains(QStringLiteral(" = ")) ? code.section(QStringLiteral(" = "), 1) : code);
        action->setToolTip(tr("Append: %1").arg(code));
        connect(action, &QAction::triggered, this, [this, id = id] { triggerOperation(id); });
    }
}

}  // namespace av::ui

namespace av::ui {

// ---- export ----------------------------------------------------------------------------------------------

void MainWindow::exportCurrentStep()
{
    const engine::Trace& trace = m_controller->trace();
    if (trace.steps.empty() && !trace.error) {
        QMessageBox::information(this, tr("Export"), tr("There is no step to export yet."));
        return;
    }
    const QString png = tr("PNG image (*.png)"), svg = tr("SVG image (*.svg)"), pdf = tr("PDF document (*.pdf)");
    QString filter = png;
    QString path = QFileDialog::getSaveFileName(this, tr("Export current step"), QString(), png + QStringLiteral(";;") + svg +
                                                QStringLiteral(";;") + pdf, &filter);
    if (path.isEmpty())
        return;
    ExportFormat format = filter == svg ? ExportFormat::Svg : filter == pdf ? ExportFormat::Pdf : ExportFormat::Png;
    if (!exportFormatFromName(QFileInfo(path).suffix(), format))
        path += format == ExportFormat::Svg ? QStringLiteral(".svg") : format == ExportFormat::Pdf ? QStringLiteral(".pdf") : QStringLiteral(".png");
    ExportOptions options;
    options.language = m_language;
    options.scale = 2;
    ExportRenderer renderer(trace, options);
    const int page = std::clamp(m_controller->currentStep(), 0, renderer.pageCount() - 1);
    QString error;
    if (!renderer.save(path, format, page, &error))
        QMessageBox::warning(this, tr("Export"), error);
}

void MainWindow::exportWalkthrough()
{
    const engine::Trace& trace = m_controller->trace();
    if (trace.steps.empty() && !trace.error) {
        QMessageBox::information(this, tr("Export"), tr("There is no step to export yet."));
        return;
    }
    const QString pdf = tr("PDF document, a page per step (*.pdf)"), png = tr("PNG images, one per step (*.png)"),
                  svg = tr("SVG images, one per step (*.svg)");
    QString filter = pdf;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export walkthrough"), QString(), pdf + QStringLiteral(";;") + png +
                                                      QStringLiteral(";;") + svg, &filter);
    if (path.isEmpty())
        return;
    ExportOptions options;
    options.language = m_language;
    options.scale = 2;
    ExportRenderer renderer(trace, options);
    const int pages = renderer.pageCount();
    QProgressDialog progress(tr("Exporting…"), tr("Cancel"), 0, pages, this);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(0);
    auto advance = [&](int page) {
        progress.setLabelText(tr("Exporting step %1 of %2").arg(page + 1).arg(pages));
        progress.setValue(page);
        return !progress.wasCanceled();
    };
    QString error;
    bool ok = true;
    if (filter == pdf) {
        const QString file = QFileInfo(path).suffix().isEmpty() ? path + QStringLiteral(".pdf") : path;
        ok = renderer.savePdf(file, 0, pages - 1, &error, advance);
    } else {
        // PNG and SVG: a folder named after the chosen file, with step-001.png ...
        const ExportFormat format = filter == svg ? ExportFormat::Svg : ExportFormat::Png;
        const QFileInfo info(path);
        const QString folder = info.suffix().isEmpty() ? path : info.dir().filePath(info.completeBaseName());
        if (!QDir().mkpath(folder)) {
            QMessageBox::warning(this, tr("Export"), tr("Cannot create the folder '%1'.").arg(folder));
            return;
        }
        for (int page = 0; page < pages && ok; ++page) {
            if (!advance(page))
                return;
            const QString name = QStringLiteral("step-%1.%2").arg(page + 1, 3, 10, QLatin1Char('0'))
                                     .arg(format == ExportFormat::Svg ? QStringLiteral("svg") : QStringLiteral("png"));
            ok = renderer.save(QDir(folder).filePath(name), format, page, &error);
        }
    }
    progress.setValue(pages);
    if (!ok && !progress.wasCanceled())
        QMessageBox::warning(this, tr("Export"), error);
}

}  // namespace av::ui
