#pragma once

#include <QMetaObject>
#include <QObject>
#include <QVarLengthArray>

namespace Ferry {

// The connections one receiver made to one sender, undone together. sender->disconnect(receiver)
// walks every signal the sender has ever had connected: about 1,300 instructions for a
// QNetworkReply or a QTcpSocket, ten times per small file. Undoing the recorded connections
// one by one costs a fraction of that. Whoever uses it must record every connection between
// the two, or the rest outlive disconnectAll().
class SignalLinks
{
public:
    void add(QMetaObject::Connection connection) { m_links.append(std::move(connection)); }

    void disconnectAll()
    {
        for (const QMetaObject::Connection &link : std::as_const(m_links))
            QObject::disconnect(link);
        m_links.clear();
    }

private:
    QVarLengthArray<QMetaObject::Connection, 4> m_links;
};

} // namespace Ferry
