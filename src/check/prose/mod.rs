//! prose vs tables: every number 一、总体情况 quotes as a figure of the tables equals it.
//!
//! The rule does not list phrases. It finds each number with its unit ([`numbers`]), and
//! decides what it counts from the words around it within its clause ([`lexicon`]): the
//! nearest word naming a figure before it ("受理…申请126件", "现行有效…规范性文件312件"),
//! or after it ("8件尚未办结"); words that make it a part ("其中", "自然人"), a change
//! ("同比增加"), another kind of case ("投诉") or a result ("维持") take it out; a clause
//! that only goes on counting ("，共计126件", "、行政规范性文件86件") keeps the figure of
//! the clause before. Words joined by 、和及与或 ("行政许可、行政处罚决定共1865件") name a
//! sum; joined by 并 ("受理并办结") each. "未收到…申请" and "未发生…行政复议" say 0.

mod compare;
mod lexicon;
mod numbers;

use compare::{compare, quoted};
use lexicon::{
    Block, Case, Doc, Kind, Outcome, Term, Topic, answer, carry_direction, outcome, terms,
};
use numbers::{Number, Unit, normalize};

use super::{Field, Figures, Finding, Severity, key};
use crate::format::{
    CellKey, T2_AMOUNT_COL, T2_COUNT_COL, T3_LABEL_MERGES, TableId, short_label, t3_result_rows,
    t3_row_label,
};
use crate::model::{Report, Value};

/// A figure and, for table 二's documents, which kind.
type Figure = (Topic, Option<Doc>);

/// What a number was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Reading {
    /// The figures it names; with `each` false their sum, else each of them.
    figures: Vec<Figure>,
    each: bool,
    /// Named only by a weak word ("办理…申请"), which may count last year's too.
    weak: bool,
    /// Where the naming words start (after the number when they follow it).
    from: usize,
}

impl Reading {
    fn of(figures: Vec<Figure>, from: usize) -> Reading {
        Reading {
            figures,
            each: false,
            weak: false,
            from,
        }
    }
}

/// What a number (or a negation) in the prose says about the tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Claim {
    /// The figures it names; with `each` false their sum, else each of them.
    figures: Vec<Figure>,
    each: bool,
    /// "办理…131件" and "受理…（含上年结转）" may count last year's carried-over too.
    with_carried_over: bool,
    value: Quoted,
    /// The words, for the message.
    excerpt: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quoted {
    Count(u64),
    /// 万元 × 10⁸, and the decimals written (in 万元), so "1234.6万元" matches 1234.56.
    Money(u128, u32),
}

/// Ends a sentence: the figure named by one clause may go on into the next, not further.
const SENTENCE_END: &str = "。！？!?\n";
/// Ends a clause.
const CLAUSE_END: &str = "，,；;：:（）()";
/// Joins figures into a sum ("行政许可、行政处罚"); 并 joins them each ("受理并办结").
const SUM_JOINS: [&str; 6] = ["、", "和", "及", "与", "或", "以及"];
const EACH_JOINS: [&str; 2] = ["并", "且"];
/// Words that only go on counting, between a figure's word and its number.
const FILLERS: [&str; 25] = [
    "决定书",
    "决定",
    "措施",
    "案件",
    "数量",
    "共计",
    "合计",
    "总计",
    "累计",
    "总数",
    "金额",
    "本年度",
    "本年",
    "全年",
    "类",
    "的",
    "数",
    "共",
    "计",
    "为",
    "有",
    "达",
    "是",
    "均",
    "已",
];

/// prose vs tables, on the lead and each part of 一.
pub fn prose_vs_tables(report: &Report, figs: &Figures) -> Vec<Finding> {
    let o = &report.overview;
    let mut texts = vec![(Field::Lead, o.lead.as_str(), false)];
    texts.extend(
        o.parts()
            .into_iter()
            .enumerate()
            .map(|(i, (_, text))| (Field::Part(i), text, i == 1)),
    );
    let mut out: Vec<Finding> = Vec::new();
    for (field, text, on_request) in texts {
        for claim in claims(text, on_request, report.details.year) {
            for finding in compare(&claim, field, report, figs) {
                if !out.contains(&finding) {
                    out.push(finding);
                }
            }
        }
    }
    out
}

/// Every claim of `text`. `on_request` is true for （二）依申请公开, whose numbers are about
/// applications even when a clause does not say "申请".
pub(crate) fn claims(text: &str, on_request: bool, year: u16) -> Vec<Claim> {
    let text = normalize(text);
    let mut out = Vec::new();
    for sentence in text.split(|c| SENTENCE_END.contains(c)) {
        let about_applications = on_request || sentence.contains("申请");
        let mentions_carry = sentence.contains("结转");
        // What the clause before named, and whether it gave a number for it.
        let mut previous: Option<(Reading, bool)> = None;
        let mut earlier_doc: Option<Doc> = None;
        // The kind of case (复议 or 诉讼) the sentence last named, for its results.
        let mut case: Option<Case> = None;
        // The figures the sentence has quoted so far, for a "共计" that adds them up.
        let mut named: Vec<Figure> = Vec::new();
        for clause in sentence.split(|c| CLAUSE_END.contains(c)) {
            let terms = terms(clause);
            let nums: Vec<Number> = numbers::numbers(clause)
                .into_iter()
                .filter(|n| !n.inexact && n.unit != Unit::Other)
                .collect();
            let ctx = Ctx {
                clause,
                terms: &terms,
                year,
                about_applications,
            };
            if nums.is_empty() {
                out.extend(ctx.zero_claims());
            }
            let mut prev_end = 0;
            for (k, n) in nums.iter().enumerate() {
                let next_start = nums.get(k + 1).map_or(clause.len(), |m| m.start);
                let found = ctx.choose(n, prev_end, next_start, earlier_doc, previous.as_ref());
                let prev_start = prev_end;
                prev_end = n.end;
                let case_here = terms
                    .iter()
                    .filter(|t| t.end <= n.start)
                    .rev()
                    .find_map(|t| case_of(t.kind))
                    .or(case);
                let found = found
                    .or_else(|| ctx.outcome(n, prev_start, case_here?))
                    .or_else(|| ctx.answer(n, prev_start))
                    .or_else(|| ctx.total(n, prev_start, &named));
                let Some(reading) = found else {
                    continue;
                };
                let Some(value) = quoted(n, &reading.figures) else {
                    continue;
                };
                let from = reading.from;
                // The excerpt: from a few words before the figure's word to the number.
                let (a, z) = if from <= n.start {
                    (back(clause, from, 4).max(prev_start), n.end)
                } else {
                    (n.start, from)
                };
                out.push(Claim {
                    with_carried_over: reading.weak || mentions_carry,
                    figures: reading.figures.clone(),
                    each: reading.each,
                    value,
                    excerpt: clause[a..z].to_string(),
                });
                if !reading.each {
                    named.extend(reading.figures.iter().copied());
                }
                previous = Some((reading, true));
            }
            if nums.is_empty() {
                previous = ctx.strong_figures().map(|f| (Reading::of(f, 0), false));
            }
            if let Some(c) = terms.iter().rev().find_map(|t| case_of(t.kind)) {
                case = Some(c);
            }
            if let Some(d) = terms.iter().rev().find_map(|t| match t.kind {
                Kind::Doc(d) => Some(d),
                _ => None,
            }) {
                earlier_doc = Some(d);
            }
        }
    }
    out
}

/// One clause being read.
struct Ctx<'a> {
    clause: &'a str,
    terms: &'a [Term],
    year: u16,
    about_applications: bool,
}

impl Ctx<'_> {
    /// The topic a term names, with 结转 resolved by its direction.
    fn topic(&self, t: &Term) -> Option<(Topic, bool)> {
        match t.kind {
            Kind::Topic(topic, strong) => Some((topic, strong)),
            Kind::Carry => {
                carry_direction(self.clause, t.start, t.end, self.year).map(|d| (d, true))
            }
            _ => None,
        }
    }

    /// What number `n` counts: its figures, whether each, whether named by a weak word, and
    /// where the naming words start (for the excerpt). `prev_end` is where the number
    /// before it in the clause ends, `next_start` where the next one starts.
    fn choose(
        &self,
        n: &Number,
        prev_end: usize,
        next_start: usize,
        earlier_doc: Option<Doc>,
        previous: Option<&(Reading, bool)>,
    ) -> Option<Reading> {
        let before: Vec<&Term> = self.terms.iter().filter(|t| t.end <= n.start).collect();
        let after: Vec<&Term> = self
            .terms
            .iter()
            .filter(|t| t.start >= n.end && t.end <= next_start)
            .collect();
        let nearest = |terms: &[&Term], strong: bool, rev: bool| -> Option<(usize, Topic)> {
            let mut it: Box<dyn Iterator<Item = (usize, &&Term)>> = if rev {
                Box::new(terms.iter().enumerate().rev())
            } else {
                Box::new(terms.iter().enumerate())
            };
            it.find_map(|(i, t)| {
                self.topic(t)
                    .filter(|&(_, s)| s == strong)
                    .map(|(topic, _)| (i, topic))
            })
        };
        // Before the number: the nearest strong word, else the nearest weak one after the
        // number before; after it: the nearest strong word; else the clause before's figure.
        let (figures, each, weak, from, gap_start) = if let Some((i, topic)) =
            nearest(&before, true, true).or_else(|| {
                nearest(&before, false, true).filter(|&(i, _)| before[i].start >= prev_end)
            }) {
            let term = before[i];
            // A word before an earlier number names this one only across doc words and joins.
            if term.end < prev_end && !self.only_counting(prev_end, n.start, true) {
                return None;
            }
            let weak = matches!(self.topic(term), Some((_, false)));
            let (mut topics, each, from) = self.joined(&before[..=i], topic);
            topics.dedup();
            let docs = self.docs(
                &before,
                &after,
                term.end.max(prev_end),
                n.start,
                earlier_doc,
            );
            (self.with_docs(&topics, &docs)?, each, weak, from, term.end)
        } else if let Some((i, topic)) = nearest(&after, true, false) {
            let docs = self.docs(&before, &after, prev_end, n.start, earlier_doc);
            let t = after[i];
            if self.blocked(&[topic], n.end, t.start, true) {
                return None;
            }
            (self.with_docs(&[topic], &docs)?, false, false, t.end, n.end)
        } else {
            let (prev, numbered) = previous?;
            if !self.only_counting(prev_end, n.start, true) {
                return None;
            }
            // After a clause that gave its own number, "，共计39件" is a new total (the sum
            // of the figures before), not that clause's figure again; only a change of
            // document ("，行政规范性文件86件") carries its figure on.
            let names_doc = before
                .iter()
                .any(|t| t.start >= prev_end && matches!(t.kind, Kind::Doc(_)));
            if *numbered && !names_doc {
                return None;
            }
            let figures = if prev.figures.iter().any(|f| f.1.is_some()) {
                let docs = self.docs(&before, &after, prev_end, n.start, earlier_doc);
                let topics: Vec<Topic> = prev.figures.iter().map(|f| f.0).collect();
                self.with_docs(&topics, &docs)?
            } else {
                prev.figures.clone()
            };
            (figures, prev.each, prev.weak, prev_end, prev_end)
        };
        let topics: Vec<Topic> = figures.iter().map(|f| f.0).collect();
        if self.blocked(&topics, gap_start, n.start, true)
            || self.blocked(&topics, prev_end, n.start, false)
            || self.blocked_after(&topics, n.end, next_start)
        {
            return None;
        }
        if topics.iter().any(|t| t.is_application()) && !self.about_applications {
            return None;
        }
        if topics.iter().any(|t| t.is_decision()) && !self.only_counting(gap_start, n.start, false)
        {
            return None;
        }
        Some(Reading {
            figures,
            each,
            weak,
            from,
        })
    }

    /// "其中结果维持3件": a number right after a result word, about the cases last named.
    fn outcome(&self, n: &Number, prev_end: usize, case: Case) -> Option<Reading> {
        let t = self
            .terms
            .iter()
            .rev()
            .find(|t| t.start >= prev_end && t.end <= n.start)?;
        let word = &self.clause[t.start..t.end];
        let result = outcome(word, &self.clause[..t.start])?;
        if !self.only_counting(t.end, n.start, false) {
            return None;
        }
        let from = if result == Outcome::Pending {
            back(self.clause, t.start, 2)
        } else {
            t.start
        };
        Some(Reading::of(
            vec![(Topic::Outcome(case, result), None)],
            from,
        ))
    }

    /// "收到申请37件，上年结转2件，共计39件": a total with no word of its own, after figures
    /// the sentence quoted, is their sum, when they add up to something: 新收 and 上年结转,
    /// or one topic over several documents ("规章2件、规范性文件12件，共计14件").
    fn total(&self, n: &Number, prev_end: usize, named: &[Figure]) -> Option<Reading> {
        let words = &self.clause[prev_end.min(n.start)..n.start];
        let says_total = ["共计", "合计", "总计", "共", "累计"]
            .iter()
            .any(|w| words.contains(w));
        if !says_total || !self.only_counting(prev_end, n.start, false) {
            return None;
        }
        let mut figures: Vec<Figure> = named.to_vec();
        figures.sort();
        figures.dedup();
        let intake = figures
            .iter()
            .all(|f| matches!(f.0, Topic::Received | Topic::Over));
        let one_topic = figures.iter().all(|f| f.0 == figures[0].0 && f.1.is_some());
        (figures.len() >= 2 && (intake || one_topic)).then(|| Reading::of(figures, prev_end))
    }

    /// "其中予以公开60件": a number right after an answer word, in a sentence about
    /// applications.
    fn answer(&self, n: &Number, prev_end: usize) -> Option<Reading> {
        if !self.about_applications {
            return None;
        }
        let t = self
            .terms
            .iter()
            .rev()
            .find(|t| t.start >= prev_end && t.end <= n.start)?;
        let rows = answer(&self.clause[t.start..t.end])?;
        if !self.only_counting(t.end, n.start, false) {
            return None;
        }
        // Answers joined ("予以公开及部分公开42件", "予以公开、部分公开") count their sum.
        let mut figures = vec![(Topic::Answer(rows), None)];
        let mut from = t.start;
        let mut at = self.terms.iter().position(|x| std::ptr::eq(x, t))?;
        while at > 0 {
            let before = &self.terms[at - 1];
            let between = self.clause.get(before.end..from).unwrap_or("");
            let Some(other) = answer(self.clause.get(before.start..before.end).unwrap_or(""))
            else {
                break;
            };
            if !SUM_JOINS.contains(&between) {
                break;
            }
            figures.insert(0, (Topic::Answer(other), None));
            from = before.start;
            at -= 1;
        }
        Some(Reading::of(figures, from))
    }

    /// The topic of `terms`' last word, with the words joined to it: ("行政许可、行政处罚",
    /// sum) or ("受理并办结", each); and where the first of them starts.
    fn joined(&self, terms: &[&Term], topic: Topic) -> (Vec<Topic>, bool, usize) {
        let mut topics = vec![topic];
        let mut each = false;
        let mut i = terms.len() - 1;
        let mut from = terms[i].start;
        while i > 0 {
            let between = &self.clause[terms[i - 1].end..terms[i].start];
            let Some((t, _)) = self.topic(terms[i - 1]) else {
                break;
            };
            if SUM_JOINS.contains(&between) {
            } else if EACH_JOINS.contains(&between) {
                each = true;
            } else {
                break;
            }
            // Only like with like: 受理 and 办结, 许可 and 处罚, never 申请 and 办结.
            if t.is_application() != topic.is_application() || t.needs_doc() != topic.needs_doc() {
                break;
            }
            topics.insert(0, t);
            from = terms[i - 1].start;
            i -= 1;
        }
        (topics, each, from)
    }

    /// The documents a table-二 number is about: those named between `from` and the number,
    /// else just after it, else the last one named earlier in the sentence.
    fn docs(
        &self,
        before: &[&Term],
        after: &[&Term],
        from: usize,
        to: usize,
        earlier: Option<Doc>,
    ) -> Vec<Doc> {
        let doc = |t: &&Term| match t.kind {
            Kind::Doc(d) => Some(d),
            _ => None,
        };
        let between: Vec<Doc> = before
            .iter()
            .filter(|t| t.start >= from && t.end <= to)
            .filter_map(doc)
            .collect();
        if !between.is_empty() {
            return between;
        }
        if let Some(d) = after.iter().take(2).find_map(doc) {
            return vec![d];
        }
        if let Some(d) = before.iter().rev().find_map(doc) {
            return vec![d];
        }
        earlier.into_iter().collect()
    }

    /// `topics` with their documents; None when a document topic has none.
    fn with_docs(&self, topics: &[Topic], docs: &[Doc]) -> Option<Vec<Figure>> {
        let mut out = Vec::new();
        for &t in topics {
            if t.needs_doc() {
                if docs.is_empty() {
                    return None;
                }
                out.extend(docs.iter().map(|&d| (t, Some(d))));
            } else {
                out.push((t, None));
            }
        }
        out.dedup();
        Some(out)
    }

    /// True when a word in `from..to` makes the number not a figure of `topics`; `gap`
    /// is true for the words between the figure's word and the number, where 其中 counts.
    fn blocked(&self, topics: &[Topic], from: usize, to: usize, gap: bool) -> bool {
        self.terms
            .iter()
            .filter(|t| t.start >= from && t.end <= to)
            .any(|t| match t.kind {
                Kind::Block(Block::Subset) => gap && blocks(Block::Part, topics),
                Kind::Block(b) => blocks(b, topics),
                _ => false,
            })
            || (topics.contains(&Topic::Fees) && self.clause.contains("处理费"))
    }

    /// True when the words right after the number make it another kind of thing
    /// ("收到20件投诉").
    fn blocked_after(&self, topics: &[Topic], from: usize, to: usize) -> bool {
        self.terms
            .iter()
            .filter(|t| t.start >= from && t.end <= to)
            .take(2)
            .any(|t| matches!(t.kind, Kind::Block(Block::Other)) && blocks(Block::Other, topics))
    }

    /// True when `from..to` holds only words that go on counting (and, with `docs`, the
    /// names of documents and joins), so a figure named before still applies.
    fn only_counting(&self, from: usize, to: usize, docs: bool) -> bool {
        let mut rest = &self.clause[from.min(to)..to];
        'outer: while !rest.is_empty() {
            let words = FILLERS
                .iter()
                .chain(SUM_JOINS.iter())
                .chain(["其他", "行政"].iter())
                .chain(if docs {
                    ["规范性文件", "规章"].iter()
                } else {
                    [].iter()
                });
            for w in words {
                if let Some(r) = rest.strip_prefix(w) {
                    rest = r;
                    continue 'outer;
                }
            }
            return false;
        }
        true
    }

    /// The figures a clause without numbers names with strong words, for a next clause
    /// that only goes on counting ("共收到政府信息公开申请，共计126件").
    fn strong_figures(&self) -> Option<Vec<Figure>> {
        let t = self
            .terms
            .iter()
            .rev()
            .find(|t| matches!(self.topic(t), Some((_, true))))?;
        let (topic, _) = self.topic(t)?;
        if topic.needs_doc() {
            let doc = self.terms.iter().rev().find_map(|t| match t.kind {
                Kind::Doc(d) => Some(d),
                _ => None,
            })?;
            return Some(vec![(topic, Some(doc))]);
        }
        Some(vec![(topic, None)])
    }

    /// "未收到政府信息公开申请", "未发生因政府信息公开工作被申请行政复议、提起行政诉讼的
    /// 情况": a clause without numbers that says none.
    fn zero_claims(&self) -> Vec<Claim> {
        let mut out = Vec::new();
        for t in self.terms {
            let Some((topic, true)) = self.topic(t) else {
                continue;
            };
            let before = &self.clause[..t.start];
            let negated = match topic {
                Topic::Received if self.about_applications => ["未", "没有", "未曾", "无"]
                    .iter()
                    .any(|w| before.ends_with(w)),
                Topic::Review | Topic::Litigation => {
                    let window: String = {
                        let mut v: Vec<char> = before.chars().rev().take(24).collect();
                        v.reverse();
                        v.into_iter().collect()
                    };
                    negation_in(&window).is_some_and(|p| {
                        let gap = &window[p..];
                        ![
                            "逾期",
                            "超期",
                            "答复",
                            "投诉",
                            "举报",
                            "但",
                            "仅",
                            "决定书",
                            "纠正",
                        ]
                        .iter()
                        .any(|w| gap.contains(w))
                    })
                }
                _ => false,
            };
            if negated {
                let start = negation_start(before).unwrap_or(t.start);
                out.push(Claim {
                    figures: vec![(topic, None)],
                    each: false,
                    with_carried_over: false,
                    value: Quoted::Count(0),
                    excerpt: self.clause[start..].to_string(),
                });
            }
        }
        out
    }
}

/// The byte offset `chars` characters before `pos` in `text` (or its start).
fn back(text: &str, pos: usize, chars: usize) -> usize {
    text[..pos]
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

/// Where the first negation in `text` starts ("未发生", "没有", "无"), if any.
fn negation_in(text: &str) -> Option<usize> {
    [
        "未发生",
        "没有发生",
        "未出现",
        "未有",
        "未被",
        "没有被",
        "未",
        "没有",
        "无",
    ]
    .iter()
    .filter_map(|w| {
        text.match_indices(w)
            .find(|(i, _)| {
                let after = &text[i + w.len()..];
                !["来", "法", "论", "必", "经"]
                    .iter()
                    .any(|x| after.starts_with(x))
            })
            .map(|(i, _)| i)
    })
    .min()
}

/// Where the negation before a word starts, for the excerpt.
fn negation_start(before: &str) -> Option<usize> {
    let skip = before.char_indices().rev().nth(23).map_or(0, |(i, _)| i);
    negation_in(&before[skip..]).map(|p| skip + p)
}

/// The kind of case a word names, if it names one.
fn case_of(kind: Kind) -> Option<Case> {
    match kind {
        Kind::Topic(Topic::Review, _) => Some(Case::Review),
        Kind::Topic(Topic::Litigation, _) => Some(Case::Litigation),
        _ => None,
    }
}

/// Whether a blocking word takes a number away from `topics`.
fn blocks(b: Block, topics: &[Topic]) -> bool {
    let any = |f: fn(Topic) -> bool| topics.iter().any(|&t| f(t));
    match b {
        Block::Change => true,
        Block::Part | Block::Subset | Block::Other => any(Topic::is_application),
        Block::Result => any(|t| matches!(t, Topic::Review | Topic::Litigation)),
        Block::ProcessingFee => any(|t| t == Topic::Fees),
    }
}
