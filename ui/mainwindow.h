#pragma once
// The main window: the code editor on the left, the buffer graph in the middle, the console, "What
// happened" and the Inspector as docks, stepping controls with a timeline, operations on the selected
// card, files with autosave, and the language switch.

#include "autosave.h"

#include <QMainWindow>
#include <QPointer>

class QAction;
class QLabel;
class QMenu;
class QPlainTextEdit;
class QProgressDialog;
class QSlider;
class QTableWidget;
class QTextBrowser;
class QTimer;
class QToolBar;
class QDockWidget;

namespace av::ui {

class CodeEditor;
class GraphScene;
class GraphView;
class SessionController;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens a .py script (or a trace .json) from disk; false with a message box on failure.
    bool openPath(const QString& path);
    // Shows a script given as text (the bundled walkthrough), as an untitled document by default.
    void openText(const QString& text, const QString& displayName);
    // Offers back the unsaved edits a crash left behind, if any.
    void offerRecovery();

    SessionController* controller() const { return m_controller; }
    GraphScene* scene() const { return m_scene; }
    GraphView* view() const { return m_view; }
    CodeEditor* editor() const { return m_editor; }
    QPlainTextEdit* console() const { return m_console; }
    QString whatHappened() const;
    QTableWidget* inspector() const { return m_inspector; }
    Autosave& autosave() { return m_autosave; }

    // Appends a line of code and steps onto it (the operations palette uses this).
    void appendAndStep(const QString& line);
    // The operations offered for the selected card, as (id, code); for tests.
    std::vector<std::pair<QString, QString>> operationsForSelection() const;
    void triggerOperation(const QString& id);
    bool saveTo(const QString& path);

public slots:
    void step();
    void back();
    void runToCursor();
    void runToEnd();
    void resetRun();
    void setLanguage(const QString& locale);

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createActions();
    void createMenus();
    void createDocks();
    void retranslate();
    void showStep();
    void syncScript();
    void updateTitle();
    void updateOperations();
    void rebuildRecentMenu();
    void addRecent(const QString& path);
    bool maybeSave();
    void newScript();
    void openDialog();
    void openTraceDialog();
    bool save();
    bool saveAs();
    // File → Export current step… / Export walkthrough…: figures drawn by ExportRenderer.
    void exportCurrentStep();
    void exportWalkthrough();
    void togglePlay(bool playing);
    void showWalkthrough(const QString& resourcePath);

    SessionController* m_controller;
    GraphScene* m_scene;
    GraphView* m_view;
    CodeEditor* m_editor;
    QPlainTextEdit* m_console;
    QTextBrowser* m_whatHappened;
    QTableWidget* m_inspector;
    QDockWidget* m_consoleDock;
    QDockWidget* m_whatDock;
    QDockWidget* m_inspectorDock;
    QSlider* m_timeline;
    QLabel* m_stepLabel;
    QToolBar* m_runBar;
    QToolBar* m_operationsBar;
    QTimer* m_playTimer;
    QPointer<QProgressDialog> m_recordingProgress;  // shown while a slow recording runs
    Autosave m_autosave;

    QString m_path;  // the file on disk, empty for an untitled script
    bool m_dirty = false;
    bool m_editingScript = false;
    bool m_showingStep = false;
    QString m_language;

    QMenu* m_fileMenu = nullptr;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_runMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_languageMenu = nullptr;
    QMenu* m_helpMenu = nullptr;
    QMenu* m_walkthroughMenu = nullptr;
    QAction* m_newAction = nullptr;
    QAction* m_openAction = nullptr;
    QAction* m_openTraceAction = nullptr;
    QAction* m_saveAction = nullptr;
    QAction* m_saveAsAction = nullptr;
    QAction* m_exportStepAction = nullptr;
    QAction* m_exportAllAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_stepAction = nullptr;
    QAction* m_backAction = nullptr;
    QAction* m_runToCursorAction = nullptr;
    QAction* m_runToEndAction = nullptr;
    QAction* m_resetAction = nullptr;
    QAction* m_playAction = nullptr;
    QAction* m_fitAction = nullptr;
    QAction* m_zoomInAction = nullptr;
    QAction* m_zoomOutAction = nullptr;
    QAction* m_englishAction = nullptr;
    QAction* m_chineseAction = nullptr;
    QAction* m_aboutAction = nullptr;
};

}  // namespace av::ui
