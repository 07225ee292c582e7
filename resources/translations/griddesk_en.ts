<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../app/ui/crash.py" line="31"/>
        <source>程序错误</source>
        <translation>Program error</translation>
    </message>
    <message>
        <location filename="../../app/ui/crash.py" line="34"/>
        <source>（日志不可用）</source>
        <translation>(log unavailable)</translation>
    </message>
    <message>
        <location filename="../../app/ui/crash.py" line="37"/>
        <source>GridDesk 遇到了一个程序错误。已保存的数据不受影响；未完成的操作已撤销。
错误详情已写入日志：{0}
请把日志文件交给技术支持。</source>
        <translation>GridDesk ran into a program error. Saved data is not affected; the unfinished operation was undone.
The details were written to the log: {0}
Please pass the log file to technical support.</translation>
    </message>
    <message>
        <location filename="../../app/ui/crash.py" line="48"/>
        <source>复制详情</source>
        <translation>Copy details</translation>
    </message>
</context>
<context>
    <name>DbOperation</name>
    <message>
        <location filename="../../app/ui/operations.py" line="123"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/operations.py" line="136"/>
        <source>正在取消，撤销已做的更改…</source>
        <translation>Cancelling, undoing the changes made so far…</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../app/ui/first_run.py" line="30"/>
        <source>欢迎使用 GridDesk 社区应急工作台</source>
        <translation>Welcome to GridDesk, the community emergency workstation</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="36"/>
        <source>这台电脑上还没有 GridDesk 数据。请设置本机所属的社区或街道办，或者先打开演示社区看看。
数据将保存在：{0}</source>
        <translation>There is no GridDesk data on this computer yet. Set up the community or street office this computer belongs to, or open the demo community first.
Data will be kept in: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="44"/>
        <source>社区居委会</source>
        <translation>Community office</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="45"/>
        <source>街道办事处</source>
        <translation>Street office</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="57"/>
        <location filename="../../app/ui/first_run.py" line="91"/>
        <source>民政区划代码，如 420106001001</source>
        <translation>Civil-affairs code, e.g. 420106001001</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="59"/>
        <source>如 幸福里社区</source>
        <translation>e.g. Xingfuli Community</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="61"/>
        <source>所属街道办代码，如 420106001</source>
        <translation>Code of its street office, e.g. 420106001</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="62"/>
        <source>上级街道代码：</source>
        <translation>Street office code:</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="63"/>
        <source>机构代码：</source>
        <translation>Office code:</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="64"/>
        <source>名称：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="73"/>
        <source>创建</source>
        <translation>Create</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="74"/>
        <source>打开演示社区</source>
        <translation>Open the demo community</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="76"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="89"/>
        <source>民政区划代码，如 420106001</source>
        <translation>Civil-affairs code, e.g. 420106001</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../app/ui/pages/home.py" line="53"/>
        <source>首页 · {0}</source>
        <translation>Home · {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="56"/>
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="63"/>
        <source>住户（户）</source>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="64"/>
        <source>居民（人）</source>
        <translation>Residents</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="65"/>
        <source>重点人群（人）</source>
        <translation>Vulnerable residents</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="66"/>
        <source>网格</source>
        <translation>Grids</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="67"/>
        <source>楼栋</source>
        <translation>Buildings</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="68"/>
        <source>未分网格的住户</source>
        <translation>Households without a grid</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="76"/>
        <source>重点人群类别</source>
        <translation>Vulnerability tag</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="76"/>
        <location filename="../../app/ui/pages/home.py" line="77"/>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="77"/>
        <source>户籍类别</source>
        <translation>Residency</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="81"/>
        <source>诉求、物资、会议事项等数字将在这些模块完成后显示在首页。</source>
        <translation>Figures for requests, supplies and meeting action items will appear here once those areas are built.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="116"/>
        <source>还没有住户数据。可在“住户”页导入花名册，或在命令行运行 demo 生成演示社区。</source>
        <translation>No households yet. Import a roster on the Households page, or run the demo command to make a demo community.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="120"/>
        <source>以下数字直接统计自本机数据库。</source>
        <translation>These figures are counted directly from this computer&apos;s database.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="123"/>
        <source>户籍</source>
        <translation>Registered</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="124"/>
        <source>流动</source>
        <translation>Migrant</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="125"/>
        <source>境外</source>
        <translation>From abroad</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="32"/>
        <source>GridDesk 社区应急工作台 — {0}</source>
        <translation>GridDesk — {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="73"/>
        <source>首页</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="76"/>
        <location filename="../../app/ui/main_window.py" line="78"/>
        <source>住户</source>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="79"/>
        <source>住户与居民登记、快速查找、查重，以及 Excel 花名册的导入导出。</source>
        <translation>Households and residents: registration, quick search, duplicates, and Excel roster import and export.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="84"/>
        <location filename="../../app/ui/main_window.py" line="86"/>
        <source>网格</source>
        <translation>Grids</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="87"/>
        <source>网格划分、楼栋分配、网格员与志愿者名册、排班签到和网格覆盖情况。</source>
        <translation>Grids, building assignment, the roster of grid workers and volunteers, shifts, attendance and coverage.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="92"/>
        <location filename="../../app/ui/main_window.py" line="94"/>
        <source>物资</source>
        <translation>Supplies</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="95"/>
        <source>物资入库出库台账、分发计划、扫码签收、需求清单和团购价格公示。</source>
        <translation>The stock ledger, distribution campaigns, sign-off by barcode, needs lists and group-purchase prices.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="100"/>
        <location filename="../../app/ui/main_window.py" line="102"/>
        <source>会议</source>
        <translation>Meetings</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="102"/>
        <source>社区和网格两级议事的会议纪要、决定事项及其落实跟踪。</source>
        <translation>Minutes of community and grid deliberation, decisions, and follow-up of action items.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="107"/>
        <location filename="../../app/ui/main_window.py" line="108"/>
        <source>诉求</source>
        <translation>Requests</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="108"/>
        <source>居民诉求、投诉和举报的登记、分派、办结和统计。</source>
        <translation>Residents&apos; requests, complaints and reports: logging, assignment, resolution and counts.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="112"/>
        <location filename="../../app/ui/main_window.py" line="113"/>
        <source>通知打印</source>
        <translation>Notices</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="113"/>
        <source>门贴、告知书和公告的模板编辑与批量打印。</source>
        <translation>Door notices, notification letters and announcements: templates and batch printing.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="117"/>
        <location filename="../../app/ui/main_window.py" line="119"/>
        <source>报表</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="120"/>
        <source>由记录直接生成、带时间戳的日报和统计报表（PDF 与 Excel）。</source>
        <translation>Time-stamped daily and statistical reports built from the records (PDF and Excel).</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="125"/>
        <location filename="../../app/ui/main_window.py" line="127"/>
        <source>数据交换</source>
        <translation>Exchange</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="128"/>
        <source>通过 U 盘与街道办交换签名加密的数据包、回执和回传包。</source>
        <translation>Signed, encrypted packages, receipts and return packages exchanged with the street office by USB stick.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="131"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="135"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="136"/>
        <source>打开数据文件夹</source>
        <translation>Open the data folder</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="140"/>
        <source>立即备份数据库</source>
        <translation>Back up the database now</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="143"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="146"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="147"/>
        <location filename="../../app/ui/main_window.py" line="182"/>
        <source>关于 GridDesk</source>
        <translation>About GridDesk</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="152"/>
        <source>社区</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="152"/>
        <source>街道办</source>
        <translation>Street office</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="154"/>
        <source>数据文件夹：{0}</source>
        <translation>Data folder: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="159"/>
        <source>上次导出：{0}</source>
        <translation>Last export: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="159"/>
        <source>上次导出：尚未导出</source>
        <translation>Last export: never</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="173"/>
        <source>备份数据库</source>
        <translation>Back up the database</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="175"/>
        <source>已备份到 {0}</source>
        <translation>Backed up to {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="184"/>
        <source>GridDesk 社区应急工作台 {0}
离线运行的社区应急管理工具。
内置字体：文泉驿微米黑（Apache 2.0 / GPLv3 字体例外）。</source>
        <translation>GridDesk {0}
An offline tool for community emergency work.
Bundled font: WenQuanYi Micro Hei (Apache 2.0 / GPLv3 with font exception).</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="192"/>
        <source>正在处理</source>
        <translation>Busy</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="192"/>
        <source>还有操作在进行。等待它完成后再退出吗？</source>
        <translation>An operation is still running. Wait for it to finish and then quit?</translation>
    </message>
</context>
<context>
    <name>NotBuiltPage</name>
    <message>
        <location filename="../../app/ui/pages/not_built.py" line="18"/>
        <source>此功能尚未完成</source>
        <translation>Not built yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/not_built.py" line="25"/>
        <source>这一部分还在开发中，目前不显示任何数据，也不能在这里录入。已有的住户、网格等数据不受影响。</source>
        <translation>This area is still being built. It shows no data and nothing can be entered here yet. Existing households, grids and other data are not affected.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../app/ui/pages/settings.py" line="31"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings.py" line="35"/>
        <source>本机机构</source>
        <translation>This office</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings.py" line="37"/>
        <source>社区居委会</source>
        <translation>Community office</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings.py" line="37"/>
        <source>街道办事处</source>
        <translation>Street office</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings.py" line="38"/>
        <source>名称：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings.py" line="39"/>
        <source>机构代码：</source>
        <translation>Office code:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings.py" line="40"/>
        <source>类型：</source>
        <translation>Type:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings.py" line="42"/>
        <source>上级街道代码：</source>
        <translation>Street office code:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings.py" line="43"/>
        <source>（打开本页时读取）</source>
        <translation>(read when this page opens)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings.py" line="44"/>
        <source>密钥指纹：</source>
        <translation>Key fingerprint:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings.py" line="47"/>
        <source>数据文件夹</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings.py" line="52"/>
        <source>打开文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings.py" line="59"/>
        <source>显示</source>
        <translation>Display</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings.py" line="66"/>
        <source>界面语言：</source>
        <translation>Language:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings.py" line="70"/>
        <source>大字体（适合长时间阅读）</source>
        <translation>Large text (easier for long reading)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings.py" line="73"/>
        <source>字号：</source>
        <translation>Text size:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings.py" line="86"/>
        <source>未找到密钥文件（keys 文件夹）</source>
        <translation>Key files not found (keys folder)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings.py" line="92"/>
        <source>重新启动 GridDesk 后生效。</source>
        <translation>Takes effect when GridDesk is restarted.</translation>
    </message>
</context>
</TS>
