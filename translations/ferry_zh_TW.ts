<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW">
<context>
    <name>CliLogin</name>
    <message>
        <location filename="../app/cli/clilogin.cpp" line="28"/>
        <source>warning: --http-passwd shows the password to other users of this computer (in the process list); prefer %1 or the prompt</source>
        <translation>警告：--http-passwd 會讓這臺計算機的其他使用者（在程序列表中）看到密碼；建議改用 %1 或提示輸入</translation>
    </message>
    <message>
        <location filename="../app/cli/clilogin.cpp" line="53"/>
        <source>Password for %1: </source>
        <extracomment>%1 is the user name given with --http-user</extracomment>
        <translation>%1 的密碼：</translation>
    </message>
</context>
<context>
    <name>CliOptions</name>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="184"/>
        <source>%1: invalid value &quot;%2&quot; (expected %3)</source>
        <translation>%1：無效的值 &quot;%2&quot;（應為%3）</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="190"/>
        <source>%1: invalid value &quot;%2&quot;: %3</source>
        <extracomment>%1 is an option, %2 the value given, %3 says what is wrong with it</extracomment>
        <translation>%1：無效的值“%2”：%3</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="200"/>
        <source>a folder</source>
        <translation>資料夾</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="205"/>
        <location filename="../app/cli/clioptions.cpp" line="293"/>
        <source>a file name</source>
        <translation>檔名</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="224"/>
        <location filename="../app/cli/clioptions.cpp" line="230"/>
        <source>a number from 1 to 16</source>
        <translation>介於 1 到 16 之間的數字</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="238"/>
        <source>a size from 1M to 1024M</source>
        <translation>介於 1M 到 1024M 之間的大小</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="218"/>
        <source>a number from 1 to 1000, or auto</source>
        <translation>1 到 1000 之間的數字，或 auto</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="250"/>
        <source>a number from 1 to 64, or HOST=N for one host</source>
        <translation>1 到 64 之間的數字，或為單個主機寫 HOST=N</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="257"/>
        <source>a number from 0 (no limit) to 1000</source>
        <translation>介於 0（不限）到 1000 之間的數字</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="263"/>
        <source>seconds from 0 to 600</source>
        <translation>介於 0 到 600 之間的秒數</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="269"/>
        <source>seconds from 0.1 to 600</source>
        <translation>介於 0.1 到 600 之間的秒數</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="275"/>
        <source>bytes per second such as 1048576, 512K or 10M; 0 for no limit</source>
        <extracomment>K and M are aria2&apos;s suffixes for KiB and MiB; keep them untranslated</extracomment>
        <translation>每秒位元組數，如 1048576、512K 或 10M；0 表示不限速</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="289"/>
        <source>seconds from 0 to 3600</source>
        <translation>0 到 3600 秒</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="302"/>
        <source>TYPE=HEX, e.g. sha-256=&lt;64 hex digits&gt;</source>
        <translation>格式為 TYPE=HEX 的值，例如 sha-256=&lt;64 位十六進位數字&gt;</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="305"/>
        <source>a readable file of PEM certificates</source>
        <translation>可讀取的 PEM 憑證檔案</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="318"/>
        <source>--check-certificate=false is not supported: certificates are always checked. Use --ca-certificate=FILE or --trust-certificate=HOST=SHA256 to trust a server&apos;s own certificate</source>
        <translation>不支援 --check-certificate=false：憑證始終會被校驗。要信任伺服器自己的憑證，請使用 --ca-certificate=FILE 或 --trust-certificate=HOST=SHA256</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="328"/>
        <source>one line of text</source>
        <translation>一行文字</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="347"/>
        <source>--load-cookies: %1</source>
        <translation>--load-cookies：%1</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="383"/>
        <source>a user name</source>
        <translation>使用者名稱</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="442"/>
        <location filename="../app/cli/clioptions.cpp" line="450"/>
        <source>unknown option %1</source>
        <translation>未知選項 %1</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="455"/>
        <source>option %1 takes no value</source>
        <translation>選項 %1 不接受值</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="463"/>
        <source>option %1 needs a value</source>
        <translation>選項 %1 需要一個值</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="481"/>
        <source>--http-passwd and --save-credentials need --http-user</source>
        <translation>--http-passwd 和 --save-credentials 需要與 --http-user 一起使用</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="485"/>
        <source>no URL given (pass URLs, or -i FILE with one URL per line)</source>
        <translation>未提供 URL（請直接給出 URL，或用 -i FILE 指定每行一個 URL 的清單）</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="490"/>
        <source>-o names a single download; for lists put &quot;out=NAME&quot; under a URL in the input file</source>
        <translation>-o 只用於命名單一下載；使用清單時，請在輸入檔案中對應 URL 的下方寫 &quot;out=NAME&quot;</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="495"/>
        <source>--checksum applies to a single download; for lists put &quot;checksum=TYPE=HEX&quot; under a URL in the input file</source>
        <translation>--checksum 只適用於單一下載；使用清單時，請在輸入檔案中對應 URL 的下方寫 &quot;checksum=TYPE=HEX&quot;</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="502"/>
        <source>-d %1: not a folder</source>
        <translation>-d %1：不是資料夾</translation>
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
        <translation>用法：ferry-cli [選項] URL...
      ferry-cli [選項] -i FILE

透過 HTTP 和 HTTPS 下載檔案。再次執行相同的命令時，中斷的下載會從停止的
位置繼續，已完成的下載會被跳過。

選項：
  -i, --input-file=FILE       從 FILE 讀取 URL（&quot;-&quot; 表示標準輸入），每行
                              一個；URL 下方可跟 aria2 風格的選項行：
                              &quot;  out=NAME&quot;、&quot;  dir=DIR&quot;、
                              &quot;  checksum=sha-256=HEX&quot;，以及與同名選項
                              作用相同的 user-agent=、referer=、header=
                              和 load-cookies=
  -d, --dir=DIR               將檔案儲存到 DIR（預設：當前資料夾）
  -o, --out=NAME              單個下載的檔名
  -j, --max-concurrent-downloads=N|auto
                              同時進行的下載數（預設 auto）：auto 從 5 開始，
                              只要能更快就繼續增加，伺服器回應 429 或 503
                              時則減少；給出 N 則固定為 N 個
  -s, --split=N               單個檔案使用的連線數（1 到 16，預設 8）；每個
                              連線下載一部分，先完成的連線會接手剩餘最大
                              部分的一半
  -k, --min-split-size=SIZE   分段不小於 SIZE（1M 到 1024M，預設 2M）：檔案
                              至少為其兩倍大小時才會分段
  -x, --max-connection-per-server=N
                              與 -s 相同的限制，採用 aria2c 的另一種寫法；
                              以 -s 和 -x 中較小者為準（預設 8）
      --max-connections-per-host=N|HOST=N
                              所有下載合計對同一主機的同時連線數（1 到 64，
                              預設 16）；HOST=N 只為該主機設定（可重複）
      --wait=SEC              對同一主機的兩次請求之間至少間隔 SEC 秒
      --random-wait           每次等待為 --wait 的 0.5 到 1.5 倍，隨機選取
  -m, --max-tries=N           每個檔案的嘗試次數，0 表示不限（預設 5）；
                              連續失敗的主機會先暫停一段時間，其檔案只有在
                              連續 N 次暫停後仍失敗時才會失敗
      --retry-wait=SEC        首次重試前的等待時間；之後每次重試時翻倍，
                              並加入隨機抖動（預設 1）
  -t, --timeout=SEC           連線無資料達到此時長即放棄（預設 60）
      --max-overall-download-limit=SPEED
                              限制所有下載的總速度，單位為位元組/秒；K 和 M
                              分別表示 KiB 和 MiB（如 512K、10M）；0 表示
                              不限速（預設）
      --max-download-limit=SPEED
                              以同樣方式限制每個下載的速度
      --checksum=TYPE=HEX     校驗單個下載（md5、sha-1、sha-256 等）
      --save-report=FILE      每個下載寫一行（URL、檔案、狀態、HTTP 狀態、
                              位元組數、SHA-256、時間、嘗試次數、錯誤）：FILE
                              以 .csv 結尾時為 CSV，否則為 JSON Lines
      --save-failed=FILE      失敗下載的 URL 列表儲存到哪裡，可供 -i 使用
                              （預設：~/.local/share/ferry/failed 下的新
                              檔案；彙總中會寫明）
      --ca-certificate=FILE   額外信任 FILE 中的憑證（PEM）
      --trust-certificate=HOST=SHA256
                              儘管有錯誤，仍在 HOST 上接受 SHA-256 指紋為
                              此值的那一個憑證（錯誤資訊中會顯示指紋）；
                              可重複
  -U, --user-agent=TEXT       要傳送的 User-Agent 請求頭
      --referer=URL           要傳送的 Referer 請求頭
      --header=&quot;NAME: VALUE&quot;  每個請求附加的請求頭；可重複（Cookie 和
                              Authorization 只發往 URL 本身的主機，重定向
                              到其他主機後不再發送）
      --load-cookies=FILE     傳送 Netscape cookies.txt 檔案中與請求匹配的
                              Cookie；伺服器設定的 Cookie 在本次執行中保留
      --all-proxy=PROXY       所有下載都使用 PROXY：[http://|socks5://]
                              [USER:PASSWORD@]HOST[:PORT]；值為空表示不使用
                              代理（預設：使用系統設定，如 http_proxy、
                              https_proxy 和 no_proxy）
      --http-proxy=PROXY      僅用於 http:// URL 的代理
      --https-proxy=PROXY     僅用於 https:// URL 的代理
      --no-proxy=HOSTS        以逗號分隔的主機、域名和網路（10.0.0.0/8），
                              訪問它們時不經過代理
      --all-proxy-user=USER   代理的使用者名稱；密碼依次取自 --all-proxy-passwd、
                              FERRY_PROXY_PASSWORD、鑰匙串
      --all-proxy-passwd=PASSWORD
                              代理的密碼；本機其他使用者能看到命令列，因此
                              請優先使用環境變數 FERRY_PROXY_PASSWORD
      --allow-overwrite[=true|false]
                              替換已有檔案，而不是另存為 &quot;name (1).ext&quot;
  -c, --continue              接受此選項；續傳始終開啟
  -q, --quiet                 除選項錯誤外不輸出任何內容
  -v, --version               顯示版本號
  -h, --help                  顯示此幫助

退出狀態：0 表示所有下載均成功，1 表示有下載失敗，
2 表示選項錯誤或列表無法讀取（不會下載任何內容），
130 表示被中斷（再次執行相同的命令即可繼續）。
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
登入（HTTP Basic 和 Digest）：
      --http-user=USER        伺服器要求登入時以 USER 登入；密碼依次取自
                              --http-passwd、FERRY_HTTP_PASSWORD、鑰匙串，
                              最後在終端上提示輸入
      --http-passwd=PASSWORD  為相容 aria2c 而接受，但本機其他使用者能看到
                              命令列：建議改用 FERRY_HTTP_PASSWORD 或提示輸入
      --save-credentials      伺服器接受登入後將其儲存到鑰匙串，供下次使用
                              （代理接受其登入後，代理的登入也會儲存）
URL 也可以帶登入資訊（https://user:password@host/...）。密碼絕不會寫入
Ferry 的檔案或日誌。
</translation>
    </message>
</context>
<context>
    <name>CookieFile</name>
    <message>
        <location filename="../core/cookiefile.cpp" line="53"/>
        <source>cookie file %1: %2</source>
        <extracomment>%1 is a file path, %2 says what is wrong</extracomment>
        <translation>Cookie 檔案 %1：%2</translation>
    </message>
    <message>
        <location filename="../core/cookiefile.cpp" line="58"/>
        <source>it is a folder</source>
        <translation>這是一個資料夾</translation>
    </message>
    <message>
        <location filename="../core/cookiefile.cpp" line="62"/>
        <source>larger than %1 MiB</source>
        <translation>大於 %1 MiB</translation>
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
        <translation>應為以 TAB 分隔的 7 個欄位（域名、子域名、路徑、安全、過期時間、名稱、值），實際為 %1 個</translation>
    </message>
    <message>
        <location filename="../core/cookiefile.cpp" line="109"/>
        <source>no domain</source>
        <translation>缺少域名</translation>
    </message>
    <message>
        <location filename="../core/cookiefile.cpp" line="115"/>
        <source>the domain is not a host name</source>
        <translation>該域名不是有效的主機名</translation>
    </message>
    <message>
        <location filename="../core/cookiefile.cpp" line="118"/>
        <source>the second field must be TRUE or FALSE</source>
        <translation>第二個欄位必須是 TRUE 或 FALSE</translation>
    </message>
    <message>
        <location filename="../core/cookiefile.cpp" line="120"/>
        <source>the fourth field must be TRUE or FALSE</source>
        <translation>第四個欄位必須是 TRUE 或 FALSE</translation>
    </message>
    <message>
        <location filename="../core/cookiefile.cpp" line="122"/>
        <source>the expiry must be seconds since 1970, or 0 for a session cookie</source>
        <translation>過期時間必須是自 1970 年起的秒數，會話 Cookie 為 0</translation>
    </message>
    <message>
        <location filename="../core/cookiefile.cpp" line="124"/>
        <source>no cookie name</source>
        <translation>缺少 Cookie 名稱</translation>
    </message>
    <message>
        <location filename="../core/cookiefile.cpp" line="127"/>
        <source>the cookie&apos;s name or value holds a control character</source>
        <translation>Cookie 的名稱或值含有控制字元</translation>
    </message>
</context>
<context>
    <name>Ferry::AddDialog</name>
    <message>
        <location filename="../ui/adddialog.cpp" line="35"/>
        <source>Add Downloads</source>
        <translation>新增下載</translation>
    </message>
    <message>
        <location filename="../ui/adddialog.cpp" line="40"/>
        <source>&amp;Links (one per line, or mixed into any text):</source>
        <translation>連結（每行一個，或混在任意文字中）(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../ui/adddialog.cpp" line="44"/>
        <source>https://example.org/file.zip</source>
        <translation>https://example.org/file.zip</translation>
    </message>
    <message>
        <location filename="../ui/adddialog.cpp" line="54"/>
        <source>Save &amp;to:</source>
        <translation>儲存到(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../ui/adddialog.cpp" line="58"/>
        <source>&amp;Browse…</source>
        <translation>瀏覽(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../ui/adddialog.cpp" line="65"/>
        <source>&amp;Download Now</source>
        <translation>立即下載(&amp;D)</translation>
    </message>
    <message>
        <location filename="../ui/adddialog.cpp" line="68"/>
        <source>Add &amp;Paused</source>
        <translation>新增並暫停(&amp;P)</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/adddialog.cpp" line="171"/>
        <source>New links: %n</source>
        <translation>
            <numerusform>新連結：%n 個</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/adddialog.cpp" line="173"/>
        <source>duplicates left out: %n</source>
        <translation>
            <numerusform>已略去重複：%n 個</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/adddialog.cpp" line="175"/>
        <source>already in the list: %n</source>
        <translation>
            <numerusform>已在清單中：%n 個</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/adddialog.cpp" line="177"/>
        <source>lines rejected: %n</source>
        <translation>
            <numerusform>無法使用的行：%n 行</numerusform>
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
        <translation>選擇下載儲存位置</translation>
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
        <translation>信任此憑證(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../ui/certificatetrustactions.cpp" line="37"/>
        <source>Accept the certificate this server presented, after checking its fingerprint</source>
        <translation>核對指紋後，接受此伺服器出示的憑證</translation>
    </message>
</context>
<context>
    <name>Ferry::CertificateTrustDialog</name>
    <message>
        <location filename="../ui/certificatetrustdialog.cpp" line="22"/>
        <source>Trust This Certificate?</source>
        <translation>信任此憑證？</translation>
    </message>
    <message>
        <location filename="../ui/certificatetrustdialog.cpp" line="26"/>
        <source>The certificate of %1 could not be verified. Trust it only if you know that this is the server&apos;s certificate, for example because its fingerprint matches one its owner gave you.</source>
        <translation>無法驗證 %1 的憑證。只有確認這是該伺服器的憑證時才信任它，例如其指紋與所有者提供的一致。</translation>
    </message>
    <message>
        <location filename="../ui/certificatetrustdialog.cpp" line="50"/>
        <source>Server:</source>
        <translation>伺服器：</translation>
    </message>
    <message>
        <location filename="../ui/certificatetrustdialog.cpp" line="52"/>
        <source>SHA-256 fingerprint:</source>
        <extracomment>The certificate&apos;s SHA-256 fingerprint, 32 hex pairs</extracomment>
        <translation>SHA-256 指紋：</translation>
    </message>
    <message>
        <location filename="../ui/certificatetrustdialog.cpp" line="53"/>
        <source>Problems:</source>
        <translation>問題：</translation>
    </message>
    <message>
        <location filename="../ui/certificatetrustdialog.cpp" line="55"/>
        <source>Ferry will accept this one certificate from %1 from now on, and no other. You can remove it in Settings.</source>
        <translation>從現在起，Ferry 只接受 %1 的這一個憑證，不接受其他憑證。可在設定中移除。</translation>
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
        <translation>%1：正在連線…</translation>
    </message>
    <message>
        <location filename="../ui/connectionstatuslabel.cpp" line="30"/>
        <source>%1: connected</source>
        <translation>%1：已連線</translation>
    </message>
    <message>
        <location filename="../ui/connectionstatuslabel.cpp" line="32"/>
        <source>%1: connection lost, retrying</source>
        <translation>%1：連線已斷開，正在重試</translation>
    </message>
    <message>
        <location filename="../ui/connectionstatuslabel.cpp" line="34"/>
        <source>%1: wrong secret (check Settings → Engines)</source>
        <translation>%1：金鑰錯誤（請檢查「設定 → 引擎」）</translation>
    </message>
</context>
<context>
    <name>Ferry::ConsoleReporter</name>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="60"/>
        <source>[skip] %1 is already complete</source>
        <translation>[跳過] %1 已下載完成</translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="63"/>
        <source>[done] %1 (%2)</source>
        <translation>[完成] %1（%2）</translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="75"/>
        <source>[fail] %1: %2</source>
        <translation>[失敗] %1：%2</translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="82"/>
        <source>[retry] %1: %2; attempt %3 in %4 s</source>
        <translation>[重試] %1：%2；%4 秒後進行第 %3 次嘗試</translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="99"/>
        <source>[wait] %1 keeps failing; no new downloads from it for %2 s</source>
        <translation>[等待] %1 連續失敗；%2 秒內不再從它開始新的下載</translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="128"/>
        <source>[%1/%2 files] %3</source>
        <translation>[%1/%2 個檔案] %3</translation>
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
        <translation>，剩餘 %1</translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="138"/>
        <source>, %1 active, %2 queued</source>
        <translation>，%1 個進行中，%2 個排隊中</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/consolereporter.cpp" line="140"/>
        <source>, %n failed</source>
        <translation>
            <numerusform>，%n 個失敗</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="194"/>
        <source>Download results:</source>
        <translation>下載結果：</translation>
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
            <numerusform>（其中 %n 個先前已完成）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="199"/>
        <source>  failed:    %1</source>
        <translation>  失敗：%1</translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="203"/>
        <source>  the failed URLs are in %1; retry them with: ferry-cli -i %1</source>
        <translation>  失敗的 URL 已儲存在 %1；重試命令：ferry-cli -i %1</translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="209"/>
        <source>  rejected list lines: %1 (see the messages above)</source>
        <translation>  清單中無法使用的行：%1（見上方訊息）</translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="212"/>
        <source>  unfinished: %1</source>
        <translation>  未完成：%1</translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="213"/>
        <source>  fetched %1 in %2 s (%3/s)</source>
        <translation>  耗時 %2 秒，取得 %1（%3/s）</translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="219"/>
        <source>  report: %1</source>
        <translation>  報告：%1</translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="221"/>
        <source>Interrupted. Run the same command again to continue.</source>
        <translation>已中斷。再次執行相同的命令即可繼續。</translation>
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
        <translation>aria2 的 --rpc-secret（儲存在鑰匙串中）</translation>
    </message>
    <message>
        <location filename="../ui/enginessettingsbox.cpp" line="40"/>
        <source>Add or Up&amp;date</source>
        <translation>新增或更新(&amp;D)</translation>
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
        <translation>遠端 aria2：</translation>
    </message>
    <message>
        <location filename="../ui/enginessettingsbox.cpp" line="55"/>
        <source>Name:</source>
        <translation>名稱：</translation>
    </message>
    <message>
        <location filename="../ui/enginessettingsbox.cpp" line="56"/>
        <source>Host:</source>
        <translation>主機：</translation>
    </message>
    <message>
        <location filename="../ui/enginessettingsbox.cpp" line="57"/>
        <source>Port:</source>
        <translation>連接埠：</translation>
    </message>
    <message>
        <location filename="../ui/enginessettingsbox.cpp" line="58"/>
        <source>Secret:</source>
        <translation>金鑰：</translation>
    </message>
    <message>
        <location filename="../ui/enginessettingsbox.cpp" line="86"/>
        <source>A remote engine needs a name and a host.</source>
        <translation>遠端引擎需要名稱和主機。</translation>
    </message>
    <message>
        <location filename="../ui/enginessettingsbox.cpp" line="141"/>
        <source>This computer</source>
        <translation>本機</translation>
    </message>
    <message>
        <location filename="../ui/enginessettingsbox.cpp" line="145"/>
        <source>%1 (aria2 at %2)</source>
        <extracomment>a remote engine in the engine choice: %1 its name, %2 host:port</extracomment>
        <translation>%1（aria2，位於 %2）</translation>
    </message>
</context>
<context>
    <name>Ferry::InterruptibleInput</name>
    <message>
        <location filename="../app/cli/interruptibleinput.cpp" line="58"/>
        <source>interrupted</source>
        <translation>已中斷</translation>
    </message>
</context>
<context>
    <name>Ferry::LinkIntake</name>
    <message>
        <location filename="../ui/linkintake.cpp" line="53"/>
        <source>Reading links %p%</source>
        <translation>正在讀取連結 %p%</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/linkintake.cpp" line="107"/>
        <source>Added to the list: %n</source>
        <translation>
            <numerusform>已新增到清單：%n 個</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/linkintake.cpp" line="203"/>
        <source>Import a List of Links</source>
        <translation>匯入連結清單</translation>
    </message>
    <message>
        <location filename="../ui/linkintake.cpp" line="205"/>
        <source>Link lists (*.txt *.list);;All files (*)</source>
        <translation>連結清單 (*.txt *.list);;所有檔案 (*)</translation>
    </message>
    <message>
        <location filename="../ui/linkintake.cpp" line="221"/>
        <source>Reading stopped: %1</source>
        <translation>讀取已停止：%1</translation>
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
            <numerusform>已從 %1 新增：%n 個</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/linkintake.cpp" line="229"/>
        <source>(duplicates left out: %n)</source>
        <translation>
            <numerusform>（已略去重複：%n 個）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/linkintake.cpp" line="236"/>
        <source>Import List</source>
        <translation>匯入清單</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/linkintake.cpp" line="238"/>
        <source>Lines that could not be used: %n</source>
        <translation>
            <numerusform>無法使用的行：%n 行</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ferry::LoginDialog</name>
    <message>
        <location filename="../ui/logindialog.cpp" line="20"/>
        <source>&amp;Remember in the keychain</source>
        <translation>儲存到鑰匙串(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/logindialog.cpp" line="22"/>
        <source>Log In</source>
        <translation>登入</translation>
    </message>
    <message>
        <location filename="../ui/logindialog.cpp" line="27"/>
        <source>The proxy %1 asks for a login.</source>
        <extracomment>%1 is a proxy&apos;s address, host:port</extracomment>
        <translation>代理 %1 要求登入。</translation>
    </message>
    <message>
        <location filename="../ui/logindialog.cpp" line="31"/>
        <source>%1 asks for a login for &quot;%2&quot;.</source>
        <extracomment>%1 is a server such as https://example.com:443, %2 the realm (the name it gives its login)</extracomment>
        <translation>%1 要求登入“%2”。</translation>
    </message>
    <message>
        <location filename="../ui/logindialog.cpp" line="34"/>
        <source>The user name or password given before was refused.</source>
        <translation>之前提供的使用者名稱或密碼被拒絕。</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/logindialog.cpp" line="35"/>
        <source>%n download(s) wait for it.</source>
        <translation>
            <numerusform>有 %n 個下載在等待。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/logindialog.cpp" line="46"/>
        <source>&amp;User name:</source>
        <translation>使用者名稱(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../ui/logindialog.cpp" line="47"/>
        <source>&amp;Password:</source>
        <translation>密碼(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../ui/logindialog.cpp" line="51"/>
        <source>&amp;Log In</source>
        <translation>登入(&amp;L)</translation>
    </message>
</context>
<context>
    <name>Ferry::MainToolBar</name>
    <message>
        <location filename="../ui/maintoolbar.cpp" line="11"/>
        <source>Main Toolbar</source>
        <translation>主工具列</translation>
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
        <translation>新增下載(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="157"/>
        <source>Add</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="159"/>
        <source>Add from &amp;Clipboard</source>
        <translation>從剪貼簿新增(&amp;C)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="164"/>
        <source>&amp;Import List…</source>
        <translation>匯入清單(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="169"/>
        <source>&amp;Start</source>
        <translation>開始(&amp;S)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="171"/>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="174"/>
        <source>&amp;Pause</source>
        <translation>暫停(&amp;P)</translation>
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
        <translation>重試(&amp;T)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="186"/>
        <source>Ctrl+T</source>
        <translation>Ctrl+T</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="189"/>
        <source>&amp;Remove from List</source>
        <translation>從清單中移除(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="193"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="195"/>
        <source>Remove and &amp;Delete Files</source>
        <translation>移除並刪除檔案(&amp;D)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="197"/>
        <source>Shift+Del</source>
        <translation>Shift+Del</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="200"/>
        <source>&amp;Open File</source>
        <translation>開啟檔案(&amp;O)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="202"/>
        <source>Return</source>
        <translation>Return</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="206"/>
        <source>Open Containing &amp;Folder</source>
        <translation>開啟所在資料夾(&amp;F)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="208"/>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="211"/>
        <source>Copy &amp;URL</source>
        <translation>複製網址(&amp;U)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="213"/>
        <source>Ctrl+Shift+C</source>
        <translation>Ctrl+Shift+C</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="216"/>
        <source>Move to &amp;Top</source>
        <translation>移至頂端(&amp;T)</translation>
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
        <translation>移至底端(&amp;B)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="233"/>
        <source>Ctrl+End</source>
        <translation>Ctrl+End</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="236"/>
        <source>Sort by &amp;Queue Order</source>
        <translation>依佇列順序排序(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="240"/>
        <source>C&amp;hange URL…</source>
        <translation>更改網址(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="242"/>
        <source>F2</source>
        <translation>F2</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="245"/>
        <source>Pause A&amp;ll</source>
        <translation>全部暫停(&amp;L)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="247"/>
        <source>Ctrl+Shift+P</source>
        <translation>Ctrl+Shift+P</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="250"/>
        <source>Resume &amp;All</source>
        <translation>全部繼續(&amp;A)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="252"/>
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="255"/>
        <source>Select &amp;All</source>
        <translation>全選(&amp;A)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="260"/>
        <source>&amp;Find</source>
        <translation>尋找(&amp;F)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="268"/>
        <source>&amp;Settings…</source>
        <translation>設定(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="273"/>
        <source>&amp;Quit</source>
        <translation>結束(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="281"/>
        <source>&amp;File</source>
        <translation>檔案(&amp;F)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="296"/>
        <source>&amp;Edit</source>
        <translation>編輯(&amp;E)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="303"/>
        <source>&amp;Downloads</source>
        <translation>下載(&amp;D)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="311"/>
        <source>&amp;Queue</source>
        <translation>佇列(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="376"/>
        <source>S&amp;how:</source>
        <translation>顯示(&amp;H)：</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="387"/>
        <source>Search names and URLs (%1)</source>
        <translation>搜尋名稱和網址（%1）</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="435"/>
        <source>&lt;p style=&apos;font-size:large&apos;&gt;No downloads yet&lt;/p&gt;&lt;p&gt;Drop links or a list of links here, paste them with %1, or use &lt;b&gt;Add&lt;/b&gt;.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;font-size:large&apos;&gt;尚無下載&lt;/p&gt;&lt;p&gt;將連結或連結清單拖放到此處、按 %1 貼上，或使用&lt;b&gt;新增&lt;/b&gt;。&lt;/p&gt;</translation>
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
        <translation>已完成 %1/%2 個檔案</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="593"/>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="596"/>
        <source>%1 left</source>
        <translation>剩餘 %1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="601"/>
        <source>%1 active</source>
        <translation>%1 個進行中</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="603"/>
        <source>%1 queued</source>
        <translation>%1 個排隊中</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="605"/>
        <source>%1 paused</source>
        <translation>%1 個已暫停</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="607"/>
        <source>%1 failed</source>
        <translation>%1 個失敗</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="609"/>
        <source>%1 cancelled</source>
        <translation>%1 個已取消</translation>
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
        <translation>進行中</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="620"/>
        <source>Queued</source>
        <translation>排隊中</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="620"/>
        <source>Paused</source>
        <translation>已暫停</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="620"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="620"/>
        <source>Failed</source>
        <translation>失敗</translation>
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
        <translation>要從清單中移除此下載並刪除其檔案嗎？</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="665"/>
        <source>Remove these %n downloads from the list and delete their files?</source>
        <translation>
            <numerusform>要從清單中移除這 %n 個下載並刪除其檔案嗎？</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="669"/>
        <source>Remove this download from the list? A downloaded file stays on disk.</source>
        <translation>要從清單中移除此下載嗎？已下載的檔案會保留在磁碟上。</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="671"/>
        <source>Remove these %n downloads from the list? Downloaded files stay on disk.</source>
        <translation>
            <numerusform>要從清單中移除這 %n 個下載嗎？已下載的檔案會保留在磁碟上。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="676"/>
        <source>Delete Files</source>
        <translation>刪除檔案</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="676"/>
        <source>Remove Downloads</source>
        <translation>移除下載</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="682"/>
        <source>&amp;Delete</source>
        <translation>刪除(&amp;D)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="682"/>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="789"/>
        <source>Change URL</source>
        <translation>更改網址</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="790"/>
        <source>A new link for %1. What is already downloaded is kept if the server confirms it is the same file.</source>
        <translation>為 %1 輸入新連結。如果伺服器確認是同一個檔案，已下載的部分會保留。</translation>
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
        <translation>隨機改變間隔(&amp;V)（0.5 到 1.5 倍）</translation>
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
        <translation>無</translation>
    </message>
    <message>
        <location filename="../ui/politenessbox.cpp" line="36"/>
        <source>The least time between two requests to the same server, for sites that block fast downloaders</source>
        <translation>向同一伺服器發出兩個請求之間的最短時間，用於會封鎖高速下載工具的網站</translation>
    </message>
    <message>
        <location filename="../ui/politenessbox.cpp" line="50"/>
        <source>Per-se&amp;rver connection limits:</source>
        <translation>個別伺服器連線上限(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../ui/politenessbox.cpp" line="68"/>
        <source>Per-server connection limits: %1</source>
        <translation>個別伺服器連線上限：%1</translation>
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
        <translation>請求間隔(&amp;Q)：</translation>
    </message>
    <message>
        <location filename="../ui/politenessbox.cpp" line="18"/>
        <source>Server courtesy</source>
        <translation>善待伺服器</translation>
    </message>
    <message>
        <location filename="../ui/politenessbox.cpp" line="48"/>
        <source>Servers that get fewer connections at once than the limit for all servers: SERVER=NUMBER, separated by commas</source>
        <translation>同時連線數低於全域上限的伺服器：伺服器=數量，用逗號分隔</translation>
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
        <translation>使用系統的代理設定(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../ui/proxysettingsbox.cpp" line="15"/>
        <source>&amp;No proxy</source>
        <translation>不使用代理(&amp;N)</translation>
    </message>
    <message>
        <location filename="../ui/proxysettingsbox.cpp" line="16"/>
        <source>Ma&amp;nual:</source>
        <translation>手動(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../ui/proxysettingsbox.cpp" line="33"/>
        <source>Kept in the system keychain once the proxy accepts it, never in Ferry&apos;s settings file</source>
        <translation>代理接受後儲存在系統鑰匙串中，絕不寫入 Ferry 的設定檔案</translation>
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
        <translation>留空：與 HTTP 相同</translation>
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
        <translation>使用者名稱(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../ui/proxysettingsbox.cpp" line="55"/>
        <source>Pass&amp;word:</source>
        <translation>密碼(&amp;W)：</translation>
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
        <translation>已儲存在鑰匙串中；輸入新密碼即可替換</translation>
    </message>
</context>
<context>
    <name>Ferry::ReportActions</name>
    <message>
        <location filename="../ui/reportactions.cpp" line="30"/>
        <source>Export &amp;Report…</source>
        <translation>匯出報告(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../ui/reportactions.cpp" line="31"/>
        <source>Export &amp;Failed URLs…</source>
        <translation>匯出失敗的 URL(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../ui/reportactions.cpp" line="32"/>
        <source>Retry All &amp;Failed</source>
        <translation>重試全部失敗項(&amp;F)</translation>
    </message>
    <message>
        <location filename="../ui/reportactions.cpp" line="36"/>
        <source>Save a line per download: URL, file, state, HTTP status, size, SHA-256, time, attempts and error</source>
        <translation>為每個下載儲存一行：URL、檔案、狀態、HTTP 狀態、大小、SHA-256、時間、嘗試次數和錯誤</translation>
    </message>
    <message>
        <location filename="../ui/reportactions.cpp" line="39"/>
        <source>Save the URLs of failed downloads as a list to import later</source>
        <translation>將失敗下載的 URL 儲存為列表，以便之後匯入</translation>
    </message>
    <message>
        <location filename="../ui/reportactions.cpp" line="41"/>
        <source>Queue every failed download again</source>
        <translation>將所有失敗的下載重新排隊</translation>
    </message>
    <message>
        <location filename="../ui/reportactions.cpp" line="89"/>
        <location filename="../ui/reportactions.cpp" line="117"/>
        <source>Export Report</source>
        <translation>匯出報告</translation>
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
        <translation>匯出失敗的 URL</translation>
    </message>
    <message>
        <location filename="../ui/reportactions.cpp" line="127"/>
        <source>URL lists (*.txt);;All files (*)</source>
        <translation>URL 列表 (*.txt);;所有檔案 (*)</translation>
    </message>
    <message>
        <location filename="../ui/reportactions.cpp" line="149"/>
        <source>Cannot write %1: %2</source>
        <translation>無法寫入 %1：%2</translation>
    </message>
</context>
<context>
    <name>Ferry::RunRecorder</name>
    <message>
        <location filename="../app/cli/runrecorder.cpp" line="114"/>
        <source>cannot write %1</source>
        <translation>無法寫入 %1</translation>
    </message>
</context>
<context>
    <name>Ferry::SavedLoginsDialog</name>
    <message>
        <location filename="../ui/savedloginsdialog.cpp" line="26"/>
        <source>&amp;Delete</source>
        <translation>刪除(&amp;D)</translation>
    </message>
    <message>
        <location filename="../ui/savedloginsdialog.cpp" line="28"/>
        <source>Saved Logins</source>
        <translation>已儲存的登入</translation>
    </message>
    <message>
        <location filename="../ui/savedloginsdialog.cpp" line="31"/>
        <source>Passwords stay in the system keychain; Ferry keeps only this list.</source>
        <translation>密碼儲存在系統鑰匙串中；Ferry 只儲存此列表。</translation>
    </message>
    <message>
        <location filename="../ui/savedloginsdialog.cpp" line="36"/>
        <source>Server</source>
        <translation>伺服器</translation>
    </message>
    <message>
        <location filename="../ui/savedloginsdialog.cpp" line="36"/>
        <source>Realm</source>
        <translation>領域</translation>
    </message>
    <message>
        <location filename="../ui/savedloginsdialog.cpp" line="36"/>
        <source>User</source>
        <translation>使用者</translation>
    </message>
</context>
<context>
    <name>Ferry::SessionStore</name>
    <message>
        <location filename="../core/sessionstore.cpp" line="313"/>
        <source>The saved download list was damaged and has been set aside as %1.</source>
        <translation>已儲存的下載清單已損壞，已將它另存為 %1。</translation>
    </message>
</context>
<context>
    <name>Ferry::SettingsDialog</name>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="49"/>
        <source>&amp;Keep running in the tray when the window is closed</source>
        <translation>關閉視窗後在系統匣中繼續執行(&amp;K)</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="50"/>
        <source>&amp;Notify when downloads finish or fail</source>
        <translation>下載完成或失敗時通知(&amp;N)</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="51"/>
        <source>Start &amp;minimised to the tray</source>
        <translation>啟動時最小化到系統匣(&amp;M)</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="52"/>
        <source>Start Ferry when I &amp;log in</source>
        <translation>登入時啟動 Ferry(&amp;L)</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="53"/>
        <source>Offer links I &amp;copy in other programs</source>
        <translation>在其他程式中複製連結時提示下載(&amp;C)</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="60"/>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="74"/>
        <source>&amp;Browse…</source>
        <translation>瀏覽(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="78"/>
        <source>Download &amp;folder:</source>
        <translation>下載資料夾(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="85"/>
        <source>Automatic</source>
        <extracomment>In the &quot;Downloads at once&quot; box: Ferry finds the number itself</extracomment>
        <translation>自動</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="87"/>
        <source>Automatic adds downloads while that makes the whole batch faster, and backs off when a server asks it to slow down</source>
        <translation>自動模式會在整批下載變快時增加同時下載數，並在伺服器要求放慢時減少</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="90"/>
        <source>Downloads at &amp;once:</source>
        <translation>同時下載數(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="94"/>
        <source>Connections per &amp;server:</source>
        <translation>每個伺服器的連線數(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="98"/>
        <source>How many connections one download may use at once</source>
        <translation>單一下載可同時使用的連線數</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="99"/>
        <source>Se&amp;gments per file:</source>
        <translation>每個檔案的分段數(&amp;G)：</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="102"/>
        <source>&amp;Total speed limit:</source>
        <translation>總速度限制(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="105"/>
        <source>Speed limit &amp;per download:</source>
        <translation>單一下載速度限制(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="108"/>
        <source>No limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="110"/>
        <source>&amp;Attempts per file:</source>
        <translation>每個檔案的嘗試次數(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="130"/>
        <source>System default</source>
        <translation>系統預設</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="136"/>
        <source>&amp;Language:</source>
        <translation>語言(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="137"/>
        <source>A new language applies when Ferry starts again.</source>
        <translation>新語言將在 Ferry 重新啟動後生效。</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="147"/>
        <source>Saved &amp;Logins…</source>
        <translation>已儲存的登入(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="154"/>
        <source>Sites that need a login:</source>
        <translation>需要登入的網站：</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="156"/>
        <source>Trusted Certificat&amp;es…</source>
        <translation>受信任的憑證(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="167"/>
        <source>Servers with certificates you trust:</source>
        <extracomment>Certificates the user accepted for one server although they could not be verified</extracomment>
        <translation>您信任其憑證的伺服器：</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="187"/>
        <source>Downloads</source>
        <translation>下載</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="188"/>
        <source>Desktop</source>
        <translation>桌面</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="190"/>
        <source>Network</source>
        <translation>網路</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="191"/>
        <source>Engines</source>
        <translation>引擎</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="252"/>
        <source>Download Folder</source>
        <translation>下載資料夾</translation>
    </message>
</context>
<context>
    <name>Ferry::SpeedLimitButton</name>
    <message>
        <location filename="../ui/speedlimitbutton.cpp" line="18"/>
        <source>Speed limit for all downloads together</source>
        <translation>所有下載合計的速度限制</translation>
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
        <translation>將所有下載的總速度限制為(&amp;L)：</translation>
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
        <translation>自訂(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../ui/speedlimitmenu.cpp" line="109"/>
        <source>&amp;Custom (%1)…</source>
        <extracomment>A speed limit that is none of the presets, such as &quot;3 MiB/s&quot;</extracomment>
        <translation>自訂（%1）(&amp;C)…</translation>
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
        <translation>名稱</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="114"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="116"/>
        <source>Progress</source>
        <translation>進度</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="118"/>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="120"/>
        <source>Time left</source>
        <translation>剩餘時間</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="122"/>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="124"/>
        <source>Added</source>
        <translation>新增時間</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="127"/>
        <source>Queue</source>
        <extracomment>Column: the place in the download queue</extracomment>
        <translation>佇列</translation>
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
        <translation>%1 小時 %2 分</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="270"/>
        <source>%1 d %2 h</source>
        <translation>%1 天 %2 小時</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="281"/>
        <source>Waiting for host, %1 left</source>
        <extracomment>The server failed many requests in a row; Ferry pauses new requests to it</extracomment>
        <translation>等待主機，還剩 %1</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="283"/>
        <source>Queued</source>
        <translation>排隊中</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="285"/>
        <source>Connecting</source>
        <translation>正在連線</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="286"/>
        <source>Downloading</source>
        <translation>正在下載</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="290"/>
        <source>Needs login: looking in the keychain</source>
        <extracomment>A download waits while Ferry looks for a saved login in the system keychain</extracomment>
        <translation>需要登入：正在查詢鑰匙串</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="293"/>
        <source>Retrying (attempt %1): %2</source>
        <extracomment>%1 is the number of the next attempt, %2 why the last one failed</extracomment>
        <translation>正在重試（第 %1 次嘗試）：%2</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="297"/>
        <source>Paused</source>
        <translation>已暫停</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="299"/>
        <source>Already downloaded</source>
        <translation>先前已下載</translation>
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
        <translation>需要登入：%1</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="307"/>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="308"/>
        <source>Failed: %1</source>
        <translation>失敗：%1</translation>
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
        <translation>顯示 Ferry(&amp;S)</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="36"/>
        <source>Add from &amp;Clipboard</source>
        <translation>從剪貼簿新增(&amp;C)</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="42"/>
        <source>&amp;Pause All</source>
        <translation>全部暫停(&amp;P)</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="44"/>
        <source>&amp;Resume All</source>
        <translation>全部繼續(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="53"/>
        <source>&amp;Quit</source>
        <translation>結束(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="56"/>
        <source>&amp;Hide Ferry</source>
        <translation>隱藏 Ferry(&amp;H)</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="102"/>
        <source>Ferry</source>
        <translation>Ferry</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="103"/>
        <source>Ferry – %1 of %2 files done</source>
        <translation>Ferry – 已完成 %1/%2 個檔案</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="106"/>
        <source>Ferry – %1%, %2/s
%3 of %4 files done</source>
        <extracomment>Tray tooltip: percent, speed, files done, all files</extracomment>
        <translation>Ferry – %1%，%2/s
已完成 %3/%4 個檔案</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="156"/>
        <source>Downloads finished</source>
        <translation>下載完成</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="157"/>
        <source>One file downloaded.</source>
        <translation>已下載 1 個檔案。</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/trayicon.cpp" line="158"/>
        <source>%n files downloaded.</source>
        <translation>
            <numerusform>已下載 %n 個檔案。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="160"/>
        <source>Downloads failed</source>
        <translation>下載失敗</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="162"/>
        <source>One download failed. Open Ferry to see why.</source>
        <translation>1 個下載失敗。請開啟 Ferry 查看原因。</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/trayicon.cpp" line="163"/>
        <source>%n downloads failed. Open Ferry to see why.</source>
        <translation>
            <numerusform>%n 個下載失敗。請開啟 Ferry 查看原因。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="173"/>
        <source>Ferry is still running</source>
        <translation>Ferry 仍在執行</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="174"/>
        <source>Downloads continue in the background. Use the tray icon to show the window or to quit.</source>
        <translation>下載會在背景繼續。可透過系統匣圖示顯示視窗或結束程式。</translation>
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
        <translation>受信任的憑證</translation>
    </message>
    <message>
        <location filename="../ui/trustedcertificatesdialog.cpp" line="35"/>
        <source>Each certificate is accepted from its server only, although it could not be verified.</source>
        <translation>每個憑證雖然無法驗證，但只在其所屬伺服器上被接受。</translation>
    </message>
    <message>
        <location filename="../ui/trustedcertificatesdialog.cpp" line="42"/>
        <source>Server</source>
        <translation>伺服器</translation>
    </message>
    <message>
        <location filename="../ui/trustedcertificatesdialog.cpp" line="42"/>
        <source>SHA-256 fingerprint</source>
        <translation>SHA-256 指紋</translation>
    </message>
</context>
<context>
    <name>HostLimits</name>
    <message>
        <location filename="../core/hostlimits.cpp" line="21"/>
        <source>&quot;%1&quot; is not HOST=N with N from 1 to 64</source>
        <extracomment>%1 is what the user wrote, e.g. &quot;example.org=100&quot;</extracomment>
        <translation>“%1”不是 主機=N 的形式（N 為 1 到 64）</translation>
    </message>
</context>
<context>
    <name>LaunchRequest</name>
    <message>
        <location filename="../ui/launchrequest.cpp" line="52"/>
        <source>%1 needs a file name</source>
        <translation>%1 需要一個檔名</translation>
    </message>
    <message>
        <location filename="../ui/launchrequest.cpp" line="65"/>
        <source>unknown option %1</source>
        <translation>未知選項 %1</translation>
    </message>
    <message>
        <location filename="../ui/launchrequest.cpp" line="72"/>
        <source>&quot;%1&quot; is not a usable URL: %2</source>
        <translation>「%1」不是可用的網址：%2</translation>
    </message>
</context>
<context>
    <name>ProxySettings</name>
    <message>
        <location filename="../core/proxysettings.cpp" line="47"/>
        <source>expected [http://|socks5://][USER:PASSWORD@]HOST[:PORT]</source>
        <translation>格式應為 [http://|socks5://][USER:PASSWORD@]HOST[:PORT]</translation>
    </message>
</context>
<context>
    <name>RequestHeaders</name>
    <message>
        <location filename="../core/requestheaders.cpp" line="152"/>
        <source>expected &quot;Name: value&quot;</source>
        <translation>格式應為“Name: value”</translation>
    </message>
    <message>
        <location filename="../core/requestheaders.cpp" line="167"/>
        <source>&quot;%1&quot; is not a header name</source>
        <translation>“%1”不是有效的請求頭名稱</translation>
    </message>
    <message>
        <location filename="../core/requestheaders.cpp" line="169"/>
        <source>the value of %1 holds a line break</source>
        <translation>%1 的值包含換行符</translation>
    </message>
    <message>
        <location filename="../core/requestheaders.cpp" line="174"/>
        <source>%1 is set by Ferry itself and cannot be given</source>
        <extracomment>%1 is an HTTP header name such as Range</extracomment>
        <translation>%1 由 Ferry 自行設定，不能指定</translation>
    </message>
</context>
<context>
    <name>TlsPolicy</name>
    <message>
        <location filename="../core/tlspolicy.cpp" line="114"/>
        <source>expected HOST=SHA256 with the certificate&apos;s 64 hex digits (colons allowed), as the error message shows them</source>
        <extracomment>HOST and SHA256 are placeholders the user replaces; keep them as they are</extracomment>
        <translation>格式應為 HOST=SHA256，即錯誤資訊中顯示的憑證 64 位十六進位制指紋（可帶冒號）</translation>
    </message>
</context>
<context>
    <name>TransferError</name>
    <message>
        <location filename="../core/transfererror.cpp" line="22"/>
        <source>Network error: %1</source>
        <translation>網路錯誤：%1</translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="25"/>
        <source>The server answered %1 %2</source>
        <extracomment>%1 is an HTTP status code such as 404, %2 the server&apos;s reason text</extracomment>
        <translation>伺服器回應 %1 %2</translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="27"/>
        <source>Connection stalled: %1</source>
        <translation>連線無回應：%1</translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="29"/>
        <source>Secure connection failed: %1</source>
        <translation>安全連線失敗：%1</translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="31"/>
        <source>Cannot write the file: %1</source>
        <translation>無法寫入檔案：%1</translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="33"/>
        <source>The disk is full: %1</source>
        <translation>磁碟已滿：%1</translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="35"/>
        <source>Checksum mismatch: %1</source>
        <translation>總和檢查碼不符：%1</translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="37"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="39"/>
        <source>Redirect refused: %1</source>
        <translation>已拒絕重新導向：%1</translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="41"/>
        <source>The server&apos;s answer is inconsistent: %1</source>
        <translation>伺服器的回應前後不一致：%1</translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="43"/>
        <source>Invalid URL: %1</source>
        <translation>無效的 URL：%1</translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="50"/>
        <source>The proxy %1 needs a user name and password</source>
        <extracomment>%1 is a proxy&apos;s address, host:port</extracomment>
        <translation>代理 %1 需要使用者名稱和密碼</translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="53"/>
        <source>Proxy authentication failed: %1 refused the user name or password</source>
        <extracomment>%1 is a proxy&apos;s address, host:port</extracomment>
        <translation>代理認證失敗：%1 拒絕了使用者名稱或密碼</translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="58"/>
        <source>%1 (realm &quot;%2&quot;)</source>
        <extracomment>where a login is needed: %1 is a server&apos;s host name, %2 the realm (the name the server gives its login)</extracomment>
        <translation>%1（領域“%2”）</translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="63"/>
        <source>Authentication required by %1</source>
        <translation>%1 要求身份驗證</translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="64"/>
        <source>Authentication failed: %1 refused the user name or password</source>
        <translation>身份驗證失敗：%1 拒絕了使用者名稱或密碼</translation>
    </message>
</context>
<context>
    <name>TransferReport</name>
    <message>
        <location filename="../core/transferreport.cpp" line="135"/>
        <location filename="../core/transferreport.cpp" line="157"/>
        <source>cannot write the report %1: %2</source>
        <translation>無法寫入報告 %1：%2</translation>
    </message>
</context>
<context>
    <name>UrlExtractor</name>
    <message>
        <location filename="../core/urlextractor.cpp" line="120"/>
        <source>no http or https URL</source>
        <translation>沒有 http 或 https URL</translation>
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
        <translation>%1 是資料夾</translation>
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
        <translation>不支援的通訊協定 %1</translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="77"/>
        <source>no host</source>
        <translation>缺少主機名稱</translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="124"/>
        <source>the input is not open for reading</source>
        <translation>輸入未以讀取方式開啟</translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="138"/>
        <source>cannot read the input: %1</source>
        <extracomment>%1 is the system&apos;s description of the error</extracomment>
        <translation>無法讀取輸入：%1</translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="163"/>
        <source>line is longer than %1 bytes</source>
        <extracomment>%1 is a number of bytes</extracomment>
        <translation>行長度超過 %1 位元組</translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="172"/>
        <source>not valid UTF-8 text</source>
        <translation>不是有效的 UTF-8 文字</translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="203"/>
        <source>ignored indented URL: URL lines must not start with a space or TAB</source>
        <translation>已忽略縮排的 URL：URL 行不能以空格或 TAB 開頭</translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="207"/>
        <source>option line without a URL line above it</source>
        <translation>選項行上方沒有 URL 行</translation>
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
        <translation>已忽略選項行：應為 name=value</translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="266"/>
        <source>bad checksum: expected TYPE=HEX with TYPE one of md5, sha-1, sha-224, sha-256, sha-384 or sha-512 and the matching number of hex digits</source>
        <translation>總和檢查碼無效：應為 TYPE=HEX，其中 TYPE 為 md5、sha-1、sha-224、sha-256、sha-384 或 sha-512 之一，HEX 為相應位數的十六進位數字</translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="276"/>
        <source>bad header: %1</source>
        <extracomment>%1 says what is wrong with the header</extracomment>
        <translation>請求頭有誤：%1</translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="282"/>
        <source>ignored option %1: empty value</source>
        <extracomment>%1 is an option name such as out or dir</extracomment>
        <translation>已忽略選項 %1：值為空</translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="298"/>
        <source>ignored option %1: only out, dir, checksum, user-agent, referer, header and load-cookies are supported</source>
        <extracomment>%1 is an option name from the input file; the others are literal option names</extracomment>
        <translation>已忽略選項 %1：僅支援 out、dir、checksum、user-agent、referer、header 和 load-cookies</translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="310"/>
        <source>%1; the URL on line %2 is skipped</source>
        <extracomment>%1 says what is wrong with an option line, %2 is the line number of its URL</extracomment>
        <translation>%1；已跳過第 %2 行的 URL</translation>
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
        <translation>標準輸入</translation>
    </message>
    <message>
        <location filename="../app/cli/requestfeed.cpp" line="82"/>
        <location filename="../app/cli/requestfeed.cpp" line="155"/>
        <source>cannot read the list %1: %2</source>
        <translation>無法讀取清單 %1：%2</translation>
    </message>
    <message>
        <location filename="../app/cli/requestfeed.cpp" line="84"/>
        <source>it is a folder</source>
        <translation>它是資料夾</translation>
    </message>
    <message>
        <location filename="../app/cli/requestfeed.cpp" line="143"/>
        <source>%1:%2: %3: %4</source>
        <translation>%1:%2: %3：%4</translation>
    </message>
    <message>
        <location filename="../app/cli/requestfeed.cpp" line="149"/>
        <source>%1: %2 more problems not shown</source>
        <translation>%1：另有 %2 個問題未顯示</translation>
    </message>
    <message>
        <location filename="../app/cli/main.cpp" line="154"/>
        <source>try &quot;ferry-cli --help&quot;</source>
        <translation>請參閱 &quot;ferry-cli --help&quot;</translation>
    </message>
    <message>
        <location filename="../app/cli/main.cpp" line="167"/>
        <source>note: -o &quot;%1&quot; is saved as &quot;%2&quot; (names stay inside the folder)</source>
        <translation>注意：-o &quot;%1&quot; 將儲存為 &quot;%2&quot;（檔名不能超出目標資料夾）</translation>
    </message>
    <message>
        <location filename="../app/cli/main.cpp" line="173"/>
        <source>warning: a proxy password on the command line can be seen by other users of this computer; set FERRY_PROXY_PASSWORD instead</source>
        <translation>警告：命令列中的代理密碼可被本機其他使用者看到；請改用 FERRY_PROXY_PASSWORD</translation>
    </message>
    <message>
        <location filename="../app/cli/main.cpp" line="220"/>
        <source>cannot save the login for %1 in the keychain: %2</source>
        <translation>無法將 %1 的登入儲存到鑰匙串：%2</translation>
    </message>
    <message>
        <location filename="../app/cli/main.cpp" line="286"/>
        <source>Stopping: saving where each download is (Ctrl+C again quits at once)</source>
        <translation>正在停止：正在儲存各下載的進度（再按一次 Ctrl+C 立即結束）</translation>
    </message>
</context>
</TS>
