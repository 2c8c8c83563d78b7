//! Reading the figures of a table row out of text, where a website may have run a row's
//! cells together into one digit string ("12100013"), and settling such strings with the
//! table's own arithmetic: a reading is taken only when it is the only one that fits.

/// Marks an empty table cell in text made from HTML (a blank, not a figure).
pub const EMPTY_CELL: char = '\u{2205}';

/// A number as it stood in the text (empty `text`: a blank cell).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The digits (and a decimal point for an amount), thousands separators removed.
    pub text: String,
    /// Followed by a list-number separator ("1." "1、"): maybe a label's ordinal.
    pub dotted: bool,
}

/// The figures in a stretch of table text, in order. Dates, page numbers and document
/// numbers ("2024年", "第2页", "〔2021〕30号") are not figures and are left out.
pub fn tokens(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let spaced = |j: Option<usize>| {
            j.and_then(|j| chars.get(j))
                .is_none_or(|c| c.is_whitespace())
        };
        if c == EMPTY_CELL
            || (matches!(c, '—' | '－' | '-' | '–' | '/' | '／')
                && spaced(i.checked_sub(1))
                && spaced(Some(i + 1)))
        {
            // An empty cell, or one printed as a dash: blank, not a figure.
            out.push(Token {
                text: String::new(),
                dotted: false,
            });
            i += 1;
            continue;
        }
        if !c.is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        let mut digits = String::new();
        // Digits since the start or the last thousands separator.
        let mut group = 0;
        while i < chars.len() {
            let c = chars[i];
            if c.is_ascii_digit() {
                digits.push(c);
                group += 1;
                i += 1;
            } else if c == ','
                && chars
                    .get(i + 1..i + 4)
                    .is_some_and(|d| d.iter().all(char::is_ascii_digit))
                && !chars.get(i + 4).is_some_and(char::is_ascii_digit)
                && group <= 3
                && !digits.contains('.')
            {
                // Thousands separator: "3,985,758".
                group = 0;
                i += 1;
            } else if c == '.' && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
                digits.push('.');
                i += 1;
            } else {
                break;
            }
        }
        let prev = start.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let next = chars.get(i).copied();
        let not_a_figure = matches!(
            next,
            Some('年' | '月' | '日' | '页' | '号' | '%' | '〕' | ']' | '条' | '元')
        ) || matches!(prev, Some('第' | '〔' | '[' | '-' | '—'))
            || (matches!(next, Some('-' | '—')) && prev.is_some_and(|p| matches!(p, '-' | '—')));
        if not_a_figure {
            continue;
        }
        // "1." before a label (which may be where the stretch of text ends).
        let dotted = matches!(next, Some('.' | '、' | '，' | ','))
            && chars
                .get(i + 1)
                .is_none_or(|c| !c.is_ascii_digit() && !c.is_whitespace());
        out.push(Token {
            text: digits,
            dotted,
        });
    }
    out
}

/// Most digits in one cell (the model's largest count has 12).
const MAX_DIGITS: usize = 12;

/// True when `s` can be one cell: "0", or digits not starting with 0, at most 12 of them.
fn valid_count(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_DIGITS
        && s.bytes().all(|b| b.is_ascii_digit())
        && (s == "0" || !s.starts_with('0'))
}

/// Every way of reading `tokens` as exactly `n` counts, splitting tokens that hold several
/// run-together cells; None when there are more than `cap` ways (too ambiguous to try).
pub fn readings(tokens: &[Token], n: usize, cap: usize) -> Option<Vec<Vec<u64>>> {
    let mut out = Vec::new();
    let mut current = Vec::with_capacity(n);
    let texts: Vec<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
    let total_digits: usize = texts.iter().map(|t| t.len()).sum();
    if texts.is_empty() || texts.len() > n || total_digits < n {
        return Some(out);
    }
    if !walk(&texts, n, &mut current, &mut out, cap) {
        return None;
    }
    Some(out)
}

/// Depth-first over tokens; false when the cap was hit.
fn walk(
    tokens: &[&str],
    n: usize,
    current: &mut Vec<u64>,
    out: &mut Vec<Vec<u64>>,
    cap: usize,
) -> bool {
    let Some((first, rest)) = tokens.split_first() else {
        if current.len() == n {
            out.push(current.clone());
        }
        return out.len() <= cap;
    };
    let left = n.saturating_sub(current.len());
    // This token takes k cells; every later token needs at least one.
    let max_k = left.saturating_sub(rest.len()).min(first.len());
    let min_k = first.len().div_ceil(MAX_DIGITS).max(1);
    for k in min_k..=max_k {
        if !split_token(first, k, rest, n, current, out, cap) {
            return false;
        }
    }
    true
}

/// Splits one token into k cells in every valid way, continuing with the rest.
fn split_token(
    token: &str,
    k: usize,
    rest: &[&str],
    n: usize,
    current: &mut Vec<u64>,
    out: &mut Vec<Vec<u64>>,
    cap: usize,
) -> bool {
    if k == 1 {
        if !valid_count(token) {
            return true;
        }
        let Ok(v) = token.parse::<u64>() else {
            return true;
        };
        current.push(v);
        let ok = walk(rest, n, current, out, cap);
        current.pop();
        return ok;
    }
    // The first cell takes 1..=len-(k-1) digits, leaving at most 12 for each other cell.
    for len in 1..=token.len().saturating_sub(k - 1) {
        if token.len() - len > MAX_DIGITS * (k - 1) {
            continue;
        }
        let (head, tail) = token.split_at(len);
        if !valid_count(head) {
            continue;
        }
        let Ok(v) = head.parse::<u64>() else {
            continue;
        };
        current.push(v);
        let ok = split_token(tail, k - 1, rest, n, current, out, cap);
        current.pop();
        if !ok {
            return false;
        }
    }
    true
}

/// An arithmetic rule of a table: the cells of `lhs` add up to the cells of `rhs`; a cell
/// is (row index, column index).
#[derive(Debug, Clone)]
pub struct Equation {
    /// Cells on the left.
    pub lhs: Vec<(usize, usize)>,
    /// Cells on the right.
    pub rhs: Vec<(usize, usize)>,
}

/// Narrows each row's readings with the table's equations: first each row by the equations
/// on that row alone, then all ambiguous rows together (when few enough combinations).
/// A row read as printed (`split[r]` false) is never narrowed to nothing: when none of its
/// readings fits (a published arithmetic error), all are kept, and the cells they disagree
/// on stay uncertain. A row whose cells ran together (`split[r]` true) keeps only the
/// readings that fit its own equations, however few: a split that breaks the row's own
/// sum is more likely a blank cell or a misread than a published error.
pub fn settle(rows: &mut [Vec<Vec<u64>>], split: &[bool], equations: &[Equation]) {
    const MAX_COMBINATIONS: usize = 20_000;
    let holds = |eq: &Equation, value: &dyn Fn(usize, usize) -> Option<u64>| -> Option<bool> {
        let sum = |cells: &[(usize, usize)]| -> Option<u64> {
            cells
                .iter()
                .try_fold(0u64, |acc, &(r, c)| Some(acc.saturating_add(value(r, c)?)))
        };
        Some(sum(&eq.lhs)? == sum(&eq.rhs)?)
    };
    // Each row by its own equations.
    for (r, readings) in rows.iter_mut().enumerate() {
        let strict = split.get(r).copied().unwrap_or(false);
        if readings.len() < 2 && !strict {
            continue;
        }
        let own: Vec<&Equation> = equations
            .iter()
            .filter(|eq| eq.lhs.iter().chain(&eq.rhs).all(|&(row, _)| row == r))
            .collect();
        let fitting: Vec<Vec<u64>> = readings
            .iter()
            .filter(|reading| {
                own.iter()
                    .all(|eq| holds(eq, &|_, c| reading.get(c).copied()) != Some(false))
            })
            .cloned()
            .collect();
        if strict || !fitting.is_empty() {
            *readings = fitting;
        }
    }
    // The ambiguous rows together, against every equation.
    let ambiguous: Vec<usize> = (0..rows.len()).filter(|&r| rows[r].len() > 1).collect();
    if ambiguous.is_empty() {
        return;
    }
    let combinations = ambiguous
        .iter()
        .try_fold(1usize, |acc, &r| acc.checked_mul(rows[r].len()));
    if combinations.is_none_or(|c| c > MAX_COMBINATIONS) {
        return;
    }
    let mut choice = vec![0usize; ambiguous.len()];
    let mut fits: Vec<Vec<bool>> = ambiguous
        .iter()
        .map(|&r| vec![false; rows[r].len()])
        .collect();
    let mut any = false;
    loop {
        let value = |r: usize, c: usize| -> Option<u64> {
            let pick = match ambiguous.iter().position(|&a| a == r) {
                Some(i) => rows[r].get(choice[i]),
                None if rows[r].len() == 1 => rows[r].first(),
                None => None,
            };
            pick.and_then(|reading| reading.get(c).copied())
        };
        if equations.iter().all(|eq| holds(eq, &value) != Some(false)) {
            any = true;
            for (i, &c) in choice.iter().enumerate() {
                fits[i][c] = true;
            }
        }
        // Next combination.
        let mut i = 0;
        loop {
            if i == choice.len() {
                if any {
                    for (a, &r) in ambiguous.iter().enumerate() {
                        let mut k = 0;
                        rows[r].retain(|_| {
                            k += 1;
                            fits[a][k - 1]
                        });
                    }
                }
                return;
            }
            choice[i] += 1;
            if choice[i] < rows[ambiguous[i]].len() {
                break;
            }
            choice[i] = 0;
            i += 1;
        }
    }
}

/// The value of each cell that every remaining reading agrees on (None: uncertain).
pub fn agreed(readings: &[Vec<u64>], n: usize) -> Vec<Option<u64>> {
    (0..n)
        .map(|c| {
            let first = readings.first()?.get(c).copied()?;
            readings
                .iter()
                .all(|r| r.get(c) == Some(&first))
                .then_some(first)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<Token> {
        tokens(text)
    }

    #[test]
    fn figures_not_dates_or_page_numbers() {
        let t: Vec<String> = toks("2024年 12 1,234 第2页 0.5 〔2021〕30号 3.其他")
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(t, ["12", "1234", "0.5", "3"]);
        assert!(toks("3.其他")[0].dotted);
    }

    #[test]
    fn a_row_sum_picks_the_only_fitting_split() {
        let mut rows = vec![readings(&toks("121000013"), 7, 1000).unwrap_or_default()];
        assert!(rows[0].len() > 2);
        let split = [true];
        let eq = Equation {
            lhs: vec![(0, 6)],
            rhs: (0..6).map(|c| (0, c)).collect(),
        };
        settle(&mut rows, &split, &[eq]);
        // 12|1|0|0|0|0|13 and 1|2|10|0|0|0|13 both add up: still two readings.
        assert_eq!(rows[0].len(), 2, "{rows:?}");
        let cells = agreed(&rows[0], 7);
        assert_eq!(cells[6], Some(13));
        assert_eq!(cells[0], None);
    }

    #[test]
    fn zeros_split_one_way() {
        let r = readings(&toks("0000000"), 7, 10).unwrap_or_default();
        assert_eq!(r, vec![vec![0; 7]]);
        assert!(readings(&toks("1 2 3"), 7, 10).is_some_and(|r| r.is_empty()));
    }
}
