<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CliLogin</name>
    <message>
        <location filename="../app/cli/clilogin.cpp" line="28"/>
        <source>warning: --http-passwd shows the password to other users of this computer (in the process list); prefer %1 or the prompt</source>
        <translation>警告：--http-passwd 会让这台计算机的其他用户（在进程列表中）看到密码；建议改用 %1 或提示输入</translation>
    </message>
    <message>
        <location filename="../app/cli/clilogin.cpp" line="53"/>
        <source>Password for %1: </source>
        <extracomment>%1 is the user name given with --http-user</extracomment>
        <translation>%1 的密码：</translation>
    </message>
</context>
<context>
    <name>CliOptions</name>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="184"/>
        <source>%1: invalid value &quot;%2&quot; (expected %3)</source>
        <translation>%1：无效的值 &quot;%2&quot;（应为%3）</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="190"/>
        <source>%1: invalid value &quot;%2&quot;: %3</source>
        <extracomment>%1 is an option, %2 the value given, %3 says what is wrong with it</extracomment>
        <translation>%1：无效的值“%2”：%3</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="200"/>
        <source>a folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="205"/>
        <location filename="../app/cli/clioptions.cpp" line="293"/>
        <source>a file name</source>
        <translation>文件名</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="224"/>
        <location filename="../app/cli/clioptions.cpp" line="230"/>
        <source>a number from 1 to 16</source>
        <translation>介于 1 到 16 之间的数字</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="238"/>
        <source>a size from 1M to 1024M</source>
        <translation>介于 1M 到 1024M 之间的大小</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="218"/>
        <source>a number from 1 to 1000, or auto</source>
        <translation>1 到 1000 之间的数字，或 auto</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="250"/>
        <source>a number from 1 to 64, or HOST=N for one host</source>
        <translation>1 到 64 之间的数字，或为单个主机写 HOST=N</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="257"/>
        <source>a number from 0 (no limit) to 1000</source>
        <translation>介于 0（不限）到 1000 之间的数字</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="263"/>
        <source>seconds from 0 to 600</source>
        <translation>介于 0 到 600 之间的秒数</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="269"/>
        <source>seconds from 0.1 to 600</source>
        <translation>介于 0.1 到 600 之间的秒数</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="275"/>
        <source>bytes per second such as 1048576, 512K or 10M; 0 for no limit</source>
        <extracomment>K and M are aria2&apos;s suffixes for KiB and MiB; keep them untranslated</extracomment>
        <translation>每秒字节数，如 1048576、512K 或 10M；0 表示不限速</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="289"/>
        <source>seconds from 0 to 3600</source>
        <translation>0 到 3600 秒</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="302"/>
        <source>TYPE=HEX, e.g. sha-256=&lt;64 hex digits&gt;</source>
        <translation>形如 TYPE=HEX 的值，例如 sha-256=&lt;64 位十六进制数字&gt;</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="305"/>
        <source>a readable file of PEM certificates</source>
        <translation>可读取的 PEM 证书文件</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="318"/>
        <source>--check-certificate=false is not supported: certificates are always checked. Use --ca-certificate=FILE or --trust-certificate=HOST=SHA256 to trust a server&apos;s own certificate</source>
        <translation>不支持 --check-certificate=false：证书始终会被校验。要信任服务器自己的证书，请使用 --ca-certificate=FILE 或 --trust-certificate=HOST=SHA256</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="328"/>
        <source>one line of text</source>
        <translation>一行文本</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="347"/>
        <source>--load-cookies: %1</source>
        <translation>--load-cookies：%1</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="383"/>
        <source>a user name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="442"/>
        <location filename="../app/cli/clioptions.cpp" line="450"/>
        <source>unknown option %1</source>
        <translation>未知选项 %1</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="455"/>
        <source>option %1 takes no value</source>
        <translation>选项 %1 不接受值</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="463"/>
        <source>option %1 needs a value</source>
        <translation>选项 %1 需要一个值</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="481"/>
        <source>--http-passwd and --save-credentials need --http-user</source>
        <translation>--http-passwd 和 --save-credentials 需要与 --http-user 一起使用</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="485"/>
        <source>no URL given (pass URLs, or -i FILE with one URL per line)</source>
        <translation>未提供 URL（请直接给出 URL，或用 -i FILE 指定每行一个 URL 的列表）</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="490"/>
        <source>-o names a single download; for lists put &quot;out=NAME&quot; under a URL in the input file</source>
        <translation>-o 只用于命名单个下载；使用列表时，请在输入文件中对应 URL 的下方写 &quot;out=NAME&quot;</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="495"/>
        <source>--checksum applies to a single download; for lists put &quot;checksum=TYPE=HEX&quot; under a URL in the input file</source>
        <translation>--checksum 只适用于单个下载；使用列表时，请在输入文件中对应 URL 的下方写 &quot;checksum=TYPE=HEX&quot;</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="502"/>
        <source>-d %1: not a folder</source>
        <translation>-d %1：不是文件夹</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="510"/>
        <source>Usage: ferry-cli [OPTIONS] URL...
       ferry-cli [OPTIONS] -i FILE

Downloads files over HTTP and HTTPS. Interrupted downloads continue where they
stopped when the same command runs again; finished ones are skipped.

Options:
  -i, --input-file=FILE       read URLs from FILE (&quot;-&quot; for standard input), one
                              per line, with aria2-style option lines below a
                              URL: &quot;  out=NAME&quot;, &quot;  dir=DIR&quot;,
                              &quot;  checksum=sha-256=HEX&quot;, and user-agent=,
                              referer=, header= and load-cookies= as the
                              options of those names
  -d, --dir=DIR               save files into DIR (default: current folder)
  -o, --out=NAME              file name for a single download
  -j, --max-concurrent-downloads=N|auto
                              downloads at once (default auto): auto starts at
                              5, adds more while that brings more speed, and
                              backs off when a server answers 429 or 503; N
                              keeps the number fixed
  -s, --split=N               connections for one file (1 to 16, default 8);
                              each takes a part, and the first to finish
                              takes over half of the largest part left
  -k, --min-split-size=SIZE   never cut a part smaller than SIZE (1M to
                              1024M, default 2M): a file is split only when
                              it holds twice that
  -x, --max-connection-per-server=N
                              the same limit in aria2c&apos;s other spelling; the
                              smaller of -s and -x counts (default 8)
      --max-connections-per-host=N|HOST=N
                              connections to one host at once, over all
                              downloads (1 to 64, default 16); HOST=N sets
                              it for one host (repeat for more)
      --wait=SEC              at least SEC between requests to one host
      --random-wait           wait 0.5 to 1.5 times --wait, at random
  -m, --max-tries=N           attempts per file, 0 for no limit (default 5); a
                              host that keeps failing is paused for a while
                              instead, and its files fail only after N such
                              pauses
      --retry-wait=SEC        first wait before a retry; it doubles on each
                              further retry, with jitter (default 1)
  -t, --timeout=SEC           give up on a connection silent this long
                              (default 60)
      --max-overall-download-limit=SPEED
                              limit the speed of all downloads together, in
                              bytes per second; K and M mean KiB and MiB
                              (e.g. 512K, 10M); 0 for no limit (default)
      --max-download-limit=SPEED
                              limit the speed of each download the same way
      --checksum=TYPE=HEX     verify a single download (md5, sha-1, sha-256, ...)
      --save-report=FILE      write one line per download (URL, file, state,
                              HTTP status, bytes, SHA-256, time, attempts,
                              error): CSV if FILE ends in .csv, else JSON Lines
      --save-failed=FILE      where the URLs of failed downloads go, as a list
                              for -i (default: a new file under
                              ~/.local/share/ferry/failed; the summary names it)
      --ca-certificate=FILE   also trust the certificates in FILE (PEM)
      --trust-certificate=HOST=SHA256
                              accept the one certificate with this SHA-256
                              fingerprint on HOST despite its errors (the
                              error message shows it); may repeat
  -U, --user-agent=TEXT       User-Agent header to send
      --referer=URL           Referer header to send
      --header=&quot;NAME: VALUE&quot;  an extra header for every request; may repeat
                              (Cookie and Authorization ones go only to the
                              host of the URL, not after a redirect elsewhere)
      --load-cookies=FILE     send the cookies of a Netscape cookies.txt file
                              that match each request; cookies the servers
                              set are kept for the run
      --all-proxy=PROXY       use PROXY for every download: [http://|socks5://]
                              [USER:PASSWORD@]HOST[:PORT]; an empty value
                              means no proxy (default: the system&apos;s settings,
                              e.g. http_proxy, https_proxy and no_proxy)
      --http-proxy=PROXY      the proxy for http:// URLs only
      --https-proxy=PROXY     the proxy for https:// URLs only
      --no-proxy=HOSTS        comma-separated hosts, domains and networks
                              (10.0.0.0/8) reached without the proxy
      --all-proxy-user=USER   the proxies&apos; user name; the password comes from
                              --all-proxy-passwd, else FERRY_PROXY_PASSWORD,
                              else the keychain
      --all-proxy-passwd=PASSWORD
                              the proxies&apos; password; other local users can
                              see command lines, so prefer the
                              FERRY_PROXY_PASSWORD environment variable
      --allow-overwrite[=true|false]
                              replace existing files instead of saving
                              &quot;name (1).ext&quot;
  -c, --continue              accepted; resuming is always on
  -q, --quiet                 print nothing but errors in the options
  -v, --version               print the version
  -h, --help                  print this help

Exit status: 0 when every download succeeded, 1 when some failed,
2 for bad options or an unreadable list (nothing is downloaded),
130 when interrupted (run the same command again to continue).
</source>
        <translation>用法：ferry-cli [选项] URL...
      ferry-cli [选项] -i FILE

通过 HTTP 和 HTTPS 下载文件。再次运行相同的命令时，中断的下载会从停止的
位置继续，已完成的下载会被跳过。

选项：
  -i, --input-file=FILE       从 FILE 读取 URL（&quot;-&quot; 表示标准输入），每行
                              一个；URL 下方可跟 aria2 风格的选项行：
                              &quot;  out=NAME&quot;、&quot;  dir=DIR&quot;、
                              &quot;  checksum=sha-256=HEX&quot;，以及与同名选项
                              作用相同的 user-agent=、referer=、header=
                              和 load-cookies=
  -d, --dir=DIR               将文件保存到 DIR（默认：当前文件夹）
  -o, --out=NAME              单个下载的文件名
  -j, --max-concurrent-downloads=N|auto
                              同时进行的下载数（默认 auto）：auto 从 5 开始，
                              只要能更快就继续增加，服务器回应 429 或 503
                              时则减少；给出 N 则固定为 N 个
  -s, --split=N               单个文件使用的连接数（1 到 16，默认 8）；每个
                              连接下载一部分，先完成的连接会接手剩余最大
                              部分的一半
  -k, --min-split-size=SIZE   分段不小于 SIZE（1M 到 1024M，默认 2M）：文件
                              至少为其两倍大小时才会分段
  -x, --max-connection-per-server=N
                              与 -s 相同的限制，采用 aria2c 的另一种写法；
                              以 -s 和 -x 中较小者为准（默认 8）
      --max-connections-per-host=N|HOST=N
                              所有下载合计对同一主机的同时连接数（1 到 64，
                              默认 16）；HOST=N 只为该主机设置（可重复）
      --wait=SEC              对同一主机的两次请求之间至少间隔 SEC 秒
      --random-wait           每次等待为 --wait 的 0.5 到 1.5 倍，随机选取
  -m, --max-tries=N           每个文件的尝试次数，0 表示不限（默认 5）；
                              连续失败的主机会先暂停一段时间，其文件只有在
                              连续 N 次暂停后仍失败时才会失败
      --retry-wait=SEC        首次重试前的等待时间；之后每次重试时翻倍，
                              并加入随机抖动（默认 1）
  -t, --timeout=SEC           连接无数据达到此时长即放弃（默认 60）
      --max-overall-download-limit=SPEED
                              限制所有下载的总速度，单位为字节/秒；K 和 M
                              分别表示 KiB 和 MiB（如 512K、10M）；0 表示
                              不限速（默认）
      --max-download-limit=SPEED
                              以同样方式限制每个下载的速度
      --checksum=TYPE=HEX     校验单个下载（md5、sha-1、sha-256 等）
      --save-report=FILE      每个下载写一行（URL、文件、状态、HTTP 状态、
                              字节数、SHA-256、时间、尝试次数、错误）：FILE
                              以 .csv 结尾时为 CSV，否则为 JSON Lines
      --save-failed=FILE      失败下载的 URL 列表保存到哪里，可供 -i 使用
                              （默认：~/.local/share/ferry/failed 下的新
                              文件；汇总中会写明）
      --ca-certificate=FILE   额外信任 FILE 中的证书（PEM）
      --trust-certificate=HOST=SHA256
                              尽管有错误，仍在 HOST 上接受 SHA-256 指纹为
                              此值的那一个证书（错误信息中会显示指纹）；
                              可重复
  -U, --user-agent=TEXT       要发送的 User-Agent 请求头
      --referer=URL           要发送的 Referer 请求头
      --header=&quot;NAME: VALUE&quot;  每个请求附加的请求头；可重复（Cookie 和
                              Authorization 只发往 URL 本身的主机，重定向
                              到其他主机后不再发送）
      --load-cookies=FILE     发送 Netscape cookies.txt 文件中与请求匹配的
                              Cookie；服务器设置的 Cookie 在本次运行中保留
      --all-proxy=PROXY       所有下载都使用 PROXY：[http://|socks5://]
                              [USER:PASSWORD@]HOST[:PORT]；值为空表示不使用
                              代理（默认：使用系统设置，如 http_proxy、
                              https_proxy 和 no_proxy）
      --http-proxy=PROXY      仅用于 http:// URL 的代理
      --https-proxy=PROXY     仅用于 https:// URL 的代理
      --no-proxy=HOSTS        以逗号分隔的主机、域名和网络（10.0.0.0/8），
                              访问它们时不经过代理
      --all-proxy-user=USER   代理的用户名；密码依次取自 --all-proxy-passwd、
                              FERRY_PROXY_PASSWORD、钥匙串
      --all-proxy-passwd=PASSWORD
                              代理的密码；本机其他用户能看到命令行，因此
                              请优先使用环境变量 FERRY_PROXY_PASSWORD
      --allow-overwrite[=true|false]
                              替换已有文件，而不是另存为 &quot;name (1).ext&quot;
  -c, --continue              接受此选项；续传始终开启
  -q, --quiet                 除选项错误外不输出任何内容
  -v, --version               显示版本号
  -h, --help                  显示此帮助

退出状态：0 表示所有下载均成功，1 表示有下载失败，
2 表示选项错误或列表无法读取（不会下载任何内容），
130 表示被中断（再次运行相同的命令即可继续）。
</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="605"/>
        <source>
Logins (HTTP Basic and Digest):
      --http-user=USER        log in as USER wherever a server asks; the
                              password comes from --http-passwd, else
                              FERRY_HTTP_PASSWORD, else the keychain, else a
                              prompt on the terminal
      --http-passwd=PASSWORD  accepted for aria2c compatibility, but other
                              local users can read command lines: prefer
                              FERRY_HTTP_PASSWORD or the prompt
      --save-credentials      keep the login in the keychain once a server
                              accepts it, for the next time (the proxies&apos;
                              login too, once a proxy accepts it)
URLs may carry a login too (https://user:password@host/...). Passwords are
never written to Ferry&apos;s files or logs.
</source>
        <translation>
登录（HTTP Basic 和 Digest）：
      --http-user=USER        服务器要求登录时以 USER 登录；密码依次取自
                              --http-passwd、FERRY_HTTP_PASSWORD、钥匙串，
                              最后在终端上提示输入
      --http-passwd=PASSWORD  为兼容 aria2c 而接受，但本机其他用户能看到
                              命令行：建议改用 FERRY_HTTP_PASSWORD 或提示输入
      --save-credentials      服务器接受登录后将其保存到钥匙串，供下次使用
                              （代理接受其登录后，代理的登录也会保存）
URL 也可以带登录信息（https://user:password@host/...）。密码绝不会写入
Ferry 的文件或日志。
</translation>
    </message>
</context>
<context>
    <name>CookieFile</name>
    <message>
        <location filename="../core/cookiefile.cpp" line="53"/>
        <source>cookie file %1: %2</source>
        <extracomment>%1 is a file path, %2 says what is wrong</extracomment>
        <translation>Cookie 文件 %1：%2</translation>
    </message>
    <message>
        <location filename="../core/cookiefile.cpp" line="58"/>
        <source>it is a folder</source>
        <translation>这是一个文件夹</translation>
    </message>
    <message>
        <location filename="../core/cookiefile.cpp" line="62"/>
        <source>larger than %1 MiB</source>
        <translation>大于 %1 MiB</translation>
    </message>
    <message>
        <location filename="../core/cookiefile.cpp" line="94"/>
        <source>line %1: %2</source>
        <extracomment>%1 is a line number, %2 says what is wrong with the line</extracomment>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <location filename="../core/cookiefile.cpp" line="99"/>
        <source>expected 7 fields separated by TABs (domain, subdomains, path, secure, expiry, name, value), found %1</source>
        <translation>应为以 TAB 分隔的 7 个字段（域名、子域名、路径、安全、过期时间、名称、值），实际为 %1 个</translation>
    </message>
    <message>
        <location filename="../core/cookiefile.cpp" line="109"/>
        <source>no domain</source>
        <translation>缺少域名</translation>
    </message>
    <message>
        <location filename="../core/cookiefile.cpp" line="115"/>
        <source>the domain is not a host name</source>
        <translation>该域名不是有效的主机名</translation>
    </message>
    <message>
        <location filename="../core/cookiefile.cpp" line="118"/>
        <source>the second field must be TRUE or FALSE</source>
        <translation>第二个字段必须是 TRUE 或 FALSE</translation>
    </message>
    <message>
        <location filename="../core/cookiefile.cpp" line="120"/>
        <source>the fourth field must be TRUE or FALSE</source>
        <translation>第四个字段必须是 TRUE 或 FALSE</translation>
    </message>
    <message>
        <location filename="../core/cookiefile.cpp" line="122"/>
        <source>the expiry must be seconds since 1970, or 0 for a session cookie</source>
        <translation>过期时间必须是自 1970 年起的秒数，会话 Cookie 为 0</translation>
    </message>
    <message>
        <location filename="../core/cookiefile.cpp" line="124"/>
        <source>no cookie name</source>
        <translation>缺少 Cookie 名称</translation>
    </message>
    <message>
        <location filename="../core/cookiefile.cpp" line="127"/>
        <source>the cookie&apos;s name or value holds a control character</source>
        <translation>Cookie 的名称或值含有控制字符</translation>
    </message>
</context>
<context>
    <name>Ferry::AddDialog</name>
    <message>
        <location filename="../ui/adddialog.cpp" line="35"/>
        <source>Add Downloads</source>
        <translation>添加下载</translation>
    </message>
    <message>
        <location filename="../ui/adddialog.cpp" line="40"/>
        <source>&amp;Links (one per line, or mixed into any text):</source>
        <translation>链接（每行一个，或混在任意文本中）(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../ui/adddialog.cpp" line="44"/>
        <source>https://example.org/file.zip</source>
        <translation>https://example.org/file.zip</translation>
    </message>
    <message>
        <location filename="../ui/adddialog.cpp" line="54"/>
        <source>Save &amp;to:</source>
        <translation>保存到(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../ui/adddialog.cpp" line="58"/>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../ui/adddialog.cpp" line="65"/>
        <source>&amp;Download Now</source>
        <translation>立即下载(&amp;D)</translation>
    </message>
    <message>
        <location filename="../ui/adddialog.cpp" line="68"/>
        <source>Add &amp;Paused</source>
        <translation>添加并暂停(&amp;P)</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/adddialog.cpp" line="171"/>
        <source>New links: %n</source>
        <translation>
            <numerusform>新链接：%n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/adddialog.cpp" line="173"/>
        <source>duplicates left out: %n</source>
        <translation>
            <numerusform>已略去重复：%n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/adddialog.cpp" line="175"/>
        <source>already in the list: %n</source>
        <translation>
            <numerusform>已在列表中：%n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/adddialog.cpp" line="177"/>
        <source>lines rejected: %n</source>
        <translation>
            <numerusform>无法使用的行：%n 行</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/adddialog.cpp" line="179"/>
        <source>; </source>
        <extracomment>Separates the parts of &quot;3 new links found; 1 duplicate left out&quot;</extracomment>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../ui/adddialog.cpp" line="186"/>
        <source>Line %1: %2 (%3)</source>
        <extracomment>%1 line number, %2 the line, %3 why it was rejected</extracomment>
        <translation>第 %1 行：%2（%3）</translation>
    </message>
    <message>
        <location filename="../ui/adddialog.cpp" line="194"/>
        <source>Save Downloads To</source>
        <translation>选择下载保存位置</translation>
    </message>
</context>
<context>
    <name>Ferry::ByteSize</name>
    <message>
        <location filename="../core/bytesize.cpp" line="63"/>
        <source>%1 B</source>
        <extracomment>A size in bytes, such as &quot;512 B&quot;</extracomment>
        <translation>%1 B</translation>
    </message>
    <message>
        <location filename="../core/bytesize.cpp" line="65"/>
        <source>%1 KiB</source>
        <translation>%1 KiB</translation>
    </message>
    <message>
        <location filename="../core/bytesize.cpp" line="67"/>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message>
        <location filename="../core/bytesize.cpp" line="69"/>
        <source>%1 GiB</source>
        <translation>%1 GiB</translation>
    </message>
    <message>
        <location filename="../core/bytesize.cpp" line="71"/>
        <source>%1 TiB</source>
        <translation>%1 TiB</translation>
    </message>
    <message>
        <location filename="../core/bytesize.cpp" line="113"/>
        <source>%1/s</source>
        <extracomment>A speed: a size such as &quot;1.5 MiB&quot;, per second</extracomment>
        <translation>%1/s</translation>
    </message>
</context>
<context>
    <name>Ferry::CertificateTrustActions</name>
    <message>
        <location filename="../ui/certificatetrustactions.cpp" line="33"/>
        <source>Trust This C&amp;ertificate…</source>
        <translation>信任此证书(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../ui/certificatetrustactions.cpp" line="37"/>
        <source>Accept the certificate this server presented, after checking its fingerprint</source>
        <translation>核对指纹后，接受此服务器出示的证书</translation>
    </message>
</context>
<context>
    <name>Ferry::CertificateTrustDialog</name>
    <message>
        <location filename="../ui/certificatetrustdialog.cpp" line="22"/>
        <source>Trust This Certificate?</source>
        <translation>信任此证书？</translation>
    </message>
    <message>
        <location filename="../ui/certificatetrustdialog.cpp" line="26"/>
        <source>The certificate of %1 could not be verified. Trust it only if you know that this is the server&apos;s certificate, for example because its fingerprint matches one its owner gave you.</source>
        <translation>无法验证 %1 的证书。只有确认这是该服务器的证书时才信任它，例如其指纹与所有者提供的一致。</translation>
    </message>
    <message>
        <location filename="../ui/certificatetrustdialog.cpp" line="50"/>
        <source>Server:</source>
        <translation>服务器：</translation>
    </message>
    <message>
        <location filename="../ui/certificatetrustdialog.cpp" line="52"/>
        <source>SHA-256 fingerprint:</source>
        <extracomment>The certificate&apos;s SHA-256 fingerprint, 32 hex pairs</extracomment>
        <translation>SHA-256 指纹：</translation>
    </message>
    <message>
        <location filename="../ui/certificatetrustdialog.cpp" line="53"/>
        <source>Problems:</source>
        <translation>问题：</translation>
    </message>
    <message>
        <location filename="../ui/certificatetrustdialog.cpp" line="55"/>
        <source>Ferry will accept this one certificate from %1 from now on, and no other. You can remove it in Settings.</source>
        <translation>从现在起，Ferry 只接受 %1 的这一个证书，不接受其他证书。可在设置中移除。</translation>
    </message>
    <message>
        <location filename="../ui/certificatetrustdialog.cpp" line="63"/>
        <source>&amp;Trust</source>
        <translation>信任(&amp;T)</translation>
    </message>
</context>
<context>
    <name>Ferry::ConnectionStatusLabel</name>
    <message>
        <location filename="../ui/connectionstatuslabel.cpp" line="28"/>
        <source>%1: connecting…</source>
        <extracomment>%1 is the name the user gave a remote aria2 engine</extracomment>
        <translation>%1：正在连接…</translation>
    </message>
    <message>
        <location filename="../ui/connectionstatuslabel.cpp" line="30"/>
        <source>%1: connected</source>
        <translation>%1：已连接</translation>
    </message>
    <message>
        <location filename="../ui/connectionstatuslabel.cpp" line="32"/>
        <source>%1: connection lost, retrying</source>
        <translation>%1：连接已断开，正在重试</translation>
    </message>
    <message>
        <location filename="../ui/connectionstatuslabel.cpp" line="34"/>
        <source>%1: wrong secret (check Settings → Engines)</source>
        <translation>%1：密钥错误（请检查“设置 → 引擎”）</translation>
    </message>
</context>
<context>
    <name>Ferry::ConsoleReporter</name>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="60"/>
        <source>[skip] %1 is already complete</source>
        <translation>[跳过] %1 已下载完成</translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="63"/>
        <source>[done] %1 (%2)</source>
        <translation>[完成] %1（%2）</translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="75"/>
        <source>[fail] %1: %2</source>
        <translation>[失败] %1：%2</translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="82"/>
        <source>[retry] %1: %2; attempt %3 in %4 s</source>
        <translation>[重试] %1：%2；%4 秒后进行第 %3 次尝试</translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="99"/>
        <source>[wait] %1 keeps failing; no new downloads from it for %2 s</source>
        <translation>[等待] %1 连续失败；%2 秒内不再从它开始新的下载</translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="128"/>
        <source>[%1/%2 files] %3</source>
        <translation>[%1/%2 个文件] %3</translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="131"/>
        <source> of %1 (%2%)</source>
        <translation> / %1（%2%）</translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="135"/>
        <source>, %1/s</source>
        <translation>，%1/s</translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="137"/>
        <source>, %1 left</source>
        <translation>，剩余 %1</translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="138"/>
        <source>, %1 active, %2 queued</source>
        <translation>，%1 个进行中，%2 个排队中</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/consolereporter.cpp" line="140"/>
        <source>, %n failed</source>
        <translation>
            <numerusform>，%n 个失败</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="194"/>
        <source>Download results:</source>
        <translation>下载结果：</translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="195"/>
        <source>  succeeded: %1</source>
        <translation>  成功：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/consolereporter.cpp" line="197"/>
        <source> (%n already complete)</source>
        <translation>
            <numerusform>（其中 %n 个此前已完成）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="199"/>
        <source>  failed:    %1</source>
        <translation>  失败：%1</translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="203"/>
        <source>  the failed URLs are in %1; retry them with: ferry-cli -i %1</source>
        <translation>  失败的 URL 已保存在 %1；重试命令：ferry-cli -i %1</translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="209"/>
        <source>  rejected list lines: %1 (see the messages above)</source>
        <translation>  列表中无法使用的行：%1（见上方消息）</translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="212"/>
        <source>  unfinished: %1</source>
        <translation>  未完成：%1</translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="213"/>
        <source>  fetched %1 in %2 s (%3/s)</source>
        <translation>  用时 %2 秒，获取 %1（%3/s）</translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="219"/>
        <source>  report: %1</source>
        <translation>  报告：%1</translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="221"/>
        <source>Interrupted. Run the same command again to continue.</source>
        <translation>已中断。再次运行相同的命令即可继续。</translation>
    </message>
</context>
<context>
    <name>Ferry::EnginesSettingsBox</name>
    <message>
        <location filename="../ui/enginessettingsbox.cpp" line="17"/>
        <source>Engines</source>
        <translation>引擎</translation>
    </message>
    <message>
        <location filename="../ui/enginessettingsbox.cpp" line="35"/>
        <source>e.g. nas.local</source>
        <translation>例如 nas.local</translation>
    </message>
    <message>
        <location filename="../ui/enginessettingsbox.cpp" line="37"/>
        <source>aria2&apos;s --rpc-secret (kept in the keychain)</source>
        <translation>aria2 的 --rpc-secret（保存在钥匙串中）</translation>
    </message>
    <message>
        <location filename="../ui/enginessettingsbox.cpp" line="40"/>
        <source>Add or Up&amp;date</source>
        <translation>添加或更新(&amp;D)</translation>
    </message>
    <message>
        <location filename="../ui/enginessettingsbox.cpp" line="42"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../ui/enginessettingsbox.cpp" line="53"/>
        <source>Engine &amp;in use:</source>
        <extracomment>which download engine the window shows and drives</extracomment>
        <translation>使用的引擎(&amp;I)：</translation>
    </message>
    <message>
        <location filename="../ui/enginessettingsbox.cpp" line="54"/>
        <source>Remote aria2:</source>
        <translation>远程 aria2：</translation>
    </message>
    <message>
        <location filename="../ui/enginessettingsbox.cpp" line="55"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../ui/enginessettingsbox.cpp" line="56"/>
        <source>Host:</source>
        <translation>主机：</translation>
    </message>
    <message>
        <location filename="../ui/enginessettingsbox.cpp" line="57"/>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <location filename="../ui/enginessettingsbox.cpp" line="58"/>
        <source>Secret:</source>
        <translation>密钥：</translation>
    </message>
    <message>
        <location filename="../ui/enginessettingsbox.cpp" line="86"/>
        <source>A remote engine needs a name and a host.</source>
        <translation>远程引擎需要名称和主机。</translation>
    </message>
    <message>
        <location filename="../ui/enginessettingsbox.cpp" line="141"/>
        <source>This computer</source>
        <translation>本机</translation>
    </message>
    <message>
        <location filename="../ui/enginessettingsbox.cpp" line="145"/>
        <source>%1 (aria2 at %2)</source>
        <extracomment>a remote engine in the engine choice: %1 its name, %2 host:port</extracomment>
        <translation>%1（aria2，位于 %2）</translation>
    </message>
</context>
<context>
    <name>Ferry::InterruptibleInput</name>
    <message>
        <location filename="../app/cli/interruptibleinput.cpp" line="58"/>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
</context>
<context>
    <name>Ferry::LinkIntake</name>
    <message>
        <location filename="../ui/linkintake.cpp" line="53"/>
        <source>Reading links %p%</source>
        <translation>正在读取链接 %p%</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/linkintake.cpp" line="107"/>
        <source>Added to the list: %n</source>
        <translation>
            <numerusform>已添加到列表：%n 个</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/linkintake.cpp" line="203"/>
        <source>Import a List of Links</source>
        <translation>导入链接列表</translation>
    </message>
    <message>
        <location filename="../ui/linkintake.cpp" line="205"/>
        <source>Link lists (*.txt *.list);;All files (*)</source>
        <translation>链接列表 (*.txt *.list);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../ui/linkintake.cpp" line="221"/>
        <source>Reading stopped: %1</source>
        <translation>读取已停止：%1</translation>
    </message>
    <message>
        <location filename="../ui/linkintake.cpp" line="224"/>
        <source>Line %1: %2 (%3)</source>
        <translation>第 %1 行：%2（%3）</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/linkintake.cpp" line="226"/>
        <source>Added from %1: %n</source>
        <translation>
            <numerusform>已从 %1 添加：%n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/linkintake.cpp" line="229"/>
        <source>(duplicates left out: %n)</source>
        <translation>
            <numerusform>（已略去重复：%n 个）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/linkintake.cpp" line="236"/>
        <source>Import List</source>
        <translation>导入列表</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/linkintake.cpp" line="238"/>
        <source>Lines that could not be used: %n</source>
        <translation>
            <numerusform>无法使用的行：%n 行</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ferry::LoginDialog</name>
    <message>
        <location filename="../ui/logindialog.cpp" line="20"/>
        <source>&amp;Remember in the keychain</source>
        <translation>保存到钥匙串(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/logindialog.cpp" line="22"/>
        <source>Log In</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../ui/logindialog.cpp" line="27"/>
        <source>The proxy %1 asks for a login.</source>
        <extracomment>%1 is a proxy&apos;s address, host:port</extracomment>
        <translation>代理 %1 要求登录。</translation>
    </message>
    <message>
        <location filename="../ui/logindialog.cpp" line="31"/>
        <source>%1 asks for a login for &quot;%2&quot;.</source>
        <extracomment>%1 is a server such as https://example.com:443, %2 the realm (the name it gives its login)</extracomment>
        <translation>%1 要求登录“%2”。</translation>
    </message>
    <message>
        <location filename="../ui/logindialog.cpp" line="34"/>
        <source>The user name or password given before was refused.</source>
        <translation>之前提供的用户名或密码被拒绝。</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/logindialog.cpp" line="35"/>
        <source>%n download(s) wait for it.</source>
        <translation>
            <numerusform>有 %n 个下载在等待。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/logindialog.cpp" line="46"/>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../ui/logindialog.cpp" line="47"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../ui/logindialog.cpp" line="51"/>
        <source>&amp;Log In</source>
        <translation>登录(&amp;L)</translation>
    </message>
</context>
<context>
    <name>Ferry::MainToolBar</name>
    <message>
        <location filename="../ui/maintoolbar.cpp" line="11"/>
        <source>Main Toolbar</source>
        <translation>主工具栏</translation>
    </message>
</context>
<context>
    <name>Ferry::MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp" line="77"/>
        <location filename="../ui/mainwindow.cpp" line="628"/>
        <source>Ferry</source>
        <translation>Ferry</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="153"/>
        <source>&amp;Add Downloads…</source>
        <translation>添加下载(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="157"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="159"/>
        <source>Add from &amp;Clipboard</source>
        <translation>从剪贴板添加(&amp;C)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="164"/>
        <source>&amp;Import List…</source>
        <translation>导入列表(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="169"/>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="171"/>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="174"/>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="176"/>
        <source>Ctrl+P</source>
        <translation>Ctrl+P</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="179"/>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="181"/>
        <source>Ctrl+.</source>
        <translation>Ctrl+.</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="184"/>
        <source>Re&amp;try</source>
        <translation>重试(&amp;T)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="186"/>
        <source>Ctrl+T</source>
        <translation>Ctrl+T</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="189"/>
        <source>&amp;Remove from List</source>
        <translation>从列表中移除(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="193"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="195"/>
        <source>Remove and &amp;Delete Files</source>
        <translation>移除并删除文件(&amp;D)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="197"/>
        <source>Shift+Del</source>
        <translation>Shift+Del</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="200"/>
        <source>&amp;Open File</source>
        <translation>打开文件(&amp;O)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="202"/>
        <source>Return</source>
        <translation>Return</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="206"/>
        <source>Open Containing &amp;Folder</source>
        <translation>打开所在文件夹(&amp;F)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="208"/>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="211"/>
        <source>Copy &amp;URL</source>
        <translation>复制 URL(&amp;U)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="213"/>
        <source>Ctrl+Shift+C</source>
        <translation>Ctrl+Shift+C</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="216"/>
        <source>Move to &amp;Top</source>
        <translation>移至顶部(&amp;T)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="218"/>
        <source>Ctrl+Home</source>
        <translation>Ctrl+Home</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="221"/>
        <source>Move &amp;Up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="223"/>
        <source>Ctrl+Up</source>
        <translation>Ctrl+Up</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="226"/>
        <source>Move &amp;Down</source>
        <translation>下移(&amp;D)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="228"/>
        <source>Ctrl+Down</source>
        <translation>Ctrl+Down</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="231"/>
        <source>Move to &amp;Bottom</source>
        <translation>移至底部(&amp;B)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="233"/>
        <source>Ctrl+End</source>
        <translation>Ctrl+End</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="236"/>
        <source>Sort by &amp;Queue Order</source>
        <translation>按队列顺序排序(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="240"/>
        <source>C&amp;hange URL…</source>
        <translation>更改 URL(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="242"/>
        <source>F2</source>
        <translation>F2</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="245"/>
        <source>Pause A&amp;ll</source>
        <translation>全部暂停(&amp;L)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="247"/>
        <source>Ctrl+Shift+P</source>
        <translation>Ctrl+Shift+P</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="250"/>
        <source>Resume &amp;All</source>
        <translation>全部继续(&amp;A)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="252"/>
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="255"/>
        <source>Select &amp;All</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="260"/>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="268"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="273"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="281"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="296"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="303"/>
        <source>&amp;Downloads</source>
        <translation>下载(&amp;D)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="311"/>
        <source>&amp;Queue</source>
        <translation>队列(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="376"/>
        <source>S&amp;how:</source>
        <translation>显示(&amp;H)：</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="387"/>
        <source>Search names and URLs (%1)</source>
        <translation>搜索名称和 URL（%1）</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="435"/>
        <source>&lt;p style=&apos;font-size:large&apos;&gt;No downloads yet&lt;/p&gt;&lt;p&gt;Drop links or a list of links here, paste them with %1, or use &lt;b&gt;Add&lt;/b&gt;.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;font-size:large&apos;&gt;暂无下载&lt;/p&gt;&lt;p&gt;将链接或链接列表拖放到此处、按 %1 粘贴，或使用&lt;b&gt;添加&lt;/b&gt;。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="586"/>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="588"/>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="591"/>
        <source>Files: %1 of %2 done</source>
        <extracomment>Files completed out of all files in the list</extracomment>
        <translation>已完成 %1/%2 个文件</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="593"/>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="596"/>
        <source>%1 left</source>
        <translation>剩余 %1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="601"/>
        <source>%1 active</source>
        <translation>%1 个进行中</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="603"/>
        <source>%1 queued</source>
        <translation>%1 个排队中</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="605"/>
        <source>%1 paused</source>
        <translation>%1 个已暂停</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="607"/>
        <source>%1 failed</source>
        <translation>%1 个失败</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="609"/>
        <source>%1 cancelled</source>
        <translation>%1 个已取消</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="611"/>
        <source> · </source>
        <extracomment>Separator between counts in the status bar</extracomment>
        <translation> · </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="620"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="620"/>
        <source>Active</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="620"/>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="620"/>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="620"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="620"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="622"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="627"/>
        <source>%1% – Ferry</source>
        <translation>%1% – Ferry</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="664"/>
        <source>Remove this download from the list and delete its file?</source>
        <translation>要从列表中移除此下载并删除其文件吗？</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="665"/>
        <source>Remove these %n downloads from the list and delete their files?</source>
        <translation>
            <numerusform>要从列表中移除这 %n 个下载并删除其文件吗？</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="669"/>
        <source>Remove this download from the list? A downloaded file stays on disk.</source>
        <translation>要从列表中移除此下载吗？已下载的文件会保留在磁盘上。</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="671"/>
        <source>Remove these %n downloads from the list? Downloaded files stay on disk.</source>
        <translation>
            <numerusform>要从列表中移除这 %n 个下载吗？已下载的文件会保留在磁盘上。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="676"/>
        <source>Delete Files</source>
        <translation>删除文件</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="676"/>
        <source>Remove Downloads</source>
        <translation>移除下载</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="682"/>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="682"/>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="789"/>
        <source>Change URL</source>
        <translation>更改 URL</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="790"/>
        <source>A new link for %1. What is already downloaded is kept if the server confirms it is the same file.</source>
        <translation>为 %1 输入新链接。如果服务器确认是同一个文件，已下载的部分会保留。</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="799"/>
        <source>Not changed: %1</source>
        <translation>未更改：%1</translation>
    </message>
</context>
<context>
    <name>Ferry::PolitenessBox</name>
    <message>
        <location filename="../ui/politenessbox.cpp" line="21"/>
        <source>&amp;Vary the pause at random (half to one and a half times)</source>
        <translation>随机改变间隔(&amp;V)（0.5 到 1.5 倍）</translation>
    </message>
    <message>
        <location filename="../ui/politenessbox.cpp" line="32"/>
        <source> s</source>
        <extracomment>Unit after the pause between requests, in seconds</extracomment>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../ui/politenessbox.cpp" line="34"/>
        <source>None</source>
        <extracomment>In the &quot;Pause between requests&quot; box: no pause</extracomment>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../ui/politenessbox.cpp" line="36"/>
        <source>The least time between two requests to the same server, for sites that block fast downloaders</source>
        <translation>向同一服务器发出两个请求之间的最短时间，用于会封锁高速下载工具的网站</translation>
    </message>
    <message>
        <location filename="../ui/politenessbox.cpp" line="50"/>
        <source>Per-se&amp;rver connection limits:</source>
        <translation>单独的服务器连接上限(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../ui/politenessbox.cpp" line="68"/>
        <source>Per-server connection limits: %1</source>
        <translation>单独的服务器连接上限：%1</translation>
    </message>
    <message>
        <location filename="../ui/politenessbox.cpp" line="47"/>
        <source>files.example.org=2, cdn.example.net=4</source>
        <extracomment>Example of the per-server connection limits; keep the format SERVER=NUMBER</extracomment>
        <translation>files.example.org=2, cdn.example.net=4</translation>
    </message>
    <message>
        <location filename="../ui/politenessbox.cpp" line="38"/>
        <source>Pause between re&amp;quests:</source>
        <translation>请求间隔(&amp;Q)：</translation>
    </message>
    <message>
        <location filename="../ui/politenessbox.cpp" line="18"/>
        <source>Server courtesy</source>
        <translation>善待服务器</translation>
    </message>
    <message>
        <location filename="../ui/politenessbox.cpp" line="48"/>
        <source>Servers that get fewer connections at once than the limit for all servers: SERVER=NUMBER, separated by commas</source>
        <translation>同时连接数低于全局上限的服务器：服务器=数量，用逗号分隔</translation>
    </message>
</context>
<context>
    <name>Ferry::ProxySettingsBox</name>
    <message>
        <location filename="../ui/proxysettingsbox.cpp" line="13"/>
        <source>Proxy</source>
        <translation>代理</translation>
    </message>
    <message>
        <location filename="../ui/proxysettingsbox.cpp" line="14"/>
        <source>Use the s&amp;ystem&apos;s proxy settings</source>
        <translation>使用系统的代理设置(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../ui/proxysettingsbox.cpp" line="15"/>
        <source>&amp;No proxy</source>
        <translation>不使用代理(&amp;N)</translation>
    </message>
    <message>
        <location filename="../ui/proxysettingsbox.cpp" line="16"/>
        <source>Ma&amp;nual:</source>
        <translation>手动(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../ui/proxysettingsbox.cpp" line="33"/>
        <source>Kept in the system keychain once the proxy accepts it, never in Ferry&apos;s settings file</source>
        <translation>代理接受后保存在系统钥匙串中，绝不写入 Ferry 的设置文件</translation>
    </message>
    <message>
        <location filename="../ui/proxysettingsbox.cpp" line="36"/>
        <source>e.g. proxy.example.org:3128 or socks5://127.0.0.1:1080</source>
        <extracomment>an example proxy address; keep the form, translate nothing but the host if you like</extracomment>
        <translation>例如 proxy.example.org:3128 或 socks5://127.0.0.1:1080</translation>
    </message>
    <message>
        <location filename="../ui/proxysettingsbox.cpp" line="38"/>
        <source>empty: the same as for HTTP</source>
        <translation>留空：与 HTTP 相同</translation>
    </message>
    <message>
        <location filename="../ui/proxysettingsbox.cpp" line="39"/>
        <source>e.g. localhost, .example.org, 10.0.0.0/8</source>
        <translation>例如 localhost, .example.org, 10.0.0.0/8</translation>
    </message>
    <message>
        <location filename="../ui/proxysettingsbox.cpp" line="51"/>
        <source>&amp;HTTP proxy:</source>
        <translation>HTTP 代理(&amp;H)：</translation>
    </message>
    <message>
        <location filename="../ui/proxysettingsbox.cpp" line="52"/>
        <source>HTTP&amp;S proxy:</source>
        <translation>HTTPS 代理(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../ui/proxysettingsbox.cpp" line="53"/>
        <source>&amp;Bypass for:</source>
        <translation>不使用代理的地址(&amp;B)：</translation>
    </message>
    <message>
        <location filename="../ui/proxysettingsbox.cpp" line="54"/>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../ui/proxysettingsbox.cpp" line="55"/>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <location filename="../ui/proxysettingsbox.cpp" line="79"/>
        <source>HTTP proxy: %1</source>
        <extracomment>%1 says what a proxy address should look like</extracomment>
        <translation>HTTP 代理：%1</translation>
    </message>
    <message>
        <location filename="../ui/proxysettingsbox.cpp" line="88"/>
        <source>HTTPS proxy: %1</source>
        <translation>HTTPS 代理：%1</translation>
    </message>
    <message>
        <location filename="../ui/proxysettingsbox.cpp" line="105"/>
        <source>saved in the keychain; type to replace it</source>
        <translation>已保存在钥匙串中；输入新密码即可替换</translation>
    </message>
</context>
<context>
    <name>Ferry::ReportActions</name>
    <message>
        <location filename="../ui/reportactions.cpp" line="30"/>
        <source>Export &amp;Report…</source>
        <translation>导出报告(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../ui/reportactions.cpp" line="31"/>
        <source>Export &amp;Failed URLs…</source>
        <translation>导出失败的 URL(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../ui/reportactions.cpp" line="32"/>
        <source>Retry All &amp;Failed</source>
        <translation>重试全部失败项(&amp;F)</translation>
    </message>
    <message>
        <location filename="../ui/reportactions.cpp" line="36"/>
        <source>Save a line per download: URL, file, state, HTTP status, size, SHA-256, time, attempts and error</source>
        <translation>为每个下载保存一行：URL、文件、状态、HTTP 状态、大小、SHA-256、时间、尝试次数和错误</translation>
    </message>
    <message>
        <location filename="../ui/reportactions.cpp" line="39"/>
        <source>Save the URLs of failed downloads as a list to import later</source>
        <translation>将失败下载的 URL 保存为列表，以便之后导入</translation>
    </message>
    <message>
        <location filename="../ui/reportactions.cpp" line="41"/>
        <source>Queue every failed download again</source>
        <translation>将所有失败的下载重新排队</translation>
    </message>
    <message>
        <location filename="../ui/reportactions.cpp" line="89"/>
        <location filename="../ui/reportactions.cpp" line="117"/>
        <source>Export Report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <location filename="../ui/reportactions.cpp" line="91"/>
        <source>JSON Lines (*.jsonl);;CSV (*.csv)</source>
        <translation>JSON Lines (*.jsonl);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../ui/reportactions.cpp" line="125"/>
        <location filename="../ui/reportactions.cpp" line="131"/>
        <source>Export Failed URLs</source>
        <translation>导出失败的 URL</translation>
    </message>
    <message>
        <location filename="../ui/reportactions.cpp" line="127"/>
        <source>URL lists (*.txt);;All files (*)</source>
        <translation>URL 列表 (*.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../ui/reportactions.cpp" line="149"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>Ferry::RunRecorder</name>
    <message>
        <location filename="../app/cli/runrecorder.cpp" line="114"/>
        <source>cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
</context>
<context>
    <name>Ferry::SavedLoginsDialog</name>
    <message>
        <location filename="../ui/savedloginsdialog.cpp" line="26"/>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <location filename="../ui/savedloginsdialog.cpp" line="28"/>
        <source>Saved Logins</source>
        <translation>已保存的登录</translation>
    </message>
    <message>
        <location filename="../ui/savedloginsdialog.cpp" line="31"/>
        <source>Passwords stay in the system keychain; Ferry keeps only this list.</source>
        <translation>密码保存在系统钥匙串中；Ferry 只保存此列表。</translation>
    </message>
    <message>
        <location filename="../ui/savedloginsdialog.cpp" line="36"/>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../ui/savedloginsdialog.cpp" line="36"/>
        <source>Realm</source>
        <translation>领域</translation>
    </message>
    <message>
        <location filename="../ui/savedloginsdialog.cpp" line="36"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
</context>
<context>
    <name>Ferry::SessionStore</name>
    <message>
        <location filename="../core/sessionstore.cpp" line="313"/>
        <source>The saved download list was damaged and has been set aside as %1.</source>
        <translation>保存的下载列表已损坏，已将其移到 %1。</translation>
    </message>
</context>
<context>
    <name>Ferry::SettingsDialog</name>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="49"/>
        <source>&amp;Keep running in the tray when the window is closed</source>
        <translation>关闭窗口后在托盘中继续运行(&amp;K)</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="50"/>
        <source>&amp;Notify when downloads finish or fail</source>
        <translation>下载完成或失败时通知(&amp;N)</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="51"/>
        <source>Start &amp;minimised to the tray</source>
        <translation>启动时最小化到托盘(&amp;M)</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="52"/>
        <source>Start Ferry when I &amp;log in</source>
        <translation>登录时启动 Ferry(&amp;L)</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="53"/>
        <source>Offer links I &amp;copy in other programs</source>
        <translation>在其他程序中复制链接时提示下载(&amp;C)</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="60"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="74"/>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="78"/>
        <source>Download &amp;folder:</source>
        <translation>下载文件夹(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="85"/>
        <source>Automatic</source>
        <extracomment>In the &quot;Downloads at once&quot; box: Ferry finds the number itself</extracomment>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="87"/>
        <source>Automatic adds downloads while that makes the whole batch faster, and backs off when a server asks it to slow down</source>
        <translation>自动模式会在整批下载变快时增加同时下载数，并在服务器要求放慢时减少</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="90"/>
        <source>Downloads at &amp;once:</source>
        <translation>同时下载数(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="94"/>
        <source>Connections per &amp;server:</source>
        <translation>每个服务器的连接数(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="98"/>
        <source>How many connections one download may use at once</source>
        <translation>单个下载可同时使用的连接数</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="99"/>
        <source>Se&amp;gments per file:</source>
        <translation>每个文件的分段数(&amp;G)：</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="102"/>
        <source>&amp;Total speed limit:</source>
        <translation>总速度限制(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="105"/>
        <source>Speed limit &amp;per download:</source>
        <translation>单个下载速度限制(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="108"/>
        <source>No limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="110"/>
        <source>&amp;Attempts per file:</source>
        <translation>每个文件的尝试次数(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="130"/>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="136"/>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="137"/>
        <source>A new language applies when Ferry starts again.</source>
        <translation>新语言将在 Ferry 重新启动后生效。</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="147"/>
        <source>Saved &amp;Logins…</source>
        <translation>已保存的登录(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="154"/>
        <source>Sites that need a login:</source>
        <translation>需要登录的网站：</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="156"/>
        <source>Trusted Certificat&amp;es…</source>
        <translation>受信任的证书(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="167"/>
        <source>Servers with certificates you trust:</source>
        <extracomment>Certificates the user accepted for one server although they could not be verified</extracomment>
        <translation>您信任其证书的服务器：</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="187"/>
        <source>Downloads</source>
        <translation>下载</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="188"/>
        <source>Desktop</source>
        <translation>桌面</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="190"/>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="191"/>
        <source>Engines</source>
        <translation>引擎</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="252"/>
        <source>Download Folder</source>
        <translation>下载文件夹</translation>
    </message>
</context>
<context>
    <name>Ferry::SpeedLimitButton</name>
    <message>
        <location filename="../ui/speedlimitbutton.cpp" line="18"/>
        <source>Speed limit for all downloads together</source>
        <translation>所有下载合计的速度限制</translation>
    </message>
    <message>
        <location filename="../ui/speedlimitbutton.cpp" line="29"/>
        <source>No limit</source>
        <extracomment>Status bar: no speed limit is set</extracomment>
        <translation>不限速</translation>
    </message>
    <message>
        <location filename="../ui/speedlimitbutton.cpp" line="33"/>
        <source>Limit: %1</source>
        <extracomment>Status bar: the speed limit for all downloads, such as &quot;1 MiB/s&quot;</extracomment>
        <translation>限速：%1</translation>
    </message>
</context>
<context>
    <name>Ferry::SpeedLimitDialog</name>
    <message>
        <location filename="../ui/speedlimitdialog.cpp" line="18"/>
        <source>Speed Limit</source>
        <translation>速度限制</translation>
    </message>
    <message>
        <location filename="../ui/speedlimitdialog.cpp" line="22"/>
        <source>&amp;Limit the speed of all downloads together to:</source>
        <translation>将所有下载的总速度限制为(&amp;L)：</translation>
    </message>
</context>
<context>
    <name>Ferry::SpeedLimitMenu</name>
    <message>
        <location filename="../ui/speedlimitmenu.cpp" line="34"/>
        <source>Speed &amp;Limit</source>
        <translation>速度限制(&amp;L)</translation>
    </message>
    <message>
        <location filename="../ui/speedlimitmenu.cpp" line="106"/>
        <source>&amp;Custom…</source>
        <translation>自定义(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../ui/speedlimitmenu.cpp" line="109"/>
        <source>&amp;Custom (%1)…</source>
        <extracomment>A speed limit that is none of the presets, such as &quot;3 MiB/s&quot;</extracomment>
        <translation>自定义（%1）(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../ui/speedlimitmenu.cpp" line="129"/>
        <source>Unlimited</source>
        <translation>不限速</translation>
    </message>
</context>
<context>
    <name>Ferry::SpeedLimitSpinBox</name>
    <message>
        <location filename="../ui/speedlimitspinbox.cpp" line="19"/>
        <source> KiB/s</source>
        <extracomment>Unit after a speed limit in a spin box; mind the leading space</extracomment>
        <translation> KiB/s</translation>
    </message>
    <message>
        <location filename="../ui/speedlimitspinbox.cpp" line="21"/>
        <source>Unlimited</source>
        <extracomment>A speed limit of zero</extracomment>
        <translation>不限速</translation>
    </message>
</context>
<context>
    <name>Ferry::TransferListModel</name>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="112"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="114"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="116"/>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="118"/>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="120"/>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="122"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="124"/>
        <source>Added</source>
        <translation>添加时间</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="127"/>
        <source>Queue</source>
        <extracomment>Column: the place in the download queue</extracomment>
        <translation>队列</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="191"/>
        <source>%1%</source>
        <extracomment>Download progress in percent</extracomment>
        <translation>%1%</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="265"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="267"/>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="269"/>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="270"/>
        <source>%1 d %2 h</source>
        <translation>%1 天 %2 小时</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="281"/>
        <source>Waiting for host, %1 left</source>
        <extracomment>The server failed many requests in a row; Ferry pauses new requests to it</extracomment>
        <translation>等待主机，还剩 %1</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="283"/>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="285"/>
        <source>Connecting</source>
        <translation>正在连接</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="286"/>
        <source>Downloading</source>
        <translation>正在下载</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="290"/>
        <source>Needs login: looking in the keychain</source>
        <extracomment>A download waits while Ferry looks for a saved login in the system keychain</extracomment>
        <translation>需要登录：正在查找钥匙串</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="293"/>
        <source>Retrying (attempt %1): %2</source>
        <extracomment>%1 is the number of the next attempt, %2 why the last one failed</extracomment>
        <translation>正在重试（第 %1 次尝试）：%2</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="297"/>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="299"/>
        <source>Already downloaded</source>
        <translation>此前已下载</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="299"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="305"/>
        <source>Needs login: %1</source>
        <extracomment>A download waits for a user name and password; %1 says who asks for it</extracomment>
        <translation>需要登录：%1</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="307"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="308"/>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="310"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>Ferry::TrayIcon</name>
    <message>
        <location filename="../ui/trayicon.cpp" line="34"/>
        <location filename="../ui/trayicon.cpp" line="56"/>
        <source>&amp;Show Ferry</source>
        <translation>显示 Ferry(&amp;S)</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="36"/>
        <source>Add from &amp;Clipboard</source>
        <translation>从剪贴板添加(&amp;C)</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="42"/>
        <source>&amp;Pause All</source>
        <translation>全部暂停(&amp;P)</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="44"/>
        <source>&amp;Resume All</source>
        <translation>全部继续(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="53"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="56"/>
        <source>&amp;Hide Ferry</source>
        <translation>隐藏 Ferry(&amp;H)</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="102"/>
        <source>Ferry</source>
        <translation>Ferry</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="103"/>
        <source>Ferry – %1 of %2 files done</source>
        <translation>Ferry – 已完成 %1/%2 个文件</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="106"/>
        <source>Ferry – %1%, %2/s
%3 of %4 files done</source>
        <extracomment>Tray tooltip: percent, speed, files done, all files</extracomment>
        <translation>Ferry – %1%，%2/s
已完成 %3/%4 个文件</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="156"/>
        <source>Downloads finished</source>
        <translation>下载完成</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="157"/>
        <source>One file downloaded.</source>
        <translation>已下载 1 个文件。</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/trayicon.cpp" line="158"/>
        <source>%n files downloaded.</source>
        <translation>
            <numerusform>已下载 %n 个文件。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="160"/>
        <source>Downloads failed</source>
        <translation>下载失败</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="162"/>
        <source>One download failed. Open Ferry to see why.</source>
        <translation>1 个下载失败。请打开 Ferry 查看原因。</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/trayicon.cpp" line="163"/>
        <source>%n downloads failed. Open Ferry to see why.</source>
        <translation>
            <numerusform>%n 个下载失败。请打开 Ferry 查看原因。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="173"/>
        <source>Ferry is still running</source>
        <translation>Ferry 仍在运行</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="174"/>
        <source>Downloads continue in the background. Use the tray icon to show the window or to quit.</source>
        <translation>下载会在后台继续。可通过托盘图标显示窗口或退出。</translation>
    </message>
</context>
<context>
    <name>Ferry::TrustedCertificatesDialog</name>
    <message>
        <location filename="../ui/trustedcertificatesdialog.cpp" line="31"/>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/trustedcertificatesdialog.cpp" line="33"/>
        <source>Trusted Certificates</source>
        <translation>受信任的证书</translation>
    </message>
    <message>
        <location filename="../ui/trustedcertificatesdialog.cpp" line="35"/>
        <source>Each certificate is accepted from its server only, although it could not be verified.</source>
        <translation>每个证书虽然无法验证，但只在其所属服务器上被接受。</translation>
    </message>
    <message>
        <location filename="../ui/trustedcertificatesdialog.cpp" line="42"/>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../ui/trustedcertificatesdialog.cpp" line="42"/>
        <source>SHA-256 fingerprint</source>
        <translation>SHA-256 指纹</translation>
    </message>
</context>
<context>
    <name>HostLimits</name>
    <message>
        <location filename="../core/hostlimits.cpp" line="21"/>
        <source>&quot;%1&quot; is not HOST=N with N from 1 to 64</source>
        <extracomment>%1 is what the user wrote, e.g. &quot;example.org=100&quot;</extracomment>
        <translation>“%1”不是 主机=N 的形式（N 为 1 到 64）</translation>
    </message>
</context>
<context>
    <name>LaunchRequest</name>
    <message>
        <location filename="../ui/launchrequest.cpp" line="52"/>
        <source>%1 needs a file name</source>
        <translation>%1 需要一个文件名</translation>
    </message>
    <message>
        <location filename="../ui/launchrequest.cpp" line="65"/>
        <source>unknown option %1</source>
        <translation>未知选项 %1</translation>
    </message>
    <message>
        <location filename="../ui/launchrequest.cpp" line="72"/>
        <source>&quot;%1&quot; is not a usable URL: %2</source>
        <translation>“%1”不是可用的 URL：%2</translation>
    </message>
</context>
<context>
    <name>ProxySettings</name>
    <message>
        <location filename="../core/proxysettings.cpp" line="47"/>
        <source>expected [http://|socks5://][USER:PASSWORD@]HOST[:PORT]</source>
        <translation>格式应为 [http://|socks5://][USER:PASSWORD@]HOST[:PORT]</translation>
    </message>
</context>
<context>
    <name>RequestHeaders</name>
    <message>
        <location filename="../core/requestheaders.cpp" line="152"/>
        <source>expected &quot;Name: value&quot;</source>
        <translation>格式应为“Name: value”</translation>
    </message>
    <message>
        <location filename="../core/requestheaders.cpp" line="167"/>
        <source>&quot;%1&quot; is not a header name</source>
        <translation>“%1”不是有效的请求头名称</translation>
    </message>
    <message>
        <location filename="../core/requestheaders.cpp" line="169"/>
        <source>the value of %1 holds a line break</source>
        <translation>%1 的值包含换行符</translation>
    </message>
    <message>
        <location filename="../core/requestheaders.cpp" line="174"/>
        <source>%1 is set by Ferry itself and cannot be given</source>
        <extracomment>%1 is an HTTP header name such as Range</extracomment>
        <translation>%1 由 Ferry 自行设置，不能指定</translation>
    </message>
</context>
<context>
    <name>TlsPolicy</name>
    <message>
        <location filename="../core/tlspolicy.cpp" line="114"/>
        <source>expected HOST=SHA256 with the certificate&apos;s 64 hex digits (colons allowed), as the error message shows them</source>
        <extracomment>HOST and SHA256 are placeholders the user replaces; keep them as they are</extracomment>
        <translation>格式应为 HOST=SHA256，即错误信息中显示的证书 64 位十六进制指纹（可带冒号）</translation>
    </message>
</context>
<context>
    <name>TransferError</name>
    <message>
        <location filename="../core/transfererror.cpp" line="22"/>
        <source>Network error: %1</source>
        <translation>网络错误：%1</translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="25"/>
        <source>The server answered %1 %2</source>
        <extracomment>%1 is an HTTP status code such as 404, %2 the server&apos;s reason text</extracomment>
        <translation>服务器返回 %1 %2</translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="27"/>
        <source>Connection stalled: %1</source>
        <translation>连接无响应：%1</translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="29"/>
        <source>Secure connection failed: %1</source>
        <translation>安全连接失败：%1</translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="31"/>
        <source>Cannot write the file: %1</source>
        <translation>无法写入文件：%1</translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="33"/>
        <source>The disk is full: %1</source>
        <translation>磁盘已满：%1</translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="35"/>
        <source>Checksum mismatch: %1</source>
        <translation>校验和不匹配：%1</translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="37"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="39"/>
        <source>Redirect refused: %1</source>
        <translation>已拒绝重定向：%1</translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="41"/>
        <source>The server&apos;s answer is inconsistent: %1</source>
        <translation>服务器的响应前后不一致：%1</translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="43"/>
        <source>Invalid URL: %1</source>
        <translation>无效的 URL：%1</translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="50"/>
        <source>The proxy %1 needs a user name and password</source>
        <extracomment>%1 is a proxy&apos;s address, host:port</extracomment>
        <translation>代理 %1 需要用户名和密码</translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="53"/>
        <source>Proxy authentication failed: %1 refused the user name or password</source>
        <extracomment>%1 is a proxy&apos;s address, host:port</extracomment>
        <translation>代理认证失败：%1 拒绝了用户名或密码</translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="58"/>
        <source>%1 (realm &quot;%2&quot;)</source>
        <extracomment>where a login is needed: %1 is a server&apos;s host name, %2 the realm (the name the server gives its login)</extracomment>
        <translation>%1（领域“%2”）</translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="63"/>
        <source>Authentication required by %1</source>
        <translation>%1 要求身份验证</translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="64"/>
        <source>Authentication failed: %1 refused the user name or password</source>
        <translation>身份验证失败：%1 拒绝了用户名或密码</translation>
    </message>
</context>
<context>
    <name>TransferReport</name>
    <message>
        <location filename="../core/transferreport.cpp" line="135"/>
        <location filename="../core/transferreport.cpp" line="157"/>
        <source>cannot write the report %1: %2</source>
        <translation>无法写入报告 %1：%2</translation>
    </message>
</context>
<context>
    <name>UrlExtractor</name>
    <message>
        <location filename="../core/urlextractor.cpp" line="120"/>
        <source>no http or https URL</source>
        <translation>没有 http 或 https URL</translation>
    </message>
    <message>
        <location filename="../core/urlextractor.cpp" line="132"/>
        <source>%1: %2</source>
        <extracomment>%1 is a file name, %2 a line of text from it</extracomment>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>UrlListImportJob</name>
    <message>
        <location filename="../core/urllistimportjob.cpp" line="30"/>
        <source>%1 is a folder</source>
        <translation>%1 是文件夹</translation>
    </message>
</context>
<context>
    <name>UrlListReader</name>
    <message>
        <location filename="../core/urllistreader.cpp" line="66"/>
        <location filename="../core/urllistreader.cpp" line="70"/>
        <source>not a URL</source>
        <translation>不是 URL</translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="74"/>
        <source>unsupported scheme %1</source>
        <extracomment>%1 is a URL scheme such as ftp or file</extracomment>
        <translation>不支持的协议 %1</translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="77"/>
        <source>no host</source>
        <translation>缺少主机名</translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="124"/>
        <source>the input is not open for reading</source>
        <translation>输入未以读取方式打开</translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="138"/>
        <source>cannot read the input: %1</source>
        <extracomment>%1 is the system&apos;s description of the error</extracomment>
        <translation>无法读取输入：%1</translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="163"/>
        <source>line is longer than %1 bytes</source>
        <extracomment>%1 is a number of bytes</extracomment>
        <translation>行长度超过 %1 字节</translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="172"/>
        <source>not valid UTF-8 text</source>
        <translation>不是有效的 UTF-8 文本</translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="203"/>
        <source>ignored indented URL: URL lines must not start with a space or TAB</source>
        <translation>已忽略缩进的 URL：URL 行不能以空格或 TAB 开头</translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="207"/>
        <source>option line without a URL line above it</source>
        <translation>选项行上方没有 URL 行</translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="234"/>
        <source>%1; this URI is ignored</source>
        <extracomment>%1 says why a URI on a line with several is not used</extracomment>
        <translation>%1；已忽略此 URI</translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="254"/>
        <source>ignored option line: expected name=value</source>
        <translation>已忽略选项行：应为 name=value</translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="266"/>
        <source>bad checksum: expected TYPE=HEX with TYPE one of md5, sha-1, sha-224, sha-256, sha-384 or sha-512 and the matching number of hex digits</source>
        <translation>校验和无效：应为 TYPE=HEX，其中 TYPE 为 md5、sha-1、sha-224、sha-256、sha-384 或 sha-512 之一，HEX 为相应位数的十六进制数字</translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="276"/>
        <source>bad header: %1</source>
        <extracomment>%1 says what is wrong with the header</extracomment>
        <translation>请求头有误：%1</translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="282"/>
        <source>ignored option %1: empty value</source>
        <extracomment>%1 is an option name such as out or dir</extracomment>
        <translation>已忽略选项 %1：值为空</translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="298"/>
        <source>ignored option %1: only out, dir, checksum, user-agent, referer, header and load-cookies are supported</source>
        <extracomment>%1 is an option name from the input file; the others are literal option names</extracomment>
        <translation>已忽略选项 %1：仅支持 out、dir、checksum、user-agent、referer、header 和 load-cookies</translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="310"/>
        <source>%1; the URL on line %2 is skipped</source>
        <extracomment>%1 says what is wrong with an option line, %2 is the line number of its URL</extracomment>
        <translation>%1；已跳过第 %2 行的 URL</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/cli/requestfeed.cpp" line="52"/>
        <source>&quot;%1&quot; is not a usable URL: %2</source>
        <translation>&quot;%1&quot; 不是可用的 URL：%2</translation>
    </message>
    <message>
        <location filename="../app/cli/requestfeed.cpp" line="73"/>
        <source>standard input</source>
        <translation>标准输入</translation>
    </message>
    <message>
        <location filename="../app/cli/requestfeed.cpp" line="82"/>
        <location filename="../app/cli/requestfeed.cpp" line="155"/>
        <source>cannot read the list %1: %2</source>
        <translation>无法读取列表 %1：%2</translation>
    </message>
    <message>
        <location filename="../app/cli/requestfeed.cpp" line="84"/>
        <source>it is a folder</source>
        <translation>它是文件夹</translation>
    </message>
    <message>
        <location filename="../app/cli/requestfeed.cpp" line="143"/>
        <source>%1:%2: %3: %4</source>
        <translation>%1:%2: %3：%4</translation>
    </message>
    <message>
        <location filename="../app/cli/requestfeed.cpp" line="149"/>
        <source>%1: %2 more problems not shown</source>
        <translation>%1：另有 %2 个问题未显示</translation>
    </message>
    <message>
        <location filename="../app/cli/main.cpp" line="154"/>
        <source>try &quot;ferry-cli --help&quot;</source>
        <translation>请尝试 &quot;ferry-cli --help&quot;</translation>
    </message>
    <message>
        <location filename="../app/cli/main.cpp" line="167"/>
        <source>note: -o &quot;%1&quot; is saved as &quot;%2&quot; (names stay inside the folder)</source>
        <translation>注意：-o &quot;%1&quot; 将保存为 &quot;%2&quot;（文件名不能超出目标文件夹）</translation>
    </message>
    <message>
        <location filename="../app/cli/main.cpp" line="173"/>
        <source>warning: a proxy password on the command line can be seen by other users of this computer; set FERRY_PROXY_PASSWORD instead</source>
        <translation>警告：命令行中的代理密码可被本机其他用户看到；请改用 FERRY_PROXY_PASSWORD</translation>
    </message>
    <message>
        <location filename="../app/cli/main.cpp" line="220"/>
        <source>cannot save the login for %1 in the keychain: %2</source>
        <translation>无法将 %1 的登录保存到钥匙串：%2</translation>
    </message>
    <message>
        <location filename="../app/cli/main.cpp" line="286"/>
        <source>Stopping: saving where each download is (Ctrl+C again quits at once)</source>
        <translation>正在停止：正在保存各下载的进度（再按一次 Ctrl+C 立即退出）</translation>
    </message>
</context>
</TS>
