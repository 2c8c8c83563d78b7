//! The prose check (一 against the tables) on many phrasings real reports use, including
//! numbers that are not counts, and on text as copied from PDFs (spaces, full-width digits).

use nianbao::check;
use nianbao::file;
use nianbao::model::Report;

/// The example's tables: 本年新收 109, 上年结转 5, 办结 106, 结转 8, 行政复议 5, 行政诉讼 3;
/// 规章 2/1/15, 行政规范性文件 12/3/86, 许可 1523, 处罚 342, 强制 27, 收费 1234.56 万元.
fn example() -> Report {
    file::load(std::path::Path::new(
        "assets/examples/example-city-2024.json",
    ))
    .expect("example loads")
}

/// The prose findings when `text` is the whole of （二）依申请公开 (or, with `lead`, of
/// the lead, where no clause is taken to be about applications unless it says so).
fn prose(text: &str, lead: bool) -> Vec<String> {
    let mut r = example();
    if lead {
        r.overview.lead = text.into();
        r.overview.on_request = "依申请公开工作规范有序。".into();
    } else {
        r.overview.on_request = text.into();
    }
    check::check(&r, None)
        .into_iter()
        .filter(|f| f.rule == "prose")
        .map(|f| f.message)
        .collect()
}

/// (sentence, in the lead?, None or a phrase of the one finding expected)
const CASES: &[(&str, bool, Option<&str>)] = &[
    // 本年新收, in many words, through spaces and full-width digits.
    ("全年共收到政府信息公开申请109件。", false, None),
    ("受理政府信息公开申请 109 件，办结 106 件。", false, None),
    ("本年度接收政府信息公开申请１０９件。", false, None),
    ("本年度共受理依申请公开109件次。", false, None),
    ("全年新增政府信息公开申请109宗。", false, None),
    ("全年依申请公开政府信息109件。", false, None),
    ("本年度共收到政府信息公开申请，共计109件。", false, None),
    ("累计受理申请109件。", false, None),
    ("2024年收到申请109件。", false, None),
    (
        "共计办理政府信息公开申请114件（含上年结转5件）。",
        false,
        None,
    ),
    (
        "共受理政府信息公开申请110件。",
        false,
        Some("受理政府信息公开申请110件"),
    ),
    (
        "本年度新收政府信息公开申请数量为108件。",
        false,
        Some("108 件"),
    ),
    ("接收 政府信息公开申请 １１０ 件。", false, Some("110 件")),
    (
        "本年度共收到政府信息公开申请，共计126件。",
        false,
        Some("126 件"),
    ),
    ("收到申请两件。", false, Some("2 件")),
    ("全年共收到政府信息公开申请126件。", true, Some("126 件")),
    // 办结, 结转 both ways.
    ("共办结106件，结转至下一年度办理8件。", false, None),
    ("答复106件，8件顺延到下年度办理。", false, None),
    ("上年度结转申请5件。", false, None),
    ("有8件申请尚未办结，将结转至2025年继续办理。", false, None),
    ("8件申请结转至下一年度办理。", false, None),
    ("共办结107件。", false, Some("办结107件")),
    ("结转至下一年度办理9件。", false, Some("9 件")),
    ("9件尚未办结。", false, Some("9 件")),
    ("上年结转6件。", false, Some("上年结转6件")),
    ("上一年度结转申请4件。", false, Some("4 件")),
    // A wrong number does not hide behind a right one in the same sentence.
    ("收到申请109件，办结107件。", false, Some("办结107件")),
    (
        "受理并办结政府信息公开申请106件。",
        false,
        Some("受理并办结政府信息公开申请106件"),
    ),
    // 表四.
    ("被申请行政复议5起，被提起行政诉讼3起。", false, None),
    ("行政复议、行政诉讼共8件。", false, None),
    ("被申请行政复议6起。", false, Some("行政复议6起")),
    (
        "本年度共收到行政复议申请1件。",
        false,
        Some("行政复议申请1件"),
    ),
    ("本年度未发生行政复议案件。", false, Some("未发生行政复议")),
    (
        "未发生因政府信息公开工作被申请行政复议的情况。",
        false,
        Some("未发生因政府信息公开工作被申请行政复议"),
    ),
    (
        "本年度未收到政府信息公开申请。",
        false,
        Some("未收到政府信息公开申请"),
    ),
    // 表二, quoted in 一.
    ("本年制发规章2件、行政规范性文件12件。", true, None),
    ("废止规章1件、行政规范性文件3件。", true, None),
    ("现行有效规章15件、行政规范性文件86件。", true, None),
    ("本年制发行政规范性文件12件，废止3件。", true, None),
    ("制发规章和行政规范性文件共14件。", true, None),
    (
        "公开行政许可决定1523件、行政处罚决定342件、行政强制决定27件。",
        true,
        None,
    ),
    ("行政许可、行政处罚决定共1865件。", true, None),
    ("本年度行政事业性收费1234.56万元。", true, None),
    ("本年度行政事业性收费12345600元。", true, None),
    (
        "现行有效行政规范性文件312件。",
        true,
        Some("现行有效行政规范性文件312件"),
    ),
    ("本年制发行政规范性文件13件。", true, Some("13 件")),
    ("本年制发行政规范性文件12件，废止4件。", true, Some("4 件")),
    ("作出行政处罚决定340件。", true, Some("行政处罚决定340件")),
    ("行政强制 28 件。", true, Some("28 件")),
    ("采取行政强制措施 28 宗。", true, Some("28 件")),
    ("收费金额1200万元。", true, Some("1200 万元")),
    // Numbers that are not figures of the tables.
    ("收到申请109件，同比增加12件，增长12.4%。", false, None),
    ("较2023年增加9件。", false, None),
    (
        "收到申请109件，其中自然人申请100件、法人或其他组织申请9件。",
        false,
        None,
    ),
    // 办理结果 (the example: 予以公开 51, 部分公开 10, 无法提供 25 in all).
    ("其中予以公开51件，部分公开10件。", false, None),
    (
        "其中予以公开50件，部分公开10件。",
        false,
        Some("表三“（一）予以公开”总计"),
    ),
    // Joined answers count their sum (51 + 10); a share after the count is not a count.
    ("予以公开及部分公开61件。", false, None),
    (
        "办结106件，其中予以公开和部分公开61件，占57.55%。",
        false,
        None,
    ),
    ("予以公开、部分公开共42件。", false, Some("42 件")),
    // "共计" after 接收 is the year's new applications and is compared.
    (
        "本年度共接收各类政府信息公开申请共计131件。",
        false,
        Some("131 件"),
    ),
    ("对收到的申请均在20个工作日内予以答复。", false, None),
    ("收到申请后1个工作日内登记。", false, None),
    ("平均办结时间为8个工作日。", false, None),
    ("依据《条例》第二十条第（一）项公开。", true, None),
    ("统计期限为2024年1月1日至2024年12月31日。", true, None),
    ("依据《中华人民共和国行政诉讼法》第25条规定。", false, None),
    ("收到群众来电20个，均已回复。", false, None),
    ("收到投诉3件。", false, None),
    ("收到行政复议决定书2份。", false, None),
    ("答复率达100%。", false, None),
    ("每件申请办理时间约3至5个工作日。", false, None),
    ("收到申请约100件。", false, None),
    ("收到申请100余件。", false, None),
    (
        "所有申请均在法定期限内答复，未发生逾期答复情况。",
        false,
        None,
    ),
    ("制定内部规章制度3项。", true, None),
    ("全年收取信息处理费0元。", true, None),
    ("回应网民关切问题58个，发布解读36篇。", true, None),
    ("针对被纠正的1件复议案件，组织复盘。", false, None),
    (
        "被申请行政复议5件，其中结果维持3件、结果纠正1件、尚未审结1件。",
        false,
        None,
    ),
    ("组织业务培训2次、参训86人次。", true, None),
    (
        "共接收政府信息公开申请109件，上年结转5件，共计114件。",
        false,
        None,
    ),
    ("现行有效规章15件，行政规范性文件86件。", true, None),
];

#[test]
fn prose_phrasings_real_reports_use() {
    let mut failures = Vec::new();
    for &(sentence, lead, expected) in CASES {
        let found = prose(sentence, lead);
        let ok = match expected {
            None => found.is_empty(),
            Some(phrase) => found.len() == 1 && found[0].contains(phrase),
        };
        if !ok {
            failures.push(format!("{sentence} → {found:?} (expected {expected:?})"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Odd text (pieces of real phrasing, digits, full-width and broken punctuation, shuffled)
/// never makes the checks panic, and every prose finding still names its cells.
#[test]
fn odd_text_never_panics() {
    const PIECES: [&str; 32] = [
        "收到",
        "申请",
        "109",
        "件",
        "，",
        "。",
        "结转",
        "上年",
        "下一年度",
        "行政复议",
        "未",
        "发生",
        "１２",
        "　",
        " ",
        "（",
        "）",
        "一是",
        "三是",
        "（二）",
        "规章",
        "现行有效",
        "万元",
        "1234.5",
        "共计",
        "其中",
        "维持",
        "尚未审结",
        "、",
        "2024年",
        "%",
        "两",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..300 {
        let n = (next() % 40) as usize;
        let text: String = (0..n)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        let mut r = example();
        r.overview.on_request = text.clone();
        r.overview.lead = text.chars().rev().collect();
        r.problems = text;
        for f in check::check(&r, None) {
            assert!(!f.message.is_empty());
            if f.rule == "prose" {
                assert!(!f.cells.is_empty(), "{}", f.message);
            }
        }
    }
}

/// 六 that states the fee collected, however written, gets no fee warning; one that does
/// not state it does.
#[test]
fn fees_stated_in_six_are_seen() {
    let fee_warnings = |six: &str| {
        let mut r = example();
        r.other_matters = six.into();
        check::check(&r, None)
            .into_iter()
            .filter(|f| f.rule == "fees" && f.message.contains("说明本年度收取信息处理费"))
            .count()
    };
    for six in [
        "全年收取政府信息公开信息处理费3940元。",
        "本年度收取信息处理费3,940元，无其他需要报告的事项。",
        "本年度共收取信息处理费 3940 元。",
        "本年度未收取信息处理费。",
    ] {
        assert_eq!(fee_warnings(six), 0, "{six}");
    }
    assert_eq!(fee_warnings("无其他需要报告的事项。"), 1);
}
