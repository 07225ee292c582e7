<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ActionItemModel</name>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="193"/>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="194"/>
        <source>事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="195"/>
        <source>责任人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="196"/>
        <source>完成时限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="197"/>
        <source>会议</source>
        <translation type="unfinished">Meetings</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="198"/>
        <source>办理情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="226"/>
        <source>逾期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="228"/>
        <source>未办结</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="229"/>
        <source>已完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="230"/>
        <source>已取消</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="248"/>
        <source>{0}（超期 {1} 天）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActionItemsTable</name>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="78"/>
        <source>事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="78"/>
        <source>责任人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="78"/>
        <source>完成时限</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="78"/>
        <source>落实哪项决定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="99"/>
        <source>要做什么</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="101"/>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="132"/>
        <source>（不对应某项决定）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CloseActionDialog</name>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="684"/>
        <source>办结待办事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="690"/>
        <source>事项：{0}
责任人：{1}&#x3000;完成时限：{2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="700"/>
        <source>做了什么、结果如何（必填）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="705"/>
        <source>不再执行（取消此事项，写明原因）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="706"/>
        <source>办理情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="707"/>
        <source>办结日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="711"/>
        <location filename="../../app/ui/pages/meeting_editor.py" line="716"/>
        <source>办结</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="712"/>
        <source>取消</source>
        <translation type="unfinished">Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="716"/>
        <source>取消事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="724"/>
        <source>请写明办理情况（做了什么）。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
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
        <location filename="../../app/ui/operations.py" line="126"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/operations.py" line="139"/>
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
        <location filename="../../app/ui/pages/home.py" line="52"/>
        <source>首页 · {0}</source>
        <translation>Home · {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="55"/>
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="62"/>
        <source>住户（户）</source>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="63"/>
        <source>居民（人）</source>
        <translation>Residents</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="64"/>
        <source>重点人群（人）</source>
        <translation>Vulnerable residents</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="65"/>
        <source>网格</source>
        <translation>Grids</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="66"/>
        <source>楼栋</source>
        <translation>Buildings</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="67"/>
        <source>未分网格的住户</source>
        <translation>Households without a grid</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="75"/>
        <source>重点人群类别</source>
        <translation>Vulnerability tag</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="75"/>
        <location filename="../../app/ui/pages/home.py" line="76"/>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="76"/>
        <source>户籍类别</source>
        <translation>Residency</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="84"/>
        <source>诉求、物资等数字将在这些模块完成后显示在首页。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="131"/>
        <source>还没有住户数据。可在“住户”页导入花名册，或在命令行运行 demo 生成演示社区。</source>
        <translation>No households yet. Import a roster on the Households page, or run the demo command to make a demo community.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="135"/>
        <source>以下数字直接统计自本机数据库。</source>
        <translation>These figures are counted directly from this computer&apos;s database.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="138"/>
        <source>户籍</source>
        <translation>Registered</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="139"/>
        <source>流动</source>
        <translation>Migrant</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="140"/>
        <source>境外</source>
        <translation>From abroad</translation>
    </message>
</context>
<context>
    <name>HouseholdDialog</name>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="312"/>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="313"/>
        <source>与户主关系</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="314"/>
        <source>性别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="315"/>
        <source>出生日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="316"/>
        <source>身份证号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="317"/>
        <source>联系电话</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="318"/>
        <source>人员类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="330"/>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="344"/>
        <source>住户 {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="345"/>
        <source>{0}栋{1}单元{2}室</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="346"/>
        <source>（无）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="348"/>
        <source>户号 {0} · {1} · 户主 {2} · 共 {3} 人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="349"/>
        <source>未分网格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="355"/>
        <source>（户主）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="357"/>
        <source>男</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="357"/>
        <source>女</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="396"/>
        <source>更换户主</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="407"/>
        <location filename="../../app/ui/registry_dialogs.py" line="416"/>
        <source>迁到其他户</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="408"/>
        <source>把 {0} 迁到哪一户？（如 3-2-502 或户号）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="416"/>
        <source>找不到这一户：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="423"/>
        <source>迁移居民</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="439"/>
        <source>删除居民</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="459"/>
        <source>导入居民花名册</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="462"/>
        <source>下一步</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="463"/>
        <source>上一步</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="464"/>
        <source>取消</source>
        <translation type="unfinished">Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="465"/>
        <source>导入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="486"/>
        <source>导入完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="487"/>
        <source>新增居民 {0} 人，更新 {1} 人，新增住户 {2} 户。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="495"/>
        <source>正在导入</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="34"/>
        <source>GridDesk 社区应急工作台 — {0}</source>
        <translation>GridDesk — {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="105"/>
        <source>首页</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="106"/>
        <source>住户</source>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="109"/>
        <location filename="../../app/ui/main_window.py" line="111"/>
        <source>网格</source>
        <translation>Grids</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="112"/>
        <source>网格划分、楼栋分配、网格员与志愿者名册、排班签到和网格覆盖情况。</source>
        <translation>Grids, building assignment, the roster of grid workers and volunteers, shifts, attendance and coverage.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="117"/>
        <location filename="../../app/ui/main_window.py" line="119"/>
        <source>物资</source>
        <translation>Supplies</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="120"/>
        <source>物资入库出库台账、分发计划、扫码签收、需求清单和团购价格公示。</source>
        <translation>The stock ledger, distribution campaigns, sign-off by barcode, needs lists and group-purchase prices.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="125"/>
        <source>会议</source>
        <translation>Meetings</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="130"/>
        <location filename="../../app/ui/main_window.py" line="131"/>
        <source>诉求</source>
        <translation>Requests</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="131"/>
        <source>居民诉求、投诉和举报的登记、分派、办结和统计。</source>
        <translation>Residents&apos; requests, complaints and reports: logging, assignment, resolution and counts.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="135"/>
        <location filename="../../app/ui/main_window.py" line="136"/>
        <source>通知打印</source>
        <translation>Notices</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="136"/>
        <source>门贴、告知书和公告的模板编辑与批量打印。</source>
        <translation>Door notices, notification letters and announcements: templates and batch printing.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="140"/>
        <location filename="../../app/ui/main_window.py" line="142"/>
        <source>报表</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="143"/>
        <source>由记录直接生成、带时间戳的日报和统计报表（PDF 与 Excel）。</source>
        <translation>Time-stamped daily and statistical reports built from the records (PDF and Excel).</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="148"/>
        <location filename="../../app/ui/main_window.py" line="150"/>
        <source>数据交换</source>
        <translation>Exchange</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="151"/>
        <source>通过 U 盘与街道办交换签名加密的数据包、回执和回传包。</source>
        <translation>Signed, encrypted packages, receipts and return packages exchanged with the street office by USB stick.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="154"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="158"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="159"/>
        <source>打开数据文件夹</source>
        <translation>Open the data folder</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="163"/>
        <source>立即备份数据库</source>
        <translation>Back up the database now</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="166"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="169"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="170"/>
        <location filename="../../app/ui/main_window.py" line="211"/>
        <source>关于 GridDesk</source>
        <translation>About GridDesk</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="175"/>
        <source>社区</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="175"/>
        <source>街道办</source>
        <translation>Street office</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="177"/>
        <source>数据文件夹：{0}</source>
        <translation>Data folder: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="188"/>
        <source>上次导出：{0}</source>
        <translation>Last export: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="188"/>
        <source>上次导出：尚未导出</source>
        <translation>Last export: never</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="202"/>
        <source>备份数据库</source>
        <translation>Back up the database</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="204"/>
        <source>已备份到 {0}</source>
        <translation>Backed up to {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="213"/>
        <source>GridDesk 社区应急工作台 {0}
离线运行的社区应急管理工具。
内置字体：文泉驿微米黑（Apache 2.0 / GPLv3 字体例外）。</source>
        <translation>GridDesk {0}
An offline tool for community emergency work.
Bundled font: WenQuanYi Micro Hei (Apache 2.0 / GPLv3 with font exception).</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="221"/>
        <source>正在处理</source>
        <translation>Busy</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="221"/>
        <source>还有操作在进行。等待它完成后再退出吗？</source>
        <translation>An operation is still running. Wait for it to finish and then quit?</translation>
    </message>
</context>
<context>
    <name>MeetingEditorDialog</name>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="182"/>
        <source>新增会议纪要</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="184"/>
        <source>查看会议纪要 — 第 {0} 号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="186"/>
        <source>编辑会议纪要 — 第 {0} 号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="199"/>
        <source>基本信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="200"/>
        <source>议题与讨论</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="201"/>
        <source>决定与待办</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="202"/>
        <source>附件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="207"/>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="211"/>
        <source>保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="214"/>
        <source>取消</source>
        <translation type="unfinished">Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="248"/>
        <source>例如：第三网格疫情防控议事会</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="254"/>
        <source>选择或输入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="256"/>
        <source>社区级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="257"/>
        <source>网格级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="260"/>
        <source>（未指定网格）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="274"/>
        <source>例如：社区党群服务中心二楼会议室</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="278"/>
        <source>每行一人，可写职务，如：网格长 刘芳</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="280"/>
        <source>每行一人，可注明原因，如：楼长 孙伟（请假）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="281"/>
        <source>从居民中添加…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="290"/>
        <source>至</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="299"/>
        <source>会议名称 *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="301"/>
        <source>会议类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="303"/>
        <source>会议日期 *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="305"/>
        <source>级别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="307"/>
        <source>网格</source>
        <translation type="unfinished">Grids</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="309"/>
        <source>时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="311"/>
        <source>地点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="313"/>
        <source>主持人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="315"/>
        <source>记录人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="318"/>
        <source>出席人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="327"/>
        <source>缺席人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="344"/>
        <source>每行一项议题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="346"/>
        <source>会上讨论的主要内容和各方意见</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="348"/>
        <source>居民提出的意见、建议和诉求</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="349"/>
        <source>会议议题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="350"/>
        <source>讨论情况</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="351"/>
        <source>居民意见</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="359"/>
        <source>决定事项（每行一项）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="361"/>
        <source>例如：每周二、五为独居老人送菜上门</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="368"/>
        <source>待办事项（每项都要有责任人和完成时限）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="369"/>
        <source>添加待办</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="371"/>
        <source>删除选中待办</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="387"/>
        <source>附件（签字扫描件、签到表、照片等）复制保存在数据文件夹的 attachments 中。已发布的纪要也可以补充附件，但不能移除。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="398"/>
        <source>添加文件…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="400"/>
        <source>打开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="402"/>
        <source>移除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="415"/>
        <source>这份纪要已发布并锁定，只能查看。如需更正，请在列表中选中它并点“修正”。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="417"/>
        <source>这份纪要已被第 {0} 号修正稿取代，仅作存档。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="423"/>
        <source>这是第 {0} 号纪要的修正稿。修正原因：{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="460"/>
        <source>已办结：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="527"/>
        <source>{0} 人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="545"/>
        <source>这项待办已经办结，不能从纪要中删除。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="558"/>
        <source>选择附件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="567"/>
        <source>{0}（保存时添加）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="590"/>
        <source>添加附件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="619"/>
        <source>放弃尚未保存的内容？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="653"/>
        <source>保存会议纪要</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MeetingTableModel</name>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="79"/>
        <source>日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="80"/>
        <source>会议名称</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="81"/>
        <source>级别 / 网格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="82"/>
        <source>类型</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="83"/>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="84"/>
        <source>未办结待办</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="85"/>
        <source>逾期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="86"/>
        <source>决定落实</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="113"/>
        <source>草稿</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="114"/>
        <source>已发布</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="115"/>
        <source>已修正</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="120"/>
        <source>社区级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="121"/>
        <source>网格级 · {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="121"/>
        <source>网格级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="133"/>
        <source>{0}（第 {1} 号的修正稿）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="145"/>
        <source>逾期 {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="153"/>
        <source>未办结 {0} 项，共 {1} 项，已完成 {2} 项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="157"/>
        <source>决定事项 {0} 项，其中 {1} 项的待办已全部完成</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MeetingTodoSection</name>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="945"/>
        <source>会议待办</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="948"/>
        <source>正在统计…</source>
        <translation type="unfinished">Counting…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="985"/>
        <source>暂无未办结的会议待办。会议决定的事项在“会议”页登记后显示在这里。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="988"/>
        <source>未办结 {0} 项，其中逾期 {1} 项、3 天内到期 {2} 项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="992"/>
        <source>（以下为最紧急的 {0} 项）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MeetingsPage</name>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="320"/>
        <source>会议</source>
        <translation type="unfinished">Meetings</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="328"/>
        <source>新增</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="330"/>
        <location filename="../../app/ui/pages/meetings.py" line="624"/>
        <source>编辑</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="332"/>
        <source>删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="335"/>
        <source>发布</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="336"/>
        <source>修正</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="339"/>
        <source>打印</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="387"/>
        <source>搜索名称、议题、讨论、决定、待办、人员…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="391"/>
        <source>全部级别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="392"/>
        <source>社区级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="393"/>
        <source>网格级</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="395"/>
        <source>全部网格</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="398"/>
        <source>全部状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="399"/>
        <source>草稿</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="400"/>
        <source>已发布</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="401"/>
        <source>已修正</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="402"/>
        <source>日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="410"/>
        <source>查询</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="412"/>
        <source>清除条件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="439"/>
        <source>待办事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="443"/>
        <source>选中会议的待办</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="444"/>
        <source>全部未办结</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="445"/>
        <source>全部逾期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="446"/>
        <source>全部待办（含已办结）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="449"/>
        <source>责任人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="453"/>
        <source>办结…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="455"/>
        <source>重新打开</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="570"/>
        <source>暂无会议纪要。点击“新增”（Ctrl+N）记录第一次会议。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="572"/>
        <source>没有符合条件的会议。可以换个关键词，或点“清除条件”。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="577"/>
        <source>共 {0} 次会议（全部 {1} 次）；未办结待办 {2} 项，其中逾期 {3} 项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="624"/>
        <source>查看</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="630"/>
        <source>只能删除草稿；已发布的纪要要存档</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="684"/>
        <source>决定 {0} 项，已落实 {1} 项；待办 {2} 项，已完成 {3} 项，逾期 {4} 项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="696"/>
        <source>{0} 项，其中逾期 {1} 项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="704"/>
        <source>在上面选中一次会议，这里显示它的待办事项。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="707"/>
        <source>这次会议没有待办事项。在“编辑”的“决定与待办”中添加。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="710"/>
        <source>没有这样的待办事项。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="737"/>
        <source>办结待办事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="748"/>
        <location filename="../../app/ui/pages/meetings.py" line="762"/>
        <source>重新打开待办</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="749"/>
        <source>重新打开待办事项“{0}”？原办理情况会保留在修改记录中。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="806"/>
        <location filename="../../app/ui/pages/meetings.py" line="822"/>
        <source>删除会议草稿</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="807"/>
        <source>删除会议草稿“{0}”（{1}）？
删除后不再显示，但会留下删除记录。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="832"/>
        <source>
发布后，第 {0} 号纪要将被这份修正稿取代（原纪要保留存档）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="840"/>
        <location filename="../../app/ui/pages/meetings.py" line="859"/>
        <source>发布会议纪要</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="842"/>
        <source>发布第 {0} 号会议纪要“{1}”？
发布后纪要锁定，不能再修改；如需更正只能做修正稿。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="868"/>
        <location filename="../../app/ui/pages/meetings.py" line="888"/>
        <source>修正会议纪要</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="870"/>
        <source>将为“{0}”建立一份修正稿（原纪要保留存档）。
请写明修正原因（会印在修正稿上）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="909"/>
        <source>正在生成会议纪要</source>
        <translation type="unfinished"></translation>
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
    <name>PdfPreviewDialog</name>
    <message>
        <location filename="../../app/ui/print_preview.py" line="51"/>
        <source>打印预览 — {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="62"/>
        <source>打印…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="65"/>
        <source>另存为 PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="69"/>
        <source>适合宽度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="70"/>
        <source>整页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="73"/>
        <source>共 {0} 页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="75"/>
        <source>关闭</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="80"/>
        <source>显示：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="124"/>
        <location filename="../../app/ui/print_preview.py" line="137"/>
        <source>打印</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="137"/>
        <source>无法开始打印，请检查打印机。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="167"/>
        <location filename="../../app/ui/print_preview.py" line="188"/>
        <source>另存为 PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="167"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="189"/>
        <source>无法保存到 {0}：{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="193"/>
        <source>已保存到 {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RegistryPage</name>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="140"/>
        <source>住户</source>
        <translation type="unfinished">Households</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="206"/>
        <source>还没有居民。点击“导入”导入 Excel 花名册，或在命令行运行 demo 生成演示社区。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="265"/>
        <source>全部</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="287"/>
        <source>共 {0} 人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="343"/>
        <source>新增</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="344"/>
        <source>请先选中一户中的任一居民（或用查找框找到这一户），再新增成员。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="360"/>
        <source>删除居民</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="377"/>
        <location filename="../../app/ui/pages/registry.py" line="384"/>
        <location filename="../../app/ui/pages/registry.py" line="393"/>
        <source>导出居民</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="377"/>
        <source>Excel 文件 (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="385"/>
        <source>是否隐藏身份证号和电话的中间几位（脱敏）？
交给外单位时建议脱敏。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="395"/>
        <source>已导出 {0} 人到 {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResidentForm</name>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="83"/>
        <source>编辑居民</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="83"/>
        <source>新增居民</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="89"/>
        <source>18位，末位可为X；没有可不填</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="103"/>
        <source>（未填）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="143"/>
        <source>姓名：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="144"/>
        <source>身份证号：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="149"/>
        <source>其他证件：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="150"/>
        <source>性别：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="151"/>
        <source>出生日期：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="152"/>
        <source>联系电话：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="153"/>
        <source>与户主关系：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="154"/>
        <source>户籍类型：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="155"/>
        <source>状态：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="156"/>
        <source>人员类别：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="157"/>
        <source>备注：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="161"/>
        <source>保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="162"/>
        <source>取消</source>
        <translation type="unfinished">Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="206"/>
        <source>出生日期 {0}，{1}（由身份证号得出）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="207"/>
        <source>男</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="207"/>
        <source>女</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="261"/>
        <source>保存居民</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResidentPickerDialog</name>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="745"/>
        <source>从居民中添加出席人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="750"/>
        <source>输入姓名查找，按回车</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="757"/>
        <source>可按住 Ctrl 选择多人。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="761"/>
        <source>添加所选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="762"/>
        <source>取消</source>
        <translation type="unfinished">Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="780"/>
        <source>找到 {0} 人</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="780"/>
        <source>没有找到。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResidentTableModel</name>
    <message>
        <location filename="../../app/ui/models/registry_model.py" line="37"/>
        <source>姓名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/registry_model.py" line="38"/>
        <source>性别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/registry_model.py" line="39"/>
        <source>年龄</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/registry_model.py" line="40"/>
        <source>身份证号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/registry_model.py" line="41"/>
        <source>联系电话</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/registry_model.py" line="42"/>
        <source>住址</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/registry_model.py" line="43"/>
        <source>与户主关系</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/registry_model.py" line="44"/>
        <source>户籍</source>
        <translation type="unfinished">Registered</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/registry_model.py" line="45"/>
        <source>人员类别</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/registry_model.py" line="46"/>
        <source>状态</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/models/registry_model.py" line="133"/>
        <source>（户主）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="54"/>
        <source>查找：姓名 / 拼音（zs）/ 身份证或电话后四位 / 3-2-502 / 户号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="85"/>
        <source>没有找到“{0}”</source>
        <translation type="unfinished"></translation>
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
<context>
    <name>_FilePage</name>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="502"/>
        <source>第 1 步：选择文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="503"/>
        <source>Excel（.xlsx/.xls）、WPS 表格或 CSV 文件均可。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="506"/>
        <source>花名册文件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="507"/>
        <source>浏览…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="513"/>
        <source>文件：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="516"/>
        <source>工作表：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="524"/>
        <source>选择花名册</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="524"/>
        <source>表格文件 (*.xlsx *.xlsm *.xls *.csv)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_MappingPage</name>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="556"/>
        <source>第 2 步：核对各列</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="557"/>
        <source>已按常见列名自动对应；如有不对，请在下拉框中改正。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="565"/>
        <source>文件前几行：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="579"/>
        <source>（不导入）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="603"/>
        <source>核对各列</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="603"/>
        <source>请指定“姓名”所在的列。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_PreviewPage</name>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="613"/>
        <source>第 3 步：检查结果（尚未写入）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="615"/>
        <location filename="../../app/ui/registry_dialogs.py" line="635"/>
        <source>正在检查…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="619"/>
        <source>行号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="619"/>
        <source>问题</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="619"/>
        <source>说明</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="624"/>
        <source>有问题的行不导入，其余照常导入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="640"/>
        <source>检查花名册</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="647"/>
        <source>共读取 {0} 行：将新增居民 {1} 人、更新 {2} 人、新增住户 {3} 户；{4} 行有问题不会导入，另有 {5} 条提示。点“导入”后一次写入，全部成功或全部不写。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="661"/>
        <source>未导入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="661"/>
        <source>提示</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="57"/>
        <location filename="../../app/ui/registry_dialogs.py" line="64"/>
        <source>删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="58"/>
        <source>删除 {0}？
删除后可在审计记录中查到。请填写原因：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="59"/>
        <source>已迁出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="64"/>
        <source>请填写删除原因。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
