<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActionTextDialog</name>
    <message>
        <source>The window will be shown as temporarily closed on the board at once.</source>
        <translation>窗口将立即在大厅态势中显示为临时关闭。</translation>
    </message>
    <message>
        <source>Window {window} · {level}
{summary}</source>
        <translation>{window}号窗口 · {level}
{summary}</translation>
    </message>
    <message>
        <source>{action} — alert #{id}</source>
        <translation>{action} — 预警 #{id}</translation>
    </message>
</context>
<context>
    <name>AlertDetailPanel</name>
    <message>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>History (kept as recorded, never edited)</source>
        <translation>处理记录（按原样保存，不可修改）</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>No alert matches the filters.</source>
        <translation>没有符合筛选条件的预警。</translation>
    </message>
    <message>
        <source>Occurrences</source>
        <translation>发生情况</translation>
    </message>
    <message>
        <source>Print notice…</source>
        <translation>打印通知书…</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>触发时间</translation>
    </message>
    <message>
        <source>Select an alert to see what happened and act on it.</source>
        <translation>选择一条预警，查看情况并处置。</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Window {no} ({department}), now {state}</source>
        <translation>{no}号窗口（{department}），当前{state}</translation>
    </message>
</context>
<context>
    <name>AlertDialogs</name>
    <message>
        <source>Save the notice as PDF</source>
        <translation>将通知书保存为 PDF</translation>
    </message>
</context>
<context>
    <name>AlertModels</name>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>触发时间</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
</context>
<context>
    <name>AlertNotices</name>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭提示</translation>
    </message>
    <message>
        <source>Escalated: {summary}</source>
        <translation>升级：{summary}</translation>
    </message>
    <message>
        <source>HallMonitor</source>
        <translation>窗口监管台</translation>
    </message>
    <message>
        <source>Open alert center</source>
        <translation>打开预警整改</translation>
    </message>
    <message>
        <source>{n} escalated</source>
        <translation>升级 {n} 条</translation>
    </message>
    <message>
        <source>{n} new alert(s)</source>
        <translation>新增预警 {n} 条</translation>
    </message>
    <message>
        <source>…and {n} more</source>
        <translation>……另有 {n} 条</translation>
    </message>
</context>
<context>
    <name>AlertWords</name>
    <message>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Case due today</source>
        <translation>办件临期</translation>
    </message>
    <message>
        <source>Case overdue</source>
        <translation>办件超时</translation>
    </message>
    <message>
        <source>Close window temporarily</source>
        <translation>临时关闭窗口</translation>
    </message>
    <message>
        <source>Closed automatically</source>
        <translation>自动关闭</translation>
    </message>
    <message>
        <source>Closure suggested</source>
        <translation>建议临时关闭</translation>
    </message>
    <message>
        <source>Complaint overdue</source>
        <translation>反映超期</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>升级</translation>
    </message>
    <message>
        <source>Front shop, back factory</source>
        <translation>前店后厂</translation>
    </message>
    <message>
        <source>Mark rectified</source>
        <translation>已整改</translation>
    </message>
    <message>
        <source>More than one trip</source>
        <translation>多次跑动</translation>
    </message>
    <message>
        <source>Note (optional):</source>
        <extracomment>What each action asks for, and whether it may be left empty.</extracomment>
        <translation>说明（可不填）：</translation>
    </message>
    <message>
        <source>Note on reopening:</source>
        <translation>重新开放说明：</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Order to correct</source>
        <translation>责令纠正</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>Raised</source>
        <extracomment>History rows store the Chinese action; English readers get the same words as the buttons.</extracomment>
        <translation>触发</translation>
    </message>
    <message>
        <source>Reason for closing the window:</source>
        <translation>临时关闭窗口的理由：</translation>
    </message>
    <message>
        <source>Reason for revoking:</source>
        <translation>撤销理由：</translation>
    </message>
    <message>
        <source>Rectification plan:</source>
        <translation>整改措施：</translation>
    </message>
    <message>
        <source>Rectified</source>
        <translation>已整改</translation>
    </message>
    <message>
        <source>Rectifying</source>
        <translation>整改中</translation>
    </message>
    <message>
        <source>Reopen window</source>
        <translation>重新开放</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>Staffing</source>
        <translation>人员配置</translation>
    </message>
    <message>
        <source>Start rectification</source>
        <translation>开始整改</translation>
    </message>
    <message>
        <source>What was done:</source>
        <translation>整改情况：</translation>
    </message>
    <message>
        <source>Window closed</source>
        <translation>已关闭窗口</translation>
    </message>
</context>
<context>
    <name>AlertsPage</name>
    <message>
        <source>Alerts and rectification</source>
        <extracomment>The list shows this many alerts at most; filters narrow it down. Actions that change a window&apos;s state, so the board and the rules must hear of them. Swappable so tests answer the dialogs: (action, row) -&gt; text or None, row -&gt; path or None.</extracomment>
        <translation>预警整改</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>All levels</source>
        <translation>全部级别</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All windows</source>
        <translation>全部窗口</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Open (needs action)</source>
        <translation>未处理（需处置）</translation>
    </message>
    <message>
        <source>Open alerts: {count}</source>
        <translation>未处理预警：{count}</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Window {no}</source>
        <translation>{no}号窗口</translation>
    </message>
    <message>
        <source>{action}: alert #{id} is now “{state}”.</source>
        <translation>{action}：预警 #{id} 现为“{state}”。</translation>
    </message>
    <message>
        <source>{title} saved: {path}</source>
        <translation>{title}已保存：{path}</translation>
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
    <name>CalendarPanel</name>
    <message>
        <source>A CSV or Excel file with the State Council&apos;s arrangement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add or change day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <extracomment>The sentence about years without an official calendar, or &quot;&quot; when there is none. Emitted when the due dates have been recomputed after a change: how many moved.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guessed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import from file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import work calendar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monday to Friday (no holidays known)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished">说明</translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Official</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only days that differ from the official calendar (or, for a year without one, from Monday to Friday) are listed. Import the State Council&apos;s arrangement for next year as soon as it is published, usually in November.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove selected day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rest day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved, but due dates could not be recomputed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. Due dates of %1 cases moved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. Recomputing the due dates of all cases…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tables (*.xlsx *.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Typed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working days of %1 come from: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an imported or typed-in arrangement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Labour Day, make-up working day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>guessed holidays (not official)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the official calendar</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <source>Action</source>
        <translation type="unfinished">操作</translation>
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
        <translation type="unfinished">操作人</translation>
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
        <translation type="unfinished">说明</translation>
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
        <translation type="unfinished">窗口</translation>
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
        <translation type="unfinished">整改期限</translation>
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
        <translation type="unfinished">窗口</translation>
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
        <source>Case due today</source>
        <translation type="unfinished">办件临期</translation>
    </message>
    <message>
        <source>Case overdue</source>
        <translation type="unfinished">办件超时</translation>
    </message>
    <message>
        <source>Complaint overdue</source>
        <translation type="unfinished">反映超期</translation>
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
        <source>Front shop, back factory</source>
        <translation type="unfinished">前店后厂</translation>
    </message>
    <message>
        <source>Immediate case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More than one trip</source>
        <translation type="unfinished">多次跑动</translation>
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
        <source>Staffing</source>
        <extracomment>Alert kinds as the settings page lists them for switching on and off.</extracomment>
        <translation type="unfinished">人员配置</translation>
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
        <translation type="unfinished">全部窗口</translation>
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
    <name>ChartPanel</name>
    <message>
        <source>PNG picture (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as PNG</source>
        <extracomment>One colour per bar, when bars mean different things (over or under a target).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save chart</source>
        <extracomment>(x, y, sentence) of every value, for the hover text.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save this chart as a PNG picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChartsPage</name>
    <message>
        <source> weeks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 cases flagged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 window-sessions compliant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to %2: %3 cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, target %2 (%3 of %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases</source>
        <translation type="unfinished">办件登记</translation>
    </message>
    <message>
        <source>Cases per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases per window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compliant</source>
        <translation type="unfinished">合规</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not compute the figures: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Front shop, back factory by department (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished">刷新</translation>
    </message>
    <message>
        <source>Shares (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staffing over the last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time used against the limit (%, 100 = limit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weekly staffing compliance (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>average %1 working days against a limit of %2 (%3 of %4 within it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no finished cases yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not judged</source>
        <translation type="unfinished">不判定</translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DatabasePanel</name>
    <message>
        <source>A SQLite file, or postgresql://user:password@server:5432/database</source>
        <extracomment>QSettings key of the database chosen here; read at start-up when neither --db nor HALLMONITOR_DB is given.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At next start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished">浏览…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite database (*.sqlite3 *.db);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite database file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved: the app opens %1 at its next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Several PCs of a hall can share one PostgreSQL database. A new choice takes effect when the app is started again; the database is upgraded then if needed (a SQLite file is copied aside first).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app opens its default database at its next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same as now (no other choice saved)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use at next start</source>
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
    <name>DisplayCell</name>
    <message>
        <source>Under rectification</source>
        <extracomment>Where the opening window keeps its display, so the menu action raises it rather than opening a second. Open staffing alerts: the windows ordered to correct or suggested for closure.</extracomment>
        <translation>整改中</translation>
    </message>
</context>
<context>
    <name>ExcelActions</name>
    <message>
        <source>Cases</source>
        <translation>办件</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>办不成事反映</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exporting the weekly report {week}…</source>
        <translation>正在导出 {week} 周报…</translation>
    </message>
    <message>
        <source>Import template</source>
        <translation>导入模板</translation>
    </message>
    <message>
        <source>Importing {name}…</source>
        <translation>正在导入 {name}…</translation>
    </message>
    <message>
        <source>Item catalogue</source>
        <translation>事项目录</translation>
    </message>
    <message>
        <source>Open the folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <source>Roster and attendance</source>
        <translation>排班与到岗</translation>
    </message>
    <message>
        <source>Save the template</source>
        <translation>保存模板</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Template for:</source>
        <translation>模板类型：</translation>
    </message>
    <message>
        <source>The template was written to:
{path}</source>
        <translation>模板已保存到：
{path}</translation>
    </message>
    <message>
        <source>The weekly report {week} was written to:
{path}</source>
        <translation>{week} 周报已导出到：
{path}</translation>
    </message>
    <message>
        <source>Windows</source>
        <extracomment>Import kinds in menu order, with the bus topic each one changes.</extracomment>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Work calendar</source>
        <translation>工作日历</translation>
    </message>
    <message>
        <source>Writing the template…</source>
        <translation>正在生成模板…</translation>
    </message>
    <message>
        <source>{title} template.xlsx</source>
        <translation>{title}导入模板.xlsx</translation>
    </message>
</context>
<context>
    <name>ExportWeekDialog</name>
    <message>
        <source>A day of the week</source>
        <translation>该周任一天</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose the folder</source>
        <translation>选择文件夹</translation>
    </message>
    <message>
        <source>Export the weekly report</source>
        <translation>导出周报</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>保存到</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>周次</translation>
    </message>
    <message>
        <source>{week} ({first} to {last})</source>
        <translation>{week}（{first} 至 {last}）</translation>
    </message>
</context>
<context>
    <name>FlagTableModel</name>
    <message>
        <source>Approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case number</source>
        <translation type="unfinished">办件编号</translation>
    </message>
    <message>
        <source>Department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item</source>
        <translation type="unfinished">事项</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished">状态</translation>
    </message>
    <message>
        <source>Window</source>
        <translation type="unfinished">窗口</translation>
    </message>
</context>
<context>
    <name>FlagsPage</name>
    <message>
        <source>%1 flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is now: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm: approved outside the hall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load flags: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss: approved in the hall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not reviewed yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open case…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a flag to review it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What you found, e.g. who approved where, and what was agreed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a note first: it is what the department will be shown.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HallDisplay</name>
    <message>
        <source>Auxiliary staff only</source>
        <translation>仅辅助人员</translation>
    </message>
    <message>
        <source>Closure suggested</source>
        <translation>建议临时关闭</translation>
    </message>
    <message>
        <source>Compliant</source>
        <translation>合规</translation>
    </message>
    <message>
        <source>Hall display — {hall}</source>
        <translation>大屏模式 — {hall}</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Ordered to correct</source>
        <translation>责令整改</translation>
    </message>
    <message>
        <source>Press Esc to leave the hall display</source>
        <translation>按 Esc 退出大屏模式</translation>
    </message>
    <message>
        <source>Temporarily closed</source>
        <translation>临时关闭</translation>
    </message>
    <message>
        <source>The hall&apos;s data could not be read; retrying every minute.</source>
        <translation>暂时无法读取大厅数据，每分钟自动重试。</translation>
    </message>
    <message>
        <source>This hall has no windows yet.</source>
        <translation>本大厅还没有窗口。</translation>
    </message>
    <message>
        <source>Unstaffed</source>
        <translation>无人值守</translation>
    </message>
    <message>
        <source>deadline {date}</source>
        <translation>期限 {date}</translation>
    </message>
    <message>
        <source>{day} · not a working day</source>
        <translation>{day} · 非工作日</translation>
    </message>
    <message>
        <source>{day} · {session}</source>
        <translation>{day} · {session}</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose the file to import</source>
        <translation>选择要导入的文件</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据类型</translation>
    </message>
    <message>
        <source>Excel or CSV (*.xlsx *.csv)</source>
        <translation>Excel 或 CSV 文件 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Import from Excel or CSV</source>
        <translation>从 Excel 或 CSV 导入</translation>
    </message>
    <message>
        <source>Import the good rows and list the bad ones</source>
        <translation>导入正确的行，列出有错误的行</translation>
    </message>
    <message>
        <source>Without this, a file with any bad row is not imported at all, and every bad row is listed.</source>
        <translation>不勾选时，只要有一行出错，整个文件都不导入，并列出所有出错的行。</translation>
    </message>
</context>
<context>
    <name>ImportResultDialog</name>
    <message>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <source>… and {count} more</source>
        <translation>……另有 {count} 条</translation>
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
    <name>RulesPanel</name>
    <message>
        <source> sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> working days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Afternoon</source>
        <translation type="unfinished">下午</translation>
    </message>
    <message>
        <source>Alerts raised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases done in at most one trip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complaints answered within</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadline to correct, after the violating day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Investment project, approval to construction permit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items admitted and authorised at the window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Morning</source>
        <translation type="unfinished">上午</translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New enterprise setup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Real-estate registration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. Every PC of the hall applies these rules from now on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staffing ladder and complaints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suggest closure after violations in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Targets (core indicators)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hall code identifies the hall in reports and cannot be changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>within</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hall and rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work calendar</source>
        <translation type="unfinished">工作日历</translation>
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
