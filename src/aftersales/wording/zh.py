# ruff: noqa: RUF001  -- Chinese text is written with full-width punctuation
"""Chinese (simplified): one message template for every outcome code, worded as a Chinese
shop's after-sales page words them, the words around them, and how a Chinese sentence words
each typed fact (instants as `2025-08-26 15:00`, `3 h` as `3 小时`, `delivered_at` as 签收);
identifiers such as guarantee ids, line ids, categories and tags stay as they are."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any, Final

from ..model.facts import Formula, Granted, Phrase, Tier, Window, duration_parts, fact_text
from .instants import instant_words
from .variants import variant

__all__ = ["GUARANTEES_ZH", "MESSAGES_ZH", "PAYERS_ZH", "PHRASES_ZH", "REMEDY_KINDS_ZH",
           "VARIANTS_ZH", "duration_zh", "instant_zh", "phrase_zh", "render_zh", "word_zh"]

MESSAGES_ZH: Final[dict[str, str]] = {
    # coverage, evidence, amounts, the refund cap
    "covered": "覆盖商品 {lines} 的{claim_kind}",
    "category_not_covered": "所申请的商品都不在 {categories}{excluded} 类目内"
    "（申请的商品：{claimed}）",
    "evidence_present": "已提供凭证：{required}",
    "evidence_missing": "缺少凭证：{missing}（请在 {deadline} 前补充）",
    "approved": "{granted}",
    "no_line_eligible": "没有一件商品同时满足全部条件",
    "zero_amount": "补偿金额为 {amount} {currency}，金额为零的补偿不予发放",
    "amount_computed": "{remedy}：{formula}，精确值 {exact}，舍入后为 {amount} {currency}",
    "remedy_chosen": "买家希望：{preferred}；发放：{chosen}",
    "refund_capped": "退款减至 {amount} {currency}：订单实付 {order_total}，已退款 {refunded}，"
    "只剩这么多可退",
    "nothing_left_to_refund": "已无可退金额：已退款 {refunded}，已达订单实付 {order_total}",
    "within_refund_cap": "{amount} {currency} 未超过剩余可退金额（{left}）",
    # an amount's second reason (Douyin preset, issue 11: requested_amount)
    "requested_capped": "申请金额 {requested} {currency} 超过上限 {capped_at}，按上限发放 "
    "{amount} {currency}",
    "claim_kind_not_covered": "政策 {policy} 没有受理{claim_kind}的保障",
    "no_automatic_guarantee": "政策 {policy} 没有无需申请即可发放的保障",
    # shipped_late
    "shipped_late": "{shipped_at} 发货，比承诺的发货时间 {promised_ship_by} 晚了 {late_by}",
    "shipped_on_time": "{shipped_at} 发货，未晚于承诺的发货时间 {promised_ship_by}",
    "unshipped_past_promise": "截至 {as_of} 仍未发货，已过承诺的发货时间 {promised_ship_by}",
    "not_yet_late": "尚未发货，但截至 {as_of} 还没到承诺的发货时间 {promised_ship_by}",
    # filed_within
    "filed_in_time": "{filed_at} 提交申请，在{event}后 {window}的时限内（截至 {deadline}）",
    "filed_too_late": "{filed_at} 提交申请，{event}后 {window}的时限已于 {deadline} 截止，"
    "晚了 {late_by}",
    "filed_too_early": "{filed_at} 提交申请，早于{event}（{event_at}）：时限从{event}起算",
    "not_delivered": "尚未签收：{window}的时限从签收起算",
    "not_shipped": "尚未发货：{window}的时限从发货起算",
    "not_paid": "尚未付款：{window}的时限从付款起算",
    "no_claim": "未提交申请；{event}后 {window}的时限于 {deadline} 截止",
    # lines
    "category_in": "商品 {lines} 属于 {categories}",
    "category_not_in": "属于 {categories} 的商品只有：{lines}",
    "has_tag": "商品 {lines} 带有标签 {tags}",
    "lacks_tag": "带有标签 {tags} 的商品只有：{lines}",
    "price_lower": "参考价 {reference_price} 低于实付单价（{unit_prices}）",
    "price_not_lower": "参考价 {reference_price} 不低于实付单价（{unit_prices}）",
    "reference_price_missing": "申请未提供参考价",
    # history
    "not_granted_before": "此{per}之前没有发放过 {guarantee} 补偿",
    "already_granted": "此{per}已发放过 {guarantee} 补偿（此前 {granted_before} 次）",
    # totals
    "above_minimum": "订单实付 {order_total} 高于最低金额 {minimum}",
    "below_minimum": "订单实付 {order_total} 未高于最低金额 {minimum}",
    # stacking
    "excluded": "商品 {lines} 不由此项赔付：改由 {by} 赔付（{why}）",
    # shipped_late_on_clock (the ship-by clock: rules.clock)
    "shipped_past_ship_by": "{shipped_at} 发货，比发货时限 {ship_by}（{ship_by_source}）晚了 "
    "{late_by}，超过 {more_than}",
    "unshipped_past_ship_by": "截至 {as_of} 仍未发货，已超过发货时限 {ship_by}"
    "（{ship_by_source}）{more_than}以上",
    "shipped_by_limit": "{shipped_at} 发货，未超过发货时限 {ship_by}（{ship_by_source}）"
    "{more_than}以上",
    "unshipped_within_limit": "尚未发货，但截至 {as_of} 超过发货时限 {ship_by}"
    "（{ship_by_source}）未满 {more_than}",
    # not_picked_up_within
    "picked_up_late": "快递于 {picked_up_at} 揽收，晚于 {limit}（运单号于 "
    "{tracking_uploaded_at} 上传）",
    "not_picked_up": "截至 {as_of} 快递仍未揽收，已过 {limit}（运单号于 "
    "{tracking_uploaded_at} 上传）",
    "picked_up_in_time": "快递于 {picked_up_at} 揽收，未晚于 {limit}",
    "pickup_not_yet_due": "快递尚未揽收，但截至 {as_of} 还没到 {limit}",
    "no_tracking_number": "商家未上传运单号",
    # delivered_late
    "delivered_after_appointment": "{delivered_at} 签收，比约定到货时间 {deliver_by} 晚了 "
    "{late_by}",
    "undelivered_past_appointment": "截至 {as_of} 仍未签收，已过约定到货时间 {deliver_by}",
    "delivered_by_appointment": "{delivered_at} 签收，未晚于约定到货时间 {deliver_by}",
    "appointment_not_yet_due": "尚未签收，但截至 {as_of} 还没到约定到货时间 {deliver_by}",
    "no_delivery_appointment": "订单没有约定到货时间",
    # not_shipped_within
    "unshipped_past_grace": "截至 {as_of} 仍未发货，已过 {limit}（承诺的发货时间 "
    "{promised_ship_by} 加宽限期）",
    "shipped": "已于 {shipped_at} 发货",
    "within_grace": "尚未发货，但截至 {as_of} 还没到 {limit}（承诺的发货时间 "
    "{promised_ship_by} 加宽限期）",
    # filed_before / filed_after
    "filed_before_payment": "{filed_at} 提交申请，早于付款",
    "filed_before_shipment": "{filed_at} 提交申请，早于发货（{event_at}）",
    "filed_before_delivery": "{filed_at} 提交申请，早于签收（{event_at}）",
    "filed_after_payment": "{filed_at} 提交申请，晚于付款（{event_at}）",
    "filed_after_shipment": "{filed_at} 提交申请，晚于发货（{event_at}）",
    "filed_after_delivery": "{filed_at} 提交申请，晚于签收（{event_at}）",
    # order facts
    "flagged": "{on}带有标记 {found}",
    "not_flagged": "{on}没有 {flags} 中的任何标记",
    "insured": "订单已投保运费险",
    "not_insured": "订单未投保运费险",
    "region_in": "收货地区 {region} 属于 {regions}",
    "region_not_in": "收货地区 {region} 不属于 {regions}",
    "fee_charged": "已收取{fee} {amount}",
    "no_fee": "未收取{fee}",
    "within_limit": "订单实付 {order_total} 未超过上限 {limit}",
    "above_limit": "订单实付 {order_total} 超过上限 {limit}",
    "buyer_flagged": "买家带有标记（{found}）：不适用极速退款",
    "category_excluded": "按类目不支持退货（{categories}）：{lines} 不可退",
    "tag_excluded": "按标签不支持退货（{tags}）：{lines} 不可退",
    # claim facts
    "item_intact": "商品完好",
    "item_not_intact": "商品不完好（封签已拆、吊牌已剪、已使用或已损坏）",
    "item_condition_unknown": "申请未说明商品是否完好",
    "return_tracked": "退货包裹运单号 {return_tracking_no}",
    "return_tracking_missing": "申请未提供退货包裹的运单号",
    # claims after delivery: problem type, evidence by order total, goods left
    "problem_listed": "申请的问题 {problem} 属于 {problems}",
    "problem_not_listed": "申请的问题 {problem} 不属于 {problems}",
    "problem_missing": "申请未说明问题类型（需为 {problems} 之一）",
    "evidence_for_total_present": "已提供凭证 {required}，符合订单实付 {order_total}"
    "（{tier_from} 起一档）的举证要求",
    "evidence_for_total_missing": "缺少凭证：{missing}；订单实付 {order_total}"
    "（{tier_from} 起一档）需提供 {required}",
    "filed_in_time_for_problem": "{filed_at} 提交申请，{problem} 问题在 {lines} 上的时限于 "
    "{deadline} 截止（{event} {event_at}），未超时",
    "filed_too_late_for_problem": "{filed_at} 提交申请，{problem} 问题在 {lines} 上的时限已于 "
    "{deadline} 截止（{event} {event_at}）",
    "no_window_for_problem": "{lines} 的 {problem} 问题没有可适用的反馈时限",
    "ripening_period_missing": "{problem} 问题的时限自催熟期起算，{lines} 未注明催熟期",
    "remaining_enough": "{lines} 的剩余量不低于 {percent}%",
    "remaining_too_little": "{lines} 的剩余量低于 {percent}%",
    "remaining_unknown": "申请未说明 {lines} 的使用量（或商品未注明单件容量）",
    # history
    "within_buyer_limit": "自 {since} 起已发放 {claims} 次 {guarantee} 补偿，未达 {window}内 "
    "{max_claims} 次的上限",
    "buyer_limit_reached": "自 {since} 起已发放 {claims} 次 {guarantee} 补偿：{window}内最多 "
    "{max_claims} 次",
    "return_approved": "商品 {lines} 的退货已获批准（{source}）",
    "no_return_approved": "并非每件商品的退货都已获批准（已批准的只有：{lines}；{source}）",
    # Tmall preset (issue 11): filed_within_receipt, problem_in, not_granted_for_item_before,
    # remedy_overdue
    "filed_in_receipt_window": "{filed_at} 提交申请，在{event}后 {window}的时限内（截至 "
    "{deadline}；{event_at} 签收，{signed_for_by}）",
    "filed_before_receipt_confirmed": "{filed_at} 提交申请：已签收（{event_at}，"
    "{signed_for_by}）、尚未确认收货，{event}后 {window}的时限尚未起算",
    "filed_before_signed_for": "{filed_at} 提交申请，早于签收（{event_at}，{signed_for_by}）："
    "时限从签收起算",
    "filed_after_receipt_window": "{filed_at} 提交申请，{event}后 {window}的时限已于 "
    "{deadline} 截止，晚了 {late_by}",
    "not_signed_for": "尚未签收：{event}后 {window}的时限在签收之后",
    "receipt_not_claimed": "未提交申请；时限为{event}后 {window}",
    "problem_in": "商品 {lines} 经认定的问题属于 {problems}",
    "problem_not_in": "经认定问题属于 {problems} 的商品只有：{lines}",
    "item_not_granted_before": "商品 {lines} 此前未因同一商品获得 {guarantee} 赔付（已赔付："
    "{skus_granted}）",
    "item_already_granted": "此前未因同一商品获得 {guarantee} 赔付的商品只有：{lines}（已赔付："
    "{skus_granted}）",
    "remedy_overdue": "{guarantee} 于 {granted_at} 同意的{remedy}，截至 {due_by} 仍未履行"
    "（核查时间 {checked_at}）",
    "remedy_carried_out_in_time": "{guarantee} 于 {granted_at} 同意的{remedy}已于 "
    "{fulfilled_at} 履行，未超过 {due_by}",
    "remedy_not_yet_due": "{guarantee} 于 {granted_at} 同意的{remedy}应于 {due_by} 前履行，"
    "截至 {checked_at} 尚未到期",
    "remedy_not_granted": "此订单未由 {guarantee} 同意过{remedy}",
    # combinators
    "all_held": "全部条件均满足",
    "any_held": "每件商品都至少满足一个条件",
    "negation_held": "被取反的条件（{negated}）不成立",
    "negation_failed": "被取反的条件（{negated}）成立",
}

GUARANTEES_ZH: Final = {
    "late_shipment": "晚发即赔", "spoilage": "坏了包退", "allergy": "过敏包退",
    "price_match": "买贵必赔", "no_reason_return": "七天无理由退货",
    "return_shipping_insurance": "运费险", "large_item_pickup": "大件上门取退",
    "intercept_refund": "拦截急速退", "instant_refund_on_return": "退货秒退",
    "pre_shipment_refund": "未发货极速退款", "proactive_refund": "超时未发主动退款",
    "counterfeit": "假一赔N", "unsafe_food": "食品安全赔付",
    "remote_area_shipping": "偏远地区包邮", "damage_reship": "破损补发或退款",
}
"""Names of the standard policy's guarantees, as a Chinese shop page names them."""
PHRASES_ZH: Final[dict[str, str]] = {
    "case": "售后单 {case_id}",
    "no_case_id": "售后单",
    "headline": "{subject}（订单 {order_id}）：{status} · 政策 {policy} 版本 {version}",
    "approved": "通过",
    "denied": "拒绝",
    "needs_evidence": "待补充凭证",
    "not_covered": "不在保障范围内",
    "why": "原因：{message} [{code}]",
    "missing_evidence": "缺少凭证：{missing}",
    "deadline": "截止时间：{deadline}",
    "guarantee": "{guarantee}：{verdict}",
    "titled": "{guarantee}（{title}）",
    "codes": "{verdict} [{codes}]",
    "verdict_approved": "通过",
    "verdict_denied": "拒绝",
    "verdict_needs_evidence": "待补充凭证",
    "verdict_not_covered": "不覆盖所申请的商品",
    "verdict_excluded": "被排除",
    "verdict_add_on": "附加保障，未生效",
    "reason": "{code}：{message}",
    "not_for_claim": "不受理{claim_kind}：{guarantees}",
    "not_without_claim": "无申请时不检查：{guarantees}",
    "add_ons_not_checked": "附加保障，仅在有保障通过后检查：{guarantees}",
    "what_would_pass": "怎样才能通过",
    "what_would_change": "怎样会改变结果",
    "nothing_would_pass": "没有一处小改动能让它通过",
    "nothing_would_change": "没有一处小改动会改变结果",
    "remedy": "{kind}{money}，由{payer}承担{lines}（{notes}）",
    "on_lines": "，商品 {lines}",
    "return_required": "需退货",
    "return_leg": "退货运费由{payer}承担",
    "due_by": "须于 {due_by} 前退款",
    "advance": "提前垫付",
    "list": "，",
    "file_by": "在 {deadline} 前提交（早 {earlier}）",
    "file_before": "在 {event_at} 之前提交（早 {earlier}）",
    "file_from": "在 {event_at} 提交（晚 {later}）",
    "add_evidence": "补充{missing}",
    "total_more": "订单实付为 {target}（多 {difference}：商品 {line} 实付 {paid}{note}）",
    "total_less": "订单实付为 {target}（少 {difference}：商品 {line} 实付 {paid}{note}）",
    "tier_start": "，正是下一档的起点",
    "tier_first": "；下一档从 {start} 起，到这里才开始多赔",
    "reference_price_below": "参考价为 {price}（略低于实付单价 {unit_price}）",
    "item_intact": "商品完好",
    "add_return_tracking": "提供退货包裹的运单号",
    "ship_by": "在 {by} 前发货（早 {earlier}）",
    "ship_by_unshipped": "在 {by} 前发货（实际未发货）",
    "pick_up_by": "在 {by} 前揽收",
    "deliver_by": "在 {by} 前签收",
    "claim": "申请",
    "guarantee_noun": "保障",
    "would_approve": "若{what}，{guarantee} {noun}将获通过：{remedies}",
    "would_not_pay": "若{what}，{guarantee} {noun}不会赔付",
    "would_need_evidence": "若{what}，{guarantee} {noun}将需补充凭证：{reason}",
    "would_deny": "若{what}，{guarantee} {noun}将被拒：{reason}",
    "remedies": "；",
    "nothing": "",
}
"""The words around the messages (see `en.PHRASES`)."""

_EVENTS: Final = {"delivered_at": "签收", "shipped_at": "发货", "paid_at": "付款",
                  "signed_for": "签收", "receipt_confirmed": "确认收货"}
_CLAIM_KINDS: Final = {
    "late_shipment": "延迟发货申请", "spoilage": "生鲜坏果申请", "allergy": "过敏退货申请",
    "price_match": "价保申请", "no_reason_return": "无理由退货申请",
    "refund_request": "退款申请", "return_shipped": "退货寄回申请",
    "counterfeit": "假货赔付申请", "unsafe_food": "食品安全赔付申请",
    "damaged_in_transit": "运输破损申请", "not_as_described": "描述不符申请",
    "false_label": "虚标申请",
    "reship_request": "补寄申请", "partial_refund": "部分退款申请",
    "goodwill": "体验补偿申请", "automatic": "自动检查（无需申请）",
}
REMEDY_KINDS_ZH: Final = {
    "refund": "退款", "coupon": "优惠券", "compensation": "赔付金",
    "return_shipping": "退货运费", "shipping_subsidy": "运费补贴", "pickup": "上门取件",
    "intercept": "拦截快递", "reship": "补发",
}
PAYERS_ZH: Final = {"platform": "平台", "merchant": "商家", "insurer": "保险公司",
                    "buyer": "买家"}
_EVIDENCE: Final = {"photo": "照片", "medical_record": "就医记录", "price_screenshot": "低价截图",
                    "appraisal_report": "鉴定报告", "inspection_report": "检测报告"}
_BASES: Final = {"order_total": "订单实付", "claimed_amount": "申请商品实付",
                 "paid_amount": "实付金额"}
_FEES: Final = {"return_shipping_fee": "退货运费", "shipping_surcharge": "运费附加费"}
_WORDS: Final[dict[str, Mapping[str, str]]] = {
    "event": _EVENTS,
    "claim_kind": _CLAIM_KINDS,
    "remedy": REMEDY_KINDS_ZH,
    "chosen": REMEDY_KINDS_ZH,
    "preferred": {**REMEDY_KINDS_ZH, "none": "未选择"},
    "on": {"buyer": "买家", "order": "订单"},
    "event_at": {"none": "尚未发生"},
    "ship_by_source": {"promised_ship_by": "按承诺时间", "same_day": "当日发货",
                       "next_day": "次日发货", "within_48h": "48小时发货"},
    "per": {"line": "商品", "order": "订单"},
    "fee": _FEES,
    "problems": {"material_mismatch": "材质不符", "brand_mismatch": "品牌不符",
                 "serious_quality_problem": "严重质量问题", "no_material_label": "无材质信息",
                 "upf_overstated": "UPF 虚标", "merino_mislabelled": "美利奴虚标"},
    "signed_for_by": {"carrier_record": "以物流签收记录为准",
                      "presumed_after_shipment": "无物流记录，按发货后若干天视为签收"},
    "source": {"this_decision": "本次决定", "history": "历史记录",
               "the buyer bearing the return leg": "限买家承担运费的退货"},
    "why": {"granted before on this order": "本订单此前已由它赔付",
            "it pays the buyer more there": "它给买家的赔付更多",
            "it pays the same and ranks higher in the policy's priority":
            "赔付相同，且它在政策中的优先级更高"},
}
_UNITS: Final = {"d": "天", "h": "小时", "min": "分钟", "s": "秒", "µs": "微秒"}
_FORMULAS: Final[dict[str, str]] = {
    "percent_of": "{base}的 {rate_percent} %",
    "multiple": "{base} × {multiplier}，至少 {minimum}",
    "unit_price_difference": "（实付单价 − 参考价）× 申请件数 × {multiplier}",
    "claimed_fraction": "实付金额 × 申请件数 / 购买件数",
    "fixed": "固定金额",
    "approved_return_refund": "退货时已批准的退款",
    "order_fee": "{fee}",
    "tiered": "低于第一档（{at_least}）",
    "percent_between": "{base}的 {rate_percent} %，最低 {minimum}，最高 {maximum}",
    "tier_grid": "此档不赔付",
    "percent_by_tag": "按标签计：{rates}，其余 {otherwise_percent} %（各商品的申请实付）",
    "requested_amount": "买家申请的金额",
}


VARIANTS_ZH: Final[dict[str, str]] = {
    "category_not_in.none": "没有商品属于 {categories}",
    "lacks_tag.none": "没有商品带有标签 {tags}",
    "no_return_approved.none": "没有已批准的退货（{source}）",
    "filed_too_late.at_close": "{filed_at} 提交申请，{event}后 {window}的时限已于 {deadline} "
    "截止",
    "filed_after_receipt_window.at_close": "{filed_at} 提交申请，{event}后 {window}的时限已于 "
    "{deadline} 截止",
    "problem_not_in.none": "没有商品经认定的问题属于 {problems}",
    "item_already_granted.none": "每件商品此前都已获得过 {guarantee} 赔付（已赔付："
    "{skus_granted}）",
}
"""Messages of a code at the edges of its facts (`wording.variants`)."""


def render_zh(code: str, facts: Mapping[str, object]) -> str:
    """The Chinese message for `code` (an outcome code, or a reason code's last part)."""
    key = variant(code, facts)
    template = MESSAGES_ZH.get(code) if key is None else VARIANTS_ZH[key]
    if template is None:  # a policy's own code: it stays as it is
        return f"不满足：{code[4:]}" if code.startswith("not_") else code
    return template.format_map(_Worded(facts))


class _Worded(dict[str, Any]):
    """The facts as a Chinese sentence words them, looked up as a template needs them."""

    def __getitem__(self, key: str) -> str:
        if key not in self:
            return "" if key == "excluded" else "?"  # a fact worded only when present
        return word_zh(key, dict.__getitem__(self, key))


def word_zh(key: str, value: object) -> str:
    """A fact as a Chinese sentence words it (`key` says what the fact is)."""
    if isinstance(value, datetime):
        return instant_zh(value)
    if isinstance(value, Phrase):
        return phrase_zh(value.key, value.facts)
    if key == "excluded":  # the categories a scope leaves out
        return f"（不含 {fact_text(value)}）"
    text = fact_text(value)
    words = _WORDS.get(key)
    if words is not None and text in words:
        return words[text]
    if text in ("none", "—"):
        return "无"
    if isinstance(value, tuple):
        if key in ("required", "missing"):
            return "、".join(_EVIDENCE.get(kind, kind) for kind in map(fact_text, value))
        if key == "granted":
            return "；".join(_granted(item) for item in value)
        return ", ".join(word_zh(key, item) for item in value)
    if isinstance(value, Formula):
        return _formula(value)
    if isinstance(value, Tier):
        return f"{value.start} 起"
    if isinstance(value, Window):
        return _window(value)
    if isinstance(value, timedelta):
        return duration_zh(value)
    if isinstance(value, Granted):
        return _granted(value)
    return text


def duration_zh(delta: timedelta) -> str:
    """A duration in Chinese: `3 天 4 小时` (zero parts left out)."""
    return " ".join(f"{count} {_UNITS[unit]}" for count, unit in duration_parts(delta))


def instant_zh(instant: datetime) -> str:
    """`2025-08-26 15:00`: seconds only when not zero, the offset only when it is not
    Beijing time's +08:00; the end of a day (`23:59:59.999999`) reads as `23:59:59`."""
    return instant_words(instant, midnight=False, offset="（UTC{}）")


def _window(window: Window) -> str:
    if window.claim:
        return "申请"
    if window.days is not None:
        return f"{window.days} 个自然日"
    if window.rolling_days is not None:
        return f"{window.rolling_days} 天"
    if window.hours is not None:
        return f"{window.hours} {_UNITS['h']}"
    return "—"


def _formula(formula: Formula) -> str:
    if formula.kind == "unit_price_difference" and not formula.values:
        return "单价差额"  # no reference price to take the difference to
    template = _FORMULAS.get(formula.kind)
    if template is None:
        return formula.text
    values = {name: _BASES.get(str(value), _FEES.get(str(value), fact_text(value)))
              for name, value in formula.values}
    return template.format_map(values)


def _granted(granted: Granted) -> str:
    money = f" {granted.amount} {granted.currency}" if granted.amount is not None else ""
    return f"{REMEDY_KINDS_ZH.get(granted.kind, granted.kind)}{money}，由" \
        f"{PAYERS_ZH.get(granted.payer, granted.payer)}承担"


def phrase_zh(key: str, facts: Mapping[str, object] | None = None) -> str:
    """The phrase `key` (Chinese), its facts worded as the messages word them (a fact may be a
    phrase of its own)."""
    return PHRASES_ZH[key].format_map(
        {name: word_zh(name, value) for name, value in (facts or {}).items()})
