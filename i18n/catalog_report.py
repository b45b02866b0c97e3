"""Messages of the figures and reports (handlers/figures.py, bot/reports.py, bot/report_cli.py).

Category, urgency, outcome and state labels are the workflow's (``case.*`` in catalog_flows);
only what the reports add lives here.
"""

from __future__ import annotations

_SATISFACTION = {
    "satisfied": ("满意", "satisfied"),
    "basic": ("基本满意", "basically satisfied"),
    "unsatisfied": ("不满意", "unsatisfied"),
}
_AGES = {
    "lt1d": ("不足1天", "< 1 day"),
    "d1_3": ("1–3天", "1–3 days"),
    "d3_7": ("3–7天", "3–7 days"),
    "d7_15": ("7–15天", "7–15 days"),
    "ge15d": ("15天以上", "15 days or more"),
}

MESSAGES: dict[str, tuple[str, str]] = {
    **{f"report.sat.{k}": v for k, v in _SATISFACTION.items()},
    **{f"report.age.{k}": v for k, v in _AGES.items()},
    # ---------------------------------------------------------------- figures
    "report.total": ("案件总数", "Cases"),
    "report.response_rate": ("响应率（按时签收）", "Response rate (signed for in time)"),
    "report.awaiting_sign_for": ("待签收（时限未到）", "Awaiting sign-for (clock running)"),
    "report.on_time_rate": ("按期办结率", "On-time closure rate"),
    "report.resolution_rate": ("解决率", "Resolution rate"),
    "report.satisfaction_rate": ("满意率", "Satisfaction rate"),
    "report.surveys_answered": ("回访答复率", "Surveys answered"),
    "report.reopen_rate": ("重新打开率", "Reopen rate"),
    "report.closed": ("已办结", "Closed"),
    "report.referred": ("其中：引导诉讼仲裁/转职能部门", "of which referred (court, department)"),
    "report.not_ours": ("其中：不属于受理范围", "of which outside our remit"),
    "report.withdrawn": ("居民撤回", "Withdrawn by the resident"),
    "report.open": ("未办结", "Open"),
    "report.overdue": ("其中：超期", "of which overdue"),
    "report.median_sign_for": ("签收用时中位数", "Median time to sign for"),
    "report.median_close": ("办结用时中位数", "Median time to close"),
    "report.hours": ("{n} 小时", "{n} h"),
    "report.days": ("{n} 天", "{n} days"),
    "report.title_line": ("{title}（{period}）", "{title} ({period})"),
    "report.empty": ("{period} 期间没有案件：各项数字为 0，比率无法计算（显示为“—”）。",
                     "No cases in {period}: every count is 0 and the rates cannot be computed (shown as \"—\")."),
    "report.district_all": ("全区", "Whole district"),
    "report.definitions": (
        "口径：案件按受理（创建）日期归入统计期（辖区时区）。响应率 = 按时签收案件 ÷ 已分派案件（签收时限未到且未签收的不计）；"
        "按期办结率 = 在办结时限内办结 ÷ 已办结；解决率 = 以“调解成功”或“已解释说明”办结且未重新打开 ÷ 已办结"
        "（引导诉讼仲裁、转职能部门、不属于受理范围单列，不计为解决）；满意率 = （满意 + 基本满意）÷ 回访已答复；"
        "回访答复率 = 回访已答复 ÷ 回访已发出。居民撤回不计为办结。",
        "Definitions: a case belongs to the period of its creation date (district time zone). Response rate = "
        "cases signed for in time ÷ cases assigned (not counting those still within the clock); on-time closure "
        "rate = closed within the resolution clock ÷ closed; resolution rate = closed as agreement reached or "
        "explained and never reopened ÷ closed (referrals and outside-our-remit are counted apart, never as "
        "solved); satisfaction rate = (satisfied + basically satisfied) ÷ surveys answered; surveys answered = "
        "answered ÷ sent. Withdrawn cases are not closures.",
    ),
    # ---------------------------------------------------------------- breakdowns and tables
    "report.by_category": ("按类别", "By category"),
    "report.by_urgency": ("按紧急程度", "By urgency"),
    "report.by_community": ("按社区", "By community"),
    "report.by_grid": ("按网格", "By grid"),
    "report.by_handler": ("按承办人", "By handler"),
    "report.by_outcome": ("按办结方式", "By outcome"),
    "report.by_satisfaction": ("按回访结果", "By survey answer"),
    "report.open_by_age": ("未办结案件（按已持续时间）", "Open cases by age"),
    "report.col_item": ("项目", "Item"),
    "report.col_value": ("数值", "Value"),
    "report.col_count": ("件数", "Cases"),
    "report.col_name": ("名称", "Name"),
    "report.col_community": ("社区", "Community"),
    "report.col_handler": ("承办人", "Handler"),
    "report.col_role": ("岗位", "Role"),
    "report.col_number": ("案件编号", "Case number"),
    "report.col_created": ("受理时间", "Created"),
    "report.col_grid": ("网格", "Grid"),
    "report.col_category": ("类别", "Category"),
    "report.col_urgency": ("紧急程度", "Urgency"),
    "report.col_state": ("状态", "State"),
    "report.col_outcome": ("办结方式", "Outcome"),
    "report.col_signed": ("签收时间", "Signed for"),
    "report.col_sign_due": ("签收时限", "Sign-for due"),
    "report.col_responded": ("按时签收", "Signed in time"),
    "report.col_closed": ("办结时间", "Closed"),
    "report.col_resolution_due": ("办结时限", "Resolution due"),
    "report.col_on_time": ("按期办结", "Closed on time"),
    "report.col_satisfaction": ("回访结果", "Survey answer"),
    "report.col_reopens": ("重新打开次数", "Reopened"),
    "report.col_demo": ("演示数据", "Demo"),
    "report.col_text": ("诉求内容（已脱敏）", "Request (masked)"),
    "report.yes": ("是", "yes"),
    "report.no": ("否", "no"),
    "report.pending": ("未到期", "clock running"),
    # ---------------------------------------------------------------- workbook and charts
    "report.sheet_summary": ("汇总", "Summary"),
    "report.sheet_handlers": ("承办人考核", "Handlers"),
    "report.sheet_cases": ("案件明细", "Cases"),
    "report.sheet_community": ("社区-{name}", "Community-{name}"),
    "report.sheet_handler": ("承办人-{name}", "Handler-{name}"),
    "report.workbook_title": ("{district} 矛盾纠纷化解工作统计", "{district}: dispute resolution figures"),
    "report.generated_at": ("生成时间：{at}", "Generated at {at}"),
    "report.demo_warning": ("注意：本期数据包含演示数据（{count} 件），不可用于考核。",
                            "Note: {count} demo cases are included; not for assessment."),
    "report.chart_weekly": ("每周受理案件（按类别）", "Cases per week by category"),
    "report.chart_rates": ("各社区三率", "Rates per community"),
    "report.chart_ages": ("未办结案件（按已持续时间）", "Open cases by age"),
    "report.chart_week_axis": ("周（周一）", "Week (Monday)"),
    "report.chart_cases_axis": ("件数", "Cases"),
    "report.chart_rate_axis": ("比率（%）", "Rate (%)"),
    "report.chart_no_data": ("本期无数据", "No data in this period"),
    "report.chart_partial_week": ("* 带斜线的周只有部分天数在统计期内", "* hatched weeks lie only partly in the period"),
    "report.chart_demo_watermark": ("演示数据 DEMO", "DEMO DATA"),
    # ---------------------------------------------------------------- digests
    "report.digest_title": ("【{station}】每日简报", "Daily digest: {station}"),
    "report.digest_new": ("新受理：{count} 件", "New: {count}"),
    "report.digest_overdue": ("超期未办：{count} 件", "Overdue: {count}"),
    "report.digest_reopened": ("重新打开待签收：{count} 件", "Reopened, awaiting sign-for: {count}"),
    "report.digest_more": ("  ……另有 {count} 件", "  … and {count} more"),
    "report.digest_nothing": ("过去一天没有新案件、超期或重新打开的案件。",
                              "No new, overdue or reopened cases in the last day."),
    # ---------------------------------------------------------------- CLI
    "report.cli_bad_date": ("日期格式不对：{value}（应为 YYYY-MM-DD）", "Not a date: {value} (expected YYYY-MM-DD)"),
    "report.cli_bad_range": ("结束日期 {end} 早于开始日期 {start}", "The end date {end} is before the start date {start}"),
    "report.cli_bad_lang": ("不支持的语言：{value}（可选：{choices}）", "Unsupported language: {value} (choose: {choices})"),
    "report.cli_bad_format": ("不支持的格式：{value}（可选 table、xlsx、png）",
                              "Unknown format {value} (choose table, xlsx or png)"),
    "report.cli_unknown_community": ("没有这个社区：{value}。可选：{choices}",
                                     "No community {value}. Choose one of: {choices}"),
    "report.cli_loading": ("读取案件", "Reading cases"),
    "report.cli_building": ("生成报表", "Building the report"),
    "report.cli_written": ("已生成：{path}", "Written: {path}"),
    "report.cli_seeding": ("生成演示数据", "Generating demo data"),
    "report.cli_seeded": ("已生成 {count} 件演示案件（编号含 DEMO，居民名为“演示居民N”），时间跨度 {start} 至 {end}。",
                          "Generated {count} demo cases (numbers contain DEMO, residents named 演示居民N), "
                          "from {start} to {end}."),
    "report.cli_cleared": ("已删除 {count} 件演示案件及其记录。", "Removed {count} demo cases and their records."),
    "report.cli_no_roster": ("数据库中没有名册，无法生成演示数据。", "There is no roster in the database; cannot seed."),
    "report.cli_seed_range": ("案件数须在 1 到 100000 之间", "The number of cases must be between 1 and 100000"),
}
