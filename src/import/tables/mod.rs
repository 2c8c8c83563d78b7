//! Reading the three tables out of a report's text, anchored on the row labels of the
//! official format, tolerant of lost "（一）" labels, "1、" for "1.", labels split by
//! spaces or line breaks, and cells run together.

use crate::format::{
    CellKey, CellKind, T3_COLUMNS, T3_IDENTITY, T3_ROWS, T4_COLUMNS, T4_GROUPS, TableId,
};
use crate::model::{Amount, Value};

use crate::import::Uncertain;
use crate::import::labels::{self, LabelMatch};
use crate::import::split::{
    Equation, Token, agreed, keep_published_errors, readings, settle, tokens,
};
use crate::import::text::{Compact, is_cjk, is_skipped};

mod rows;
use rows::*;

/// What was read from one table.
#[derive(Debug, Default)]
pub struct TableRead {
    /// Input cells read with certainty.
    pub values: Vec<(CellKey, Value)>,
    /// Totals as printed, read with certainty.
    pub printed: Vec<(CellKey, u64)>,
    /// Cells that could not be read with certainty, with the text seen.
    pub uncertain: Vec<Uncertain>,
    /// Rows whose label was found.
    pub rows_found: usize,
    /// Printed labels taken for the format's by similarity (typos).
    pub matched: Vec<LabelMatch>,
    /// Cells printed as a dash or slash and read as 0.
    pub zero_marks: usize,
    /// What else the reading did that the user should know, in Chinese.
    pub notes: Vec<String>,
}

/// Why a row is not read when the table's text is out of order around it.
const OUT_OF_ORDER: &str = "表格文字的顺序错乱（行名与数字分离），这一行的数字无法确定";

/// Rows whose figures cannot be trusted because the text is out of order around them: a
/// row not found in order whose own label stands elsewhere in the table (text extracted
/// column by column puts "（七）总计" before "3.其他"). The row whose stretch holds that
/// label, and the found rows on either side of the missing one, may have taken its figures.
fn out_of_order(
    compact: &Compact,
    specs: &[RowSpec],
    found: &[Option<Anchor>],
    from: usize,
) -> Vec<usize> {
    let mut out = Vec::new();
    for (i, spec) in specs.iter().enumerate() {
        if found[i].is_some() {
            continue;
        }
        let Some(label) = spec
            .patterns
            .first()
            .and_then(|p| find_label(compact, p, from))
        else {
            continue;
        };
        // The row whose stretch holds the label.
        if let Some(r) = (0..found.len())
            .rev()
            .find(|&r| found[r].is_some_and(|a| a.start <= label.start))
        {
            out.push(r);
        }
        if let Some(r) = (0..i).rev().find(|&r| found[r].is_some()) {
            out.push(r);
        }
        if let Some(r) = (i + 1..found.len()).find(|&r| found[r].is_some()) {
            out.push(r);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Why a cell is blank when the original printed it blank (not a cell left unread).
pub const BLANK_IN_ORIGINAL: &str = "原文此格为空";

/// Most readings of one row tried before the row is called too ambiguous.
const MAX_READINGS: usize = 20_000;

/// The text seen, for the user: spaces collapsed, at most 60 characters.
fn seen(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = flat.chars().take(60).collect();
    if flat.chars().count() > 60 {
        out.push('…');
    }
    out
}

fn key(table: TableId, row: &'static str, col: &'static str) -> CellKey {
    CellKey { table, row, col }
}

/// Puts a cell read with certainty where it belongs: an input, or a total as printed.
fn store(read: &mut TableRead, k: CellKey, value: u64) {
    match k.def().map(|d| d.kind) {
        Some(CellKind::Total) => read.printed.push((k, value)),
        _ => read.values.push((k, Value::Count(value))),
    }
}

fn flag(read: &mut TableRead, k: CellKey, seen: &str, reason: &str) {
    read.uncertain.push(Uncertain {
        cell: Some(k),
        place: k.label_path(),
        seen: seen.to_string(),
        reason: reason.to_string(),
    });
}

/// Reads rows of counts, settles run-together figures with the equations, stores them.
/// `cells[r]` is how many figures row r has; `key_of(r, c)` names each cell.
fn read_counts(
    cells: &[usize],
    key_of: &dyn Fn(usize, usize) -> CellKey,
    per_row: &[Option<(Vec<Token>, String)>],
    equations: &[Equation],
    disowned: &[usize],
    read: &mut TableRead,
) {
    read.zero_marks += per_row
        .iter()
        .flatten()
        .flat_map(|row| &row.0)
        .filter(|t| t.zero_mark)
        .count();
    let mut all: Vec<Vec<Vec<u64>>> = Vec::with_capacity(cells.len());
    let mut split: Vec<bool> = Vec::with_capacity(cells.len());
    let mut why: Vec<&str> = Vec::with_capacity(cells.len());
    // Rows with blank cells, read cell for cell: (row, values; None where blank).
    let mut with_blanks: Vec<(usize, Vec<Option<u64>>)> = Vec::new();
    // A run-together row's only reading when it breaks the arithmetic (a published error?).
    let mut sole: Vec<Option<Vec<u64>>> = vec![None; cells.len()];
    for (r, (&n, row)) in cells.iter().zip(per_row).enumerate() {
        let toks = row.as_ref().map(|row| &row.0);
        split.push(toks.is_some_and(|t| t.len() < n) || disowned.contains(&r));
        let (readings_of_row, reason) = match toks {
            _ if disowned.contains(&r) => (Vec::new(), OUT_OF_ORDER),
            None => (Vec::new(), "未找到这一行"),
            Some(toks) if toks.iter().any(|t| t.text.is_empty()) => {
                let values: Vec<Option<u64>> = toks
                    .iter()
                    .map(|t| {
                        t.text
                            .parse()
                            .ok()
                            .filter(|_| !t.text.starts_with('0') || t.text == "0")
                    })
                    .collect();
                let readable = toks
                    .iter()
                    .zip(&values)
                    .all(|(t, v)| t.text.is_empty() || v.is_some());
                if toks.len() == n && readable {
                    with_blanks.push((r, values));
                    (Vec::new(), BLANK_IN_ORIGINAL)
                } else {
                    (Vec::new(), "有空格，数字与格子对不上")
                }
            }
            Some(toks) if toks.len() > n => (Vec::new(), "数字比格子多"),
            Some(toks) if toks.iter().any(|t| t.text.contains('.')) => {
                (Vec::new(), "件数不应有小数")
            }
            Some(toks) if toks.is_empty() => (Vec::new(), "这一行没有数字"),
            Some(toks) => {
                // A row printed cell for cell reads one way; it is kept even when it breaks
                // its own arithmetic (a published error), so its equations do not filter it.
                let own: &[Equation] = if toks.len() < n { equations } else { &[] };
                let found = readings(toks, n, r, own, MAX_READINGS);
                let digits: usize = toks.iter().map(|t| t.text.len()).sum();
                let reason = if found.too_many {
                    "数字连在一起，拆法太多"
                } else if found.all == 0 && digits < n {
                    "数字比格子少"
                } else if found.all == 0 {
                    "数字连在一起，无法拆成各格"
                } else if found.fitting.is_empty() {
                    "数字连在一起，没有一种拆法合乎表内的勾稽关系"
                } else {
                    "数字连在一起，无法唯一拆分"
                };
                if found.fitting.is_empty() {
                    sole[r] = found.sole;
                }
                (found.fitting, reason)
            }
        };
        all.push(readings_of_row);
        why.push(reason);
    }
    keep_published_errors(&mut all, &mut split, &sole, equations);
    settle(&mut all, &split, equations);
    for (r, &n) in cells.iter().enumerate() {
        let seen_text = per_row[r].as_ref().map_or("", |row| row.1.as_str());
        let values = match with_blanks.iter().find(|(row, _)| *row == r) {
            Some((_, values)) => values.clone(),
            None => agreed(&all[r], n),
        };
        for (c, value) in values.into_iter().enumerate() {
            let k = key_of(r, c);
            match value {
                Some(v) => store(read, k, v),
                None => flag(read, k, seen_text, why[r]),
            }
        }
    }
}

/// Table 三: 25 rows of 7 figures; the 总计 column and the （七）总计 row are printed totals.
pub fn read_t3(text: &str) -> TableRead {
    let unwrapped = unwrap_rows(text);
    let text = unwrapped.as_ref();
    const SPECS: [RowSpec; 25] = [
        RowSpec {
            key: "new_received",
            patterns: &["本年新收政府", "本年新收", "新收政府信息公开申请"],
            cells: 7,
        },
        RowSpec {
            key: "carried_over",
            patterns: &["上年结转政府", "上年结转"],
            cells: 7,
        },
        RowSpec {
            key: "r1_granted",
            patterns: &["予以公开"],
            cells: 7,
        },
        RowSpec {
            key: "r2_partial",
            patterns: &["部分公开"],
            cells: 7,
        },
        RowSpec {
            key: "r3_1_state_secret",
            patterns: &["属于国家秘密", "国家秘密"],
            cells: 7,
        },
        RowSpec {
            key: "r3_2_law_prohibited",
            patterns: &["其他法律行政法规", "法律行政法规禁止", "禁止公开"],
            cells: 7,
        },
        RowSpec {
            key: "r3_3_three_safeties",
            patterns: &["三安全一稳定", "危及"],
            cells: 7,
        },
        RowSpec {
            key: "r3_4_third_party",
            patterns: &["第三方合法权益", "保护第三方"],
            cells: 7,
        },
        RowSpec {
            key: "r3_5_internal_affairs",
            patterns: &["三类内部事务", "内部事务"],
            cells: 7,
        },
        RowSpec {
            key: "r3_6_process_info",
            patterns: &["四类过程性", "过程性信息"],
            cells: 7,
        },
        RowSpec {
            key: "r3_7_enforcement_file",
            patterns: &["行政执法案卷", "执法案卷"],
            cells: 7,
        },
        RowSpec {
            key: "r3_8_admin_query",
            patterns: &["行政查询事项", "查询事项"],
            cells: 7,
        },
        RowSpec {
            key: "r4_1_not_held",
            patterns: &["本机关不掌握", "不掌握相关"],
            cells: 7,
        },
        RowSpec {
            key: "r4_2_needs_creation",
            patterns: &["没有现成信息", "另行制作"],
            cells: 7,
        },
        RowSpec {
            key: "r4_3_still_unclear",
            patterns: &["补正后申请内容", "仍不明确"],
            cells: 7,
        },
        RowSpec {
            key: "r5_1_petition_complaint",
            patterns: &["信访举报投诉", "信访举报", "举报投诉", "投诉类申请"],
            cells: 7,
        },
        RowSpec {
            key: "r5_2_repeated",
            patterns: &["重复申请"],
            cells: 7,
        },
        RowSpec {
            key: "r5_3_publication",
            patterns: &["要求提供公开出版", "公开出版物"],
            cells: 7,
        },
        RowSpec {
            key: "r5_4_mass_repeated",
            patterns: &["无正当理由大量", "大量反复"],
            cells: 7,
        },
        RowSpec {
            key: "r5_5_confirm_reissue",
            patterns: &["要求行政机关确认", "重新出具"],
            cells: 7,
        },
        RowSpec {
            key: "r6_1_no_correction",
            patterns: &["无正当理由逾期", "逾期不补正", "申请人无正当理由"],
            cells: 7,
        },
        RowSpec {
            key: "r6_2_fee_unpaid",
            patterns: &["收费通知", "缴纳费用", "申请人逾期未按"],
            cells: 7,
        },
        RowSpec {
            key: "r6_3_other",
            patterns: &["3其他", "其他"],
            cells: 7,
        },
        RowSpec {
            key: "r7_total",
            patterns: &["七总计", "总计"],
            cells: 7,
        },
        RowSpec {
            key: "carried_forward",
            patterns: &["结转下年度", "下年度继续办理"],
            cells: 7,
        },
    ];
    let compact = Compact::new(text);
    // Row labels start after the column headings (the last of which is 法律服务机构, 其他).
    let from = compact
        .find("法律服务机构", 0, usize::MAX)
        .map_or(0, |(_, end)| match compact.find("其他", end, end + 2) {
            Some((_, e)) => e,
            None => end,
        });
    let labels: Vec<&str> = T3_ROWS.iter().map(|r| r.1).collect();
    let mut matched = Vec::new();
    let mut found = anchors(&compact, &SPECS, &labels, from, &mut matched);
    let index = |k: &str| SPECS.iter().position(|s| s.key == k).unwrap_or(0);
    // （六）其他处理 printed as one row (an older template): its figures stand where the
    // first sub-row's would; they are shared out below.
    let six = six_as_one_row(&compact, &found, index("r5_5_confirm_reissue"));
    if let Some(anchor) = six {
        found[index("r6_1_no_correction")] = Some(anchor);
    }
    let per_row = row_tokens(text, &compact, &SPECS, &found, &labels);
    let mut equations = Vec::new();
    for r in 0..SPECS.len() {
        equations.push(Equation {
            lhs: vec![(r, 6)],
            rhs: (0..6).map(|c| (r, c)).collect(),
        });
    }
    let results: Vec<usize> = (index("r1_granted")..=index("r6_3_other")).collect();
    for c in 0..7 {
        equations.push(Equation {
            lhs: vec![(index("r7_total"), c)],
            rhs: results.iter().map(|&r| (r, c)).collect(),
        });
        let (lhs, rhs) = T3_IDENTITY;
        equations.push(Equation {
            lhs: lhs.iter().map(|k| (index(k), c)).collect(),
            rhs: rhs.iter().map(|k| (index(k), c)).collect(),
        });
    }
    let mut read = TableRead {
        rows_found: found.iter().flatten().count(),
        matched,
        ..TableRead::default()
    };
    let cells: Vec<usize> = SPECS.iter().map(|s| s.cells).collect();
    let key_of = |r: usize, c: usize| key(TableId::T3, SPECS[r].key, T3_COLUMNS[c].0);
    let disowned = out_of_order(&compact, &SPECS, &found, from);
    read_counts(&cells, &key_of, &per_row, &equations, &disowned, &mut read);
    if six.is_none() {
        fill_missing_result_row(&mut read, &SPECS, &found, &results, index("r7_total"));
    }
    if six.is_some() {
        share_out_six(&mut read, per_row[index("r6_1_no_correction")].as_ref());
        read.matched.push(LabelMatch {
            printed: "（六）其他处理（只印一行）".into(),
            label: "（六）其他处理的三个子项（原文为 0 的列各记 0）".into(),
        });
    }
    read
}

/// One result row of 三 left out of the text (（六）其他处理 printed with two sub-rows
/// instead of three, the fee row dropped): when every other result row and （七）总计 were
/// read, and the total leaves nothing over for it in any column, the row was 0 throughout
/// and is read so (and said). Anything else stays not read: a figure left over might be a
/// published arithmetic error as much as the missing row.
fn fill_missing_result_row(
    read: &mut TableRead,
    specs: &[RowSpec],
    found: &[Option<Anchor>],
    results: &[usize],
    total_row: usize,
) {
    let missing: Vec<usize> = results
        .iter()
        .copied()
        .filter(|&r| found[r].is_none())
        .collect();
    let [row] = missing[..] else { return };
    let get = |r: usize, c: usize| -> Option<u64> {
        let k = key(TableId::T3, specs[r].key, T3_COLUMNS[c].0);
        read.values
            .iter()
            .find(|(x, _)| *x == k)
            .and_then(|(_, v)| v.count())
            .or_else(|| read.printed.iter().find(|(x, _)| *x == k).map(|(_, n)| *n))
    };
    for c in 0..T3_COLUMNS.len() {
        let Some(total) = get(total_row, c) else {
            return;
        };
        let mut sum = 0u64;
        for &r in results.iter().filter(|&&r| r != row) {
            let Some(n) = get(r, c) else { return };
            sum = sum.saturating_add(n);
        }
        if sum != total {
            return;
        }
    }
    read.uncertain
        .retain(|u| u.cell.is_none_or(|k| k.row != specs[row].key));
    for (col, _) in T3_COLUMNS.iter() {
        store(read, key(TableId::T3, specs[row].key, col), 0);
    }
    let label = T3_ROWS
        .iter()
        .find(|r| r.0 == specs[row].key)
        .map_or(specs[row].key, |r| r.1);
    read.notes.push(format!(
        "表三：原文没有“{label}”这一行，（七）总计与其余各行相加正好相等，按各格为 0 读取，请核对"
    ));
}

/// The sub-rows of （六）其他处理 printed as one row "（六）其他处理 0 0 0 0 0 0 0": found
/// when none of the three sub-rows is, between 5.要求行政机关确认… and （七）总计.
fn six_as_one_row(compact: &Compact, found: &[Option<Anchor>], r5_5: usize) -> Option<Anchor> {
    if found.get(r5_5 + 1..r5_5 + 4)?.iter().any(Option::is_some) {
        return None;
    }
    let from = found[..=r5_5].iter().flatten().last()?.end;
    let until = found
        .get(r5_5 + 4..)?
        .iter()
        .flatten()
        .next()
        .map_or(compact.chars.len(), |a| a.start);
    let (start, end) = compact.find("六其他处理", from, until)?;
    Some(Anchor { start, end })
}

/// （六） printed as one row was read as its first sub-row: a column the row prints 0 is 0
/// in each sub-row (none can be negative); any other column cannot be shared out, and its
/// three cells are not read.
fn share_out_six(read: &mut TableRead, seen_row: Option<&(Vec<Token>, String)>) {
    let seen_text = seen_row.map_or("", |r| r.1.as_str());
    let sub_rows = ["r6_1_no_correction", "r6_2_fee_unpaid", "r6_3_other"];
    let row_of = |k: &CellKey| k.table == TableId::T3 && sub_rows.contains(&k.row);
    let merged: Vec<(CellKey, u64)> = read
        .values
        .iter()
        .filter(|(k, _)| row_of(k))
        .filter_map(|(k, v)| v.count().map(|n| (*k, n)))
        .chain(read.printed.iter().filter(|(k, _)| row_of(k)).copied())
        .collect();
    read.values.retain(|(k, _)| !row_of(k));
    read.printed.retain(|(k, _)| !row_of(k));
    read.uncertain
        .retain(|u| !u.cell.is_some_and(|k| row_of(&k)));
    for (c, (col, _)) in T3_COLUMNS.iter().enumerate() {
        let value = merged.iter().find(|(k, _)| k.col == *col).map(|(_, n)| *n);
        for row in sub_rows {
            let k = key(TableId::T3, row, T3_COLUMNS[c].0);
            match value {
                Some(0) => store(read, k, 0),
                Some(n) => flag(
                    read,
                    k,
                    seen_text,
                    &format!("原文（六）其他处理只印一行（{n}），无法分到三个子项"),
                ),
                None => flag(read, k, seen_text, "原文（六）其他处理只印一行，未能读出"),
            }
        }
    }
}

/// Table 四: one row of 15 figures in three groups, each ending with its printed 总计.
pub fn read_t4(text: &str) -> TableRead {
    let compact = Compact::new(text);
    // The figures follow the last column heading.
    // (Headings broken over lines by PDF layout may not be found; they hold no figures,
    // so the figures are then read from the section's start.)
    let from = (0..3)
        .try_fold(0usize, |pos, _| {
            compact
                .find("尚未审结总计", pos, usize::MAX)
                .map(|(_, e)| e)
        })
        .or_else(|| compact.find("尚未审结", 0, usize::MAX).map(|(_, e)| e))
        .or_else(|| compact.find("总计", 0, usize::MAX).map(|(_, e)| e))
        .or((!compact.chars.is_empty()).then_some(0));
    let mut read = TableRead::default();
    let region = match from {
        Some(i) => {
            read.rows_found = 1;
            cut_after_figures(text.get(compact.byte(i, text.len())..).unwrap_or(""))
        }
        None => "",
    };
    let per_row = vec![from.map(|_| (tokens(region), seen(region)))];
    let equations: Vec<Equation> = (0..3)
        .map(|g| Equation {
            lhs: vec![(0, g * 5 + 4)],
            rhs: (0..4).map(|c| (0, g * 5 + c)).collect(),
        })
        .collect();
    let key_of = |_: usize, i: usize| key(TableId::T4, T4_GROUPS[i / 5].0, T4_COLUMNS[i % 5].0);
    read_counts(&[15], &key_of, &per_row, &equations, &[], &mut read);
    read
}

/// Table 二: 规章 and 行政规范性文件 with three figures, three rows of one count, and the
/// fee in 万元 (a decimal). No arithmetic ties them, so a run-together row is read only
/// when its digits split one way.
pub fn read_t2(text: &str) -> TableRead {
    let unwrapped = unwrap_rows(text);
    let text = unwrapped.as_ref();
    const SPECS: [RowSpec; 6] = [
        RowSpec {
            key: "regulations",
            patterns: &["规章"],
            cells: 3,
        },
        RowSpec {
            key: "normative_docs",
            patterns: &["行政规范性文件", "规范性文件"],
            cells: 3,
        },
        RowSpec {
            key: "licensing_decisions",
            patterns: &["行政许可"],
            cells: 1,
        },
        RowSpec {
            key: "punishment_decisions",
            patterns: &["行政处罚"],
            cells: 1,
        },
        RowSpec {
            key: "coercion_decisions",
            patterns: &["行政强制"],
            cells: 1,
        },
        RowSpec {
            key: "fees_wan_yuan",
            patterns: &["行政事业性收费", "事业性收费"],
            cells: 1,
        },
    ];
    let compact = Compact::new(text);
    let labels = [
        "规章",
        "行政规范性文件",
        "行政许可",
        "行政处罚",
        "行政强制",
        "行政事业性收费",
    ];
    let mut matched = Vec::new();
    let found = anchors(&compact, &SPECS, &labels, 0, &mut matched);
    let mut per_row = row_tokens(text, &compact, &SPECS, &found, &labels);
    let mut read = TableRead {
        rows_found: found.iter().flatten().count(),
        matched,
        ..TableRead::default()
    };
    // The fee is an amount, read on its own.
    let fee_key = key(TableId::T2, "fees_wan_yuan", crate::format::T2_AMOUNT_COL);
    match per_row.pop().flatten() {
        Some((toks, seen_text)) => match toks.as_slice() {
            [one] => match Amount::parse(&one.text) {
                Some(a) => read.values.push((fee_key, Value::Amount(a))),
                None => flag(&mut read, fee_key, &seen_text, "不是金额"),
            },
            [] => flag(&mut read, fee_key, &seen_text, "这一行没有数字"),
            _ => flag(&mut read, fee_key, &seen_text, "数字比格子多"),
        },
        None => flag(&mut read, fee_key, "", "未找到这一行"),
    }
    let cells: Vec<usize> = SPECS[..5].iter().map(|s| s.cells).collect();
    let key_of = |r: usize, c: usize| {
        let col = if SPECS[r].cells == 3 {
            ["made", "repealed", "valid"][c.min(2)]
        } else {
            crate::format::T2_COUNT_COL
        };
        key(TableId::T2, SPECS[r].key, col)
    };
    let disowned = out_of_order(&compact, &SPECS[..5], &found[..5], 0);
    read_counts(&cells, &key_of, &per_row, &[], &disowned, &mut read);
    read
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_wrapped_below_their_figures_join_the_row() {
        let text = "（三）不1.属于 0 0 0 0 0 0 0\n予公开国家秘\n密\n2.其他 3 — — — — — 3\n法律行\n政法规\n禁止公\n开\n3.危及“三安全一稳定” 1 0 0 0 0 0 1\n";
        let joined = unwrap_rows(text);
        let lines: Vec<&str> = joined.lines().collect();
        assert_eq!(
            lines,
            [
                "（三）不1.属于予公开国家秘密 0 0 0 0 0 0 0",
                "2.其他法律行政法规禁止公开 3 — — — — — 3",
                "3.危及“三安全一稳定” 1 0 0 0 0 0 1"
            ]
        );
        // A heading, a header line or a numbered label is never taken for a wrapped label.
        let text = "行政许可 386\n第二十条第（六）项\n（七）总计 5 0 0 0 0 0 5\n四、结转下年度\n";
        assert_eq!(unwrap_rows(text), text);
        // Prose and digit runs are left alone.
        assert!(figure_line("全年共收到申请5件").is_none());
        assert!(figure_line("规章000").is_none());
        assert_eq!(figure_line("行政处罚   3,845"), Some(("行政处罚", "3,845")));
    }

    #[test]
    fn a_result_row_left_out_is_zero_only_when_the_total_says_so() {
        let row = |label: &str, figures: &str| format!("{label} {figures}\n");
        let mut t3 = String::from("法律服务机构 其他\n");
        for (key, label, _, _) in T3_ROWS {
            let figures = match key {
                "new_received" | "r1_granted" | "r7_total" => "2 0 0 0 0 0 2",
                "r6_2_fee_unpaid" => continue,
                "r6_3_other" => {
                    t3.push_str(&row("2.其他", "0 0 0 0 0 0 0"));
                    continue;
                }
                _ => "0 0 0 0 0 0 0",
            };
            t3.push_str(&row(label, figures));
        }
        let read = read_t3(&t3);
        let fee = key(TableId::T3, "r6_2_fee_unpaid", "natural_person");
        assert!(
            read.values
                .iter()
                .any(|(k, v)| *k == fee && *v == Value::Count(0)),
            "{:#?}",
            read.uncertain
        );
        assert!(read.uncertain.is_empty(), "{:#?}", read.uncertain);
        assert_eq!(read.notes.len(), 1);
        // A total that leaves 1 over: the row stays not read.
        let t3 = t3.replacen("（七）总计 2 0 0 0 0 0 2", "（七）总计 3 0 0 0 0 0 3", 1);
        let read = read_t3(&t3);
        assert!(read.uncertain.iter().any(|u| u.cell == Some(fee)));
        assert!(read.notes.is_empty());
    }

    #[test]
    fn a_row_whose_label_stands_out_of_order_is_not_read_nor_its_neighbours() {
        // Column-by-column text: （七）总计 comes before 3.其他, whose stretch then holds
        // the total's figures.
        let mut t3 = String::from("法律服务机构 其他\n");
        for (key, label, _, _) in T3_ROWS {
            match key {
                "r6_3_other" => {
                    t3.push_str("1 0 0 0 0 0 1\n（七）总计\n3.其他\n5 0 0 0 0 0 5\n");
                }
                "r7_total" => {}
                _ => t3.push_str(&format!("{label}\n0 0 0 0 0 0 0\n")),
            }
        }
        let read = read_t3(&t3);
        let other = key(TableId::T3, "r6_3_other", "natural_person");
        assert!(read.values.iter().all(|(k, _)| *k != other));
        assert!(
            read.uncertain
                .iter()
                .any(|u| u.cell == Some(other) && u.reason == OUT_OF_ORDER)
        );
    }
}
