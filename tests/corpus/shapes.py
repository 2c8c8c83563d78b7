#!/usr/bin/env python3
"""More real-world shapes for tests/corpus, beyond variants.py: CMS and WPS web pages with
rowspan/colspan, <br> and &nbsp; in cells, one character per line in vertical headings;
layout text with a table broken across pages (page number, running header, header rows
repeated), zeros printed as dashes, thousands separators and full-width digits; a PDF
written by LibreOffice (with header rows repeated on its second page) and that PDF's text
as `pdftotext` gives it with and without -layout; a 2019-format report and a page that
is not a report, which must be refused.

Run from the repository root: python3 tests/corpus/shapes.py (needs `soffice` and
`pdftotext` for the LibreOffice inputs; without them those are left as they are)."""

import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import variants as v  # noqa: E402

OUT = v.OUT
T3_ROWS = v.T3_ROWS
T3_COLS = v.T3_COLS


def big_city():
    """A 市政府 report written for the corpus: applications from every kind of applicant,
    numbers in the thousands, every kind of result, 表四 with cases in every group."""
    cols = {
        "new_received": [1204, 86, 5, 3, 12, 7],
        "carried_over": [31, 2, 0, 0, 1, 0],
        "r1_granted": [402, 31, 2, 1, 4, 2],
        "r2_partial": [88, 6, 0, 0, 1, 1],
        "r3_1_state_secret": [0, 0, 0, 0, 0, 0],
        "r3_2_law_prohibited": [3, 0, 0, 0, 0, 0],
        "r3_3_three_safeties": [1, 0, 0, 0, 0, 0],
        "r3_4_third_party": [9, 2, 0, 0, 0, 0],
        "r3_5_internal_affairs": [14, 1, 0, 0, 0, 0],
        "r3_6_process_info": [21, 3, 0, 0, 1, 0],
        "r3_7_enforcement_file": [6, 0, 0, 0, 0, 0],
        "r3_8_admin_query": [17, 1, 0, 0, 0, 0],
        "r4_1_not_held": [356, 22, 2, 1, 3, 2],
        "r4_2_needs_creation": [45, 3, 0, 0, 1, 0],
        "r4_3_still_unclear": [12, 1, 0, 0, 0, 0],
        "r5_1_petition_complaint": [38, 2, 0, 0, 0, 0],
        "r5_2_repeated": [61, 4, 0, 0, 1, 0],
        "r5_3_publication": [2, 0, 0, 0, 0, 0],
        "r5_4_mass_repeated": [19, 0, 0, 0, 0, 0],
        "r5_5_confirm_reissue": [8, 1, 0, 0, 0, 0],
        "r6_1_no_correction": [27, 2, 0, 0, 0, 1],
        "r6_2_fee_unpaid": [0, 0, 0, 0, 0, 0],
        "r6_3_other": [41, 3, 1, 1, 1, 0],
    }
    total = [sum(cols[r][c] for r in v.RESULT_ROWS) for c in range(6)]
    forward = [cols["new_received"][c] + cols["carried_over"][c] - total[c] for c in range(6)]
    assert all(f >= 0 for f in forward), forward
    t3 = {k: dict(zip(T3_COLS, vals)) for k, vals in cols.items()}
    t3["carried_forward"] = dict(zip(T3_COLS, forward))
    return {
        "details": {
            "agency_name": "示例市人民政府", "agency_short_name": "示例市人民政府", "year": 2024,
            "publish_date": "2025-01-24", "signatory": "示例市人民政府办公室", "signed_date": "2025-01-20",
            "opening": "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。如对本报告有疑问，请与示例市人民政府办公室联系。",
        },
        "overview": {
            "lead": "2024年，示例市人民政府坚持以人民为中心的发展思想，全面推进政务公开标准化规范化建设。",
            "proactive": "全年在市政府门户网站主动公开政府信息3.2万余条，制发行政规范性文件27件，开展政策解读86次。",
            "on_request": "全年新收政府信息公开申请1317件，上年结转34件，办结1291件，结转下年度继续办理60件。",
            "management": "严格执行公开属性源头认定和保密审查制度，全年清理行政规范性文件412件。",
            "platform": "优化市政府门户网站政府信息公开专栏，推进政务新媒体规范运行。",
            "supervision": "将政务公开纳入年度绩效考核，组织业务培训4次，未发生责任追究情况。",
        },
        "t2": {"regulations": {"made": 2, "repealed": 1, "valid": 38},
               "normative_docs": {"made": 27, "repealed": 9, "valid": 412},
               "licensing_decisions": {"count": 20931}, "punishment_decisions": {"count": 3845},
               "coercion_decisions": {"count": 112}, "fees_wan_yuan": {"amount": "12.35"}},
        "t3": t3,
        "t4": {"review": {"maintain": 23, "correct": 5, "other": 2, "pending": 4},
               "litigation_direct": {"maintain": 9, "correct": 2, "other": 1, "pending": 3},
               "litigation_after_review": {"maintain": 4, "correct": 1, "other": 0, "pending": 2}},
        "problems": "一是政策解读的形式还不够丰富；二是基层政务公开标准化水平有待提高。下一步，将加强培训指导，提升公开质量。",
        "other_matters": "本年度共发出收费通知0件，收取信息处理费0元。无其他需要报告的事项。",
    }


def t4_cells(exp):
    return exp["t4"]["review"] + exp["t4"]["litigation_direct"] + exp["t4"]["litigation_after_review"]


def esc(s):
    return str(s).replace("&", "&amp;").replace("<", "&lt;")


# -------------------------------------------------------------- CMS (UEditor / TRS WCM)
def cms_page(report, exp):
    """A CMS page: UEditor's table markup (rowspan/colspan, width/valign attributes,
    <br/> inside labels, &nbsp; padding, vertical headings one character per line,
    figures in nested spans), thousands separators, breadcrumbs and share buttons."""
    d = report["details"]
    t2 = exp["t2"]
    vertical = lambda s: "<br/>".join(s)
    h = ["<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\"><html xmlns=\"http://www.w3.org/1999/xhtml\"><head>",
         "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\" />",
         f"<title>{esc(v.title(report))}-示例市人民政府</title>",
         "<link rel=\"stylesheet\" href=\"/css/style.css\"/><script type=\"text/javascript\">var _hmt=_hmt||[];</script></head><body>",
         "<div class=\"top\">无障碍 | 长者模式 | 简 | 繁 | 登录</div>",
         "<div class=\"position\">您当前的位置：<a href=\"/\">首页</a>&nbsp;&gt;&nbsp;<a>政府信息公开</a>&nbsp;&gt;&nbsp;<a>政府信息公开年报</a></div>",
         f"<div class=\"article\"><h2 class=\"title\">{esc(v.title(report))}</h2>",
         f"<div class=\"info\">发布日期：{d['publish_date']}&nbsp;&nbsp;来源：示例市人民政府办公室&nbsp;&nbsp;浏览量：<span id=\"count\">2,381</span>&nbsp;&nbsp;【字体：<a>大</a> <a>中</a> <a>小</a>】</div>",
         "<div class=\"TRS_Editor\"><div class=\"view TRS_UEDITOR trs_paper_default trs_web\">"]
    P = lambda s: f"<p style=\"text-indent: 2em; line-height: 1.75em;\"><span style=\"font-family: 仿宋_GB2312, 仿宋; font-size: 16px;\">{esc(s)}</span></p>"
    h.append(P(d["opening"]))
    h.append("<p style=\"text-indent: 2em;\"><strong><span style=\"font-family: 黑体;\">一、总体情况</span></strong></p>")
    o = report["overview"]
    h.append(P(o["lead"]))
    heads = ["（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）政府信息公开平台建设", "（五）监督保障"]
    for hd, k in zip(heads, ["proactive", "on_request", "management", "platform", "supervision"]):
        h.append(f"<p style=\"text-indent: 2em;\"><strong>{hd}</strong></p>")
        h.append(P(o[k]))
    h.append("<p style=\"text-indent: 2em;\"><strong>二、主动公开政府信息情况</strong></p>")
    def td(s, cs=1, rs=1):
        attrs = (' colspan="%d"' % cs if cs > 1 else '') + (' rowspan="%d"' % rs if rs > 1 else '')
        return ('<td' + attrs + ' valign="middle" align="center" style="border-width: 1px; border-style: solid; word-break: break-all;">'
                + '<p style="text-align:center;"><span style="font-size: 14px;">' + str(s) + '</span></p></td>')
    num = lambda n: f"&nbsp;{n:,}&nbsp;" if isinstance(n, int) else f"&nbsp;{n}&nbsp;"
    tr = lambda cells: "<tr>" + "".join(cells) + "</tr>"
    h.append("<table width=\"100%\" border=\"1\" cellspacing=\"0\" cellpadding=\"0\" style=\"border-collapse:collapse;\"><tbody>")
    h.append(tr([td("第二十条第（一）项", 4)]))
    h.append(tr([td("信息内容"), td("本年制发件数"), td("本年废止件数"), td("现行有效件数")]))
    h.append(tr([td("规章")] + [td(num(t2["regulations"][c])) for c in ["made", "repealed", "valid"]]))
    h.append(tr([td("行政规范性<br/>文件")] + [td(num(t2["normative_docs"][c])) for c in ["made", "repealed", "valid"]]))
    h.append(tr([td("第二十条第（五）项", 4)]))
    h.append(tr([td("信息内容"), td("本年处理决定数量", 3)]))
    h.append(tr([td("行政许可"), td(num(t2["licensing_decisions"]), 3)]))
    h.append(tr([td("第二十条第（六）项", 4)]))
    h.append(tr([td("信息内容"), td("本年处理决定数量", 3)]))
    h.append(tr([td("行政处罚"), td(num(t2["punishment_decisions"]), 3)]))
    h.append(tr([td("行政强制"), td(num(t2["coercion_decisions"]), 3)]))
    h.append(tr([td("第二十条第（八）项", 4)]))
    h.append(tr([td("信息内容"), td("本年收费金额<br/>（单位：万元）", 3)]))
    h.append(tr([td("行政事业性<br/>收费"), td(num(t2["fees_wan_yuan"]), 3)]))
    h.append("</tbody></table><p><br/></p>")
    h.append("<p style=\"text-indent: 2em;\"><strong>三、收到和处理政府信息公开申请情况</strong></p>")
    h.append("<table width=\"100%\" border=\"1\" cellspacing=\"0\" cellpadding=\"0\"><tbody>")
    h.append(tr([td("（本列数据的勾稽关系为：第一项加第二项之和，<br/>等于第三项加第四项之和）", 3, 3), td(vertical("申请人情况"), 7)]))
    h.append(tr([td(vertical("自然人"), 1, 2), td("法人或其他组织", 5), td(vertical("总计"), 1, 2)]))
    h.append(tr([td(vertical(x)) for x in ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]]))
    spans = {"三、本年度办理结果": 22, "（三）不予公开": 8, "（四）无法提供": 3, "（五）不予处理": 5, "（六）其他处理": 3}
    seen = set()
    for key, label, outer in T3_ROWS:
        label_html = esc(label).replace("、行政机关", "、<br/>行政机关").replace("（区分处理的", "<br/>（区分处理的")
        vals = [td(num(x)) for x in exp["t3"][key]]
        cells = []
        if outer is None:
            cells = [td(label_html, 3)]
        else:
            if "三、本年度办理结果" not in seen:
                cells.append(td(vertical("三、本年度办理结果"), 1, spans["三、本年度办理结果"]))
                seen.add("三、本年度办理结果")
            if outer == "三、本年度办理结果":
                cells.append(td(label_html, 2))
            else:
                if outer not in seen:
                    cells.append(td(outer, 1, spans[outer]))
                    seen.add(outer)
                cells.append(td(label_html))
        h.append(tr(cells + vals))
    h.append("</tbody></table><p><br/></p>")
    h.append("<p style=\"text-indent: 2em;\"><strong>四、政府信息公开行政复议、行政诉讼情况</strong></p>")
    h.append("<table width=\"100%\" border=\"1\" cellspacing=\"0\" cellpadding=\"0\"><tbody>")
    h.append(tr([td("行政复议", 5), td("行政诉讼", 10)]))
    h.append(tr([td(vertical(x), 1, 2) for x in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]] + [td("未经复议直接起诉", 5), td("复议后起诉", 5)]))
    h.append(tr([td(vertical(x)) for x in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2]))
    h.append(tr([td(num(x)) for x in t4_cells(exp)]))
    h.append("</tbody></table>")
    h.append("<p style=\"text-indent: 2em;\"><strong>五、存在的主要问题及改进情况</strong></p>")
    h.append(P(report["problems"]))
    h.append("<p style=\"text-indent: 2em;\"><strong>六、其他需要报告的事项</strong></p>")
    h.append(P(report["other_matters"]))
    y, m, dd = d["signed_date"].split("-")
    h.append(f"<p style=\"text-align: right;\">{esc(d['signatory'])}</p><p style=\"text-align: right;\">{y}年{int(m)}月{int(dd)}日</p>")
    h.append("</div></div></div>")
    h.append("<div class=\"share\">分享到：<a>微信</a><a>微博</a><a>QQ空间</a></div>")
    h.append("<div class=\"print\"><a href=\"javascript:window.print()\">打印本页</a> <a href=\"javascript:window.close()\">关闭窗口</a></div>")
    h.append("<div class=\"foot\">主办：示例市人民政府办公室 网站标识码：0000000000 ICP备00000000号-1</div></body></html>")
    return "\n".join(h) + "\n"


# --------------------------------------------------- WPS / Word "save as web page"
def wps_page(report, exp):
    """Word/WPS 'save as web page': mso styles, conditional comments, <o:p>, figures in
    <span lang=EN-US>, a table broken by the editor into two with the header rows repeated
    (the second half of 表三 after a page break), zeros as "0" with &nbsp; beside them."""
    d = report["details"]
    t2 = exp["t2"]
    h = ["<html xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:w=\"urn:schemas-microsoft-com:office:word\" xmlns=\"http://www.w3.org/TR/REC-html40\">",
         "<head><meta http-equiv=Content-Type content=\"text/html; charset=utf-8\"><meta name=Generator content=\"Microsoft Word 15\">",
         f"<title>{esc(v.title(report))}</title>",
         "<!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>admin</o:Author></o:DocumentProperties></xml><![endif]-->",
         "<style><!-- p.MsoNormal {mso-style-parent:\"\"; margin:0cm; font-size:10.5pt;} @page WordSection1 {size:595.3pt 841.9pt;} --></style></head>",
         "<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'><div class=WordSection1 style='layout-grid:15.6pt'>"]
    span = lambda s: f"<span style='font-size:16.0pt;font-family:仿宋_GB2312;mso-hansi-font-family:宋体'>{s}</span>"
    P = lambda s, indent=True: f"<p class=MsoNormal style='{'text-indent:32.0pt;' if indent else ''}line-height:28.0pt;mso-line-height-rule:exactly'>{span(esc(s))}<span lang=EN-US><o:p></o:p></span></p>"
    h.append(f"<p class=MsoNormal align=center style='text-align:center'><b><span style='font-size:22.0pt;font-family:方正小标宋简体'>{esc(v.title(report))}<span lang=EN-US><o:p></o:p></span></span></b></p>")
    h.append("<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>")
    h.append(P(d["opening"]))
    h.append(P("一、总体情况"))
    o = report["overview"]
    h.append(P(o["lead"]))
    heads = ["（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）政府信息公开平台建设", "（五）监督保障"]
    for hd, k in zip(heads, ["proactive", "on_request", "management", "platform", "supervision"]):
        h.append(P(hd))
        h.append(P(o[k]))
    h.append(P("二、主动公开政府信息情况"))

    def td(s, cs=1, rs=1):
        attrs = (f" colspan={cs}" if cs > 1 else "") + (f" rowspan={rs}" if rs > 1 else "")
        s = str(s)
        if s.replace(".", "").isdigit():
            body = f"<span lang=EN-US style='font-size:10.5pt;font-family:\"Times New Roman\"'>{s}<o:p></o:p></span>"
        else:
            body = f"<span style='font-size:10.5pt;font-family:宋体;mso-bidi-font-family:宋体;color:black;mso-font-kerning:0pt'>{esc(s)}</span><span lang=EN-US style='font-size:10.5pt'><o:p></o:p></span>"
        return (f"<td width=85{attrs} valign=center style='width:63.8pt;border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt'>"
                f"<p class=MsoNormal align=center style='text-align:center;mso-pagination:widow-orphan'>{body}</p></td>")
    row_no = [0]

    def tr(cells):
        row_no[0] += 1
        return f"<tr style='mso-yfti-irow:{row_no[0]};height:20.0pt'>" + "".join(cells) + "</tr>"
    table = "<table class=MsoNormalTable border=0 cellspacing=0 cellpadding=0 width=568 style='width:426.0pt;border-collapse:collapse;mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>"
    h.append(table)
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
    h.append("</table>")
    h.append(P("三、收到和处理政府信息公开申请情况"))

    def t3_header():
        return [tr([td("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3), td("申请人情况", 7)]),
                tr([td("自然人", 1, 2), td("法人或其他组织", 5), td("总计", 1, 2)]),
                tr([td(x) for x in ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]])]
    h.append(table)
    h += t3_header()
    # The table breaks after （四）无法提供; the editor repeated the header rows.
    first_half = 15
    seen = set()
    for i, (key, label, outer) in enumerate(T3_ROWS):
        if i == first_half:
            h.append("</table><span lang=EN-US style='font-size:10.5pt;mso-fareast-font-family:宋体'><br clear=all style='mso-special-character:line-break;page-break-before:always'></span>")
            h.append(table)
            h += t3_header()
            seen.discard("三、本年度办理结果")
        vals = [td(x) for x in exp["t3"][key]]
        cells = []
        if outer is None:
            cells = [td(label, 3)]
        else:
            if "三、本年度办理结果" not in seen:
                rest = [o for _, _, o in T3_ROWS[i:] if o is not None]
                cells.append(td("三、本年度办理结果", 1, len(rest) if i >= first_half else first_half - i))
                seen.add("三、本年度办理结果")
            if outer == "三、本年度办理结果":
                cells.append(td(label, 2))
            else:
                if outer not in seen:
                    n = sum(1 for _, _, o in T3_ROWS if o == outer)
                    cells.append(td(outer, 1, n))
                    seen.add(outer)
                cells.append(td(label))
        h.append(tr(cells + vals))
    h.append("</table>")
    h.append(P("四、政府信息公开行政复议、行政诉讼情况"))
    h.append(table)
    h.append(tr([td("行政复议", 5), td("行政诉讼", 10)]))
    h.append(tr([td(x, 1, 2) for x in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]] + [td("未经复议直接起诉", 5), td("复议后起诉", 5)]))
    h.append(tr([td(x) for x in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2]))
    h.append(tr([td(x) for x in t4_cells(exp)]))
    h.append("</table>")
    h.append(P("五、存在的主要问题及改进情况"))
    for line in report["problems"].split("\n"):
        h.append(P(line))
    h.append(P("六、其他需要报告的事项"))
    for line in report["other_matters"].split("\n"):
        h.append(P(line))
    h.append(f"<p class=MsoNormal align=right style='text-align:right'>{span(esc(d['signatory'] or d['agency_name']))}</p>")
    if d.get("signed_date"):
        y, m, dd = d["signed_date"].split("-")
        h.append(f"<p class=MsoNormal align=right style='text-align:right'>{span(f'{y}年{int(m)}月{int(dd)}日')}</p>")
    h.append("</div></body></html>")
    return "\n".join(h) + "\n"


# -------------------------------------- layout text: page break inside 表三, dashes for 0
def layout_broken(report, exp, dash="—", six_two=False):
    """`pdftotext -layout`-like text of a Word PDF: 表三 broken across two pages with a page
    number, the running title and the header rows repeated between; zeros printed as a
    dash; full-width digits in 表二; labels with half-width (一) and 1、; thousands
    separators in 表二."""
    d = report["details"]
    t2 = exp["t2"]
    z = lambda n: dash if n == 0 else str(n)
    fw = lambda s: "".join(chr(ord(c) - 0x30 + 0xFF10) if c.isdigit() else c for c in s)
    lines = ["", "          " + v.title(report), "", "    " + d["opening"], "    一、总体情况", "    " + v.overview_text(report, sep="\n    ")]
    lines += ["    二、主动公开政府信息情况", "                  第二十条第(一)项",
              "       信息内容       本年制发件数     本年废止件数     现行有效件数",
              "       规章               " + "          ".join(fw(str(t2["regulations"][c])) for c in ["made", "repealed", "valid"]),
              "       行政规范性文件      " + "          ".join(fw(str(t2["normative_docs"][c])) for c in ["made", "repealed", "valid"]),
              "                  第二十条第(五)项",
              "       信息内容                本年处理决定数量",
              f"       行政许可                          {t2['licensing_decisions']:,}",
              "                  第二十条第(六)项",
              "       信息内容                本年处理决定数量",
              f"       行政处罚                          {t2['punishment_decisions']:,}",
              f"       行政强制                          {t2['coercion_decisions']:,}",
              "                  第二十条第(八)项",
              "       信息内容             本年收费金额(单位:万元)",
              f"       行政事业性收费                     {t2['fees_wan_yuan']}",
              "", "                                    - 2 -", "\f" + "          " + v.title(report),
              "                 三、收到和处理政府信息公开申请情况"]
    header = ["                                                  申请人情况",
              "（本列数据的勾稽关系为：第一项加第二项之和，等               法人或其他组织",
              "于第三项加第四项之和）                     自然人   商业  科研  社会 法律          总计",
              "                                                 企业  机构  公益 服务  其他",
              "                                                             组织 机构"]
    lines += header
    for i, (key, label, outer) in enumerate(T3_ROWS):
        if i == 12:
            lines += ["", "                                    - 3 -", "\f" + "          " + v.title(report)]
            lines += header
        shown = label.replace("（一）", "(一)").replace("（二）", "(二)").replace("（七）", "(七)")
        if key.startswith("r5_"):
            shown = shown.replace(".", "、", 1)
        if six_two and key == "r6_2_fee_unpaid":
            continue
        if six_two and key == "r6_3_other":
            shown = "2.其他"
        prefix = ""
        if key in ("r3_1_state_secret", "r4_1_not_held", "r5_1_petition_complaint", "r6_1_no_correction"):
            prefix = outer.replace("（", "(").replace("）", ")") + "   "
        if key == "r1_granted":
            prefix = "三、本年度办理结果   "
        vals = "    ".join(z(x) for x in exp["t3"][key])
        lines.append(f"          {prefix}{shown}        {vals}")
    lines += ["    四、政府信息公开行政复议、行政诉讼情况",
              "          行政复议                              行政诉讼",
              "                              未经复议直接起诉                  复议后起诉",
              "结果   结果   其他   尚未           结果 结果 其他 尚未  总计   结果 结果 其他 尚未  总计",
              "维持   纠正   结果   审结   总计    维持 纠正 结果 审结        维持 纠正 结果 审结",
              "  " + "    ".join(z(x) for x in t4_cells(exp)),
              "", "                                    - 4 -", "\f" + "          " + v.title(report),
              "    五、存在的主要问题及改进情况"]
    lines += ["    " + l for l in report["problems"].split("\n")]
    lines += ["    六、其他需要报告的事项"]
    lines += ["    " + l for l in report["other_matters"].split("\n")]
    lines += ["", "                                     " + (d["signatory"] or d["agency_name"])]
    if d.get("signed_date"):
        y, m, dd = d["signed_date"].split("-")
        lines += [f"                                     {y}年{int(m)}月{int(dd)}日"]
    lines += ["", "                                    - 5 -"]
    return "\n".join(lines) + "\n"


# ------------------------------------------- a document LibreOffice turns into a PDF
def fodt(report, exp):
    """A flat ODF text document as a Word user would lay the report out: running header
    with the title, page numbers in the footer, the tables with their header rows
    repeated on each page (table:table-header-rows)."""
    d = report["details"]
    t2 = exp["t2"]
    x = lambda s: str(s).replace("&", "&amp;").replace("<", "&lt;")
    P = lambda s, style="Body": f"<text:p text:style-name=\"{style}\">{x(s)}</text:p>"

    def cell(s, cs=1, rs=1):
        attrs = (f" table:number-columns-spanned=\"{cs}\"" if cs > 1 else "") + (f" table:number-rows-spanned=\"{rs}\"" if rs > 1 else "")
        out = f"<table:table-cell table:style-name=\"Cell\"{attrs} office:value-type=\"string\">{P(s, 'Cell')}</table:table-cell>"
        out += "<table:covered-table-cell/>" * (cs - 1)
        return out

    covered = "<table:covered-table-cell/>"

    def row(cells):
        return "<table:table-row>" + "".join(cells) + "</table:table-row>"

    def table(name, ncols, header_rows, body_rows):
        cols = f"<table:table-column table:number-columns-repeated=\"{ncols}\"/>"
        return (f"<table:table table:name=\"{name}\" table:style-name=\"Table\">{cols}"
                + (f"<table:table-header-rows>{''.join(header_rows)}</table:table-header-rows>" if header_rows else "")
                + "".join(body_rows) + "</table:table>")

    body = [P(v.title(report), "Title"), P(d["opening"])]
    body.append(P("一、总体情况", "Heading"))
    o = report["overview"]
    body.append(P(o["lead"]))
    heads = ["（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）政府信息公开平台建设", "（五）监督保障"]
    for hd, k in zip(heads, ["proactive", "on_request", "management", "platform", "supervision"]):
        body.append(P(hd + "。" + o[k]))
    body.append(P("二、主动公开政府信息情况", "Heading"))
    rows = [row([cell("第二十条第（一）项", 4)]),
            row([cell("信息内容"), cell("本年制发件数"), cell("本年废止件数"), cell("现行有效件数")]),
            row([cell("规章")] + [cell(t2["regulations"][c]) for c in ["made", "repealed", "valid"]]),
            row([cell("行政规范性文件")] + [cell(t2["normative_docs"][c]) for c in ["made", "repealed", "valid"]]),
            row([cell("第二十条第（五）项", 4)]),
            row([cell("信息内容"), cell("本年处理决定数量", 3)]),
            row([cell("行政许可"), cell(t2["licensing_decisions"], 3)]),
            row([cell("第二十条第（六）项", 4)]),
            row([cell("信息内容"), cell("本年处理决定数量", 3)]),
            row([cell("行政处罚"), cell(t2["punishment_decisions"], 3)]),
            row([cell("行政强制"), cell(t2["coercion_decisions"], 3)]),
            row([cell("第二十条第（八）项", 4)]),
            row([cell("信息内容"), cell("本年收费金额（单位：万元）", 3)]),
            row([cell("行政事业性收费"), cell(t2["fees_wan_yuan"], 3)])]
    body.append(table("表二", 4, [], rows))
    body.append(P("三、收到和处理政府信息公开申请情况", "Heading"))
    head = [row([cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3), cell("申请人情况", 7)]),
            row([covered] * 3 + [cell("自然人", 1, 2), cell("法人或其他组织", 5), cell("总计", 1, 2)]),
            row([covered] * 4 + [cell(t) for t in ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]] + [covered])]
    rows = []
    spans = {"三、本年度办理结果": 22, "（三）不予公开": 8, "（四）无法提供": 3, "（五）不予处理": 5, "（六）其他处理": 3}
    seen = set()
    for key, label, outer in T3_ROWS:
        vals = [cell(n) for n in exp["t3"][key]]
        if outer is None:
            cells = [cell(label, 3)]
        else:
            cells = []
            if "三、本年度办理结果" not in seen:
                cells.append(cell("三、本年度办理结果", 1, spans["三、本年度办理结果"]))
                seen.add("三、本年度办理结果")
            else:
                cells.append(covered)
            if outer == "三、本年度办理结果":
                cells.append(cell(label, 2))
            else:
                if outer not in seen:
                    cells.append(cell(outer, 1, spans[outer]))
                    seen.add(outer)
                else:
                    cells.append(covered)
                cells.append(cell(label))
        rows.append(row(cells + vals))
    body.append(table("表三", 10, head, rows))
    body.append(P("四、政府信息公开行政复议、行政诉讼情况", "Heading"))
    heads4 = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    rows = [row([cell("行政复议", 5), cell("行政诉讼", 10)]),
            row([cell(t, 1, 2) for t in heads4] + [cell("未经复议直接起诉", 5), cell("复议后起诉", 5)]),
            row([covered] * 5 + [cell(t) for t in heads4 * 2]),
            row([cell(n) for n in t4_cells(exp)])]
    body.append(table("表四", 15, [], rows))
    body.append(P("五、存在的主要问题及改进情况", "Heading"))
    body.append(P(report["problems"]))
    body.append(P("六、其他需要报告的事项", "Heading"))
    body.append(P(report["other_matters"]))
    body.append(P(d["signatory"] or d["agency_name"], "Right"))
    y, m, dd = d["signed_date"].split("-")
    body.append(P(f"{y}年{int(m)}月{int(dd)}日", "Right"))
    font = "Noto Sans CJK SC"
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="{font}" svg:font-family="'{font}'" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:text-properties style:font-name="{font}" style:font-name-asian="{font}" fo:font-size="12pt" style:font-size-asian="12pt"/></style:default-style>
<style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:text-indent="24pt" fo:line-height="150%"/></style:style>
<style:style style:name="Title" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="18pt" style:font-size-asian="18pt"/></style:style>
<style:style style:name="Heading" style:family="paragraph"><style:paragraph-properties fo:text-indent="24pt"/><style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
<style:style style:name="Right" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/></style:style>
<style:style style:name="Cell" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="9pt" style:font-size-asian="9pt"/></style:style>
<style:style style:name="Header" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="9pt" style:font-size-asian="9pt"/></style:style>
</office:styles>
<office:automatic-styles>
<style:style style:name="Table" style:family="table"><style:table-properties style:width="16cm" table:align="center"/></style:style>
<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="0.05cm"/></style:style>
<style:page-layout style:name="PL"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"/><style:header-style/><style:footer-style/></style:page-layout>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="PL">
<style:header><text:p text:style-name="Header">{x(v.title(report))}</text:p></style:header>
<style:footer><text:p text:style-name="Header">— <text:page-number text:select-page="current">1</text:page-number> —</text:p></style:footer>
</style:master-page></office:master-styles>
<office:body><office:text>
{chr(10).join(body)}
</office:text></office:body></office:document>
"""


# ------------------------------------------------------------------- refused inputs
OLD_2019 = """示例县民政局2019年政府信息公开工作年度报告
本报告根据《中华人民共和国政府信息公开条例》要求编制。
一、总体情况
2019年，示例县民政局认真贯彻落实新修订的《条例》。
二、主动公开政府信息情况
第二十条第（一）项
信息内容 本年新制作数量 本年新公开数量 对外公开总数量
规章 0 0 0
规范性文件 2 2 35
第二十条第（五）项
信息内容 上一年项目数量 本年增/减 处理决定数量
行政许可 3 0 126
第二十条第（九）项
信息内容 采购项目数量 采购总金额
政府集中采购 4 36.5
三、收到和处理政府信息公开申请情况
申请人情况 自然人 法人或其他组织 总计
一、本年新收政府信息公开申请数量 5 0 5
二、上年结转政府信息公开申请数量 0 0 0
三、本年度办理结果
（一）予以公开 3 0 3
四、因政府信息公开工作被申请行政复议、提起行政诉讼情况
行政复议 0 0 0 0 0
五、存在的主要问题及改进情况
无。
六、其他需要报告的事项
无。
"""

NOT_A_REPORT = """<html><head><title>示例市2024年政府工作报告</title></head><body>
<div class="position">首页 &gt; 政务公开 &gt; 政府工作报告</div>
<h1>2024年政府工作报告</h1><p>发布时间：2024-01-20</p>
<p>各位代表：现在，我代表市人民政府，向大会报告工作，请予审议，并请市政协委员提出意见。</p>
<p>一、2023年工作回顾</p><p>过去一年，全市地区生产总值增长5.6%，一般公共预算收入完成126亿元。</p>
<p>二、2024年总体要求和主要目标</p><p>今年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右。</p>
<p>三、2024年重点工作</p><p>（一）坚定不移扩大有效需求。（二）加快建设现代化产业体系。</p>
<p>四、全面加强政府自身建设</p><p>深入推进政务公开，全年主动公开政府信息3.2万条。</p>
</body></html>
"""


def soffice_pdf(fodt_text, out_pdf):
    """Converts a flat ODF text to PDF with LibreOffice; False when it is not installed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return False
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "report.fodt")
        with open(src, "w", encoding="utf-8") as f:
            f.write(fodt_text)
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile",
                        "--convert-to", "pdf", "--outdir", tmp, src],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
        shutil.copyfile(os.path.join(tmp, "report.pdf"), out_pdf)
    return True


def pdftotext(pdf, out_txt, layout):
    tool = shutil.which("pdftotext")
    if not tool:
        return False
    args = [tool] + (["-layout"] if layout else []) + [pdf, out_txt]
    subprocess.run(args, check=True)
    return True


def main():
    city = big_city()
    e = v.figures(city)
    pub = city["details"]["publish_date"]
    v.write("p-city-government-2024-cms.html", cms_page(city, e), e,
            v.meta(city, "市政府, CMS page (UEditor/TRS): rowspan/colspan, <br/> in labels, &nbsp;, vertical headings one character a line, thousands separators", publish_date=pub))
    r = v.load("county-department-2024")
    er = v.figures(r)
    v.write("q-county-department-2024-wps.html", wps_page(r, er), er,
            v.meta(r, "县局, Word/WPS 'save as web page': mso markup, 表三 broken in two with its header rows repeated"))
    # Layout text of the big city with a page break inside 表三, zeros as dashes.
    v.write("r-city-government-2024-layout.txt", layout_broken(city, e), e,
            v.meta(city, "市政府, layout text: 表三 across pages (page number, running title, header rows repeated), 0 printed as —, full-width digits, (一), 1、, 1,234"))
    rd = v.load("district-government-2024")
    ed = v.figures(rd)
    v.write("s-district-government-2024-layout.txt", layout_broken(rd, ed, dash="/"), ed,
            v.meta(rd, "区政府, layout text: 表三 across pages, 0 printed as /"))
    # （六）其他处理 printed with two sub-rows (the fee row left out, 3.其他 numbered 2.).
    ro = v.load("city-office-2021")
    eo = v.figures(ro)
    v.write("v-city-office-2021-six-two.txt", layout_broken(ro, eo, dash="0", six_two=True), eo,
            v.meta(ro, "市政府办, layout text: （六）其他处理 with two sub-rows (fee row left out, 2.其他), 表三 across pages"))
    # LibreOffice: the big city as a Word user would lay it out, converted to PDF, and that
    # PDF's text as pdftotext gives it (layout and raw, one cell a line).
    stem = "t-city-government-2024-libreoffice"
    pdf = os.path.join(OUT, stem + ".pdf")
    if soffice_pdf(fodt(city, e), pdf):
        v.write_expected(stem, e, v.meta(city, "市政府, PDF written by LibreOffice (running header, page numbers, 表三 header rows repeated on the next page)"))
        for suffix, layout, shape in [("layout", True, "pdftotext -layout of the LibreOffice PDF"),
                                      ("raw", False, "pdftotext (no -layout) of the LibreOffice PDF: one cell a line")]:
            name = f"u-city-government-2024-{suffix}"
            if pdftotext(pdf, os.path.join(OUT, name + ".txt"), layout):
                # Text extracted without layout comes column by column, the rows of 表三
                # out of order around the page break and （七）总计: those rows are not read
                # (never read wrong).
                v.write_expected(name, e if layout else dict(e, expected_not_read=57), v.meta(city, shape))
    # Refused: a 2019-format report, a page that is not a report.
    for name, text, why in [("x-county-2019-old-format.txt", OLD_2019, "2019"),
                            ("y-not-a-report.html", NOT_A_REPORT, "not-a-report")]:
        with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
            f.write(text)
        with open(os.path.join(OUT, name.split(".")[0] + ".expected.json"), "w", encoding="utf-8") as f:
            json.dump({"refused": why, "meta": {"shape": "must be refused"}}, f, ensure_ascii=False, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
