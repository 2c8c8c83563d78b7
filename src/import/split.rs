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
    /// A cell printed as a dash or slash ("—", "-", "/"), read as 0.
    pub zero_mark: bool,
}

/// Characters a table prints in a cell of its own for 0 (none): "—", "-", "/", "——".
pub fn is_zero_mark(c: char) -> bool {
    matches!(c, '—' | '－' | '-' | '–' | '―' | '/' | '／')
}

/// Most characters in a zero mark ("——" is two).
const MAX_MARK: usize = 3;

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
        if c == EMPTY_CELL {
            // An empty cell: blank, not a figure.
            out.push(Token {
                text: String::new(),
                dotted: false,
                zero_mark: false,
            });
            i += 1;
            continue;
        }
        if is_zero_mark(c) {
            // A cell printed as a dash or slash standing alone: 0 ("—" for none).
            let end = (i..chars.len().min(i + MAX_MARK + 1))
                .find(|&j| !is_zero_mark(chars[j]))
                .unwrap_or(chars.len().min(i + MAX_MARK + 1));
            if end - i <= MAX_MARK && spaced(i.checked_sub(1)) && spaced(Some(end)) {
                out.push(Token {
                    text: "0".to_string(),
                    dotted: false,
                    zero_mark: true,
                });
                i = end;
                continue;
            }
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
            zero_mark: false,
        });
    }
    out
}

/// Most digits in one cell (the model's largest count has 12).
const MAX_DIGITS: usize = 12;

/// Most cells tried in one row's search before the row is called too ambiguous to read:
/// a few milliseconds of work, however long or contrived the digit run.
const MAX_STEPS: usize = 300_000;

/// What the figures of one row can be read as.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowReadings {
    /// Every reading as `n` counts that fits the row's own equations; empty when none fits
    /// or when `too_many`.
    pub fitting: Vec<Vec<u64>>,
    /// More fitting readings than the cap, or more work than a row may take: not read.
    pub too_many: bool,
    /// How many readings as `n` counts the digits have, arithmetic aside (saturating).
    pub all: u64,
    /// That reading, when there is exactly one.
    pub sole: Option<Vec<u64>>,
}

/// A row's digits: where each token ends, so that no cell runs across a space.
struct Digits<'a> {
    digits: &'a [u8],
    /// For each position, the end of the token it lies in.
    token_end: Vec<usize>,
}

impl Digits<'_> {
    /// True when digits[p..p+len] can be one cell: inside one token, "0" or no leading 0.
    fn cell(&self, p: usize, len: usize, end: usize) -> bool {
        (1..=MAX_DIGITS).contains(&len)
            && p + len <= end
            && self.token_end.get(p).is_some_and(|&t| p + len <= t)
            && (len == 1 || self.digits[p] != b'0')
    }

    fn value(&self, p: usize, len: usize) -> u64 {
        self.digits[p..p + len]
            .iter()
            .fold(0u64, |acc, d| acc * 10 + u64::from(d - b'0'))
    }

    /// ways[p][m]: how many ways digits[p..end] splits into m cells (saturating). Positions
    /// and cell counts are bounded (12 digits a cell), so this is a small table.
    fn ways(&self, end: usize, n: usize) -> Vec<Vec<u64>> {
        let mut ways = vec![vec![0u64; n + 1]; end + 1];
        ways[end][0] = 1;
        for p in (0..end).rev() {
            for len in 1..=MAX_DIGITS.min(end - p) {
                if !self.cell(p, len, end) {
                    continue;
                }
                for m in 1..=n {
                    ways[p][m] = ways[p][m].saturating_add(ways[p + len][m - 1]);
                }
            }
        }
        ways
    }
}

/// Every way of reading `tokens` as exactly `n` counts that fits the equations on row `row`
/// alone (cells of a token may have run together; a space always separates two cells).
///
/// The row's cells fall into blocks that no equation spans (table 四: its three groups;
/// table 三: the whole row). Each block is searched cell by cell from each position it can
/// start at, never into a stretch the rest of the row cannot fill (a table of how many
/// cells each stretch can hold), a cell that an equation determines read only as that
/// number, and in the last block the row's last cell fixed first, so that a sum is known
/// before its parts are tried. Blocks are then joined by counting (dynamic programming over
/// positions), so readings are listed only when few. The work is bounded: a row beyond
/// [`MAX_STEPS`] or with more than `cap` fitting readings is `too_many`.
pub fn readings(
    tokens: &[Token],
    n: usize,
    row: usize,
    equations: &[Equation],
    cap: usize,
) -> RowReadings {
    let mut out = RowReadings::default();
    let mut digits = Vec::new();
    let mut token_end = Vec::new();
    for t in tokens {
        if t.text.is_empty() || !t.text.bytes().all(|b| b.is_ascii_digit()) {
            return out;
        }
        digits.extend_from_slice(t.text.as_bytes());
        token_end.resize(digits.len(), digits.len());
    }
    let len = digits.len();
    if n == 0 || tokens.is_empty() || tokens.len() > n || len < n || len > n * MAX_DIGITS {
        return out;
    }
    let d = Digits {
        digits: &digits,
        token_end,
    };
    let ways = d.ways(len, n);
    out.all = ways[0][n];
    if out.all == 0 {
        return out;
    }
    if out.all == 1 {
        out.sole = Some(trace(&d, &ways, len, n));
    }
    // The equations on this row alone, as column lists.
    let eqs: Vec<[Vec<usize>; 2]> = equations
        .iter()
        .filter(|eq| {
            eq.lhs
                .iter()
                .chain(&eq.rhs)
                .all(|&(r, c)| r == row && c < n)
        })
        .filter(|eq| !eq.lhs.is_empty() || !eq.rhs.is_empty())
        .map(|eq| {
            let cols = |side: &[(usize, usize)]| side.iter().map(|&(_, c)| c).collect();
            [cols(&eq.lhs), cols(&eq.rhs)]
        })
        .collect();
    if eqs.is_empty() {
        if out.all > cap as u64 {
            out.too_many = true;
        } else {
            out.fitting = every_reading(&d, &ways, len, n);
        }
        return out;
    }
    let mut search = Search::new(&d, &ways, n, eqs);
    match search.all_fitting(cap) {
        Ok(found) => out.fitting = found,
        Err(TooMany) => out.too_many = true,
    }
    out
}

/// The only reading, when `ways` says there is exactly one.
fn trace(d: &Digits, ways: &[Vec<u64>], end: usize, n: usize) -> Vec<u64> {
    let mut reading = Vec::with_capacity(n);
    let mut p = 0;
    for left in (1..=n).rev() {
        let Some(len) = (1..=MAX_DIGITS.min(end - p))
            .find(|&len| d.cell(p, len, end) && ways[p + len][left - 1] > 0)
        else {
            break;
        };
        reading.push(d.value(p, len));
        p += len;
    }
    reading
}

/// Every reading (the caller has checked there are few): depth first, only into
/// stretches that can still be completed.
fn every_reading(d: &Digits, ways: &[Vec<u64>], end: usize, n: usize) -> Vec<Vec<u64>> {
    fn walk(
        d: &Digits,
        ways: &[Vec<u64>],
        end: usize,
        p: usize,
        left: usize,
        current: &mut Vec<u64>,
        out: &mut Vec<Vec<u64>>,
    ) {
        if left == 0 {
            out.push(current.clone());
            return;
        }
        for len in 1..=MAX_DIGITS.min(end - p) {
            if d.cell(p, len, end) && ways[p + len][left - 1] > 0 {
                current.push(d.value(p, len));
                walk(d, ways, end, p + len, left - 1, current, out);
                current.pop();
            }
        }
    }
    let mut out = Vec::new();
    walk(d, ways, end, 0, n, &mut Vec::with_capacity(n), &mut out);
    out
}

/// The search stopped: too many readings or too much work.
#[derive(Debug)]
struct TooMany;

/// The readings of one block from one position: (where it ends, its cells' values).
type BlockReadings = std::rc::Rc<Vec<(usize, Vec<u64>)>>;

/// The search for readings that fit a row's own equations.
struct Search<'a> {
    d: &'a Digits<'a>,
    /// ways[p][m]: how many ways digits[p..] splits into m cells.
    ways: &'a [Vec<u64>],
    n: usize,
    len: usize,
    /// Each equation's two sides, as cells.
    eqs: Vec<[Vec<usize>; 2]>,
    /// For each cell, each (equation, side) it stands on.
    at_cell: Vec<Vec<(usize, usize)>>,
    /// Sum of the assigned cells of each side.
    sums: Vec<[u64; 2]>,
    /// Cells of each side not assigned yet.
    unknown: Vec<[usize; 2]>,
    values: Vec<u64>,
    /// The blocks, as cell ranges in order.
    blocks: Vec<(usize, usize)>,
    /// For the last cell's length t: ways to split digits[p..len-t] into m cells.
    ways_before_last: Vec<Option<Vec<Vec<u64>>>>,
    block_memo: std::collections::HashMap<(usize, usize), BlockReadings>,
    count_memo: std::collections::HashMap<(usize, usize), u64>,
    steps: usize,
}

impl<'a> Search<'a> {
    fn new(d: &'a Digits<'a>, ways: &'a [Vec<u64>], n: usize, eqs: Vec<[Vec<usize>; 2]>) -> Self {
        let mut at_cell = vec![Vec::new(); n];
        for (e, sides) in eqs.iter().enumerate() {
            for (s, side) in sides.iter().enumerate() {
                for &c in side {
                    at_cell[c].push((e, s));
                }
            }
        }
        // Blocks: cells joined when an equation spans them.
        let mut reach: Vec<usize> = (0..n).collect();
        for sides in &eqs {
            let cells = || sides.iter().flatten().copied();
            if let (Some(lo), Some(hi)) = (cells().min(), cells().max()) {
                reach[lo] = reach[lo].max(hi);
            }
        }
        let mut blocks = Vec::new();
        let mut first = 0;
        let mut hi = 0;
        for (c, &r) in reach.iter().enumerate() {
            hi = hi.max(r);
            if hi == c {
                blocks.push((first, c + 1));
                first = c + 1;
            }
        }
        Search {
            d,
            ways,
            n,
            len: d.digits.len(),
            sums: vec![[0, 0]; eqs.len()],
            unknown: vec![[0, 0]; eqs.len()],
            eqs,
            at_cell,
            values: vec![0; n],
            blocks,
            ways_before_last: vec![None; MAX_DIGITS + 1],
            block_memo: std::collections::HashMap::new(),
            count_memo: std::collections::HashMap::new(),
            steps: 0,
        }
    }

    /// Every reading that fits, when there are at most `cap`.
    fn all_fitting(&mut self, cap: usize) -> Result<Vec<Vec<u64>>, TooMany> {
        if self.count(0, 0, cap)? > cap as u64 {
            return Err(TooMany);
        }
        let mut out = Vec::new();
        let mut current = Vec::with_capacity(self.n);
        self.list(0, 0, &mut current, &mut out)?;
        Ok(out)
    }

    /// How many fitting readings the blocks from `b` on have from position p (saturating;
    /// anything over the cap is as good as too many).
    fn count(&mut self, b: usize, p: usize, cap: usize) -> Result<u64, TooMany> {
        if b == self.blocks.len() {
            return Ok(u64::from(p == self.len));
        }
        if let Some(&n) = self.count_memo.get(&(b, p)) {
            return Ok(n);
        }
        let found = self.block(b, p, cap)?;
        let mut total = 0u64;
        for (end, _) in found.iter() {
            total = total.saturating_add(self.count(b + 1, *end, cap)?);
        }
        self.count_memo.insert((b, p), total);
        Ok(total)
    }

    fn list(
        &mut self,
        b: usize,
        p: usize,
        current: &mut Vec<u64>,
        out: &mut Vec<Vec<u64>>,
    ) -> Result<(), TooMany> {
        if b == self.blocks.len() {
            if p == self.len {
                out.push(current.clone());
            }
            return Ok(());
        }
        if self.count_memo.get(&(b, p)).is_some_and(|&n| n == 0) {
            return Ok(());
        }
        let found = self.block(b, p, usize::MAX)?;
        for (end, values) in found.iter() {
            let kept = current.len();
            current.extend_from_slice(values);
            self.list(b + 1, *end, current, out)?;
            current.truncate(kept);
        }
        Ok(())
    }

    /// The readings of block b starting at position p that fit its equations.
    fn block(&mut self, b: usize, p: usize, cap: usize) -> Result<BlockReadings, TooMany> {
        if let Some(found) = self.block_memo.get(&(b, p)) {
            return Ok(found.clone());
        }
        let (first, end) = self.blocks[b];
        for (e, sides) in self.eqs.iter().enumerate() {
            self.sums[e] = [0, 0];
            self.unknown[e] = [sides[0].len(), sides[1].len()];
        }
        // A block may list more readings than the row (the later blocks may fit few of
        // them), but not without bound.
        let limit = cap.saturating_mul(4).max(1000);
        let mut found = Vec::new();
        if end == self.n {
            // The last block ends the digits: fix its last cell first.
            let last = self.n - 1;
            for t in 1..=MAX_DIGITS.min(self.len - p) {
                let start = self.len - t;
                if !self.d.cell(start, t, self.len) || start < p + (last - first) {
                    continue;
                }
                if self.ways_before_last[t].is_none() {
                    self.ways_before_last[t] = Some(self.d.ways(start, self.n));
                }
                if self.ways_before_last[t]
                    .as_ref()
                    .is_none_or(|w| w[p][last - first] == 0)
                {
                    continue;
                }
                let v = self.d.value(start, t);
                self.assign(last, v);
                if self.consistent(last) {
                    self.cells(first, p, Some(t), first, last, &mut found, limit)?;
                }
                self.unassign(last, v);
            }
        } else {
            self.cells(first, p, None, first, end, &mut found, limit)?;
        }
        let found = std::rc::Rc::new(found);
        self.block_memo.insert((b, p), found.clone());
        Ok(found)
    }

    /// Assigns cells c..upto from position p; `fixed_last`: the row's last cell is fixed
    /// with this many digits (and is pushed with the block's values).
    #[allow(clippy::too_many_arguments)]
    fn cells(
        &mut self,
        c: usize,
        p: usize,
        fixed_last: Option<usize>,
        first: usize,
        upto: usize,
        found: &mut Vec<(usize, Vec<u64>)>,
        limit: usize,
    ) -> Result<(), TooMany> {
        if c == upto {
            let stop = if fixed_last.is_some() { self.n } else { upto };
            found.push((
                if fixed_last.is_some() { self.len } else { p },
                self.values[first..stop].to_vec(),
            ));
            if found.len() > limit {
                return Err(TooMany);
            }
            return Ok(());
        }
        let (lo, hi) = match self.determined(c) {
            Some(None) => return Ok(()),
            Some(Some(v)) => (decimal_len(v), decimal_len(v)),
            None => (1, MAX_DIGITS),
        };
        let stretch_end = fixed_last.map_or(self.len, |t| self.len - t);
        for len in lo..=hi.min(stretch_end.saturating_sub(p)) {
            self.steps += 1;
            if self.steps > MAX_STEPS {
                return Err(TooMany);
            }
            let e = p + len;
            if !self.d.cell(p, len, stretch_end) {
                continue;
            }
            // The rest of the row must still be able to hold its cells.
            let fillable = match fixed_last {
                Some(t) => self.ways_before_last[t]
                    .as_ref()
                    .is_some_and(|w| w[e][self.n - 1 - (c + 1)] > 0),
                None => self.ways[e][self.n - (c + 1)] > 0,
            };
            if !fillable {
                continue;
            }
            let v = self.d.value(p, len);
            self.assign(c, v);
            let result = if self.consistent(c) {
                self.cells(c + 1, e, fixed_last, first, upto, found, limit)
            } else {
                Ok(())
            };
            self.unassign(c, v);
            result?;
        }
        Ok(())
    }

    fn assign(&mut self, c: usize, v: u64) {
        self.values[c] = v;
        for &(e, s) in &self.at_cell[c] {
            self.sums[e][s] = self.sums[e][s].saturating_add(v);
            self.unknown[e][s] -= 1;
        }
    }

    fn unassign(&mut self, c: usize, v: u64) {
        for &(e, s) in &self.at_cell[c] {
            self.sums[e][s] = self.sums[e][s].saturating_sub(v);
            self.unknown[e][s] += 1;
        }
    }

    /// The value cell `c` must have when it is the one cell of an equation not yet
    /// assigned: Some(None) when no value fits (the side without it is already larger).
    fn determined(&self, c: usize) -> Option<Option<u64>> {
        self.at_cell[c].iter().find_map(|&(e, s)| {
            let [u0, u1] = self.unknown[e];
            let only_c = if s == 0 {
                u0 == 1 && u1 == 0
            } else {
                u0 == 0 && u1 == 1
            };
            only_c.then(|| self.sums[e][1 - s].checked_sub(self.sums[e][s]))
        })
    }

    /// After cell `c` was assigned: each of its equations holds when complete, and no
    /// complete side is already exceeded by the other side's assigned cells.
    fn consistent(&self, c: usize) -> bool {
        self.at_cell[c].iter().all(|&(e, _)| {
            let [s0, s1] = self.sums[e];
            match self.unknown[e] {
                [0, 0] => s0 == s1,
                [0, _] => s1 <= s0,
                [_, 0] => s0 <= s1,
                _ => true,
            }
        })
    }
}

/// How many decimal digits `v` is written with.
fn decimal_len(v: u64) -> usize {
    v.checked_ilog10().map_or(1, |l| l as usize + 1)
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

/// The family of an equation: the same rule on another row (a row sum) or another column
/// (a column total), found by its shape with the row or the column left out.
/// An equation's family: its kind (0 row, 1 column, 2 other) and its sides, normalised.
type Family = (u8, Vec<(usize, usize)>, Vec<(usize, usize)>);

/// Leaves out a cell's row (a row rule) or column (a column rule).
type Normalise = fn((usize, usize)) -> (usize, usize);

fn family(eq: &Equation) -> Family {
    let cells = || eq.lhs.iter().chain(&eq.rhs);
    let first = cells().next().copied().unwrap_or((0, 0));
    let (kind, norm): (u8, Normalise) = if cells().all(|&(r, _)| r == first.0) {
        (0, |(_, c)| (0, c))
    } else if cells().all(|&(_, c)| c == first.1) {
        (1, |(r, _)| (r, 0))
    } else {
        (2, |cell| cell)
    };
    let side = |s: &[(usize, usize)]| {
        let mut v: Vec<(usize, usize)> = s.iter().map(|&x| norm(x)).collect();
        v.sort_unstable();
        v
    };
    (kind, side(&eq.lhs), side(&eq.rhs))
}

/// A published arithmetic error inside a digit run. A row whose cells ran together and
/// whose digits can be read as its cells in exactly one way (`sole`), though that reading
/// breaks the row's own arithmetic, keeps that reading when it breaks exactly one relation
/// of the table, or only relations whose kind the report breaks elsewhere among rows read
/// for certain: the digits say what was printed, and `check` reports the error. Such a
/// row then counts as read as printed (`split[r]` false). Other rows with no fitting
/// reading stay unread.
pub fn keep_published_errors(
    rows: &mut [Vec<Vec<u64>>],
    split: &mut [bool],
    sole: &[Option<Vec<u64>>],
    equations: &[Equation],
) {
    let certain = |r: usize, c: usize| -> Option<u64> {
        match rows.get(r) {
            Some(readings) if readings.len() == 1 => readings[0].get(c).copied(),
            _ => None,
        }
    };
    let holds = |eq: &Equation, value: &dyn Fn(usize, usize) -> Option<u64>| -> Option<bool> {
        let sum = |cells: &[(usize, usize)]| -> Option<u64> {
            cells
                .iter()
                .try_fold(0u64, |acc, &(r, c)| Some(acc.saturating_add(value(r, c)?)))
        };
        Some(sum(&eq.lhs)? == sum(&eq.rhs)?)
    };
    let involves = |eq: &Equation, r: usize| eq.lhs.iter().chain(&eq.rhs).any(|&(x, _)| x == r);
    // Relations the report breaks among rows read for certain, by family.
    let broken_elsewhere = |eq: &Equation, r: usize| {
        let f = family(eq);
        equations
            .iter()
            .any(|o| !involves(o, r) && family(o) == f && holds(o, &certain) == Some(false))
    };
    let mut kept = Vec::new();
    for (r, reading) in sole.iter().enumerate() {
        let Some(reading) = reading else { continue };
        if !split.get(r).copied().unwrap_or(false) || !rows.get(r).is_some_and(Vec::is_empty) {
            continue;
        }
        let value = |row: usize, c: usize| {
            if row == r {
                reading.get(c).copied()
            } else {
                certain(row, c)
            }
        };
        let broken: Vec<&Equation> = equations
            .iter()
            .filter(|eq| involves(eq, r) && holds(eq, &value) == Some(false))
            .collect();
        let keep = !broken.is_empty()
            && (broken.len() == 1 || broken.iter().all(|eq| broken_elsewhere(eq, r)));
        if keep {
            kept.push((r, reading.clone()));
        }
    }
    for (r, reading) in kept {
        rows[r] = vec![reading];
        split[r] = false;
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

    /// Table 三's row rule (total = the six before it) and table 四's three group totals.
    fn t3_row() -> Vec<Equation> {
        vec![Equation {
            lhs: vec![(0, 6)],
            rhs: (0..6).map(|c| (0, c)).collect(),
        }]
    }

    fn t4_row() -> Vec<Equation> {
        (0..3)
            .map(|g| Equation {
                lhs: vec![(0, g * 5 + 4)],
                rhs: (0..4).map(|c| (0, g * 5 + c)).collect(),
            })
            .collect()
    }

    /// Every reading by brute force (small runs only): each token cut every possible way.
    fn brute(tokens: &[Token], n: usize, eqs: &[Equation]) -> Vec<Vec<u64>> {
        fn cuts(s: &str, out: &mut Vec<Vec<String>>, cur: &mut Vec<String>) {
            if s.is_empty() {
                out.push(cur.clone());
                return;
            }
            for len in 1..=s.len().min(MAX_DIGITS) {
                let head = &s[..len];
                if len > 1 && head.starts_with('0') {
                    continue;
                }
                cur.push(head.to_string());
                cuts(&s[len..], out, cur);
                cur.pop();
            }
        }
        let mut all: Vec<Vec<u64>> = vec![Vec::new()];
        for t in tokens {
            let mut ways = Vec::new();
            cuts(&t.text, &mut ways, &mut Vec::new());
            let mut next = Vec::new();
            for prefix in &all {
                for w in &ways {
                    let mut r = prefix.clone();
                    r.extend(w.iter().map(|x| x.parse::<u64>().unwrap_or(u64::MAX)));
                    if r.len() <= n {
                        next.push(r);
                    }
                }
            }
            all = next;
        }
        let mut fit: Vec<Vec<u64>> = all
            .into_iter()
            .filter(|r| r.len() == n)
            .filter(|r| {
                eqs.iter().all(|eq| {
                    let s = |side: &[(usize, usize)]| side.iter().map(|&(_, c)| r[c]).sum::<u64>();
                    s(&eq.lhs) == s(&eq.rhs)
                })
            })
            .collect();
        fit.sort();
        fit
    }

    #[test]
    fn the_search_finds_exactly_what_brute_force_finds() {
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let mut checked = 0;
        for case in 0..3000 {
            let (n, eqs) = if case % 2 == 0 {
                (7, t3_row())
            } else {
                (15, t4_row())
            };
            // Mostly small digits and zeros, as real rows have, some spaces between cells.
            let len = n + next(6) as usize;
            let mut text = String::new();
            for _ in 0..len {
                let d = if next(3) == 0 { 0 } else { next(4) };
                text.push(char::from(b'0' + d as u8));
                if next(5) == 0 {
                    text.push(' ');
                }
            }
            let toks = tokens(&text);
            if toks.len() > n {
                continue;
            }
            let mut got = readings(&toks, n, 0, &eqs, 100_000);
            assert!(!got.too_many, "{text}");
            got.fitting.sort();
            assert_eq!(got.fitting, brute(&toks, n, &eqs), "{text}");
            let unconstrained = brute(&toks, n, &[]);
            assert_eq!(got.all, unconstrained.len() as u64, "{text}");
            if unconstrained.len() == 1 {
                assert_eq!(got.sole.as_ref(), unconstrained.first(), "{text}");
            }
            checked += 1;
        }
        assert!(checked > 1000, "{checked}");
    }

    #[test]
    fn long_runs_take_milliseconds() {
        // 37 nines and a 0 (issue 19: more than 15 s before), a 表四 row of 38 digits, the
        // longest runs that could still be cells, and runs with many readings.
        let t4 = "12035128175403012151000150161005002260";
        let started = std::time::Instant::now();
        for text in [
            format!("{} 0", "9".repeat(37)),
            t4.to_string(),
            "9".repeat(180),
            "9".repeat(100),
            "1".repeat(60),
            "10".repeat(40),
        ] {
            let r = readings(&tokens(&text), 15, 0, &t4_row(), 20_000);
            assert!(r.fitting.len() <= 20_000, "{text}");
            let r = readings(&tokens(&text), 7, 0, &t3_row(), 20_000);
            assert!(r.fitting.len() <= 20_000, "{text}");
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(2),
            "{:?}",
            started.elapsed()
        );
    }

    #[test]
    fn a_big_city_t4_row_reads_from_its_digits() {
        // 维持 120 纠正 35 其他 12 尚未审结 8 总计 175 | 40 3 1 6 50 | 7 2 0 1 10
        let cells = [120u64, 35, 12, 8, 175, 40, 3, 1, 6, 50, 7, 2, 0, 1, 10];
        let text: String = cells.iter().map(u64::to_string).collect();
        let r = readings(&tokens(&text), 15, 0, &t4_row(), 20_000);
        assert!(!r.too_many);
        assert!(r.fitting.iter().any(|f| f == &cells), "{r:?}");
        assert!(r.all > 20_000, "{}", r.all);
    }

    #[test]
    fn a_row_sum_picks_the_only_fitting_split() {
        let found = readings(&toks("121000013"), 7, 0, &t3_row(), 1000);
        assert!(found.all > 2);
        // 12|1|0|0|0|0|13 and 1|2|10|0|0|0|13 both add up: still two readings.
        let mut rows = vec![found.fitting];
        settle(&mut rows, &[true], &t3_row());
        assert_eq!(rows[0].len(), 2, "{rows:?}");
        let cells = agreed(&rows[0], 7);
        assert_eq!(cells[6], Some(13));
        assert_eq!(cells[0], None);
    }

    #[test]
    fn zeros_split_one_way() {
        let r = readings(&toks("0000000"), 7, 0, &[], 10);
        assert_eq!(r.fitting, vec![vec![0; 7]]);
        assert_eq!(r.sole, Some(vec![0; 7]));
        let r = readings(&toks("1 2 3"), 7, 0, &[], 10);
        assert!(r.fitting.is_empty() && r.all == 0);
    }

    #[test]
    fn a_published_error_in_a_run_is_kept_when_it_breaks_one_relation() {
        // 1|2|0|1|5 with 4 printed as 5: digits read one way only, and that reading breaks
        // group one's total alone.
        let text = "120151000120002";
        let eqs = t4_row();
        let found = readings(&toks(text), 15, 0, &eqs, 1000);
        assert!(found.fitting.is_empty());
        let sole = found.sole.clone();
        assert_eq!(
            sole,
            Some(vec![1, 2, 0, 1, 5, 1, 0, 0, 0, 1, 2, 0, 0, 0, 2])
        );
        let mut rows = vec![found.fitting];
        let mut split = vec![true];
        keep_published_errors(&mut rows, &mut split, std::slice::from_ref(&sole), &eqs);
        assert_eq!(rows, vec![sole.clone().into_iter().collect::<Vec<_>>()]);
        assert_eq!(split, [false]);
        // Breaking two groups at once is more likely a misreading: not kept.
        let text = "120151000220002";
        let found = readings(&toks(text), 15, 0, &eqs, 1000);
        let mut rows = vec![found.fitting];
        let mut split = vec![true];
        keep_published_errors(&mut rows, &mut split, &[found.sole], &eqs);
        assert!(rows[0].is_empty());
    }

    #[test]
    fn a_broken_relation_the_report_breaks_elsewhere_is_kept() {
        // Two rules on each row (cell 0 = cell 1, cell 2 = cell 3). Row 0, read as
        // printed, breaks both; row 1 ran together, reads one way only and breaks both too:
        // the report breaks them elsewhere, so the reading is what was printed.
        let eqs: Vec<Equation> = (0..2)
            .flat_map(|r| {
                [
                    Equation {
                        lhs: vec![(r, 0)],
                        rhs: vec![(r, 1)],
                    },
                    Equation {
                        lhs: vec![(r, 2)],
                        rhs: vec![(r, 3)],
                    },
                ]
            })
            .collect();
        let run = |row0: Vec<u64>| {
            let found = readings(&toks("1234"), 4, 1, &eqs, 1000);
            assert!(found.fitting.is_empty());
            let mut rows = vec![vec![row0], found.fitting];
            let mut split = vec![false, true];
            keep_published_errors(&mut rows, &mut split, &[None, found.sole], &eqs);
            rows.swap_remove(1)
        };
        assert_eq!(run(vec![5, 6, 7, 8]), vec![vec![1, 2, 3, 4]]);
        // Where the report keeps those rules, a reading breaking two is not kept.
        assert!(run(vec![5, 5, 7, 7]).is_empty());
    }
}
