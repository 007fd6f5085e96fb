#pragma once

#include "core/urllistreader.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringView>
#include <QUrl>

namespace Ferry {

// Finds every http and https URL in free text: one per line, several per line, or mixed into
// prose (a pasted mail, a web page's text). Each line that yields none is rejected with a
// reason, except blank lines and '#' comments. A URL seen before -- earlier in the input, or in
// the known set (the queue) -- is counted and left out. Text may arrive in pieces (addText per
// block of whole lines); line numbers continue until beginSource().
class UrlExtractor
{
    Q_DECLARE_TR_FUNCTIONS(UrlExtractor)

public:
    static constexpr qsizetype MaxStoredRejections = 1000;

    // URLs already queued, as key() gives them.
    void setKnownKeys(QSet<QByteArray> known) { m_known = std::move(known); }

    // Starts a new piece of input (a dropped file, say): line numbers restart at 1 and
    // rejections name `name` when it is not empty.
    void beginSource(const QString &name);
    // Scans whole lines; a last line without a newline counts as a line.
    void addText(QStringView text);
    // A URL that arrived as one (text/uri-list); anything not http(s) is rejected.
    void addUrl(const QUrl &url);

    QList<QUrl> urls() const { return m_urls; }

    // The first MaxStoredRejections rejected lines; problem.text names the source, when set.
    QList<UrlListProblem> rejected() const { return m_rejected; }

    qint64 rejectedCount() const { return m_rejectedCount; }

    int duplicateCount() const { return m_duplicates; } // repeated within the input

    int knownCount() const { return m_knownHits; } // already queued

    // The identity of a download's URL for duplicate checks (the fragment never reaches the
    // server, so it does not count).
    static QByteArray key(const QUrl &url);

private:
    void scanLine(QStringView line);
    void reject(QStringView line, const QString &reason);
    bool accept(const QUrl &url);

    QSet<QByteArray> m_known;
    QSet<QByteArray> m_seen;
    QList<QUrl> m_urls;
    QList<UrlListProblem> m_rejected;
    qint64 m_rejectedCount = 0;
    int m_duplicates = 0;
    int m_knownHits = 0;
    int m_line = 0;
    QString m_source;
};

} // namespace Ferry
