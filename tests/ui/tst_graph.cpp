// The buffer graph as the view shows it: hovering a cell with the mouse lights every cell, in every card,
// over the same bytes, and the element in the memory block; cards and blocks keep their places from step
// to step; and a trace recorded by real PyTorch (tools/trace_torch.py) draws the same alias classes, step
// by step, as the engine's trace of the same script.

#include "tests/support/testmain.h"
#include "tests/ui/uitesthelpers.h"

#include "ui/codeeditor.h"
#include "ui/graphview.h"
#include "ui/linkitem.h"
#include "ui/nameitem.h"

#include <QImage>
#include <QPainter>
#include <QPlainTextEdit>
#include <QTextCursor>
#include <QTemporaryDir>

using namespace av;
using namespace av::test::ui;
using av::ui::ArrayCardItem;
using av::ui::BufferBlockItem;
using av::ui::GraphScene;
using av::ui::MainWindow;

namespace {

// Moves the mouse onto a scene point, scrolling the view there first; false if it is not in the viewport.
bool hoverScenePoint(av::ui::GraphView* view, const QPointF& scenePoint)
{
    QCoreApplication::processEvents();  // the scene's rect grows, and the view's scroll range with it, in a queued call
    view->centerOn(scenePoint);
    const QPoint at = view->mapFromScene(scenePoint);
    if (!view->viewport()->rect().contains(at))
        return false;
    QTest::mouseMove(view->viewport(), at);
    return true;
}

// Moves the mouse to a point of the viewport where no card and no block is; false if there is none.
bool moveOffItems(av::ui::GraphView* view)
{
    const QRect area = view->viewport()->rect();
    for (int y = area.top() + 2; y < area.bottom(); y += 8) {
        for (int x = area.left() + 2; x < area.right(); x += 8) {
            bool onItem = false;
            for (QGraphicsItem* item : view->items(QPoint(x, y)))
                onItem = onItem || item->type() == ArrayCardItem::Type || item->type() == BufferBlockItem::Type;
            if (!onItem) {
                QTest::mouseMove(view->viewport(), QPoint(x, y));
                return true;
            }
        }
    }
    return false;
}

// The cells of `array` whose first byte is `offset` (its element size is that of the hovered cell's).
std::set<std::int64_t> cellsAt(const engine::SnapshotArray& array, std::int64_t begin, std::int64_t end)
{
    std::set<std::int64_t> out;
    std::int64_t count = 1;
    for (const std::int64_t extent : array.shape)
        count *= extent;
    for (std::int64_t flat = 0; flat < count; ++flat) {
        const std::int64_t offset = cellByteOffset(array, flat);
        if (offset < end && begin < offset + array.itemsize)
            out.insert(flat);
    }
    return out;
}

std::map<std::uint64_t, QPointF> blockPositions(const GraphScene& scene)
{
    std::map<std::uint64_t, QPointF> out;
    for (const std::uint64_t id : scene.blockIds())
        out[id] = scene.block(id)->pos();
    return out;
}

std::map<std::uint64_t, QPointF> cardPositions(const GraphScene& scene)
{
    std::map<std::uint64_t, QPointF> out;
    for (const std::uint64_t id : scene.cardIds())
        out[id] = scene.cardPosition(id);
    return out;
}

// Every item in `before` that is still in `after` is where it was.
void verifyNothingMoved(const std::map<std::uint64_t, QPointF>& before, const std::map<std::uint64_t, QPointF>& after, const char* what, int step)
{
    for (const auto& [id, pos] : before) {
        const auto it = after.find(id);
        if (it == after.end())
            continue;
        QVERIFY2(it->second == pos, qPrintable(QStringLiteral("%1 %2 moved from (%3, %4) to (%5, %6) at step %7")
                                                    .arg(QString::fromLatin1(what))
                                                    .arg(id)
                                                    .arg(pos.x())
                                                    .arg(pos.y())
                                                    .arg(it->second.x())
                                                    .arg(it->second.y())
                                                    .arg(step)));
    }
}

// The links a scene should draw, as (from, to) points: each name's arrow to its card, and each card's link to
// the block of its buffer; against the links it does draw.
using LinkEnds = std::multiset<std::tuple<qreal, qreal, qreal, qreal>>;

LinkEnds linkEnds(const QPointF& from, const QPointF& to) { return {{from.x(), from.y(), to.x(), to.y()}}; }

void verifyLinks(const GraphScene& scene, int step)
{
    LinkEnds expected, drawn;
    for (QGraphicsItem* item : scene.items()) {
        if (item->type() == av::ui::LinkItem::Type) {
            const auto* link = static_cast<av::ui::LinkItem*>(item);
            drawn.merge(linkEnds(link->from(), link->to()));
        } else if (item->type() == av::ui::NameItem::Type) {
            const auto* name = static_cast<av::ui::NameItem*>(item);
            const ArrayCardItem* card = scene.card(name->object());
            QVERIFY(card);
            expected.merge(linkEnds(name->pos() + name->arrowStart(), card->pos() + QPointF(0, 18)));
        }
    }
    for (const std::uint64_t id : scene.cardIds()) {
        const ArrayCardItem* card = scene.card(id);
        if (!card->object().array)
            continue;
        if (const BufferBlockItem* block = scene.block(card->object().array->buffer))
            expected.merge(linkEnds(card->pos() + card->linkAnchor(), block->pos() + block->anchorForByte(card->object().array->bufferByteOffset)));
    }
    QVERIFY2(drawn == expected, qPrintable(QStringLiteral("step %1: %2 links drawn, %3 expected").arg(step).arg(drawn.size()).arg(expected.size())));
}

}  // namespace

class TestGraph : public QObject {
    Q_OBJECT

private slots:
    void hoveringACellLightsItsAliases()
    {
        auto window = openWalkthrough();
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        const QString text = walkthroughText();
        // After the second `B += 5`: A, B and C over one buffer, D over its own.
        QVERIFY(stepUntilLine(*window, lineOf(text, QStringLiteral("B += 5"), 1)));
        const engine::Snapshot* step = window->controller()->snapshot();
        GraphScene* scene = window->scene();
        const engine::SnapshotObject* b = objectNamed(*step, "B");
        QVERIFY(b && b->array);
        const ArrayCardItem* bCard = scene->card(b->id);
        QVERIFY(bCard);
        const BufferBlockItem* block = scene->block(b->array->buffer);
        QVERIFY(block);

        std::int64_t cells = 1;
        for (const std::int64_t extent : b->array->shape)
            cells *= extent;
        for (const std::int64_t flat : {std::int64_t(0), std::int64_t(5), cells - 1}) {
            const std::optional<QRectF> rect = bCard->cellRect(flat);
            QVERIFY(rect);
            QVERIFY(hoverScenePoint(window->view(), bCard->mapToScene(rect->center())));
            const std::int64_t begin = cellByteOffset(*b->array, flat);
            const std::int64_t end = begin + b->array->itemsize;
            QCOMPARE(bCard->hoveredCells(), std::set<std::int64_t>{flat});
            // Every card: lit exactly where its cells meet those bytes of the same buffer.
            for (const engine::SnapshotObject& object : step->objects) {
                const ArrayCardItem* card = scene->card(object.id);
                QVERIFY(card);
                const std::set<std::int64_t> expected = object.array && object.array->buffer == b->array->buffer
                                                            ? cellsAt(*object.array, begin, end)
                                                            : std::set<std::int64_t>();
                QCOMPARE(card->hoveredCells(), expected);
            }
            for (const char* name : {"A", "C"})
                QCOMPARE(scene->card(objectIdNamed(*step, name))->hoveredCells().size(), std::size_t(1));
            QVERIFY(scene->card(objectIdNamed(*step, "D"))->hoveredCells().empty());
            // The block: the element over those bytes, and no other block.
            const std::int64_t itemsize = b->array->itemsize;
            QCOMPARE(block->hoveredElements(), std::set<int>{static_cast<int>(begin / itemsize)});
            for (const std::uint64_t other : scene->blockIds())
                if (other != b->array->buffer)
                    QVERIFY(scene->block(other)->hoveredElements().empty());
        }

        // Hovering an element of the memory block lights the cells over it.
        const int element = 7;
        QVERIFY(hoverScenePoint(window->view(), block->mapToScene(block->elementRect(element).center())));
        QCOMPARE(block->hoveredElements(), std::set<int>{element});
        const std::int64_t begin = element * b->array->itemsize;
        for (const engine::SnapshotObject& object : step->objects) {
            const std::set<std::int64_t> expected = object.array && object.array->buffer == b->array->buffer
                                                        ? cellsAt(*object.array, begin, begin + b->array->itemsize)
                                                        : std::set<std::int64_t>();
            QCOMPARE(scene->card(object.id)->hoveredCells(), expected);
        }

        // Off every card and block: nothing is lit.
        QVERIFY(moveOffItems(window->view()));
        for (const std::uint64_t id : scene->cardIds())
            QVERIFY(scene->card(id)->hoveredCells().empty());
        for (const std::uint64_t id : scene->blockIds())
            QVERIFY(scene->block(id)->hoveredElements().empty());
    }

    void cardsAndBlocksKeepTheirPlaces()
    {
        auto window = openWalkthrough();
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        GraphScene* scene = window->scene();
        const int count = window->controller()->stepCount();
        std::vector<std::map<std::uint64_t, QPointF>> cards, blocks;
        for (int i = 0; i < count; ++i) {
            const auto cardsBefore = cardPositions(*scene);
            const auto blocksBefore = blockPositions(*scene);
            window->step();
            verifyNothingMoved(cardsBefore, cardPositions(*scene), "card", i);
            verifyNothingMoved(blocksBefore, blockPositions(*scene), "block", i);
            // No two cards, and no two blocks, overlap.
            const std::vector<std::uint64_t> ids = scene->cardIds();
            for (std::size_t a = 0; a < ids.size(); ++a)
                for (std::size_t b = a + 1; b < ids.size(); ++b)
                    QVERIFY(!scene->card(ids[a])->sceneBoundingRect().intersects(scene->card(ids[b])->sceneBoundingRect()));
            cards.push_back(cardPositions(*scene));
            blocks.push_back(blockPositions(*scene));
        }
        QVERIFY(scene->cardIds().size() >= 4);
        // Going back shows every step with its items where they were.
        for (int i = count - 2; i >= 0; --i) {
            window->back();
            QCOMPARE(cardPositions(*scene), cards[static_cast<std::size_t>(i)]);
            QCOMPARE(blockPositions(*scene), blocks[static_cast<std::size_t>(i)]);
        }
    }

    void placesSurviveAScriptThatGrows()
    {
        // Cards that appear later, with longer names, wider values and new buffers, move none of those
        // already shown.
        auto window = std::make_unique<MainWindow>();
        window->scene()->setAnimated(false);
        window->openText(QStringLiteral("import torch\n"
                                        "import numpy as np\n"
                                        "a = torch.zeros(2)\n"
                                        "b = a.numpy()\n"
                                        "a += 1000000\n"
                                        "a_much_longer_name = torch.arange(40.).reshape(5, 8) * 123456.5\n"
                                        "c = np.ones((3, 3))\n"
                                        "del b\n"
                                        "d = a_much_longer_name[1:, 2:]\n"),
                         QStringLiteral("grow.py"));
        GraphScene* scene = window->scene();
        const int count = window->controller()->stepCount();
        QVERIFY(count >= 7);
        for (int i = 0; i < count; ++i) {
            const auto cardsBefore = cardPositions(*scene);
            const auto blocksBefore = blockPositions(*scene);
            window->step();
            QVERIFY(!window->controller()->shownError());
            verifyNothingMoved(cardsBefore, cardPositions(*scene), "card", i);
            verifyNothingMoved(blocksBefore, blockPositions(*scene), "block", i);
        }
    }

    void editingTheScriptKeepsTheCardsInPlace()
    {
        // An edit records the script again, and every object and buffer comes back under another id; the
        // cards and blocks already drawn stay the same items, where they were.
        auto window = openWalkthrough();
        window->runToEnd();
        GraphScene* scene = window->scene();
        const engine::Snapshot before = *window->controller()->snapshot();
        std::map<std::string, std::pair<const ArrayCardItem*, QPointF>> cards;
        std::map<std::string, std::pair<const BufferBlockItem*, QPointF>> blocks;
        for (const auto& [path, id] : cardPaths(before)) {
            const ArrayCardItem* card = scene->card(id);
            QVERIFY(card);
            cards[path] = {card, card->pos()};
            const BufferBlockItem* block = scene->block(card->object().array->buffer);
            QVERIFY(block);
            blocks[path] = {block, block->pos()};
        }
        QCOMPARE(cards.size(), scene->cardIds().size());

        QTextCursor cursor = window->editor()->textCursor();
        cursor.movePosition(QTextCursor::End);
        cursor.insertText(QStringLiteral("E = A * 2\n"));
        window->step();
        const engine::Snapshot* step = window->controller()->snapshot();
        QVERIFY(objectNamed(*step, "E"));
        QVERIFY(objectIdNamed(*step, "A") != objectIdNamed(before, "A"));  // recorded again: other ids
        const std::map<std::string, std::uint64_t> paths = cardPaths(*step);
        for (const auto& [path, drawn] : cards) {
            const ArrayCardItem* card = scene->card(paths.at(path));
            QVERIFY2(card == drawn.first, path.c_str());
            QCOMPARE(card->pos(), drawn.second);
            const BufferBlockItem* block = scene->block(card->object().array->buffer);
            QVERIFY2(block == blocks.at(path).first, path.c_str());
            QCOMPARE(block->pos(), blocks.at(path).second);
        }
        // E's card is new, below the others.
        const ArrayCardItem* e = scene->card(objectIdNamed(*step, "E"));
        QVERIFY(e);
        QCOMPARE(e->badge(), GraphScene::tr("new"));
        for (const auto& [path, drawn] : cards)
            QVERIFY(e->pos().y() > drawn.second.y());
        QCOMPARE(scene->cardIds().size(), cards.size() + 1);
    }

    void stepByStepLooksAsIfDrawnAfresh()
    {
        // A step redraws only what changed: cards, blocks, names and links are kept and updated in place. Each
        // step must still look as if drawn from its Snapshot alone: the same cards and blocks, of the same
        // sizes, with the same tints and badges, names and links.
        const std::string script = "import torch\n"
                                   "x = torch.arange(6, dtype=torch.float32)\n"
                                   "y = x\n"
                                   "v = x[1:4]\n"
                                   "x += 1\n"
                                   "print(x)\n"
                                   "x[2] = 123456.5\n"
                                   "n = x.numpy()\n"
                                   "del y\n"
                                   "w = v.clone().requires_grad_()\n"
                                   "w2 = w * 2\n"
                                   "v = torch.zeros(2)\n"
                                   "n += 1\n"
                                   "x = 5\n";
        engine::Session session;
        const engine::Trace trace = session.record("incremental.py", script);
        QCOMPARE(trace.exitStatus, 0);
        GraphScene incremental;
        incremental.setAnimated(false);
        for (const engine::Snapshot& step : trace.steps) {
            incremental.showSnapshot(step);
            GraphScene fresh;
            fresh.setAnimated(false);
            fresh.showSnapshot(step);
            const QString at = QStringLiteral("step %1, line %2").arg(step.index).arg(step.line);
            QVERIFY2(incremental.cardIds() == fresh.cardIds(), qPrintable(at));
            QVERIFY2(incremental.blockIds() == fresh.blockIds(), qPrintable(at));
            QVERIFY2(incremental.nameBindings() == fresh.nameBindings(), qPrintable(at));
            for (const std::uint64_t id : fresh.cardIds()) {
                const ArrayCardItem* a = incremental.card(id);
                const ArrayCardItem* b = fresh.card(id);
                QVERIFY2(a->object() == b->object(), qPrintable(at));
                QVERIFY2(a->boundingRect() == b->boundingRect(), qPrintable(at));
                QVERIFY2(a->changedCells() == b->changedCells(), qPrintable(at));
                QVERIFY2(a->badge() == b->badge(), qPrintable(at));
            }
            for (const std::uint64_t id : fresh.blockIds()) {
                const BufferBlockItem* a = incremental.block(id);
                const BufferBlockItem* b = fresh.block(id);
                QVERIFY2(a->buffer() == b->buffer(), qPrintable(at));
                QVERIFY2(a->boundingRect() == b->boundingRect(), qPrintable(at));
                QVERIFY2(a->changedElements() == b->changedElements(), qPrintable(at));
            }
            verifyLinks(incremental, step.index);
            verifyLinks(fresh, step.index);
            if (QTest::currentTestFailed())
                return;
        }
    }

    void cardsWithoutANameShowThePathToThem()
    {
        // B = A.detach().numpy(): the tensor detach() made has no name, but B.base keeps it alive and the
        // Snapshot shows it. Its card is labelled "B.base"; a base of a base, "n.base.base"; named objects
        // get no such label.
        engine::Session session;
        const engine::Trace trace = session.record(
            "bases.py", "import torch\nA = torch.arange(6.)\nB = A.detach().numpy()\nn = B[1:]\nm = n\ndel B\n");
        QCOMPARE(trace.exitStatus, 0);
        GraphScene scene;
        scene.setAnimated(false);
        const auto baseOf = [](const engine::Snapshot& step, const std::string& name) {
            return *objectNamed(step, name)->array->base;
        };
        const auto afterB = std::find_if(trace.steps.begin(), trace.steps.end(), [](const auto& step) { return step.line == 3; });
        QVERIFY(afterB != trace.steps.end());
        scene.showSnapshot(*afterB);
        using Labels = std::vector<std::pair<QString, std::uint64_t>>;
        QCOMPARE(scene.derivedLabels(), (Labels{{QStringLiteral("B.base"), baseOf(*afterB, "B")}}));
        QVERIFY(scene.card(baseOf(*afterB, "B")));
        verifyLinks(scene, afterB->index);
        const engine::Snapshot& last = trace.steps.back();
        QCOMPARE(last.line, 6);
        scene.showSnapshot(last);  // B deleted: n reaches B's array, and the tensor behind it
        const std::uint64_t nBase = baseOf(last, "n");
        const engine::SnapshotObject* bArray = nullptr;
        for (const engine::SnapshotObject& object : last.objects)
            if (object.id == nBase)
                bArray = &object;
        QVERIFY(bArray && bArray->array && bArray->array->base);
        QCOMPARE(scene.derivedLabels(),
                 (Labels{{QStringLiteral("n.base"), nBase}, {QStringLiteral("n.base.base"), *bArray->array->base}}));
        verifyLinks(scene, last.index);
    }

    void drawnSmallACardStillShowsItsChangedCells()
    {
        // Fitted into the view, a large graph is drawn too small to read: cards lose their text, not the tint
        // of the cells the step changed. Rendered at a tenth of its size, the centre of a changed cell has the
        // changed colour, and that of an unchanged cell does not.
        engine::Session session;
        const engine::Trace trace = session.record("small.py", "import torch\nx = torch.zeros(4, 4)\nx[1, 2] = 1\n");
        const engine::Snapshot& step = trace.steps.back();
        GraphScene scene;
        scene.setAnimated(false);
        scene.showSnapshot(step);
        const ArrayCardItem* card = scene.card(objectNamed(step, "x")->id);
        QVERIFY(card);
        QCOMPARE(card->changedCells(), (std::set<std::int64_t>{6}));
        for (const qreal scale : {1.0, 0.3, 0.1}) {
            const QRectF source = card->sceneBoundingRect();
            QImage image((source.size() * scale).toSize() + QSize(1, 1), QImage::Format_ARGB32);
            image.fill(Qt::transparent);
            QPainter painter(&image);
            scene.render(&painter, QRectF(0, 0, source.width() * scale, source.height() * scale), source);
            painter.end();
            // Left of the cell's middle, where the right-aligned value's text is not.
            const auto colourAt = [&](std::int64_t cell) {
                const QRectF rect = *card->cellRect(cell);
                const QPointF point = card->mapToScene(QPointF(rect.left() + rect.width() * 0.3, rect.center().y())) - source.topLeft();
                return image.pixelColor((point * scale).toPoint());
            };
            const QColor changed = colourAt(6), unchanged = colourAt(5);
            QVERIFY2(changed != unchanged, qPrintable(QString::number(scale)));
            QVERIFY2(qAbs(changed.hue() - scene.theme().changedFill.hue()) <= 8, qPrintable(changed.name()));
        }
    }

    void rebindingANameKeepsItsPlace()
    {
        // `a = a + 1` makes a new object and frees the old one: the new a is drawn where a was, marked new.
        auto window = std::make_unique<MainWindow>();
        window->scene()->setAnimated(false);
        window->openText(QStringLiteral("import torch\na = torch.zeros(2)\nb = torch.ones(3)\na = a + 1\n"), QStringLiteral("rebind.py"));
        QVERIFY(stepUntilLine(*window, 3));
        const engine::Snapshot before = *window->controller()->snapshot();
        const QPointF aPlace = window->scene()->cardPosition(objectIdNamed(before, "a"));
        const QPointF bPlace = window->scene()->cardPosition(objectIdNamed(before, "b"));
        window->step();
        const engine::Snapshot* step = window->controller()->snapshot();
        QVERIFY(objectIdNamed(*step, "a") != objectIdNamed(before, "a"));
        QVERIFY(objectNamed(*step, "a")->isNew);
        QCOMPARE(window->scene()->cardIds().size(), std::size_t(2));
        QCOMPARE(window->scene()->cardPosition(objectIdNamed(*step, "a")), aPlace);
        QCOMPARE(window->scene()->cardPosition(objectIdNamed(*step, "b")), bPlace);
        QCOMPARE(window->scene()->card(objectIdNamed(*step, "a"))->badge(), GraphScene::tr("new"));
        // Back: the old a is drawn there again.
        window->back();
        QCOMPARE(window->scene()->cardPosition(objectIdNamed(before, "a")), aPlace);
    }

    void realTorchTraceShowsTheSameAliasClasses()
    {
        const QString problem = realTorchProblem();
        if (problem.size())
            QSKIP(qPrintable(problem));
        QTemporaryDir folder;
        const QString script = sourcePath(QStringLiteral("resources/walkthroughs/01-ndarray-tensor.py"));
        const QString failure = traceWithRealTorch({script}, folder.path());
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        const QString tracePath = folder.filePath(QStringLiteral("0.json"));
        const engine::Trace real = readTraceFile(tracePath);
        QVERIFY(real.producer.find("trace_torch") != std::string::npos);
        const engine::Trace ours = engine::Session().record(kWalkthroughName.toStdString(), walkthroughText().toStdString());

        MainWindow window;
        window.setLanguage(QStringLiteral("en"));
        window.scene()->setAnimated(false);
        QVERIFY(window.openPath(tracePath));
        QVERIFY(window.controller()->isReadOnly());
        QCOMPARE(window.editor()->toPlainText(), walkthroughText());
        QCOMPARE(window.controller()->stepCount(), static_cast<int>(real.steps.size()));
        QCOMPARE(real.steps.size(), ours.steps.size());
        bool sawSharing = false;
        for (std::size_t i = 0; i < real.steps.size(); ++i) {
            window.step();
            QCOMPARE(window.controller()->currentStep(), static_cast<int>(i));
            QCOMPARE(real.steps[i].line, ours.steps[i].line);
            const AliasClasses drawn = drawnAliasClasses(*window.scene());
            QVERIFY2(drawn == aliasClasses(ours.steps[i]),
                     qPrintable(QStringLiteral("step %1 (line %2): drawn from real PyTorch %3, the engine says %4")
                                    .arg(i)
                                    .arg(real.steps[i].line)
                                    .arg(describe(drawn), describe(aliasClasses(ours.steps[i])))));
            for (const auto& names : drawn)
                sawSharing = sawSharing || names.size() > 1;
            // The cards marked changed are those of the same names in both traces.
            std::set<std::string> changedDrawn, changedOurs;
            for (const auto& [name, object] : window.scene()->nameBindings())
                if (window.scene()->card(object)->badge() == GraphScene::tr("changed"))
                    changedDrawn.insert(name.toStdString());
            for (const engine::SnapshotName& n : ours.steps[i].names) {
                const engine::SnapshotObject* object = objectNamed(ours.steps[i], n.name);
                if (object && !object->isNew && object->array && object->array->changed)
                    changedOurs.insert(n.name);
            }
            QVERIFY2(changedDrawn == changedOurs, qPrintable(QStringLiteral("step %1 (line %2)").arg(i).arg(real.steps[i].line)));
        }
        QVERIFY(sawSharing);
        // The console shows what real Python printed.
        std::string printed;
        for (const engine::Snapshot& step : real.steps)
            printed += step.stdoutText + step.stderrText;
        QCOMPARE(window.console()->toPlainText(), QString::fromStdString(printed));
    }
};

AV_GUI_TEST_MAIN(TestGraph)
#include "tst_graph.moc"
