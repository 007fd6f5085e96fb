#pragma once

#include <QJsonValue>
#include <QString>

namespace Ferry {

// The outcome of one JSON-RPC call to aria2, as a value: its result, or why there is none.
struct Aria2Reply
{
    enum class Status {
        Ok,
        RpcError,     // aria2 answered with an error object (code, message)
        Timeout,      // no answer in time
        NotConnected, // the call could not be sent, or the connection dropped before the answer
    };

    Status status = Status::Ok;
    QJsonValue result;
    int errorCode = 0;
    QString errorMessage; // aria2's own text, untranslated

    bool isOk() const { return status == Status::Ok; }
};

} // namespace Ferry
