//! Labels as real reports print them: a character dropped or doubled ("其他法律行政止公开",
//! "行政法复议"), traditional characters ("屬於國家秘密"). A printed label is taken for a
//! format label by similarity, and only when that is unambiguous: close enough to it, and
//! nearer to it than to any other label it could be.

use super::text::Compact;

/// A printed label taken for a format label by similarity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelMatch {
    /// The label as printed (compacted: no spaces or punctuation).
    pub printed: String,
    /// The format's label it was taken for.
    pub label: String,
}

/// Traditional forms of the characters in the format's labels and headings, and their
/// simplified ones (a report copied from a traditional-script page, or typed in a
/// traditional input method).
const TRADITIONAL: &[(char, char)] = &[
    ('國', '国'),
    ('屬', '属'),
    ('於', '于'),
    ('開', '开'),
    ('請', '请'),
    ('處', '处'),
    ('機', '机'),
    ('關', '关'),
    ('權', '权'),
    ('務', '务'),
    ('資', '资'),
    ('過', '过'),
    ('執', '执'),
    ('詢', '询'),
    ('項', '项'),
    ('無', '无'),
    ('現', '现'),
    ('製', '制'),
    ('補', '补'),
    ('確', '确'),
    ('訪', '访'),
    ('舉', '举'),
    ('報', '报'),
    ('訴', '诉'),
    ('類', '类'),
    ('複', '复'),
    ('議', '议'),
    ('訟', '讼'),
    ('結', '结'),
    ('轉', '转'),
    ('審', '审'),
    ('維', '维'),
    ('糾', '纠'),
    ('總', '总'),
    ('計', '计'),
    ('數', '数'),
    ('規', '规'),
    ('範', '范'),
    ('許', '许'),
    ('罰', '罚'),
    ('強', '强'),
    ('費', '费'),
    ('會', '会'),
    ('組', '组'),
    ('織', '织'),
    ('構', '构'),
    ('業', '业'),
    ('決', '决'),
    ('護', '护'),
    ('險', '险'),
    ('穩', '稳'),
    ('獲', '获'),
    ('認', '认'),
    ('繳', '缴'),
    ('納', '纳'),
    ('內', '内'),
    ('網', '网'),
    ('發', '发'),
    ('時', '时'),
    ('間', '间'),
    ('況', '况'),
    ('題', '题'),
    ('進', '进'),
    ('與', '与'),
    ('為', '为'),
    ('來', '来'),
    ('個', '个'),
    ('實', '实'),
    ('體', '体'),
    ('萬', '万'),
    ('經', '经'),
    ('濟', '济'),
    ('廢', '废'),
    ('條', '条'),
    ('負', '负'),
    ('責', '责'),
    ('員', '员'),
    ('單', '单'),
    ('產', '产'),
    ('據', '据'),
    ('統', '统'),
    ('復', '复'),
    ('營', '营'),
    ('衛', '卫'),
    ('區', '区'),
    ('縣', '县'),
    ('鎮', '镇'),
    ('鄉', '乡'),
    ('庫', '库'),
    ('後', '后'),
    ('戶', '户'),
    ('辦', '办'),
    ('勢', '势'),
    ('變', '变'),
];

/// The simplified form of a traditional character of the format's vocabulary.
pub fn simplified(c: char) -> char {
    if (c as u32) < 0x4E00 {
        return c;
    }
    TRADITIONAL
        .iter()
        .find(|(t, _)| *t == c)
        .map_or(c, |(_, s)| *s)
}

/// Edit distance (insertions, deletions, substitutions) between two short strings.
pub fn distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The most edits a printed label of `len` characters may differ by from the format's.
pub fn tolerance(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        8..=10 => 2,
        _ => 3,
    }
}

/// The closest printed form of `label` in `compact` between indices `from` and `until`
/// (Sellers' approximate substring search): (start, end, distance), the earliest of the
/// closest, when within the label's tolerance and nearer to `label` than to each of
/// `others` (so a typo is never taken for a neighbouring row's label). Windows are capped
/// at `MAX_WINDOW` characters: the search is linear in it.
pub fn find_similar(
    compact: &Compact,
    label: &str,
    others: &[&str],
    from: usize,
    until: usize,
) -> Option<(usize, usize, usize)> {
    const MAX_WINDOW: usize = 4000;
    let pat: Vec<char> = label
        .chars()
        .filter(|c| !super::text::is_skipped(*c))
        .collect();
    let k = tolerance(pat.len());
    let until = until.min(compact.chars.len()).min(from + MAX_WINDOW);
    if k == 0 || from >= until {
        return None;
    }
    let text = &compact.chars[from..until];
    let m = pat.len();
    // cost[j], start[j]: the best match of pat[..j] ending at the current text position.
    let mut cost: Vec<usize> = (0..=m).collect();
    let mut start: Vec<usize> = vec![0; m + 1];
    let mut best: Option<(usize, usize, usize)> = None;
    for (i, &c) in text.iter().enumerate() {
        let mut new_cost = vec![0; m + 1];
        let mut new_start = vec![i + 1; m + 1];
        new_start[0] = i + 1;
        for j in 1..=m {
            let diag = cost[j - 1] + usize::from(pat[j - 1] != c);
            let up = cost[j] + 1; // text char inserted
            let left = new_cost[j - 1] + 1; // pattern char dropped
            let (v, s) = if diag <= up && diag <= left {
                (diag, if j == 1 { i } else { start[j - 1] })
            } else if up <= left {
                (up, start[j])
            } else {
                (left, new_start[j - 1])
            };
            new_cost[j] = v;
            new_start[j] = s;
        }
        cost = new_cost;
        start = new_start;
        let d = cost[m];
        if d <= k && best.is_none_or(|b| d < b.2) {
            best = Some((from + start[m], from + i + 1, d));
        }
    }
    let (s, e, d) = best?;
    // Trim edits at the ends: a match never starts or ends on a character the label
    // does not have when dropping it is as good.
    let printed: Vec<char> = compact.chars[s..e].to_vec();
    let nearer_other = others.iter().any(|o| {
        let o: Vec<char> = o.chars().filter(|c| !super::text::is_skipped(*c)).collect();
        distance(&printed, &o) <= d
    });
    (!nearer_other).then_some((s, e, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_are_found_and_neighbours_are_not_taken() {
        let c = Compact::new("0 0 0 2.其他法律行政止公开 0 0 0 3.危及");
        let found = find_similar(
            &c,
            "其他法律行政法规禁止公开",
            &["属于国家秘密", "危及三安全一稳定"],
            0,
            usize::MAX,
        );
        let (s, e, d) = found.expect("found");
        let printed: String = c.chars[s..e].iter().collect();
        assert_eq!((printed.as_str(), d), ("其他法律行政止公开", 3));
        // A label is never taken for one it is not nearest to.
        let c = Compact::new("属于国家秘密");
        assert!(find_similar(&c, "属于国家秘书", &["属于国家秘密"], 0, usize::MAX).is_none());
        assert_eq!(
            distance(&['行', '政', '法', '复', '议'], &['行', '政', '复', '议']),
            1
        );
        assert_eq!(simplified('屬'), '属');
    }
}
