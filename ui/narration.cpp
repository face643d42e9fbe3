#include "narration.h"

#include "cardgrid.h"

#include <QCoreApplication>

#include <algorithm>
#include <map>
#include <set>

namespace av::ui {

namespace {

const engine::SnapshotObject* findObject(const engine::Snapshot& snapshot, std::uint64_t id)
{
    for (const engine::SnapshotObject& object : snapshot.objects)
        if (object.id == id)
            return &object;
    return nullptr;
}

QString joinNames(const QStringList& names)
{
    if (names.isEmpty())
        return {};
    if (names.size() == 1)
        return names.front();
    QStringList head = names;
    const QString last = head.takeLast();
    return head.join(QStringLiteral(", ")) + QCoreApplication::translate("Narration", " and ") + last;
}

QString address(std::uint64_t value) { return QStringLiteral("0x") + QString::number(value, 16); }

// The byte offsets every cell of an array occupies (up to a cap, enough for the views people draw).
std::set<std::int64_t> occupiedBytes(const engine::SnapshotArray& array)
{
    std::set<std::int64_t> bytes;
    std::int64_t count = 1;
    for (const std::int64_t s : array.shape)
        count *= s;
    count = std::min<std::int64_t>(count, 1 << 16);
    for (std::int64_t i = 0; i < count; ++i) {
        const std::int64_t offset = cellByteOffset(array, i);
        for (std::int64_t b = 0; b < array.itemsize; ++b)
            bytes.insert(offset + b);
    }
    return bytes;
}

QString tupleText(const std::vector<std::int64_t>& values)
{
    QString out = QStringLiteral("(");
    for (std::size_t i = 0; i < values.size(); ++i)
        out += (i ? QStringLiteral(", ") : QString()) + QString::number(values[i]);
    if (values.size() == 1)
        out += QLatin1Char(',');
    return out + QLatin1Char(')');
}

}  // namespace

QString namesOf(const engine::Snapshot& snapshot, std::uint64_t objectId)
{
    QStringList names;
    for (const engine::SnapshotName& name : snapshot.names)
        if (name.object == objectId)
            names << QString::fromStdString(name.name);
    return joinNames(names);
}

std::vector<std::uint64_t> sharingObjects(const engine::Snapshot& snapshot, std::uint64_t objectId)
{
    std::vector<std::uint64_t> out;
    const engine::SnapshotObject* self = findObject(snapshot, objectId);
    if (!self || !self->array)
        return out;
    const std::set<std::int64_t> mine = occupiedBytes(*self->array);
    for (const engine::SnapshotObject& other : snapshot.objects) {
        if (other.id == objectId || !other.array || other.array->buffer != self->array->buffer)
            continue;
        const std::set<std::int64_t> theirs = occupiedBytes(*other.array);
        const bool meets = std::any_of(theirs.begin(), theirs.end(), [&](std::int64_t b) { return mine.count(b) > 0; });
        if (meets)
            out.push_back(other.id);
    }
    return out;
}

QString describeStep(const engine::Snapshot& snapshot, const QString& code)
{
    const QString quoted = QStringLiteral("`") + code.trimmed() + QStringLiteral("`");
    if (snapshot.error)
        return QCoreApplication::translate("Narration", "%1 raised %2: %3").arg(quoted, QString::fromStdString(snapshot.error->type), QString::fromStdString(snapshot.error->message));
    QStringList sentences;
    // Writes: per buffer, who sees it and changed, and who lives elsewhere and did not.
    std::map<std::uint64_t, std::pair<std::int64_t, std::int64_t>> written;  // buffer -> (elements, bytes)
    for (const engine::SnapshotWrite& write : snapshot.writes) {
        auto& [elements, bytes] = written[write.buffer];
        elements += write.elementsWritten;
        for (const auto& [begin, end] : write.writtenRanges)
            bytes += end - begin;
    }
    for (const auto& [bufferId, totals] : written) {
        const engine::SnapshotBuffer* buffer = nullptr;
        for (const engine::SnapshotBuffer& b : snapshot.buffers)
            if (b.id == bufferId)
                buffer = &b;
        QStringList changed, unchanged;
        for (const engine::SnapshotObject& object : snapshot.objects) {
            if (!object.array)
                continue;
            const QString names = namesOf(snapshot, object.id);
            if (names.isEmpty())
                continue;
            if (object.array->buffer == bufferId && (object.array->changed || !object.array->changedCells.empty()))
                changed << names;
            else if (object.array->buffer != bufferId)
                unchanged << QCoreApplication::translate("Narration", "%1 (buffer #%2)").arg(names).arg(object.array->buffer);
            else
                unchanged << names;
        }
        QString sentence = QCoreApplication::translate("Narration", "%1 wrote %2 elements (%3 bytes) of buffer #%4").arg(quoted).arg(totals.first).arg(totals.second).arg(bufferId);
        if (buffer)
            sentence += QCoreApplication::translate("Narration", " at %1").arg(address(buffer->address));
        if (!changed.isEmpty())
            sentence += QCoreApplication::translate("Narration", "; %1 see buffer #%2 and changed").arg(joinNames(changed)).arg(bufferId);
        if (!unchanged.isEmpty())
            sentence += QCoreApplication::translate("Narration", "; %1 did not change").arg(joinNames(unchanged));
        sentences << sentence + QCoreApplication::translate("Narration", ".", "end of a sentence");
    }
    // New objects: a view of existing memory, or a copy in a new buffer.
    for (const engine::SnapshotObject& object : snapshot.objects) {
        if (!object.isNew || !object.array)
            continue;
        const QString names = namesOf(snapshot, object.id);
        if (names.isEmpty())
            continue;
        QStringList sharers;
        for (const std::uint64_t other : sharingObjects(snapshot, object.id)) {
            const QString otherNames = namesOf(snapshot, other);
            if (!otherNames.isEmpty())
                sharers << otherNames;
        }
        if (!sharers.isEmpty())
            sentences << QCoreApplication::translate("Narration", "%1 made %2, a %3 that shares buffer #%4 with %5: no copy.")
                             .arg(quoted, names, QString::fromStdString(object.type))
                             .arg(object.array->buffer)
                             .arg(joinNames(sharers));
        else
            sentences << QCoreApplication::translate("Narration", "%1 made %2, a %3 in its own buffer #%4.")
                             .arg(quoted, names, QString::fromStdString(object.type))
                             .arg(object.array->buffer);
    }
    if (sentences.isEmpty()) {
        if (!snapshot.stdoutText.empty())
            return QCoreApplication::translate("Narration", "%1 printed; memory did not change.").arg(quoted);
        return QCoreApplication::translate("Narration", "%1 changed no memory.").arg(quoted);
    }
    return sentences.join(QLatin1Char(' '));
}

QString narrationFor(const QString& script, int line, const QString& language)
{
    const QStringList lines = script.split(QLatin1Char('\n'));
    const QString wanted = language.startsWith(QStringLiteral("zh")) ? QStringLiteral("zh:") : QStringLiteral("en:");
    QStringList out;
    for (int l = line - 2; l >= 0 && l < lines.size(); --l) {
        const QString text = lines.at(l).trimmed();
        if (!text.startsWith(QLatin1Char('#')))
            break;
        QString body = text.mid(1).trimmed();
        if (body.startsWith(QStringLiteral("en:")) || body.startsWith(QStringLiteral("zh:"))) {
            if (!body.startsWith(wanted))
                continue;
            body = body.mid(3).trimmed();
        }
        out.prepend(body);
    }
    return out.join(QLatin1Char('\n'));
}

std::vector<std::pair<QString, QString>> inspectorRows(const engine::Snapshot& snapshot, std::uint64_t objectId)
{
    std::vector<std::pair<QString, QString>> rows;
    const engine::SnapshotObject* object = findObject(snapshot, objectId);
    if (!object)
        return rows;
    rows.emplace_back(QCoreApplication::translate("Narration", "names"), namesOf(snapshot, objectId));
    rows.emplace_back(QCoreApplication::translate("Narration", "type"), QString::fromStdString(object->type));
    rows.emplace_back(QCoreApplication::translate("Narration", "id()"), QString::number(object->id));
    if (!object->array) {
        rows.emplace_back(QCoreApplication::translate("Narration", "value"), QString::fromStdString(object->repr));
        return rows;
    }
    const engine::SnapshotArray& a = *object->array;
    const bool numpy = object->type.rfind("numpy.", 0) == 0;
    rows.emplace_back(QCoreApplication::translate("Narration", "dtype"), QString::fromStdString(a.dtype));
    rows.emplace_back(QCoreApplication::translate("Narration", "shape"), tupleText(a.shape));
    rows.emplace_back(QCoreApplication::translate("Narration", "strides (elements)"), tupleText(a.strides));
    if (numpy) {
        std::vector<std::int64_t> bytes;
        for (const std::int64_t s : a.strides)
            bytes.push_back(s * a.itemsize);
        rows.emplace_back(QCoreApplication::translate("Narration", "strides (bytes)"), tupleText(bytes));
    }
    rows.emplace_back(QCoreApplication::translate("Narration", "storage offset"), QString::number(a.storageOffset));
    rows.emplace_back(QCoreApplication::translate("Narration", "data_ptr"), address(a.dataPtr));
    for (const engine::SnapshotStorage& storage : snapshot.storages)
        if (a.storage && storage.id == *a.storage)
            rows.emplace_back(QCoreApplication::translate("Narration", "storage data_ptr"), address(storage.address));
    std::int64_t count = 1;
    for (const std::int64_t s : a.shape)
        count *= s;
    rows.emplace_back(QCoreApplication::translate("Narration", "nbytes"), QString::number(count * a.itemsize));
    rows.emplace_back(QCoreApplication::translate("Narration", "is_contiguous"), a.contiguous ? QCoreApplication::translate("Narration", "True") : QCoreApplication::translate("Narration", "False"));
    rows.emplace_back(QCoreApplication::translate("Narration", "device"), QString::fromStdString(a.device));
    if (!numpy) {
        rows.emplace_back(QCoreApplication::translate("Narration", "version"), QString::number(a.version));
        rows.emplace_back(QCoreApplication::translate("Narration", "requires_grad"), a.requiresGrad ? QCoreApplication::translate("Narration", "True") : QCoreApplication::translate("Narration", "False"));
        rows.emplace_back(QCoreApplication::translate("Narration", "is_leaf"), a.isLeaf ? QCoreApplication::translate("Narration", "True") : QCoreApplication::translate("Narration", "False"));
        rows.emplace_back(QCoreApplication::translate("Narration", "grad_fn"), a.gradFn.empty() ? QStringLiteral("None") : QString::fromStdString(a.gradFn));
    } else {
        rows.emplace_back(QCoreApplication::translate("Narration", "OWNDATA"), a.ownData ? QCoreApplication::translate("Narration", "True") : QCoreApplication::translate("Narration", "False"));
        rows.emplace_back(QCoreApplication::translate("Narration", "WRITEABLE"), a.writeable ? QCoreApplication::translate("Narration", "True") : QCoreApplication::translate("Narration", "False"));
        rows.emplace_back(QCoreApplication::translate("Narration", "base"), a.base ? namesOf(snapshot, *a.base).isEmpty() ? QStringLiteral("id ") + QString::number(*a.base)
                                                                                      : namesOf(snapshot, *a.base)
                                             : QStringLiteral("None"));
    }
    rows.emplace_back(QCoreApplication::translate("Narration", "buffer"), QStringLiteral("#") + QString::number(a.buffer));
    QStringList sharers;
    for (const std::uint64_t other : sharingObjects(snapshot, objectId)) {
        const QString names = namesOf(snapshot, other);
        sharers << (names.isEmpty() ? QStringLiteral("id ") + QString::number(other) : names);
    }
    rows.emplace_back(QCoreApplication::translate("Narration", "shares memory with"), sharers.isEmpty() ? QCoreApplication::translate("Narration", "nothing") : sharers.join(QStringLiteral(", ")));
    return rows;
}

}  // namespace av::ui
