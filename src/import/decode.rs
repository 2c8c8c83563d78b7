//! Bytes to text: the encodings published reports come in (UTF-8, UTF-16 with a BOM, and
//! the GB18030 family that many government sites still serve), and the files that are not
//! text at all, named so the user knows what to do instead.

use super::ImportError;

/// Largest file read: a real report page, even Word-exported HTML, is well under 5 MB.
pub const MAX_INPUT_BYTES: usize = 20 * 1024 * 1024;

/// Decodes a file's bytes, or says why it is not a text or HTML file.
pub fn decode(bytes: &[u8]) -> Result<String, ImportError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(ImportError::TooLarge { bytes: bytes.len() });
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ImportError::Empty);
    }
    if let Some(kind) = known_binary(bytes) {
        return Err(ImportError::Binary { kind });
    }
    let (encoding, rest) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (encoding_rs::UTF_8, rest)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        (encoding_rs::UTF_16LE, rest)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (encoding_rs::UTF_16BE, rest)
    } else if std::str::from_utf8(bytes).is_ok() {
        (encoding_rs::UTF_8, bytes)
    } else {
        // Not UTF-8: a Chinese page is then almost always GBK / GB2312 / GB18030
        // (GB18030 decodes all three); Big5 when the page says so.
        let declared = declared_charset(bytes);
        let encoding = match declared.as_deref() {
            Some("big5") => encoding_rs::BIG5,
            _ => encoding_rs::GB18030,
        };
        (encoding, bytes)
    };
    let text = encoding
        .decode_without_bom_handling_and_without_replacement(rest)
        .ok_or(ImportError::Binary {
            kind: "无法识别的编码或二进制数据",
        })?;
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if controls * 20 > text.chars().count().max(1) || text.contains('\0') {
        return Err(ImportError::Binary {
            kind: "二进制数据"
        });
    }
    Ok(text.into_owned())
}

/// Names a file type by its magic number, for the ones people try to import by mistake.
fn known_binary(bytes: &[u8]) -> Option<&'static str> {
    let table: [(&[u8], &'static str); 6] = [
        (
            b"PK\x03\x04",
            "压缩文件或 Word/WPS 文档（.docx）（请另存为网页或纯文本再导入）",
        ),
        (
            b"\xD0\xCF\x11\xE0",
            "Word/WPS 旧格式文档（.doc）（请另存为网页或纯文本再导入）",
        ),
        (b"\x89PNG", "PNG 图片"),
        (b"\xFF\xD8\xFF", "JPEG 图片"),
        (b"GIF8", "GIF 图片"),
        (b"{\\rtf", "RTF 文档（请另存为网页或纯文本再导入）"),
    ];
    table
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, kind)| *kind)
}

/// The charset an HTML page declares in its first 4 KB (`charset=gbk`), lower-cased.
fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = lower.windows(8).position(|w| w == b"charset=")? + 8;
    let name: String = lower[at..]
        .iter()
        .skip_while(|b| matches!(b, b'"' | b'\'' | b' '))
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
        .map(|&b| b as char)
        .collect();
    Some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_pages_decode() {
        let (bytes, _, _) = encoding_rs::GBK.encode("一、总体情况");
        assert_eq!(decode(&bytes).ok().as_deref(), Some("一、总体情况"));
    }

    #[test]
    fn binaries_are_named() {
        assert!(matches!(
            decode(b"\x89PNG\r\n..."),
            Err(ImportError::Binary { .. })
        ));
        assert!(matches!(decode(b"  \n"), Err(ImportError::Empty)));
        assert!(matches!(
            decode(&[0u8, 159, 146, 150, 0, 1, 2]),
            Err(ImportError::Binary { .. })
        ));
    }
}
