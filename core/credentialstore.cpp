#include "credentialstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QStandardPaths>
#include <qt6keychain/keychain.h>

#include <algorithm>
#include <tuple>

using namespace Qt::StringLiterals;

namespace Ferry {

Q_LOGGING_CATEGORY(lcCredentials, "ferry.core.credentials", QtWarningMsg)

namespace {

constexpr qint64 MaxIndexBytes = 4 << 20;

// The secret holds the user too, so a lost index still finds whole logins: user, NUL, password.
QByteArray encodeSecret(const Credentials &credentials)
{
    return credentials.user.toUtf8() + '\0' + credentials.password.toUtf8();
}

Credentials decodeSecret(const QByteArray &secret)
{
    const qsizetype split = secret.indexOf('\0');
    if (split < 0)
        return {QString(), QString::fromUtf8(secret)};
    return {QString::fromUtf8(secret.left(split)), QString::fromUtf8(secret.mid(split + 1))};
}

bool keyLess(const SavedCredential &a, const SavedCredential &b)
{
    return std::tie(a.key.host, a.key.port, a.key.scheme, a.key.realm)
           < std::tie(b.key.host, b.key.port, b.key.scheme, b.key.realm);
}

} // namespace

CredentialStore::CredentialStore(const QString &indexPath, QObject *parent)
    : QObject(parent)
    , m_indexPath(indexPath)
{
    loadIndex();
}

CredentialStore::~CredentialStore() = default;

QString CredentialStore::defaultIndexPath()
{
    // Not AppDataLocation: the GUI has an organisation name and ferry-cli has none, and both
    // must see the same list.
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
           + u"/ferry/credentials.json"_s;
}

void CredentialStore::jobDone()
{
    if (--m_jobs == 0)
        emit idle();
}

QList<SavedCredential>
CredentialStore::savedFor(const QString &scheme, const QString &host, int port) const
{
    QList<SavedCredential> found;
    for (const SavedCredential &entry : m_saved) {
        if (entry.key.scheme == scheme.toLower() && entry.key.host == host.toLower()
            && entry.key.port == port) {
            found.append(entry);
        }
    }
    return found;
}

void CredentialStore::read(const CredentialKey &key)
{
    auto *job = new QKeychain::ReadPasswordJob(ServiceName, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plain-text file
    job->setKey(key.toString());
    connect(job, &QKeychain::Job::finished, this, [this, key](QKeychain::Job *done) {
        handleReadJob(done, key);
        jobDone();
    });
    ++m_jobs;
    job->start();
}

void CredentialStore::handleReadJob(QKeychain::Job *job, const CredentialKey &key)
{
    const auto *reader = static_cast<QKeychain::ReadPasswordJob *>(job);
    if (reader->error() == QKeychain::NoError) {
        emit readFinished(key, decodeSecret(reader->binaryData()), {});
        return;
    }
    QString error;
    if (reader->error() != QKeychain::EntryNotFound) {
        error = reader->errorString();
        qCWarning(lcCredentials) << "cannot read" << key.origin() << "from the keychain:" << error;
    }
    emit readFinished(key, {}, error);
}

void CredentialStore::write(const CredentialKey &key, const Credentials &credentials)
{
    auto *job = new QKeychain::WritePasswordJob(ServiceName, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key.toString());
    job->setBinaryData(encodeSecret(credentials));
    const QString user = credentials.user;
    connect(job, &QKeychain::Job::finished, this, [this, key, user](QKeychain::Job *done) {
        if (done->error() != QKeychain::NoError) {
            qCWarning(lcCredentials) << "cannot save a login for" << key.origin()
                                     << "in the keychain:" << done->errorString();
            emit writeFinished(key, done->errorString());
        } else {
            setIndexed(key, user);
            emit writeFinished(key, {});
        }
        jobDone();
    });
    ++m_jobs;
    job->start();
}

void CredentialStore::remove(const CredentialKey &key)
{
    auto *job = new QKeychain::DeletePasswordJob(ServiceName, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key.toString());
    connect(job, &QKeychain::Job::finished, this, [this, key](QKeychain::Job *done) {
        const bool gone =
            done->error() == QKeychain::NoError || done->error() == QKeychain::EntryNotFound;
        if (gone)
            dropIndexed(key); // also when only the index still knew it
        emit removeFinished(key, gone ? QString() : done->errorString());
        jobDone();
    });
    ++m_jobs;
    job->start();
}

void CredentialStore::loadIndex()
{
    QFile file(m_indexPath);
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QJsonArray entries = QJsonDocument::fromJson(file.read(MaxIndexBytes)).array();
    for (const QJsonValue &value : entries) {
        const QJsonObject object = value.toObject();
        SavedCredential entry;
        entry.key.scheme = object.value("scheme"_L1).toString();
        entry.key.host = object.value("host"_L1).toString();
        entry.key.port = object.value("port"_L1).toInt(-1);
        entry.key.realm = object.value("realm"_L1).toString();
        entry.user = object.value("user"_L1).toString();
        if (entry.key.isValid())
            m_saved.append(entry);
    }
    std::sort(m_saved.begin(), m_saved.end(), keyLess);
}

void CredentialStore::storeIndex()
{
    QJsonArray entries;
    for (const SavedCredential &entry : std::as_const(m_saved)) {
        entries.append(QJsonObject{{"scheme"_L1, entry.key.scheme},
                                   {"host"_L1, entry.key.host},
                                   {"port"_L1, entry.key.port},
                                   {"realm"_L1, entry.key.realm},
                                   {"user"_L1, entry.user}});
    }
    QDir().mkpath(QFileInfo(m_indexPath).absolutePath());
    QSaveFile file(m_indexPath);
    if (!file.open(QIODevice::WriteOnly)
        || file.write(QJsonDocument(entries).toJson(QJsonDocument::Indented)) < 0
        || !file.commit()) {
        qCWarning(lcCredentials) << "cannot write" << m_indexPath << file.errorString();
    }
}

void CredentialStore::setIndexed(const CredentialKey &key, const QString &user)
{
    for (qsizetype i = 0; i < m_saved.size(); ++i) {
        if (m_saved.at(i).key == key) {
            if (m_saved.at(i).user == user)
                return;
            m_saved.removeAt(i);
            break;
        }
    }
    const SavedCredential entry{key, user};
    m_saved.insert(std::lower_bound(m_saved.begin(), m_saved.end(), entry, keyLess), entry);
    storeIndex();
    emit savedChanged();
}

void CredentialStore::dropIndexed(const CredentialKey &key)
{
    const auto removed =
        m_saved.removeIf([&key](const SavedCredential &entry) { return entry.key == key; });
    if (removed == 0)
        return;
    storeIndex();
    emit savedChanged();
}

} // namespace Ferry
