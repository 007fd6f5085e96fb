#pragma once

#include <QHash>
#include <QString>

namespace Ferry {

// Which hosts have lately answered with small files only. ConnectionPool sends their plain-HTTP
// requests through managers that use Qt's buffered socket (ProxyFactory). That socket reads
// headers cheaply but moves a body through one more copy in 64 KiB steps: for files of 32 KiB it
// saved about a fifth of Ferry's CPU time, for 1 MiB files it cost a fifth more, and a 1 GiB file
// took 2.9 s of CPU instead of 1.3 s. A host earns it with a few small answers in a row and loses
// it with its first big one (or one of unknown size).
class AnswerSizes
{
    Q_DISABLE_COPY_MOVE(AnswerSizes)

public:
    static constexpr qint64 SmallBytes = 256 << 10; // an answer's body up to this is small
    static constexpr int SmallInARow = 4;           // answers that make a host's answers small
    static constexpr qsizetype MaxHosts = 4096;     // beyond: start over (memory stays bounded)
    static constexpr int OftenAnswers = 4;          // answers of any size that make a host known

    AnswerSizes() = default;

    // A whole answer's body from `host` (lower case) was `bytes` long.
    void note(const QString &host, qint64 bytes);
    bool answersSmall(const QString &host) const;
    // Whether `host` has given OftenAnswers answers or more, of any size.
    bool answersOften(const QString &host) const;

private:
    QHash<QString, int> m_smallInARow;
    QHash<QString, int> m_answers;
};

} // namespace Ferry
