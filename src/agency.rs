//! Agency names: telling whether two names are the same unit's. A unit writes its name
//! more than one way from year to year and from form to form: full- or half-width,
//! spaced, 人民政府 or 政府, with its county or city in front or not.

use crate::model::Report;

/// Every name a report goes by (full, short, 落款), as written, trimmed, without repeats.
pub fn names(report: &Report) -> Vec<&str> {
    let d = &report.details;
    let mut names: Vec<&str> = Vec::new();
    for name in [&d.agency_name, &d.agency_short_name, &d.signatory] {
        let name = name.trim();
        if !name.is_empty() && !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// True when two names are one unit's: equal as written, equal once normalised
/// ([`normalise_name`]), or equal but for a place in front of one of them
/// ([`same_but_place`]).
pub fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    if a == b {
        return true;
    }
    let (a, b) = (normalise_name(a), normalise_name(b));
    !a.is_empty() && (a == b || same_but_place(&a, &b))
}

/// An agency name for comparing: full-width letters and digits made half-width,
/// whitespace and punctuation dropped, Latin letters lower-cased, and 人民政府 written
/// 政府 (a unit names itself either way: 某县人民政府办公室, 某县政府办公室).
pub fn normalise_name(name: &str) -> String {
    let name: String = name
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .filter(|c| !c.is_whitespace() && !c.is_ascii_punctuation() && !is_cjk_punctuation(*c))
        .flat_map(char::to_lowercase)
        .collect();
    name.replace("人民政府", "政府")
}

/// Characters a place name ends with (某省, 某市, 某县, 某区, 某旗, 某州, 某盟).
const PLACE_ENDS: [char; 7] = ['省', '市', '县', '区', '旗', '州', '盟'];

/// Fewest characters a name keeps once its place prefix is taken off: "政府" alone
/// (from 某市政府) names no unit.
const MIN_UNPREFIXED_CHARS: usize = 3;

/// The shorter forms of a normalised name without the place in front: each tail that
/// follows a place word, longest first ("某县某某镇政府" → ["某某镇政府"]).
pub fn unprefixed(name: &str) -> Vec<&str> {
    name.char_indices()
        .filter(|&(_, c)| PLACE_ENDS.contains(&c))
        .map(|(i, c)| &name[i + c.len_utf8()..])
        .filter(|tail| tail.chars().count() >= MIN_UNPREFIXED_CHARS)
        .collect()
}

/// True when two normalised names differ only by a place in front of one of them
/// (某县某某镇政府 and 某某镇政府). Two names with different places in front (甲县教育局,
/// 乙县教育局) are never the same.
pub fn same_but_place(a: &str, b: &str) -> bool {
    a != b && (unprefixed(a).contains(&b) || unprefixed(b).contains(&a))
}

fn is_cjk_punctuation(c: char) -> bool {
    matches!(c, '\u{3001}'..='\u{3011}' | '\u{3014}'..='\u{301F}' | '\u{2010}'..='\u{2027}' | '·')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalised_names_match() {
        assert_eq!(
            normalise_name("示例县 人民政府（办公室）"),
            normalise_name("示例县人民政府(办公室)")
        );
        assert_eq!(normalise_name("ＡＢＣ局"), "abc局");
        assert_eq!(
            normalise_name("示例县人民政府办公室"),
            normalise_name("示例县政府办公室")
        );
    }

    #[test]
    fn a_place_in_front_is_the_same_unit_but_another_place_is_not() {
        let n = |s: &str| normalise_name(s);
        assert!(same_but_place(
            &n("某县某某镇人民政府"),
            &n("某某镇人民政府")
        ));
        assert!(same_but_place(
            &n("某某镇政府"),
            &n("某市某县某某镇人民政府")
        ));
        assert!(same_but_place(&n("甲市乙区教育局"), &n("乙区教育局")));
        assert!(!same_but_place(&n("甲县教育局"), &n("乙县教育局")));
        assert!(!same_but_place(&n("甲市人民政府"), &n("乙市人民政府")));
        assert!(!same_but_place(&n("某市人民政府"), &n("政府")));
        assert!(!same_but_place(&n("教育局"), &n("教育局")));
    }

    #[test]
    fn one_unit_under_its_names() {
        assert!(same_name("淮安市洪泽区人民政府", "洪泽区政府"));
        assert!(same_name("某县　自然资源局", "某县自然资源局"));
        assert!(!same_name("淮安市洪泽区人民政府", "某县自然资源和规划局"));
        assert!(!same_name("", "某局"));
    }
}
