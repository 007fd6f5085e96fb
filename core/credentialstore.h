#pragma once

#include "core/credentialkey.h"
#include "core/credentials.h"
#include "core/savedcredential.h"

#include <QList>
#include <QObject>
#include <QString>

namespace QKeychain {
class Job;
}

namespace Ferry {

// Logins in the operating system's keychain (the Secret Service on Linux, through QtKeychain),
// under the service name "Ferry", one secret per CredentialKey. The keychain cannot list its
// entries, so a small index file beside the settings records which keys were saved and for
// which user; it never holds a password. Every call is asynchronous and answers with a signal.
// Lives on one thread (the GUI thread in the apps); other threads reach it with queued calls.
class CredentialStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CredentialStore)

public:
    static constexpr QLatin1StringView ServiceName{"Ferry"};

    // `indexPath`: the JSON file listing saved keys; created when the first login is saved.
    explicit CredentialStore(const QString &indexPath, QObject *parent = nullptr);
    ~CredentialStore() override;

    // Where both apps keep the index: <config>/ferry/credentials.json.
    static QString defaultIndexPath();

    QString indexPath() const { return m_indexPath; }

    // A keychain call is under way; idle() follows when the last one is done.
    bool isBusy() const { return m_jobs > 0; }

    // What the index lists, sorted by origin and realm.
    QList<SavedCredential> saved() const { return m_saved; }

    // Saved logins for a server whatever the realm, e.g. to know whether to ask on a terminal.
    QList<SavedCredential> savedFor(const QString &scheme, const QString &host, int port) const;

    void read(const CredentialKey &key);
    void write(const CredentialKey &key, const Credentials &credentials);
    void remove(const CredentialKey &key);

signals:
    // Empty credentials: nothing saved under `key` (or the keychain could not be read: see
    // `error`, untranslated, for logs).
    void readFinished(const Ferry::CredentialKey &key,
                      const Ferry::Credentials &credentials,
                      const QString &error);
    void writeFinished(const Ferry::CredentialKey &key, const QString &error);
    void removeFinished(const Ferry::CredentialKey &key, const QString &error);
    void savedChanged();
    void idle();

private:
    void handleReadJob(QKeychain::Job *job, const CredentialKey &key);
    void loadIndex();
    void storeIndex();
    void setIndexed(const CredentialKey &key, const QString &user);
    void dropIndexed(const CredentialKey &key);
    void jobDone();

    QString m_indexPath;
    QList<SavedCredential> m_saved;
    int m_jobs = 0;
};

} // namespace Ferry
