#pragma once
// The view onto the buffer graph: pan by dragging, zoom with Ctrl+wheel or a pinch, and fit to view.

#include <QGraphicsView>

namespace av::ui {

class GraphView : public QGraphicsView {
    Q_OBJECT

public:
    explicit GraphView(QWidget* parent = nullptr);

    void zoomBy(qreal factor);
    qreal zoom() const { return transform().m11(); }

public slots:
    void fitToView();
    void zoomIn() { zoomBy(1.2); }
    void zoomOut() { zoomBy(1 / 1.2); }

protected:
    void wheelEvent(QWheelEvent* event) override;
    bool viewportEvent(QEvent* event) override;
};

}  // namespace av::ui
