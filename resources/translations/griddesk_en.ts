<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../app/ui/about.py" line="65"/>
        <source>关于 GridDesk</source>
        <translation>About GridDesk</translation>
    </message>
    <message>
        <location filename="../../app/ui/about.py" line="71"/>
        <source>GridDesk 社区应急工作台</source>
        <translation>GridDesk — community emergency workstation</translation>
    </message>
    <message>
        <location filename="../../app/ui/about.py" line="77"/>
        <source>离线运行的社区应急管理工具：不联网，数据只在本机和您携带的U盘上。</source>
        <translation>An offline tool for a community office&apos;s emergencies and ordinary days: it never uses the network; the data stays on this PC and on the USB sticks you carry.</translation>
    </message>
    <message>
        <location filename="../../app/ui/about.py" line="86"/>
        <source>版本：</source>
        <translation>Version:</translation>
    </message>
    <message>
        <location filename="../../app/ui/about.py" line="88"/>
        <source>数据库结构版本：</source>
        <translation>Database schema revision:</translation>
    </message>
    <message>
        <location filename="../../app/ui/about.py" line="92"/>
        <source>打开数据文件夹</source>
        <translation>Open data folder</translation>
    </message>
    <message>
        <location filename="../../app/ui/about.py" line="99"/>
        <source>数据文件夹：</source>
        <translation>Data folder:</translation>
    </message>
    <message>
        <location filename="../../app/ui/about.py" line="102"/>
        <source>社区</source>
        <translation>community</translation>
    </message>
    <message>
        <location filename="../../app/ui/about.py" line="102"/>
        <source>街道办</source>
        <translation>street office</translation>
    </message>
    <message>
        <location filename="../../app/ui/about.py" line="104"/>
        <source>{0}（{1}，代码 {2}）</source>
        <translation>{0} ({1}, code {2})</translation>
    </message>
    <message>
        <location filename="../../app/ui/about.py" line="106"/>
        <source>本机构：</source>
        <translation>Office:</translation>
    </message>
    <message>
        <location filename="../../app/ui/about.py" line="108"/>
        <source>当前用户：</source>
        <translation>Signed in:</translation>
    </message>
    <message>
        <location filename="../../app/ui/about.py" line="113"/>
        <source>第三方许可…</source>
        <translation>Third-party licences…</translation>
    </message>
    <message>
        <location filename="../../app/ui/about.py" line="134"/>
        <source>{0}（本机构数据库：{1}）</source>
        <translation>{0} (this office&apos;s database: {1})</translation>
    </message>
    <message>
        <location filename="../../app/ui/about.py" line="141"/>
        <source>（本机构未设用户）</source>
        <translation>(this office has no users)</translation>
    </message>
    <message>
        <location filename="../../app/ui/about.py" line="143"/>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <location filename="../../app/ui/about.py" line="144"/>
        <source>{0} · 演示</source>
        <translation>{0} · demo</translation>
    </message>
</context>
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="441"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ActionItemModel</name>
    <message>
        <location filename="../../app/ui/models/meeting_models.py" line="128"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/meeting_models.py" line="129"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/meeting_models.py" line="130"/>
        <source>责任人</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/meeting_models.py" line="131"/>
        <source>完成时限</source>
        <translation>Due date</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/meeting_models.py" line="132"/>
        <source>会议</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/meeting_models.py" line="133"/>
        <source>办理情况</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/meeting_models.py" line="142"/>
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/meeting_models.py" line="144"/>
        <source>未办结</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/meeting_models.py" line="145"/>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/meeting_models.py" line="146"/>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/meeting_models.py" line="164"/>
        <source>{0}（超期 {1} 天）</source>
        <translation>{0} (overdue: {1} d)</translation>
    </message>
</context>
<context>
    <name>ActionItemsTable</name>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="64"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="64"/>
        <source>责任人</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="64"/>
        <source>完成时限</source>
        <translation>Due date</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="64"/>
        <source>落实哪项决定</source>
        <translation>Decision it carries out</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="85"/>
        <source>要做什么</source>
        <translation>What to do</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="87"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="118"/>
        <source>（不对应某项决定）</source>
        <translation>(not tied to a decision)</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <location filename="../../app/ui/pages/grids/structure_dialogs.py" line="85"/>
        <source>把住户分到网格</source>
        <translation>Assign households to a grid</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure_dialogs.py" line="85"/>
        <source>把楼栋分到网格</source>
        <translation>Assign buildings to a grid</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure_dialogs.py" line="90"/>
        <source>划入网格</source>
        <translation>Into grid</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure_dialogs.py" line="95"/>
        <source>住户</source>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure_dialogs.py" line="97"/>
        <source>楼栋号和范围，如 1-3,7</source>
        <translation>Building numbers and ranges, e.g. 1-3,7</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure_dialogs.py" line="98"/>
        <source>楼栋</source>
        <translation>Buildings</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure_dialogs.py" line="99"/>
        <source>这些楼栋的全部住户都划入所选网格；范围不能重叠，楼栋号要存在。</source>
        <translation>All households in these buildings go into the selected grid. Ranges must not overlap and the buildings must exist.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure_dialogs.py" line="104"/>
        <source>调整原因（记入历史，可不填）</source>
        <translation>Reason for the change (kept in the history, optional)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure_dialogs.py" line="105"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="499"/>
        <source>派单</source>
        <translation>Assign</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="510"/>
        <source>网格 {0}（{1}）</source>
        <translation>Grid {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="512"/>
        <source>未分网格</source>
        <translation>No grid</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="513"/>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="518"/>
        <source>派给</source>
        <translation>Assign to</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="523"/>
        <source>没有可派的网格或人员：请先在“网格”页登记。</source>
        <translation>No grid or person to assign to: add them on the Grids page first.</translation>
    </message>
</context>
<context>
    <name>AssignPeopleDialog</name>
    <message>
        <location filename="../../app/ui/pages/grids/duty_dialogs.py" line="164"/>
        <source>安排人员</source>
        <translation>Assign people</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/duty_dialogs.py" line="168"/>
        <source>{0}，{1}–{2}，需要 {3} 人，已排 {4} 人</source>
        <translation>{0}, {1}–{2}: needs {3}, {4} assigned</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/duty_dialogs.py" line="179"/>
        <source>按姓名、编号、类别、网格筛选</source>
        <translation>Filter by name, ID, category or grid</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/duty_dialogs.py" line="193"/>
        <source>（已在此班次）</source>
        <translation> (already on this shift)</translation>
    </message>
</context>
<context>
    <name>AttendanceModel</name>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="352"/>
        <source>编号</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="353"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="354"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="355"/>
        <source>单位</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="356"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="357"/>
        <source>统计期</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="358"/>
        <source>排班</source>
        <translation>Shifts</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="359"/>
        <source>到岗</source>
        <translation>Present</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="360"/>
        <source>缺勤</source>
        <translation>Absent</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="361"/>
        <source>待上岗</source>
        <translation>Upcoming</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="362"/>
        <source>小时</source>
        <translation>Hours</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="363"/>
        <source>提示</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="379"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="393"/>
        <source>有名无实？下沉后未到岗</source>
        <translation>On paper only? Not present since sent down</translation>
    </message>
</context>
<context>
    <name>AttendanceTab</name>
    <message>
        <location filename="../../app/ui/pages/grids/attendance.py" line="32"/>
        <source>全部人员</source>
        <translation>Everyone</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/attendance.py" line="35"/>
        <source>统计期</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/attendance.py" line="45"/>
        <source>只看下沉后未到岗的干部</source>
        <translation>Only sent-down cadres not present since arriving</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/attendance.py" line="48"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/attendance.py" line="60"/>
        <source>下沉干部按各自的下沉期统计。“到岗”指签到过的班次；“缺勤”指班次结束仍未签到。</source>
        <translation>Sent-down cadres are counted over their own sent-down period. &quot;Present&quot; means shifts they checked in for; &quot;Absent&quot; means shifts that ended with no check-in.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/attendance.py" line="96"/>
        <source>共 {0} 人：到岗 {1} 班次，缺勤 {2} 班次，合计 {3} 小时。</source>
        <translation>People: {0}. Shifts present: {1}, absent: {2}; hours in all: {3}.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/attendance.py" line="100"/>
        <source>下沉干部 {0} 人，其中 {1} 人下沉以来未到岗：{2}</source>
        <translation>{0} sent-down cadres, {1} of them not present since being sent down: {2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/attendance.py" line="101"/>
        <source>无</source>
        <translation>none</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <location filename="../../app/ui/models/audit_model.py" line="17"/>
        <source>修改</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/audit_model.py" line="18"/>
        <source>登录</source>
        <translation>Sign-in</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/audit_model.py" line="19"/>
        <source>登录失败</source>
        <translation>Failed sign-in</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/audit_model.py" line="20"/>
        <source>查看完整信息</source>
        <translation>Full values viewed</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/audit_model.py" line="21"/>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/audit_model.py" line="22"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/audit_model.py" line="23"/>
        <source>导出数据包</source>
        <translation>Package written</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/audit_model.py" line="24"/>
        <source>导入数据包</source>
        <translation>Package imported</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/audit_model.py" line="25"/>
        <source>备份</source>
        <translation>Backup</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/audit_model.py" line="26"/>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/audit_model.py" line="27"/>
        <source>用户管理</source>
        <translation>Users</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/audit_model.py" line="54"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/audit_model.py" line="55"/>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/audit_model.py" line="56"/>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/audit_model.py" line="57"/>
        <source>对象</source>
        <translation>Table</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/audit_model.py" line="58"/>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/audit_model.py" line="59"/>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/audit_model.py" line="60"/>
        <source>原值</source>
        <translation>Old value</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/audit_model.py" line="61"/>
        <source>新值</source>
        <translation>New value</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/audit_model.py" line="62"/>
        <source>说明</source>
        <translation>Summary</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <location filename="../../app/ui/pages/audit.py" line="58"/>
        <source>审计</source>
        <translation>Audit</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/audit.py" line="67"/>
        <source>用户：</source>
        <translation>User:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/audit.py" line="70"/>
        <location filename="../../app/ui/pages/audit.py" line="80"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/audit.py" line="72"/>
        <source>从：</source>
        <translation>From:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/audit.py" line="75"/>
        <source>到：</source>
        <translation>To:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/audit.py" line="78"/>
        <source>类别：</source>
        <translation>Kind:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/audit.py" line="84"/>
        <source>记录：</source>
        <translation>Record:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/audit.py" line="86"/>
        <source>记录编号（uuid）</source>
        <translation>Record id (uuid)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/audit.py" line="90"/>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/audit.py" line="94"/>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/audit.py" line="122"/>
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/audit.py" line="179"/>
        <source>共 {0} 条，显示最新的 {1} 条（导出包含全部）</source>
        <translation>{0} entries, the newest {1} shown (the export holds them all)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/audit.py" line="184"/>
        <source>共 {0} 条</source>
        <translation>{0} entries</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/audit.py" line="204"/>
        <source>审计记录链：完整（共 {0} 条记录，未发现改动、删除或外来记录）</source>
        <translation>Audit chain: intact ({0} records; none changed, deleted or added from outside)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/audit.py" line="211"/>
        <source>审计记录链：第 {0} 条（{1}）被改动</source>
        <translation>Audit chain: record {0} ({1}) was changed</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/audit.py" line="213"/>
        <source>审计记录链：第 {0} 条（{1}）之前的记录被删除或改动</source>
        <translation>Audit chain: a record before record {0} ({1}) was deleted or changed</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/audit.py" line="217"/>
        <source>审计记录链：第 {0} 条（{1}）不在记录链上（从程序外加入）</source>
        <translation>Audit chain: record {0} ({1}) is not on the chain (added from outside the program)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/audit.py" line="232"/>
        <source>导出审计记录</source>
        <translation>Export the audit trail</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/audit.py" line="233"/>
        <source>审计记录-{0}.xlsx</source>
        <translation>audit-{0}.xlsx</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/audit.py" line="234"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/audit.py" line="246"/>
        <source>已导出 {0} 条审计记录（已脱敏）：{1}</source>
        <translation>Exported {0} audit entries (masked): {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/audit.py" line="251"/>
        <source>正在导出审计记录</source>
        <translation>Exporting the audit trail</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <location filename="../../app/ui/models/backup_model.py" line="17"/>
        <source>手动</source>
        <translation>Manual</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/backup_model.py" line="18"/>
        <source>每日自动</source>
        <translation>Daily</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/backup_model.py" line="19"/>
        <source>导入前</source>
        <translation>Before import</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/backup_model.py" line="20"/>
        <source>升级前</source>
        <translation>Before upgrade</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/backup_model.py" line="21"/>
        <source>恢复前（原数据库）</source>
        <translation>Before restore (the database replaced)</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/backup_model.py" line="22"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../app/ui/backup_dialog.py" line="47"/>
        <location filename="../../app/ui/backup_dialog.py" line="199"/>
        <source>备份与恢复</source>
        <translation>Backup and restore</translation>
    </message>
    <message>
        <location filename="../../app/ui/backup_dialog.py" line="53"/>
        <source>GridDesk 每天第一次打开时、每次导入名单或数据包之前、升级和恢复之前自动备份，每份备份都经过检查。备份保存在数据文件夹的 backups 中：最近 7 天的全部保留，之前每周保留一份（8 周）、每月保留一份（一年）。</source>
        <translation>GridDesk backs up by itself when first opened each day, before every roster or package import, and before an upgrade or a restore; every backup is checked. Backups are kept in the data folder&apos;s backups folder: all from the last 7 days, then one a week (8 weeks) and one a month (a year).</translation>
    </message>
    <message>
        <location filename="../../app/ui/backup_dialog.py" line="81"/>
        <source>暂无备份。点击“立即备份”做第一份备份。</source>
        <translation>No backups yet. Click &quot;Back up now&quot; to make the first one.</translation>
    </message>
    <message>
        <location filename="../../app/ui/backup_dialog.py" line="90"/>
        <source>立即备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <location filename="../../app/ui/backup_dialog.py" line="92"/>
        <source>备份到其他位置（U盘）…</source>
        <translation>Back up elsewhere (USB stick)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/backup_dialog.py" line="94"/>
        <source>恢复所选…</source>
        <translation>Restore selected…</translation>
    </message>
    <message>
        <location filename="../../app/ui/backup_dialog.py" line="96"/>
        <source>打开备份文件夹</source>
        <translation>Open backups folder</translation>
    </message>
    <message>
        <location filename="../../app/ui/backup_dialog.py" line="100"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/ui/backup_dialog.py" line="125"/>
        <source>本机构的数据库在 PostgreSQL 服务器上：备份和恢复由服务器管理员用 pg_dump / pg_restore 完成，不在这里进行。</source>
        <translation>This office&apos;s database is on a PostgreSQL server: the server&apos;s administrator backs it up and restores it with pg_dump / pg_restore, not here.</translation>
    </message>
    <message>
        <location filename="../../app/ui/backup_dialog.py" line="137"/>
        <source>今天的自动备份没有完成：{0}</source>
        <translation>Today&apos;s automatic backup did not complete: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/backup_dialog.py" line="170"/>
        <source>正在备份…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <location filename="../../app/ui/backup_dialog.py" line="171"/>
        <source>备份数据库</source>
        <translation>Back up the database</translation>
    </message>
    <message>
        <location filename="../../app/ui/backup_dialog.py" line="177"/>
        <source>选择保存备份的文件夹（如 U 盘）</source>
        <translation>Choose a folder for the backup (e.g. on a USB stick)</translation>
    </message>
    <message>
        <location filename="../../app/ui/backup_dialog.py" line="183"/>
        <source>已备份并检查通过：{0}，居民 {1} 人，{2} 户。</source>
        <translation>Backed up and checked: {0}; residents: {1}, households: {2}.</translation>
    </message>
    <message>
        <location filename="../../app/ui/backup_dialog.py" line="187"/>
        <source>已复制到 {0}</source>
        <translation>Copied to {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/backup_dialog.py" line="214"/>
        <source>不能恢复</source>
        <translation>Cannot restore</translation>
    </message>
    <message>
        <location filename="../../app/ui/backup_dialog.py" line="216"/>
        <source>{0} 的这份备份没有通过检查（是恢复前另存的、已损坏的数据库），不能恢复。请选择一份检查结果为“正常”的备份。</source>
        <translation>The backup of {0} did not pass its check (it is a damaged database set aside before a restore) and cannot be restored. Choose a backup whose check says &quot;OK&quot;.</translation>
    </message>
    <message>
        <location filename="../../app/ui/backup_dialog.py" line="223"/>
        <location filename="../../app/ui/backup_dialog.py" line="266"/>
        <source>恢复备份</source>
        <translation>Restore backup</translation>
    </message>
    <message>
        <location filename="../../app/ui/backup_dialog.py" line="225"/>
        <source>从 {0} 的备份恢复吗？
该备份有居民 {1} 人、{2} 户。

当前的数据库会先另存一份（列在这里，原因为“恢复前”）；备份之后录入的内容需要重新录入。恢复后 GridDesk 会关闭，请再次打开。</source>
        <translation>Restore the backup of {0}?
It holds residents: {1}, households: {2}.

The current database is set aside first (listed here with the reason &quot;Before restore&quot;); anything entered after the backup must be entered again. GridDesk closes after the restore; open it again.</translation>
    </message>
    <message>
        <location filename="../../app/ui/backup_dialog.py" line="265"/>
        <source>正在恢复…</source>
        <translation>Restoring…</translation>
    </message>
    <message>
        <location filename="../../app/ui/backup_dialog.py" line="272"/>
        <source>恢复完成</source>
        <translation>Restore complete</translation>
    </message>
    <message>
        <location filename="../../app/ui/backup_dialog.py" line="274"/>
        <source>已恢复备份：居民 {0} 人、{1} 户，检查正常。
恢复前的数据库已另存为：
{2}

GridDesk 现在关闭，请再次打开。</source>
        <translation>Backup restored: residents: {0}, households: {1}; checked OK.
The database from before the restore was set aside as:
{2}

GridDesk now closes; open it again.</translation>
    </message>
</context>
<context>
    <name>BackupModel</name>
    <message>
        <location filename="../../app/ui/models/backup_model.py" line="47"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/backup_model.py" line="48"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/backup_model.py" line="49"/>
        <source>居民</source>
        <translation>Residents</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/backup_model.py" line="50"/>
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/backup_model.py" line="51"/>
        <source>检查结果</source>
        <translation>Check</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/backup_model.py" line="64"/>
        <source>正常</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/backup_model.py" line="66"/>
        <source>未通过（已损坏）</source>
        <translation>Failed (damaged)</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/backup_model.py" line="67"/>
        <source>未检查</source>
        <translation>Not checked</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/backup_model.py" line="76"/>
        <source>{0:.1f} MB</source>
        <translation>{0:.1f} MB</translation>
    </message>
</context>
<context>
    <name>BuildingModel</name>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="55"/>
        <source>楼栋</source>
        <translation>Building</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="56"/>
        <source>单元</source>
        <translation>Units</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="57"/>
        <source>层数</source>
        <translation>Floors</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="58"/>
        <source>住户</source>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="59"/>
        <source>所属网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="60"/>
        <source>住户分布</source>
        <translation>Households by grid</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="61"/>
        <source>未分网格</source>
        <translation>No grid</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="66"/>
        <source>{0}栋</source>
        <translation>Building {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="74"/>
        <source>（未分）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="76"/>
        <source>未分</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="78"/>
        <source>{0} 户</source>
        <translation>{0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="90"/>
        <source>这栋楼的住户分在不同网格（或有未分网格的住户）</source>
        <translation>The households in this building are in different grids (or some have no grid)</translation>
    </message>
</context>
<context>
    <name>CallbackDialog</name>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="584"/>
        <source>回访</source>
        <translation>Callback</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="584"/>
        <source>记录回访</source>
        <translation>Record callback</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="588"/>
        <source>满意(&amp;Y)</source>
        <translation>Satisfied (&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="589"/>
        <source>不满意(&amp;N)</source>
        <translation>Not satisfied (&amp;N)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="593"/>
        <source>回访结果</source>
        <translation>Callback result</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="597"/>
        <source>办理结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="599"/>
        <source>居民的意见（可不填）</source>
        <translation>What the resident said (optional)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="600"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="606"/>
        <source>请选择居民是否满意。</source>
        <translation>Choose whether the resident was satisfied.</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../app/ui/user_menu.py" line="70"/>
        <source>修改我的密码</source>
        <translation>Change my password</translation>
    </message>
    <message>
        <location filename="../../app/ui/user_menu.py" line="73"/>
        <source>用户：{0}</source>
        <translation>User: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/user_menu.py" line="77"/>
        <source>至少 8 位</source>
        <translation>at least 8 characters</translation>
    </message>
    <message>
        <location filename="../../app/ui/user_menu.py" line="79"/>
        <source>原密码：</source>
        <translation>Current password:</translation>
    </message>
    <message>
        <location filename="../../app/ui/user_menu.py" line="80"/>
        <source>新密码：</source>
        <translation>New password:</translation>
    </message>
    <message>
        <location filename="../../app/ui/user_menu.py" line="81"/>
        <source>再输入一次：</source>
        <translation>Again:</translation>
    </message>
    <message>
        <location filename="../../app/ui/user_menu.py" line="86"/>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <location filename="../../app/ui/user_menu.py" line="87"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/user_menu.py" line="99"/>
        <source>两次输入的密码不一样。</source>
        <translation>The two passwords differ.</translation>
    </message>
    <message>
        <location filename="../../app/ui/user_menu.py" line="125"/>
        <source>密码已修改。</source>
        <translation>Password changed.</translation>
    </message>
</context>
<context>
    <name>CloseActionDialog</name>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="708"/>
        <source>办结待办事项</source>
        <translation>Close action item</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="714"/>
        <source>事项：{0}
责任人：{1}&#x3000;完成时限：{2}</source>
        <translation>Action item: {0}
Owner: {1}    Due: {2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="724"/>
        <source>做了什么、结果如何（必填）</source>
        <translation>What was done and the result (required)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="729"/>
        <source>不再执行（取消此事项，写明原因）</source>
        <translation>No longer needed (cancel this item and give the reason)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="730"/>
        <source>办理情况</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="731"/>
        <source>办结日期</source>
        <translation>Date closed</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="735"/>
        <location filename="../../app/ui/pages/meeting_editor.py" line="740"/>
        <source>办结</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="736"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="740"/>
        <source>取消事项</source>
        <translation>Cancel item</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="748"/>
        <source>请写明办理情况（做了什么）。</source>
        <translation>Please describe the outcome (what was done).</translation>
    </message>
</context>
<context>
    <name>CodeChangeDialog</name>
    <message>
        <location filename="../../app/ui/pages/office_profile.py" line="238"/>
        <source>更改机构代码</source>
        <translation>Change office code</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/office_profile.py" line="245"/>
        <source>机构代码是本机构在数据交换中的身份，只能在设置时填错、且尚未与对方登记公钥或交换数据包时更正。</source>
        <translation>The office code is this office&apos;s identity in data exchange. It can only be corrected if it was entered wrongly at setup and no public key or package has been exchanged yet.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/office_profile.py" line="254"/>
        <source>新的机构代码：</source>
        <translation>New office code:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/office_profile.py" line="257"/>
        <source>所属街道办代码，如 420106001</source>
        <translation>Code of its street office, e.g. 420106001</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/office_profile.py" line="259"/>
        <source>上级街道代码：</source>
        <translation>Street office code:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/office_profile.py" line="264"/>
        <source>我已了解以上后果，确认更改机构代码</source>
        <translation>I understand the consequences above; change the office code</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/office_profile.py" line="268"/>
        <source>更改</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/office_profile.py" line="271"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/office_profile.py" line="299"/>
        <source>机构代码为{0}位数字。</source>
        <translation>The office code has {0} digits.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/office_profile.py" line="308"/>
        <source>请输入新的代码。</source>
        <translation>Enter the new code.</translation>
    </message>
</context>
<context>
    <name>CommunitiesModel</name>
    <message>
        <location filename="../../app/ui/models/street_model.py" line="44"/>
        <source>社区</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/street_model.py" line="45"/>
        <source>最近
数据包</source>
        <translation>Latest
package</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/street_model.py" line="46"/>
        <source>距今</source>
        <translation>Age</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/street_model.py" line="47"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/street_model.py" line="48"/>
        <source>住户</source>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/street_model.py" line="49"/>
        <source>在住居民</source>
        <translation>Current residents</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/street_model.py" line="50"/>
        <source>重点人群</source>
        <translation>Vulnerable people</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/street_model.py" line="51"/>
        <source>库存
品种</source>
        <translation>Stock
items</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/street_model.py" line="52"/>
        <source>进行中发放
（已签收户）</source>
        <translation>Open distributions
(households signed off)</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/street_model.py" line="53"/>
        <source>缺口</source>
        <translation>Shortfall</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/street_model.py" line="54"/>
        <source>未办结
待办</source>
        <translation>Open
action items</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/street_model.py" line="55"/>
        <source>诉求未办结
（超期）</source>
        <translation>Open requests
(overdue)</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/street_model.py" line="173"/>
        <source>收到 {0} 件，已办结 {1} 件（按期 {2} 件），回访满意 {3}/{4}</source>
        <translation>Received {0}, done {1} ({2} on time), satisfied at callback {3}/{4}</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/street_model.py" line="182"/>
        <source>{0}：未办结 {1}，超期 {2}</source>
        <translation>{0}: {1} open, {2} overdue</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/street_model.py" line="65"/>
        <source>第 {0} 号</source>
        <translation>No. {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/street_model.py" line="56"/>
        <source>随访</source>
        <translation>Visits</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/street_model.py" line="68"/>
        <source>尚未收到</source>
        <translation>None received yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/street_model.py" line="71"/>
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/street_model.py" line="71"/>
        <source>正常</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/street_model.py" line="82"/>
        <source>{0}（缺 {1}）</source>
        <translation>{0} ({1} out of stock)</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/street_model.py" line="85"/>
        <source>{0} 项（{1} 户）</source>
        <translation>{0} ({1} households)</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/street_model.py" line="92"/>
        <source>{0} 户待领</source>
        <translation>{0} households waiting</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/street_model.py" line="93"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/street_model.py" line="96"/>
        <source>{0} 缺 {1}{2}</source>
        <translation>{0} short {1} {2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/street_model.py" line="99"/>
        <source>{0} 项缺口（{1} 户待领）</source>
        <translation>{0} items short ({1} households waiting)</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/street_model.py" line="104"/>
        <source>{0}（逾期 {1}）</source>
        <translation>{0} ({1} overdue)</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/street_model.py" line="110"/>
        <source>{0}（超期 {1}）</source>
        <translation>{0} ({1} overdue)</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/street_model.py" line="117"/>
        <source>无计划</source>
        <translation>No plans</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/street_model.py" line="118"/>
        <source>今日 {0}/{1} · 漏访 {2} · 需帮助 {3}</source>
        <translation>Today {0}/{1} · missed {2} · needs help {3}</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/street_model.py" line="141"/>
        <source>机构代码 {0}</source>
        <translation>Organisation code {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/street_model.py" line="143"/>
        <source>数据包生成于 {0}</source>
        <translation>Package made at {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/street_model.py" line="146"/>
        <location filename="../../app/ui/models/street_model.py" line="152"/>
        <source>{0}：{1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/street_model.py" line="157"/>
        <source>{0}：缺 {1}{2}（待发 {3}，库存 {4}；{5} 户待领）</source>
        <translation>{0}: short {1} {2} (to hand out {3}, in stock {4}; {5} households waiting)</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/street_model.py" line="159"/>
        <source>{0}：库存够发（待发 {3}，库存 {4}；{5} 户待领）</source>
        <translation>{0}: enough in stock (to hand out {3}, in stock {4}; {5} households waiting)</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/street_model.py" line="191"/>
        <source>执行中的随访计划 {0} 项</source>
        <translation>Visit plans in force: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/street_model.py" line="192"/>
        <source>今日应随访 {0} 人次，已记录 {1} 人次</source>
        <translation>Visits due today: {0}; recorded: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/street_model.py" line="195"/>
        <source>漏访：近 {0} 天已过时间、未记录的随访 {1} 人次</source>
        <translation>Missed: {1} visits in the last {0} days past their time and not recorded</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/street_model.py" line="198"/>
        <source>需帮助：近 {0} 天随访发现需要帮助 {1} 人次</source>
        <translation>Needs help: {1} visits in the last {0} days found someone needing help</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/street_model.py" line="201"/>
        <source>各社区打开当日随访清单后才有当日的随访；不含被随访人的任何信息。</source>
        <translation>A day&apos;s visits exist once the community has opened that day&apos;s visit list; nothing of who was visited.</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/street_model.py" line="206"/>
        <source>尚未收到数据包</source>
        <translation>No package received yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/street_model.py" line="207"/>
        <source>超过 {0} 小时未收到数据包</source>
        <translation>No package received for over {0} hours</translation>
    </message>
</context>
<context>
    <name>ConfirmDelete</name>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="68"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="72"/>
        <source>删除 {0}？
删除后可在审计记录中查到。请填写原因：</source>
        <translation>Delete {0}?
The deletion can be looked up in the audit log. Please give the reason:</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="75"/>
        <source>已迁出</source>
        <translation>Moved out</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="81"/>
        <source>请填写删除原因。</source>
        <translation>Please give the reason for deleting.</translation>
    </message>
</context>
<context>
    <name>CoverageChart</name>
    <message>
        <location filename="../../app/ui/pages/grids/coverage_chart.py" line="35"/>
        <source>各网格每名在岗人员服务的居民数</source>
        <translation>Residents per on-duty worker, by grid</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/coverage_chart.py" line="50"/>
        <location filename="../../app/ui/pages/grids/coverage_chart.py" line="57"/>
        <location filename="../../app/ui/pages/grids/coverage_chart.py" line="140"/>
        <source>无人在岗</source>
        <translation>Nobody on duty</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/coverage_chart.py" line="50"/>
        <source>每人 {0} 人</source>
        <translation>{0} residents per worker</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/coverage_chart.py" line="52"/>
        <source>（人手不足）</source>
        <translation> (understaffed)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/coverage_chart.py" line="57"/>
        <location filename="../../app/ui/pages/grids/coverage_chart.py" line="140"/>
        <source>{0} 人/人</source>
        <translation>{0} per worker</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/coverage_chart.py" line="58"/>
        <location filename="../../app/ui/pages/grids/coverage_chart.py" line="143"/>
        <source> · 人手不足</source>
        <translation> · understaffed</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/coverage_chart.py" line="97"/>
        <source>还没有网格：在“网格划分”中新增网格。</source>
        <translation>No grids yet: add grids under &quot;Grid layout&quot;.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/coverage_chart.py" line="109"/>
        <source>上限 {0} 人/人</source>
        <translation>Limit {0} per worker</translation>
    </message>
</context>
<context>
    <name>CoverageModel</name>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="421"/>
        <source>编号</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="422"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="423"/>
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="424"/>
        <source>居民</source>
        <translation>Residents</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="425"/>
        <source>重点人群</source>
        <translation>Vulnerable residents</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="426"/>
        <source>在岗人员</source>
        <translation>On-duty workers</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="427"/>
        <source>每人服务居民</source>
        <translation>Residents per worker</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="428"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="446"/>
        <source>无人在岗</source>
        <translation>Nobody on duty</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="448"/>
        <source>正常</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="450"/>
        <source>人手不足：无人在岗</source>
        <translation>Understaffed: nobody on duty</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="451"/>
        <source>人手不足：超过 {0} 人/人</source>
        <translation>Understaffed: over {0} per worker</translation>
    </message>
</context>
<context>
    <name>CoverageSection</name>
    <message>
        <location filename="../../app/ui/pages/grids/coverage.py" line="137"/>
        <source>网格覆盖</source>
        <translation>Grid coverage</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/coverage.py" line="156"/>
        <source>还没有网格。在“网格”页新增网格并分配楼栋。</source>
        <translation>No grids yet. Add grids and assign buildings on the Grids page.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/coverage.py" line="160"/>
        <source>{0} 个网格，人手不足 {1} 个；未分网格的住户 {2} 户；今日未到岗 {3} 人次</source>
        <translation>Grids: {0}, understaffed: {1}; households without a grid: {2}; absences today: {3}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/coverage.py" line="165"/>
        <source>人手不足：</source>
        <translation>Understaffed: </translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/coverage.py" line="166"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/coverage.py" line="167"/>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/coverage.py" line="169"/>
        <source>无人在岗</source>
        <translation>Nobody on duty</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/coverage.py" line="171"/>
        <source>每人 {0} 人</source>
        <translation>{0} residents per worker</translation>
    </message>
</context>
<context>
    <name>CoverageTab</name>
    <message>
        <location filename="../../app/ui/pages/grids/coverage.py" line="47"/>
        <source>每名在岗人员服务居民超过</source>
        <translation>Understaffed: more than</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/coverage.py" line="51"/>
        <source> 人</source>
        <translation> residents</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/coverage.py" line="53"/>
        <source>即标为人手不足</source>
        <translation>per on-duty worker</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/coverage.py" line="54"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/coverage.py" line="58"/>
        <source>打印各网格联系表</source>
        <translation>Print all contact sheets</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/coverage.py" line="98"/>
        <source>{0} 个网格，居民 {1} 人，在岗人员 {2} 人；人手不足的网格 {3} 个</source>
        <translation>Grids: {0}, residents: {1}, on-duty workers: {2}; understaffed grids: {3}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/coverage.py" line="103"/>
        <source>：{0}</source>
        <translation>: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/coverage.py" line="104"/>
        <source>。未分网格的住户 {0} 户（{1} 人）。</source>
        <translation>. Households without a grid: {0} ({1} people).</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/coverage.py" line="117"/>
        <source>保存上限</source>
        <translation>Save limit</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/coverage.py" line="125"/>
        <source>网格联系表</source>
        <translation>Grid contact sheet</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/coverage.py" line="126"/>
        <source>网格联系表.pdf</source>
        <translation>Grid contact sheets.pdf</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../app/ui/crash.py" line="32"/>
        <source>程序错误</source>
        <translation>Program error</translation>
    </message>
    <message>
        <location filename="../../app/ui/crash.py" line="35"/>
        <source>（日志不可用）</source>
        <translation>(log unavailable)</translation>
    </message>
    <message>
        <location filename="../../app/ui/crash.py" line="38"/>
        <source>GridDesk 遇到了一个程序错误。已保存的数据不受影响；未完成的操作已撤销。
错误详情已写入日志：{0}
请把日志文件交给技术支持。</source>
        <translation>GridDesk ran into a program error. Saved data is not affected; the unfinished operation was undone.
The details were written to the log: {0}
Please pass the log file to technical support.</translation>
    </message>
    <message>
        <location filename="../../app/ui/crash.py" line="49"/>
        <source>复制详情</source>
        <translation>Copy details</translation>
    </message>
</context>
<context>
    <name>DbOperation</name>
    <message>
        <location filename="../../app/ui/operations.py" line="223"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/operations.py" line="241"/>
        <source>正在取消，撤销已做的更改…</source>
        <translation>Cancelling, undoing the changes made so far…</translation>
    </message>
    <message>
        <location filename="../../app/ui/operations.py" line="256"/>
        <source>{0}：{1}</source>
        <translation>{0}: {1}</translation>
    </message>
</context>
<context>
    <name>DeliveryDialog</name>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="621"/>
        <source>转为发放</source>
        <translation>To delivery</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="633"/>
        <source>发放</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="634"/>
        <source>按这次发放的份额和规则发给这一户，并记入物资台账。</source>
        <translation>The household receives its share under this campaign&apos;s rules; the supplies ledger records it.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="642"/>
        <source>没有进行中的发放：请先在“物资”页新建发放。</source>
        <translation>No campaign under way: start one on the Supplies page first.</translation>
    </message>
</context>
<context>
    <name>DirectivesPanel</name>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="92"/>
        <source>通知、任务和物资调拨随回传包发给社区；社区的完成情况和到货数量随社区的数据包报回。</source>
        <translation>Notices, tasks and supply allocations are sent to communities in return packages; communities report completion and quantities received in their packages.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="96"/>
        <source>街道办的通知、任务和物资调拨随回传包到达本社区。完成任务、确认到货后，随下一次数据包报街道办。</source>
        <translation>Notices, tasks and supply allocations from the street office arrive in return packages. Once you complete a task or confirm receipt, it is reported to the street office in the next package.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="187"/>
        <location filename="../../app/ui/pages/directives.py" line="601"/>
        <location filename="../../app/ui/pages/directives.py" line="610"/>
        <source>撤销</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="190"/>
        <source>写出回传包…</source>
        <translation>Write return packages…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="192"/>
        <source>为每个有新事项的社区写出一个回传包，存到U盘等文件夹</source>
        <translation>Write one return package for each community with new items, saved to a folder such as a USB stick</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="197"/>
        <location filename="../../app/ui/pages/directives.py" line="620"/>
        <location filename="../../app/ui/pages/directives.py" line="628"/>
        <source>完成</source>
        <translation>Complete</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="199"/>
        <location filename="../../app/ui/pages/directives.py" line="638"/>
        <location filename="../../app/ui/pages/directives.py" line="651"/>
        <source>确认到货</source>
        <translation>Confirm receipt</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="201"/>
        <source>撤回回复</source>
        <translation>Take back answer</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="203"/>
        <source>误点完成、到货数量填错时，撤回本社区的登记（须写明原因），可重新登记</source>
        <translation>Take back this community&apos;s answer when it was recorded by mistake (wrong task, wrong quantity); a reason is required, and it can be answered again</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="209"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="135"/>
        <source>编号</source>
        <translation>Ref.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="136"/>
        <location filename="../../app/ui/pages/directives.py" line="234"/>
        <source>类别</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="137"/>
        <location filename="../../app/ui/pages/directives.py" line="238"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="138"/>
        <source>收件方</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="138"/>
        <location filename="../../app/ui/pages/directives.py" line="139"/>
        <source>期限 / 数量</source>
        <translation>Deadline / quantity</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="139"/>
        <source>下发时间</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="140"/>
        <location filename="../../app/ui/pages/directives.py" line="168"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="145"/>
        <source>暂无事项。在上方填写并点击“下发”，随下一次回传包发给社区。</source>
        <translation>No items yet. Fill in the form above and click &quot;Issue&quot;; it will be sent to communities in the next return package.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="147"/>
        <source>暂未收到街道办的事项。导入街道办的回传包后在此显示。</source>
        <translation>No items from the street office yet. They will appear here once you import a return package from the street office.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="166"/>
        <source>社区</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="167"/>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="169"/>
        <source>登记时间</source>
        <translation>Recorded</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="170"/>
        <source>到货数量</source>
        <translation>Quantity received</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="171"/>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="217"/>
        <source>下发新事项</source>
        <translation>Issue new item</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="223"/>
        <location filename="../../app/ui/pages/directives.py" line="376"/>
        <source>通知</source>
        <translation>Notice</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="224"/>
        <location filename="../../app/ui/pages/directives.py" line="377"/>
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="225"/>
        <location filename="../../app/ui/pages/directives.py" line="378"/>
        <source>物资调拨</source>
        <translation>Supply allocation</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="230"/>
        <source>发给</source>
        <translation>Send to</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="237"/>
        <location filename="../../app/ui/pages/directives.py" line="297"/>
        <source>如：明日全员核酸检测安排</source>
        <translation>e.g. Arrangements for tomorrow&apos;s mass PCR testing</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="240"/>
        <source>通知正文，或任务要做什么</source>
        <translation>Text of the notice, or what the task involves</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="243"/>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="253"/>
        <source>网格 / 区域</source>
        <translation>Grid / area</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="256"/>
        <source>可不填</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="258"/>
        <source>完成期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="265"/>
        <source>如：N95口罩</source>
        <translation>e.g. N95 masks</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="267"/>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="272"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="273"/>
        <source>个</source>
        <translation>pcs</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="277"/>
        <source>物资</source>
        <translation>Supplies</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="283"/>
        <location filename="../../app/ui/pages/directives.py" line="337"/>
        <source>下发</source>
        <translation>Issue</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="299"/>
        <source>可不填，默认取内容开头</source>
        <translation>Optional; defaults to the start of the content</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="301"/>
        <source>可不填，默认为“调拨 物资 数量”</source>
        <translation>Optional; defaults to &quot;Allocation item quantity&quot;</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="327"/>
        <source>已登记“{0}”，随下一次回传包发出。</source>
        <translation>&quot;{0}&quot; recorded; it will be sent in the next return package.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="365"/>
        <source>待发出</source>
        <translation>To be sent</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="366"/>
        <source>已发出</source>
        <translation>Sent</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="367"/>
        <source>已签收</source>
        <translation>Signed off</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="367"/>
        <source>已收到</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="368"/>
        <source>待办</source>
        <translation>Action item</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="369"/>
        <source>已完成</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="370"/>
        <source>已到货</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="371"/>
        <source>已撤销</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="385"/>
        <source>{0} 前</source>
        <translation>By {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="396"/>
        <source>{0} {1}</source>
        <translation>{0} {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="407"/>
        <location filename="../../app/ui/pages/directives.py" line="417"/>
        <source>全部社区</source>
        <translation>All communities</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="441"/>
        <source>已下发事项（共 {0} 条）</source>
        <translation>Issued items ({0} in total)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="443"/>
        <source>收到的事项（共 {0} 条，待办 {1} 条）</source>
        <translation>Received items ({0} in total, {1} to do)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="471"/>
        <source>{0}：{1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="477"/>
        <source>完成期限 {0}</source>
        <translation>Deadline {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="479"/>
        <source>网格 / 区域：{0}</source>
        <translation>Grid / area: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="484"/>
        <source>调拨物资：{0}，数量 {1}{2}</source>
        <translation>Allocated supplies: {0}, quantity {1} {2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="489"/>
        <source>货到后核对实际数量，点击“确认到货”，即记入本社区库存（来源：街道调拨）。</source>
        <translation>When the goods arrive, check the actual quantity and click &quot;Confirm receipt&quot; to add it to this community&apos;s stock (source: street allocation).</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="493"/>
        <source>完成后点击“完成”，可写明完成情况。</source>
        <translation>When finished, click &quot;Complete&quot;; you can add a note on how it went.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="495"/>
        <source>下发时间 {0}，编号 {1}</source>
        <translation>Issued {0}, ref. {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="500"/>
        <source>，到货 {0}{1}</source>
        <translation>, received {0} {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="504"/>
        <source>，备注：{0}</source>
        <translation>, note: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="506"/>
        <source>本社区于 {0} 登记{1}{2}{3}</source>
        <translation>Recorded by this community at {0}: {1}{2}{3}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="515"/>
        <source>登记有误（误点、数量填错）可点击“撤回回复”，写明原因后重新登记。</source>
        <translation>Recorded by mistake (wrong task, wrong quantity)? Click &quot;Take back answer&quot;, give the reason, then record it again.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="567"/>
        <source>回传包存到哪个文件夹（U盘）</source>
        <translation>Folder to save return packages to (USB stick)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="578"/>
        <source>{0}：{1}（{2}）</source>
        <translation>{0}: {1} ({2})</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="582"/>
        <source>已写出 {0} 个回传包到 {1}：
{2}</source>
        <translation>Wrote {0} return package(s) to {1}:
{2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="590"/>
        <source>写出回传包</source>
        <translation>Write return packages</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="602"/>
        <source>撤销“{0}”？撤销随下一次回传包通知社区。</source>
        <translation>Cancel &quot;{0}&quot;? The community will be notified of the cancellation in the next return package.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="621"/>
        <source>任务“{0}”已完成。备注（可不填）：</source>
        <translation>Task &quot;{0}&quot; completed. Note (optional):</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="639"/>
        <source>“{0}”实际到货数量（{1}），将记入库存：</source>
        <translation>Actual quantity of &quot;{0}&quot; received ({1}), to be added to stock:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="669"/>
        <source>已撤回“{0}”的到货登记，库存冲减 {1}{2}{3}（现有 {4}{2}），可重新确认到货。</source>
        <translation>The arrival of &quot;{0}&quot; was taken back: stock reduced by {1}{2} {3} (now {4}{2}); the arrival can be confirmed again.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="673"/>
        <source>已撤回任务“{0}”的完成登记，可重新登记完成。</source>
        <translation>The completion of task &quot;{0}&quot; was taken back; it can be completed again.</translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <location filename="../../app/ui/duplicates_dialog.py" line="57"/>
        <location filename="../../app/ui/duplicates_dialog.py" line="131"/>
        <location filename="../../app/ui/duplicates_dialog.py" line="138"/>
        <source>查找重复登记</source>
        <translation>Find duplicate records</translation>
    </message>
    <message>
        <location filename="../../app/ui/duplicates_dialog.py" line="61"/>
        <source>疑似重复</source>
        <translation>Possible duplicates</translation>
    </message>
    <message>
        <location filename="../../app/ui/duplicates_dialog.py" line="65"/>
        <source>类别：</source>
        <translation>Type:</translation>
    </message>
    <message>
        <location filename="../../app/ui/duplicates_dialog.py" line="67"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../app/ui/duplicates_dialog.py" line="68"/>
        <location filename="../../app/ui/duplicates_dialog.py" line="163"/>
        <source>身份证号相同</source>
        <translation>Same ID card no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/duplicates_dialog.py" line="69"/>
        <location filename="../../app/ui/duplicates_dialog.py" line="164"/>
        <source>同名同生日</source>
        <translation>Same name and date of birth</translation>
    </message>
    <message>
        <location filename="../../app/ui/duplicates_dialog.py" line="70"/>
        <location filename="../../app/ui/duplicates_dialog.py" line="165"/>
        <source>电话相同</source>
        <translation>Same phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/duplicates_dialog.py" line="78"/>
        <source>逐组核对：是同一人就“合并”（保留所选那条，另一条注销并记录原因）；不是同一人就“都保留”（以后不再提示）；有一条填错就“更正”。标 ≠ 的是不同之处。</source>
        <translation>Check each group: if it is the same person, &quot;Merge&quot; (the selected record is kept; the other is closed with the reason recorded); if not, &quot;Keep both&quot; (you will not be asked again); if one record was entered wrongly, &quot;Correct&quot; it. Differences are marked ≠.</translation>
    </message>
    <message>
        <location filename="../../app/ui/duplicates_dialog.py" line="104"/>
        <source>合并到所选记录…</source>
        <translation>Merge into selected record…</translation>
    </message>
    <message>
        <location filename="../../app/ui/duplicates_dialog.py" line="105"/>
        <source>是同一人：保留所选的那一列，其余并入并注销</source>
        <translation>Same person: keep the selected column; the others are merged into it and closed</translation>
    </message>
    <message>
        <location filename="../../app/ui/duplicates_dialog.py" line="106"/>
        <source>都保留（不是同一人）</source>
        <translation>Keep both (not the same person)</translation>
    </message>
    <message>
        <location filename="../../app/ui/duplicates_dialog.py" line="107"/>
        <source>更正所选记录…</source>
        <translation>Correct selected record…</translation>
    </message>
    <message>
        <location filename="../../app/ui/duplicates_dialog.py" line="108"/>
        <source>打开所在户</source>
        <translation>Open household</translation>
    </message>
    <message>
        <location filename="../../app/ui/duplicates_dialog.py" line="112"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/ui/duplicates_dialog.py" line="149"/>
        <source>共 {0} 组{1}</source>
        <translation>Groups: {0}{1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/duplicates_dialog.py" line="150"/>
        <source>（先处理这些，其余随后列出）</source>
        <translation> (deal with these first; the rest will be listed afterwards)</translation>
    </message>
    <message>
        <location filename="../../app/ui/duplicates_dialog.py" line="153"/>
        <source>没有发现疑似重复的登记。</source>
        <translation>No possible duplicates found.</translation>
    </message>
    <message>
        <location filename="../../app/ui/duplicates_dialog.py" line="171"/>
        <source>{0} · {1} · {2} 条</source>
        <translation>{0} · {1} · {2} records</translation>
    </message>
    <message>
        <location filename="../../app/ui/duplicates_dialog.py" line="193"/>
        <source>记录 {0}（{1}）</source>
        <translation>Record {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../app/ui/duplicates_dialog.py" line="234"/>
        <source>（户主）</source>
        <translation> (head)</translation>
    </message>
    <message>
        <location filename="../../app/ui/duplicates_dialog.py" line="252"/>
        <source>{0}岁</source>
        <translation>age {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/duplicates_dialog.py" line="215"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/duplicates_dialog.py" line="216"/>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../app/ui/duplicates_dialog.py" line="217"/>
        <source>年龄</source>
        <translation>Age</translation>
    </message>
    <message>
        <location filename="../../app/ui/duplicates_dialog.py" line="218"/>
        <source>身份证号</source>
        <translation>ID card no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/duplicates_dialog.py" line="219"/>
        <source>其他证件号</source>
        <translation>Other ID no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/duplicates_dialog.py" line="220"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/duplicates_dialog.py" line="221"/>
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../app/ui/duplicates_dialog.py" line="222"/>
        <source>户号</source>
        <translation>Household no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/duplicates_dialog.py" line="223"/>
        <source>与户主关系</source>
        <translation>Relation to head</translation>
    </message>
    <message>
        <location filename="../../app/ui/duplicates_dialog.py" line="224"/>
        <source>户籍</source>
        <translation>Residency</translation>
    </message>
    <message>
        <location filename="../../app/ui/duplicates_dialog.py" line="225"/>
        <source>人员类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../app/ui/duplicates_dialog.py" line="226"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/duplicates_dialog.py" line="227"/>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../app/ui/duplicates_dialog.py" line="279"/>
        <location filename="../../app/ui/duplicates_dialog.py" line="300"/>
        <source>合并重复登记</source>
        <translation>Merge duplicate records</translation>
    </message>
    <message>
        <location filename="../../app/ui/duplicates_dialog.py" line="281"/>
        <source>保留 {0}（{1}）这一条，把 {2} 并入它？
并入的记录将注销，原因与去向记入变更记录。</source>
        <translation>Keep the record {0} ({1}) and merge {2} into it?
The merged records are closed; the reason and where they went are kept in the change history.</translation>
    </message>
    <message>
        <location filename="../../app/ui/duplicates_dialog.py" line="320"/>
        <source>都保留</source>
        <translation>Keep both</translation>
    </message>
    <message>
        <location filename="../../app/ui/duplicates_dialog.py" line="347"/>
        <source>更正</source>
        <translation>Correct</translation>
    </message>
</context>
<context>
    <name>DutyDialog</name>
    <message>
        <location filename="../../app/ui/pages/grids/duty_dialogs.py" line="44"/>
        <source>编辑任务</source>
        <translation>Edit task</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/duty_dialogs.py" line="44"/>
        <source>新增任务</source>
        <translation>New task</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/duty_dialogs.py" line="47"/>
        <source>如 北门卡点值守</source>
        <translation>e.g. North gate checkpoint</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/duty_dialogs.py" line="54"/>
        <source>（全社区）</source>
        <translation>(whole community)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/duty_dialogs.py" line="58"/>
        <source>任务名称</source>
        <translation>Task name</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/duty_dialogs.py" line="59"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/duty_dialogs.py" line="60"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/duty_dialogs.py" line="61"/>
        <source>地点</source>
        <translation>Place</translation>
    </message>
</context>
<context>
    <name>DutyKind</name>
    <message>
        <location filename="../../app/ui/labels.py" line="81"/>
        <source>卡点值守</source>
        <translation>Checkpoint</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="82"/>
        <source>上门走访</source>
        <translation>Home visits</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="83"/>
        <source>物资配送</source>
        <translation>Supply delivery</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="84"/>
        <source>检测协助</source>
        <translation>Testing support</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="85"/>
        <source>值班</source>
        <translation>On call</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="86"/>
        <source>巡查</source>
        <translation>Patrol</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="87"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
</context>
<context>
    <name>DutyTab</name>
    <message>
        <location filename="../../app/ui/pages/grids/duty.py" line="68"/>
        <source>签到 / 签退</source>
        <translation>Check in / out</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/duty.py" line="71"/>
        <source>扫描工作证条码，或输入编号后按回车（到岗签到，离岗再扫一次签退）</source>
        <translation>Scan the ID badge or type the ID and press Enter: once to check in, again to check out</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/duty.py" line="75"/>
        <source>等待扫描…</source>
        <translation>Waiting for a scan…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/duty.py" line="85"/>
        <source>班次</source>
        <translation>Shifts</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/duty.py" line="86"/>
        <source>◀ 前一天</source>
        <translation>◀ Previous day</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/duty.py" line="90"/>
        <source>后一天 ▶</source>
        <translation>Next day ▶</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/duty.py" line="92"/>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/duty.py" line="102"/>
        <source>新增任务</source>
        <translation>New task</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/duty.py" line="103"/>
        <source>编辑任务</source>
        <translation>Edit task</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/duty.py" line="105"/>
        <source>排班…</source>
        <translation>Schedule shifts…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/duty.py" line="106"/>
        <source>安排人员…</source>
        <translation>Assign people…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/duty.py" line="107"/>
        <location filename="../../app/ui/pages/grids/duty.py" line="342"/>
        <source>撤下人员</source>
        <translation>Remove people</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/duty.py" line="108"/>
        <location filename="../../app/ui/pages/grids/duty.py" line="350"/>
        <location filename="../../app/ui/pages/grids/duty.py" line="361"/>
        <source>删除班次</source>
        <translation>Delete shift</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/duty.py" line="120"/>
        <source>打印本周值班表</source>
        <translation>Print this week&apos;s duty roster</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/duty.py" line="208"/>
        <source>{0} 个班次，在岗 {1} 人</source>
        <translation>Shifts: {0}; on duty now: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/duty.py" line="213"/>
        <source> 等</source>
        <translation> and others</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/duty.py" line="214"/>
        <source>；未到 / 缺勤 {0} 人：{1}{2}</source>
        <translation>; not arrived or absent ({0}): {1}{2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/duty.py" line="217"/>
        <source>；没有未到的人</source>
        <translation>; everyone has arrived</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/duty.py" line="225"/>
        <source>还没有任务。点击“新增任务”登记卡点值守、上门走访等，再“排班…”。</source>
        <translation>No tasks yet. Click &quot;New task&quot; to add checkpoint duty, home visits and so on, then &quot;Schedule shifts…&quot;.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/duty.py" line="227"/>
        <source>还没有任务：由社区工作人员登记任务和排班。</source>
        <translation>No duties yet: the office staff record them and plan the shifts.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/duty.py" line="231"/>
        <source>这一天没有班次。点击“排班…”安排。</source>
        <translation>No shifts on this day. Click &quot;Schedule shifts…&quot; to add some.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/duty.py" line="233"/>
        <source>这一天没有班次。</source>
        <translation>No shifts on this day.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/duty.py" line="296"/>
        <source>✘ 未签到：{0}</source>
        <translation>✘ Not checked in: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/duty.py" line="351"/>
        <source>删除班次“{0}”？已排的人员一并撤下。</source>
        <translation>Delete shift &quot;{0}&quot;? The people assigned to it are removed too.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/duty.py" line="370"/>
        <source>一周值班表</source>
        <translation>Weekly duty roster</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/duty.py" line="371"/>
        <source>值班表-{0}.pdf</source>
        <translation>Duty roster-{0}.pdf</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="129"/>
        <source>登记社区</source>
        <translation>Enrol community</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="129"/>
        <source>信任街道办</source>
        <translation>Trust street office</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="130"/>
        <source>{0}：核对指纹</source>
        <translation>{0}: verify fingerprint</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="136"/>
        <source>请当面把下面的指纹与对方电脑“数据交换”页上显示的指纹逐组核对。只有完全一致才能登记：不一致说明文件不是对方的，切勿登记。</source>
        <translation>In person, check the fingerprint below group by group against the one shown on the &quot;Data exchange&quot; page of the other computer. Enrol only if they match exactly: a mismatch means the file is not theirs, so do not enrol it.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="144"/>
        <source>社区</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="144"/>
        <source>街道办</source>
        <translation>Street office</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="147"/>
        <source>机构名称：</source>
        <translation>Organisation name:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="148"/>
        <source>机构代码：</source>
        <translation>Organisation code:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="149"/>
        <source>类型：</source>
        <translation>Type:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="164"/>
        <source>我已与对方核对，指纹完全一致</source>
        <translation>I have checked with the other party and the fingerprints match exactly</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="168"/>
        <source>登记</source>
        <translation>Enrol</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="168"/>
        <source>信任</source>
        <translation>Trust</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="173"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ExchangePage</name>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="61"/>
        <source>公钥文件 (*.pub *.json);;所有文件 (*)</source>
        <translation>Public key files (*.pub *.json);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="62"/>
        <source>数据包 (*.gdpkg);;所有文件 (*)</source>
        <translation>Packages (*.gdpkg);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="63"/>
        <source>回执 (*.gdrct);;所有文件 (*)</source>
        <translation>Receipts (*.gdrct);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="65"/>
        <source>住户</source>
        <translation>households</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="66"/>
        <source>居民</source>
        <translation>residents</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="67"/>
        <source>物资台账</source>
        <translation>supply ledger</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="68"/>
        <source>物资签收</source>
        <translation>supply sign-offs</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="69"/>
        <source>会议</source>
        <translation>meetings</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="70"/>
        <source>待办事项</source>
        <translation>action items</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="223"/>
        <source>数据交换</source>
        <translation>Data exchange</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="233"/>
        <source>各社区</source>
        <translation>Communities</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="234"/>
        <source>导入与回执</source>
        <translation>Import and receipts</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="236"/>
        <source>数据包</source>
        <translation>Packages</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="239"/>
        <source>上级指令 / 下发</source>
        <translation>Directives / issue</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="267"/>
        <source>已登记的社区</source>
        <translation>Enrolled communities</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="267"/>
        <source>信任的街道办</source>
        <translation>Trusted street office</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="269"/>
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="279"/>
        <source>把 U 盘插好后点“导出今日数据包…”，选 U 盘里的文件夹。</source>
        <translation>Insert the USB stick, click &quot;Export today&apos;s package…&quot; and choose a folder on the USB stick.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="281"/>
        <source>点“导入数据包…”可一次选中 U 盘里的多个数据包，按顺序导入。</source>
        <translation>Click &quot;Import packages…&quot; to select several packages on the USB stick at once; they are imported in order.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="302"/>
        <source>共 {0} 个：{1}</source>
        <translation>{0} in total: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="307"/>
        <source>尚未登记社区。请让社区导出公钥文件，当面核对指纹后点“登记社区公钥…”。</source>
        <translation>No communities enrolled yet. Ask the community to export its public key file, verify the fingerprint in person, then click &quot;Enrol community key…&quot;.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="318"/>
        <source>尚未信任街道办。请拿到街道办的公钥文件，当面核对指纹后点“信任街道办公钥…”。</source>
        <translation>No street office trusted yet. Get the street office&apos;s public key file, verify the fingerprint in person, then click &quot;Trust street office key…&quot;.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="326"/>
        <source>已发出 {0} 个数据包，其中 {1} 个尚未确认收到（标粗）</source>
        <translation>Packages sent: {0}; not yet confirmed as received: {1} (in bold)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="330"/>
        <source>尚未发出数据包。</source>
        <translation>No packages sent yet.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="349"/>
        <source>导出今日数据包(&amp;E)…</source>
        <translation>&amp;Export today&apos;s package…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="351"/>
        <source>导入回执(&amp;R)…</source>
        <translation>Import &amp;receipt…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="352"/>
        <source>导入回传包(&amp;I)…</source>
        <translation>&amp;Import return package…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="353"/>
        <source>信任街道办公钥(&amp;T)…</source>
        <translation>&amp;Trust street office key…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="354"/>
        <source>导出本社区公钥文件…</source>
        <translation>Export this community&apos;s public key file…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="368"/>
        <source>已发出的数据包</source>
        <translation>Sent packages</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="376"/>
        <source>重新写出未确认的数据包…</source>
        <translation>Rewrite unconfirmed packages…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="388"/>
        <location filename="../../app/ui/pages/exchange.py" line="459"/>
        <location filename="../../app/ui/pages/exchange.py" line="577"/>
        <source>选择 U 盘中的文件夹</source>
        <translation>Choose a folder on the USB stick</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="396"/>
        <source>写入并核对</source>
        <translation>Write and verify</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="403"/>
        <source>全量</source>
        <translation>Full</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="403"/>
        <source>增量</source>
        <translation>Incremental</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="411"/>
        <source>其他 {0}</source>
        <translation>Other {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="413"/>
        <source>已写出第 {0} 号{1}数据包：{2}
共 {3} 条记录（{4}），收件方 {5}。</source>
        <translation>Wrote package No. {0} ({1}): {2}
{3} records ({4}), recipient {5}.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="418"/>
        <source>无变动</source>
        <translation>No changes</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="426"/>
        <source>正在导出数据包</source>
        <translation>Exporting package</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="431"/>
        <source>选择街道办的回执</source>
        <translation>Choose the street office&apos;s receipt</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="445"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="447"/>
        <source>街道办 {0} 确认收到数据包：{1}。尚未确认：{2}</source>
        <translation>Street office {0} confirmed receipt of packages: {1}. Not yet confirmed: {2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="455"/>
        <source>正在导入回执</source>
        <translation>Importing receipt</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="473"/>
        <source>已重新写出 {0} 个未确认的数据包到 {1}：{2}</source>
        <translation>Rewrote {0} unconfirmed package(s) to {1}: {2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="478"/>
        <source>正在重新写出数据包</source>
        <translation>Rewriting packages</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="494"/>
        <source>导入数据包(&amp;I)…</source>
        <translation>&amp;Import packages…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="496"/>
        <source>写出回执(&amp;R)…</source>
        <translation>Write &amp;receipts…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="497"/>
        <source>登记社区公钥(&amp;T)…</source>
        <translation>Enrol community &amp;key…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="498"/>
        <source>导出本街道办公钥文件…</source>
        <translation>Export this street office&apos;s public key file…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="504"/>
        <source>本次导入结果</source>
        <translation>Results of this import</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="514"/>
        <source>选择数据包（可多选）</source>
        <translation>Choose packages (you can select several)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="530"/>
        <source>共 {0} 个文件：已导入 {1} 个，此前已导入 {2} 个，拒收 {3} 个。</source>
        <translation>{0} files: {1} imported, {2} already imported, {3} rejected.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="546"/>
        <source>正在导入数据包</source>
        <translation>Importing packages</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="550"/>
        <source>{0}：{1}，{2}</source>
        <translation>{0}: {1}, {2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="561"/>
        <source>未登记的社区</source>
        <translation>Unenrolled community</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="563"/>
        <source>数据包 {0} 来自未登记的社区 {1}（{2}），未导入。
如属本街道，请拿到该社区的公钥文件，当面核对指纹后登记，再导入此数据包。
现在选择它的公钥文件吗？</source>
        <translation>Package {0} is from unenrolled community {1} ({2}) and was not imported.
If the community belongs to this street, get its public key file, verify the fingerprint in person and enrol it, then import this package.
Choose its public key file now?</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="591"/>
        <source>已写出 {0} 份回执到 {1}：{2}</source>
        <translation>Wrote {0} receipt(s) to {1}: {2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="597"/>
        <source>正在写出回执</source>
        <translation>Writing receipts</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="605"/>
        <source>导出本机构公钥文件</source>
        <translation>Export this organisation&apos;s public key file</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="616"/>
        <source>导出公钥文件</source>
        <translation>Export public key file</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="619"/>
        <source>无法写入 {0}：{1}</source>
        <translation>Cannot write {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="622"/>
        <source>已写出公钥文件 {0}。交给对方后，请当面核对指纹：{1}</source>
        <translation>Public key file {0} written. After handing it over, verify the fingerprint in person: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="630"/>
        <source>选择社区的公钥文件</source>
        <translation>Choose the community&apos;s public key file</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="632"/>
        <source>选择街道办的公钥文件</source>
        <translation>Choose the street office&apos;s public key file</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="645"/>
        <source>公钥文件</source>
        <translation>Public key file</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="655"/>
        <source>注意：{0}（{1}）已用另一把密钥登记，原指纹 {2}。登记后将改用此文件中的密钥。</source>
        <translation>Note: {0} ({1}) is already enrolled with a different key, fingerprint {2}. Once enrolled, the key in this file will be used instead.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="661"/>
        <source>注意：本社区目前信任街道办 {0}（{1}）。信任此文件后，将改为信任 {2}（{3}）。</source>
        <translation>Note: this community currently trusts street office {0} ({1}). Trusting this file will switch trust to {2} ({3}).</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="678"/>
        <source>已登记</source>
        <translation>Enrolled</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="678"/>
        <source>已更新登记</source>
        <translation>Enrolment updated</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="680"/>
        <source>{0} {1}（{2}），指纹 {3}。</source>
        <translation>{0} {1} ({2}), fingerprint {3}.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="690"/>
        <source>登记公钥</source>
        <translation>Enrol public key</translation>
    </message>
</context>
<context>
    <name>FiguresModel</name>
    <message>
        <location filename="../../app/ui/models/requests.py" line="365"/>
        <source>受理</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="366"/>
        <source>办结</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="367"/>
        <source>按时办结率</source>
        <translation>Done on time</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="368"/>
        <source>办结用时中位数（小时）</source>
        <translation>Median hours to done</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="369"/>
        <source>当前超期</source>
        <translation>Overdue now</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="370"/>
        <source>回访满意</source>
        <translation>Satisfied</translation>
    </message>
</context>
<context>
    <name>FiguresPanel</name>
    <message>
        <location filename="../../app/ui/pages/requests/panels.py" line="192"/>
        <source>按：</source>
        <translation>By:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/panels.py" line="194"/>
        <location filename="../../app/ui/pages/requests/panels.py" line="204"/>
        <location filename="../../app/ui/pages/requests/panels.py" line="229"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/panels.py" line="195"/>
        <location filename="../../app/ui/pages/requests/panels.py" line="230"/>
        <source>承办人</source>
        <translation>Assigned to</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/panels.py" line="196"/>
        <location filename="../../app/ui/pages/requests/panels.py" line="231"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/panels.py" line="235"/>
        <source>（未派）</source>
        <translation>(not assigned)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/panels.py" line="250"/>
        <source>受理 {0} 件，办结 {1} 件（按时 {2}），当前超期 {3} 件，回访满意 {4} 件</source>
        <translation>Received {0}, done {1} (on time {2}), overdue now {3}, satisfied at callback {4}</translation>
    </message>
</context>
<context>
    <name>FingerprintCard</name>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="96"/>
        <source>本街道办</source>
        <translation>this street office</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="96"/>
        <source>本社区</source>
        <translation>this community</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/exchange.py" line="98"/>
        <source>{0}指纹（{1}，{2}）— 登记时请对方当面核对</source>
        <translation>Fingerprint of {0} ({1}, {2}): have the other office check it in person when enrolling</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <location filename="../../app/ui/recovery_key.py" line="184"/>
        <source>设置第一个管理员</source>
        <translation>The first administrator</translation>
    </message>
    <message>
        <location filename="../../app/ui/recovery_key.py" line="190"/>
        <source>“{0}”还没有用户。从现在起，打开 GridDesk 要用用户名和密码登录，数据库也将加密保存。请设置第一个管理员；他可以在“设置 → 用户”中为其他人添加账号。</source>
        <translation>“{0}” has no users yet. From now on GridDesk opens only after signing in with a user name and password, and the database is kept encrypted. Set up the first administrator; they can add accounts for the others in Settings → Users.</translation>
    </message>
    <message>
        <location filename="../../app/ui/recovery_key.py" line="198"/>
        <source>如 zhangsan 或 张三</source>
        <translation>e.g. zhangsan</translation>
    </message>
    <message>
        <location filename="../../app/ui/recovery_key.py" line="199"/>
        <source>至少 8 位</source>
        <translation>at least 8 characters</translation>
    </message>
    <message>
        <location filename="../../app/ui/recovery_key.py" line="201"/>
        <source>管理员用户名：</source>
        <translation>Administrator&apos;s user name:</translation>
    </message>
    <message>
        <location filename="../../app/ui/recovery_key.py" line="202"/>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../../app/ui/recovery_key.py" line="203"/>
        <source>再输入一次：</source>
        <translation>Again:</translation>
    </message>
    <message>
        <location filename="../../app/ui/recovery_key.py" line="205"/>
        <source>加密数据库前会先做一份备份；数据多时需要几秒钟。</source>
        <translation>A backup is made before the database is encrypted; with much data this takes a few seconds.</translation>
    </message>
    <message>
        <location filename="../../app/ui/recovery_key.py" line="213"/>
        <source>设置管理员</source>
        <translation>Set up administrator</translation>
    </message>
    <message>
        <location filename="../../app/ui/recovery_key.py" line="215"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../app/ui/first_run.py" line="50"/>
        <source>欢迎使用 GridDesk 社区应急工作台</source>
        <translation>Welcome to GridDesk, the community emergency workstation</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="56"/>
        <source>这台电脑上还没有 GridDesk 数据。请设置本机所属的社区或街道办，或者先打开演示社区看看。
数据将保存在：{0}</source>
        <translation>There is no GridDesk data on this computer yet. Set up the community or street office this computer belongs to, or open the demo community first.
Data will be kept in: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="64"/>
        <source>社区居委会</source>
        <translation>Community office</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="65"/>
        <source>街道办事处</source>
        <translation>Street office</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="77"/>
        <location filename="../../app/ui/first_run.py" line="140"/>
        <source>民政区划代码，如 420106001001</source>
        <translation>Civil-affairs code, e.g. 420106001001</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="79"/>
        <location filename="../../app/ui/first_run.py" line="143"/>
        <source>如 幸福里社区</source>
        <translation>e.g. Xingfuli Community</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="81"/>
        <source>所属街道办代码，如 420106001</source>
        <translation>Code of its street office, e.g. 420106001</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="82"/>
        <source>上级街道代码：</source>
        <translation>Street office code:</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="86"/>
        <source>机构代码：</source>
        <translation>Office code:</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="87"/>
        <source>名称：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="93"/>
        <source>第一个管理员</source>
        <translation>First administrator</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="98"/>
        <source>如 zhangsan 或 张三</source>
        <translation>e.g. zhangsan</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="99"/>
        <source>至少 8 位</source>
        <translation>at least 8 characters</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="101"/>
        <source>用户名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="102"/>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="103"/>
        <source>再输入一次：</source>
        <translation>Again:</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="106"/>
        <source>打开 GridDesk 要用用户名和密码登录；管理员可在“设置 → 用户”中为其他人添加账号。</source>
        <translation>GridDesk opens after signing in with a user name and password; the administrator adds accounts for the others in Settings → Users.</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="122"/>
        <source>创建</source>
        <translation>Create</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="123"/>
        <source>打开演示社区</source>
        <translation>Open the demo community</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="125"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="138"/>
        <source>民政区划代码，如 420106001</source>
        <translation>Civil-affairs code, e.g. 420106001</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="143"/>
        <source>如 百步亭街道办事处</source>
        <translation>e.g. Baibuting Street Office</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="157"/>
        <source>社区代码的前9位应与上级街道代码相同。</source>
        <translation>The first 9 digits of the community code must match the street office&apos;s code.</translation>
    </message>
</context>
<context>
    <name>GridDialog</name>
    <message>
        <location filename="../../app/ui/pages/grids/structure_dialogs.py" line="39"/>
        <source>修改网格 {0}</source>
        <translation>Edit grid {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure_dialogs.py" line="39"/>
        <source>新增网格</source>
        <translation>New grid</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure_dialogs.py" line="43"/>
        <source>如 G04</source>
        <translation>e.g. G04</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure_dialogs.py" line="45"/>
        <source>如 第4网格</source>
        <translation>e.g. Grid 4</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure_dialogs.py" line="47"/>
        <source>网格编号</source>
        <translation>Grid ID</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure_dialogs.py" line="48"/>
        <source>网格名称</source>
        <translation>Grid name</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure_dialogs.py" line="49"/>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>GridModel</name>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="33"/>
        <source>编号</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="33"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="33"/>
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="33"/>
        <source>楼栋</source>
        <translation>Buildings</translation>
    </message>
</context>
<context>
    <name>GridModels</name>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="253"/>
        <source>未开始</source>
        <translation>Not started</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="254"/>
        <source>在岗</source>
        <translation>On duty</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="255"/>
        <source>已签退</source>
        <translation>Checked out</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="256"/>
        <source>未到</source>
        <translation>Not arrived</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="257"/>
        <source>缺勤</source>
        <translation>Absent</translation>
    </message>
</context>
<context>
    <name>GridsPage</name>
    <message>
        <location filename="../../app/ui/pages/grids/page.py" line="60"/>
        <source>网格</source>
        <translation>Grids</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/page.py" line="70"/>
        <source>网格划分</source>
        <translation>Grid layout</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/page.py" line="71"/>
        <source>人员名册</source>
        <translation>Staff roster</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/page.py" line="72"/>
        <source>排班签到</source>
        <translation>Shifts and check-in</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/page.py" line="73"/>
        <source>出勤统计</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/page.py" line="74"/>
        <source>覆盖情况</source>
        <translation>Coverage</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/page.py" line="75"/>
        <source>网格员视图</source>
        <translation>Grid worker view</translation>
    </message>
</context>
<context>
    <name>GroupBuy</name>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy_dialogs.py" line="33"/>
        <source>⚠ 涨价</source>
        <translation>⚠ Price up</translation>
    </message>
</context>
<context>
    <name>GroupBuyTab</name>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="125"/>
        <source>批次</source>
        <translation>Round</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="89"/>
        <source>开新批次</source>
        <translation>Open new round</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="90"/>
        <source>结束批次</source>
        <translation>Close round</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="92"/>
        <source>新增套餐</source>
        <translation>Add bundle</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="93"/>
        <source>编辑套餐</source>
        <translation>Edit bundle</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="98"/>
        <source>价格历史</source>
        <translation>Price history</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="100"/>
        <source>打印价格公示</source>
        <translation>Print price notice</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="102"/>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="696"/>
        <source>导出订货单</source>
        <translation>Export order sheet</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="144"/>
        <source>本批次还没有套餐，点击“新增套餐”登记内容、价格和供应商。</source>
        <translation>No bundles in this round yet. Click &quot;Add bundle&quot; to record contents, prices and suppliers.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="152"/>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="225"/>
        <source>套餐</source>
        <translation>Bundle</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="153"/>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="154"/>
        <source>每份价格（元）</source>
        <translation>Price each (yuan)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="155"/>
        <source>较上批</source>
        <translation>Vs previous</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="156"/>
        <source>订购户数</source>
        <translation>Households ordering</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="157"/>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="226"/>
        <source>份数</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="158"/>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="227"/>
        <source>金额（元）</source>
        <translation>Amount (yuan)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="159"/>
        <source>已送达份数</source>
        <translation>Qty delivered</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="160"/>
        <source>供应商</source>
        <translation>Supplier</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="161"/>
        <source>提示</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="180"/>
        <source>登记订购：住户</source>
        <translation>Record order: household</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="182"/>
        <source>门牌号 3-2-502 或户编号</source>
        <translation>Door no. 3-2-502 or household ID</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="189"/>
        <source> 份</source>
        <translation> bundle(s)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="191"/>
        <source>订购</source>
        <translation>Order</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="195"/>
        <source>取消所选订单</source>
        <translation>Cancel selected order</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="215"/>
        <source>查找住户</source>
        <translation>Find household</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="201"/>
        <source>姓名、拼音、门牌号、电话后四位；留空显示全部订单</source>
        <translation>Name, pinyin, door no. or last 4 digits of phone; leave blank to show all orders</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="146"/>
        <source>本批次还没有套餐：由社区工作人员登记内容和价格。</source>
        <translation>This round has no packages yet: the office staff record what they hold and their prices.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="209"/>
        <source>扫码送达</source>
        <translation>Scan to deliver</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="210"/>
        <source>扫描住户条码，或输入门牌号后回车</source>
        <translation>Scan the household&apos;s barcode, or type the door no. and press Enter</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="211"/>
        <source>住户取货或送货上门时，扫描其条码即登记为已送达。</source>
        <translation>When a household collects or receives a delivery, scan its barcode to record it as delivered.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="223"/>
        <source>门牌号</source>
        <translation>Door no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="224"/>
        <source>户主</source>
        <translation>Head of household</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="228"/>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="416"/>
        <source>已付款</source>
        <translation>Paid</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="229"/>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="417"/>
        <source>已送达</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="230"/>
        <source>送达时间</source>
        <translation>Delivered at</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="296"/>
        <source>涨价超过 {pct}% 须说明原因，并在公示中标出</source>
        <translation>Price rises over {pct}% need a reason and are marked in the notice</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="301"/>
        <source>进行中</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="301"/>
        <source>已结束</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="303"/>
        <source>{0}，{1}</source>
        <translation>{0}, {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="319"/>
        <source>还没有团购批次，点击“开新批次”开始。</source>
        <translation>No group purchase rounds yet. Click &quot;Open new round&quot; to start.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="321"/>
        <source>还没有团购批次：由社区工作人员开新批次。</source>
        <translation>No group-buy round yet: the office staff open one.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="330"/>
        <source>自 {d} 起，进行中</source>
        <translation>Open since {d}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="332"/>
        <source>{d} 至 {e}，已结束</source>
        <translation>{d} to {e}, closed</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="342"/>
        <source>合计：{households} 户订购 {count} 份，应收 {due} 元，已收 {paid} 元；未付款 {unpaid} 户，未送达 {undelivered} 户</source>
        <translation>Total: households ordering {households}, packages {count}; {due} yuan due, {paid} yuan received; households unpaid {unpaid}, not delivered {undelivered}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="361"/>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="363"/>
        <source>持平</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="367"/>
        <source>{flag}：{reason}</source>
        <translation>{flag}: {reason}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="419"/>
        <source>未</source>
        <translation>Not yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="472"/>
        <source>✔ 已开批次“{name}”（{code}），沿用 {n} 个套餐</source>
        <translation>✔ Opened round &quot;{name}&quot; ({code}), carrying over {n} bundles</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="505"/>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="514"/>
        <source>✖ 请先在表中选择一个套餐</source>
        <translation>✖ Please select a bundle in the table first</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="540"/>
        <source>✖ 请填写住户并选择套餐</source>
        <translation>✖ Please enter the household and choose a bundle</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="547"/>
        <source>✔ {address} 订购“{package}”{count} 份，应付 {amount} 元</source>
        <translation>✔ {address} ordered {count} × &quot;{package}&quot;, {amount} yuan due</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="565"/>
        <source>✖ 请先在订单表中选择一条订单</source>
        <translation>✖ Please select an order in the orders table first</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="574"/>
        <source>✔ 已取消 {address} 的“{package}”订单</source>
        <translation>✔ Cancelled the &quot;{package}&quot; order for {address}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="625"/>
        <source>✖ 还没有团购批次</source>
        <translation>✖ There are no group purchase rounds yet</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="645"/>
        <source>{0} {1} 份</source>
        <translation>{0} ×{1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="648"/>
        <source>✔ 已送达：{address} {what}</source>
        <translation>✔ Delivered: {address} {what}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="659"/>
        <source>团购价格公示-{code}.pdf</source>
        <translation>Group purchase price notice-{code}.pdf</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="672"/>
        <source>团购价格公示</source>
        <translation>Group purchase price notice</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="679"/>
        <source>正在生成价格公示</source>
        <translation>Generating the price notice</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="697"/>
        <source>团购订货单-{code}.xlsx</source>
        <translation>Group purchase order sheet-{code}.xlsx</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="716"/>
        <source>正在导出订货单</source>
        <translation>Exporting the order sheet</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy.py" line="718"/>
        <source>✔ 已导出订货单：{p}</source>
        <translation>✔ Order sheet exported: {p}</translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <location filename="../../app/ui/help.py" line="269"/>
        <source>用户手册</source>
        <translation>User guide</translation>
    </message>
    <message>
        <location filename="../../app/ui/help.py" line="272"/>
        <source>快捷键一览</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../app/ui/help.py" line="288"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <location filename="../../app/ui/help.py" line="63"/>
        <source>GridDesk 用户手册</source>
        <translation>GridDesk user guide</translation>
    </message>
    <message>
        <location filename="../../app/ui/help.py" line="70"/>
        <source>打印/另存为 PDF…</source>
        <translation>Print / Save as PDF…</translation>
    </message>
    <message>
        <location filename="../../app/ui/help.py" line="71"/>
        <source>生成手册的 PDF，预览后打印或保存（Ctrl+P）</source>
        <translation>Make a PDF of the guide to preview, print or save (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../app/ui/help.py" line="73"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/ui/help.py" line="185"/>
        <source>GridDesk用户手册.pdf</source>
        <translation>GridDesk user guide.pdf</translation>
    </message>
    <message>
        <location filename="../../app/ui/help.py" line="196"/>
        <source>正在生成用户手册</source>
        <translation>Making the user guide</translation>
    </message>
    <message>
        <location filename="../../app/ui/help.py" line="207"/>
        <source>用户手册</source>
        <translation>User guide</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../app/ui/pages/grids/structure_dialogs.py" line="225"/>
        <source>网格归属历史 — {0}</source>
        <translation>Grid history — {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy_dialogs.py" line="215"/>
        <source>价格历史 — {name}</source>
        <translation>Price history — {name}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy_dialogs.py" line="220"/>
        <source>批次</source>
        <translation>Round</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy_dialogs.py" line="221"/>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy_dialogs.py" line="222"/>
        <source>每份价格（元）</source>
        <translation>Price each (yuan)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy_dialogs.py" line="223"/>
        <source>较上批</source>
        <translation>Vs previous</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy_dialogs.py" line="224"/>
        <source>提示</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy_dialogs.py" line="225"/>
        <source>供应商</source>
        <translation>Supplier</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy_dialogs.py" line="226"/>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy_dialogs.py" line="231"/>
        <source>首次</source>
        <translation>First</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy_dialogs.py" line="233"/>
        <source>{flag}：{reason}</source>
        <translation>{flag}: {reason}</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="140"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="141"/>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="142"/>
        <source>到</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="143"/>
        <source>方式</source>
        <translation>Method</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="144"/>
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="145"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="150"/>
        <source>建档时</source>
        <translation>When registered</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="151"/>
        <source>按楼栋划分</source>
        <translation>By building</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="152"/>
        <source>单户调整</source>
        <translation>Single household</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="153"/>
        <source>网格合并</source>
        <translation>Grid merge</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="154"/>
        <source>网格拆分</source>
        <translation>Grid split</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="155"/>
        <source>已有记录</source>
        <translation>Existing record</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="164"/>
        <source>至今</source>
        <translation>Now</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../app/ui/pages/home.py" line="57"/>
        <location filename="../../app/ui/pages/home.py" line="195"/>
        <source>首页 · {0}</source>
        <translation>Home · {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="60"/>
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="69"/>
        <source>登记社区、导入数据包…</source>
        <translation>Enrol communities, import packages…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="73"/>
        <source>导入名单…</source>
        <translation>Import roster…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="75"/>
        <source>新增住户…</source>
        <translation>New household…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="86"/>
        <source>住户（户）</source>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="87"/>
        <source>居民（人）</source>
        <translation>Residents</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="88"/>
        <source>重点人群（人）</source>
        <translation>Vulnerable residents</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="89"/>
        <source>网格</source>
        <translation>Grids</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="90"/>
        <source>楼栋</source>
        <translation>Buildings</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="91"/>
        <source>未分网格的住户</source>
        <translation>Households without a grid</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="99"/>
        <source>重点人群类别</source>
        <translation>Vulnerability tag</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="99"/>
        <location filename="../../app/ui/pages/home.py" line="100"/>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="100"/>
        <source>户籍类别</source>
        <translation>Residency</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="130"/>
        <source>各社区数据报送与概况</source>
        <translation>Community reporting and overview</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="206"/>
        <source>还没有收到社区的数据。先登记各社区的公钥，再导入它们送来的数据包。</source>
        <translation>No data from communities yet. Enrol each community&apos;s public key first, then import the packages they send.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="210"/>
        <source>还没有住户数据。导入现有的花名册（Excel），或逐户新增住户。</source>
        <translation>No households yet. Import your existing roster (Excel), or add households one by one.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/home.py" line="213"/>
        <source>以下数字直接统计自本机数据库。</source>
        <translation>These figures are counted directly from this computer&apos;s database.</translation>
    </message>
</context>
<context>
    <name>HomeSection</name>
    <message>
        <location filename="../../app/ui/home_section.py" line="30"/>
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
</context>
<context>
    <name>HouseholdActivity</name>
    <message>
        <location filename="../../app/ui/pages/requests/household.py" line="33"/>
        <source>诉求与随访</source>
        <translation>Requests and visits</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/household.py" line="55"/>
        <source>诉求 #{0} {1} · {2} · {3}：{4}</source>
        <translation>Request #{0} {1} · {2} · {3}: {4}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/household.py" line="62"/>
        <source>（超期）</source>
        <translation> (overdue)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/household.py" line="67"/>
        <source>待访</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/household.py" line="69"/>
        <source>随访 {0} · {1} · {2} · {3}</source>
        <translation>Visit {0} · {1} · {2} · {3}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/household.py" line="74"/>
        <source>这一户没有诉求和随访记录。</source>
        <translation>This household has no requests or visits.</translation>
    </message>
</context>
<context>
    <name>HouseholdDialog</name>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="482"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="483"/>
        <source>与户主关系</source>
        <translation>Relation to head</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="484"/>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="485"/>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="486"/>
        <source>身份证号</source>
        <translation>ID card no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="487"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="488"/>
        <source>人员类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="505"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="528"/>
        <source>年龄</source>
        <translation>Age</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="529"/>
        <source>住户 {0}</source>
        <translation>Household {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="530"/>
        <source>{0}栋{1}单元{2}室</source>
        <translation>Building {0}, Unit {1}, Room {2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="531"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="532"/>
        <source>户号 {0} · {1} · 户主 {2} · 共 {3} 人</source>
        <translation>Household no. {0} · {1} · Head of household {2} · People: {3}</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="533"/>
        <source>未分网格</source>
        <translation>No grid</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="544"/>
        <source>（户主）</source>
        <translation> (head)</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="591"/>
        <source>更换户主</source>
        <translation>Change head of household</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="657"/>
        <source>显示完整</source>
        <translation>Show full values</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="661"/>
        <source>查看 {0} 的完整身份证号和电话，请填写原因（记入审计记录）：</source>
        <translation>Why do you need the full ID number and phone of {0}? (Recorded in the audit trail)</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="666"/>
        <source>请填写原因。</source>
        <translation>Please give a reason.</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="678"/>
        <source>{0}
身份证号：{1}
联系电话：{2}</source>
        <translation>{0}
ID number: {1}
Phone: {2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="690"/>
        <source>拆分户</source>
        <translation>Split household</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="690"/>
        <source>这一户只有一人，无需拆分。</source>
        <translation>This household has only one person, so there is nothing to split.</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="453"/>
        <location filename="../../app/ui/registry_dialogs.py" line="602"/>
        <location filename="../../app/ui/registry_dialogs.py" line="611"/>
        <source>迁到其他户</source>
        <translation>Move member</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="450"/>
        <source>新增成员</source>
        <translation>Add member</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="451"/>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="452"/>
        <source>设为户主</source>
        <translation>Make head</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="454"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="455"/>
        <source>拆分户…</source>
        <translation>Split household…</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="456"/>
        <source>合并户…</source>
        <translation>Merge households…</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="466"/>
        <source>显示完整…</source>
        <translation>Show full values…</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="468"/>
        <source>查看所选居民的完整身份证号和电话（需填写原因，记入审计记录）</source>
        <translation>See the selected resident&apos;s full ID number and phone (a reason is required and recorded in the audit trail)</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="475"/>
        <source>部分成员另立一户（新住址，各有户主）</source>
        <translation>Move some members into a new household (new address, own head of household)</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="476"/>
        <source>把另一户的成员并入本户，选定户主</source>
        <translation>Merge the members of another household into this one and choose the head of household</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="550"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="603"/>
        <source>把 {0} 迁到哪一户？（如 3-2-502 或户号）</source>
        <translation>Move {0} to which household? (e.g. 3-2-502 or the household no.)</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="611"/>
        <source>找不到这一户：{0}</source>
        <translation>Household not found: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="623"/>
        <source>迁移居民</source>
        <translation>Move resident</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="644"/>
        <source>删除居民</source>
        <translation>Delete resident</translation>
    </message>
</context>
<context>
    <name>HouseholdDialogs</name>
    <message>
        <location filename="../../app/ui/household_dialogs.py" line="38"/>
        <source>（户主）</source>
        <translation> (head)</translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialogs.py" line="47"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>HouseholdFinder</name>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="87"/>
        <source>来电人的住址（3-2-502）、姓名、拼音或电话后四位</source>
        <translation>Caller&apos;s address (3-2-502), name, pinyin or last four digits of a phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="119"/>
        <source>（户主）</source>
        <translation> (head)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="126"/>
        <source>没有找到“{0}”</source>
        <translation>Nothing found for “{0}”</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="178"/>
        <source>✔ 住户：{0}（Esc 取消选择）</source>
        <translation>✔ Household: {0} (Esc to clear)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="181"/>
        <source>输入后用 ↓ ↑ 选择，回车确认；不选住户也可登记</source>
        <translation>Type, then ↓ ↑ to choose and Enter; a request may also be logged without a household</translation>
    </message>
</context>
<context>
    <name>HouseholdModel</name>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="99"/>
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="100"/>
        <source>户号</source>
        <translation>Household no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="101"/>
        <source>户主</source>
        <translation>Head of household</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="102"/>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="103"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="104"/>
        <source>重点人群</source>
        <translation>Vulnerable residents</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="105"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="118"/>
        <source>未分网格</source>
        <translation>No grid</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <location filename="../../app/ui/pages/grids/roster_dialogs.py" line="206"/>
        <source>导入人员名册 — {0}</source>
        <translation>Import staff roster — {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster_dialogs.py" line="212"/>
        <source>读取 {0} 行（表头在第 {1} 行）：新增 {2} 人，更新 {3} 人，未导入 {4} 行，提示 {5} 条。</source>
        <translation>Read {0} rows (header on row {1}): {2} new, {3} updated, {4} rows not imported, {5} notes.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster_dialogs.py" line="225"/>
        <source>识别的列：{0}</source>
        <translation>Columns recognised: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster_dialogs.py" line="235"/>
        <source>第 {0} 行未导入：{1}</source>
        <translation>Row {0} not imported: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster_dialogs.py" line="238"/>
        <source>第 {0} 行提示：{1}</source>
        <translation>Row {0} note: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster_dialogs.py" line="240"/>
        <source>没有发现问题。</source>
        <translation>No problems found.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster_dialogs.py" line="244"/>
        <source>导入 {0} 人</source>
        <translation>Import {0} people</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="54"/>
        <source>导入居民花名册</source>
        <translation>Import resident roster</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="57"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="58"/>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="59"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="60"/>
        <location filename="../../app/ui/roster_import_wizard.py" line="92"/>
        <location filename="../../app/ui/roster_import_wizard.py" line="95"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="80"/>
        <source>导入完成</source>
        <translation>Import finished</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="81"/>
        <source>新增居民 {0} 人，更新 {1} 人，新增住户 {2} 户。</source>
        <translation>{0} residents added, {1} updated, {2} households added.</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="102"/>
        <source>正在导入</source>
        <translation>Importing</translation>
    </message>
</context>
<context>
    <name>LayoutOptions</name>
    <message>
        <location filename="../../app/ui/pages/printing/options.py" line="270"/>
        <source>纸张与版式</source>
        <translation>Paper and layout</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/options.py" line="277"/>
        <source>每张 {0} 份</source>
        <translation>{0} per sheet</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/options.py" line="278"/>
        <source>印住户条形码（扫码领取、签收用）</source>
        <translation>Print household barcodes (for scanning)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/options.py" line="280"/>
        <source>印裁切线（每张多份时）</source>
        <translation>Print cut lines (several per sheet)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/options.py" line="286"/>
        <source>纸张：</source>
        <translation>Paper:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/options.py" line="287"/>
        <source>每张份数：</source>
        <translation>Copies per sheet:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/options.py" line="304"/>
        <source>正文印出约 {0:.1f} 磅</source>
        <translation>Body text prints at about {0:.1f} pt</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/options.py" line="306"/>
        <source>，字太小，可能难以阅读</source>
        <translation>, which may be too small to read</translation>
    </message>
</context>
<context>
    <name>LicensesDialog</name>
    <message>
        <location filename="../../app/ui/about.py" line="159"/>
        <source>第三方许可</source>
        <translation>Third-party licences</translation>
    </message>
    <message>
        <location filename="../../app/ui/about.py" line="165"/>
        <source>GridDesk 使用并随附以下第三方组件。左侧选择一项，右侧显示其许可证全文；第一项“README.txt”是总览（组件、版本、许可证、文件）。</source>
        <translation>GridDesk uses and carries the third-party components below. Choose one on the left to read its licence on the right; the first, README.txt, is the overview (component, version, licence, file).</translation>
    </message>
    <message>
        <location filename="../../app/ui/about.py" line="210"/>
        <source>无法读取 {0}：{1}</source>
        <translation>Cannot read {0}: {1}</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../app/ui/lock.py" line="116"/>
        <location filename="../../app/ui/lock.py" line="171"/>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock.py" line="125"/>
        <source>用户名</source>
        <translation>user name</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock.py" line="126"/>
        <source>用户名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock.py" line="127"/>
        <source>密码</source>
        <translation>password</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock.py" line="129"/>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock.py" line="140"/>
        <location filename="../../app/ui/lock.py" line="191"/>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock.py" line="143"/>
        <source>切换用户…</source>
        <translation>Switch user…</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock.py" line="145"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock.py" line="168"/>
        <source>已注销</source>
        <translation>Signed out</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock.py" line="169"/>
        <source>请登录。</source>
        <translation>Please sign in.</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock.py" line="173"/>
        <source>{0}（{1}）已登录。输入密码解锁。</source>
        <translation>{0} ({1}) is signed in. Type the password to unlock.</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock.py" line="181"/>
        <source>演示社区：用户 {0}，密码 {1}</source>
        <translation>Demo community: user {0}, password {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock.py" line="191"/>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock.py" line="210"/>
        <source>请输入用户名和密码。</source>
        <translation>Type the user name and the password.</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock.py" line="214"/>
        <source>正在核对…</source>
        <translation>Checking…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="267"/>
        <source>GridDesk 社区应急工作台 — {0}</source>
        <translation>GridDesk — {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="180"/>
        <location filename="../../app/ui/main_window.py" line="201"/>
        <source>首页</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="181"/>
        <source>住户</source>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="182"/>
        <source>网格</source>
        <translation>Grids</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="183"/>
        <source>物资</source>
        <translation>Supplies</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="186"/>
        <source>会议</source>
        <translation>Meetings</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="189"/>
        <source>诉求</source>
        <translation>Requests</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="190"/>
        <source>通知打印</source>
        <translation>Notices</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="191"/>
        <location filename="../../app/ui/main_window.py" line="203"/>
        <source>报表</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="192"/>
        <location filename="../../app/ui/main_window.py" line="205"/>
        <source>数据交换</source>
        <translation>Exchange</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="193"/>
        <location filename="../../app/ui/main_window.py" line="206"/>
        <source>审计</source>
        <translation>Audit</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="194"/>
        <location filename="../../app/ui/main_window.py" line="207"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="202"/>
        <source>社区居民</source>
        <translation>Residents</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="204"/>
        <source>下发事项</source>
        <translation>Directives</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="211"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="212"/>
        <source>打开数据文件夹</source>
        <translation>Open the data folder</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="214"/>
        <source>立即备份数据库</source>
        <translation>Back up the database now</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="216"/>
        <source>备份与恢复…</source>
        <translation>Backup and restore…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="229"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../app/ui/help.py" line="283"/>
        <location filename="../../app/ui/main_window.py" line="236"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="237"/>
        <source>关于 GridDesk</source>
        <translation>About GridDesk</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="275"/>
        <source>社区</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="275"/>
        <source>街道办</source>
        <translation>Street office</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="276"/>
        <source>{0}：{1}（{2}）</source>
        <translation>{0}: {1} ({2})</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="254"/>
        <source>数据文件夹：{0}</source>
        <translation>Data folder: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="270"/>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="271"/>
        <source>{0} — {1}</source>
        <translation>{0} — {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="273"/>
        <source>{0} — 演示</source>
        <translation>{0} — demo</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="278"/>
        <source>演示</source>
        <translation>Demo</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="280"/>
        <source>演示 · 用户：{0}</source>
        <translation>Demo · user: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="282"/>
        <source>用户：{0}</source>
        <translation>User: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="297"/>
        <source>上次导出：{0}</source>
        <translation>Last export: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="297"/>
        <source>上次导出：尚未导出</source>
        <translation>Last export: never</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="394"/>
        <source>备份数据库</source>
        <translation>Back up the database</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="396"/>
        <source>已备份到 {0}</source>
        <translation>Backed up to {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="406"/>
        <source>正在处理</source>
        <translation>Busy</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="406"/>
        <source>还有操作在进行。等待它完成后再退出吗？</source>
        <translation>An operation is still running. Wait for it to finish and then quit?</translation>
    </message>
</context>
<context>
    <name>MeetingEditorDialog</name>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="168"/>
        <source>新增会议纪要</source>
        <translation>New minutes</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="170"/>
        <source>查看会议纪要 — 第 {0} 号</source>
        <translation>View minutes — No. {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="172"/>
        <source>编辑会议纪要 — 第 {0} 号</source>
        <translation>Edit minutes — No. {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="185"/>
        <source>基本信息</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="186"/>
        <source>议题与讨论</source>
        <translation>Agenda and discussion</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="187"/>
        <source>决定与待办</source>
        <translation>Decisions and action items</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="188"/>
        <source>附件</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="193"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="197"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="200"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="234"/>
        <source>例如：第三网格疫情防控议事会</source>
        <translation>e.g. Grid 3 epidemic prevention meeting</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="241"/>
        <source>选择或输入</source>
        <translation>Choose or type</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="243"/>
        <source>社区级</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="244"/>
        <source>网格级</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="247"/>
        <source>（未指定网格）</source>
        <translation>(no grid chosen)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="261"/>
        <source>例如：社区党群服务中心二楼会议室</source>
        <translation>e.g. Community service centre, 2nd-floor meeting room</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="265"/>
        <source>每行一人，可写职务，如：网格长 刘芳</source>
        <translation>One person per line, with role if you like, e.g. Grid leader Liu Fang</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="267"/>
        <source>每行一人，可注明原因，如：楼长 孙伟（请假）</source>
        <translation>One person per line, with the reason if known, e.g. Building leader Sun Wei (on leave)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="268"/>
        <source>从居民中添加…</source>
        <translation>Add from residents…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="277"/>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="286"/>
        <source>会议名称 *</source>
        <translation>Meeting title *</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="288"/>
        <source>会议类型</source>
        <translation>Meeting type</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="290"/>
        <source>会议日期 *</source>
        <translation>Meeting date *</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="292"/>
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="294"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="296"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="298"/>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="300"/>
        <source>主持人</source>
        <translation>Chair</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="302"/>
        <source>记录人</source>
        <translation>Minute-taker</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="305"/>
        <source>出席人员</source>
        <translation>Present</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="314"/>
        <source>缺席人员</source>
        <translation>Absent</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="331"/>
        <source>每行一项议题</source>
        <translation>One agenda item per line</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="333"/>
        <source>会上讨论的主要内容和各方意见</source>
        <translation>Main points discussed and the views given</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="335"/>
        <source>居民提出的意见、建议和诉求</source>
        <translation>Residents&apos; comments, suggestions and requests</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="338"/>
        <source>添加超期诉求…</source>
        <translation>Add overdue requests…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="339"/>
        <source>把超期未办结的居民诉求列为议题</source>
        <translation>Put the residents&apos; overdue requests on the agenda</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="342"/>
        <source>会议议题</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="343"/>
        <source>讨论情况</source>
        <translation>Discussion</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="344"/>
        <source>居民意见</source>
        <translation>Residents&apos; views</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="366"/>
        <source>决定事项（每行一项）</source>
        <translation>Decisions (one per line)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="368"/>
        <source>例如：每周二、五为独居老人送菜上门</source>
        <translation>e.g. Deliver groceries to elderly people living alone every Tuesday and Friday</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="375"/>
        <source>待办事项（每项都要有责任人和完成时限）</source>
        <translation>Action items (each needs an owner and a due date)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="376"/>
        <source>添加待办</source>
        <translation>Add action item</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="378"/>
        <source>删除选中待办</source>
        <translation>Delete selected action item</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="394"/>
        <source>附件（签字扫描件、签到表、照片等）复制保存在数据文件夹的 attachments 中。已发布的纪要也可以补充附件，但不能移除。</source>
        <translation>Attachments (signed scans, sign-in sheets, photos and so on) are copied into the attachments folder in the data folder. Published minutes can still get new attachments, but none can be removed.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="405"/>
        <source>添加文件…</source>
        <translation>Add file…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="407"/>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="409"/>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="422"/>
        <source>这份纪要已发布并锁定，只能查看。如需更正，请在列表中选中它并点“修正”。</source>
        <translation>These minutes are published and locked, so they can only be viewed. To correct them, select them in the list and click &quot;Amend&quot;.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="424"/>
        <source>这份纪要已被第 {0} 号修正稿取代，仅作存档。</source>
        <translation>These minutes were replaced by amendment No. {0} and are kept for the record only.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="430"/>
        <source>这是第 {0} 号纪要的修正稿。修正原因：{1}</source>
        <translation>This is an amendment to minutes No. {0}. Reason: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="467"/>
        <source>已办结：{0}</source>
        <translation>Closed: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="541"/>
        <source>{0} 人</source>
        <translation>{0} listed</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="559"/>
        <source>这项待办已经办结，不能从纪要中删除。</source>
        <translation>This action item is closed and cannot be deleted from the minutes.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="572"/>
        <source>选择附件</source>
        <translation>Choose attachments</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="581"/>
        <source>{0}（保存时添加）</source>
        <translation>{0} (added on save)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="604"/>
        <source>添加附件</source>
        <translation>Add attachment</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="640"/>
        <source>放弃尚未保存的内容？</source>
        <translation>Discard unsaved changes?</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="676"/>
        <source>保存会议纪要</source>
        <translation>Save minutes</translation>
    </message>
</context>
<context>
    <name>MeetingKind</name>
    <message>
        <location filename="../../app/ui/labels.py" line="90"/>
        <source>领导小组会议</source>
        <translation>Leading group meeting</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="91"/>
        <source>联席会议</source>
        <translation>Joint meeting</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="92"/>
        <source>居民议事会</source>
        <translation>Residents&apos; council</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="93"/>
        <source>网格议事会</source>
        <translation>Grid council</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="94"/>
        <source>党员大会</source>
        <translation>Party members&apos; meeting</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="95"/>
        <source>工作例会</source>
        <translation>Staff meeting</translation>
    </message>
</context>
<context>
    <name>MeetingTableModel</name>
    <message>
        <location filename="../../app/ui/models/meeting_models.py" line="35"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/meeting_models.py" line="36"/>
        <source>会议名称</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/meeting_models.py" line="37"/>
        <source>级别 / 网格</source>
        <translation>Level / grid</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/meeting_models.py" line="38"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/meeting_models.py" line="39"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/meeting_models.py" line="40"/>
        <source>未办结待办</source>
        <translation>Open action items</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/meeting_models.py" line="41"/>
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/meeting_models.py" line="42"/>
        <source>决定落实</source>
        <translation>Decisions done</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/meeting_models.py" line="47"/>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/meeting_models.py" line="48"/>
        <source>已发布</source>
        <translation>Published</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/meeting_models.py" line="49"/>
        <source>已修正</source>
        <translation>Amended</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/meeting_models.py" line="54"/>
        <source>社区级</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/meeting_models.py" line="55"/>
        <source>网格级 · {0}</source>
        <translation>Grid · {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/meeting_models.py" line="55"/>
        <source>网格级</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/meeting_models.py" line="67"/>
        <source>{0}（第 {1} 号的修正稿）</source>
        <translation>{0} (amends No. {1})</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/meeting_models.py" line="79"/>
        <source>逾期 {0}</source>
        <translation>{0} overdue</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/meeting_models.py" line="87"/>
        <source>未办结 {0} 项，共 {1} 项，已完成 {2} 项</source>
        <translation>{0} open of {1}, {2} done</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/meeting_models.py" line="91"/>
        <source>决定事项 {0} 项，其中 {1} 项的待办已全部完成</source>
        <translation>Decisions: {0}; with all action items done: {1}</translation>
    </message>
</context>
<context>
    <name>MeetingTodoSection</name>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="705"/>
        <source>会议待办</source>
        <translation>Meeting action items</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="741"/>
        <source>暂无未办结的会议待办。会议决定的事项在“会议”页登记后显示在这里。</source>
        <translation>No open action items from meetings. Items decided at meetings appear here once recorded on the Meetings page.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="744"/>
        <source>未办结 {0} 项，其中逾期 {1} 项、3 天内到期 {2} 项</source>
        <translation>Open: {0}; overdue: {1}, due within 3 days: {2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="748"/>
        <source>（以下为最紧急的 {0} 项）</source>
        <translation> (the {0} most urgent are shown below)</translation>
    </message>
</context>
<context>
    <name>MeetingsPage</name>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="87"/>
        <source>会议</source>
        <translation>Meetings</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="93"/>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="95"/>
        <location filename="../../app/ui/pages/meetings.py" line="384"/>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="97"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="100"/>
        <source>发布</source>
        <translation>Publish</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="101"/>
        <source>修正</source>
        <translation>Amend</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="104"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="152"/>
        <source>搜索名称、议题、讨论、决定、待办、人员…</source>
        <translation>Search titles, agenda, discussion, decisions, action items, people…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="156"/>
        <source>全部级别</source>
        <translation>All levels</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="157"/>
        <source>社区级</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="158"/>
        <source>网格级</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="160"/>
        <source>全部网格</source>
        <translation>All grids</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="163"/>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="164"/>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="165"/>
        <source>已发布</source>
        <translation>Published</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="166"/>
        <source>已修正</source>
        <translation>Amended</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="167"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="175"/>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="177"/>
        <source>清除条件</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="204"/>
        <source>待办事项</source>
        <translation>Action items</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="208"/>
        <source>选中会议的待办</source>
        <translation>For the selected meeting</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="209"/>
        <source>全部未办结</source>
        <translation>All open</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="210"/>
        <source>全部逾期</source>
        <translation>All overdue</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="211"/>
        <source>全部待办（含已办结）</source>
        <translation>All (including closed)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="214"/>
        <source>责任人</source>
        <translation>Owner</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="218"/>
        <source>办结…</source>
        <translation>Close…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="220"/>
        <source>重新打开</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="330"/>
        <source>暂无会议纪要。点击“新增”（Ctrl+N）记录第一次会议。</source>
        <translation>No minutes yet. Click &quot;New&quot; (Ctrl+N) to record the first meeting.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="332"/>
        <source>没有符合条件的会议。可以换个关键词，或点“清除条件”。</source>
        <translation>No meetings match. Try other words, or click &quot;Clear filters&quot;.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="337"/>
        <source>共 {0} 次会议（全部 {1} 次）；未办结待办 {2} 项，其中逾期 {3} 项</source>
        <translation>Meetings: {0} of {1}; open action items: {2}, overdue: {3}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="384"/>
        <source>查看</source>
        <translation>View</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="390"/>
        <source>只能删除草稿；已发布的纪要要存档</source>
        <translation>Only drafts can be deleted; published minutes are kept on record</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="444"/>
        <source>决定 {0} 项，已落实 {1} 项；待办 {2} 项，已完成 {3} 项，逾期 {4} 项</source>
        <translation>Decisions: {0}, carried out: {1}; action items: {2}, done: {3}, overdue: {4}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="456"/>
        <source>{0} 项，其中逾期 {1} 项</source>
        <translation>Items: {0}, overdue: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="464"/>
        <source>在上面选中一次会议，这里显示它的待办事项。</source>
        <translation>Select a meeting above to see its action items here.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="467"/>
        <source>这次会议没有待办事项。在“编辑”的“决定与待办”中添加。</source>
        <translation>This meeting has no action items. Add them under &quot;Edit&quot; → &quot;Decisions and action items&quot;.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="470"/>
        <source>没有这样的待办事项。</source>
        <translation>No matching action items.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="497"/>
        <source>办结待办事项</source>
        <translation>Close action item</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="508"/>
        <location filename="../../app/ui/pages/meetings.py" line="522"/>
        <source>重新打开待办</source>
        <translation>Reopen action item</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="509"/>
        <source>重新打开待办事项“{0}”？原办理情况会保留在修改记录中。</source>
        <translation>Reopen action item &quot;{0}&quot;? The earlier outcome stays in the change history.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="566"/>
        <location filename="../../app/ui/pages/meetings.py" line="582"/>
        <source>删除会议草稿</source>
        <translation>Delete draft minutes</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="567"/>
        <source>删除会议草稿“{0}”（{1}）？
删除后不再显示，但会留下删除记录。</source>
        <translation>Delete draft minutes &quot;{0}&quot; ({1})?
They will no longer be shown, but a record of the deletion is kept.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="592"/>
        <source>
发布后，第 {0} 号纪要将被这份修正稿取代（原纪要保留存档）。</source>
        <translation>
Once published, this amendment replaces minutes No. {0} (the original is kept on record).</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="600"/>
        <location filename="../../app/ui/pages/meetings.py" line="620"/>
        <source>发布会议纪要</source>
        <translation>Publish minutes</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="602"/>
        <source>发布第 {0} 号会议纪要“{1}”？
发布后纪要锁定，不能再修改；如需更正只能做修正稿。</source>
        <translation>Publish minutes No. {0} &quot;{1}&quot;?
Published minutes are locked and cannot be edited; corrections need an amendment.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="632"/>
        <location filename="../../app/ui/pages/meetings.py" line="653"/>
        <source>修正会议纪要</source>
        <translation>Amend minutes</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="634"/>
        <source>将为“{0}”建立一份修正稿（原纪要保留存档）。
请写明修正原因（会印在修正稿上）：</source>
        <translation>An amendment to &quot;{0}&quot; will be created (the original is kept on record).
Give the reason for the amendment (it is printed on the amendment):</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meetings.py" line="677"/>
        <source>正在生成会议纪要</source>
        <translation>Creating minutes</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <location filename="../../app/ui/pages/grids/structure_dialogs.py" line="136"/>
        <source>合并网格</source>
        <translation>Merge grids</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure_dialogs.py" line="148"/>
        <source>保留的网格</source>
        <translation>Grid to keep</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure_dialogs.py" line="149"/>
        <source>并入它的网格</source>
        <translation>Grids to merge into it</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure_dialogs.py" line="152"/>
        <source>所选网格的住户、楼栋、在岗人员和任务都转入保留的网格；所选网格随后停用（记录保留）。</source>
        <translation>The households, buildings, on-duty workers and tasks of the selected grids move to the grid you keep; the selected grids are then closed (their records are kept).</translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialogs.py" line="174"/>
        <source>合并住户：并入 {0}</source>
        <translation>Merge households: into {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialogs.py" line="179"/>
        <source>要并入本户的那一户：住址（3-2-502）或户号</source>
        <translation>Household to merge into this one: address (3-2-502) or household no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialogs.py" line="180"/>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialogs.py" line="183"/>
        <source>把哪一户并入 {0}？</source>
        <translation>Which household should be merged into {0}?</translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialogs.py" line="190"/>
        <source>合并后户主：</source>
        <translation>Head of household after merging:</translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialogs.py" line="193"/>
        <source>其他（或按原关系推算）</source>
        <translation>Other (or inferred from the previous relationship)</translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialogs.py" line="199"/>
        <source>原户主不再任户主时，与新户主的关系；其家人的关系随之推算（如原户主为新户主之子，其配偶记为儿媳）</source>
        <translation>The former head of household&apos;s relationship to the new head; the family&apos;s relationships are inferred from it (e.g. if the former head is the new head&apos;s son, his wife becomes daughter-in-law)</translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialogs.py" line="203"/>
        <source>原户主改为：</source>
        <translation>Former head of household becomes:</translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialogs.py" line="212"/>
        <source>合并</source>
        <translation>Merge</translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialogs.py" line="231"/>
        <source>找不到这一户：{0}</source>
        <translation>Household not found: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialogs.py" line="234"/>
        <source>这就是本户。</source>
        <translation>That is this household.</translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialogs.py" line="239"/>
        <source>{0}（户号 {1}）：{2}</source>
        <translation>{0} (household no. {1}): {2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialogs.py" line="249"/>
        <source>，现户主</source>
        <translation>, current head</translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialogs.py" line="265"/>
        <source>原户主</source>
        <translation>Former head of household</translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialogs.py" line="266"/>
        <source>{0}（原户主）改为：</source>
        <translation>{0} (former head of household) becomes:</translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialogs.py" line="272"/>
        <source>请先查找要并入的那一户。</source>
        <translation>First find the household to merge in.</translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialogs.py" line="276"/>
        <location filename="../../app/ui/household_dialogs.py" line="294"/>
        <source>合并住户</source>
        <translation>Merge households</translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialogs.py" line="277"/>
        <source>把 {0}（{1} 人）并入 {2}？
{0} 这一户将注销，成员都转到 {2}。</source>
        <translation>Merge {0} ({1} people) into {2}?
Household {0} will be closed and its members moved to {2}.</translation>
    </message>
</context>
<context>
    <name>MovementDialog</name>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="40"/>
        <source>入库</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="40"/>
        <source>出库</source>
        <translation>Issue</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="40"/>
        <source>调整</source>
        <translation>Adjustment</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="47"/>
        <source>物资</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="52"/>
        <source>数量（调整可为负数）</source>
        <translation>Quantity (can be negative for an adjustment)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="52"/>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="58"/>
        <source>捐赠</source>
        <translation>Donation</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="59"/>
        <source>采购</source>
        <translation>Purchase</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="60"/>
        <source>街道调拨</source>
        <translation>From street office</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="65"/>
        <source>个、袋、箱…（新物资）</source>
        <translation>pieces, bags, boxes… (new item)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="66"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="67"/>
        <source>来源类别</source>
        <translation>Source type</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="68"/>
        <source>捐赠单位或个人、供应商</source>
        <translation>Donor (organisation or person) or supplier</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="69"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="71"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>NeedsModel</name>
    <message>
        <location filename="../../app/ui/pages/requests/panels.py" line="53"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/panels.py" line="54"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/panels.py" line="55"/>
        <source>楼栋</source>
        <translation>Building</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/panels.py" line="56"/>
        <source>未办结</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/panels.py" line="57"/>
        <source>其中紧急</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/panels.py" line="58"/>
        <source>其中超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/panels.py" line="65"/>
        <source>未分网格</source>
        <translation>No grid</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/panels.py" line="67"/>
        <source>未关联住户</source>
        <translation>No household</translation>
    </message>
</context>
<context>
    <name>NeedsPanel</name>
    <message>
        <location filename="../../app/ui/pages/requests/panels.py" line="97"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/panels.py" line="99"/>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/panels.py" line="108"/>
        <source>没有未办结的诉求。</source>
        <translation>No open requests.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/panels.py" line="129"/>
        <source>未办结诉求 {0} 件，其中超期 {1} 件</source>
        <translation>{0} open requests, {1} of them overdue</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/panels.py" line="138"/>
        <source>需求清单.pdf</source>
        <translation>needs-list.pdf</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/panels.py" line="140"/>
        <source>需求清单</source>
        <translation>Needs list</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/panels.py" line="154"/>
        <source>正在生成需求清单</source>
        <translation>Making the needs list</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/panels.py" line="164"/>
        <location filename="../../app/ui/pages/requests/panels.py" line="175"/>
        <source>导出需求清单</source>
        <translation>Export needs list</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/panels.py" line="165"/>
        <source>诉求需求清单.xlsx</source>
        <translation>requests-needs-list.xlsx</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/panels.py" line="176"/>
        <source>已导出：{0}</source>
        <translation>Exported: {0}</translation>
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
    <name>NoticeField</name>
    <message>
        <location filename="../../app/ui/pages/printing/field_names.py" line="14"/>
        <source>地址</source>
        <translation>address</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/field_names.py" line="15"/>
        <source>户号</source>
        <translation>household no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/field_names.py" line="16"/>
        <source>户主</source>
        <translation>head of household</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/field_names.py" line="17"/>
        <source>人数</source>
        <translation>people</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/field_names.py" line="18"/>
        <source>网格</source>
        <translation>grid</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/field_names.py" line="19"/>
        <source>网格员</source>
        <translation>grid worker</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/field_names.py" line="20"/>
        <source>网格员电话</source>
        <translation>grid worker&apos;s phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/field_names.py" line="21"/>
        <source>社区名称</source>
        <translation>community name</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/field_names.py" line="22"/>
        <source>社区电话</source>
        <translation>community phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/field_names.py" line="23"/>
        <source>通知日期</source>
        <translation>notice date</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/field_names.py" line="24"/>
        <source>开始日期</source>
        <translation>start date</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/field_names.py" line="25"/>
        <source>结束日期</source>
        <translation>end date</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/field_names.py" line="26"/>
        <source>时间</source>
        <translation>time</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/field_names.py" line="27"/>
        <source>地点</source>
        <translation>place</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/field_names.py" line="28"/>
        <source>物资</source>
        <translation>supplies</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/field_names.py" line="29"/>
        <source>供应商</source>
        <translation>supplier</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/field_names.py" line="30"/>
        <source>内容</source>
        <translation>content</translation>
    </message>
</context>
<context>
    <name>NoticeFieldHint</name>
    <message>
        <location filename="../../app/ui/pages/printing/field_names.py" line="37"/>
        <source>住户地址，如 3栋2单元502室</source>
        <translation>Household address, e.g. Building 3, Unit 2, Room 502</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/field_names.py" line="38"/>
        <source>户号（条形码上的号码）</source>
        <translation>Household no. (the number on the barcode)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/field_names.py" line="39"/>
        <source>户主姓名（打码，如 张*三）</source>
        <translation>Head of household name (masked, e.g. Zhang*san)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/field_names.py" line="40"/>
        <source>在住人数</source>
        <translation>People living there</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/field_names.py" line="41"/>
        <source>所在网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/field_names.py" line="42"/>
        <source>网格员（取自在岗人员名册）</source>
        <translation>Grid worker (from the staff roster)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/field_names.py" line="43"/>
        <source>网格员电话</source>
        <translation>Grid worker phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/field_names.py" line="44"/>
        <source>社区名称</source>
        <translation>Community name</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/field_names.py" line="45"/>
        <source>社区电话（不填则用 设置 → 本机构信息 中的电话）</source>
        <translation>Community phone (if empty, the phone in Settings → This office)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/field_names.py" line="48"/>
        <source>通知日期</source>
        <translation>Notice date</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/field_names.py" line="49"/>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/field_names.py" line="50"/>
        <source>结束日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/field_names.py" line="51"/>
        <source>例如 12月1日 8:00–11:30</source>
        <translation>e.g. 1 Dec 8:00–11:30</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/field_names.py" line="52"/>
        <source>例如 社区服务中心东门</source>
        <translation>e.g. East gate of the community service centre</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/field_names.py" line="53"/>
        <source>例如 蔬菜礼包（约 5 公斤）</source>
        <translation>e.g. Vegetable pack (about 5 kg)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/field_names.py" line="54"/>
        <source>团购供应商</source>
        <translation>Group-buy supplier</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/field_names.py" line="55"/>
        <source>多行文字</source>
        <translation>Multi-line text</translation>
    </message>
</context>
<context>
    <name>NoticePreview</name>
    <message>
        <location filename="../../app/ui/pages/printing/preview.py" line="22"/>
        <source>预览（第一张）</source>
        <translation>Preview (first sheet)</translation>
    </message>
</context>
<context>
    <name>NoticeValuesForm</name>
    <message>
        <location filename="../../app/ui/pages/printing/options.py" line="76"/>
        <source>填写内容（本次打印）</source>
        <translation>Fill in (this print run)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/options.py" line="81"/>
        <source>通知日期：</source>
        <translation>Notice date:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/options.py" line="82"/>
        <source>开始日期：</source>
        <translation>Start date:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/options.py" line="83"/>
        <source>结束日期：</source>
        <translation>End date:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/options.py" line="84"/>
        <source>时间：</source>
        <translation>Time:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/options.py" line="85"/>
        <source>地点：</source>
        <translation>Place:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/options.py" line="86"/>
        <source>物资：</source>
        <translation>Supplies:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/options.py" line="87"/>
        <source>供应商：</source>
        <translation>Supplier:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/options.py" line="88"/>
        <source>社区电话：</source>
        <translation>Community phone:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/options.py" line="104"/>
        <source>公告正文或价格明细，可写多行；用“|”分隔各列即成表格，例如：套餐|内容|价格</source>
        <translation>Notice text or price list, several lines allowed; separate columns with &quot;|&quot; to make a table, e.g. Pack|Contents|Price</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/options.py" line="109"/>
        <source>内容：</source>
        <translation>Content:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/options.py" line="110"/>
        <source>未填写的内容印为空白横线，可手写补填。</source>
        <translation>Anything left empty prints as a blank line to fill in by hand.</translation>
    </message>
</context>
<context>
    <name>OfficeSection</name>
    <message>
        <location filename="../../app/ui/pages/office_profile.py" line="57"/>
        <source>社区居委会</source>
        <translation>community office</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/office_profile.py" line="57"/>
        <source>街道办事处</source>
        <translation>street office</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/office_profile.py" line="58"/>
        <source>本机构信息（{0}）</source>
        <translation>This office ({0})</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/office_profile.py" line="66"/>
        <source>如 027-85551234；通知上的“社区电话”不填时用它，几个号码用“、”隔开</source>
        <translation>e.g. 027-85551234; used when a notice&apos;s &quot;community phone&quot; is left empty. Separate several numbers with commas</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/office_profile.py" line="70"/>
        <source>如 江岸区百步亭花园路1号社区服务中心</source>
        <translation>e.g. Community Service Centre, 1 Huayuan Road, Jiang&apos;an District</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/office_profile.py" line="73"/>
        <source>如 王主任</source>
        <translation>e.g. Director Wang</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/office_profile.py" line="80"/>
        <source>名称：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/office_profile.py" line="81"/>
        <source>电话：</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/office_profile.py" line="82"/>
        <source>地址：</source>
        <translation>Address:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/office_profile.py" line="83"/>
        <source>联系人：</source>
        <translation>Contact:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/office_profile.py" line="85"/>
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/office_profile.py" line="87"/>
        <source>还原</source>
        <translation>Revert</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/office_profile.py" line="102"/>
        <source>更改代码…</source>
        <translation>Change code…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/office_profile.py" line="107"/>
        <source>机构代码：</source>
        <translation>Office code:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/office_profile.py" line="110"/>
        <source>上级街道代码：</source>
        <translation>Street office code:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/office_profile.py" line="128"/>
        <source>（未填）</source>
        <translation>(not given)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/office_profile.py" line="152"/>
        <source>保存本机构信息</source>
        <translation>Saving this office&apos;s details</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/office_profile.py" line="163"/>
        <source>没有改动。</source>
        <translation>Nothing changed.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/office_profile.py" line="166"/>
        <source>名称</source>
        <translation>name</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/office_profile.py" line="167"/>
        <source>电话</source>
        <translation>phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/office_profile.py" line="168"/>
        <source>地址</source>
        <translation>address</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/office_profile.py" line="169"/>
        <source>联系人</source>
        <translation>contact</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/office_profile.py" line="173"/>
        <source>已保存：{0}。</source>
        <translation>Saved: {0}.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/office_profile.py" line="173"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/office_profile.py" line="218"/>
        <source>机构代码已改为 {0}。请重新导出公钥文件后再交给对方登记。</source>
        <translation>The office code is now {0}. Export the public key file again before giving it to the other office to enrol.</translation>
    </message>
</context>
<context>
    <name>OutcomeModel</name>
    <message>
        <location filename="../../app/ui/models/exchange_models.py" line="70"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/exchange_models.py" line="70"/>
        <source>发送方</source>
        <translation>Sender</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/exchange_models.py" line="70"/>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/exchange_models.py" line="70"/>
        <source>说明</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/exchange_models.py" line="81"/>
        <source>已导入</source>
        <translation>Imported</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/exchange_models.py" line="82"/>
        <source>此前已导入</source>
        <translation>Already imported</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/exchange_models.py" line="83"/>
        <source>拒收</source>
        <translation>Rejected</translation>
    </message>
</context>
<context>
    <name>OverdueAgendaDialog</name>
    <message>
        <location filename="../../app/ui/pages/requests/agenda.py" line="42"/>
        <source>添加超期诉求到议题</source>
        <translation>Add overdue requests to the agenda</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/agenda.py" line="55"/>
        <source>加入议题</source>
        <translation>Add to agenda</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/agenda.py" line="56"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/agenda.py" line="73"/>
        <source>#{0} {1} · {2} · 时限 {3}：{4}</source>
        <translation>#{0} {1} · {2} · due {3}: {4}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/agenda.py" line="81"/>
        <source>共 {0} 件超期诉求；勾选的每件作为一项议题加入。</source>
        <translation>{0} overdue requests; each one ticked becomes an agenda item.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/agenda.py" line="83"/>
        <source>目前没有超期的诉求。</source>
        <translation>No request is overdue.</translation>
    </message>
</context>
<context>
    <name>PackageDialog</name>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy_dialogs.py" line="98"/>
        <source>编辑套餐</source>
        <translation>Edit bundle</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy_dialogs.py" line="98"/>
        <source>新增套餐</source>
        <translation>Add bundle</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy_dialogs.py" line="102"/>
        <source>如：A 蔬菜套餐</source>
        <translation>e.g. Vegetable bundle A</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy_dialogs.py" line="103"/>
        <source>套餐名称</source>
        <translation>Bundle name</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy_dialogs.py" line="106"/>
        <source>每项写“名称 数量单位”，用分号隔开：米 5kg；油 1L</source>
        <translation>Write each item as &quot;name quantity unit&quot;, separated by semicolons: rice 5kg; oil 1L</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy_dialogs.py" line="108"/>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy_dialogs.py" line="110"/>
        <source>元，如 39.80</source>
        <translation>yuan, e.g. 39.80</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy_dialogs.py" line="111"/>
        <source>每份价格（元）</source>
        <translation>Price each (yuan)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy_dialogs.py" line="113"/>
        <source>供应商</source>
        <translation>Supplier</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy_dialogs.py" line="116"/>
        <source>较上一批次</source>
        <translation>Vs previous round</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy_dialogs.py" line="119"/>
        <source>涨价超过 {pct}% 时必填</source>
        <translation>Required if the price rises more than {pct}%</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy_dialogs.py" line="121"/>
        <source>涨价原因</source>
        <translation>Reason for price rise</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy_dialogs.py" line="129"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy_dialogs.py" line="158"/>
        <source>新增套餐（上一批次没有同名套餐）</source>
        <translation>New bundle (no bundle of this name in the previous round)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy_dialogs.py" line="161"/>
        <source>上一批次 {p} 元</source>
        <translation>Previous round: {p} yuan</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy_dialogs.py" line="165"/>
        <source>上一批次 {p} 元，变化 {pct}%</source>
        <translation>Previous round: {p} yuan, change {pct}%</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy_dialogs.py" line="169"/>
        <source>；{flag}：超过 {limit}%，须填写原因，将在公示中标出</source>
        <translation>; {flag}: over {limit}%, a reason is required and it will be marked in the notice</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../app/ui/pages/users.py" line="415"/>
        <source>重设密码 — {0}</source>
        <translation>Reset password — {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/users.py" line="418"/>
        <source>为 {0} 设置新密码，请当面告诉他，并请他登录后自己修改。</source>
        <translation>Set a new password for {0}; tell it to them in person and ask them to change it after signing in.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/users.py" line="423"/>
        <source>至少 8 位</source>
        <translation>at least 8 characters</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/users.py" line="425"/>
        <source>新密码：</source>
        <translation>New password:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/users.py" line="426"/>
        <source>再输入一次：</source>
        <translation>Again:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/users.py" line="431"/>
        <source>重设密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/users.py" line="432"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/users.py" line="441"/>
        <source>两次输入的密码不一样。</source>
        <translation>The two passwords differ.</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <location filename="../../app/ui/print_preview.py" line="52"/>
        <source>打印预览 — {0}</source>
        <translation>Print preview — {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="63"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="66"/>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="70"/>
        <source>适合宽度</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="71"/>
        <source>整页</source>
        <translation>Whole page</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="74"/>
        <source>共 {0} 页</source>
        <translation>Pages: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="76"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="81"/>
        <source>显示：</source>
        <translation>View:</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="129"/>
        <location filename="../../app/ui/print_preview.py" line="150"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="150"/>
        <source>无法开始打印，请检查打印机。</source>
        <translation>Printing could not start. Please check the printer.</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="181"/>
        <location filename="../../app/ui/print_preview.py" line="201"/>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="183"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="202"/>
        <source>无法保存到 {0}：{1}</source>
        <translation>Could not save to {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/print_preview.py" line="205"/>
        <source>已保存到 {0}</source>
        <translation>Saved to {0}</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <location filename="../../app/ui/pages/grids/roster_dialogs.py" line="51"/>
        <source>编辑人员 {0}</source>
        <translation>Edit person {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster_dialogs.py" line="51"/>
        <source>新增人员</source>
        <translation>New person</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster_dialogs.py" line="62"/>
        <source>（不属于某个网格）</source>
        <translation>(not in a grid)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster_dialogs.py" line="66"/>
        <source>下沉干部的派出单位；社工、共建单位的机构名称</source>
        <translation>Sent-down cadre&apos;s home organisation; for social workers and partner units, the organisation name</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster_dialogs.py" line="68"/>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster_dialogs.py" line="70"/>
        <source>结束</source>
        <translation>End</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster_dialogs.py" line="82"/>
        <source>驾驶、医护、心理疏导…</source>
        <translation>Driving, nursing, counselling…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster_dialogs.py" line="86"/>
        <source>楼栋 5,7-9；单元 3栋2单元；住户 3-2-502</source>
        <translation>Buildings 5,7-9; a unit as 3栋2单元; households 3-2-502</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster_dialogs.py" line="89"/>
        <source>不填则自动编号（P0001…）</source>
        <translation>Leave empty to number automatically (P0001…)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster_dialogs.py" line="90"/>
        <source>在岗</source>
        <translation>On duty</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster_dialogs.py" line="96"/>
        <location filename="../../app/ui/pages/grids/roster_dialogs.py" line="160"/>
        <source>已关联：{0}</source>
        <translation>Linked: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster_dialogs.py" line="98"/>
        <location filename="../../app/ui/pages/grids/roster_dialogs.py" line="166"/>
        <source>未关联居民</source>
        <translation>Not linked to a resident</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster_dialogs.py" line="101"/>
        <source>输入姓名、拼音或住址查找居民，回车</source>
        <translation>Type a name, pinyin or address to find a resident, then press Enter</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster_dialogs.py" line="107"/>
        <source>取消关联</source>
        <translation>Unlink</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster_dialogs.py" line="117"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster_dialogs.py" line="118"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster_dialogs.py" line="119"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster_dialogs.py" line="120"/>
        <source>所属网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster_dialogs.py" line="121"/>
        <source>本社区居民</source>
        <translation>Resident here</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster_dialogs.py" line="122"/>
        <source>单位</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster_dialogs.py" line="123"/>
        <source>在岗期</source>
        <translation>Duty period</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster_dialogs.py" line="124"/>
        <source>技能</source>
        <translation>Skills</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster_dialogs.py" line="125"/>
        <source>可服务时间</source>
        <translation>Available</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster_dialogs.py" line="126"/>
        <source>健康状况</source>
        <translation>Health</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster_dialogs.py" line="127"/>
        <source>责任区</source>
        <translation>Area covered</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster_dialogs.py" line="128"/>
        <source>签到编号</source>
        <translation>Check-in ID</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster_dialogs.py" line="129"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster_dialogs.py" line="130"/>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster_dialogs.py" line="153"/>
        <source>没有找到这样的居民</source>
        <translation>No such resident found</translation>
    </message>
</context>
<context>
    <name>PersonModel</name>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="199"/>
        <source>编号</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="200"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="201"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="202"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="203"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="204"/>
        <source>单位</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="205"/>
        <source>在岗期</source>
        <translation>Duty period</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="206"/>
        <source>技能 / 可服务时间</source>
        <translation>Skills / availability</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="207"/>
        <source>责任区</source>
        <translation>Area covered</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="208"/>
        <source>住址（居民）</source>
        <translation>Address (resident)</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="209"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="240"/>
        <source>在岗</source>
        <translation>On duty</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="240"/>
        <source>已离岗</source>
        <translation>Left</translation>
    </message>
</context>
<context>
    <name>PlanDialog</name>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="127"/>
        <source>新建发放</source>
        <translation>New distribution</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="130"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="144"/>
        <source>物资</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="160"/>
        <source>全部住户</source>
        <translation>All households</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="161"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="162"/>
        <source>楼栋</source>
        <translation>Building</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="163"/>
        <source>标签</source>
        <translation>Tag</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="164"/>
        <source>指定住户</source>
        <translation>Chosen households</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="168"/>
        <source>网格编号、楼栋号、标签或户号（逗号分隔）</source>
        <translation>Grid IDs, building numbers, tags or household numbers (comma-separated)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="172"/>
        <source>发放对象</source>
        <translation>Recipients</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="173"/>
        <source>重点户（独居老人、残疾人等）优先</source>
        <translation>Vulnerable households first (elderly living alone, disabled, etc.)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="224"/>
        <source>不限</source>
        <translation>No limit</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="157"/>
        <source>其他物资</source>
        <translation>Other supplies</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="148"/>
        <source>＋ 再加一种物资</source>
        <translation>+ Add another item</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="176"/>
        <source>点击“预览”查看分配与库存对比，确认后再创建。</source>
        <translation>Click &quot;Preview&quot; to compare the allocation with stock, then create it.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="184"/>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="186"/>
        <source>创建</source>
        <translation>Create</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="209"/>
        <source>每户</source>
        <translation>per household</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="210"/>
        <source>每人</source>
        <translation>per person</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="211"/>
        <source>每 2 人</source>
        <translation>per 2 people</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="138"/>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="267"/>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="150"/>
        <source>同一次发放一并发给每户，如米、油、口罩；每种物资各有自己的份数、规则和上限</source>
        <translation>Handed to each household in the same distribution, e.g. rice, oil, masks; each item has its own share, rule and limit</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="203"/>
        <source>每份的数量（按所选规则：每户、每人或每 2 人一份）</source>
        <translation>Quantity per share (by the chosen rule: per household, per person or per 2 people)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="216"/>
        <source>每户：每户一份；每人：每人一份；每 2 人：按户人数每 2 人一份（3 人算 2 份）</source>
        <translation>Per household: one share each; per person: one share per person; per 2 people: one share per 2 members (3 people count as 2 shares)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="227"/>
        <source>这种物资每户最多发多少（0 为不限）</source>
        <translation>At most this much of the item per household (0 = no limit)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="236"/>
        <source>每份</source>
        <translation>Qty</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="241"/>
        <source>上限</source>
        <translation>Limit</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="319"/>
        <source>{households} 户（重点户 {vulnerable}），共需 {needed}{unit}，现有 {on_hand}{unit}</source>
        <translation>Households: {households} (vulnerable {vulnerable}); needed {needed}{unit}, in stock {on_hand}{unit}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="328"/>
        <source>；缺口 {shortfall}{unit}，按顺序可先发 {covered} 户</source>
        <translation>; short by {shortfall}{unit}, enough for the first {covered} households</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="332"/>
        <source>；库存足够</source>
        <translation>; enough stock</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="335"/>
        <source>{households} 户（重点户 {vulnerable}）</source>
        <translation>Households: {households} (vulnerable {vulnerable})</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="340"/>
        <source>{item}：共需 {needed}{unit}，现有 {on_hand}{unit}</source>
        <translation>{item}: {needed}{unit} needed, {on_hand}{unit} in stock</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="344"/>
        <source>，缺口 {shortfall}{unit}</source>
        <translation>, short by {shortfall}{unit}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="348"/>
        <source>，足够</source>
        <translation>, enough</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="352"/>
        <source>按顺序可先发 {covered} 户（各项物资都够的户数）</source>
        <translation>Enough for the first {covered} households (households for which every item is covered)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/dialogs.py" line="357"/>
        <source>库存足够</source>
        <translation>Enough stock</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/visits.py" line="87"/>
        <source>新建随访计划</source>
        <translation>New visit plan</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/visits.py" line="93"/>
        <source>计划</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/visits.py" line="97"/>
        <source>对象（人员类别）</source>
        <translation>Who (category)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/visits.py" line="100"/>
        <source>按计划默认</source>
        <translation>Plan&apos;s default</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/visits.py" line="101"/>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/visits.py" line="102"/>
        <source>天数</source>
        <translation>Days</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/visits.py" line="115"/>
        <source>生成计划</source>
        <translation>Make plan</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/visits.py" line="116"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>PlansModel</name>
    <message>
        <location filename="../../app/ui/pages/requests/visits.py" line="51"/>
        <source>随访计划</source>
        <translation>Visit plan</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/visits.py" line="52"/>
        <source>对象</source>
        <translation>Who</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/visits.py" line="53"/>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/visits.py" line="54"/>
        <source>结束</source>
        <translation>End</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/visits.py" line="55"/>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/visits.py" line="56"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/visits.py" line="69"/>
        <source>直到停止</source>
        <translation>Until stopped</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/visits.py" line="74"/>
        <source>已停止</source>
        <translation>Stopped</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/visits.py" line="75"/>
        <source>进行中</source>
        <translation>Under way</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/visits.py" line="75"/>
        <source>已结束</source>
        <translation>Ended</translation>
    </message>
</context>
<context>
    <name>PrintingPage</name>
    <message>
        <location filename="../../app/ui/pages/printing/page.py" line="75"/>
        <location filename="../../app/ui/pages/printing/page.py" line="532"/>
        <location filename="../../app/ui/pages/printing/page.py" line="569"/>
        <source>通知打印</source>
        <translation>Notices</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/page.py" line="80"/>
        <source>新建模板</source>
        <translation>New template</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/page.py" line="81"/>
        <source>复制</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/page.py" line="82"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/page.py" line="85"/>
        <location filename="../../app/ui/pages/printing/page.py" line="391"/>
        <source>保存模板</source>
        <translation>Save template</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/page.py" line="89"/>
        <location filename="../../app/ui/pages/printing/page.py" line="158"/>
        <source>生成并预览…</source>
        <translation>Create and preview…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/page.py" line="131"/>
        <source>模板</source>
        <translation>Templates</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/page.py" line="227"/>
        <source>（内置）</source>
        <translation> (built-in)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/page.py" line="286"/>
        <location filename="../../app/ui/pages/printing/page.py" line="313"/>
        <location filename="../../app/ui/pages/printing/page.py" line="338"/>
        <source>新模板</source>
        <translation>New template</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/page.py" line="316"/>
        <source>模板未保存</source>
        <translation>Template not saved</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/page.py" line="317"/>
        <source>保存对“{0}”的修改吗？</source>
        <translation>Save the changes to &quot;{0}&quot;?</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/page.py" line="339"/>
        <source>通知</source>
        <translation>Notice</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/page.py" line="356"/>
        <source>{0}（副本）</source>
        <translation>{0} (copy)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/page.py" line="385"/>
        <source>已保存模板“{0}”（{1}）</source>
        <translation>Template &quot;{0}&quot; saved ({1})</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/page.py" line="402"/>
        <location filename="../../app/ui/pages/printing/page.py" line="421"/>
        <source>删除模板</source>
        <translation>Delete template</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/page.py" line="402"/>
        <source>删除模板“{0}”？</source>
        <translation>Delete template &quot;{0}&quot;?</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/page.py" line="416"/>
        <source>已删除模板“{0}”</source>
        <translation>Template &quot;{0}&quot; deleted</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/page.py" line="443"/>
        <source>没有可选的项目。</source>
        <translation>Nothing to choose from.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/page.py" line="446"/>
        <source>请输入户号或门牌。</source>
        <translation>Please enter household numbers or door numbers.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/page.py" line="521"/>
        <source>未填写：{0}（印为空白横线，可手写）。</source>
        <translation>Not filled in: {0} (printed as blank lines to write in by hand).</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/page.py" line="549"/>
        <source>已生成 {0:,} 份“{1}”，共 {2:,} 页</source>
        <translation>Created {0:,} copies of &quot;{1}&quot;, {2:,} pages</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/page.py" line="560"/>
        <source>正在生成通知</source>
        <translation>Creating notices</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/page.py" line="567"/>
        <source>已取消，未生成文件。</source>
        <translation>Cancelled; no file was created.</translation>
    </message>
</context>
<context>
    <name>Progress</name>
    <message>
        <location filename="../../app/ui/labels.py" line="129"/>
        <source>读取文件</source>
        <translation>Reading the file</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="130"/>
        <source>检查数据</source>
        <translation>Checking the data</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="131"/>
        <source>写入</source>
        <translation>Saving</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="132"/>
        <source>导出</source>
        <translation>Exporting</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="133"/>
        <source>排版</source>
        <translation>Laying out</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="134"/>
        <source>住户</source>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="135"/>
        <source>名册</source>
        <translation>Roster</translation>
    </message>
</context>
<context>
    <name>RecoverDialog</name>
    <message>
        <location filename="../../app/ui/sign_in.py" line="231"/>
        <source>用恢复密钥重设管理员密码</source>
        <translation>Reset the administrator&apos;s password with the recovery key</translation>
    </message>
    <message>
        <location filename="../../app/ui/sign_in.py" line="236"/>
        <source>忘记密码的用户请找管理员重设。管理员忘记密码时，输入设置时打印的恢复密钥（字母和数字，不分大小写，空格和短横可有可无），再设置新密码。</source>
        <translation>A user who forgot their password asks the administrator to reset it. When the administrator forgot theirs, type the recovery key printed at set-up (letters and digits; case, spaces and dashes do not matter), then a new password.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sign_in.py" line="243"/>
        <source>恢复密钥，如 ABCD-EFGH-…</source>
        <translation>recovery key, e.g. ABCD-EFGH-…</translation>
    </message>
    <message>
        <location filename="../../app/ui/sign_in.py" line="248"/>
        <source>留空：第一个管理员</source>
        <translation>empty: the first administrator</translation>
    </message>
    <message>
        <location filename="../../app/ui/sign_in.py" line="249"/>
        <source>至少 8 位</source>
        <translation>at least 8 characters</translation>
    </message>
    <message>
        <location filename="../../app/ui/sign_in.py" line="251"/>
        <source>管理员：</source>
        <translation>Administrator:</translation>
    </message>
    <message>
        <location filename="../../app/ui/sign_in.py" line="252"/>
        <source>新密码：</source>
        <translation>New password:</translation>
    </message>
    <message>
        <location filename="../../app/ui/sign_in.py" line="253"/>
        <source>再输入一次：</source>
        <translation>Again:</translation>
    </message>
    <message>
        <location filename="../../app/ui/sign_in.py" line="258"/>
        <source>重设密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <location filename="../../app/ui/sign_in.py" line="259"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/sign_in.py" line="267"/>
        <source>两次输入的密码不一样。</source>
        <translation>The two passwords differ.</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <location filename="../../app/ui/recovery_key.py" line="56"/>
        <source>恢复密钥 — 只显示这一次</source>
        <translation>Recovery key — shown this once</translation>
    </message>
    <message>
        <location filename="../../app/ui/recovery_key.py" line="62"/>
        <source>这是“{0}”的恢复密钥。管理员忘记密码时，用它重设密码（登录窗口的“忘记密码…”）。请打印或抄下，放入保险柜；不要拍照，不要存在电脑或手机上。恢复密钥遗失而管理员又忘记密码时，数据将无法打开。</source>
        <translation>This is the recovery key of “{0}”. When the administrator forgets the password, it resets it (Forgot password… in the sign-in window). Print it or write it down and keep it in the office safe; do not photograph it or keep it on a computer or phone. If the key is lost and the administrator forgets the password, the data cannot be opened.</translation>
    </message>
    <message>
        <location filename="../../app/ui/recovery_key.py" line="86"/>
        <source>第一个管理员：{0}</source>
        <translation>First administrator: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/recovery_key.py" line="90"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../app/ui/recovery_key.py" line="92"/>
        <source>保存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <location filename="../../app/ui/recovery_key.py" line="102"/>
        <source>我已打印或抄下恢复密钥</source>
        <translation>I have printed or written down the recovery key</translation>
    </message>
    <message>
        <location filename="../../app/ui/recovery_key.py" line="105"/>
        <source>继续</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location filename="../../app/ui/recovery_key.py" line="139"/>
        <source>恢复密钥单</source>
        <translation>Recovery key sheet</translation>
    </message>
    <message>
        <location filename="../../app/ui/recovery_key.py" line="139"/>
        <location filename="../../app/ui/recovery_key.py" line="156"/>
        <source>恢复密钥单.pdf</source>
        <translation>recovery-key.pdf</translation>
    </message>
    <message>
        <location filename="../../app/ui/recovery_key.py" line="155"/>
        <source>保存恢复密钥单</source>
        <translation>Save the recovery key sheet</translation>
    </message>
    <message>
        <location filename="../../app/ui/recovery_key.py" line="157"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../app/ui/recovery_key.py" line="165"/>
        <source>无法保存到 {0}：{1}</source>
        <translation>Could not save to {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/recovery_key.py" line="167"/>
        <source>已保存到 {0}。打印后请删除这个文件。</source>
        <translation>Saved to {0}. Delete the file once it is printed.</translation>
    </message>
</context>
<context>
    <name>RegistryPage</name>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="192"/>
        <source>住户</source>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="192"/>
        <source>社区居民（只读）</source>
        <translation>Residents (read only)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="246"/>
        <source>新增住户</source>
        <translation>New household</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="246"/>
        <source>新登记一户及其户主（Ctrl+Shift+N）</source>
        <translation>Register a new household and its head (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="247"/>
        <source>新增居民</source>
        <translation>New resident</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="247"/>
        <source>在选中居民的户中新增一人（Ctrl+N）</source>
        <translation>Add a person to the selected resident&apos;s household (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="248"/>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="248"/>
        <source>编辑选中的居民（回车）</source>
        <translation>Edit the selected resident (Enter)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="249"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="249"/>
        <source>删除选中的居民（需填写原因）</source>
        <translation>Delete the selected resident (a reason is required)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="250"/>
        <source>查重</source>
        <translation>Duplicates</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="250"/>
        <source>查找重复登记，逐组核对后合并或保留</source>
        <translation>Find duplicate records, check each group, then merge or keep them</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="251"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="251"/>
        <source>从 Excel/WPS/CSV 花名册导入</source>
        <translation>Import from an Excel/WPS/CSV roster</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="252"/>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="252"/>
        <source>导出为 Excel，列与导入相同</source>
        <translation>Export to Excel, with the same columns as the import</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="253"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="253"/>
        <source>打印当前列表（已脱敏）</source>
        <translation>Print the current list (masked)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="264"/>
        <source>查看这一户</source>
        <translation>View household</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="265"/>
        <source>查看选中居民的一户（回车）</source>
        <translation>View the selected resident&apos;s household (Enter)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="281"/>
        <source>网格：</source>
        <translation>Grid:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="282"/>
        <source>楼栋：</source>
        <translation>Building:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="283"/>
        <source>人员类别：</source>
        <translation>Category:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="284"/>
        <source>户籍：</source>
        <translation>Residency:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="285"/>
        <source>状态：</source>
        <translation>Status:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="288"/>
        <source>社区：</source>
        <translation>Community:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="209"/>
        <source>还没有收到任何社区的居民数据。在“数据交换”页导入各社区送来的数据包。</source>
        <translation>No resident data from any community yet. Import the packages communities send on the Data exchange page.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="211"/>
        <source>还没有居民。点击“导入”导入 Excel 花名册，或点击“新增住户”逐户登记。</source>
        <translation>No residents yet. Click &quot;Import&quot; to import an Excel roster, or &quot;New household&quot; to register households one by one.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="376"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="399"/>
        <source>共 {0} 人</source>
        <translation>People: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="470"/>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="472"/>
        <source>请先选中一户中的任一居民（或用查找框找到这一户），再新增成员；新登记一户请点“新增住户”。</source>
        <translation>First select any resident of the household (or find it with the search box), then add the member. To register a new household, click &quot;New household&quot;.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="489"/>
        <source>共 {0} 人（刚保存的居民不在当前筛选结果中）</source>
        <translation>People: {0} (the resident just saved is not in the current filter)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="529"/>
        <source>删除居民</source>
        <translation>Delete resident</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="546"/>
        <location filename="../../app/ui/pages/registry.py" line="561"/>
        <location filename="../../app/ui/pages/registry.py" line="573"/>
        <source>导出居民</source>
        <translation>Export residents</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="547"/>
        <source>居民花名册.xlsx</source>
        <translation>Residents.xlsx</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="548"/>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="579"/>
        <source>是否隐藏身份证号和电话的中间几位（脱敏）？
交给外单位时建议脱敏。</source>
        <translation>Hide the middle digits of ID card numbers and phone numbers (masking)?
Recommended when the file goes to another organisation.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="563"/>
        <source>已导出 {0} 人到 {1}</source>
        <translation>Exported {0} people to {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="589"/>
        <source>导出的身份证号和电话默认脱敏。
是否导出完整证件号和电话？（将记入审计记录，文件请妥善保管）</source>
        <translation>ID numbers and phones are exported masked.
Export the full ID numbers and phones instead? (Recorded in the audit trail; keep the file safe)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="629"/>
        <source>住户名单-{0}.pdf</source>
        <translation>Households-{0}.pdf</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="630"/>
        <source>住户名单</source>
        <translation>Household list</translation>
    </message>
</context>
<context>
    <name>Relation</name>
    <message>
        <location filename="../../app/ui/labels.py" line="46"/>
        <source>户主</source>
        <translation>Head</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="47"/>
        <source>配偶</source>
        <translation>Spouse</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="48"/>
        <source>子</source>
        <translation>Son</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="49"/>
        <source>女</source>
        <translation>Daughter</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="50"/>
        <source>父亲</source>
        <translation>Father</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="51"/>
        <source>母亲</source>
        <translation>Mother</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="52"/>
        <source>儿媳</source>
        <translation>Daughter-in-law</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="53"/>
        <source>女婿</source>
        <translation>Son-in-law</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="54"/>
        <source>孙子</source>
        <translation>Grandson</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="55"/>
        <source>孙女</source>
        <translation>Granddaughter</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="56"/>
        <source>外孙子</source>
        <translation>Grandson (daughter&apos;s son)</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="57"/>
        <source>外孙女</source>
        <translation>Granddaughter (daughter&apos;s daughter)</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="58"/>
        <source>兄弟姐妹</source>
        <translation>Sibling</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="59"/>
        <source>祖父母</source>
        <translation>Grandparent</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="60"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../app/ui/pages/reports.py" line="46"/>
        <source>报表</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/reports.py" line="51"/>
        <source>日报由本系统的记录直接统计，并注明生成时间；尚未启用的功能在报表中注明“尚未记录”，不填任何数字。</source>
        <translation>The daily report is counted directly from the records in this system and shows when it was made. Areas not yet in use are marked &quot;Not recorded yet&quot; with no figures.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/reports.py" line="61"/>
        <source>报表日期：</source>
        <translation>Report date:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/reports.py" line="69"/>
        <source>重新统计</source>
        <translation>Recount</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/reports.py" line="72"/>
        <source>生成 PDF 并预览…</source>
        <translation>Create PDF and preview…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/reports.py" line="75"/>
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/reports.py" line="88"/>
        <source>日报按打印件显示（中文）。</source>
        <translation>The report is shown as it prints: in Chinese.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/reports.py" line="137"/>
        <source>{0} 的日报，统计于 {1}</source>
        <translation>Daily report for {0}, counted at {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/reports.py" line="148"/>
        <source>日报-{0}.pdf</source>
        <translation>Daily report-{0}.pdf</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/reports.py" line="150"/>
        <source>统计</source>
        <translation>Counting</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/reports.py" line="150"/>
        <source>排版</source>
        <translation>Laying out</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/reports.py" line="170"/>
        <source>正在生成日报</source>
        <translation>Creating the daily report</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/reports.py" line="177"/>
        <source>导出日报</source>
        <translation>Export daily report</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/reports.py" line="178"/>
        <source>日报-{0}.xlsx</source>
        <translation>Daily report-{0}.xlsx</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/reports.py" line="179"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/reports.py" line="196"/>
        <source>已导出到 {0}</source>
        <translation>Exported to {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/reports.py" line="199"/>
        <source>正在导出日报</source>
        <translation>Exporting the daily report</translation>
    </message>
</context>
<context>
    <name>RequestDetails</name>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="94"/>
        <location filename="../../app/ui/pages/requests/page.py" line="140"/>
        <source>选中一件诉求查看详情</source>
        <translation>Choose a request to see its details</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="108"/>
        <source>内容</source>
        <translation>Request</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="109"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="110"/>
        <source>紧急程度</source>
        <translation>Priority</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="111"/>
        <source>来源</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="112"/>
        <source>住户</source>
        <translation>Household</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="113"/>
        <source>回访电话</source>
        <translation>Callback phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="114"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="115"/>
        <source>承办人</source>
        <translation>Assigned to</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="116"/>
        <source>受理时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="117"/>
        <source>办理时限</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="118"/>
        <source>办结时间</source>
        <translation>Done at</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="119"/>
        <source>办理结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="120"/>
        <source>回访</source>
        <translation>Callback</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="128"/>
        <source>办理经过</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="145"/>
        <source>#{0} {1}</source>
        <translation>#{0} {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="146"/>
        <source>⚠ 已超期（时限 {0}）</source>
        <translation>⚠ Overdue (due {0})</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="154"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
</context>
<context>
    <name>RequestDialog</name>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="264"/>
        <source>登记诉求</source>
        <translation>Log request</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="270"/>
        <source>来电住户</source>
        <translation>Caller&apos;s household</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="272"/>
        <source>类别（数字键）</source>
        <translation>Category (digit keys)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="274"/>
        <source>一句话说明诉求，如：胰岛素快用完了，需要代购</source>
        <translation>One line on what is needed, e.g. insulin running out, please buy some</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="276"/>
        <source>诉求内容</source>
        <translation>Request</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="286"/>
        <source>来源</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="291"/>
        <source>紧急程度</source>
        <translation>Priority</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="293"/>
        <source>回访电话（可不填；保存后只显示脱敏号码）</source>
        <translation>Phone for the callback (optional; shown masked once saved)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="295"/>
        <source>回访电话</source>
        <translation>Callback phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="306"/>
        <source>登记（回车）</source>
        <translation>Log (Enter)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="308"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="346"/>
        <source>匿名诉求：没有住户也没有回访电话，办结后无法回访。</source>
        <translation>Anonymous request: no household and no phone, so nobody can be called back once it is done.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="348"/>
        <source>未关联住户：按回访电话联系。</source>
        <translation>No household: the callback goes to the phone given.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="364"/>
        <source>请选择类别：按数字键 1–0，或点选。</source>
        <translation>Choose a category: press a digit 1–0, or click one.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="368"/>
        <source>请用一句话写明诉求内容。</source>
        <translation>Write in one line what the request is.</translation>
    </message>
</context>
<context>
    <name>Requests</name>
    <message>
        <location filename="../../app/ui/models/requests.py" line="38"/>
        <source>就医用药</source>
        <translation>Medical &amp; medicine</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="39"/>
        <source>生活物资</source>
        <translation>Daily supplies</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="40"/>
        <source>特殊群体照护</source>
        <translation>Care for vulnerable people</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="41"/>
        <source>环境卫生</source>
        <translation>Sanitation</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="42"/>
        <source>物业维修</source>
        <translation>Repairs</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="43"/>
        <source>团购质量价格</source>
        <translation>Group-buy quality &amp; price</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="44"/>
        <source>对工作人员的投诉</source>
        <translation>Complaint about staff</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="45"/>
        <source>举报</source>
        <translation>Report</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="46"/>
        <source>咨询</source>
        <translation>Inquiry</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="47"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="50"/>
        <source>已登记</source>
        <translation>Registered</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="51"/>
        <source>已派单</source>
        <translation>Assigned</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="52"/>
        <source>处理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="53"/>
        <source>已办结</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="54"/>
        <source>已回访</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="58"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="59"/>
        <source>来访</source>
        <translation>Walk-in</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="60"/>
        <source>网格员上报</source>
        <translation>Grid worker</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="61"/>
        <source>留言转录</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="62"/>
        <source>12345 热线转办</source>
        <translation>12345 hotline</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="63"/>
        <source>街道转办</source>
        <translation>Street office</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="66"/>
        <source>一般</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="67"/>
        <source>紧急</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="70"/>
        <source>居家隔离：每天两次体温，共 14 天</source>
        <translation>Home quarantine: temperature twice a day for 14 days</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="71"/>
        <source>独居老人：每天电话问候</source>
        <translation>Living alone: a call every day</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="72"/>
        <source>慢性病：每周用药检查</source>
        <translation>Chronic illness: weekly medicine check</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="75"/>
        <source>居家隔离</source>
        <translation>Home quarantine</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="76"/>
        <source>独居老人问候</source>
        <translation>Living alone</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="77"/>
        <source>慢性病用药</source>
        <translation>Chronic illness</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="80"/>
        <source>已联系</source>
        <translation>Reached</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="81"/>
        <source>未联系上</source>
        <translation>Not reached</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="82"/>
        <source>需要帮助</source>
        <translation>Needs help</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="129"/>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="131"/>
        <source>不满意</source>
        <translation>Not satisfied</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="140"/>
        <source>匿名</source>
        <translation>Anonymous</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="142"/>
        <location filename="../../app/ui/pages/requests/page.py" line="83"/>
        <source>未关联住户</source>
        <translation>No household</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="490"/>
        <source>#{0}  {1} · {2}：{3}</source>
        <translation>#{0}  {1} · {2}: {3}</translation>
    </message>
</context>
<context>
    <name>RequestsModel</name>
    <message>
        <location filename="../../app/ui/models/requests.py" line="179"/>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="180"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="181"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="182"/>
        <source>紧急</source>
        <translation>Priority</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="183"/>
        <source>住户</source>
        <translation>Household</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="184"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="185"/>
        <source>承办人</source>
        <translation>Assigned to</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="186"/>
        <source>受理时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="187"/>
        <source>办理时限</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="188"/>
        <source>内容</source>
        <translation>Request</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="305"/>
        <source>{0} 超期</source>
        <translation>{0} overdue</translation>
    </message>
</context>
<context>
    <name>RequestsPage</name>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="191"/>
        <source>诉求</source>
        <translation>Requests</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="196"/>
        <source>查找诉求：内容、住址（3-2-502）或编号，回车</source>
        <translation>Find requests: text, address (3-2-502) or number, then Enter</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="205"/>
        <source>诉求列表</source>
        <translation>Requests</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="206"/>
        <source>派单回填</source>
        <translation>Slips</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="211"/>
        <source>随访</source>
        <translation>Visits</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="213"/>
        <source>需求清单</source>
        <translation>Needs list</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="215"/>
        <source>统计</source>
        <translation>Figures</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="230"/>
        <source>登记诉求</source>
        <translation>Log request</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="232"/>
        <source>登记一件来电或来访的诉求（Ctrl+N）</source>
        <translation>Log a request that came by phone or in person (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="234"/>
        <location filename="../../app/ui/pages/requests/page.py" line="647"/>
        <source>派单</source>
        <translation>Assign</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="235"/>
        <location filename="../../app/ui/pages/requests/page.py" line="625"/>
        <source>开始处理</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="236"/>
        <source>办结</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="237"/>
        <source>回访</source>
        <translation>Callback</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="238"/>
        <source>重新打开</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="239"/>
        <source>转为发放</source>
        <translation>To delivery</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="240"/>
        <source>生活物资诉求按进行中的发放直接发给这一户</source>
        <translation>Serve a request for supplies from a campaign under way</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="242"/>
        <source>打印派单</source>
        <translation>Print slips</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="244"/>
        <source>今天未办结的诉求，按网格打印派单（已脱敏，带住户条码）</source>
        <translation>Today&apos;s open requests as slips per grid (masked, with the household barcode)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="247"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="270"/>
        <location filename="../../app/ui/pages/requests/page.py" line="275"/>
        <location filename="../../app/ui/pages/requests/page.py" line="279"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="271"/>
        <source>未办结</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="280"/>
        <source>只看超期</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="282"/>
        <source>状态：</source>
        <translation>Status:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="283"/>
        <source>类别：</source>
        <translation>Category:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="284"/>
        <location filename="../../app/ui/pages/requests/page.py" line="332"/>
        <source>网格：</source>
        <translation>Grid:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="318"/>
        <source>暂无诉求。接到居民来电时点击“登记诉求”（Ctrl+N）。</source>
        <translation>No requests yet. When a resident calls, click “Log request” (Ctrl+N).</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="334"/>
        <source>全部网格</source>
        <translation>All grids</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="336"/>
        <source>日期：</source>
        <translation>Date:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="339"/>
        <source>打印派单…</source>
        <translation>Print slips…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="346"/>
        <source>网格员办完后交回派单：扫描派单上的条码，填写办理结果后回车，即记为办结。</source>
        <translation>Grid workers bring the slips back when done: scan a slip&apos;s barcode, type the outcome and press Enter to close the request.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="352"/>
        <source>办理结果，如：药已送到</source>
        <translation>Outcome, e.g. medicine delivered</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="355"/>
        <source>派单条码</source>
        <translation>Slip barcode</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="356"/>
        <source>扫描派单条码</source>
        <translation>Scan the slip&apos;s barcode</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="357"/>
        <source>扫描交回的派单，再填写办理结果并回车。</source>
        <translation>Scan a returned slip, then type the outcome and press Enter.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="362"/>
        <source>办理结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="392"/>
        <source>{0} 超期</source>
        <translation>{0} overdue</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="471"/>
        <source>共 {0} 件</source>
        <translation>{0} requests</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="528"/>
        <source>对工作人员的投诉只能由书记或主任（管理员）办结</source>
        <translation>A complaint about a member of staff is closed by the secretary or director (an administrator) only</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="574"/>
        <source>已登记诉求 #{0}（{1}），办理时限 {2}</source>
        <translation>Request #{0} logged ({1}), due {2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="646"/>
        <source>派单-{0}.pdf</source>
        <translation>slips-{0}.pdf</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="648"/>
        <source>正在生成派单</source>
        <translation>Making the slips</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="666"/>
        <source>✖ 请先扫描派单条码</source>
        <translation>✖ Scan the slip&apos;s barcode first</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="669"/>
        <source>✖ 请填写办理结果：没有结果不能办结</source>
        <translation>✖ Type the outcome: a request is not closed without one</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/page.py" line="685"/>
        <source>✔ 已办结 #{0}：{1}</source>
        <translation>✔ Done #{0}: {1}</translation>
    </message>
</context>
<context>
    <name>RequestsSection</name>
    <message>
        <location filename="../../app/ui/pages/requests/section.py" line="24"/>
        <source>诉求</source>
        <translation>Requests</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/section.py" line="43"/>
        <source>未办结 {0} 件（超期 {1}，紧急 {2}）；今日受理 {3}、办结 {4}；近 30 天按时办结 {5}，回访满意 {6}</source>
        <translation>{0} open ({1} overdue, {2} urgent); today received {3}, done {4}; last 30 days done on time {5}, satisfied {6}</translation>
    </message>
</context>
<context>
    <name>ResidentForm</name>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="56"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="57"/>
        <source>护照</source>
        <translation>Passport</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="58"/>
        <source>港澳通行证</source>
        <translation>Hong Kong/Macao permit</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="59"/>
        <source>台胞证</source>
        <translation>Taiwan compatriot permit</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="60"/>
        <source>外国人永久居留证</source>
        <translation>Foreigner permanent residence card</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="61"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="134"/>
        <location filename="../../app/ui/registry_dialogs.py" line="404"/>
        <source>新增住户</source>
        <translation>New household</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="136"/>
        <source>编辑居民</source>
        <translation>Edit resident</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="136"/>
        <source>新增居民</source>
        <translation>New resident</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="141"/>
        <source>如 3栋2单元502 或 3-2-502</source>
        <translation>e.g. 3-2-502 (building-unit-room)</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="143"/>
        <source>可不填</source>
        <translation>Optional</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="146"/>
        <source>18位，末位可为X；没有可不填</source>
        <translation>18 characters, the last may be X; leave empty if none</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="156"/>
        <source>（未知）</source>
        <translation>(unknown)</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="163"/>
        <source>（未填）</source>
        <translation>(not given)</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="240"/>
        <source>住址：</source>
        <translation>Address:</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="241"/>
        <source>住户电话：</source>
        <translation>Household phone:</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="242"/>
        <source>户主</source>
        <translation>Head of household</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="245"/>
        <source>姓名：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="246"/>
        <source>身份证号：</source>
        <translation>ID card no.:</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="253"/>
        <source>其他证件：</source>
        <translation>Other ID:</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="254"/>
        <source>性别：</source>
        <translation>Sex:</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="255"/>
        <source>出生日期：</source>
        <translation>Date of birth:</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="256"/>
        <source>联系电话：</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="257"/>
        <source>与户主关系：</source>
        <translation>Relation to head:</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="258"/>
        <source>户籍类型：</source>
        <translation>Residency:</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="259"/>
        <source>状态：</source>
        <translation>Status:</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="260"/>
        <source>人员类别：</source>
        <translation>Category:</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="261"/>
        <source>备注：</source>
        <translation>Notes:</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="185"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="186"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="298"/>
        <source>出生日期 {0}，{1}（由身份证号得出）</source>
        <translation>Date of birth {0}, {1} (from the ID card number)</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="299"/>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="299"/>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="383"/>
        <source>保存居民</source>
        <translation>Save resident</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="397"/>
        <source>户号 {0}（户主 {1}，{2} 人）</source>
        <translation>household no. {0} (head {1}, people: {2})</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="398"/>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../app/ui/registry_dialogs.py" line="405"/>
        <source>{0} 已有住户：{1}。
仍要在此地址新增一户吗？</source>
        <translation>{0} already has a household: {1}.
Add another household at this address anyway?</translation>
    </message>
</context>
<context>
    <name>ResidentPickerDialog</name>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="769"/>
        <source>从居民中添加出席人员</source>
        <translation>Add attendees from residents</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="774"/>
        <source>输入姓名查找，按回车</source>
        <translation>Type a name and press Enter</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="781"/>
        <source>可按住 Ctrl 选择多人。</source>
        <translation>Hold Ctrl to select several people.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="785"/>
        <source>添加所选</source>
        <translation>Add selected</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="786"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="804"/>
        <source>找到 {0} 人</source>
        <translation>{0} found</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/meeting_editor.py" line="804"/>
        <source>没有找到。</source>
        <translation>Nothing found.</translation>
    </message>
</context>
<context>
    <name>ResidentTableModel</name>
    <message>
        <location filename="../../app/ui/models/registry_model.py" line="61"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/registry_model.py" line="62"/>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/registry_model.py" line="63"/>
        <source>年龄</source>
        <translation>Age</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/registry_model.py" line="64"/>
        <source>身份证号</source>
        <translation>ID card no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/registry_model.py" line="65"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/registry_model.py" line="66"/>
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/registry_model.py" line="67"/>
        <source>与户主关系</source>
        <translation>Relation to head</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/registry_model.py" line="68"/>
        <source>户籍</source>
        <translation>Residency</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/registry_model.py" line="69"/>
        <source>人员类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/registry_model.py" line="70"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/registry_model.py" line="71"/>
        <source>社区</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/registry_model.py" line="191"/>
        <source>户号 {0}</source>
        <translation>household no. {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/registry_model.py" line="197"/>
        <source>（户主）</source>
        <translation> (head)</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/registry_model.py" line="213"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../app/ui/models/registry_model.py" line="247"/>
        <source>（已删除）</source>
        <translation>(deleted)</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <location filename="../../app/ui/labels.py" line="63"/>
        <source>社区工作人员</source>
        <translation>Community staff</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="64"/>
        <source>网格长</source>
        <translation>Grid leader</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="65"/>
        <source>网格员</source>
        <translation>Grid worker</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="66"/>
        <source>楼长</source>
        <translation>Building leader</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="67"/>
        <source>单元长</source>
        <translation>Unit leader</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="68"/>
        <source>党员</source>
        <translation>Party member</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="69"/>
        <source>志愿者</source>
        <translation>Volunteer</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="70"/>
        <source>下沉干部</source>
        <translation>Sent-down cadre</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="71"/>
        <source>社工</source>
        <translation>Social worker</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="72"/>
        <source>共建单位</source>
        <translation>Partner organisation</translation>
    </message>
</context>
<context>
    <name>RosterField</name>
    <message>
        <location filename="../../app/ui/labels.py" line="98"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="99"/>
        <source>身份证号</source>
        <translation>ID card no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="100"/>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="101"/>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="102"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="103"/>
        <source>楼栋</source>
        <translation>Building</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="104"/>
        <source>单元</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="105"/>
        <source>门牌号</source>
        <translation>Door no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="106"/>
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="107"/>
        <source>与户主关系</source>
        <translation>Relation to head</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="108"/>
        <source>人员类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="109"/>
        <source>户籍类型</source>
        <translation>Residency</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="110"/>
        <source>证件类型</source>
        <translation>Document type</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="111"/>
        <source>其他证件号</source>
        <translation>Other ID no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="112"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="113"/>
        <source>户号</source>
        <translation>Household no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="114"/>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>RosterTab</name>
    <message>
        <location filename="../../app/ui/pages/grids/roster.py" line="46"/>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster.py" line="47"/>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster.py" line="48"/>
        <location filename="../../app/ui/pages/grids/roster.py" line="187"/>
        <location filename="../../app/ui/pages/grids/roster.py" line="200"/>
        <source>移出名册</source>
        <translation>Remove from roster</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster.py" line="50"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster.py" line="51"/>
        <location filename="../../app/ui/pages/grids/roster.py" line="278"/>
        <source>打印工作证</source>
        <translation>Print ID badges</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster.py" line="58"/>
        <source>姓名、编号、电话、单位或技能</source>
        <translation>Name, ID, phone, organisation or skill</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster.py" line="62"/>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster.py" line="66"/>
        <source>全部网格</source>
        <translation>All grids</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster.py" line="67"/>
        <source>不属于网格</source>
        <translation>Not in a grid</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster.py" line="68"/>
        <source>只看今天在岗的</source>
        <translation>Only on duty today</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster.py" line="69"/>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster.py" line="136"/>
        <source>名册还是空的。点击“新增”（Ctrl+N）登记第一位在岗人员，或“导入”Excel 名册。</source>
        <translation>The roster is empty. Click &quot;New&quot; (Ctrl+N) to add the first worker, or &quot;Import&quot; an Excel roster.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster.py" line="140"/>
        <source>没有符合条件的人员。</source>
        <translation>Nobody matches.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster.py" line="148"/>
        <source>共 {0} 人（全部 {1} 人）</source>
        <translation>Showing {0} of {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster.py" line="149"/>
        <source>：{0}</source>
        <translation>: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster.py" line="165"/>
        <source>已保存，签到编号 {0}</source>
        <translation>Saved. Check-in ID {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster.py" line="188"/>
        <source>把{0} {1}（{2}）移出名册？已有的出勤记录保留，以后的排班撤下。</source>
        <translation>Remove {0} {1} ({2}) from the roster? Past attendance is kept; future shifts are removed.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster.py" line="206"/>
        <location filename="../../app/ui/pages/grids/roster.py" line="238"/>
        <location filename="../../app/ui/pages/grids/roster.py" line="259"/>
        <source>导入人员名册</source>
        <translation>Import staff roster</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster.py" line="207"/>
        <source>表格文件 (*.xlsx *.xls *.xlsm *.ods *.csv)</source>
        <translation>Spreadsheets (*.xlsx *.xls *.xlsm *.ods *.csv)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster.py" line="220"/>
        <source>检查人员名册</source>
        <translation>Check staff roster</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster.py" line="228"/>
        <source>名册中没有“类别”列</source>
        <translation>The roster has no &quot;Category&quot; column</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster.py" line="229"/>
        <source>这份名册里的人都是：</source>
        <translation>Everyone in this roster is:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster.py" line="261"/>
        <source>已导入：新增 {0} 人，更新 {1} 人</source>
        <translation>Imported: {0} added, {1} updated</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster.py" line="279"/>
        <source>打印哪些人的签到工作证？</source>
        <translation>Print check-in ID badges for whom?</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster.py" line="281"/>
        <source>只打印 {0}（{1}）</source>
        <translation>Only {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster.py" line="284"/>
        <source>全部在岗人员</source>
        <translation>All on-duty workers</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster.py" line="292"/>
        <source>签到工作证</source>
        <translation>Check-in ID badges</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/roster.py" line="293"/>
        <source>签到工作证.pdf</source>
        <translation>Check-in ID badges.pdf</translation>
    </message>
</context>
<context>
    <name>RoundDialog</name>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy_dialogs.py" line="60"/>
        <source>开新批次</source>
        <translation>Open new round</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy_dialogs.py" line="64"/>
        <source>如：第3批（12月1日）</source>
        <translation>e.g. Round 3 (1 Dec)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy_dialogs.py" line="65"/>
        <source>批次名称</source>
        <translation>Round name</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy_dialogs.py" line="66"/>
        <source>沿用上一批次的套餐（内容、价格、供应商）</source>
        <translation>Carry over the previous round&apos;s bundles (contents, prices, suppliers)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/group_buy_dialogs.py" line="73"/>
        <source>开批次</source>
        <translation>Open round</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="84"/>
        <source>查找：姓名 / 拼音（zs）/ 身份证或电话后四位 / 3-2-502 / 户号</source>
        <translation>Find: name / pinyin (zs) / last 4 digits of ID or phone / 3-2-502 / household no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="116"/>
        <source>（户主）</source>
        <translation> (head)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="122"/>
        <source>没有找到“{0}”</source>
        <translation>Nothing found for &quot;{0}&quot;</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="125"/>
        <source>显示前 {0} 人，还有更多：请输入更多字缩小范围</source>
        <translation>Showing the first {0}; there are more: type more to narrow the search</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/registry.py" line="127"/>
        <source>共找到 {0} 人</source>
        <translation>{0} found</translation>
    </message>
</context>
<context>
    <name>SentModel</name>
    <message>
        <location filename="../../app/ui/models/exchange_models.py" line="29"/>
        <source>编号</source>
        <translation>Ref.</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/exchange_models.py" line="30"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/exchange_models.py" line="31"/>
        <source>记录数</source>
        <translation>Records</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/exchange_models.py" line="32"/>
        <source>生成时间</source>
        <translation>Created</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/exchange_models.py" line="33"/>
        <source>收件方</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/exchange_models.py" line="34"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/exchange_models.py" line="35"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/exchange_models.py" line="42"/>
        <source>全量</source>
        <translation>Full</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/exchange_models.py" line="42"/>
        <source>增量</source>
        <translation>Incremental</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/exchange_models.py" line="51"/>
        <source>未确认收到</source>
        <translation>Receipt not confirmed</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/exchange_models.py" line="52"/>
        <source>已收到（{0}）</source>
        <translation>Received ({0})</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../app/ui/pages/settings.py" line="41"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings.py" line="60"/>
        <source>本机构与显示</source>
        <translation>Office and display</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings.py" line="63"/>
        <source>用户</source>
        <translation>Users</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings.py" line="69"/>
        <source>（打开本页时读取）</source>
        <translation>(read when this page opens)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings.py" line="70"/>
        <source>密钥指纹：</source>
        <translation>Key fingerprint:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings.py" line="73"/>
        <source>数据文件夹</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings.py" line="78"/>
        <source>打开文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings.py" line="85"/>
        <source>显示</source>
        <translation>Display</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings.py" line="93"/>
        <source>界面语言：</source>
        <translation>Language:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings.py" line="97"/>
        <source>大字体（适合长时间阅读）</source>
        <translation>Large text (easier for long reading)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings.py" line="100"/>
        <source>字号：</source>
        <translation>Text size:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings.py" line="106"/>
        <source> 分钟</source>
        <translation> minutes</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings.py" line="107"/>
        <source>从不</source>
        <translation>Never</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings.py" line="110"/>
        <source>无操作时自动锁定：</source>
        <translation>Lock when idle for:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings.py" line="123"/>
        <source>未找到密钥文件（keys 文件夹）</source>
        <translation>Key files not found (keys folder)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/settings.py" line="31"/>
        <source>重新启动 GridDesk 后生效。</source>
        <translation>Takes effect when GridDesk is restarted.</translation>
    </message>
</context>
<context>
    <name>ShiftModel</name>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="267"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="268"/>
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="269"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="270"/>
        <source>地点 / 网格</source>
        <translation>Place / grid</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="271"/>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="272"/>
        <source>人员及状态</source>
        <translation>People and status</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="279"/>
        <source>次日</source>
        <translation>next day </translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="289"/>
        <source>（缺 {0}）</source>
        <translation> ({0} short)</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="291"/>
        <source>未排人</source>
        <translation>Nobody assigned</translation>
    </message>
</context>
<context>
    <name>ShiftPeopleModel</name>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="309"/>
        <source>编号</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="310"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="311"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="312"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="313"/>
        <source>签到</source>
        <translation>Check-in</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/grid_models.py" line="314"/>
        <source>签退</source>
        <translation>Check-out</translation>
    </message>
</context>
<context>
    <name>ShiftsDialog</name>
    <message>
        <location filename="../../app/ui/pages/grids/duty_dialogs.py" line="99"/>
        <source>排班</source>
        <translation>Schedule shifts</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/duty_dialogs.py" line="115"/>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/duty_dialogs.py" line="122"/>
        <source>（结束早于开始即为次日）</source>
        <translation>(an end before the start means the next day)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/duty_dialogs.py" line="124"/>
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/duty_dialogs.py" line="125"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/duty_dialogs.py" line="126"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/duty_dialogs.py" line="127"/>
        <source>每班人数</source>
        <translation>People per shift</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../app/ui/sign_in.py" line="132"/>
        <source>登录 — GridDesk 社区应急工作台</source>
        <translation>Sign in — GridDesk</translation>
    </message>
    <message>
        <location filename="../../app/ui/sign_in.py" line="137"/>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <location filename="../../app/ui/sign_in.py" line="142"/>
        <location filename="../../app/ui/sign_in.py" line="176"/>
        <source>请输入用户名和密码。</source>
        <translation>Type your user name and password.</translation>
    </message>
    <message>
        <location filename="../../app/ui/sign_in.py" line="147"/>
        <source>用户名</source>
        <translation>user name</translation>
    </message>
    <message>
        <location filename="../../app/ui/sign_in.py" line="148"/>
        <source>密码</source>
        <translation>password</translation>
    </message>
    <message>
        <location filename="../../app/ui/sign_in.py" line="149"/>
        <source>用户名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <location filename="../../app/ui/sign_in.py" line="150"/>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../../app/ui/sign_in.py" line="156"/>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../app/ui/sign_in.py" line="158"/>
        <source>忘记密码…</source>
        <translation>Forgot password…</translation>
    </message>
    <message>
        <location filename="../../app/ui/sign_in.py" line="160"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../app/ui/sign_in.py" line="179"/>
        <source>正在登录…</source>
        <translation>Signing in…</translation>
    </message>
    <message>
        <location filename="../../app/ui/sign_in.py" line="215"/>
        <source>已重设管理员 {0} 的密码，请用新密码登录。</source>
        <translation>The password of administrator {0} was reset; sign in with the new one.</translation>
    </message>
</context>
<context>
    <name>SplitDialog</name>
    <message>
        <location filename="../../app/ui/pages/grids/structure_dialogs.py" line="189"/>
        <source>拆分网格 {0}</source>
        <translation>Split grid {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure_dialogs.py" line="192"/>
        <source>新网格编号，如 {0}B</source>
        <translation>New grid ID, e.g. {0}B</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure_dialogs.py" line="195"/>
        <source>划入新网格的楼栋，如 5-6</source>
        <translation>Buildings for the new grid, e.g. 5-6</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure_dialogs.py" line="197"/>
        <source>或单独的住户：3-2-502, 3-2-601</source>
        <translation>or single households: 3-2-502, 3-2-601</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure_dialogs.py" line="198"/>
        <source>新网格编号</source>
        <translation>New grid ID</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure_dialogs.py" line="199"/>
        <source>新网格名称</source>
        <translation>New grid name</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure_dialogs.py" line="200"/>
        <source>楼栋</source>
        <translation>Buildings</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure_dialogs.py" line="201"/>
        <source>住户</source>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialogs.py" line="62"/>
        <source>拆分住户 {0}</source>
        <translation>Split household {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialogs.py" line="65"/>
        <source>勾选要分出去、另立一户的成员：</source>
        <translation>Tick the members who will form a new household:</translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialogs.py" line="76"/>
        <source>新户的住址，如 3栋2单元502 或 3-2-502</source>
        <translation>e.g. 3-2-502</translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialogs.py" line="79"/>
        <source>新户住址：</source>
        <translation>New address:</translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialogs.py" line="80"/>
        <source>新户户主：</source>
        <translation>New head of household:</translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialogs.py" line="81"/>
        <source>原户户主：</source>
        <translation>Head of the original household:</translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialogs.py" line="88"/>
        <source>拆分</source>
        <translation>Split</translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialogs.py" line="126"/>
        <source>请勾选要分出去的成员。</source>
        <translation>Please tick the members to move out.</translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialogs.py" line="129"/>
        <source>不能把全部成员都分出去；整户搬家请修改住址。</source>
        <translation>Not all members can be moved out; if the whole household moves, change its address instead.</translation>
    </message>
    <message>
        <location filename="../../app/ui/household_dialogs.py" line="153"/>
        <source>拆分住户</source>
        <translation>Split household</translation>
    </message>
</context>
<context>
    <name>StreetDirectivesPage</name>
    <message>
        <location filename="../../app/ui/pages/street_areas.py" line="41"/>
        <source>下发事项</source>
        <translation>Directives</translation>
    </message>
</context>
<context>
    <name>StreetNewsSection</name>
    <message>
        <location filename="../../app/ui/pages/street_news.py" line="25"/>
        <source>街道下发</source>
        <translation>From the street office</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/street_news.py" line="54"/>
        <source>街道办没有新的通知或待办。导入街道办的回传包后显示在这里。</source>
        <translation>No new notices or tasks from the street office. They appear here once you import the street office&apos;s return package.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/street_news.py" line="58"/>
        <source>近期通知和待办 {0} 项，其中待办 {1} 项（在“数据交换”页办理）</source>
        <translation>{0} recent notices and tasks, {1} of them to do (on the Data exchange page)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/street_news.py" line="63"/>
        <source>通知</source>
        <translation>Notice</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/street_news.py" line="63"/>
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/street_news.py" line="64"/>
        <source>物资调拨</source>
        <translation>Supply allocation</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/street_news.py" line="66"/>
        <source>，期限 {0}</source>
        <translation>, due {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/street_news.py" line="67"/>
        <source>待办</source>
        <translation>To do</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/street_news.py" line="67"/>
        <source>已收到</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/street_news.py" line="69"/>
        <source>【{0}】{1}（{2} 下发{3}）· {4}</source>
        <translation>[{0}] {1} (issued {2}{3}) · {4}</translation>
    </message>
</context>
<context>
    <name>StreetOverviewPanel</name>
    <message>
        <location filename="../../app/ui/pages/street.py" line="58"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/street.py" line="61"/>
        <source>汇总报表 PDF 预览/打印…</source>
        <translation>Summary report PDF preview/print…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/street.py" line="63"/>
        <source>汇总报表导出 Excel…</source>
        <translation>Export summary report to Excel…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/street.py" line="84"/>
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/street.py" line="105"/>
        <source>尚未登记任何社区。请在“导入与回执”中登记社区的公钥文件，再导入其数据包。</source>
        <translation>No communities enrolled yet. Enrol a community&apos;s public key file under &quot;Import and receipts&quot;, then import its packages.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/street.py" line="68"/>
        <source>逾期阈值</source>
        <translation>Late after</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/street.py" line="72"/>
        <source> 小时</source>
        <translation> h</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/street.py" line="75"/>
        <source>超过这么多小时未收到数据包的社区标为“逾期”（默认 24 小时）</source>
        <translation>A community with no package for more than this many hours is marked late (default 24 hours)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/street.py" line="77"/>
        <source>逾期阈值（小时）</source>
        <translation>Late after (hours)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/street.py" line="129"/>
        <source>数字来自各社区最近导入的数据包。超过 {0} 小时未收到数据包的社区标为“逾期”。缺口为各社区导出数据包时尚未发放、且库存不够的份额。诉求一栏为各社区未办结的居民诉求，括号内为已超期的；不含诉求人的任何信息。随访一栏为今日已记录/应随访的人次、近 {1} 天已过时间未记录的（漏访）和发现需要帮助的人次；不含被随访人的任何信息。</source>
        <translation>Figures come from each community&apos;s most recently imported package. A community with no package for more than {0} hours is marked &quot;overdue&quot;. Shortfall is the shares not yet handed out that stock does not cover, as of the community&apos;s export. The requests column counts each community&apos;s open residents&apos; requests, those overdue in brackets; nothing of who asked. The visits column shows today&apos;s visits recorded of those due, and over the last {1} days those past their time and not recorded (missed) and those that found someone needing help; nothing of who was visited.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/street.py" line="168"/>
        <source>共 {0} 个社区，逾期 {1} 个；在住居民 {2} 人，住户 {3} 户，重点人群 {4} 人</source>
        <translation>Communities: {0}, overdue: {1}; residents living here: {2}, households: {3}, vulnerable: {4}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/street.py" line="177"/>
        <source>统计于 {0}</source>
        <translation>Counted at {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/street.py" line="205"/>
        <source>正在生成汇总报表</source>
        <translation>Generating the summary report</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/street.py" line="212"/>
        <source>导出汇总报表</source>
        <translation>Export summary report</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/street.py" line="214"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/street.py" line="232"/>
        <source>已导出到 {0}</source>
        <translation>Exported to {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/street.py" line="235"/>
        <source>正在导出汇总报表</source>
        <translation>Exporting the summary report</translation>
    </message>
</context>
<context>
    <name>StreetReportsPage</name>
    <message>
        <location filename="../../app/ui/pages/street_areas.py" line="32"/>
        <source>报表</source>
        <translation>Reports</translation>
    </message>
</context>
<context>
    <name>StructureTab</name>
    <message>
        <location filename="../../app/ui/pages/grids/structure.py" line="81"/>
        <source>查看未分网格的住户</source>
        <translation>Show households without a grid</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure.py" line="115"/>
        <source>网格</source>
        <translation>Grids</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure.py" line="117"/>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure.py" line="118"/>
        <source>修改</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure.py" line="119"/>
        <source>合并</source>
        <translation>Merge</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure.py" line="120"/>
        <source>拆分</source>
        <translation>Split</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure.py" line="121"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure.py" line="146"/>
        <source>楼栋</source>
        <translation>Buildings</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure.py" line="149"/>
        <source>分配到网格…</source>
        <translation>Assign to grid…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure.py" line="151"/>
        <source>查看住户</source>
        <translation>Show households</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure.py" line="155"/>
        <source>全部楼栋</source>
        <translation>All buildings</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure.py" line="156"/>
        <source>所选网格的楼栋</source>
        <translation>Selected grid&apos;s buildings</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure.py" line="157"/>
        <source>有未分网格住户的楼栋</source>
        <translation>Buildings with households without a grid</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure.py" line="177"/>
        <source>住户</source>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure.py" line="180"/>
        <source>分到网格…</source>
        <translation>Assign to grid…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure.py" line="181"/>
        <source>归属历史</source>
        <translation>Grid history</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure.py" line="194"/>
        <source>选中一栋楼后点“查看住户”（或双击），这里列出它的住户。</source>
        <translation>Select a building and click &quot;Show households&quot; (or double-click) to list its households here.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure.py" line="223"/>
        <source>有 {0} 户尚未分到任何网格。请把它们所在的楼栋或住户分到网格。</source>
        <translation>Households not in any grid yet: {0}. Assign their buildings or the households to a grid.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure.py" line="228"/>
        <source>所有住户都已分到网格（未分网格的住户：0 户）。</source>
        <translation>Every household is in a grid (households without a grid: 0).</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure.py" line="247"/>
        <source>共 {0} 栋，{1} 户</source>
        <translation>Buildings: {0}, households: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure.py" line="311"/>
        <source>{0}栋的住户（{1} 户）</source>
        <translation>Households in building {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure.py" line="314"/>
        <source>可多选住户后点“分到网格…”单独调整；楼栋的其他住户不受影响。</source>
        <translation>Select one or more households and click &quot;Assign to grid…&quot; to move just them; the other households in the building are not affected.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure.py" line="332"/>
        <source>未分网格的住户（{0} 户）</source>
        <translation>Households without a grid ({0})</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure.py" line="334"/>
        <source>（列出前 {0} 户；按楼栋分配可一次处理全部）</source>
        <translation> (first {0} listed; assigning by building handles them all at once)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure.py" line="340"/>
        <source>全选（Ctrl+A）后点“分到网格…”。</source>
        <translation>Select all (Ctrl+A), then click &quot;Assign to grid…&quot;.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure.py" line="342"/>
        <source>没有未分网格的住户。</source>
        <translation>No households without a grid.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure.py" line="374"/>
        <source>已将 {0} 并入 {1}（{2} 户）</source>
        <translation>Merged {0} into {1} ({2} households)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure.py" line="388"/>
        <source>已拆出新网格 {0}（{1} 户）</source>
        <translation>Split off new grid {0} ({1} households)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure.py" line="398"/>
        <location filename="../../app/ui/pages/grids/structure.py" line="411"/>
        <source>删除网格</source>
        <translation>Delete grid</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure.py" line="399"/>
        <source>删除网格 {0}“{1}”？只有没有住户、没有在岗人员的网格才能删除。</source>
        <translation>Delete grid {0} &quot;{1}&quot;? Only a grid with no households and no on-duty workers can be deleted.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure.py" line="432"/>
        <source> 等 {0} 户</source>
        <translation> and others ({0} households)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure.py" line="446"/>
        <source>已将 {0} 户划入网格 {1}</source>
        <translation>Assigned {0} households to grid {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure.py" line="450"/>
        <source>（{0} 户原已在此网格）</source>
        <translation> ({0} households were already in this grid)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/structure.py" line="452"/>
        <source>；范围中没有这些楼号：{0}</source>
        <translation>; these building numbers do not exist: {0}</translation>
    </message>
</context>
<context>
    <name>SuppliesPage</name>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="101"/>
        <location filename="../../app/ui/pages/supplies/page.py" line="168"/>
        <location filename="../../app/ui/pages/supplies/page.py" line="180"/>
        <location filename="../../app/ui/pages/supplies/page.py" line="205"/>
        <source>物资</source>
        <translation>Supplies</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="145"/>
        <location filename="../../app/ui/pages/supplies/page.py" line="300"/>
        <source>入库</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="148"/>
        <location filename="../../app/ui/pages/supplies/page.py" line="301"/>
        <source>出库</source>
        <translation>Issue</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="150"/>
        <location filename="../../app/ui/pages/supplies/page.py" line="304"/>
        <source>调整</source>
        <translation>Adjustment</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="153"/>
        <source>新建发放</source>
        <translation>New distribution</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="156"/>
        <location filename="../../app/ui/pages/supplies/page.py" line="641"/>
        <source>导出需求清单</source>
        <translation>Export needs list</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="157"/>
        <location filename="../../app/ui/pages/supplies/page.py" line="687"/>
        <source>打印签收表</source>
        <translation>Print sign-off sheet</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="159"/>
        <location filename="../../app/ui/pages/supplies/page.py" line="710"/>
        <source>打印取货单</source>
        <translation>Print pick-up slips</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="161"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="119"/>
        <location filename="../../app/ui/pages/supplies/page.py" line="128"/>
        <location filename="../../app/ui/pages/supplies/page.py" line="307"/>
        <source>发放</source>
        <translation>Distribution</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="113"/>
        <source>扫码签收</source>
        <translation>Scan to sign off</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="114"/>
        <source>扫描住户条码，或输入门牌号（3-2-502）后回车</source>
        <translation>Scan the household barcode, or type the door number (3-2-502) and press Enter</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="115"/>
        <source>选择一次发放，然后扫描住户条码。</source>
        <translation>Choose a distribution, then scan household barcodes.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="169"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="170"/>
        <source>现有</source>
        <translation>In stock</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="171"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="172"/>
        <source>累计入库</source>
        <translation>Total received</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="173"/>
        <source>累计发出</source>
        <translation>Total issued</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="174"/>
        <source>有效期</source>
        <translation>Expiry</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="179"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="181"/>
        <source>存放点</source>
        <translation>Stored at</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="182"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="183"/>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="184"/>
        <source>经办人</source>
        <translation>Handled by</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="185"/>
        <source>来源 / 原因</source>
        <translation>Source / reason</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="188"/>
        <source>暂无物资，点击“入库”登记第一批。</source>
        <translation>No supplies yet. Click &quot;Receipt&quot; to record the first batch.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="127"/>
        <source>库存台账</source>
        <translation>Stock ledger</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="203"/>
        <source>编号</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="204"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="206"/>
        <source>对象</source>
        <translation>Recipients</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="207"/>
        <source>已发 / 应发（户）</source>
        <translation>Given / due (households)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="208"/>
        <source>已发 / 应发（数量）</source>
        <translation>Given / due (quantity)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="209"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="215"/>
        <location filename="../../app/ui/pages/supplies/page.py" line="427"/>
        <source>已领取</source>
        <translation>Collected</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="216"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="217"/>
        <source>门牌号</source>
        <translation>Door no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="218"/>
        <source>户编号</source>
        <translation>Household no.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="219"/>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="220"/>
        <source>应发物资</source>
        <translation>Supplies due</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="221"/>
        <source>重点户</source>
        <translation>Vulnerable</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="222"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="223"/>
        <source>领取时间 / 经办人</source>
        <translation>Collected at / Handled by</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="235"/>
        <source>只看未领取</source>
        <translation>Only not collected</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="132"/>
        <source>团购</source>
        <translation>Group purchase</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="290"/>
        <source>{d}（已过期）</source>
        <translation>{d} (expired)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="302"/>
        <source>调出</source>
        <translation>Transfer out</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="303"/>
        <source>调入</source>
        <translation>Transfer in</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="305"/>
        <source>过期报废</source>
        <translation>Expired, written off</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="306"/>
        <source>盘点</source>
        <translation>Stocktake</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="338"/>
        <source>进行中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="338"/>
        <source>已结束</source>
        <translation>Finished</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="360"/>
        <source>共 {items} 种物资，{campaigns} 次发放</source>
        <translation>Items: {items}; distributions: {campaigns}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="372"/>
        <source>网格 {0}</source>
        <translation>Grid {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="378"/>
        <source>选定的 {0} 户</source>
        <translation>{0} chosen households</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="379"/>
        <source>全部住户</source>
        <translation>All households</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="393"/>
        <source>扫码</source>
        <translation>Scan</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="393"/>
        <source>勾选</source>
        <translation>Tick</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="393"/>
        <source>命令行</source>
        <translation>Command line</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="408"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="434"/>
        <source>共 {n} 户，已领取 {done} 户，未领取 {waiting} 户</source>
        <translation>Households: {n}; collected: {done}, not yet: {waiting}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="642"/>
        <source>需求清单.xlsx</source>
        <translation>Needs list.xlsx</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="710"/>
        <source>取货单-{code}.pdf</source>
        <translation>Pick-up slips-{code}.pdf</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="727"/>
        <source>正在生成取货单</source>
        <translation>Generating pick-up slips</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="728"/>
        <source>已生成取货单：{p}</source>
        <translation>Pick-up slips generated: {p}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="468"/>
        <location filename="../../app/ui/pages/supplies/page.py" line="670"/>
        <source>✖ 请先选择一次发放</source>
        <translation>✖ Please choose a distribution first</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="492"/>
        <source>✔ 已发放：{address} 领取 {items}</source>
        <translation>✔ Given: {address} received {items}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="497"/>
        <source>✔ 已发放：{address} 领取 {item} {qty}{unit}（剩余 {left}{unit}）</source>
        <translation>✔ Given: {address} received {qty}{unit} of {item} ({left}{unit} left)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="543"/>
        <location filename="../../app/ui/pages/supplies/page.py" line="551"/>
        <source>撤销领取</source>
        <translation>Undo collection</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="544"/>
        <source>撤销 {address} 的领取记录？物资将退回库存，记录连同原因保留。</source>
        <translation>Undo the collection record for {address}? The supplies go back into stock; the record and the reason are kept.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="551"/>
        <source>撤销 {address} 的原因：</source>
        <translation>Reason for undoing {address}:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="581"/>
        <source>↺ 已撤销 {address} 的领取，退回库存：{back}</source>
        <translation>↺ Undid the collection for {address}, returned to stock: {back}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="635"/>
        <source>正在生成发放计划</source>
        <translation>Creating the distribution plan</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="660"/>
        <source>正在导出需求清单</source>
        <translation>Exporting the needs list</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="661"/>
        <source>已导出：{p}</source>
        <translation>Exported: {p}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="687"/>
        <source>签收表-{code}.pdf</source>
        <translation>sign-off-{code}.pdf</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="703"/>
        <source>正在生成签收表</source>
        <translation>Creating the sign-off sheet</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/page.py" line="704"/>
        <source>已生成签收表：{p}</source>
        <translation>Sign-off sheet created: {p}</translation>
    </message>
</context>
<context>
    <name>SuppliesSection</name>
    <message>
        <location filename="../../app/ui/pages/supplies/section.py" line="24"/>
        <source>物资</source>
        <translation>Supplies</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/section.py" line="51"/>
        <source>没有进行中的发放</source>
        <translation>No distribution under way</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/section.py" line="53"/>
        <source>进行中发放 {0} 项，已领 {1} / {2} 户</source>
        <translation>Distributions under way: {0}; households served: {1} of {2}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/section.py" line="57"/>
        <source>；库存不足 {0} 种</source>
        <translation>; {0} item(s) short</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/section.py" line="59"/>
        <source>；库存足够</source>
        <translation>; stock covers them</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/section.py" line="62"/>
        <source>{0}：已领 {1} / {2} 户</source>
        <translation>{0}: {1} of {2} households served</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/section.py" line="71"/>
        <source>缺口：</source>
        <translation>Short: </translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/section.py" line="72"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/supplies/section.py" line="73"/>
        <source>{0} 缺 {1}{2}</source>
        <translation>{0} short by {1}{2}</translation>
    </message>
</context>
<context>
    <name>SupplyCategory</name>
    <message>
        <location filename="../../app/ui/labels.py" line="117"/>
        <source>防护用品</source>
        <translation>Protective gear</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="118"/>
        <source>消杀用品</source>
        <translation>Disinfection</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="119"/>
        <source>粮油</source>
        <translation>Grain and oil</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="120"/>
        <source>蔬菜副食</source>
        <translation>Vegetables and food</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="121"/>
        <source>药品</source>
        <translation>Medicine</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="122"/>
        <source>生活用品</source>
        <translation>Daily necessities</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="123"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
</context>
<context>
    <name>SupplyPoint</name>
    <message>
        <location filename="../../app/ui/labels.py" line="126"/>
        <source>社区仓库</source>
        <translation>Community store</translation>
    </message>
</context>
<context>
    <name>Tags</name>
    <message>
        <location filename="../../app/ui/labels.py" line="21"/>
        <source>独居老人</source>
        <translation>Elderly living alone</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="22"/>
        <source>空巢老人</source>
        <translation>Empty-nest elderly</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="23"/>
        <source>残疾人</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="24"/>
        <source>慢性病</source>
        <translation>Chronic illness</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="25"/>
        <source>孕产妇</source>
        <translation>Pregnant or new mother</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="26"/>
        <source>婴幼儿</source>
        <translation>Infant</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="27"/>
        <source>低保</source>
        <translation>Minimum living allowance</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="28"/>
        <source>特困</source>
        <translation>Extreme hardship</translation>
    </message>
</context>
<context>
    <name>TargetChooser</name>
    <message>
        <location filename="../../app/ui/pages/printing/options.py" line="153"/>
        <source>打印范围</source>
        <translation>Print for</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/options.py" line="160"/>
        <source>全部住户</source>
        <translation>All households</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/options.py" line="161"/>
        <source>按网格</source>
        <translation>By grid</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/options.py" line="162"/>
        <source>按楼栋</source>
        <translation>By building</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/options.py" line="163"/>
        <source>按标签（重点人群等）</source>
        <translation>By tag</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/options.py" line="164"/>
        <source>选定住户</source>
        <translation>Chosen households</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/options.py" line="165"/>
        <source>不按户（张贴用）</source>
        <translation>Not per household (for posting)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/options.py" line="171"/>
        <source>范围：</source>
        <translation>Scope:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/options.py" line="173"/>
        <source>本社区全部住户，每户一份。</source>
        <translation>Every household, one copy each.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/options.py" line="181"/>
        <source>户号或门牌，用逗号分隔，例如 3-2-502, H000123</source>
        <translation>Household numbers or door numbers, comma-separated, e.g. 3-2-502, H000123</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/options.py" line="186"/>
        <source> 份</source>
        <translation> copies</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/options.py" line="199"/>
        <source>选择：</source>
        <translation>Choose:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/options.py" line="257"/>
        <source>共 {0} 份，不印住户信息</source>
        <translation>{0} copies, no household details</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/options.py" line="259"/>
        <source>共 {0:,} 户，每户一份</source>
        <translation>{0:,} households, one copy each</translation>
    </message>
</context>
<context>
    <name>TemplateEditor</name>
    <message>
        <location filename="../../app/ui/pages/printing/editor.py" line="34"/>
        <source>模板内容</source>
        <translation>Template content</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/editor.py" line="37"/>
        <source>内置模板不能直接修改：点击“复制”建立可以修改的副本。</source>
        <translation>Built-in templates cannot be edited: click &quot;Copy&quot; to make a copy you can edit.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/editor.py" line="49"/>
        <source>模板名称：</source>
        <translation>Template name:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/editor.py" line="50"/>
        <source>通知标题：</source>
        <translation>Notice title:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/editor.py" line="51"/>
        <source>正文：</source>
        <translation>Body:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/editor.py" line="70"/>
        <source>插入占位符</source>
        <translation>Insert placeholder</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/editor.py" line="74"/>
        <source>占位符：</source>
        <translation>Placeholders:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/editor.py" line="123"/>
        <source>标题中不能使用住户或网格的占位符：{0}</source>
        <translation>Household or grid placeholders cannot be used in the title: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/editor.py" line="129"/>
        <source>不认识的占位符：{0}（请从“插入占位符”中选择）</source>
        <translation>Unknown placeholder: {0} (please choose from &quot;Insert placeholder&quot;)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/printing/editor.py" line="134"/>
        <source>请填写通知标题。</source>
        <translation>Please enter a notice title.</translation>
    </message>
</context>
<context>
    <name>TextStepDialog</name>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="547"/>
        <source>办结</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="547"/>
        <source>重新打开</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="555"/>
        <source>办理结果：做了什么、结果如何（必填）</source>
        <translation>Outcome: what was done and how it ended (required)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="557"/>
        <source>重新打开的原因（必填）</source>
        <translation>Why it is reopened (required)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="560"/>
        <source>办理结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="560"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="568"/>
        <source>请填写办理结果：没有办理结果不能办结。</source>
        <translation>Type the outcome: a request is not closed without one.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/dialogs.py" line="569"/>
        <source>请填写重新打开的原因。</source>
        <translation>Type why the request is reopened.</translation>
    </message>
</context>
<context>
    <name>UndoAnswerDialog</name>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="686"/>
        <location filename="../../app/ui/pages/directives.py" line="708"/>
        <source>撤回回复</source>
        <translation>Take back answer</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="691"/>
        <source>撤回“{0}”的到货登记？&lt;br&gt;已记入库存的 &lt;b&gt;{1}{2}{3}&lt;/b&gt; 将从库存冲减（记一笔库存调整），该调拨恢复为待办，可重新确认到货。</source>
        <translation>Take back the arrival of &quot;{0}&quot;?&lt;br&gt;The &lt;b&gt;{1}{2} {3}&lt;/b&gt; booked into stock will be taken out again (recorded as a stock adjustment); the allocation becomes open and its arrival can be confirmed again.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="698"/>
        <source>撤回任务“{0}”的完成登记？&lt;br&gt;该任务恢复为待办，可重新登记完成。</source>
        <translation>Take back the completion of task &quot;{0}&quot;?&lt;br&gt;The task becomes open again and can be completed again.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="700"/>
        <source>撤回随下一次数据包报街道办。</source>
        <translation>The street office learns of it with the next package.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="705"/>
        <source>如：误点完成、数量填错</source>
        <translation>e.g. completed by mistake, wrong quantity</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/directives.py" line="706"/>
        <source>撤回原因（必填）</source>
        <translation>Reason (required)</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <location filename="../../app/ui/pages/users.py" line="308"/>
        <source>更改角色 — {0}</source>
        <translation>Change role — {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/users.py" line="308"/>
        <source>添加用户</source>
        <translation>Add user</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/users.py" line="313"/>
        <source>如 lisi 或 李四</source>
        <translation>e.g. lisi</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/users.py" line="315"/>
        <source>用户名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/users.py" line="321"/>
        <source>角色：</source>
        <translation>Role:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/users.py" line="332"/>
        <source>负责网格：</source>
        <translation>Grids:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/users.py" line="334"/>
        <source>还没有网格：请先在“网格”中建网格。</source>
        <translation>No grids yet: make them under Grids first.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/users.py" line="337"/>
        <source>至少 8 位</source>
        <translation>at least 8 characters</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/users.py" line="340"/>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/users.py" line="341"/>
        <source>再输入一次：</source>
        <translation>Again:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/users.py" line="354"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/users.py" line="354"/>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/users.py" line="355"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/users.py" line="369"/>
        <source>管理员：管理用户、设置、密钥、恢复备份、审计，以及全部日常工作。</source>
        <translation>Administrator: users, settings, keys, restoring backups, the audit trail, and all the daily work.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/users.py" line="370"/>
        <source>工作人员：各页面的日常工作；可申请查看完整证件号（留审计记录）。</source>
        <translation>Staff: the daily work of every page; may ask to see a full ID number (recorded in the audit trail).</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/users.py" line="372"/>
        <source>网格员/志愿者：只看所负责网格的住户（遮盖显示），发放、签到、走访。</source>
        <translation>Grid worker / volunteer: only the households of their grids (masked); deliveries, check-in, visits.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/users.py" line="374"/>
        <source>查看：首页和报表的统计数字，不含个人信息。</source>
        <translation>Viewer: the counts of Home and Reports, nothing personal.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/users.py" line="394"/>
        <source>两次输入的密码不一样。</source>
        <translation>The two passwords differ.</translation>
    </message>
</context>
<context>
    <name>UserMenu</name>
    <message>
        <location filename="../../app/ui/user_menu.py" line="31"/>
        <source>用户(&amp;U)</source>
        <translation>&amp;User</translation>
    </message>
    <message>
        <location filename="../../app/ui/user_menu.py" line="32"/>
        <source>锁定</source>
        <translation>Lock</translation>
    </message>
    <message>
        <location filename="../../app/ui/user_menu.py" line="36"/>
        <source>切换用户…</source>
        <translation>Switch user…</translation>
    </message>
    <message>
        <location filename="../../app/ui/user_menu.py" line="38"/>
        <source>修改我的密码…</source>
        <translation>Change my password…</translation>
    </message>
    <message>
        <location filename="../../app/ui/user_menu.py" line="41"/>
        <source>注销</source>
        <translation>Sign out</translation>
    </message>
</context>
<context>
    <name>UserRole</name>
    <message>
        <location filename="../../app/ui/labels.py" line="75"/>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="76"/>
        <source>工作人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="77"/>
        <source>网格员/志愿者</source>
        <translation>Grid worker / volunteer</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="78"/>
        <source>查看</source>
        <translation>Viewer</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <location filename="../../app/ui/pages/users.py" line="66"/>
        <source>添加用户…</source>
        <translation>Add user…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/users.py" line="68"/>
        <source>更改角色…</source>
        <translation>Change role…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/users.py" line="70"/>
        <source>重设密码…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/users.py" line="72"/>
        <location filename="../../app/ui/pages/users.py" line="159"/>
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/users.py" line="77"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/users.py" line="78"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/users.py" line="79"/>
        <source>网格</source>
        <translation>Grids</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/users.py" line="80"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/users.py" line="81"/>
        <source>最后登录</source>
        <translation>Last sign-in</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/users.py" line="92"/>
        <source>网格员/志愿者只看到所负责网格的住户，证件号和电话总是遮盖显示；“查看”只看首页和报表。停用的用户不能再登录，他的记录仍保留。</source>
        <translation>A grid worker sees only the households of their grids, with ID numbers and phones always masked; a viewer sees only Home and Reports. A disabled user can no longer sign in; what they recorded stays.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/users.py" line="128"/>
        <source>已启用</source>
        <translation>Enabled</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/users.py" line="159"/>
        <source>启用</source>
        <translation>Enable</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/users.py" line="128"/>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/users.py" line="139"/>
        <source>共 {0} 个用户，{1} 个启用</source>
        <translation>{0} users, {1} enabled</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/users.py" line="182"/>
        <source>用户</source>
        <translation>Users</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/users.py" line="263"/>
        <source>已重设 {0} 的密码。</source>
        <translation>The password of {0} was reset.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/users.py" line="280"/>
        <source>停用用户</source>
        <translation>Disable user</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/users.py" line="281"/>
        <source>停用用户 {0}？停用后不能再登录，可以随时重新启用。</source>
        <translation>Disable user {0}? They can no longer sign in; you can enable them again at any time.</translation>
    </message>
</context>
<context>
    <name>VisitsModel</name>
    <message>
        <location filename="../../app/ui/models/requests.py" line="326"/>
        <source>居民</source>
        <translation>Resident</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="327"/>
        <source>住户</source>
        <translation>Household</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="328"/>
        <source>应访时间</source>
        <translation>Due at</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="329"/>
        <source>随访计划</source>
        <translation>Visit plan</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="330"/>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="345"/>
        <source>漏访</source>
        <translation>Missed</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/requests.py" line="345"/>
        <source>待访</source>
        <translation>Due</translation>
    </message>
</context>
<context>
    <name>VisitsTab</name>
    <message>
        <location filename="../../app/ui/pages/requests/visits.py" line="140"/>
        <source>日期：</source>
        <translation>Date:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/visits.py" line="144"/>
        <source>网格：</source>
        <translation>Grid:</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/visits.py" line="146"/>
        <source>全部网格</source>
        <translation>All grids</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/visits.py" line="149"/>
        <source>打印走访清单…</source>
        <translation>Print visits checklist…</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/visits.py" line="163"/>
        <location filename="../../app/ui/pages/requests/visits.py" line="368"/>
        <source>新建随访计划</source>
        <translation>New visit plan</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/visits.py" line="164"/>
        <location filename="../../app/ui/pages/requests/visits.py" line="384"/>
        <location filename="../../app/ui/pages/requests/visits.py" line="400"/>
        <source>停止计划</source>
        <translation>Stop plan</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/visits.py" line="181"/>
        <source>体温</source>
        <translation>Temperature</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/visits.py" line="186"/>
        <source>未测</source>
        <translation>Not taken</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/visits.py" line="192"/>
        <source>备注：需要什么</source>
        <translation>Note: what is needed</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/visits.py" line="196"/>
        <source>已联系(&amp;1)</source>
        <translation>Reached (&amp;1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/visits.py" line="197"/>
        <source>未联系上(&amp;2)</source>
        <translation>Not reached (&amp;2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/visits.py" line="198"/>
        <source>需要帮助(&amp;3)</source>
        <translation>Needs help (&amp;3)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/visits.py" line="281"/>
        <source>应访 {0} 次，已访 {1} 次，昨日漏访 {2} 次</source>
        <translation>{0} visits due, {1} done, {2} missed yesterday</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/visits.py" line="331"/>
        <source>✔ 已记录 {0}：需要帮助，已登记紧急诉求 #{1}</source>
        <translation>✔ {0} recorded: needs help, urgent request #{1} logged</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/visits.py" line="336"/>
        <source>✔ 已记录 {0}</source>
        <translation>✔ {0} recorded</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/visits.py" line="385"/>
        <source>停止“{0}（{1}）”？已记录的随访保留。</source>
        <translation>Stop “{0} ({1})”? The visits recorded are kept.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/visits.py" line="417"/>
        <source>走访清单-{0}.pdf</source>
        <translation>visits-checklist-{0}.pdf</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/visits.py" line="418"/>
        <source>走访清单</source>
        <translation>Visits checklist</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/requests/visits.py" line="419"/>
        <source>正在生成走访清单</source>
        <translation>Making the visits checklist</translation>
    </message>
</context>
<context>
    <name>Vocabulary</name>
    <message>
        <location filename="../../app/ui/labels.py" line="32"/>
        <source>户籍</source>
        <translation>Registered</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="33"/>
        <source>流动</source>
        <translation>Migrant</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="34"/>
        <source>境外</source>
        <translation>From abroad</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="37"/>
        <source>在住</source>
        <translation>Living here</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="38"/>
        <source>迁出</source>
        <translation>Moved out</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="39"/>
        <source>死亡</source>
        <translation>Deceased</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="42"/>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="43"/>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="137"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="138"/>
        <source>（未知）</source>
        <translation>(unknown)</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="139"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="141"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="142"/>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="143"/>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="144"/>
        <source>{0}栋</source>
        <translation>Building {0}</translation>
    </message>
</context>
<context>
    <name>WorkerTab</name>
    <message>
        <location filename="../../app/ui/pages/grids/worker.py" line="40"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/worker.py" line="48"/>
        <source>打印走访清单</source>
        <translation>Print visit list</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/worker.py" line="50"/>
        <source>打印本网格联系表</source>
        <translation>Print this grid&apos;s contact sheet</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/worker.py" line="78"/>
        <source>重点人群</source>
        <translation>Vulnerable residents</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/worker.py" line="79"/>
        <source>近七天的任务</source>
        <translation>Tasks in the next 7 days</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/worker.py" line="80"/>
        <source>全部住户</source>
        <translation>All households</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/worker.py" line="117"/>
        <source>还没有网格。</source>
        <translation>No grids yet.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/worker.py" line="146"/>
        <source>重点人群（{0} 户）</source>
        <translation>Vulnerable residents (households: {0})</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/worker.py" line="147"/>
        <source>近七天的任务（{0} 个班次）</source>
        <translation>Tasks in the next 7 days (shifts: {0})</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/worker.py" line="148"/>
        <source>全部住户（{0} 户）</source>
        <translation>All households ({0})</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/worker.py" line="152"/>
        <source>{0}：{1} 户，{2} 人，重点人群 {3} 人，在岗 {4} 人，{5}</source>
        <translation>{0}: households {1}, people {2}, vulnerable {3}, on duty {4}, {5}</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/worker.py" line="158"/>
        <source>无人在岗</source>
        <translation>Nobody on duty</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/worker.py" line="160"/>
        <source>每人服务 {0} 人</source>
        <translation>{0} residents per worker</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/worker.py" line="162"/>
        <source>（人手不足）</source>
        <translation> (understaffed)</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/worker.py" line="174"/>
        <source>网格走访清单</source>
        <translation>Grid visit list</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/worker.py" line="175"/>
        <source>走访清单-{0}.pdf</source>
        <translation>Visit list-{0}.pdf</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/worker.py" line="186"/>
        <source>网格联系表</source>
        <translation>Grid contact sheet</translation>
    </message>
    <message>
        <location filename="../../app/ui/pages/grids/worker.py" line="187"/>
        <source>联系表-{0}.pdf</source>
        <translation>Contact sheet-{0}.pdf</translation>
    </message>
</context>
<context>
    <name>_DateField</name>
    <message>
        <location filename="../../app/ui/pages/printing/options.py" line="45"/>
        <source>填写</source>
        <translation>Fill in</translation>
    </message>
</context>
<context>
    <name>_FilePage</name>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="111"/>
        <source>第 1 步：选择文件</source>
        <translation>Step 1: Choose the file</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="112"/>
        <source>Excel（.xlsx/.xls）、WPS 表格或 CSV 文件均可。</source>
        <translation>Excel (.xlsx/.xls), WPS spreadsheet or CSV files all work.</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="115"/>
        <source>花名册文件</source>
        <translation>Roster file</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="116"/>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="122"/>
        <source>文件：</source>
        <translation>File:</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="125"/>
        <source>工作表：</source>
        <translation>Sheet:</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="137"/>
        <source>选择花名册</source>
        <translation>Choose roster</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="138"/>
        <source>表格文件 (*.xlsx *.xlsm *.xls *.csv)</source>
        <translation>Spreadsheets (*.xlsx *.xlsm *.xls *.csv)</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="156"/>
        <source>正在读取文件…</source>
        <translation>Reading the file…</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="187"/>
        <source>读取花名册</source>
        <translation>Reading the roster</translation>
    </message>
</context>
<context>
    <name>_MappingPage</name>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="196"/>
        <source>第 2 步：核对各列</source>
        <translation>Step 2: Check the columns</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="197"/>
        <source>已按常见列名自动对应；如有不对，请在下拉框中改正。</source>
        <translation>Columns were matched by their usual names; correct any mistakes in the drop-down lists.</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="205"/>
        <source>文件前几行：</source>
        <translation>First rows of the file:</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="219"/>
        <source>（不导入）</source>
        <translation>(do not import)</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="226"/>
        <source>{0}：</source>
        <translation>{0}:</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="243"/>
        <source>{0}（末几位已丢失）</source>
        <translation>{0} (last digits lost)</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="246"/>
        <source>这个数字超过 15 位：表格只保留前 15 位，其余已变成 0，无法还原。身份证号这样的长号码要在设为文本的列中填写。</source>
        <translation>This number has more than 15 digits: the spreadsheet kept only the first 15 and turned the rest into 0, which cannot be undone. Long numbers such as ID card numbers must be typed into a column formatted as text.</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="259"/>
        <source>核对各列</source>
        <translation>Check columns</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="259"/>
        <source>请指定“姓名”所在的列。</source>
        <translation>Please choose the column that holds &quot;Name&quot;.</translation>
    </message>
</context>
<context>
    <name>_PreviewPage</name>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="275"/>
        <source>第 3 步：检查结果（尚未写入）</source>
        <translation>Step 3: Check results (nothing saved yet)</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="277"/>
        <location filename="../../app/ui/roster_import_wizard.py" line="312"/>
        <source>正在检查…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="281"/>
        <source>行号</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="281"/>
        <source>问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="281"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="286"/>
        <source>有问题的行不导入，其余照常导入</source>
        <translation>Rows with problems are skipped; the rest are imported</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="290"/>
        <source>保存未导入的行…</source>
        <translation>Save rows not imported…</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="292"/>
        <source>把有问题的行按原表的列另存为 Excel 文件，并注明原因；改正后可再导入。</source>
        <translation>Save the rows with problems to an Excel file in the original columns, with the reason for each; correct them and import again.</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="317"/>
        <source>检查花名册</source>
        <translation>Check roster</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="324"/>
        <source>共读取 {0} 行：将新增居民 {1} 人、更新 {2} 人、新增住户 {3} 户；{4} 行有问题不会导入，另有 {5} 条提示。点“导入”后一次写入，全部成功或全部不写。</source>
        <translation>Read {0} rows: {1} residents will be added, {2} updated and {3} households added; {4} rows have problems and will not be imported, plus {5} notes. &quot;Import&quot; saves everything in one go: either all of it is saved or none.</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="339"/>
        <source>未导入</source>
        <translation>Not imported</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="339"/>
        <source>提示</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="361"/>
        <location filename="../../app/ui/roster_import_wizard.py" line="382"/>
        <source>保存未导入的行</source>
        <translation>Save rows not imported</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="362"/>
        <source>{0}-未导入的行.xlsx</source>
        <translation>{0}-not imported.xlsx</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="363"/>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/ui/roster_import_wizard.py" line="378"/>
        <source>已保存 {0} 行：{1}</source>
        <translation>Saved {0} rows: {1}</translation>
    </message>
</context>
</TS>
