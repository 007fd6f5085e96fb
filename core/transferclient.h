#pragma once

#include "core/engineoptions.h"
#include "core/transferid.h"
#include "core/transferrequest.h"
#include "core/transfersnapshot.h"

#include <QList>
#include <QObject>
#include <QPointer>

namespace Ferry {

class Engine;

// The front ends' handle on the engine. Lives on the caller's thread (the GUI thread), forwards
// commands to the engine's thread as queued calls and re-emits the engine's batched signals
// there. Only value types cross.
class TransferClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransferClient)

public:
    explicit TransferClient(Engine *engine, QObject *parent = nullptr);

    QList<TransferId> add(const QList<TransferRequest> &requests);
    void pause(const QList<TransferId> &ids);
    void resume(const QList<TransferId> &ids);
    void cancel(const QList<TransferId> &ids);
    void remove(const QList<TransferId> &ids, bool deleteFiles);
    void pauseAll();
    void resumeAll();
    void stopAll();
    void setOptions(const EngineOptions &options);

signals:
    void transfersChanged(const QList<Ferry::TransferSnapshot> &changed,
                          const Ferry::TransferTotals &totals);
    void transfersRemoved(const QList<Ferry::TransferId> &ids);
    void drained();
    void stopped();

private:
    template<typename Call>
    void post(Call &&call);

    QPointer<Engine> m_engine;
};

} // namespace Ferry
