#include "answersizes.h"

#include <algorithm>

namespace Ferry {

void AnswerSizes::note(const QString &host, qint64 bytes)
{
    if (m_answers.size() >= MaxHosts && !m_answers.contains(host))
        m_answers.clear();
    int &answers = m_answers[host];
    answers = std::min(answers + 1, OftenAnswers);
    if (bytes < 0 || bytes > SmallBytes) {
        m_smallInARow.remove(host);
        return;
    }
    if (m_smallInARow.size() >= MaxHosts && !m_smallInARow.contains(host))
        m_smallInARow.clear();
    int &count = m_smallInARow[host];
    count = std::min(count + 1, SmallInARow);
}

bool AnswerSizes::answersSmall(const QString &host) const
{
    return m_smallInARow.value(host) >= SmallInARow;
}

bool AnswerSizes::answersOften(const QString &host) const
{
    return m_answers.value(host) >= OftenAnswers;
}

} // namespace Ferry
