#include "clioptions.h"

#include "core/bytesize.h"
#include "core/cookiefile.h"
#include "core/hostlimits.h"
#include "core/tlspolicy.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSslCertificate>

#include <array>

using namespace Qt::StringLiterals;

namespace Ferry {

namespace {

enum class Opt {
    InputFile,
    Dir,
    Out,
    MaxConcurrent,
    ConnectionsPerServer,
    Split,
    MinSplitSize,
    ConnectionsPerHost,
    MaxTries,
    RetryWait,
    Timeout,
    MaxOverallDownloadLimit,
    MaxDownloadLimit,
    Wait,
    RandomWait,
    SaveReport,
    SaveFailed,
    Checksum,
    CaCertificate,
    TrustCertificate,
    CheckCertificate,
    UserAgent,
    Referer,
    Header,
    LoadCookies,
    AllProxy,
    HttpProxy,
    HttpsProxy,
    NoProxy,
    AllProxyUser,
    AllProxyPasswd,
    HttpUser,
    HttpPasswd,
    SaveCredentials,
    AllowOverwrite,
    Continue,
    Quiet,
    Version,
    Help,
};

struct OptionSpec
{
    Opt id;
    QLatin1StringView longName;
    char shortName;
    bool takesValue;
};

constexpr std::array<OptionSpec, 39> Options{{
    {Opt::InputFile, "input-file"_L1, 'i', true},
    {Opt::Dir, "dir"_L1, 'd', true},
    {Opt::Out, "out"_L1, 'o', true},
    {Opt::MaxConcurrent, "max-concurrent-downloads"_L1, 'j', true},
    {Opt::ConnectionsPerServer, "max-connection-per-server"_L1, 'x', true},
    {Opt::Split, "split"_L1, 's', true},
    {Opt::MinSplitSize, "min-split-size"_L1, 'k', true},
    {Opt::ConnectionsPerHost, "max-connections-per-host"_L1, 0, true},
    {Opt::MaxTries, "max-tries"_L1, 'm', true},
    {Opt::RetryWait, "retry-wait"_L1, 0, true},
    {Opt::Timeout, "timeout"_L1, 't', true},
    {Opt::MaxOverallDownloadLimit, "max-overall-download-limit"_L1, 0, true},
    {Opt::MaxDownloadLimit, "max-download-limit"_L1, 0, true},
    {Opt::Wait, "wait"_L1, 0, true},
    {Opt::RandomWait, "random-wait"_L1, 0, false},
    {Opt::SaveReport, "save-report"_L1, 0, true},
    {Opt::SaveFailed, "save-failed"_L1, 0, true},
    {Opt::Checksum, "checksum"_L1, 0, true},
    {Opt::CaCertificate, "ca-certificate"_L1, 0, true},
    {Opt::TrustCertificate, "trust-certificate"_L1, 0, true},
    {Opt::CheckCertificate, "check-certificate"_L1, 0, false},
    {Opt::UserAgent, "user-agent"_L1, 'U', true},
    {Opt::Referer, "referer"_L1, 0, true},
    {Opt::Header, "header"_L1, 0, true},
    {Opt::LoadCookies, "load-cookies"_L1, 0, true},
    {Opt::AllProxy, "all-proxy"_L1, 0, true},
    {Opt::HttpProxy, "http-proxy"_L1, 0, true},
    {Opt::HttpsProxy, "https-proxy"_L1, 0, true},
    {Opt::NoProxy, "no-proxy"_L1, 0, true},
    {Opt::AllProxyUser, "all-proxy-user"_L1, 0, true},
    {Opt::AllProxyPasswd, "all-proxy-passwd"_L1, 0, true},
    {Opt::HttpUser, "http-user"_L1, 0, true},
    {Opt::HttpPasswd, "http-passwd"_L1, 0, true},
    {Opt::SaveCredentials, "save-credentials"_L1, 0, false},
    {Opt::AllowOverwrite, "allow-overwrite"_L1, 0, false},
    {Opt::Continue, "continue"_L1, 'c', false},
    {Opt::Quiet, "quiet"_L1, 'q', false},
    {Opt::Version, "version"_L1, 'v', false},
    {Opt::Help, "help"_L1, 'h', false},
}};

const OptionSpec *findLong(QStringView name)
{
    for (const OptionSpec &spec : Options) {
        if (name == spec.longName)
            return &spec;
    }
    return nullptr;
}

const OptionSpec *findShort(QChar name)
{
    for (const OptionSpec &spec : Options) {
        if (spec.shortName != 0 && name == QLatin1Char(spec.shortName))
            return &spec;
    }
    return nullptr;
}

QString displayName(const OptionSpec &spec)
{
    return spec.shortName != 0
               ? u"-%1/--%2"_s.arg(QString(QLatin1Char(spec.shortName)), QString(spec.longName))
               : u"--%1"_s.arg(QString(spec.longName));
}

std::optional<int> intValue(const QString &text, int minimum, int maximum)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < minimum || value > maximum)
        return std::nullopt;
    return value;
}

std::optional<double> secondsValue(const QString &text, double minimum, double maximum)
{
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || !(value >= minimum) || value > maximum)
        return std::nullopt;
    return value;
}

// aria2c writes boolean options as --name=true / --name=false.
std::optional<bool> boolValue(const std::optional<QString> &text)
{
    if (!text)
        return true;
    if (*text == "true"_L1)
        return true;
    if (*text == "false"_L1)
        return false;
    return std::nullopt;
}

// Proxies as given, resolved into CliOptions::proxy once every option is read: a specific
// --http-proxy or --https-proxy wins over --all-proxy wherever it stands, as in aria2c.
struct ProxyFlags
{
    std::optional<QUrl> all;
    std::optional<QUrl> http;
    std::optional<QUrl> https;
};

bool apply(CliOptions &options,
           ProxyFlags &proxies,
           const OptionSpec &spec,
           const std::optional<QString> &value,
           QString *error)
{
    const auto invalid = [&](const QString &expected) {
        *error = CliOptions::tr("%1: invalid value \"%2\" (expected %3)")
                     .arg(displayName(spec), value.value_or(QString()), expected);
        return false;
    };
    const auto rejected = [&](const QString &why) {
        //: %1 is an option, %2 the value given, %3 says what is wrong with it
        *error = CliOptions::tr("%1: invalid value \"%2\": %3")
                     .arg(displayName(spec), value.value_or(QString()), why);
        return false;
    };
    switch (spec.id) {
    case Opt::InputFile:
        options.inputFile = *value;
        return true;
    case Opt::Dir:
        if (value->isEmpty())
            return invalid(CliOptions::tr("a folder"));
        options.directory = *value;
        return true;
    case Opt::Out:
        if (value->isEmpty())
            return invalid(CliOptions::tr("a file name"));
        options.outName = *value;
        return true;
    case Opt::MaxConcurrent:
        if (*value == "auto"_L1) {
            options.autoConcurrent = true;
            return true;
        }
        if (const auto n = intValue(*value, 1, 1000)) {
            options.maxConcurrent = *n;
            options.autoConcurrent = false;
            return true;
        }
        return invalid(CliOptions::tr("a number from 1 to 1000, or auto"));
    case Opt::ConnectionsPerServer:
        if (const auto n = intValue(*value, 1, 16)) {
            options.connectionsPerServer = *n;
            return true;
        }
        return invalid(CliOptions::tr("a number from 1 to 16"));
    case Opt::Split:
        if (const auto n = intValue(*value, 1, 16)) {
            options.split = *n;
            return true;
        }
        return invalid(CliOptions::tr("a number from 1 to 16"));
    case Opt::MinSplitSize:
        // aria2's range: 1M to 1024M.
        if (const auto size = ByteSize::parse(*value);
            size && *size >= (1 << 20) && *size <= (qint64(1) << 30)) {
            options.minSplitBytes = *size;
            return true;
        }
        return invalid(CliOptions::tr("a size from 1M to 1024M"));
    case Opt::ConnectionsPerHost: {
        // N for every host, or HOST=N for one (repeatable).
        if (!value->contains(u'=')) {
            if (const auto n = intValue(*value, HostLimits::Minimum, HostLimits::Maximum)) {
                options.maxConnectionsPerHost = *n;
                return true;
            }
        } else if (const auto entry = HostLimits::parseEntry(*value, nullptr)) {
            options.hostConnectionLimits.insert(entry->first, entry->second);
            return true;
        }
        return invalid(CliOptions::tr("a number from 1 to 64, or HOST=N for one host"));
    }
    case Opt::MaxTries:
        if (const auto n = intValue(*value, 0, 1000)) {
            options.maxTries = *n;
            return true;
        }
        return invalid(CliOptions::tr("a number from 0 (no limit) to 1000"));
    case Opt::RetryWait:
        if (const auto seconds = secondsValue(*value, 0, 600)) {
            options.retryWaitSeconds = *seconds;
            return true;
        }
        return invalid(CliOptions::tr("seconds from 0 to 600"));
    case Opt::Timeout:
        if (const auto seconds = secondsValue(*value, 0.1, 600)) {
            options.timeoutSeconds = *seconds;
            return true;
        }
        return invalid(CliOptions::tr("seconds from 0.1 to 600"));
    case Opt::MaxOverallDownloadLimit:
    case Opt::MaxDownloadLimit: {
        const std::optional<qint64> speed = ByteSize::parse(*value);
        if (!speed) {
            //: K and M are aria2's suffixes for KiB and MiB; keep them untranslated
            return invalid(CliOptions::tr("bytes per second such as 1048576, 512K or 10M; "
                                          "0 for no limit"));
        }
        if (spec.id == Opt::MaxOverallDownloadLimit)
            options.maxOverallBytesPerSecond = *speed;
        else
            options.maxBytesPerSecond = *speed;
        return true;
    }
    case Opt::Wait:
        if (const auto seconds = secondsValue(*value, 0, 3600)) {
            options.waitSeconds = *seconds;
            return true;
        }
        return invalid(CliOptions::tr("seconds from 0 to 3600"));
    case Opt::SaveReport:
    case Opt::SaveFailed:
        if (value->isEmpty() || QFileInfo(*value).isDir())
            return invalid(CliOptions::tr("a file name"));
        (spec.id == Opt::SaveReport ? options.reportFile : options.failedListFile) =
            QDir::cleanPath(QDir::current().absoluteFilePath(*value));
        return true;
    case Opt::Checksum:
        if (auto spec = ChecksumSpec::parse(*value)) {
            options.checksum = std::move(spec);
            return true;
        }
        return invalid(CliOptions::tr("TYPE=HEX, e.g. sha-256=<64 hex digits>"));
    case Opt::CaCertificate:
        if (QSslCertificate::fromPath(*value).isEmpty())
            return invalid(CliOptions::tr("a readable file of PEM certificates"));
        options.caCertificateFile = *value;
        return true;
    case Opt::TrustCertificate: {
        QString why;
        const auto trust = TlsPolicy::parseTrust(*value, &why);
        if (!trust)
            return rejected(why);
        options.trustedCertificates.insert(trust->first, trust->second);
        return true;
    }
    case Opt::CheckCertificate:
        if (boolValue(value) != true) {
            *error = CliOptions::tr("--check-certificate=false is not supported: certificates "
                                    "are always checked. Use --ca-certificate=FILE or "
                                    "--trust-certificate=HOST=SHA256 to trust a server's own "
                                    "certificate");
            return false;
        }
        return true;
    case Opt::UserAgent:
    case Opt::Referer: {
        if (value->contains(u'\r') || value->contains(u'\n'))
            return invalid(CliOptions::tr("one line of text"));
        if (spec.id == Opt::UserAgent)
            options.headers.setUserAgent(value->toUtf8());
        else
            options.headers.setReferer(value->toUtf8());
        return true;
    }
    case Opt::Header: {
        QString why;
        auto header = RequestHeaders::parseLine(*value, &why);
        if (!header)
            return rejected(why);
        options.headers.addExtra(std::move(*header));
        return true;
    }
    case Opt::LoadCookies: {
        const QString path = QDir::current().absoluteFilePath(*value);
        QString why;
        if (!CookieFile::read(path, QDateTime::currentDateTimeUtc(), &why)) {
            *error = CliOptions::tr("--load-cookies: %1").arg(why);
            return false;
        }
        options.headers.setCookieFile(path);
        return true;
    }
    case Opt::AllProxy:
    case Opt::HttpProxy:
    case Opt::HttpsProxy: {
        std::optional<QUrl> &target = spec.id == Opt::AllProxy    ? proxies.all
                                      : spec.id == Opt::HttpProxy ? proxies.http
                                                                  : proxies.https;
        if (value->trimmed().isEmpty()) {
            target = QUrl(); // none, not even the system's
            return true;
        }
        QString why;
        target = ProxySettings::parseProxy(*value, &why);
        if (!target)
            return rejected(why);
        if (!target->password().isEmpty())
            options.proxyPasswordOnCommandLine = true;
        return true;
    }
    case Opt::NoProxy:
        options.proxy.noProxy.append(value->split(u',', Qt::SkipEmptyParts));
        return true;
    case Opt::AllProxyUser:
        options.proxy.user = *value;
        return true;
    case Opt::AllProxyPasswd:
        options.proxy.password = *value;
        options.proxyPasswordOnCommandLine = true;
        return true;
    case Opt::HttpUser:
        if (value->isEmpty())
            return invalid(CliOptions::tr("a user name"));
        options.httpUser = *value;
        return true;
    case Opt::HttpPasswd:
        options.httpPassword = *value;
        return true;
    case Opt::AllowOverwrite:
    case Opt::RandomWait:
    case Opt::Continue:
    case Opt::SaveCredentials:
    case Opt::Quiet: {
        const auto flag = boolValue(value);
        if (!flag)
            return invalid(u"true|false"_s);
        if (spec.id == Opt::AllowOverwrite)
            options.allowOverwrite = *flag;
        else if (spec.id == Opt::RandomWait)
            options.randomWait = *flag;
        else if (spec.id == Opt::Quiet)
            options.quiet = *flag;
        else if (spec.id == Opt::SaveCredentials)
            options.saveCredentials = *flag;
        return true; // -c: resuming is always on
    }
    case Opt::Version:
        options.action = CliOptions::Action::Version;
        return true;
    case Opt::Help:
        options.action = CliOptions::Action::Help;
        return true;
    }
    return false;
}

} // namespace

std::optional<CliOptions> CliOptions::parse(const QStringList &arguments, QString *error)
{
    CliOptions options;
    ProxyFlags proxies;
    bool onlyPositional = false;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (onlyPositional || argument == "-"_L1 || !argument.startsWith(u'-')) {
            options.urls.append(argument);
            continue;
        }
        if (argument == "--"_L1) {
            onlyPositional = true;
            continue;
        }

        const OptionSpec *spec = nullptr;
        std::optional<QString> value;
        if (argument.startsWith("--"_L1)) {
            const qsizetype equals = argument.indexOf(u'=');
            const QStringView name = QStringView(argument).mid(2, equals < 0 ? -1 : equals - 2);
            spec = findLong(name);
            if (!spec) {
                *error = tr("unknown option %1").arg(argument);
                return std::nullopt;
            }
            if (equals >= 0)
                value = argument.mid(equals + 1);
        } else {
            spec = findShort(argument.at(1));
            if (!spec) {
                *error = tr("unknown option %1").arg(argument.left(2));
                return std::nullopt;
            }
            if (argument.size() > 2) {
                if (!spec->takesValue) {
                    *error = tr("option %1 takes no value").arg(argument.left(2));
                    return std::nullopt;
                }
                value = argument.mid(2);
            }
        }
        if (spec->takesValue && !value) {
            if (i + 1 >= arguments.size()) {
                *error = tr("option %1 needs a value").arg(displayName(*spec));
                return std::nullopt;
            }
            value = arguments.at(++i);
        }
        if (!apply(options, proxies, *spec, value, error))
            return std::nullopt;
    }
    if (proxies.all || proxies.http || proxies.https) {
        options.proxy.mode = ProxySettings::Mode::Manual;
        options.proxy.httpProxy = proxies.http.value_or(proxies.all.value_or(QUrl()));
        options.proxy.httpsProxy = proxies.https.value_or(proxies.all.value_or(QUrl()));
    }

    if (options.action != Action::Download)
        return options;
    if (options.httpUser.isEmpty()
        && (options.httpPassword || (options.saveCredentials && options.proxy.user.isEmpty()))) {
        *error = tr("--http-passwd and --save-credentials need --http-user");
        return std::nullopt;
    }
    if (options.urls.isEmpty() && options.inputFile.isEmpty()) {
        *error = tr("no URL given (pass URLs, or -i FILE with one URL per line)");
        return std::nullopt;
    }
    const bool single = options.urls.size() == 1 && options.inputFile.isEmpty();
    if (!options.outName.isEmpty() && !single) {
        *error = tr("-o names a single download; for lists put \"out=NAME\" under a URL in the "
                    "input file");
        return std::nullopt;
    }
    if (options.checksum && !single) {
        *error = tr("--checksum applies to a single download; for lists put "
                    "\"checksum=TYPE=HEX\" under a URL in the input file");
        return std::nullopt;
    }
    options.directory = QDir::cleanPath(
        QDir::current().absoluteFilePath(options.directory.isEmpty() ? u"."_s : options.directory));
    if (QFileInfo(options.directory).exists() && !QFileInfo(options.directory).isDir()) {
        *error = tr("-d %1: not a folder").arg(QDir::toNativeSeparators(options.directory));
        return std::nullopt;
    }
    return options;
}

QString CliOptions::helpText()
{
    return tr("Usage: ferry-cli [OPTIONS] URL...\n"
              "       ferry-cli [OPTIONS] -i FILE\n"
              "\n"
              "Downloads files over HTTP and HTTPS. Interrupted downloads continue where they\n"
              "stopped when the same command runs again; finished ones are skipped.\n"
              "\n"
              "Options:\n"
              "  -i, --input-file=FILE       read URLs from FILE (\"-\" for standard input), one\n"
              "                              per line, with aria2-style option lines below a\n"
              "                              URL: \"  out=NAME\", \"  dir=DIR\",\n"
              "                              \"  checksum=sha-256=HEX\", and user-agent=,\n"
              "                              referer=, header= and load-cookies= as the\n"
              "                              options of those names\n"
              "  -d, --dir=DIR               save files into DIR (default: current folder)\n"
              "  -o, --out=NAME              file name for a single download\n"
              "  -j, --max-concurrent-downloads=N|auto\n"
              "                              downloads at once (default auto): auto starts at\n"
              "                              5, adds more while that brings more speed, and\n"
              "                              backs off when a server answers 429 or 503; N\n"
              "                              keeps the number fixed\n"
              "  -s, --split=N               connections for one file (1 to 16, default 8);\n"
              "                              each takes a part, and the first to finish\n"
              "                              takes over half of the largest part left\n"
              "  -k, --min-split-size=SIZE   never cut a part smaller than SIZE (1M to\n"
              "                              1024M, default 2M): a file is split only when\n"
              "                              it holds twice that\n"
              "  -x, --max-connection-per-server=N\n"
              "                              the same limit in aria2c's other spelling; the\n"
              "                              smaller of -s and -x counts (default 8)\n"
              "      --max-connections-per-host=N|HOST=N\n"
              "                              connections to one host at once, over all\n"
              "                              downloads (1 to 64, default 16); HOST=N sets\n"
              "                              it for one host (repeat for more)\n"
              "      --wait=SEC              at least SEC between requests to one host\n"
              "      --random-wait           wait 0.5 to 1.5 times --wait, at random\n"
              "  -m, --max-tries=N           attempts per file, 0 for no limit (default 5); a\n"
              "                              host that keeps failing is paused for a while\n"
              "                              instead, and its files fail only after N such\n"
              "                              pauses\n"
              "      --retry-wait=SEC        first wait before a retry; it doubles on each\n"
              "                              further retry, with jitter (default 1)\n"
              "  -t, --timeout=SEC           give up on a connection silent this long\n"
              "                              (default 60)\n"
              "      --max-overall-download-limit=SPEED\n"
              "                              limit the speed of all downloads together, in\n"
              "                              bytes per second; K and M mean KiB and MiB\n"
              "                              (e.g. 512K, 10M); 0 for no limit (default)\n"
              "      --max-download-limit=SPEED\n"
              "                              limit the speed of each download the same way\n"
              "      --checksum=TYPE=HEX     verify a single download (md5, sha-1, sha-256, ...)\n"
              "      --save-report=FILE      write one line per download (URL, file, state,\n"
              "                              HTTP status, bytes, SHA-256, time, attempts,\n"
              "                              error): CSV if FILE ends in .csv, else JSON Lines\n"
              "      --save-failed=FILE      where the URLs of failed downloads go, as a list\n"
              "                              for -i (default: a new file under\n"
              "                              ~/.local/share/ferry/failed; the summary names it)\n"
              "      --ca-certificate=FILE   also trust the certificates in FILE (PEM)\n"
              "      --trust-certificate=HOST=SHA256\n"
              "                              accept the one certificate with this SHA-256\n"
              "                              fingerprint on HOST despite its errors (the\n"
              "                              error message shows it); may repeat\n"
              "  -U, --user-agent=TEXT       User-Agent header to send\n"
              "      --referer=URL           Referer header to send\n"
              "      --header=\"NAME: VALUE\"  an extra header for every request; may repeat\n"
              "                              (Cookie and Authorization ones go only to the\n"
              "                              host of the URL, not after a redirect elsewhere)\n"
              "      --load-cookies=FILE     send the cookies of a Netscape cookies.txt file\n"
              "                              that match each request; cookies the servers\n"
              "                              set are kept for the run\n"
              "      --all-proxy=PROXY       use PROXY for every download: [http://|socks5://]\n"
              "                              [USER:PASSWORD@]HOST[:PORT]; an empty value\n"
              "                              means no proxy (default: the system's settings,\n"
              "                              e.g. http_proxy, https_proxy and no_proxy)\n"
              "      --http-proxy=PROXY      the proxy for http:// URLs only\n"
              "      --https-proxy=PROXY     the proxy for https:// URLs only\n"
              "      --no-proxy=HOSTS        comma-separated hosts, domains and networks\n"
              "                              (10.0.0.0/8) reached without the proxy\n"
              "      --all-proxy-user=USER   the proxies' user name; the password comes from\n"
              "                              --all-proxy-passwd, else FERRY_PROXY_PASSWORD,\n"
              "                              else the keychain\n"
              "      --all-proxy-passwd=PASSWORD\n"
              "                              the proxies' password; other local users can\n"
              "                              see command lines, so prefer the\n"
              "                              FERRY_PROXY_PASSWORD environment variable\n"
              "      --allow-overwrite[=true|false]\n"
              "                              replace existing files instead of saving\n"
              "                              \"name (1).ext\"\n"
              "  -c, --continue              accepted; resuming is always on\n"
              "  -q, --quiet                 print nothing but errors in the options\n"
              "  -v, --version               print the version\n"
              "  -h, --help                  print this help\n"
              "\n"
              "Exit status: 0 when every download succeeded, 1 when some failed,\n"
              "2 for bad options or an unreadable list (nothing is downloaded),\n"
              "130 when interrupted (run the same command again to continue).\n")
           + tr("\n"
                "Logins (HTTP Basic and Digest):\n"
                "      --http-user=USER        log in as USER wherever a server asks; the\n"
                "                              password comes from --http-passwd, else\n"
                "                              FERRY_HTTP_PASSWORD, else the keychain, else a\n"
                "                              prompt on the terminal\n"
                "      --http-passwd=PASSWORD  accepted for aria2c compatibility, but other\n"
                "                              local users can read command lines: prefer\n"
                "                              FERRY_HTTP_PASSWORD or the prompt\n"
                "      --save-credentials      keep the login in the keychain once a server\n"
                "                              accepts it, for the next time (the proxies'\n"
                "                              login too, once a proxy accepts it)\n"
                "URLs may carry a login too (https://user:password@host/...). Passwords are\n"
                "never written to Ferry's files or logs.\n");
}

} // namespace Ferry
