#include "autosave.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

namespace av::ui {

Autosave::Autosave(QString recoveryDirectory, QObject* parent) : QObject(parent), m_directory(std::move(recoveryDirectory))
{
    if (m_directory.isEmpty())
        m_directory = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/recovery");
    m_timer.setSingleShot(true);
    m_timer.setInterval(1500);
    connect(&m_timer, &QTimer::timeout, this, &Autosave::writeNow);
}

void Autosave::scriptEdited(const QString& originalPath, const QString& text, bool immediately)
{
    m_originalPath = originalPath;
    m_text = text;
    // One recovery file per original script (and one per process for an untitled one).
    const QByteArray key = originalPath.isEmpty() ? QByteArray::number(QCoreApplication::applicationPid()) : originalPath.toUtf8();
    m_file = m_directory + QStringLiteral("/") +
             QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Sha1).toHex().left(16)) + QStringLiteral(".json");
    if (immediately)
        writeNow();
    else
        m_timer.start();
}

void Autosave::writeNow()
{
    if (m_file.isEmpty())
        return;
    QDir().mkpath(m_directory);
    QSaveFile file(m_file);
    if (!file.open(QIODevice::WriteOnly))
        return;
    const QJsonObject record{{QStringLiteral("originalPath"), m_originalPath}, {QStringLiteral("text"), m_text}};
    const QByteArray bytes = QJsonDocument(record).toJson();
    // A short write must not replace the last good recovery file with the first part of this one (commit()
    // renames a file whose final flush failed; see MainWindow::saveTo).
    if (file.write(bytes) != bytes.size() || !file.flush())
        file.cancelWriting();
    file.commit();
}

void Autosave::flush()
{
    if (!m_timer.isActive())
        return;
    m_timer.stop();
    writeNow();
}

void Autosave::discard()
{
    m_timer.stop();
    if (!m_file.isEmpty())
        QFile::remove(m_file);
    m_file.clear();
}

std::vector<RecoveredScript> Autosave::pending() const
{
    std::vector<RecoveredScript> out;
    const QDir dir(m_directory);
    for (const QString& entry : dir.entryList({QStringLiteral("*.json")}, QDir::Files)) {
        QFile file(dir.filePath(entry));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll());
        if (!doc.isObject())
            continue;  // a corrupt recovery file is skipped, not fatal
        const QJsonObject record = doc.object();
        out.push_back({record.value(QStringLiteral("originalPath")).toString(), record.value(QStringLiteral("text")).toString(),
                       dir.filePath(entry)});
    }
    return out;
}

void Autosave::remove(const RecoveredScript& script) const { QFile::remove(script.recoveryFile); }

}  // namespace av::ui
