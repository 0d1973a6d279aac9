"""A complete Chinese label set for the intake and return receipts, as the UI's translator would
supply it.

The UI layer translates through Qt (context-free string -> string); here a dict stands in, so the
tests show a fully Chinese receipt works and notice when a new label is added without a place in
the translations.
"""

from __future__ import annotations

from collections.abc import Callable

ZH: dict[str, str] = {
    # header and footer
    "Service intake receipt": "售后服务受理单",
    "24-hour after-sales hotline: {hotline}": "24小时售后服务热线：{hotline}",
    "Job number": "单号",
    "Printed {at}": "打印时间 {at}",
    "Page {page}": "第 {page} 页",
    # sections and labels
    "Check-in": "受理信息",
    "Checked in": "受理时间",
    "Clerk": "受理人",
    "Customer": "客户",
    "Phone": "电话",
    "Product": "商品",
    "Category": "类别",
    "Brand": "品牌",
    "Model": "型号",
    "Serial / IMEI": "序列号/IMEI",
    "Purchase date": "购买日期",
    "Warranty": "保修期",
    "{months} months, ends {day}": "{months}个月，至{day}",
    "Documents presented": "出示凭证",
    "Purchase voucher": "购买凭证",
    "Warranty card": "保修卡",
    "Product itself": "商品本身",
    "Yes": "有",
    "No": "无",
    "Yes, no. {number}": "有，编号 {number}",
    "Service": "服务",
    "Service requested": "服务类型",
    "Verdict": "处理结论",
    "Deadlines": "服务时限",
    "First response due": "响应期限",
    "{at} (within 24 hours of check-in)": "{at}（受理后24小时内）",
    "Repair due": "维修完成期限",
    "{day} ({weekday})": "{day}（{weekday}）",
    "Mon": "周一",
    "Tue": "周二",
    "Wed": "周三",
    "Thu": "周四",
    "Fri": "周五",
    "Sat": "周六",
    "Sun": "周日",
    "by the end of {day} (5 working days, not counting the check-in day)": (
        "{day} 下班前（5个工作日，受理当日不计）"
    ),
    "Fault and condition": "故障与外观",
    "Fault description": "故障描述",
    "How it was used": "使用情况",
    "Condition on arrival": "外观状况",
    "Accessories received": "随机附件",
    "Terms of service": "服务条款",
    "The customer confirms that the details above are correct.": "客户确认以上信息无误。",
    "Customer signature": "客户签名",
    "Clerk signature": "受理人签名",
    "Date": "日期",
    # vocabularies
    "Electronics": "电子产品",
    "Household appliance": "家用电器",
    "Home goods": "家居用品",
    "Other": "其他",
    "7-day no-reason return/exchange": "7日无理由退换货",
    "Free warranty repair": "免费保修",
    "Paid repair": "付费维修",
    "Repair": "维修",
    "Return (7-day, no reason)": "退货（7日无理由）",
    "Exchange (7-day, no reason)": "换货（7日无理由）",
    "On-site service": "上门服务",
    "Consultation": "咨询",
    # terms
    "No-reason return or exchange within 7 days of the purchase date, with the purchase voucher "
    "and the product.": "自购买之日起7日内，凭购买凭证和商品可无理由退换货。",
    "Warranty of at least one year from the date of sale: a quality fault is repaired free, or "
    "the faulty part is replaced free with a part of the same model, when the purchase voucher, "
    "the warranty card and the product are presented.": (
        "自售出之日起至少一年免费保修：凭购买凭证、保修卡和商品，质量问题免费维修或免费更换"
        "同型号零部件。"
    ),
    "Damage that is not a quality problem (misuse, liquid, drops) is repaired at the customer's "
    "cost; the technician records the reason.": (
        "非质量问题（使用不当、进液、摔落）的损坏为付费维修，由技术员记录原因。"
    ),
    "We respond within 24 hours of check-in.": "受理后24小时内响应。",
    "The repair is finished and handed back within 5 working days, not counting the check-in "
    "day.": "5个工作日内（受理当日不计）完成维修并交付。",
    "After-sales hotline, around the clock: {hotline}": "全天候售后服务热线：{hotline}",
    "Your personal details are used for this service only.": "您的个人信息仅用于本次服务。",
    # the return receipt
    "Return receipt": "取件单",
    "Customer and product": "客户与商品",
    "Technician": "维修技术员",
    "Dates": "日期",
    "Ready for pickup": "完工时间",
    "Handed back": "取件时间",
    "Refunded on": "退款时间",
    "Exchanged on": "换货时间",
    "5-working-day promise": "5个工作日承诺",
    "by the end of {day}": "{day} 下班前",
    "Time taken": "实际用时",
    "{days} working day": "{days}个工作日",
    "{days} working days": "{days}个工作日",
    "(promise: {promise})": "（承诺{promise}个工作日内）",
    "on time": "按时完成",
    "late by {days} working day": "超时{days}个工作日",
    "late by {days} working days": "超时{days}个工作日",
    "Diagnosis": "检测结果",
    "Not a quality problem": "非质量问题",
    "Outcome": "维修结果",
    "Repaired": "已修复",
    "Cannot be repaired": "无法修复",
    "No fault found": "未发现故障",
    "Reason": "原因",
    "Work done": "维修内容",
    "Parts replaced": "更换配件",
    "None": "无",
    "(part model {model})": "（配件型号 {model}）",
    "Warranty after repair": "维修后保修",
    "Repair warranty": "维修保修",
    "Parts and labour guaranteed for {days} days, until {day}.": (
        "维修所换配件及人工保修{days}天，至{day}止。"
    ),
    "Warranty unchanged: until {day}. A repair does not restart the warranty.": (
        "保修期不变：至{day}。维修不重新计算保修期。"
    ),
    "Out of warranty (ended {day}).": "已过保修期（{day}到期）。",
    "Charges": "费用明细",
    "Item": "项目",
    "Qty": "数量",
    "Unit price": "单价",
    "Charged": "收费",
    "Part": "配件",
    "Labour": "工时",
    "Free under warranty": "保修免费",
    "No parts or labour were charged.": "无配件或工时费用。",
    "Total": "合计",
    "Payment method": "支付方式",
    "Amount paid": "实付金额",
    "{amount} (no charge)": "{amount}（免费）",
    "Cash": "现金",
    "WeChat Pay": "微信支付",
    "Alipay": "支付宝",
    "Bank card": "银行卡",
    "Reason given": "退换原因",
    "7-day no-reason return": "7日无理由退货",
    "7-day no-reason exchange": "7日无理由换货",
    "Refund amount": "退款金额",
    "Replacement model": "换货型号",
    "Replacement serial / IMEI": "换货序列号/IMEI",
    "Accessories": "附件",
    "Accessories returned": "归还附件",
    "Satisfaction": "满意度评价",
    "Customer's rating": "客户评分",
    "How satisfied are you with our response speed, repair quality, cost and staff? "
    "(1 = very dissatisfied, 5 = very satisfied)": (
        "您对我们的响应速度、维修质量、维修费用和服务态度是否满意？（1 = 非常不满意，5 = 非常满意）"
    ),
    "Your rating": "您的评分",
    "Comments": "意见和建议",
    "Questions or complaints about this service: 24-hour hotline {hotline}": (
        "对本次服务有疑问或投诉，请拨打24小时热线：{hotline}"
    ),
    "The customer confirms receiving the product and the items listed above.": (
        "客户确认已取回商品及以上物品。"
    ),
    "The customer confirms receiving the refund listed above.": "客户确认已收到以上退款。",
    # the verdict's reasons (domain templates) for the jobs the tests make
    "in warranty until {until}": "保修期至{until}",
    "purchase voucher, warranty card and product presented": "已出示购买凭证、保修卡和商品",
    "quality faults are repaired free (same-model parts)": "质量问题免费维修（同型号零部件）",
    "{document} not presented": "未出示{document}",
    "purchase voucher": "购买凭证",
    "warranty card": "保修卡",
    "product itself": "商品本身",
    "documents missing, so the repair is not free": "凭证不全，不能免费维修",
}


def recording(table: dict[str, str]) -> tuple[Callable[[str], str], list[str]]:
    """A translator from `table` that also notes every string it was asked for."""
    asked: list[str] = []

    def translate(text: str) -> str:
        asked.append(text)
        return table.get(text, text)

    return translate, asked
