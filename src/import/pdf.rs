//! The text of a text-based PDF in reading order, laid out the way `pdftotext -layout`
//! lays it out: one line per baseline, lines top to bottom, pages separated by a form
//! feed, the gaps between table cells kept as runs of spaces and each line indented by
//! its distance from the page's left margin, so the text importer reads a published PDF
//! as it reads the text of one.
//!
//! lopdf (already built for printpdf) parses the file; this module runs the page content
//! streams itself: the text and graphics matrices place each glyph, the fonts' widths
//! advance the pen, and each font's ToUnicode CMap (or its simple encoding) gives the
//! characters, which is how the CJK text of Word, WPS and our own PDFs comes out.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object, ObjectId};

/// Why a PDF's text could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum PdfError {
    /// The file is not a PDF lopdf can parse (damaged, truncated).
    Damaged(String),
    /// Encrypted with a password.
    Encrypted,
    /// Pages but no text: a scan.
    NoText {
        /// Pages in the file.
        pages: usize,
    },
}

/// Most decompressed content read from one page (a real report page holds tens of KB).
const MAX_PAGE_CONTENT: usize = 32 * 1024 * 1024;
/// Deepest nesting of form XObjects followed (forms inside forms).
const MAX_FORM_DEPTH: usize = 8;
/// Most glyphs read from the whole file: far above any report (a 6-page report has ~15 000).
const MAX_GLYPHS: usize = 2_000_000;

/// One glyph placed on the page: its left edge, baseline, advance and size, in points.
#[derive(Debug, Clone)]
struct Glyph {
    x: f32,
    y: f32,
    width: f32,
    size: f32,
    text: String,
}

/// The page text of a PDF, in layout (see the module doc). Pages are separated by '\u{c}'.
pub fn to_text(bytes: &[u8]) -> Result<String, PdfError> {
    let doc = Document::load_mem(bytes).map_err(|e| match e {
        lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword => PdfError::Encrypted,
        other => PdfError::Damaged(other.to_string()),
    })?;
    if doc.is_encrypted() && !doc.was_encrypted() {
        return Err(PdfError::Encrypted);
    }
    let pages = doc.get_pages();
    let mut fonts = FontCache::default();
    let mut out = String::new();
    let mut glyph_count = 0usize;
    let mut text_chars = 0usize;
    for (i, page_id) in pages.values().enumerate() {
        let glyphs = page_glyphs(&doc, *page_id, &mut fonts, &mut glyph_count);
        text_chars += glyphs
            .iter()
            .flat_map(|g| g.text.chars())
            .filter(|c| !c.is_whitespace())
            .count();
        if i > 0 {
            out.push('\u{c}');
        }
        out.push_str(&layout(glyphs));
    }
    if text_chars < 20 {
        return Err(PdfError::NoText { pages: pages.len() });
    }
    Ok(out)
}

/// A font as the text extraction needs it: how its codes decode, how wide each glyph is.
struct Font {
    /// Bytes per character code (2 for Type0 fonts with a two-byte CMap, 1 otherwise).
    code_len: usize,
    /// Code → text, from the ToUnicode CMap or the simple encoding.
    decode: HashMap<u32, String>,
    /// Code → width in thousandths of the font size.
    widths: HashMap<u32, f32>,
    default_width: f32,
    /// Vertical writing (Identity-V): glyphs advance down the page.
    vertical: bool,
}

#[derive(Default)]
struct FontCache {
    by_id: HashMap<ObjectId, std::rc::Rc<Font>>,
}

impl FontCache {
    fn get(&mut self, doc: &Document, font: &Object) -> Option<std::rc::Rc<Font>> {
        let id = font.as_reference().ok();
        if let Some(found) = id.and_then(|id| self.by_id.get(&id)) {
            return Some(found.clone());
        }
        let dict = match font {
            Object::Reference(id) => doc.get_dictionary(*id).ok()?,
            Object::Dictionary(d) => d,
            _ => return None,
        };
        let parsed = std::rc::Rc::new(read_font(doc, dict));
        if let Some(id) = id {
            self.by_id.insert(id, parsed.clone());
        }
        Some(parsed)
    }
}

fn number(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(o),
        _ => o,
    }
}

fn read_font(doc: &Document, dict: &Dictionary) -> Font {
    let subtype = dict
        .get(b"Subtype")
        .and_then(Object::as_name)
        .unwrap_or(b"");
    let type0 = subtype == b"Type0";
    let encoding_name = dict
        .get(b"Encoding")
        .map(|o| deref(doc, o))
        .and_then(Object::as_name)
        .unwrap_or(b"");
    let mut font = Font {
        code_len: if type0 { 2 } else { 1 },
        decode: HashMap::new(),
        widths: HashMap::new(),
        default_width: if type0 { 1000.0 } else { 500.0 },
        vertical: encoding_name.ends_with(b"-V"),
    };
    // Widths.
    if type0 {
        let descendant = dict
            .get(b"DescendantFonts")
            .map(|o| deref(doc, o))
            .and_then(Object::as_array)
            .ok()
            .and_then(|a| a.first())
            .map(|o| deref(doc, o))
            .and_then(|o| o.as_dict().ok());
        if let Some(d) = descendant {
            if let Some(dw) = d.get(b"DW").ok().and_then(number) {
                font.default_width = dw;
            }
            if let Ok(w) = d
                .get(b"W")
                .map(|o| deref(doc, o))
                .and_then(Object::as_array)
            {
                read_cid_widths(doc, w, &mut font.widths);
            }
        }
    } else {
        let first = dict.get(b"FirstChar").ok().and_then(number).unwrap_or(0.0) as u32;
        if let Ok(w) = dict
            .get(b"Widths")
            .map(|o| deref(doc, o))
            .and_then(Object::as_array)
        {
            for (i, o) in w.iter().enumerate() {
                if let Some(n) = number(deref(doc, o)) {
                    font.widths.insert(first + i as u32, n);
                }
            }
        }
        if let Some(missing) = dict
            .get(b"FontDescriptor")
            .map(|o| deref(doc, o))
            .and_then(Object::as_dict)
            .ok()
            .and_then(|fd| fd.get(b"MissingWidth").ok().and_then(number))
            .filter(|w| *w > 0.0)
        {
            font.default_width = missing;
        }
    }
    // Characters: the ToUnicode CMap when there is one, else the simple encoding.
    let encoding = dict.get_font_encoding(doc).ok();
    let to_unicode = dict
        .get(b"ToUnicode")
        .map(|o| deref(doc, o))
        .and_then(Object::as_stream)
        .ok()
        .and_then(|s| s.decompressed_content().ok().or(Some(s.content.clone())));
    let cmap = to_unicode.and_then(|data| parse_to_unicode(&data));
    match cmap {
        Some(map) => font.decode = map,
        None => {
            if let Some(enc) = encoding {
                let codes: Vec<u32> = if font.code_len == 2 {
                    Vec::new()
                } else {
                    (0..=255).collect()
                };
                for code in codes {
                    let bytes = [code as u8];
                    if let Ok(s) = enc.bytes_to_string(&bytes)
                        && !s.is_empty()
                        && !s.contains('\u{fffd}')
                    {
                        font.decode.insert(code, s);
                    }
                }
            }
            if font.code_len == 2 && encoding_name.starts_with(b"Uni") {
                // UniGB-UCS2-H and the like: the codes are UCS-2 (decoded per code below).
                font.decode.insert(u32::MAX, String::new());
            }
        }
    }
    font
}

/// The /W array of a CID font: `c [w1 w2 …]` or `c_first c_last w`.
fn read_cid_widths(doc: &Document, w: &[Object], widths: &mut HashMap<u32, f32>) {
    let mut i = 0;
    while i < w.len() {
        let Some(first) = number(deref(doc, &w[i])) else {
            break;
        };
        let first = first as u32;
        match w.get(i + 1).map(|o| deref(doc, o)) {
            Some(Object::Array(list)) => {
                for (k, o) in list.iter().enumerate().take(65_536) {
                    if let Some(n) = number(deref(doc, o)) {
                        widths.insert(first + k as u32, n);
                    }
                }
                i += 2;
            }
            Some(o) => {
                let (Some(last), Some(width)) = (number(o), w.get(i + 2).and_then(number)) else {
                    break;
                };
                let last = (last as u32).min(first.saturating_add(65_536));
                for c in first..=last {
                    widths.insert(c, width);
                }
                i += 3;
            }
            None => break,
        }
    }
}

/// A ToUnicode CMap's bfchar and bfrange entries: code → text.
fn parse_to_unicode(data: &[u8]) -> Option<HashMap<u32, String>> {
    let text = String::from_utf8_lossy(data);
    let mut map = HashMap::new();
    let hex = |s: &str| -> Option<Vec<u8>> {
        let s: String = s.chars().filter(|c| c.is_ascii_hexdigit()).collect();
        if s.is_empty() || s.len() % 2 != 0 {
            return None;
        }
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok())
            .collect()
    };
    let code_of = |b: &[u8]| b.iter().take(4).fold(0u32, |a, &x| (a << 8) | x as u32);
    let utf16 = |b: &[u8]| -> String {
        let units: Vec<u16> = b
            .chunks(2)
            .map(|c| ((c[0] as u16) << 8) | c.get(1).copied().unwrap_or(0) as u16)
            .collect();
        String::from_utf16_lossy(&units)
    };
    // Tokens: <hex>, [ ], words.
    let mut tokens: Vec<&str> = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'<' => {
                let end = text[i..].find('>').map_or(text.len(), |e| i + e + 1);
                tokens.push(&text[i..end]);
                i = end;
            }
            b'[' | b']' => {
                tokens.push(&text[i..i + 1]);
                i += 1;
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                let end = text[i..]
                    .find(|c: char| c.is_ascii_whitespace() || matches!(c, '<' | '[' | ']'))
                    .map_or(text.len(), |e| i + e);
                tokens.push(&text[i..end.max(i + 1)]);
                i = end.max(i + 1);
            }
        }
    }
    let mut t = 0;
    let mut mode = "";
    while t < tokens.len() {
        let tok = tokens[t];
        if tok == "beginbfchar" || tok == "beginbfrange" {
            mode = tok;
            t += 1;
            continue;
        }
        if tok.starts_with("end") {
            mode = "";
            t += 1;
            continue;
        }
        match mode {
            "beginbfchar" => {
                if let (Some(src), Some(dst)) = (hex(tok), tokens.get(t + 1).and_then(|d| hex(d))) {
                    map.insert(code_of(&src), utf16(&dst));
                }
                t += 2;
            }
            "beginbfrange" => {
                let (Some(lo), Some(hi)) = (hex(tok), tokens.get(t + 1).and_then(|d| hex(d)))
                else {
                    t += 1;
                    continue;
                };
                let (lo, hi) = (code_of(&lo), code_of(&hi));
                if hi < lo || hi - lo > 65_536 {
                    t += 3;
                    continue;
                }
                match tokens.get(t + 2).copied() {
                    Some("[") => {
                        let mut k = t + 3;
                        let mut code = lo;
                        while k < tokens.len() && tokens[k] != "]" {
                            if let Some(dst) = hex(tokens[k]) {
                                map.insert(code, utf16(&dst));
                            }
                            code += 1;
                            k += 1;
                        }
                        t = k + 1;
                    }
                    Some(dst) => {
                        if let Some(mut dst) = hex(dst) {
                            for code in lo..=hi {
                                map.insert(code, utf16(&dst));
                                // Increment the last UTF-16 unit.
                                if let Some(last) = dst.len().checked_sub(1) {
                                    let (v, carry) = dst[last].overflowing_add(1);
                                    dst[last] = v;
                                    if carry && last > 0 {
                                        dst[last - 1] = dst[last - 1].wrapping_add(1);
                                    }
                                }
                            }
                        }
                        t += 3;
                    }
                    None => break,
                }
            }
            _ => t += 1,
        }
    }
    (!map.is_empty()).then_some(map)
}

impl Font {
    /// (text, width in thousandths, is a single-byte space) for each code of a string.
    fn codes(&self, bytes: &[u8]) -> Vec<(String, f32, bool)> {
        let mut out = Vec::with_capacity(bytes.len() / self.code_len.max(1));
        for chunk in bytes.chunks(self.code_len) {
            let code = chunk.iter().fold(0u32, |a, &b| (a << 8) | b as u32);
            let text = match self.decode.get(&code) {
                Some(t) => t.clone(),
                None if self.decode.contains_key(&u32::MAX) => {
                    char::from_u32(code).map(String::from).unwrap_or_default()
                }
                None if self.code_len == 1 && (0x20..0x7f).contains(&code) => {
                    (code as u8 as char).to_string()
                }
                None => String::new(),
            };
            let width = self
                .widths
                .get(&code)
                .copied()
                .unwrap_or(self.default_width);
            out.push((text, width, self.code_len == 1 && code == 32));
        }
        out
    }
}

/// A 2D affine matrix [a b c d e f].
#[derive(Debug, Clone, Copy)]
struct Matrix([f32; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    fn mul(self, o: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = o.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    fn translate(x: f32, y: f32) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }

    fn from_operands(ops: &[Object]) -> Option<Matrix> {
        if ops.len() < 6 {
            return None;
        }
        let mut m = [0.0; 6];
        for (slot, o) in m.iter_mut().zip(ops) {
            *slot = number(o)?;
        }
        Some(Matrix(m))
    }
}

#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<std::rc::Rc<Font>>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    scale: f32,
    leading: f32,
    rise: f32,
}

/// Every glyph of a page, in content order.
fn page_glyphs(
    doc: &Document,
    page_id: ObjectId,
    fonts: &mut FontCache,
    count: &mut usize,
) -> Vec<Glyph> {
    let mut glyphs = Vec::new();
    let Ok(content) = doc.get_page_content_with_limit(page_id, MAX_PAGE_CONTENT) else {
        return glyphs;
    };
    let resources = page_resources(doc, page_id);
    let state = State {
        ctm: Matrix::IDENTITY,
        font: None,
        size: 0.0,
        char_spacing: 0.0,
        word_spacing: 0.0,
        scale: 1.0,
        leading: 0.0,
        rise: 0.0,
    };
    run(
        doc,
        &content,
        resources.as_ref(),
        state,
        fonts,
        &mut glyphs,
        count,
        0,
    );
    glyphs
}

/// The page's /Resources, inherited from its parents when it has none of its own.
fn page_resources(doc: &Document, page_id: ObjectId) -> Option<Dictionary> {
    let mut node = doc.get_dictionary(page_id).ok()?;
    for _ in 0..32 {
        if let Ok(r) = node.get(b"Resources") {
            return deref(doc, r).as_dict().ok().cloned();
        }
        node = node
            .get(b"Parent")
            .and_then(Object::as_reference)
            .and_then(|id| doc.get_dictionary(id))
            .ok()?;
    }
    None
}

/// Runs a content stream, collecting glyphs.
#[allow(clippy::too_many_arguments)]
fn run(
    doc: &Document,
    content: &[u8],
    resources: Option<&Dictionary>,
    mut gs: State,
    fonts: &mut FontCache,
    glyphs: &mut Vec<Glyph>,
    count: &mut usize,
    depth: usize,
) {
    let Ok(ops) = lopdf::content::Content::decode(content) else {
        return;
    };
    let font_dict = resources
        .and_then(|r| r.get(b"Font").ok())
        .map(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok());
    let xobjects = resources
        .and_then(|r| r.get(b"XObject").ok())
        .map(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok());
    let mut stack: Vec<State> = Vec::new();
    let mut tm = Matrix::IDENTITY;
    let mut tlm = Matrix::IDENTITY;
    for op in &ops.operations {
        let o = &op.operands;
        let num = |i: usize| o.get(i).and_then(number).unwrap_or(0.0);
        match op.operator.as_str() {
            "q" => {
                if stack.len() < 256 {
                    stack.push(gs.clone());
                }
            }
            "Q" => {
                if let Some(s) = stack.pop() {
                    gs = s;
                }
            }
            "cm" => {
                if let Some(m) = Matrix::from_operands(o) {
                    gs.ctm = m.mul(gs.ctm);
                }
            }
            "BT" => {
                tm = Matrix::IDENTITY;
                tlm = Matrix::IDENTITY;
            }
            "Tf" => {
                gs.size = num(1);
                gs.font = o
                    .first()
                    .and_then(|n| n.as_name().ok())
                    .and_then(|name| font_dict.and_then(|d| d.get(name).ok()))
                    .and_then(|f| fonts.get(doc, f));
            }
            "Tc" => gs.char_spacing = num(0),
            "Tw" => gs.word_spacing = num(0),
            "Tz" => gs.scale = num(0) / 100.0,
            "TL" => gs.leading = num(0),
            "Ts" => gs.rise = num(0),
            "Td" => {
                tlm = Matrix::translate(num(0), num(1)).mul(tlm);
                tm = tlm;
            }
            "TD" => {
                gs.leading = -num(1);
                tlm = Matrix::translate(num(0), num(1)).mul(tlm);
                tm = tlm;
            }
            "Tm" => {
                if let Some(m) = Matrix::from_operands(o) {
                    tlm = m;
                    tm = m;
                }
            }
            "T*" => {
                tlm = Matrix::translate(0.0, -gs.leading).mul(tlm);
                tm = tlm;
            }
            "Tj" | "'" | "\"" | "TJ" => {
                if matches!(op.operator.as_str(), "'" | "\"") {
                    tlm = Matrix::translate(0.0, -gs.leading).mul(tlm);
                    tm = tlm;
                }
                if op.operator == "\"" {
                    gs.word_spacing = num(0);
                    gs.char_spacing = num(1);
                }
                let parts: Vec<&Object> = match op.operator.as_str() {
                    "TJ" => o
                        .first()
                        .and_then(|a| a.as_array().ok())
                        .map(|a| a.iter().collect())
                        .unwrap_or_default(),
                    "\"" => o.get(2).into_iter().collect(),
                    _ => o.first().into_iter().collect(),
                };
                let Some(font) = gs.font.clone() else {
                    continue;
                };
                for part in parts {
                    match part {
                        Object::String(bytes, _) => {
                            for (text, w, space) in font.codes(bytes) {
                                let trm =
                                    Matrix([gs.size * gs.scale, 0.0, 0.0, gs.size, 0.0, gs.rise])
                                        .mul(tm)
                                        .mul(gs.ctm);
                                let m = trm.0;
                                let size = (m[2] * m[2] + m[3] * m[3]).sqrt();
                                let advance = if font.vertical {
                                    -(w / 1000.0 * gs.size + gs.char_spacing)
                                } else {
                                    (w / 1000.0 * gs.size
                                        + gs.char_spacing
                                        + if space { gs.word_spacing } else { 0.0 })
                                        * gs.scale
                                };
                                let width = (w / 1000.0) * (m[0] * m[0] + m[1] * m[1]).sqrt();
                                if !text.is_empty() && *count < MAX_GLYPHS && size > 0.0 {
                                    *count += 1;
                                    glyphs.push(Glyph {
                                        x: m[4],
                                        y: m[5],
                                        width,
                                        size,
                                        text,
                                    });
                                }
                                tm = if font.vertical {
                                    Matrix::translate(0.0, advance).mul(tm)
                                } else {
                                    Matrix::translate(advance, 0.0).mul(tm)
                                };
                            }
                        }
                        other => {
                            let n = number(other).unwrap_or(0.0);
                            let shift = -n / 1000.0 * gs.size;
                            tm = if font.vertical {
                                Matrix::translate(0.0, shift).mul(tm)
                            } else {
                                Matrix::translate(shift * gs.scale, 0.0).mul(tm)
                            };
                        }
                    }
                }
            }
            "Do" if depth < MAX_FORM_DEPTH => {
                let Some(stream) = o
                    .first()
                    .and_then(|n| n.as_name().ok())
                    .and_then(|name| xobjects.and_then(|d| d.get(name).ok()))
                    .map(|x| deref(doc, x))
                    .and_then(|x| x.as_stream().ok())
                else {
                    continue;
                };
                if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form") {
                    continue;
                }
                let Ok(data) = stream.decompressed_content_with_limit(MAX_PAGE_CONTENT) else {
                    continue;
                };
                let mut inner = gs.clone();
                if let Some(m) = stream
                    .dict
                    .get(b"Matrix")
                    .ok()
                    .and_then(|m| m.as_array().ok())
                    .and_then(|a| Matrix::from_operands(a))
                {
                    inner.ctm = m.mul(gs.ctm);
                }
                let form_resources = stream
                    .dict
                    .get(b"Resources")
                    .ok()
                    .map(|r| deref(doc, r))
                    .and_then(|r| r.as_dict().ok())
                    .or(resources);
                run(
                    doc,
                    &data,
                    form_resources,
                    inner,
                    fonts,
                    glyphs,
                    count,
                    depth + 1,
                );
            }
            _ => {}
        }
    }
}

/// Lays a page's glyphs out as text lines (see the module doc).
fn layout(mut glyphs: Vec<Glyph>) -> String {
    glyphs.retain(|g| g.x.is_finite() && g.y.is_finite() && g.size.is_finite());
    if glyphs.is_empty() {
        return String::new();
    }
    // The body text size: the commonest glyph size, for the width of a column.
    let mut sizes: Vec<i32> = glyphs
        .iter()
        .map(|g| (g.size * 2.0).round() as i32)
        .collect();
    sizes.sort_unstable();
    let mut best = (sizes[0], 0);
    let mut run_start = 0;
    for i in 1..=sizes.len() {
        if i == sizes.len() || sizes[i] != sizes[run_start] {
            if i - run_start > best.1 {
                best = (sizes[run_start], i - run_start);
            }
            run_start = i;
        }
    }
    let body_size = (best.0 as f32 / 2.0).max(1.0);
    // A space of layout text is half the body size (one Latin column).
    let column = body_size / 2.0;
    // Lines: glyphs sorted top to bottom, a new line when the baseline moves by more than
    // half a glyph.
    glyphs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<Vec<Glyph>> = Vec::new();
    let mut line_y = f32::NAN;
    for g in glyphs {
        let tolerance = g.size.min(body_size) * 0.5;
        if lines.is_empty() || (line_y - g.y).abs() > tolerance {
            line_y = g.y;
            lines.push(vec![g]);
        } else if let Some(line) = lines.last_mut() {
            line.push(g);
        }
    }
    let left = lines
        .iter()
        .flat_map(|l| l.iter().map(|g| g.x))
        .fold(f32::INFINITY, f32::min);
    let mut out = String::new();
    for mut line in lines {
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
        let mut text = String::new();
        let first_x = line.first().map_or(left, |g| g.x);
        let indent = ((first_x - left) / column).round().clamp(0.0, 200.0) as usize;
        text.push_str(&" ".repeat(indent));
        let mut end: Option<f32> = None;
        for g in &line {
            if let Some(e) = end {
                let gap = g.x - e;
                // Overprinted duplicates (fake bold): the same glyph at almost the same place.
                if gap < -g.size * 0.3 && text.ends_with(g.text.as_str()) {
                    continue;
                }
                if gap > g.size.min(body_size) * 0.25 {
                    let spaces = ((gap / column).round() as usize).clamp(1, 200);
                    text.push_str(&" ".repeat(spaces));
                }
            }
            text.push_str(&g.text);
            end = Some(g.x + g.width.max(0.0));
        }
        out.push_str(text.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_unicode_cmaps_parse() {
        let cmap = b"begincmap 2 beginbfchar <0003> <0020> <0010> <4E00> endbfchar \
            1 beginbfrange <0020> <0022> <0041> endbfrange \
            1 beginbfrange <0030> <0031> [<4E8C> <4E09>] endbfrange endcmap";
        let map = parse_to_unicode(cmap).expect("parsed");
        assert_eq!(map.get(&0x10).map(String::as_str), Some("一"));
        assert_eq!(map.get(&0x22).map(String::as_str), Some("C"));
        assert_eq!(map.get(&0x31).map(String::as_str), Some("三"));
    }

    #[test]
    fn garbage_is_damaged_not_a_panic() {
        assert!(matches!(
            to_text(b"%PDF-1.7\nnot really"),
            Err(PdfError::Damaged(_))
        ));
    }
}
