//! Every rule of checks.md, each with a passing and a failing case, table-driven.

use nianbao::check::{self, Finding, Severity, figures};
use nianbao::file;
use nianbao::format::{CellKey, TableId};
use nianbao::model::{AgencyKind, Date, MAX_COUNT, Report, Value};

fn example() -> Report {
    file::load(std::path::Path::new(
        "assets/examples/example-city-2024.json",
    ))
    .expect("example loads")
}

fn key(text: &str) -> CellKey {
    CellKey::parse(text).unwrap_or_else(|| panic!("{text} is declared"))
}

fn set(r: &mut Report, cell: &str, n: u64) {
    r.set_input(key(cell), Some(Value::Count(n)));
}

/// A previous year that agrees with the example in every cross-year rule.
fn consistent_previous() -> Report {
    let this = example();
    let mut prev = this.clone();
    prev.details.year = 2023;
    for (col, n) in [
        ("natural_person", 4),
        ("commercial", 1),
        ("research", 0),
        ("social_welfare", 0),
        ("legal_service", 0),
        ("other_org", 0),
    ] {
        set(&mut prev, &format!("t3.carried_forward.{col}"), n);
    }
    set(&mut prev, "t2.regulations.valid", 14); // 14 + 2 − 1 = 15
    set(&mut prev, "t2.normative_docs.valid", 77); // 77 + 12 − 3 = 86
    prev.overview.lead =
        "上年度，我局以门户网站为主要平台，对重点领域信息开展专项梳理，补充完善栏目内容。"
            .repeat(3);
    prev.overview.proactive =
        "主动公开信息九百余条，重点围绕减税降费和稳就业政策，开展专题解读。".repeat(2);
    prev.overview.on_request =
        "依申请公开工作按照登记、审核、答复流程办理，答复文书统一编号归档。".into();
    prev.overview.management = "开展公开属性认定培训，建立信息发布台账。".into();
    prev.overview.platform = "网站栏目按照统一目录整合，新媒体账号同步发布。".into();
    prev.overview.supervision = "纳入机关绩效考核，每季度通报一次。".into();
    prev.problems = "一是公开栏目更新不够及时；下一步将建立栏目巡查机制，每月通报。".into();
    prev
}

fn rules(findings: &[Finding]) -> Vec<&'static str> {
    findings.iter().map(|f| f.rule).collect()
}

#[test]
fn the_example_passes_every_rule() {
    let findings = check::check(&example(), Some(&consistent_previous()));
    assert!(findings.is_empty(), "{findings:#?}");
}

type Mutation = fn(&mut Report);
/// (name, how the example is broken, rule expected, severity, a cell it must name,
/// a phrase its message must contain).
type Case = (
    &'static str,
    Mutation,
    &'static str,
    Severity,
    Option<&'static str>,
    &'static str,
);

const REPORT_CASES: &[Case] = &[
    (
        "R-id: 四 one too many",
        |r| set(r, "t3.carried_forward.natural_person", 5),
        "R-id",
        Severity::Error,
        Some("t3.carried_forward.natural_person"),
        "自然人列：一+二=90，（七）总计+四=91",
    ),
    (
        "value: count beyond range",
        |r| set(r, "t3.r1_granted.natural_person", MAX_COUNT + 1),
        "value",
        Severity::Error,
        Some("t3.r1_granted.natural_person"),
        "过大",
    ),
    (
        "value: a decimal in a count cell",
        |r| {
            let amount = nianbao::model::Amount::parse("1.5").expect("valid amount");
            r.set_input(key("t4.review.maintain"), Some(Value::Amount(amount)));
        },
        "value",
        Severity::Error,
        Some("t4.review.maintain"),
        "应为非负整数",
    ),
    (
        "value: a stored total",
        |r| {
            r.t3.entry("r1_granted".into())
                .or_default()
                .insert("total".into(), Value::Count(1));
        },
        "value",
        Severity::Error,
        Some("t3.r1_granted.total"),
        "由程序计算",
    ),
    (
        "completeness: a blank cell",
        |r| {
            r.set_input(key("t3.r5_2_repeated.research"), None);
        },
        "completeness",
        Severity::Error,
        Some("t3.r5_2_repeated.research"),
        "“2.重复申请”有 1 格未填：科研机构",
    ),
    (
        "completeness: a whole table blank",
        |r| r.t4.clear(),
        "completeness",
        Severity::Error,
        Some("t4.litigation_after_review.pending"),
        "尚未填写（共 12 格",
    ),
    (
        "completeness: section 五 empty",
        |r| r.problems.clear(),
        "completeness",
        Severity::Error,
        None,
        "未填写（六个部分都必须有内容）",
    ),
    (
        "completeness: 一 empty",
        |r| r.overview = Default::default(),
        "completeness",
        Severity::Error,
        None,
        "未填写（六个部分都必须有内容）",
    ),
    (
        "completeness: no 成文日期 (a warning: published reports often print none)",
        |r| r.details.signed_date = None,
        "completeness",
        Severity::Warning,
        None,
        "成文日期",
    ),
    (
        "template: XX left in the opening",
        |r| r.details.opening.push_str("请与XX科联系。"),
        "template",
        Severity::Error,
        None,
        "XX",
    ),
    (
        "template: （文字描述） left in 六",
        |r| r.other_matters = "（文字描述，收取信息处理费情况在此处报告。）".into(),
        "template",
        Severity::Error,
        None,
        "文字描述",
    ),
    (
        "timeliness: a 部门 publishing in February",
        |r| r.details.publish_date = Date::new(2025, 2, 10),
        "timeliness",
        Severity::Warning,
        None,
        "晚于 2025年1月31日",
    ),
    (
        "timeliness: published before the year ended",
        |r| r.details.publish_date = Date::new(2024, 12, 20),
        "timeliness",
        Severity::Warning,
        None,
        "年度结束之前",
    ),
    (
        "valid-docs: fewer valid than made − repealed",
        |r| set(r, "t2.normative_docs.valid", 5),
        "valid-docs",
        Severity::Warning,
        Some("t2.normative_docs.valid"),
        "现行有效 5 件少于本年制发 12 件减本年废止 3 件",
    ),
    (
        "prose: 一 quotes 110 received, the table says 109",
        |r| r.overview.on_request = r.overview.on_request.replace("申请109件", "申请110件"),
        "prose",
        Severity::Warning,
        Some("t3.new_received.total"),
        "（110 件），而表三“一、本年新收政府信息公开申请数量”总计为 109",
    ),
    (
        "prose: 一 quotes 4 行政诉讼, the table says 3",
        |r| r.overview.on_request = r.overview.on_request.replace("行政诉讼3件", "行政诉讼4件"),
        "prose",
        Severity::Warning,
        Some("t4.litigation_direct.total"),
        "为 3",
    ),
    (
        "prose: 一 says none received, the table says 109",
        |r| r.overview.on_request = "本年度未收到政府信息公开申请。".into(),
        "prose",
        Severity::Warning,
        Some("t3.new_received.total"),
        "未收到",
    ),
    (
        "fees: 六 silent on the fee",
        |r| r.other_matters = "本年度无其他需要报告的事项，已向1名申请人发出收费通知。".into(),
        "fees",
        Severity::Warning,
        None,
        "信息处理费",
    ),
    (
        "fees: fee notices not mentioned though 三（六）2 > 0",
        |r| r.other_matters = "本年度未收取信息处理费。".into(),
        "fees",
        Severity::Warning,
        Some("t3.r6_2_fee_unpaid.total"),
        "收费通知",
    ),
    (
        "timeliness: 成文日期 inside the report year",
        |r| r.details.signed_date = Date::new(2024, 6, 1),
        "timeliness",
        Severity::Warning,
        None,
        "成文日期 2024年6月1日 在2024年度结束之前",
    ),
    (
        "timeliness: 成文日期 after publication",
        |r| r.details.signed_date = Date::new(2025, 1, 25),
        "timeliness",
        Severity::Warning,
        None,
        "晚于发布日期 2025年1月20日",
    ),
    (
        "R-id: a changed result cell is among the cells named",
        |r| set(r, "t3.r1_granted.natural_person", 41),
        "R-id",
        Severity::Error,
        Some("t3.r1_granted.natural_person"),
        "自然人列：一+二=90，（七）总计+四=91",
    ),
    (
        "fees: 缴费 without 收费通知 wording still needs the notices",
        |r| r.other_matters = "全年收取政府信息公开信息处理费 3940 元。".into(),
        "fees",
        Severity::Warning,
        Some("t3.r6_2_fee_unpaid.total"),
        "收费通知",
    ),
    (
        "supervision: 本级政府 without 社会评议",
        |r| r.details.agency_kind = AgencyKind::Government,
        "supervision",
        Severity::Warning,
        None,
        "社会评议",
    ),
    (
        "numbering: 一是…二是…三是…三是 in 五",
        |r| r.problems = "一是甲；二是乙；三是丙；三是丁。下一步将加强。".into(),
        "numbering",
        Severity::Warning,
        None,
        "应为“四是”",
    ),
    (
        "numbering: （一）（二）（四） in 一",
        |r| r.overview.platform = "（一）网站。（二）新媒体。（四）公报。".into(),
        "numbering",
        Severity::Warning,
        None,
        "应为“（三）”",
    ),
    (
        "boilerplate: 五 names no measure",
        |r| r.problems = "工作中存在信息更新不快等问题。".into(),
        "boilerplate",
        Severity::Warning,
        None,
        "改进措施",
    ),
];

#[test]
fn each_rule_fails_where_it_should() {
    for &(name, mutate, rule, severity, cell, phrase) in REPORT_CASES {
        let mut report = example();
        mutate(&mut report);
        let findings = check::check(&report, None);
        let hit = findings
            .iter()
            .find(|f| f.rule == rule && f.message.contains(phrase))
            .unwrap_or_else(|| {
                panic!("{name}: no {rule} finding with “{phrase}” in {findings:#?}")
            });
        assert_eq!(hit.severity, severity, "{name}");
        if let Some(cell) = cell {
            assert!(hit.cells.contains(&key(cell)), "{name}: {:?}", hit.cells);
        }
        assert_eq!(
            check::has_errors(&findings),
            findings.iter().any(|f| f.severity == Severity::Error),
            "{name}"
        );
    }
}

#[test]
fn a_government_report_with_all_three_passes_supervision() {
    let mut r = example();
    r.details.agency_kind = AgencyKind::Government;
    r.overview
        .supervision
        .push_str("组织开展社会评议，评议结果良好。");
    assert!(!rules(&check::check(&r, None)).contains(&"supervision"));
    r.details.publish_date = Date::new(2025, 3, 10); // before 3月31日: on time for a 政府
    assert!(!rules(&check::check(&r, None)).contains(&"timeliness"));
}

/// R-row, R-sub and T4 hold by construction for a report (totals are computed), so they are
/// exercised on figures as printed, e.g. in a published report being re-checked.
#[test]
fn printed_totals_that_do_not_add_up_are_caught() {
    type Edit = fn(&mut check::Figures);
    let cases: &[(&str, Edit, &str, &str, &str)] = &[
        (
            "R-row",
            |f| *f.entry(key("t3.new_received.total")).or_default() += 1,
            "R-row",
            "t3.new_received.total",
            "“一、本年新收政府信息公开申请数量”行总计为 110，各项相加为 109",
        ),
        (
            "R-sub",
            |f| *f.entry(key("t3.r7_total.research")).or_default() = 0,
            "R-sub",
            "t3.r7_total.research",
            "科研机构列（七）总计为 0，各项相加为 1",
        ),
        (
            "T4",
            |f| *f.entry(key("t4.review.total")).or_default() = 6,
            "T4",
            "t4.review.total",
            "行政复议总计为 6，各项相加为 5",
        ),
        (
            "R-id on the 总计 column alone",
            |f| {
                *f.entry(key("t3.new_received.total")).or_default() += 1;
            },
            "R-id",
            "t3.new_received.total",
            "总计列：一+二=115，（七）总计+四=114",
        ),
    ];
    let clean = figures(&example());
    assert!(check::arithmetic(&clean).is_empty());
    for &(name, edit, rule, cell, phrase) in cases {
        let mut figs = clean.clone();
        edit(&mut figs);
        let findings = check::arithmetic(&figs);
        let hit = findings
            .iter()
            .find(|f| f.rule == rule && f.message.contains(phrase))
            .unwrap_or_else(|| panic!("{name}: {findings:#?}"));
        assert!(hit.cells.contains(&key(cell)), "{name}");
        assert_eq!(hit.severity, Severity::Error);
    }
}

#[test]
fn cross_year_rules() {
    let this = example();
    type Edit = fn(&mut Report);
    let cases: &[(&str, Edit, &str, Option<&str>)] = &[
        (
            "carry-over differs from last year's carry-forward",
            |p| set(p, "t3.carried_forward.commercial", 3),
            "表三商业企业列：“二、上年结转”为 1，而2023年度报告“四、结转下年度继续办理”为 3",
            Some("t3.carried_over.commercial"),
        ),
        (
            "现行有效 does not follow from last year",
            |p| set(p, "t2.regulations.valid", 20),
            "现行有效 15 件，而上年现行有效 20 + 本年制发 2 − 本年废止 1 = 21",
            Some("t2.regulations.valid"),
        ),
        (
            "previous report of the wrong year",
            |p| p.details.year = 2021,
            "应比对 2023 年度报告",
            None,
        ),
        (
            "last year's report of another agency",
            |p| p.details.agency_name = "另一个局".into(),
            "所给上年报告是“另一个局”的",
            None,
        ),
        (
            "五 copied from last year",
            |p| p.problems = example().problems.replace("2024", "2023"),
            "相似",
            None,
        ),
    ];
    for &(name, edit, phrase, cell) in cases {
        let mut prev = consistent_previous();
        edit(&mut prev);
        let findings = check::check(&this, Some(&prev));
        let hit = findings
            .iter()
            .find(|f| f.message.contains(phrase))
            .unwrap_or_else(|| panic!("{name}: {findings:#?}"));
        assert_eq!(hit.severity, Severity::Warning, "{name}");
        if let Some(cell) = cell {
            assert!(hit.cells.contains(&key(cell)), "{name}");
        }
    }
}

#[test]
fn the_seed_report_passes_the_hard_rules() {
    let seed = file::load(std::path::Path::new(
        "assets/examples/hotan-wenlv-2023.json",
    ))
    .expect("seed loads");
    let findings = check::check(&seed, None);
    assert!(!check::has_errors(&findings), "{findings:#?}");
    // Its prose says it received no applications, and its table agrees.
    assert!(!rules(&findings).contains(&"prose"), "{findings:#?}");
    assert_eq!(seed.count(key("t3.r7_total.total")), Some(0));
    assert_eq!(
        seed.table(TableId::T3).len(),
        24,
        "every input row of 表三 filled"
    );
}

#[test]
fn similarity_folds_digits_and_ignores_short_texts() {
    let a = "2023年，我局严格按照政府信息全面主动公开工作要求，发布信息125条。";
    let b = "2024年，我局严格按照政府信息全面主动公开工作要求，发布信息383条。";
    assert!(check::similarity(a, b) > 0.95);
    assert!(
        check::similarity(
            a,
            "完全不同的一段文字，讲的是另一件事情，毫无相同之处可言。"
        ) < 0.2
    );
    assert_eq!(check::similarity("短", "短"), 0.0);
}

/// The prose check on phrasings real reports use, against the example's tables
/// (本年新收 109, 上年结转 5, 办结 106, 结转 8, 行政复议 5, 行政诉讼 3).
#[test]
fn prose_phrasings() {
    // (sentence in 一, the finding expected: None, or a phrase of its message)
    let cases: &[(&str, Option<&str>)] = &[
        ("全年共收到政府信息公开申请109件。", None),
        ("共受理政府信息公开申请109件，均按时答复。", None),
        (
            "共受理政府信息公开申请110件。",
            Some("受理政府信息公开申请110件"),
        ),
        (
            "本年度新收政府信息公开申请108件，上年结转5件。",
            Some("新收政府信息公开申请108件"),
        ),
        (
            "本年度新收政府信息公开申请109件，上年结转6件。",
            Some("上年结转6件"),
        ),
        ("收到群众来电20个，均已回复。", None),
        ("收到投诉3件。", None),
        ("共办结106件，结转至下一年度办理8件。", None),
        ("结转至下一年度办理9件。", Some("结转至下一年度办理9件")),
        ("被申请行政复议5起，被提起行政诉讼3起。", None),
        ("被申请行政复议6起。", Some("行政复议6起")),
        ("本年度未发生行政复议案件。", Some("未发生行政复议")),
        ("收到行政复议决定书2份。", None),
        (
            "本年度未收到政府信息公开申请。",
            Some("未收到政府信息公开申请"),
        ),
        // Numbers that are not counts of applications or cases.
        ("对收到的申请均在20个工作日内予以答复。", None),
        ("收到申请后1个工作日内登记。", None),
        ("平均办结时间为8个工作日。", None),
        ("依据《中华人民共和国行政诉讼法》第25条规定。", None),
        // 复议 received is not an application received.
        ("本年度共收到行政复议申请1件。", Some("行政复议申请1件")),
    ];
    for &(sentence, expected) in cases {
        let mut report = example();
        report.overview.on_request = sentence.into();
        let prose: Vec<String> = check::check(&report, None)
            .into_iter()
            .filter(|f| f.rule == "prose")
            .map(|f| f.message)
            .collect();
        match expected {
            None => assert!(prose.is_empty(), "{sentence}: {prose:?}"),
            Some(phrase) => assert!(
                prose.len() == 1 && prose[0].contains(phrase),
                "{sentence}: {prose:?}"
            ),
        }
    }
}

#[test]
fn fee_statements_real_reports_use() {
    for text in [
        "全年收取政府信息公开信息处理费 3940 元，已向申请人发出收费通知。",
        "本年度向1名申请人发出缴费通知书，全年未收取信息处理费。",
        "无收取信息处理费情况，已发出收费通知1份。",
    ] {
        let mut r = example();
        r.other_matters = text.into();
        let fees: Vec<Finding> = check::check(&r, None)
            .into_iter()
            .filter(|f| f.rule == "fees")
            .collect();
        assert!(fees.is_empty(), "{text}: {fees:#?}");
    }
}

#[test]
fn a_report_without_a_signed_date_has_no_error() {
    let mut r = example();
    r.details.signed_date = None;
    assert!(!check::has_errors(&check::check(&r, None)));
}

/// 监督保障 in the words clerks use: 问责/追责, 绩效考核/考评, 第三方评估/满意度.
#[test]
fn supervision_synonyms_are_recognised() {
    for text in [
        "纳入绩效考核；开展第三方评估；未发生问责情况。",
        "开展考评；群众满意度调查结果良好；无追责情况。",
        "将政务公开纳入目标管理；组织社会评议；未发生责任追究。",
    ] {
        let mut r = example();
        r.details.agency_kind = AgencyKind::Government;
        r.details.publish_date = Date::new(2025, 3, 10);
        r.overview.supervision = text.into();
        assert!(
            !rules(&check::check(&r, None)).contains(&"supervision"),
            "{text}"
        );
    }
}
