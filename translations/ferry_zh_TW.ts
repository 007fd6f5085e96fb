<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW">
<context>
    <name>CliOptions</name>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="132"/>
        <source>%1: invalid value &quot;%2&quot; (expected %3)</source>
        <translation>%1：無效的值 &quot;%2&quot;（應為%3）</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="142"/>
        <source>a folder</source>
        <translation>資料夾</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="147"/>
        <source>a file name</source>
        <translation>檔名</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="155"/>
        <source>a number from 1 to 1000</source>
        <translation>介於 1 到 1000 之間的數字</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="161"/>
        <location filename="../app/cli/clioptions.cpp" line="167"/>
        <source>a number from 1 to 16</source>
        <translation>介於 1 到 16 之間的數字</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="175"/>
        <source>a size from 1M to 1024M</source>
        <translation>介於 1M 到 1024M 之間的大小</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="181"/>
        <source>a number from 1 to 64</source>
        <translation>介於 1 到 64 之間的數字</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="187"/>
        <source>a number from 0 (no limit) to 1000</source>
        <translation>介於 0（不限）到 1000 之間的數字</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="193"/>
        <source>seconds from 0 to 600</source>
        <translation>介於 0 到 600 之間的秒數</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="199"/>
        <source>seconds from 0.1 to 600</source>
        <translation>介於 0.1 到 600 之間的秒數</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="205"/>
        <source>bytes per second such as 1048576, 512K or 10M; 0 for no limit</source>
        <extracomment>K and M are aria2&apos;s suffixes for KiB and MiB; keep them untranslated</extracomment>
        <translation>每秒位元組數，如 1048576、512K 或 10M；0 表示不限速</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="219"/>
        <source>TYPE=HEX, e.g. sha-256=&lt;64 hex digits&gt;</source>
        <translation>格式為 TYPE=HEX 的值，例如 sha-256=&lt;64 位十六進位數字&gt;</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="222"/>
        <source>a readable file of PEM certificates</source>
        <translation>可讀取的 PEM 憑證檔案</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="271"/>
        <location filename="../app/cli/clioptions.cpp" line="279"/>
        <source>unknown option %1</source>
        <translation>未知選項 %1</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="284"/>
        <source>option %1 takes no value</source>
        <translation>選項 %1 不接受值</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="292"/>
        <source>option %1 needs a value</source>
        <translation>選項 %1 需要一個值</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="304"/>
        <source>no URL given (pass URLs, or -i FILE with one URL per line)</source>
        <translation>未提供 URL（請直接給出 URL，或用 -i FILE 指定每行一個 URL 的清單）</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="309"/>
        <source>-o names a single download; for lists put &quot;out=NAME&quot; under a URL in the input file</source>
        <translation>-o 只用於命名單一下載；使用清單時，請在輸入檔案中對應 URL 的下方寫 &quot;out=NAME&quot;</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="314"/>
        <source>--checksum applies to a single download; for lists put &quot;checksum=TYPE=HEX&quot; under a URL in the input file</source>
        <translation>--checksum 只適用於單一下載；使用清單時，請在輸入檔案中對應 URL 的下方寫 &quot;checksum=TYPE=HEX&quot;</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="321"/>
        <source>-d %1: not a folder</source>
        <translation>-d %1：不是資料夾</translation>
    </message>
    <message>
        <location filename="../app/cli/clioptions.cpp" line="329"/>
        <source>Usage: ferry-cli [OPTIONS] URL...
       ferry-cli [OPTIONS] -i FILE

Downloads files over HTTP and HTTPS. Interrupted downloads continue where they
stopped when the same command runs again; finished ones are skipped.

Options:
  -i, --input-file=FILE       read URLs from FILE (&quot;-&quot; for standard input), one
                              per line, with aria2-style option lines below a
                              URL: &quot;  out=NAME&quot;, &quot;  dir=DIR&quot;,
                              &quot;  checksum=sha-256=HEX&quot;
  -d, --dir=DIR               save files into DIR (default: current folder)
  -o, --out=NAME              file name for a single download
  -j, --max-concurrent-downloads=N
                              downloads at once (default 5)
  -s, --split=N               connections for one file (1 to 16, default 8);
                              each takes a part, and the first to finish
                              takes over half of the largest part left
  -k, --min-split-size=SIZE   never cut a part smaller than SIZE (1M to
                              1024M, default 2M): a file is split only when
                              it holds twice that
  -x, --max-connection-per-server=N
                              the same limit in aria2c&apos;s other spelling; the
                              smaller of -s and -x counts (default 8)
      --max-connections-per-host=N
                              connections to one host at once, over all
                              downloads (1 to 64, default 16)
  -m, --max-tries=N           attempts per file, 0 for no limit (default 5)
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
      --ca-certificate=FILE   also trust the certificates in FILE (PEM)
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
                              &quot;  checksum=sha-256=HEX&quot;
  -d, --dir=DIR               將檔案儲存到 DIR（預設：目前的資料夾）
  -o, --out=NAME              單一下載的檔名
  -j, --max-concurrent-downloads=N
                              同時進行的下載數（預設 5）
  -s, --split=N               單一檔案使用的連線數（1 到 16，預設 8）；每個
                              連線下載一部分，先完成的連線會接手剩餘最大
                              部分的一半
  -k, --min-split-size=SIZE   分段不小於 SIZE（1M 到 1024M，預設 2M）：檔案
                              至少為其兩倍大小時才會分段
  -x, --max-connection-per-server=N
                              與 -s 相同的限制，採用 aria2c 的另一種寫法；
                              以 -s 和 -x 中較小者為準（預設 8）
      --max-connections-per-host=N
                              所有下載合計對同一主機的同時連線數（1 到 64，
                              預設 16）
  -m, --max-tries=N           每個檔案的嘗試次數，0 表示不限（預設 5）
      --retry-wait=SEC        首次重試前的等待時間；之後每次重試時加倍，
                              並加入隨機抖動（預設 1）
  -t, --timeout=SEC           連線無資料達到此時長即放棄（預設 60）
      --max-overall-download-limit=SPEED
                              限制所有下載的總速度，單位為位元組/秒；K 和 M
                              分別表示 KiB 和 MiB（如 512K、10M）；0 表示
                              不限速（預設）
      --max-download-limit=SPEED
                              以同樣方式限制每個下載的速度
      --checksum=TYPE=HEX     驗證單一下載（md5、sha-1、sha-256 等）
      --ca-certificate=FILE   額外信任 FILE 中的憑證（PEM）
      --allow-overwrite[=true|false]
                              取代現有檔案，而不是另存為 &quot;name (1).ext&quot;
  -c, --continue              接受此選項；續傳一律開啟
  -q, --quiet                 除選項錯誤外不輸出任何內容
  -v, --version               顯示版本
  -h, --help                  顯示此說明

結束狀態：0 表示所有下載均成功，1 表示有下載失敗，
2 表示選項錯誤或清單無法讀取（不會下載任何內容），
130 表示被中斷（再次執行相同的命令即可繼續）。
</translation>
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
    <name>Ferry::ConsoleReporter</name>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="64"/>
        <source>[skip] %1 is already complete</source>
        <translation>[跳過] %1 已下載完成</translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="67"/>
        <source>[done] %1 (%2)</source>
        <translation>[完成] %1（%2）</translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="79"/>
        <source>[fail] %1: %2</source>
        <translation>[失敗] %1：%2</translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="86"/>
        <source>[retry] %1: %2; attempt %3 in %4 s</source>
        <translation>[重試] %1：%2；%4 秒後進行第 %3 次嘗試</translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="116"/>
        <source>[%1/%2 files] %3</source>
        <translation>[%1/%2 個檔案] %3</translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="120"/>
        <source> of %1 (%2%)</source>
        <translation> / %1（%2%）</translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="122"/>
        <source>, %1/s</source>
        <translation>，%1/s</translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="124"/>
        <source>, %1 left</source>
        <translation>，剩餘 %1</translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="125"/>
        <source>, %1 active, %2 queued</source>
        <translation>，%1 個進行中，%2 個排隊中</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/consolereporter.cpp" line="127"/>
        <source>, %n failed</source>
        <translation>
            <numerusform>，%n 個失敗</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="175"/>
        <source>Download results:</source>
        <translation>下載結果：</translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="176"/>
        <source>  succeeded: %1</source>
        <translation>  成功：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/consolereporter.cpp" line="178"/>
        <source> (%n already complete)</source>
        <translation>
            <numerusform>（其中 %n 個先前已完成）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="180"/>
        <source>  failed:    %1</source>
        <translation>  失敗：%1</translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="185"/>
        <source>  rejected list lines: %1 (see the messages above)</source>
        <translation>  清單中無法使用的行：%1（見上方訊息）</translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="188"/>
        <source>  unfinished: %1</source>
        <translation>  未完成：%1</translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="189"/>
        <source>  fetched %1 in %2 s (%3/s)</source>
        <translation>  耗時 %2 秒，取得 %1（%3/s）</translation>
    </message>
    <message>
        <location filename="../app/cli/consolereporter.cpp" line="195"/>
        <source>Interrupted. Run the same command again to continue.</source>
        <translation>已中斷。再次執行相同的命令即可繼續。</translation>
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
        <location filename="../ui/mainwindow.cpp" line="89"/>
        <location filename="../ui/mainwindow.cpp" line="632"/>
        <source>Ferry</source>
        <translation>Ferry</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="175"/>
        <source>&amp;Add Downloads…</source>
        <translation>新增下載(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="179"/>
        <source>Add</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="181"/>
        <source>Add from &amp;Clipboard</source>
        <translation>從剪貼簿新增(&amp;C)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="186"/>
        <source>&amp;Import List…</source>
        <translation>匯入清單(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="191"/>
        <source>&amp;Start</source>
        <translation>開始(&amp;S)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="193"/>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="196"/>
        <source>&amp;Pause</source>
        <translation>暫停(&amp;P)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="198"/>
        <source>Ctrl+P</source>
        <translation>Ctrl+P</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="201"/>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="203"/>
        <source>Ctrl+.</source>
        <translation>Ctrl+.</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="206"/>
        <source>Re&amp;try</source>
        <translation>重試(&amp;T)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="208"/>
        <source>Ctrl+T</source>
        <translation>Ctrl+T</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="211"/>
        <source>&amp;Remove from List</source>
        <translation>從清單中移除(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="215"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="217"/>
        <source>Remove and &amp;Delete Files</source>
        <translation>移除並刪除檔案(&amp;D)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="219"/>
        <source>Shift+Del</source>
        <translation>Shift+Del</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="222"/>
        <source>&amp;Open File</source>
        <translation>開啟檔案(&amp;O)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="224"/>
        <source>Return</source>
        <translation>Return</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="228"/>
        <source>Open Containing &amp;Folder</source>
        <translation>開啟所在資料夾(&amp;F)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="230"/>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="233"/>
        <source>Copy &amp;URL</source>
        <translation>複製網址(&amp;U)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="235"/>
        <source>Ctrl+Shift+C</source>
        <translation>Ctrl+Shift+C</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="238"/>
        <source>Move to &amp;Top</source>
        <translation>移至頂端(&amp;T)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="240"/>
        <source>Ctrl+Home</source>
        <translation>Ctrl+Home</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="243"/>
        <source>Move &amp;Up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="245"/>
        <source>Ctrl+Up</source>
        <translation>Ctrl+Up</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="248"/>
        <source>Move &amp;Down</source>
        <translation>下移(&amp;D)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="250"/>
        <source>Ctrl+Down</source>
        <translation>Ctrl+Down</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="253"/>
        <source>Move to &amp;Bottom</source>
        <translation>移至底端(&amp;B)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="255"/>
        <source>Ctrl+End</source>
        <translation>Ctrl+End</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="258"/>
        <source>Sort by &amp;Queue Order</source>
        <translation>依佇列順序排序(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="262"/>
        <source>C&amp;hange URL…</source>
        <translation>更改網址(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="264"/>
        <source>F2</source>
        <translation>F2</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="267"/>
        <source>Pause A&amp;ll</source>
        <translation>全部暫停(&amp;L)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="269"/>
        <source>Ctrl+Shift+P</source>
        <translation>Ctrl+Shift+P</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="272"/>
        <source>Resume &amp;All</source>
        <translation>全部繼續(&amp;A)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="274"/>
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="277"/>
        <source>Select &amp;All</source>
        <translation>全選(&amp;A)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="282"/>
        <source>&amp;Find</source>
        <translation>尋找(&amp;F)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="287"/>
        <source>&amp;Settings…</source>
        <translation>設定(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="292"/>
        <source>&amp;Quit</source>
        <translation>結束(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="300"/>
        <source>&amp;File</source>
        <translation>檔案(&amp;F)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="307"/>
        <source>&amp;Edit</source>
        <translation>編輯(&amp;E)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="314"/>
        <source>&amp;Downloads</source>
        <translation>下載(&amp;D)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="320"/>
        <source>&amp;Queue</source>
        <translation>佇列(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="384"/>
        <source>S&amp;how:</source>
        <translation>顯示(&amp;H)：</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="395"/>
        <source>Search names and URLs (%1)</source>
        <translation>搜尋名稱和網址（%1）</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="443"/>
        <source>&lt;p style=&apos;font-size:large&apos;&gt;No downloads yet&lt;/p&gt;&lt;p&gt;Drop links or a list of links here, paste them with %1, or use &lt;b&gt;Add&lt;/b&gt;.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;font-size:large&apos;&gt;尚無下載&lt;/p&gt;&lt;p&gt;將連結或連結清單拖放到此處、按 %1 貼上，或使用&lt;b&gt;新增&lt;/b&gt;。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="465"/>
        <source>Reading links %p%</source>
        <translation>正在讀取連結 %p%</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="591"/>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="593"/>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="595"/>
        <source>Files: %1 of %2 done</source>
        <extracomment>Files completed out of all files in the list</extracomment>
        <translation>已完成 %1/%2 個檔案</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="597"/>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="600"/>
        <source>%1 left</source>
        <translation>剩餘 %1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="605"/>
        <source>%1 active</source>
        <translation>%1 個進行中</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="607"/>
        <source>%1 queued</source>
        <translation>%1 個排隊中</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="609"/>
        <source>%1 paused</source>
        <translation>%1 個已暫停</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="611"/>
        <source>%1 failed</source>
        <translation>%1 個失敗</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="613"/>
        <source>%1 cancelled</source>
        <translation>%1 個已取消</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="615"/>
        <source> · </source>
        <extracomment>Separator between counts in the status bar</extracomment>
        <translation> · </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="624"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="624"/>
        <source>Active</source>
        <translation>進行中</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="624"/>
        <source>Queued</source>
        <translation>排隊中</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="624"/>
        <source>Paused</source>
        <translation>已暫停</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="624"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="624"/>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="626"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="631"/>
        <source>%1% – Ferry</source>
        <translation>%1% – Ferry</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="663"/>
        <source>Added to the list: %n</source>
        <translation>
            <numerusform>已新增到清單：%n 個</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="760"/>
        <source>Import a List of Links</source>
        <translation>匯入連結清單</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="762"/>
        <source>Link lists (*.txt *.list);;All files (*)</source>
        <translation>連結清單 (*.txt *.list);;所有檔案 (*)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="778"/>
        <source>Reading stopped: %1</source>
        <translation>讀取已停止：%1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="781"/>
        <source>Line %1: %2 (%3)</source>
        <translation>第 %1 行：%2（%3）</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="783"/>
        <source>Added from %1: %n</source>
        <translation>
            <numerusform>已從 %1 新增：%n 個</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="786"/>
        <source>(duplicates left out: %n)</source>
        <translation>
            <numerusform>（已略去重複：%n 個）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="793"/>
        <source>Import List</source>
        <translation>匯入清單</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="795"/>
        <source>Lines that could not be used: %n</source>
        <translation>
            <numerusform>無法使用的行：%n 行</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="814"/>
        <source>Remove this download from the list and delete its file?</source>
        <translation>要從清單中移除此下載並刪除其檔案嗎？</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="815"/>
        <source>Remove these %n downloads from the list and delete their files?</source>
        <translation>
            <numerusform>要從清單中移除這 %n 個下載並刪除其檔案嗎？</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="819"/>
        <source>Remove this download from the list? A downloaded file stays on disk.</source>
        <translation>要從清單中移除此下載嗎？已下載的檔案會保留在磁碟上。</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="821"/>
        <source>Remove these %n downloads from the list? Downloaded files stay on disk.</source>
        <translation>
            <numerusform>要從清單中移除這 %n 個下載嗎？已下載的檔案會保留在磁碟上。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="826"/>
        <source>Delete Files</source>
        <translation>刪除檔案</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="826"/>
        <source>Remove Downloads</source>
        <translation>移除下載</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="832"/>
        <source>&amp;Delete</source>
        <translation>刪除(&amp;D)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="832"/>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="937"/>
        <source>Change URL</source>
        <translation>更改網址</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="938"/>
        <source>A new link for %1. What is already downloaded is kept if the server confirms it is the same file.</source>
        <translation>為 %1 輸入新連結。如果伺服器確認是同一個檔案，已下載的部分會保留。</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="947"/>
        <source>Not changed: %1</source>
        <translation>未更改：%1</translation>
    </message>
</context>
<context>
    <name>Ferry::SessionStore</name>
    <message>
        <location filename="../core/sessionstore.cpp" line="253"/>
        <source>The saved download list was damaged and has been set aside as %1.</source>
        <translation>已儲存的下載清單已損壞，已將它另存為 %1。</translation>
    </message>
</context>
<context>
    <name>Ferry::SettingsDialog</name>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="35"/>
        <source>&amp;Keep running in the tray when the window is closed</source>
        <translation>關閉視窗後在系統匣中繼續執行(&amp;K)</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="36"/>
        <source>&amp;Notify when downloads finish or fail</source>
        <translation>下載完成或失敗時通知(&amp;N)</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="37"/>
        <source>Start &amp;minimised to the tray</source>
        <translation>啟動時最小化到系統匣(&amp;M)</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="38"/>
        <source>Start Ferry when I &amp;log in</source>
        <translation>登入時啟動 Ferry(&amp;L)</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="39"/>
        <source>Offer links I &amp;copy in other programs</source>
        <translation>在其他程式中複製連結時提示下載(&amp;C)</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="42"/>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="49"/>
        <source>&amp;Browse…</source>
        <translation>瀏覽(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="53"/>
        <source>Download &amp;folder:</source>
        <translation>下載資料夾(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="60"/>
        <source>Downloads at &amp;once:</source>
        <translation>同時下載數(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="64"/>
        <source>Connections per &amp;server:</source>
        <translation>每個伺服器的連線數(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="68"/>
        <source>How many connections one download may use at once</source>
        <translation>單一下載可同時使用的連線數</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="69"/>
        <source>Se&amp;gments per file:</source>
        <translation>每個檔案的分段數(&amp;G)：</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="72"/>
        <source>&amp;Total speed limit:</source>
        <translation>總速度限制(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="75"/>
        <source>Speed limit &amp;per download:</source>
        <translation>單一下載速度限制(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="78"/>
        <source>No limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="80"/>
        <source>&amp;Attempts per file:</source>
        <translation>每個檔案的嘗試次數(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="100"/>
        <source>System default</source>
        <translation>系統預設</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="105"/>
        <source>&amp;Language:</source>
        <translation>語言(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="106"/>
        <source>A new language applies when Ferry starts again.</source>
        <translation>新語言將在 Ferry 重新啟動後生效。</translation>
    </message>
    <message>
        <location filename="../ui/settingsdialog.cpp" line="143"/>
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
        <location filename="../ui/speedlimitmenu.cpp" line="33"/>
        <source>Speed &amp;Limit</source>
        <translation>速度限制(&amp;L)</translation>
    </message>
    <message>
        <location filename="../ui/speedlimitmenu.cpp" line="105"/>
        <source>&amp;Custom…</source>
        <translation>自訂(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../ui/speedlimitmenu.cpp" line="108"/>
        <source>&amp;Custom (%1)…</source>
        <extracomment>A speed limit that is none of the presets, such as &quot;3 MiB/s&quot;</extracomment>
        <translation>自訂（%1）(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../ui/speedlimitmenu.cpp" line="128"/>
        <source>Unlimited</source>
        <translation>不限速</translation>
    </message>
    <message>
        <location filename="../ui/speedlimitmenu.cpp" line="131"/>
        <source>%1 MiB/s</source>
        <translation>%1 MiB/s</translation>
    </message>
    <message>
        <location filename="../ui/speedlimitmenu.cpp" line="133"/>
        <source>%1 KiB/s</source>
        <translation>%1 KiB/s</translation>
    </message>
    <message>
        <location filename="../ui/speedlimitmenu.cpp" line="135"/>
        <source>%1/s</source>
        <extracomment>A speed: a size such as &quot;1.5 MiB&quot;, per second</extracomment>
        <translation>%1/s</translation>
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
        <location filename="../ui/transferlistmodel.cpp" line="79"/>
        <source>Name</source>
        <translation>名稱</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="81"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="83"/>
        <source>Progress</source>
        <translation>進度</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="85"/>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="87"/>
        <source>Time left</source>
        <translation>剩餘時間</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="89"/>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="91"/>
        <source>Added</source>
        <translation>新增時間</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="94"/>
        <source>Queue</source>
        <extracomment>Column: the place in the download queue</extracomment>
        <translation>佇列</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="158"/>
        <source>%1%</source>
        <extracomment>Download progress in percent</extracomment>
        <translation>%1%</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="164"/>
        <source>%1/s</source>
        <extracomment>A download speed, such as &quot;1.5 MB/s&quot;</extracomment>
        <translation>%1/s</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="234"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="236"/>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="238"/>
        <source>%1 h %2 min</source>
        <translation>%1 小時 %2 分</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="239"/>
        <source>%1 d %2 h</source>
        <translation>%1 天 %2 小時</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="246"/>
        <source>Queued</source>
        <translation>排隊中</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="248"/>
        <source>Connecting</source>
        <translation>正在連線</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="249"/>
        <source>Downloading</source>
        <translation>正在下載</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="252"/>
        <source>Retrying (attempt %1): %2</source>
        <extracomment>%1 is the number of the next attempt, %2 why the last one failed</extracomment>
        <translation>正在重試（第 %1 次嘗試）：%2</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="256"/>
        <source>Paused</source>
        <translation>已暫停</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="258"/>
        <source>Already downloaded</source>
        <translation>先前已下載</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="258"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="260"/>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="261"/>
        <source>Failed: %1</source>
        <translation>失敗：%1</translation>
    </message>
    <message>
        <location filename="../ui/transferlistmodel.cpp" line="263"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>Ferry::TrayIcon</name>
    <message>
        <location filename="../ui/trayicon.cpp" line="39"/>
        <location filename="../ui/trayicon.cpp" line="61"/>
        <source>&amp;Show Ferry</source>
        <translation>顯示 Ferry(&amp;S)</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="41"/>
        <source>Add from &amp;Clipboard</source>
        <translation>從剪貼簿新增(&amp;C)</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="47"/>
        <source>&amp;Pause All</source>
        <translation>全部暫停(&amp;P)</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="49"/>
        <source>&amp;Resume All</source>
        <translation>全部繼續(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="58"/>
        <source>&amp;Quit</source>
        <translation>結束(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="61"/>
        <source>&amp;Hide Ferry</source>
        <translation>隱藏 Ferry(&amp;H)</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="107"/>
        <source>Ferry</source>
        <translation>Ferry</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="108"/>
        <source>Ferry – %1 of %2 files done</source>
        <translation>Ferry – 已完成 %1/%2 個檔案</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="111"/>
        <source>Ferry – %1%, %2/s
%3 of %4 files done</source>
        <extracomment>Tray tooltip: percent, speed, files done, all files</extracomment>
        <translation>Ferry – %1%，%2/s
已完成 %3/%4 個檔案</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="161"/>
        <source>Downloads finished</source>
        <translation>下載完成</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="162"/>
        <source>One file downloaded.</source>
        <translation>已下載 1 個檔案。</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/trayicon.cpp" line="163"/>
        <source>%n files downloaded.</source>
        <translation>
            <numerusform>已下載 %n 個檔案。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="165"/>
        <source>Downloads failed</source>
        <translation>下載失敗</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="167"/>
        <source>One download failed. Open Ferry to see why.</source>
        <translation>1 個下載失敗。請開啟 Ferry 查看原因。</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/trayicon.cpp" line="168"/>
        <source>%n downloads failed. Open Ferry to see why.</source>
        <translation>
            <numerusform>%n 個下載失敗。請開啟 Ferry 查看原因。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="178"/>
        <source>Ferry is still running</source>
        <translation>Ferry 仍在執行</translation>
    </message>
    <message>
        <location filename="../ui/trayicon.cpp" line="179"/>
        <source>Downloads continue in the background. Use the tray icon to show the window or to quit.</source>
        <translation>下載會在背景繼續。可透過系統匣圖示顯示視窗或結束程式。</translation>
    </message>
</context>
<context>
    <name>LaunchRequest</name>
    <message>
        <location filename="../ui/launchrequest.cpp" line="28"/>
        <source>%1 needs a file name</source>
        <translation>%1 需要一個檔名</translation>
    </message>
    <message>
        <location filename="../ui/launchrequest.cpp" line="38"/>
        <source>unknown option %1</source>
        <translation>未知選項 %1</translation>
    </message>
    <message>
        <location filename="../ui/launchrequest.cpp" line="45"/>
        <source>&quot;%1&quot; is not a usable URL: %2</source>
        <translation>「%1」不是可用的網址：%2</translation>
    </message>
</context>
<context>
    <name>TransferError</name>
    <message>
        <location filename="../core/transfererror.cpp" line="20"/>
        <source>Network error: %1</source>
        <translation>網路錯誤：%1</translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="23"/>
        <source>The server answered %1 %2</source>
        <extracomment>%1 is an HTTP status code such as 404, %2 the server&apos;s reason text</extracomment>
        <translation>伺服器回應 %1 %2</translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="25"/>
        <source>Connection stalled: %1</source>
        <translation>連線無回應：%1</translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="27"/>
        <source>Secure connection failed: %1</source>
        <translation>安全連線失敗：%1</translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="29"/>
        <source>Cannot write the file: %1</source>
        <translation>無法寫入檔案：%1</translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="31"/>
        <source>The disk is full: %1</source>
        <translation>磁碟已滿：%1</translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="33"/>
        <source>Checksum mismatch: %1</source>
        <translation>總和檢查碼不符：%1</translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="35"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="37"/>
        <source>Redirect refused: %1</source>
        <translation>已拒絕重新導向：%1</translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="39"/>
        <source>The server&apos;s answer is inconsistent: %1</source>
        <translation>伺服器的回應前後不一致：%1</translation>
    </message>
    <message>
        <location filename="../core/transfererror.cpp" line="41"/>
        <source>Invalid URL: %1</source>
        <translation>無效的 URL：%1</translation>
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
        <location filename="../core/urllistreader.cpp" line="273"/>
        <source>ignored option %1: empty value</source>
        <extracomment>%1 is an option name such as out or dir</extracomment>
        <translation>已忽略選項 %1：值為空</translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="283"/>
        <source>ignored option %1: only out, dir and checksum are supported</source>
        <extracomment>%1 is an option name from the input file; out, dir and checksum are literal names</extracomment>
        <translation>已忽略選項 %1：僅支援 out、dir 和 checksum</translation>
    </message>
    <message>
        <location filename="../core/urllistreader.cpp" line="293"/>
        <source>%1; the URL on line %2 is skipped</source>
        <extracomment>%1 says what is wrong with an option line, %2 is the line number of its URL</extracomment>
        <translation>%1；已跳過第 %2 行的 URL</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/cli/main.cpp" line="90"/>
        <source>&quot;%1&quot; is not a usable URL: %2</source>
        <translation>&quot;%1&quot; 不是可用的 URL：%2</translation>
    </message>
    <message>
        <location filename="../app/cli/main.cpp" line="111"/>
        <source>standard input</source>
        <translation>標準輸入</translation>
    </message>
    <message>
        <location filename="../app/cli/main.cpp" line="118"/>
        <location filename="../app/cli/main.cpp" line="161"/>
        <source>cannot read the list %1: %2</source>
        <translation>無法讀取清單 %1：%2</translation>
    </message>
    <message>
        <location filename="../app/cli/main.cpp" line="120"/>
        <source>it is a folder</source>
        <translation>它是資料夾</translation>
    </message>
    <message>
        <location filename="../app/cli/main.cpp" line="149"/>
        <source>%1:%2: %3: %4</source>
        <translation>%1:%2: %3：%4</translation>
    </message>
    <message>
        <location filename="../app/cli/main.cpp" line="155"/>
        <source>%1: %2 more problems not shown</source>
        <translation>%1：另有 %2 個問題未顯示</translation>
    </message>
    <message>
        <location filename="../app/cli/main.cpp" line="238"/>
        <source>try &quot;ferry-cli --help&quot;</source>
        <translation>請參閱 &quot;ferry-cli --help&quot;</translation>
    </message>
    <message>
        <location filename="../app/cli/main.cpp" line="251"/>
        <source>note: -o &quot;%1&quot; is saved as &quot;%2&quot; (names stay inside the folder)</source>
        <translation>注意：-o &quot;%1&quot; 將儲存為 &quot;%2&quot;（檔名不能超出目標資料夾）</translation>
    </message>
    <message>
        <location filename="../app/cli/main.cpp" line="303"/>
        <source>Stopping: saving where each download is (Ctrl+C again quits at once)</source>
        <translation>正在停止：正在儲存各下載的進度（再按一次 Ctrl+C 立即結束）</translation>
    </message>
</context>
</TS>
