//! Removes stem hints from a subset CFF font's glyph programs.
//!
//! Hints (`hstem`, `vstem`, `hintmask`, …) tell a rasterizer how to snap stems to a
//! coarse pixel grid; the outlines are the same without them. In the Fandol fonts they
//! are about a twentieth of every glyph, bytes that a printed page carries for nothing.
//!
//! This works on what the `subsetter` crate writes: glyph programs without subroutine
//! calls, and the CharStrings INDEX as the last structure of the table, so it can be
//! rewritten shorter without moving anything an offset points at. Anything else (a
//! subroutine call, an operator this does not know, a different layout) leaves the table
//! as it was: [`strip`] returns `None`.

/// CFF DICT operator of the CharStrings offset.
const CHAR_STRINGS: u16 = 17;

/// `cff` without stem hints, or `None` when it is not laid out as expected.
pub fn strip(cff: &[u8]) -> Option<Vec<u8>> {
    let header_size = usize::from(*cff.get(2)?);
    let (_, after_names) = read_index(cff, header_size)?;
    let (top_dicts, _) = read_index(cff, after_names)?;
    let top = *top_dicts.first()?;
    let at = usize::try_from(dict_operand(top, CHAR_STRINGS)?).ok()?;
    let (glyphs, end) = read_index(cff, at)?;
    if end != cff.len() {
        return None;
    }
    let stripped: Vec<Vec<u8>> = glyphs
        .iter()
        .map(|g| strip_glyph(g))
        .collect::<Option<_>>()?;
    let mut out = cff[..at].to_vec();
    write_index(&mut out, &stripped)?;
    Some(out)
}

/// Reads the INDEX at `at`: its items and the offset just past it.
fn read_index(data: &[u8], at: usize) -> Option<(Vec<&[u8]>, usize)> {
    let count = usize::from(u16::from_be_bytes(data.get(at..at + 2)?.try_into().ok()?));
    if count == 0 {
        return Some((Vec::new(), at + 2));
    }
    let off_size = usize::from(*data.get(at + 2)?);
    if !(1..=4).contains(&off_size) {
        return None;
    }
    let offsets_at = at + 3;
    let offset = |i: usize| -> Option<usize> {
        let start = offsets_at + i * off_size;
        let bytes = data.get(start..start + off_size)?;
        Some(bytes.iter().fold(0, |v, &b| (v << 8) | usize::from(b)))
    };
    // Offsets count from the byte before the data.
    let base = offsets_at + (count + 1) * off_size - 1;
    let mut items = Vec::with_capacity(count);
    for i in 0..count {
        let (start, end) = (offset(i)?, offset(i + 1)?);
        items.push(data.get(base.checked_add(start)?..base.checked_add(end)?)?);
    }
    Some((items, base + offset(count)?))
}

/// Appends an INDEX of `items`, with the smallest offset size that fits.
fn write_index(out: &mut Vec<u8>, items: &[Vec<u8>]) -> Option<()> {
    out.extend_from_slice(&u16::try_from(items.len()).ok()?.to_be_bytes());
    if items.is_empty() {
        return Some(());
    }
    let last = 1 + items.iter().map(Vec::len).sum::<usize>();
    let off_size = match last {
        0..=0xFF => 1,
        0x100..=0xFFFF => 2,
        0x1_0000..=0xFF_FFFF => 3,
        _ => 4,
    };
    out.push(off_size as u8);
    let mut offset = 1_usize;
    let push = |out: &mut Vec<u8>, v: usize| {
        out.extend_from_slice(&(v as u32).to_be_bytes()[4 - off_size..]);
    };
    push(out, offset);
    for item in items {
        offset += item.len();
        push(out, offset);
    }
    for item in items {
        out.extend_from_slice(item);
    }
    Some(())
}

/// The integer operand of `op` in a DICT, if present.
fn dict_operand(dict: &[u8], op: u16) -> Option<i32> {
    let mut operands: Vec<i32> = Vec::new();
    let mut i = 0;
    while i < dict.len() {
        let b0 = dict[i];
        match b0 {
            0..=21 => {
                let found = if b0 == 12 {
                    i += 1;
                    1200 + u16::from(*dict.get(i)?)
                } else {
                    u16::from(b0)
                };
                if found == op {
                    return operands.last().copied();
                }
                operands.clear();
                i += 1;
            }
            28 => {
                operands.push(i32::from(i16::from_be_bytes(
                    dict.get(i + 1..i + 3)?.try_into().ok()?,
                )));
                i += 3;
            }
            29 => {
                operands.push(i32::from_be_bytes(dict.get(i + 1..i + 5)?.try_into().ok()?));
                i += 5;
            }
            30 => {
                // A real: nibbles up to an 0xF nibble; never an offset, so kept as 0.
                i += 1;
                while (dict.get(i)? & 0x0F) != 0x0F && (dict.get(i)? >> 4) != 0x0F {
                    i += 1;
                }
                i += 1;
                operands.push(0);
            }
            32..=246 => {
                operands.push(i32::from(b0) - 139);
                i += 1;
            }
            247..=250 => {
                operands.push((i32::from(b0) - 247) * 256 + i32::from(*dict.get(i + 1)?) + 108);
                i += 2;
            }
            251..=254 => {
                operands.push(-(i32::from(b0) - 251) * 256 - i32::from(*dict.get(i + 1)?) - 108);
                i += 2;
            }
            _ => return None,
        }
    }
    None
}

/// A Type 2 glyph program without its hint operators and hint masks.
///
/// The advance width may be the first operand of the first stack-clearing operator,
/// which can be a hint; it is then carried over to the first operator that stays.
fn strip_glyph(program: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(program.len());
    // Byte ranges of the operands since the last operator.
    let mut operands: Vec<(usize, usize)> = Vec::new();
    let mut stems = 0_usize;
    // Before the first stack-clearing operator, the advance width may lead the operands.
    let mut width_pending = true;
    let mut width: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < program.len() {
        let b0 = program[i];
        let len = match b0 {
            28 => 3,
            32..=246 => 1,
            247..=254 => 2,
            255 => 5,
            _ => 0,
        };
        if len > 0 {
            if i + len > program.len() {
                return None;
            }
            operands.push((i, i + len));
            i += len;
            continue;
        }
        let n = operands.len();
        match b0 {
            // hstem, vstem, hstemhm, vstemhm: dropped.
            1 | 3 | 18 | 23 => {
                stems += n / 2;
                if width_pending {
                    width = (n % 2 == 1).then(|| operands[0]);
                    width_pending = false;
                }
                operands.clear();
                i += 1;
            }
            // hintmask, cntrmask: operands are implied vstems; the mask bytes follow.
            19 | 20 => {
                stems += n / 2;
                if width_pending {
                    width = (n % 2 == 1).then(|| operands[0]);
                    width_pending = false;
                }
                operands.clear();
                i += 1 + stems.div_ceil(8);
                if i > program.len() {
                    return None;
                }
            }
            // Path and end operators: kept, with a carried-over width in front.
            4..=8 | 14 | 21 | 22 | 24..=27 | 30 | 31 => {
                width_pending = false;
                if let Some((s, e)) = width.take() {
                    out.extend_from_slice(&program[s..e]);
                }
                for &(s, e) in &operands {
                    out.extend_from_slice(&program[s..e]);
                }
                out.push(b0);
                operands.clear();
                i += 1;
            }
            // flex, hflex, hflex1, flex1: kept.
            12 => {
                let op = *program.get(i + 1)?;
                if !(34..=37).contains(&op) {
                    return None;
                }
                for &(s, e) in &operands {
                    out.extend_from_slice(&program[s..e]);
                }
                out.extend_from_slice(&[12, op]);
                operands.clear();
                i += 2;
            }
            // Subroutine calls and anything unknown: leave the font alone.
            _ => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_go_and_a_width_before_them_moves_to_the_first_moveto() {
        // width 100, hstem 10 20, rmoveto 0 0, endchar
        let program = [239, 149, 159, 1, 139, 139, 21, 14];
        assert_eq!(strip_glyph(&program), Some(vec![239, 139, 139, 21, 14]));
        // hstemhm (2 stems), hintmask with an implied vstem (1 stem): one mask byte.
        let program = [149, 159, 149, 159, 18, 149, 159, 19, 0xC0, 139, 139, 21, 14];
        assert_eq!(strip_glyph(&program), Some(vec![139, 139, 21, 14]));
        // No hints: unchanged, width included.
        let program = [239, 139, 139, 21, 149, 6, 14];
        assert_eq!(strip_glyph(&program).as_deref(), Some(&program[..]));
    }

    #[test]
    fn subroutine_calls_leave_the_glyph_alone() {
        assert_eq!(strip_glyph(&[139, 10, 14]), None);
        assert_eq!(strip_glyph(&[139, 29, 14]), None);
    }

    #[test]
    fn index_round_trips() {
        let items = vec![vec![1, 2, 3], vec![], vec![4; 300]];
        let mut out = vec![0xAA];
        write_index(&mut out, &items).expect("small");
        let (read, end) = read_index(&out, 1).expect("well formed");
        assert_eq!(read, [&[1, 2, 3][..], &[], &[4; 300][..]]);
        assert_eq!(end, out.len());
    }
}
