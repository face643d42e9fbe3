#include "graphview.h"

#include <QGestureEvent>
#include <QNativeGestureEvent>
#include <QPinchGesture>
#include <QWheelEvent>

namespace av::ui {

GraphView::GraphView(QWidget* parent) : QGraphicsView(parent)
{
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    viewport()->grabGesture(Qt::PinchGesture);
}

void GraphView::zoomBy(qreal factor)
{
    const qreal next = std::clamp(zoom() * factor, 0.1, 8.0);
    const qreal applied = next / zoom();
    scale(applied, applied);
}

void GraphView::fitToView()
{
    if (!scene())
        return;
    const QRectF bounds = scene()->itemsBoundingRect().adjusted(-20, -20, 20, 20);
    if (bounds.isEmpty())
        return;
    fitInView(bounds, Qt::KeepAspectRatio);
    // Never blow a small graph up past its natural size.
    if (zoom() > 1.0)
        resetTransform();
}

void GraphView::wheelEvent(QWheelEvent* event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        zoomBy(std::pow(1.0015, event->angleDelta().y()));
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

bool GraphView::viewportEvent(QEvent* event)
{
    if (event->type() == QEvent::Gesture) {
        auto* gesture = static_cast<QGestureEvent*>(event);
        if (auto* pinch = static_cast<QPinchGesture*>(gesture->gesture(Qt::PinchGesture))) {
            zoomBy(pinch->scaleFactor());
            return true;
        }
    }
    if (event->type() == QEvent::NativeGesture) {
        auto* native = static_cast<QNativeGestureEvent*>(event);
        if (native->gestureType() == Qt::ZoomNativeGesture) {
            zoomBy(1 + native->value());
            return true;
        }
    }
    return QGraphicsView::viewportEvent(event);
}

}  // namespace av::ui
