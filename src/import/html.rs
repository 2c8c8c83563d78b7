//! HTML to plain text, for report pages saved from a website or exported from Word.
//!
//! A careful tag-stripper rather than an HTML5 parser (html5ever and its tree are heavy
//! to build on a small machine, and the importer needs no tree): every table cell,
//! paragraph, line break and block ends a line, as in text copied from a browser; the
//! contents of `<head>`, `<script>`, `<style>` and Word's `<xml>` are dropped, as are
//! comments (Word's conditional ones too) and `<o:p>`; entities are decoded. Malformed
//! markup never fails: whatever is not a tag is text.

/// True when the text looks like an HTML page or fragment rather than plain text.
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .chars()
        .take(20_000)
        .flat_map(char::to_lowercase)
        .collect();
    [
        "<html",
        "<body",
        "<table",
        "<div",
        "<!doctype",
        "<td",
        "<br",
    ]
    .iter()
    .any(|t| head.contains(t))
        || (head.contains("<p") && head.contains("</p>"))
}

/// Tags after which text continues on a new line.
const BLOCK_TAGS: [&str; 24] = [
    "p",
    "div",
    "br",
    "tr",
    "td",
    "th",
    "li",
    "ul",
    "ol",
    "table",
    "tbody",
    "thead",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "title",
    "caption",
    "hr",
    "blockquote",
];

/// Elements whose content is not part of the page's text.
const SKIPPED: [&str; 6] = ["script", "style", "head", "xml", "noscript", "template"];

/// The text of an HTML document, one line per block or table cell. The `<title>` comes
/// first (it often holds the report's title when the page body does not).
pub fn to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut title = String::new();
    let mut rest = html;
    // Name of the element whose content is being skipped, if any.
    let mut skipping: Option<String> = None;
    let mut in_title = false;
    // Where the text of the open table cell starts.
    let mut cell_start: Option<usize> = None;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            push_text(&mut out, &mut title, in_title, skipping.is_some(), rest);
            break;
        };
        push_text(
            &mut out,
            &mut title,
            in_title,
            skipping.is_some(),
            &rest[..lt],
        );
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let Some(gt) = tag_end(rest) else {
            // A lone "<" in text.
            push_text(&mut out, &mut title, in_title, skipping.is_some(), "<");
            rest = &rest[1..];
            continue;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == ':')
            .flat_map(char::to_lowercase)
            .collect();
        if let Some(skipped) = &skipping {
            if closing && name == *skipped {
                skipping = None;
            }
            if name == "title" {
                in_title = !closing;
            }
            continue;
        }
        if name == "title" {
            in_title = !closing;
            continue;
        }
        if !closing && SKIPPED.contains(&name.as_str()) && !tag.trim_end().ends_with('/') {
            skipping = Some(name);
            continue;
        }
        if matches!(name.as_str(), "td" | "th") {
            // An empty cell is a blank, not nothing: mark it, so a row with a blank cell
            // is not read as cells run together.
            if closing {
                if cell_start.is_some_and(|start| out[start..].trim().is_empty()) {
                    out.push(super::split::EMPTY_CELL);
                }
                cell_start = None;
            } else {
                out.push('\n');
                cell_start = Some(out.len());
            }
        }
        if BLOCK_TAGS.contains(&name.as_str()) {
            out.push('\n');
        }
    }
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() {
        out
    } else {
        format!("{title}\n{out}")
    }
}

/// Where a tag that starts at `text[0] == '<'` ends ('>' outside quotes), if it is a tag.
fn tag_end(text: &str) -> Option<usize> {
    let second = text[1..].chars().next()?;
    if !(second.is_ascii_alphabetic() || matches!(second, '/' | '!' | '?')) {
        return None;
    }
    let mut quote: Option<char> = None;
    for (i, c) in text.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i),
            (None, '<') => return None,
            _ => {}
        }
    }
    None
}

/// Appends a text node: whitespace collapsed to one space (as a browser shows it), entities
/// decoded.
fn push_text(out: &mut String, title: &mut String, in_title: bool, skipping: bool, raw: &str) {
    if raw.is_empty() {
        return;
    }
    let decoded = decode_entities(raw);
    if in_title {
        title.push_str(&decoded);
        return;
    }
    if skipping {
        return;
    }
    let mut last_space = out.ends_with([' ', '\n']);
    for c in decoded.chars() {
        if c.is_whitespace() && c != '\u{a0}' && c != '\u{3000}' {
            if !last_space {
                out.push(' ');
                last_space = true;
            }
        } else {
            out.push(c);
            last_space = false;
        }
    }
}

/// Decodes character references: numeric ones and the named ones report pages use.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest
            .char_indices()
            .take(12)
            .find(|&(_, c)| c == ';')
            .map(|(i, _)| i);
        let decoded = end.and_then(|end| entity(&rest[1..end]).map(|c| (c, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match name {
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "middot" => '·',
        "times" => '×',
        "deg" => '°',
        "copy" => '©',
        "laquo" => '«',
        "raquo" => '»',
        "yen" => '¥',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_html_becomes_lines() {
        let html = "<html><head><title>某局2024年报</title><style>p{mso-x:1}</style>\
            <!--[if gte mso 9]><xml><w:x>1</w:x></xml><![endif]--></head><body>\
            <p class=MsoNormal><span style='mso-bidi-font-size:10.5pt'>一、总体\n情况<o:p></o:p></span></p>\
            <table><tr><td><p>规章</p></td><td>1&nbsp;</td><td>&#50;</td></tr></table>\
            <p>A&amp;B &lt; &ldquo;x&rdquo; a<b</p></body></html>";
        let text = to_text(html);
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(
            lines,
            [
                "某局2024年报",
                "一、总体 情况",
                "规章",
                "1",
                "2",
                "A&B < “x” a<b"
            ]
        );
    }

    #[test]
    fn broken_markup_never_fails() {
        for html in [
            "<",
            "<p",
            "<!--",
            "&#xFFFFFFFF;",
            "&#0;",
            "<script>",
            "<a href='>",
        ] {
            let _ = to_text(html);
        }
    }
}
