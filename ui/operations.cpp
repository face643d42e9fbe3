#include "operations.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace av::ui {

QString freshName(const QString& base, const QStringList& existingNames)
{
    if (!existingNames.contains(base))
        return base;
    for (int i = 2;; ++i) {
        const QString candidate = base + QString::number(i);
        if (!existingNames.contains(candidate))
            return candidate;
    }
}

QString numpyAlias(const QString& script)
{
    static const QRegularExpression importAs(QStringLiteral("^\\s*import\\s+numpy\\s+as\\s+(\\w+)"), QRegularExpression::MultilineOption);
    const auto match = importAs.match(script);
    if (match.hasMatch())
        return match.captured(1);
    static const QRegularExpression plain(QStringLiteral("^\\s*import\\s+numpy\\s*$"), QRegularExpression::MultilineOption);
    return plain.match(script).hasMatch() ? QStringLiteral("numpy") : QStringLiteral("np");
}

std::vector<Operation> operationsFor(const engine::SnapshotObject& object, const QString& name, const QStringList& existing,
                                     const QString& addend)
{
    std::vector<Operation> out;
    if (!object.array || name.isEmpty())
        return out;
    const bool tensor = object.type == "torch.Tensor";
    const auto add = [&](const QString& id, const QString& label, const QString& base, const QString& expression) {
        out.push_back({id, label, base.isEmpty() ? expression : freshName(base, existing) + QStringLiteral(" = ") + expression});
    };
    if (tensor) {
        add(QStringLiteral("detach"), QCoreApplication::translate("Operations", ".detach()"), name + QStringLiteral("_detached"), name + QStringLiteral(".detach()"));
        add(QStringLiteral("numpy"), QCoreApplication::translate("Operations", ".numpy()"), name + QStringLiteral("_np"), name + QStringLiteral(".numpy()"));
    } else {
        add(QStringLiteral("from_numpy"), QCoreApplication::translate("Operations", "torch.from_numpy(·)"), name + QStringLiteral("_t"),
            QStringLiteral("torch.from_numpy(") + name + QStringLiteral(")"));
    }
    add(QStringLiteral("tensor"), QCoreApplication::translate("Operations", "torch.tensor(·) (a copy)"), name + QStringLiteral("_copy"),
        QStringLiteral("torch.tensor(") + name + QStringLiteral(")"));
    if (tensor)
        add(QStringLiteral("clone"), QCoreApplication::translate("Operations", ".clone()"), name + QStringLiteral("_clone"), name + QStringLiteral(".clone()"));
    add(QStringLiteral("iadd"), QCoreApplication::translate("Operations", "+= %1").arg(addend), QString(), name + QStringLiteral(" += ") + addend);
    if (object.array->shape.size() == 2)
        add(QStringLiteral("t"), tensor ? QCoreApplication::translate("Operations", ".t()") : QCoreApplication::translate("Operations", ".T"), name + QStringLiteral("_T"), name + (tensor ? QStringLiteral(".t()") : QStringLiteral(".T")));
    if (!object.array->shape.empty())
        add(QStringLiteral("row"), QCoreApplication::translate("Operations", "a row slice [0]"), name + QStringLiteral("_row"), name + QStringLiteral("[0]"));
    if (tensor)
        add(QStringLiteral("contiguous"), QCoreApplication::translate("Operations", ".contiguous()"), name + QStringLiteral("_c"), name + QStringLiteral(".contiguous()"));
    add(QStringLiteral("reshape"), QCoreApplication::translate("Operations", ".reshape(-1)"), name + QStringLiteral("_flat"), name + QStringLiteral(".reshape(-1)"));
    return out;
}

}  // namespace av::ui
