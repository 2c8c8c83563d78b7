#!/usr/bin/env python3
"""Writes the real-shaped inputs of tests/corpus from reports in tests/real-style (and a
township report written here), each in a shape real reports reach a reviewer in, with its
NAME.expected.json. Run from the repository root: python3 tests/corpus/variants.py
(the PDFs are made with `nianbao render`, see README.md)."""

import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "corpus")

T3_COLS = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org"]
T3_ROWS = [
    ("new_received", "一、本年新收政府信息公开申请数量", None),
    ("carried_over", "二、上年结转政府信息公开申请数量", None),
    ("r1_granted", "（一）予以公开", "三、本年度办理结果"),
    ("r2_partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "三、本年度办理结果"),
    ("r3_1_state_secret", "1.属于国家秘密", "（三）不予公开"),
    ("r3_2_law_prohibited", "2.其他法律行政法规禁止公开", "（三）不予公开"),
    ("r3_3_three_safeties", "3.危及“三安全一稳定”", "（三）不予公开"),
    ("r3_4_third_party", "4.保护第三方合法权益", "（三）不予公开"),
    ("r3_5_internal_affairs", "5.属于三类内部事务信息", "（三）不予公开"),
    ("r3_6_process_info", "6.属于四类过程性信息", "（三）不予公开"),
    ("r3_7_enforcement_file", "7.属于行政执法案卷", "（三）不予公开"),
    ("r3_8_admin_query", "8.属于行政查询事项", "（三）不予公开"),
    ("r4_1_not_held", "1.本机关不掌握相关政府信息", "（四）无法提供"),
    ("r4_2_needs_creation", "2.没有现成信息需要另行制作", "（四）无法提供"),
    ("r4_3_still_unclear", "3.补正后申请内容仍不明确", "（四）无法提供"),
    ("r5_1_petition_complaint", "1.信访举报投诉类申请", "（五）不予处理"),
    ("r5_2_repeated", "2.重复申请", "（五）不予处理"),
    ("r5_3_publication", "3.要求提供公开出版物", "（五）不予处理"),
    ("r5_4_mass_repeated", "4.无正当理由大量反复申请", "（五）不予处理"),
    ("r5_5_confirm_reissue", "5.要求行政机关确认或重新出具已获取信息", "（五）不予处理"),
    ("r6_1_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "（六）其他处理"),
    ("r6_2_fee_unpaid", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "（六）其他处理"),
    ("r6_3_other", "3.其他", "（六）其他处理"),
    ("r7_total", "（七）总计", "三、本年度办理结果"),
    ("carried_forward", "四、结转下年度继续办理", None),
]
RESULT_ROWS = [r[0] for r in T3_ROWS[2:23]]
T4_GROUPS = ["review", "litigation_direct", "litigation_after_review"]
T4_COLS = ["maintain", "correct", "other", "pending"]


def load(name):
    with open(os.path.join(ROOT, "tests", "real-style", name + ".json"), encoding="utf-8") as f:
        return json.load(f)


def figures(report):
    """The published numbers (corpus expected format) of a nianbao report."""
    t2 = report["t2"]
    exp = {"t2": {}, "t3": {}, "t4": {}}
    for row in ["regulations", "normative_docs"]:
        exp["t2"][row] = {c: t2.get(row, {}).get(c, 0) for c in ["made", "repealed", "valid"]}
    for row in ["licensing_decisions", "punishment_decisions", "coercion_decisions"]:
        exp["t2"][row] = t2.get(row, {}).get("count", 0)
    exp["t2"]["fees_wan_yuan"] = t2.get("fees_wan_yuan", {}).get("amount", "0")
    t3 = report["t3"]
    rows = {}
    for key, _, _ in T3_ROWS:
        if key == "r7_total":
            vals = [sum(t3.get(r, {}).get(c, 0) for r in RESULT_ROWS) for c in T3_COLS]
        else:
            vals = [t3.get(key, {}).get(c, 0) for c in T3_COLS]
        rows[key] = vals + [sum(vals)]
    exp["t3"] = rows
    for g in T4_GROUPS:
        vals = [report["t4"].get(g, {}).get(c, 0) for c in T4_COLS]
        exp["t4"][g] = vals + [sum(vals)]
    return exp


def write(name, text, expected, meta, binary=False):
    path = os.path.join(OUT, name)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    stem = name.split(".")[0]
    exp = dict(expected)
    exp["meta"] = meta
    with open(os.path.join(OUT, stem + ".expected.json"), "w", encoding="utf-8") as f:
        json.dump(exp, f, ensure_ascii=False, indent=1)
        f.write("\n")


def title(report):
    d = report["details"]
    return f"{d['agency_short_name'] or d['agency_name']}{d['year']}年政府信息公开工作年度报告"


def overview_text(report, sep="\n"):
    o = report["overview"]
    heads = ["（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）政府信息公开平台建设", "（五）监督保障"]
    parts = [o["lead"]] if o["lead"] else []
    for h, k in zip(heads, ["proactive", "on_request", "management", "platform", "supervision"]):
        parts.append(h + "情况")
        parts.append(o[k])
    return sep.join(parts)


def meta(report, shape, **extra):
    d = report["details"]
    # The agency as the title names it (the 落款 gives the full name when there is one).
    m = {"agency": d["agency_short_name"] or d["agency_name"], "report_year": d["year"], "shape": shape}
    m.update(extra)
    return m


def fmt_row(vals):
    return [str(v) for v in vals]


# ---------------------------------------------------------------- markdown, pipe tables
def markdown(report, exp, align=True, repeat_merged=True, bold=True):
    d = report["details"]
    b = (lambda s: f"**{s}**") if bold else (lambda s: s)
    out = [f"# {title(report)}", "", d["opening"], "", "## 一、总体情况", ""]
    o = report["overview"]
    if o["lead"]:
        out += [o["lead"], ""]
    heads = ["（一）主动公开情况", "（二）依申请公开情况", "（三）政府信息管理情况", "（四）政府信息公开平台建设情况", "（五）监督保障情况"]
    for h, k in zip(heads, ["proactive", "on_request", "management", "platform", "supervision"]):
        out += [b(h), "", o[k], ""]
    out += ["## 二、主动公开政府信息情况", ""]
    t2 = exp["t2"]

    def table(rows):
        lines = []
        for i, r in enumerate(rows):
            lines.append("| " + " | ".join(r) + " |")
            if i == 0 and align:
                lines.append("|" + "|".join([":---:"] * len(r)) + "|")
        return lines

    out += table([
        ["第二十条第（一）项", "第二十条第（一）项" if repeat_merged else "", "第二十条第（一）项" if repeat_merged else "", "第二十条第（一）项" if repeat_merged else ""],
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章"] + fmt_row([t2["regulations"][c] for c in ["made", "repealed", "valid"]]),
        ["行政规范性文件"] + fmt_row([t2["normative_docs"][c] for c in ["made", "repealed", "valid"]]),
    ]) + [""]
    out += table([["第二十条第（五）项", "第二十条第（五）项" if repeat_merged else ""], ["信息内容", "本年处理决定数量"], ["行政许可", str(t2["licensing_decisions"])]]) + [""]
    out += table([["第二十条第（六）项", "第二十条第（六）项" if repeat_merged else ""], ["信息内容", "本年处理决定数量"], ["行政处罚", str(t2["punishment_decisions"])], ["行政强制", str(t2["coercion_decisions"])]]) + [""]
    out += table([["第二十条第（八）项", "第二十条第（八）项" if repeat_merged else ""], ["信息内容", "本年收费金额（单位：万元）"], ["行政事业性收费", str(t2["fees_wan_yuan"])]]) + [""]
    out += ["## 三、收到和处理政府信息公开申请情况", ""]
    rep = lambda s: s if repeat_merged else ""
    corner = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    rows = [
        [corner, rep(corner), rep(corner), "申请人情况"] + [rep("申请人情况")] * 6,
        [corner, rep(corner), rep(corner), "自然人", "法人或其他组织"] + [rep("法人或其他组织")] * 4 + ["总计"],
        [corner, rep(corner), rep(corner), rep("自然人"), "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", rep("总计")],
    ]
    last_outer = None
    for key, label, outer in T3_ROWS:
        vals = fmt_row(exp["t3"][key])
        if outer is None:
            rows.append([label, rep(label), rep(label)] + vals)
        elif outer == "三、本年度办理结果":
            first = outer if (repeat_merged or last_outer != outer) else ""
            rows.append([first, label, rep(label)] + vals)
        else:
            first = "三、本年度办理结果" if repeat_merged else ""
            second = outer if (repeat_merged or last_outer != outer) else ""
            rows.append([first, second, label] + vals)
        last_outer = outer
    out += table(rows) + [""]
    out += ["## 四、政府信息公开行政复议、行政诉讼情况", ""]
    heads4 = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    out += table([
        ["行政复议"] + [rep("行政复议")] * 4 + ["行政诉讼"] + [rep("行政诉讼")] * 9,
        [rep("行政复议")] * 5 + ["未经复议直接起诉"] + [rep("未经复议直接起诉")] * 4 + ["复议后起诉"] + [rep("复议后起诉")] * 4,
        heads4 + heads4 + heads4,
        fmt_row(exp["t4"]["review"] + exp["t4"]["litigation_direct"] + exp["t4"]["litigation_after_review"]),
    ]) + [""]
    out += ["## 五、存在的主要问题及改进情况", "", report["problems"], "", "## 六、其他需要报告的事项", "", report["other_matters"], ""]
    if d.get("signatory"):
        out += [d["signatory"]]
    if d.get("signed_date"):
        y, m, dd = d["signed_date"].split("-")
        out += [f"{y}年{int(m)}月{int(dd)}日"]
    return "\n".join(out) + "\n"


# ------------------------------------------------------ page text run together (crawler)
def run_together(report, exp, chrome=True):
    d = report["details"]
    t2 = exp["t2"]
    parts = []
    if chrome:
        parts.append(f"首页 > 政务公开 > 政府信息公开年报\n标题: {title(report)}\n发布时间: {d['publish_date']} 10:12\n来源：{d['agency_name']}  浏览次数：1286  字号：大 中 小  打印本页 关闭窗口\n")
    body = d["opening"] + "一、总体情况" + overview_text(report, sep="")
    body += "二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数"
    body += "规章" + "".join(str(t2["regulations"][c]) for c in ["made", "repealed", "valid"])
    body += "行政规范性文件" + "".join(str(t2["normative_docs"][c]) for c in ["made", "repealed", "valid"])
    body += f"第二十条第（五）项信息内容本年处理决定数量行政许可{t2['licensing_decisions']}"
    body += f"第二十条第（六）项信息内容本年处理决定数量行政处罚{t2['punishment_decisions']}行政强制{t2['coercion_decisions']}"
    body += f"第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费{t2['fees_wan_yuan']}"
    body += "三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
    last_outer = None
    for key, label, outer in T3_ROWS:
        if outer and outer != last_outer and outer != "三、本年度办理结果":
            body += outer
        if outer == "三、本年度办理结果" and last_outer is None:
            body += outer
        last_outer = outer
        body += label + "".join(str(v) for v in exp["t3"][key])
    body += "四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计"
    body += " ".join(str(v) for v in exp["t4"]["review"] + exp["t4"]["litigation_direct"] + exp["t4"]["litigation_after_review"])
    body += "五、存在的主要问题及改进情况" + report["problems"].replace("\n", "")
    body += "六、其他需要报告的事项" + report["other_matters"].replace("\n", "")
    parts.append(body)
    if chrome:
        parts.append("\n【打印本页】【关闭窗口】\n分享到：微信 微博 QQ空间\n主办单位：" + d["agency_name"] + "  网站标识码：0000000000\n")
    return "\n".join(parts)


# ------------------------------------------------------------ HTML page with furniture
def html_page(report, exp, six_as_one=False):
    d = report["details"]
    t2 = exp["t2"]
    esc = lambda s: s.replace("&", "&amp;").replace("<", "&lt;")
    p = lambda s: f"<p style=\"text-indent:2em\">{esc(s)}</p>"
    h = []
    h.append(f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{esc(title(report))}_政府信息公开年报</title><script>var a=1;</script></head><body>")
    h.append("<div class=\"nav\"><a href=\"/\">首页</a> &gt; <a>政务公开</a> &gt; <a>政府信息公开年报</a></div>")
    h.append("<div class=\"share\">微信微博QQ空间</div><div class=\"ver\">全真版/文字版</div>")
    h.append(f"<h1>{esc(title(report))}</h1>")
    h.append(f"<div class=\"info\"><span>发布时间：{d['publish_date']} 15:35</span><span>来源：{esc(d['agency_name'])}</span><span>浏览次数：342</span><span>字号：大 中 小</span></div>")
    h.append("<div class=\"content\">")
    h.append(p(d["opening"]))
    h.append("<p><strong>一、总体情况</strong></p>")
    o = report["overview"]
    if o["lead"]:
        h.append(p(o["lead"]))
    heads = ["（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）政府信息公开平台建设", "（五）监督保障"]
    for hd, k in zip(heads, ["proactive", "on_request", "management", "platform", "supervision"]):
        h.append(p(hd + "。" + o[k]))
    h.append("<p><strong>二、主动公开政府信息情况</strong></p><table border=\"1\">")
    tr = lambda cells: "<tr>" + "".join(cells) + "</tr>"
    td = lambda s, cs=1, rs=1: f"<td colspan=\"{cs}\" rowspan=\"{rs}\"><p>{esc(str(s))}</p></td>"
    h.append(tr([td("第二十条第（一）项", 4)]))
    h.append(tr([td("信息内容"), td("本年制发件数"), td("本年废止件数"), td("现行有效件数")]))
    h.append(tr([td("规章")] + [td(t2["regulations"][c]) for c in ["made", "repealed", "valid"]]))
    h.append(tr([td("行政规范性文件")] + [td(t2["normative_docs"][c]) for c in ["made", "repealed", "valid"]]))
    h.append(tr([td("第二十条第（五）项", 4)]))
    h.append(tr([td("信息内容"), td("本年处理决定数量", 3)]))
    h.append(tr([td("行政许可"), td(t2["licensing_decisions"], 3)]))
    h.append(tr([td("第二十条第（六）项", 4)]))
    h.append(tr([td("信息内容"), td("本年处理决定数量", 3)]))
    h.append(tr([td("行政处罚"), td(t2["punishment_decisions"], 3)]))
    h.append(tr([td("行政强制"), td(t2["coercion_decisions"], 3)]))
    h.append(tr([td("第二十条第（八）项", 4)]))
    h.append(tr([td("信息内容"), td("本年收费金额（单位：万元）", 3)]))
    h.append(tr([td("行政事业性收费"), td(t2["fees_wan_yuan"], 3)]))
    h.append("</table><p><strong>三、收到和处理政府信息公开申请情况</strong></p><table border=\"1\">")
    h.append(tr([td("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3), td("申请人情况", 7)]))
    h.append(tr([td("自然人", 1, 2), td("法人或其他组织", 5), td("总计", 1, 2)]))
    h.append(tr([td(x) for x in ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]]))
    spans = {"三、本年度办理结果": 22 if not six_as_one else 20, "（三）不予公开": 8, "（四）无法提供": 3, "（五）不予处理": 5, "（六）其他处理": 3}
    seen = set()
    for key, label, outer in T3_ROWS:
        vals = [td(v) for v in exp["t3"][key]]
        cells = []
        if outer is None:
            cells = [td(label, 3)]
        else:
            if "三、本年度办理结果" not in seen and outer:
                cells.append(td("三、本年度办理结果", 1, spans["三、本年度办理结果"]))
                seen.add("三、本年度办理结果")
            if outer == "（六）其他处理" and six_as_one:
                if key != "r6_1_no_correction":
                    continue
                six = [sum(exp["t3"][r][i] for r in ["r6_1_no_correction", "r6_2_fee_unpaid", "r6_3_other"]) for i in range(7)]
                cells.append(td("（六）其他处理", 2))
                h.append(tr(cells + [td(v) for v in six]))
                continue
            if outer == "三、本年度办理结果":
                cells.append(td(label, 2))
            else:
                if outer not in seen:
                    cells.append(td(outer, 1, spans[outer]))
                    seen.add(outer)
                cells.append(td(label))
        h.append(tr(cells + vals))
    h.append("</table><p><strong>四、政府信息公开行政复议、行政诉讼情况</strong></p><table border=\"1\">")
    h.append(tr([td("行政复议", 5), td("行政诉讼", 10)]))
    h.append(tr([td(x, 1, 2) for x in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]] + [td("未经复议直接起诉", 5), td("复议后起诉", 5)]))
    h.append(tr([td(x) for x in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2]))
    h.append(tr([td(v) for v in exp["t4"]["review"] + exp["t4"]["litigation_direct"] + exp["t4"]["litigation_after_review"]]))
    h.append("</table><p><strong>五、存在的主要问题及改进情况</strong></p>")
    for line in report["problems"].split("\n"):
        h.append(p(line))
    h.append("<p><strong>六、其他需要报告的事项</strong></p>")
    for line in report["other_matters"].split("\n"):
        h.append(p(line))
    h.append(f"<p style=\"text-align:right\">{esc(d['signatory'] or d['agency_name'])}</p>")
    h.append("</div><div class=\"attach\">附件下载：<a>年报.pdf</a></div>")
    h.append("<div class=\"tools\"><a>【打印本页】</a><a>【关闭窗口】</a></div>")
    h.append("<div class=\"footer\">主办单位：某某 版权所有 网站标识码：1234567890 ICP备00000000号</div></body></html>")
    return "\n".join(h) + "\n"


# ----------------------------------------- pdftotext -layout text, labels with typos
def layout_text(report, exp, typos):
    d = report["details"]
    t2 = exp["t2"]
    lines = ["", "        " + title(report), "", "    " + d["opening"], "    一、总体情况", "    " + overview_text(report, sep="\n    ")]
    lines += ["    二、主动公开政府信息情况", "                  第二十条第（一）项",
              "       信息内容       本年制发件数     本年废止件数     现行有效件数",
              "规章               " + "          ".join(str(t2["regulations"][c]) for c in ["made", "repealed", "valid"]),
              "行政规范性文件      " + "          ".join(str(t2["normative_docs"][c]) for c in ["made", "repealed", "valid"]),
              "                  第二十条第（五）项",
              "       信息内容                本年处理决定数量",
              f"行政许可                          {t2['licensing_decisions']}",
              "                  第二十条第（六）项",
              "       信息内容                本年处理决定数量",
              f"行政处罚                          {t2['punishment_decisions']}",
              f"行政强制                          {t2['coercion_decisions']}",
              "                  第二十条第（八）项",
              "       信息内容             本年收费金额（单位：万元）",
              f"行政事业性收费                     {t2['fees_wan_yuan']}",
              "\f                 三、收到和处理政府信息公开申请情况",
              "                                                  申请人情况",
              "（本列数据的勾稽关系为：第一项加第二项之和，等               法人或其他组织",
              "于第三项加第四项之和）                     自然人   商业  科研  社会 法律          总计",
              "                                                 企业  机构  公益 服务  其他",
              "                                                             组织 机构"]
    for key, label, outer in T3_ROWS:
        shown = typos.get(key, label)
        prefix = ""
        if outer and outer != "三、本年度办理结果" and key.endswith("_1_state_secret") or key in ("r4_1_not_held", "r5_1_petition_complaint", "r6_1_no_correction"):
            prefix = outer + "   "
        vals = "    ".join(str(v) for v in exp["t3"][key])
        lines.append(f"          {prefix}{shown}        {vals}")
    lines += ["    " + typos.get("t4_heading", "四、政府信息公开行政复议、行政诉讼情况"),
              "          行政复议                              行政诉讼",
              "                              未经复议直接起诉                  复议后起诉",
              "结果   结果   其他   尚未           结果 结果 其他 尚未  总计   结果 结果 其他 尚未  总计",
              "维持   纠正   结果   审结   总计    维持 纠正 结果 审结        维持 纠正 结果 审结",
              "  " + "    ".join(str(v) for v in exp["t4"]["review"] + exp["t4"]["litigation_direct"] + exp["t4"]["litigation_after_review"]),
              "    五、存在的主要问题及改进情况"]
    lines += ["    " + l for l in report["problems"].split("\n")]
    lines += ["    六、其他需要报告的事项"]
    lines += ["    " + l for l in report["other_matters"].split("\n")]
    lines += ["", "                                     " + (d["signatory"] or d["agency_name"])]
    return "\n".join(lines) + "\n"


def township():
    """A 乡镇 report written for the corpus: small numbers, a few applications."""
    return {
        "details": {
            "agency_name": "某县某某镇人民政府", "agency_short_name": "某某镇人民政府", "year": 2023,
            "publish_date": "2024-03-20", "signatory": "某县某某镇人民政府", "signed_date": "2024-03-15",
            "opening": "根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》要求，现公布某某镇人民政府2023年政府信息公开工作年度报告。本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。如对本报告有疑问，请与镇党政综合办公室联系（电话：0000-1234567）。",
        },
        "overview": {
            "lead": "2023年，某某镇坚持以公开为常态、不公开为例外，扎实推进政务公开各项工作。",
            "proactive": "全年在县政府门户网站镇级专栏发布政府信息186条，其中村务财务公开信息72条，惠民资金发放信息34条。",
            "on_request": "全年共收到政府信息公开申请5件，均为自然人申请，全部按期答复，其中予以公开3件，无法提供2件。",
            "management": "严格落实信息发布“三审三校”制度，全年未发生泄密事件。",
            "platform": "依托镇政务公开专区和村务公开栏，方便群众就近查阅。",
            "supervision": "将政务公开纳入各村年度考核，开展业务培训2次，未发生责任追究情况。",
        },
        "t2": {"regulations": {"made": 0, "repealed": 0, "valid": 0}, "normative_docs": {"made": 0, "repealed": 0, "valid": 0},
               "licensing_decisions": {"count": 0}, "punishment_decisions": {"count": 12}, "coercion_decisions": {"count": 0},
               "fees_wan_yuan": {"amount": "0"}},
        "t3": {"new_received": {"natural_person": 5}, "r1_granted": {"natural_person": 3}, "r4_1_not_held": {"natural_person": 2}},
        "t4": {"review": {"maintain": 1}, "litigation_direct": {}, "litigation_after_review": {}},
        "problems": "一是公开内容不够丰富，政策解读形式较单一；二是工作人员业务水平有待提高。下一步，我镇将加强培训，丰富解读形式。",
        "other_matters": "本年度未收取信息处理费。无其他需要报告的事项。",
    }


def main():
    # Markdown from a converter: # headings, pipe tables with alignment rows, merged cells
    # repeated, **bold** part headings.
    r = load("city-government-2023")
    e = figures(r)
    write("e-city-government-2023.md", markdown(r, e), e, meta(r, "markdown (converter): alignment rows, merged cells repeated, **bold**"))
    # Markdown without alignment rows, merged cells left empty.
    r = load("district-government-2024")
    e = figures(r)
    write("f-district-government-2024.md", markdown(r, e, align=False, repeat_merged=False, bold=False), e,
          meta(r, "markdown (converter): no alignment rows, merged cells empty"))
    # Crawled page text: everything on a few lines, rows as digit runs, page chrome.
    r = load("zone-administration-2022")
    e = figures(r)
    # 表二's 行政规范性文件 row "3128" splits several ways and nothing in the table ties it
    # (the digit splitting is its own work): 3 cells not read.
    write("g-zone-administration-2022.txt", run_together(r, e), dict(e, expected_not_read=3),
          meta(r, "page text run together, page chrome", publish_date=r["details"]["publish_date"]))
    # A web page with furniture, tables with spans, （六） printed as one row.
    r = load("city-bureau-2023")
    e = figures(r)
    write("h-city-bureau-2023.html", html_page(r, e, six_as_one=True), e,
          meta(r, "HTML page with chrome, （六）其他处理 as one row", publish_date=r["details"]["publish_date"]))
    # pdftotext -layout text with label typos.
    r = load("city-office-2021")
    e = figures(r)
    typos = {
        "r3_2_law_prohibited": "2.其他法律行政法规禁公开",
        "r3_5_internal_affairs": "5、属于三类内部事物信息",
        "r4_1_not_held": "1.本机关不掌握相关政府信息息",
        "r5_3_publication": "3.要求提供公开出版物物",
        "r3_1_state_secret": "1.屬於國家秘密",
        "t4_heading": "四、政府信息公开行政法复议、行政诉讼情况",
    }
    write("i-city-office-2021.txt", layout_text(r, e, typos), e, meta(r, "pdftotext -layout text, label typos and variants"))
    # The township, in three shapes.
    t = township()
    e = figures(t)
    write("j-township-2023.txt", run_together(t, e, chrome=True), e,
          meta(t, "乡镇, page text run together, 表四 as one run", publish_date="2024-03-20"))
    write("k-township-2023.html", html_page(t, e), e, meta(t, "乡镇, HTML page with chrome", publish_date="2024-03-20"))
    with open(os.path.join(OUT, "l-township-2023.report.json"), "w", encoding="utf-8") as f:
        rep = nianbao_report(t)
        json.dump(rep, f, ensure_ascii=False, indent=2)
        f.write("\n")
    write_expected("l-township-2023", e, meta(t, "乡镇, PDF made by nianbao render"))
    for name, stem in [("county-department-2024", "m-county-department-2024"), ("city-government-2023", "n-city-government-2023")]:
        r = load(name)
        write_expected(stem, figures(r), meta(r, "PDF made by nianbao render"))
    # Corpus b as markdown from a PDF converter.
    r = load("county-department-2024")
    e = figures(r)
    write("o-county-department-2024.md", markdown(r, e, align=True, repeat_merged=False, bold=True), e,
          meta(r, "markdown (converter): alignment rows, merged cells empty"))


def write_expected(stem, expected, m):
    exp = dict(expected)
    exp["meta"] = m
    with open(os.path.join(OUT, stem + ".expected.json"), "w", encoding="utf-8") as f:
        json.dump(exp, f, ensure_ascii=False, indent=1)
        f.write("\n")


def nianbao_report(t):
    """The township as a nianbao report file (rendered to PDF by `nianbao render`)."""
    d = dict(t["details"])
    d["agency_kind"] = "government"
    t3 = {}
    for key, _, _ in T3_ROWS:
        if key == "r7_total":
            continue
        t3[key] = {c: {"count": 0} for c in T3_COLS}
        for c, v in t["t3"].get(key, {}).items():
            t3[key][c] = {"count": v}
    t3 = {k: {c: v["count"] for c, v in row.items()} for k, row in t3.items()}
    t4 = {g: {c: t["t4"].get(g, {}).get(c, 0) for c in T4_COLS} for g in T4_GROUPS}
    return {
        "format": "nianbao-report", "version": 1, "details": d, "overview": t["overview"],
        "t2": t["t2"], "t3": t3, "t4": t4, "problems": t["problems"], "other_matters": t["other_matters"],
    }


if __name__ == "__main__":
    main()
