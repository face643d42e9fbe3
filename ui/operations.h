#pragma once
// The operations offered on a card (context menu and toolbar): each is a real line of code appended to
// the script with a fresh variable name, so a session stays a replayable, savable script.

#include "engine/session/snapshot.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace av::ui {

struct Operation {
    QString id;     // "detach", "numpy", "from_numpy", "tensor", "clone", "iadd", "t", "row", "contiguous", "reshape"
    QString label;  // translated, with the code shape: ".detach()"
    QString code;   // the line appended: "A_detached = A.detach()"
};

// The operations that make sense for `name` bound to `object` (by flavour); existing names are avoided.
std::vector<Operation> operationsFor(const engine::SnapshotObject& object, const QString& name, const QStringList& existingNames,
                                     const QString& addend = QStringLiteral("1"));

// `base`, or base2, base3, ... whichever is not taken.
QString freshName(const QString& base, const QStringList& existingNames);

// Which alias the script imported numpy under ("np" unless it says otherwise).
QString numpyAlias(const QString& script);

}  // namespace av::ui
