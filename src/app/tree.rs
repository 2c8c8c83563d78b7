//! The form tree: every part of the report, with its state as the checks see it.

use egui::{Color32, RichText, Sense, Vec2};

use crate::check::{Section, Severity};
use crate::format::{OVERVIEW_HEADINGS, SECTION_TITLES, TableId};
use crate::model::Report;

use super::doc::{Doc, TextField};
use super::findings::{DONE_COLOUR, severity_colour};
use super::{Command, Node};

/// How a part of the report stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Nothing filled in yet.
    Empty,
    /// Has errors (count).
    Errors(usize),
    /// Has warnings, no errors (count).
    Warnings(usize),
    /// Filled in, nothing found.
    Complete,
}

/// The report section a node's findings come under.
fn section(node: Node) -> Option<Section> {
    Some(match node {
        Node::Details => Section::Details,
        Node::Overview => Section::Overview,
        Node::Table(t) => Section::Table(t),
        Node::Problems => Section::Problems,
        Node::OtherMatters => Section::OtherMatters,
        Node::Findings | Node::Preview => return None,
    })
}

fn is_empty(node: Node, r: &Report) -> bool {
    match node {
        Node::Details => false,
        Node::Overview => {
            r.overview.lead.trim().is_empty()
                && (0..5).all(|i| TextField::Part(i).get(r).trim().is_empty())
        }
        Node::Table(t) => r.table(t).is_empty(),
        Node::Problems => r.problems.trim().is_empty(),
        Node::OtherMatters => r.other_matters.trim().is_empty(),
        Node::Findings | Node::Preview => false,
    }
}

/// The state of a node, from the findings.
pub fn state(node: Node, doc: &Doc) -> State {
    let Some(section) = section(node) else {
        return State::Complete;
    };
    let in_node = |s: Severity| {
        doc.findings
            .iter()
            .filter(|f| f.severity == s)
            .filter(|f| {
                f.section == section
                    || matches!(node, Node::Table(t) if f.cells.iter().any(|c| c.table == t))
            })
            .count()
    };
    let (errors, warnings) = (in_node(Severity::Error), in_node(Severity::Warning));
    if is_empty(node, &doc.report) {
        State::Empty
    } else if errors > 0 {
        State::Errors(errors)
    } else if warnings > 0 {
        State::Warnings(warnings)
    } else {
        State::Complete
    }
}

/// Words and colour for a state.
pub fn describe(state: State) -> (String, Color32) {
    match state {
        State::Empty => ("未填写".into(), Color32::from_gray(150)),
        State::Errors(n) => (format!("{n} 个错误"), severity_colour(Severity::Error)),
        State::Warnings(n) => (format!("{n} 个警告"), severity_colour(Severity::Warning)),
        State::Complete => ("已完成".into(), DONE_COLOUR),
    }
}

/// The tree: each node as a selectable row with a coloured dot and its state.
pub fn tree_ui(ui: &mut egui::Ui, selected: Node, doc: &Doc, cmds: &mut Vec<Command>) {
    let (errors, warnings) = doc.counts();
    let rows: Vec<(Node, String, usize, Option<TextField>)> = vec![
        (Node::Details, Section::Details.title().into(), 0, None),
        (Node::Overview, SECTION_TITLES[0].into(), 0, None),
    ]
    .into_iter()
    .chain(
        OVERVIEW_HEADINGS
            .iter()
            .enumerate()
            .map(|(i, h)| (Node::Overview, h.to_string(), 1, Some(TextField::Part(i)))),
    )
    .chain(TableId::ALL.map(|t| (Node::Table(t), t.section_title().to_string(), 0, None)))
    .chain([
        (Node::Problems, SECTION_TITLES[4].into(), 0, None),
        (Node::OtherMatters, SECTION_TITLES[5].into(), 0, None),
        (
            Node::Findings,
            format!("检查结果（{errors} 错误，{warnings} 警告）"),
            0,
            None,
        ),
        (Node::Preview, "打印预览".into(), 0, None),
    ])
    .collect();
    for (node, label, indent, part) in rows {
        ui.horizontal(|ui| {
            ui.add_space(indent as f32 * 18.0);
            let st = state(node, doc);
            let (words, color) = describe(st);
            let show_state = part.is_none() && !matches!(node, Node::Findings | Node::Preview);
            let (dot, _) = ui.allocate_exact_size(Vec2::splat(10.0), Sense::hover());
            if show_state {
                ui.painter().circle_filled(dot.center(), 4.5, color);
            }
            let text = RichText::new(&label);
            let response = ui
                .selectable_label(selected == node && part.is_none(), text)
                .on_hover_text(if show_state {
                    words.clone()
                } else {
                    label.clone()
                });
            if response.clicked() {
                cmds.push(Command::Select(node));
                if let Some(field) = part {
                    cmds.push(Command::RevealText(field));
                }
            }
            if show_state && !matches!(st, State::Complete | State::Empty) {
                ui.label(RichText::new(words).small().color(color));
            }
        });
    }
}
