//! Lays out a whole report on A4 the way GB/T 9704-2012 lays out an official document:
//! a 156 × 225 mm text block 37 mm from the top and 28 mm from the left, 22 lines of 28
//! characters of 3号 仿宋, headings in 黑体 and 楷体, the tables, the 落款 and page numbers.

use crate::format::{SECTION_TITLES, TableId, table_def};
use crate::model::Report;

use super::display::{Document, Item, Page};
use super::fonts::{self, Role};
use super::line_break::{Line, break_paragraph};
use super::table::TableLayout;
use super::{mm_to_pt, place_line, pt_to_mm};

/// 订口: left edge of the text block.
pub const TEXT_LEFT_MM: f32 = 28.0;
/// 天头: top edge of the text block.
pub const TEXT_TOP_MM: f32 = 37.0;
/// 版心 width.
pub const TEXT_WIDTH_MM: f32 = 156.0;
/// 版心 height.
pub const TEXT_HEIGHT_MM: f32 = 225.0;
/// Lines per page and characters per line of body text.
pub const LINES_PER_PAGE: usize = 22;
/// Characters per line of body text.
pub const CHARS_PER_LINE: usize = 28;
/// 3号.
pub const BODY_PT: f32 = 16.0;
/// 2号, the title.
pub const TITLE_PT: f32 = 22.0;
/// 4号, page numbers.
pub const PAGE_NUMBER_PT: f32 = 14.0;
/// Line pitch of the body grid.
pub const LINE_MM: f32 = TEXT_HEIGHT_MM / LINES_PER_PAGE as f32;

/// Where a CJK glyph's baseline sits below the middle of its line: the ideographic em
/// box reaches from −0.12 em to 0.88 em, so its middle is 0.38 em above the baseline.
const BASELINE_BELOW_CENTRE_EM: f32 = 0.38;

/// Letter spacing of the body grid in points: 28 characters of 3号 exactly fill the 156 mm
/// line (slightly negative: 28 × 16 pt is a little wider than 156 mm).
fn grid_tracking_pt() -> f32 {
    let n = CHARS_PER_LINE as f32;
    (mm_to_pt(TEXT_WIDTH_MM) - n * BODY_PT) / (n - 1.0)
}

/// Distance from one character to the next on the body grid.
fn grid_pitch_pt() -> f32 {
    BODY_PT + grid_tracking_pt()
}

/// A laid-out report and what the layout had to say about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    /// The pages.
    pub document: Document,
    /// Warnings in Chinese (a character no embedded font has, and where).
    pub warnings: Vec<String>,
}

/// Lays out the whole report.
pub fn layout_report(report: &Report) -> Rendered {
    let mut c = Composer::default();
    c.title(report);
    c.paragraphs(&report.details.opening, "开头段", 0);

    c.heading(SECTION_TITLES[0], Role::Hei, 2);
    c.paragraphs(&report.overview.lead, SECTION_TITLES[0], 0);
    for (heading, run_in, text) in report.overview.parts_as_written() {
        if text.trim().is_empty() {
            continue;
        }
        if run_in {
            // "（一）主动公开情况。2024年，…": the heading opens the first paragraph.
            let heading = heading.trim();
            let text = text.trim_start();
            c.kai_prefix = heading.chars().count();
            c.paragraphs(&format!("{heading}{text}"), heading, 0);
            c.kai_prefix = 0;
        } else {
            c.heading(heading, Role::Kai, 2);
            c.paragraphs(text, heading, 0);
        }
    }
    for table in TableId::ALL {
        c.table(report, table);
    }
    c.heading(SECTION_TITLES[4], Role::Hei, 2);
    c.paragraphs(&report.problems, SECTION_TITLES[4], 0);
    c.heading(SECTION_TITLES[5], Role::Hei, 2);
    // The 落款 (a blank line, signatory, date) stays with the end of 六.
    c.paragraphs(&report.other_matters, SECTION_TITLES[5], 3);
    c.signature(report);
    c.finish()
}

/// A title line wrapped into as few centred lines as the text block allows, made as even
/// as possible (GB/T 9704: a wrapped title stands symmetrically), not a full line and a stub.
fn balanced_title_lines(text: &str) -> Vec<Line> {
    let wrap = |width_pt: f32| {
        super::line_break::wrap_cell(text, width_pt, super::line_break::Align::Center, |c| {
            fonts::char_advance_pt(Role::Title, c, TITLE_PT)
        })
    };
    let full = mm_to_pt(TEXT_WIDTH_MM);
    let lines = wrap(full);
    if lines.len() < 2 {
        return lines;
    }
    // The narrowest width that still needs no more lines, to within a point.
    let (mut narrow, mut wide) = (full / lines.len() as f32, full);
    while wide - narrow > 1.0 {
        let mid = (narrow + wide) / 2.0;
        if wrap(mid).len() > lines.len() {
            narrow = mid;
        } else {
            wide = mid;
        }
    }
    wrap(wide)
        .into_iter()
        .map(|mut line| {
            line.x_offset_pt = (full - line.natural_width_pt) / 2.0;
            line
        })
        .collect()
}

/// Places blocks on pages from top to bottom.
#[derive(Default)]
struct Composer {
    pages: Vec<Page>,
    items: Vec<Item>,
    /// Cursor, mm below the top of the text block.
    y_mm: f32,
    warnings: Vec<String>,
    /// Characters still to draw in 楷体 at the start of the next body lines: a heading
    /// run into its paragraph.
    kai_prefix: usize,
}

impl Composer {
    fn lines_left(&self) -> usize {
        ((TEXT_HEIGHT_MM - self.y_mm + 1e-3) / LINE_MM)
            .floor()
            .max(0.0) as usize
    }

    fn at_page_top(&self) -> bool {
        self.y_mm < 1e-3
    }

    fn new_page(&mut self) {
        self.pages.push(Page {
            items: std::mem::take(&mut self.items),
        });
        self.y_mm = 0.0;
    }

    /// Moves the cursor down to the next grid line.
    fn snap_to_grid(&mut self) {
        let line = (self.y_mm / LINE_MM - 1e-3).ceil().max(0.0);
        self.y_mm = line * LINE_MM;
        if self.lines_left() == 0 {
            self.new_page();
        }
    }

    fn baseline_mm(&self, size_pt: f32) -> f32 {
        TEXT_TOP_MM + self.y_mm + LINE_MM / 2.0 + BASELINE_BELOW_CENTRE_EM * pt_to_mm(size_pt)
    }

    /// Draws one line on the current grid line and moves down one line.
    fn put_line(&mut self, line: &Line, role: Role, size_pt: f32, place: &str) {
        let baseline = self.baseline_mm(size_pt);
        let kai = if role == Role::Fang {
            self.kai_prefix.min(line.text.chars().count())
        } else {
            0
        };
        if kai == 0 {
            self.place(line, role, size_pt, baseline, place);
        } else {
            // A run-in heading: its characters in 楷体, the rest of the line in 仿宋, on
            // the positions the line was broken for (CJK advances are equal in both).
            self.kai_prefix -= kai;
            let split = line
                .text
                .char_indices()
                .nth(kai)
                .map_or(line.text.len(), |(i, _)| i);
            let (head, rest) = line.text.split_at(split);
            let advance = |c| fonts::char_advance_pt(Role::Kai, c, size_pt);
            let head_width: f32 = head.chars().map(advance).sum();
            let head_line = Line {
                text: head.to_string(),
                natural_width_pt: head_width,
                ..line.clone()
            };
            self.place(&head_line, Role::Kai, size_pt, baseline, place);
            if !rest.is_empty() {
                let rest_line = Line {
                    text: rest.to_string(),
                    x_offset_pt: line.x_offset_pt
                        + head_width
                        + kai as f32 * line.letter_spacing_pt,
                    natural_width_pt: line.natural_width_pt - head_width,
                    letter_spacing_pt: line.letter_spacing_pt,
                };
                self.place(&rest_line, Role::Fang, size_pt, baseline, place);
            }
        }
        self.y_mm += LINE_MM;
    }

    /// Draws one line in one role; a character no font has prints as □, with a warning.
    fn place(&mut self, line: &Line, role: Role, size_pt: f32, baseline: f32, place: &str) {
        match place_line(line, role, size_pt, TEXT_LEFT_MM, baseline) {
            Ok(items) => self.items.extend(items),
            Err(missing) => {
                // Draw what can be drawn, a □ for the rest, and say so.
                let chars: String = missing.chars.iter().collect();
                self.warnings.push(format!(
                    "“{place}”中的“{chars}”没有任何内置字体能显示，已印作“□”；请改用常用字或检查是否有乱码"
                ));
                let text: String = line
                    .text
                    .chars()
                    .map(|c| if missing.chars.contains(&c) { '□' } else { c })
                    .collect();
                let replaced = Line {
                    text,
                    ..line.clone()
                };
                if let Ok(items) = place_line(&replaced, role, size_pt, TEXT_LEFT_MM, baseline) {
                    self.items.extend(items);
                }
            }
        }
    }

    /// Breaks body text (仿宋) on the grid.
    fn body_lines(text: &str) -> Vec<Line> {
        Self::body_lines_in(text, Role::Fang)
    }

    /// The title, 2号 小标宋, centred: the agency on one line (wrapped if it is long), the
    /// year and "政府信息公开工作年度报告" on the next; then a blank line.
    fn title(&mut self, report: &Report) {
        for text in report.title_lines() {
            for line in &balanced_title_lines(&text) {
                self.put_line(line, Role::Title, TITLE_PT, "标题");
            }
        }
        self.y_mm += LINE_MM;
    }

    /// A heading on its own line, indented two characters, kept with at least
    /// `keep_lines` lines of what follows.
    fn heading(&mut self, text: &str, role: Role, keep_lines: usize) {
        if self.lines_left() < 1 + keep_lines && !self.at_page_top() {
            self.new_page();
        }
        let pitch = grid_pitch_pt();
        for (i, mut line) in Self::body_lines_in(text, role).into_iter().enumerate() {
            if i == 0 {
                line.x_offset_pt = 2.0 * pitch;
            }
            self.put_line(&line, role, BODY_PT, text);
        }
    }

    /// Breaks text in `role` at 3号 on the 28-character grid, justified, the first line
    /// indented two characters.
    fn body_lines_in(text: &str, role: Role) -> Vec<Line> {
        let indent = 2.0 * grid_pitch_pt();
        break_paragraph(
            text,
            mm_to_pt(TEXT_WIDTH_MM),
            indent,
            grid_tracking_pt(),
            |c| fonts::char_advance_pt(role, c, BODY_PT),
        )
    }

    /// Body paragraphs (one per line of `text`), avoiding a lone first line at a page
    /// bottom or a lone last line at a page top. The last paragraph keeps `keep_after`
    /// lines of room below it on its page (for the 落款).
    fn paragraphs(&mut self, text: &str, place: &str, keep_after: usize) {
        let paras: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        for (i, para) in paras.iter().enumerate() {
            let keep = if i + 1 == paras.len() { keep_after } else { 0 };
            let lines = Self::body_lines(para);
            self.paragraph_lines(&lines, place, keep);
        }
    }

    fn paragraph_lines(&mut self, lines: &[Line], place: &str, keep_after: usize) {
        let mut rest = lines;
        while !rest.is_empty() {
            let left = self.lines_left();
            let n = rest.len();
            let take = if n + keep_after <= left {
                n
            } else if n <= left {
                // The paragraph fits but what must follow it does not: carry its last two
                // lines over, or the whole paragraph when it is short.
                if n >= 4 { n - 2 } else { 0 }
            } else {
                // Leave at least two lines on this page and carry at least two over.
                let take = left.min(n.saturating_sub(2));
                if take >= 2 { take } else { 0 }
            };
            let take = if take == 0 && self.at_page_top() {
                n.min(left.max(1)) // nothing better is possible on an empty page
            } else {
                take
            };
            for line in &rest[..take] {
                self.put_line(line, Role::Fang, BODY_PT, place);
            }
            rest = &rest[take..];
            if !rest.is_empty() || (keep_after > 0 && self.lines_left() < keep_after) {
                self.new_page();
            }
        }
    }

    /// A table under its section heading, split across pages as needed.
    fn table(&mut self, report: &Report, id: TableId) {
        let def = table_def(id);
        let layout = TableLayout::new(def, report);
        // The heading needs its line plus the first part of the table below it.
        let avail = |c: &Composer| TEXT_HEIGHT_MM - c.y_mm - LINE_MM;
        if layout.paginate(avail(self), TEXT_HEIGHT_MM).is_none() && !self.at_page_top() {
            self.new_page();
        }
        self.heading(id.section_title(), Role::Hei, 0);
        let parts = layout
            .paginate(TEXT_HEIGHT_MM - self.y_mm, TEXT_HEIGHT_MM)
            .or_else(|| layout.paginate(TEXT_HEIGHT_MM, TEXT_HEIGHT_MM))
            .unwrap_or_default();
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                self.new_page();
            }
            let missing = layout.draw(part, TEXT_LEFT_MM, TEXT_TOP_MM + self.y_mm, &mut self.items);
            if !missing.is_empty() {
                self.warnings.push(format!(
                    "{}中的“{}”没有任何内置字体能显示",
                    id.name(),
                    missing.iter().collect::<String>()
                ));
            }
            self.y_mm += part.height_mm();
        }
        self.snap_to_grid();
    }

    /// The 落款: 署名机关 centred over the 成文日期, which stands four characters in from
    /// the right (GB/T 9704 7.3.5.1, for a document to be stamped), after a blank line.
    fn signature(&mut self, report: &Report) {
        let Some(date) = report.details.signed_date else {
            return; // the check reports the missing date; print no half 落款
        };
        if self.lines_left() < 3 {
            self.new_page();
        }
        self.y_mm += LINE_MM;
        let pitch = grid_pitch_pt();
        let width = mm_to_pt(TEXT_WIDTH_MM);
        let date_text = date.chinese();
        let date_w = fonts::measure_pt(&date_text, Role::Fang, BODY_PT);
        let date_right = width - 4.0 * pitch;
        let date_centre = date_right - date_w / 2.0;
        let name = report.signatory().to_string();
        let name_w = fonts::measure_pt(&name, Role::Fang, BODY_PT);
        // Centred over the date, but never closer than two characters to the right edge.
        let name_x = (date_centre - name_w / 2.0)
            .min(width - 2.0 * pitch - name_w)
            .max(0.0);
        for (text, x, w) in [
            (name, name_x, name_w),
            (date_text, date_right - date_w, date_w),
        ] {
            let line = Line {
                text,
                x_offset_pt: x,
                natural_width_pt: w,
                letter_spacing_pt: 0.0,
            };
            self.put_line(&line, Role::Fang, BODY_PT, "落款");
        }
    }

    /// Closes the last page and adds the page numbers: "— N —" in 4号 宋体, 7 mm below the
    /// text block, odd pages on the right and even pages on the left, one character in.
    fn finish(mut self) -> Rendered {
        if !self.items.is_empty() || self.pages.is_empty() {
            self.new_page();
        }
        let em_mm = pt_to_mm(PAGE_NUMBER_PT);
        // The dashes (一字线) sit about 0.3 em above the baseline: put them 7 mm below.
        let baseline = TEXT_TOP_MM + TEXT_HEIGHT_MM + 7.0 + 0.3 * em_mm;
        for (i, page) in self.pages.iter_mut().enumerate() {
            let number = i + 1;
            let text = format!("— {number} —");
            let width_mm = pt_to_mm(fonts::measure_pt(&text, Role::Song, PAGE_NUMBER_PT));
            let x_mm = if number % 2 == 1 {
                TEXT_LEFT_MM + TEXT_WIDTH_MM - em_mm - width_mm
            } else {
                TEXT_LEFT_MM + em_mm
            };
            page.items.extend(plain_text(
                &text,
                Role::Song,
                PAGE_NUMBER_PT,
                x_mm,
                baseline,
            ));
        }
        Rendered {
            document: Document { pages: self.pages },
            warnings: self.warnings,
        }
    }
}

/// One line of text at (`x_mm`, `baseline_mm`), no spacing, in `role` with fallback; empty
/// if a character has no glyph anywhere (only used for fixed wording that always has).
fn plain_text(text: &str, role: Role, size_pt: f32, x_mm: f32, baseline_mm: f32) -> Vec<Item> {
    let line = Line {
        text: text.to_string(),
        x_offset_pt: 0.0,
        natural_width_pt: fonts::measure_pt(text, role, size_pt),
        letter_spacing_pt: 0.0,
    };
    place_line(&line, role, size_pt, x_mm, baseline_mm).unwrap_or_default()
}

/// Marks every page of a report that still has errors as a draft, in the top margin, so a
/// draft printed for review is never mistaken for the document to post.
fn mark_draft(document: &mut Document, errors: usize) {
    const SIZE_PT: f32 = 12.0;
    let text = format!("草稿：检查发现 {errors} 个错误，更正前请勿印发");
    let width_mm = pt_to_mm(fonts::measure_pt(&text, Role::Hei, SIZE_PT));
    let x_mm = TEXT_LEFT_MM + (TEXT_WIDTH_MM - width_mm) / 2.0;
    for page in &mut document.pages {
        page.items.extend(plain_text(
            &text,
            Role::Hei,
            SIZE_PT,
            x_mm,
            TEXT_TOP_MM - 15.0,
        ));
    }
}

/// Lays out the report as it prints: when the checks found `errors` (non-zero), every page
/// is marked as a draft. Layout runs no check itself; its caller (the pipeline in
/// [`crate::export`]) counts them.
pub fn layout_for_print(report: &Report, errors: usize) -> Rendered {
    let mut rendered = layout_report(report);
    if errors > 0 {
        mark_draft(&mut rendered.document, errors);
    }
    rendered
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Body lines of `n` characters each, to place with the composer.
    fn lines(n: usize) -> Vec<Line> {
        (0..n)
            .map(|i| Line {
                text: format!("第{i}行"),
                x_offset_pt: 0.0,
                natural_width_pt: 48.0,
                letter_spacing_pt: 0.0,
            })
            .collect()
    }

    /// Lines placed on each page after putting a paragraph of `n` lines when `left` lines
    /// remain on the first page and `keep_after` must follow it.
    fn placed(left: usize, n: usize, keep_after: usize) -> Vec<usize> {
        let mut c = Composer {
            y_mm: (LINES_PER_PAGE - left) as f32 * LINE_MM,
            ..Composer::default()
        };
        let before = c.lines_left();
        assert_eq!(before, left);
        c.paragraph_lines(&lines(n), "测试", keep_after);
        let mut counts: Vec<usize> = c
            .pages
            .iter()
            .map(|p| p.items.len())
            .chain(std::iter::once(c.items.len()))
            .collect();
        // The composer started part-way down a page holding nothing yet.
        while counts.last() == Some(&0) && counts.len() > 1 {
            counts.pop();
        }
        counts
    }

    #[test]
    fn no_lone_line_at_a_page_bottom_or_top() {
        // (lines left on the page, paragraph lines, lines that must follow, lines per page)
        let cases: &[(usize, usize, usize, &[usize])] = &[
            (5, 3, 0, &[3]),       // fits
            (1, 3, 0, &[0, 3]),    // one line would stand alone at the bottom: move all
            (3, 4, 0, &[2, 2]),    // one line would stand alone at the top: carry two
            (2, 3, 0, &[0, 3]),    // no split leaves two and two: move all
            (6, 10, 0, &[6, 4]),   // plenty on both sides
            (4, 3, 3, &[0, 3]),    // a short paragraph goes over with what must follow it
            (5, 5, 3, &[3, 2]),    // a long one carries its last two lines over
            (22, 30, 0, &[22, 8]), // longer than a page
        ];
        for &(left, n, keep, expected) in cases {
            assert_eq!(
                placed(left, n, keep),
                expected,
                "left {left}, {n} lines, keep {keep}"
            );
        }
    }

    #[test]
    fn a_long_title_wraps_into_even_lines() {
        let lines = balanced_title_lines("中华人民共和国某某部某某司某某处某某科的一个很长的名字");
        let counts: Vec<usize> = lines.iter().map(|l| l.text.chars().count()).collect();
        assert_eq!(
            counts,
            vec![14, 13],
            "27 characters: not 19 and a stub of 8"
        );
        let full = mm_to_pt(TEXT_WIDTH_MM);
        for line in &lines {
            let centre = line.x_offset_pt + line.natural_width_pt / 2.0;
            assert!((centre - full / 2.0).abs() < 0.01, "centred");
        }
        assert_eq!(balanced_title_lines("和田县文旅局").len(), 1);
    }

    #[test]
    fn the_grid_holds_28_characters_and_22_lines() {
        let line = "政".repeat(28);
        let broken = Composer::body_lines(&format!("{line}{line}"));
        assert_eq!(broken.len(), 3, "26 after the indent, then 28, then 2");
        assert_eq!(broken[1].text.chars().count(), 28);
        assert!((broken[1].drawn_width_pt() - mm_to_pt(TEXT_WIDTH_MM)).abs() < 0.05);
        assert!((LINE_MM * LINES_PER_PAGE as f32 - TEXT_HEIGHT_MM).abs() < 1e-3);
    }
}
