#pragma once
// Every QGraphicsItem type of the scene in one place, as Qt's diagramscene example keeps them.

#include <QGraphicsItem>

namespace av::ui {

enum ItemType {
    NameItemType = QGraphicsItem::UserType + 1,
    ArrayCardItemType,
    BufferBlockItemType,
    LinkItemType,
    ColumnTitleItemType,
};

}  // namespace av::ui
