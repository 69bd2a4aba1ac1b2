<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AlertModels</name>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished">时间</translation>
    </message>
    <message>
        <source>Window</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AlertNotices</name>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalated: {summary}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HallMonitor</source>
        <translation type="unfinished">窗口监管台</translation>
    </message>
    <message>
        <source>Open alert center</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} escalated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} new alert(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>…and {n} more</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AlertWords</name>
    <message>
        <source>Acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case due today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close window temporarily</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed automatically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closure suggested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complaint overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Front shop, back factory</source>
        <translation type="unfinished">前店后厂</translation>
    </message>
    <message>
        <source>Mark rectified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More than one trip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note (optional):</source>
        <extracomment>What each action asks for, and whether it may be left empty.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note on reopening:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order to correct</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raised</source>
        <extracomment>History rows store the Chinese action; English readers get the same words as the buttons.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for closing the window:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for revoking:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rectification plan:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rectified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rectifying</source>
        <translation type="unfinished">整改中</translation>
    </message>
    <message>
        <source>Reopen window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staffing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start rectification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was done:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window closed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Creating the demo hall…</source>
        <translation>正在创建演示大厅…</translation>
    </message>
    <message>
        <source>HallMonitor</source>
        <translation>窗口监管台</translation>
    </message>
    <message>
        <source>Open the demo hall</source>
        <translation>打开演示大厅</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>You can open a demo hall to look around (it is kept in a separate file), or quit and set up your hall.</source>
        <translation>可以先打开演示大厅看看（保存在单独的文件中），或退出后建立本大厅的数据。</translation>
    </message>
</context>
<context>
    <name>BoardPage</name>
    <message>
        <source>Auxiliary staff only</source>
        <translation>仅辅助人员</translation>
    </message>
    <message>
        <source>Compliant</source>
        <translation>合规</translation>
    </message>
    <message>
        <source>Hall board</source>
        <translation>大厅态势</translation>
    </message>
    <message>
        <source>No zone</source>
        <translation>未分区</translation>
    </message>
    <message>
        <source>Not in service</source>
        <translation>未在服务</translation>
    </message>
    <message>
        <source>Open alerts: {count}</source>
        <translation>待处理预警：{count}</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>The board could not be loaded.</source>
        <translation>大厅态势未能加载。</translation>
    </message>
    <message>
        <source>This hall has no windows yet. Import them from the File menu.</source>
        <translation>本大厅还没有窗口，请从“文件”菜单导入。</translation>
    </message>
    <message>
        <source>Unstaffed or temporarily closed</source>
        <translation>无人值守或临时关闭</translation>
    </message>
    <message>
        <source>{day} · not a working day</source>
        <translation>{day} · 非工作日</translation>
    </message>
    <message>
        <source>{day} · {session}</source>
        <translation>{day} · {session}</translation>
    </message>
    <message>
        <source>{text} {count}</source>
        <translation>{text} {count}</translation>
    </message>
</context>
<context>
    <name>BoardTiles</name>
    <message>
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <source>Cases received today: {count}</source>
        <translation>今日受理办件：{count} 件</translation>
    </message>
    <message>
        <source>Cases today {cases} · Alerts {alerts}</source>
        <translation>今日办件 {cases} · 预警 {alerts}</translation>
    </message>
    <message>
        <source>Click for today&apos;s roster and cases of window {number}</source>
        <translation>点击查看 {number} 号窗口今日排班与办件</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Nobody on duty</source>
        <translation>无人在岗</translation>
    </message>
    <message>
        <source>Not a working day</source>
        <extracomment>status -&gt; (background, accent)</extracomment>
        <translation>非工作日</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Window {number} · {department}</source>
        <translation>窗口 {number} · {department}</translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add special procedure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already ended on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due %1 (%2, %3 working days).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End the running procedure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Front shop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Late by %1 working days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record completion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Special procedures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starts on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished">状态</translation>
    </message>
    <message>
        <source>The clock is stopped by a special procedure.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished">时间</translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trips</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used %1 working days / %2 calendar days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. expert review, hearing, public notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseForm</name>
    <message>
        <source>&amp;Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>18 characters; may be left blank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applicant &amp;name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applicant type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approval place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blank: numbered automatically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bundle number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case number</source>
        <translation type="unfinished">办件编号</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code or name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed on the spot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I&amp;D number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not yet approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number or name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional, e.g. for a new enterprise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save and next (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. Ready for the next case.</source>
        <extracomment>The order Enter walks; Tab follows the same order.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff number or name</source>
        <translation type="unfinished">输入工号或姓名添加</translation>
    </message>
    <message>
        <source>Trips</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <source>Applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case number</source>
        <extracomment>(sort key or None when the column cannot be sorted, value shown) Emitted after a new filter or sort has been applied: total rows.</extracomment>
        <translation type="unfinished">办件编号</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Front shop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item</source>
        <translation type="unfinished">事项</translation>
    </message>
    <message>
        <source>On time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue: due %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished">状态</translation>
    </message>
    <message>
        <source>This column cannot be sorted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trips</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseWords</name>
    <message>
        <source>Accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At the window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Awaiting documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Department back office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismissed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Immediate case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Promised case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Special procedure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To review</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CasesPage</name>
    <message>
        <source>%1 cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All departments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All windows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load cases: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Front shop only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New case</source>
        <extracomment>How far back the date filter starts by default: recent cases are what a supervisor looks at. Emitted each time the table shows a new result: the total count.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search case number or applicant (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Ask the hall&apos;s supervisor to give you the permission, or to do it for you.</source>
        <translation>请联系大厅监管员为您开通权限，或由监管员办理。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Check that the database file or server is reachable, then try again. If it keeps failing, choose another database in Settings.</source>
        <translation>请检查数据库文件或服务器能否访问，然后重试。如仍失败，请在“设置”中选择其他数据库。</translation>
    </message>
    <message>
        <source>Correct what the message says and try again.</source>
        <translation>请按提示修改后重试。</translation>
    </message>
    <message>
        <source>HallMonitor</source>
        <translation>窗口监管台</translation>
    </message>
    <message>
        <source>Please wait</source>
        <translation>请稍候</translation>
    </message>
    <message>
        <source>Something unexpected went wrong and the last action was not completed.</source>
        <translation>出现意外错误，刚才的操作没有完成。</translation>
    </message>
    <message>
        <source>Try again. If it happens again, send the log file to your IT support: {path}</source>
        <translation>请重试。如再次出现，请把日志文件发给信息技术支持人员：{path}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;About HallMonitor</source>
        <translation>关于窗口监管台(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Cases</source>
        <translation>办件(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Export weekly report…</source>
        <translation>导出周报(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Hall display mode</source>
        <translation>大屏模式(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;New case</source>
        <translation>新建办件(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Search cases</source>
        <translation>搜索办件(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&lt;b&gt;HallMonitor {version}&lt;/b&gt;&lt;p&gt;Supervision of a government service hall: formal civil servants at every window, approvals in the hall, at most one trip, time limits in working days.&lt;/p&gt;</source>
        <translation>&lt;b&gt;窗口监管台 {version}&lt;/b&gt;&lt;p&gt;政务服务大厅监管：每个窗口有正式公职人员值守，审批在大厅完成，最多跑一次，时限按工作日计算。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About HallMonitor</source>
        <translation>关于窗口监管台</translation>
    </message>
    <message>
        <source>Alerts and rectification</source>
        <translation>预警整改</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>办件登记</translation>
    </message>
    <message>
        <source>Could not read the hall&apos;s status; see the log file.</source>
        <translation>未能读取大厅状态，详情见日志文件。</translation>
    </message>
    <message>
        <source>Database: {name}</source>
        <translation>数据库：{name}</translation>
    </message>
    <message>
        <source>E&amp;xit</source>
        <translation>退出(&amp;X)</translation>
    </message>
    <message>
        <source>Excel import and export are not installed in this version.</source>
        <translation>此版本尚未安装 Excel 导入导出功能。</translation>
    </message>
    <message>
        <source>Front shop, back factory</source>
        <translation>前店后厂</translation>
    </message>
    <message>
        <source>Hall board</source>
        <translation>大厅态势</translation>
    </message>
    <message>
        <source>HallMonitor — {hall}</source>
        <extracomment>Emitted with the page key when a page has painted its data.</extracomment>
        <translation>窗口监管台 — {hall}</translation>
    </message>
    <message>
        <source>Import &amp;templates…</source>
        <translation>导入模板(&amp;T)…</translation>
    </message>
    <message>
        <source>Open alerts: {count}</source>
        <translation>待处理预警：{count}</translation>
    </message>
    <message>
        <source>Open the &amp;log folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <source>Outside opening hours</source>
        <translation>非办公时间</translation>
    </message>
    <message>
        <source>Roster and attendance</source>
        <translation>排班与到岗</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计分析</translation>
    </message>
</context>
<context>
    <name>RosterModel</name>
    <message>
        <source>Not judged (not a working day or window not in service)</source>
        <extracomment>Emitted with the number of pending cells whenever it may have changed. A drop of staff ids onto a cell; the page turns it into an undoable command.</extracomment>
        <translation>不判定（非工作日或窗口未在服务）</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>缺岗</translation>
    </message>
    <message>
        <source>planned</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>present</source>
        <translation>到岗</translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
    <message>
        <source>Absent</source>
        <translation>缺岗</translation>
    </message>
    <message>
        <source>Add staff…</source>
        <translation>添加人员…</translation>
    </message>
    <message>
        <source>Add {names}</source>
        <translation>添加 {names}</translation>
    </message>
    <message>
        <source>Added {names}; not saved yet.</source>
        <translation>已添加 {names}，尚未保存。</translation>
    </message>
    <message>
        <source>Copied last week into {count} empty cells; not saved yet.</source>
        <translation>已把上周排班复制到 {count} 个空单元格，尚未保存。</translation>
    </message>
    <message>
        <source>Copy last week</source>
        <translation>复制上周</translation>
    </message>
    <message>
        <source>Mark absent</source>
        <translation>标记缺岗</translation>
    </message>
    <message>
        <source>Mark attendance</source>
        <translation>标记到岗情况</translation>
    </message>
    <message>
        <source>Mark planned</source>
        <translation>恢复为计划</translation>
    </message>
    <message>
        <source>Mark present</source>
        <translation>标记到岗</translation>
    </message>
    <message>
        <source>Next week ▶</source>
        <translation>下一周 ▶</translation>
    </message>
    <message>
        <source>Nobody matches “{text}”.</source>
        <translation>没有与“{text}”匹配的人员。</translation>
    </message>
    <message>
        <source>Nothing to copy: last week&apos;s cells are empty or already filled here.</source>
        <translation>没有可复制的内容：上周单元格为空，或本周对应单元格已排班。</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>到岗</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove everyone</source>
        <translation>全部移除</translation>
    </message>
    <message>
        <source>Remove from roster</source>
        <translation>从排班中移除</translation>
    </message>
    <message>
        <source>Roster and attendance</source>
        <translation>排班与到岗</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Saved: {added} added, {removed} removed, {updated} attendance changes.</source>
        <translation>已保存：新增 {added} 人次，移除 {removed} 人次，到岗情况变更 {updated} 处。</translation>
    </message>
    <message>
        <source>Saving the roster…</source>
        <translation>正在保存排班…</translation>
    </message>
    <message>
        <source>Select a cell in the grid.</source>
        <translation>请在表格中选择单元格。</translation>
    </message>
    <message>
        <source>The roster has {count} unsaved cells. Save them before leaving?</source>
        <translation>排班中有 {count} 个单元格尚未保存。离开前保存吗？</translation>
    </message>
    <message>
        <source>This hall has no windows yet.</source>
        <translation>本大厅还没有窗口。</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Unsaved roster</source>
        <translation>排班未保存</translation>
    </message>
    <message>
        <source>Week {week} of {year} ({first} – {last})</source>
        <translation>{year}年第{week}周（{first} – {last}）</translation>
    </message>
    <message>
        <source>not judged</source>
        <translation>不判定</translation>
    </message>
    <message>
        <source>{count} cells selected</source>
        <translation>已选择 {count} 个单元格</translation>
    </message>
    <message>
        <source>{count} people match “{text}”; type more of the number or name.</source>
        <translation>有 {count} 人与“{text}”匹配，请输入更完整的工号或姓名。</translation>
    </message>
    <message>
        <source>{count} unsaved cells</source>
        <translation>{count} 个单元格未保存</translation>
    </message>
    <message>
        <source>◀ Previous week</source>
        <translation>◀ 上一周</translation>
    </message>
</context>
<context>
    <name>RosterPanel</name>
    <message>
        <source>Absent</source>
        <translation>缺岗</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>筛选</translation>
    </message>
    <message>
        <source>Keys in the grid: P present, A absent, U planned, Delete removes.</source>
        <translation>表格中按键：P 到岗，A 缺岗，U 恢复计划，Delete 移除。</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>到岗</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Select a cell in the grid.</source>
        <translation>请在表格中选择单元格。</translation>
    </message>
    <message>
        <source>Selected cell</source>
        <extracomment>Text typed (or chosen) in the add box, to be resolved to a staff member. (staff ids or None for everyone in the cell, attendance) staff ids or None for everyone</extracomment>
        <translation>当前单元格</translation>
    </message>
    <message>
        <source>Staff (drag onto a cell)</source>
        <translation>人员名单（拖到单元格）</translation>
    </message>
    <message>
        <source>Staff number or name</source>
        <translation>输入工号或姓名添加</translation>
    </message>
</context>
<context>
    <name>Vocabulary</name>
    <message>
        <source>A</source>
        <translation>辅</translation>
    </message>
    <message>
        <source>Afternoon</source>
        <translation>下午</translation>
    </message>
    <message>
        <source>Auxiliary only</source>
        <translation>仅辅助人员</translation>
    </message>
    <message>
        <source>Civil servant</source>
        <translation>公务员</translation>
    </message>
    <message>
        <source>Compliant</source>
        <translation>合规</translation>
    </message>
    <message>
        <source>Contract outside quota</source>
        <translation>编外聘用</translation>
    </message>
    <message>
        <source>F</source>
        <translation>正</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Labour dispatch</source>
        <translation>劳务派遣</translation>
    </message>
    <message>
        <source>Managed as civil servant</source>
        <translation>参照公务员法管理</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Morning</source>
        <translation>上午</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>开放</translation>
    </message>
    <message>
        <source>Out of service</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Public institution staff</source>
        <translation>事业编制</translation>
    </message>
    <message>
        <source>Rectifying</source>
        <translation>整改中</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>Temporarily closed</source>
        <translation>临时关闭</translation>
    </message>
    <message>
        <source>Temporary hire</source>
        <translation>临时聘用</translation>
    </message>
    <message>
        <source>Third-party service</source>
        <translation>第三方服务</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Unstaffed</source>
        <translation>无人值守</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>{year}-{month:02d}-{day:02d} {weekday}</source>
        <translation>{year}年{month}月{day}日 {weekday}</translation>
    </message>
</context>
</TS>
