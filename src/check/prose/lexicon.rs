//! The words that say what a number in 一、总体情况 counts: verbs and nouns that name a
//! figure of the tables (topics), the documents of table 二, and the words that make a
//! number something else (a part, a change, another kind of case).

/// A figure of the tables a number can be about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Topic {
    /// 本年新收 (收到, 受理, 接收…).
    Received,
    /// （七）总计 (办结, 答复…).
    Concluded,
    /// 四、结转下年度继续办理.
    Forward,
    /// 二、上年结转.
    Over,
    /// 表四 行政复议.
    Review,
    /// 表四 行政诉讼 (both columns).
    Litigation,
    /// 表二 本年制发 (of a [`Doc`]).
    Made,
    /// 表二 本年废止.
    Repealed,
    /// 表二 现行有效.
    Valid,
    /// 表二 行政许可 decisions.
    Licensing,
    /// 表二 行政处罚 decisions.
    Punishment,
    /// 表二 行政强制 decisions.
    Coercion,
    /// 表二 行政事业性收费 (万元).
    Fees,
    /// 表四: how many cases of a kind ended one way ("其中结果维持3件").
    Outcome(Case, Outcome),
    /// 表三: how many applications were answered one way ("其中予以公开60件"): the row
    /// key prefix of the 办理结果 rows it sums ("r1_", "r3_"…).
    Answer(&'static str),
}

/// The 办理结果 an answer word names, as the key prefix of its rows of table 三.
pub fn answer(word: &str) -> Option<&'static str> {
    Some(match word {
        "予以公开" => "r1_",
        "部分公开" => "r2_",
        "不予公开" => "r3_",
        "无法提供" => "r4_",
        "不予处理" => "r5_",
        "其他处理" => "r6_",
        _ => return None,
    })
}

/// The two kinds of cases of table 四.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Case {
    Review,
    Litigation,
}

/// The four results of table 四.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    Maintain,
    Correct,
    Other,
    Pending,
}

/// The result a word of [`Block::Result`] names ("维持", "纠正", "尚未审结", "其他结果"),
/// given the text before it.
pub fn outcome(word: &str, before: &str) -> Option<Outcome> {
    match word {
        "维持" => Some(Outcome::Maintain),
        "纠正" | "撤销" => Some(Outcome::Correct),
        "其他结果" => Some(Outcome::Other),
        "审结" if before.ends_with('未') => Some(Outcome::Pending),
        _ => None,
    }
}

impl Topic {
    /// Table 三 topics: about applications.
    pub fn is_application(self) -> bool {
        matches!(
            self,
            Topic::Received | Topic::Concluded | Topic::Forward | Topic::Over
        )
    }

    /// Table 二 document topics, which need a [`Doc`].
    pub fn needs_doc(self) -> bool {
        matches!(self, Topic::Made | Topic::Repealed | Topic::Valid)
    }

    /// Table 二 decision topics, which allow only a few words between them and the number.
    pub fn is_decision(self) -> bool {
        matches!(
            self,
            Topic::Licensing | Topic::Punishment | Topic::Coercion | Topic::Fees
        )
    }
}

/// The two kinds of documents of 第二十条第（一）项.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Doc {
    Regulation,
    Normative,
}

/// What a word of the lexicon is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Names a topic; weak words ("申请", "办理") count only when no strong one is near.
    Topic(Topic, bool),
    /// 结转: forward or back, as the words around it say.
    Carry,
    Doc(Doc),
    /// A word that makes the number not a figure of its topic.
    Block(Block),
}

/// Why a number is not the figure its topic names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block {
    /// 同比, 增加…: a change, not a total.
    Change,
    /// 自然人, 予以公开, 按时…: a part of the total, wherever it stands before the number.
    Part,
    /// 其中: a part, when it stands between the figure's word and the number ("收到申请，
    /// 其中…100件"), not before the word ("其中办结120件").
    Subset,
    /// 投诉, 来电, 建议…: not applications.
    Other,
    /// 维持, 纠正, 审结…: a result of the cases, not their number.
    Result,
    /// 信息处理费: the fee of 六, not 行政事业性收费.
    ProcessingFee,
}

const STRONG: bool = true;
const WEAK: bool = false;

/// Every word, matched longest first at each position.
pub const WORDS: &[(&str, Kind)] = &[
    // 本年新收
    ("收到", Kind::Topic(Topic::Received, STRONG)),
    ("收悉", Kind::Topic(Topic::Received, STRONG)),
    ("受理", Kind::Topic(Topic::Received, STRONG)),
    ("新收", Kind::Topic(Topic::Received, STRONG)),
    ("接收", Kind::Topic(Topic::Received, STRONG)),
    ("接到", Kind::Topic(Topic::Received, STRONG)),
    ("接受", Kind::Topic(Topic::Received, STRONG)),
    ("新增", Kind::Topic(Topic::Received, STRONG)),
    ("提出", Kind::Topic(Topic::Received, STRONG)),
    ("登记", Kind::Topic(Topic::Received, STRONG)),
    ("办理", Kind::Topic(Topic::Received, WEAK)),
    ("处理", Kind::Topic(Topic::Received, WEAK)),
    ("依申请公开", Kind::Topic(Topic::Received, WEAK)),
    ("申请", Kind::Topic(Topic::Received, WEAK)),
    // （七）总计
    ("办结", Kind::Topic(Topic::Concluded, STRONG)),
    ("答复", Kind::Topic(Topic::Concluded, STRONG)),
    ("办理完毕", Kind::Topic(Topic::Concluded, STRONG)),
    ("办理完成", Kind::Topic(Topic::Concluded, STRONG)),
    ("处理完毕", Kind::Topic(Topic::Concluded, STRONG)),
    ("完成办理", Kind::Topic(Topic::Concluded, STRONG)),
    ("已办理", Kind::Topic(Topic::Concluded, STRONG)),
    ("已处理", Kind::Topic(Topic::Concluded, STRONG)),
    // 结转下年度: the negated forms of 办结 say the same.
    ("未办结", Kind::Topic(Topic::Forward, STRONG)),
    ("没有办结", Kind::Topic(Topic::Forward, STRONG)),
    ("未答复", Kind::Topic(Topic::Forward, STRONG)),
    ("未办理完毕", Kind::Topic(Topic::Forward, STRONG)),
    ("正在办理", Kind::Topic(Topic::Forward, STRONG)),
    ("仍在办理", Kind::Topic(Topic::Forward, STRONG)),
    ("在办", Kind::Topic(Topic::Forward, STRONG)),
    ("顺延", Kind::Topic(Topic::Forward, STRONG)),
    ("延续至下", Kind::Topic(Topic::Forward, STRONG)),
    ("延续到下", Kind::Topic(Topic::Forward, STRONG)),
    ("转入下", Kind::Topic(Topic::Forward, STRONG)),
    ("结转", Kind::Carry),
    ("上年遗留", Kind::Topic(Topic::Over, STRONG)),
    ("往年遗留", Kind::Topic(Topic::Over, STRONG)),
    // 表四
    ("行政复议", Kind::Topic(Topic::Review, STRONG)),
    ("复议", Kind::Topic(Topic::Review, STRONG)),
    ("行政诉讼", Kind::Topic(Topic::Litigation, STRONG)),
    ("诉讼", Kind::Topic(Topic::Litigation, STRONG)),
    ("起诉", Kind::Topic(Topic::Litigation, STRONG)),
    // 表二
    ("制发", Kind::Topic(Topic::Made, STRONG)),
    ("制定", Kind::Topic(Topic::Made, STRONG)),
    ("出台", Kind::Topic(Topic::Made, STRONG)),
    ("印发", Kind::Topic(Topic::Made, STRONG)),
    ("发布", Kind::Topic(Topic::Made, WEAK)),
    ("废止", Kind::Topic(Topic::Repealed, STRONG)),
    ("废除", Kind::Topic(Topic::Repealed, STRONG)),
    ("宣布失效", Kind::Topic(Topic::Repealed, STRONG)),
    ("失效", Kind::Topic(Topic::Repealed, STRONG)),
    ("现行有效", Kind::Topic(Topic::Valid, STRONG)),
    ("有效", Kind::Topic(Topic::Valid, WEAK)),
    ("行政许可", Kind::Topic(Topic::Licensing, STRONG)),
    ("行政处罚", Kind::Topic(Topic::Punishment, STRONG)),
    ("行政强制", Kind::Topic(Topic::Coercion, STRONG)),
    ("行政事业性收费", Kind::Topic(Topic::Fees, STRONG)),
    ("收费金额", Kind::Topic(Topic::Fees, STRONG)),
    ("规范性文件", Kind::Doc(Doc::Normative)),
    ("规章", Kind::Doc(Doc::Regulation)),
    // Not the figure.
    ("同比", Kind::Block(Block::Change)),
    ("环比", Kind::Block(Block::Change)),
    ("增加", Kind::Block(Block::Change)),
    ("减少", Kind::Block(Block::Change)),
    ("增长", Kind::Block(Block::Change)),
    ("下降", Kind::Block(Block::Change)),
    ("上升", Kind::Block(Block::Change)),
    ("提高", Kind::Block(Block::Change)),
    ("降低", Kind::Block(Block::Change)),
    ("较", Kind::Block(Block::Change)),
    ("比上", Kind::Block(Block::Change)),
    ("比去", Kind::Block(Block::Change)),
    ("其中", Kind::Block(Block::Subset)),
    ("自然人", Kind::Block(Block::Part)),
    ("法人", Kind::Block(Block::Part)),
    ("企业", Kind::Block(Block::Part)),
    ("科研机构", Kind::Block(Block::Part)),
    ("公益组织", Kind::Block(Block::Part)),
    ("法律服务机构", Kind::Block(Block::Part)),
    ("其他组织", Kind::Block(Block::Part)),
    ("当面", Kind::Block(Block::Part)),
    ("网上", Kind::Block(Block::Part)),
    ("网络", Kind::Block(Block::Part)),
    ("信函", Kind::Block(Block::Part)),
    ("邮寄", Kind::Block(Block::Part)),
    ("传真", Kind::Block(Block::Part)),
    ("电子邮件", Kind::Block(Block::Part)),
    ("予以公开", Kind::Block(Block::Part)),
    ("部分公开", Kind::Block(Block::Part)),
    ("不予公开", Kind::Block(Block::Part)),
    ("无法提供", Kind::Block(Block::Part)),
    ("不予处理", Kind::Block(Block::Part)),
    ("其他处理", Kind::Block(Block::Part)),
    ("不存在", Kind::Block(Block::Part)),
    ("不掌握", Kind::Block(Block::Part)),
    ("不属于", Kind::Block(Block::Part)),
    ("告知", Kind::Block(Block::Part)),
    ("补正", Kind::Block(Block::Part)),
    ("撤回", Kind::Block(Block::Part)),
    ("逾期", Kind::Block(Block::Part)),
    ("超期", Kind::Block(Block::Part)),
    ("延期", Kind::Block(Block::Part)),
    ("按时", Kind::Block(Block::Part)),
    ("按期", Kind::Block(Block::Part)),
    ("当场", Kind::Block(Block::Part)),
    ("当日", Kind::Block(Block::Part)),
    ("投诉", Kind::Block(Block::Other)),
    ("举报", Kind::Block(Block::Other)),
    ("信访", Kind::Block(Block::Other)),
    ("来电", Kind::Block(Block::Other)),
    ("来信", Kind::Block(Block::Other)),
    ("来访", Kind::Block(Block::Other)),
    ("咨询", Kind::Block(Block::Other)),
    ("留言", Kind::Block(Block::Other)),
    ("建议", Kind::Block(Block::Other)),
    ("提案", Kind::Block(Block::Other)),
    ("意见", Kind::Block(Block::Other)),
    ("热线", Kind::Block(Block::Other)),
    ("诉求", Kind::Block(Block::Other)),
    ("工单", Kind::Block(Block::Other)),
    ("政务服务", Kind::Block(Block::Other)),
    ("维持", Kind::Block(Block::Result)),
    ("其他结果", Kind::Block(Block::Result)),
    ("纠正", Kind::Block(Block::Result)),
    ("审结", Kind::Block(Block::Result)),
    ("撤销", Kind::Block(Block::Result)),
    ("驳回", Kind::Block(Block::Result)),
    ("败诉", Kind::Block(Block::Result)),
    ("胜诉", Kind::Block(Block::Result)),
    ("撤诉", Kind::Block(Block::Result)),
    ("处理费", Kind::Block(Block::ProcessingFee)),
];

/// Words after a topic word that make it another thing (复议决定书, 诉讼法, 规章制度), and
/// what the word then is: a thing other than applications, or nothing.
const NOT_FOLLOWED_BY: &[(&str, &[&str], Option<Block>)] = &[
    (
        "复议",
        &["决定书", "法", "机关", "委员会"],
        Some(Block::Other),
    ),
    ("诉讼", &["法", "代理"], Some(Block::Other)),
    ("规章", &["制度"], None),
    ("申请", &["人"], None),
    (
        "有效",
        &["期", "性", "回应", "措施", "推进", "提升", "落实", "保障"],
        None,
    ),
];

/// A word found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

/// The lexicon's words in `text`, left to right, longest first, never overlapping.
pub fn terms(text: &str) -> Vec<Term> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let best = WORDS
            .iter()
            .filter(|(w, _)| rest.starts_with(w))
            .max_by_key(|(w, _)| w.len());
        let Some(&(w, kind)) = best else {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let after = &rest[w.len()..];
        let other = NOT_FOLLOWED_BY
            .iter()
            .find(|(x, nots, _)| w.ends_with(x) && nots.iter().any(|n| after.starts_with(n)));
        let kind = match other {
            None => Some(kind),
            Some(&(_, _, block)) => block.map(Kind::Block),
        };
        if let Some(kind) = kind {
            out.push(Term {
                start: i,
                end: i + w.len(),
                kind,
            });
        }
        i += w.len();
    }
    out
}

/// Which way a 结转 at `start..end` goes, from the words around it in its clause
/// (`year` is the report's year): "上年结转", "结转至下一年度", "结转至2025年".
pub fn carry_direction(clause: &str, start: usize, end: usize, year: u16) -> Option<Topic> {
    let before: String = {
        let mut v: Vec<char> = clause[..start].chars().rev().take(8).collect();
        v.reverse();
        v.into_iter().collect()
    };
    let after: String = clause[end..].chars().take(8).collect();
    let last = year.saturating_sub(1).to_string();
    let next = year.saturating_add(1).to_string();
    let back = [
        "上年",
        "上一年",
        "去年",
        "往年",
        "以前年度",
        "前一年",
        "上个年度",
    ];
    let forward = ["下年", "下一年", "次年", "明年", "下个年度", "下一个年度"];
    if forward.iter().any(|w| after.contains(w)) || after.contains(&next) {
        Some(Topic::Forward)
    } else if back.iter().any(|w| before.contains(w))
        || before.contains(&last)
        || after.starts_with("上年")
    {
        Some(Topic::Over)
    } else if before.contains("将") || after.starts_with('至') || after.starts_with('到') {
        Some(Topic::Forward)
    } else {
        None
    }
}
