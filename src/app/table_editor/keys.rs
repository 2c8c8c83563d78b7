//! The table editor's keyboard: every key and text of a frame, in order, as a spreadsheet
//! takes them.

use egui::{Key, Modifiers};

use super::{
    CellKind, Command, Doc, Ime, Move, TableId, TableState, commit, edit_id, grid, grid_id,
    kind_of, start_editing, table_def,
};

fn moved(st: &mut TableState, mv: Move, inputs_only: bool, extend: bool) {
    if let Some(s) = st.selected {
        st.select(grid::step(s, mv, inputs_only), extend);
    }
}

/// A key that ends typing into a cell (and moves on, or cancels).
fn ends_typing(event: &egui::Event) -> bool {
    matches!(
        event,
        egui::Event::Key {
            key: Key::Enter
                | Key::Tab
                | Key::ArrowUp
                | Key::ArrowDown
                | Key::Escape
                | Key::PageUp
                | Key::PageDown,
            pressed: true,
            ..
        }
    )
}

/// The move a key makes in the grid, and whether it passes over the computed totals.
fn key_move(key: Key, modifiers: Modifiers) -> Option<(Move, bool, usize)> {
    let ctrl = modifiers.command;
    Some(match key {
        Key::ArrowUp => (Move::Up, false, 1),
        Key::ArrowDown => (Move::Down, false, 1),
        Key::ArrowLeft => (Move::Left, false, 1),
        Key::ArrowRight => (Move::Right, false, 1),
        Key::Tab if modifiers.shift => (Move::Previous, true, 1),
        Key::Tab => (Move::Next, true, 1),
        Key::Enter if modifiers.shift => (Move::Up, true, 1),
        Key::Enter => (Move::Down, true, 1),
        Key::Home if ctrl => (Move::TableStart, false, 1),
        Key::End if ctrl => (Move::TableEnd, false, 1),
        Key::Home => (Move::RowStart, false, 1),
        Key::End => (Move::RowEnd, false, 1),
        Key::PageUp => (Move::Up, false, grid::PAGE_ROWS),
        Key::PageDown => (Move::Down, false, grid::PAGE_ROWS),
        _ => return None,
    })
}

/// The keyboard, handled before the cells are drawn so that a key moves the cursor
/// before the text field could see it.
///
/// The grid owns Tab, Enter and the arrows, whatever arrives in one frame: every key and
/// every text of the frame is taken in order, as a spreadsheet would, so "36⏎21⏎" typed
/// faster than the frames are drawn still puts 36 and 21 in two cells. Only while a cell's
/// text field is open from an earlier frame does it take the keys up to the first key
/// that ends the typing; that key and the rest wait for the next frame.
pub(super) fn keyboard(
    ui: &mut egui::Ui,
    table: TableId,
    doc: &Doc,
    st: &mut TableState,
    ime: &Ime,
    cmds: &mut Vec<Command>,
) {
    if st.blocked {
        return;
    }
    let (grid_id, edit_id) = (grid_id(table), edit_id(table));
    let mut focused = ui.memory(|m| m.focused());
    if focused.is_none()
        && let Some(had) = st.had_focus
    {
        // egui's own focus handling let go of the grid at the start of the frame (Esc, or
        // a Tab that reached a cell's text field before its filter was set): take it back.
        let id = if st.editing.is_some() { had } else { grid_id };
        ui.memory_mut(|m| m.request_focus(id));
        focused = Some(id);
    }
    if focused != Some(grid_id) && focused != Some(edit_id) {
        return;
    }
    // Tab and the arrows move in the table, never to another widget.
    ui.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
    if st.selected.is_none_or(|s| s.table != table) {
        // Focus without a cursor: put it on the first cell to type into.
        if let Some(first) = table_def(table).input_cells().next() {
            st.select(first.key, false);
        }
    }

    let events = ui.input(|i| i.events.clone());
    let field_open = focused == Some(edit_id) && st.editing.as_ref().is_some_and(|e| !e.starting);
    if field_open {
        if ime.busy() {
            return;
        }
        let Some(k) = events.iter().position(ends_typing) else {
            return;
        };
        if k > 0 {
            ui.input_mut(|i| {
                let at = k.min(i.events.len());
                st.pending = i.events.split_off(at);
            });
            ui.ctx().request_repaint();
            return;
        }
    }
    let used: Vec<bool> = events
        .iter()
        .map(|event| take_event(ui, doc, st, event, cmds))
        .collect();
    if used.iter().any(|u| *u) {
        ui.input_mut(|i| {
            if i.events.len() == used.len() {
                let mut n = 0;
                i.events.retain(|_| {
                    n += 1;
                    !used[n - 1]
                });
            }
        });
    }
    if st.editing.is_none() && focused == Some(edit_id) {
        ui.memory_mut(|m| m.request_focus(grid_id));
    }
}

/// Takes one event for the grid; false when it is not the grid's (it stays for others).
fn take_event(
    ui: &egui::Ui,
    doc: &Doc,
    st: &mut TableState,
    event: &egui::Event,
    cmds: &mut Vec<Command>,
) -> bool {
    let Some(selected) = st.selected else {
        return false;
    };
    match event {
        egui::Event::Key {
            key,
            pressed: true,
            modifiers,
            ..
        } => {
            let key = *key;
            if st.editing.is_some() {
                // Typing into a cell (begun this frame, or an Enter/Tab/arrow that ends it).
                if key == Key::Escape {
                    st.editing = None;
                    return true;
                }
                if key == Key::Backspace {
                    if let Some(e) = st.editing.as_mut().filter(|e| e.starting) {
                        e.text.pop();
                    }
                    return true;
                }
                let starting = st.editing.as_ref().is_some_and(|e| e.starting);
                let Some((mv, inputs_only, times)) = key_move(key, *modifiers)
                    .filter(|_| starting || ends_typing(event))
                    .filter(|_| !matches!(key, Key::Home | Key::End))
                else {
                    return false;
                };
                commit(st, cmds);
                for _ in 0..times {
                    moved(st, mv, inputs_only, false);
                }
                return true;
            }
            if let Some((mv, inputs_only, times)) = key_move(key, *modifiers) {
                let extend = modifiers.shift && !matches!(key, Key::Tab | Key::Enter);
                for _ in 0..times {
                    moved(st, mv, inputs_only, extend);
                }
                return true;
            }
            match key {
                Key::F2 => {
                    let text = doc
                        .rejected
                        .get(&selected)
                        .cloned()
                        .unwrap_or_else(|| doc.report.display(selected));
                    start_editing(st, selected, text);
                    if kind_of(selected) == CellKind::Total {
                        cmds.push(Command::Status(TOTAL_REFUSED.into(), true));
                    }
                    true
                }
                Key::Delete | Key::Backspace => {
                    let cleared: Vec<_> = st
                        .block()
                        .into_iter()
                        .flatten()
                        .filter(|k| kind_of(*k) != CellKind::Total)
                        .map(|k| (k, None))
                        .collect();
                    cmds.push(Command::SetCells(cleared));
                    true
                }
                Key::Escape => {
                    st.anchor = st.selected;
                    true
                }
                _ => false,
            }
        }
        egui::Event::Text(text) | egui::Event::Ime(egui::ImeEvent::Commit(text)) => {
            if let Some(e) = st.editing.as_mut() {
                e.text.push_str(text);
            } else if !text.trim().is_empty() {
                if kind_of(selected) == CellKind::Total {
                    // Refused where the clerk looks: nothing is typed, and the reason shows.
                    cmds.push(Command::Status(TOTAL_REFUSED.into(), true));
                } else {
                    start_editing(st, selected, text.clone());
                }
            }
            true
        }
        egui::Event::Copy | egui::Event::Cut if st.editing.is_none() => {
            let tsv = grid::copy_tsv(&doc.report, &st.block());
            ui.ctx().copy_text(tsv);
            cmds.push(Command::Status("已复制所选单元格".into(), false));
            true
        }
        egui::Event::Paste(text) if st.editing.is_none() => {
            let start = st
                .block()
                .first()
                .and_then(|r| r.first().copied())
                .unwrap_or(selected);
            cmds.push(Command::Paste {
                start,
                text: text.clone(),
            });
            true
        }
        _ => false,
    }
}

/// Said when a number is typed on a computed total.
const TOTAL_REFUSED: &str = "总计由各项相加自动计算，不能填写；请填写它左边或上面的各项";
