<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>&lt;b&gt;HallMonitor {version}&lt;/b&gt;&lt;p&gt;Supervision of a government service hall: formal civil servants at every window, approvals in the hall, at most one trip, time limits in working days.&lt;/p&gt;</source>
        <translation>&lt;b&gt;窗口监管台 {version}&lt;/b&gt;&lt;p&gt;政务服务大厅监管：每个窗口有正式公职人员值守，审批在大厅完成，最多跑一次，时限按工作日计算。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>About HallMonitor</source>
        <translation>关于窗口监管台</translation>
    </message>
    <message>
        <source>Backup folder:</source>
        <translation>备份文件夹：</translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation>数据文件夹：</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <source>HallMonitor is licensed under the Apache License 2.0. It uses Qt, PySide6 and Shiboken6 under the GNU Lesser General Public License version 3; their notices and the licences of everything else it carries are under Third-party software.</source>
        <translation>窗口监管台按 Apache License 2.0 许可发布。它按 GNU 宽通用公共许可证第 3 版（LGPL-3.0）使用 Qt、PySide6 和 Shiboken6；这些组件的声明，以及本软件所带其他组件的许可证，见“第三方软件”。</translation>
    </message>
    <message>
        <source>Log folder:</source>
        <translation>日志文件夹：</translation>
    </message>
    <message>
        <source>Third-party software</source>
        <translation>第三方软件</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>版本：</translation>
    </message>
    <message>
        <source>{version} (Qt {qt}, PySide6 {pyside}, Python {python})</source>
        <translation>{version}（Qt {qt}，PySide6 {pyside}，Python {python}）</translation>
    </message>
</context>
<context>
    <name>AccountDialog</name>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>新建账号</translation>
    </message>
    <message>
        <source>New password for {login}</source>
        <extracomment>Entries an account&apos;s history shows; an account changes a few times a year.</extracomment>
        <translation>为 {login} 设置新密码</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>The two passwords differ; type the same password twice.</source>
        <translation>两次输入的密码不一致，请输入相同的密码。</translation>
    </message>
    <message>
        <source>Windows</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>window numbers, e.g. 3, 5 (window leads only)</source>
        <translation>窗口编号，例如 3, 5（仅限窗口负责人）</translation>
    </message>
</context>
<context>
    <name>AccountHistoryDialog</name>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Assigned window</source>
        <translation>分配的窗口</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>History of account {login}</source>
        <translation>账号 {login} 的历史</translation>
    </message>
    <message>
        <source>Of</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Only the latest entries are shown; the audit page holds them all.</source>
        <translation>只显示最近的记录；全部记录见审计记录页。</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>变更内容</translation>
    </message>
</context>
<context>
    <name>AccountsPanel</name>
    <message>
        <source> min</source>
        <extracomment>The last history shown (tests read it; the dialog is not modal).</extracomment>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Account</source>
        <extracomment>Columns no narrower than this (账号, 姓名, 角色, 状态), even while the list is empty.</extracomment>
        <translation>账号</translation>
    </message>
    <message>
        <source>Account {login} created.</source>
        <translation>已创建账号 {login}。</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Choose an account in the list first.</source>
        <translation>请先在列表中选择一个账号。</translation>
    </message>
    <message>
        <source>History…</source>
        <translation>历史…</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <source>Lock lasts</source>
        <translation>锁定时长</translation>
    </message>
    <message>
        <source>Lock the screen after no input for</source>
        <translation>无操作自动锁屏时间</translation>
    </message>
    <message>
        <source>Locked by an administrator</source>
        <translation>已被管理员锁定</translation>
    </message>
    <message>
        <source>Locked until {at}</source>
        <translation>锁定至 {at}</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>New account…</source>
        <translation>新建账号…</translation>
    </message>
    <message>
        <source>No accounts yet: whoever opens the app works as the administrator. Create the first account with “New account…”; from then on everyone signs in, and the trail names who did what.</source>
        <translation>还没有账号：任何打开应用的人都以管理员身份工作。点“新建账号…”创建第一个账号；此后每个人都须登录，审计记录会写明谁做了什么。</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>重设密码…</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Save these rules</source>
        <translation>保存这些规则</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>The password of {login} was reset.</source>
        <translation>账号 {login} 的密码已重设。</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Windows</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Wrong passwords before the account locks</source>
        <translation>锁定前允许的密码错误次数</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
</context>
<context>
    <name>ActionTextDialog</name>
    <message>
        <source>
… and {count} more</source>
        <translation>
……另有 {count} 条</translation>
    </message>
    <message>
        <source>Every session of this alert will count as auxiliary only, and the staffing rules will order the window to correct.</source>
        <translation>确认后，本预警的各时段均按“仅辅助人员”计入，人员配置规则将责令该窗口纠正。</translation>
    </message>
    <message>
        <source>The same note is recorded on each of them:
{alerts}</source>
        <translation>以下每条预警都将记录同一说明：
{alerts}</translation>
    </message>
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
    <message>
        <source>{action} — {count} alerts</source>
        <translation>{action}——{count} 条预警</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>Protect the hall with accounts: create the administrator now</source>
        <translation>用账号保护本大厅：现在创建管理员</translation>
    </message>
    <message>
        <source>The administrator</source>
        <translation>管理员账号</translation>
    </message>
    <message>
        <source>The two passwords differ; type the same password twice.</source>
        <translation>两次输入的密码不一致，请输入相同的密码。</translation>
    </message>
    <message>
        <source>With accounts, everyone signs in and every change names who made it. The administrator creates the other accounts in Settings.</source>
        <translation>启用账号后，每个人都须登录，每项修改都记下是谁做的。其他账号由管理员在“设置”中创建。</translation>
    </message>
    <message>
        <source>e.g. admin</source>
        <translation>例如 admin</translation>
    </message>
</context>
<context>
    <name>AlertDetailPanel</name>
    <message>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>Evidence: the roster and every case of each session</source>
        <translation>核查依据：各时段的排班及每件办件</translation>
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
        <source>Times seen</source>
        <translation>发生次数</translation>
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
    <name>AlertFilterBar</name>
    <message>
        <source>All departments</source>
        <translation>全部部门</translation>
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
        <extracomment>Levels a filter offers: the ones the rules raise today (提示 only labels alerts raised before them).</extracomment>
        <translation>全部窗口</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Group by window</source>
        <translation>按窗口分组</translation>
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
        <translation>待处理（含已确认、整改中）</translation>
    </message>
    <message>
        <source>Raised from</source>
        <translation>触发日期</translation>
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
        <source>any</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
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
        <source>Items</source>
        <translation>件数</translation>
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
        <extracomment>By the name of each ``services.alerts.Action``, which this module need not import to hold them.</extracomment>
        <translation>确认</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>All dismissed</source>
        <translation>全部排除</translation>
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
        <source>Confirm nominal presence</source>
        <translation>确认挂名</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>确认违规</translation>
    </message>
    <message>
        <source>Dismiss nominal presence</source>
        <translation>排除挂名</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>升级</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
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
        <source>Nominal presence</source>
        <translation>人员挂名</translation>
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
        <source>Red card</source>
        <translation>红牌</translation>
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
        <source>To verify</source>
        <translation>待核查</translation>
    </message>
    <message>
        <source>What the check found (kept with the alert):</source>
        <translation>核查结论（随预警留存）：</translation>
    </message>
    <message>
        <source>What was done:</source>
        <translation>整改情况：</translation>
    </message>
    <message>
        <source>Why the evidence does not hold:</source>
        <translation>排除理由（依据为何不成立）：</translation>
    </message>
    <message>
        <source>Window closed</source>
        <translation>已关闭窗口</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>撤回</translation>
    </message>
    <message>
        <source>Yellow card</source>
        <translation>黄牌</translation>
    </message>
    <message>
        <source>confirmed</source>
        <extracomment>Row colours by level (background, text), the board&apos;s palette. How a suspected 挂名 session stands, in the order of the weekly report&apos;s words for it (the center&apos;s format).</extracomment>
        <translation>已确认</translation>
    </message>
    <message>
        <source>dismissed</source>
        <translation>已排除</translation>
    </message>
    <message>
        <source>not reviewed (alert %1)</source>
        <translation>未核查（预警%1）</translation>
    </message>
    <message>
        <source>to verify</source>
        <translation>待核查</translation>
    </message>
    <message>
        <source>too seldom for an alert</source>
        <translation>未达预警条件</translation>
    </message>
</context>
<context>
    <name>AlertsPage</name>
    <message>
        <source>Alert #{id} ended on {day} ({state}). The notice will be printed marked as a copy. Print it?</source>
        <translation>预警 #{id} 已于 {day} 结束（{state}），打印的通知书将标注“副本”。是否打印？</translation>
    </message>
    <message>
        <source>Alerts and rectification</source>
        <extracomment>Alerts fetched at a time; scrolling to the end fetches the next page. Actions that change a window&apos;s state, so the board and the rules must hear of them. Swappable so tests answer the dialogs: (action, row) -&gt; text or None, row -&gt; path or None. Detail request whose arrival completes the current list load (-1: the list is loading). The filter of the list on screen: a page fetched for another one is dropped.</extracomment>
        <translation>预警整改</translation>
    </message>
    <message>
        <source>No alert matches these filters: widen or clear them above.</source>
        <translation>没有符合筛选条件的预警：放宽或清除上面的筛选。</translation>
    </message>
    <message>
        <source>No alerts yet: every window has been staffed as required and every case kept its time limit. When the rules find a problem, its alert appears here.</source>
        <translation>还没有预警：各窗口人员配置和办件时限目前都符合要求。规则发现问题时，预警会出现在这里。</translation>
    </message>
    <message>
        <source>No alerts, and no windows yet: add windows on Hall data, or File ▸ Import.</source>
        <translation>还没有预警，也还没有窗口：在 大厅资料 添加窗口，或 文件 ▸ 导入。</translation>
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
        <source>Showing {shown} of {total}</source>
        <translation>显示 {shown} / 共 {total}</translation>
    </message>
    <message>
        <source>This alert has ended</source>
        <translation>该预警已结束</translation>
    </message>
    <message>
        <source>{action} selected</source>
        <translation>批量{action}</translation>
    </message>
    <message>
        <source>{action}: alert #{id} is now “{state}”.</source>
        <translation>{action}：预警 #{id} 现为“{state}”。</translation>
    </message>
    <message>
        <source>{action}: {done} alerts.</source>
        <translation>{action}：{done} 条预警。</translation>
    </message>
    <message>
        <source>{count} were not changed (#{id}: {why})</source>
        <translation>{count} 条未变更（#{id}：{why}）</translation>
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
        <source>The hall&apos;s data can be looked at, but nothing can be saved until this is put right.</source>
        <translation>大厅的数据可以查看，但在问题解决之前不能保存任何修改。</translation>
    </message>
    <message>
        <source>You can open a demo hall to look around (it is kept in a separate file), or quit and set up your hall.</source>
        <translation>可以先打开演示大厅看看（保存在单独的文件中），或退出后建立本大厅的数据。</translation>
    </message>
</context>
<context>
    <name>AuditModels</name>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>电脑</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>变更内容</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>#{seq} · {at} · {actor} on {pc}
{action} {kind} {record}</source>
        <translation>#{seq} · {at} · {actor}（电脑 {pc}）
{action}{kind} {record}</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <extracomment>Entries fetched at a time; scrolling to the end fetches the next page. Emitted with the verdict once a check of the chain is back. The filter of the list on screen: a page fetched for another one is dropped. The list starts below this sequence number (an entry the check found broken); None: the newest.</extracomment>
        <translation>审计记录</translation>
    </message>
    <message>
        <source>No entries match the filters</source>
        <translation>没有符合筛选条件的记录</translation>
    </message>
    <message>
        <source>Recompute every entry&apos;s hash from the first one and name the first broken link.</source>
        <translation>从第一条起重新计算每条记录的哈希，指出第一处断链。</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Select an entry to see its fields before and after.</source>
        <translation>选中一条记录，查看各字段修改前后的值。</translation>
    </message>
    <message>
        <source>Selected entry</source>
        <translation>选中的记录</translation>
    </message>
    <message>
        <source>Show entry #{seq}</source>
        <translation>查看第 {seq} 条</translation>
    </message>
    <message>
        <source>Show only the entries of the selected entry&apos;s record.</source>
        <translation>只显示所选记录所属对象的全部审计记录。</translation>
    </message>
    <message>
        <source>Showing the latest {count} entries; scroll down for older ones</source>
        <translation>已显示最新 {count} 条，向下滚动查看更早的记录</translation>
    </message>
    <message>
        <source>Showing {count} entries from #{seq} back</source>
        <translation>从第 {seq} 条往前，已显示 {count} 条</translation>
    </message>
    <message>
        <source>This record&apos;s history</source>
        <translation>该对象的历史</translation>
    </message>
    <message>
        <source>Verify the chain</source>
        <translation>核验</translation>
    </message>
    <message>
        <source>Verifying the chain: every entry is recomputed from the first…</source>
        <translation>正在核验：从第一条起逐条重新计算哈希……</translation>
    </message>
    <message>
        <source>{count} entries</source>
        <translation>共 {count} 条</translation>
    </message>
</context>
<context>
    <name>AuditWords</name>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Account&apos;s window</source>
        <translation>账号窗口</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>预警</translation>
    </message>
    <message>
        <source>Alert occurrence</source>
        <translation>预警明细</translation>
    </message>
    <message>
        <source>Alert record</source>
        <translation>预警记录</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>办件</translation>
    </message>
    <message>
        <source>Case record</source>
        <translation>办件记录</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>办不成事反映</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Front-shop flag</source>
        <translation>前店后厂标记</translation>
    </message>
    <message>
        <source>Hall</source>
        <translation>大厅</translation>
    </message>
    <message>
        <source>Hall data change</source>
        <translation>资料变更记录</translation>
    </message>
    <message>
        <source>Hall key</source>
        <translation>大厅密钥</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Roster</source>
        <translation>排班</translation>
    </message>
    <message>
        <source>Rule settings</source>
        <translation>规则设置</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Special procedure</source>
        <translation>特别程序</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Staff category</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Window state</source>
        <translation>窗口状态</translation>
    </message>
    <message>
        <source>Work calendar</source>
        <translation>工作日历</translation>
    </message>
</context>
<context>
    <name>BackupsPanel</name>
    <message>
        <source>A shared PostgreSQL database is backed up by the hall&apos;s IT (hallmonitor backup uses pg_dump).</source>
        <translation>共享的 PostgreSQL 数据库由大厅信息技术人员备份（hallmonitor backup 使用 pg_dump）。</translation>
    </message>
    <message>
        <source>Back up now…</source>
        <translation>立即备份…</translation>
    </message>
    <message>
        <source>Back up to</source>
        <translation>备份到</translation>
    </message>
    <message>
        <source>Backed up to {path}</source>
        <translation>已备份到 {path}</translation>
    </message>
    <message>
        <source>Daily backups kept</source>
        <extracomment>Emitted after a restore: the window must open again on the restored data.</extracomment>
        <translation>保留每日备份份数</translation>
    </message>
    <message>
        <source>Everything in this database is replaced by the backup {path}. What is there now is copied aside first. Restore?</source>
        <translation>数据库中的全部内容将被备份 {path} 替换。当前内容会先另存一份。确定恢复吗？</translation>
    </message>
    <message>
        <source>No daily backup yet: the first is made when the app next starts. “Back up now…” makes one at once, wherever you choose.</source>
        <translation>还没有每日备份：下次启动应用时会做第一份。点“立即备份…”可马上备份到您选择的位置。</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Restore from</source>
        <translation>从以下文件恢复</translation>
    </message>
    <message>
        <source>Restore from a file…</source>
        <translation>从文件恢复…</translation>
    </message>
    <message>
        <source>Restore the selected backup…</source>
        <translation>恢复所选备份…</translation>
    </message>
    <message>
        <source>Restored from {path}.</source>
        <translation>已从 {path} 恢复。</translation>
    </message>
    <message>
        <source>The app backs this database up once a day when it starts, into {folder}.</source>
        <translation>应用每天启动时自动备份本数据库一次，保存在 {folder}。</translation>
    </message>
    <message>
        <source>What was there before is kept in {aside}.</source>
        <translation>恢复前的内容保存在 {aside}。</translation>
    </message>
    <message>
        <source>{day} — {halls} — {size} KB</source>
        <translation>{day} — {halls} — {size} KB</translation>
    </message>
</context>
<context>
    <name>BoardLegend</name>
    <message>
        <source>Absent</source>
        <translation>缺岗</translation>
    </message>
    <message>
        <source>Auxiliary staff only</source>
        <translation>仅辅助人员</translation>
    </message>
    <message>
        <source>Colour and word: who is on duty this session. Badge: the staffing alert still open — red while the rule is still broken, outlined once a formal civil servant is on duty.</source>
        <extracomment>Which fact wins when the staffing now and the open alert differ.</extracomment>
        <translation>颜色和状态词：本时段谁在岗。标签：尚未处理的人员预警——本时段仍违规时为红底，已有正式公职人员在岗时为描边。</translation>
    </message>
    <message>
        <source>Compliant</source>
        <extracomment>(statuses counted, text, label) per colour.</extracomment>
        <translation>合规</translation>
    </message>
    <message>
        <source>Confirmed present</source>
        <translation>已确认到岗</translation>
    </message>
    <message>
        <source>Corrected, awaiting sign-off</source>
        <translation>已纠正 待销号</translation>
    </message>
    <message>
        <source>Not in service</source>
        <translation>未在服务</translation>
    </message>
    <message>
        <source>Ordered to correct</source>
        <translation>责令纠正</translation>
    </message>
    <message>
        <source>Planned, not confirmed</source>
        <translation>仅排班，未确认到岗</translation>
    </message>
    <message>
        <source>Unstaffed or temporarily closed</source>
        <translation>无人值守或临时关闭</translation>
    </message>
    <message>
        <source>{text} {count}</source>
        <translation>{text} {count}</translation>
    </message>
</context>
<context>
    <name>BoardPage</name>
    <message>
        <source>Hall board</source>
        <extracomment>An alert&apos;s id whose link was clicked in a tile&apos;s detail: the main window shows it in the alert center. A snapshot that arrived while another page was shown: painted when the board is shown again.</extracomment>
        <translation>大厅态势</translation>
    </message>
    <message>
        <source>No windows yet: add them on Hall data, or File ▸ Import. Each window then shows here as a tile.</source>
        <translation>还没有窗口：在 大厅资料 添加，或 文件 ▸ 导入。添加后每个窗口在这里显示为一个图块。</translation>
    </message>
    <message>
        <source>No zone</source>
        <translation>未分区</translation>
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
        <source>{day} · not a working day</source>
        <translation>{day} · 非工作日</translation>
    </message>
    <message>
        <source>{day} · {session}</source>
        <translation>{day} · {session}</translation>
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
        <source>Click for today&apos;s roster, cases and open alerts of window {number}</source>
        <extracomment>The tile&apos;s pieces by key (&quot;number&quot;, &quot;verdict&quot;, &quot;person:0&quot;, &quot;more&quot;, &quot;counts&quot;…), as drawn.</extracomment>
        <translation>点击查看窗口 {number} 今日的排班、办件和待处理预警</translation>
    </message>
    <message>
        <source>Closure suggested</source>
        <translation>建议临时关闭</translation>
    </message>
    <message>
        <source>Corrected, awaiting sign-off</source>
        <translation>已纠正 待销号</translation>
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
        <translation>非工作日</translation>
    </message>
    <message>
        <source>Open alerts: {count}</source>
        <translation>待处理预警：{count}</translation>
    </message>
    <message>
        <source>Open this alert in the alert center</source>
        <extracomment>One label per open alert; its link opens the alert center on it.</extracomment>
        <translation>在预警整改中打开此预警</translation>
    </message>
    <message>
        <source>Ordered to correct</source>
        <translation>责令纠正</translation>
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
        <extracomment>The id of an alert whose link was clicked: the board asks the main window to show it.</extracomment>
        <translation>窗口 {number} · {department}</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>缺岗</translation>
    </message>
    <message>
        <source>deadline {date}</source>
        <translation>期限 {date}</translation>
    </message>
    <message>
        <source>planned, not confirmed</source>
        <extracomment>status -&gt; (background, accent) Statuses under which the staffing breaks the rule now: the ladder badge is an alarm there.</extracomment>
        <translation>已排班，未确认到岗</translation>
    </message>
    <message>
        <source>present</source>
        <translation>已到岗</translation>
    </message>
    <message>
        <source>raised {date}</source>
        <translation>发起于 {date}</translation>
    </message>
    <message>
        <source>{badge} {name} ({attendance})</source>
        <extracomment>The tile&apos;s outline, and the radius of its corners; the accent is the coloured left edge. A badge&apos;s corners (as ``ui.common.look``&apos;s style sheets give them). Colours of the pieces other than the badges, which carry their own style. A badge&apos;s fill and outline (from its style sheet); None for plain text.</extracomment>
        <translation>{badge} {name}（{attendance}）</translation>
    </message>
    <message>
        <source>{step} is still open, but a formal civil servant is on duty now: check it and mark it rectified in the alert center.</source>
        <translation>“{step}”尚未处理，但本时段已有正式公职人员在岗：请在预警整改中核实并标记为已整改。</translation>
    </message>
    <message>
        <source>⚑ Suspected nominal presence ({status})</source>
        <translation>⚑ 疑似挂名（{status}）</translation>
    </message>
</context>
<context>
    <name>CalendarPanel</name>
    <message>
        <source>A CSV or Excel file with the State Council&apos;s arrangement</source>
        <translation>国务院节假日安排的 CSV 或 Excel 文件</translation>
    </message>
    <message>
        <source>Add or change day</source>
        <translation>添加或修改</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Every day of %1 is as the official calendar has it (or Monday to Friday, where there is none): no day is listed. Add a day below, or import the year&apos;s arrangement.</source>
        <translation>%1 年每一天都与官方日历一致（没有官方日历则按周一至周五）：没有需要列出的日子。可在下方添加，或导入当年的安排。</translation>
    </message>
    <message>
        <source>Guessed</source>
        <translation>推测</translation>
    </message>
    <message>
        <source>Import from file…</source>
        <translation>从文件导入…</translation>
    </message>
    <message>
        <source>Import work calendar</source>
        <translation>导入工作日历</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <source>Monday to Friday (no holidays known)</source>
        <translation>周一至周五（无节假日数据）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation>没有变化。</translation>
    </message>
    <message>
        <source>Official</source>
        <translation>官方</translation>
    </message>
    <message>
        <source>Only days that differ from the official calendar (or, for a year without one, from Monday to Friday) are listed. Import the State Council&apos;s arrangement for next year as soon as it is published, usually in November.</source>
        <translation>这里只列出与官方日历（没有官方数据的年份则与周一至周五）不同的日子。国务院通常在11月公布下一年的节假日安排，公布后请尽快导入。</translation>
    </message>
    <message>
        <source>Remove selected day</source>
        <translation>删除所选日期</translation>
    </message>
    <message>
        <source>Rest day</source>
        <translation>休息日</translation>
    </message>
    <message>
        <source>Row %1, %2: %3</source>
        <translation>第%1行 %2：%3</translation>
    </message>
    <message>
        <source>Saved, but due dates could not be recomputed: %1</source>
        <translation>已保存，但未能重新计算办结期限：%1</translation>
    </message>
    <message>
        <source>Saved. Due dates of %1 cases moved.</source>
        <translation>已保存，%1 件办件的办结期限随之调整。</translation>
    </message>
    <message>
        <source>Saved. Recomputing the due dates of all cases…</source>
        <translation>已保存，正在重新计算全部办件的办结期限…</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Spreadsheets or CSV (*.xlsx *.xlsm *.xls *.ods *.csv *.txt)</source>
        <translation>电子表格或 CSV (*.xlsx *.xlsm *.xls *.ods *.csv *.txt)</translation>
    </message>
    <message>
        <source>Typed in</source>
        <translation>手工</translation>
    </message>
    <message>
        <source>Working day</source>
        <translation>工作日</translation>
    </message>
    <message>
        <source>Working days of %1 come from: %2</source>
        <translation>%1年的工作日依据：%2</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>an imported arrangement</source>
        <translation>已导入的安排</translation>
    </message>
    <message>
        <source>e.g. Labour Day, make-up working day</source>
        <translation>如：劳动节、调休上班</translation>
    </message>
    <message>
        <source>guessed holidays (not official)</source>
        <translation>推测的节假日（非官方）</translation>
    </message>
    <message>
        <source>the official calendar</source>
        <translation>官方日历</translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Add special procedure</source>
        <translation>添加特别程序</translation>
    </message>
    <message>
        <source>Already ended on</source>
        <translation>已于此日结束</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Approval</source>
        <translation>审批</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>审批时间</translation>
    </message>
    <message>
        <source>Bundle</source>
        <translation>一件事编号</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>办件</translation>
    </message>
    <message>
        <source>Case %1</source>
        <translation>办件 %1</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>办结时间</translation>
    </message>
    <message>
        <source>Correct…</source>
        <translation>更正…</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Due %1 (%2, %3 working days).</source>
        <translation>办结期限 %1（%2，%3个工作日）。</translation>
    </message>
    <message>
        <source>End the running procedure</source>
        <translation>结束进行中的特别程序</translation>
    </message>
    <message>
        <source>Finished at</source>
        <translation>办结时间</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Front shop</source>
        <translation>前店后厂</translation>
    </message>
    <message>
        <source>History</source>
        <translation>办理记录</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>最后一天</translation>
    </message>
    <message>
        <source>Late by %1 working days.</source>
        <translation>已超时 %1 个工作日。</translation>
    </message>
    <message>
        <source>Loading the case…</source>
        <translation>正在读取办件…</translation>
    </message>
    <message>
        <source>No special procedure: the clock runs without a pause. A hearing, an expert review or a public notice stops it while it lasts; add one below.</source>
        <translation>没有特别程序：办结时限连续计算。听证、专家评审或公示期间暂停计时；可在下方添加。</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>办理结果</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>事由</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Record completion</source>
        <translation>记录办结</translation>
    </message>
    <message>
        <source>Special procedures</source>
        <translation>特别程序</translation>
    </message>
    <message>
        <source>Starts on</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>The case could not be read.</source>
        <translation>无法读取该办件。</translation>
    </message>
    <message>
        <source>The case is finished (%1): its completion is recorded.</source>
        <translation>该办件已结束（%1）：办结情况已记录。</translation>
    </message>
    <message>
        <source>The case is voided: nothing more is recorded on it.</source>
        <translation>该办件已作废：不再记录任何办理情况。</translation>
    </message>
    <message>
        <source>The clock is stopped by a special procedure.</source>
        <translation>特别程序进行中，暂停计时。</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>To</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Trips</source>
        <translation>跑动次数</translation>
    </message>
    <message>
        <source>Used %1 working days / %2 calendar days.</source>
        <translation>已用 %1 个工作日 / %2 个自然日。</translation>
    </message>
    <message>
        <source>Voided on %1: %2. It counts in no figure or report.</source>
        <translation>已于 %1 作废：%2。不再计入任何统计和报表。</translation>
    </message>
    <message>
        <source>Void…</source>
        <translation>作废…</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>e.g. expert review, hearing, public notice</source>
        <translation>如：专家评审、听证、公示</translation>
    </message>
    <message>
        <source>running</source>
        <translation>进行中</translation>
    </message>
</context>
<context>
    <name>CaseForm</name>
    <message>
        <source>&amp;Item</source>
        <translation>事项(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Window</source>
        <translation>窗口(&amp;W)</translation>
    </message>
    <message>
        <source>18 characters; may be left blank</source>
        <translation>18位，可不填</translation>
    </message>
    <message>
        <source>Applicant &amp;name</source>
        <translation>申请人名称(&amp;N)</translation>
    </message>
    <message>
        <source>Applicant type</source>
        <translation>申请人类型</translation>
    </message>
    <message>
        <source>Approval place</source>
        <translation>审批地点</translation>
    </message>
    <message>
        <source>Approver</source>
        <translation>审批人</translation>
    </message>
    <message>
        <source>Blank: numbered automatically</source>
        <translation>留空自动编号</translation>
    </message>
    <message>
        <source>Bundle number</source>
        <translation>一件事编号</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Code or name</source>
        <translation>编码或名称</translation>
    </message>
    <message>
        <source>Completed on the spot</source>
        <translation>当场办结</translation>
    </message>
    <message>
        <source>I&amp;D number</source>
        <translation>证件号码(&amp;D)</translation>
    </message>
    <message>
        <source>Not yet approved</source>
        <translation>尚未审批</translation>
    </message>
    <message>
        <source>Number or name</source>
        <translation>窗口号或名称</translation>
    </message>
    <message>
        <source>Optional, e.g. for a new enterprise</source>
        <translation>选填，如企业开办一件事</translation>
    </message>
    <message>
        <source>Received at</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Save and next (Ctrl+Enter)</source>
        <translation>保存并登记下一件 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Saved. Ready for the next case.</source>
        <translation>已保存，可登记下一件。</translation>
    </message>
    <message>
        <source>Staff number or name</source>
        <translation>工号或姓名</translation>
    </message>
    <message>
        <source>Trips</source>
        <translation>跑动次数</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>办结时间</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>办结期限</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <source>Front shop</source>
        <translation>前店后厂</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Overdue: due %1</source>
        <translation>超时：应于 %1 办结</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>This column cannot be sorted</source>
        <translation>此列不能排序</translation>
    </message>
    <message>
        <source>Trips</source>
        <translation>跑动</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
</context>
<context>
    <name>CaseWords</name>
    <message>
        <source>Accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <source>At the window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Awaiting documents</source>
        <translation>补正</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>办结</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Department back office</source>
        <translation>部门后台</translation>
    </message>
    <message>
        <source>Dismissed</source>
        <translation>已排除</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>临期</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>Immediate case</source>
        <translation>即办件</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>个人</translation>
    </message>
    <message>
        <source>Promised case</source>
        <translation>承诺件</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>退件</translation>
    </message>
    <message>
        <source>Special procedure</source>
        <translation>特别程序</translation>
    </message>
    <message>
        <source>To review</source>
        <translation>待核查</translation>
    </message>
    <message>
        <source>Voided</source>
        <translation>作废</translation>
    </message>
</context>
<context>
    <name>CasesPage</name>
    <message>
        <source>%1 cases</source>
        <translation>共 %1 件</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All windows</source>
        <translation>全部窗口</translation>
    </message>
    <message>
        <source>Any part of a case number or of the applicant&apos;s name, a window&apos;s number, or a whole ID number or credit code (matched by its keyed hash; the number is not kept)</source>
        <translation>办件编号的任意一段、申请人名称的一部分、窗口号，或完整的身份证号码、统一社会信用代码（按密钥摘要比对，不保存号码）</translation>
    </message>
    <message>
        <source>Case number, applicant, window or ID number (Ctrl+F)</source>
        <translation>搜索办件编号、申请人、窗口号或证件号 (Ctrl+F)</translation>
    </message>
    <message>
        <source>Cases</source>
        <extracomment>The key columns first and always in view; the others only where the width holds them.</extracomment>
        <translation>办件登记</translation>
    </message>
    <message>
        <source>Could not load cases: %1</source>
        <translation>无法读取办件：%1</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>Department: %1</source>
        <translation>部门：%1</translation>
    </message>
    <message>
        <source>Front shop only</source>
        <translation>仅前店后厂</translation>
    </message>
    <message>
        <source>More than %1 cases</source>
        <translation>超过 %1 件</translation>
    </message>
    <message>
        <source>More than %1 cases match; the first %1 are listed. Type more to narrow the search.</source>
        <translation>符合条件的办件超过 %1 件，只列出前 %1 件；请多输入几个字缩小范围。</translation>
    </message>
    <message>
        <source>New case</source>
        <translation>登记办件</translation>
    </message>
    <message>
        <source>No case matches these filters: widen them, or take one off with its × above.</source>
        <translation>没有符合这些筛选条件的办件：放宽条件，或点上方条件的 × 去掉它。</translation>
    </message>
    <message>
        <source>No case was received from %1 to %2. Register one with the form on the left, or untick “Received” to look at every date.</source>
        <translation>%1 至 %2 没有受理办件：在左侧表单登记，或取消勾选“受理日期”查看所有日期。</translation>
    </message>
    <message>
        <source>No cases yet: register the first with the form on the left (Ctrl+N), or import them with File ▸ Import.</source>
        <translation>还没有办件：在左侧表单登记第一件（Ctrl+N），或 文件 ▸ 导入。</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>仅超时</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受理日期</translation>
    </message>
    <message>
        <source>Received %1 – %2</source>
        <translation>受理日期 %1 至 %2</translation>
    </message>
    <message>
        <source>Reset filters</source>
        <translation>重置筛选</translation>
    </message>
    <message>
        <source>Search: %1</source>
        <extracomment>Longest search text a chip repeats; the search box holds the rest. Names the filter, so a test or the page can find its chip.</extracomment>
        <translation>搜索：%1</translation>
    </message>
    <message>
        <source>Search: ID number %1</source>
        <translation>搜索：证件号码 %1</translation>
    </message>
    <message>
        <source>Search: credit code %1</source>
        <translation>搜索：信用代码 %1</translation>
    </message>
    <message>
        <source>Search: window %1</source>
        <translation>搜索：窗口 %1</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <source>Window: %1</source>
        <translation>窗口：%1</translation>
    </message>
</context>
<context>
    <name>ChartPanel</name>
    <message>
        <source>No data yet</source>
        <translation>暂无数据</translation>
    </message>
    <message>
        <source>PNG picture (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Save as PNG</source>
        <translation>保存为PNG</translation>
    </message>
    <message>
        <source>Save chart</source>
        <extracomment>Label indices drawn, in order; with more bars than room, the busiest (then one slot for the rest). (x, y, sentence) of every value, for the hover text.</extracomment>
        <translation>保存图表</translation>
    </message>
    <message>
        <source>Save this chart as a PNG picture</source>
        <translation>把这张图表保存为 PNG 图片</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
</context>
<context>
    <name>ChartsPage</name>
    <message>
        <source> weeks</source>
        <translation> 周</translation>
    </message>
    <message>
        <source>%1 (not a working day)</source>
        <translation>%1（非工作日）</translation>
    </message>
    <message>
        <source>%1 cases</source>
        <translation>%1 件</translation>
    </message>
    <message>
        <source>%1 more</source>
        <translation>另 %1 个</translation>
    </message>
    <message>
        <source>%1 more departments not drawn: %2</source>
        <translation>另有 %1 个部门未画出：%2</translation>
    </message>
    <message>
        <source>%1 of %2 cases flagged</source>
        <translation>%2 件中 %1 件被标记</translation>
    </message>
    <message>
        <source>%1 of %2 window-sessions compliant</source>
        <translation>%2 个窗口时段中 %1 个合规</translation>
    </message>
    <message>
        <source>%1 quieter windows not drawn: %2</source>
        <translation>另有 %1 个办件较少的窗口未画出：%2</translation>
    </message>
    <message>
        <source>%1 to %2: %3 cases</source>
        <translation>%1 至 %2：共 %3 件</translation>
    </message>
    <message>
        <source>%1, target %2 (%3 of %4)</source>
        <translation>%1，目标 %2（%4 件中 %3 件）</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>实际</translation>
    </message>
    <message>
        <source>At most one trip</source>
        <translation>最多跑一次</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>办件量</translation>
    </message>
    <message>
        <source>Cases per window</source>
        <translation>各窗口办件量</translation>
    </message>
    <message>
        <source>Cases per working day</source>
        <translation>每个工作日办件量</translation>
    </message>
    <message>
        <source>Compliant</source>
        <translation>合规</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>Could not compute the figures: %1</source>
        <translation>无法计算统计数据：%1</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>前店后厂</translation>
    </message>
    <message>
        <source>Front shop, back factory (%)</source>
        <translation>各部门前店后厂比例（%）</translation>
    </message>
    <message>
        <source>Investment project</source>
        <translation>企业投资项目</translation>
    </message>
    <message>
        <source>Items admitted and authorised</source>
        <translation>进驻且授权审批事项</translation>
    </message>
    <message>
        <source>Loading the charts…</source>
        <translation>正在加载图表…</translation>
    </message>
    <message>
        <source>New enterprise setup</source>
        <translation>新开办企业</translation>
    </message>
    <message>
        <source>No cases received from %1 to %2: choose other dates, or enter cases on Cases or File ▸ Import.</source>
        <translation>%1 至 %2 没有受理办件：换一个日期范围，或在 办件登记 录入、文件 ▸ 导入。</translation>
    </message>
    <message>
        <source>No finished case of these kinds in the period: the time used shows once some are done.</source>
        <translation>本期间还没有这几类办结的办件：有办结后这里显示用时。</translation>
    </message>
    <message>
        <source>No roster in these weeks: once windows are rostered, each week&apos;s share shows here.</source>
        <translation>这几周没有排班：在 排班与到岗 排班后，这里显示每周合规率。</translation>
    </message>
    <message>
        <source>No windows yet: add them on Hall data, or File ▸ Import.</source>
        <translation>还没有窗口：在 大厅资料 添加，或 文件 ▸ 导入。</translation>
    </message>
    <message>
        <source>Real-estate registration</source>
        <translation>不动产登记</translation>
    </message>
    <message>
        <source>Received from</source>
        <translation>受理日期</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Shares (%)</source>
        <translation>比例指标（%）</translation>
    </message>
    <message>
        <source>Staffing over the last</source>
        <translation>人员配置统计最近</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计分析</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Time used against the limit (%)</source>
        <translation>用时占时限比例（%）</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>用时</translation>
    </message>
    <message>
        <source>Week of</source>
        <translation>周起始日</translation>
    </message>
    <message>
        <source>Weekly staffing compliance (%)</source>
        <translation>每周人员配置合规率（%）</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>average %1 working days against a limit of %2 (%3 of %4 within it)</source>
        <translation>平均 %1 个工作日，时限 %2 个工作日（%4 件中 %3 件达标）</translation>
    </message>
    <message>
        <source>limit</source>
        <translation>时限</translation>
    </message>
    <message>
        <source>no finished cases yet</source>
        <translation>尚无办结的办件</translation>
    </message>
    <message>
        <source>no roster</source>
        <translation>无排班</translation>
    </message>
    <message>
        <source>no roster that week, nothing judged</source>
        <translation>该周无排班，未评判</translation>
    </message>
    <message>
        <source>none finished</source>
        <translation>无办结</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
</context>
<context>
    <name>ChooseHall</name>
    <message>
        <source>This database holds several halls. Open:</source>
        <translation>这个数据库中有多个大厅，打开：</translation>
    </message>
    <message>
        <source>Which hall?</source>
        <translation>打开哪个大厅？</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <source>Applicant name</source>
        <translation>申请人名称</translation>
    </message>
    <message>
        <source>Applicant type</source>
        <translation>申请人类型</translation>
    </message>
    <message>
        <source>Approval place</source>
        <translation>审批地点</translation>
    </message>
    <message>
        <source>Approved at</source>
        <translation>审批时间</translation>
    </message>
    <message>
        <source>Approver</source>
        <translation>审批人</translation>
    </message>
    <message>
        <source>Blank: keep the number on record</source>
        <translation>留空：保留已登记的证件号码</translation>
    </message>
    <message>
        <source>Bundle number</source>
        <translation>一件事编号</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <source>Completed at</source>
        <translation>办结时间</translation>
    </message>
    <message>
        <source>Correct case %1</source>
        <extracomment>The case as the dialog behind showed it: a save after another PC changed it is refused.</extracomment>
        <translation>更正办件 %1</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>办理事项</translation>
    </message>
    <message>
        <source>Not yet approved</source>
        <translation>尚未审批</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>更正原因</translation>
    </message>
    <message>
        <source>Received at</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Required: why the record was wrong</source>
        <translation>必填：原记录错在哪里</translation>
    </message>
    <message>
        <source>Save correction</source>
        <translation>保存更正</translation>
    </message>
    <message>
        <source>Staff number</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Trips</source>
        <translation>跑动次数</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>受理窗口</translation>
    </message>
</context>
<context>
    <name>DatabasePanel</name>
    <message>
        <source>A SQLite file, or postgresql://user:password@server:5432/database</source>
        <translation>SQLite 数据库文件，或 postgresql://用户:密码@服务器:5432/数据库</translation>
    </message>
    <message>
        <source>Another database</source>
        <translation>其他数据库</translation>
    </message>
    <message>
        <source>At next start</source>
        <translation>下次启动时</translation>
    </message>
    <message>
        <source>Back to the default</source>
        <translation>恢复默认</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>当前使用</translation>
    </message>
    <message>
        <source>SQLite database (*.sqlite3 *.db);;All files (*)</source>
        <translation>SQLite 数据库 (*.sqlite3 *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>SQLite database file</source>
        <translation>SQLite 数据库文件</translation>
    </message>
    <message>
        <source>Saved: the app opens %1 at its next start.</source>
        <translation>已保存：下次启动时打开 %1。</translation>
    </message>
    <message>
        <source>Several PCs of a hall can share one PostgreSQL database. A new choice takes effect when the app is started again; the database is upgraded then if needed (a SQLite file is copied aside first).</source>
        <translation>大厅的多台电脑可以共用一个 PostgreSQL 数据库。新的选择在重新启动程序后生效；届时如有需要会自动升级数据库（SQLite 文件会先备份）。</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>The app opens its default database at its next start.</source>
        <translation>下次启动时打开默认数据库。</translation>
    </message>
    <message>
        <source>The same as now (no other choice saved)</source>
        <translation>与当前相同（未保存其他选择）</translation>
    </message>
    <message>
        <source>Use at next start</source>
        <translation>下次启动时使用</translation>
    </message>
</context>
<context>
    <name>DatedChangeDialog</name>
    <message>
        <source>From</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>New category</source>
        <translation>新类别</translation>
    </message>
</context>
<context>
    <name>DepartmentDialog</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
</context>
<context>
    <name>DepartmentModel</name>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>事项数</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>人员数</translation>
    </message>
    <message>
        <source>Windows</source>
        <translation>窗口数</translation>
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
    <message>
        <source>Wait until the other program has finished writing, then try again.</source>
        <translation>请等另一个程序写入完毕后再试。</translation>
    </message>
</context>
<context>
    <name>DisplayCell</name>
    <message>
        <source>Under rectification</source>
        <extracomment>The smallest type a cell uses, in pixels: below it the department is cut with &quot;…&quot; instead. The verdict&apos;s and the department&apos;s type as a share of the number&apos;s. The widest window number and verdict of the hall: every cell sizes its type for them. (columns, rows, spacing) of the display&apos;s grid: the type is sized for the grid&apos;s smallest cell, so a cell a pixel wider than its neighbour does not get larger type.</extracomment>
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
        <source>Holiday arrangements</source>
        <translation>节假日安排</translation>
    </message>
    <message>
        <source>Import template</source>
        <translation>导入模板</translation>
    </message>
    <message>
        <source>Importing {kind} from {name}…</source>
        <translation>正在导入{kind}：{name}…</translation>
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
        <source>Special procedures</source>
        <translation>特别程序</translation>
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
    <name>FilterChip</name>
    <message>
        <source>Remove filter %1</source>
        <translation>清除筛选：%1</translation>
    </message>
    <message>
        <source>Remove this filter</source>
        <extracomment>What the × does; replaced when the same chip is shown again for a newer filter.</extracomment>
        <translation>清除此筛选</translation>
    </message>
</context>
<context>
    <name>FirstStartWizard</name>
    <message>
        <source>Creating the account…</source>
        <translation>正在创建账号…</translation>
    </message>
    <message>
        <source>Creating the hall…</source>
        <translation>正在创建大厅…</translation>
    </message>
    <message>
        <source>First start</source>
        <translation>首次启动</translation>
    </message>
    <message>
        <source>Opening the database…</source>
        <translation>正在打开数据库…</translation>
    </message>
</context>
<context>
    <name>FlagTableModel</name>
    <message>
        <source>Approved</source>
        <translation>审批时间</translation>
    </message>
    <message>
        <source>Approver</source>
        <translation>审批人</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>标记依据</translation>
    </message>
    <message>
        <source>Review note</source>
        <translation>核查说明</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
</context>
<context>
    <name>FlagsPage</name>
    <message>
        <source>%1 flags</source>
        <translation>共 %1 条</translation>
    </message>
    <message>
        <source>%1 is now: %2.</source>
        <translation>%1 已标为：%2。</translation>
    </message>
    <message>
        <source>All flags</source>
        <translation>全部标记</translation>
    </message>
    <message>
        <source>Confirm: approved outside the hall</source>
        <translation>确认：在大厅外审批</translation>
    </message>
    <message>
        <source>Could not load flags: %1</source>
        <translation>无法读取前店后厂标记：%1</translation>
    </message>
    <message>
        <source>Dismiss: approved in the hall</source>
        <translation>排除：在大厅内审批</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>Front shop, back factory</source>
        <translation>前店后厂</translation>
    </message>
    <message>
        <source>Last review</source>
        <translation>上次核查</translation>
    </message>
    <message>
        <source>No case has been flagged. A case whose approval took place outside the hall (front shop, back factory) is listed here for you to confirm or dismiss.</source>
        <translation>还没有被标记的办件。审批在大厅外完成的办件（前店后厂）会列在这里，供您核查后确认或排除。</translation>
    </message>
    <message>
        <source>No flag is “%1”. Choose “All flags” above to see every flag.</source>
        <translation>没有“%1”的标记。在上方选“全部标记”查看所有标记。</translation>
    </message>
    <message>
        <source>No flag waits for review. Choose “All flags” above to see the reviewed ones.</source>
        <translation>没有待核查的标记。在上方选“全部标记”查看已核查的。</translation>
    </message>
    <message>
        <source>Not reviewed yet</source>
        <translation>尚未核查</translation>
    </message>
    <message>
        <source>Note (required)</source>
        <translation>核查说明（必填）</translation>
    </message>
    <message>
        <source>Open case…</source>
        <translation>查看办件…</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>核查</translation>
    </message>
    <message>
        <source>Select a flag to review it.</source>
        <translation>选择一条标记进行核查。</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>What you found, e.g. who approved where, and what was agreed</source>
        <translation>核查情况，如由谁在何处审批、处理意见</translation>
    </message>
    <message>
        <source>Write a note first: it is what the department will be shown.</source>
        <translation>请先填写核查说明：这是向部门出示的依据。</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>原因（必填）</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>必填，将记入变更历史</translation>
    </message>
    <message>
        <source>Why (kept in the history)</source>
        <extracomment>The row changed on another PC since the form was filled: the page shows it as it is now.</extracomment>
        <translation>为何修改（记入变更历史）</translation>
    </message>
</context>
<context>
    <name>GuideWindow</name>
    <message>
        <source>The user guide is not installed with this copy of HallMonitor: it is docs/{name} in the program&apos;s source.</source>
        <translation>这份窗口监管台没有附带用户手册：它是程序源代码中的 docs/{name}。</translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>用户手册</translation>
    </message>
</context>
<context>
    <name>HallDataActions</name>
    <message>
        <source>%1 added.</source>
        <translation>已新增 %1。</translation>
    </message>
    <message>
        <source>%1 is %2 from %3.</source>
        <translation>%1 自 %3 起为%2。</translation>
    </message>
    <message>
        <source>%1 is now %2. Days before the chosen day keep the old category.</source>
        <translation>%1 现为%2。所选日期之前的排班仍按原类别评判。</translation>
    </message>
    <message>
        <source>%1 is on duty again.</source>
        <translation>%1 已返岗。</translation>
    </message>
    <message>
        <source>%1 left the hall; %2 roster entries removed.</source>
        <translation>%1 已调离，删除其后排班 %2 条。</translation>
    </message>
    <message>
        <source>%1 may be rostered again.</source>
        <translation>%1 返岗后可再次排班。</translation>
    </message>
    <message>
        <source>%1 saved.</source>
        <translation>已保存 %1。</translation>
    </message>
    <message>
        <source>%1 stays in the records; from the chosen day on they are off the roster.</source>
        <translation>%1 的记录保留；自所选日期起不再排班，其后的排班将被删除。</translation>
    </message>
    <message>
        <source>Activate item</source>
        <translation>启用事项</translation>
    </message>
    <message>
        <source>Activate…</source>
        <translation>启用…</translation>
    </message>
    <message>
        <source>Add department</source>
        <translation>新增部门</translation>
    </message>
    <message>
        <source>Add department…</source>
        <translation>新增部门…</translation>
    </message>
    <message>
        <source>Add item</source>
        <translation>新增事项</translation>
    </message>
    <message>
        <source>Add item…</source>
        <translation>新增事项…</translation>
    </message>
    <message>
        <source>Add person</source>
        <translation>新增人员</translation>
    </message>
    <message>
        <source>Add person…</source>
        <translation>新增人员…</translation>
    </message>
    <message>
        <source>Add window</source>
        <translation>新增窗口</translation>
    </message>
    <message>
        <source>Add window…</source>
        <translation>新增窗口…</translation>
    </message>
    <message>
        <source>Change category</source>
        <translation>变更人员类别</translation>
    </message>
    <message>
        <source>Change category…</source>
        <translation>变更类别…</translation>
    </message>
    <message>
        <source>Deactivate item</source>
        <translation>停用事项</translation>
    </message>
    <message>
        <source>Deactivate…</source>
        <translation>停用…</translation>
    </message>
    <message>
        <source>Department %1 added.</source>
        <translation>已新增部门 %1。</translation>
    </message>
    <message>
        <source>Department renamed.</source>
        <translation>部门已改名。</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>编辑 %1</translation>
    </message>
    <message>
        <source>Edit item %1</source>
        <translation>编辑事项 %1</translation>
    </message>
    <message>
        <source>Edit window %1</source>
        <translation>编辑 %1号窗口</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Item %1 added.</source>
        <translation>已新增事项 %1。</translation>
    </message>
    <message>
        <source>Item %1 can be chosen for new cases again.</source>
        <translation>事项 %1 启用后可再登记新办件。</translation>
    </message>
    <message>
        <source>Item %1 can no longer be chosen for a new case; cases already registered keep it and can still be corrected.</source>
        <translation>事项 %1 停用后不能再登记新办件；已登记的办件保留该事项，仍可更正。</translation>
    </message>
    <message>
        <source>Item %1 saved.</source>
        <translation>已保存事项 %1。</translation>
    </message>
    <message>
        <source>Leave the hall</source>
        <translation>调离</translation>
    </message>
    <message>
        <source>Leave the hall…</source>
        <translation>调离…</translation>
    </message>
    <message>
        <source>Left on</source>
        <translation>调离日期</translation>
    </message>
    <message>
        <source>Open again…</source>
        <translation>启用…</translation>
    </message>
    <message>
        <source>Open window again</source>
        <translation>启用窗口</translation>
    </message>
    <message>
        <source>Rename department</source>
        <translation>部门改名</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>改名…</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>返岗</translation>
    </message>
    <message>
        <source>Return…</source>
        <translation>返岗…</translation>
    </message>
    <message>
        <source>Set out of service…</source>
        <translation>停用…</translation>
    </message>
    <message>
        <source>Set window out of service</source>
        <translation>停用窗口</translation>
    </message>
    <message>
        <source>Window %1 added.</source>
        <translation>已新增 %1号窗口。</translation>
    </message>
    <message>
        <source>Window %1 is not judged from the chosen day on, and its roster from that day on is removed.</source>
        <translation>%1号窗口自所选日期起停用：不再评判人员配置，其后的排班将被删除。</translation>
    </message>
    <message>
        <source>Window %1 is open, and judged again, from the chosen day on.</source>
        <translation>%1号窗口自所选日期起开放，并重新评判人员配置。</translation>
    </message>
    <message>
        <source>Window %1 saved.</source>
        <translation>已保存 %1号窗口。</translation>
    </message>
</context>
<context>
    <name>HallDataPage</name>
    <message>
        <source>Could not load the hall&apos;s data: %1</source>
        <translation>无法读取大厅资料：%1</translation>
    </message>
    <message>
        <source>Departments</source>
        <extracomment>Topics after which the page reads the hall&apos;s data again (an import of windows or staff, say).</extracomment>
        <translation>部门</translation>
    </message>
    <message>
        <source>File ▸ Import</source>
        <translation>文件 ▸ 导入</translation>
    </message>
    <message>
        <source>Hall data</source>
        <translation>大厅资料</translation>
    </message>
    <message>
        <source>History of the selected record</source>
        <translation>所选记录的变更历史</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>No change recorded yet: each change made here or by an import is listed with who made it, when and why.</source>
        <translation>还没有变更记录：在这里或通过导入做的每一项修改，都会记下是谁、何时、为何修改。</translation>
    </message>
    <message>
        <source>No departments yet: click “%1” below, or %2.</source>
        <translation>还没有部门：点下方的“%1”，或 %2。</translation>
    </message>
    <message>
        <source>No items yet: click “%1” below, or %2.</source>
        <translation>还没有事项：点下方的“%1”，或 %2。</translation>
    </message>
    <message>
        <source>No staff yet: click “%1” below, or %2.</source>
        <translation>还没有工作人员：点下方的“%1”，或 %2。</translation>
    </message>
    <message>
        <source>No windows yet: click “%1” below, or %2. Each window belongs to a department.</source>
        <translation>还没有窗口：点下方的“%1”，或 %2。每个窗口属于一个部门。</translation>
    </message>
    <message>
        <source>Select a row to see who changed it, when and why.</source>
        <translation>选中一行，查看谁在何时因何修改了它。</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Window %1 %2</source>
        <translation>%1号窗口 %2</translation>
    </message>
    <message>
        <source>Windows</source>
        <translation>窗口</translation>
    </message>
</context>
<context>
    <name>HallDataWords</name>
    <message>
        <source>Activated</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Admitted</source>
        <translation>进驻</translation>
    </message>
    <message>
        <source>Bank account</source>
        <translation>银行开户</translation>
    </message>
    <message>
        <source>Board column</source>
        <translation>态势图列</translation>
    </message>
    <message>
        <source>Board row</source>
        <translation>态势图行</translation>
    </message>
    <message>
        <source>Business licence</source>
        <translation>营业执照</translation>
    </message>
    <message>
        <source>Case type</source>
        <translation>办件类型</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Category changed</source>
        <translation>类别变更</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Combined window</source>
        <translation>综合窗口</translation>
    </message>
    <message>
        <source>Complaints window</source>
        <translation>办不成事反映窗口</translation>
    </message>
    <message>
        <source>Construction project approval</source>
        <translation>工程建设项目审批</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Department window</source>
        <translation>专业窗口</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>From</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Immediate</source>
        <translation>即办件</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>调离</translation>
    </message>
    <message>
        <source>Left on</source>
        <translation>调离日期</translation>
    </message>
    <message>
        <source>Legal days</source>
        <translation>法定时限</translation>
    </message>
    <message>
        <source>Name</source>
        <extracomment>The fields a history entry names, by the keys the change log stores.</extracomment>
        <translation>名称</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>On duty</source>
        <translation>在岗</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Policy payout</source>
        <translation>政策兑现</translation>
    </message>
    <message>
        <source>Policy payout window</source>
        <translation>政策兑现窗口</translation>
    </message>
    <message>
        <source>Promised</source>
        <translation>承诺件</translation>
    </message>
    <message>
        <source>Promised days</source>
        <translation>承诺时限</translation>
    </message>
    <message>
        <source>Real-estate registration</source>
        <translation>不动产登记</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>返岗</translation>
    </message>
    <message>
        <source>Roster entries removed</source>
        <translation>删除排班</translation>
    </message>
    <message>
        <source>Seal engraving</source>
        <translation>公章刻制</translation>
    </message>
    <message>
        <source>Staff number</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>State changed</source>
        <translation>状态变更</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>涉税办理</translation>
    </message>
    <message>
        <source>Window may approve</source>
        <translation>授权到位</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>区域</translation>
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
        <extracomment>The side list&apos;s share of the width, and the height the type sizes below were chosen for. Pixel sizes at DESIGN_HEIGHT; a smaller screen scales them down, never below MIN_PIXELS. Where the opening window keeps its display, so the menu action raises it rather than opening a second. Open staffing alerts: the windows ordered to correct or suggested for closure.</extracomment>
        <translation>大屏模式 — {hall}</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Ordered to correct</source>
        <translation>责令纠正</translation>
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
    <name>HallKeyPanel</name>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Enter the hall key…</source>
        <translation>输入大厅密钥…</translation>
    </message>
    <message>
        <source>Hall key</source>
        <translation>大厅密钥</translation>
    </message>
    <message>
        <source>ID numbers are stored only as a mask and a keyed hash, which lets the same person be found across cases. The key is kept on each PC, never in the database or its backups, so a copy of the database does not give the numbers away.</source>
        <translation>证件号码只以掩码和加密散列保存，用于在不同办件间认出同一申请人。散列的密钥保存在每台电脑上，从不进入数据库或其备份，因此拿到数据库副本也无法还原证件号码。</translation>
    </message>
    <message>
        <source>Only an administrator may do this.</source>
        <translation>只有管理员可以这样做。</translation>
    </message>
    <message>
        <source>Show the hall key</source>
        <translation>显示大厅密钥</translation>
    </message>
    <message>
        <source>Start a new hall key</source>
        <translation>启用新的大厅密钥</translation>
    </message>
    <message>
        <source>Start a new hall key now?</source>
        <translation>现在启用新的大厅密钥吗？</translation>
    </message>
    <message>
        <source>Start a new hall key…</source>
        <translation>启用新的大厅密钥…</translation>
    </message>
    <message>
        <source>The hall key kept on this PC:</source>
        <translation>本机保存的大厅密钥：</translation>
    </message>
    <message>
        <source>The new hall key. Write it down and keep it safe; every other PC needs it:</source>
        <translation>新的大厅密钥。请抄下并妥善保管，其他每台电脑都需要输入：</translation>
    </message>
</context>
<context>
    <name>HallPage</name>
    <message>
        <source> {years} is not published yet: until it is imported (Settings), weekdays count as working days.</source>
        <translation>{years} 年的安排尚未发布：在“设置”中导入之前，按周一至周五计算工作日。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Afternoon session</source>
        <translation>下午</translation>
    </message>
    <message>
        <source>Hall code</source>
        <translation>大厅编码</translation>
    </message>
    <message>
        <source>Hall name</source>
        <translation>大厅名称</translation>
    </message>
    <message>
        <source>Morning session</source>
        <translation>上午</translation>
    </message>
    <message>
        <source>The code names the hall in the weekly report for the center; the sessions decide who must be on duty when.</source>
        <translation>编码在报送中心的周报中标识本大厅；上下午时段决定何时必须有人在岗。</translation>
    </message>
    <message>
        <source>The hall</source>
        <translation>本大厅</translation>
    </message>
    <message>
        <source>The official holiday arrangements for {years} come with the app.</source>
        <translation>应用已内置 {years} 年的官方节假日安排。</translation>
    </message>
    <message>
        <source>Working days</source>
        <translation>工作日</translation>
    </message>
    <message>
        <source>e.g. 330100-ZW</source>
        <translation>例如 330100-ZW</translation>
    </message>
    <message>
        <source>e.g. 某某市政务服务中心</source>
        <translation>例如 某某市政务服务中心</translation>
    </message>
</context>
<context>
    <name>HallStatusBar</name>
    <message>
        <source>, </source>
        <translation>、</translation>
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
        <source>Demo hall</source>
        <translation>演示大厅</translation>
    </message>
    <message>
        <source>Open alerts: {count}</source>
        <translation>待处理预警：{count}</translation>
    </message>
    <message>
        <source>Outside opening hours</source>
        <translation>非办公时间</translation>
    </message>
    <message>
        <source>Signed in: {name} ({login}, {roles})</source>
        <translation>当前账号：{name}（{login}，{roles}）</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>Change</source>
        <translation>变更内容</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
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
        <source>Spreadsheets or CSV (*.xlsx *.xls *.ods *.csv)</source>
        <translation>电子表格或 CSV (*.xlsx *.xls *.ods *.csv)</translation>
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
    <name>ItemDialog</name>
    <message>
        <source> working days</source>
        <translation> 个工作日</translation>
    </message>
    <message>
        <source>Case type</source>
        <translation>办件类型</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>事项编码</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Handled in the hall (进驻)</source>
        <translation>已进驻大厅办理</translation>
    </message>
    <message>
        <source>Legal time limit</source>
        <translation>法定时限</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>事项名称</translation>
    </message>
    <message>
        <source>Promised time limit</source>
        <translation>承诺时限</translation>
    </message>
    <message>
        <source>The window may approve (授权到位)</source>
        <translation>窗口可审批（授权到位）</translation>
    </message>
</context>
<context>
    <name>ItemModel</name>
    <message>
        <source>Admitted</source>
        <translation>进驻</translation>
    </message>
    <message>
        <source>Case type</source>
        <translation>办件类型</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Legal days</source>
        <translation>法定时限</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Promised days</source>
        <translation>承诺时限</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Window may approve</source>
        <translation>授权到位</translation>
    </message>
</context>
<context>
    <name>KeyEntryDialog</name>
    <message>
        <source>Hall key</source>
        <translation>大厅密钥</translation>
    </message>
    <message>
        <source>Keep on this PC</source>
        <translation>保存在本机</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>以后再说</translation>
    </message>
    <message>
        <source>This PC does not hold the hall key of this database yet. Type the key the administrator wrote down when the hall was created (eight groups of four letters and digits).</source>
        <translation>本机还没有这个数据库的大厅密钥。请输入管理员在创建大厅时抄下的密钥（8 组、每组 4 个字母或数字）。</translation>
    </message>
</context>
<context>
    <name>KeyPage</name>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>I have written the hall key down and will keep it safe</source>
        <translation>我已抄下大厅密钥，并会妥善保管</translation>
    </message>
    <message>
        <source>ID numbers are kept only as a mask and a keyed hash. The key stays on this PC, never in the database or its backups. Write it down: every other PC of the hall, and a restore onto a new PC, asks for it.</source>
        <translation>证件号码只以掩码和加密散列保存。散列的密钥留在本机，从不进入数据库或其备份。请抄下密钥：大厅的其他电脑、以及在新电脑上恢复备份时，都需要输入它。</translation>
    </message>
    <message>
        <source>The hall key</source>
        <translation>大厅密钥</translation>
    </message>
    <message>
        <source>This database already has a hall key: the hall shares it. Nothing to write down here.</source>
        <translation>这个数据库已有大厅密钥，新大厅共用它，这里无需抄写。</translation>
    </message>
</context>
<context>
    <name>LanguagePanel</name>
    <message>
        <source>Interface language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>The interface and its messages change language at the next start.</source>
        <translation>界面和提示信息将在下次启动时切换语言。</translation>
    </message>
    <message>
        <source>The {variable} variable chooses the language on this PC; it wins over this choice.</source>
        <translation>这台电脑的环境变量 {variable} 指定了语言，它优先于这里的选择。</translation>
    </message>
    <message>
        <source>This PC&apos;s choice, kept for your login only.</source>
        <translation>这是本机的选择，只对您的登录账户有效。</translation>
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
        <extracomment>Set when the user leaves the demo hall: the app then opens the hall&apos;s own database. Set when the window must open again on the same database (its content was replaced). The hall&apos;s own data (pages, menus, the status bar&apos;s counter) is shown only to those who read it. False for runs that must leave the user&apos;s preferences alone (--smoke).</extracomment>
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
        <source>&amp;Leave the demo hall</source>
        <translation>离开演示大厅(&amp;L)</translation>
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
        <source>&amp;User guide</source>
        <translation>用户手册(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Alerts and rectification</source>
        <translation>预警整改</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>审计记录</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>办件登记</translation>
    </message>
    <message>
        <source>Demo hall</source>
        <translation>演示大厅</translation>
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
        <source>Hall data</source>
        <translation>大厅资料</translation>
    </message>
    <message>
        <source>Import &amp;templates…</source>
        <translation>导入模板(&amp;T)…</translation>
    </message>
    <message>
        <source>Open the &amp;log folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
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
    <name>Messages</name>
    <message>
        <source> (file {file}, row {row})</source>
        <translation>（文件 {file}，第{row}行）</translation>
    </message>
    <message>
        <source> ({count} suspected ID numbers masked)</source>
        <translation>（已遮盖 {count} 处疑似证件号）</translation>
    </message>
    <message>
        <source>&quot;{code}&quot; is not a valid unified social credit code: {problem}.</source>
        <translation>“{code}”不是有效的统一社会信用代码：{problem}。</translation>
    </message>
    <message>
        <source>&quot;{number}&quot; is not a valid ID card number: {problem}.</source>
        <translation>“{number}”不是有效的身份证号码：{problem}。</translation>
    </message>
    <message>
        <source>&quot;{state}&quot; is decided on an alert (order to correct, temporary closure, reopening) and cannot be set in the hall&apos;s data; here a window can only be set {open} or {closed}.</source>
        <translation>“{state}”由预警处理决定（责令整改、临时关闭、重新开放），不能在大厅资料中设置；这里只能设为{open}或{closed}。</translation>
    </message>
    <message>
        <source>&quot;{status}&quot; is not a status that finishes a case.</source>
        <translation>“{status}”不是办结状态。</translation>
    </message>
    <message>
        <source>#{id} [{level}] {kind}  {summary}  deadline {deadline}  state: {state}</source>
        <translation>#{id} [{level}] {kind}  {summary}  整改期限 {deadline}  状态：{state}</translation>
    </message>
    <message>
        <source>#{id} [{level}] {kind}  {summary}  state: {state}</source>
        <translation>#{id} [{level}] {kind}  {summary}  状态：{state}</translation>
    </message>
    <message>
        <source>#{id} {summary} ({level}, {state})</source>
        <translation>#{id} {summary}（{level}，{state}）</translation>
    </message>
    <message>
        <source>#{seq} {at} {actor}@{pc} {action} {kind} {key}: {summary}</source>
        <translation>#{seq} {at} {actor}@{pc} {action} {kind} {key}：{summary}</translation>
    </message>
    <message>
        <source>(A session of the day is judged once its cases are all in: the morning when the afternoon begins, the afternoon when the day is over.)</source>
        <translation>（当日时段在其办件收齐后判定：上午于下午开始时，下午于当日结束时。）</translation>
    </message>
    <message>
        <source>(confirmed as nominal presence on review)</source>
        <translation>（经核查确认挂名）</translation>
    </message>
    <message>
        <source>(corrected)</source>
        <translation>（已更正）</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>(not shown)</source>
        <translation>（不显示）</translation>
    </message>
    <message>
        <source>(raw text)</source>
        <translation>（原文）</translation>
    </message>
    <message>
        <source>({count} more cases have no receiver recorded and do not count)</source>
        <translation>（另有 {count} 件未记录受理人，不作依据）</translation>
    </message>
    <message>
        <source>({count} more cases of the day have no time of receipt and fit no session)</source>
        <translation>（当日另有 {count} 件未记录受理时刻，无法归入时段）</translation>
    </message>
    <message>
        <source>({unrecorded} more cases have no receiver recorded and do not count)({untimed} more cases of the day have no time of receipt and fit no session)</source>
        <translation>（另有 {unrecorded} 件未记录受理人，不作依据）（当日另有 {untimed} 件未记录受理时刻，无法归入时段）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>, skipped {skipped} with errors</source>
        <translation>，跳过有错误的 {skipped} 行</translation>
    </message>
    <message>
        <source>--limit must be a positive whole number; {limit} is not.</source>
        <translation>--limit 应为正整数，{limit} 不是。</translation>
    </message>
    <message>
        <source>--out must be a .pdf file: {path}</source>
        <translation>--out 须是 .pdf 文件：{path}</translation>
    </message>
    <message>
        <source>--out must be a folder: {path} is a file.</source>
        <translation>--out 应为文件夹：{path} 是一个文件。</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>; suspected ID numbers masked: {count}</source>
        <translation>；已遮盖 {count} 处疑似证件号</translation>
    </message>
    <message>
        <source>A change of staff category must say from which day: use Change category, so that the roster before it is still judged by the old category.</source>
        <translation>人员类别的变更须注明从哪天起，请用“变更类别”，以便此前的排班仍按原类别评判。</translation>
    </message>
    <message>
        <source>A complaint&apos;s time limit cannot be negative</source>
        <translation>反映办理时限不能为负数</translation>
    </message>
    <message>
        <source>A database cannot be restored from its own file.</source>
        <translation>不能用数据库文件本身来恢复它。</translation>
    </message>
    <message>
        <source>A demo hall has between 1 and 52 weeks of data.</source>
        <translation>演示数据的周数应在 1 到 52 之间。</translation>
    </message>
    <message>
        <source>A disk error occurred reading or writing the {file} (a network drive disconnected or a failing disk), and the operation was not completed. Check it and try again.</source>
        <translation>读写{file}时出现磁盘错误（网络盘断开或磁盘故障），本次操作未完成；请检查后再试。</translation>
    </message>
    <message>
        <source>A lock must last between {low} and {high} minutes.</source>
        <translation>锁定时长应在 {low} 到 {high} 分钟之间。</translation>
    </message>
    <message>
        <source>A new password is needed: run this in a terminal to type it, or set the environment variable {variable}.</source>
        <translation>需要新密码：请在终端中运行以便输入，或设置环境变量 {variable}。</translation>
    </message>
    <message>
        <source>A number of working days cannot be negative</source>
        <translation>工作日数不能为负数</translation>
    </message>
    <message>
        <source>A page holds at least {least} entry.</source>
        <translation>每页条数至少为 {least}。</translation>
    </message>
    <message>
        <source>A password is needed: run this in a terminal to type it, or set the environment variable {variable}.</source>
        <translation>需要密码：请在终端中运行以便输入，或设置环境变量 {variable}。</translation>
    </message>
    <message>
        <source>A password must hold both letters and digits.</source>
        <translation>密码需同时包含字母和数字。</translation>
    </message>
    <message>
        <source>A password needs at least {count} characters.</source>
        <translation>密码至少需要 {count} 个字符。</translation>
    </message>
    <message>
        <source>A rest day: no roster is needed.</source>
        <translation>休息日，无需排班。</translation>
    </message>
    <message>
        <source>A review&apos;s conclusion needs a note explaining it.</source>
        <translation>核查结论必须填写核查说明。</translation>
    </message>
    <message>
        <source>A reviewed flag cannot go back to awaiting review.</source>
        <translation>已核查的标记不能改回待核查。</translation>
    </message>
    <message>
        <source>A special procedure cannot start before the day of receipt.</source>
        <translation>特别程序不能早于受理日期开始。</translation>
    </message>
    <message>
        <source>A template&apos;s file name must end in .xlsx: {path}</source>
        <translation>模板文件名应以 .xlsx 结尾：{path}</translation>
    </message>
    <message>
        <source>A unified social credit code has 18 characters; this one has {count}</source>
        <translation>统一社会信用代码应为18位，实际为{count}位</translation>
    </message>
    <message>
        <source>A window or person in the roster was deleted; refresh and edit again.</source>
        <translation>排班中有窗口或人员已被删除，请刷新后重新编辑。</translation>
    </message>
    <message>
        <source>A window&apos;s row and column on the hall board cannot be negative.</source>
        <translation>窗口在大厅态势图上的行号和列号不能为负数。</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Account {login} already exists; choose another account name.</source>
        <translation>账号 {login} 已存在，请换一个账号名。</translation>
    </message>
    <message>
        <source>Account {login} created ({name}, {role}).</source>
        <translation>已创建账号 {login}（{name}，{role}）。</translation>
    </message>
    <message>
        <source>Account {login} is locked after too many wrong passwords: sign in again after {until}, or ask an administrator to unlock it.</source>
        <translation>账号 {login} 因多次密码错误已锁定，{until} 后可再登录，或请管理员解锁。</translation>
    </message>
    <message>
        <source>Account {login} was locked by an administrator; ask an administrator to unlock it.</source>
        <translation>账号 {login} 已被管理员锁定，请联系管理员解锁。</translation>
    </message>
    <message>
        <source>Account&apos;s window</source>
        <translation>账号窗口</translation>
    </message>
    <message>
        <source>Activated</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Added (file {file}, row {row})</source>
        <translation>新增（文件 {file}，第{row}行）</translation>
    </message>
    <message>
        <source>Admitted</source>
        <translation>进驻</translation>
    </message>
    <message>
        <source>After a new hall key is started, the ID numbers of earlier cases can no longer be matched with new cases (the masks and the data are kept); the other PCs must enter the new key to go on entering ID numbers.</source>
        <translation>启用新的大厅密钥后，此前办件的证件号码无法再与新办件比对（掩码和数据都保留）；其他电脑需要输入新密钥才能继续登记证件号码。</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>预警</translation>
    </message>
    <message>
        <source>Alert #{id} holds no session to review.</source>
        <translation>预警 #{id} 没有可核查的时段。</translation>
    </message>
    <message>
        <source>Alert #{id} is at level “{level}”, which gets no rectification notice: evidence to check must be confirmed on review first, and notices and yellow cards are reminders only.</source>
        <translation>预警 #{id} 的级别为“{level}”，不出具整改通知书：待核查的须先经核查确认，提示与黄牌只作提醒。</translation>
    </message>
    <message>
        <source>Alert #{id} is not a nominal presence alert: “{action}” does not apply to it.</source>
        <translation>预警 #{id} 不是人员挂名预警，不能{action}。</translation>
    </message>
    <message>
        <source>Alert #{id} is not about a window, so no rectification notice is issued.</source>
        <translation>预警 #{id} 不针对某个窗口，不出具整改通知书。</translation>
    </message>
    <message>
        <source>Alert #{id} is not about a window: “{action}” does not apply to it.</source>
        <translation>预警 #{id} 不针对某个窗口，不能{action}。</translation>
    </message>
    <message>
        <source>Alert #{id} is “{kind}·{level}”: only a staffing alert escalated to suggested temporary closure can close its window.</source>
        <translation>预警 #{id} 为“{kind}·{level}”：只有升级为建议临时关闭的人员配置预警才能临时关闭窗口。</translation>
    </message>
    <message>
        <source>Alert #{id} is “{level}” already: “{action}” does not apply to it.</source>
        <translation>预警 #{id} 已是“{level}”，不能{action}。</translation>
    </message>
    <message>
        <source>Alert #{id} is “{state}” now: “{action}” does not apply to it.</source>
        <translation>预警 #{id} 当前状态为“{state}”，不能{action}。</translation>
    </message>
    <message>
        <source>Alert #{id} rectified: {note}</source>
        <translation>预警 #{id} 已整改：{note}</translation>
    </message>
    <message>
        <source>Alert #{id} revoked: {note}</source>
        <translation>预警 #{id} 已撤销：{note}</translation>
    </message>
    <message>
        <source>Alert #{id} was changed elsewhere (it is “{level}·{state}” now), so nothing was done; the latest is shown: check it before acting again.</source>
        <translation>预警 #{id} 已在别处修改（现为“{level}·{state}”），本次操作未执行；已显示最新情况，请确认后再操作。</translation>
    </message>
    <message>
        <source>Alert #{id} was given “{action}” by {actor} at {at:%m-%d %H:%M} (it is “{level}·{state}” now), so nothing was done; the latest is shown: check it before acting again.</source>
        <translation>预警 #{id} 已被 {actor} 于 {at:%m-%d %H:%M} {action}（现为“{level}·{state}”），本次操作未执行；已显示最新情况，请确认后再操作。</translation>
    </message>
    <message>
        <source>Alert #{id}: {note}</source>
        <translation>预警 #{id}：{note}</translation>
    </message>
    <message>
        <source>Alert occurrence</source>
        <translation>预警明细</translation>
    </message>
    <message>
        <source>Alert record</source>
        <translation>预警记录</translation>
    </message>
    <message>
        <source>An ID number has 18 characters; this one has {count}</source>
        <translation>身份证号码应为18位，实际为{count}位</translation>
    </message>
    <message>
        <source>An approval place is chosen: enter the approver too.</source>
        <translation>选择了审批地点，请同时填写审批人。</translation>
    </message>
    <message>
        <source>An approver or an approval time is filled in: choose the approval place too.</source>
        <translation>填写了审批人或审批时间，请同时选择审批地点。</translation>
    </message>
    <message>
        <source>An unexpected error occurred ({kind}) and the operation was not completed; the details are in the log {path}</source>
        <translation>出现意外错误（{kind}），操作未完成；详情已写入日志 {path}</translation>
    </message>
    <message>
        <source>Another PC took the same case number at the same moment; save once more.</source>
        <translation>生成办件编号时与其他电脑冲突，请再保存一次。</translation>
    </message>
    <message>
        <source>Another PC was changing these roster cells at the same moment, so this save was not written; the latest roster is loaded again: make your change on it.</source>
        <translation>同一时刻另一台电脑也在修改这些排班单元格，本次保存未写入；已重新载入最新排班，请在其上再修改。</translation>
    </message>
    <message>
        <source>Applicant name</source>
        <translation>申请人名称</translation>
    </message>
    <message>
        <source>Approver&apos;s staff number</source>
        <translation>审批人工号</translation>
    </message>
    <message>
        <source>Approver&apos;s staff number {staff_no} does not exist.</source>
        <translation>审批人工号 {staff_no} 不存在。</translation>
    </message>
    <message>
        <source>Authorised</source>
        <translation>授权到位</translation>
    </message>
    <message>
        <source>Backed up the database {database} to {path}</source>
        <translation>已将数据库 {database} 备份到 {path}</translation>
    </message>
    <message>
        <source>Bundle number</source>
        <translation>一件事编号</translation>
    </message>
    <message>
        <source>Cannot create the database&apos;s folder {folder} ({reason}): check that the path is right and the network drive is connected.</source>
        <translation>无法建立数据库所在的文件夹 {folder}（{reason}）；请检查路径是否正确、网络盘是否已连接。</translation>
    </message>
    <message>
        <source>Cannot open the database {shown}: it is not a SQLite database file, or it is badly damaged. If it is this program&apos;s database, {hint}.</source>
        <translation>无法打开数据库 {shown}：它不是 SQLite 数据库文件，或已严重损坏；如是本软件的数据库，{hint}。</translation>
    </message>
    <message>
        <source>Cannot open the database {shown}: {reason}</source>
        <translation>无法打开数据库 {shown}：{reason}</translation>
    </message>
    <message>
        <source>Cannot open the {file}: check the path and the permissions.</source>
        <translation>无法打开{file}，请检查路径和权限。</translation>
    </message>
    <message>
        <source>Cannot read the file {path}: no permission, or another program (such as Excel) has it open.</source>
        <translation>无法读取文件 {path}：没有权限，或文件正被其他程序（如 Excel）占用。</translation>
    </message>
    <message>
        <source>Cannot read the file {path}: {reason}.</source>
        <translation>无法读取文件 {path}：{reason}。</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>办件</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <source>Case number {case_no} already exists.</source>
        <translation>办件编号 {case_no} 已存在。</translation>
    </message>
    <message>
        <source>Case record</source>
        <translation>办件记录</translation>
    </message>
    <message>
        <source>Case type</source>
        <translation>办件类型</translation>
    </message>
    <message>
        <source>Case type &quot;{value}&quot; is not known; it should be {immediate} or {promised}.</source>
        <translation>办件类型“{value}”无法识别，应为{immediate}或{promised}。</translation>
    </message>
    <message>
        <source>Case {case_no} has no changes: there is nothing to correct.</source>
        <translation>办件 {case_no} 没有任何改动，无需更正。</translation>
    </message>
    <message>
        <source>Case {case_no} is already &quot;{status}&quot;.</source>
        <translation>办件 {case_no} 已是“{status}”状态。</translation>
    </message>
    <message>
        <source>Case {case_no} is voided and cannot be corrected.</source>
        <translation>办件 {case_no} 已作废，不能更正。</translation>
    </message>
    <message>
        <source>Case {case_no} is voided: its completion cannot be recorded.</source>
        <translation>办件 {case_no} 已作废，不能记录办结。</translation>
    </message>
    <message>
        <source>Case {case_no} is voided: its front shop, back factory flag needs no review.</source>
        <translation>办件 {case_no} 已作废，其前店后厂标记无需核查。</translation>
    </message>
    <message>
        <source>Case {case_no} is voided: no special procedure can be entered for it.</source>
        <translation>办件 {case_no} 已作废，不能登记特别程序。</translation>
    </message>
    <message>
        <source>Case {case_no} was voided at {at}.</source>
        <translation>办件 {case_no} 已于 {at} 作废。</translation>
    </message>
    <message>
        <source>Case {case}  {window}  {item}  {applicant}  {state}</source>
        <translation>办件 {case}  {window}  {item}  {applicant}  {state}</translation>
    </message>
    <message>
        <source>Case {case} ({item}) is due today</source>
        <translation>办件 {case}（{item}）今日到期</translation>
    </message>
    <message>
        <source>Case {case} ({item}) is overdue: due {due}</source>
        <translation>办件 {case}（{item}）超时，截止日期 {due}</translation>
    </message>
    <message>
        <source>Case {case} is void: {reason}. From now on it counts in no figure or report.</source>
        <translation>办件 {case} 已作废：{reason}。此后不计入任何统计和报表。</translation>
    </message>
    <message>
        <source>Case {case} suspected of front shop, back factory: {reasons}</source>
        <translation>办件 {case} 疑似前店后厂：{reasons}</translation>
    </message>
    <message>
        <source>Case {case}: the applicant came {trips} times, more than the one trip allowed</source>
        <translation>办件 {case} 申请人跑动 {trips} 次，超过最多跑一次</translation>
    </message>
    <message>
        <source>Case {number} is not completed yet, so the alert cannot be marked rectified. Complete the overdue cases first.</source>
        <translation>办件 {number} 尚未办结，不能标记为已整改。请先办结超时办件。</translation>
    </message>
    <message>
        <source>Cases due on {day}: {count}</source>
        <translation>{day} 到期办件 {count} 件</translation>
    </message>
    <message>
        <source>Cases suspected of front shop, back factory: {count}</source>
        <translation>疑似前店后厂办件 {count} 件</translation>
    </message>
    <message>
        <source>Cases whose applicant came more than once: {count}</source>
        <translation>申请人多次跑动办件 {count} 件</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Category since</source>
        <translation>类别起始</translation>
    </message>
    <message>
        <source>Character 18 of the ID number, “{char}”, must be a digit or X</source>
        <translation>身份证号码第18位“{char}”应为数字或X</translation>
    </message>
    <message>
        <source>Character {position} of the ID number, “{char}”, is not a digit</source>
        <translation>身份证号码第{position}位“{char}”不是数字</translation>
    </message>
    <message>
        <source>Character {position} of the credit code, “{char}”, is not allowed (I, O, S, V and Z are not used)</source>
        <translation>统一社会信用代码第{position}位“{char}”不是合法字符（不使用 I、O、S、V、Z）</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>办不成事反映</translation>
    </message>
    <message>
        <source>Complaint {complaint} not settled within its time limit ({due})</source>
        <translation>办不成事反映 {complaint} 超期未办结，办理期限 {due}</translation>
    </message>
    <message>
        <source>Complaint {number} is not settled yet, so the alert cannot be marked rectified. Settle the complaint first.</source>
        <translation>反映件 {number} 尚未办结，不能标记为已整改。请先办结该反映件。</translation>
    </message>
    <message>
        <source>Complaints not settled within their time limit: {count}</source>
        <translation>办不成事反映超期未办结 {count} 件</translation>
    </message>
    <message>
        <source>Completed {at:%Y-%m-%d %H:%M}</source>
        <translation>办结 {at:%Y-%m-%d %H:%M}</translation>
    </message>
    <message>
        <source>Completion note</source>
        <translation>办结说明</translation>
    </message>
    <message>
        <source>Confirmed on review: {detail}</source>
        <translation>经核查确认：{detail}</translation>
    </message>
    <message>
        <source>Confirmed: {key}</source>
        <translation>已确认：{key}</translation>
    </message>
    <message>
        <source>Connected to {url}, an empty database: the tables are made in it, then the hall.</source>
        <translation>已连接 {url}，这是一个空数据库：将在其中建表，再创建大厅。</translation>
    </message>
    <message>
        <source>Connected to {url}, but it cannot be read: {reason}</source>
        <translation>已连接 {url}，但无法读取：{reason}</translation>
    </message>
    <message>
        <source>Connected to {url}: {halls}.</source>
        <translation>已连接 {url}：{halls}。</translation>
    </message>
    <message>
        <source>Connected to {url}; it holds no hall yet: one can be created in it next.</source>
        <translation>已连接 {url}，其中还没有大厅：接下来可在其中创建大厅。</translation>
    </message>
    <message>
        <source>Connected to {url}; the database is of an older version, upgraded at the next start.</source>
        <translation>已连接 {url}，数据库版本较旧，下次启动时会自动升级。</translation>
    </message>
    <message>
        <source>Copy it down and keep it safe (it is needed when another PC uses this database, or when a backup is restored on a new PC).</source>
        <translation>请抄下并妥善保管（另一台电脑使用本数据库、或在新电脑上恢复备份时需要输入）。</translation>
    </message>
    <message>
        <source>Copy it down and keep it safe (it is needed when another PC uses this database, or when a backup is restored on a new PC); it is shown only this once, and an administrator can see it again on this PC with hallmonitor key show.</source>
        <translation>请抄下并妥善保管（另一台电脑使用本数据库、或在新电脑上恢复备份时需要输入）；只显示这一次，管理员可用 hallmonitor key show 在本机再次查看。</translation>
    </message>
    <message>
        <source>Correct the rows above and import again, or add --skip-invalid to import only the good rows.</source>
        <translation>请改正以上各行后重新导入，或加 --skip-invalid 只导入正确的行。</translation>
    </message>
    <message>
        <source>Correction reason</source>
        <translation>更正原因</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Counting {week}</source>
        <translation>正在统计 {week}</translation>
    </message>
    <message>
        <source>Created the hall {code} {name} (database {database})</source>
        <translation>已创建大厅 {code} {name}（数据库 {database}）</translation>
    </message>
    <message>
        <source>Current password: </source>
        <translation>原密码：</translation>
    </message>
    <message>
        <source>Day of leaving</source>
        <translation>调离日期</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Demo hall database: {database}</source>
        <translation>演示大厅数据库：{database}</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Department &quot;{name}&quot; already exists.</source>
        <translation>部门“{name}”已存在。</translation>
    </message>
    <message>
        <source>Department &quot;{name}&quot; already exists: another department cannot take its name.</source>
        <translation>部门“{name}”已存在，不能改成同名。</translation>
    </message>
    <message>
        <source>Department name</source>
        <translation>部门名称</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Effective day</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Enter a SQLite database file&apos;s path or a PostgreSQL address.</source>
        <translation>请填写 SQLite 数据库文件路径或 PostgreSQL 地址。</translation>
    </message>
    <message>
        <source>Enter the account name (no spaces, at most {most} characters).</source>
        <translation>请填写账号名（不含空格，最多 {most} 个字符）。</translation>
    </message>
    <message>
        <source>Enter the applicant&apos;s name.</source>
        <translation>请填写申请人名称。</translation>
    </message>
    <message>
        <source>Enter the item handled.</source>
        <translation>请填写办理事项。</translation>
    </message>
    <message>
        <source>Enter the name of the person who uses it (at most {most} characters).</source>
        <translation>请填写使用人的姓名（最多 {most} 个字符）。</translation>
    </message>
    <message>
        <source>Enter the reason for the correction.</source>
        <translation>请填写更正原因。</translation>
    </message>
    <message>
        <source>Enter the reason for the special procedure.</source>
        <translation>请填写特别程序的事由。</translation>
    </message>
    <message>
        <source>Enter the reason for voiding the case.</source>
        <translation>请填写作废原因。</translation>
    </message>
    <message>
        <source>Enter the receiving window.</source>
        <translation>请填写受理窗口。</translation>
    </message>
    <message>
        <source>Enter {what}.</source>
        <translation>请填写{what}。</translation>
    </message>
    <message>
        <source>Entries {first} to {last} of the audit trail are missing: entries were deleted.</source>
        <translation>审计记录的第 {first} 至 {last} 条缺失：记录被删除了。</translation>
    </message>
    <message>
        <source>Entry {before} is not the one before entry {seq} when it was written: entry {before} was rewritten or inserted.</source>
        <translation>第 {before} 条不是第 {seq} 条写入时的前一条：第 {before} 条被改写或是插入的。</translation>
    </message>
    <message>
        <source>Entry {seq} appears twice: an entry was inserted.</source>
        <translation>第 {seq} 条出现了两次：有记录是插入的。</translation>
    </message>
    <message>
        <source>Entry {seq} comes after the head (entry {head}): it was inserted.</source>
        <translation>第 {seq} 条在链头（第 {head} 条）之后：是插入的记录。</translation>
    </message>
    <message>
        <source>Entry {seq} of the audit trail is missing: entries were deleted.</source>
        <translation>审计记录的第 {seq} 条缺失：记录被删除了。</translation>
    </message>
    <message>
        <source>Entry {seq} that {source} names is no longer in the audit trail: entries were cut off.</source>
        <translation>{source} 所载的第 {seq} 条已不在审计记录中：记录被截去了。</translation>
    </message>
    <message>
        <source>Entry {seq} was entry {original}: the entries&apos; order was changed.</source>
        <translation>现第 {seq} 条原为第 {original} 条：记录的顺序被调换了。</translation>
    </message>
    <message>
        <source>Every suspected instance was ruled out on review</source>
        <translation>全部疑似情形经核查已排除</translation>
    </message>
    <message>
        <source>Every suspected session was ruled out on review</source>
        <translation>全部疑似挂名时段经核查已排除</translation>
    </message>
    <message>
        <source>Excel has stored the ID number as a number and lost its last digits; format the column as “Text” and fill it in again</source>
        <translation>证件号码被 Excel 存成了数字，末几位已丢失；请把该列设为“文本”后重新填写</translation>
    </message>
    <message>
        <source>File not found: {path}</source>
        <translation>找不到文件：{path}</translation>
    </message>
    <message>
        <source>First day of the new category</source>
        <translation>类别变更的起始日期</translation>
    </message>
    <message>
        <source>Formal staff present: {officers}; {reason}</source>
        <translation>在岗正式人员：{officers}；{reason}</translation>
    </message>
    <message>
        <source>Formal/auxiliary</source>
        <translation>正式/辅助</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>星期五</translation>
    </message>
    <message>
        <source>Front-shop flag</source>
        <translation>前店后厂标记</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Give the reason for voiding the case with --reason.</source>
        <translation>请用 --reason 写明作废原因。</translation>
    </message>
    <message>
        <source>Hall</source>
        <translation>大厅</translation>
    </message>
    <message>
        <source>Hall data change</source>
        <translation>资料变更记录</translation>
    </message>
    <message>
        <source>Hall key</source>
        <translation>大厅密钥</translation>
    </message>
    <message>
        <source>Hall key: </source>
        <translation>大厅密钥：</translation>
    </message>
    <message>
        <source>Hall key: {key}</source>
        <translation>大厅密钥：{key}</translation>
    </message>
    <message>
        <source>Hall {code} is there twice: {first} and {second}.</source>
        <translation>大厅 {code} 出现了两次：{first} 和 {second}。</translation>
    </message>
    <message>
        <source>Hall {hall} has no account {login}.</source>
        <translation>大厅 {hall} 没有账号 {login}。</translation>
    </message>
    <message>
        <source>Hall {hall} has no account {login}; check the account name.</source>
        <translation>大厅 {hall} 没有账号 {login}，请检查账号名。</translation>
    </message>
    <message>
        <source>HallMonitor is already open on this database on this PC; switched to that window.</source>
        <translation>窗口监管台已在这台电脑上打开同一数据库，已切换到那个窗口。</translation>
    </message>
    <message>
        <source>HallMonitor: without a command, it opens the desktop app.</source>
        <translation>窗口监管台 HallMonitor：不带命令时打开桌面应用。</translation>
    </message>
    <message>
        <source>Hashing a number needs a key that is not empty</source>
        <translation>计算号码摘要需要非空密钥</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>ISO week, e.g. {week}</source>
        <translation>ISO 周，例如 {week}</translation>
    </message>
    <message>
        <source>Import of {kind}: added {inserted}, updated {updated}, unchanged {unchanged}</source>
        <translation>导入{kind}：新增 {inserted} 行，更新 {updated} 行，未变 {unchanged} 行</translation>
    </message>
    <message>
        <source>Import of {kind}: cancelled; nothing was written</source>
        <translation>导入{kind}：已取消，未写入任何数据</translation>
    </message>
    <message>
        <source>Import of {kind}: nothing was written; rows with errors: {bad} of {rows}</source>
        <translation>导入{kind}：{bad} 行有错误，未写入任何数据（共 {rows} 行）</translation>
    </message>
    <message>
        <source>Imported again from {file}</source>
        <translation>重新导入 {file}</translation>
    </message>
    <message>
        <source>Importing {name}</source>
        <translation>正在导入 {name}</translation>
    </message>
    <message>
        <source>In the file {path}, in the column name {name} in row 1, column {index} ({letter}), {problem}: delete it and import again.</source>
        <translation>文件 {path} 第1行第{index}列（{letter}列）的列名{name}中{problem}，请删去后重新导入。</translation>
    </message>
    <message>
        <source>In the file {path}, the column name in row 1, column {index} ({letter}): {problem}.</source>
        <translation>文件 {path} 第1行第{index}列（{letter}列）的列名{problem}。</translation>
    </message>
    <message>
        <source>In the file {path}, the columns {first} and {second} both stand for {column}: delete one of them.</source>
        <translation>文件 {path} 中列{first}和{second}都表示{column}，请删去其中一列。</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Item category &quot;{value}&quot; is not known.</source>
        <translation>事项类别“{value}”无法识别。</translation>
    </message>
    <message>
        <source>Item code</source>
        <translation>事项编码</translation>
    </message>
    <message>
        <source>Item code {code} does not exist.</source>
        <translation>事项编码 {code} 不存在。</translation>
    </message>
    <message>
        <source>Item code {code} is already another item&apos;s; check the code.</source>
        <translation>事项编码 {code} 已被另一事项使用，请核对编码。</translation>
    </message>
    <message>
        <source>Item handled</source>
        <translation>办理事项</translation>
    </message>
    <message>
        <source>Item name</source>
        <translation>事项名称</translation>
    </message>
    <message>
        <source>Item {code} ({name}) is deactivated already; nothing to do.</source>
        <translation>事项 {code}（{name}）已停用，无需再停用。</translation>
    </message>
    <message>
        <source>Item {code} ({name}) is deactivated: no new case can be entered for it.</source>
        <translation>事项 {code}（{name}）已停用，不能登记新办件。</translation>
    </message>
    <message>
        <source>Item {code} ({name}) is deactivated: no new case can be entered for it; the cases already entered are not affected.</source>
        <translation>事项 {code}（{name}）已停用，不能再登记新办件；已登记的办件不受影响。</translation>
    </message>
    <message>
        <source>Item {code} ({name}) is in use again: new cases can be entered for it.</source>
        <translation>事项 {code}（{name}）已启用，可以登记新办件。</translation>
    </message>
    <message>
        <source>Item {code} ({name}) is in use already; nothing to do.</source>
        <translation>事项 {code}（{name}）已在启用中，无需启用。</translation>
    </message>
    <message>
        <source>Item {code} ({name}, {department}) is now {state}.</source>
        <translation>事项 {code}（{name}，{department}）现为{state}。</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>调离</translation>
    </message>
    <message>
        <source>Legal limit</source>
        <translation>法定时限</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Merged into one alert per window under the current rules; what was done on it is kept</source>
        <translation>按现行规则按窗口归并为一条预警；此前的处理记录保留</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>星期一</translation>
    </message>
    <message>
        <source>Monday to Friday</source>
        <translation>周一至周五</translation>
    </message>
    <message>
        <source>Monday to Friday (or estimated holidays)</source>
        <translation>周一至周五（或推测数据）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Name the account whose password to reset, or sign in with --user to change your own.</source>
        <translation>请写明要重设密码的账号，或用 --user 登录后修改自己的密码。</translation>
    </message>
    <message>
        <source>New password of the account {login}: </source>
        <translation>账号 {login} 的新密码：</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>No audit entries match.</source>
        <translation>没有符合条件的审计记录。</translation>
    </message>
    <message>
        <source>No case has the number {case_no}.</source>
        <translation>找不到办件编号为 {case_no} 的办件。</translation>
    </message>
    <message>
        <source>No changes recorded.</source>
        <translation>没有变更记录。</translation>
    </message>
    <message>
        <source>No official data for {year}</source>
        <translation>{year}年没有官方数据</translation>
    </message>
    <message>
        <source>No permission to read the database file {path}: ask the administrator for read and write permission.</source>
        <translation>没有读取数据库文件 {path} 的权限；请管理员给予读写权限。</translation>
    </message>
    <message>
        <source>No window is in service this day.</source>
        <translation>当日没有在用的窗口。</translation>
    </message>
    <message>
        <source>No window session of the day can be judged (no roster, or no window in service).</source>
        <translation>当日没有可判定的窗口时段（没有排班数据或窗口均未在用）。</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Nominal presence confirmed on review: the sessions count as auxiliary staff only for staffing</source>
        <translation>经核查确认挂名，相关时段按仅辅助人员计入人员配置</translation>
    </message>
    <message>
        <source>Nominal presence review</source>
        <translation>挂名核查</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>无。</translation>
    </message>
    <message>
        <source>Not a working day: not judged</source>
        <translation>非工作日，不作判断</translation>
    </message>
    <message>
        <source>Not judged on a rest day.</source>
        <translation>休息日不判定。</translation>
    </message>
    <message>
        <source>Note on the ending</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Note on the return</source>
        <translation>返岗说明</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>注意：{note}</translation>
    </message>
    <message>
        <source>Only a {lead} is assigned windows; a {role} needs none.</source>
        <translation>只有{lead}分配窗口，{role}不需要。</translation>
    </message>
    <message>
        <source>Only a {lead} is assigned windows; {login} is a {role}.</source>
        <translation>只有{lead}分配窗口，{login} 是{role}。</translation>
    </message>
    <message>
        <source>Overdue cases: {count}</source>
        <translation>办件超时 {count} 件</translation>
    </message>
    <message>
        <source>Password changed by its owner</source>
        <translation>本人修改密码</translation>
    </message>
    <message>
        <source>Password of the account {login}: </source>
        <translation>账号 {login} 的密码：</translation>
    </message>
    <message>
        <source>Password reset by an administrator</source>
        <translation>管理员重设密码</translation>
    </message>
    <message>
        <source>Person&apos;s name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Promised limit</source>
        <translation>承诺时限</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>触发时间</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Reason for deactivating</source>
        <translation>停用原因</translation>
    </message>
    <message>
        <source>Reason for leaving</source>
        <translation>调离原因</translation>
    </message>
    <message>
        <source>Reason for putting it in use</source>
        <translation>启用原因</translation>
    </message>
    <message>
        <source>Reason for the category change</source>
        <translation>类别变更原因</translation>
    </message>
    <message>
        <source>Reason for the special procedure</source>
        <translation>特别程序的事由</translation>
    </message>
    <message>
        <source>Reason for the state change</source>
        <translation>状态变更原因</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>原因：{reason}</translation>
    </message>
    <message>
        <source>Received at window {window}</source>
        <translation>{window}号窗口受理</translation>
    </message>
    <message>
        <source>Received at window {window}, completed on the spot</source>
        <translation>{window}号窗口受理，当场办结</translation>
    </message>
    <message>
        <source>Received {at:%Y-%m-%d %H:%M}</source>
        <translation>受理 {at:%Y-%m-%d %H:%M}</translation>
    </message>
    <message>
        <source>Receiving window</source>
        <translation>受理窗口</translation>
    </message>
    <message>
        <source>Restored the database {database} from {backup}.</source>
        <translation>已用{backup}恢复数据库 {database}。</translation>
    </message>
    <message>
        <source>Restoring replaces all the content of the database {database} with {backup}; add --yes to confirm.</source>
        <translation>恢复会用{backup}替换数据库 {database} 的全部内容；确认请加 --yes。</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>返岗</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Roster</source>
        <translation>排班</translation>
    </message>
    <message>
        <source>Row {row} of the file {path} is the template&apos;s sample row: delete it and import again.</source>
        <translation>文件 {path} 第 {row} 行是模板的示例行，请删除后再导入。</translation>
    </message>
    <message>
        <source>Row {row} of the sheet {sheet} in the file {path} is the template&apos;s sample row: delete it and import again.</source>
        <translation>文件 {path} 的工作表{sheet}第 {row} 行是模板的示例行，请删除后再导入。</translation>
    </message>
    <message>
        <source>Row {row}, column “{column}”: {message}</source>
        <translation>第{row}行，列「{column}」：{message}</translation>
    </message>
    <message>
        <source>Row {row}: {message}</source>
        <translation>第{row}行：{message}</translation>
    </message>
    <message>
        <source>Rule settings</source>
        <translation>规则设置</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>星期六</translation>
    </message>
    <message>
        <source>Sessions suspected of nominal presence: {count}</source>
        <translation>疑似挂名时段 {count} 个</translation>
    </message>
    <message>
        <source>Set a password: an account without one cannot be created.</source>
        <translation>请设置密码：没有密码的账号不能创建。</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Showing {shown} of {total}, {open} of them open.</source>
        <translation>显示 {shown} / 共 {total} 条，其中待处理 {open} 条。</translation>
    </message>
    <message>
        <source>Special procedure</source>
        <translation>特别程序</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Staff category</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <source>Staff category &quot;{value}&quot; is not known; it should be one of {categories}.</source>
        <translation>人员类别“{value}”无法识别，应为{categories}之一。</translation>
    </message>
    <message>
        <source>Staff category changed</source>
        <translation>人员类别变更</translation>
    </message>
    <message>
        <source>Staff no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Staff number</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Staff number {staff_no} is already another person&apos;s; check the number.</source>
        <translation>工号 {staff_no} 已被另一位人员使用，请核对工号。</translation>
    </message>
    <message>
        <source>Started a new hall key: {key}</source>
        <translation>已启用新的大厅密钥：{key}</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>State changed</source>
        <translation>状态变更</translation>
    </message>
    <message>
        <source>State since</source>
        <translation>状态起始</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>星期日</translation>
    </message>
    <message>
        <source>That case does not exist; it may have been deleted.</source>
        <translation>该办件不存在，可能已被删除。</translation>
    </message>
    <message>
        <source>That department does not exist; refresh and try again.</source>
        <translation>该部门不存在，请刷新后重试。</translation>
    </message>
    <message>
        <source>That item does not exist; refresh and try again.</source>
        <translation>该事项不存在，请刷新后重试。</translation>
    </message>
    <message>
        <source>That person does not exist; refresh and try again.</source>
        <translation>该人员不存在，请刷新后重试。</translation>
    </message>
    <message>
        <source>That special procedure does not exist.</source>
        <translation>该特别程序不存在。</translation>
    </message>
    <message>
        <source>That special procedure ended on {day}.</source>
        <translation>该特别程序已于 {day} 结束。</translation>
    </message>
    <message>
        <source>That window does not exist; refresh and try again.</source>
        <translation>该窗口不存在，请刷新后重试。</translation>
    </message>
    <message>
        <source>That window no longer exists; refresh the hall board.</source>
        <translation>该窗口已不存在，请刷新大厅态势。</translation>
    </message>
    <message>
        <source>The ID number is empty</source>
        <translation>身份证号码为空</translation>
    </message>
    <message>
        <source>The ID number is wrong: {problem}.</source>
        <translation>证件号码有误：{problem}。</translation>
    </message>
    <message>
        <source>The ID number&apos;s check character should be {expected}, not {actual}</source>
        <translation>身份证号码校验位应为 {expected}，实际为 {actual}</translation>
    </message>
    <message>
        <source>The State Council has not published the holiday arrangements for {years}: working days are counted by {basis} for now. Import the official arrangements in Settings.</source>
        <translation>{years}尚无国务院公布的节假日安排，当前按{basis}计算工作日，请在设置中导入官方安排。</translation>
    </message>
    <message>
        <source>The account {login} is locked: it cannot sign in until an administrator unlocks it.</source>
        <translation>账号 {login} 已锁定，管理员解锁前不能登录。</translation>
    </message>
    <message>
        <source>The account {login} is unlocked.</source>
        <translation>账号 {login} 已解锁。</translation>
    </message>
    <message>
        <source>The action &quot;{action}&quot; is not known; the actions are: {actions}.</source>
        <translation>操作“{action}”无法识别，可选：{actions}。</translation>
    </message>
    <message>
        <source>The applicant type has changed; enter the ID number again.</source>
        <translation>申请人类型已更改，请重新填写证件号码。</translation>
    </message>
    <message>
        <source>The approval time is earlier than the time of receipt.</source>
        <translation>审批时间早于受理时间。</translation>
    </message>
    <message>
        <source>The audit trail holds no kind of record called &quot;{name}&quot;; the kinds are: {kinds}.</source>
        <translation>审计记录中没有“{name}”这类记录；可选：{kinds}。</translation>
    </message>
    <message>
        <source>The audit trail is whole: {count} entries, the latest #{count} with hash {hash}</source>
        <translation>审计记录完整：共 {count} 条，最新 #{count} 哈希 {hash}</translation>
    </message>
    <message>
        <source>The audit trail of the backup {path} was altered, so it cannot be restored from: {reason}</source>
        <translation>备份 {path} 的审计记录已被改动，不能用来恢复：{reason}</translation>
    </message>
    <message>
        <source>The audit trail was tampered with: {sentence}</source>
        <translation>审计记录被篡改：{sentence}</translation>
    </message>
    <message>
        <source>The backup file {path} cannot be opened: {reason}</source>
        <translation>备份文件 {path} 无法打开：{reason}</translation>
    </message>
    <message>
        <source>The backup file {path} does not exist.</source>
        <translation>备份文件 {path} 不存在。</translation>
    </message>
    <message>
        <source>The backup file {path} is damaged ({found}) and cannot be restored from.</source>
        <translation>备份文件 {path} 已损坏（{found}），不能用来恢复。</translation>
    </message>
    <message>
        <source>The backup {path} comes from a newer version of HallMonitor (database version {revision}): upgrade this program first.</source>
        <translation>备份 {path} 来自更新版本的窗口监管台（数据库版本 {revision}），请先升级本软件。</translation>
    </message>
    <message>
        <source>The case has a special procedure under way; end it first.</source>
        <translation>该办件已有进行中的特别程序，请先结束它。</translation>
    </message>
    <message>
        <source>The case is &quot;{status}&quot;: its completion time cannot be removed.</source>
        <translation>办件为“{status}”，不能去掉办结时间。</translation>
    </message>
    <message>
        <source>The case is finished: only a special procedure that has ended can be added.</source>
        <translation>办件已办结，只能补录已结束的特别程序。</translation>
    </message>
    <message>
        <source>The case number cannot be corrected ({case_no}); if it is wrong, void the case and enter it again.</source>
        <translation>办件编号不能更正（{case_no}）；如编号有误，请作废后重新登记。</translation>
    </message>
    <message>
        <source>The case {case_no}</source>
        <translation>办件 {case_no} </translation>
    </message>
    <message>
        <source>The check character needs the first 17 digits of an ID number</source>
        <translation>计算校验位需要身份证号码的前17位数字</translation>
    </message>
    <message>
        <source>The check character needs the first 17 valid characters of a credit code</source>
        <translation>计算校验位需要统一社会信用代码的前17位合法字符</translation>
    </message>
    <message>
        <source>The check failed: window {window} on {day} {session} is still “{verdict}” (present: {people}); a formal civil servant must be on duty before it can be marked rectified.</source>
        <translation>复核未通过：{window}号窗口 {day} {session}仍为“{verdict}”（在岗：{people}），须有正式公职人员在岗才能标记已整改。</translation>
    </message>
    <message>
        <source>The completion date {completed} is before the acceptance date {accepted}</source>
        <translation>办结日期 {completed} 早于受理日期 {accepted}</translation>
    </message>
    <message>
        <source>The completion time is earlier than the time of receipt.</source>
        <translation>办结时间早于受理时间。</translation>
    </message>
    <message>
        <source>The content of entry {seq} ({table} {key}, {action}) was changed: its hash does not match.</source>
        <translation>第 {seq} 条（{table} {key}，{action}）的内容被改动：哈希不符。</translation>
    </message>
    <message>
        <source>The credit code&apos;s check character should be {expected}, not {actual}</source>
        <translation>统一社会信用代码校验位应为 {expected}，实际为 {actual}</translation>
    </message>
    <message>
        <source>The database address cannot be read: {url}</source>
        <translation>数据库地址无法识别：{url}</translation>
    </message>
    <message>
        <source>The database as it was before the restore was kept as {path}</source>
        <translation>恢复前的数据库已另存为 {path}</translation>
    </message>
    <message>
        <source>The database as it was before the upgrade was kept as {path}</source>
        <translation>升级前的数据库已另存为 {path}</translation>
    </message>
    <message>
        <source>The database file is being written by another program (perhaps another PC or an import from the command line). Try again shortly.</source>
        <translation>数据库文件正被另一个程序写入（可能是另一台电脑或命令行的导入），请稍后再试。</translation>
    </message>
    <message>
        <source>The database file {path} cannot be written, and this version must upgrade it before opening it. Clear its read-only attribute or ask the administrator for write permission (on the file and its folder), then open it again.</source>
        <translation>数据库文件 {path} 不能写入，而本版本需要先升级它才能打开；请取消只读属性或请管理员给予写入权限（文件和所在文件夹）后再打开。</translation>
    </message>
    <message>
        <source>The database file {path} is damaged (its integrity check failed) and cannot be upgraded to this version; {hint}.</source>
        <translation>数据库文件 {path} 已损坏（完整性检查未通过），不能升级到本版本；{hint}。</translation>
    </message>
    <message>
        <source>The database holds no hall with the code {code}.</source>
        <translation>数据库中没有编码为 {code} 的大厅。</translation>
    </message>
    <message>
        <source>The database holds no hall yet: create one first (hallmonitor init, or the app&apos;s first-start wizard).</source>
        <translation>数据库中还没有大厅，请先创建大厅（hallmonitor init，或在应用的首次启动向导中）。</translation>
    </message>
    <message>
        <source>The database path {path} is a folder, not a database file: add a file name at the end of the path, e.g. {example}.</source>
        <translation>数据库路径 {path} 是一个文件夹，不是数据库文件；请在路径末尾加上文件名，例如 {example}。</translation>
    </message>
    <message>
        <source>The database {database} already holds the hall {halls}, so none was created. To add another hall to the same database, add --another.</source>
        <translation>数据库 {database} 中已有大厅 {halls}，未再创建；如要在同一数据库中再建一个大厅，请加 --another。</translation>
    </message>
    <message>
        <source>The database {database} holds several halls: {halls}. Choose one with --hall and its code.</source>
        <translation>数据库 {database} 中有多个大厅：{halls}，请用 --hall 指定编码。</translation>
    </message>
    <message>
        <source>The database {database} is already at this version ({head}): there is nothing to upgrade.</source>
        <translation>数据库 {database} 已是当前版本（{head}），无需升级。</translation>
    </message>
    <message>
        <source>The database {shown} was upgraded by a newer version of HallMonitor (database version {current}; this program knows up to {head}) and was not opened, so that nothing in it is damaged. Upgrade this program to the version the other PCs run first.</source>
        <translation>数据库 {shown} 已由更新版本的窗口监管台升级（数据库版本 {current}，本软件只到 {head}），为免写坏数据未打开；请先把本软件升级到与其他电脑相同的版本。</translation>
    </message>
    <message>
        <source>The database&apos;s folder {folder} does not exist: check that the path is right and the network drive is connected.</source>
        <translation>数据库所在的文件夹 {folder} 不存在；请检查路径是否正确、网络盘是否已连接。</translation>
    </message>
    <message>
        <source>The database&apos;s folder {folder} may not be written, and SQLite needs to create temporary files beside the database ({name}-wal, {name}-shm). Ask the administrator for write permission on the folder, or put the database in a folder that can be written.</source>
        <translation>数据库所在的文件夹 {folder} 不允许写入，而 SQLite 需要在数据库旁建立临时文件（{name}-wal、{name}-shm）；请管理员给予该文件夹写入权限，或把数据库放到可以写入的文件夹。</translation>
    </message>
    <message>
        <source>The date of birth {birth} in the ID number does not exist</source>
        <translation>身份证号码中的出生日期{birth}不存在</translation>
    </message>
    <message>
        <source>The date {text!r} of {option} cannot be read: write it as YYYY-MM-DD, e.g. 2026-05-06.</source>
        <translation>{option} 的日期 {text!r} 无法识别，请写成 YYYY-MM-DD，例如 2026-05-06。</translation>
    </message>
    <message>
        <source>The day has not come yet (it is {now:%Y-%m-%d %H:%M}): no violation is judged; this is the roster&apos;s plan.</source>
        <translation>该日尚未到来（现在是 {now:%Y-%m-%d %H:%M}），不判定违规，以下为排班计划。</translation>
    </message>
    <message>
        <source>The demo hall created last time stopped half-way, before the rules were checked; that is done now.</source>
        <translation>上次创建的演示大厅中途停止，规则尚未检查，现已补完。</translation>
    </message>
    <message>
        <source>The demo hall is already in the database {database}; it was not created again.</source>
        <translation>演示大厅已在数据库 {database} 中，未重复创建。</translation>
    </message>
    <message>
        <source>The department chosen does not exist; refresh and try again.</source>
        <translation>所选部门不存在，请刷新后重试。</translation>
    </message>
    <message>
        <source>The disk is full: the {file} cannot be written, and the operation was not completed. Free some disk space and try again.</source>
        <translation>磁盘已满，{file} 无法写入，本次操作未完成；请清理磁盘空间后再试。</translation>
    </message>
    <message>
        <source>The due day has passed</source>
        <translation>到期日已过</translation>
    </message>
    <message>
        <source>The facts alert #{id} rested on were corrected: the window&apos;s rectification ends</source>
        <translation>预警 #{id} 依据的事实已更正，窗口结束整改</translation>
    </message>
    <message>
        <source>The facts the alert rested on were corrected and it no longer holds; the window stays temporarily closed until a supervisor reopens it</source>
        <translation>依据的事实已更正，预警不再成立；窗口仍为临时关闭，可由监管人员重新开放</translation>
    </message>
    <message>
        <source>The facts the alert rested on were corrected and it no longer holds; what was done on it is kept</source>
        <translation>依据的事实已更正，预警不再成立；此前的处理记录保留</translation>
    </message>
    <message>
        <source>The file {path} cannot be found.</source>
        <translation>找不到文件 {path}。</translation>
    </message>
    <message>
        <source>The file {path} does not exist yet; once this is saved, the next start creates the database there.</source>
        <translation>文件 {path} 还不存在；保存后，下次启动时会在这里新建数据库。</translation>
    </message>
    <message>
        <source>The file {path} has a password to open it: remove the password in Excel or WPS, then import it.</source>
        <translation>文件 {path} 设有打开密码，请在 Excel 或 WPS 中取消密码后再导入。</translation>
    </message>
    <message>
        <source>The file {path} holds only the column names, no data rows.</source>
        <translation>文件 {path} 只有列名，没有数据行。</translation>
    </message>
    <message>
        <source>The file {path} is damaged or is not {kind}, and cannot be read. Export or copy a sound file again, or open it in Excel or WPS, save it as .xlsx and import that.</source>
        <translation>文件 {path} 已损坏或不是 {kind}，无法读取；请重新导出或复制一份完好的文件，或在 Excel、WPS 中打开后另存为 .xlsx 再导入。</translation>
    </message>
    <message>
        <source>The file {path} is empty: its first row should hold the column names.</source>
        <translation>文件 {path} 是空的：第一行应为列名。</translation>
    </message>
    <message>
        <source>The file {path} is not a valid CSV file: {reason}.</source>
        <translation>文件 {path} 不是有效的 CSV：{reason}。</translation>
    </message>
    <message>
        <source>The file {path} lacks the columns an import of {kind} needs: {missing}. Its first row should hold the column names; it holds: {first_row}.</source>
        <translation>文件 {path} 缺少{kind}导入必需的列：{missing}。第一行应为列名，该文件第一行为：{first_row}。</translation>
    </message>
    <message>
        <source>The first day {since} is after the last day {until}; swap them.</source>
        <translation>起始日期 {since} 晚于截止日期 {until}，请调换。</translation>
    </message>
    <message>
        <source>The flag is already “{state}”: there is no need to review it again.</source>
        <translation>该标记已是“{state}”，无需重复核查。</translation>
    </message>
    <message>
        <source>The foreign key check failed after the upgrade: {found}</source>
        <translation>升级后外键检查失败：{found}</translation>
    </message>
    <message>
        <source>The former entry {deleted} was deleted and the entries after it were numbered again (entry {seq} was entry {original}).</source>
        <translation>原第 {deleted} 条已被删除，其后的记录被重新编号（现第 {seq} 条原为第 {original} 条）。</translation>
    </message>
    <message>
        <source>The hall code {code} already exists.</source>
        <translation>大厅编码 {code} 已存在。</translation>
    </message>
    <message>
        <source>The hall code “{code}” may hold only letters, digits, - and _, at most 32 of them.</source>
        <translation>大厅编码“{code}”只能由字母、数字、- 和 _ 组成，最多32位。</translation>
    </message>
    <message>
        <source>The hall does not exist.</source>
        <translation>大厅不存在。</translation>
    </message>
    <message>
        <source>The hall key is needed: run this in a terminal to type it, or set the environment variable {variable}.</source>
        <translation>需要大厅密钥：请在终端中运行以便输入，或设置环境变量 {variable}。</translation>
    </message>
    <message>
        <source>The hall key is not written right: a letter or digit was copied wrongly. Check it group by group.</source>
        <translation>大厅密钥格式不对：有字母或数字抄错了，请逐组核对。</translation>
    </message>
    <message>
        <source>The hall key is not written right: it is 8 groups of 4 letters or digits (like ABCD-EFGH-…).</source>
        <translation>大厅密钥格式不对：应为 8 组、每组 4 个字母或数字（如 ABCD-EFGH-…）。</translation>
    </message>
    <message>
        <source>The hall key is right and is now kept on this PC.</source>
        <translation>大厅密钥正确，已保存在本机。</translation>
    </message>
    <message>
        <source>The hall&apos;s code and name must both be filled in.</source>
        <translation>大厅编码和名称都不能为空。</translation>
    </message>
    <message>
        <source>The hall&apos;s first account must be an administrator&apos;s, who then creates the others.</source>
        <translation>大厅的第一个账号必须是管理员，由管理员再创建其他账号。</translation>
    </message>
    <message>
        <source>The hall&apos;s name cannot be empty.</source>
        <translation>大厅名称不能为空。</translation>
    </message>
    <message>
        <source>The hall&apos;s name may be at most {count} characters long.</source>
        <translation>大厅名称不能超过{count}个字。</translation>
    </message>
    <message>
        <source>The hash of entry {seq} does not match what {source} holds: it and the entries before it were rewritten after the weekly report was exported.</source>
        <translation>第 {seq} 条的哈希与 {source} 所载不符：该条及之前的记录在周报导出后被改写过。</translation>
    </message>
    <message>
        <source>The head names entry {head}, but the audit trail ends at entry {count}: the last entries were cut off.</source>
        <translation>链头为第 {head} 条，但审计记录只到第 {count} 条：末尾的记录被截去了。</translation>
    </message>
    <message>
        <source>The head names entry {head}, but the audit trail holds no entry at all: the last entries were cut off.</source>
        <translation>链头为第 {head} 条，但审计记录一条也没有：末尾的记录被截去了。</translation>
    </message>
    <message>
        <source>The head&apos;s hash does not match entry {count}: the head or the last entries were changed.</source>
        <translation>链头的哈希与第 {count} 条记录不符：链头或末尾的记录被改动过。</translation>
    </message>
    <message>
        <source>The import kind “{kind}” is not known; the kinds are: {kinds}</source>
        <translation>未知的导入类型「{kind}」；可选：{kinds}</translation>
    </message>
    <message>
        <source>The item state “{state}” cannot be read: it is {on} or {off}.</source>
        <translation>事项状态“{state}”无法识别，应为{on}或{off}。</translation>
    </message>
    <message>
        <source>The note of {day} may be at most {limit} characters long; it has {count}. The calendar was not changed.</source>
        <translation>{day} 的说明最多 {limit} 个字，现在是 {count} 个；日历没有改动。</translation>
    </message>
    <message>
        <source>The old password is wrong; the password was not changed.</source>
        <translation>原密码不正确，密码未修改。</translation>
    </message>
    <message>
        <source>The output file {name} cannot be one of the weekly reports merged.</source>
        <translation>输出文件 {name} 不能是要合并的周报之一。</translation>
    </message>
    <message>
        <source>The output file&apos;s name must end in .xlsx: {path}</source>
        <translation>输出文件名应以 .xlsx 结尾：{path}</translation>
    </message>
    <message>
        <source>The password is wrong: {left} more tries; {left} more wrong ones lock the account for {minutes} minutes.</source>
        <translation>密码不正确，还可再试 {left} 次；再错 {left} 次账号将锁定 {minutes} 分钟。</translation>
    </message>
    <message>
        <source>The password of the account {login} was changed.</source>
        <translation>账号 {login} 的密码已修改。</translation>
    </message>
    <message>
        <source>The password of the account {login} was reset.</source>
        <translation>账号 {login} 的密码已重设。</translation>
    </message>
    <message>
        <source>The promised and legal time limits cannot be negative.</source>
        <translation>承诺时限和法定时限不能为负数。</translation>
    </message>
    <message>
        <source>The promised time limit cannot be negative ({days} working days)</source>
        <translation>承诺办结时限不能为负数（{days}个工作日）</translation>
    </message>
    <message>
        <source>The roster of window {number} on {month}-{day} {session} was changed elsewhere (it now holds: {held}), so this save was not written; the latest roster is loaded again: make your change on it.</source>
        <translation>{number}号窗口 {month}月{day}日{session}的排班已在别处修改（现为：{held}），本次保存未写入；已重新载入最新排班，请在其上再修改。</translation>
    </message>
    <message>
        <source>The roster&apos;s verdict is {verdict}: the staffing rule deals with it, and no nominal presence is judged</source>
        <translation>排班判定为{verdict}，按人员配置规则处理，不作挂名判断</translation>
    </message>
    <message>
        <source>The screen locks after between {low} and {high} idle minutes ({low}: never).</source>
        <translation>空闲锁屏时间应在 {low} 到 {high} 分钟之间（{low} 表示不锁屏）。</translation>
    </message>
    <message>
        <source>The setting {key} has a value that cannot be read: {raw}</source>
        <translation>设置项 {key} 的值 {raw} 无法识别</translation>
    </message>
    <message>
        <source>The special procedure ends before it starts.</source>
        <translation>特别程序的结束日期早于开始日期。</translation>
    </message>
    <message>
        <source>The special procedure&apos;s end date {end} is before its start date {start}</source>
        <translation>特别程序结束日期 {end} 早于开始日期 {start}</translation>
    </message>
    <message>
        <source>The text encoding of the file {path} is not known: save it in Excel as “CSV UTF-8” or as .xlsx, then import it.</source>
        <translation>文件 {path} 的文字编码无法识别，请在 Excel 中另存为“CSV UTF-8”或 .xlsx 后再导入。</translation>
    </message>
    <message>
        <source>The time of receipt is later than now; check it.</source>
        <translation>受理时间晚于当前时间，请检查。</translation>
    </message>
    <message>
        <source>The two passwords differ: nothing was changed.</source>
        <translation>两次输入的密码不一致，未作修改。</translation>
    </message>
    <message>
        <source>The type of the file {path} is not known: only .xlsx, .xls, .ods or .csv files can be imported.</source>
        <translation>文件 {path} 的类型无法识别：只能导入 .xlsx、.xls、.ods 或 .csv 文件。</translation>
    </message>
    <message>
        <source>The unified social credit code is empty</source>
        <translation>统一社会信用代码为空</translation>
    </message>
    <message>
        <source>The week {text} is not understood: write an ISO week such as 2026-W19 (week 19 of 2026).</source>
        <translation>周次 {text} 无法识别：请写成 ISO 周次，如 2026-W19（2026年第19周）。</translation>
    </message>
    <message>
        <source>The window&apos;s roster has no formal civil servant, so it cannot open again. Put a formal civil servant on duty first.</source>
        <translation>该窗口排班中没有正式公职人员，不能重新开放。请先安排正式公职人员到岗。</translation>
    </message>
    <message>
        <source>The window&apos;s zone</source>
        <translation>所在区域</translation>
    </message>
    <message>
        <source>The wrong passwords allowed before a lock must be between {low} and {high}.</source>
        <translation>锁定前允许的错误次数应在 {low} 到 {high} 之间。</translation>
    </message>
    <message>
        <source>The year {year} is outside the dates that can be worked out</source>
        <translation>{year}年超出可计算的日期范围</translation>
    </message>
    <message>
        <source>The year {year} of the week {week} is out of range: write a week of the years 2000 to 2099.</source>
        <translation>周次 {week} 的年份 {year} 超出范围：请写 2000 至 2099 年间的周次。</translation>
    </message>
    <message>
        <source>The {file} is damaged (its integrity check failed): it can be viewed but not written, so that nothing is written into broken data; {hint}.</source>
        <translation>{file} 已损坏（完整性检查未通过），为免写坏数据只能查看、不能写入；{hint}。</translation>
    </message>
    <message>
        <source>The {file} is damaged: SQLite cannot read its data, and the operation was not completed; {hint}.</source>
        <translation>{file} 已损坏，SQLite 读不出其中的数据，本次操作未完成；{hint}。</translation>
    </message>
    <message>
        <source>The {file} is read-only: it can be viewed but not written. To change it, clear the file&apos;s read-only attribute or ask the administrator for write permission.</source>
        <translation>{file} 是只读的，只能查看、不能写入；如需修改，请取消该文件的只读属性，或请管理员给予写入权限。</translation>
    </message>
    <message>
        <source>There are no weekly reports to merge.</source>
        <translation>没有要合并的周报。</translation>
    </message>
    <message>
        <source>There are older entries: add --before {before} to see the next page.</source>
        <translation>还有更早的记录：加 --before {before} 查看下一页。</translation>
    </message>
    <message>
        <source>There is no alert numbered {id}.</source>
        <translation>找不到编号为 {id} 的预警。</translation>
    </message>
    <message>
        <source>There is no front shop, back factory flag numbered {flag}.</source>
        <translation>找不到编号为 {flag} 的前店后厂标记。</translation>
    </message>
    <message>
        <source>There is no page {page} for this account: {pages}.</source>
        <translation>此账户没有 {page} 页面：{pages}。</translation>
    </message>
    <message>
        <source>There is no role “{text}”: choose {names} (or {words}).</source>
        <translation>没有“{text}”这个角色，可选：{names}（或 {words}）。</translation>
    </message>
    <message>
        <source>There is no window numbered {number} to assign to a window lead.</source>
        <translation>没有编号为 {number} 的窗口，无法分配给窗口负责人。</translation>
    </message>
    <message>
        <source>These weekly reports are not of one week ({listed}): merge only the reports of one week.</source>
        <translation>这些周报不是同一周的（{listed}），请只合并同一周的周报。</translation>
    </message>
    <message>
        <source>This PC already holds this database&apos;s hall key: there is no need to enter it again.</source>
        <translation>本机已保存这个数据库的大厅密钥，无需再输入。</translation>
    </message>
    <message>
        <source>This PC does not have this database&apos;s hall key, so it cannot search by ID number (ID numbers are stored only as digests made with the key): enter it in Settings ▸ Hall key, or run hallmonitor key enter.</source>
        <translation>本机没有这个数据库的大厅密钥，不能按证件号码查找（证件号码只以密钥摘要保存）：请在“设置 ▸ 大厅密钥”输入，或运行 hallmonitor key enter。</translation>
    </message>
    <message>
        <source>This PC does not hold the hall key yet. {without}</source>
        <translation>本机还没有大厅密钥。{without}</translation>
    </message>
    <message>
        <source>This PC does not hold the hall key, so it cannot be shown. {without}</source>
        <translation>本机没有大厅密钥，无法显示。{without}</translation>
    </message>
    <message>
        <source>This PC does not hold this backup&apos;s hall key: run hallmonitor key enter to enter it; until then, cases with ID numbers cannot be entered.</source>
        <translation>本机没有这份备份的大厅密钥：请运行 hallmonitor key enter 输入，之后才能登记带证件号码的办件。</translation>
    </message>
    <message>
        <source>This PC does not hold this database&apos;s hall key yet, so ID numbers cannot be stored (they could not be matched with the cases already there): enter it in “Settings ▸ Hall key”, or run hallmonitor key enter.</source>
        <translation>本机还没有这个数据库的大厅密钥，不能保存证件号码（否则无法与已有办件比对）：请在“设置 ▸ 大厅密钥”输入，或运行 hallmonitor key enter。</translation>
    </message>
    <message>
        <source>This PC holds the hall key.</source>
        <translation>本机已保存大厅密钥。</translation>
    </message>
    <message>
        <source>This check raised {new} alerts and escalated {escalated}.</source>
        <translation>本次检查新增预警 {new} 条，升级 {escalated} 条。</translation>
    </message>
    <message>
        <source>This database has no hall key yet (it is made when the hall is created).</source>
        <translation>这个数据库还没有大厅密钥（创建大厅时生成）。</translation>
    </message>
    <message>
        <source>This database has no hall key yet: there is none to enter.</source>
        <translation>这个数据库还没有大厅密钥，无需输入。</translation>
    </message>
    <message>
        <source>This hall signs in with accounts: --smoke cannot sign in.</source>
        <translation>该大厅已启用账号登录，--smoke 无法登录。</translation>
    </message>
    <message>
        <source>This hall uses accounts: sign in first to {action}.</source>
        <translation>本大厅已启用账号，请先登录后再{action}。</translation>
    </message>
    <message>
        <source>This is not this database&apos;s hall key: its check does not match. Check it group by group and enter it again.</source>
        <translation>这不是本数据库的大厅密钥：校验不符，请逐组核对后重新输入。</translation>
    </message>
    <message>
        <source>This item</source>
        <translation>该事项</translation>
    </message>
    <message>
        <source>This person</source>
        <translation>该人员</translation>
    </message>
    <message>
        <source>This window</source>
        <translation>该窗口</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>星期四</translation>
    </message>
    <message>
        <source>Trips cannot be more than {most}.</source>
        <translation>跑动次数不能大于 {most}。</translation>
    </message>
    <message>
        <source>Trips cannot be negative.</source>
        <translation>跑动次数不能为负数。</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>星期二</translation>
    </message>
    <message>
        <source>Type it again: </source>
        <translation>再输入一次：</translation>
    </message>
    <message>
        <source>Unsupported database address: {url} ({reason})</source>
        <translation>不支持的数据库地址：{url}（{reason}）</translation>
    </message>
    <message>
        <source>Upgraded the database {database} from version {before} to {head}.</source>
        <translation>已将数据库 {database} 从版本 {before} 升级到 {head}。</translation>
    </message>
    <message>
        <source>Upgraded the empty database {database} to version {head}.</source>
        <translation>已将数据库 {database} 从版本 空库 升级到 {head}。</translation>
    </message>
    <message>
        <source>Void reason</source>
        <translation>作废原因</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>星期三</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Window kind &quot;{value}&quot; is not known; it should be one of {kinds}.</source>
        <translation>窗口类型“{value}”无法识别，应为{kinds}之一。</translation>
    </message>
    <message>
        <source>Window name</source>
        <translation>窗口名称</translation>
    </message>
    <message>
        <source>Window number</source>
        <translation>窗口编号</translation>
    </message>
    <message>
        <source>Window number {number} is already another window&apos;s; choose another number.</source>
        <translation>窗口编号 {number} 已被另一个窗口使用，请换一个编号。</translation>
    </message>
    <message>
        <source>Window state</source>
        <translation>窗口状态</translation>
    </message>
    <message>
        <source>Window state &quot;{value}&quot; is not known; here a window can only be set {open} or {closed}.</source>
        <translation>窗口状态“{value}”无法识别，这里只能设为{open}或{closed}。</translation>
    </message>
    <message>
        <source>Window {number}</source>
        <translation>{number}号窗口</translation>
    </message>
    <message>
        <source>Window {number} ({department})</source>
        <translation>{number}号窗口（{department}）</translation>
    </message>
    <message>
        <source>Window {number} ({department}) is now {state}.</source>
        <translation>{number}号窗口（{department}）现为{state}。</translation>
    </message>
    <message>
        <source>Window {number} ({department}): {day} {session} {detail}</source>
        <translation>{number}号窗口（{department}）{day} {session}{detail}</translation>
    </message>
    <message>
        <source>Window {number} is out of service on {day} {session}, so it cannot be rostered; open it in the hall&apos;s data first.</source>
        <translation>{number}号窗口在 {day}{session} 处于停用状态，不能排班；请先在大厅资料中将其开放。</translation>
    </message>
    <message>
        <source>Window {number}: {day} {session} {detail}</source>
        <translation>{number}号窗口{day} {session}{detail}</translation>
    </message>
    <message>
        <source>Window {window} changed state at {at}: the effective day cannot be earlier than {day}.</source>
        <translation>{window}号窗口在 {at} 已变更过状态，生效日期不能早于 {day}。</translation>
    </message>
    <message>
        <source>Window {window} does not exist.</source>
        <translation>窗口 {window} 不存在。</translation>
    </message>
    <message>
        <source>Window {window} has no alerts.</source>
        <translation>{window}号窗口没有预警。</translation>
    </message>
    <message>
        <source>Window {window} has no open alerts.</source>
        <translation>{window}号窗口没有待处理的预警。</translation>
    </message>
    <message>
        <source>Window {window} has no session to check again yet: mark it rectified once a session has begun.</source>
        <translation>{window}号窗口还没有可以复核的时段，请在时段开始后再标记已整改。</translation>
    </message>
    <message>
        <source>Window {window} is &quot;{state}&quot; now: no case can be entered at it.</source>
        <translation>窗口 {window} 当前为“{state}”，不能登记办件。</translation>
    </message>
    <message>
        <source>Window {window} is {state} already; nothing to change.</source>
        <translation>{window}号窗口已是{state}，无需变更。</translation>
    </message>
    <message>
        <source>Window {window} is {state} from {day}.</source>
        <translation>{window}号窗口自 {day} 起{state}。</translation>
    </message>
    <message>
        <source>Window {window} is {state} from {day}; {count} roster entries from then on were removed.</source>
        <translation>{window}号窗口自 {day} 起{state}，删除其后排班 {count} 条。</translation>
    </message>
    <message>
        <source>Window {window} is {state} now: it is reopened on its alert, not in the hall&apos;s data.</source>
        <translation>{window}号窗口现为{state}，须在预警处理中重新开放，不能在大厅资料中开放。</translation>
    </message>
    <message>
        <source>Window {window} is “{state}” now and cannot be closed temporarily.</source>
        <translation>{window}号窗口当前为“{state}”，不能临时关闭。</translation>
    </message>
    <message>
        <source>Window {window} was &quot;{state}&quot; at {at}: it could not receive cases then.</source>
        <translation>窗口 {window} 在 {at} 为“{state}”，不能在该窗口受理办件。</translation>
    </message>
    <message>
        <source>Windows</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Without the hall key, the cases recorded and their masked ID numbers stay as they are; only cases with an ID number can no longer be entered or imported, and new cases cannot be matched with earlier ones by ID number.</source>
        <translation>没有大厅密钥时，已记录的办件和证件号掩码都不受影响；只是不能再登记或导入带证件号码的办件，也无法按证件号码把新办件与已有办件对应起来。</translation>
    </message>
    <message>
        <source>Work calendar</source>
        <translation>工作日历</translation>
    </message>
    <message>
        <source>Writing to the database failed, and the data of the file {path} was not imported: {reason}</source>
        <translation>写入数据库时出错，文件 {path} 的数据未导入：{reason}</translation>
    </message>
    <message>
        <source>Writing {name}</source>
        <translation>正在写入 {name}</translation>
    </message>
    <message>
        <source>Wrote the import template for {title}: {path}</source>
        <translation>已写出{title}导入模板：{path}</translation>
    </message>
    <message>
        <source>Wrote {title} (alert #{id}, font {font}): {path}</source>
        <translation>已生成{title}（预警 #{id}，字体 {font}）：{path}</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>You cannot lock the account you are signed in with.</source>
        <translation>不能锁定自己正在使用的账号。</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>[Alerts]</source>
        <translation>【预警】</translation>
    </message>
    <message>
        <source>[Front shop, back factory] (approved this day)</source>
        <translation>【前店后厂】（当日审批）</translation>
    </message>
    <message>
        <source>[Overdue and due cases]</source>
        <translation>【超时与临期办件】</translation>
    </message>
    <message>
        <source>[Roster plan]</source>
        <translation>【排班计划】</translation>
    </message>
    <message>
        <source>[Staffing]</source>
        <translation>【人员配置】</translation>
    </message>
    <message>
        <source>[Suspected nominal presence] (compliant by the roster, but none of the cases was received or approved by a rostered formal civil servant)</source>
        <translation>【疑似挂名】（排班合规，但受理的办件均非排班正式人员受理或审批）</translation>
    </message>
    <message>
        <source>a completion time is filled in, but the case&apos;s status is {status}</source>
        <translation>已填写办结时间，但办件状态为{status}</translation>
    </message>
    <message>
        <source>a file of that name already exists</source>
        <translation>同名的文件已存在</translation>
    </message>
    <message>
        <source>a note on reopening</source>
        <translation>重新开放说明</translation>
    </message>
    <message>
        <source>a part of the path is a file, not a folder</source>
        <translation>路径中有一段是文件而不是文件夹</translation>
    </message>
    <message>
        <source>a promised case&apos;s time limit must be more than 0 working days</source>
        <translation>承诺件的承诺时限应大于0个工作日</translation>
    </message>
    <message>
        <source>a special procedure cannot start before the day of receipt, {received}</source>
        <translation>特别程序不能早于受理日期 {received} 开始</translation>
    </message>
    <message>
        <source>a window of a {role} (repeatable)</source>
        <translation>{role}负责的窗口（可多次给出）</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>缺勤</translation>
    </message>
    <message>
        <source>acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>act on alerts</source>
        <translation>处置预警</translation>
    </message>
    <message>
        <source>active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>add this hall to a database that already holds one</source>
        <translation>在已有大厅的数据库中再添加这个大厅</translation>
    </message>
    <message>
        <source>also check the head a weekly report printed</source>
        <translation>同时核对周报上印出的链头</translation>
    </message>
    <message>
        <source>also what each alert holds and what happened to it</source>
        <translation>同时显示每条预警包含的情形和处理经过</translation>
    </message>
    <message>
        <source>ambiguous option: {option} could match {matches}</source>
        <translation>有歧义的选项：{option} 可能是 {matches}</translation>
    </message>
    <message>
        <source>an Excel 97-2003 workbook (.xls)</source>
        <translation>Excel 97-2003 工作簿（.xls）</translation>
    </message>
    <message>
        <source>an Excel workbook (.xlsm)</source>
        <translation>Excel 工作簿（.xlsm）</translation>
    </message>
    <message>
        <source>an Excel workbook (.xlsx)</source>
        <translation>Excel 工作簿（.xlsx）</translation>
    </message>
    <message>
        <source>an OpenDocument spreadsheet (.ods)</source>
        <translation>OpenDocument 电子表格（.ods）</translation>
    </message>
    <message>
        <source>an approval place is filled in: fill in the approver&apos;s staff number as well</source>
        <translation>填写了审批地点，请同时填写审批人工号</translation>
    </message>
    <message>
        <source>an approver or an approval time is filled in: fill in the approval place as well</source>
        <translation>填写了审批人或审批时间，请同时填写审批地点</translation>
    </message>
    <message>
        <source>answer alerts</source>
        <translation>回复预警</translation>
    </message>
    <message>
        <source>approved by {people}</source>
        <translation>审批：{people}</translation>
    </message>
    <message>
        <source>argument {name}: {message}</source>
        <translation>参数 {name}：{message}</translation>
    </message>
    <message>
        <source>assign windows</source>
        <translation>分配窗口</translation>
    </message>
    <message>
        <source>at most N entries (default {limit})</source>
        <translation>最多 N 条（默认 {limit}）</translation>
    </message>
    <message>
        <source>auxiliary</source>
        <translation>辅助</translation>
    </message>
    <message>
        <source>back the database up to a file</source>
        <translation>把数据库备份到文件</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>cannot be empty</source>
        <translation>不能为空</translation>
    </message>
    <message>
        <source>cannot be more than {maximum} ({value} given)</source>
        <translation>不能大于 {maximum}（实际为{value}）</translation>
    </message>
    <message>
        <source>cannot be negative ({value} given)</source>
        <translation>不能为负数（实际为{value}）</translation>
    </message>
    <message>
        <source>case {case_no} is already “{status}”: only a special procedure that has ended can be added; fill in the end date</source>
        <translation>办件 {case_no} 已是“{status}”状态，只能补录已结束的特别程序，请填写结束日期</translation>
    </message>
    <message>
        <source>case {case_no} is voided and cannot be imported or corrected again; delete the row from the file</source>
        <translation>办件 {case_no} 已作废，不能再导入或更正；请从文件中删去该行</translation>
    </message>
    <message>
        <source>case {case_no} is voided: no special procedure can be entered for it</source>
        <translation>办件 {case_no} 已作废，不能登记特别程序</translation>
    </message>
    <message>
        <source>cases</source>
        <translation>办件</translation>
    </message>
    <message>
        <source>change the account security settings</source>
        <translation>修改账号安全设置</translation>
    </message>
    <message>
        <source>change the roster</source>
        <translation>修改排班</translation>
    </message>
    <message>
        <source>change the rule settings</source>
        <translation>修改规则设置</translation>
    </message>
    <message>
        <source>change the settings</source>
        <translation>修改设置</translation>
    </message>
    <message>
        <source>change the work calendar</source>
        <translation>修改工作日历</translation>
    </message>
    <message>
        <source>change your own password, or reset an account&apos;s (administrator)</source>
        <translation>修改自己的密码，或重设某个账号的密码（管理员）</translation>
    </message>
    <message>
        <source>changes made by this person (login or name)</source>
        <translation>此人所做的变更（账号或姓名）</translation>
    </message>
    <message>
        <source>character {position} is a line break ({escaped})</source>
        <translation>第{position}个字符是换行符（{escaped}）</translation>
    </message>
    <message>
        <source>character {position} is a tab ({escaped})</source>
        <translation>第{position}个字符是制表符（{escaped}）</translation>
    </message>
    <message>
        <source>character {position} is an invisible control character ({escaped})</source>
        <translation>第{position}个字符是不可见的控制字符（{escaped}）</translation>
    </message>
    <message>
        <source>close the window temporarily</source>
        <translation>临时关闭窗口</translation>
    </message>
    <message>
        <source>close windows temporarily or open them again</source>
        <translation>临时关闭或重开窗口</translation>
    </message>
    <message>
        <source>complaints</source>
        <translation>办不成事反映</translation>
    </message>
    <message>
        <source>completed {day:%Y-%m-%d}</source>
        <translation>办结 {day:%Y-%m-%d}</translation>
    </message>
    <message>
        <source>compliant as planned</source>
        <translation>按计划合规</translation>
    </message>
    <message>
        <source>confirm nominal presence</source>
        <translation>确认挂名</translation>
    </message>
    <message>
        <source>confirm that the database&apos;s content is replaced</source>
        <translation>确认替换数据库的内容</translation>
    </message>
    <message>
        <source>confirm: earlier ID numbers no longer match new ones</source>
        <translation>确认：此前的证件号码将无法与新登记的比对</translation>
    </message>
    <message>
        <source>correct a case</source>
        <translation>更正办件</translation>
    </message>
    <message>
        <source>create an account</source>
        <translation>创建账号</translation>
    </message>
    <message>
        <source>create an account (its password from a prompt or $HALLMONITOR_NEW_PASSWORD)</source>
        <translation>新建账号（密码在提示时输入或取自 $HALLMONITOR_NEW_PASSWORD）</translation>
    </message>
    <message>
        <source>create the demo hall in its own file (demo.sqlite3 beside the real one)</source>
        <translation>在单独的文件中创建演示大厅（与正式数据库并列的 demo.sqlite3）</translation>
    </message>
    <message>
        <source>create the hall in the database</source>
        <translation>在数据库中创建大厅</translation>
    </message>
    <message>
        <source>database URL (default: $HALLMONITOR_DB, else the user data file)</source>
        <translation>数据库地址（默认：$HALLMONITOR_DB，否则为用户数据文件）</translation>
    </message>
    <message>
        <source>database file</source>
        <translation>数据库文件</translation>
    </message>
    <message>
        <source>database file {path}</source>
        <translation>数据库文件 {path}</translation>
    </message>
    <message>
        <source>deactivate an item or put it in use again</source>
        <translation>停用或启用事项</translation>
    </message>
    <message>
        <source>due today</source>
        <translation>临期</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>空</translation>
    </message>
    <message>
        <source>end a special procedure</source>
        <translation>结束特别程序</translation>
    </message>
    <message>
        <source>enter a case</source>
        <translation>登记办件</translation>
    </message>
    <message>
        <source>enter a special procedure</source>
        <translation>登记特别程序</translation>
    </message>
    <message>
        <source>enter and correct cases</source>
        <translation>登记和更正办件</translation>
    </message>
    <message>
        <source>entries older than #SEQ: the next page</source>
        <translation>早于 #SEQ 的记录：下一页</translation>
    </message>
    <message>
        <source>estimated holidays</source>
        <translation>推测的节假日</translation>
    </message>
    <message>
        <source>event  {at:%Y-%m-%d %H:%M}  {actor} {action}  [{level}] {states}  {note}</source>
        <translation>经过  {at:%Y-%m-%d %H:%M}  {actor}{action}  [{level}] {states}  {note}</translation>
    </message>
    <message>
        <source>every account, its role and whether it is locked</source>
        <translation>全部账号、其角色以及是否锁定</translation>
    </message>
    <message>
        <source>every item, those in use first</source>
        <translation>全部事项，启用的在前</translation>
    </message>
    <message>
        <source>every window</source>
        <translation>全部窗口</translation>
    </message>
    <message>
        <source>everyone, those who left included</source>
        <translation>全部人员，包括已调离的</translation>
    </message>
    <message>
        <source>expected at least one argument</source>
        <translation>至少需要一个值</translation>
    </message>
    <message>
        <source>expected at most one argument</source>
        <translation>最多只能给一个值</translation>
    </message>
    <message>
        <source>expected one argument</source>
        <translation>需要一个值</translation>
    </message>
    <message>
        <source>export reports</source>
        <translation>导出报表</translation>
    </message>
    <message>
        <source>first day (default: today)</source>
        <translation>起始日期（默认：今天）</translation>
    </message>
    <message>
        <source>formal</source>
        <translation>正式</translation>
    </message>
    <message>
        <source>from this day on</source>
        <translation>自此日起</translation>
    </message>
    <message>
        <source>from {day}</source>
        <translation>自 {day} 起</translation>
    </message>
    <message>
        <source>from {start}</source>
        <translation>{start} 起</translation>
    </message>
    <message>
        <source>holds  {at:%Y-%m-%d %H:%M}  {key}  {detail}</source>
        <translation>包含  {at:%Y-%m-%d %H:%M}  {key}  {detail}</translation>
    </message>
    <message>
        <source>holds a time of day without a date; write it as 2026-05-06 09:30</source>
        <translation>只有时刻没有日期；请写成 2026-05-06 09:30</translation>
    </message>
    <message>
        <source>holiday arrangements</source>
        <translation>节假日安排</translation>
    </message>
    <message>
        <source>ignored explicit argument {argument}</source>
        <translation>已忽略显式给出的参数 {argument}</translation>
    </message>
    <message>
        <source>import data</source>
        <translation>导入数据</translation>
    </message>
    <message>
        <source>import staff, windows, items, roster, cases, complaints, procedures or calendar</source>
        <translation>导入人员、窗口、事项、排班、办件、反映、特别程序或工作日历</translation>
    </message>
    <message>
        <source>import the work calendar</source>
        <translation>导入工作日历</translation>
    </message>
    <message>
        <source>in post</source>
        <translation>在岗</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>invalid choice: {value} (choose from {choices})</source>
        <translation>无效的选项：{value}（可选：{choices}）</translation>
    </message>
    <message>
        <source>invalid {type} value: {value}</source>
        <translation>无效的 {type} 值：{value}</translation>
    </message>
    <message>
        <source>it could not be checked</source>
        <translation>无法检查</translation>
    </message>
    <message>
        <source>item {code} is deactivated: no new case can be entered for it</source>
        <translation>事项 {code} 已停用，不能登记新办件</translation>
    </message>
    <message>
        <source>items</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>keep the hall&apos;s data</source>
        <translation>维护大厅资料</translation>
    </message>
    <message>
        <source>keep the key on this PC (from a prompt or $HALLMONITOR_HALL_KEY)</source>
        <translation>把密钥保存在本机（在提示时输入或取自 $HALLMONITOR_HALL_KEY）</translation>
    </message>
    <message>
        <source>left</source>
        <translation>调离</translation>
    </message>
    <message>
        <source>left on {day:%Y-%m-%d}</source>
        <translation>调离 {day:%Y-%m-%d}</translation>
    </message>
    <message>
        <source>list alerts</source>
        <translation>列出预警</translation>
    </message>
    <message>
        <source>list at most N alerts (default {limit})</source>
        <translation>最多列出 N 条预警（默认 {limit}）</translation>
    </message>
    <message>
        <source>list items, show an item&apos;s history, put an item in or out of use</source>
        <translation>列出事项、查看事项的变更记录、启用或停用事项</translation>
    </message>
    <message>
        <source>list staff</source>
        <translation>列出人员</translation>
    </message>
    <message>
        <source>list windows, show a window&apos;s history, set a window in or out of service</source>
        <translation>列出窗口、查看窗口的变更记录、开放或停用窗口</translation>
    </message>
    <message>
        <source>lock an account</source>
        <translation>锁定账号</translation>
    </message>
    <message>
        <source>lock an account until unlocked</source>
        <translation>锁定账号，直到解锁</translation>
    </message>
    <message>
        <source>locked (by the administrator)</source>
        <translation>已锁定（管理员）</translation>
    </message>
    <message>
        <source>locked until {until:%Y-%m-%d %H:%M}</source>
        <translation>锁定至 {until:%Y-%m-%d %H:%M}</translation>
    </message>
    <message>
        <source>make the weekly report</source>
        <translation>生成周报</translation>
    </message>
    <message>
        <source>manage accounts</source>
        <translation>管理账号</translation>
    </message>
    <message>
        <source>mark as rectified</source>
        <translation>已整改</translation>
    </message>
    <message>
        <source>merge several halls&apos; weekly reports into the center&apos;s ranking</source>
        <translation>把多个大厅的周报汇总为中心排名</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>no write permission</source>
        <translation>没有写入权限</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>无人</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>not a window supervision weekly report: it has no sheet {sheet}.</source>
        <translation>不是窗口监管周报，没有工作表 {sheet}。</translation>
    </message>
    <message>
        <source>not a window supervision weekly report: it lacks the sheets {sheets}.</source>
        <translation>不是窗口监管周报：缺少工作表 {sheets}。</translation>
    </message>
    <message>
        <source>not a window supervision weekly report: the sheet “{sheet}” lacks the columns {columns}.</source>
        <translation>不是窗口监管周报：工作表“{sheet}”缺少列 {columns}。</translation>
    </message>
    <message>
        <source>not a window supervision weekly report: {sheet} lacks {figures}.</source>
        <translation>不是窗口监管周报：{sheet}缺少 {figures}。</translation>
    </message>
    <message>
        <source>not allowed with argument {argument}</source>
        <translation>不能与参数 {argument} 同时使用</translation>
    </message>
    <message>
        <source>not an Excel workbook (.xlsx), so it cannot be read.</source>
        <translation>不是 Excel 工作簿（.xlsx），无法读取。</translation>
    </message>
    <message>
        <source>not an Excel workbook (.xlsx), so it cannot be read; send the weekly report HallMonitor exported.</source>
        <translation>不是 Excel 工作簿（.xlsx），无法读取；请提交窗口监管台导出的周报。</translation>
    </message>
    <message>
        <source>not completed</source>
        <translation>未办结</translation>
    </message>
    <message>
        <source>not in use</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>not rostered yet</source>
        <translation>尚未排班</translation>
    </message>
    <message>
        <source>one kind: window, staff, item, case, alert, account…</source>
        <translation>只看一类：window、staff、item、case、alert、account…</translation>
    </message>
    <message>
        <source>one of the arguments {arguments} is required</source>
        <translation>必须给出参数 {arguments} 之一</translation>
    </message>
    <message>
        <source>one record&apos;s entries (its id), with or without --table</source>
        <translation>某一条数据的记录（其编号），可与 --table 同用</translation>
    </message>
    <message>
        <source>only open alerts</source>
        <translation>只列出待处理的预警</translation>
    </message>
    <message>
        <source>open the app, wait for the first page&apos;s data, exit 0</source>
        <translation>打开应用，等第一页的数据显示后以 0 退出</translation>
    </message>
    <message>
        <source>options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>ordered to correct from {day}</source>
        <translation>{day} 起责令纠正</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>overlaps a special procedure the case already has ({span})</source>
        <translation>与该办件已有的特别程序（{span}）重叠</translation>
    </message>
    <message>
        <source>overlaps the special procedure in row {row} ({span})</source>
        <translation>与第{row}行的特别程序（{span}）重叠</translation>
    </message>
    <message>
        <source>planned to be present</source>
        <translation>计划到岗</translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>位置参数</translation>
    </message>
    <message>
        <source>present</source>
        <translation>已到岗</translation>
    </message>
    <message>
        <source>print a day&apos;s staffing verdicts, flags and alerts</source>
        <translation>显示某一天的人员配置判定、标记和预警</translation>
    </message>
    <message>
        <source>print the case and its history, corrections with before and after</source>
        <translation>显示办件及其历史，更正前后的内容一并列出</translation>
    </message>
    <message>
        <source>print the key this PC holds (administrator)</source>
        <translation>显示本机保存的密钥（管理员）</translation>
    </message>
    <message>
        <source>read and verify the audit trail</source>
        <translation>查看和核验审计记录</translation>
    </message>
    <message>
        <source>read the audit trail</source>
        <translation>查看审计记录</translation>
    </message>
    <message>
        <source>received by {people}</source>
        <translation>受理：{people}</translation>
    </message>
    <message>
        <source>recompute every hash from the first entry; exit 1 at the first broken link</source>
        <translation>从第一条记录起重新计算每个哈希；遇到第一处断链时以 1 退出</translation>
    </message>
    <message>
        <source>record a completion</source>
        <translation>记录办结</translation>
    </message>
    <message>
        <source>rename the hall</source>
        <translation>修改大厅名称</translation>
    </message>
    <message>
        <source>reopen the window</source>
        <translation>重新开放</translation>
    </message>
    <message>
        <source>replace the database&apos;s content with a backup (asks for --yes)</source>
        <translation>用备份替换数据库的内容（需加 --yes）</translation>
    </message>
    <message>
        <source>reset another person&apos;s password</source>
        <translation>重设他人的密码</translation>
    </message>
    <message>
        <source>rest day</source>
        <translation>休息日</translation>
    </message>
    <message>
        <source>restore it from the latest backup (Settings ▸ Backups, or hallmonitor restore BACKUP_FILE --yes)</source>
        <translation>请从最近的备份恢复（设置 ▸ 备份，或 hallmonitor restore 备份文件 --yes）</translation>
    </message>
    <message>
        <source>review a front shop, back factory flag</source>
        <translation>核查前店后厂标记</translation>
    </message>
    <message>
        <source>review front shop, back factory flags</source>
        <translation>核查前店后厂标记</translation>
    </message>
    <message>
        <source>revoke</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>roster</source>
        <translation>排班</translation>
    </message>
    <message>
        <source>rule out nominal presence</source>
        <translation>排除挂名</translation>
    </message>
    <message>
        <source>see the accounts</source>
        <translation>查看账号</translation>
    </message>
    <message>
        <source>see the hall key</source>
        <translation>查看大厅密钥</translation>
    </message>
    <message>
        <source>see the history of a record ({kind})</source>
        <translation>查看{kind}的历史</translation>
    </message>
    <message>
        <source>set a window {open} or {closed} from a day, with a reason</source>
        <translation>自某日起将窗口设为{open}或{closed}，须写明原因</translation>
    </message>
    <message>
        <source>set a window&apos;s state</source>
        <translation>设置窗口状态</translation>
    </message>
    <message>
        <source>should be a date and time, not a yes/no value</source>
        <translation>应为日期时间，不是是/否</translation>
    </message>
    <message>
        <source>should be a date, not a yes/no value</source>
        <translation>应为日期，不是是/否</translation>
    </message>
    <message>
        <source>should be a whole number, not a yes/no value</source>
        <translation>应为整数，不是是/否</translation>
    </message>
    <message>
        <source>show program&apos;s version number and exit</source>
        <translation>显示版本号并退出</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>显示此帮助信息并退出</translation>
    </message>
    <message>
        <source>sign in as this account (password from a prompt or $HALLMONITOR_PASSWORD)</source>
        <translation>以此账号登录（密码在提示时输入或取自 $HALLMONITOR_PASSWORD）</translation>
    </message>
    <message>
        <source>special procedures</source>
        <translation>特别程序</translation>
    </message>
    <message>
        <source>staff</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>staff number {staff_no} has left (no longer in post) and cannot be rostered from now on</source>
        <translation>工号 {staff_no} 已调离（不在职），不能排今后的班</translation>
    </message>
    <message>
        <source>staff number {staff_no} is also rostered at window {window} in the same session (row {row}); nobody can be at two windows at once</source>
        <translation>工号 {staff_no} 同一时段还排在窗口 {window}（第{row}行），一人不能同时在两个窗口</translation>
    </message>
    <message>
        <source>staff number {staff_no} left on {gone} and cannot be rostered on {day}</source>
        <translation>工号 {staff_no} 已于 {gone} 调离，{day} 不能再排班</translation>
    </message>
    <message>
        <source>start a new hall key</source>
        <translation>启用新的大厅密钥</translation>
    </message>
    <message>
        <source>start a new key, when the old one is lost or leaked (administrator)</source>
        <translation>原密钥丢失或泄露时启用新密钥（管理员）</translation>
    </message>
    <message>
        <source>start rectification</source>
        <translation>开始整改</translation>
    </message>
    <message>
        <source>still in violation after the rectification deadline {deadline}: {violation}</source>
        <translation>整改期限 {deadline} 后仍违规：{violation}</translation>
    </message>
    <message>
        <source>take an item out of use ({off}) or put it in use again ({on}), with a reason</source>
        <translation>停用事项（{off}）或重新启用（{on}），须写明原因</translation>
    </message>
    <message>
        <source>the approval time {approved} is before the time received {received}</source>
        <translation>审批时间 {approved} 早于受理时间 {received}</translation>
    </message>
    <message>
        <source>the backup {path}</source>
        <translation>备份 {path}</translation>
    </message>
    <message>
        <source>the backup {path} (halls: {halls})</source>
        <translation>备份 {path}（大厅：{halls}）</translation>
    </message>
    <message>
        <source>the case&apos;s status is {status}, but no completion time is filled in</source>
        <translation>办件状态为{status}，但没有填写办结时间</translation>
    </message>
    <message>
        <source>the cell holds the Excel error value {value}; correct it and import again</source>
        <translation>是 Excel 的错误值{value}，请改正该单元格后重新导入</translation>
    </message>
    <message>
        <source>the cell holds the formula {formula} but the file has not saved its result; open and save the file in Excel or WPS, then import it</source>
        <translation>是公式{formula}，但文件里没有保存计算结果；请在 Excel 或 WPS 中打开并保存后再导入</translation>
    </message>
    <message>
        <source>the completion time {completed} is before the approval time {approved}</source>
        <translation>办结时间 {completed} 早于审批时间 {approved}</translation>
    </message>
    <message>
        <source>the completion time {completed} is before the time of the complaint {received}</source>
        <translation>办结时间 {completed} 早于反映时间 {received}</translation>
    </message>
    <message>
        <source>the completion time {completed} is before the time received {received}</source>
        <translation>办结时间 {completed} 早于受理时间 {received}</translation>
    </message>
    <message>
        <source>the date {day} is outside the range that can be taken ({earliest} to {latest})</source>
        <translation>日期 {day} 超出可受理的范围（{earliest} 至 {latest}）</translation>
    </message>
    <message>
        <source>the day to check (default: today)</source>
        <translation>要检查的日期（默认：今天）</translation>
    </message>
    <message>
        <source>the demo&apos;s last day (default: today)</source>
        <translation>演示数据的最后一天（默认：今天）</translation>
    </message>
    <message>
        <source>the desktop app opens on this page (board, roster, cases, flags, alerts, charts, ...)</source>
        <translation>桌面程序打开时显示此页面（board、roster、cases、flags、alerts、charts 等）</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>the disk is read-only</source>
        <translation>所在磁盘是只读的</translation>
    </message>
    <message>
        <source>the end date {end} is before the start date {start}</source>
        <translation>结束日期 {end} 早于开始日期 {start}</translation>
    </message>
    <message>
        <source>the entries, newest first, one a line (auditor: sign in with --user)</source>
        <translation>审计记录，最新的在前，每行一条（审计员：用 --user 登录）</translation>
    </message>
    <message>
        <source>the following arguments are required: {names}</source>
        <translation>缺少以下参数：{names}</translation>
    </message>
    <message>
        <source>the hall key (the ID-number hash key) on this PC: status, enter, show, new</source>
        <translation>本机的大厅密钥（证件号码摘要密钥）：status（状态）、enter（输入）、show（显示）、new（启用新密钥）</translation>
    </message>
    <message>
        <source>the hall to work on, when the database holds several (its code)</source>
        <translation>数据库中有多个大厅时要处理的大厅（其编码）</translation>
    </message>
    <message>
        <source>the hall&apos;s accounts: add, passwd, lock, unlock, list</source>
        <translation>大厅的账号：add（新建）、passwd（密码）、lock（锁定）、unlock（解锁）、list（列出）</translation>
    </message>
    <message>
        <source>the path does not exist</source>
        <translation>路径不存在</translation>
    </message>
    <message>
        <source>the path is too long</source>
        <translation>路径太长</translation>
    </message>
    <message>
        <source>the person&apos;s name</source>
        <translation>此人的姓名</translation>
    </message>
    <message>
        <source>the promised time limit ({promised} working days) is longer than the legal one ({legal} working days)</source>
        <translation>承诺时限（{promised}个工作日）超过了法定时限（{legal}个工作日）</translation>
    </message>
    <message>
        <source>the reason for closing</source>
        <translation>关闭理由</translation>
    </message>
    <message>
        <source>the reason for revoking</source>
        <translation>撤销理由</translation>
    </message>
    <message>
        <source>the rectification plan</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <source>the review&apos;s note</source>
        <translation>核查说明</translation>
    </message>
    <message>
        <source>the role: {roles} (or {words})</source>
        <translation>角色：{roles}（或 {words}）</translation>
    </message>
    <message>
        <source>the time received {received} is later than now; check it</source>
        <translation>受理时间 {received} 晚于当前时间，请检查</translation>
    </message>
    <message>
        <source>the value “{value}” of {where} is not a whole number of zero or more; the file may have been edited.</source>
        <translation>{where}的数值“{value}”不是非负整数，文件可能被改动过。</translation>
    </message>
    <message>
        <source>the week “{week}” in {sheet} is not understood.</source>
        <translation>{sheet}中的周次“{week}”无法识别。</translation>
    </message>
    <message>
        <source>the {figures} of {departments} and {overview} do not agree; the file may have been edited: export it again.</source>
        <translation>{departments}与{overview}的{figures}不一致，文件可能被改动过，请重新导出。</translation>
    </message>
    <message>
        <source>the {figure} in {sheet} is not a 64-digit hexadecimal hash.</source>
        <translation>{sheet}中的{figure}不是 64 位十六进制哈希。</translation>
    </message>
    <message>
        <source>the {figure} “{value}” in {sheet} is not a number.</source>
        <translation>{sheet}中的{figure}“{value}”不是数字。</translation>
    </message>
    <message>
        <source>there is no case numbered {case_no} (import or enter the case first)</source>
        <translation>办件编号 {case_no} 不存在（请先导入或登记办件）</translation>
    </message>
    <message>
        <source>there is no case numbered {case_no} (import the cases first)</source>
        <translation>办件编号 {case_no} 不存在（请先导入办件）</translation>
    </message>
    <message>
        <source>there is no item coded {code} (import the items first)</source>
        <translation>事项编码 {code} 不存在（请先导入事项）</translation>
    </message>
    <message>
        <source>there is no staff number {number} (import the staff first)</source>
        <translation>工号 {number} 不存在（请先导入人员）</translation>
    </message>
    <message>
        <source>there is no such date as {value}</source>
        <translation>日期{value}不存在</translation>
    </message>
    <message>
        <source>there is no such time as {value}</source>
        <translation>时刻{value}不存在</translation>
    </message>
    <message>
        <source>there is no window numbered {number} (import the windows first)</source>
        <translation>窗口号 {number} 不存在（请先导入窗口）</translation>
    </message>
    <message>
        <source>this is an ID card number and cannot serve as a number here; fill in the number the case system gave</source>
        <translation>填的是一个身份证号码，不能用作编号；请填写办件系统给出的编号</translation>
    </message>
    <message>
        <source>too long: at most {longest} characters, {length} given</source>
        <translation>内容过长：最多{longest}个字符，实际{length}个</translation>
    </message>
    <message>
        <source>unlock an account</source>
        <translation>解锁账号</translation>
    </message>
    <message>
        <source>unrecognized arguments: {arguments}</source>
        <translation>无法识别的参数：{arguments}</translation>
    </message>
    <message>
        <source>up to and including this day</source>
        <translation>至此日为止（含当日）</translation>
    </message>
    <message>
        <source>upgrade the database to this version&apos;s schema (once, for a shared database)</source>
        <translation>把数据库升级到本版本的结构（共享数据库只需一次）</translation>
    </message>
    <message>
        <source>usage: </source>
        <translation>用法：</translation>
    </message>
    <message>
        <source>verify the audit trail&apos;s hash chain (needs no account), or read it (auditor)</source>
        <translation>核验审计记录的哈希链（无需账号），或查看审计记录（审计员）</translation>
    </message>
    <message>
        <source>view the hall</source>
        <translation>查看大厅</translation>
    </message>
    <message>
        <source>void ({reason})</source>
        <translation>作废（{reason}）</translation>
    </message>
    <message>
        <source>void a case</source>
        <translation>作废办件</translation>
    </message>
    <message>
        <source>void a case with a reason, or show its history</source>
        <translation>作废办件（须写明原因），或查看办件的历史</translation>
    </message>
    <message>
        <source>void the case: kept with its history, left out of every figure</source>
        <translation>作废办件：连同历史保留，不计入任何统计</translation>
    </message>
    <message>
        <source>weekly report {name}</source>
        <translation>周报 {name}</translation>
    </message>
    <message>
        <source>weeks of history (default {weeks})</source>
        <translation>历史数据的周数（默认 {weeks}）</translation>
    </message>
    <message>
        <source>what was done to rectify</source>
        <translation>整改情况</translation>
    </message>
    <message>
        <source>whether this PC holds the database&apos;s key (exit 1 when it does not)</source>
        <translation>本机是否保存了这个数据库的密钥（没有时以 1 退出）</translation>
    </message>
    <message>
        <source>who changed a window, when and why</source>
        <translation>窗口由谁、何时、为何变更</translation>
    </message>
    <message>
        <source>who changed an item, when and why</source>
        <translation>事项由谁、何时、为何变更</translation>
    </message>
    <message>
        <source>window {number}</source>
        <translation>{number}号窗口</translation>
    </message>
    <message>
        <source>window {window} is “{state}” on {day}: nobody can be rostered there</source>
        <translation>窗口 {window} 在 {day} 为“{state}”，不能排班</translation>
    </message>
    <message>
        <source>window {window} was “{state}” at the time of the complaint {received}: it could not take complaints</source>
        <translation>窗口 {window} 在反映时间 {received} 为“{state}”，不能受理反映</translation>
    </message>
    <message>
        <source>window {window} was “{state}” at the time received {received}: no case could be entered at it</source>
        <translation>窗口 {window} 在受理时间 {received} 为“{state}”，不能登记办件</translation>
    </message>
    <message>
        <source>windows</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>working day</source>
        <translation>工作日</translation>
    </message>
    <message>
        <source>write an alert&apos;s printed notice as PDF</source>
        <translation>把预警的书面通知写成 PDF</translation>
    </message>
    <message>
        <source>write an empty import template</source>
        <translation>写出空白导入模板</translation>
    </message>
    <message>
        <source>write the good rows and list the bad ones</source>
        <translation>写入正确的行，列出有误的行</translation>
    </message>
    <message>
        <source>write the weekly report for the center</source>
        <translation>写出报送中心的周报</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>{actor} may not {action}: it needs the “{permission}” permission.</source>
        <translation>{actor}无权{action}，需要“{permission}”权限。</translation>
    </message>
    <message>
        <source>{actor} works only on the windows assigned to them and may not {action} at this window.</source>
        <translation>{actor}只能处理分配给自己的窗口，无权对该窗口{action}。</translation>
    </message>
    <message>
        <source>{at:%m-%d %H:%M} {actor}{action}</source>
        <translation>{at:%m-%d %H:%M} {actor}{action}</translation>
    </message>
    <message>
        <source>{at:%m-%d %H:%M} {actor}{action}: {note}</source>
        <translation>{at:%m-%d %H:%M} {actor}{action}：{note}</translation>
    </message>
    <message>
        <source>{before} → {after}: {note}</source>
        <translation>{before} → {after}：{note}</translation>
    </message>
    <message>
        <source>{case}  window {window} {department}  {item}  approver {approver}  reasons: {reasons}  [{state}]</source>
        <translation>{case}  {window}号窗口 {department}  {item}  审批人 {approver}  原因：{reasons}  [{state}]</translation>
    </message>
    <message>
        <source>{code} ({name})</source>
        <translation>{code}（{name}）</translation>
    </message>
    <message>
        <source>{cost} Add --yes to confirm.</source>
        <translation>{cost}确认请加 --yes。</translation>
    </message>
    <message>
        <source>{count} cases received, {handled} of them received or approved by {names}</source>
        <translation>受理办件 {count} 件，其中 {handled} 件由{names}受理或审批</translation>
    </message>
    <message>
        <source>{count} entries were inserted from entry {original} on (the former entry {original} is now entry {seq}).</source>
        <translation>第 {original} 条起插入了 {count} 条记录（原第 {original} 条被顺延为第 {seq} 条）。</translation>
    </message>
    <message>
        <source>{count} items in all, {active} in use.</source>
        <translation>共 {count} 个事项，启用 {active} 个。</translation>
    </message>
    <message>
        <source>{count} not approved</source>
        <translation>未审批 {count} 件</translation>
    </message>
    <message>
        <source>{count} people in all, {present} in post.</source>
        <translation>共 {count} 人，在岗 {present} 人。</translation>
    </message>
    <message>
        <source>{count} records hold values outside the plausible range and were left out: {names}. Check and correct these records.</source>
        <translation>有 {count} 条记录的数据超出合理范围，已跳过：{names}。请核对并更正这些记录。</translation>
    </message>
    <message>
        <source>{count} roster entries removed</source>
        <translation>删除排班 {count} 条</translation>
    </message>
    <message>
        <source>{count} sessions in violation within {days} consecutive working days: {sessions}</source>
        <translation>连续{days}个工作日内{count}个时段违规：{sessions}</translation>
    </message>
    <message>
        <source>{count} sessions suspected of nominal presence within {days} consecutive working days: {sessions}</source>
        <translation>连续{days}个工作日内{count}个时段疑似挂名：{sessions}</translation>
    </message>
    <message>
        <source>{count} window sessions have no formal civil servant in the plan: roster one before the session starts.</source>
        <translation>有 {count} 个窗口时段按计划没有正式公职人员，请在该时段开始前补排。</translation>
    </message>
    <message>
        <source>{count} window sessions: compliant {compliant}, auxiliary only {auxiliary}, unstaffed {unstaffed}</source>
        <translation>窗口时段 {count} 个：合规 {compliant}，仅辅助人员 {auxiliary}，无人值守 {unstaffed}</translation>
    </message>
    <message>
        <source>{count} windows in all.</source>
        <translation>共 {count} 个窗口。</translation>
    </message>
    <message>
        <source>{count} with no receiver recorded</source>
        <translation>未记录受理人 {count} 件</translation>
    </message>
    <message>
        <source>{count} wrong passwords in a row</source>
        <translation>连续 {count} 次密码错误</translation>
    </message>
    <message>
        <source>{day} is outside the dates a case may have ({earliest} to {latest}).</source>
        <translation>{day} 超出可受理的日期范围（{earliest} 至 {latest}）。</translation>
    </message>
    <message>
        <source>{earlier}, {later}</source>
        <translation>{earlier}，{later}</translation>
    </message>
    <message>
        <source>{field} {value} is outside the plausible range ({earliest} to {latest}, time limits 0 to {most} working days), so no deadline is worked out; correct it and look again.</source>
        <translation>{field} {value} 超出合理范围（{earliest} 至 {latest}，时限 0 至 {most} 个工作日），不计算期限；请更正后再看。</translation>
    </message>
    <message>
        <source>{field}: {before} → {after}</source>
        <translation>{field}：{before} → {after}</translation>
    </message>
    <message>
        <source>{field}: {before}→{after}</source>
        <translation>{field}：{before}→{after}</translation>
    </message>
    <message>
        <source>{figure} of “{department}” in {sheet}</source>
        <translation>{sheet}“{department}”的{figure}</translation>
    </message>
    <message>
        <source>{file}: {reason}</source>
        <translation>{file}：{reason}</translation>
    </message>
    <message>
        <source>{hall} ({code})  {day} {weekday}  {kind}  judged as of {as_of:%Y-%m-%d %H:%M}</source>
        <translation>{hall}（{code}）  {day} {weekday}  {kind}  判定时点 {as_of:%Y-%m-%d %H:%M}</translation>
    </message>
    <message>
        <source>{hall} has no alerts.</source>
        <translation>{hall}没有预警。</translation>
    </message>
    <message>
        <source>{hall} has no item that matches.</source>
        <translation>{hall}没有符合条件的事项。</translation>
    </message>
    <message>
        <source>{hall} has no item with the code {code} (hallmonitor item list lists them all).</source>
        <translation>{hall}没有编码为 {code} 的事项（hallmonitor item list 列出全部事项）。</translation>
    </message>
    <message>
        <source>{hall} has no open alerts.</source>
        <translation>{hall}没有待处理的预警。</translation>
    </message>
    <message>
        <source>{hall} has no window numbered {number} (hallmonitor window list lists them all).</source>
        <translation>{hall}没有编号为 {number} 的窗口（hallmonitor window list 列出全部窗口）。</translation>
    </message>
    <message>
        <source>{hall} has no window that matches.</source>
        <translation>{hall}没有符合条件的窗口。</translation>
    </message>
    <message>
        <source>{hall} has no {kind} numbered {key}.</source>
        <translation>{hall}没有编号为 {key} 的{kind}。</translation>
    </message>
    <message>
        <source>{hall} has nobody who matches.</source>
        <translation>{hall}没有符合条件的人员。</translation>
    </message>
    <message>
        <source>{hall} signs in with accounts: sign in with --user LOGIN (the password typed at the prompt, or put in the environment variable {variable}).</source>
        <translation>{hall}已启用账号登录，请用 --user 账号 登录（密码在提示时输入，或放在环境变量 {variable} 中）。</translation>
    </message>
    <message>
        <source>{kind} numbers are whole numbers; &quot;{key}&quot; is not one.</source>
        <translation>{kind}编号应为数字，“{key}”不是。</translation>
    </message>
    <message>
        <source>{kind} records have no history of their own: filter the audit trail by kind.</source>
        <translation>{kind}没有单独的历史，请在审计记录中按类别筛选。</translation>
    </message>
    <message>
        <source>{label} holds an ID card number, which cannot serve as a number; enter the number the case system gave.</source>
        <translation>{label}填的是一个身份证号码，不能用作编号；请填写办件系统给出的编号。</translation>
    </message>
    <message>
        <source>{label} is too long: at most {longest} characters, {length} given.</source>
        <translation>{label}过长：最多{longest}个字符，实际{length}个。</translation>
    </message>
    <message>
        <source>{label}: {percent:3d}%</source>
        <translation>{label}：{percent:3d}%</translation>
    </message>
    <message>
        <source>{label}: {problem}; delete it and save again.</source>
        <translation>{label}中{problem}，请删去后再保存。</translation>
    </message>
    <message>
        <source>{listed} and more</source>
        <translation>{listed}等</translation>
    </message>
    <message>
        <source>{login} is the only administrator account in use: locked, nobody could manage the accounts.</source>
        <translation>{login} 是唯一可用的管理员账号，锁定后将无人能管理账号。</translation>
    </message>
    <message>
        <source>{names} and others, {count} in all</source>
        <translation>{names} 等 {count} 条</translation>
    </message>
    <message>
        <source>{name} (auxiliary)</source>
        <translation>{name}（辅助）</translation>
    </message>
    <message>
        <source>{name} (not signed in)</source>
        <translation>{name}（未登录）</translation>
    </message>
    <message>
        <source>{name} ({category}): {count}</source>
        <translation>{name}（{category}）{count} 件</translation>
    </message>
    <message>
        <source>{name} ({category}, {attendance})</source>
        <translation>{name}（{category}，{attendance}）</translation>
    </message>
    <message>
        <source>{name} ({code})</source>
        <translation>{name}（{code}）</translation>
    </message>
    <message>
        <source>{name} ({roles})</source>
        <translation>{name}（{roles}）</translation>
    </message>
    <message>
        <source>{name} ({staff_no}) has left.</source>
        <translation>{name}（{staff_no}）已调离。</translation>
    </message>
    <message>
        <source>{name} ({staff_no}) is on duty: there is no return to record.</source>
        <translation>{name}（{staff_no}）在岗，无需返岗。</translation>
    </message>
    <message>
        <source>{name} ({staff_no}) is {category} already.</source>
        <translation>{name}（{staff_no}）的类别已是{category}。</translation>
    </message>
    <message>
        <source>{name} ({staff_no}) is {category} from {day}: a new change cannot be earlier than that day.</source>
        <translation>{name}（{staff_no}）自 {day} 起已是{category}，新的变更不能早于这一天。</translation>
    </message>
    <message>
        <source>{name} ({staff_no}) left on {day}.</source>
        <translation>{name}（{staff_no}）已于 {day} 调离。</translation>
    </message>
    <message>
        <source>{name} ({staff_no}) left on {left}, so cannot be rostered on {day} {session}.</source>
        <translation>{name}（{staff_no}）已于 {left} 调离，不能排在 {day}{session}。</translation>
    </message>
    <message>
        <source>{name} failed: {reason}</source>
        <translation>{name} 失败：{reason}</translation>
    </message>
    <message>
        <source>{name} was not found: backing up and restoring a PostgreSQL database needs the PostgreSQL client tools ({name}) installed.</source>
        <translation>未找到 {name}：PostgreSQL 数据库的备份与恢复需要安装 PostgreSQL 客户端工具（{name}）。</translation>
    </message>
    <message>
        <source>{on} or {off}</source>
        <translation>{on}或{off}</translation>
    </message>
    <message>
        <source>{open} or {closed}</source>
        <translation>{open}或{closed}</translation>
    </message>
    <message>
        <source>{path} is a folder, not a file to import.</source>
        <translation>{path} 是文件夹，不是要导入的文件。</translation>
    </message>
    <message>
        <source>{path} is not a SQLite database file and cannot be restored from.</source>
        <translation>{path} 不是 SQLite 数据库文件，不能用来恢复。</translation>
    </message>
    <message>
        <source>{path} is not a backup of a HallMonitor database and cannot be restored from.</source>
        <translation>{path} 不是窗口监管台的数据库备份，不能用来恢复。</translation>
    </message>
    <message>
        <source>{problem}: delete it in the file {file} and import again</source>
        <translation>{problem}，请在文件 {file} 中删去后重新导入</translation>
    </message>
    <message>
        <source>{prog}: error: {message}</source>
        <translation>{prog}：错误：{message}</translation>
    </message>
    <message>
        <source>{reason}: {path}</source>
        <translation>{reason}：{path}</translation>
    </message>
    <message>
        <source>{recorded} cases received, none of them received or approved by a rostered formal civil servant {notes}; {handlers}</source>
        <translation>受理办件 {recorded} 件，均非排班正式人员受理或审批{notes}；{handlers}</translation>
    </message>
    <message>
        <source>{recorded} cases received, none of them received or approved by a rostered formal civil servant; {handlers}</source>
        <translation>受理办件 {recorded} 件，均非排班正式人员受理或审批；{handlers}</translation>
    </message>
    <message>
        <source>{recorded} cases with their receiver recorded, fewer than {threshold}: too little evidence, not judged</source>
        <translation>记录受理人的办件 {recorded} 件，少于 {threshold} 件，证据不足，不作判断</translation>
    </message>
    <message>
        <source>{recorded} cases with their receiver recorded, fewer than {threshold}: too little evidence, not judged {notes}</source>
        <translation>记录受理人的办件 {recorded} 件，少于 {threshold} 件，证据不足，不作判断{notes}</translation>
    </message>
    <message>
        <source>{session} window {window}  {people}  {verdict}</source>
        <translation>{session} {window}号窗口  {people}  {verdict}</translation>
    </message>
    <message>
        <source>{session} window {window}  {verdict}  present: {people}</source>
        <translation>{session} {window}号窗口  {verdict}  在岗：{people}</translation>
    </message>
    <message>
        <source>{session} window {window} {department}  formal staff present: {formal}  {reason}  [{status}]</source>
        <translation>{session} {window}号窗口 {department}  在岗正式人员：{formal}  {reason}  [{status}]</translation>
    </message>
    <message>
        <source>{sheet} has no {figure}.</source>
        <translation>{sheet}中没有{figure}。</translation>
    </message>
    <message>
        <source>{sheet} has no {seq} and {hash}: the audit trail was still empty when this report was exported.</source>
        <translation>{sheet}中没有{seq}和{hash}，该周报导出时尚无审计记录。</translation>
    </message>
    <message>
        <source>{span}; {reason} (file {file}, row {row})</source>
        <translation>{span}；{reason}（文件 {file}，第{row}行）</translation>
    </message>
    <message>
        <source>{start} to {end}</source>
        <translation>{start} 至 {end}</translation>
    </message>
    <message>
        <source>{start}… ({count} characters)</source>
        <translation>{start}…（共{count}个字符）</translation>
    </message>
    <message>
        <source>{state}  {case}  window {window}  {item}  due {due}  {done}</source>
        <translation>{state}  {case}  {window}号窗口  {item}  截止 {due}  {done}</translation>
    </message>
    <message>
        <source>{total} in all, {open} of them open.</source>
        <translation>共 {total} 条，其中待处理 {open} 条。</translation>
    </message>
    <message>
        <source>{value} cannot be read as a date and time; write it as 2026-05-06 09:30</source>
        <translation>{value}无法识别为日期时间；请写成 2026-05-06 09:30</translation>
    </message>
    <message>
        <source>{value} cannot be read as a date; write it as 2026-05-06 or 2026/5/6</source>
        <translation>{value}无法识别为日期；请写成 2026-05-06 或 2026/5/6</translation>
    </message>
    <message>
        <source>{value} is not a date; write it like 2026-05-06</source>
        <translation>{value}不是日期；请写成 2026-05-06 这样的格式</translation>
    </message>
    <message>
        <source>{value} is not one of the choices: {allowed}</source>
        <translation>{value}不是可选值；可选：{allowed}</translation>
    </message>
    <message>
        <source>{value} should be a whole number</source>
        <translation>{value}应为整数</translation>
    </message>
    <message>
        <source>{value} should be {yes} or {no} (or Y/N, 1/0)</source>
        <translation>{value}应为 {yes} 或 {no}（也可写 Y/N、1/0）</translation>
    </message>
    <message>
        <source>{verdict} (confirmed as nominal presence on review)</source>
        <translation>{verdict}（经核查确认挂名）</translation>
    </message>
    <message>
        <source>{verdict} as planned</source>
        <translation>按计划将{verdict}</translation>
    </message>
    <message>
        <source>{verdict}; the audit trail was empty when {source} was made: there is nothing to compare.</source>
        <translation>{verdict}；{source} 记录时审计记录为空，无可比对。</translation>
    </message>
    <message>
        <source>{verdict}; the hash of entry {seq} matches what {source} holds.</source>
        <translation>{verdict}；与 {source} 所载第 {seq} 条的哈希一致。</translation>
    </message>
    <message>
        <source>{week} (from {monday:%Y-%m-%d}) has not begun yet, so its weekly report cannot be made.</source>
        <translation>{week}（{monday:%Y-%m-%d} 起）尚未开始，无法生成周报。</translation>
    </message>
    <message>
        <source>{week}: {files}</source>
        <translation>{week}：{files}</translation>
    </message>
    <message>
        <source>{what} ({details})</source>
        <translation>{what}（{details}）</translation>
    </message>
    <message>
        <source>{what} cannot be empty.</source>
        <translation>{what}不能为空。</translation>
    </message>
    <message>
        <source>{what} cannot be later than today ({today}); it is {day}.</source>
        <translation>{what}不能晚于今天（{today}），现在是 {day}。</translation>
    </message>
    <message>
        <source>{what} takes at most {limit} characters; it has {length}.</source>
        <translation>{what}最多 {limit} 个字，现在是 {length} 个。</translation>
    </message>
    <message>
        <source>{what} was changed by {by} at {at:%m-%d %H:%M}, so this save was not written. The latest content is shown: make your change on it again.</source>
        <translation>{what}已被 {by} 于 {at:%m-%d %H:%M} 修改，本次保存未写入；已显示最新内容，请在其上再改。</translation>
    </message>
    <message>
        <source>{what} was changed on another PC, so this save was not written. The latest content is shown: make your change on it again.</source>
        <translation>{what}已在另一台电脑上修改，本次保存未写入；已显示最新内容，请在其上再改。</translation>
    </message>
    <message>
        <source>{what} {value} appears in rows {listed} ({count} rows in all): keep only one of them</source>
        <translation>{what}{value}重复出现在第{listed}行（共{count}行），请只保留一行</translation>
    </message>
    <message>
        <source>{window}: cases due on {day}: {count}</source>
        <translation>{window}{day} 到期办件 {count} 件</translation>
    </message>
    <message>
        <source>{window}: cases suspected of front shop, back factory: {count}</source>
        <translation>{window}疑似前店后厂办件 {count} 件</translation>
    </message>
    <message>
        <source>{window}: cases whose applicant came more than once: {count}</source>
        <translation>{window}申请人多次跑动办件 {count} 件</translation>
    </message>
    <message>
        <source>{window}: complaints not settled within their time limit: {count}</source>
        <translation>{window}办不成事反映超期未办结 {count} 件</translation>
    </message>
    <message>
        <source>{window}: overdue cases: {count}</source>
        <translation>{window}办件超时 {count} 件</translation>
    </message>
    <message>
        <source>{window}: rectification falls short, temporary closure suggested</source>
        <translation>{window}整改不到位，建议临时关闭</translation>
    </message>
    <message>
        <source>{window}: sessions suspected of nominal presence: {count}</source>
        <translation>{window}疑似挂名时段 {count} 个</translation>
    </message>
    <message>
        <source>{year}</source>
        <translation>{year}年</translation>
    </message>
    <message>
        <source>{year} has no week {week}: it has {weeks} weeks (W01–W{weeks:02d}).</source>
        <translation>{year}年没有第{week}周：该年共{weeks}周（W01–W{weeks:02d}）。</translation>
    </message>
    <message>
        <source>“{action}” is done one alert at a time, not for several at once.</source>
        <translation>“{action}”须逐条处理，不能批量进行。</translation>
    </message>
    <message>
        <source>“{figure}” in {sheet}</source>
        <translation>{sheet}“{figure}”</translation>
    </message>
    <message>
        <source>“{text}”</source>
        <translation>「{text}」</translation>
    </message>
</context>
<context>
    <name>NextPage</name>
    <message>
        <source>Enter them by hand now, on the Hall data page</source>
        <translation>现在在“大厅资料”页手工录入</translation>
    </message>
    <message>
        <source>Fill in Excel templates and import them (File ▸ Import)</source>
        <translation>填写 Excel 模板后导入（文件 ▸ 导入）</translation>
    </message>
    <message>
        <source>Now the hall&apos;s windows, staff and items. Each list names what the one before it holds, so fill them in this order.</source>
        <translation>接下来录入窗口、人员和事项。后一张表要引用前一张表的内容，请按以下顺序填写。</translation>
    </message>
    <message>
        <source>The hall is created</source>
        <translation>大厅已创建</translation>
    </message>
</context>
<context>
    <name>NominalEvidence</name>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>审批人</translation>
    </message>
    <message>
        <source>On the roster: {people}</source>
        <translation>排班人员：{people}</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Received by</source>
        <translation>受理人</translation>
    </message>
    <message>
        <source>Session / case</source>
        <translation>时段 / 办件</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>缺勤</translation>
    </message>
    <message>
        <source>not approved</source>
        <translation>未审批</translation>
    </message>
    <message>
        <source>not judged</source>
        <translation>不予判断</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source>not suspected</source>
        <translation>未见挂名</translation>
    </message>
    <message>
        <source>planned</source>
        <translation>计划到岗</translation>
    </message>
    <message>
        <source>present</source>
        <translation>已到岗</translation>
    </message>
    <message>
        <source>suspected nominal presence</source>
        <extracomment>Case number, time received; the two names share what is left.</extracomment>
        <translation>疑似挂名</translation>
    </message>
    <message>
        <source>{day} {session}: {outcome}</source>
        <translation>{day} {session}：{outcome}</translation>
    </message>
    <message>
        <source>{name} ({badge})</source>
        <translation>{name}（{badge}）</translation>
    </message>
    <message>
        <source>{name} ({category})</source>
        <translation>{name}（{category}）</translation>
    </message>
    <message>
        <source>{name} ({category}, {attendance})</source>
        <translation>{name}（{category}，{attendance}）</translation>
    </message>
</context>
<context>
    <name>NoticePdf</name>
    <message>
        <source> (checked: %1)</source>
        <translation>（已检查：%1）</translation>
    </message>
    <message>
        <source> (no Chinese font found at all)</source>
        <translation>（未找到任何中文字体）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Install WenQuanYi Micro Hei or Source Han Sans</source>
        <translation>请安装文泉驿微米黑或思源黑体</translation>
    </message>
    <message>
        <source>Install the WenQuanYi Micro Hei font (Debian/Ubuntu: sudo apt install fonts-wqy-microhei)</source>
        <extracomment>Set to a .ttf/.ttc/.otf file to print notices with that font (it is still checked). Families known to give a correct text layer, in order of preference. Where those fonts live when the platform&apos;s font list does not include them (e.g. offscreen on Windows).</extracomment>
        <translation>请安装文泉驿微米黑字体（Debian/Ubuntu：sudo apt install fonts-wqy-microhei）</translation>
    </message>
    <message>
        <source>Make sure Microsoft YaHei or SimSun is among the system&apos;s fonts</source>
        <translation>请确认系统字体中有微软雅黑或宋体</translation>
    </message>
    <message>
        <source>The file cannot be written</source>
        <translation>无法写入文件</translation>
    </message>
    <message>
        <source>The folder does not exist</source>
        <translation>文件夹不存在</translation>
    </message>
    <message>
        <source>There is no Chinese font to print notices with: the text in the PDF must copy and search correctly%1. %2, or name a font file in the environment variable %3.</source>
        <translation>没有可用于打印通知书的中文字体：PDF 中的文字须能正确复制和检索%1。%2，或用环境变量 %3 指定字体文件。</translation>
    </message>
</context>
<context>
    <name>RosterDelegate</name>
    <message>
        <source>not planned</source>
        <translation>未排班</translation>
    </message>
</context>
<context>
    <name>RosterGrid</name>
    <message>
        <source>Absent</source>
        <translation>缺岗</translation>
    </message>
    <message>
        <source>Add staff…</source>
        <translation>添加人员…</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>Present</source>
        <extracomment>(staff ids, attendance True / False / None) for the selected cells staff ids to take off the selected cells The page&apos;s actions for the selected cells (present, absent, planned, remove), listed first in the menu.</extracomment>
        <translation>到岗</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
</context>
<context>
    <name>RosterHeaderBar</name>
    <message>
        <source>Copy last week</source>
        <translation>复制上周</translation>
    </message>
    <message>
        <source>Hide side panel</source>
        <translation>隐藏侧栏</translation>
    </message>
    <message>
        <source>Mark absent</source>
        <translation>标记缺岗</translation>
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
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Remove everyone</source>
        <translation>全部移除</translation>
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
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>◀ Previous week</source>
        <translation>◀ 上一周</translation>
    </message>
</context>
<context>
    <name>RosterModel</name>
    <message>
        <source>Not judged (not a working day or window not in service)</source>
        <extracomment>Emitted with the number of pending cells whenever it may have changed. A drop of staff ids onto a cell; the page turns it into an undoable command. What day it is: an empty cell after it is &quot;not planned yet&quot;, not &quot;unstaffed&quot;.</extracomment>
        <translation>不判定（非工作日或窗口未在服务）</translation>
    </message>
    <message>
        <source>Not planned yet: nobody is rostered on this day to come</source>
        <extracomment>(background, accent) of a day still to come that nobody is rostered on yet: not a violation, work to do.</extracomment>
        <translation>尚未排班：这一天还没有安排人员</translation>
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
    <message>
        <source>⚑ Suspected nominal presence ({status}): {reason}</source>
        <translation>⚑ 疑似挂名（{status}）：{reason}</translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
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
        <source>Hide side panel</source>
        <translation>隐藏侧栏</translation>
    </message>
    <message>
        <source>Mark attendance</source>
        <translation>标记到岗情况</translation>
    </message>
    <message>
        <source>No staff yet: add them on Hall data, or File ▸ Import.</source>
        <translation>还没有工作人员：在 大厅资料 添加，或 文件 ▸ 导入。</translation>
    </message>
    <message>
        <source>No windows yet: add them on Hall data, or File ▸ Import.</source>
        <translation>还没有窗口：在 大厅资料 添加，或 文件 ▸ 导入。</translation>
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
        <source>Remove from roster</source>
        <translation>从排班中移除</translation>
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
        <source>Show side panel</source>
        <translation>显示侧栏</translation>
    </message>
    <message>
        <source>The roster has {count} unsaved cells. Save them before leaving?</source>
        <translation>排班中有 {count} 个单元格尚未保存。离开前保存吗？</translation>
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
        <translation>工号或姓名</translation>
    </message>
</context>
<context>
    <name>RulesPanel</name>
    <message>
        <source> cases</source>
        <translation> 件</translation>
    </message>
    <message>
        <source> sessions</source>
        <translation> 个时段</translation>
    </message>
    <message>
        <source> working days</source>
        <translation> 个工作日</translation>
    </message>
    <message>
        <source>Afternoon</source>
        <translation>下午</translation>
    </message>
    <message>
        <source>Alert to verify after suspected sessions in</source>
        <translation>发待核查预警：疑似挂名</translation>
    </message>
    <message>
        <source>Alerts raised</source>
        <translation>启用的预警</translation>
    </message>
    <message>
        <source>Cases done in at most one trip</source>
        <translation>最多跑一次办件比例</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Complaints answered within</source>
        <translation>反映办理时限</translation>
    </message>
    <message>
        <source>Deadline to correct, after the violating day</source>
        <translation>整改期限（违规当日之后）</translation>
    </message>
    <message>
        <source>Hall</source>
        <translation>大厅</translation>
    </message>
    <message>
        <source>Investment project, approval to construction permit</source>
        <translation>企业投资项目（立项至施工许可）</translation>
    </message>
    <message>
        <source>Items admitted and authorised at the window</source>
        <translation>进驻且授权窗口审批事项比例</translation>
    </message>
    <message>
        <source>Judge a session once its cases with a recorded receiver reach</source>
        <translation>判定所需办件（须记录受理人）至少</translation>
    </message>
    <message>
        <source>Morning</source>
        <translation>上午</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>New enterprise setup</source>
        <translation>新开办企业</translation>
    </message>
    <message>
        <source>Nominal presence (a formal officer on the roster who handles no case)</source>
        <translation>人员挂名（正式人员在排班中却不经手办件）</translation>
    </message>
    <message>
        <source>Other alerts rectified within</source>
        <translation>其他预警整改期限</translation>
    </message>
    <message>
        <source>Real-estate registration</source>
        <translation>不动产登记</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>保存设置</translation>
    </message>
    <message>
        <source>Saved. Every PC of the hall applies these rules from now on.</source>
        <translation>已保存，大厅所有电脑即日起按此规则执行。</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>Staffing ladder and complaints</source>
        <translation>人员配置整改与办不成事反映</translation>
    </message>
    <message>
        <source>Suggest closure after violations in</source>
        <translation>建议临时关闭：违规</translation>
    </message>
    <message>
        <source>Targets (core indicators)</source>
        <translation>目标（核心指标）</translation>
    </message>
    <message>
        <source>The hall code identifies the hall in reports and cannot be changed.</source>
        <translation>大厅编码用于在报表中识别大厅，不能修改。</translation>
    </message>
    <message>
        <source>Undo changes</source>
        <translation>撤销修改</translation>
    </message>
    <message>
        <source>within</source>
        <translation>，在连续</translation>
    </message>
</context>
<context>
    <name>Saving</name>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Accounts</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Hall and rules</source>
        <translation>大厅与规则</translation>
    </message>
    <message>
        <source>Hall key</source>
        <translation>大厅密钥</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Work calendar</source>
        <translation>工作日历</translation>
    </message>
</context>
<context>
    <name>SharedPage</name>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Ask the hall&apos;s IT staff for the address, e.g. postgresql://user:password@10.0.0.5:5432/hall.</source>
        <translation>请向大厅信息技术人员索取地址，例如 postgresql://用户:密码@10.0.0.5:5432/hall。</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Test the connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>The hall&apos;s shared database</source>
        <translation>大厅共享数据库</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Checking the password…</source>
        <translation>正在核对密码…</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Screen locked</source>
        <translation>屏幕已锁定</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Sign in to {hall}.</source>
        <translation>登录{hall}。</translation>
    </message>
    <message>
        <source>{hall} is locked after a pause. Type your password to go on.</source>
        <translation>{hall}因一段时间无操作已锁定，请输入密码继续。</translation>
    </message>
</context>
<context>
    <name>StaffDialog</name>
    <message>
        <source>A category changes from a day: use Change category.</source>
        <translation>人员类别须从某日起变更：请用“变更类别”。</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Staff number</source>
        <translation>工号</translation>
    </message>
</context>
<context>
    <name>StaffModel</name>
    <message>
        <source>Category</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <source>Category since</source>
        <translation>类别起始</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Formal</source>
        <translation>正式公职人员</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>调离</translation>
    </message>
    <message>
        <source>Left on %1</source>
        <translation>%1 调离</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>On duty</source>
        <translation>在岗</translation>
    </message>
    <message>
        <source>Staff number</source>
        <translation>工号</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>An invented hall with violations of every kind, kept in its own file: your database is not touched, and you can leave the demo at any time.</source>
        <translation>一个虚构的大厅，含各类违规情形，保存在单独的文件中：不会改动您的数据库，随时可以离开演示。</translation>
    </message>
    <message>
        <source>Connect to our hall&apos;s shared database (PostgreSQL)</source>
        <translation>连接本大厅的共享数据库（PostgreSQL）</translation>
    </message>
    <message>
        <source>Enter the hall&apos;s code, name and opening hours; then its windows, staff and items.</source>
        <translation>填写大厅编码、名称和办公时间，再录入窗口、人员和事项。</translation>
    </message>
    <message>
        <source>Look at the demo hall first</source>
        <translation>先看看演示大厅</translation>
    </message>
    <message>
        <source>Set up our hall in this database</source>
        <translation>在此数据库中建立本大厅</translation>
    </message>
    <message>
        <source>The database {name} holds no hall yet. How do you want to begin?</source>
        <translation>数据库 {name} 中还没有大厅。请选择如何开始：</translation>
    </message>
    <message>
        <source>Welcome to HallMonitor</source>
        <extracomment>What the wizard ended with: &quot;created&quot; (a new hall), &quot;shared&quot; (a database that has halls) or &quot;demo&quot;. The database to open; for the demo, empty (the root knows where the demo lives). True when the supervisor chose to enter the hall&apos;s data by hand next. The first administrator&apos;s login, when the wizard created one.</extracomment>
        <translation>欢迎使用窗口监管台</translation>
    </message>
    <message>
        <source>When other PCs of the hall already work on one database, use it here too.</source>
        <translation>大厅其他电脑已在使用同一个数据库时，这台电脑也连接它。</translation>
    </message>
</context>
<context>
    <name>StartWindow</name>
    <message>
        <source>HallMonitor</source>
        <translation>窗口监管台</translation>
    </message>
    <message>
        <source>Opening the hall&apos;s database…</source>
        <translation>正在打开大厅数据库…</translation>
    </message>
    <message>
        <source>Opening the hall…</source>
        <translation>正在打开大厅…</translation>
    </message>
</context>
<context>
    <name>TablePanel</name>
    <message>
        <source>%1 rows</source>
        <extracomment>What the table says while the hall has no such rows (the page names its add button).</extracomment>
        <translation>共 %1 条</translation>
    </message>
    <message>
        <source>Nothing matches “%1”.</source>
        <translation>没有与“%1”相符的记录。</translation>
    </message>
    <message>
        <source>Search: type any part of a number, name or department</source>
        <translation>搜索：输入编号、名称或部门的任意部分</translation>
    </message>
</context>
<context>
    <name>TemplatesPanel</name>
    <message>
        <source>Folder for the templates</source>
        <translation>模板保存到的文件夹</translation>
    </message>
    <message>
        <source>Save the templates to a folder…</source>
        <translation>将模板保存到文件夹…</translation>
    </message>
    <message>
        <source>cases</source>
        <translation>办件</translation>
    </message>
    <message>
        <source>item catalogue</source>
        <translation>事项目录</translation>
    </message>
    <message>
        <source>roster</source>
        <translation>排班</translation>
    </message>
    <message>
        <source>staff</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>windows and departments</source>
        <extracomment>(import kind, what the file holds), in the order to fill them in.</extracomment>
        <translation>窗口和部门</translation>
    </message>
    <message>
        <source>{count} templates written to {folder}</source>
        <translation>已将 {count} 个模板保存到 {folder}</translation>
    </message>
</context>
<context>
    <name>TrailFilterBar</name>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>From</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Record no.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>any</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>anyone</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>{name} ({login})</source>
        <translation>{name}（{login}）</translation>
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
<context>
    <name>VoidDialog</name>
    <message>
        <source>Case %1 will be marked voided. It stays in the case list and its history, but counts in no figure, chart, alert or weekly report from now on. This cannot be undone.</source>
        <translation>办件 %1 将被作废。它仍保留在办件列表和办件记录中，但此后不再计入任何统计、图表、预警和周报。作废后不能撤销。</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>作废原因</translation>
    </message>
    <message>
        <source>Required, e.g. entered twice</source>
        <translation>必填，例如：重复登记</translation>
    </message>
    <message>
        <source>Void case %1</source>
        <translation>作废办件 %1</translation>
    </message>
    <message>
        <source>Void this case</source>
        <translation>确认作废</translation>
    </message>
</context>
<context>
    <name>WindowDialog</name>
    <message>
        <source>Board column</source>
        <translation>态势图列</translation>
    </message>
    <message>
        <source>Board row</source>
        <translation>态势图行</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>窗口类型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>窗口名称</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>窗口编号</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>所在区域</translation>
    </message>
    <message>
        <source>e.g. A区, where the tile stands on the board</source>
        <translation>例如 A区，即在大厅态势图上的分区</translation>
    </message>
</context>
<context>
    <name>WindowModel</name>
    <message>
        <source>Board position</source>
        <translation>态势图位置</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>State since</source>
        <translation>状态起始</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>row %1, column %2</source>
        <translation>第 %1 行，第 %2 列</translation>
    </message>
</context>
</TS>
