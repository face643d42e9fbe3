#pragma once
// What a step did, in one or two sentences, generated from the step's writes and the views over the
// buffers it touched — never written by hand for an example. Also the facts the Inspector shows.

#include "engine/session/snapshot.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace av::ui {

// "`B += 5` wrote 12 elements (48 bytes) of buffer #1 at 0x…; A, B and C see buffer #1 and changed;
// D owns buffer #2 and did not change."
QString describeStep(const engine::Snapshot& snapshot, const QString& code);

// The names bound to an object, joined for prose ("A", "A and Y").
QString namesOf(const engine::Snapshot& snapshot, std::uint64_t objectId);

// The objects (by id) that share at least one byte with `objectId`'s array, exactly.
std::vector<std::uint64_t> sharingObjects(const engine::Snapshot& snapshot, std::uint64_t objectId);

// The narration of the step that ran `line`: the comment lines directly above it. Lines written as
// "en: ..." or "zh: ..." are shown only in that language; other comment lines always.
QString narrationFor(const QString& script, int line, const QString& language);

// (property, value) rows for the Inspector.
std::vector<std::pair<QString, QString>> inspectorRows(const engine::Snapshot& snapshot, std::uint64_t objectId);

}  // namespace av::ui
